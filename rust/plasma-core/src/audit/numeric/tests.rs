use super::*;

/// One-variable-per-state batches are easiest to reason about; `Batch` owns the arrays.
struct Batch {
    states: Vec<f32>,
    actions: Vec<f32>,
    rewards: Vec<f32>,
    dones: Vec<bool>,
    uncertainty: Vec<f32>,
    lengths: Vec<i64>,
    dims: (usize, usize, usize, usize),
}

impl Batch {
    /// `p` paths of `h` steps over `s` variables; states walk slowly, rewards are 0.
    fn calm(p: usize, h: usize, s: usize) -> Self {
        let mut states = Vec::with_capacity(p * (h + 1) * s);
        for _ in 0..p {
            for t in 0..=h {
                for j in 0..s {
                    states.push(0.01 * t as f32 + j as f32 * 0.1);
                }
            }
        }
        Self {
            states,
            actions: vec![0.0; p * h],
            rewards: vec![0.0; p * h],
            dones: vec![false; p * h],
            uncertainty: vec![0.1; p * h],
            lengths: vec![h as i64; p],
            dims: (p, h, s, 1),
        }
    }

    fn view(&self) -> PathsView<'_> {
        PathsView::new(
            &self.states,
            &self.actions,
            &self.rewards,
            &self.dones,
            &self.uncertainty,
            &self.lengths,
            self.dims,
        )
        .unwrap()
    }

    fn set_state(&mut self, p: usize, t: usize, j: usize, value: f32) {
        let (_, h, s, _) = self.dims;
        self.states[(p * (h + 1) + t) * s + j] = value;
    }
}

fn config(s: usize) -> ScanConfig {
    ScanConfig {
        state_dim: s,
        action_dim: 1,
        ..ScanConfig::default()
    }
}

fn scan(cfg: ScanConfig, batch: &Batch) -> ScanOutput {
    NumericScanner::new(cfg)
        .unwrap()
        .scan(&batch.view())
        .unwrap()
}

fn col(out: &ScanOutput, p: usize, d: Detector) -> DetectorStats {
    out.stats[p][d.column()]
}

#[test]
fn a_calm_batch_has_no_findings_with_every_detector_on() {
    let b = Batch::calm(3, 20, 2);
    let grid = CellGrid::build(&b.states, 2, vec![0.0; 2], vec![0.5; 2], 1).unwrap();
    let cfg = ScanConfig {
        uncertainty_threshold: Some(1.0),
        support: Some(SupportSpec {
            low: vec![0.0, 0.1],
            high: vec![0.2, 0.3],
            scale: vec![0.1, 0.1],
            tolerance: 0.5,
            grid: Some(grid),
        }),
        invariants: vec![Invariant::Bounds {
            var: 0,
            low: -1.0,
            high: 1.0,
            exempt_at_done: false,
        }],
        action_bounds: Some((vec![-1.0], vec![1.0])),
        reward_max: Some(0.5),
        reward_spike: Some(0.5),
        state_jump: Some(vec![0.05, 0.05]),
        cycle: Some(CycleSpec {
            origin: vec![0.0; 2],
            width: vec![0.1; 2],
            min_period: 2,
            min_rate: -1.0,
            min_extent: 1,
        }),
        ..config(2)
    };
    let out = scan(cfg, &b);
    assert_eq!(out.transitions, 60);
    for row in &out.stats {
        for (d, stat) in Detector::ALL.iter().zip(row) {
            assert_eq!(stat.count, 0, "{} fired", d.name());
        }
    }
}

#[test]
fn shapes_and_lengths_are_checked() {
    let b = Batch::calm(2, 4, 1);
    let err = PathsView::new(
        &b.states[1..],
        &b.actions,
        &b.rewards,
        &b.dones,
        &b.uncertainty,
        &b.lengths,
        b.dims,
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("states has shape"));
    let bad = vec![5_i64, 1];
    let err = PathsView::new(
        &b.states,
        &b.actions,
        &b.rewards,
        &b.dones,
        &b.uncertainty,
        &bad,
        b.dims,
    )
    .unwrap_err();
    assert!(err.to_string().contains("lengths[0]"));
    let scanner = NumericScanner::new(config(3)).unwrap();
    assert!(scanner.scan(&b.view()).is_err());
}

