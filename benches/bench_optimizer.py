"""CPU time of the fits a training iteration makes, with Plasma's optimizer (``networks.adam``:
torch's fused Adam step where torch has one) against torch's default Adam, side by side.

    python -m benches.bench_optimizer --rounds 3 --out benches/results/optimizer.md

Per round, each optimizer in turn (alternating, so that load on the machine falls on both): a
training run's value fit (a fresh 2-member 128x128 value, ``ValueConfig``'s defaults but
``--updates`` gradient steps, on 3,000 states) and its world-model fit (the compact ensemble of a
training run, ``--epochs`` epochs without early stopping, on 3,000 random Pendulum-v1 steps), one
torch thread each. Reported: each fit's best CPU seconds over the rounds, the ratio, and that the
two optimizers end at the same fit (the value's outputs and the model's held-out error, which
differ by float rounding only). Asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import torch

from plasma.envs import collect, make_env, random_policy
from plasma.simulator import WorldModel, WorldModelConfig
from plasma.simulator import networks as networks_module
from plasma.simulator import value as value_module
from plasma.simulator import world_model as world_model_module
from plasma.simulator.networks import torch_threads
from plasma.simulator.value import ValueConfig, ValueFunction

OPTIMIZERS = ("plasma", "torch default")


@contextlib.contextmanager
def optimizer(name: str) -> Iterator[None]:
    """Within: the fits use ``name``'s Adam (``networks.adam`` itself, or torch's default)."""
    if name == "plasma":
        yield
        return

    def default(params: Any, *, lr: float, weight_decay: float = 0.0) -> torch.optim.Adam:
        return torch.optim.Adam(list(params), lr=lr, weight_decay=weight_decay)

    modules = (value_module, world_model_module)
    saved = [m.adam for m in modules]
    for m in modules:
        m.adam = default  # type: ignore[assignment]
    try:
        yield
    finally:
        for m, original in zip(modules, saved, strict=True):
            m.adam = original  # type: ignore[assignment]


def timed(fit: Callable[[], float]) -> tuple[float, float]:
    """``fit()``'s CPU seconds and its result."""
    started = time.process_time()
    result = fit()
    return time.process_time() - started, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--updates", type=int, default=1000, help="value fit gradient steps")
    parser.add_argument("--epochs", type=int, default=20, help="world-model fit epochs")
    parser.add_argument("--out", type=Path, default=None, help="write the table here (.md)")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.updates < 1 or args.epochs < 1:
        parser.error("--rounds, --updates and --epochs must be positive")

    rng = np.random.default_rng(0)
    states = rng.normal(size=(3000, 6)).astype(np.float32)
    targets = np.sin(states).sum(1)
    env = make_env("Pendulum-v1")
    data = collect(env, 3000, policy=random_policy(env, 0), seed=0)
    model_cfg = WorldModelConfig.compact().model_copy(
        update={"max_epochs": args.epochs, "patience": args.epochs + 1}
    )

    def value_fit() -> float:
        value = ValueFunction(6, ValueConfig(updates=args.updates))
        value.fit(states, targets)
        return float(value.values(states[:500]).mean())

    def model_fit() -> float:
        return WorldModel.for_env(env, model_cfg).fit(data).holdout_mse

    fits = {"value fit": value_fit, "world-model fit": model_fit}
    best: dict[tuple[str, str], float] = {}
    outcome: dict[tuple[str, str], float] = {}
    with torch_threads(1):
        for name in OPTIMIZERS:  # warm-up: torch's first calls, allocator
            with optimizer(name):
                value_fit()
        for _ in range(args.rounds):
            for name in OPTIMIZERS:
                with optimizer(name):
                    for fit_name, fit in fits.items():
                        cpu, result = timed(fit)
                        key = (fit_name, name)
                        best[key] = min(best.get(key, np.inf), cpu)
                        outcome[key] = result
    env.close()

    fused = networks_module.adam([torch.nn.Parameter(torch.zeros(1))], lr=1e-3).defaults
    lines = [
        "# Optimizer: Plasma's Adam step against torch's default",
        "",
        f"`python -m benches.bench_optimizer --rounds {args.rounds} --updates {args.updates} "
        f"--epochs {args.epochs}` · {platform.machine()}, {os.cpu_count()} cores, torch "
        f"{torch.__version__} (fused: {bool(fused.get('fused'))}), load average "
        f"{os.getloadavg()[0]:.1f} · best CPU seconds of {args.rounds} alternating rounds, one "
        "torch thread",
        "",
        "| fit | plasma (s) | torch default (s) | ratio | result, plasma | result, default |",
        "|---|---|---|---|---|---|",
    ]
    for fit_name in fits:
        ours, ref = best[(fit_name, "plasma")], best[(fit_name, "torch default")]
        lines.append(
            f"| {fit_name} | {ours:.2f} | {ref:.2f} | {ours / ref:.2f} | "
            f"{outcome[(fit_name, 'plasma')]:.6g} | {outcome[(fit_name, 'torch default')]:.6g} |"
        )
    lines += [
        "",
        "Result: the value's mean output on 500 of its states (value fit) and the held-out "
        "one-step error (world-model fit), equal up to float rounding.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text)


if __name__ == "__main__":
    main()
