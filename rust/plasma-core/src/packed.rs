//! Dense layer on weights packed once: `out[rows, n] = x[rows, k] @ w[k, n] + b[n]`.
//!
//! [`PackedWeights`] stores `w` as panels of [`PANEL`] columns (`k x 32` floats each, contiguous),
//! the last one 16 columns wide when the remaining columns fit, built when a network is loaded.
//! The kernel walks a group of panels at a time: a block of rows keeps its accumulators (bias
//! first) in registers and takes one fused multiply-add per `k` and column, while the panels stay
//! in L1 for every block of rows, then applies the activation to the registers' values. Nothing is
//! packed per call, which is what a GEMM library costs on every call and what dominates with a few
//! rows. The narrow last panel spares a 200-wide layer 16 columns of zero padding (1000 x 100
//! rollout 51.5 -> 48.5 ms, CEM decision 287 -> 276 ms) and a 9-wide output layer 23. (Starting
//! the panels on a cache line measured no different: 1 row 0.95 against 1.02 us, 1024 rows 343
//! against 340 us, misaligned by 16 bytes.)
//!
//! AVX-512: blocks of 8 rows over one panel (16 accumulator registers), and the last `rows % 8`
//! rows in a single block: up to 4 rows over two panels at once (up to 16 accumulators, the odd
//! last panel alone), 5 to 7 over one. With a few rows the kernel is bound by streaming the
//! weights from L2, so each pass over them counts: 3 rows as blocks of 2 and 1 took 5.5 us for
//! one member's 4-200-200-200-9 forward pass, as one block 3.2 us (2 rows: 2.8 us). Four panels
//! for one row measured slower (1.21 against 0.98 us for a 200 x 200 layer). AVX2+FMA: blocks of 2
//! rows over one panel (8 accumulators). Anything else: a plain loop. The widest path the CPU has
//! is picked at run time. The sum over `k` runs in order with one fused multiply-add per step on
//! every path, so a row's result does not depend on the other rows of the call, on the block it
//! falls in, or on the instruction set.

// `w`, `x`, `b`, `k`, `n` are the GEMM letters.
#![allow(clippy::many_single_char_names)]

use std::ops::Range;

use crate::activation::Activation;

/// Columns per panel (two AVX-512 vectors, four AVX2 vectors).
pub const PANEL: usize = 32;

/// Columns of a narrow last panel (one AVX-512 vector): used when a layer's last columns fit in
/// it, e.g. the 8 beyond 192 of a 200-wide layer or a whole 9-wide output layer, so that they do
/// not stream and multiply a full panel of zero padding.
const NARROW: usize = 16;

/// A panel's worth of outputs (or biases).
type Lane = [f32; PANEL];

/// `w[k, n]` packed into panels of [`PANEL`] columns, the last one possibly 16 wide (`NARROW`).
#[derive(Debug, Clone, PartialEq)]
pub struct PackedWeights {
    k: usize,
    n: usize,
    /// Full-width panels.
    wide: usize,
    /// Whether a narrow panel follows them.
    narrow: bool,
    /// Panel `p` starts at `data[p * k * PANEL]`: `k` rows of its width (`PANEL`, or `NARROW`
    /// for the narrow last one).
    data: Vec<f32>,
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
        let rest = n % PANEL;
        let narrow = rest > 0 && rest <= NARROW;
        let wide = n / PANEL + usize::from(rest > NARROW);
        let panels = wide + usize::from(narrow);
        let mut data = vec![0.0; wide * k * PANEL + usize::from(narrow) * k * NARROW];
        for (kk, row) in w[..k * n].chunks_exact(n.max(1)).enumerate() {
            for (j, &v) in row.iter().enumerate() {
                let (p, col) = (j / PANEL, j % PANEL);
                let width = if p < wide { PANEL } else { NARROW };
                data[p * k * PANEL + kk * width + col] = v;
            }
        }
        let mut bias = vec![[0.0; PANEL]; panels];
        for (j, &v) in b[..n].iter().enumerate() {
            bias[j / PANEL][j % PANEL] = v;
        }
        Self {
            k,
            n,
            wide,
            narrow,
            data,
            bias,
        }
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

