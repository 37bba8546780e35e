//! Ensemble MLP forward passes: `y = act(x @ W[e] + b[e])`, f32, on weights packed at load time.
//!
//! # How the kernel was chosen (measured, not assumed)
//!
//! One 200 x 200 layer, one thread, release build with fat LTO, AMD EPYC (Zen 5, AVX-512) with 2
//! cores (per-core float32 peak about 236 GFLOP/s); best of many calls, `cargo bench -p plasma-core
//! --bench simulator`:
//!
//! | rows | ndarray `general_mat_mul` (matrixmultiply AVX-512 sgemm) | packed kernel, AVX-512 | packed kernel, AVX2 path (before narrow panels) |
//! |-----:|------------:|------------:|------------:|
//! |    1 |  7.9 us (10 GFLOP/s) | 0.98 us (82)  | 1.34 us (60) |
//! |    2 |  7.7 us (21) | 1.10 us (145) | 1.54 us (104) |
//! |    4 |  7.8 us (41) | 1.49 us (214) | 3.08 us (104) |
//! |    8 |  8.1 us (79) | 2.74 us (233) | 6.17 us (104) |
//! |   64 | 28.8 us (178)| 21.8 us (235) | 48.9 us (105) |
//! | 1024 |  425 us (193)| 352 us (232)  | 787 us (104) |
//!
//! The GEMM packs the weights on every call, which dominates with few rows (a small rollout, or an
//! ensemble member's share of one) and costs 15% even at 1024 rows. The packed kernel
//! ([`crate::packed`]) packs once, keeps a block of rows' accumulators in registers and reaches 96%
//! of the core's peak from 8 rows up; its AVX2 path (for CPUs without AVX-512) runs at 88% of the
//! AVX2 peak. So every forward pass uses it, and the GEMM dependency was dropped (it stays in the
//! benchmark as the reference). The kernel applies the activation itself, under the same
//! instruction set: in a separate AVX2 pass it cost a third of the kernel's time (one member's
//! 4-200-200-200-9 `SiLU` forward at 1000 rows: 1.25 ms before both changes, 0.93 ms with the
//! kernel and an AVX-512 activation pass).

// Shapes use the letters of docs/architecture.md (P paths, H horizon, S state, A action,
// E members, K particles), as the papers do; spelling them out would hide the algebra.
#![allow(clippy::many_single_char_names)]

use rayon::prelude::*;

use crate::activation::Activation;
use crate::error::{CoreError, CoreResult};
use crate::packed::{dense_packed, PackedWeights};

/// Up to this many rows `forward_all` runs the members in parallel (see there). Measured on 2
/// cores, 10 paths x 100 steps with a 5 x 200-200-200 ensemble and disagreement: 130 -> 101 us
/// per step; 1000 paths (chunks of 125 rows) are unaffected.
const PARALLEL_MEMBERS_MAX_ROWS: usize = 64;

