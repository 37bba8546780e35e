//! Dense layer on weights packed once: `out[rows, n] = x[rows, k] @ w[k, n] + b[n]`.
//!
//! [`PackedWeights`] stores `w` as panels of [`PANEL`] columns (`k x 32` floats each, contiguous;
//! the last panel zero-padded), built when a network is loaded. The kernel walks one panel at a
//! time: a block of rows keeps its accumulators (bias first) in registers and takes one fused
//! multiply-add per `k` and column, while the panel (25 KB for k = 200) stays in L1 for every block
//! of rows. Nothing is packed per call, which is what a GEMM library costs on every call and what
//! dominates with a few rows.
//!
//! The body is plain Rust over fixed-size arrays, compiled three times: for AVX-512 (blocks of 12
//! rows: 24 accumulator registers of 16 floats), AVX2+FMA (blocks of 3 rows) and baseline x86-64
//! or other targets; the widest the CPU has is picked at run time. The sum over `k` runs in order
//! with one rounding per step, so a row's result does not depend on the other rows of the call.

// `w`, `x`, `b`, `k`, `n` are the GEMM letters.
#![allow(clippy::many_single_char_names)]

/// Columns per panel (two AVX-512 vectors, four AVX2 vectors).
pub const PANEL: usize = 32;

/// `w[k, n]` packed into panels of [`PANEL`] columns.
#[derive(Debug, Clone, PartialEq)]
pub struct PackedWeights {
    k: usize,
    n: usize,
    data: Vec<f32>,
    bias: Vec<f32>,
}

impl PackedWeights {
    /// Packs row-major `w[k, n]` and its bias `b[n]`.
    ///
    /// # Panics
    /// If `w` has fewer than `k * n` values or `b` fewer than `n`.
    #[must_use]
    pub fn new(w: &[f32], b: &[f32], k: usize, n: usize) -> Self {
        let panels = n.div_ceil(PANEL);
        let mut data = vec![0.0; panels * k * PANEL];
        for (kk, row) in w[..k * n].chunks_exact(n.max(1)).enumerate() {
            for (j, &v) in row.iter().enumerate() {
                data[((j / PANEL) * k + kk) * PANEL + j % PANEL] = v;
            }
        }
        let mut bias = vec![0.0; panels * PANEL];
        bias[..n].copy_from_slice(&b[..n]);
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
}

/// `out[rows, n] = x[rows, k] @ w + b`.
///
/// # Panics
/// If `x` has fewer than `rows * k` values or `out` fewer than `rows * n`.
pub fn dense_packed(x: &[f32], rows: usize, w: &PackedWeights, out: &mut [f32]) {
    let (x, out) = (&x[..rows * w.k], &mut out[..rows * w.n]);
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        if has!("avx512f") {
            // SAFETY: the CPU has the feature `x86::dense_avx512` is compiled for.
            #[allow(unsafe_code)]
            unsafe {
                x86::dense_avx512(x, rows, w, out);
            }
            return;
        }
        if has!("avx2") && has!("fma") {
            // SAFETY: the CPU has the features `x86::dense_avx2` is compiled for.
            #[allow(unsafe_code)]
            unsafe {
                x86::dense_avx2(x, rows, w, out);
            }
            return;
        }
    }
    for_each_block::<1>(x, rows, w, out, |xs, panel, bias| {
        let mut acc = *bias;
        for (wrow, &xv) in panel.chunks_exact(PANEL).zip(xs[0]) {
            for (a, &wj) in acc.iter_mut().zip(wrow) {
                *a += xv * wj;
            }
        }
        [acc]
    });
}

/// Runs `kernel(R rows, panel, bias) -> R rows of PANEL outputs` over every panel and block of
/// `R` rows (`rows` is a multiple of `R`) and writes the outputs.
#[inline(always)]
#[allow(clippy::inline_always)] // inlines into the target-feature wrappers with the kernel
fn for_each_block<const R: usize>(
    x: &[f32],
    rows: usize,
    w: &PackedWeights,
    out: &mut [f32],
    mut kernel: impl FnMut([&[f32]; R], &[f32], &[f32; PANEL]) -> [[f32; PANEL]; R],
) {
    let (k, n) = (w.k, w.n);
    for r in (0..rows).step_by(R) {
        let xs: [&[f32]; R] = std::array::from_fn(|i| &x[(r + i) * k..(r + i + 1) * k]);
        for (p, panel) in w.data.chunks_exact(k * PANEL).enumerate() {
            let c0 = p * PANEL;
            let width = PANEL.min(n - c0);
            let bias: &[f32; PANEL] = w.bias[c0..c0 + PANEL].try_into().expect("a panel");
            for (i, a) in kernel(xs, panel, bias).iter().enumerate() {
                out[(r + i) * n + c0..(r + i) * n + c0 + width].copy_from_slice(&a[..width]);
            }
        }
    }
}

