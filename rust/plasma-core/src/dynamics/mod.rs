//! Batched one-step prediction: the learned ensemble world model and two true dynamics
//! (Gymnasium's Pendulum-v1 and `CartPole`-v1) behind one trait, so that rollouts and planners run
//! unchanged on either.

mod classic;
mod ensemble;

pub use classic::{CartPoleDynamics, PendulumDynamics};
pub use ensemble::{EnsembleDynamics, EnsembleSpec, OutcomeHead};

use crate::mlp::Workspace;

/// Which ensemble member predicts each row.
#[derive(Clone, Copy, Debug)]
pub enum Members<'a> {
    /// Row `i` is predicted by member `members[i]` (must be `< Dynamics::members()`).
    PerRow(&'a [usize]),
    /// Every row is predicted by the whole ensemble: the moment-matched Gaussian of the members'
    /// predictions (mean of means; variance = mean of variances + variance of means).
    Mean,
}

impl Members<'_> {
    /// The member of all of the first `rows` rows when they share one (`rows > 0`).
    #[must_use]
    pub fn common(&self, rows: usize) -> Option<usize> {
        match self {
            Self::PerRow(members) => {
                let (&first, rest) = members[..rows].split_first()?;
                rest.iter().all(|&m| m == first).then_some(first)
            }
            Self::Mean => None,
        }
    }
}

/// One batch of `rows` transitions to predict.
#[derive(Clone, Copy, Debug)]
pub struct StepInput<'a> {
    /// `[rows, state_dim]`.
    pub states: &'a [f32],
    /// `[rows, action_dim]` (for discrete actions one column holding the index).
    pub actions: &'a [f32],
    /// Member selection.
    pub members: Members<'a>,
    /// Standard normal noise `[rows, noise_dim]`, or `None` for the mean prediction.
    pub noise: Option<&'a [f32]>,
    /// Compute the ensemble disagreement (costs one forward pass per member).
    pub uncertainty: bool,
    /// Number of rows.
    pub rows: usize,
}

/// Predictions of one batch; buffers are reused between calls.
#[derive(Clone, Debug, Default)]
pub struct StepOutput {
    /// `[rows, state_dim]`.
    pub next_states: Vec<f32>,
    /// `[rows]`.
    pub rewards: Vec<f32>,
    /// `[rows]`.
    pub dones: Vec<bool>,
    /// `[rows]`: max over members of the distance between the member's mean state change and the
    /// ensemble's (raw units); 0 when not requested or for true dynamics.
    pub uncertainty: Vec<f32>,
}

impl StepOutput {
    /// Sizes every buffer for `rows` rows of `state_dim` (contents unspecified).
    pub fn resize(&mut self, rows: usize, state_dim: usize) {
        self.next_states.resize(rows * state_dim, 0.0);
        self.rewards.resize(rows, 0.0);
        self.dones.resize(rows, false);
        self.uncertainty.resize(rows, 0.0);
    }
}

/// Scratch memory of one worker (never shared between threads).
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    pub(crate) mlp: Workspace,
    pub(crate) inputs: Vec<f32>,
    pub(crate) gathered: Vec<f32>,
    pub(crate) raw: Vec<f32>,
    pub(crate) raw_all: Vec<f32>,
    pub(crate) order: Vec<usize>,
    /// Per row: the standard deviations of the member's prediction, then their bounds.
    pub(crate) std: Vec<f32>,
    pub(crate) std_lo: Vec<f32>,
    pub(crate) std_hi: Vec<f32>,
    /// Inputs and outputs of an outcome head.
    pub(crate) outcome_in: Vec<f32>,
    pub(crate) outcome_out: Vec<f32>,
}

/// Batched one-step dynamics.
pub trait Dynamics: Send + Sync {
    /// Width of a state `S`.
    fn state_dim(&self) -> usize;
    /// Columns of an action row (1 for discrete actions: the index).
    fn action_dim(&self) -> usize;
    /// `Some(n)` for `n` discrete actions, `None` for continuous actions.
    fn discrete_actions(&self) -> Option<usize>;
    /// Ensemble members (1 for true dynamics).
    fn members(&self) -> usize {
        1
    }
    /// Standard normal values consumed per row when sampling (0: deterministic dynamics).
    fn noise_dim(&self) -> usize {
        0
    }
    /// The termination box `(low, high)` (`±inf` where a variable has no bound): leaving it ends
    /// a path. `None` when the model knows of none.
    fn state_bounds(&self) -> Option<(&[f32], &[f32])> {
        None
    }
    /// Predicts `input.rows` transitions into `out` (resized here).
    fn step(&self, input: &StepInput<'_>, scratch: &mut Scratch, out: &mut StepOutput);
}

/// The discrete action index held in `value`, clamped to `[0, n)` (inputs are validated at the
/// boundary; the clamp only guards the kernels).
#[inline]
#[must_use]
pub fn action_index(value: f32, n: usize) -> usize {
    let v = value.round();
    if v >= 0.0 {
        (v as usize).min(n - 1)
    } else {
        0
    }
}
