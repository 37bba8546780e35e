"""Learning benchmark: what ``plasma-train`` learns per real step, against Stable-Baselines3.

    python benches/bench_learning.py                              # 3 seeds, both envs
    python benches/bench_learning.py --seeds 0 1 --envs CartPole-v1
    python benches/bench_learning.py --no-sb3                     # only our loop
    python benches/bench_learning.py --sb3-threshold-budget 50000 # also SB3's steps to threshold
    python benches/bench_learning.py --envs Pendulum-v1 --adapt m=1.3 g=12.0  # adaptation too

For each env and seed it runs ``plasma-train --env ENV --seed S --quiet`` (the defaults, in a
subprocess, like a user would), then ``plasma-eval --episodes 10 --json`` on the deployed
distilled policy (no planner). Real steps to the threshold come from the per-iteration metrics
(the in-loop evaluation of the deployed policy, ``eval_episodes`` episodes after each iteration).

The same harness trains Stable-Baselines3 with the rl-baselines3-zoo hyperparameters (SAC on
Pendulum-v1; DQN and PPO on CartPole-v1) for exactly our real-step budget and evaluates it on the
same 10 episode seeds (deterministic actions). With ``--sb3-threshold-budget N`` it also trains up
to N steps, evaluating every ``--sb3-eval-every`` steps, and reports the steps to the threshold.

``--adapt VARIANT ...`` then adapts each of our runs to each physical variant with
``plasma-train --base RUN --variant VARIANT`` (a LoRA packet per iteration, 1000 further real steps
by default) and evaluates the adapted policy on the variant, next to the base policy on it.

Writes benches/results/learning.json and learning.md. Not a pytest-benchmark file: nothing in it is
collected as a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benches" / "results"
TRAIN = str(ROOT / "scripts" / "train.py")
EVAL = str(ROOT / "scripts" / "eval.py")

THRESHOLDS = {"Pendulum-v1": -200.0, "CartPole-v1": 475.0}
EVAL_SEED = 10_000  # plasma-eval's default: episode k resets with EVAL_SEED + k
SB3_ALGOS = {"Pendulum-v1": ["SAC"], "CartPole-v1": ["DQN", "PPO"]}


# ----------------------------------------------------------------------------------- ours
def train(args: list[str], run_dir: Path) -> float:
    """``plasma-train ARGS --quiet --run-dir RUN_DIR`` in a subprocess (a fresh run directory);
    returns its wall-clock seconds."""
    if run_dir.exists():
        shutil.rmtree(run_dir)
    began = time.perf_counter()
    out = subprocess.run(
        [sys.executable, TRAIN, *args, "--quiet", "--run-dir", str(run_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        command = " ".join(args)
        raise RuntimeError(f"plasma-train {command} failed ({out.returncode}):\n{out.stderr}")
    return time.perf_counter() - began


def evaluate_run(run_dir: Path, episodes: int) -> dict[str, Any]:
    """``plasma-eval --run RUN_DIR --episodes N --json`` in a subprocess: its JSON result."""
    out = subprocess.run(
        [sys.executable, EVAL, "--run", str(run_dir), "--episodes", str(episodes), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"plasma-eval failed ({out.returncode}):\n{out.stderr}")
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def run_plasma(
    env_id: str, seed: int, workdir: Path, episodes: int, reuse: bool = False
) -> dict[str, Any]:
    """``plasma-train`` with its defaults, then ``plasma-eval`` of the deployed policy."""
    run_dir = workdir / f"{env_id}-s{seed}"
    state_file = run_dir / "state.json"
    reused = reuse and state_file.is_file() and json.loads(state_file.read_text())["finished"]
    wall: float | None = None
    if not reused:
        wall = train(["--env", env_id, "--seed", str(seed)], run_dir)
    result = evaluate_run(run_dir, episodes)
    rows = [
        json.loads(line)
        for line in (run_dir / "metrics.jsonl").read_text().splitlines()
        if line.strip()
    ]
    threshold = THRESHOLDS.get(env_id)
    to_threshold = None
    if threshold is not None:
        for row in rows:
            value = row.get("eval_mean_return")
            if value is not None and value >= threshold:
                to_threshold = int(row["real_steps"])
                break
    state = json.loads(state_file.read_text())
    if wall is None:  # a reused run: the sum of its iterations (no process start-up)
        wall = float(sum(r.get("iteration_seconds", 0.0) for r in rows))
    return {
        "algo": "plasma",
        "env": env_id,
        "seed": seed,
        "mean_return": result["mean_return"],
        "std_return": result["std_return"],
        "returns": result["returns"],
        "real_steps": result["real_steps_trained"],
        "eval_steps_in_loop": state.get("eval_steps"),
        "imagined_steps": state.get("imagined_steps"),
        "wall_s": wall,
        "reused_run": bool(reused),
        "steps_to_threshold": to_threshold,
        "curve": [[r["real_steps"], r.get("eval_mean_return")] for r in rows],
    }


def run_adaptation(
    env_id: str, seed: int, variant: str, workdir: Path, episodes: int
) -> dict[str, Any]:
    """``plasma-train --base`` from the seed's run to ``variant``, then both policies on it."""
    from plasma.envs import make_env
    from plasma.train.config import TrainConfig
    from plasma.train.evaluate import evaluate, load_deployed_policy, policy_actor
    from plasma.train.rundir import RunDir

    base = workdir / f"{env_id}-s{seed}"
    run_dir = workdir / f"{env_id}-s{seed}-adapt-{variant.replace('=', '')}"
    wall = train(["--base", str(base), "--variant", variant, "--seed", str(seed)], run_dir)
    adapted = evaluate_run(run_dir, episodes)
    policy, _ = load_deployed_policy(RunDir(base))
    env = make_env(env_id, TrainConfig(env=env_id, variant=variant).variant, seed=seed)
    before = evaluate(env, policy_actor(policy), episodes, seed=EVAL_SEED)
    env.close()
    return {
        "env": env_id,
        "seed": seed,
        "variant": variant,
        "base_policy_return": before.mean_return,
        "mean_return": adapted["mean_return"],
        "std_return": adapted["std_return"],
        "further_real_steps": adapted["real_steps_trained"],
        "wall_s": wall,
    }


