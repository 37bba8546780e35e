//! Dense ensemble MLP kernels: `y = act(x @ W[e] + b[e])`, f32, row-major.
//!
//! # How the GEMM was chosen (measured, not assumed)
//!
//! One member's full forward pass 4 -> 200 -> 200 -> 200 -> 9 with `SiLU`, one thread, release
//! build with fat LTO, AMD EPYC (Zen 5, AVX-512) with 2 cores; best of 3 timing loops; time per
//! call and effective GFLOP/s (2 * rows * 81,600 multiply-adds):
//!
//! | rows   | matrixmultiply sgemm | ndarray `general_mat_mul` | `gemm` 0.18 | hand 4x16 packed | hand 6x16 packed | hand 6x16 SSE2 | ndarray + AVX2 `SiLU` (chosen) |
//! |-------:|--------------:|--------------:|--------------:|--------------:|--------------:|--------------:|--------------:|
//! |     10 |  24.9 us (66) |  25.0 us (66) |  20.2 us (82) |  25.4 us (65) |  32.2 us (51) |  62.1 us (27) |  22.5 us (73) |
//! |    100 |   159 us (104)|   159 us (104)|   199 us (83) |   179 us (92) |   181 us (91) |   699 us (24) |   133 us (125)|
//! |  1,000 |  1.49 ms (111)|  1.48 ms (111)|  1.94 ms (85) |  1.80 ms (92) |  1.92 ms (86) |  6.87 ms (24) |  1.16 ms (142)|
//! | 10,000 |  15.9 ms (104)|  15.4 ms (108)|  19.7 ms (84) |  18.8 ms (88) |  19.5 ms (85) |  70.0 ms (24) |  13.4 ms (123)|
//!
//! Kernels: matrixmultiply 0.3.11 picks its AVX-512 kernel at run time when its `avx512` feature
//! is on (ndarray turns it off; the workspace turns it back on). With its AVX2/FMA kernel instead,
//! the chosen column measures 31.7 us / 194 us / 1.85 ms / 20.5 ms (52 / 85 / 89 / 81 GFLOP/s).
//! `gemm` 0.18 runs its AVX2/FMA kernel on stable Rust (its AVX-512 path needs nightly). The
//! "hand" kernels pre-pack W into 16-column panels, keep a register tile of accumulators and fuse
//! bias + activation, vectorized by LLVM under `pulp`'s AVX2 dispatch; the SSE2 column is the same
//! code compiled for baseline x86-64. The first five columns apply `SiLU` in a baseline-SSE2 loop;
//! GEMM alone through ndarray runs at 150-180 GFLOP/s, so that loop cost a third of the time until
//! it was put under AVX2 dispatch (last column).
//!
//! Choice: ndarray's safe `general_mat_mul` (matrixmultiply's sgemm, runtime AVX-512 / AVX2+FMA
//! detection, single-threaded: we parallelize over paths instead), with C pre-filled by the bias
//! (beta = 1) and the activation applied over the cache-hot output by
//! [`Activation::apply_slice`]. It is the fastest from 100 rows up, within 10% of the best at 10
//! rows, equal to the hand kernels on AVX2-only CPUs, and needs no `unsafe` (the raw `sgemm` and
//! `gemm` entry points take raw pointers; this workspace forbids `unsafe`). Reproduce the chosen
//! column with `cargo bench -p plasma-core --bench simulator`.

// Shapes use the letters of DESIGN.md (P paths, H horizon, S state, A action, E members, K
// particles), as the papers do; spelling them out would hide the algebra.
#![allow(clippy::many_single_char_names)]

use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut2};
use rayon::prelude::*;

use crate::activation::Activation;
use crate::error::{CoreError, CoreResult};

