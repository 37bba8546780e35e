//! Dense layer on weights packed once: `out[rows, n] = x[rows, k] @ w[k, n] + b[n]`.
//!
//! [`PackedWeights`] stores `w` as panels of [`PANEL`] columns (`k x 32` floats each, contiguous,
//! the last one zero-padded, starting on a cache line), built when a network is loaded. The kernel
//! walks a group of panels at a time: a block of rows keeps its accumulators (bias first) in
//! registers and takes one fused multiply-add per `k` and column, while the panels stay in L1 for
//! every block of rows. Nothing is packed per call, which is what a GEMM library costs on every
//! call and what dominates with a few rows.
//!
//! AVX-512: blocks of 8 rows over one panel (16 accumulator registers), and the last `rows % 8`
//! rows in a single block: up to 4 rows over two panels at once (up to 16 accumulators, the odd
//! last panel alone), 5 to 7 over one. With a few rows the kernel is bound by streaming the
//! weights from L2, so each pass over them counts: 3 rows as blocks of 2 and 1 took 5.5 us for
//! one member's 4-200-200-200-9 forward pass, as one block 3.2 us (2 rows: 2.8 us). Four panels
//! for one row measured slower (1.21 against 0.98 us for a 200 x 200 layer). AVX2+FMA: blocks of 2
//! rows over one panel (8 accumulators). Anything else: a plain loop. The widest path the CPU has
//! is picked at run time. The sum over `k` runs in order with one rounding per step, so a row's
//! result does not depend on the other rows of the call or on the block it falls in.

// `w`, `x`, `b`, `k`, `n` are the GEMM letters.
#![allow(clippy::many_single_char_names)]

use std::ops::Range;

use crate::activation::Activation;

/// Columns per panel (two AVX-512 vectors, four AVX2 vectors).
pub const PANEL: usize = 32;

/// A panel's worth of outputs (or biases).
type Lane = [f32; PANEL];

/// `w[k, n]` packed into panels of [`PANEL`] columns.
#[derive(Debug, Clone, PartialEq)]
pub struct PackedWeights {
    k: usize,
    n: usize,
    /// Panel `p` is `data[p * k * PANEL..(p + 1) * k * PANEL]`, row `kk` of it `PANEL` columns.
    data: Aligned,
    /// One bias lane per panel.
    bias: Vec<Lane>,
}

impl PackedWeights {
    /// Packs row-major `w[k, n]` and its bias `b[n]`.
    ///
    /// # Panics
    /// If `w` has fewer than `k * n` values or `b` fewer than `n`.
    #[must_use]
    pub fn new(w: &[f32], b: &[f32], k: usize, n: usize) -> Self {
        let panels = n.div_ceil(PANEL);
        let mut data = Aligned::zeros(panels * k * PANEL);
        let packed = data.as_mut_slice();
        for (kk, row) in w[..k * n].chunks_exact(n.max(1)).enumerate() {
            for (j, &v) in row.iter().enumerate() {
                packed[((j / PANEL) * k + kk) * PANEL + j % PANEL] = v;
            }
        }
        let mut bias = vec![[0.0; PANEL]; panels];
        for (j, &v) in b[..n].iter().enumerate() {
            bias[j / PANEL][j % PANEL] = v;
        }
        Self { k, n, data, bias }
    }

    /// Input width `k`.
    #[must_use]
    pub const fn inputs(&self) -> usize {
        self.k
    }

    /// Output width `n`.
    #[must_use]
    pub const fn outputs(&self) -> usize {
        self.n
    }

    /// Number of panels.
    const fn panels(&self) -> usize {
        self.bias.len()
    }
}

/// Cache-line size: the packed weights start on one, so that no 64-byte vector load of them
/// straddles two lines (which doubles the cache traffic of a kernel bound by it: a 10-path
/// rollout took 0.83 or 1.6 ms depending on where the allocator had put the weights).
const LINE: usize = 64;

/// A zero-initialised `f32` buffer whose first value sits on a cache-line boundary.
#[derive(Debug)]
struct Aligned {
    buf: Vec<f32>,
    start: usize,
    len: usize,
}

