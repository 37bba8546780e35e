//! Timings of the simulator kernels (`cargo bench -p plasma-core --bench simulator`): one 200 x 200
//! layer through the packed kernel against a GEMM (the table in `src/mlp.rs`), one member's forward
//! pass of the 4 -> 200 -> 200 -> 200 -> 9 `SiLU` MLP at 1..10,000 rows, one planning decision at
//! the PETS `CartPole` size, and 10- and 1000-path x 100-step ensemble rollouts.
//!
//! A plain `harness = false` binary (best of a few runs, `std::time`) keeps criterion and its
//! dependency tree out of the workspace; the numbers go to stdout as a markdown table.

// GEMM letters (x, w, b, k, n) as in the kernels.
#![allow(clippy::many_single_char_names)]

use std::hint::black_box;
use std::time::Instant;

use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut2};
use plasma_core::activation::Activation;
use plasma_core::dynamics::{EnsembleDynamics, EnsembleSpec};
use plasma_core::mlp::{EnsembleMlp, Workspace};
use plasma_core::packed::{dense_packed, PackedWeights};
use plasma_core::planner::{Guides, Planner, PlannerConfig, PlannerKind};
use plasma_core::rng::Rng;
use plasma_core::rollout::{rollout, Driver, MemberMode, RolloutConfig};

