//! Batched rollouts ("phantom paths") of a [`Dynamics`] model, driven by given action sequences, a
//! policy network or a planner, split over paths with rayon.
//!
//! Determinism: every path owns its random stream `(seed, path)` for member draws, action noise
//! and model noise, and every planner decision its own `(seed, path, step)`; a row's network output
//! does not depend on the other rows it is computed with. So nothing depends on how paths are
//! grouped into work units (see `work_units`) or which thread runs a unit, and a seed gives
//! bit-identical paths for any thread count.

// Shapes use the letters of docs/architecture.md (P paths, H horizon, S state, A action,
// E members, K particles), as the papers do; spelling them out would hide the algebra.
#![allow(clippy::many_single_char_names)]

use std::str::FromStr;

use crate::bounds::check_bounds;
use crate::dynamics::{Dynamics, Members, Scratch, StepInput, StepOutput};
use crate::error::{parse_choice, CoreError, CoreResult};
use crate::mlp::Workspace;
use crate::parallel::map_in_turn;
use crate::planner::{Guides, PlanMemory, Planner, PlannerConfig};
use crate::policy::PolicyNet;
use crate::rng::Rng;

const TAG_PATH: u64 = 11;
const TAG_PLAN: u64 = 12;

/// How ensemble members are assigned to paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberMode {
    /// Each path draws one member at its start and keeps it.
    PerPath,
    /// A member is drawn anew at every step.
    PerStep,
}

impl FromStr for MemberMode {
    type Err = CoreError;

    fn from_str(name: &str) -> CoreResult<Self> {
        parse_choice(
            "member_mode",
            name,
            &[("per_path", Self::PerPath), ("per_step", Self::PerStep)],
        )
    }
}

/// Where actions come from.
#[derive(Clone, Copy)]
pub enum Driver<'a> {
    /// Given sequences `[P, H, action_dim]` (discrete: indices as `f32`), executed as given.
    Actions(&'a [f32]),
    /// A policy network evaluated on the current states.
    Policy(&'a PolicyNet),
    /// A planner decision at every step (its action is also returned as a label), with its guides.
    Planner(&'a PlannerConfig, Guides<'a>),
}

/// Settings of one rollout call.
#[derive(Clone, Debug)]
pub struct RolloutConfig {
    /// Steps per path `H`.
    pub horizon: usize,
    /// Seed of every random stream.
    pub seed: u64,
    /// Member assignment.
    pub member_mode: MemberMode,
    /// Use the model's mean prediction (no sampling noise).
    pub deterministic: bool,
    /// Record ensemble disagreement (one forward pass per member and step).
    pub compute_uncertainty: bool,
    /// Continuous: std of Gaussian noise added to policy/planner actions (then clipped to the
    /// bounds). Discrete: the probability of replacing the action by a uniformly random one.
    pub action_noise_std: f32,
    /// Action bounds (continuous only): needed by planners, used to clip noisy actions; a policy's
    /// own bounds are used when these are `None`.
    pub action_low: Option<Vec<f32>>,
    /// See `action_low`.
    pub action_high: Option<Vec<f32>>,
    /// These paths are one shard of a larger batch (a distributed backend rolls each shard on
    /// another machine); `None`: the paths are the whole batch.
    pub shard: Option<Shard>,
}

/// Where a shard of paths sits in the whole batch. Random streams are keyed by the path's index
/// in the batch and chunks are laid out for the whole batch, so the shards of a batch, rolled
/// out separately, are bit-identical to the batch rolled out at once. A shard must start on a
/// chunk boundary of the batch (see [`chunk_size`]) and cover whole chunks, except the last one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// Index in the batch of the shard's first path.
    pub offset: usize,
    /// Paths in the whole batch.
    pub total: usize,
}

/// The paths, structure of arrays (row-major).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rollout {
    /// `[P, H + 1, S]`.
    pub states: Vec<f32>,
    /// `[P, H, A]` (executed actions; zero after a path's done).
    pub actions: Vec<f32>,
    /// `[P, H]` (zero after done).
    pub rewards: Vec<f32>,
    /// `[P, H]`: true only at the step that ended the path.
    pub dones: Vec<bool>,
    /// `[P, H]`.
    pub uncertainty: Vec<f32>,
    /// `[P]`: steps up to and including the first done, `H` if none.
    pub lengths: Vec<i64>,
    /// `[P]`: the member of `per_path` paths, -1 for `per_step`.
    pub members: Vec<i64>,
    /// `[P, H, A]` planner actions before noise (planner mode only).
    pub action_labels: Option<Vec<f32>>,
    /// `[P, H]` the planner's value estimate of each step's state (see
    /// [`crate::planner::Decision::plan_value`]; planner mode only, 0 after a path's end).
    pub plan_values: Option<Vec<f32>>,
}