#[test]
fn config_is_validated() {
    let mut cfg = config(2);
    cfg.invariants.push(Invariant::Norm {
        vars: vec![0, 2],
        target: 1.0,
        tolerance: 0.1,
    });
    assert!(NumericScanner::new(cfg)
        .unwrap_err()
        .to_string()
        .contains("invariant 0"));
    let mut cfg = config(1);
    cfg.state_jump = Some(vec![0.0]);
    assert!(NumericScanner::new(cfg).is_err());
    let mut cfg = config(1);
    cfg.uncertainty_threshold = Some(f32::NAN);
    assert!(NumericScanner::new(cfg).is_err());
    assert!(NumericScanner::new(config(0)).is_err());
}

#[test]
fn non_finite_values_are_reported_once_per_step_with_the_array() {
    let mut b = Batch::calm(2, 5, 1);
    b.set_state(0, 3, 0, f32::NAN);
    b.rewards[5 + 1] = f32::INFINITY;
    let mut cfg = config(1);
    cfg.state_jump = Some(vec![0.05]);
    let out = scan(cfg, &b);
    let s = col(&out, 0, Detector::NonFinite);
    // s_3 is non-finite: transition 2 produced it; transition 3 starts from it (not counted).
    assert_eq!((s.count, s.first_step, s.worst_index), (1, 2, 0));
    let r = col(&out, 1, Detector::NonFinite);
    assert_eq!((r.count, r.first_step, r.worst_index), (1, 1, 2));
    // The jump detector skipped the steps that touch the NaN state.
    assert_eq!(col(&out, 0, Detector::StateJump).count, 0);
}

#[test]
fn steps_after_the_length_are_not_examined() {
    let mut b = Batch::calm(1, 6, 1);
    b.lengths[0] = 3;
    b.set_state(0, 5, 0, f32::NAN);
    b.uncertainty[4] = 9.0;
    let mut cfg = config(1);
    cfg.uncertainty_threshold = Some(1.0);
    let out = scan(cfg, &b);
    assert_eq!(out.transitions, 3);
    assert_eq!(col(&out, 0, Detector::NonFinite).count, 0);
    assert_eq!(col(&out, 0, Detector::Uncertainty).count, 0);
}

#[test]
fn uncertainty_reports_first_and_worst_steps() {
    let mut b = Batch::calm(1, 8, 1);
    b.uncertainty[2] = 2.0;
    b.uncertainty[5] = 3.0;
    b.uncertainty[6] = 3.0;
    let mut cfg = config(1);
    cfg.uncertainty_threshold = Some(1.0);
    let s = col(&scan(cfg, &b), 0, Detector::Uncertainty);
    assert_eq!((s.count, s.first_step, s.worst_step), (3, 2, 5));
    assert!((s.worst_value - 3.0).abs() < 1e-6);
}

#[test]
fn support_flags_range_and_grid_misses() {
    let mut b = Batch::calm(2, 10, 2);
    b.set_state(0, 4, 1, 3.0); // far above the range of variable 1
    let mut long = Batch::calm(1, 40, 2);
    let real = [0.0_f32, 0.1, 0.05, 0.15, 0.1, 0.2];
    let grid = CellGrid::build(&real, 2, vec![0.0; 2], vec![0.1; 2], 1).unwrap();
    let mut cfg = config(2);
    cfg.support = Some(SupportSpec {
        low: vec![0.0, 0.1],
        high: vec![0.1, 0.2],
        scale: vec![0.1, 0.1],
        tolerance: 1.5,
        grid: Some(grid),
    });
    let out = scan(cfg.clone(), &b);
    let s = col(&out, 0, Detector::OutOfSupport);
    assert_eq!((s.count, s.worst_step, s.worst_index), (1, 3, 1));
    assert!((s.worst_value - 28.0).abs() < 1e-3, "{}", s.worst_value);
    assert_eq!(col(&out, 1, Detector::OutOfSupport).count, 0);
    // With a huge range tolerance only the grid (cells of 0.1 dilated by one: up to 0.3 on
    // variable 0) flags the long walk from s_31 on (0.01 * 30 rounds to just below 0.3).
    cfg.support.as_mut().unwrap().tolerance = 1000.0;
    long.set_state(0, 0, 0, 0.0);
    let q = col(&scan(cfg, &long), 0, Detector::OutOfSupport);
    assert_eq!((q.count, q.first_step), (10, 30));
}