/// Best wall time of `runs` calls of `f`, in seconds.
fn best(runs: usize, mut f: impl FnMut()) -> f64 {
    f();
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// The GEMM reference: `out = x @ w + b` through ndarray (matrixmultiply's sgemm).
fn gemm(x: &[f32], rows: usize, k: usize, n: usize, w: &[f32], b: &[f32], out: &mut [f32]) {
    for row in out.chunks_exact_mut(n) {
        row.copy_from_slice(b);
    }
    let a = ArrayView2::from_shape((rows, k), x).expect("x is rows x k");
    let bw = ArrayView2::from_shape((k, n), w).expect("w is k x n");
    let mut c = ArrayViewMut2::from_shape((rows, n), out).expect("out is rows x n");
    general_mat_mul(1.0, &a, &bw, 1.0, &mut c);
}

fn mlp(members: usize, sizes: &[usize], rng: &mut Rng) -> EnsembleMlp {
    let shapes: Vec<(usize, usize, usize)> =
        sizes.windows(2).map(|w| (members, w[0], w[1])).collect();
    let weights: Vec<Vec<f32>> = shapes
        .iter()
        .map(|&(e, i, o)| {
            let scale = 1.0 / (i as f32).sqrt();
            (0..e * i * o).map(|_| rng.normal() * scale).collect()
        })
        .collect();
    let biases: Vec<Vec<f32>> = shapes
        .iter()
        .map(|&(e, _, o)| (0..e * o).map(|_| rng.normal() * 0.1).collect())
        .collect();
    EnsembleMlp::new(&shapes, &weights, &biases, Activation::Silu).expect("valid shapes")
}

fn ensemble(state: usize, rng: &mut Rng) -> EnsembleDynamics {
    let t = state + 1;
    EnsembleDynamics::new(EnsembleSpec {
        mlp: mlp(5, &[state + 1, 200, 200, 200, 2 * t], rng),
        state_dim: state,
        action_dim: 1,
        discrete_actions: None,
        input_mean: vec![0.0; state + 1],
        input_std: vec![1.0; state + 1],
        output_mean: vec![0.0; t],
        output_std: vec![0.1; t],
        max_logvar: vec![0.0; t],
        min_logvar: vec![-5.0; t],
        done_head: false,
        state_low: None,
        state_high: None,
        obs_low: None,
        obs_high: None,
        norm_groups: Vec::new(),
        outcome: None,
    })
    .expect("valid model")
}

fn main() {
    let mut rng = Rng::new(0);
    let threads = rayon::current_num_threads();
    println!("| kernel | size | time | rate |\n|---|---|---:|---:|");

    // One 200 x 200 layer (no activation): the packed kernel against the GEMM.
    let (k, n) = (200, 200);
    let w: Vec<f32> = (0..k * n).map(|_| rng.normal()).collect();
    let b: Vec<f32> = (0..n).map(|_| rng.normal()).collect();
    let packed = PackedWeights::new(&w, &b, k, n);
    for rows in [1usize, 2, 4, 8, 16, 32, 64, 128, 256, 1024] {
        let x: Vec<f32> = (0..rows * k).map(|_| rng.normal()).collect();
        let mut out = vec![0.0; rows * n];
        let runs = (100_000 / rows).clamp(5, 2000);
        let flops = 2.0 * (rows * k * n) as f64;
        let with_gemm = best(runs, || gemm(black_box(&x), rows, k, n, &w, &b, &mut out));
        let pack = best(runs, || {
            dense_packed(black_box(&x), rows, &packed, None, &mut out);
        });
        println!(
            "| layer 200x200, GEMM vs packed kernel (1 thread) | {rows} rows | {:.2} / {:.2} us | {:.0} / {:.0} GFLOP/s |",
            with_gemm * 1e6,
            pack * 1e6,
            flops / with_gemm / 1e9,
            flops / pack / 1e9
        );
    }

    let net = mlp(1, &[4, 200, 200, 200, 9], &mut rng);
    let mut ws = Workspace::default();
    for rows in [1usize, 2, 4, 8, 10, 16, 100, 1000, 10_000] {
        let x: Vec<f32> = (0..rows * 4).map(|_| rng.normal()).collect();
        let mut out = vec![0.0; rows * 9];
        let runs = (20_000 / rows).clamp(3, 200);
        let secs = best(runs, || {
            net.forward_member(0, black_box(&x), rows, &mut ws, &mut out);
        });
        let flops = 2.0 * rows as f64 * (4.0 * 200.0 + 2.0 * 200.0 * 200.0 + 200.0 * 9.0);
        println!(
            "| forward 4-200-200-200-9 SiLU (1 thread) | {rows} rows | {:.1} us | {:.0} GFLOP/s |",
            secs * 1e6,
            flops / secs / 1e9
        );
    }

    let pets = ensemble(4, &mut rng);
    let cfg = PlannerConfig {
        kind: PlannerKind::Cem,
        horizon: 15,
        population: 350,
        particles: 20,
        iterations: 5,
        ..PlannerConfig::default()
    };
    let (low, high) = ([-1.0f32], [1.0f32]);
    let planner = Planner::new(&pets, &cfg, Guides::default(), &low, &high).expect("valid planner");
    let state = [0.0f32; 4];
    let secs = best(3, || {
        let mut memory = planner.memory();
        black_box(planner.decide(&state, &mut memory, 1));
    });
    println!(
        "| plan, CEM 350 x 20 particles x 15 steps x 5 iterations, 5 x 200-200-200 ({threads} threads) | 1 decision | {:.0} ms | {:.0} transitions/s |",
        secs * 1e3,
        (350.0 * 20.0 * 15.0 * 5.0) / secs
    );

    let model = ensemble(3, &mut rng);
    for ((p, h), uncertainty) in [(10, 100), (1000, 100)]
        .into_iter()
        .flat_map(|size| [(size, false), (size, true)])
    {
        let starts: Vec<f32> = (0..p * 3).map(|_| rng.normal()).collect();
        let actions: Vec<f32> = (0..p * h).map(|_| rng.normal().clamp(-2.0, 2.0)).collect();
        let cfg = RolloutConfig {
            horizon: h,
            seed: 0,
            member_mode: MemberMode::PerPath,
            deterministic: false,
            compute_uncertainty: uncertainty,
            action_noise_std: 0.0,
            action_low: None,
            action_high: None,
            shard: None,
        };
        let secs = best(if p < 100 { 20 } else { 3 }, || {
            black_box(rollout(&model, &starts, p, Driver::Actions(&actions), &cfg).expect("ok"));
        });
        println!(
            "| rollout {p} x {h}, 5 x 200-200-200, uncertainty={uncertainty} ({threads} threads) | {} transitions | {:.2} ms | {:.0} transitions/s |",
            p * h,
            secs * 1e3,
            (p * h) as f64 / secs
        );
    }
}
