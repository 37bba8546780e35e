"""How well a training run's world model fits the run's own real data, per setting.

    python -m benches.bench_model_fit RUN_DIR [RUN_DIR ...] --set lr1e-3 '{}' \
        --set lr3e-3 '{"learning_rate": 0.003}' --out benches/results/model_fit.md

For each finished ``plasma-train`` run directory, every iteration's ``real.npz`` is read (all the
real steps the run collected) and a fresh world model is fitted on them once per ``--set``: the
run's own default ensemble (:func:`plasma.train.config.TrainConfig`'s ``world_model``, read from
the run's ``config.json``) with the set's fields changed. Reported per fit: epochs, the held-out
one-step error of the next state and of the reward (normalised, the model's own report), the
termination recall, and the fit's CPU seconds (one torch thread). Asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch

from plasma.envs import Transitions, make_env
from plasma.simulator import WorldModel, WorldModelConfig
from plasma.train.config import TrainConfig
from plasma.train.rundir import RunDir


def fit_rows(path: Path, sets: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per setting: the fit of a fresh model on every real step of the run at ``path``."""
    run = RunDir(path)
    config = TrainConfig.model_validate(run.read_config_dict())
    files = sorted(path.glob("iterations/*/real.npz"))
    if not files:
        raise SystemExit(f"{path}: no iterations/*/real.npz: not a run directory")
    data = functools.reduce(Transitions.concat, [Transitions.load(f) for f in files])
    rows = []
    with make_env(config.env, config.variant or None, env_kwargs=config.env_kwargs) as env:
        for name, fields in sets.items():
            cfg = WorldModelConfig.model_validate({**config.world_model.model_dump(), **fields})
            started = time.process_time()
            report = WorldModel.for_env(env, cfg).fit(data)
            rows.append(
                {
                    "env": config.env,
                    "seed": config.seed,
                    "steps": len(data),
                    "set": name,
                    "epochs": report.epochs,
                    "holdout_mse": report.holdout_mse,
                    "reward_mse": report.reward_mse,
                    "done_recall": report.done_recall,
                    "cpu_s": time.process_time() - started,
                }
            )
            print(json.dumps(rows[-1]), flush=True)
    return rows


def markdown(rows: Sequence[dict[str, Any]], command: str) -> str:
    lines = [
        "# World model fits on a run's own data",
        "",
        f"`{command}` (one torch thread; CPU seconds of the fit).",
        "",
        "| env | seed | real steps | setting | epochs | held-out MSE (state) | reward MSE | "
        "termination recall | CPU s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        recall = "-" if r["done_recall"] is None else f"{r['done_recall']:.2f}"
        lines.append(
            f"| {r['env']} | {r['seed']} | {r['steps']:,} | {r['set']} | {r['epochs']} | "
            f"{r['holdout_mse']:.4g} | {r['reward_mse']:.4g} | {recall} | {r['cpu_s']:.1f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="+", type=Path, help="finished run directories")
    parser.add_argument(
        "--set",
        nargs=2,
        action="append",
        metavar=("NAME", "JSON"),
        help="a setting: a name and the WorldModelConfig fields it changes, as JSON",
    )
    parser.add_argument("--out", type=Path, default=None, help="write a markdown table here")
    args = parser.parse_args(argv)
    sets: dict[str, dict[str, Any]] = {}
    for name, fields in args.set or [("default", "{}")]:
        try:
            sets[name] = dict(json.loads(fields))
            WorldModelConfig.model_validate(sets[name])
        except (ValueError, TypeError) as err:  # JSON, a non-object, or a field pydantic rejects
            parser.error(
                f"--set {name}: {fields!r} is not a JSON object of WorldModelConfig fields: {err}"
            )
    missing = [str(p) for p in args.runs if not (p / "state.json").is_file()]
    if missing:
        parser.error(f"not a run directory (no state.json): {', '.join(missing)}")
    torch.set_num_threads(1)
    rows = [row for path in args.runs for row in fit_rows(path, sets)]
    if args.out is not None:
        args.out.write_text(
            markdown(
                rows,
                "python -m benches.bench_model_fit "
                + " ".join(sys.argv[1:] if argv is None else argv),
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