    /// The full-width panels, and the narrow last one if there is one.
    fn panels(&self) -> (Range<usize>, Option<Range<usize>>) {
        let narrow = self.narrow.then_some(self.wide..self.wide + 1);
        (0..self.wide, narrow)
    }
}

/// `out[rows, n] = act(x[rows, k] @ w + b)` (no activation for `None`), on the widest
/// instruction set the CPU has.
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
    dense_on(Isa::best(), x, rows, w, activation, out);
}

/// The instruction sets the kernel is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Isa {
    Avx512,
    Avx2Fma,
    Plain,
}

impl Isa {
    const ALL: [Self; 3] = [Self::Avx512, Self::Avx2Fma, Self::Plain];

    fn best() -> Self {
        Self::ALL
            .into_iter()
            .find(|isa| isa.supported())
            .unwrap_or(Self::Plain)
    }

    /// Whether this CPU can run it (detected once, then a load of a cached flag).
    fn supported(self) -> bool {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::is_x86_feature_detected as has;
            match self {
                Self::Avx512 => has!("avx512f"),
                Self::Avx2Fma => has!("avx2") && has!("fma"),
                Self::Plain => true,
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            self == Self::Plain
        }
    }
}

/// [`dense_packed`] on the given instruction set (tests run every one the CPU has).
///
/// # Panics
/// If the CPU does not support `isa`, or as [`dense_packed`].
fn dense_on(
    isa: Isa,
    x: &[f32],
    rows: usize,
    w: &PackedWeights,
    activation: Option<Activation>,
    out: &mut [f32],
) {
    assert!(isa.supported(), "{isa:?} is not supported by this CPU");
    let (x, out) = (&x[..rows * w.k], &mut out[..rows * w.n]);
    match isa {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the CPU has the feature `x86::dense_avx512` is compiled for (asserted above).
        #[allow(unsafe_code)]
        Isa::Avx512 => unsafe { x86::dense_avx512(x, rows, w, activation, out) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the CPU has the features `x86::dense_avx2` is compiled for (asserted above).
        #[allow(unsafe_code)]
        Isa::Avx2Fma => unsafe { x86::dense_avx2(x, rows, w, activation, out) },
        _ => {
            blocks_of::<1>(x, rows, w, activation, out, plain::<PANEL>, plain::<NARROW>);
        }
    }
}

/// One row times one panel of width `W`, in plain code: a fused multiply-add per `k` as in the
/// SIMD kernels, so that every instruction set gives the same bits (one instruction where the
/// target has it, as on aarch64; a slow libm call on x86 CPUs older than AVX2, which is correct).
fn plain<const W: usize>([xr]: [&[f32]; 1], panel: &[f32], [bias]: &[Lane; 1]) -> [[Lane; 1]; 1] {
    let mut acc = *bias;
    for (wrow, &xv) in panel.chunks_exact(W).zip(xr) {
        for (a, &wj) in acc.iter_mut().zip(wrow) {
            *a = xv.mul_add(wj, *a);
        }
    }
    [[acc]]
}

/// Runs `kernel(R rows of x, G panels of width W, their G bias lanes) -> [row][panel] outputs`
/// over every group of `G` panels in `panels` and block of `R` rows (`rows` is a multiple of `R`,
/// the number of panels in `panels` a multiple of `G`), and writes the outputs.
#[inline(always)]
#[allow(clippy::inline_always)] // inlines into the target-feature wrappers with the kernel
fn for_each_block<const R: usize, const G: usize, const W: usize>(
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
            let data = &w.data[p * k * PANEL..p * k * PANEL + G * k * W];
            let bias: &[Lane; G] = w.bias[p..p + G].try_into().expect("G lanes");
            for (i, row) in kernel(xs, data, bias).iter_mut().enumerate() {
                for (q, lane) in row.iter_mut().enumerate() {
                    if let Some(act) = activation {
                        act.apply_lane(lane);
                    }
                    let c0 = (p + q) * PANEL;
                    let width = W.min(n - c0);
                    let at = (r + i) * n + c0;
                    out[at..at + width].copy_from_slice(&lane[..width]);
                }
            }
        }
    }
}