impl Rollout {
    /// `p` paths of `h` steps (`s` state and `aw` action columns), all zero; with the planner's
    /// arrays when `planner`.
    fn zeroed(p: usize, h: usize, s: usize, aw: usize, planner: bool) -> Self {
        Self {
            states: vec![0.0; p * (h + 1) * s],
            actions: vec![0.0; p * h * aw],
            rewards: vec![0.0; p * h],
            dones: vec![false; p * h],
            uncertainty: vec![0.0; p * h],
            lengths: vec![0; p],
            members: vec![0; p],
            action_labels: planner.then(|| vec![0.0; p * h * aw]),
            plan_values: planner.then(|| vec![0.0; p * h]),
        }
    }
}

/// Paths per chunk: depends on the number of paths only (never on the thread count). About P/8
/// (5..128): measured at 1000 x 100 steps with a 5 x 200-200-200 ensemble on 2 cores, P/16 gave
/// 0.85M transitions/s, P/8 1.02M, P/4 1.04-1.16M, and P/8 keeps enough chunks for more cores.
/// Small batches are split too, since the packed kernel is efficient from one row: 10 paths x 100
/// steps without disagreement ran at 475k transitions/s as one chunk (at least 16 paths) and 620k
/// as two (at least 5; at least 4 or 3 gave 530k and 475k: three uneven chunks on two cores).
#[must_use]
pub fn chunk_size(paths: usize) -> usize {
    paths.div_ceil(8).clamp(5, 128)
}

/// The random stream of the path at index `key` of the whole batch.
fn path_rng(seed: u64, key: usize) -> Rng {
    Rng::from_path(seed, &[TAG_PATH, key as u64])
}

/// One of `members` ensemble members, uniformly.
fn draw_member(rng: &mut Rng, members: usize) -> usize {
    if members > 1 {
        rng.below(members)
    } else {
        0
    }
}

/// The paths of this call, split into work units (lists of path indices) that run in parallel.
///
/// A path's result depends only on its own random stream and its own rows of each forward pass
/// (the dense kernel's output for a row does not depend on the other rows), so the split only
/// affects speed. When every path keeps one member and only that member is evaluated (TS-1
/// without disagreement), a unit holds the paths of one member, at most `chunk` of them: a thread
/// then streams one member's weights (about 0.4 MB for 200-wide layers) from its own L2 cache
/// every step instead of all members' from L3. Measured on 2 cores (Zen 5, 1 MB L2 per core),
/// 5 x 200-200-200 ensemble, `cargo run --release --example` of the benchmark's rollout: 10 paths
/// x 100 steps 1.38 -> 0.76 ms, 1000 x 100 55.9 -> 53.9 ms. Otherwise units are runs of `chunk`
/// consecutive paths. Units are listed largest first (see [`map_in_turn`]).
fn work_units(
    model: &dyn Dynamics,
    cfg: &RolloutConfig,
    num_paths: usize,
    offset: usize,
    chunk: usize,
) -> Vec<Vec<usize>> {
    let e = model.members();
    let one_member_per_path =
        cfg.member_mode == MemberMode::PerPath && e > 1 && !cfg.compute_uncertainty;
    if !one_member_per_path {
        return (0..num_paths)
            .collect::<Vec<_>>()
            .chunks(chunk)
            .map(<[usize]>::to_vec)
            .collect();
    }
    let mut by_member = vec![Vec::new(); e];
    for i in 0..num_paths {
        by_member[draw_member(&mut path_rng(cfg.seed, offset + i), e)].push(i);
    }
    let mut units: Vec<Vec<usize>> = by_member
        .into_iter()
        .filter(|paths| !paths.is_empty())
        .flat_map(|paths| {
            let pieces = paths.len().div_ceil(chunk);
            let size = paths.len().div_ceil(pieces);
            paths
                .chunks(size)
                .map(<[usize]>::to_vec)
                .collect::<Vec<_>>()
        })
        .collect();
    // Largest first, so that the threads that take the last ones finish close together.
    units.sort_by_key(|paths| std::cmp::Reverse(paths.len()));
    units
}

