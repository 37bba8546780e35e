//! Numeric detectors over a batch of imagined paths, one pass per path, rayon across paths.
//!
//! Every detector looks at the transitions `t < lengths[p]` of each path `p`: the transition
//! `t` is `(s_t, a_t, r_t, u_t, s_{t+1})`; checks on the start state `s_0` count at step 0. The
//! result is, per path and detector, a [`DetectorStats`]: how many steps were flagged, the first,
//! and the worst one (largest value; the earliest among equals) with the variable or invariant
//! that was worst there. Python turns those into findings and decides severities.
//!
//! State detectors skip steps whose states are not all finite, reward detectors skip non-finite
//! rewards, and the cycle detector skips paths holding any non-finite value: the
//! [`Detector::NonFinite`] detector reports those.

use rayon::prelude::*;

use super::grid::{cell_coord, check_axes, key_finish, key_step, CellGrid, KEY_START};
use crate::error::{check_dim, check_len, check_positive, CoreError, CoreResult};

/// The numeric detectors, in the column order of [`ScanOutput`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Detector {
    /// NaN or infinity in a state, action, reward or uncertainty (index: 0 states, 1 actions,
    /// 2 rewards, 3 uncertainty).
    NonFinite,
    /// Ensemble disagreement above the calibrated threshold (value: the disagreement).
    Uncertainty,
    /// A state outside the support of the real data (value: normalised distance outside the
    /// real range; index: the variable furthest out, -1 when only the grid missed it).
    OutOfSupport,
    /// A declared invariant or bound violated (value: the excess; index: the invariant).
    Invariant,
    /// An action outside the action bounds (value: the excess; index: the action variable).
    ActionBounds,
    /// A reward above the largest reward the real data paid (value: the reward).
    RewardAboveMax,
    /// A jump between consecutive rewards larger than any real one (value: the jump).
    RewardSpike,
    /// A state change larger than any real transition (value: the ratio to the real limit;
    /// index: the variable).
    StateJump,
    /// A loop back to a visited cell collecting reward at a high rate (value: the mean reward
    /// per step around the loop; index: the step the loop started from).
    RewardCycle,
}

/// Number of detectors (columns of a scan's output).
pub const NUM_DETECTORS: usize = 9;

impl Detector {
    /// All detectors, in column order.
    pub const ALL: [Self; NUM_DETECTORS] = [
        Self::NonFinite,
        Self::Uncertainty,
        Self::OutOfSupport,
        Self::Invariant,
        Self::ActionBounds,
        Self::RewardAboveMax,
        Self::RewardSpike,
        Self::StateJump,
        Self::RewardCycle,
    ];

    /// The detector's name as Python reports it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::NonFinite => "non_finite",
            Self::Uncertainty => "uncertainty",
            Self::OutOfSupport => "out_of_support",
            Self::Invariant => "invariant",
            Self::ActionBounds => "action_bounds",
            Self::RewardAboveMax => "reward_above_max",
            Self::RewardSpike => "reward_spike",
            Self::StateJump => "state_jump",
            Self::RewardCycle => "reward_cycle",
        }
    }

    /// Column of the detector in a scan's output.
    #[must_use]
    pub const fn column(self) -> usize {
        self as usize
    }
}

/// A borrowed batch of paths (row-major arrays, shapes as in `PhantomPaths`).
#[derive(Debug, Clone, Copy)]
pub struct PathsView<'a> {
    states: &'a [f32],
    actions: &'a [f32],
    rewards: &'a [f32],
    dones: &'a [bool],
    uncertainty: &'a [f32],
    lengths: &'a [i64],
    num_paths: usize,
    horizon: usize,
    state_dim: usize,
    action_dim: usize,
}

