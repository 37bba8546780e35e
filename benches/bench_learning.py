"""Learning benchmark: what ``plasma-train`` learns per real step, against Stable-Baselines3.

    python benches/bench_learning.py --envs Acrobot-v1 --seeds 0     # one env, one seed
    python benches/bench_learning.py                                 # the whole suite, 3 seeds
    python benches/bench_learning.py --envs Pendulum-v1 --quick      # smoke test, tiny budgets
    python benches/bench_learning.py --envs Pendulum-v1 --no-sb3 --adapt m=1.3 g=12.0
    python benches/bench_learning.py --render                        # only redo learning.md

The suite (SUITE below, from issue 16) gives each env a real-step budget, a goal (the mean return
of 10 evaluation episodes of the deployed policy) and a wall-clock limit per run.

Plasma is run exactly as a user would: in a fresh working directory, ``plasma-train --env ENV
--real-steps N --seed S`` with no other flag, then ``plasma-eval --episodes 10 --json`` there (the
most recent run under ./runs: the deployed distilled policy, no planner, episode k reset with
seed 10000 + k). Wall-clock per run is the ``plasma-train`` process's. Real steps to the goal come
from the run's per-iteration metrics (the in-loop evaluation of the deployed policy). The run's
metrics also give where its time went: each stage's seconds as a share of the process's
wall-clock, the untimed rest inside the iterations, and the time outside any iteration (process
start-up, imports, env check, final report).

Next to it, Stable-Baselines3 with the rl-baselines3-zoo hyperparameters of the env (DQN for a
Discrete action space, SAC for a Box one; ``--sb3-algos`` to choose) is trained for Plasma's
real-step budget and evaluated on the same 10 episode seeds (deterministic actions). A second,
fresh SB3 model is trained toward the goal, evaluated on 5 episodes (like the training loop's
``eval_episodes``) every ``--sb3-eval-every`` steps, up to ``--sb3-cap-factor`` times the budget
or ``--sb3-time-limit`` minutes, whichever comes first: its real steps to the goal, or "not
reached by N".

``--adapt VARIANT ...`` then adapts each Plasma run to each physical variant with ``plasma-train
--base RUN --variant VARIANT`` and evaluates the adapted policy on the variant, next to the base
policy on it.

Results are merged into benches/results/learning.json and learning.md after every run (a run
replaces the earlier one of the same env, algorithm, seed and budget; everything else is kept,
each with its date; under a lock, re-reading the files first, so that invocations may run side by
side), so the suite can be run one env and seed at a time. ``--quick`` writes to the
working directory instead, unless ``--out`` is given.

Exit status: 0 when every Plasma run of this invocation reached its goal, 1 when one did not
(``--quick`` runs are not held to the goal), a traceback when a command failed.

Not a pytest-benchmark file: nothing in it is collected as a test.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benches" / "results"


@dataclass(frozen=True)
class Task:
    budget: int
    """Real environment steps for training."""
    goal: float
    """Mean return of 10 evaluation episodes the deployed policy must reach."""
    time_limit_s: float
    """Wall-clock a Plasma run may take on 2 cores."""


# Issue 16's suite: a development set (the product is judged on envs it does not name).
SUITE: dict[str, Task] = {
    "Pendulum-v1": Task(3_000, -200.0, 600.0),
    "CartPole-v1": Task(3_000, 475.0, 600.0),
    "Acrobot-v1": Task(5_000, -100.0, 600.0),
    "MountainCar-v0": Task(10_000, -110.0, 600.0),
    "InvertedPendulum-v5": Task(5_000, 950.0, 600.0),
    "Reacher-v5": Task(10_000, -6.0, 600.0),
    "HalfCheetah-v5": Task(50_000, 2_500.0, 5_400.0),
}
# --quick, a smoke test of the harness (not held to the goal): real steps of every run, and the
# one flag Plasma gets beyond a user's (fewer iterations than its derived schedule: minutes less).
QUICK_STEPS = 400
QUICK_PLASMA_FLAGS = ("--iterations", "2")
EVAL_SEED = 10_000  # plasma-eval's default: episode k resets with EVAL_SEED + k
THRESHOLD_EPISODES = 5  # SB3's evaluations on the way to the goal (the loop's eval_episodes)

# Stages of a training iteration, as the loop times them in metrics.jsonl ("<stage>_seconds").
# They run one after the other; "label" contains "simulate" and "audit" (and the DAgger relabels).
STAGES = ("collect", "fit", "imagine", "label", "value", "distill", "eval")
LABEL_PARTS = ("simulate", "audit")


# ----------------------------------------------------------------------------------- helpers
def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def below_goal(mean_return: float, goal: float | None) -> bool:
    """True when a run missed its goal (no goal: never)."""
    return goal is not None and not mean_return >= goal


def steps_to_goal(rows: Iterable[dict[str, Any]], goal: float | None) -> int | None:
    """Real steps after the first iteration whose in-loop evaluation reached ``goal`` (real
    evaluations only: an imagined return is the model's, not the env's)."""
    if goal is None:
        return None
    for row in rows:
        value = None if row.get("eval_imagined") else row.get("eval_mean_return")
        if value is not None and value >= goal:
            return int(row["real_steps"])
    return None


def time_breakdown(rows: list[dict[str, Any]], wall_s: float) -> dict[str, Any]:
    """Where a run's ``wall_s`` went, from its metrics rows: seconds and shares of ``wall_s``.

    The stages of STAGES are disjoint but for "fit" and "value", which run side by side (in each
    iteration the shorter of the two overlaps the longer; their shares add up to more than the
    time they took together); "label" is split into its LABEL_PARTS and the rest
    ("label_other": the DAgger relabels). "untimed_in_iterations" is what the iterations took
    beyond their stages (building the simulator, the audit of the policy's paths, the commit),
    "outside_iterations" what the process took beyond its iterations (start-up, imports, env
    check, final report). Keys ending in "_seconds" that none of this knows are listed, not
    counted (a loop that times a new stage shows up there).
    """

    def total(key: str) -> float:
        return float(sum(float(r.get(key) or 0.0) for r in rows))

    seconds = {stage: total(f"{stage}_seconds") for stage in STAGES}
    parts = {part: total(f"{part}_seconds") for part in LABEL_PARTS}
    if not any("label_seconds" in r for r in rows):  # a loop without a label stage
        seconds["label"] = sum(parts.values())
    iterations = total("iteration_seconds")
    detail = dict(seconds)
    detail.pop("label")
    detail.update({f"label_{p}": s for p, s in parts.items()})
    detail["label_other"] = max(0.0, seconds["label"] - sum(parts.values()))
    overlap = sum(
        min(float(r.get("fit_seconds") or 0), float(r.get("value_seconds") or 0)) for r in rows
    )
    detail["untimed_in_iterations"] = max(0.0, iterations - sum(seconds.values()) + overlap)
    detail["outside_iterations"] = max(0.0, wall_s - iterations)
    known = {f"{k}_seconds" for k in (*STAGES, *LABEL_PARTS, "iteration")}
    unknown = sorted({k for r in rows for k in r if k.endswith("_seconds") and k not in known})
    return {
        "wall_s": wall_s,
        "iterations_s": iterations,
        "seconds": detail,
        "share": {k: (v / wall_s if wall_s > 0 else 0.0) for k, v in detail.items()},
        "unclassified": unknown,
    }


def run_key(rec: dict[str, Any]) -> tuple[Any, ...]:
    return (rec["env"], rec["algo"], rec["seed"], rec.get("budget"), bool(rec.get("quick")))


def adaptation_key(rec: dict[str, Any]) -> tuple[Any, ...]:
    return (rec["env"], rec["seed"], rec["variant"], rec.get("budget"))


def merge(
    old: list[dict[str, Any]], new: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any]
) -> list[dict[str, Any]]:
    """``old`` without the records ``new`` redoes (same key), then ``new``."""
    redone = {key(r) for r in new}
    return [r for r in old if key(r) not in redone] + list(new)


def upgrade_legacy(payload: dict[str, Any]) -> dict[str, Any]:
    """A learning.json written before records carried their date and budget: each record gets
    the file's date, and its budget (Plasma: the real steps it trained on; SB3: the budget of
    the Plasma run it was compared with, the real steps it trained on when there is none)."""
    meta = payload.get("meta", {})
    created = meta.get("created")
    runs = payload.get("runs", [])
    plasma_budget = {r["env"]: r["real_steps"] for r in runs if r["algo"] == "plasma"}
    for rec in runs:
        rec.setdefault("date", created)
        if "budget" not in rec:
            own = rec["real_steps"] if rec["algo"] == "plasma" else None
            rec["budget"] = own or plasma_budget.get(rec["env"], rec["real_steps"])
    for rec in payload.get("adaptation", []):
        rec.setdefault("date", created)
        rec.setdefault("budget", plasma_budget.get(rec["env"]))
    notes = payload.get("notes", meta.get("notes", []))
    if isinstance(notes, str):
        notes = [{"date": created, "text": notes}] if notes else []
    return {"runs": runs, "adaptation": payload.get("adaptation", []), "notes": notes}


# ----------------------------------------------------------------------------------- Plasma
def plasma_command(name: str) -> list[str]:
    """``plasma-train`` / ``plasma-eval``: the console script installed beside this interpreter,
    else the same entry point through scripts/ (a checkout built with --skip-install)."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return [str(beside)]
    return [sys.executable, str(ROOT / "scripts" / f"{name.removeprefix('plasma-')}.py")]