#[test]
fn invariants_norm_linear_and_termination_bounds() {
    // Two variables on the unit circle, then one step off it.
    let mut b = Batch::calm(2, 4, 2);
    for p in 0..2 {
        for t in 0..=4 {
            b.set_state(p, t, 0, 1.0);
            b.set_state(p, t, 1, 0.0);
        }
    }
    b.set_state(0, 2, 0, 1.3);
    // Path 1: the final state leaves the bounds, but the last step is a done.
    b.set_state(1, 4, 1, 5.0);
    b.dones[4 + 3] = true;
    let mut cfg = config(2);
    cfg.invariants = vec![
        Invariant::Norm {
            vars: vec![0, 1],
            target: 1.0,
            tolerance: 0.05,
        },
        Invariant::Bounds {
            var: 1,
            low: -1.0,
            high: 1.0,
            exempt_at_done: true,
        },
        Invariant::Linear {
            terms: vec![(0, 1.0)],
            target: 1.0,
            tolerance: 0.5,
        },
    ];
    let out = scan(cfg.clone(), &b);
    let s = col(&out, 0, Detector::Invariant);
    assert_eq!((s.count, s.first_step, s.worst_index), (1, 1, 0));
    assert!((s.worst_value - (1.69 - 1.0 - 0.05)).abs() < 1e-4);
    // Exempt at the done; the norm invariant still catches the final state.
    let q = col(&out, 1, Detector::Invariant);
    assert_eq!((q.count, q.first_step, q.worst_index), (1, 3, 0));
    // Without the done, the bound fires too (excess 4 > the norm's excess 24 - no: 25-1-0.05).
    b.dones[4 + 3] = false;
    cfg.invariants.remove(0);
    let out = scan(cfg, &b);
    let q = col(&out, 1, Detector::Invariant);
    assert_eq!((q.count, q.worst_index), (1, 0));
    assert!((q.worst_value - 4.0).abs() < 1e-6);
}

#[test]
fn the_start_state_is_checked_at_step_zero() {
    let mut b = Batch::calm(1, 3, 1);
    b.set_state(0, 0, 0, 7.0);
    let mut cfg = config(1);
    cfg.invariants = vec![Invariant::Bounds {
        var: 0,
        low: -1.0,
        high: 1.0,
        exempt_at_done: false,
    }];
    let s = col(&scan(cfg, &b), 0, Detector::Invariant);
    assert_eq!((s.count, s.first_step), (1, 0));
}

#[test]
fn actions_rewards_spikes_and_jumps() {
    let mut b = Batch::calm(1, 6, 1);
    b.actions[1] = 1.5;
    b.actions[2] = -3.0;
    b.rewards[3] = 2.0;
    b.set_state(0, 5, 0, 1.0);
    let mut cfg = config(1);
    cfg.action_bounds = Some((vec![-1.0], vec![1.0]));
    cfg.reward_max = Some(1.0);
    cfg.reward_spike = Some(1.5);
    cfg.state_jump = Some(vec![0.1]);
    let out = scan(cfg, &b);
    let a = col(&out, 0, Detector::ActionBounds);
    assert_eq!(
        (a.count, a.first_step, a.worst_step, a.worst_index),
        (2, 1, 2, 0)
    );
    assert!((a.worst_value - 2.0).abs() < 1e-6);
    let r = col(&out, 0, Detector::RewardAboveMax);
    assert_eq!((r.count, r.first_step), (1, 3));
    let k = col(&out, 0, Detector::RewardSpike);
    assert_eq!((k.count, k.first_step, k.worst_step), (2, 3, 3));
    let j = col(&out, 0, Detector::StateJump);
    // s_4 -> s_5 and s_5 -> s_6 both jump by about 0.95.
    assert_eq!((j.count, j.first_step, j.worst_index), (2, 4, 0));
    assert!(j.worst_value > 9.0);
}

/// A path that runs around a square of four cells, `laps` times, earning `reward` per step.
fn square(laps: usize, reward: f32) -> Batch {
    let corners = [
        (0.05_f32, 0.05_f32),
        (0.95, 0.05),
        (0.95, 0.95),
        (0.05, 0.95),
    ];
    let h = 4 * laps;
    let mut b = Batch::calm(1, h, 2);
    for t in 0..=h {
        let (x, y) = corners[t % 4];
        b.set_state(0, t, 0, x);
        b.set_state(0, t, 1, y);
    }
    b.rewards.fill(reward);
    b
}

fn cycle_cfg(min_rate: f64) -> ScanConfig {
    ScanConfig {
        cycle: Some(CycleSpec {
            origin: vec![0.0; 2],
            width: vec![0.5; 2],
            min_period: 3,
            min_rate,
            min_extent: 1,
        }),
        ..config(2)
    }
}

