"""Type stubs of the native module built from rust/plasma-py (checked with mypy.stubtest)."""

import typing
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
from typing_extensions import disjoint_base

from plasma.auditor.numeric import ScanLimits

__all__ = ["__version__", "build_profile"]

__version__: Final[str]
build_profile: Final[Literal["debug", "release"]]

# ---------------------------------------------------------------------------------------- simulator
# Owned by plasma.simulator (rust/plasma-py/src/simulator.rs): dynamics models, policy, rollouts and
# planning. Array arguments accept any real numeric array-like and are converted to float32 (a copy;
# float64 loses precision); integer arguments (``members``) must have an integer dtype. Errors:
# ``plasma.errors.ShapeError`` for a wrong shape or dtype, ``InvalidArgumentError`` for a bad value
# (NaN/Inf, non-positive counts, out-of-range indices, low > high), ``InternalError`` for a bug
# (a Rust panic). Heavy calls release the GIL; results are identical for any ``num_threads``.
__all__ += [
    "CartPoleModel",
    "DynamicsModel",
    "EnsembleModel",
    "PendulumModel",
    "PolicyNet",
    "ValueNet",
    "check_action_bounds",
    "check_planner",
    "plan",
    "planner_defaults",
    "rollout",
    "rollout_chunk_size",
]

_F32 = npt.NDArray[np.float32]
_Arrays = dict[str, npt.NDArray[typing.Any]]

@disjoint_base
class DynamicsModel:
    """Base class of the models that rollouts, planners and ``predict`` run on (true dynamics
    models use member 0 only and report uncertainty 0)."""

    def predict(
        self,
        states: npt.ArrayLike,
        actions: npt.ArrayLike,
        members: npt.ArrayLike | None = None,
        seed: int = 0,
        deterministic: bool = True,
    ) -> _Arrays:
        """One step for ``states [N, S]`` and ``actions [N, A]``. ``members [N]`` picks the member
        of each row; ``None`` uses the whole ensemble (mean of the members' means; when sampling,
        the variance is the mean of their variances plus the variance of their means). Returns
        ``next_states [N, S]``, ``rewards [N]``, ``dones [N]`` (bool) and ``uncertainty [N]`` (max
        over members of the distance of the member's mean state change to the ensemble's)."""
    @property
    def members(self) -> int: ...
    @property
    def state_dim(self) -> int: ...
    @property
    def action_dim(self) -> int:
        """Columns of an action array (1 for discrete actions)."""
    @property
    def discrete_actions(self) -> int | None: ...

@typing.final
class EnsembleModel(DynamicsModel):
    """A probabilistic ensemble world model (PETS-style) predicting normalized
    ``[delta_state, reward]`` means and log-variances, plus a done logit when ``done_head``.

    ``weights[l]`` is ``[E, in, out]`` (``y = x @ W[e] + b[e]``), ``biases[l]`` is ``[E, out]``;
    hidden layers use ``activation`` ("silu", "relu", "tanh", "elu"), the last is linear with
    ``2 * (state_dim + 1) (+ 1)`` outputs. The input is ``concat(state, action)`` normalized by
    ``input_mean`` / ``input_std``; for ``discrete_actions=n`` the action is one column holding
    the index (``action_dim`` 1; ``action_dim=n`` is accepted as a synonym) and is fed one-hot, so
    the input width is ``state_dim + n``. A next state outside ``[state_low, state_high]`` (use
    +-inf for unbounded variables) or a positive done logit is done. A predicted next state is
    first clipped into ``[obs_low, obs_high]`` (the observation space every real state lies in),
    then scaled onto each of ``norm_groups`` (``(indices, sum of squares)``: a joint's cos and sin).

    An outcome head (``reward_weights`` / ``reward_biases`` and ``done_weights`` / ``done_biases``,
    ``[in, out]`` / ``[out]`` per layer, one network each, hidden layers with ``activation``)
    replaces the ensemble's reward and done logit: the reward network on
    ``concat(state, action, next_state)`` (state and action normalized as above, the next state
    like the state) gives the normalized reward (``* reward_std + reward_mean``, no sampled
    noise), the termination network on the normalized next state a done logit."""

    def __new__(
        cls,
        weights: list[npt.ArrayLike],
        biases: list[npt.ArrayLike],
        activation: str,
        state_dim: int,
        action_dim: int,
        input_mean: npt.ArrayLike,
        input_std: npt.ArrayLike,
        output_mean: npt.ArrayLike,
        output_std: npt.ArrayLike,
        max_logvar: npt.ArrayLike,
        min_logvar: npt.ArrayLike,
        done_head: bool = False,
        discrete_actions: int | None = None,
        state_low: npt.ArrayLike | None = None,
        state_high: npt.ArrayLike | None = None,
        obs_low: npt.ArrayLike | None = None,
        obs_high: npt.ArrayLike | None = None,
        norm_groups: list[tuple[list[int], float]] | None = None,
        reward_weights: list[npt.ArrayLike] | None = None,
        reward_biases: list[npt.ArrayLike] | None = None,
        done_weights: list[npt.ArrayLike] | None = None,
        done_biases: list[npt.ArrayLike] | None = None,
        reward_mean: float = 0.0,
        reward_std: float = 1.0,
    ) -> EnsembleModel: ...
    def forward(self, x: npt.ArrayLike) -> _F32:
        """Raw network output of every member for normalized inputs ``x [N, in]``:
        ``[E, N, out]``."""
    @property
    def done_head(self) -> bool: ...
    @property
    def activation(self) -> str: ...
    @property
    def layer_sizes(self) -> list[int]:
        """Widths ``[in, hidden..., out]``."""