/// Whether a forward pass of `rows` rows runs its members in parallel: few rows, several threads,
/// and only on a pool thread. A thread outside the pool (the caller of a rollout, which works on
/// its own share of the paths) would hand every step's members to the busy pool and wait: 10
/// paths x 100 steps with disagreement took 4.4 instead of 3.0 ms.
fn members_in_parallel(rows: usize) -> bool {
    rows <= PARALLEL_MEMBERS_MAX_ROWS
        && rayon::current_num_threads() > 1
        && rayon::current_thread_index().is_some()
}

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
    /// `layers[l][e]`: member `e`'s layer `l`.
    layers: Vec<Vec<PackedWeights>>,
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
        weights: &[Vec<f32>],
        biases: &[Vec<f32>],
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
        let layers = weights
            .iter()
            .zip(biases)
            .zip(dims.windows(2))
            .map(|((w, b), kn)| {
                let (k, n) = (kn[0], kn[1]);
                (0..members)
                    .map(|e| {
                        PackedWeights::new(
                            &w[e * k * n..(e + 1) * k * n],
                            &b[e * n..(e + 1) * n],
                            k,
                            n,
                        )
                    })
                    .collect()
            })
            .collect();
        Ok(Self {
            members,
            dims,
            layers,
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
        let layers = self.layers.len();
        let mut cur = std::mem::take(&mut ws.a);
        let mut next = std::mem::take(&mut ws.b);
        for (l, layer) in self.layers.iter().enumerate() {
            let (k, n) = (self.dims[l], self.dims[l + 1]);
            let input = if l == 0 { x } else { &cur[..rows * k] };
            if l + 1 == layers {
                dense_packed(input, rows, &layer[member], None, out);
            } else {
                if next.len() < rows * n {
                    next.resize(rows * n, 0.0);
                }
                dense_packed(
                    input,
                    rows,
                    &layer[member],
                    Some(self.activation),
                    &mut next,
                );
                std::mem::swap(&mut cur, &mut next);
            }
        }
        ws.a = cur;
        ws.b = next;
    }

    /// Each member on its own rows: rows `bounds[e]..bounds[e + 1]` of `x` go through member `e`
    /// into the same rows of `out[rows, output_dim]` (`bounds` has `E + 1` offsets).
    ///
    /// Like [`Self::forward_all`], a few rows in all run the members in parallel; each member's
    /// arithmetic is the same either way.
    ///
    /// # Panics
    /// If `bounds` does not have `E + 1` non-decreasing offsets within `x`'s rows.
    pub fn forward_grouped(
        &self,
        x: &[f32],
        bounds: &[usize],
        ws: &mut Workspace,
        out: &mut [f32],
    ) {
        assert_eq!(
            bounds.len(),
            self.members + 1,
            "one offset per member and the end"
        );
        let (k, od) = (self.input_dim(), self.output_dim());
        let rows = bounds[self.members];
        let mut groups = Vec::with_capacity(self.members);
        let mut rest = &mut out[..rows * od];
        for e in 0..self.members {
            let (a, b) = (bounds[e], bounds[e + 1]);
            let (mine, tail) = rest.split_at_mut((b - a) * od);
            rest = tail;
            if b > a {
                groups.push((e, &x[a * k..b * k], b - a, mine));
            }
        }
        if groups.len() > 1 && members_in_parallel(rows) {
            groups
                .into_par_iter()
                .for_each_init(Workspace::default, |local, (e, xe, n, oe)| {
                    self.forward_member(e, xe, n, local, oe);
                });
        } else {
            for (e, xe, n, oe) in groups {
                self.forward_member(e, xe, n, ws, oe);
            }
        }
    }

    /// Every member's output: `out[E, rows, output_dim]`.
    ///
    /// With few rows the GEMMs are too small to keep a core busy and a small rollout runs as one
    /// chunk, so up to `PARALLEL_MEMBERS_MAX_ROWS` rows the members run in parallel instead. Each
    /// member's arithmetic is the same either way, so results do not depend on the thread count.
    pub fn forward_all(&self, x: &[f32], rows: usize, ws: &mut Workspace, out: &mut [f32]) {
        let per_member = rows * self.output_dim();
        let out = &mut out[..self.members * per_member];
        if members_in_parallel(rows) {
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
    fn a_layer_equals_a_naive_triple_loop_then_the_activation() {
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
            let want = naive(&x, rows, k, n, &w, &b);
            // A one-layer net is linear; a two-layer net with an identity second layer applies
            // the activation to the first.
            let linear = EnsembleMlp::new(
                &[(1, k, n)],
                std::slice::from_ref(&w),
                std::slice::from_ref(&b),
                Activation::Tanh,
            )
            .unwrap();
            let mut out = vec![0.0; rows * n];
            linear.forward_member(0, &x, rows, &mut Workspace::default(), &mut out);
            for (g, r) in out.iter().zip(&want) {
                assert!(
                    (f64::from(*g) - r).abs() < 1e-5 * (1.0 + r.abs()),
                    "{g} vs {r}"
                );
            }
            let eye: Vec<f32> = (0..n * n)
                .map(|i| f32::from(u8::from(i % (n + 1) == 0)))
                .collect();
            let tanh = EnsembleMlp::new(
                &[(1, k, n), (1, n, n)],
                &[w.clone(), eye],
                &[b.clone(), vec![0.0; n]],
                Activation::Tanh,
            )
            .unwrap();
            tanh.forward_member(0, &x, rows, &mut Workspace::default(), &mut out);
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
            &[w0.clone(), w1.clone()],
            &[b0.clone(), b1.clone()],
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
            &[vec![0.0; 24], vec![0.0; 10]],
            &[vec![0.0; 8], vec![0.0; 2]],
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
            &[vec![0.0; 24]],
            &[vec![0.0; 4]],
            Activation::Silu,
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("biases[0]"), "{err}");
    }
}