impl<'a> PathsView<'a> {
    /// Checks the sizes of the flat arrays against `(P, H, S, A)`.
    ///
    /// # Errors
    /// A size mismatch (naming the array), or a length outside `[0, H]`.
    pub fn new(
        states: &'a [f32],
        actions: &'a [f32],
        rewards: &'a [f32],
        dones: &'a [bool],
        uncertainty: &'a [f32],
        lengths: &'a [i64],
        (num_paths, horizon, state_dim, action_dim): (usize, usize, usize, usize),
    ) -> CoreResult<Self> {
        let (p, h, s, a) = (num_paths, horizon, state_dim, action_dim);
        let checks: [(&str, usize, usize, String); 6] = [
            (
                "states",
                states.len(),
                p * (h + 1) * s,
                format!("{p}*{}*{s}", h + 1),
            ),
            ("actions", actions.len(), p * h * a, format!("{p}*{h}*{a}")),
            ("rewards", rewards.len(), p * h, format!("{p}*{h}")),
            ("dones", dones.len(), p * h, format!("{p}*{h}")),
            ("uncertainty", uncertainty.len(), p * h, format!("{p}*{h}")),
            ("lengths", lengths.len(), p, format!("{p}")),
        ];
        for (name, actual, expected, text) in checks {
            if actual != expected {
                return Err(CoreError::shape(
                    name,
                    vec![actual],
                    format!("{text} = {expected} values"),
                ));
            }
        }
        if let Some((i, &l)) = lengths
            .iter()
            .enumerate()
            .find(|(_, &l)| l < 0 || l as usize > h)
        {
            return Err(CoreError::InvalidArgument {
                name: format!("lengths[{i}]"),
                value: l.to_string(),
                reason: format!("must lie in [0, {h}]"),
            });
        }
        Ok(Self {
            states,
            actions,
            rewards,
            dones,
            uncertainty,
            lengths,
            num_paths,
            horizon,
            state_dim,
            action_dim,
        })
    }

    /// P.
    #[must_use]
    pub fn num_paths(&self) -> usize {
        self.num_paths
    }

    /// Sum of the lengths: the transitions a scan examines.
    #[must_use]
    pub fn num_transitions(&self) -> usize {
        self.lengths.iter().map(|&l| l as usize).sum()
    }

    #[inline]
    fn state(&self, p: usize, t: usize) -> &'a [f32] {
        let start = (p * (self.horizon + 1) + t) * self.state_dim;
        &self.states[start..start + self.state_dim]
    }

    #[inline]
    fn action(&self, p: usize, t: usize) -> &'a [f32] {
        let start = (p * self.horizon + t) * self.action_dim;
        &self.actions[start..start + self.action_dim]
    }
}

/// Where the real data lives: a per-variable range and, optionally, a grid of occupied cells.
#[derive(Debug, Clone)]
pub struct SupportSpec {
    /// Lowest value of each variable in the real data.
    pub low: Vec<f32>,
    /// Highest value of each variable in the real data.
    pub high: Vec<f32>,
    /// Scale of each variable (its standard deviation in the real data).
    pub scale: Vec<f32>,
    /// Distance outside the range, in scales, that is still accepted.
    pub tolerance: f32,
    /// Occupied cells (a state in an empty cell is out of support).
    pub grid: Option<CellGrid>,
}

/// A declared invariant of the environment.
#[derive(Debug, Clone)]
pub enum Invariant {
    /// `low <= s[var] <= high`; with `exempt_at_done` the final state of a path that ended with
    /// a done is not checked (a termination bound).
    Bounds {
        /// Variable index.
        var: usize,
        /// Lower bound (tolerance included).
        low: f32,
        /// Upper bound (tolerance included).
        high: f32,
        /// Skip the state reached by a terminating step.
        exempt_at_done: bool,
    },
    /// `|sum(s[v]^2 for v in vars) - target| <= tolerance`.
    Norm {
        /// Variable indices.
        vars: Vec<usize>,
        /// The value of the sum of squares.
        target: f32,
        /// Accepted deviation.
        tolerance: f32,
    },
    /// `|sum(c * s[v]) - target| <= tolerance`.
    Linear {
        /// `(variable, coefficient)` terms.
        terms: Vec<(usize, f32)>,
        /// The value of the sum.
        target: f32,
        /// Accepted deviation.
        tolerance: f32,
    },
    /// How far one step moves the state off a norm's manifold:
    /// `|sum(s'[v]^2) - sum(s[v]^2)| <= tolerance` for consecutive states `s`, `s'`
    /// (compounding-free: a deviation inherited from earlier steps does not count).
    NormStep {
        /// Variable indices.
        vars: Vec<usize>,
        /// Accepted change of the sum of squares in one step.
        tolerance: f32,
    },
    /// How far one step moves the state off a linear relation:
    /// `|sum(c * s'[v]) - sum(c * s[v])| <= tolerance` for consecutive states.
    LinearStep {
        /// `(variable, coefficient)` terms.
        terms: Vec<(usize, f32)>,
        /// Accepted change of the sum in one step.
        tolerance: f32,
    },
}