/// Checks that `values` are finite, naming the first bad entry.
fn check_finite(name: &str, values: &[f32], width: usize) -> CoreResult<()> {
    if let Some(i) = values.iter().position(|v| !v.is_finite()) {
        return Err(CoreError::InvalidArgument {
            name: name.into(),
            value: format!("{} at row {}", values[i], i / width.max(1)),
            reason: "must be finite (NaN or Inf found)".into(),
        });
    }
    Ok(())
}

#[allow(clippy::needless_pass_by_value)] // takes numbers and strings alike
fn bad(name: &str, value: impl ToString, reason: impl Into<String>) -> CoreError {
    CoreError::InvalidArgument {
        name: name.into(),
        value: value.to_string(),
        reason: reason.into(),
    }
}

/// Checks discrete action indices: integral and in `[0, n)`.
///
/// # Errors
/// [`CoreError::InvalidArgument`] naming `name` and the first bad value.
pub fn check_discrete_actions(name: &str, values: &[f32], n: usize) -> CoreResult<()> {
    if let Some(v) = values
        .iter()
        .find(|v| !(v.fract() == 0.0 && **v >= 0.0 && **v < n as f32))
    {
        return Err(bad(
            name,
            v,
            format!("discrete actions must be integers in [0, {n})"),
        ));
    }
    Ok(())
}

/// Checks what a rollout of `num_paths` paths of `model` asks for apart from its inputs (starts
/// and driver): the path count, the horizon, the action noise, the action bounds and the shard.
/// [`rollout`] runs it first; a binding may run it before converting the inputs, whose expected
/// shapes depend on these values.
///
/// # Errors
/// [`CoreError::InvalidArgument`] or [`CoreError::Shape`] naming the first bad setting.
pub fn check_request(
    model: &dyn Dynamics,
    num_paths: usize,
    cfg: &RolloutConfig,
) -> CoreResult<()> {
    if num_paths == 0 {
        return Err(bad("starts", "0 rows", "need at least one start state"));
    }
    if cfg.horizon == 0 {
        return Err(bad("horizon", 0, "must be positive"));
    }
    let discrete = model.discrete_actions();
    let noise = cfg.action_noise_std;
    if !noise.is_finite() || noise < 0.0 || (discrete.is_some() && noise > 1.0) {
        return Err(bad(
            "action_noise_std",
            noise,
            if discrete.is_some() {
                "for discrete actions it is the probability of a random action: must lie in [0, 1]"
            } else {
                "must be finite and >= 0"
            },
        ));
    }
    if discrete.is_none() {
        match (&cfg.action_low, &cfg.action_high) {
            (Some(lo), Some(hi)) => check_bounds(lo, hi, model.action_dim())?,
            (Some(_), None) | (None, Some(_)) => {
                return Err(bad(
                    "action_low",
                    "one bound",
                    "give both action_low and action_high, or neither",
                ));
            }
            (None, None) => {}
        }
    }
    if let Some(Shard { offset, total }) = cfg.shard {
        let chunk = chunk_size(total.max(1));
        if total == 0
            || offset + num_paths > total
            || !offset.is_multiple_of(chunk)
            || (offset + num_paths != total && !num_paths.is_multiple_of(chunk))
        {
            return Err(bad(
                "shard",
                format!("{num_paths} paths at offset {offset} of {total}"),
                format!(
                    "a shard must lie inside the batch, start at a multiple of the batch's chunk \
                     size ({chunk}) and cover whole chunks unless it is the last one"
                ),
            ));
        }
    }
    Ok(())
}

