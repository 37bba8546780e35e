//! Hidden-layer activations, applied by the dense kernel to each layer's output while it is still in
//! registers (see [`crate::packed`]).
//!
//! The transcendental functions are written so that LLVM vectorizes them (no libm calls, no
//! branches, integer tricks for `2^n`), and they inline into the kernel, which is compiled for
//! AVX-512 or AVX2+FMA and picked at run time, from a binary built for baseline x86-64. Measured on
//! the development machine (AMD EPYC Zen 5, 1 thread) over 60k values: `SiLU` with libm `exp` 1.45
//! ns/value, this `exp` on baseline SSE2 0.92 ns, the same code under AVX2 0.48 ns, under AVX-512
//! about half that. Without this the activations of a 200-wide MLP cost as much as its GEMMs.
//! Applying it in the kernel rather than in a pass over the layer's output saved another 2% of a
//! 1000 x 100 rollout (52.9 -> 51.7 ms).
//!
//! Accuracy: maximal relative error ~1.2e-7 for `exp` and `SiLU` over [-10, 10] (about one ulp),
//! and `tanh` / `elu` switch to a Taylor series of `expm1` near zero, so they keep full relative
//! accuracy there.

// The math functions must inline into the kernels' target-feature context to be vectorized;
// a plain #[inline] leaves LLVM free to call a baseline-compiled copy instead.
#![allow(clippy::inline_always)]
// exp() follows the textbook names of Cody-Waite reduction (x, t, n, r, p).
#![allow(clippy::many_single_char_names)]

use std::str::FromStr;

use crate::error::{parse_choice, CoreError, CoreResult};

/// The activation of every hidden layer of an MLP (the last layer is linear).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    /// `x * sigmoid(x)`.
    Silu,
    /// `max(x, 0)` (NaN stays NaN).
    Relu,
    /// Hyperbolic tangent.
    Tanh,
    /// `x` for `x > 0`, else `exp(x) - 1` (alpha = 1).
    Elu,
}

impl Activation {
    /// The lowercase name accepted by [`FromStr`].
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Silu => "silu",
            Self::Relu => "relu",
            Self::Tanh => "tanh",
            Self::Elu => "elu",
        }
    }

    /// Applies the activation to one value.
    #[inline(always)]
    #[must_use]
    pub fn apply(self, x: f32) -> f32 {
        match self {
            Self::Silu => silu(x),
            Self::Relu => relu(x),
            Self::Tanh => tanh(x),
            Self::Elu => elu(x),
        }
    }

    /// Applies the activation to a lane of a dense layer's output, inside the layer's kernel (it
    /// inlines into the kernel's instruction set).
    #[inline(always)]
    pub(crate) fn apply_lane(self, lane: &mut [f32]) {
        apply_loop(self, lane);
    }
}

impl FromStr for Activation {
    type Err = CoreError;

    fn from_str(name: &str) -> CoreResult<Self> {
        parse_choice(
            "activation",
            &name.to_ascii_lowercase(),
            &[
                ("silu", Self::Silu),
                ("swish", Self::Silu),
                ("relu", Self::Relu),
                ("tanh", Self::Tanh),
                ("elu", Self::Elu),
            ],
        )
    }
}

/// One loop per activation, so that each loop body is branch-free and vectorizes.
#[inline(always)]
fn apply_loop(act: Activation, xs: &mut [f32]) {
    match act {
        Activation::Silu => xs.iter_mut().for_each(|x| *x = silu(*x)),
        Activation::Relu => xs.iter_mut().for_each(|x| *x = relu(*x)),
        Activation::Tanh => xs.iter_mut().for_each(|x| *x = tanh(*x)),
        Activation::Elu => xs.iter_mut().for_each(|x| *x = elu(*x)),
    }
}

