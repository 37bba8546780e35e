//! Sampling-based planners over a [`Dynamics`] model: CEM and MPPI for bounded continuous actions,
//! and CEM over per-step categorical distributions for discrete actions.
//!
//! A decision refines a distribution over action sequences for `iterations` rounds. Each round
//! samples `population` candidate sequences (candidate 0 is always the current mean / mode, so a
//! good plan is never lost), scores each by `particles` model rollouts as the mean over particles
//! of the discounted expected return — each reward weighted by the particle's probability of
//! having survived the steps before it (the model's termination probabilities; a particle stops
//! after its first done) — plus, for a particle still alive after the horizon, the discounted
//! learned value of its last state, weighted the same way (see
//! [`Guides`]), minus `uncertainty_penalty` times its summed ensemble disagreement (computed only
//! when the penalty is not zero; a negative penalty is a bonus: optimism that drives exploration)
//! and `margin_penalty` times its discounted closeness to the model's termination box (see
//! [`Dynamics::state_bounds`]), then refits.
//!
//! What a decision returns: by default the refitted distribution's mean (CEM, MPPI) or its most
//! likely sequence (discrete), which is never scored after the last refit; for an unstable system
//! the average of good but different sequences can be a poor sequence. With `execute_best` every
//! round of a decision scores under the same common random numbers, and the decision returns (and
//! warm-starts the next one from) the best-scoring candidate of all rounds, as iCEM does (Pinneri
//! et al. 2020); `keep_elites` carries the best candidates of a round into the next (CEM and
//! discrete), so that a refit that samples no better loses none of them.
//!
//! Picking the highest of many noisy scores picks the candidate whose score a model error
//! inflates most (the optimiser's curse: a plan that reaches a goal only in one member's
//! prediction). With `finalists` (and `execute_best`) the decision keeps its `finalists`
//! best-scoring candidates and the refitted mean, scores each of them again under every ensemble
//! member in turn (the member fixed along the path, fresh draws), and returns the refitted mean
//! unless a finalist beats it under the members by more than two standard errors of their paired
//! differences (then the best such finalist by its mean): the choice rests on a second,
//! independent estimate that weighs every member alike, and where good plans score alike (a
//! flat objective) the decision keeps the consensus of the elites, whose actions a policy can
//! learn.
//!
//! Ensemble members: with `resample_members` every particle draws its member anew at every step
//! (trajectory sampling, TS-inf), so that every candidate's score carries the ensemble's spread;
//! otherwise particle `j` keeps member `j % E` (true dynamics ignore members).
//!
//! A prior policy (see [`Guides`]) proposes candidates: `prior_fraction` of the population are its
//! own action sequences, rolled through the model's mean (the first without noise, the others with
//! `prior_noise`), and a path's first decision starts from the policy's sequence.
//!
//! Candidates are scored in parallel (rayon) in chunks; every candidate draws its members and model
//! noise from its own stream `(seed, iteration, candidate)` and a row's network output does not
//! depend on the other rows, so a decision is bit-identical for any thread count.

// Shapes use the letters of docs/architecture.md (P paths, H horizon, S state, A action,
// E members, K particles), as the papers do; spelling them out would hide the algebra.
#![allow(clippy::many_single_char_names)]

use std::str::FromStr;

use rayon::prelude::*;

use crate::bounds::check_bounds;
use crate::dynamics::{Dynamics, Members, Scratch, StepInput, StepOutput};
use crate::error::{parse_choice, CoreError, CoreResult};
use crate::mlp::Workspace;
use crate::policy::PolicyNet;
use crate::rng::{mix64, Rng};
use crate::value::ValueNet;

/// Model rows aimed at per scoring chunk (candidates x particles) at most: large enough for
/// efficient GEMMs (about 50 rows per member of a 5-member ensemble).
const ROWS_PER_CHUNK: usize = 256;

/// Fewest rows per scoring chunk: below this the kernel's per-call overhead shows.
const MIN_ROWS_PER_CHUNK: usize = 16;

/// Stream tags, so that sampling, scoring and rollouts never share a stream.
const TAG_SAMPLE: u64 = 1;
const TAG_SCORE: u64 = 2;
const TAG_PRIOR: u64 = 3;
const TAG_FINAL: u64 = 4;

/// What a planner may lean on besides the model: a learned value of the state after the horizon
/// and a policy that proposes candidates.
#[derive(Clone, Copy, Default)]
pub struct Guides<'a> {
    /// `V(s)` added (discounted) to the return of a particle alive after the horizon.
    pub value: Option<&'a ValueNet>,
    /// A policy whose own action sequences are candidates, and whose sequence starts a path's
    /// first decision.
    pub prior: Option<&'a PolicyNet>,
}

/// Which planner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlannerKind {
    /// Cross-entropy method with Gaussian sequences (continuous actions).
    Cem,
    /// Model-predictive path integral control (continuous actions).
    Mppi,
    /// Cross-entropy method over per-step categorical distributions (discrete actions).
    Discrete,
}

impl PlannerKind {
    /// The name [`FromStr`] accepts (a `planner` dict's `kind`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Cem => "cem",
            Self::Mppi => "mppi",
            Self::Discrete => "discrete",
        }
    }
}

impl FromStr for PlannerKind {
    type Err = CoreError;

    fn from_str(name: &str) -> CoreResult<Self> {
        let kinds = [Self::Cem, Self::Mppi, Self::Discrete];
        parse_choice("planner[\"kind\"]", name, &kinds.map(|k| (k.name(), k)))
    }
}

/// Planner settings. Standard deviations are shares of the action range `high - low`.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannerConfig {
    /// Which planner.
    pub kind: PlannerKind,
    /// Steps each candidate looks ahead.
    pub horizon: usize,
    /// Candidates per iteration.
    pub population: usize,
    /// Model rollouts per candidate.
    pub particles: usize,
    /// Refinement rounds per decision.
    pub iterations: usize,
    /// CEM: share of candidates refitted on (at least one).
    pub elite_frac: f32,
    /// Weight of the previous distribution when refitting (0: replace).
    pub alpha: f32,
    /// CEM: initial standard deviation (share of the range). Discrete: the share of uniform mixed
    /// into the warm-started distributions (clipped to `[0, 1]`).
    pub init_std: f32,
    /// MPPI: temperature of the exponential weights.
    pub temperature: f32,
    /// MPPI: standard deviation of perturbations (share of the range).
    pub noise_std: f32,
    /// Discount of predicted rewards.
    pub discount: f32,
    /// Penalty per unit of summed ensemble disagreement above `uncertainty_floor`; negative: a
    /// bonus (optimism).
    pub uncertainty_penalty: f32,
    /// Disagreement that costs (or earns) nothing: the ensemble's typical disagreement where it
    /// has data, so that only what lies beyond it counts.
    pub uncertainty_floor: f32,
    /// Penalty per step of closeness to the termination box: `sum_i ((s_i - c_i) / h_i)^2` over
    /// the variables with finite bounds (centre `c`, half-width `h`), 0 at the centre, 1 per
    /// variable at its bound. Where a reward is flat (every surviving step pays the same) it
    /// prefers staying central, which a short horizon cannot see the value of. 0: off.
    pub margin_penalty: f32,
    /// Each particle draws its ensemble member anew at every step (TS-inf); false: particle `j`
    /// keeps member `j % E`.
    pub resample_members: bool,
    /// Sample the model's predicted (aleatoric) noise in scoring rollouts; false: each member's
    /// mean prediction.
    pub sample_noise: bool,
    /// Share of the population proposed by the prior policy (when one is given); at most all
    /// candidates but the mean.
    pub prior_fraction: f32,
    /// Noise of the prior's proposals but the first: standard deviation as a share of the action
    /// range (continuous), or the probability of a random action (discrete).
    pub prior_noise: f32,
    /// Return the best-scoring candidate of all rounds (all scored under one set of common random
    /// numbers) instead of the refitted mean / most likely sequence, and warm-start the next
    /// decision from it (shifted). False: the mean (the behaviour before this option).
    pub execute_best: bool,
    /// CEM and discrete: the best candidates of a round that reappear in the next one (after
    /// candidate 0, replacing samples), at most the elite count and leaving room for the mean
    /// and the prior's candidates. 0: none.
    pub keep_elites: usize,
    /// With `execute_best`: the best-scoring candidates of the decision that are scored again,
    /// with the refitted mean, under every ensemble member in turn; the decision returns the
    /// refitted mean unless a finalist beats it under the members (see `beats`). 0: the
    /// best-scoring candidate itself.
    pub finalists: usize,
}