/// Rolls `num_paths` paths of `cfg.horizon` steps out of `model` from `starts` `[P, S]`.
///
/// # Errors
/// Shapes that do not fit the model, non-finite starts or actions, non-positive horizon or path
/// count, bad bounds, a policy or planner that does not fit the model, bad noise (see also
/// [`check_request`]).
#[allow(clippy::too_many_lines)] // validation of every input, then one parallel map
pub fn rollout(
    model: &dyn Dynamics,
    starts: &[f32],
    num_paths: usize,
    driver: Driver<'_>,
    cfg: &RolloutConfig,
) -> CoreResult<Rollout> {
    check_request(model, num_paths, cfg)?;
    let (s, aw, h) = (model.state_dim(), model.action_dim(), cfg.horizon);
    if starts.len() != num_paths * s {
        return Err(CoreError::Shape {
            name: "starts".into(),
            actual: vec![num_paths, starts.len() / num_paths],
            expected: format!("(P, {s})"),
        });
    }
    check_finite("starts", starts, s)?;
    let discrete = model.discrete_actions();
    let mut bounds = match (&cfg.action_low, &cfg.action_high) {
        (Some(lo), Some(hi)) if discrete.is_none() => Some((lo.clone(), hi.clone())),
        _ => None,
    };
    match driver {
        Driver::Actions(actions) => {
            if actions.len() != num_paths * h * aw {
                return Err(CoreError::Shape {
                    name: "actions".into(),
                    actual: vec![actions.len()],
                    expected: format!("({num_paths}, {h}, {aw}) = (P, horizon, action_dim)"),
                });
            }
            check_finite("actions", actions, h * aw)?;
            if let Some(n) = discrete {
                check_discrete_actions("actions", actions, n)?;
            }
        }
        Driver::Policy(policy) => {
            if policy.obs_dim() != s || policy.action_dim() != aw {
                return Err(CoreError::Shape {
                    name: "policy".into(),
                    actual: vec![policy.obs_dim(), policy.action_dim()],
                    expected: format!("(obs {s}, actions {aw}) to fit the model"),
                });
            }
            if policy.discrete_actions() != discrete {
                return Err(bad(
                    "policy",
                    format!("{:?} output", policy.output()).to_lowercase(),
                    match discrete {
                        Some(n) => format!("the model has {n} discrete actions: use \"argmax\""),
                        None => {
                            "the model has continuous actions: use \"tanh\" or \"linear\"".into()
                        }
                    },
                ));
            }
            if bounds.is_none() && discrete.is_none() {
                bounds = Some((policy.low().to_vec(), policy.high().to_vec()));
            }
        }
        Driver::Planner(pc, guides) => {
            let (lo, hi) = bounds
                .as_ref()
                .map_or((&[][..], &[][..]), |(l, h)| (&l[..], &h[..]));
            Planner::new(model, pc, guides, lo, hi)?;
        }
    }

    let Shard { offset, total } = cfg.shard.unwrap_or(Shard {
        offset: 0,
        total: num_paths,
    });
    let chunk = chunk_size(total);
    let units = work_units(model, cfg, num_paths, offset, chunk);
    let parts: Vec<Rollout> = map_in_turn(&units, |paths| {
        let ctx = UnitCtx {
            model,
            driver,
            cfg,
            bounds: bounds.as_ref(),
            paths,
            offset,
        };
        ctx.run(starts)
    });
    let mut all = Rollout::zeroed(num_paths, h, s, aw, matches!(driver, Driver::Planner(..)));
    for (part, paths) in parts.iter().zip(&units) {
        for (b, &i) in paths.iter().enumerate() {
            let per_path = |len: usize| (i * len..(i + 1) * len, b * len..(b + 1) * len);
            let (to, from) = per_path((h + 1) * s);
            all.states[to].copy_from_slice(&part.states[from]);
            let (to, from) = per_path(h * aw);
            all.actions[to.clone()].copy_from_slice(&part.actions[from.clone()]);
            if let (Some(dst), Some(src)) = (all.action_labels.as_mut(), &part.action_labels) {
                dst[to].copy_from_slice(&src[from]);
            }
            let (to, from) = per_path(h);
            if let (Some(dst), Some(src)) = (all.plan_values.as_mut(), &part.plan_values) {
                dst[to.clone()].copy_from_slice(&src[from.clone()]);
            }
            all.rewards[to.clone()].copy_from_slice(&part.rewards[from.clone()]);
            all.dones[to.clone()].copy_from_slice(&part.dones[from.clone()]);
            all.uncertainty[to].copy_from_slice(&part.uncertainty[from]);
            all.lengths[i] = part.lengths[b];
            all.members[i] = part.members[b];
        }
    }
    Ok(all)
}

/// One work unit of paths (see [`work_units`]).
struct UnitCtx<'a> {
    model: &'a dyn Dynamics,
    driver: Driver<'a>,
    cfg: &'a RolloutConfig,
    bounds: Option<&'a (Vec<f32>, Vec<f32>)>,
    /// The unit's paths: indices in this call's arrays.
    paths: &'a [usize],
    /// Index in the whole batch of this call's first path (`path + offset` keys the random
    /// streams).
    offset: usize,
}