def _finished_run(runs: Path) -> Path | None:
    if not runs.is_dir():
        return None
    for run in sorted(runs.iterdir()):
        state = run / "state.json"
        if state.is_file() and json.loads(state.read_text()).get("finished"):
            return run
    return None


def _tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _children_cpu_s() -> float:
    """CPU seconds (user + system) of the finished child processes so far: a run's share of the
    cores, which other work on the machine does not inflate as it does the wall-clock."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_plasma(
    env_id: str,
    seed: int,
    budget: int,
    workdir: Path,
    episodes: int,
    reuse: bool,
    extra: Iterable[str] = (),
) -> tuple[dict[str, Any], Path]:
    """A user's run in a fresh working directory: train, then evaluate; the record and the run.
    ``extra``: flags beyond the user's (--quick only)."""
    home = workdir / f"{env_id}-s{seed}-n{budget}"  # the user's working directory
    args = ["--env", env_id, "--real-steps", str(budget), "--seed", str(seed), *extra]
    run_dir = _finished_run(home / "runs") if reuse else None
    wall: float | None = None
    cpu: float | None = None
    if run_dir is None:
        if home.exists():
            shutil.rmtree(home)
        home.mkdir(parents=True)
        log = home / "plasma-train.log"
        began, cpu_began = time.perf_counter(), _children_cpu_s()
        with log.open("w") as sink:
            status = subprocess.run(
                [*plasma_command("plasma-train"), *args],
                cwd=home,
                stdout=sink,
                stderr=subprocess.STDOUT,
                check=False,
            ).returncode
        wall = time.perf_counter() - began
        cpu = _children_cpu_s() - cpu_began
        if status != 0:
            raise RuntimeError(
                f"plasma-train {' '.join(args)} failed ({status}); the end of {log}:\n{_tail(log)}"
            )
        run_dir = _finished_run(home / "runs")
        if run_dir is None:
            raise RuntimeError(f"plasma-train {' '.join(args)} left no finished run in {home}")
    out = subprocess.run(
        [*plasma_command("plasma-eval"), "--episodes", str(episodes), "--json"],
        cwd=home,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"plasma-eval failed ({out.returncode}):\n{out.stderr}")
    result: dict[str, Any] = json.loads(out.stdout)
    if (home / result["run"]).resolve() != run_dir.resolve():
        raise RuntimeError(f"plasma-eval evaluated {result['run']}, not {run_dir}")
    rows = [
        json.loads(line)
        for line in (run_dir / "metrics.jsonl").read_text().splitlines()
        if line.strip()
    ]
    state = json.loads((run_dir / "state.json").read_text())
    reused = wall is None
    if wall is None:  # a reused run: the sum of its iterations (no process start-up)
        wall = float(sum(r.get("iteration_seconds", 0.0) for r in rows))
    goal = SUITE[env_id].goal if env_id in SUITE else None
    record = {
        "algo": "plasma",
        "env": env_id,
        "seed": seed,
        "budget": budget,
        "date": now(),
        "command": "plasma-train " + " ".join(args),
        "mean_return": result["mean_return"],
        "std_return": result["std_return"],
        "returns": result["returns"],
        "terminated_rate": result.get("terminated_rate"),
        "real_steps": result["real_steps_trained"],
        "iterations": result.get("iterations"),
        "eval_steps_in_loop": state.get("eval_steps"),
        "imagined_steps": state.get("imagined_steps"),
        "wall_s": wall,
        "cpu_s": cpu,
        "reused_run": reused,
        "goal": goal,
        "steps_to_threshold": steps_to_goal(rows, goal),
        "eval_imagined": any(r.get("eval_imagined") for r in rows),
        "time": time_breakdown(rows, wall),
        "audit_pass_rate": [r.get("audit_pass_rate") for r in rows],
        "curve": [[r["real_steps"], r.get("eval_mean_return")] for r in rows],
    }
    return record, run_dir