impl Default for PlannerConfig {
    fn default() -> Self {
        Self {
            kind: PlannerKind::Cem,
            horizon: 15,
            population: 100,
            particles: 1,
            iterations: 3,
            elite_frac: 0.1,
            alpha: 0.1,
            init_std: 0.5,
            temperature: 1.0,
            noise_std: 0.3,
            discount: 0.99,
            uncertainty_penalty: 0.0,
            uncertainty_floor: 0.0,
            margin_penalty: 0.0,
            resample_members: true,
            sample_noise: true,
            prior_fraction: 0.1,
            prior_noise: 0.1,
            execute_best: false,
            keep_elites: 0,
            finalists: 0,
        }
    }
}

#[allow(clippy::needless_pass_by_value)] // takes numbers and strings alike
fn invalid(name: &str, value: impl ToString, reason: &str) -> CoreError {
    CoreError::InvalidArgument {
        name: format!("planner[\"{name}\"]"),
        value: value.to_string(),
        reason: reason.into(),
    }
}

impl PlannerConfig {
    /// Checks every value.
    ///
    /// # Errors
    /// [`CoreError::InvalidArgument`] naming the first bad key (`planner["population"]`, ...).
    pub fn validate(&self) -> CoreResult<()> {
        for (name, v) in [
            ("horizon", self.horizon),
            ("population", self.population),
            ("particles", self.particles),
            ("iterations", self.iterations),
        ] {
            if v == 0 {
                return Err(invalid(name, v, "must be positive"));
            }
        }
        if self.keep_elites >= self.population {
            return Err(invalid(
                "keep_elites",
                self.keep_elites,
                "must be below the population (candidate 0 is the mean)",
            ));
        }
        if self.finalists > 0 && !self.execute_best {
            return Err(invalid(
                "finalists",
                self.finalists,
                "needs execute_best (finalists are compared across rounds under one set of draws)",
            ));
        }
        let checks: [(&str, f32, bool, &str); 11] = [
            (
                "elite_frac",
                self.elite_frac,
                self.elite_frac > 0.0 && self.elite_frac <= 1.0,
                "must lie in (0, 1]",
            ),
            (
                "alpha",
                self.alpha,
                (0.0..1.0).contains(&self.alpha),
                "must lie in [0, 1)",
            ),
            (
                "init_std",
                self.init_std,
                self.init_std > 0.0 && self.init_std.is_finite(),
                "must be positive",
            ),
            (
                "temperature",
                self.temperature,
                self.temperature > 0.0 && self.temperature.is_finite(),
                "must be positive",
            ),
            (
                "noise_std",
                self.noise_std,
                self.noise_std > 0.0 && self.noise_std.is_finite(),
                "must be positive",
            ),
            (
                "discount",
                self.discount,
                self.discount > 0.0 && self.discount <= 1.0,
                "must lie in (0, 1]",
            ),
            (
                "uncertainty_penalty",
                self.uncertainty_penalty,
                self.uncertainty_penalty.is_finite(),
                "must be finite",
            ),
            (
                "uncertainty_floor",
                self.uncertainty_floor,
                self.uncertainty_floor >= 0.0 && self.uncertainty_floor.is_finite(),
                "must be finite and >= 0",
            ),
            (
                "margin_penalty",
                self.margin_penalty,
                self.margin_penalty >= 0.0 && self.margin_penalty.is_finite(),
                "must be finite and >= 0",
            ),
            (
                "prior_fraction",
                self.prior_fraction,
                (0.0..=1.0).contains(&self.prior_fraction),
                "must lie in [0, 1]",
            ),
            (
                "prior_noise",
                self.prior_noise,
                self.prior_noise >= 0.0 && self.prior_noise.is_finite(),
                "must be finite and >= 0",
            ),
        ];
        for (name, value, ok, reason) in checks {
            if !ok {
                return Err(invalid(name, value, reason));
            }
        }
        Ok(())
    }
}

/// One decision's result.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// The action to execute `[action_dim]`.
    pub action: Vec<f32>,
    /// The planned sequence `[horizon, action_dim]` (its first row is `action`).
    pub plan: Vec<f32>,
    /// The planner's estimate of the objective of its plan: the last round's mean elite score
    /// (CEM, discrete) or weighted mean score (MPPI); with `execute_best`, the returned plan's
    /// own score (a maximum over candidates, so biased high).
    pub expected_return: f32,
    /// The score of the plan the last round started from (its candidate 0: the mean, or for the
    /// discrete planner the most likely sequence): an estimate of the state's value under the
    /// planner that is not picked for being high, unlike the elite scores (a target for learning
    /// the value). `execute_best` does not change it: it is the score of the last round's
    /// candidate 0, not of the returned plan.
    pub plan_value: f32,
}

/// A path's warm-start memory: the plan mean (continuous, `[H, A]`) or the per-step action
/// probabilities (discrete, `[H, n]`), shifted by one step after each decision.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanMemory {
    values: Vec<f32>,
    /// No decision has been made from this memory yet.
    fresh: bool,
}

impl PlanMemory {
    /// The memory's values: the plan mean `[H, A]` or the probabilities `[H, n]`.
    #[must_use]
    pub fn values(&self) -> &[f32] {
        &self.values
    }

    /// Replaces the values by `values` (e.g. a memory kept between calls); the memory is then no
    /// longer fresh.
    ///
    /// # Errors
    /// [`CoreError::Shape`] when `values` has another length than the memory.
    pub fn restore(&mut self, values: &[f32]) -> CoreResult<()> {
        if values.len() != self.values.len() {
            return Err(CoreError::Shape {
                name: "memory".into(),
                actual: vec![values.len()],
                expected: format!("({},): the planner's memory", self.values.len()),
            });
        }
        self.values.copy_from_slice(values);
        self.fresh = false;
        Ok(())
    }
}

/// A planner bound to a model, settings, guides and action bounds.
pub struct Planner<'a> {
    model: &'a dyn Dynamics,
    cfg: &'a PlannerConfig,
    guides: Guides<'a>,
    low: &'a [f32],
    high: &'a [f32],
    /// Columns of an action row in candidate arrays.
    aw: usize,
    /// `(variable, centre, 1 / half-width)` of each bounded state variable, when
    /// `margin_penalty > 0`.
    margin: Vec<(usize, f32, f32)>,
}