/// `exp(0.5 * soft_clamp(lv))` of every log-variance in `lvs`, where `lo`/`hi` hold each value's
/// bounds (same length): the standard deviations of a Gaussian head, in one vectorized pass
/// (AVX2 where the CPU has it). Scalar, with libm, these took a tenth of a rollout.
pub fn std_from_logvar(lvs: &mut [f32], lo: &[f32], hi: &[f32]) {
    struct Pass<'a> {
        lvs: &'a mut [f32],
        lo: &'a [f32],
        hi: &'a [f32],
    }
    impl pulp::WithSimd for Pass<'_> {
        type Output = ();

        #[inline(always)]
        fn with_simd<S: pulp::Simd>(self, _simd: S) {
            for ((v, &l), &h) in self.lvs.iter_mut().zip(self.lo).zip(self.hi) {
                *v = exp(0.5 * soft_clamp(*v, l, h));
            }
        }
    }
    pulp::Arch::new().dispatch(Pass { lvs, lo, hi });
}

/// PETS' soft clamp of a log-variance into `[lo, hi]`.
#[inline(always)]
#[must_use]
pub fn soft_clamp(lv: f32, lo: f32, hi: f32) -> f32 {
    let lv = hi - softplus(hi - lv);
    lo + softplus(lv - lo)
}

/// `ln(2)/2`: below this, `expm1` uses its Taylor series (no cancellation).
const HALF_LN2: f32 = 0.346_573_6;

/// `exp(x)` for `x` clamped to `[-87, 88]` (Cody-Waite reduction, degree-7 polynomial, `2^n` built
/// from the float's bits). NaN stays NaN.
#[inline(always)]
#[must_use]
pub fn exp(x: f32) -> f32 {
    // Plain comparisons (not f32::max) so that LLVM emits vmaxps and NaN passes through.
    let x = if x < -87.0 { -87.0 } else { x };
    let x = if x > 88.0 { 88.0 } else { x };
    // Round x / ln 2 to the nearest integer n with the 1.5 * 2^23 trick: the low bits of t hold n.
    let t = x * std::f32::consts::LOG2_E + 12_582_912.0;
    let n = t - 12_582_912.0;
    let r = x - n * 0.693_145_75 - n * 1.428_606_8e-6;
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0
                    + r * (1.0 / 24.0
                        + r * (1.0 / 120.0 + r * (1.0 / 720.0 + r * (1.0 / 5040.0)))))));
    let bits = t.to_bits().wrapping_sub(0x4B40_0000).wrapping_add(127) << 23;
    p * f32::from_bits(bits)
}

/// `exp(x) - 1` for `|x| < ln(2)/2` by its Taylor series (degree 8, error < 1e-9 relative).
#[inline(always)]
fn expm1_small(x: f32) -> f32 {
    x * (1.0
        + x * (0.5
            + x * (1.0 / 6.0
                + x * (1.0 / 24.0
                    + x * (1.0 / 120.0 + x * (1.0 / 720.0 + x * (1.0 / 5040.0 + x / 40320.0)))))))
}

/// `x * sigmoid(x)`.
#[inline(always)]
#[must_use]
pub fn silu(x: f32) -> f32 {
    x / (1.0 + exp(-x))
}

/// `max(x, 0)`, keeping NaN.
#[inline(always)]
#[must_use]
pub fn relu(x: f32) -> f32 {
    if x < 0.0 {
        0.0
    } else {
        x
    }
}

/// Hyperbolic tangent with full relative accuracy near zero.
#[inline(always)]
#[must_use]
pub fn tanh(x: f32) -> f32 {
    let y = 2.0 * x.abs();
    let small = {
        let e = expm1_small(y);
        e / (e + 2.0)
    };
    let large = 1.0 - 2.0 / (exp(y) + 1.0);
    let t = if y < HALF_LN2 { small } else { large };
    t.copysign(x)
}

/// ELU with alpha = 1.
#[inline(always)]
#[must_use]
pub fn elu(x: f32) -> f32 {
    let negative = if x > -HALF_LN2 {
        expm1_small(x)
    } else {
        exp(x) - 1.0
    };
    if x > 0.0 {
        x
    } else {
        negative
    }
}

/// `ln(1 + exp(x))`, written as `max(x, 0) + ln(1 + exp(-|x|))` so that nothing overflows, with
/// this module's `exp` and `ln_1p_unit` (inline, no libm calls: with libm's `expf` and `log1pf`
/// the soft clamps of the log-variances took a tenth of a rollout). Above 20 it returns `x`, as
/// torch does, up to rounding.
#[inline(always)]
#[must_use]
pub fn softplus(x: f32) -> f32 {
    let positive = if x > 0.0 { x } else { 0.0 };
    positive + ln_1p_unit(exp(-x.abs()))
}