@typing.final
class PendulumModel(DynamicsModel):
    """Gymnasium's Pendulum-v1 dynamics: state ``[cos th, sin th, thdot]``, action ``[torque]``
    (clipped to ``max_torque``), reward from the current state, never done."""

    def __new__(
        cls,
        g: float = 10.0,
        m: float = 1.0,
        l: float = 1.0,
        dt: float = 0.05,
        max_speed: float = 8.0,
        max_torque: float = 2.0,
    ) -> PendulumModel: ...

@typing.final
class CartPoleModel(DynamicsModel):
    """Gymnasium's CartPole-v1 dynamics (Euler): state ``[x, x_dot, theta, theta_dot]``, actions
    ``{0, 1}`` as one column, reward 1 per step, done when ``|x| > 2.4`` or ``|theta| > 12 deg``
    after the step."""

    def __new__(cls) -> CartPoleModel: ...

@typing.final
class PolicyNet:
    """A deterministic MLP policy: ``weights[l]`` ``[in, out]``, ``biases[l]`` ``[out]``; hidden
    layers use ``activation``. ``output``: "tanh" (``low + (tanh(y) + 1) / 2 * (high - low)``),
    "linear" (clipped to the bounds) or "argmax" (the index of the largest output, one column;
    bounds not needed). Observations are normalized by ``obs_mean`` / ``obs_std`` when given."""

    def __new__(
        cls,
        weights: list[npt.ArrayLike],
        biases: list[npt.ArrayLike],
        activation: str,
        output: Literal["tanh", "linear", "argmax"],
        action_low: npt.ArrayLike | None = None,
        action_high: npt.ArrayLike | None = None,
        obs_mean: npt.ArrayLike | None = None,
        obs_std: npt.ArrayLike | None = None,
    ) -> PolicyNet: ...
    def act(self, obs: npt.ArrayLike) -> _F32:
        """Actions ``[N, action_dim]`` for observations ``[N, obs_dim]``."""
    @property
    def obs_dim(self) -> int: ...
    @property
    def action_dim(self) -> int: ...
    @property
    def output(self) -> str: ...

@typing.final
class ValueNet:
    """A learned state value ``V(s)``: ``weights[l]`` ``[E, in, out]``, ``biases[l]`` ``[E, out]``
    (an ensemble of one or more MLPs with one output, hidden layers with ``activation``) on the
    state normalized by ``obs_mean`` / ``obs_std``; ``V`` is the mean over members of
    ``output * scale + shift``, clamped to ``[low, high]`` (None: unbounded)."""

    def __new__(
        cls,
        weights: list[npt.ArrayLike],
        biases: list[npt.ArrayLike],
        activation: str,
        obs_mean: npt.ArrayLike,
        obs_std: npt.ArrayLike,
        scale: float = 1.0,
        shift: float = 0.0,
        low: float | None = None,
        high: float | None = None,
    ) -> ValueNet: ...
    def values(self, states: npt.ArrayLike) -> _F32:
        """``V`` of states ``[N, obs_dim]``: ``[N]``."""
    @property
    def obs_dim(self) -> int: ...
    @property
    def members(self) -> int: ...