impl<'a> Planner<'a> {
    /// Binds `cfg` and `guides` to `model`. Continuous planners need `low`/`high` with one finite
    /// entry per action dimension; the discrete planner ignores them.
    ///
    /// # Errors
    /// Invalid settings, a planner kind that does not fit the model's action space, bad bounds, or
    /// a value network or prior policy that does not fit the model.
    pub fn new(
        model: &'a dyn Dynamics,
        cfg: &'a PlannerConfig,
        guides: Guides<'a>,
        low: &'a [f32],
        high: &'a [f32],
    ) -> CoreResult<Self> {
        cfg.validate()?;
        let discrete = model.discrete_actions().is_some();
        if discrete != (cfg.kind == PlannerKind::Discrete) {
            return Err(invalid(
                "kind",
                format!("{:?}", cfg.kind).to_lowercase(),
                if discrete {
                    "the model has discrete actions: use \"discrete\""
                } else {
                    "the model has continuous actions: use \"cem\" or \"mppi\""
                },
            ));
        }
        let aw = model.action_dim();
        if !discrete {
            check_bounds(low, high, aw)?;
        }
        let s = model.state_dim();
        if let Some(value) = guides.value {
            if value.obs_dim() != s {
                return Err(CoreError::Shape {
                    name: "value".into(),
                    actual: vec![value.obs_dim()],
                    expected: format!("({s},): a value network on the model's states"),
                });
            }
        }
        if let Some(prior) = guides.prior {
            if prior.obs_dim() != s
                || prior.action_dim() != aw
                || prior.discrete_actions() != model.discrete_actions()
            {
                return Err(CoreError::Shape {
                    name: "prior".into(),
                    actual: vec![prior.obs_dim(), prior.action_dim()],
                    expected: format!(
                        "(obs {s}, actions {aw}) and the model's action space ({})",
                        if discrete { "discrete" } else { "continuous" }
                    ),
                });
            }
        }
        let margin = match model.state_bounds() {
            Some((lo, hi)) if cfg.margin_penalty > 0.0 => lo
                .iter()
                .zip(hi)
                .enumerate()
                .filter(|(_, (l, h))| l.is_finite() && h.is_finite() && h > l)
                .map(|(j, (l, h))| (j, 0.5 * (l + h), 2.0 / (h - l)))
                .collect(),
            _ => Vec::new(),
        };
        Ok(Self {
            model,
            cfg,
            guides,
            low,
            high,
            aw,
            margin,
        })
    }

    /// Candidates proposed by the prior policy per round (0 without one).
    fn prior_count(&self) -> usize {
        if self.guides.prior.is_none() || self.cfg.population < 2 {
            return 0;
        }
        let n = (self.cfg.prior_fraction * self.cfg.population as f32).ceil() as usize;
        n.min(self.cfg.population - 1)
    }

    /// The prior policy's action sequences from `state` `[n, H * A]`: the policy rolled through
    /// the ensemble's mean (the first sequence without noise, the others with `prior_noise`).
    fn prior_plans(&self, state: &[f32], n: usize, seed: u64) -> Vec<f32> {
        let Some(policy) = self.guides.prior else {
            return Vec::new();
        };
        let (s, aw, h) = (self.model.state_dim(), self.aw, self.cfg.horizon);
        let mut plans = vec![0.0f32; n * h * aw];
        let mut states: Vec<f32> = state.iter().copied().cycle().take(n * s).collect();
        let mut rng = Rng::from_path(seed, &[TAG_PRIOR]);
        let (mut ws, mut buf, mut acts) = (Workspace::default(), Vec::new(), Vec::new());
        let (mut scratch, mut out) = (Scratch::default(), StepOutput::default());
        let noise = self.cfg.prior_noise;
        for t in 0..h {
            policy.act(&states, n, &mut ws, &mut buf, &mut acts);
            for j in 0..n {
                let a = &mut acts[j * aw..(j + 1) * aw];
                match self.model.discrete_actions() {
                    Some(k) => {
                        if j > 0 && rng.uniform_f32() < noise {
                            a[0] = rng.below(k) as f32;
                        }
                    }
                    None => {
                        for (d, v) in a.iter_mut().enumerate() {
                            let span = self.high[d] - self.low[d];
                            let jitter = if j > 0 {
                                rng.normal() * noise * span
                            } else {
                                0.0
                            };
                            *v = self.clip(d, *v + jitter);
                        }
                    }
                }
            }
            for j in 0..n {
                plans[(j * h + t) * aw..(j * h + t + 1) * aw]
                    .copy_from_slice(&acts[j * aw..(j + 1) * aw]);
            }
            if t + 1 == h {
                break;
            }
            let input = StepInput {
                states: &states,
                actions: &acts,
                members: Members::Mean,
                noise: None,
                uncertainty: false,
                rows: n,
            };
            self.model.step(&input, &mut scratch, &mut out);
            states.copy_from_slice(&out.next_states[..n * s]);
        }
        plans
    }

    /// The memory of a path that has not planned yet.
    #[must_use]
    pub fn memory(&self) -> PlanMemory {
        let h = self.cfg.horizon;
        let values = match self.model.discrete_actions() {
            Some(n) => vec![1.0 / n as f32; h * n],
            None => (0..h)
                .flat_map(|_| (0..self.aw).map(|j| 0.5 * (self.low[j] + self.high[j])))
                .collect(),
        };
        PlanMemory {
            values,
            fresh: true,
        }
    }

    /// Starts a fresh memory from the prior's own sequence `plan` `[H * A]`: the mean itself
    /// (continuous), or its actions mixed with uniform as `init_std` says (discrete).
    fn seed_memory(&self, memory: &mut PlanMemory, plan: &[f32]) {
        match self.model.discrete_actions() {
            Some(n) => {
                let mix = self.cfg.init_std.clamp(0.0, 1.0);
                for (t, a) in plan.iter().enumerate() {
                    let k = crate::dynamics::action_index(*a, n);
                    for j in 0..n {
                        let onehot = if j == k { 1.0 } else { 0.0 };
                        memory.values[t * n + j] = (1.0 - mix) * onehot + mix / n as f32;
                    }
                }
            }
            None => memory.values.copy_from_slice(plan),
        }
    }

    /// The key of round `it`'s scoring draws: one key for every round with `execute_best`, so that
    /// scores compare across rounds.
    fn round_key(&self, seed: u64, it: usize) -> u64 {
        let round = if self.cfg.execute_best { 0 } else { it as u64 };
        mix64(seed ^ mix64(round))
    }

    /// How round `it` scores its candidates.
    fn round_scoring(&self, seed: u64, it: usize) -> Scoring {
        Scoring {
            key: self.round_key(seed, it),
            particles: self.cfg.particles,
            resample: self.cfg.resample_members,
        }
    }

    /// The plan a decision with `execute_best` returns, and its score: the best of `finalists`,
    /// or with `cfg.finalists`, the refitted plan `refit` unless a finalist beats it under the
    /// ensemble's members (see [`beats`]): each finalist and `refit` are scored again with one
    /// member along the whole path, under draws of their own, and the returned score is the
    /// mean over members. None when no candidate had a score.
    fn choose(
        &self,
        state: &[f32],
        finalists: &Finalists,
        refit: &[f32],
        seed: u64,
    ) -> Option<(Vec<f32>, f32)> {
        let (first_score, first_plan) = finalists.entries.first()?.clone();
        if self.cfg.finalists == 0 {
            return Some((first_plan, first_score));
        }
        let len = refit.len();
        let mut cands: Vec<f32> = Vec::with_capacity((finalists.entries.len() + 1) * len);
        cands.extend_from_slice(refit);
        for (_, plan) in &finalists.entries {
            if plan.as_slice() != refit {
                cands.extend_from_slice(plan);
            }
        }
        let e = self.model.members().max(1);
        let scoring = Scoring {
            key: mix64(mix64(seed) ^ TAG_FINAL),
            particles: e,
            resample: false,
        };
        let values = self.score_particles(state, &cands, scoring);
        let mean = |c: usize| values[c * e..(c + 1) * e].iter().sum::<f32>() / e as f32;
        let mut chosen = 0;
        for c in 1..cands.len() / len {
            let better = beats(&values[c * e..(c + 1) * e], &values[..e]);
            if better && (chosen == 0 || mean(c) > mean(chosen)) {
                chosen = c;
            }
        }
        let score = mean(chosen);
        if score.is_nan() {
            return Some((first_plan, first_score));
        }
        Some((cands[chosen * len..(chosen + 1) * len].to_vec(), score))
    }