#[inline]
fn sum_of_squares(vars: &[usize], x: &[f32]) -> f32 {
    let mut sum = 0.0_f32;
    for &v in vars {
        sum += x[v] * x[v];
    }
    sum
}

#[inline]
fn weighted_sum(terms: &[(usize, f32)], x: &[f32]) -> f32 {
    let mut sum = 0.0_f32;
    for &(v, c) in terms {
        sum += c * x[v];
    }
    sum
}

impl Invariant {
    /// How far `x` is beyond the invariant (0 when it holds).
    #[inline]
    fn excess(&self, x: &[f32]) -> f32 {
        match self {
            Self::Bounds { var, low, high, .. } => {
                let v = x[*var];
                (low - v).max(v - high).max(0.0)
            }
            Self::Norm {
                vars,
                target,
                tolerance,
            } => ((sum_of_squares(vars, x) - target).abs() - tolerance).max(0.0),
            Self::Linear {
                terms,
                target,
                tolerance,
            } => ((weighted_sum(terms, x) - target).abs() - tolerance).max(0.0),
            Self::NormStep { .. } | Self::LinearStep { .. } => 0.0,
        }
    }

    /// The quantity a per-step invariant bounds the change of (None for the others).
    #[inline]
    fn step_value(&self, x: &[f32]) -> Option<f32> {
        match self {
            Self::NormStep { vars, .. } => Some(sum_of_squares(vars, x)),
            Self::LinearStep { terms, .. } => Some(weighted_sum(terms, x)),
            _ => None,
        }
    }

    #[inline]
    fn step_tolerance(&self) -> f32 {
        match self {
            Self::NormStep { tolerance, .. } | Self::LinearStep { tolerance, .. } => *tolerance,
            _ => f32::INFINITY,
        }
    }

    fn is_per_step(&self) -> bool {
        matches!(self, Self::NormStep { .. } | Self::LinearStep { .. })
    }

    fn variables(&self) -> Vec<usize> {
        match self {
            Self::Bounds { var, .. } => vec![*var],
            Self::Norm { vars, .. } | Self::NormStep { vars, .. } => vars.clone(),
            Self::Linear { terms, .. } | Self::LinearStep { terms, .. } => {
                terms.iter().map(|t| t.0).collect()
            }
        }
    }
}

/// Loops that collect reward: cells of `width` from `origin`, a loop of at least `min_period`
/// steps, a mean reward per step above `min_rate` and a spread of at least `min_extent` cells
/// along some variable.
#[derive(Debug, Clone)]
pub struct CycleSpec {
    /// Grid origin per variable.
    pub origin: Vec<f32>,
    /// Cell width per variable.
    pub width: Vec<f32>,
    /// Shortest loop, in steps (at least 2).
    pub min_period: usize,
    /// Mean reward per step a loop must exceed.
    pub min_rate: f64,
    /// Cells a loop must span along at least one variable.
    pub min_extent: i64,
}

