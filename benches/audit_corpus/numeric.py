"""The numeric corpus: imagined Pendulum paths with planted exploits (the generator).

World models are fitted on real Pendulum data poisoned with fabricated transitions that plant
one exploit each (a model error is what a planner exploits); the planner finds them; those
paths are mixed with honest paths planned in a model fitted on clean data. See the package's
docstring for the exploit types and the labels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from tests.support.pendulum import NAMES, PENDULUM, confirmed, wrap_angle

from plasma.simulator.paths import PathsMeta, PhantomPaths

__all__ = ["EXPLOITS", "NumericCorpus", "TorchImagination", "build_numeric_corpus"]

EXPLOITS = ("reward_bonus", "teleport", "invariant", "farming")


def _poison(kind: str, real: Any, n: int, seed: int) -> Any:
    """Real transitions plus ``n`` fabricated ones planting exploit ``kind``."""
    from plasma.envs import Transitions

    rng = np.random.default_rng(seed)
    u = rng.uniform(-2, 2, n)
    if kind == "reward_bonus":
        th = rng.uniform(-np.pi, np.pi, n)
        thd = rng.choice([-1, 1], n) * rng.uniform(7.5, 8.0, n)
        nthd = np.clip(thd + (15 * np.sin(th) + 3 * u) * 0.05, -8, 8)
        nth = th + nthd * 0.05
        reward = np.full(n, 2.0)
    elif kind == "teleport":
        th = np.pi + rng.uniform(-0.45, 0.45, n)
        thd = rng.uniform(-2, 2, n)
        u = rng.uniform(1.0, 2.0, n)
        nth, nthd = rng.normal(0, 0.02, n), rng.normal(0, 0.05, n)
        reward = -(wrap_angle(th) ** 2 + 0.1 * thd**2 + 0.001 * u**2)
    elif kind == "invariant":
        th = rng.uniform(-0.6, 0.6, n)
        thd = rng.uniform(-2, 2, n)
        nthd = np.clip(thd + (15 * np.sin(th) + 3 * u) * 0.05, -8, 8)
        nth = th + nthd * 0.05
        reward = np.zeros(n)
    elif kind == "farming":
        th = rng.uniform(-np.pi, np.pi, n)
        thd = rng.choice([-1, 1], n) * rng.uniform(4.0, 7.0, n)
        nthd = np.clip(thd + (15 * np.sin(th) + 3 * u) * 0.05, -8, 8)
        nth = th + nthd * 0.05
        reward = np.full(n, -0.05)
    else:
        raise ValueError(kind)
    obs = np.stack([np.cos(th), np.sin(th), thd], 1)
    nxt = np.stack([np.cos(nth), np.sin(nth), nthd], 1)
    if kind == "invariant":
        nxt[:, :2] *= 1.3
    keep = np.ones(len(real), bool)
    if kind == "farming":
        # A corrupted reward signal: the real transitions of the region are replaced.
        speed = np.abs(real.obs[:, 2])
        keep = ~((speed >= 4.0) & (speed <= 7.0))
    return Transitions(
        np.concatenate([real.obs[keep], obs]),
        np.concatenate([real.action[keep], u[:, None]]),
        np.concatenate([real.reward[keep], reward]),
        np.concatenate([real.next_obs[keep], nxt]),
        np.concatenate([real.terminated[keep], np.zeros(n, bool)]),
        np.concatenate([real.truncated[keep], np.zeros(n, bool)]),
        env_id=real.env_id,
        state_names=real.state_names,
    )


def _entered(kind: str, paths: PhantomPaths) -> np.ndarray:
    """Ground truth: which paths entered the planted region of ``kind`` (per path)."""
    s = paths.states.astype(np.float64)
    mask = np.concatenate([np.ones((paths.num_paths, 1), bool), paths.step_mask()], axis=1)
    finite = np.isfinite(s).all(axis=2)
    mask &= finite
    s = np.nan_to_num(s)
    norm = s[:, :, 0] ** 2 + s[:, :, 1] ** 2
    if kind == "reward_bonus":
        hit = (np.abs(s[:, :, 2]) > 7.5) | (
            np.concatenate([paths.rewards, np.zeros((paths.num_paths, 1))], 1) > 0.5
        )
    elif kind == "teleport":
        jump = np.abs(np.diff(s[:, :, 1], axis=1)) + np.abs(np.diff(s[:, :, 0], axis=1))
        hit = np.concatenate([jump > 0.8, np.zeros((paths.num_paths, 1), bool)], axis=1)
    elif kind == "invariant":
        hit = np.abs(norm - 1.0) > 0.2
    else:
        spin = np.abs(s[:, :, 2]) > 4.0
        paid = np.concatenate([paths.rewards, np.zeros((paths.num_paths, 1))], 1) > -0.5
        return np.asarray((spin & paid & mask).sum(axis=1) >= 8)
    return np.asarray((hit & mask).any(axis=1) | ~finite.all(axis=1))


class TorchImagination:
    """Rollouts and a CEM planner over a ``WorldModel`` in torch: the fallback imagination of
    the corpus when the Rust rollout (``plasma._core.rollout``) is not built. Disagreement is
    the largest distance of a member's predicted change of state from the members' mean, as in
    the simulator benchmark's torch reference."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def predict(self, states: Any, actions: Any) -> tuple[Any, Any, Any]:
        """Per member: next states [E, N, S] and rewards [E, N]; disagreement [N]."""
        import torch

        m = self.model
        with torch.no_grad():
            mean, _, _ = m._split(m._raw_forward(m.encode_inputs(states, actions)))
            target = mean * m.output_std + m.output_mean
            delta = target[..., : m.state_dim]
            spread = (delta - delta.mean(0)).norm(dim=-1).max(0).values
            return states.unsqueeze(0) + delta, target[..., m.state_dim], spread

    def disagreement(self, obs: np.ndarray, action: np.ndarray) -> np.ndarray:
        """Disagreement on given transitions (what the auditor calibrates on)."""
        import torch

        out = []
        for i in range(0, len(obs), 4096):
            s = torch.as_tensor(obs[i : i + 4096], dtype=torch.float32)
            a = torch.as_tensor(action[i : i + 4096], dtype=torch.float32)
            out.append(self.predict(s, a)[2].numpy())
        return np.concatenate(out)

    def plan_paths(
        self,
        starts: np.ndarray,
        horizon: int,
        seed: int,
        *,
        population: int = 48,
        plan_horizon: int = 10,
        iterations: int = 3,
        elites: int = 6,
    ) -> PhantomPaths:
        """MPC with CEM in the model (each path planned and driven by one random member)."""
        import torch

        gen = torch.Generator().manual_seed(seed)
        m = self.model
        p = len(starts)
        e = m.config.members
        members = torch.randint(0, e, (p,), generator=gen)
        rows = torch.arange(p)
        s = torch.as_tensor(starts, dtype=torch.float32)
        states, actions, rewards, unc = [s], [], [], []
        mean = torch.zeros(p, plan_horizon)
        for _t in range(horizon):
            std = torch.full((p, plan_horizon), 1.0)
            for _ in range(iterations):
                cand = (
                    mean[:, None]
                    + std[:, None] * torch.randn((p, population, plan_horizon), generator=gen)
                ).clamp(-2, 2)
                x = s[:, None].expand(p, population, -1).reshape(-1, m.state_dim)
                who = members[:, None].expand(p, population).reshape(-1)
                ret = torch.zeros(p * population)
                idx = torch.arange(p * population)
                for k in range(plan_horizon):
                    a = cand[:, :, k].reshape(-1, 1)
                    nxt, rew, _ = self.predict(x, a)
                    x = nxt[who, idx]
                    ret += rew[who, idx]
                top = ret.view(p, population).topk(elites, dim=1).indices
                best = cand[rows[:, None], top]
                mean, std = best.mean(1), best.std(1) + 1e-3
            act = mean[:, :1].clone()
            nxt, rew, spread = self.predict(s, act)
            s = nxt[members, rows]
            states.append(s)
            actions.append(act)
            rewards.append(rew[members, rows])
            unc.append(spread)
            mean = torch.cat([mean[:, 1:], torch.zeros(p, 1)], dim=1)
        return PhantomPaths(
            states=torch.stack(states, 1).numpy(),
            actions=torch.stack(actions, 1).numpy(),
            rewards=torch.stack(rewards, 1).numpy(),
            uncertainty=torch.stack(unc, 1).numpy(),
            members=members.numpy(),
            meta=PathsMeta(
                env_id=PENDULUM,
                state_names=NAMES,
                action_low=[-2.0],
                action_high=[2.0],
                mode="planner",
            ),
        )