def rollout(
    model: DynamicsModel,
    starts: npt.ArrayLike,
    horizon: int,
    seed: int,
    *,
    actions: npt.ArrayLike | None = None,
    policy: PolicyNet | None = None,
    planner: dict[str, typing.Any] | None = None,
    action_low: npt.ArrayLike | None = None,
    action_high: npt.ArrayLike | None = None,
    action_noise_std: float = 0.0,
    member_mode: Literal["per_path", "per_step"] = "per_path",
    deterministic: bool = False,
    compute_uncertainty: bool = True,
    num_threads: int | None = None,
    shard: tuple[int, int] | None = None,
    value: ValueNet | None = None,
    prior: PolicyNet | None = None,
) -> _Arrays:
    """Roll ``P = len(starts)`` paths of ``horizon`` steps from ``starts [P, S]``, driven by exactly
    one of ``actions [P, H, A]`` (executed as given; discrete: indices as floats), ``policy`` or
    ``planner`` (a dict with keys kind "cem" | "mppi" | "discrete" (default from the action
    space), horizon 15, population 100, particles 1, iterations 3, elite_frac 0.1, alpha 0.1,
    init_std 0.5, temperature 1.0, noise_std 0.3, discount 0.99, uncertainty_penalty 0.0 (per
    unit of disagreement above uncertainty_floor 0.0; negative: a bonus), margin_penalty 0.0 (per
    step, times the squared closeness to the termination box),
    resample_members True (each particle draws its member anew every step), sample_noise True
    (sample the model's noise when scoring), prior_fraction 0.1,
    prior_noise 0.1; stds are shares of the action range; for "discrete" init_std is the share of
    uniform mixed into the warm start; unknown keys are an error). With a planner, ``value`` adds
    the discounted ``V`` of a candidate's last state, and ``prior`` proposes candidates (its own
    sequences through the model's mean) and starts each path's first decision. ``action_low`` /
    ``action_high`` are required by the continuous planners and clip noisy actions (a policy's
    own bounds are used otherwise).
    ``action_noise_std`` is Gaussian noise added to policy/planner actions (continuous) or the
    probability of a uniformly random action (discrete). ``member_mode``: one member per path
    (``members[P]``) or a new one per step (``members`` = -1). ``deterministic`` uses mean
    predictions.

    Returns ``states [P, H+1, S]``, ``actions [P, H, A]``, ``rewards [P, H]``, ``dones [P, H]``
    (bool, true only at the step that ended the path), ``uncertainty [P, H]`` (0 when not
    computed), ``lengths [P]`` (int64, steps up to and including the first done), ``members [P]``
    (int64) and, in planner mode, ``action_labels [P, H, A]`` (the planner's actions before
    noise) and ``plan_values [P, H]`` (the score of the plan each decision's last round started
    from: the planner's estimate of the state's value). After its done a path is frozen: its
    state repeats, rewards and actions are 0.
    ``num_threads``: None for the global pool (``PLASMA_NUM_THREADS`` or all cores).
    ``shard = (offset, total)``: these paths are rows ``offset..offset+P`` of a batch of ``total``
    (random streams keyed by the row in the batch), so shards rolled out apart equal the batch;
    a shard starts at a multiple of ``rollout_chunk_size(total)`` and covers whole chunks unless
    it is the last."""

def rollout_chunk_size(num_paths: int) -> int:
    """Paths per chunk of a batch of ``num_paths``: shards of a batch start on multiples of it."""

def check_action_bounds(
    action_low: npt.ArrayLike,
    action_high: npt.ArrayLike,
    *,
    action_dim: int | None = None,
    strict: bool = False,
) -> None:
    """Check continuous action bounds as :func:`rollout` and :func:`plan` do, without a model:
    one finite value per action dimension in each (``action_dim``, or as many as ``action_low``
    has) and ``action_low <= action_high``; ``strict=True`` asks for ``action_low <
    action_high`` in every dimension (a policy trained on actions scaled by the range). Raises
    ``ShapeError`` or ``InvalidArgumentError`` naming the bound (``action_low = 2 at index 0:
    exceeds action_high 1``)."""

def check_planner(planner: dict[str, typing.Any], *, discrete: bool = False) -> None:
    """Check a ``planner`` dict as :func:`rollout` and :func:`plan` do, without a model: unknown
    keys, types and the core's bounds of every value (keys left out take the core's defaults;
    ``discrete`` picks the default kind). Raises ``InvalidArgumentError`` naming the key
    (``planner["population"] = 0: must be positive``)."""

def planner_defaults(*, discrete: bool = False) -> dict[str, typing.Any]:
    """The core's planner settings for the keys a ``planner`` dict leaves out, every key
    (``discrete`` picks the default kind); floats as the shortest decimal of the core's ``f32``.
    ``plasma.simulator.PlannerConfig`` takes its defaults from here."""

