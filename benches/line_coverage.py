"""How well the local detectors know their line of "correct": over fresh real samples the size
of the exploit suite's calibration (random-action steps), the spread of each outcome (a
variable's one-step change, the reward) between samples against the bootstrap's estimate of it,
and the coverage of the line's bound (issue 12, round 18).

    python -m benches.line_coverage --env MountainCarContinuous-v0 --env Acrobot-v1

Per env and outcome: ``between``, the spread's relative std over the samples; ``bootstrap``, the
mean of each sample's bootstrap estimate of it (``plasma.auditor.local._spread_error``, over
whole episodes); ``coverage``, how often the spread of every sample pooled (the population's,
about) lies above a sample's bound ``spread x (1 + z SE)`` (``z`` = 1.645: the rate 0.05 the
bound is stated at), for the bootstrap's SE as the auditor takes it and with the small-sample
correction (``SE x sqrt(e / (e - 1))`` for ``e`` episodes and Student's t with ``e - 1``
degrees of freedom over the normal quantile). A coverage above the stated rate is a bound drawn
too low: steps on the line get flagged more often than stated."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.auditor.exploits import collect

Z = 1.645
"""The line's bound in standard errors at the stated rate 0.05."""


def student_over_normal(episodes: np.ndarray, z: float = Z) -> np.ndarray:
    """Per sample: Student's t quantile with ``episodes - 1`` degrees of freedom over the normal
    one (the Cornish-Fisher expansion to second order), times ``sqrt(e / (e - 1))``."""
    nu = np.maximum(episodes - 1.0, 1.0)
    t = z + (z**3 + z) / (4 * nu) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * nu**2)
    return np.asarray(np.sqrt(episodes / nu) * t / z, np.float64)


def measure(env_id: str, samples: int, steps: int, seed: int) -> dict[str, np.ndarray | float]:
    """The figures the module docstring names, for one env."""
    from plasma.auditor.local import _change_spread, _spread_error

    spreads, errors, episodes, targets, ends = [], [], [], [], []
    for i in range(samples):
        real = collect(env_id, steps, seed=seed + i)
        outcome = np.concatenate([real.next_obs - real.obs, real.reward[:, None]], 1)
        outcome = outcome.astype(np.float64)
        ended = np.asarray(real.terminated, bool)
        boundary = ended | np.asarray(real.truncated, bool)
        spreads.append(_change_spread(outcome, ended))
        errors.append(_spread_error(outcome, ended, boundary))
        episodes.append(int(boundary.sum()) + (0 if boundary[-1] else 1))
        targets.append(outcome)
        ends.append(ended)
    population = _change_spread(np.concatenate(targets), np.concatenate(ends))
    spread, error, count = np.array(spreads), np.array(errors), np.array(episodes, np.float64)
    mean = np.maximum(spread.mean(axis=0), 1e-300)
    small = student_over_normal(count)[:, None]
    return {
        "episodes": float(count.mean()),
        "between": spread.std(axis=0) / mean,
        "bootstrap": error.mean(axis=0),
        "coverage": (population > spread * (1 + Z * error)).mean(axis=0),
        "coverage_t": (population > spread * (1 + Z * error * small)).mean(axis=0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--env", action="append", required=True, help="repeatable")
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--steps", type=int, default=2000, help="the calibration's size")
    parser.add_argument("--seed", type=int, default=7000)
    args = parser.parse_args()
    for env_id in args.env:
        out = measure(env_id, args.samples, args.steps, args.seed)
        print(f"{env_id}: {out['episodes']:.1f} episodes a sample")
        for key in ("between", "bootstrap", "coverage", "coverage_t"):
            print(f"  {key:10s} {np.round(np.asarray(out[key]), 3).tolist()}")


if __name__ == "__main__":
    main()
