//! A deterministic policy MLP evaluated in the rollout loop.

use std::str::FromStr;

use crate::bounds::check_bounds;
use crate::error::{parse_choice, CoreError, CoreResult};
use crate::mlp::{EnsembleMlp, Workspace};
use crate::normalize::NormalizedMlp;

/// How the network's output becomes an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyOutput {
    /// `low + (tanh(y) + 1) / 2 * (high - low)`.
    Tanh,
    /// `y` clipped to `[low, high]`.
    Linear,
    /// The index of the largest output (discrete actions), as one `f32` column.
    Argmax,
}

impl PolicyOutput {
    /// The name [`FromStr`] accepts (and the bindings show).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Tanh => "tanh",
            Self::Linear => "linear",
            Self::Argmax => "argmax",
        }
    }
}

impl FromStr for PolicyOutput {
    type Err = CoreError;

    fn from_str(name: &str) -> CoreResult<Self> {
        let outputs = [Self::Tanh, Self::Linear, Self::Argmax];
        parse_choice("output", name, &outputs.map(|o| (o.name(), o)))
    }
}

/// A single MLP (an ensemble of one) with optional observation normalization and an output map.
#[derive(Debug, Clone)]
pub struct PolicyNet {
    net: NormalizedMlp,
    output: PolicyOutput,
    low: Vec<f32>,
    high: Vec<f32>,
}

impl PolicyNet {
    /// Builds the policy. For `Tanh` / `Linear`, `low` and `high` have one entry per network output;
    /// for `Argmax` they are ignored (pass empty vectors) and the network has one output per action.
    ///
    /// # Errors
    /// [`CoreError::Shape`] for bounds or normalization of the wrong length,
    /// [`CoreError::InvalidArgument`] for `low > high`, non-finite bounds, non-positive `obs_std`,
    /// more than one member, or fewer than 2 outputs for `Argmax`.
    pub fn new(
        mlp: EnsembleMlp,
        output: PolicyOutput,
        low: Vec<f32>,
        high: Vec<f32>,
        obs_mean: Option<Vec<f32>>,
        obs_std: Option<Vec<f32>>,
    ) -> CoreResult<Self> {
        if mlp.members() != 1 {
            return Err(CoreError::InvalidArgument {
                name: "weights".into(),
                value: format!("{} members", mlp.members()),
                reason: "a policy is a single network".into(),
            });
        }
        let out = mlp.output_dim();
        if output == PolicyOutput::Argmax {
            if out < 2 {
                return Err(CoreError::InvalidArgument {
                    name: "output".into(),
                    value: "\"argmax\"".into(),
                    reason: format!("needs at least 2 network outputs, got {out}"),
                });
            }
        } else {
            check_bounds(&low, &high, out)?;
        }
        Ok(Self {
            net: NormalizedMlp::new(mlp, obs_mean, obs_std)?,
            output,
            low,
            high,
        })
    }

    /// Observation width.
    #[must_use]
    pub fn obs_dim(&self) -> usize {
        self.net.input_dim()
    }

    /// Action columns (1 for `Argmax`).
    #[must_use]
    pub fn action_dim(&self) -> usize {
        match self.output {
            PolicyOutput::Argmax => 1,
            _ => self.net.mlp().output_dim(),
        }
    }

    /// Number of discrete actions for `Argmax`, else `None`.
    #[must_use]
    pub fn discrete_actions(&self) -> Option<usize> {
        (self.output == PolicyOutput::Argmax).then(|| self.net.mlp().output_dim())
    }

    /// The output map.
    #[must_use]
    pub const fn output(&self) -> PolicyOutput {
        self.output
    }

    /// Lower action bounds (empty for `Argmax`).
    #[must_use]
    pub fn low(&self) -> &[f32] {
        &self.low
    }

    /// Upper action bounds (empty for `Argmax`).
    #[must_use]
    pub fn high(&self) -> &[f32] {
        &self.high
    }

    /// The network.
    #[must_use]
    pub const fn mlp(&self) -> &EnsembleMlp {
        self.net.mlp()
    }

    /// Actions `[rows, action_dim]` for observations `[rows, obs_dim]`, written to `out`.
    pub fn act(
        &self,
        obs: &[f32],
        rows: usize,
        ws: &mut Workspace,
        buf: &mut Vec<f32>,
        out: &mut Vec<f32>,
    ) {
        let od = self.net.mlp().output_dim();
        let mut y = Vec::new();
        self.net.forward(obs, rows, ws, buf, &mut y);
        out.clear();
        match self.output {
            PolicyOutput::Argmax => out.extend(y.chunks_exact(od).map(|row| {
                let mut best = 0;
                for (j, v) in row.iter().enumerate() {
                    if *v > row[best] {
                        best = j;
                    }
                }
                best as f32
            })),
            PolicyOutput::Tanh => out.extend(y.chunks_exact(od).flat_map(|row| {
                row.iter().enumerate().map(|(j, v)| {
                    self.low[j] + (v.tanh() + 1.0) * 0.5 * (self.high[j] - self.low[j])
                })
            })),
            PolicyOutput::Linear => out.extend(y.chunks_exact(od).flat_map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(j, v)| v.clamp(self.low[j], self.high[j]))
            })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Activation;

    fn identity_net(n: usize) -> EnsembleMlp {
        let mut w = vec![0.0; n * n];
        for j in 0..n {
            w[j * n + j] = 1.0;
        }
        EnsembleMlp::new(&[(1, n, n)], &[w], &[vec![0.0; n]], Activation::Relu).unwrap()
    }

    #[test]
    fn output_maps() {
        let obs = [0.0, 10.0, -0.5, 0.25];
        let mut ws = Workspace::default();
        let (mut buf, mut out) = (Vec::new(), Vec::new());
        let linear = PolicyNet::new(
            identity_net(2),
            PolicyOutput::Linear,
            vec![-1.0, -1.0],
            vec![1.0, 1.0],
            None,
            None,
        )
        .unwrap();
        linear.act(&obs, 2, &mut ws, &mut buf, &mut out);
        assert_eq!(out, vec![0.0, 1.0, -0.5, 0.25]);
        let tanh = PolicyNet::new(
            identity_net(2),
            PolicyOutput::Tanh,
            vec![0.0, -2.0],
            vec![1.0, 2.0],
            Some(vec![0.0, 10.0]),
            Some(vec![1.0, 1.0]),
        )
        .unwrap();
        tanh.act(&obs, 1, &mut ws, &mut buf, &mut out);
        assert!(
            (out[0] - 0.5).abs() < 1e-6 && out[1].abs() < 1e-6,
            "{out:?}"
        );
        let argmax = PolicyNet::new(
            identity_net(2),
            PolicyOutput::Argmax,
            vec![],
            vec![],
            None,
            None,
        )
        .unwrap();
        argmax.act(&obs, 2, &mut ws, &mut buf, &mut out);
        assert_eq!(out, vec![1.0, 1.0]);
        assert_eq!(argmax.discrete_actions(), Some(2));
    }

    #[test]
    fn bad_bounds_are_named() {
        let err = PolicyNet::new(
            identity_net(2),
            PolicyOutput::Linear,
            vec![1.0, 0.0],
            vec![0.0, 1.0],
            None,
            None,
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with("action_low = 1 at index 0"),
            "{err}"
        );
    }
}