/// What the detectors compare against; `None` (or empty) switches a detector off.
#[derive(Debug, Clone, Default)]
pub struct ScanConfig {
    /// S.
    pub state_dim: usize,
    /// A.
    pub action_dim: usize,
    /// Largest accepted ensemble disagreement.
    pub uncertainty_threshold: Option<f32>,
    /// Support of the real data.
    pub support: Option<SupportSpec>,
    /// Declared invariants.
    pub invariants: Vec<Invariant>,
    /// Action bounds `(low, high)`, tolerance included.
    pub action_bounds: Option<(Vec<f32>, Vec<f32>)>,
    /// Largest accepted reward.
    pub reward_max: Option<f32>,
    /// Largest accepted change between consecutive rewards.
    pub reward_spike: Option<f32>,
    /// Largest accepted change of each variable in one step (positive).
    pub state_jump: Option<Vec<f32>>,
    /// Reward-farming loops.
    pub cycle: Option<CycleSpec>,
}

/// What one detector found on one path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DetectorStats {
    /// Flagged steps.
    pub count: u32,
    /// First flagged step (-1: none).
    pub first_step: i32,
    /// Step of the largest value (-1: none).
    pub worst_step: i32,
    /// Largest value (NaN: none).
    pub worst_value: f32,
    /// Variable, invariant or loop start of the worst step (-1: not applicable).
    pub worst_index: i32,
}

impl DetectorStats {
    /// Nothing found.
    pub const NONE: Self = Self {
        count: 0,
        first_step: -1,
        worst_step: -1,
        worst_value: f32::NAN,
        worst_index: -1,
    };

    #[inline]
    fn hit(&mut self, step: usize, value: f32, index: i32) {
        let step = step as i32;
        if self.count == 0 {
            self.first_step = step;
            self.worst_step = step;
            self.worst_value = value;
            self.worst_index = index;
        } else if value > self.worst_value {
            self.worst_step = step;
            self.worst_value = value;
            self.worst_index = index;
        }
        self.count += 1;
    }
}

/// Per path, one [`DetectorStats`] per detector (columns in [`Detector::ALL`] order).
#[derive(Debug, Clone)]
pub struct ScanOutput {
    /// Row-major `[P][NUM_DETECTORS]`.
    pub stats: Vec<[DetectorStats; NUM_DETECTORS]>,
    /// Transitions examined.
    pub transitions: usize,
}

/// A compiled set of numeric detectors; build once (after calibration), scan many batches.
#[derive(Debug, Clone)]
pub struct NumericScanner {
    config: ScanConfig,
    /// The invariants checked per step (the scan skips that check when there are none).
    step_invariants: Vec<usize>,
}

fn check_not_nan(name: &str, value: Option<f32>) -> CoreResult<()> {
    match value {
        Some(v) if v.is_nan() => Err(CoreError::InvalidArgument {
            name: name.into(),
            value: "NaN".into(),
            reason: "must be a number".into(),
        }),
        _ => Ok(()),
    }
}

impl NumericScanner {
    /// Checks the configuration.
    ///
    /// # Errors
    /// Sizes that do not match the state or action dimension, variable indices out of range,
    /// non-positive scales or limits, NaN thresholds.
    pub fn new(config: ScanConfig) -> CoreResult<Self> {
        let s = config.state_dim;
        check_dim("state_dim", s)?;
        check_not_nan("uncertainty_threshold", config.uncertainty_threshold)?;
        check_not_nan("reward_max", config.reward_max)?;
        check_not_nan("reward_spike", config.reward_spike)?;
        if let Some(sup) = &config.support {
            check_len("support low", &sup.low, s)?;
            check_len("support high", &sup.high, s)?;
            check_len("support scale", &sup.scale, s)?;
            for &x in &sup.scale {
                check_positive("support scale", x)?;
            }
            if sup.tolerance.is_nan() || sup.tolerance < 0.0 {
                return Err(CoreError::InvalidArgument {
                    name: "support tolerance".into(),
                    value: sup.tolerance.to_string(),
                    reason: "must be >= 0".into(),
                });
            }
            if let Some(g) = &sup.grid {
                if g.dim() != s {
                    return Err(CoreError::shape(
                        "support grid",
                        vec![g.dim()],
                        format!("({s},)"),
                    ));
                }
            }
        }
        for (i, inv) in config.invariants.iter().enumerate() {
            if let Some(v) = inv.variables().into_iter().find(|&v| v >= s) {
                return Err(CoreError::InvalidArgument {
                    name: format!("invariant {i}"),
                    value: v.to_string(),
                    reason: format!("variable index out of range for {s} state variables"),
                });
            }
        }
        if let Some((low, high)) = &config.action_bounds {
            check_len("action low", low, config.action_dim)?;
            check_len("action high", high, config.action_dim)?;
        }
        if let Some(jump) = &config.state_jump {
            check_len("state jump limits", jump, s)?;
            for &x in jump {
                check_positive("state jump limit", x)?;
            }
        }
        if let Some(c) = &config.cycle {
            check_axes(s, &c.origin, &c.width)?;
            if c.min_period < 2 {
                return Err(CoreError::InvalidArgument {
                    name: "cycle min_period".into(),
                    value: c.min_period.to_string(),
                    reason: "must be at least 2".into(),
                });
            }
        }
        let step_invariants = (0..config.invariants.len())
            .filter(|&i| config.invariants[i].is_per_step())
            .collect();
        Ok(Self {
            config,
            step_invariants,
        })
    }