    /// How many of a round's best candidates reappear in the next: `keep_elites`, at most the
    /// elite count, leaving room for candidate 0 and the prior's `n_prior` candidates.
    fn kept_count(&self, n_elite: usize, n_prior: usize) -> usize {
        let room = self.cfg.population.saturating_sub(1 + n_prior);
        self.cfg.keep_elites.min(n_elite).min(room)
    }

    /// Puts the kept candidates `kept` `[n, len]` right after candidate 0.
    fn keep(cands: &mut [f32], kept: &[f32], len: usize) {
        cands[len..len + kept.len()].copy_from_slice(kept);
    }

    /// Puts the prior's proposals `plans` `[n, len]` into the last `n` candidates.
    fn propose(cands: &mut [f32], plans: &[f32], len: usize) {
        let n = plans.len() / len.max(1);
        let total = cands.len() / len.max(1);
        if n > 0 {
            cands[(total - n) * len..].copy_from_slice(plans);
        }
    }

    /// Plans from `state` `[S]`, updating `memory` for the next decision.
    ///
    /// # Panics
    /// If `state` or `memory` do not fit this planner (internal callers size them).
    pub fn decide(&self, state: &[f32], memory: &mut PlanMemory, seed: u64) -> Decision {
        let n_prior = self.prior_count();
        let plans = self.prior_plans(state, n_prior, seed);
        if memory.fresh && n_prior > 0 {
            self.seed_memory(memory, &plans[..self.cfg.horizon * self.aw]);
        }
        memory.fresh = false;
        match self.cfg.kind {
            PlannerKind::Cem => self.cem(state, memory, &plans, seed),
            PlannerKind::Mppi => self.mppi(state, memory, &plans, seed),
            PlannerKind::Discrete => self.discrete(state, memory, &plans, seed),
        }
    }

    /// `v` within the bounds of action dimension `j`; NaN (a policy or model that left the
    /// numbers) becomes the middle of the range.
    fn clip(&self, j: usize, v: f32) -> f32 {
        if v.is_nan() {
            0.5 * (self.low[j] + self.high[j])
        } else {
            v.clamp(self.low[j], self.high[j])
        }
    }

    /// Round `it` of a continuous planner: candidates sampled around `mean` (candidate 0 is the
    /// mean itself; the kept candidates `kept` follow it, the prior's plans close the population)
    /// and their scores, each from its own random stream of `(seed, it)`.
    #[allow(clippy::too_many_arguments)]
    fn gaussian_round(
        &self,
        state: &[f32],
        mean: &[f32],
        std: &[f32],
        kept: &[f32],
        plans: &[f32],
        seed: u64,
        it: usize,
    ) -> (Vec<f32>, Vec<f32>) {
        let mut rng = Rng::from_path(seed, &[TAG_SAMPLE, it as u64]);
        let mut cands = self.sample_gaussian(mean, std, &mut rng);
        Self::keep(&mut cands, kept, mean.len());
        Self::propose(&mut cands, plans, mean.len());
        let scores = self.score(state, &cands, self.round_scoring(seed, it));
        (cands, scores)
    }

    fn sample_gaussian(&self, mean: &[f32], std: &[f32], rng: &mut Rng) -> Vec<f32> {
        let len = mean.len();
        let mut cands = vec![0.0; self.cfg.population * len];
        for (c, cand) in cands.chunks_exact_mut(len).enumerate() {
            for (k, v) in cand.iter_mut().enumerate() {
                let eps = if c == 0 { 0.0 } else { rng.normal() };
                *v = self.clip(k % self.aw, mean[k] + std[k] * eps);
            }
        }
        cands
    }

    fn shift_continuous(&self, mean: &[f32], memory: &mut PlanMemory) {
        let (h, a) = (self.cfg.horizon, self.aw);
        memory.values[..(h - 1) * a].copy_from_slice(&mean[a..]);
        for j in 0..a {
            memory.values[(h - 1) * a + j] = 0.5 * (self.low[j] + self.high[j]);
        }
    }

    fn finish_continuous(
        &self,
        mean: &[f32],
        memory: &mut PlanMemory,
        score: f32,
        plan_value: f32,
    ) -> Decision {
        let plan = self.clipped(mean);
        self.shift_continuous(&plan, memory);
        Decision {
            action: plan[..self.aw].to_vec(),
            plan,
            expected_return: score,
            plan_value,
        }
    }

    fn cem(&self, state: &[f32], memory: &mut PlanMemory, plans: &[f32], seed: u64) -> Decision {
        let cfg = self.cfg;
        let len = cfg.horizon * self.aw;
        let mut mean = memory.values.clone();
        let mut std: Vec<f32> = (0..len)
            .map(|k| cfg.init_std * (self.high[k % self.aw] - self.low[k % self.aw]))
            .collect();
        let n_elite = elite_count(cfg.elite_frac, cfg.population);
        let n_keep = self.kept_count(n_elite, plans.len() / len);
        let (mut kept, mut best) = (Vec::new(), Finalists::new(cfg));
        let (mut score, mut plan_value) = (f32::NEG_INFINITY, f32::NEG_INFINITY);
        for it in 0..cfg.iterations {
            let (cands, scores) = self.gaussian_round(state, &mean, &std, &kept, plans, seed, it);
            plan_value = scores[0];
            let order = ranking(&scores);
            if let Some(best) = &mut best {
                best.offer(&cands, &scores, &order, len);
            }
            kept = gather(&cands, &order[..n_keep], len);
            let elites = &order[..n_elite];
            for k in 0..len {
                let m = elites.iter().map(|&c| cands[c * len + k]).sum::<f32>() / n_elite as f32;
                let var = elites
                    .iter()
                    .map(|&c| (cands[c * len + k] - m).powi(2))
                    .sum::<f32>()
                    / n_elite as f32;
                mean[k] = cfg.alpha * mean[k] + (1.0 - cfg.alpha) * m;
                std[k] = cfg.alpha * std[k] + (1.0 - cfg.alpha) * var.sqrt();
            }
            score = elites.iter().map(|&c| scores[c]).sum::<f32>() / n_elite as f32;
        }
        self.finish_chosen(state, best, &mean, memory, (score, plan_value), seed)
    }

    /// A continuous decision's result: the plan `choose` picks with `execute_best`, else the
    /// refitted `mean` with its round's `score`.
    fn finish_chosen(
        &self,
        state: &[f32],
        best: Option<Finalists>,
        mean: &[f32],
        memory: &mut PlanMemory,
        (score, plan_value): (f32, f32),
        seed: u64,
    ) -> Decision {
        let refit = self.clipped(mean);
        match best.and_then(|best| self.choose(state, &best, &refit, seed)) {
            Some((plan, best)) => self.finish_continuous(&plan, memory, best, plan_value),
            None => self.finish_continuous(&refit, memory, score, plan_value),
        }
    }

    /// `plan` `[H * A]` within the action bounds.
    fn clipped(&self, plan: &[f32]) -> Vec<f32> {
        plan.iter()
            .enumerate()
            .map(|(k, v)| self.clip(k % self.aw, *v))
            .collect()
    }