/// The first `rows / R * R` rows through `kernel` in blocks of `R`; returns the rows done.
#[inline(always)]
#[allow(clippy::inline_always)]
fn blocks_of<const R: usize>(
    x: &[f32],
    rows: usize,
    w: &PackedWeights,
    out: &mut [f32],
    kernel: impl FnMut([&[f32]; R], &[f32], &[f32; PANEL]) -> [[f32; PANEL]; R],
) -> usize {
    let m = rows / R * R;
    for_each_block::<R>(&x[..m * w.k], m, w, &mut out[..m * w.n], kernel);
    m
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    //! The x86 kernels: one panel of 32 columns is two AVX-512 or four AVX2 vectors.
    use std::arch::x86_64::{
        __m256, __m512, _mm256_fmadd_ps, _mm256_set1_ps, _mm512_fmadd_ps, _mm512_set1_ps,
    };

    use super::{blocks_of, PackedWeights, PANEL};

    /// Blocks of 8 rows (8 rows x 2 vectors = 16 accumulators of the 32 registers: enough
    /// independent fused multiply-adds to hide their latency), then 4, 2 and 1 for the rest.
    #[target_feature(enable = "avx512f")]
    pub(super) fn dense_avx512(x: &[f32], rows: usize, w: &PackedWeights, out: &mut [f32]) {
        let (k, n) = (w.k, w.n);
        let mut r = blocks_of::<8>(x, rows, w, out, |xs, p, b| block_512(xs, p, b));
        r += blocks_of::<4>(&x[r * k..], rows - r, w, &mut out[r * n..], |xs, p, b| {
            block_512(xs, p, b)
        });
        r += blocks_of::<2>(&x[r * k..], rows - r, w, &mut out[r * n..], |xs, p, b| {
            block_512(xs, p, b)
        });
        blocks_of::<1>(&x[r * k..], rows - r, w, &mut out[r * n..], |xs, p, b| {
            block_512(xs, p, b)
        });
    }

    /// Blocks of 2 rows (2 rows x 4 vectors = 8 accumulators of the 16 registers), then 1.
    #[target_feature(enable = "avx2,fma")]
    pub(super) fn dense_avx2(x: &[f32], rows: usize, w: &PackedWeights, out: &mut [f32]) {
        let (k, n) = (w.k, w.n);
        let r = blocks_of::<2>(x, rows, w, out, |xs, p, b| block_256(xs, p, b));
        blocks_of::<1>(&x[r * k..], rows - r, w, &mut out[r * n..], |xs, p, b| {
            block_256(xs, p, b)
        });
    }

    #[inline]
    #[target_feature(enable = "avx512f")]
    fn block_512<const R: usize>(
        xs: [&[f32]; R],
        panel: &[f32],
        bias: &[f32; PANEL],
    ) -> [[f32; PANEL]; R] {
        let load = |v: &[f32]| -> __m512 { bytemuck::pod_read_unaligned(bytemuck::cast_slice(v)) };
        let mut acc = [[load(&bias[..16]), load(&bias[16..])]; R];
        for (kk, wrow) in panel.chunks_exact(PANEL).enumerate() {
            let (w0, w1) = (load(&wrow[..16]), load(&wrow[16..]));
            for (a, xr) in acc.iter_mut().zip(&xs) {
                let xv = _mm512_set1_ps(xr[kk]);
                a[0] = _mm512_fmadd_ps(xv, w0, a[0]);
                a[1] = _mm512_fmadd_ps(xv, w1, a[1]);
            }
        }
        acc.map(|[a0, a1]| {
            let mut row = [0.0; PANEL];
            row[..16].copy_from_slice(&bytemuck::cast::<__m512, [f32; 16]>(a0));
            row[16..].copy_from_slice(&bytemuck::cast::<__m512, [f32; 16]>(a1));
            row
        })
    }

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn block_256<const R: usize>(
        xs: [&[f32]; R],
        panel: &[f32],
        bias: &[f32; PANEL],
    ) -> [[f32; PANEL]; R] {
        let load = |v: &[f32]| -> __m256 { bytemuck::pod_read_unaligned(bytemuck::cast_slice(v)) };
        let quarter = |v: &[f32], q: usize| load(&v[q * 8..(q + 1) * 8]);
        let mut acc = [[0, 1, 2, 3].map(|q| quarter(bias, q)); R];
        for (kk, wrow) in panel.chunks_exact(PANEL).enumerate() {
            let wv = [0, 1, 2, 3].map(|q| quarter(wrow, q));
            for (a, xr) in acc.iter_mut().zip(&xs) {
                let xv = _mm256_set1_ps(xr[kk]);
                for (aq, &wq) in a.iter_mut().zip(&wv) {
                    *aq = _mm256_fmadd_ps(xv, wq, *aq);
                }
            }
        }
        acc.map(|a| {
            let mut row = [0.0; PANEL];
            for (q, v) in a.into_iter().enumerate() {
                row[q * 8..(q + 1) * 8].copy_from_slice(&bytemuck::cast::<__m256, [f32; 8]>(v));
            }
            row
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
            dense_packed(&x, rows, &PackedWeights::new(&w, &b, k, n), &mut out);
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
        let mut rng = Rng::new(4);
        let (k, n) = (200, 200);
        let (x, w, b) = (
            random(&mut rng, 15 * k),
            random(&mut rng, k * n),
            random(&mut rng, n),
        );
        let packed = PackedWeights::new(&w, &b, k, n);
        let mut all = vec![0.0; 15 * n];
        dense_packed(&x, 15, &packed, &mut all);
        for r in [0, 11, 12, 14] {
            let mut one = vec![0.0; n];
            dense_packed(&x[r * k..], 1, &packed, &mut one);
            assert_eq!(&all[r * n..(r + 1) * n], &one[..], "row {r}");
        }
    }
}