impl Aligned {
    fn zeros(len: usize) -> Self {
        let buf = vec![0.0; len + LINE / 4];
        let start = buf.as_ptr().align_offset(LINE).min(LINE / 4);
        Self { buf, start, len }
    }

    fn as_slice(&self) -> &[f32] {
        &self.buf[self.start..self.start + self.len]
    }

    fn as_mut_slice(&mut self) -> &mut [f32] {
        &mut self.buf[self.start..self.start + self.len]
    }
}

impl Clone for Aligned {
    fn clone(&self) -> Self {
        let mut copy = Self::zeros(self.len);
        copy.as_mut_slice().copy_from_slice(self.as_slice());
        copy
    }
}

impl PartialEq for Aligned {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

/// `out[rows, n] = x[rows, k] @ w + b`.
///
/// # Panics
/// If `x` has fewer than `rows * k` values or `out` fewer than `rows * n`.
pub fn dense_packed(
    x: &[f32],
    rows: usize,
    w: &PackedWeights,
    activation: Option<Activation>,
    out: &mut [f32],
) {
    let (x, out) = (&x[..rows * w.k], &mut out[..rows * w.n]);
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        if has!("avx512f") {
            // SAFETY: the CPU has the feature `x86::dense_avx512` is compiled for.
            #[allow(unsafe_code)]
            unsafe {
                x86::dense_avx512(x, rows, w, activation, out);
            }
            return;
        }
        if has!("avx2") && has!("fma") {
            // SAFETY: the CPU has the features `x86::dense_avx2` is compiled for.
            #[allow(unsafe_code)]
            unsafe {
                x86::dense_avx2(x, rows, w, activation, out);
            }
            return;
        }
    }
    let all = 0..w.panels();
    for_each_block::<1, 1>(x, rows, w, activation, out, all, |[xr], panels, [bias]| {
        let mut acc = *bias;
        for (wrow, &xv) in panels.chunks_exact(PANEL).zip(xr) {
            for (a, &wj) in acc.iter_mut().zip(wrow) {
                *a += xv * wj;
            }
        }
        [[acc]]
    });
}

/// Runs `kernel(R rows of x, G panels, their G bias lanes) -> [row][panel] outputs` over every
/// group of `G` panels in `panels` and block of `R` rows (`rows` is a multiple of `R`, the number
/// of panels in `panels` a multiple of `G`), and writes the outputs.
#[inline(always)]
#[allow(clippy::inline_always)] // inlines into the target-feature wrappers with the kernel
fn for_each_block<const R: usize, const G: usize>(
    x: &[f32],
    rows: usize,
    w: &PackedWeights,
    activation: Option<Activation>,
    out: &mut [f32],
    panels: Range<usize>,
    mut kernel: impl FnMut([&[f32]; R], &[f32], &[Lane; G]) -> [[Lane; G]; R],
) {
    let (k, n) = (w.k, w.n);
    for r in (0..rows).step_by(R) {
        let xs: [&[f32]; R] = std::array::from_fn(|i| &x[(r + i) * k..(r + i + 1) * k]);
        for p in panels.clone().step_by(G) {
            let data = &w.data.as_slice()[p * k * PANEL..(p + G) * k * PANEL];
            let bias: &[Lane; G] = w.bias[p..p + G].try_into().expect("G lanes");
            for (i, row) in kernel(xs, data, bias).iter_mut().enumerate() {
                for (q, lane) in row.iter_mut().enumerate() {
                    if let Some(act) = activation {
                        act.apply_lane(lane);
                    }
                    let c0 = (p + q) * PANEL;
                    let width = PANEL.min(n - c0);
                    let at = (r + i) * n + c0;
                    out[at..at + width].copy_from_slice(&lane[..width]);
                }
            }
        }
    }
}