    fn mppi(&self, state: &[f32], memory: &mut PlanMemory, plans: &[f32], seed: u64) -> Decision {
        let cfg = self.cfg;
        let len = cfg.horizon * self.aw;
        let mut mean = memory.values.clone();
        let std: Vec<f32> = (0..len)
            .map(|k| cfg.noise_std * (self.high[k % self.aw] - self.low[k % self.aw]))
            .collect();
        let (mut score, mut plan_value) = (f32::NEG_INFINITY, f32::NEG_INFINITY);
        let mut found = Finalists::new(cfg);
        for it in 0..cfg.iterations {
            let (cands, scores) = self.gaussian_round(state, &mean, &std, &[], plans, seed, it);
            plan_value = scores[0];
            if let Some(found) = &mut found {
                found.offer(&cands, &scores, &ranking(&scores), len);
            }
            let best = scores
                .iter()
                .copied()
                .filter(|s| !s.is_nan())
                .fold(f32::NEG_INFINITY, f32::max);
            let weights: Vec<f64> = scores
                .iter()
                .map(|&s| {
                    if s.is_nan() || !best.is_finite() {
                        0.0
                    } else {
                        (f64::from(s - best) / f64::from(cfg.temperature)).exp()
                    }
                })
                .collect();
            let total: f64 = weights.iter().sum();
            if total <= 0.0 {
                continue;
            }
            for k in 0..len {
                let m: f64 = weights
                    .iter()
                    .enumerate()
                    .map(|(c, w)| w * f64::from(cands[c * len + k]))
                    .sum::<f64>()
                    / total;
                mean[k] = cfg.alpha * mean[k] + (1.0 - cfg.alpha) * m as f32;
            }
            score = (weights
                .iter()
                .zip(&scores)
                .map(|(w, s)| w * f64::from(*s))
                .sum::<f64>()
                / total) as f32;
        }
        self.finish_chosen(state, found, &mean, memory, (score, plan_value), seed)
    }

    fn discrete(
        &self,
        state: &[f32],
        memory: &mut PlanMemory,
        plans: &[f32],
        seed: u64,
    ) -> Decision {
        let cfg = self.cfg;
        let n = self.model.discrete_actions().unwrap_or(2);
        let h = cfg.horizon;
        let mut probs = memory.values.clone();
        let n_elite = elite_count(cfg.elite_frac, cfg.population);
        let n_keep = self.kept_count(n_elite, plans.len() / h);
        let (mut kept, mut best) = (Vec::new(), Finalists::new(cfg));
        let (mut score, mut plan_value) = (f32::NEG_INFINITY, f32::NEG_INFINITY);
        for it in 0..cfg.iterations {
            let mut rng = Rng::from_path(seed, &[TAG_SAMPLE, it as u64]);
            let mut cands = vec![0.0f32; cfg.population * h];
            for (c, cand) in cands.chunks_exact_mut(h).enumerate() {
                for (t, v) in cand.iter_mut().enumerate() {
                    let p = &probs[t * n..(t + 1) * n];
                    *v = if c == 0 {
                        argmax(p) as f32
                    } else {
                        sample_categorical(p, rng.uniform_f32()) as f32
                    };
                }
            }
            Self::keep(&mut cands, &kept, h);
            Self::propose(&mut cands, plans, h);
            let scores = self.score(state, &cands, self.round_scoring(seed, it));
            plan_value = scores[0];
            let order = ranking(&scores);
            if let Some(best) = &mut best {
                best.offer(&cands, &scores, &order, h);
            }
            kept = gather(&cands, &order[..n_keep], h);
            let elites = &order[..n_elite];
            for t in 0..h {
                let mut counts = vec![0.0f32; n];
                for &c in elites {
                    counts[cands[c * h + t] as usize] += 1.0;
                }
                for (k, count) in counts.iter().enumerate() {
                    let p = &mut probs[t * n + k];
                    *p = cfg.alpha * *p + (1.0 - cfg.alpha) * count / n_elite as f32;
                }
            }
            score = elites.iter().map(|&c| scores[c]).sum::<f32>() / n_elite as f32;
        }
        let mix = cfg.init_std.clamp(0.0, 1.0);
        let plan: Vec<f32> = (0..h)
            .map(|t| argmax(&probs[t * n..(t + 1) * n]) as f32)
            .collect();
        if let Some((best, best_score)) =
            best.and_then(|best| self.choose(state, &best, &plan, seed))
        {
            // Warm start from the returned plan, shifted by one step, its actions mixed with
            // uniform as a fresh memory from the prior's plan is.
            for t in 0..h {
                let k = (t + 1 < h).then(|| crate::dynamics::action_index(best[t + 1], n));
                for j in 0..n {
                    memory.values[t * n + j] = match k {
                        Some(k) => (1.0 - mix) * f32::from(u8::from(j == k)) + mix / n as f32,
                        None => 1.0 / n as f32,
                    };
                }
            }
            return Decision {
                action: vec![best[0]],
                plan: best,
                expected_return: best_score,
                plan_value,
            };
        }
        // Warm start: shift by one step and mix in uniform so that no action is ruled out forever.
        for t in 0..h {
            for k in 0..n {
                memory.values[t * n + k] = if t + 1 < h {
                    (1.0 - mix) * probs[(t + 1) * n + k] + mix / n as f32
                } else {
                    1.0 / n as f32
                };
            }
        }
        Decision {
            action: vec![plan[0]],
            plan,
            expected_return: score,
            plan_value,
        }
    }

    /// Scores candidates `[n, horizon, action_dim]` from `state`: each one's mean over its
    /// particles.
    fn score(&self, state: &[f32], cands: &[f32], scoring: Scoring) -> Vec<f32> {
        let k = scoring.particles;
        self.score_particles(state, cands, scoring)
            .chunks_exact(k)
            .map(|values| values.iter().sum::<f32>() / k as f32)
            .collect()
    }

    /// Each particle's score of candidates `[n, horizon, action_dim]` from `state`: `[n, K]`.
    fn score_particles(&self, state: &[f32], cands: &[f32], scoring: Scoring) -> Vec<f32> {
        let cfg = self.cfg;
        let k = scoring.particles;
        let population = cands.len() / (cfg.horizon * self.aw).max(1);
        // Enough chunks for every thread (a 100-candidate decision is 100 rows with one particle),
        // none larger than ROWS_PER_CHUNK rows. Results do not depend on the split: every chunk
        // draws the same common random numbers and rows do not affect each other.
        let threads = rayon::current_num_threads().max(1);
        let even = (population * k)
            .div_ceil(2 * threads)
            .max(MIN_ROWS_PER_CHUNK);
        let per_chunk = (even.min(ROWS_PER_CHUNK) / k).max(1);
        let mut values = vec![0.0f32; population * k];
        values
            .par_chunks_mut(per_chunk * k)
            .enumerate()
            .for_each_init(
                || (Scratch::default(), StepOutput::default(), Batch::default()),
                |(scratch, out, batch), (chunk, dst)| {
                    let first = chunk * per_chunk;
                    self.score_chunk(state, cands, first, scoring, scratch, out, batch, dst);
                },
            );
        values
    }