/// The first `rows / R * R` rows in blocks of `R` over every panel, one at a time (`wide` for
/// the full panels, `narrow` for a narrow last one); returns the rows done.
#[inline(always)]
#[allow(clippy::inline_always)]
fn blocks_of<const R: usize>(
    x: &[f32],
    rows: usize,
    w: &PackedWeights,
    act: Option<Activation>,
    out: &mut [f32],
    wide: impl FnMut([&[f32]; R], &[f32], &[Lane; 1]) -> [[Lane; 1]; R],
    narrow: impl FnMut([&[f32]; R], &[f32], &[Lane; 1]) -> [[Lane; 1]; R],
) -> usize {
    let m = rows / R * R;
    let (x, out) = (&x[..m * w.k], &mut out[..m * w.n]);
    let (full, last) = w.panels();
    for_each_block::<R, 1, PANEL>(x, m, w, act, out, full, wide);
    if let Some(last) = last {
        for_each_block::<R, 1, NARROW>(x, m, w, act, out, last, narrow);
    }
    m
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    //! The x86 kernels: a panel of 32 columns is two AVX-512 or four AVX2 vectors.
    use std::arch::x86_64::{
        __m256, __m512, _mm256_fmadd_ps, _mm256_set1_ps, _mm256_setzero_ps, _mm512_fmadd_ps,
        _mm512_set1_ps, _mm512_setzero_ps,
    };

    use super::{blocks_of, for_each_block, Activation, Lane, PackedWeights, NARROW, PANEL};

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

    /// `rows` (a multiple of `R`) over all panels: the full ones `G` at a time and the odd last
    /// one alone, then the narrow one.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn pass_512<const R: usize, const G: usize>(
        x: &[f32],
        rows: usize,
        w: &PackedWeights,
        act: Option<Activation>,
        out: &mut [f32],
    ) {
        let (full, narrow) = w.panels();
        let grouped = full.start..full.end / G * G;
        for_each_block::<R, G, PANEL>(x, rows, w, act, out, grouped.clone(), |xs, p, b| {
            block_512::<R, G, PANEL>(xs, p, b)
        });
        for_each_block::<R, 1, PANEL>(x, rows, w, act, out, grouped.end..full.end, |xs, p, b| {
            block_512::<R, 1, PANEL>(xs, p, b)
        });
        if let Some(last) = narrow {
            for_each_block::<R, 1, NARROW>(x, rows, w, act, out, last, |xs, p, b| {
                block_512::<R, 1, NARROW>(xs, p, b)
            });
        }
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
        let r = blocks_of::<2>(
            x,
            rows,
            w,
            act,
            out,
            |xs, p, b| block_256::<2, PANEL>(xs, p, b),
            |xs, p, b| block_256::<2, NARROW>(xs, p, b),
        );
        blocks_of::<1>(
            &x[r * k..],
            rows - r,
            w,
            act,
            &mut out[r * n..],
            |xs, p, b| block_256::<1, PANEL>(xs, p, b),
            |xs, p, b| block_256::<1, NARROW>(xs, p, b),
        );
    }

    /// `R` rows times `G` panels of width `W` (32 or 16): up to `R x G x 2` accumulators.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn block_512<const R: usize, const G: usize, const W: usize>(
        xs: [&[f32]; R],
        panels: &[f32],
        bias: &[Lane; G],
    ) -> [[Lane; G]; R] {
        let load = |v: &[f32]| -> __m512 { bytemuck::pod_read_unaligned(bytemuck::cast_slice(v)) };
        let k = xs[0].len();
        // A narrow panel is one vector: its second half stays zero and is never computed.
        let halves = |lane: &[f32]| {
            let second = if W == PANEL {
                load(&lane[16..PANEL])
            } else {
                _mm512_setzero_ps()
            };
            [load(&lane[..16]), second]
        };
        let mut acc = [bias.map(|b| halves(&b)); R];
        for kk in 0..k {
            let wv: [[__m512; 2]; G] = std::array::from_fn(|q| halves(&panels[(q * k + kk) * W..]));
            for (a, xr) in acc.iter_mut().zip(&xs) {
                let xv = _mm512_set1_ps(xr[kk]);
                for (aq, wq) in a.iter_mut().zip(&wv) {
                    aq[0] = _mm512_fmadd_ps(xv, wq[0], aq[0]);
                    if W == PANEL {
                        aq[1] = _mm512_fmadd_ps(xv, wq[1], aq[1]);
                    }
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

    /// `R` rows times one panel of width `W` (32 or 16): `R x W / 8` accumulators.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn block_256<const R: usize, const W: usize>(
        xs: [&[f32]; R],
        panel: &[f32],
        bias: &[Lane; 1],
    ) -> [[Lane; 1]; R] {
        let load = |v: &[f32]| -> __m256 { bytemuck::pod_read_unaligned(bytemuck::cast_slice(v)) };
        // The quarters beyond a narrow panel's width stay zero and are never computed.
        let quarters = |lane: &[f32]| {
            [0, 1, 2, 3].map(|q| {
                if q * 8 < W {
                    load(&lane[q * 8..(q + 1) * 8])
                } else {
                    _mm256_setzero_ps()
                }
            })
        };
        let mut acc = [quarters(&bias[0]); R];
        for (kk, wrow) in panel.chunks_exact(W).enumerate() {
            let wv = quarters(wrow);
            for (a, xr) in acc.iter_mut().zip(&xs) {
                let xv = _mm256_set1_ps(xr[kk]);
                for (aq, &wq) in a.iter_mut().zip(&wv).take(W / 8) {
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

    /// The instruction sets this CPU runs (the plain loop at least).
    fn isas() -> impl Iterator<Item = Isa> {
        Isa::ALL.into_iter().filter(|isa| isa.supported())
    }

    #[test]
    fn equals_a_naive_loop_for_every_width_and_row_count() {
        // Widths: full panels only (64), a narrow last panel (200, 48, 41, 33, 16, 9, 1), a full
        // last one wider than a narrow one (50).
        let shapes = [
            (1, 4, 200),
            (2, 200, 200),
            (3, 200, 9),
            (5, 7, 41),
            (8, 33, 1),
            (13, 5, 64),
            (30, 17, 33),
            (6, 11, 50),
            (9, 3, 16),
            (11, 8, 48),
        ];
        for isa in isas() {
            let mut rng = Rng::new(3);
            for &(rows, k, n) in &shapes {
                let (x, w, b) = (
                    random(&mut rng, rows * k),
                    random(&mut rng, k * n),
                    random(&mut rng, n),
                );
                let mut out = vec![f32::NAN; rows * n];
                let packed = PackedWeights::new(&w, &b, k, n);
                dense_on(isa, &x, rows, &packed, None, &mut out);
                for r in 0..rows {
                    for j in 0..n {
                        let want: f64 = f64::from(b[j])
                            + (0..k)
                                .map(|i| f64::from(x[r * k + i]) * f64::from(w[i * n + j]))
                                .sum::<f64>();
                        let got = f64::from(out[r * n + j]);
                        assert!(
                            (got - want).abs() <= 1e-4 * (1.0 + want.abs()),
                            "{isa:?}, rows {rows} k {k} n {n} at ({r}, {j}): {got} vs {want}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_row_does_not_depend_on_the_other_rows_or_the_instruction_set() {
        // Rollouts group rows freely (work units, shards): every block size must give a row the
        // same bits as computing it alone, and so must every instruction set (one rounding per
        // multiply-add, in the order of `k`).
        let mut rng = Rng::new(4);
        for (k, n) in [(200, 200), (17, 33), (9, 64), (5, 9)] {
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
            for isa in isas() {
                for rows in 1..=17 {
                    let mut all = vec![0.0; rows * n];
                    dense_on(isa, &x, rows, &packed, None, &mut all);
                    for (r, one) in alone.iter().take(rows).enumerate() {
                        assert_eq!(
                            &all[r * n..(r + 1) * n],
                            &one[..],
                            "{isa:?}, {k}x{n}, row {r} of {rows}"
                        );
                    }
                }
            }
        }
    }
}