/// `out[rows, n] = act(x[rows, k] @ w[k, n] + b[n])`; `act = None` keeps it linear.
///
/// # Panics
/// If a slice is shorter than its shape says (callers size them; this is a bug, not bad input).
pub fn dense(
    x: &[f32],
    rows: usize,
    k: usize,
    n: usize,
    w: &[f32],
    b: &[f32],
    act: Option<Activation>,
    out: &mut [f32],
) {
    if rows == 0 || n == 0 {
        return;
    }
    let out = &mut out[..rows * n];
    for row in out.chunks_exact_mut(n) {
        row.copy_from_slice(&b[..n]);
    }
    if k > 0 {
        let a = ArrayView2::from_shape((rows, k), &x[..rows * k]).expect("x has rows * k values");
        let bw = ArrayView2::from_shape((k, n), &w[..k * n]).expect("w has k * n values");
        let mut c = ArrayViewMut2::from_shape((rows, n), &mut *out).expect("out has rows * n");
        general_mat_mul(1.0, &a, &bw, 1.0, &mut c);
    }
    if let Some(act) = act {
        act.apply_slice(out);
    }
}

/// Up to this many rows `forward_all` runs the members in parallel (see there). Measured on 2
/// cores, 10 paths x 100 steps with a 5 x 200-200-200 ensemble and disagreement: 130 -> 101 us
/// per step; 1000 paths (chunks of 125 rows) are unaffected.
const PARALLEL_MEMBERS_MAX_ROWS: usize = 64;

/// Reusable buffers of forward passes (two ping-pong activations), one per worker.
#[derive(Debug, Default, Clone)]
pub struct Workspace {
    a: Vec<f32>,
    b: Vec<f32>,
}

/// An ensemble of `members` MLPs with one architecture. Layer `l` holds `W_l[E, in_l, out_l]` and
/// `b_l[E, out_l]` (row-major, `y = x @ W[e] + b[e]`); hidden layers use one activation, the last
/// layer is linear. A single network is an ensemble of one.
#[derive(Debug, Clone)]
pub struct EnsembleMlp {
    members: usize,
    dims: Vec<usize>,
    weights: Vec<Vec<f32>>,
    biases: Vec<Vec<f32>>,
    activation: Activation,
}

impl EnsembleMlp {
    /// Builds the ensemble from per-layer weights (`[E * in * out]`, shapes in `shapes`) and biases
    /// (`[E * out]`). `shapes[l] = (E, in, out)` as given by the caller's arrays; consecutive layers
    /// must chain (`out_l == in_{l+1}`) and agree on `E`.
    ///
    /// # Errors
    /// [`CoreError::Shape`] naming `weights[l]` / `biases[l]` when shapes do not chain, disagree on
    /// the member count, or a buffer's length does not match its shape; [`CoreError::InvalidArgument`]
    /// for no layers, zero members or a zero width, or non-finite parameters.
    pub fn new(
        shapes: &[(usize, usize, usize)],
        weights: Vec<Vec<f32>>,
        biases: Vec<Vec<f32>>,
        activation: Activation,
    ) -> CoreResult<Self> {
        if shapes.is_empty() || weights.len() != shapes.len() || biases.len() != shapes.len() {
            return Err(CoreError::InvalidArgument {
                name: "weights".into(),
                value: format!("{} layers, {} biases", weights.len(), biases.len()),
                reason: "need at least one layer and one bias per layer".into(),
            });
        }
        let members = shapes[0].0;
        if members == 0 {
            return Err(CoreError::InvalidArgument {
                name: "weights[0]".into(),
                value: "0 members".into(),
                reason: "the ensemble needs at least one member".into(),
            });
        }
        let mut dims = vec![shapes[0].1];
        for (l, &(e, fan_in, fan_out)) in shapes.iter().enumerate() {
            let prev = dims[l];
            if e != members || fan_in != prev || fan_out == 0 || fan_in == 0 {
                return Err(CoreError::Shape {
                    name: format!("weights[{l}]"),
                    actual: vec![e, fan_in, fan_out],
                    expected: format!("({members}, {prev}, out) with out > 0"),
                });
            }
            if weights[l].len() != e * fan_in * fan_out {
                return Err(CoreError::Shape {
                    name: format!("weights[{l}]"),
                    actual: vec![weights[l].len()],
                    expected: format!("{e} * {fan_in} * {fan_out} values"),
                });
            }
            if biases[l].len() != e * fan_out {
                return Err(CoreError::Shape {
                    name: format!("biases[{l}]"),
                    actual: vec![biases[l].len()],
                    expected: format!("({e}, {fan_out})"),
                });
            }
            for (what, values) in [("weights", &weights[l]), ("biases", &biases[l])] {
                if values.iter().any(|v| !v.is_finite()) {
                    return Err(CoreError::InvalidArgument {
                        name: format!("{what}[{l}]"),
                        value: "non-finite".into(),
                        reason: "parameters must be finite (NaN or Inf found)".into(),
                    });
                }
            }
            dims.push(fan_out);
        }
        Ok(Self {
            members,
            dims,
            weights,
            biases,
            activation,
        })
    }