# ----------------------------------------------------------------------------------- SB3
def _linear(start: float) -> Callable[[float], float]:
    def schedule(progress_remaining: float) -> float:
        return progress_remaining * start

    return schedule


def make_sb3(algo: str, env_id: str, seed: int) -> Any:
    """An SB3 model with the zoo hyperparameters, logging nowhere.

    Left to itself, every ``learn`` call makes an empty ``SB3-<date>`` folder in the temp dir.
    """
    from stable_baselines3.common.logger import Logger

    model = _zoo_sb3(algo, env_id, seed)
    model.set_logger(Logger(folder=None, output_formats=[]))
    return model


def _zoo_sb3(algo: str, env_id: str, seed: int) -> Any:
    """An SB3 model with the rl-baselines3-zoo hyperparameters of ``algo`` on ``env_id``."""
    import gymnasium as gym
    from stable_baselines3 import DQN, PPO, SAC
    from stable_baselines3.common.env_util import make_vec_env

    if algo == "SAC" and env_id == "Pendulum-v1":
        # zoo sac.yml: Pendulum-v1 (n_timesteps 20000)
        return SAC("MlpPolicy", gym.make(env_id), learning_rate=1e-3, seed=seed, verbose=0)
    if algo == "DQN" and env_id == "CartPole-v1":
        # zoo dqn.yml: CartPole-v1 (n_timesteps 5e4)
        return DQN(
            "MlpPolicy",
            gym.make(env_id),
            learning_rate=2.3e-3,
            batch_size=64,
            buffer_size=100_000,
            learning_starts=1000,
            gamma=0.99,
            target_update_interval=10,
            train_freq=256,
            gradient_steps=128,
            exploration_fraction=0.16,
            exploration_final_eps=0.04,
            policy_kwargs={"net_arch": [256, 256]},
            seed=seed,
            verbose=0,
        )
    if algo == "PPO" and env_id == "CartPole-v1":
        # zoo ppo.yml: CartPole-v1 (n_envs 8, n_timesteps 1e5)
        return PPO(
            "MlpPolicy",
            make_vec_env(env_id, n_envs=8, seed=seed),
            n_steps=32,
            batch_size=256,
            gae_lambda=0.8,
            gamma=0.98,
            n_epochs=20,
            ent_coef=0.0,
            learning_rate=_linear(1e-3),
            clip_range=_linear(0.2),
            seed=seed,
            verbose=0,
        )
    raise ValueError(f"no zoo hyperparameters here for {algo} on {env_id}")


