"""``Simulator``: the async front of the simulator — a real environment for start states and real
data, a fitted world model, and a generator that rolls out phantom paths in the Rust core."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Unpack

import numpy as np
from pydantic import ConfigDict, Field

from plasma._arrays import check_finite
from plasma._config import ConfigModel, coerce_config
from plasma._lifecycle import Lifecycle
from plasma.distributed.config import Backend, RayConfig
from plasma.envs import PlasmaEnv, Transitions, collect, make_env
from plasma.errors import InvalidArgumentError, ShapeError
from plasma.simulator.generator import (
    GeneratorConfig,
    Mode,
    PhantomPathGenerator,
    PlannerConfig,
    RolloutRequest,
)
from plasma.simulator.paths import PathsMeta, PhantomPaths
from plasma.simulator.world_model import WorldModel, WorldModelConfig
from plasma.trace import StateTracker
from plasma.trace.component import ComponentTracing
from plasma.trace.span import Span

if TYPE_CHECKING:
    from plasma.distributed.ray_backend import CallStats, RayBackend
    from plasma.simulator.sharded import ModelHandle

__all__ = ["Simulator", "SimulatorConfig"]

log = logging.getLogger("plasma.simulator")

InitialState = Mapping[str, float] | np.ndarray | list[float] | list[list[float]] | None


class SimulatorConfig(ConfigModel):
    """Settings of a :class:`Simulator`; ``Simulator()`` uses these defaults (Pendulum-v1)."""

    model_config = ConfigDict(extra="forbid")

    env_id: str = "Pendulum-v1"
    """Gymnasium id of the environment to imagine."""
    variant: dict[str, float] = Field(default_factory=dict)
    """Physical variant of the environment, e.g. {"g": 12.0}."""
    env_kwargs: dict[str, Any] = Field(default_factory=dict)
    """Keyword arguments of gymnasium.make for the environment."""
    seed: int = 0
    """Seed of real data collection, model fitting and rollouts (each simulate call advances it)."""
    warmup_steps: int = Field(default=1000, ge=10)
    """Real steps that start() collects (random actions) to fit a model when none is given."""
    world_model: WorldModelConfig = Field(default_factory=WorldModelConfig.compact)
    """Architecture and training of the world model fitted by start() (the training run's
    default, :meth:`WorldModelConfig.compact`)."""
    generator: GeneratorConfig = Field(default_factory=GeneratorConfig)
    """How paths are rolled out (planner mode by default)."""
    backend: Backend = "local"
    """Where paths are rolled out: "local" (this process) or "ray" (sharded over the workers of
    a Ray cluster, identical paths for the same seed;
    ``pip install "plasma-agents[ray]"``)."""
    ray: RayConfig = Field(default_factory=RayConfig)
    """The Ray cluster and workers (backend "ray")."""


class Simulator(Lifecycle):
    """Imagines phantom paths with a learned world model.

    >>> simulator = Simulator()  # Pendulum-v1; start() collects real data and fits a model
    >>> await simulator.start()
    >>> paths = await simulator.simulate({"step": 0}, num_paths=10, path_length=100)

    ``initial_state`` may be a dict of named state variables (partial: the rest is drawn from the
    environment's start distribution; the key "step" is the time index the paths start at), a 1-D
    array (every path starts there), a 2-D array with one start per path, or None (starts drawn
    from the real data).
    """

    _role = "simulator"

    def __init__(
        self,
        config: SimulatorConfig | Mapping[str, Any] | None = None,
        *,
        model: WorldModel | None = None,
        transitions: Transitions | None = None,
        tracker: StateTracker | None = None,
        trace_id: str | None = None,
    ) -> None:
        self.config = coerce_config(SimulatorConfig, config)
        self.model = model
        self.transitions = transitions
        self.tracer = ComponentTracing(tracker, trace_id, "simulator")
        self.env: PlasmaEnv | None = None
        self.generator: PhantomPathGenerator | None = None
        self.real_steps = 0
        self._calls = 0
        self._own_fit = False
        self._started = False
        self._ray: RayBackend | None = None
        self._ray_model: tuple[WorldModel, ModelHandle] | None = None

    # ----------------------------------------------------------------------------- lifecycle
    async def start(self) -> Simulator:
        """Open the environment and make sure a fitted world model is ready.

        Without a fitted model, collects ``warmup_steps`` real steps (unless ``transitions`` were
        given) and fits one; this is logged and recorded in a span.
        """
        if self._started:
            return self
        cfg = self.config
        if cfg.backend == "ray":
            from plasma.distributed.ray_backend import RayBackend

            # First, so that a missing package or an unreachable cluster fails before any fit.
            self._ray = await asyncio.to_thread(RayBackend.acquire, cfg.ray)
        try:
            self.env = await asyncio.to_thread(
                make_env, cfg.env_id, cfg.variant, seed=cfg.seed, env_kwargs=cfg.env_kwargs
            )
            await self.tracer.open(env=cfg.env_id)
            async with self.tracer.span("simulator.start") as span:
                if self.model is None or not self.model.fitted:
                    await self._warm_up(span)
                assert self.model is not None
                self._check_model(self.model)
                self.generator = self._make_generator(self.model)
                span.update_state(
                    {
                        "real_steps": self.real_steps,
                        "fitted_here": self._own_fit,
                        **self._backend_state(),
                    }
                )
        except BaseException as exc:
            self._release_backend()
            if self.env is not None:
                self.env.close_after(exc)  # the start's own error, not close()'s
                self.env = None
            raise
        self._started = True
        return self

    def _backend_state(self) -> dict[str, Any]:
        if self._ray is None:
            return {"backend": "local"}
        return {"backend": "ray", "workers": self._ray.workers}

    def _release_backend(self) -> None:
        self._ray_model = None
        if self._ray is not None:
            self._ray.release()
            self._ray = None

    async def _warm_up(self, span: Span) -> None:
        cfg, env = self.config, self.env
        assert env is not None
        if self.transitions is None:
            log.info(
                "Simulator: no fitted world model given; collecting %d real steps of %s to fit one",
                cfg.warmup_steps,
                cfg.env_id,
            )
            self.transitions = await asyncio.to_thread(
                collect, env, cfg.warmup_steps, seed=cfg.seed
            )
            self.real_steps += len(self.transitions)
        model = self.model or WorldModel.for_env(env, cfg.world_model)
        report = await asyncio.to_thread(model.fit, self.transitions)
        self.model = model
        self._own_fit = True
        span.update_state({"fit": report.model_dump(), "warmup_real_steps": len(self.transitions)})

    def _check_model(self, model: WorldModel) -> None:
        env = self.env
        assert env is not None
        if (model.state_dim, model.action_dim) != (env.state_dim, env.action_dim):
            raise ShapeError(
                f"the world model takes state_dim={model.state_dim}, action_dim={model.action_dim} "
                f"but {env.env_id} has state_dim={env.state_dim}, action_dim={env.action_dim}"
            )

    def _make_generator(self, model: WorldModel) -> PhantomPathGenerator:
        env = self.env
        assert env is not None
        meta = PathsMeta(
            env_id=env.env_id,
            variant=dict(env.variant),
            state_names=list(env.state_names),
            discrete_actions=env.n_actions,
            action_low=[float(v) for v in env.action_low],
            action_high=[float(v) for v in env.action_high],
            model_id=f"world_model@{id(model):x}",
        )
        return PhantomPathGenerator(
            model.to_core(),
            action_low=env.action_low,
            action_high=env.action_high,
            discrete_actions=env.n_actions,
            config=self.config.generator,
            meta=meta,
        )

    def set_model(self, model: WorldModel) -> None:
        """Swap in a newly fitted world model (used by the training loop after each refit)."""
        if not model.fitted:
            raise InvalidArgumentError("set_model needs a fitted world model")
        self.model = model
        self._ray_model = None  # exported to the workers again on the next call
        if self.env is not None:
            self._check_model(model)
            self.generator = self._make_generator(model)

    async def stop(self) -> None:
        """Close the environment, let go of the Ray workers (backend "ray"; the last component
        of the process using them shuts down a Ray instance Plasma started) and complete the
        simulator's own trace, if it made one."""
        if self.env is not None:
            self.env.close_after(None)  # what was simulated stands: a failing close warns
            self.env = None
        if self._ray is not None:
            await asyncio.to_thread(self._release_backend)
        await self.tracer.close()
        self._started = False

    # ----------------------------------------------------------------------------- simulate
    async def simulate(
        self,
        initial_state: InitialState = None,
        num_paths: int = 10,
        path_length: int = 100,
        *,
        mode: Mode | None = None,
        seed: int | None = None,
        policy: Any = None,
        actions: np.ndarray | None = None,
        value: Any = None,
        prior: Any = None,
        planner: PlannerConfig | None = None,
    ) -> PhantomPaths:
        """Imagine ``num_paths`` paths of ``path_length`` steps from ``initial_state``.

        In planner mode a ``value`` (``ValueFunction``) lets the planner see past its horizon, a
        ``prior`` (a ``Policy``) proposes candidate plans and ``planner`` replaces the configured
        planner settings for this call.

        Runs in a worker thread (the Rust core releases the GIL), so several calls overlap. With
        backend "ray" the paths are sharded over the Ray workers; the result is the same.
        """
        self._require_started("simulate")
        assert self.generator is not None
        if not isinstance(num_paths, (int, np.integer)) or num_paths < 1:
            raise InvalidArgumentError(f"num_paths = {num_paths!r}: must be a positive integer")
        if not isinstance(path_length, (int, np.integer)) or path_length < 1:
            raise InvalidArgumentError(f"path_length = {path_length!r}: must be a positive integer")
        call = self._calls
        self._calls += 1
        seed = self.config.seed * 1_000_003 + call if seed is None else seed
        starts, start_step = self.resolve_initial_state(initial_state, int(num_paths), seed)
        generator, model = self.generator, self.model
        async with self.tracer.span(
            "simulator.simulate",
            {"num_paths": int(num_paths), "path_length": int(path_length), "seed": seed},
        ) as span:
            rollout: RolloutRequest = {
                "seed": seed,
                "mode": mode,
                "policy": policy,
                "actions": actions,
                "start_step": start_step,
                "value": value,
                "prior": prior,
                "planner": planner,
            }
            state: dict[str, Any] = {"backend": "local"}
            if self._ray is None:
                paths = await asyncio.to_thread(
                    generator.generate, starts, int(path_length), **rollout
                )
            else:
                assert model is not None
                paths, stats = await asyncio.to_thread(
                    self._generate_ray, model, generator, starts, int(path_length), **rollout
                )
                state = stats.state()
            span.update_state({**paths.summary(), **state})
        return paths

    def _generate_ray(
        self,
        model: WorldModel,
        generator: PhantomPathGenerator,
        starts: np.ndarray,
        horizon: int,
        **request: Unpack[RolloutRequest],
    ) -> tuple[PhantomPaths, CallStats]:
        from plasma.simulator.sharded import ModelHandle, generate_sharded

        backend = self._ray
        assert backend is not None
        cached = self._ray_model
        if cached is None or cached[0] is not model:
            cached = self._ray_model = (model, ModelHandle.put(backend, model, generator))
        return generate_sharded(backend, generator, cached[1], starts, horizon, **request)

    def resolve_initial_state(
        self, initial_state: InitialState, num_paths: int, seed: int
    ) -> tuple[np.ndarray, int]:
        """Start states [num_paths, S] and the start step for an ``initial_state`` argument."""
        env = self.env
        assert env is not None
        s = env.state_dim
        if initial_state is None:
            if self.transitions is not None and len(self.transitions):
                rows = np.random.default_rng(seed).integers(0, len(self.transitions), num_paths)
                return self.transitions.obs[rows].astype(np.float32), 0
            return env.sample_start_states(num_paths, seed=seed), 0
        if isinstance(initial_state, Mapping):
            starts, steps = [], set()
            rng = np.random.default_rng(seed)  # one stream: seeds s and s + 1 share no draws
            for _ in range(num_paths):
                vector, step = env.state_from_dict(initial_state, seed=rng)
                starts.append(vector)
                steps.add(step)
            return np.stack(starts).astype(np.float32), steps.pop()
        try:
            arr = np.asarray(initial_state, dtype=np.float32)
        except (TypeError, ValueError) as err:
            raise ShapeError(
                f"initial_state must be a dict of state variables, an array of shape ({s},) or "
                f"({num_paths}, {s}), or None: {err}"
            ) from err
        if arr.ndim == 1 and arr.shape == (s,):
            arr = np.broadcast_to(arr, (num_paths, s))
        elif arr.ndim != 2 or arr.shape != (num_paths, s):
            raise ShapeError(
                f"initial_state has shape {arr.shape}, expected ({s},) or ({num_paths}, {s}) "
                f"for {env.env_id} ({', '.join(env.state_names)})"
            )
        check_finite("initial_state", arr)
        return np.ascontiguousarray(arr), 0

    @property
    def trace_id(self) -> str | None:
        """The trace the simulator records into when no span is running in the caller."""
        return self.tracer.trace_id