/// `ln(1 + u)` for `u` in `[0, 1]`: `2 atanh(s)` with `s = u / (2 + u) <= 1/3`, by its series to
/// `s^15` (relative error below 1e-8), so tiny `u` keep full relative accuracy.
#[inline(always)]
fn ln_1p_unit(u: f32) -> f32 {
    let s = u / (2.0 + u);
    let s2 = s * s;
    2.0 * s
        * (1.0
            + s2 * (1.0 / 3.0
                + s2 * (1.0 / 5.0
                    + s2 * (1.0 / 7.0
                        + s2 * (1.0 / 9.0
                            + s2 * (1.0 / 11.0 + s2 * (1.0 / 13.0 + s2 * (1.0 / 15.0))))))))
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // exact values (0, +-1, relu) are exact by construction
mod tests {
    use super::*;
    use crate::packed::{dense_packed, PackedWeights};

    fn grid() -> impl Iterator<Item = f32> {
        (-4000..=4000).map(|i| i as f32 * 0.005)
    }

    fn rel(a: f32, b: f64) -> f64 {
        (f64::from(a) - b).abs() / b.abs().max(1e-30)
    }

    #[test]
    fn exp_is_accurate_to_a_few_ulp() {
        for x in grid().chain([-80.0, -30.5, 30.5, 80.0]) {
            let want = f64::from(x).exp();
            assert!(rel(exp(x), want) < 3e-7, "exp({x}) = {} vs {want}", exp(x));
        }
        assert!(exp(f32::NAN).is_nan());
    }

    #[test]
    fn activations_match_f64_references() {
        for x in grid() {
            let xd = f64::from(x);
            let silu_ref = xd / (1.0 + (-xd).exp());
            assert!(
                (f64::from(silu(x)) - silu_ref).abs() <= 3e-7 * silu_ref.abs() + 1e-30,
                "silu({x})"
            );
            assert!(rel(tanh(x), xd.tanh()) < 4e-7 || x == 0.0, "tanh({x})");
            let elu_ref = if xd > 0.0 { xd } else { xd.exp_m1() };
            assert!(rel(elu(x), elu_ref) < 4e-7 || x == 0.0, "elu({x})");
            assert_eq!(relu(x), x.max(0.0));
        }
        assert_eq!(tanh(0.0), 0.0);
        assert_eq!(tanh(50.0), 1.0);
        assert_eq!(tanh(-50.0), -1.0);
        assert!(relu(f32::NAN).is_nan());
    }

    #[test]
    fn slice_application_equals_scalar_application() {
        for act in [
            Activation::Silu,
            Activation::Relu,
            Activation::Tanh,
            Activation::Elu,
        ] {
            // Through the kernel (identity weights), where the activation is vectorized.
            let xs: Vec<f32> = grid().collect();
            let identity = PackedWeights::new(&[1.0], &[0.0], 1, 1);
            let mut out = vec![f32::NAN; xs.len()];
            dense_packed(&xs, xs.len(), &identity, Some(act), &mut out);
            let xs = out;
            for (got, x) in xs.iter().zip(grid()) {
                let want = act.apply(x);
                // The dispatched loop may fuse multiply-adds, so allow a couple of ulp.
                assert!(
                    (got - want).abs() <= 2.5e-7 * want.abs().max(1e-6),
                    "{act:?}({x})"
                );
            }
        }
    }

    #[test]
    fn names_round_trip_and_unknown_names_are_rejected() {
        for act in [
            Activation::Silu,
            Activation::Relu,
            Activation::Tanh,
            Activation::Elu,
        ] {
            assert_eq!(act.name().parse::<Activation>().unwrap(), act);
        }
        let err = "gelu".parse::<Activation>().unwrap_err();
        assert!(
            err.to_string().starts_with("activation = \"gelu\""),
            "{err}"
        );
    }

    #[test]
    fn softplus_matches_the_definition() {
        for x in [-30.0f32, -1.0, 0.0, 1.0, 19.0, 25.0] {
            let want = f64::from(x).exp().ln_1p();
            assert!(rel(softplus(x), want) < 1e-6, "softplus({x})");
        }
    }
}