def evaluate_sb3(model: Any, env_id: str, episodes: int) -> list[float]:
    """Returns of ``episodes`` deterministic episodes (episode k reset with EVAL_SEED + k)."""
    import gymnasium as gym

    env = gym.make(env_id)
    returns = []
    try:
        for k in range(episodes):
            obs, _ = env.reset(seed=EVAL_SEED + k)
            total, done = 0.0, False
            while not done:
                action, _ = model.predict(obs, deterministic=True)
                obs, reward, terminated, truncated, _ = env.step(action)
                total += float(reward)
                done = bool(terminated or truncated)
            returns.append(total)
    finally:
        env.close()
    return returns


def run_sb3(
    algo: str,
    env_id: str,
    seed: int,
    budget: int,
    episodes: int,
    threshold_budget: int,
    eval_every: int,
) -> dict[str, Any]:
    """SB3 ``algo`` trained for ``budget`` real steps; optionally steps to the threshold."""
    import torch

    torch.set_num_threads(1)  # small networks: more threads only add contention
    model = make_sb3(algo, env_id, seed)
    began = time.perf_counter()
    model.learn(total_timesteps=budget)
    wall = time.perf_counter() - began
    returns = evaluate_sb3(model, env_id, episodes)
    record: dict[str, Any] = {
        "algo": algo,
        "env": env_id,
        "seed": seed,
        "mean_return": float(np.mean(returns)),
        "std_return": float(np.std(returns)),
        "returns": returns,
        "real_steps": int(model.num_timesteps),
        "wall_s": wall,
        "steps_to_threshold": None,
        "threshold_budget": None,
    }
    threshold = THRESHOLDS.get(env_id)
    if threshold_budget > 0 and threshold is not None:
        # A fresh model trained in chunks, evaluated (5 episodes, like the loop) after each.
        model = make_sb3(algo, env_id, seed)
        record["threshold_budget"] = threshold_budget
        while model.num_timesteps < threshold_budget:
            model.learn(total_timesteps=eval_every, reset_num_timesteps=False)
            if float(np.mean(evaluate_sb3(model, env_id, 5))) >= threshold:
                record["steps_to_threshold"] = int(model.num_timesteps)
                break
    return record