impl UnitCtx<'_> {
    // The step loop reads best in one piece; counts and indices (< 2^63) fit an i64.
    #[allow(clippy::too_many_lines, clippy::cast_possible_wrap)]
    fn run(&self, starts: &[f32]) -> Rollout {
        let model = self.model;
        let cfg = self.cfg;
        let (s, aw, h, p) = (
            model.state_dim(),
            model.action_dim(),
            cfg.horizon,
            self.paths.len(),
        );
        let e = model.members();
        let nd = if cfg.deterministic {
            0
        } else {
            model.noise_dim()
        };
        let discrete = model.discrete_actions();
        let mut out = Rollout::zeroed(p, h, s, aw, matches!(self.driver, Driver::Planner(..)));
        out.lengths.fill(h as i64);
        out.members.fill(-1);
        let mut rngs: Vec<Rng> = self
            .paths
            .iter()
            .map(|&i| path_rng(cfg.seed, self.offset + i))
            .collect();
        let mut path_member = vec![0usize; p];
        if cfg.member_mode == MemberMode::PerPath {
            for i in 0..p {
                path_member[i] = draw_member(&mut rngs[i], e);
                out.members[i] = path_member[i] as i64;
            }
        }
        let (lo, hi) = self
            .bounds
            .map_or((&[][..], &[][..]), |(l, h)| (&l[..], &h[..]));
        let planner = match self.driver {
            Driver::Planner(pc, guides) => {
                Some(Planner::new(model, pc, guides, lo, hi).expect("validated"))
            }
            _ => None,
        };
        let mut memories: Vec<PlanMemory> = planner
            .as_ref()
            .map(|pl| (0..p).map(|_| pl.memory()).collect())
            .unwrap_or_default();

        let mut cur = Vec::with_capacity(p * s);
        for (b, &i) in self.paths.iter().enumerate() {
            let start = &starts[i * s..(i + 1) * s];
            cur.extend_from_slice(start);
            out.states[b * (h + 1) * s..b * (h + 1) * s + s].copy_from_slice(start);
        }
        let mut alive = vec![true; p];
        let (mut scratch, mut step_out) = (Scratch::default(), StepOutput::default());
        let (mut ws, mut buf) = (Workspace::default(), Vec::new());
        let (mut idx, mut bs, mut ba, mut bm, mut bn) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for t in 0..h {
            idx.clear();
            idx.extend((0..p).filter(|&i| alive[i]));
            bs.clear();
            for &i in &idx {
                bs.extend_from_slice(&cur[i * s..(i + 1) * s]);
            }
            let n = idx.len();
            // Actions of the alive paths.
            ba.clear();
            match self.driver {
                Driver::Actions(actions) => {
                    for &i in &idx {
                        let at = (self.paths[i] * h + t) * aw;
                        ba.extend_from_slice(&actions[at..at + aw]);
                    }
                }
                Driver::Policy(policy) => policy.act(&bs, n, &mut ws, &mut buf, &mut ba),
                Driver::Planner(..) => {
                    let pl = planner.as_ref().expect("planner mode");
                    let labels = out.action_labels.as_mut().expect("planner mode");
                    let values = out.plan_values.as_mut().expect("planner mode");
                    for (b, &i) in idx.iter().enumerate() {
                        let key = Rng::from_path(
                            cfg.seed,
                            &[TAG_PLAN, (self.offset + self.paths[i]) as u64, t as u64],
                        )
                        .next_u64();
                        let d = pl.decide(&bs[b * s..(b + 1) * s], &mut memories[i], key);
                        labels[(i * h + t) * aw..(i * h + t + 1) * aw].copy_from_slice(&d.action);
                        values[i * h + t] = d.plan_value;
                        ba.extend_from_slice(&d.action);
                    }
                }
            }
            // Exploration noise (policy and planner actions only), member draws, model noise:
            // always in this order, from the path's own stream.
            bm.clear();
            bn.clear();
            for (b, &i) in idx.iter().enumerate() {
                let rng = &mut rngs[i];
                if !matches!(self.driver, Driver::Actions(_)) && cfg.action_noise_std > 0.0 {
                    let a = &mut ba[b * aw..(b + 1) * aw];
                    if let Some(k) = discrete {
                        if rng.uniform_f32() < cfg.action_noise_std {
                            a[0] = rng.below(k) as f32;
                        }
                    } else {
                        for (j, v) in a.iter_mut().enumerate() {
                            *v += cfg.action_noise_std * rng.normal();
                            if !lo.is_empty() {
                                *v = v.clamp(lo[j], hi[j]);
                            }
                        }
                    }
                }
                bm.push(match cfg.member_mode {
                    MemberMode::PerPath => path_member[i],
                    MemberMode::PerStep => draw_member(rng, e),
                });
                if nd > 0 {
                    let from = bn.len();
                    bn.resize(from + nd, 0.0);
                    rng.fill_normal(&mut bn[from..]);
                }
            }
            let input = StepInput {
                states: &bs,
                actions: &ba,
                members: Members::PerRow(&bm),
                noise: (nd > 0).then_some(&bn[..]),
                uncertainty: cfg.compute_uncertainty && e > 1,
                rows: n,
            };
            model.step(&input, &mut scratch, &mut step_out);
            for (b, &i) in idx.iter().enumerate() {
                out.actions[(i * h + t) * aw..(i * h + t + 1) * aw]
                    .copy_from_slice(&ba[b * aw..(b + 1) * aw]);
                out.rewards[i * h + t] = step_out.rewards[b];
                out.dones[i * h + t] = step_out.dones[b];
                out.uncertainty[i * h + t] = step_out.uncertainty[b];
                cur[i * s..(i + 1) * s].copy_from_slice(&step_out.next_states[b * s..(b + 1) * s]);
                if step_out.dones[b] {
                    alive[i] = false;
                    out.lengths[i] = t as i64 + 1;
                }
            }
            // Every path (alive or frozen) records its current state: frozen paths repeat theirs.
            for i in 0..p {
                let at = (i * (h + 1) + t + 1) * s;
                out.states[at..at + s].copy_from_slice(&cur[i * s..(i + 1) * s]);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Activation;
    use crate::dynamics::{CartPoleDynamics, EnsembleDynamics, EnsembleSpec, PendulumDynamics};
    use crate::mlp::EnsembleMlp;

    fn config(horizon: usize) -> RolloutConfig {
        RolloutConfig {
            horizon,
            seed: 5,
            member_mode: MemberMode::PerPath,
            deterministic: false,
            compute_uncertainty: true,
            action_noise_std: 0.0,
            action_low: None,
            action_high: None,
            shard: None,
        }
    }

    #[test]
    fn check_request_names_the_first_bad_setting_before_any_input_is_read() {
        let model = PendulumDynamics::default();
        let named = |paths: usize, cfg: &RolloutConfig| {
            check_request(&model, paths, cfg).map_err(|e| e.to_string())
        };
        assert_eq!(named(1, &config(3)), Ok(()));
        assert_eq!(
            named(0, &config(3)),
            Err("starts = 0 rows: need at least one start state".into())
        );
        assert_eq!(
            named(1, &config(0)),
            Err("horizon = 0: must be positive".into())
        );
        let empty_batch = RolloutConfig {
            shard: Some(Shard {
                offset: 0,
                total: 0,
            }),
            ..config(3)
        };
        assert!(named(1, &empty_batch).is_err_and(|e| e.starts_with("shard = 1 paths")));
        let one_bound = RolloutConfig {
            action_low: Some(vec![-2.0]),
            ..config(3)
        };
        assert!(named(1, &one_bound).is_err_and(|e| e.starts_with("action_low = one bound")));
    }

    /// A random 3-member ensemble for state 3, action 1.
    fn ensemble(done_head: bool) -> EnsembleDynamics {
        let mut rng = Rng::new(4);
        let (e, s, a, hid) = (3, 3, 1, 16);
        let out = 2 * (s + 1) + usize::from(done_head);
        let shapes = [(e, s + a, hid), (e, hid, hid), (e, hid, out)];
        let weights: Vec<Vec<f32>> = shapes
            .iter()
            .map(|&(e, i, o)| (0..e * i * o).map(|_| rng.normal() * 0.3).collect())
            .collect();
        let biases: Vec<Vec<f32>> = shapes
            .iter()
            .map(|&(e, _, o)| (0..e * o).map(|_| rng.normal() * 0.1).collect())
            .collect();
        let mlp = EnsembleMlp::new(&shapes, &weights, &biases, Activation::Silu).unwrap();
        EnsembleDynamics::new(EnsembleSpec {
            mlp,
            state_dim: s,
            action_dim: a,
            discrete_actions: None,
            input_mean: vec![0.0; s + a],
            input_std: vec![1.0; s + a],
            output_mean: vec![0.0; s + 1],
            output_std: vec![0.1; s + 1],
            max_logvar: vec![0.0; s + 1],
            min_logvar: vec![-5.0; s + 1],
            done_head,
            state_low: Some(vec![-3.0; s]),
            state_high: Some(vec![3.0; s]),
            obs_low: None,
            obs_high: None,
            norm_groups: Vec::new(),
            outcome: None,
        })
        .unwrap()
    }

    fn starts(p: usize, s: usize) -> Vec<f32> {
        let mut rng = Rng::new(8);
        (0..p * s).map(|_| rng.normal() * 0.5).collect()
    }

    /// Given actions `[P, H, 1]` in [-1, 1].
    fn actions(p: usize, h: usize) -> Vec<f32> {
        starts(p * h, 1)
            .iter()
            .map(|v| v.clamp(-1.0, 1.0))
            .collect()
    }

    fn on_threads<T: Send>(n: usize, f: impl FnOnce() -> T + Send) -> T {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
            .install(f)
    }

    #[test]
    fn ensemble_rollouts_are_identical_on_1_and_4_threads() {
        let model = ensemble(true);
        let p = 70;
        let st = starts(p, 3);
        let actions = actions(p, 20);
        for (mode, compute_uncertainty) in [
            (MemberMode::PerPath, true),
            (MemberMode::PerStep, true),
            (MemberMode::PerPath, false),
        ] {
            let cfg = RolloutConfig {
                member_mode: mode,
                compute_uncertainty,
                ..config(20)
            };
            let run = |n| {
                on_threads(n, || {
                    rollout(&model, &st, p, Driver::Actions(&actions), &cfg)
                })
            };
            let one = run(1).unwrap();
            assert_eq!(one, run(4).unwrap());
            assert_eq!(
                one.uncertainty.iter().any(|u| *u > 0.0),
                compute_uncertainty
            );
        }
    }

    #[test]
    fn ts1_paths_are_the_same_in_member_units_and_in_chunks() {
        // Without disagreement, TS-1 paths run in units of one member (`work_units`); with it,
        // in chunks of consecutive paths through every member. Only the disagreement may differ.
        let model = ensemble(true);
        let p = 23;
        let st = starts(p, 3);
        let actions = actions(p, 20);
        let run = |compute_uncertainty| {
            let cfg = RolloutConfig {
                compute_uncertainty,
                ..config(20)
            };
            let consecutive = work_units(&model, &cfg, p, 0, chunk_size(p))
                .iter()
                .all(|unit| unit.windows(2).all(|w| w[1] == w[0] + 1));
            assert_eq!(consecutive, compute_uncertainty);
            rollout(&model, &st, p, Driver::Actions(&actions), &cfg).unwrap()
        };
        let (units, chunks) = (run(false), run(true));
        assert_eq!(
            Rollout {
                uncertainty: chunks.uncertainty.iter().map(|_| 0.0).collect(),
                ..chunks
            },
            units
        );
    }

    #[test]
    fn shards_rolled_out_apart_equal_the_batch() {
        let model = ensemble(true);
        let p = 300; // chunk 38: shards of 76, 152 and the last 72 paths
        let st = starts(p, 3);
        let actions = actions(p, 8);
        // With disagreement (chunks of consecutive paths) and without (units of one member).
        for compute_uncertainty in [true, false] {
            let batch = RolloutConfig {
                compute_uncertainty,
                ..config(8)
            };
            let whole = rollout(&model, &st, p, Driver::Actions(&actions), &batch).unwrap();
            let mut joined = Vec::new();
            for (from, to) in [(0, 76), (76, 228), (228, 300)] {
                let cfg = RolloutConfig {
                    shard: Some(Shard {
                        offset: from,
                        total: p,
                    }),
                    ..batch.clone()
                };
                let part = rollout(
                    &model,
                    &st[from * 3..to * 3],
                    to - from,
                    Driver::Actions(&actions[from * 8..to * 8]),
                    &cfg,
                )
                .unwrap();
                joined.extend(part.states);
            }
            assert_eq!(
                joined, whole.states,
                "compute_uncertainty {compute_uncertainty}"
            );
        }
        let misaligned = RolloutConfig {
            shard: Some(Shard {
                offset: 10,
                total: p,
            }),
            ..config(8)
        };
        let err = rollout(
            &model,
            &st[30..],
            290,
            Driver::Actions(&actions[80..]),
            &misaligned,
        );
        assert!(err.unwrap_err().to_string().contains("chunk size (38)"));
    }

    #[test]
    fn planner_rollouts_are_identical_on_1_and_4_threads() {
        let model = ensemble(false);
        let pc = PlannerConfig {
            horizon: 5,
            population: 20,
            particles: 3,
            iterations: 2,
            uncertainty_penalty: 0.1,
            ..PlannerConfig::default()
        };
        let cfg = RolloutConfig {
            action_low: Some(vec![-1.0]),
            action_high: Some(vec![1.0]),
            action_noise_std: 0.1,
            ..config(6)
        };
        let st = starts(5, 3);
        let run = |n| {
            on_threads(n, || {
                rollout(
                    &model,
                    &st,
                    5,
                    Driver::Planner(&pc, Guides::default()),
                    &cfg,
                )
            })
        };
        let one = run(1).unwrap();
        assert_eq!(one, run(4).unwrap());
        assert_eq!(one.action_labels.as_ref().map(Vec::len), Some(5 * 6));
    }

    #[test]
    fn paths_freeze_after_done() {
        // CartPole always pushing right from a tilted start falls within a few steps.
        let p = 3;
        let st = vec![0.0, 0.0, 0.15, 0.5, 0.0, 0.0, 0.0, 0.0, 2.3, 1.0, 0.0, 0.0];
        let actions = vec![1.0; p * 30];
        let r = rollout(
            &CartPoleDynamics,
            &st,
            p,
            Driver::Actions(&actions),
            &config(30),
        )
        .unwrap();
        let (h, s) = (30, 4);
        for i in 0..p {
            let len = r.lengths[i] as usize;
            assert!(len < h, "path {i} never ended");
            assert!(r.dones[i * h + len - 1]);
            assert_eq!(
                r.dones[i * h..(i + 1) * h].iter().filter(|d| **d).count(),
                1
            );
            assert!(r.rewards[i * h + len..(i + 1) * h]
                .iter()
                .all(|v| *v == 0.0));
            let last = &r.states[(i * (h + 1) + len) * s..(i * (h + 1) + len + 1) * s];
            for t in len..=h {
                assert_eq!(
                    &r.states[(i * (h + 1) + t) * s..(i * (h + 1) + t + 1) * s],
                    last
                );
            }
        }
        assert_eq!(r.members, vec![0, 0, 0]);
    }

    #[test]
    fn pendulum_rollout_equals_stepping_by_hand() {
        let model = PendulumDynamics::default();
        let st = vec![0.0, 1.0, 0.3];
        let actions = vec![0.5, -1.0, 2.0];
        let r = rollout(&model, &st, 1, Driver::Actions(&actions), &config(3)).unwrap();
        let (mut th, mut thdot) = (std::f64::consts::FRAC_PI_2, 0.3f64);
        for (t, a) in actions.iter().enumerate() {
            let (nth, nthdot, reward) = model.step_angle(th, thdot, f64::from(*a));
            assert!((f64::from(r.rewards[t]) - reward).abs() < 1e-5);
            let got = &r.states[(t + 1) * 3..(t + 2) * 3];
            assert!((f64::from(got[2]) - nthdot).abs() < 1e-5);
            // The next step starts from the f32 observation, as it would in Gymnasium.
            th = f64::from(got[1]).atan2(f64::from(got[0]));
            thdot = f64::from(got[2]);
            assert!((th - nth).abs() < 1e-5);
        }
    }

    #[test]
    fn bad_inputs_are_named() {
        let (pendulum, cart) = (PendulumDynamics::default(), CartPoleDynamics);
        let fails =
            |model: &dyn Dynamics, starts: &[f32], driver: Driver<'_>, h: usize, at: &str| {
                let err = rollout(model, starts, 1, driver, &config(h)).unwrap_err();
                assert!(err.to_string().starts_with(at), "{err} (expected {at:?})");
            };
        let a = vec![0.0; 3];
        fails(&pendulum, &[0.0; 3], Driver::Actions(&a), 0, "horizon");
        fails(
            &pendulum,
            &[0.0; 4],
            Driver::Actions(&a),
            3,
            "starts has shape",
        );
        let nan = [f32::NAN, 0.0, 0.0];
        fails(
            &pendulum,
            &nan,
            Driver::Actions(&a),
            3,
            "starts = NaN at row 0",
        );
        fails(
            &pendulum,
            &[0.0; 3],
            Driver::Actions(&a[..2]),
            3,
            "actions has shape",
        );
        let pc = PlannerConfig::default();
        let planner = Driver::Planner(&pc, Guides::default());
        fails(&pendulum, &[0.0; 3], planner, 3, "action_low has shape");
        let bad_actions = vec![0.0, 2.0, 0.5];
        fails(
            &cart,
            &[0.0; 4],
            Driver::Actions(&bad_actions),
            3,
            "actions = 2",
        );
    }
}