#[test]
fn reward_farming_loops_are_found() {
    let out = scan(cycle_cfg(0.5), &square(3, 1.0));
    let c = col(&out, 0, Detector::RewardCycle);
    // Laps close at s_4, s_5, ... s_12: nine loops of period 4.
    assert_eq!((c.count, c.first_step, c.worst_index), (9, 3, 0));
    assert!((c.worst_value - 1.0).abs() < 1e-6);
}

#[test]
fn loops_below_the_rate_or_too_short_or_too_small_are_not() {
    assert_eq!(
        col(
            &scan(cycle_cfg(1.0), &square(3, 1.0)),
            0,
            Detector::RewardCycle
        )
        .count,
        0
    );
    let mut short = cycle_cfg(0.5);
    short.cycle.as_mut().unwrap().min_period = 5;
    assert_eq!(
        col(&scan(short, &square(3, 1.0)), 0, Detector::RewardCycle).count,
        0
    );
    let mut small = cycle_cfg(0.5);
    small.cycle.as_mut().unwrap().min_extent = 2;
    assert_eq!(
        col(&scan(small, &square(3, 1.0)), 0, Detector::RewardCycle).count,
        0
    );
    // Staying in one cell is dwelling, not a loop.
    let mut still = Batch::calm(1, 10, 2);
    still.states.fill(0.1);
    still.rewards.fill(5.0);
    assert_eq!(
        col(&scan(cycle_cfg(0.5), &still), 0, Detector::RewardCycle).count,
        0
    );
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let mut b = Batch::calm(64, 30, 2);
    for p in 0..64 {
        b.set_state(p, (p * 7) % 30 + 1, p % 2, 0.3 + p as f32);
        b.uncertainty[p * 30 + p % 30] = p as f32;
    }
    let mut cfg = cycle_cfg(-10.0);
    cfg.uncertainty_threshold = Some(3.0);
    cfg.state_jump = Some(vec![0.2, 0.2]);
    let scanner = NumericScanner::new(cfg).unwrap();
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| scanner.scan(&b.view()).unwrap())
    };
    let one = run(1);
    let four = run(4);
    for (x, y) in one.stats.iter().zip(&four.stats) {
        for (a, c) in x.iter().zip(y) {
            assert_eq!(a.count, c.count);
            assert_eq!(a.first_step, c.first_step);
            assert_eq!(a.worst_step, c.worst_step);
            assert_eq!(a.worst_index, c.worst_index);
            assert_eq!(a.worst_value.to_bits(), c.worst_value.to_bits());
        }
    }
}

#[test]
fn the_step_table_remembers_the_last_visit() {
    let mut t = StepTable::default();
    t.reset(4);
    assert_eq!(t.swap(7, 0), None);
    assert_eq!(t.swap(7 + 16, 1), None);
    assert_eq!(t.swap(7, 2), Some(0));
    assert_eq!(t.swap(7, 3), Some(2));
    t.reset(4);
    assert_eq!(t.swap(7, 0), None);
}

#[test]
fn per_step_invariants_ignore_inherited_drift() {
    // Path 0 drifts off the unit circle slowly (0.02 of the sum of squares a step: 0.08 after
    // four steps); path 1 leaves it in one step (0.3). Per step, only path 1's jump counts;
    // the state check with the same tolerance would catch path 0's accumulated drift too.
    let mut b = Batch::calm(2, 4, 2);
    for t in 0..=4 {
        let r = (1.0_f32 + 0.02 * t as f32).sqrt();
        b.set_state(0, t, 0, r);
        b.set_state(0, t, 1, 0.0);
        b.set_state(1, t, 0, 0.0);
        b.set_state(1, t, 1, if t >= 3 { 1.3_f32.sqrt() } else { 1.0 });
    }
    let mut cfg = config(2);
    cfg.invariants = vec![
        Invariant::NormStep {
            vars: vec![0, 1],
            tolerance: 0.05,
        },
        Invariant::LinearStep {
            terms: vec![(0, 1.0), (1, 1.0)],
            tolerance: 1.0,
        },
    ];
    let out = scan(cfg.clone(), &b);
    assert_eq!(col(&out, 0, Detector::Invariant).count, 0);
    let s = col(&out, 1, Detector::Invariant);
    assert_eq!((s.count, s.first_step, s.worst_index), (1, 2, 0));
    assert!((s.worst_value - (0.3 - 0.05)).abs() < 1e-4);
    // The same tolerance on the state itself flags the drift once it exceeds 0.05.
    cfg.invariants = vec![Invariant::Norm {
        vars: vec![0, 1],
        target: 1.0,
        tolerance: 0.05,
    }];
    let out = scan(cfg, &b);
    assert_eq!(col(&out, 0, Detector::Invariant).first_step, 2);
}