    /// The configuration.
    #[must_use]
    pub fn config(&self) -> &ScanConfig {
        &self.config
    }

    /// Runs every enabled detector over every path (in parallel on the current rayon pool).
    ///
    /// # Errors
    /// The batch's state or action dimension differs from the scanner's.
    pub fn scan(&self, paths: &PathsView<'_>) -> CoreResult<ScanOutput> {
        if paths.state_dim != self.config.state_dim {
            return Err(CoreError::shape(
                "states",
                vec![paths.state_dim],
                format!("{} state variables", self.config.state_dim),
            ));
        }
        if self.config.action_bounds.is_some() && paths.action_dim != self.config.action_dim {
            return Err(CoreError::shape(
                "actions",
                vec![paths.action_dim],
                format!("{} action variables", self.config.action_dim),
            ));
        }
        let stats = (0..paths.num_paths)
            .into_par_iter()
            .map_init(
                || Scratch::new(paths.horizon, paths.state_dim),
                |scratch, p| self.scan_path(paths, p, scratch),
            )
            .collect();
        Ok(ScanOutput {
            stats,
            transitions: paths.num_transitions(),
        })
    }

    fn support_violation(&self, x: &[f32]) -> Option<(f32, i32)> {
        let sup = self.config.support.as_ref()?;
        let mut dist = 0.0_f32;
        let mut var = -1_i32;
        for (j, &v) in x.iter().enumerate() {
            let d = ((sup.low[j] - v) / sup.scale[j]).max((v - sup.high[j]) / sup.scale[j]);
            if d > dist {
                dist = d;
                var = j as i32;
            }
        }
        let miss = sup.grid.as_ref().is_some_and(|g| !g.contains(x));
        (dist > sup.tolerance || miss).then_some((dist, var))
    }

    fn invariant_violation(&self, x: &[f32], at_done: bool) -> Option<(f32, i32)> {
        let mut worst: Option<(f32, i32)> = None;
        for (i, inv) in self.config.invariants.iter().enumerate() {
            if inv.is_per_step()
                || at_done
                    && matches!(
                        inv,
                        Invariant::Bounds {
                            exempt_at_done: true,
                            ..
                        }
                    )
            {
                continue;
            }
            let e = inv.excess(x);
            if e > 0.0 && worst.is_none_or(|w| e > w.0) {
                worst = Some((e, i as i32));
            }
        }
        worst
    }

    /// The worst per-step invariant the step `x0 -> x1` breaks. `values[i]` holds invariant
    /// `i`'s value at `x0` when `have_x0` (the previous step computed it at its `x1`), and gets
    /// its value at `x1`: each state's value is computed once per path.
    fn step_violation(
        &self,
        x0: &[f32],
        x1: &[f32],
        values: &mut [f32],
        have_x0: bool,
    ) -> Option<(f32, i32)> {
        let mut worst: Option<(f32, i32)> = None;
        for &i in &self.step_invariants {
            let inv = &self.config.invariants[i];
            let Some(v1) = inv.step_value(x1) else {
                continue;
            };
            let v0 = if have_x0 {
                values[i]
            } else {
                inv.step_value(x0).unwrap_or(v1)
            };
            values[i] = v1;
            let e = ((v1 - v0).abs() - inv.step_tolerance()).max(0.0);
            if e > 0.0 && worst.is_none_or(|w| e > w.0) {
                worst = Some((e, i as i32));
            }
        }
        worst
    }