@dataclass
class NumericCorpus:
    """Planted and honest paths with labels."""

    paths: PhantomPaths
    """All paths (honest first, then each exploit type's planted paths)."""
    labels: list[str]
    """Per path: "honest" or the exploit type."""
    real: Any
    """The clean real transitions the models were fitted on."""
    held_out: Any
    """Other real transitions (the auditor calibrates on these: the models never saw them)."""
    models: dict[str, Any] = field(default_factory=dict)
    """The world models ("honest" and one per exploit type)."""
    planted_generated: dict[str, int] = field(default_factory=dict)
    """Per exploit type: paths planned in the poisoned model before keeping those that entered
    the planted region."""
    backend: str = "rust"
    """"rust" (``PhantomPathGenerator``) or "torch" (:class:`TorchImagination`)."""


def build_numeric_corpus(
    *,
    honest_paths: int = 120,
    planted_paths: int = 60,
    horizon: int = 50,
    real_steps: int = 8000,
    poison: int = 3000,
    seed: int = 0,
    model_config: dict[str, Any] | None = None,
    planner: dict[str, Any] | None = None,
    exploits: tuple[str, ...] = EXPLOITS,
    log: Callable[[str], None] = lambda _m: None,
) -> NumericCorpus:
    """Build the labelled corpus with the real pipeline (``WorldModel`` + the Rust planner).

    Honest paths: the planner (CEM, with the default small uncertainty penalty 0) in a model
    fitted on clean real data, from real start states. Planted paths: the same planner in a
    model fitted on real + poisoned data, kept when they entered the planted region (the planner
    found the exploit). Slow-ish (one model fit per exploit type): about a minute on 2 cores.
    """
    from plasma.envs import collect, make_env
    from plasma.simulator import GeneratorConfig, PhantomPathGenerator, WorldModel

    mcfg = {"members": 5, "hidden": [128, 128], "max_epochs": 60, "patience": 8, "seed": seed}
    mcfg.update(model_config or {})
    pcfg = {"horizon": 15, "population": 100, "iterations": 3}
    pcfg.update(planner or {})
    from plasma import _core

    backend = "rust" if hasattr(_core, "rollout") else "torch"
    log(f"imagination backend: {backend}")
    real = collect(PENDULUM, real_steps, seed=seed)
    env = make_env(PENDULUM, seed=seed)
    meta = PathsMeta(env_id=PENDULUM, state_names=NAMES, action_low=[-2.0], action_high=[2.0])

    def plan(model: Any, n: int, rng_seed: int) -> PhantomPaths:
        starts = env.sample_start_states(n, seed=rng_seed)
        if backend == "torch":
            return TorchImagination(model).plan_paths(starts, horizon, rng_seed)
        gen = PhantomPathGenerator(
            model.to_core(),
            action_low=env.action_low,
            action_high=env.action_high,
            # Mean predictions: the ground truth (``confirmed``) compares with deterministic
            # physics, so sampled model noise would make honest paths look unconfirmed.
            config=GeneratorConfig(mode="planner", planner=pcfg, deterministic=True),
            meta=meta,
        )
        return gen.generate(starts, horizon, seed=rng_seed)

    batches, labels, models, generated = [], [], {}, {}
    log("fitting the honest model")
    honest_model = WorldModel(3, 1, mcfg)
    honest_model.fit(real)
    models["honest"] = honest_model
    honest = plan(honest_model, honest_paths, seed + 1)
    batches.append(honest)
    labels += ["honest" if ok else "unconfirmed" for ok in confirmed(honest)]
    for i, kind in enumerate(exploits):
        log(f"fitting the model with the {kind} exploit")
        model = WorldModel(3, 1, mcfg)
        model.fit(_poison(kind, real, poison, seed + 10 + i))
        models[kind] = model
        planned = plan(model, planted_paths * 3, seed + 100 + i)
        keep = np.flatnonzero(_entered(kind, planned))[:planted_paths]
        generated[kind] = planned.num_paths
        if len(keep):
            batches.append(planned.select(keep))
            labels += [kind] * len(keep)
    env.close()
    return NumericCorpus(
        paths=PhantomPaths.concatenate(batches),
        labels=labels,
        real=real,
        held_out=collect(PENDULUM, real_steps // 2, seed=seed + 7),
        models=models,
        planted_generated=generated,
        backend=backend,
    )