# ----------------------------------------------------------------------------------- report
def summarize(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for rec in records:
        groups.setdefault((rec["env"], rec["algo"]), []).append(rec)
    out = []
    for (env_id, algo), recs in groups.items():
        means = [r["mean_return"] for r in recs]
        reached = [r["steps_to_threshold"] for r in recs if r["steps_to_threshold"] is not None]
        out.append(
            {
                "env": env_id,
                "algo": algo,
                "seeds": [r["seed"] for r in recs],
                "mean_return": float(np.mean(means)),
                "std_return_over_seeds": float(np.std(means)),
                "per_seed_return": means,
                "real_steps": [r["real_steps"] for r in recs],
                "wall_s_mean": float(np.mean([r["wall_s"] for r in recs])),
                "threshold": THRESHOLDS.get(env_id),
                "seeds_at_threshold": int(
                    sum(m >= THRESHOLDS.get(env_id, float("inf")) for m in means)
                ),
                "steps_to_threshold": [r["steps_to_threshold"] for r in recs],
                "steps_to_threshold_mean": float(np.mean(reached)) if reached else None,
            }
        )
    return out


def markdown(
    summary: list[dict[str, Any]], meta: dict[str, Any], adaptation: list[dict[str, Any]]
) -> str:
    lines = [
        "# Learning benchmark",
        "",
        f"{meta['created']} · {meta['machine']} · seeds {meta['seeds']} · "
        f"{meta['episodes']} evaluation episodes (seeds {EVAL_SEED}+k) per run",
        "",
        "Return: the trained policy (ours: the deployed distilled policy, no planner) over the "
        "evaluation episodes, mean ± std over seeds of the per-seed means. SB3 is trained for our "
        "real-step budget with rl-baselines3-zoo hyperparameters. Steps to threshold: ours from "
        "the in-loop evaluation after each iteration; SB3 only with --sb3-threshold-budget "
        "('-': not reached or not measured).",
        "",
        "| env | algorithm | return (mean ± std over seeds) | per seed | seeds ≥ threshold "
        "| real steps | steps to threshold | wall-clock per run |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in summary:
        per_seed = ", ".join(f"{v:.1f}" for v in s["per_seed_return"])
        steps = ", ".join("-" if v is None else str(v) for v in s["steps_to_threshold"])
        real = ", ".join(str(v) for v in sorted(set(s["real_steps"])))
        lines.append(
            f"| {s['env']} | {s['algo']} | {s['mean_return']:.1f} ± "
            f"{s['std_return_over_seeds']:.1f} | {per_seed} | {s['seeds_at_threshold']}/"
            f"{len(s['seeds'])} (≥ {s['threshold']}) | {real} | {steps} | "
            f"{s['wall_s_mean']:.0f} s |"
        )
    if adaptation:
        lines += [
            "",
            "## Adaptation (`plasma-train --base RUN --variant V`)",
            "",
            "Each seed's run adapted to the variant with LoRA packets; both the base policy and "
            "the adapted one evaluated on the variant.",
            "",
            "| env | variant | base policy on the variant | adapted (mean ± std over seeds) "
            "| per seed | seeds ≥ threshold | further real steps | wall-clock per run |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for variant in sorted({a["variant"] for a in adaptation}):
            recs = [a for a in adaptation if a["variant"] == variant]
            env_id = recs[0]["env"]
            means = [a["mean_return"] for a in recs]
            threshold = THRESHOLDS.get(env_id, float("inf"))
            lines.append(
                f"| {env_id} | {variant} | "
                f"{np.mean([a['base_policy_return'] for a in recs]):.1f} | "
                f"{np.mean(means):.1f} ± {np.std(means):.1f} | "
                f"{', '.join(f'{m:.1f}' for m in means)} | "
                f"{sum(m >= threshold for m in means)}/{len(recs)} (≥ {threshold}) | "
                f"{', '.join(str(v) for v in sorted({a['further_real_steps'] for a in recs}))} | "
                f"{np.mean([a['wall_s'] for a in recs]):.0f} s |"
            )
    if meta.get("notes"):
        lines += ["", f"Notes: {meta['notes']}"]
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--envs", nargs="+", default=list(THRESHOLDS))
    parser.add_argument("--episodes", type=int, default=10, help="Evaluation episodes per run.")
    parser.add_argument("--no-sb3", action="store_true", help="Skip Stable-Baselines3.")
    parser.add_argument("--no-plasma", action="store_true", help="Skip our loop.")
    parser.add_argument(
        "--budget",
        type=int,
        default=None,
        help="SB3's step budget (default: the real steps our run used, else 2400).",
    )
    parser.add_argument(
        "--sb3-threshold-budget",
        type=int,
        default=0,
        help="Also train SB3 up to this many steps and report its steps to the threshold "
        "(0: skip; minutes per run).",
    )
    parser.add_argument("--sb3-eval-every", type=int, default=2000)
    parser.add_argument("--workdir", type=Path, default=None, help="Where runs go (default: tmp).")
    parser.add_argument("--out", type=Path, default=RESULTS, help="Results directory.")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Evaluate finished runs already in --workdir instead of training them again "
        "(wall-clock: the sum of their iterations).",
    )
    parser.add_argument(
        "--adapt",
        nargs="+",
        default=[],
        metavar="VARIANT",
        help="Also adapt each of our runs to these variants with --base (e.g. m=1.3 g=12.0).",
    )
    parser.add_argument("--notes", default="", help="A note added to the markdown report.")
    parser.add_argument(
        "--merge",
        action="store_true",
        help="Keep the runs already in learning.json that this invocation does not redo.",
    )
    args = parser.parse_args(argv)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="plasma-learning-"))
    workdir.mkdir(parents=True, exist_ok=True)
    records: list[dict[str, Any]] = []
    for env_id in args.envs:
        for seed in args.seeds:
            budget = args.budget
            if not args.no_plasma:
                rec = run_plasma(env_id, seed, workdir, args.episodes, args.reuse)
                records.append(rec)
                print(
                    f"plasma {env_id} seed {seed}: {rec['mean_return']:.1f} ± "
                    f"{rec['std_return']:.1f} after {rec['real_steps']} real steps "
                    f"({rec['wall_s']:.0f} s; threshold at {rec['steps_to_threshold']})",
                    flush=True,
                )
                budget = budget or rec["real_steps"]
            if args.no_sb3:
                continue
            for algo in SB3_ALGOS.get(env_id, []):
                rec = run_sb3(
                    algo,
                    env_id,
                    seed,
                    budget or 2400,
                    args.episodes,
                    args.sb3_threshold_budget,
                    args.sb3_eval_every,
                )
                records.append(rec)
                print(
                    f"{algo} {env_id} seed {seed}: {rec['mean_return']:.1f} ± "
                    f"{rec['std_return']:.1f} after {rec['real_steps']} real steps "
                    f"({rec['wall_s']:.0f} s; threshold at {rec['steps_to_threshold']})",
                    flush=True,
                )
    meta = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}",
        "seeds": args.seeds,
        "envs": args.envs,
        "episodes": args.episodes,
        "sb3_threshold_budget": args.sb3_threshold_budget,
        "notes": args.notes,
    }
    adaptation: list[dict[str, Any]] = []
    for env_id in args.envs:
        for seed in args.seeds:
            for variant in args.adapt:
                rec = run_adaptation(env_id, seed, variant, workdir, args.episodes)
                adaptation.append(rec)
                print(
                    f"adapt {env_id} seed {seed} to {variant}: {rec['mean_return']:.1f} "
                    f"(base policy {rec['base_policy_return']:.1f}) after "
                    f"{rec['further_real_steps']} further real steps ({rec['wall_s']:.0f} s)",
                    flush=True,
                )
    result_file = args.out / "learning.json"
    if args.merge and result_file.is_file():
        previous = json.loads(result_file.read_text())
        done = {(r["env"], r["algo"], r["seed"]) for r in records}
        old = previous.get("runs", [])
        kept = [r for r in old if (r["env"], r["algo"], r["seed"]) not in done]
        records = kept + records
        redone = {(a["env"], a["seed"], a["variant"]) for a in adaptation}
        adaptation = [
            a
            for a in previous.get("adaptation", [])
            if (a["env"], a["seed"], a["variant"]) not in redone
        ] + adaptation
        meta["notes"] = meta["notes"] or previous.get("meta", {}).get("notes", "")
        meta["seeds"] = sorted({r["seed"] for r in records})
        meta["envs"] = sorted({r["env"] for r in records})
    records.sort(key=lambda r: (r["env"], r["algo"] != "plasma", r["algo"], r["seed"]))
    summary = summarize(records)
    args.out.mkdir(parents=True, exist_ok=True)
    result_file.write_text(
        json.dumps(
            {"meta": meta, "summary": summary, "runs": records, "adaptation": adaptation},
            indent=2,
        )
        + "\n"
    )
    report = markdown(summary, meta, adaptation)
    (args.out / "learning.md").write_text(report)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