def run_adaptation(
    env_id: str, seed: int, budget: int, base: Path, variant: str, workdir: Path, episodes: int
) -> dict[str, Any]:
    """``plasma-train --base`` from the seed's run to ``variant``, then both policies on it."""
    from plasma.envs import make_env
    from plasma.train.config import TrainConfig
    from plasma.train.evaluate import evaluate, load_deployed_policy, policy_actor
    from plasma.train.rundir import RunDir

    run_dir = workdir / f"{env_id}-s{seed}-n{budget}-adapt-{variant.replace('=', '')}"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    args = ["--base", str(base), "--variant", variant, "--seed", str(seed)]
    began = time.perf_counter()
    out = subprocess.run(
        [*plasma_command("plasma-train"), *args, "--quiet", "--run-dir", str(run_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - began
    if out.returncode != 0:
        raise RuntimeError(
            f"plasma-train {' '.join(args)} failed ({out.returncode}):\n{out.stderr}"
        )
    n = str(episodes)
    evaluated = subprocess.run(
        [*plasma_command("plasma-eval"), "--run", str(run_dir), "--json", "--episodes", n],
        capture_output=True,
        text=True,
        check=False,
    )
    if evaluated.returncode != 0:
        raise RuntimeError(f"plasma-eval failed ({evaluated.returncode}):\n{evaluated.stderr}")
    adapted = json.loads(evaluated.stdout)
    policy, _ = load_deployed_policy(RunDir(base))
    env = make_env(env_id, TrainConfig(env=env_id, variant=variant).variant, seed=seed)
    before = evaluate(env, policy_actor(policy), episodes, seed=EVAL_SEED)
    env.close()
    return {
        "env": env_id,
        "seed": seed,
        "budget": budget,
        "variant": variant,
        "date": now(),
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


# rl-baselines3-zoo hyperparameters (hyperparams/dqn.yml, sac.yml, ppo.yml) of the reference.
_ZOO_DQN_CLASSIC = {  # dqn.yml: Acrobot-v1 (1e5 steps; LunarLander-v2 has the same)
    "learning_rate": 6.3e-4,
    "batch_size": 128,
    "buffer_size": 50_000,
    "learning_starts": 0,
    "gamma": 0.99,
    "target_update_interval": 250,
    "train_freq": 4,
    "gradient_steps": -1,
    "exploration_fraction": 0.12,
    "exploration_final_eps": 0.1,
    "policy_kwargs": {"net_arch": [256, 256]},
}
ZOO: dict[tuple[str, str], dict[str, Any]] = {
    ("SAC", "Pendulum-v1"): {"learning_rate": 1e-3},  # 20,000 steps
    ("DQN", "CartPole-v1"): {  # 5e4 steps
        "learning_rate": 2.3e-3,
        "batch_size": 64,
        "buffer_size": 100_000,
        "learning_starts": 1000,
        "gamma": 0.99,
        "target_update_interval": 10,
        "train_freq": 256,
        "gradient_steps": 128,
        "exploration_fraction": 0.16,
        "exploration_final_eps": 0.04,
        "policy_kwargs": {"net_arch": [256, 256]},
    },
    ("DQN", "Acrobot-v1"): _ZOO_DQN_CLASSIC,
    ("DQN", "MountainCar-v0"): {  # 1.2e5 steps
        "learning_rate": 4e-3,
        "batch_size": 128,
        "buffer_size": 10_000,
        "learning_starts": 1000,
        "gamma": 0.98,
        "target_update_interval": 600,
        "train_freq": 16,
        "gradient_steps": 8,
        "exploration_fraction": 0.2,
        "exploration_final_eps": 0.07,
        "policy_kwargs": {"net_arch": [256, 256]},
    },
}
ZOO_MUJOCO_LEARNING_STARTS = 10_000  # sac.yml's MuJoCo defaults: SB3's SAC, 10,000 random steps


def sb3_hyperparameters(algo: str, env_id: str, budget: int) -> dict[str, Any]:
    """The zoo's hyperparameters of ``algo`` on ``env_id``; for an env the zoo does not tune,
    its MuJoCo defaults (SAC: SB3's defaults after random steps, here at most a fifth of the
    budget, so that SAC learns at all within a budget below the zoo's 10,000) or SB3's own."""
    if (algo, env_id) in ZOO:
        return dict(ZOO[(algo, env_id)])
    if algo == "SAC":
        return {"learning_starts": min(ZOO_MUJOCO_LEARNING_STARTS, budget // 5)}
    return {}


def default_sb3_algos(env_id: str) -> list[str]:
    """DQN for a Discrete action space, SAC for a Box one."""
    import gymnasium as gym

    env = gym.make(env_id)
    discrete = isinstance(env.action_space, gym.spaces.Discrete)
    env.close()
    return ["DQN"] if discrete else ["SAC"]


def make_sb3(algo: str, env_id: str, seed: int, budget: int) -> Any:
    """An SB3 model with the zoo hyperparameters, logging nowhere (left to itself, every
    ``learn`` call makes an empty ``SB3-<date>`` folder in the temp dir)."""
    import gymnasium as gym
    from stable_baselines3 import DQN, PPO, SAC
    from stable_baselines3.common.env_util import make_vec_env
    from stable_baselines3.common.logger import Logger

    if algo == "PPO" and env_id == "CartPole-v1":
        # zoo ppo.yml: CartPole-v1 (n_envs 8, n_timesteps 1e5)
        model: Any = PPO(
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
    else:
        classes = {"DQN": DQN, "SAC": SAC, "PPO": PPO}
        kwargs = sb3_hyperparameters(algo, env_id, budget)
        model = classes[algo]("MlpPolicy", gym.make(env_id), seed=seed, verbose=0, **kwargs)
    model.set_logger(Logger(folder=None, output_formats=[]))
    return model


def evaluate_sb3(model: Any, env_id: str, episodes: int) -> list[float]:
    """Returns of ``episodes`` deterministic episodes (episode k reset with EVAL_SEED + k)."""
    import gymnasium as gym

    returns = []
    with gym.make(env_id) as env:
        for k in range(episodes):
            obs, _ = env.reset(seed=EVAL_SEED + k)
            total, done = 0.0, False
            while not done:
                action, _ = model.predict(obs, deterministic=True)
                obs, reward, terminated, truncated, _ = env.step(action)
                total += float(reward)
                done = bool(terminated or truncated)
            returns.append(total)
    return returns


def sb3_to_goal(
    algo: str,
    env_id: str,
    seed: int,
    budget: int,
    goal: float,
    cap: int,
    eval_every: int,
    time_limit_s: float,
) -> dict[str, Any]:
    """A fresh SB3 model trained for ``cap`` steps (its schedules span them), evaluated on
    THRESHOLD_EPISODES episodes every ``eval_every`` steps, stopped at the goal or after
    ``time_limit_s``."""
    from stable_baselines3.common.callbacks import BaseCallback

    class UntilGoal(BaseCallback):
        def __init__(self) -> None:
            super().__init__()
            self.next_eval = eval_every
            self.deadline = time.perf_counter() + time_limit_s
            self.reached: int | None = None
            self.timed_out = False
            self.evaluations: list[list[float]] = []

        def _on_step(self) -> bool:
            if self.num_timesteps >= self.next_eval:
                self.next_eval += eval_every
                mean = float(np.mean(evaluate_sb3(self.model, env_id, THRESHOLD_EPISODES)))
                self.evaluations.append([self.num_timesteps, mean])
                if mean >= goal:
                    self.reached = self.num_timesteps
                    return False
            if time.perf_counter() > self.deadline:
                self.timed_out = True
                return False
            return True

    model = make_sb3(algo, env_id, seed, budget)
    until = UntilGoal()
    began = time.perf_counter()
    model.learn(total_timesteps=cap, callback=until)
    trained = int(model.num_timesteps)
    stop = "goal" if until.reached is not None else "time limit" if until.timed_out else "cap"
    return {
        "steps_to_threshold": until.reached,
        "threshold_cap": cap,
        "threshold_trained_steps": trained,
        "threshold_stop": stop,
        "threshold_time_limit_s": time_limit_s,
        "threshold_wall_s": time.perf_counter() - began,
        "threshold_curve": until.evaluations,
    }


def run_sb3(
    algo: str,
    env_id: str,
    seed: int,
    budget: int,
    episodes: int,
    quick: bool,
    to_goal: dict[str, Any] | None,
) -> dict[str, Any]:
    """SB3 ``algo`` trained for ``budget`` real steps; to the goal when ``to_goal`` says how."""
    import torch

    torch.set_num_threads(1)  # small networks: more threads only add contention
    model = make_sb3(algo, env_id, seed, budget)
    began = time.perf_counter()
    model.learn(total_timesteps=budget)
    wall = time.perf_counter() - began
    returns = evaluate_sb3(model, env_id, episodes)
    goal = SUITE[env_id].goal if env_id in SUITE else None
    record: dict[str, Any] = {
        "algo": algo,
        "env": env_id,
        "seed": seed,
        "budget": budget,
        "quick": quick,
        "date": now(),
        "hyperparameters": "zoo ppo.yml"
        if algo == "PPO"
        else json.dumps(sb3_hyperparameters(algo, env_id, budget)),
        "mean_return": float(np.mean(returns)),
        "std_return": float(np.std(returns)),
        "returns": returns,
        "real_steps": int(model.num_timesteps),
        "wall_s": wall,
        "goal": goal,
        "steps_to_threshold": None,
        "threshold_cap": None,
    }
    if to_goal is not None and goal is not None:
        record.update(sb3_to_goal(algo, env_id, seed, budget, goal, **to_goal))
    return record


# ----------------------------------------------------------------------------------- report
def _date_range(recs: list[dict[str, Any]]) -> str:
    days = sorted({str(r.get("date") or "?")[:10] for r in recs})
    return days[0] if len(days) == 1 else f"{days[0]} to {days[-1]}"


def _env_order(env_id: str) -> tuple[int, str]:
    names = list(SUITE)
    return (names.index(env_id) if env_id in names else len(names), env_id)


def summarize(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for rec in records:
        key = (rec["env"], rec["algo"], rec.get("budget"), bool(rec.get("quick")))
        groups.setdefault(key, []).append(rec)
    out = []
    for (env_id, algo, budget, quick), recs in groups.items():
        recs = sorted(recs, key=lambda r: r["seed"])
        means = [r["mean_return"] for r in recs]
        goal = recs[-1].get("goal", SUITE[env_id].goal if env_id in SUITE else None)
        reached = [r["steps_to_threshold"] for r in recs if r["steps_to_threshold"] is not None]
        out.append(
            {
                "env": env_id,
                "algo": algo,
                "budget": budget,
                "quick": quick,
                "dates": _date_range(recs),
                "seeds": [r["seed"] for r in recs],
                "mean_return": float(np.mean(means)),
                "std_return_over_seeds": float(np.std(means)),
                "per_seed_return": means,
                "real_steps": [r["real_steps"] for r in recs],
                "eval_steps_in_loop": [r.get("eval_steps_in_loop") for r in recs],
                "wall_s_mean": float(np.mean([r["wall_s"] for r in recs])),
                "wall_s_max": float(np.max([r["wall_s"] for r in recs])),
                "cpu_s_max": (
                    float(np.max([r["cpu_s"] for r in recs]))
                    if all(r.get("cpu_s") is not None for r in recs)
                    else None
                ),
                "threshold": goal,
                "seeds_at_threshold": int(sum(not below_goal(m, goal) for m in means)),
                "steps_to_threshold": [r["steps_to_threshold"] for r in recs],
                "threshold_imagined": [bool(r.get("eval_imagined")) for r in recs],
                "threshold_cap": [r.get("threshold_cap") for r in recs],
                "threshold_stop": [r.get("threshold_stop") for r in recs],
                "threshold_trained_steps": [r.get("threshold_trained_steps") for r in recs],
                "steps_to_threshold_mean": float(np.mean(reached)) if reached else None,
            }
        )
    out.sort(
        key=lambda s: (
            _env_order(s["env"]),
            s["quick"],
            s["budget"] or 0,
            s["algo"] != "plasma",
            s["algo"],
        )
    )
    return out


def _steps_cell(summary: dict[str, Any]) -> str:
    cells = []
    for steps, imagined, cap, stop, trained in zip(
        summary["steps_to_threshold"],
        summary["threshold_imagined"],
        summary["threshold_cap"],
        summary["threshold_stop"],
        summary["threshold_trained_steps"],
        strict=True,
    ):
        if steps is not None:
            cells.append(f"{steps:,}")
        elif imagined:
            cells.append("- (evaluated in the model)")
        elif summary["algo"] == "plasma":
            cells.append("not reached")
        elif cap is None:
            cells.append("-")
        elif stop == "time limit":
            cells.append(f"not reached by {trained:,} (time limit)")
        else:
            cells.append(f"not reached by {cap:,}")
    return ", ".join(cells)


def _time_table(records: list[dict[str, Any]]) -> list[str]:
    columns = [
        ("collect", "collect"),
        ("fit", "fit"),
        ("imagine", "imagine"),
        ("label_simulate", "label: simulate"),
        ("label_audit", "label: audit"),
        ("label_other", "label: DAgger"),
        ("value", "value"),
        ("distill", "distil"),
        ("eval", "eval"),
        ("untimed_in_iterations", "untimed in iterations"),
        ("outside_iterations", "outside iterations"),
    ]
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for rec in records:
        if rec["algo"] == "plasma" and "time" in rec:
            key = (rec["env"], rec.get("budget"), bool(rec.get("quick")))
            groups.setdefault(key, []).append(rec)
    if not groups:
        return []
    lines = [
        "",
        "## Where Plasma's time goes",
        "",
        "Each stage's share of the `plasma-train` process's wall-clock, mean over seeds, from the "
        "run's metrics.jsonl. The stages run one after the other, but fit and value side by "
        "side (since 2026-12-04; their shares overlap); label = simulate (the "
        "pessimistic planner's paths) + audit + DAgger (relabels at the policy's visited "
        "states). Untimed in iterations: building the simulator, the audit of the policy's "
        "imagined paths, the commit. Outside iterations: process start-up, imports, env check, "
        "final report. The last two are the overhead.",
        "",
        "| env | budget | wall-clock per run | "
        + " | ".join(title for _, title in columns)
        + " | overhead | date |",
        "|---|---|---|" + "---|" * len(columns) + "---|---|",
    ]
    for (env_id, budget, quick), recs in sorted(
        groups.items(), key=lambda kv: (_env_order(kv[0][0]), kv[0][2], kv[0][1] or 0)
    ):
        share = {
            key: float(np.mean([r["time"]["share"].get(key, 0.0) for r in recs]))
            for key, _ in columns
        }
        overhead = share["untimed_in_iterations"] + share["outside_iterations"]
        unknown = sorted({k for r in recs for k in r["time"].get("unclassified", [])})
        cells = " | ".join(f"{100 * share[key]:.0f}%" for key, _ in columns)
        lines.append(
            f"| {env_id} | {budget:,}{' (quick)' if quick else ''} | "
            f"{np.mean([r['wall_s'] for r in recs]):.0f} s | {cells} | {100 * overhead:.0f}% | "
            f"{_date_range(recs)} |" + (f" (not counted: {', '.join(unknown)})" if unknown else "")
        )
    return lines


def markdown(payload: dict[str, Any]) -> str:
    meta = payload["meta"]
    summary = payload["summary"]
    lines = [
        "# Learning benchmark",
        "",
        f"Updated {meta['updated']} · {meta['machine']} · {meta['episodes']} evaluation "
        f"episodes (seeds {EVAL_SEED}+k) per run. Each row is dated: rows of different dates "
        "come from different code.",
        "",
        "Plasma: `plasma-train --env ENV --real-steps N --seed S` (no other flag) in a fresh "
        "directory, then `plasma-eval --episodes 10 --json` there: the deployed distilled policy, "
        "no planner. SB3: rl-baselines3-zoo hyperparameters (DQN for Discrete actions, SAC for "
        "Box; envs the zoo does not tune get its MuJoCo defaults, random steps capped at a fifth "
        "of the budget), trained for the same budget, deterministic actions on the same episode "
        "seeds. Return: mean ± std over seeds of the per-seed means. Steps to goal: Plasma's "
        "from its in-loop evaluation after each iteration where that ran real episodes (from "
        "2026-12-06 the default evaluates in the world model, which takes no real step and "
        "gives the model's returns: '- (evaluated in the model)'); SB3's from a second model "
        "trained "
        f"toward the goal, evaluated on {THRESHOLD_EPISODES} episodes at intervals, up to a cap "
        "of steps or a time limit ('-': not measured). Both are first hits: the first "
        "evaluation at or above the goal, not a policy that stays there. CPU time: the "
        "`plasma-train` process's user + system seconds (recorded from 2026-12-04 on); other "
        "work on the machine inflates the wall-clock but not it, and a compute-bound run on a "
        "quiet machine takes no longer than it. Real steps: the training budget; in brackets, "
        "where recorded, the real steps the in-loop evaluation episodes took besides (runs "
        "before 2026-12-06, whose evaluation ran real episodes: after each iteration the new "
        "policy and the deployed one ran `eval_episodes` each, and more batches while their "
        "difference was unclear: `keep_best`).",
        "",
        "## Suite",
        "",
        "| env | real-step budget | goal (mean of 10 episodes) | time limit per run |",
        "|---|---|---|---|",
    ]
    for env_id, task in SUITE.items():
        lines.append(
            f"| {env_id} | {task.budget:,} | ≥ {task.goal:g} | {task.time_limit_s / 60:.0f} min |"
        )
    lines += [
        "",
        "## Results",
        "",
        "| env | algorithm | budget | return (mean ± std over seeds) | per seed | seeds ≥ goal "
        "| real steps | steps to goal | wall-clock per run (max; CPU time, max) | date |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in summary:
        per_seed = ", ".join(f"{v:.1f}" for v in s["per_seed_return"])
        real = ", ".join(f"{v:,}" for v in sorted(set(s["real_steps"])))
        evaluated = [v for v in s.get("eval_steps_in_loop", []) if v is not None]
        if evaluated and max(evaluated) > 0:
            spread = f"{min(evaluated):,}" + (
                f"-{max(evaluated):,}" if max(evaluated) != min(evaluated) else ""
            )
            real += f" (+ {spread} evaluating)"
        budget = "-" if s["budget"] is None else f"{s['budget']:,}"
        limit = SUITE[s["env"]].time_limit_s if s["env"] in SUITE else None
        over = ""
        if s["algo"] == "plasma" and limit is not None and s["wall_s_max"] > limit:
            over = " **over the limit**"
            if s["cpu_s_max"] is not None and s["cpu_s_max"] <= limit:
                over = " over the limit in wall-clock, not in CPU time"
        cpu = "" if s.get("cpu_s_max") is None else f"; CPU {s['cpu_s_max']:.0f} s"
        goal = "-" if s["threshold"] is None else f"≥ {s['threshold']:g}"
        lines.append(
            f"| {s['env']} | {s['algo']} | {budget}{' (quick)' if s['quick'] else ''} | "
            f"{s['mean_return']:.1f} ± {s['std_return_over_seeds']:.1f} | {per_seed} | "
            f"{s['seeds_at_threshold']}/{len(s['seeds'])} ({goal}) | {real} | "
            f"{_steps_cell(s)} | {s['wall_s_mean']:.0f} s ({s['wall_s_max']:.0f} s{cpu}){over} | "
            f"{s['dates']} |"
        )
    lines += _time_table(payload["runs"])
    adaptation = payload["adaptation"]
    if adaptation:
        lines += [
            "",
            "## Adaptation (`plasma-train --base RUN --variant V`)",
            "",
            "Each seed's run adapted to the variant with LoRA packets; both the base policy and "
            "the adapted one evaluated on the variant.",
            "",
            "| env | base budget | variant | base policy on the variant | adapted (mean ± std "
            "over seeds) | per seed | seeds ≥ goal | further real steps | wall-clock per run "
            "| date |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        for a in adaptation:
            groups.setdefault((a["env"], a.get("budget"), a["variant"]), []).append(a)
        for (env_id, budget, variant), recs in sorted(
            groups.items(), key=lambda kv: (_env_order(kv[0][0]), kv[0][1] or 0, kv[0][2])
        ):
            means = [a["mean_return"] for a in recs]
            target = SUITE[env_id].goal if env_id in SUITE else None
            reached = f"{sum(not below_goal(m, target) for m in means)}/{len(recs)}"
            further = ", ".join(str(v) for v in sorted({a["further_real_steps"] for a in recs}))
            lines.append(
                f"| {env_id} | {'-' if budget is None else f'{budget:,}'} | {variant} | "
                f"{np.mean([a['base_policy_return'] for a in recs]):.1f} | "
                f"{np.mean(means):.1f} ± {np.std(means):.1f} | "
                f"{', '.join(f'{m:.1f}' for m in means)} | "
                f"{reached} (≥ {'-' if target is None else f'{target:g}'}) | "
                f"{further} | {np.mean([a['wall_s'] for a in recs]):.0f} s | "
                f"{_date_range(recs)} |"
            )
    if payload["notes"]:
        lines += ["", "## Notes", ""]
        lines += [f"- {str(n.get('date') or '?')[:10]}: {n['text']}" for n in payload["notes"]]
    lines.append("")
    return "\n".join(lines)


def load_results(out: Path, keep: bool) -> dict[str, Any]:
    """What learning.json holds (when ``keep``), upgraded to dated records."""
    path = out / "learning.json"
    if keep and path.is_file():
        return upgrade_legacy(json.loads(path.read_text()))
    return {"runs": [], "adaptation": [], "notes": []}


def write_results(out: Path, results: dict[str, Any], episodes: int) -> str:
    """learning.json and learning.md from ``results``; returns the markdown."""
    runs = sorted(
        results["runs"],
        key=lambda r: (_env_order(r["env"]), r["algo"] != "plasma", r["algo"], r["seed"]),
    )
    payload = {
        "meta": {
            "updated": now(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}",
            "episodes": episodes,
            "suite": {k: vars(v) for k, v in SUITE.items()},
        },
        "summary": summarize(runs),
        "runs": runs,
        "adaptation": results["adaptation"],
        "notes": results["notes"],
    }
    report = markdown(payload)
    for name, text in (
        ("learning.json", json.dumps(payload, indent=2) + "\n"),
        ("learning.md", report),
    ):
        partial = out / f".{name}.partial"
        partial.write_text(text)
        partial.replace(out / name)  # a reader never sees half a file
    return report


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Holds ``out``'s lock: one invocation at a time merges into the results files."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / ".learning.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# ----------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--envs", nargs="+", default=list(SUITE), metavar="ENV")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument(
        "--real-steps",
        type=int,
        default=None,
        help="Real-step budget of every run instead of the suite's (then a run is not held to "
        "the goal unless the budget is the suite's).",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"Smoke test: {QUICK_STEPS} real steps per run (Plasma also gets "
        f"{' '.join(QUICK_PLASMA_FLAGS)}), SB3 toward the goal for at most "
        "twice that or a minute; results in the working directory unless --out is given; "
        "nothing is held to the goal.",
    )
    parser.add_argument("--episodes", type=int, default=10, help="Evaluation episodes per run.")
    parser.add_argument("--no-sb3", action="store_true", help="Skip Stable-Baselines3.")
    parser.add_argument("--no-plasma", action="store_true", help="Skip Plasma.")
    parser.add_argument(
        "--sb3-algos",
        nargs="+",
        default=None,
        metavar="ALGO",
        help="SB3 algorithms (DQN, SAC, PPO; default: DQN for Discrete actions, SAC for Box).",
    )
    parser.add_argument(
        "--no-sb3-threshold", action="store_true", help="Skip SB3's steps to the goal."
    )
    parser.add_argument(
        "--sb3-cap-factor",
        type=float,
        default=10.0,
        help="SB3 trains toward the goal for at most this many times the budget (default: 10).",
    )
    parser.add_argument(
        "--sb3-time-limit",
        type=float,
        default=30.0,
        help="... and at most this many minutes per run (default: 30).",
    )
    parser.add_argument(
        "--sb3-eval-every",
        type=int,
        default=None,
        help="SB3's evaluations toward the goal, every this many steps (default: a tenth of the "
        "budget).",
    )
    parser.add_argument("--workdir", type=Path, default=None, help="Where runs go (default: tmp).")
    parser.add_argument("--out", type=Path, default=None, help="Results directory.")
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
        help="Also adapt each Plasma run to these variants with --base (e.g. m=1.3 g=12.0).",
    )
    parser.add_argument("--notes", default="", help="A dated note added to the report.")
    parser.add_argument(
        "--replace",
        action="store_true",
        help="Start the results files over instead of merging into them.",
    )
    parser.add_argument("--merge", action="store_true", help=argparse.SUPPRESS)  # the default
    parser.add_argument(
        "--render",
        action="store_true",
        help="Only rewrite learning.json and learning.md from the runs learning.json holds.",
    )
    args = parser.parse_args(argv)
    if args.render:
        out = args.out or RESULTS
        with locked(out):
            print(write_results(out, load_results(out, keep=True), args.episodes))
        return 0

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="plasma-learning-"))
    workdir.mkdir(parents=True, exist_ok=True)
    out = (args.out or (workdir / "results" if args.quick else RESULTS)).resolve()
    workdir = workdir.resolve()
    os.chdir(workdir)  # what the in-process envs write (MuJoCo's MUJOCO_LOG.TXT) goes there
    pending = {"replace": args.replace, "note": args.notes}

    def save(field: str, records: list[dict[str, Any]], key: Callable[[Any], Any]) -> str:
        """Merge ``records`` into what the results files hold now (another invocation may have
        added its runs meanwhile) and rewrite them; returns the markdown."""
        with locked(out):
            results = load_results(out, keep=not pending["replace"])
            if pending["note"]:
                results["notes"].append({"date": now(), "text": pending["note"]})
            pending.update(replace=False, note="")
            results[field] = merge(results[field], records, key)
            return write_results(out, results, args.episodes)

    missed: list[str] = []
    bases: dict[tuple[str, int], tuple[int, Path]] = {}
    for env_id in args.envs:
        task = SUITE.get(env_id)
        if args.quick:
            budget = QUICK_STEPS
        elif args.real_steps is not None:
            budget = args.real_steps
        elif task is not None:
            budget = task.budget
        else:
            parser.error(f"{env_id} is not in the suite: give --real-steps")
        held = task is not None and not args.quick and budget == task.budget
        for seed in args.seeds:
            if not args.no_plasma:
                rec, run_dir = run_plasma(
                    env_id,
                    seed,
                    budget,
                    workdir,
                    args.episodes,
                    args.reuse,
                    QUICK_PLASMA_FLAGS if args.quick else (),
                )
                rec["quick"] = args.quick
                bases[(env_id, seed)] = (budget, run_dir)
                save("runs", [rec], run_key)
                print(
                    f"plasma {env_id} seed {seed}: {rec['mean_return']:.1f} ± "
                    f"{rec['std_return']:.1f} after {rec['real_steps']} real steps "
                    f"({rec['wall_s']:.0f} s; goal at {rec['steps_to_threshold']}; run {run_dir})",
                    flush=True,
                )
                if held and task is not None:
                    if below_goal(rec["mean_return"], task.goal):
                        missed.append(
                            f"{env_id} seed {seed}: {rec['mean_return']:.1f} < goal {task.goal:g}"
                        )
                    if rec["wall_s"] > task.time_limit_s:
                        print(
                            f"warning: {env_id} seed {seed} took {rec['wall_s']:.0f} s, over "
                            f"the {task.time_limit_s:.0f} s limit",
                            flush=True,
                        )
            if args.no_sb3:
                continue
            to_goal = None
            if not args.no_sb3_threshold:
                to_goal = {
                    "cap": 2 * budget if args.quick else int(args.sb3_cap_factor * budget),
                    "eval_every": args.sb3_eval_every or max(100, budget // 10),
                    "time_limit_s": 60.0 if args.quick else 60.0 * args.sb3_time_limit,
                }
            for algo in args.sb3_algos or default_sb3_algos(env_id):
                rec = run_sb3(algo, env_id, seed, budget, args.episodes, args.quick, to_goal)
                save("runs", [rec], run_key)
                print(
                    f"{algo} {env_id} seed {seed}: {rec['mean_return']:.1f} ± "
                    f"{rec['std_return']:.1f} after {rec['real_steps']} real steps "
                    f"({rec['wall_s']:.0f} s); goal at {rec['steps_to_threshold']} "
                    f"(stopped: {rec.get('threshold_stop', '-')})",
                    flush=True,
                )
    for (env_id, seed), (budget, run_dir) in bases.items():
        for variant in args.adapt:
            rec = run_adaptation(env_id, seed, budget, run_dir, variant, workdir, args.episodes)
            save("adaptation", [rec], adaptation_key)
            print(
                f"adapt {env_id} seed {seed} to {variant}: {rec['mean_return']:.1f} "
                f"(base policy {rec['base_policy_return']:.1f}) after "
                f"{rec['further_real_steps']} further real steps ({rec['wall_s']:.0f} s)",
                flush=True,
            )
    print(save("runs", [], run_key))
    print(f"results: {out / 'learning.json'}, {out / 'learning.md'}", flush=True)
    if missed:
        print("below the goal:\n  " + "\n  ".join(missed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