    /// Number of members `E`.
    #[must_use]
    pub const fn members(&self) -> usize {
        self.members
    }

    /// Input width.
    #[must_use]
    pub fn input_dim(&self) -> usize {
        self.dims[0]
    }

    /// Output width of the final (linear) layer.
    #[must_use]
    pub fn output_dim(&self) -> usize {
        self.dims[self.dims.len() - 1]
    }

    /// Widths `[in, hidden..., out]`.
    #[must_use]
    pub fn dims(&self) -> &[usize] {
        &self.dims
    }

    /// The hidden-layer activation.
    #[must_use]
    pub const fn activation(&self) -> Activation {
        self.activation
    }

    /// Member `member`'s output for `rows` input rows `x[rows, in]`, written to
    /// `out[rows, output_dim]`.
    ///
    /// # Panics
    /// If `member >= members()` or a slice is too short (internal callers check both).
    pub fn forward_member(
        &self,
        member: usize,
        x: &[f32],
        rows: usize,
        ws: &mut Workspace,
        out: &mut [f32],
    ) {
        assert!(member < self.members, "member {member} out of range");
        let layers = self.weights.len();
        let mut cur = std::mem::take(&mut ws.a);
        let mut next = std::mem::take(&mut ws.b);
        for l in 0..layers {
            let (k, n) = (self.dims[l], self.dims[l + 1]);
            let w = &self.weights[l][member * k * n..(member + 1) * k * n];
            let b = &self.biases[l][member * n..(member + 1) * n];
            let input = if l == 0 { x } else { &cur[..rows * k] };
            if l + 1 == layers {
                dense(input, rows, k, n, w, b, None, out);
            } else {
                if next.len() < rows * n {
                    next.resize(rows * n, 0.0);
                }
                dense(input, rows, k, n, w, b, Some(self.activation), &mut next);
                std::mem::swap(&mut cur, &mut next);
            }
        }
        ws.a = cur;
        ws.b = next;
    }