def plan(
    model: DynamicsModel,
    state: npt.ArrayLike,
    planner: dict[str, typing.Any],
    seed: int,
    *,
    action_low: npt.ArrayLike | None = None,
    action_high: npt.ArrayLike | None = None,
    num_threads: int | None = None,
    value: ValueNet | None = None,
    prior: PolicyNet | None = None,
    memory: npt.ArrayLike | None = None,
) -> dict[str, typing.Any]:
    """One planning decision from ``state [S]``: ``action [A]``, ``plan [H, A]``,
    ``expected_return`` (float: mean elite objective for CEM, weighted mean for MPPI),
    ``plan_value`` (float: the score of the plan the last round started from) and
    ``memory`` (the warm start of the next decision; pass it back as ``memory`` to continue, or
    leave ``memory`` out for a cold start). ``value`` and ``prior`` as in :func:`rollout`."""

# ------------------------------------------------------------------------------------------ auditor
# Owned by plasma.auditor (rust/plasma-py/src/audit.rs); use plasma.auditor, not these directly.
__all__ += ["NumericScanner", "RuleEngine"]

@typing.final
class NumericScanner:
    """The numeric detectors over phantom paths, compiled from a calibration."""

    detectors: list[str]
    """Detector names, in the column order of ``scan``'s arrays."""
    def __new__(cls, limits: ScanLimits) -> NumericScanner:
        """Compiled from ``limits``, whose fields it reads by name: ``ScanLimits`` (a dataclass of
        plasma.auditor.numeric) is the one list of the limits, their types and defaults."""
    @property
    def grid_cells(self) -> int:
        """Occupied cells of the support grid after dilation (0 without a grid)."""
    @property
    def state_dim(self) -> int: ...
    @property
    def action_dim(self) -> int: ...
    def scan(
        self,
        states: npt.NDArray[np.float32],
        actions: npt.NDArray[np.float32],
        rewards: npt.NDArray[np.float32],
        dones: npt.NDArray[np.bool_],
        uncertainty: npt.NDArray[np.float32],
        lengths: npt.NDArray[np.int64],
        *,
        num_threads: int | None = None,
    ) -> dict[str, object]:
        """Per path and detector: ``count`` (int64), ``first_step``, ``worst_step``,
        ``worst_index`` (int32) and ``worst_value`` (float32), each ``[P, len(detectors)]``, plus
        ``transitions`` (int). Releases the GIL."""

@typing.final
class RuleEngine:
    """A compiled text rule pack (one Aho-Corasick automaton and one RegexSet per field)."""

    def __new__(
        cls,
        rule_ids: list[str],
        fields: list[str],
        patterns: list[tuple[int, str, int, int, str, str, bool]],
    ) -> RuleEngine:
        """``patterns``: ``(rule, role, group, field, kind, text, case_insensitive)`` with role
        "primary" | "require" | "exclude" and kind "literal" | "regex"."""
    @property
    def rule_ids(self) -> list[str]: ...
    @property
    def fields(self) -> list[str]: ...
    @property
    def num_patterns(self) -> int: ...
    def scan(
        self,
        texts: list[tuple[bytes, npt.NDArray[np.int64]]],
        *,
        num_threads: int | None = None,
    ) -> dict[str, npt.NDArray[np.int64]]:
        """``texts``: per field, all steps' texts concatenated and ``n + 1`` byte offsets. Returns
        the hits' ``step``, ``rule``, ``field``, ``start``, ``end``. Releases the GIL."""

# ------------------------------------------------------------------------------ auditor: local
# Owned by plasma.auditor.local (rust/plasma-py/src/local.rs).
__all__ += ["LocalIndex"]

@typing.final
class LocalIndex:
    """A k-d tree over real transitions' features ``points[N, F]`` (divided by ``scale[F]``)
    with their outcomes ``targets[N, T]``, built once."""

    def __new__(
        cls,
        points: npt.NDArray[np.float32],
        targets: npt.NDArray[np.float32],
        scale: npt.NDArray[np.float32],
    ) -> LocalIndex: ...
    @property
    def dim(self) -> int: ...
    @property
    def n_targets(self) -> int: ...
    def __len__(self) -> int: ...
    def query(
        self,
        queries: npt.NDArray[np.float32],
        *,
        k: int,
        ridge: float = 1e-3,
        values: npt.NDArray[np.float32] | None = None,
        exclude: npt.NDArray[np.uint32] | None = None,
        num_threads: int | None = None,
    ) -> dict[str, npt.NDArray[np.float32]]:
        """Per query ``[M, F]``: ``prediction`` ``[M, T]`` (intercept of the locally weighted
        ridge regression of the ``k`` nearest points' targets), ``distance`` ``[M]`` (mean
        scaled distance to them) and, with ``values[N, W]``, ``values`` ``[M, W]`` (their
        weighted mean). ``exclude[M]``: a point index each query leaves out (leave-one-out).
        Releases the GIL."""