    #[allow(clippy::too_many_lines)]
    fn score_chunk(
        &self,
        state: &[f32],
        cands: &[f32],
        first: usize,
        scoring: Scoring,
        scratch: &mut Scratch,
        out: &mut StepOutput,
        batch: &mut Batch,
        dst: &mut [f32],
    ) {
        let cfg = self.cfg;
        let (s, aw, h, k) = (
            self.model.state_dim(),
            self.aw,
            cfg.horizon,
            scoring.particles,
        );
        let e = self.model.members();
        let nd = if cfg.sample_noise {
            self.model.noise_dim()
        } else {
            0
        };
        let want_unc = cfg.uncertainty_penalty != 0.0;
        let resample = scoring.resample && e > 1;
        let rows = dst.len();
        let mut states: Vec<f32> = state.iter().copied().cycle().take(rows * s).collect();
        let mut alive = vec![true; rows];
        let mut survival = vec![1.0f32; rows];
        let mut ret = vec![0.0f32; rows];
        let mut unc = vec![0.0f32; rows];
        // Common random numbers: particle j of every candidate steps through the same members
        // and the same noise, so that candidates are compared on their actions, not on their
        // draws (with a few particles, independent draws make the best-scoring candidate the
        // luckiest one).
        let mut particle_rngs: Vec<Rng> = (0..k)
            .map(|j| Rng::from_path(scoring.key, &[TAG_SCORE, j as u64]))
            .collect();
        let mut step_members = vec![0usize; k];
        let mut step_noise = vec![0.0f32; k * nd];
        let mut weight = 1.0f32;
        for t in 0..h {
            for (j, rng) in particle_rngs.iter_mut().enumerate() {
                step_members[j] = if resample { rng.below(e) } else { j % e };
                if nd > 0 {
                    rng.fill_normal(&mut step_noise[j * nd..(j + 1) * nd]);
                }
            }
            batch.clear();
            for r in 0..rows {
                if !alive[r] {
                    continue;
                }
                let c = r / k;
                batch.index.push(r);
                batch.states.extend_from_slice(&states[r * s..(r + 1) * s]);
                let at = ((first + c) * h + t) * aw;
                batch.actions.extend_from_slice(&cands[at..at + aw]);
                let j = r % k;
                batch.members.push(step_members[j]);
                if nd > 0 {
                    batch
                        .noise
                        .extend_from_slice(&step_noise[j * nd..(j + 1) * nd]);
                }
            }
            let n = batch.index.len();
            if n == 0 {
                break;
            }
            let input = StepInput {
                states: &batch.states,
                actions: &batch.actions,
                members: Members::PerRow(&batch.members),
                noise: (nd > 0).then_some(&batch.noise[..]),
                uncertainty: want_unc,
                rows: n,
            };
            self.model.step(&input, scratch, out);
            for (b, &r) in batch.index.iter().enumerate() {
                let next = &out.next_states[b * s..(b + 1) * s];
                let closeness: f32 = self
                    .margin
                    .iter()
                    .map(|&(j, c, inv)| ((next[j] - c) * inv).powi(2))
                    .sum();
                ret[r] += weight * survival[r] * (out.rewards[b] - cfg.margin_penalty * closeness);
                survival[r] *= 1.0 - out.done_probs[b];
                unc[r] += (out.uncertainty[b] - cfg.uncertainty_floor).max(0.0);
                states[r * s..(r + 1) * s].copy_from_slice(&out.next_states[b * s..(b + 1) * s]);
                if out.dones[b] {
                    alive[r] = false;
                }
            }
            weight *= cfg.discount;
        }
        if let Some(value) = self.guides.value {
            batch.clear();
            for r in (0..rows).filter(|&r| alive[r]) {
                batch.index.push(r);
                batch.states.extend_from_slice(&states[r * s..(r + 1) * s]);
            }
            let n = batch.index.len();
            if n > 0 {
                let (mut ws, mut buf, mut v) = (Workspace::default(), Vec::new(), Vec::new());
                value.values(&batch.states, n, &mut ws, &mut buf, &mut v);
                for (b, &r) in batch.index.iter().enumerate() {
                    ret[r] += weight * survival[r] * v[b];
                }
            }
        }
        for (r, d) in dst.iter_mut().enumerate() {
            *d = ret[r] - cfg.uncertainty_penalty * unc[r];
        }
    }
}

/// Gathered rows of one model call.
#[derive(Default)]
struct Batch {
    index: Vec<usize>,
    states: Vec<f32>,
    actions: Vec<f32>,
    members: Vec<usize>,
    noise: Vec<f32>,
}

impl Batch {
    fn clear(&mut self) {
        self.index.clear();
        self.states.clear();
        self.actions.clear();
        self.members.clear();
        self.noise.clear();
    }
}

/// How a batch of candidates is scored: the key of its draws, the particles per candidate and
/// whether each particle draws its member anew at every step.
#[derive(Clone, Copy)]
struct Scoring {
    key: u64,
    particles: usize,
    resample: bool,
}

/// The best-scoring distinct candidates of a decision so far (`execute_best`), best first: the
/// best one, or `finalists` of them.
struct Finalists {
    keep: usize,
    entries: Vec<(f32, Vec<f32>)>,
}

impl Finalists {
    /// Empty finalists when `cfg` executes its best candidate, else None.
    fn new(cfg: &PlannerConfig) -> Option<Self> {
        cfg.execute_best.then(|| Self {
            keep: cfg.finalists.max(1),
            entries: Vec::new(),
        })
    }

    /// Offers the best candidates of a round, `cands` `[population, len]` ranked by `order`
    /// (a NaN score never enters; a tie keeps the earlier one; a plan already kept is not kept
    /// twice).
    fn offer(&mut self, cands: &[f32], scores: &[f32], order: &[usize], len: usize) {
        for &c in order.iter().take(self.keep) {
            let score = scores[c];
            let plan = &cands[c * len..(c + 1) * len];
            let full = self.entries.len() == self.keep;
            if score.is_nan() || (full && self.entries.last().is_some_and(|e| score <= e.0)) {
                break;
            }
            if self.entries.iter().any(|(_, kept)| kept == plan) {
                continue;
            }
            let at = self.entries.partition_point(|e| e.0 >= score);
            self.entries.insert(at, (score, plan.to_vec()));
            self.entries.truncate(self.keep);
        }
    }
}

/// Whether a plan scored `challenger` (one score per ensemble member) beats the refitted plan
/// scored `refit` under the same members: by more than two standard errors of the paired
/// differences' mean (a member's errors shift both alike), or, with one member, at all. A plan
/// one member overrates does not beat it; a clearly better one, such as one that commits to a
/// direction where the mean of good plans hesitates, does.
fn beats(challenger: &[f32], refit: &[f32]) -> bool {
    let n = challenger.len();
    let diffs: Vec<f64> = challenger
        .iter()
        .zip(refit)
        .map(|(a, b)| f64::from(*a) - f64::from(*b))
        .collect();
    let mean = diffs.iter().sum::<f64>() / n as f64;
    if n < 2 {
        return mean > 0.0;
    }
    let var = diffs.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    mean > 0.0 && mean > 2.0 * (var / n as f64).sqrt()
}

/// Candidates `picked` of `cands` `[population, len]`, one after another.
fn gather(cands: &[f32], picked: &[usize], len: usize) -> Vec<f32> {
    picked
        .iter()
        .flat_map(|&c| cands[c * len..(c + 1) * len].iter().copied())
        .collect()
}

fn elite_count(frac: f32, population: usize) -> usize {
    ((frac * population as f32).ceil() as usize).clamp(1, population)
}

/// Candidate indices by score, best first; NaN ranks last, ties keep index order.
fn ranking(scores: &[f32]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    let key = |s: f32| if s.is_nan() { f32::NEG_INFINITY } else { s };
    order.sort_by(|&a, &b| key(scores[b]).total_cmp(&key(scores[a])).then(a.cmp(&b)));
    order
}

fn argmax(p: &[f32]) -> usize {
    let mut best = 0;
    for (k, v) in p.iter().enumerate() {
        if *v > p[best] {
            best = k;
        }
    }
    best
}