/// The first `rows / R * R` rows in blocks of `R` over every panel; returns the rows done.
#[inline(always)]
#[allow(clippy::inline_always)]
fn blocks_of<const R: usize>(
    x: &[f32],
    rows: usize,
    w: &PackedWeights,
    activation: Option<Activation>,
    out: &mut [f32],
    kernel: impl FnMut([&[f32]; R], &[f32], &[Lane; 1]) -> [[Lane; 1]; R],
) -> usize {
    let m = rows / R * R;
    let (x, out) = (&x[..m * w.k], &mut out[..m * w.n]);
    for_each_block::<R, 1>(x, m, w, activation, out, 0..w.panels(), kernel);
    m
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    //! The x86 kernels: a panel of 32 columns is two AVX-512 or four AVX2 vectors.
    use std::arch::x86_64::{
        __m256, __m512, _mm256_fmadd_ps, _mm256_set1_ps, _mm512_fmadd_ps, _mm512_set1_ps,
    };

    use super::{blocks_of, for_each_block, Activation, Lane, PackedWeights, PANEL};

    #[target_feature(enable = "avx512f")]
    pub(super) fn dense_avx512(
        x: &[f32],
        rows: usize,
        w: &PackedWeights,
        act: Option<Activation>,
        out: &mut [f32],
    ) {
        let (k, n) = (w.k, w.n);
        let full = rows / 8 * 8;
        pass_512::<8, 1>(x, full, w, act, out);
        let (x, out) = (&x[full * k..], &mut out[full * n..]);
        // The last rows in one block, so that the weights are streamed once more at most.
        match rows - full {
            0 => {}
            1 => pass_512::<1, 2>(x, 1, w, act, out),
            2 => pass_512::<2, 2>(x, 2, w, act, out),
            3 => pass_512::<3, 2>(x, 3, w, act, out),
            4 => pass_512::<4, 2>(x, 4, w, act, out),
            5 => pass_512::<5, 1>(x, 5, w, act, out),
            6 => pass_512::<6, 1>(x, 6, w, act, out),
            _ => pass_512::<7, 1>(x, 7, w, act, out),
        }
    }

    /// `rows` (a multiple of `R`) over all panels, `G` at a time and the odd last one alone.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn pass_512<const R: usize, const G: usize>(
        x: &[f32],
        rows: usize,
        w: &PackedWeights,
        act: Option<Activation>,
        out: &mut [f32],
    ) {
        let panels = w.panels();
        let grouped = panels / G * G;
        for_each_block::<R, G>(x, rows, w, act, out, 0..grouped, |xs, p, b| {
            block_512(xs, p, b)
        });
        for_each_block::<R, 1>(x, rows, w, act, out, grouped..panels, |xs, p, b| {
            block_512(xs, p, b)
        });
    }

    #[target_feature(enable = "avx2,fma")]
    pub(super) fn dense_avx2(
        x: &[f32],
        rows: usize,
        w: &PackedWeights,
        act: Option<Activation>,
        out: &mut [f32],
    ) {
        let (k, n) = (w.k, w.n);
        let r = blocks_of::<2>(x, rows, w, act, out, |xs, p, b| block_256(xs, p, b));
        blocks_of::<1>(
            &x[r * k..],
            rows - r,
            w,
            act,
            &mut out[r * n..],
            |xs, p, b| block_256(xs, p, b),
        );
    }

    /// `R` rows times `G` panels: `R x G x 2` accumulators.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn block_512<const R: usize, const G: usize>(
        xs: [&[f32]; R],
        panels: &[f32],
        bias: &[Lane; G],
    ) -> [[Lane; G]; R] {
        let load = |v: &[f32]| -> __m512 { bytemuck::pod_read_unaligned(bytemuck::cast_slice(v)) };
        let k = xs[0].len();
        let halves = |lane: &[f32]| [load(&lane[..16]), load(&lane[16..PANEL])];
        let mut acc = [bias.map(|b| halves(&b)); R];
        for kk in 0..k {
            let wv: [[__m512; 2]; G] =
                std::array::from_fn(|q| halves(&panels[(q * k + kk) * PANEL..]));
            for (a, xr) in acc.iter_mut().zip(&xs) {
                let xv = _mm512_set1_ps(xr[kk]);
                for (aq, wq) in a.iter_mut().zip(&wv) {
                    aq[0] = _mm512_fmadd_ps(xv, wq[0], aq[0]);
                    aq[1] = _mm512_fmadd_ps(xv, wq[1], aq[1]);
                }
            }
        }
        acc.map(|row| {
            row.map(|[a0, a1]| {
                let mut lane = [0.0; PANEL];
                lane[..16].copy_from_slice(&bytemuck::cast::<__m512, [f32; 16]>(a0));
                lane[16..].copy_from_slice(&bytemuck::cast::<__m512, [f32; 16]>(a1));
                lane
            })
        })
    }

    /// `R` rows times one panel: `R x 4` accumulators.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn block_256<const R: usize>(
        xs: [&[f32]; R],
        panel: &[f32],
        bias: &[Lane; 1],
    ) -> [[Lane; 1]; R] {
        let load = |v: &[f32]| -> __m256 { bytemuck::pod_read_unaligned(bytemuck::cast_slice(v)) };
        let quarters = |lane: &[f32]| [0, 1, 2, 3].map(|q| load(&lane[q * 8..(q + 1) * 8]));
        let mut acc = [quarters(&bias[0]); R];
        for (kk, wrow) in panel.chunks_exact(PANEL).enumerate() {
            let wv = quarters(wrow);
            for (a, xr) in acc.iter_mut().zip(&xs) {
                let xv = _mm256_set1_ps(xr[kk]);
                for (aq, &wq) in a.iter_mut().zip(&wv) {
                    *aq = _mm256_fmadd_ps(xv, wq, *aq);
                }
            }
        }
        acc.map(|a| {
            let mut lane = [0.0; PANEL];
            for (q, v) in a.into_iter().enumerate() {
                lane[q * 8..(q + 1) * 8].copy_from_slice(&bytemuck::cast::<__m256, [f32; 8]>(v));
            }
            [lane]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn random(rng: &mut Rng, len: usize) -> Vec<f32> {
        (0..len).map(|_| rng.normal()).collect()
    }

    #[test]
    fn equals_a_naive_loop_for_every_width_and_row_count() {
        let mut rng = Rng::new(3);
        let shapes = [
            (1, 4, 200),
            (2, 200, 200),
            (3, 200, 9),
            (5, 7, 41),
            (8, 33, 1),
            (13, 5, 64),
            (30, 17, 33),
        ];
        for &(rows, k, n) in &shapes {
            let (x, w, b) = (
                random(&mut rng, rows * k),
                random(&mut rng, k * n),
                random(&mut rng, n),
            );
            let mut out = vec![f32::NAN; rows * n];
            dense_packed(&x, rows, &PackedWeights::new(&w, &b, k, n), None, &mut out);
            for r in 0..rows {
                for j in 0..n {
                    let want: f64 = f64::from(b[j])
                        + (0..k)
                            .map(|i| f64::from(x[r * k + i]) * f64::from(w[i * n + j]))
                            .sum::<f64>();
                    let got = f64::from(out[r * n + j]);
                    assert!(
                        (got - want).abs() <= 1e-4 * (1.0 + want.abs()),
                        "rows {rows} k {k} n {n} at ({r}, {j}): {got} vs {want}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_row_does_not_depend_on_the_other_rows() {
        // Rollouts group rows freely (work units, shards): every block size must give a row the
        // same bits as computing it alone.
        let mut rng = Rng::new(4);
        for (k, n) in [(200, 200), (17, 33), (9, 64)] {
            let (x, w, b) = (
                random(&mut rng, 17 * k),
                random(&mut rng, k * n),
                random(&mut rng, n),
            );
            let packed = PackedWeights::new(&w, &b, k, n);
            let alone: Vec<Vec<f32>> = (0..17)
                .map(|r| {
                    let mut one = vec![0.0; n];
                    dense_packed(&x[r * k..], 1, &packed, None, &mut one);
                    one
                })
                .collect();
            for rows in 2..=17 {
                let mut all = vec![0.0; rows * n];
                dense_packed(&x, rows, &packed, None, &mut all);
                for (r, one) in alone.iter().take(rows).enumerate() {
                    assert_eq!(
                        &all[r * n..(r + 1) * n],
                        &one[..],
                        "{k}x{n}, row {r} of {rows}"
                    );
                }
            }
        }
    }
}