    fn scan_path(
        &self,
        v: &PathsView<'_>,
        p: usize,
        scratch: &mut Scratch,
    ) -> [DetectorStats; NUM_DETECTORS] {
        let cfg = &self.config;
        let mut st = [DetectorStats::NONE; NUM_DETECTORS];
        let len = v.lengths[p] as usize;
        let row = p * v.horizon;
        let mut prev_finite = v.state(p, 0).iter().all(|x| x.is_finite());
        // Per-step invariants: their values at the previous state (valid when `have_values`).
        let per_step = !self.step_invariants.is_empty();
        if per_step {
            scratch.step_values.clear();
            scratch.step_values.resize(cfg.invariants.len(), 0.0);
        }
        let mut have_values = false;
        for t in 0..len {
            let s0 = v.state(p, t);
            let s1 = v.state(p, t + 1);
            let a = v.action(p, t);
            let r = v.rewards[row + t];
            let u = v.uncertainty[row + t];
            let s0_finite = prev_finite;
            let s1_finite = s1.iter().all(|x| x.is_finite());
            prev_finite = s1_finite;
            let a_finite = a.iter().all(|x| x.is_finite());

            let bad = if !s0_finite && t == 0 || !s1_finite {
                Some(0)
            } else if !a_finite {
                Some(1)
            } else if !r.is_finite() {
                Some(2)
            } else if !u.is_finite() {
                Some(3)
            } else {
                None
            };
            if let Some(index) = bad {
                st[Detector::NonFinite.column()].hit(t, 1.0, index);
            }

            if let Some(thr) = cfg.uncertainty_threshold {
                if u > thr {
                    st[Detector::Uncertainty.column()].hit(t, u, -1);
                }
            }

            let at_done = t + 1 == len && v.dones[row + t];
            let mut support = None;
            let mut invariant = None;
            if t == 0 && s0_finite {
                support = self.support_violation(s0);
                invariant = self.invariant_violation(s0, false);
            }
            if s1_finite {
                support = max_violation(support, self.support_violation(s1));
                invariant = max_violation(invariant, self.invariant_violation(s1, at_done));
                if per_step && s0_finite {
                    let step = self.step_violation(s0, s1, &mut scratch.step_values, have_values);
                    invariant = max_violation(invariant, step);
                }
            }
            have_values = per_step && s0_finite && s1_finite;
            if let Some((value, index)) = support {
                st[Detector::OutOfSupport.column()].hit(t, value, index);
            }
            if let Some((value, index)) = invariant {
                st[Detector::Invariant.column()].hit(t, value, index);
            }

            if let (Some((low, high)), true) = (&cfg.action_bounds, a_finite) {
                let mut worst = 0.0_f32;
                let mut index = -1;
                for (j, &x) in a.iter().enumerate() {
                    let e = (low[j] - x).max(x - high[j]);
                    if e > worst {
                        worst = e;
                        index = j as i32;
                    }
                }
                if index >= 0 {
                    st[Detector::ActionBounds.column()].hit(t, worst, index);
                }
            }

            if let Some(max) = cfg.reward_max {
                if r > max {
                    st[Detector::RewardAboveMax.column()].hit(t, r, -1);
                }
            }
            if let (Some(limit), true) = (cfg.reward_spike, t > 0) {
                let jump = (r - v.rewards[row + t - 1]).abs();
                if jump > limit {
                    st[Detector::RewardSpike.column()].hit(t, jump, -1);
                }
            }
            if let (Some(limits), true) = (&cfg.state_jump, s0_finite && s1_finite) {
                let mut worst = 0.0_f32;
                let mut index = -1;
                for j in 0..s0.len() {
                    let ratio = (s1[j] - s0[j]).abs() / limits[j];
                    if ratio > worst {
                        worst = ratio;
                        index = j as i32;
                    }
                }
                if worst > 1.0 {
                    st[Detector::StateJump.column()].hit(t, worst, index);
                }
            }
        }
        if let (Some(cycle), 0) = (&cfg.cycle, st[Detector::NonFinite.column()].count) {
            scan_cycles(
                cycle,
                v,
                p,
                len,
                scratch,
                &mut st[Detector::RewardCycle.column()],
            );
        }
        st
    }
}