    /// Every member's output: `out[E, rows, output_dim]`.
    ///
    /// With few rows the GEMMs are too small to keep a core busy and a small rollout runs as one
    /// chunk, so up to `PARALLEL_MEMBERS_MAX_ROWS` rows the members run in parallel instead. Each
    /// member's arithmetic is the same either way, so results do not depend on the thread count.
    pub fn forward_all(&self, x: &[f32], rows: usize, ws: &mut Workspace, out: &mut [f32]) {
        let per_member = rows * self.output_dim();
        let out = &mut out[..self.members * per_member];
        if rows <= PARALLEL_MEMBERS_MAX_ROWS && rayon::current_num_threads() > 1 {
            out.par_chunks_mut(per_member).enumerate().for_each_init(
                Workspace::default,
                |local, (e, member_out)| {
                    self.forward_member(e, x, rows, local, member_out);
                },
            );
            return;
        }
        for (e, member_out) in out.chunks_mut(per_member).enumerate() {
            self.forward_member(e, x, rows, ws, member_out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn naive(x: &[f32], rows: usize, k: usize, n: usize, w: &[f32], b: &[f32]) -> Vec<f64> {
        let mut out = vec![0.0; rows * n];
        for i in 0..rows {
            for j in 0..n {
                let mut s = f64::from(b[j]);
                for kk in 0..k {
                    s += f64::from(x[i * k + kk]) * f64::from(w[kk * n + j]);
                }
                out[i * n + j] = s;
            }
        }
        out
    }

    fn random(rng: &mut Rng, n: usize, scale: f32) -> Vec<f32> {
        (0..n).map(|_| rng.normal() * scale).collect()
    }

    #[test]
    fn dense_equals_a_naive_triple_loop() {
        let mut rng = Rng::new(1);
        for &(rows, k, n) in &[
            (1, 1, 1),
            (7, 5, 3),
            (33, 64, 17),
            (130, 200, 200),
            (3, 200, 9),
        ] {
            let x = random(&mut rng, rows * k, 1.0);
            let w = random(&mut rng, k * n, 0.2);
            let b = random(&mut rng, n, 0.5);
            let mut out = vec![0.0; rows * n];
            dense(&x, rows, k, n, &w, &b, None, &mut out);
            let want = naive(&x, rows, k, n, &w, &b);
            for (g, r) in out.iter().zip(&want) {
                assert!(
                    (f64::from(*g) - r).abs() < 1e-5 * (1.0 + r.abs()),
                    "{g} vs {r}"
                );
            }
            dense(&x, rows, k, n, &w, &b, Some(Activation::Tanh), &mut out);
            for (g, r) in out.iter().zip(&want) {
                assert!((f64::from(*g) - r.tanh()).abs() < 1e-5, "{g} vs tanh {r}");
            }
        }
    }

    #[test]
    fn ensemble_members_use_their_own_weights() {
        let mut rng = Rng::new(2);
        let (e, i, h, o) = (3, 4, 8, 2);
        let w0 = random(&mut rng, e * i * h, 0.5);
        let b0 = random(&mut rng, e * h, 0.5);
        let w1 = random(&mut rng, e * h * o, 0.5);
        let b1 = random(&mut rng, e * o, 0.5);
        let mlp = EnsembleMlp::new(
            &[(e, i, h), (e, h, o)],
            vec![w0.clone(), w1.clone()],
            vec![b0.clone(), b1.clone()],
            Activation::Relu,
        )
        .unwrap();
        assert_eq!(
            (mlp.input_dim(), mlp.output_dim(), mlp.members()),
            (4, 2, 3)
        );
        let rows = 5;
        let x = random(&mut rng, rows * i, 1.0);
        let mut ws = Workspace::default();
        let mut all = vec![0.0; e * rows * o];
        mlp.forward_all(&x, rows, &mut ws, &mut all);
        for m in 0..e {
            let hidden: Vec<f32> = naive(&x, rows, i, h, &w0[m * i * h..], &b0[m * h..(m + 1) * h])
                .iter()
                .map(|v| (*v as f32).max(0.0))
                .collect();
            let want = naive(
                &hidden,
                rows,
                h,
                o,
                &w1[m * h * o..],
                &b1[m * o..(m + 1) * o],
            );
            for (g, r) in all[m * rows * o..(m + 1) * rows * o].iter().zip(&want) {
                assert!((f64::from(*g) - r).abs() < 1e-5, "member {m}: {g} vs {r}");
            }
        }
    }

    #[test]
    fn bad_shapes_name_the_layer() {
        let err = EnsembleMlp::new(
            &[(2, 3, 4), (2, 5, 1)],
            vec![vec![0.0; 24], vec![0.0; 10]],
            vec![vec![0.0; 8], vec![0.0; 2]],
            Activation::Silu,
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("weights[1] has shape [2, 5, 1]"),
            "{err}"
        );
        let err = EnsembleMlp::new(
            &[(2, 3, 4)],
            vec![vec![0.0; 24]],
            vec![vec![0.0; 4]],
            Activation::Silu,
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("biases[0]"), "{err}");
    }
}
