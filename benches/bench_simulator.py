"""Phantom-path rollouts and planning: the Rust core against batched torch references.

Two rollout workloads, each against a torch reference with one batched ensemble call per step:

* TS-1, the way mbrl-lib rolls out (``propagation_method="fixed_model"``): every path keeps one
  member and only that member predicts its step; the reference groups the rows by member into an
  ``[E, rows, in]`` batch for one call. No disagreement.
* With disagreement (what the auditor needs): every member predicts every path (``baddbmm`` per
  layer over all members), each path takes its own member's sample, and the disagreement comes
  from the same call. Five times the ensemble arithmetic of TS-1.

Both sides also run the world model's outcome head at every step, as rollouts do: the reward
network ``r(s, a, s')`` and the termination network ``d(s')`` (one member each, two hidden layers
of 128). It adds about 8% to the arithmetic of a step with disagreement and 40% to a TS-1 step,
counted in the GFLOP/s. At 10 paths its small single-member layers are latency-bound: it made a
10 x 100 rollout with disagreement about 20% slower (2 cores, the same ensemble with and without
the head in alternate calls).

Identical weights, same machine, same run. Ensemble of 5, three hidden layers of 200, SiLU, state
3, action 1 (Pendulum's sizes). Peak: a large float32 numpy matmul measured in the same run.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from typing import Any

import numpy as np
import pytest
import torch

from benches.conftest import per_second, record
from plasma import _core
from plasma.simulator import WorldModel, WorldModelConfig

MEMBERS, HIDDEN = 5, [200, 200, 200]


def random_model(state_dim: int, action_dim: int, seed: int = 0) -> WorldModel:
    """A world model with its random initial weights and unit normalisers (for speed only)."""
    model = WorldModel(
        state_dim, action_dim, WorldModelConfig(members=MEMBERS, hidden=HIDDEN, seed=seed)
    )
    model.fitted = True
    with torch.no_grad():  # small, finite outputs that keep rollouts bounded
        model.net.weights[-1].mul_(0.01)
        if model.outcome is not None:
            # No termination: a random termination network ends a path after a few steps, and a
            # rollout that stops early would be timed as if it had computed every step.
            model.outcome.ending.weights[-1].zero_()
            model.outcome.ending.biases[-1].fill_(-30.0)
    return model


def flops_per_transition(model: WorldModel, members: int = MEMBERS) -> float:
    """Arithmetic of one step: ``members`` members' forward passes and the outcome head's two
    networks (multiply-adds counted as 2)."""
    sizes = [model.input_dim, *model.config.hidden, 2 * model.target_dim + int(model.done_head)]
    flops = 2.0 * members * sum(a * b for a, b in itertools.pairwise(sizes))
    if model.outcome is not None:
        for net in (model.outcome.reward, model.outcome.ending):
            flops += 2.0 * sum(w.shape[-2] * w.shape[-1] for w in net.weights)
    return flops


def outcome_step(
    model: WorldModel, inputs: torch.Tensor, next_states: torch.Tensor, rewards: torch.Tensor
) -> torch.Tensor:
    """The outcome head's rewards for raw ``inputs`` ``[P, in]`` and next states (its termination
    logits computed too, as the core does; the benchmark's model never terminates); ``rewards``
    (the ensemble's) without one."""
    if model.outcome is None:
        return rewards
    s = model.state_dim
    norm_next = (next_states - model.input_mean[:s]) / model.input_std[:s]
    model.outcome.done_logit(norm_next)
    reward = model.outcome.reward_of((inputs - model.input_mean) / model.input_std, norm_next)
    return reward * model.output_std[s] + model.output_mean[s]


def next_step(
    model: WorldModel,
    inputs: torch.Tensor,
    states: torch.Tensor,
    mean: torch.Tensor,
    logvar: torch.Tensor,
    gen: torch.Generator,
    deterministic: bool,
) -> tuple[torch.Tensor, torch.Tensor]:
    """One step of every path from its member's normalised prediction (``mean``, ``logvar``
    ``[P, out]``): the sample (the mean with ``deterministic``) made raw, the next states and the
    outcome head's rewards."""
    if not deterministic:
        mean = mean + torch.exp(0.5 * logvar) * torch.randn(mean.shape, generator=gen)
    target = mean * model.output_std + model.output_mean
    next_states = states + target[:, : model.state_dim]
    return next_states, outcome_step(model, inputs, next_states, target[:, model.state_dim])


_PEAK_SCRIPT = """
import time, numpy as np
a = np.random.default_rng(0).standard_normal((4096, 4096), dtype=np.float32)
a @ a
best = min((lambda t0: (a @ a, time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(3))
print(2 * 4096**3 / best / 1e9)
"""


def machine_peak_gflops() -> float:
    """float32 GFLOP/s of a large numpy matmul on all cores.

    Measured in a subprocess without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, which this workplace
    sets to keep old OpenBLAS builds safe and which pin a current one to slower kernels.
    """
    env = {
        k: v for k, v in os.environ.items() if k not in {"OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"}
    }
    out = subprocess.run(
        [sys.executable, "-c", _PEAK_SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


PEAK = machine_peak_gflops()


@torch.no_grad()
def torch_rollout(
    model: WorldModel,
    starts: np.ndarray,
    actions: np.ndarray,
    seed: int,
    deterministic: bool,
    members: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    gen = torch.Generator().manual_seed(seed)
    s = torch.as_tensor(starts)
    acts = torch.as_tensor(actions)
    p, h, _ = actions.shape
    drawn = torch.randint(0, MEMBERS, (p,), generator=gen)
    members_t = drawn if members is None else torch.as_tensor(members)
    rows = torch.arange(p)
    states, rewards, unc = [s], [], []
    for t in range(h):
        inputs = torch.cat([s, acts[:, t]], dim=1)
        raw = model._raw_forward(inputs)  # [E, P, out]
        mean, logvar, _ = model._split(raw)
        mean_delta = mean[..., : model.state_dim] * model.output_std[: model.state_dim]
        unc.append((mean_delta - mean_delta.mean(0)).norm(dim=-1).max(0).values)
        s, reward = next_step(
            model, inputs, s, mean[members_t, rows], logvar[members_t, rows], gen, deterministic
        )
        states.append(s)
        rewards.append(reward)
    return {
        "states": torch.stack(states, 1).numpy(),
        "rewards": torch.stack(rewards, 1).numpy(),
        "uncertainty": torch.stack(unc, 1).numpy(),
    }


@torch.no_grad()
def torch_rollout_ts1(
    model: WorldModel,
    starts: np.ndarray,
    actions: np.ndarray,
    seed: int,
    members: np.ndarray,
    deterministic: bool = False,
) -> dict[str, np.ndarray]:
    """mbrl-lib's TS-1: rows grouped by member into one ``[E, width, in]`` batch per step."""
    gen = torch.Generator().manual_seed(seed)
    p, h, _ = actions.shape
    counts = np.bincount(members, minlength=MEMBERS)
    width = int(counts.max())
    slot = np.empty(p, dtype=np.int64)  # row of each path in the flattened [E * width] batch
    for e in range(MEMBERS):
        mine = np.flatnonzero(members == e)
        slot[mine] = e * width + np.arange(len(mine))
    slots = torch.as_tensor(slot)
    s, acts = torch.as_tensor(starts), torch.as_tensor(actions)
    batch = torch.zeros(MEMBERS * width, model.input_dim)
    states, rewards = [s], []
    for t in range(h):
        inputs = torch.cat([s, acts[:, t]], dim=1)
        batch[slots] = (inputs - model.input_mean) / model.input_std
        raw = model.net(batch.view(MEMBERS, width, -1)).view(MEMBERS * width, -1)[slots]
        mean, logvar, _ = model._split(raw)
        s, reward = next_step(model, inputs, s, mean, logvar, gen, deterministic)
        states.append(s)
        rewards.append(reward)
    return {"states": torch.stack(states, 1).numpy(), "rewards": torch.stack(rewards, 1).numpy()}


SIZES = [(10, 100), (1000, 100), (10000, 30)]


def _time_reference(benchmark: Any, rollout: Any, args: tuple[Any, ...]) -> None:
    """Times a torch reference ``rollout(model, starts, actions, ...)`` and records its rate."""
    paths, steps, _ = args[2].shape
    rounds = 10 if paths * steps <= 10_000 else 5
    benchmark.pedantic(rollout, args=args, rounds=rounds, warmup_rounds=1)
    record(
        benchmark,
        role="reference",
        ops_per_call=paths * steps,
        transitions_per_s=f"{per_second(benchmark, paths * steps, 1):.3g}",
        torch_threads=torch.get_num_threads(),
    )


def let_torch_threads_idle() -> None:
    """Waits until torch's OpenMP workers stop spin-waiting, before Plasma is timed.

    After every torch operation (building a model, a reference run) they spin on both cores for up
    to about 40 ms here; Plasma's threads timed during that ran at half speed (10 x 100 TS-1: 1.6
    instead of 0.85 ms per call; with OMP_WAIT_POLICY=passive, or after this wait, never). The torch
    reference keeps its default, fastest, wait policy.
    """
    time.sleep(0.3)


def _time_plasma(
    benchmark: Any,
    model: WorldModel,
    starts: np.ndarray,
    actions: np.ndarray,
    members: int = MEMBERS,
    **extra: Any,
) -> tuple[dict[str, np.ndarray], float]:
    """Times ``_core.rollout`` of ``model`` (``extra``: its keyword arguments, e.g.
    compute_uncertainty; ``members``: how many members predict each step); returns the same
    rollout run once more on mean predictions (``deterministic``, seed 0: what the reference is
    compared with) and the GFLOP/s.

    Each round takes the next of 5 seeds: with TS-1 the seed draws each path's member, and with
    few paths how evenly they spread over the members shows in the time (10 x 100: 0.7 to 1.0 ms).
    """
    core = model.to_core()
    flops = flops_per_transition(model, members=members)
    paths, steps, _ = actions.shape
    rounds = 20 if paths * steps <= 10_000 else 10
    seeds = itertools.cycle(range(5))

    def rollout() -> dict[str, np.ndarray]:
        return _core.rollout(core, starts, steps, next(seeds), actions=actions, **extra)

    let_torch_threads_idle()
    benchmark.pedantic(rollout, rounds=rounds, warmup_rounds=1)
    gflops = per_second(benchmark, flops * paths * steps, 1e9)
    mean = _core.rollout(core, starts, steps, 0, actions=actions, deterministic=True, **extra)
    return mean, gflops


def _record_plasma(
    benchmark: Any, paths: int, steps: int, gflops: float, err: float, **more: Any
) -> None:
    """Records a Plasma rollout row: its rate, its largest difference from the torch reference
    over the first 10 steps (``err``) and the ``more`` notes of its kind."""
    transitions = paths * steps
    record(
        benchmark,
        role="plasma",
        ops_per_call=transitions,
        transitions_per_s=f"{per_second(benchmark, transitions, 1):.3g}",
        gflops=f"{gflops:.1f}",
        share_of_peak=f"{gflops / PEAK:.0%} of {PEAK:.0f} GFLOP/s",
        max_abs_diff_10_steps=f"{err:.1e}",
        **more,
        build=_core.build_profile,
    )


@pytest.fixture(scope="module")
def pendulum_sized_model() -> WorldModel:
    return random_model(3, 1)


def _case(benchmark: Any, kind: str, paths: int, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Names the benchmark's group (the rollout ``kind`` and size) and returns its starts and
    actions, the same for Plasma and the reference."""
    benchmark.group = f"{kind} {paths} paths x {steps} steps (5 x 200x3 SiLU ensemble)"
    rng = np.random.default_rng(1)
    starts = rng.uniform(-1, 1, (paths, 3)).astype(np.float32)
    actions = rng.uniform(-2, 2, (paths, steps, 1)).astype(np.float32)
    return starts, actions


@pytest.mark.parametrize(("paths", "steps"), SIZES)
def test_rollout_ts1_rust(
    benchmark: Any, pendulum_sized_model: WorldModel, paths: int, steps: int
) -> None:
    starts, actions = _case(benchmark, "TS-1 rollout", paths, steps)
    model = pendulum_sized_model
    # each path through its own member only
    rust, gflops = _time_plasma(
        benchmark, model, starts, actions, members=1, compute_uncertainty=False
    )
    # Agreement with the torch TS-1 reference with the same members, on mean predictions
    # (float32 rounding differences grow along a path, so the first 10 steps are compared).
    ref = torch_rollout_ts1(model, starts, actions[:, :10], 0, rust["members"], deterministic=True)
    err = float(np.abs(rust["states"][:, :11] - ref["states"]).max())
    _record_plasma(benchmark, paths, steps, gflops, err)


@pytest.mark.parametrize(("paths", "steps"), SIZES)
def test_rollout_ts1_torch_reference(
    benchmark: Any, pendulum_sized_model: WorldModel, paths: int, steps: int
) -> None:
    starts, actions = _case(benchmark, "TS-1 rollout", paths, steps)
    members = np.random.default_rng(0).integers(0, MEMBERS, paths)
    _time_reference(
        benchmark, torch_rollout_ts1, (pendulum_sized_model, starts, actions, 0, members)
    )


@pytest.mark.parametrize(("paths", "steps"), SIZES)
def test_rollout_rust(
    benchmark: Any, pendulum_sized_model: WorldModel, paths: int, steps: int
) -> None:
    starts, actions = _case(benchmark, "rollout with disagreement", paths, steps)
    model = pendulum_sized_model
    rust, gflops = _time_plasma(benchmark, model, starts, actions)
    # Agreement: the same members and mean predictions give the same paths and disagreement.
    ref = torch_rollout(model, starts, actions, 0, deterministic=True, members=rust["members"])
    err = float(np.abs(rust["states"][:, :11] - ref["states"][:, :11]).max())
    unc_err = float(np.abs(rust["uncertainty"][:, :10] - ref["uncertainty"][:, :10]).max())
    reward_err = float(np.abs(rust["rewards"][:, :10] - ref["rewards"][:, :10]).max())
    _record_plasma(
        benchmark,
        paths,
        steps,
        gflops,
        err,
        uncertainty_max_abs_diff=f"{unc_err:.1e}",
        reward_max_abs_diff=f"{reward_err:.1e}",
        agree=err < 1e-4 and unc_err < 1e-4 and reward_err < 1e-4,
    )


@pytest.mark.parametrize(("paths", "steps"), SIZES)
def test_rollout_torch_reference(
    benchmark: Any, pendulum_sized_model: WorldModel, paths: int, steps: int
) -> None:
    starts, actions = _case(benchmark, "rollout with disagreement", paths, steps)
    _time_reference(benchmark, torch_rollout, (pendulum_sized_model, starts, actions, 0, False))


# ------------------------------------------------------------------------------------------ CEM
CEM = {"population": 350, "particles": 20, "horizon": 15, "iterations": 5, "elite_frac": 0.1}


@torch.no_grad()
def torch_cem(model: WorldModel, state: np.ndarray, seed: int) -> np.ndarray:
    """PETS-style CEM: particle j of every candidate uses member j mod E (TS-inf). The outcome
    head gives the rewards (and its termination logits are computed), as in the core's planner
    and the rollout references."""
    gen = torch.Generator().manual_seed(seed)
    pop, parts, h, iters = CEM["population"], CEM["particles"], CEM["horizon"], CEM["iterations"]
    n_elite = int(pop * CEM["elite_frac"])
    low, high = -2.0, 2.0
    mean = torch.zeros(h, 1)
    std = torch.full((h, 1), 0.5 * (high - low))
    members = torch.arange(parts) % MEMBERS  # particle -> member
    for _ in range(iters):
        cand = (mean + std * torch.randn((pop, h, 1), generator=gen)).clamp(low, high)
        s = torch.as_tensor(state).expand(pop * parts, -1).clone()
        returns = torch.zeros(pop * parts)
        acts = cand.repeat_interleave(parts, dim=0)  # [pop*parts, h, 1]
        order = torch.argsort(members.repeat(pop), stable=True)  # group rows by member
        for t in range(h):
            inputs = torch.cat([s, acts[:, t]], 1)
            x = inputs[order].view(MEMBERS, -1, model.input_dim)
            raw = model.net((x - model.input_mean) / model.input_std)
            mean_t, logvar, _ = model._split(raw)
            mu = mean_t + torch.exp(0.5 * logvar) * torch.randn(mean_t.shape, generator=gen)
            target = (mu * model.output_std + model.output_mean).view(-1, model.target_dim)
            unsorted = torch.empty_like(target)
            unsorted[order] = target
            next_s = s + unsorted[:, : model.state_dim]
            returns += outcome_step(model, inputs, next_s, unsorted[:, model.state_dim])
            s = next_s
        score = returns.view(pop, parts).mean(1)
        elite = cand[torch.topk(score, n_elite).indices]
        mean, std = elite.mean(0), elite.std(0)
    return mean[0].numpy()


@pytest.fixture(scope="module")
def cartpole_sized_model() -> WorldModel:
    return random_model(4, 1, seed=1)


def test_cem_decision_rust(benchmark: Any, cartpole_sized_model: WorldModel) -> None:
    benchmark.group = "CEM decision, PETS cartpole size (350 x 20 particles x 15 x 5 iters)"
    core = cartpole_sized_model.to_core()
    state = np.zeros(4, dtype=np.float32)
    planner = {"kind": "cem", "alpha": 0.0, "init_std": 0.5, **CEM}
    low, high = np.array([-2.0], np.float32), np.array([2.0], np.float32)
    let_torch_threads_idle()
    benchmark.pedantic(
        _core.plan, args=(core, state, planner, 0),
        kwargs={"action_low": low, "action_high": high}, rounds=5, warmup_rounds=1,
    )  # fmt: skip
    record(
        benchmark, role="plasma", build=_core.build_profile, model_evals=350 * 20 * 15 * 5,
        outcome_head=cartpole_sized_model.outcome is not None,
    )  # fmt: skip


def test_cem_decision_torch_reference(benchmark: Any, cartpole_sized_model: WorldModel) -> None:
    benchmark.group = "CEM decision, PETS cartpole size (350 x 20 particles x 15 x 5 iters)"
    state = np.zeros(4, dtype=np.float32)
    benchmark.pedantic(torch_cem, args=(cartpole_sized_model, state, 0), rounds=3, warmup_rounds=1)
    record(
        benchmark, role="reference", torch_threads=torch.get_num_threads(),
        outcome_head=cartpole_sized_model.outcome is not None,
    )  # fmt: skip
