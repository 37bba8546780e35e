//! A learned state-value network `V(s)`: the planner's estimate of what a path is worth after its
//! last planned step, so that a short horizon still sees the consequences that lie beyond it.
//!
//! The network is an ensemble of `E` MLPs (one or more), each mapping the normalized state to one
//! normalized value; `V(s)` is the mean over members of `output * scale + shift`, kept within the
//! bounds given by [`ValueNet::with_bounds`] (the range of the targets it was fitted on): between
//! the states it was taught, a network extrapolates freely, and a planner that maximises `V` would
//! seek out exactly those states.

use crate::error::{CoreError, CoreResult};
use crate::mlp::{EnsembleMlp, Workspace};
use crate::normalize::NormalizedMlp;

/// `V(s)` (see the module documentation).
#[derive(Debug, Clone)]
pub struct ValueNet {
    net: NormalizedMlp,
    scale: f32,
    shift: f32,
    low: f32,
    high: f32,
}

impl ValueNet {
    /// Builds the network.
    ///
    /// # Errors
    /// [`CoreError::Shape`] when the network does not output one value or the normalization does
    /// not fit its input; [`CoreError::InvalidArgument`] for non-finite values, a non-positive
    /// `obs_std` or `scale`.
    pub fn new(
        mlp: EnsembleMlp,
        obs_mean: Vec<f32>,
        obs_std: &[f32],
        scale: f32,
        shift: f32,
    ) -> CoreResult<Self> {
        if mlp.output_dim() != 1 {
            return Err(CoreError::Shape {
                name: "weights".into(),
                actual: vec![mlp.output_dim()],
                expected: "(1,): a value network has one output".into(),
            });
        }
        let net = NormalizedMlp::new(mlp, Some(obs_mean), Some(obs_std.to_vec()))?;
        if !(scale.is_finite() && scale > 0.0) {
            return Err(invalid("scale", scale, "must be finite and positive"));
        }
        if !shift.is_finite() {
            return Err(invalid("shift", shift, "must be finite"));
        }
        Ok(Self {
            net,
            scale,
            shift,
            low: f32::NEG_INFINITY,
            high: f32::INFINITY,
        })
    }

    /// The same network, its values clamped to `[low, high]`.
    ///
    /// # Errors
    /// [`CoreError::InvalidArgument`] when `low > high` or either is NaN.
    pub fn with_bounds(self, low: f32, high: f32) -> CoreResult<Self> {
        if low.is_nan() || high.is_nan() || low > high {
            return Err(invalid(
                "bounds",
                format!("({low}, {high})"),
                "must be numbers with low <= high",
            ));
        }
        Ok(Self { low, high, ..self })
    }

    /// State width.
    #[must_use]
    pub fn obs_dim(&self) -> usize {
        self.net.input_dim()
    }

    /// The network.
    #[must_use]
    pub const fn mlp(&self) -> &EnsembleMlp {
        self.net.mlp()
    }

    /// `V` of `rows` states `[rows, obs_dim]`, written to `out[rows]` (resized).
    pub fn values(
        &self,
        states: &[f32],
        rows: usize,
        ws: &mut Workspace,
        buf: &mut Vec<f32>,
        out: &mut Vec<f32>,
    ) {
        let e = self.net.mlp().members();
        let mut raw = Vec::new();
        self.net.forward(states, rows, ws, buf, &mut raw);
        out.clear();
        let inv_e = 1.0 / e as f32;
        out.extend((0..rows).map(|i| {
            let mean: f32 = (0..e).map(|m| raw[m * rows + i]).sum::<f32>() * inv_e;
            (mean * self.scale + self.shift).clamp(self.low, self.high)
        }));
    }
}

#[allow(clippy::needless_pass_by_value)] // takes numbers and strings alike
fn invalid(name: &str, value: impl ToString, reason: &str) -> CoreError {
    CoreError::InvalidArgument {
        name: name.into(),
        value: value.to_string(),
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Activation;

    #[test]
    #[allow(clippy::float_cmp)] // small exact sums
    fn the_value_is_the_denormalized_mean_over_members() {
        // Two linear members on 2 inputs: y = x0 + x1 and y = x0 - x1 + 1.
        let mlp = EnsembleMlp::new(
            &[(2, 2, 1)],
            &[vec![1.0, 1.0, 1.0, -1.0]],
            &[vec![0.0, 1.0]],
            Activation::Relu,
        )
        .unwrap();
        let net = ValueNet::new(mlp, vec![1.0, 0.0], &[2.0, 1.0], 10.0, -3.0).unwrap();
        let (mut ws, mut buf, mut out) = (Workspace::default(), Vec::new(), Vec::new());
        // Normalized (x0 - 1) / 2 = 1, x1 = 2: members give 3 and 0 -> mean 1.5 -> 15 - 3.
        net.values(&[3.0, 2.0], 1, &mut ws, &mut buf, &mut out);
        assert_eq!(out, vec![12.0]);
    }

    #[test]
    #[allow(clippy::float_cmp)] // exact bounds
    fn bounds_clamp_the_value() {
        let mlp =
            EnsembleMlp::new(&[(1, 1, 1)], &[vec![1.0]], &[vec![0.0]], Activation::Relu).unwrap();
        let net = ValueNet::new(mlp, vec![0.0], &[1.0], 1.0, 0.0)
            .unwrap()
            .with_bounds(-1.0, 2.0)
            .unwrap();
        let (mut ws, mut buf, mut out) = (Workspace::default(), Vec::new(), Vec::new());
        net.values(&[-5.0, 1.5, 7.0], 3, &mut ws, &mut buf, &mut out);
        assert_eq!(out, vec![-1.0, 1.5, 2.0]);
        assert!(net.clone().with_bounds(1.0, 0.0).is_err());
        assert!(net.with_bounds(f32::NAN, 0.0).is_err());
    }

    #[test]
    fn bad_settings_name_the_input() {
        let mlp = || {
            EnsembleMlp::new(
                &[(1, 2, 2)],
                &[vec![0.0; 4]],
                &[vec![0.0; 2]],
                Activation::Relu,
            )
            .unwrap()
        };
        let err = ValueNet::new(mlp(), vec![0.0; 2], &[1.0; 2], 1.0, 0.0).unwrap_err();
        assert!(err.to_string().contains("weights"), "{err}");
        let one = EnsembleMlp::new(
            &[(1, 2, 1)],
            &[vec![0.0; 2]],
            &[vec![0.0]],
            Activation::Relu,
        )
        .unwrap();
        let err = ValueNet::new(one, vec![0.0; 2], &[1.0, 0.0], 1.0, 0.0).unwrap_err();
        assert!(err.to_string().contains("obs_std"), "{err}");
    }
}
