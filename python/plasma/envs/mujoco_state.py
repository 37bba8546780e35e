"""Reset-to-state for MuJoCo envs, found and verified from real steps (no per-env knowledge).

A MuJoCo env's simulator state is its ``(qpos, qvel)``; ``unwrapped.set_state(qpos, qvel)`` puts
the simulator there. Whether an *observation* gives that state depends on the env: some observe
``qpos`` and ``qvel`` whole, some encode hinge angles as (cos, sin), some leave coordinates out
(a locomotion task drops its x position). :func:`probe_mujoco` finds out from real steps:

1. **Map**: random-action steps are taken while the true ``(qpos, qvel)`` before each step is
   read from the simulator, and further steps from those states with faster velocities. Each
   coordinate is located in the observation (a column that equals it on every step, or a cos/sin
   pair of columns); a coordinate that never changed is set to the value it always had; one that
   changed and is not observed is *hidden*.
2. **Verify**: on further real steps (held out from step 1), the simulator is put into the state
   rebuilt from the observation (float32, as Plasma stores it) and takes the real action; its next
   observation, reward and termination must match the real ones, as closely as a replay from the
   true state rounded to float32 does (plus a relative epsilon of the variable's scale). Hidden
   coordinates are set to their median during this check while the real ones vary, so a step
   that depends on them fails it: the env then has no reset-to-state, and the reason says which
   coordinate and how far the replayed step was off. Nothing is guessed: a hidden coordinate is
   accepted only when the real steps show that the outcome does not depend on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["ResetToState", "StateMap", "is_mujoco", "probe_mujoco"]

GymEnv = Any

MAP_STEPS = 300
"""Real steps used to locate the coordinates in the observation."""
VERIFY_STEPS = 300
"""Further real steps on which a rebuilt state must reproduce the real step."""
EPISODE_STEPS = 60
"""The probe restarts an episode after this many steps (more varied states)."""
RELATIVE_EPSILON = 1e-5
"""Allowed replay error beyond float32 rounding, as a share of each variable's scale (std plus
mean magnitude over the probe): far below any model error, far above rounding."""
STRESS = 4.0
"""The map is also checked at real states with their velocities times this."""
ROUNDING_FACTOR = 4.0
"""A rebuilt-state replay may be off by this multiple of a replay from the true state rounded to
float32 (the observation's precision)."""


@dataclass(frozen=True)
class StateMap:
    """How an observation gives the simulator state ``(qpos, qvel)`` of a MuJoCo env."""

    nq: int
    """Size of qpos."""
    nv: int
    """Size of qvel."""
    sources: tuple[tuple[str, int, int], ...]
    """Per coordinate (qpos then qvel): ``("obs", j, -1)`` the observation's column j,
    ``("angle", jc, js)`` the angle of the cos/sin columns, ``("fixed", -1, -1)`` the ``fill``."""
    fill: tuple[float, ...]
    """Value of each coordinate that is not read from the observation."""
    names: tuple[str, ...]
    """Name of each coordinate, e.g. ``"qpos[0] (rootx)"``."""
    hidden: tuple[int, ...] = ()
    """Coordinates that vary but are not observed (the real steps showed the outcome does not
    depend on them)."""

    def state(self, obs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(qpos, qvel)`` for an observation ``[state_dim]``."""
        o = np.asarray(obs, dtype=np.float64).reshape(-1)
        out = np.array(self.fill, dtype=np.float64)
        for i, (kind, a, b) in enumerate(self.sources):
            if kind == "obs":
                out[i] = o[a]
            elif kind == "angle":
                out[i] = float(np.arctan2(o[b], o[a]))
        return out[: self.nq], out[self.nq :]

    def describe(self) -> str:
        """A one-line account of the map, for reports."""
        angles = [self.names[i] for i, s in enumerate(self.sources) if s[0] == "angle"]
        fixed = [
            self.names[i]
            for i, s in enumerate(self.sources)
            if s[0] == "fixed" and i not in self.hidden
        ]
        parts = ["the observation gives qpos and qvel"]
        if angles:
            parts.append(f"{', '.join(angles)} from cos/sin pairs")
        if fixed:
            parts.append(f"{', '.join(fixed)} never change (set to their constant value)")
        if self.hidden:
            hidden = ", ".join(self.names[i] for i in self.hidden)
            parts.append(
                f"{hidden} not observed: real steps do not depend on it (set to its median)"
            )
        return "; ".join(parts)


@dataclass(frozen=True)
class ResetToState:
    """Whether an env can be put into the state an observation describes, and how."""

    supported: bool
    """True when :meth:`PlasmaEnv.set_state` works for this env."""
    method: str
    """"classic" (Plasma's knowledge of a classic-control env), "mujoco" (a verified map from the
    observation to qpos/qvel) or "none"."""
    reason: str
    """How the state is set, or why it cannot be (shown in audit reports)."""
    state_map: StateMap | None = None
    """The MuJoCo map (method "mujoco")."""
    verified: int = 0
    """Real steps a rebuilt state reproduced (method "mujoco")."""
    max_error: dict[str, float] = field(default_factory=dict)
    """Largest replay error seen in the verification, per observation variable and "reward"."""


def is_mujoco(unwrapped: object) -> bool:
    """True for a Gymnasium MuJoCo env (``set_state(qpos, qvel)`` and ``data.qpos/qvel``)."""
    data = getattr(unwrapped, "data", None)
    return (
        callable(getattr(unwrapped, "set_state", None))
        and data is not None
        and hasattr(data, "qpos")
        and hasattr(data, "qvel")
        and hasattr(unwrapped, "model")
    )


def _coordinate_names(unwrapped: Any, nq: int, nv: int) -> list[str]:
    names = [f"qpos[{i}]" for i in range(nq)] + [f"qvel[{i}]" for i in range(nv)]
    model = unwrapped.model
    try:
        for j in range(int(model.njnt)):
            joint = model.joint(j).name
            if not joint:
                continue
            q, d = int(model.jnt_qposadr[j]), int(model.jnt_dofadr[j])
            if 0 <= q < nq:
                names[q] = f"qpos[{q}] ({joint})"
            if 0 <= d < nv:
                names[nq + d] = f"qvel[{d}] ({joint})"
    except (AttributeError, IndexError, TypeError, KeyError):
        pass
    return names


@dataclass
class _Steps:
    obs: list[np.ndarray] = field(default_factory=list)
    state: list[np.ndarray] = field(default_factory=list)
    action: list[np.ndarray] = field(default_factory=list)
    reward: list[float] = field(default_factory=list)
    terminated: list[bool] = field(default_factory=list)
    next_obs: list[np.ndarray] = field(default_factory=list)


def _record(
    env: GymEnv, n: int, rng: np.random.Generator, sample: Callable[[], Any], seed: int
) -> _Steps:
    u = env.unwrapped
    out = _Steps()
    obs, _ = env.reset(seed=seed)
    t = 0
    while len(out.obs) < n:
        action = sample()
        state = np.concatenate([np.array(u.data.qpos, dtype=np.float64), u.data.qvel])
        nxt, reward, terminated, truncated, _ = env.step(action)
        out.obs.append(np.asarray(obs, dtype=np.float64).reshape(-1))
        out.state.append(state)
        out.action.append(np.asarray(action))
        out.reward.append(float(reward))
        out.terminated.append(bool(terminated))
        out.next_obs.append(np.asarray(nxt, dtype=np.float64).reshape(-1))
        obs, t = nxt, t + 1
        if terminated or truncated or t >= EPISODE_STEPS:
            obs, _ = env.reset(seed=int(rng.integers(0, 2**31 - 1)))
            t = 0
    return out


def _locate(
    obs32: np.ndarray, states: np.ndarray, nq: int, real_rows: int
) -> tuple[list[tuple[str, int, int]], np.ndarray, list[int], list[int]]:
    """Where each coordinate is in the observation. Returns the sources, the fill values, the
    hidden coordinates and those of them the observation gives on the first ``real_rows`` rows
    (the real states) but not on the faster ones."""
    sources: list[tuple[str, int, int]] = []
    fill = np.median(states, axis=0)
    hidden: list[int] = []
    partial: list[int] = []
    for i in range(states.shape[1]):
        s = states[:, i]
        if np.all(s == s[0]):
            sources.append(("fixed", -1, -1))
            fill[i] = s[0]
            continue
        as32 = s.astype(np.float32)
        same = [j for j in range(obs32.shape[1]) if np.array_equal(obs32[:, j], as32)]
        if same:
            sources.append(("obs", same[0], -1))
            continue
        cos32, sin32 = np.cos(s).astype(np.float32), np.sin(s).astype(np.float32)
        cos = [j for j in range(obs32.shape[1]) if np.array_equal(obs32[:, j], cos32)]
        sin = [j for j in range(obs32.shape[1]) if np.array_equal(obs32[:, j], sin32)]
        if i < nq and cos and sin:
            sources.append(("angle", cos[0], sin[0]))
            continue
        sources.append(("fixed", -1, -1))
        hidden.append(i)
        real = slice(0, real_rows)
        if any(np.array_equal(obs32[real, j], as32[real]) for j in range(obs32.shape[1])):
            partial.append(i)
    return sources, fill, hidden, partial


def probe_mujoco(
    env: GymEnv,
    *,
    state_dim: int,
    sample_action: Callable[[np.random.Generator], Any],
    seed: int = 0,
) -> ResetToState:
    """Find and verify how observations of the MuJoCo env ``env`` give its simulator state.

    ``env`` is stepped (its episode is lost): pass an instance made for the probe.
    ``sample_action(rng)`` draws a random action in the env's own format. See the module
    docstring for the method.
    """
    u = env.unwrapped
    nq, nv = int(np.size(u.data.qpos)), int(np.size(u.data.qvel))
    names = _coordinate_names(u, nq, nv)
    rng = np.random.default_rng(seed)

    def sample() -> Any:
        return sample_action(rng)

    steps = _record(env, MAP_STEPS + VERIFY_STEPS, rng, sample, seed)
    obs = np.array(steps.obs)
    if obs.shape[1] != state_dim:
        return ResetToState(
            False, "none", f"observations have {obs.shape[1]} values, expected {state_dim}"
        )
    states = np.array(steps.state)
    # Faster states than random actions reach (velocities times STRESS) show whether the
    # observation keeps giving a coordinate there (an observation that clips velocities does
    # not): after a step, the observation and the simulator's state are of the same instant.
    map_obs, map_states = [obs[:MAP_STEPS]], [states[:MAP_STEPS]]
    env.reset(seed=seed)
    for idx in range(0, MAP_STEPS, 3):
        u.set_state(states[idx, :nq], states[idx, nq:] * STRESS)
        nxt, *_ = env.step(steps.action[idx])
        now = np.concatenate([np.array(u.data.qpos, dtype=np.float64), u.data.qvel])
        nxt = np.asarray(nxt, dtype=np.float64).reshape(1, -1)
        if np.isfinite(nxt).all() and np.isfinite(now).all():
            map_obs.append(nxt)
            map_states.append(now[None])
    sources, fill, hidden, partial = _locate(
        np.concatenate(map_obs).astype(np.float32), np.concatenate(map_states), nq, MAP_STEPS
    )
    smap = StateMap(
        nq=nq,
        nv=nv,
        sources=tuple(sources),
        fill=tuple(float(v) for v in fill),
        names=tuple(names),
        hidden=tuple(hidden),
    )
    held = slice(MAP_STEPS, MAP_STEPS + VERIFY_STEPS)
    real_next = np.array(steps.next_obs[held])
    real_reward = np.array(steps.reward[held])
    real_term = np.array(steps.terminated[held])
    rebuilt_next = np.empty_like(real_next)
    rebuilt_reward = np.empty_like(real_reward)
    rebuilt_term = np.empty_like(real_term)
    rounded_next = np.empty_like(real_next)
    rounded_reward = np.empty_like(real_reward)
    env.reset(seed=seed)
    for k, idx in enumerate(range(MAP_STEPS, MAP_STEPS + VERIFY_STEPS)):
        action = steps.action[idx]
        qpos, qvel = smap.state(obs[idx].astype(np.float32))
        u.set_state(qpos, qvel)
        nxt, reward, terminated, _, _ = env.step(action)
        rebuilt_next[k], rebuilt_reward[k], rebuilt_term[k] = (
            np.asarray(nxt, dtype=np.float64).reshape(-1),
            float(reward),
            bool(terminated),
        )
        true32 = states[idx].astype(np.float32).astype(np.float64)
        u.set_state(true32[:nq], true32[nq:])
        nxt, reward, *_ = env.step(action)
        rounded_next[k], rounded_reward[k] = np.asarray(nxt, dtype=np.float64).reshape(-1), reward
    env.reset(seed=seed)

    def tolerance(real: np.ndarray, rounded: np.ndarray) -> np.ndarray:
        scale = real.std(axis=0) + np.abs(real).mean(axis=0)
        tol = RELATIVE_EPSILON * scale + ROUNDING_FACTOR * np.abs(rounded - real) + 1e-12
        return np.asarray(tol, dtype=np.float64)

    err = np.abs(rebuilt_next - real_next)
    bad = err > tolerance(real_next, rounded_next)
    r_err = np.abs(rebuilt_reward - real_reward)
    r_bad = r_err > tolerance(real_reward[:, None], rounded_reward[:, None])[:, 0]
    t_bad = rebuilt_term != real_term
    max_error = {f"x{j}": float(err[:, j].max()) for j in range(err.shape[1])}
    max_error["reward"] = float(r_err.max())
    if bad.any() or r_bad.any() or t_bad.any():
        what = []
        if bad.any():
            j = int(np.argmax(bad.sum(axis=0)))
            what.append(f"next x{j} off by up to {err[:, j].max():.3g}")
        if r_bad.any():
            what.append(f"reward off by up to {r_err.max():.3g}")
        if t_bad.any():
            what.append(f"termination differs on {int(t_bad.sum())} steps")
        share = int((bad.any(axis=1) | r_bad | t_bad).sum())
        unseen = ", ".join(names[i] for i in hidden if i not in partial)
        clipped = ", ".join(names[i] for i in partial)
        causes = []
        if unseen:
            causes.append(f"the observation does not give {unseen}")
        if clipped:
            subject = "it" if causes else "the observation"
            causes.append(
                f"{subject} gives {clipped} only at the speeds random actions reach, not at "
                "faster ones (clipped or transformed)"
            )
        cause = (
            "; ".join(causes) + ", and real steps depend on at least one of them"
            if causes
            else "the state rebuilt from the observation does not reproduce real steps"
        )
        return ResetToState(
            False,
            "none",
            f"{cause}: a replay from the rebuilt state missed {share} of {VERIFY_STEPS} real "
            f"steps ({'; '.join(what)}), so imagined paths cannot be replayed in this env",
            state_map=smap,
            verified=VERIFY_STEPS - share,
            max_error=max_error,
        )
    return ResetToState(
        True,
        "mujoco",
        f"MuJoCo set_state(qpos, qvel): {smap.describe()}; a replay from the rebuilt state "
        f"reproduced {VERIFY_STEPS} of {VERIFY_STEPS} held-out real steps (next observation, "
        f"reward, termination)",
        state_map=smap,
        verified=VERIFY_STEPS,
        max_error=max_error,
    )