fn sample_categorical(p: &[f32], u: f32) -> usize {
    let total: f32 = p.iter().sum();
    let mut acc = 0.0;
    for (k, v) in p.iter().enumerate() {
        acc += v;
        if u * total < acc {
            return k;
        }
    }
    p.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dynamics::{CartPoleDynamics, PendulumDynamics};

    #[test]
    fn ranking_puts_nan_last_and_keeps_ties_in_order() {
        assert_eq!(ranking(&[1.0, f32::NAN, 3.0, 1.0]), vec![2, 0, 3, 1]);
    }

    /// Steps per episode of the true `CartPole` under the discrete planner, from gymnasium-like
    /// start states (each variable uniform in +-0.05), up to 500 steps; and the largest |x|.
    fn cartpole_episodes(margin_penalty: f32) -> Vec<(usize, f64)> {
        let cfg = PlannerConfig {
            kind: PlannerKind::Discrete,
            margin_penalty,
            ..PlannerConfig::default()
        };
        let planner = Planner::new(&CartPoleDynamics, &cfg, Guides::default(), &[], &[]).unwrap();
        let mut rng = Rng::new(100);
        (0..4)
            .map(|episode| {
                let mut memory = planner.memory();
                let mut state = [0.0; 4].map(|_: f64| f64::from(rng.uniform_f32() - 0.5) * 0.1);
                let mut widest = 0.0f64;
                for t in 0..500 {
                    let obs = state.map(|v| v as f32);
                    let key = (episode * 1000 + t) as u64;
                    let action = planner.decide(&obs, &mut memory, key).action[0] as usize;
                    let (next, done) = CartPoleDynamics::step_state(state, action);
                    widest = widest.max(next[0].abs());
                    if done {
                        return (t + 1, widest);
                    }
                    state = next;
                }
                (500, widest)
            })
            .collect()
    }

    #[test]
    fn margin_penalty_keeps_the_cart_on_the_track() {
        // Every surviving step pays 1, so a 15-step horizon cannot tell plans apart by where they
        // leave the cart, which drifts off the track within 500 steps in some episodes.
        let without = cartpole_episodes(0.0);
        assert!(
            without.iter().any(|&(steps, x)| steps < 500 && x > 2.3),
            "{without:?}"
        );
        let with = cartpole_episodes(0.3);
        assert!(
            with.iter().all(|&(steps, x)| steps == 500 && x < 2.0),
            "{with:?}"
        );
    }

    #[test]
    fn config_errors_name_the_key() {
        let cfg = PlannerConfig {
            population: 0,
            ..PlannerConfig::default()
        };
        let err = cfg.validate().unwrap_err().to_string();
        assert!(err.starts_with("planner[\"population\"] = 0"), "{err}");
        let cfg = PlannerConfig {
            kind: PlannerKind::Cem,
            ..PlannerConfig::default()
        };
        let err = Planner::new(&CartPoleDynamics, &cfg, Guides::default(), &[], &[])
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("discrete"), "{err}");
    }

    #[test]
    fn a_prior_that_leaves_the_numbers_never_makes_a_non_finite_action() {
        // A policy fed a state the model ran off to (NaN) proposes NaN: the plan stays finite.
        use crate::activation::Activation;
        use crate::mlp::EnsembleMlp;
        use crate::policy::{PolicyNet, PolicyOutput};
        let mlp = EnsembleMlp::new(
            &[(1, 3, 1)],
            &[vec![1.0; 3]],
            &[vec![0.0]],
            Activation::Relu,
        )
        .unwrap();
        let prior =
            PolicyNet::new(mlp, PolicyOutput::Tanh, vec![-2.0], vec![2.0], None, None).unwrap();
        let model = PendulumDynamics::default();
        let guides = Guides {
            value: None,
            prior: Some(&prior),
        };
        let cfg = PlannerConfig::default();
        let planner = Planner::new(&model, &cfg, guides, &[-2.0], &[2.0]).unwrap();
        let mut memory = planner.memory();
        let decision = planner.decide(&[f32::NAN, 0.0, 0.0], &mut memory, 3);
        assert!(decision.plan.iter().all(|v| v.is_finite()), "{decision:?}");
        assert!(memory.values.iter().all(|v| v.is_finite()));
    }

    /// A fingerprint of a decision and the memory it leaves: every bit of every number.
    fn fingerprint(decision: &Decision, memory: &PlanMemory) -> u64 {
        let scores = [decision.expected_return, decision.plan_value];
        let bits = decision
            .plan
            .iter()
            .chain(&scores)
            .chain(memory.values())
            .map(|v| u64::from(v.to_bits()));
        bits.fold(0x9e37_79b9, |acc, b| mix64(acc ^ b))
    }

    /// A one-layer prior: `a = 2 tanh(0.7 sum_i s_i + 0.1)` (continuous), or the argmax of two
    /// linear outputs (discrete).
    fn linear_prior(obs: usize, discrete: bool) -> PolicyNet {
        use crate::activation::Activation;
        use crate::mlp::EnsembleMlp;
        use crate::policy::PolicyOutput;
        let outs = if discrete { 2 } else { 1 };
        let weights: Vec<f32> = (0..obs * outs).map(|i| 0.7 - 0.3 * i as f32).collect();
        let mlp = EnsembleMlp::new(
            &[(1, obs, outs)],
            &[weights],
            &[vec![0.1; outs]],
            Activation::Relu,
        )
        .unwrap();
        if discrete {
            PolicyNet::new(mlp, PolicyOutput::Argmax, vec![], vec![], None, None)
        } else {
            PolicyNet::new(mlp, PolicyOutput::Tanh, vec![-2.0], vec![2.0], None, None)
        }
        .unwrap()
    }

    #[test]
    fn default_decisions_are_pinned_bit_for_bit() {
        // The default planners' decisions over two decisions (the second warm-started), as the
        // code before `execute_best`/`keep_elites` made them: the options must leave the default
        // untouched.
        let pendulum = PendulumDynamics::default();
        let cont_prior = linear_prior(3, false);
        let disc_prior = linear_prior(4, true);
        let mut prints = Vec::new();
        for kind in [PlannerKind::Cem, PlannerKind::Mppi, PlannerKind::Discrete] {
            let discrete = kind == PlannerKind::Discrete;
            let (model, prior, state): (&dyn Dynamics, &PolicyNet, Vec<f32>) = if discrete {
                (&CartPoleDynamics, &disc_prior, vec![0.01, -0.02, 0.03, 0.0])
            } else {
                (&pendulum, &cont_prior, vec![0.9, 0.43, 0.2])
            };
            for with_prior in [false, true] {
                let cfg = PlannerConfig {
                    kind,
                    horizon: 8,
                    population: 40,
                    ..PlannerConfig::default()
                };
                let guides = Guides {
                    value: None,
                    prior: with_prior.then_some(prior),
                };
                let planner = Planner::new(model, &cfg, guides, &[-2.0], &[2.0]).unwrap();
                let mut memory = planner.memory();
                let first = planner.decide(&state, &mut memory, 5);
                let print = fingerprint(&first, &memory);
                let second = planner.decide(&state, &mut memory, 6);
                prints.push(print ^ fingerprint(&second, &memory).rotate_left(1));
            }
        }
        // Only the decisions without a prior are pinned: a prior runs the MLP kernel, whose bits
        // may depend on the CPU's vector instructions (runtime dispatch); true dynamics do not.
        let pinned: Vec<u64> = prints.iter().step_by(2).copied().collect();
        assert_eq!(
            pinned,
            [
                862_699_912_822_936_059,
                10_509_772_352_883_432_680,
                12_109_484_586_944_735_774
            ],
            "{prints:?}"
        );
    }

    /// The score of `plan` `[H * A]` from `state` under the draws of round 0 of `seed`.
    fn score_of(planner: &Planner<'_>, state: &[f32], plan: &[f32], seed: u64) -> f32 {
        let cands: Vec<f32> = plan
            .iter()
            .copied()
            .cycle()
            .take(plan.len() * planner.cfg.population)
            .collect();
        planner.score(state, &cands, planner.round_scoring(seed, 0))[0]
    }

    #[test]
    fn execute_best_returns_the_best_candidate_it_scored() {
        // Every kind: the returned plan is a scored candidate (its score under the decision's
        // draws is the reported one, bit for bit), it scores at least the last round's mean
        // (candidate 0, `plan_value`), and more rounds never return a worse plan.
        let pendulum = PendulumDynamics::default();
        for kind in [PlannerKind::Cem, PlannerKind::Mppi, PlannerKind::Discrete] {
            let discrete = kind == PlannerKind::Discrete;
            let (model, state): (&dyn Dynamics, Vec<f32>) = if discrete {
                (&CartPoleDynamics, vec![0.3, -0.2, 0.1, 0.4])
            } else {
                (&pendulum, vec![-0.6, 0.8, 1.5])
            };
            let mut last = f32::NEG_INFINITY;
            for iterations in 1..=4 {
                let cfg = PlannerConfig {
                    kind,
                    horizon: 10,
                    population: 30,
                    iterations,
                    execute_best: true,
                    ..PlannerConfig::default()
                };
                let planner = Planner::new(model, &cfg, Guides::default(), &[-2.0], &[2.0]);
                let planner = planner.unwrap();
                let d = planner.decide(&state, &mut planner.memory(), 11);
                let rescored = score_of(&planner, &state, &d.plan, 11);
                assert_eq!(rescored.to_bits(), d.expected_return.to_bits(), "{kind:?}");
                assert!(d.expected_return >= d.plan_value, "{kind:?} {d:?}");
                assert!(
                    d.expected_return >= last,
                    "{kind:?} {iterations}: {last} {d:?}"
                );
                last = d.expected_return;
            }
        }
    }

    /// A point `x' = x + a`, actions in [-1, 1], paying `-(a - 0.5)^2`; member 0 of its ensemble
    /// also pays `jackpot` wherever `a < -0.5`: an error one member makes and the others do not.
    struct Jackpot {
        members: usize,
        jackpot: f32,
    }

    impl Dynamics for Jackpot {
        fn state_dim(&self) -> usize {
            1
        }
        fn action_dim(&self) -> usize {
            1
        }
        fn discrete_actions(&self) -> Option<usize> {
            None
        }
        fn members(&self) -> usize {
            self.members
        }
        fn step(&self, input: &StepInput<'_>, _: &mut Scratch, out: &mut StepOutput) {
            out.resize(input.rows, 1);
            for r in 0..input.rows {
                let a = input.actions[r];
                let member = match input.members {
                    Members::PerRow(m) => Some(m[r]),
                    Members::Mean => None,
                };
                let bonus = if member == Some(0) && a < -0.5 {
                    self.jackpot
                } else {
                    0.0
                };
                out.next_states[r] = input.states[r] + a;
                out.rewards[r] = -(a - 0.5).powi(2) + bonus;
                out.dones[r] = false;
                out.done_probs[r] = 0.0;
                out.uncertainty[r] = 0.0;
            }
        }
    }

    #[test]
    fn finalists_pass_over_a_plan_that_one_member_overrates() {
        // Scored with a member drawn per step, the best candidate takes the jackpot wherever
        // member 0 is drawn. The plan the finalists' re-scoring returns is often better by the
        // members' mean score (each member along the whole path), and its reported score is
        // that mean, bit for bit.
        let model = Jackpot {
            members: 5,
            jackpot: 5.0,
        };
        let decide = |finalists: usize, seed: u64| {
            let cfg = PlannerConfig {
                horizon: 6,
                population: 60,
                execute_best: true,
                finalists,
                ..PlannerConfig::default()
            };
            let planner = Planner::new(&model, &cfg, Guides::default(), &[-1.0], &[1.0]).unwrap();
            let d = planner.decide(&[0.0], &mut planner.memory(), seed);
            let by_members = Scoring {
                key: 0,
                particles: model.members,
                resample: false,
            };
            let mean_score = planner.score(&[0.0], &d.plan, by_members)[0];
            (d, mean_score)
        };
        let (mut better, mut gain) = (0, 0.0);
        for seed in 0..10 {
            let (best, best_mean) = decide(0, seed);
            let (chosen, chosen_mean) = decide(4, seed);
            assert!(
                best.expected_return >= best_mean,
                "{seed}: {best:?} {best_mean}"
            );
            gain += chosen_mean - best_mean;
            assert_eq!(
                chosen.expected_return.to_bits(),
                chosen_mean.to_bits(),
                "{seed}"
            );
            better += usize::from(chosen_mean > best_mean);
        }
        // Observed: better on 5 of 10 seeds, by 0.30 in all (the refitted mean or a finalist
        // every member prefers); elsewhere the best-scoring candidate is also what they return.
        assert!(better >= 4 && gain > 0.15, "{better} {gain}");
    }

    #[test]
    fn a_plan_beats_the_refitted_one_only_where_the_members_agree() {
        assert!(beats(&[1.0, 1.1, 0.9, 1.0, 1.05], &[0.0; 5]));
        // One member's jackpot: a mean gain of 0.84 within two standard errors (2.1).
        assert!(!beats(&[5.0, -0.2, -0.1, -0.3, -0.2], &[0.0; 5]));
        assert!(!beats(&[-1.0; 5], &[0.0; 5]));
        assert!(beats(&[0.1], &[0.0]) && !beats(&[0.0], &[0.0]));
    }

    #[test]
    fn finalists_need_execute_best() {
        let cfg = PlannerConfig {
            finalists: 3,
            ..PlannerConfig::default()
        };
        let err = cfg.validate().unwrap_err().to_string();
        assert!(
            err.contains("finalists") && err.contains("execute_best"),
            "{err}"
        );
        let cfg = PlannerConfig {
            execute_best: true,
            ..cfg
        };
        assert!(cfg.validate().is_ok());
    }

    #[test]
    fn the_best_candidate_beats_the_refitted_mean_of_an_unstable_system() {
        // Swinging the pendulum up from near the bottom: good sequences push one way or the
        // other, their mean does neither. The mean CEM refits after round 3 is candidate 0 of a
        // fourth round under the same draws (its `plan_value`); the best of three rounds scores
        // above it at every start.
        let model = PendulumDynamics::default();
        let starts = [[-1.0f32, 0.0, 0.0], [-0.98, 0.2, 0.5], [-0.95, -0.31, -1.0]];
        let mut gap = 0.0;
        for start in starts {
            let decide = |iterations: usize| {
                let cfg = PlannerConfig {
                    horizon: 15,
                    iterations,
                    execute_best: true,
                    ..PlannerConfig::default()
                };
                let planner =
                    Planner::new(&model, &cfg, Guides::default(), &[-2.0], &[2.0]).unwrap();
                planner.decide(&start, &mut planner.memory(), 4)
            };
            let (best, mean) = (decide(3).expected_return, decide(4).plan_value);
            // Observed: best above the mean by 4.5, 1.5 and 0.4 (scores about -104 to -122).
            assert!(best > mean, "{start:?}: best {best}, mean {mean}");
            gap += best - mean;
        }
        assert!(gap > 3.0, "{gap}");
    }

    #[test]
    fn keep_elites_carries_candidates_and_is_checked() {
        let model = PendulumDynamics::default();
        let state = [-0.6f32, 0.8, 1.5];
        let decide = |keep_elites: usize| {
            let cfg = PlannerConfig {
                horizon: 10,
                population: 30,
                keep_elites,
                ..PlannerConfig::default()
            };
            let planner = Planner::new(&model, &cfg, Guides::default(), &[-2.0], &[2.0]).unwrap();
            planner.decide(&state, &mut planner.memory(), 2)
        };
        assert_eq!(decide(0), decide(0));
        assert_ne!(decide(0).plan, decide(3).plan);
        // More than the elite count (3 of 30) keeps the elite count.
        assert_eq!(decide(3), decide(20));
        let cfg = PlannerConfig {
            population: 30,
            keep_elites: 30,
            ..PlannerConfig::default()
        };
        let err = cfg.validate().unwrap_err().to_string();
        assert!(err.starts_with("planner[\"keep_elites\"] = 30"), "{err}");
    }

    #[test]
    fn cem_pushes_a_hanging_pendulum_the_right_way_and_is_thread_count_independent() {
        let model = PendulumDynamics::default();
        let cfg = PlannerConfig {
            population: 64,
            iterations: 3,
            horizon: 10,
            ..PlannerConfig::default()
        };
        let (low, high) = ([-2.0f32], [2.0f32]);
        let planner = Planner::new(&model, &cfg, Guides::default(), &low, &high).unwrap();
        let state = [1.0f32, 0.0, 0.0]; // upright, at rest: any push costs reward
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                let mut memory = planner.memory();
                planner.decide(&state, &mut memory, 9)
            })
        };
        let one = run(1);
        assert_eq!(one, run(3));
        assert!(one.action[0].abs() < 0.5, "{one:?}");
        assert_eq!(one.plan.len(), 10);
    }
}