#[inline]
fn max_violation(a: Option<(f32, i32)>, b: Option<(f32, i32)>) -> Option<(f32, i32)> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.0 > x.0 { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    }
}

fn scan_cycles(
    spec: &CycleSpec,
    v: &PathsView<'_>,
    p: usize,
    len: usize,
    scratch: &mut Scratch,
    out: &mut DetectorStats,
) {
    let s = v.state_dim;
    let n = len + 1;
    scratch.table.reset(n);
    let coords = &mut scratch.coords;
    coords.clear();
    let cum = &mut scratch.cum;
    cum.clear();
    cum.push(0.0);
    for t in 0..n {
        for (j, &x) in v.state(p, t).iter().enumerate() {
            coords.push(cell_coord(x, spec.origin[j], spec.width[j]));
        }
        if t < len {
            let last = cum[t];
            cum.push(last + f64::from(v.rewards[p * v.horizon + t]));
        }
    }
    for t in 0..n {
        let c = &coords[t * s..(t + 1) * s];
        let key = key_finish(c.iter().fold(KEY_START, |h, &x| key_step(h, x)));
        let Some(u) = scratch.table.swap(key, t as u32) else {
            continue;
        };
        let u = u as usize;
        if t - u < spec.min_period {
            continue;
        }
        let rate = (cum[t] - cum[u]) / (t - u) as f64;
        if rate <= spec.min_rate {
            continue;
        }
        let mut extent = 0_i64;
        for j in 0..s {
            let (mut lo, mut hi) = (i64::MAX, i64::MIN);
            for w in u..=t {
                let x = coords[w * s + j];
                lo = lo.min(x);
                hi = hi.max(x);
            }
            extent = extent.max(hi - lo);
        }
        if extent >= spec.min_extent {
            out.hit(t - 1, rate as f32, u as i32);
        }
    }
}

/// Per-thread buffers of a scan.
struct Scratch {
    coords: Vec<i64>,
    cum: Vec<f64>,
    table: StepTable,
    step_values: Vec<f32>,
}

impl Scratch {
    fn new(horizon: usize, state_dim: usize) -> Self {
        Self {
            coords: Vec::with_capacity((horizon + 1) * state_dim),
            cum: Vec::with_capacity(horizon + 1),
            table: StepTable::default(),
            step_values: Vec::new(),
        }
    }
}

/// An open-addressing map from cell key to the last step that visited it, cleared in O(1) by
/// bumping a generation stamp.
#[derive(Default)]
struct StepTable {
    keys: Vec<u64>,
    steps: Vec<u32>,
    stamps: Vec<u32>,
    generation: u32,
    mask: usize,
}

impl StepTable {
    fn reset(&mut self, n: usize) {
        let cap = (2 * n).next_power_of_two().max(16);
        if cap > self.keys.len() {
            self.keys = vec![0; cap];
            self.steps = vec![0; cap];
            self.stamps = vec![0; cap];
            self.generation = 0;
            self.mask = cap - 1;
        }
        if self.generation == u32::MAX {
            self.stamps.fill(0);
            self.generation = 0;
        }
        self.generation += 1;
    }

    /// Records `step` for `key` and returns the step recorded before, if any.
    fn swap(&mut self, key: u64, step: u32) -> Option<u32> {
        let mut i = (key as usize) & self.mask;
        loop {
            if self.stamps[i] != self.generation {
                self.stamps[i] = self.generation;
                self.keys[i] = key;
                self.steps[i] = step;
                return None;
            }
            if self.keys[i] == key {
                return Some(std::mem::replace(&mut self.steps[i], step));
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests;
