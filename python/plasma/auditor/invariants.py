"""Declared invariants of an environment: bounds, norms and linear relations of state variables.

Each environment Plasma knows ships defaults (:func:`default_invariants`); users declare their own
in :class:`~plasma.auditor.AuditorConfig` (``invariants=[...]``), by variable name or index::

    {"kind": "bounds", "variable": "theta_dot", "low": -8, "high": 8}
    {"kind": "norm", "variables": ["cos_theta", "sin_theta"], "value": 1.0, "tolerance": 0.1}
    {"kind": "linear", "coefficients": {"x": 1.0, "y": -1.0}, "value": 0.0, "tolerance": 0.01}

Norms that hold on real data are also found there (:func:`discover_norms`, at calibration): a
group of variables whose sum of squares is constant on every real state (a unit vector, a
quaternion), whether or not anyone declared it.

A norm or linear invariant with ``"per_step": true`` bounds how far *one step* moves the state
off its manifold (the change of the sum between consecutive states), whatever the deviation the
state inherited from earlier steps: compounding-free, as replays judge a step.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Annotated, Literal

import numpy as np
from pydantic import ConfigDict, Field

from plasma._config import ConfigModel
from plasma.envs.norms import norm_groups
from plasma.errors import InvalidArgumentError

__all__ = [
    "BoundsInvariant",
    "Invariant",
    "LinearInvariant",
    "NormInvariant",
    "default_invariants",
    "discover_norms",
    "resolve_variable",
]

Variable = str | int


class BoundsInvariant(ConfigModel):
    """``low - tolerance <= s[variable] <= high + tolerance``."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["bounds"] = "bounds"
    """Discriminator."""
    variable: Variable
    """Name (from the paths' state names) or index of the state variable."""
    low: float = -math.inf
    """Lower bound."""
    high: float = math.inf
    """Upper bound."""
    tolerance: float = Field(default=0.0, ge=0)
    """Slack on both bounds."""
    exempt_at_done: bool = False
    """A termination bound: the state a terminating step reaches may lie outside."""
    name: str | None = None
    """Label in findings (default: generated from the bound)."""

    def label(self) -> str:
        """How findings name it."""
        return self.name or f"{self.low:g} <= {self.variable} <= {self.high:g}"


class NormInvariant(ConfigModel):
    """``|sum(s[v]**2 for v in variables) - value| <= tolerance`` (e.g. cos² + sin² = 1)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["norm"] = "norm"
    """Discriminator."""
    variables: list[Variable] = Field(min_length=1)
    """Names or indices of the variables."""
    value: float = 1.0
    """The sum of squares."""
    tolerance: float = Field(default=0.05, ge=0)
    """Accepted deviation of the sum of squares (with ``per_step``: its accepted change in one
    step)."""
    per_step: bool = False
    """Check how far each step moves the sum (``|sum' - sum| <= tolerance`` for consecutive
    states; ``value`` is then unused) instead of the state's deviation from ``value``."""
    name: str | None = None
    """Label in findings."""

    def label(self) -> str:
        """How findings name it."""
        squares = " + ".join(f"{v}^2" for v in self.variables)
        step = " (change per step)" if self.per_step else ""
        return self.name or f"{squares} = {self.value:g}{step}"


class LinearInvariant(ConfigModel):
    """``|sum(c * s[v] for v, c in coefficients) - value| <= tolerance``."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["linear"] = "linear"
    """Discriminator."""
    coefficients: dict[str, float] = Field(min_length=1)
    """Coefficient of each variable (by name, or by index written as a string)."""
    value: float = 0.0
    """The value of the sum."""
    tolerance: float = Field(default=1e-3, ge=0)
    """Accepted deviation (with ``per_step``: accepted change of the sum in one step)."""
    per_step: bool = False
    """Check how far each step moves the sum instead of the state's deviation from ``value``."""
    name: str | None = None
    """Label in findings."""

    def label(self) -> str:
        """How findings name it."""
        terms = " + ".join(f"{c:g}*{v}" for v, c in self.coefficients.items())
        step = " (change per step)" if self.per_step else ""
        return self.name or f"{terms} = {self.value:g}{step}"


Invariant = Annotated[
    BoundsInvariant | NormInvariant | LinearInvariant, Field(discriminator="kind")
]
"""Any declared invariant."""


def resolve_variable(variable: Variable, state_names: Sequence[str], state_dim: int) -> int:
    """The index of a variable given by name or index.

    Raises:
        InvalidArgumentError: an unknown name or an index out of range (the message lists the
            names).
    """
    if isinstance(variable, int) or (isinstance(variable, str) and variable.isdigit()):
        index = int(variable)
        if not 0 <= index < state_dim:
            raise InvalidArgumentError(
                f"invariant variable index {index} is out of range for {state_dim} state variables"
            )
        return index
    names = list(state_names)
    if variable not in names:
        known = ", ".join(names) if names else "none (the paths name no state variables)"
        raise InvalidArgumentError(f"invariant variable {variable!r} is unknown; names: {known}")
    return names.index(variable)


def _family(env_id: str | None) -> str:
    return (env_id or "").split("/")[-1].split("-v")[0]


def default_invariants(env_id: str | None) -> list[Invariant]:
    """The invariants Plasma knows for a Gymnasium env id (empty for unknown envs).

    - Pendulum: cos²θ + sin²θ = 1, |θ̇| <= 8 (the env clips the speed).
    - CartPole: the termination bounds (|x| <= 2.4, |θ| <= 12°), exempt at a terminating step.
    - MountainCar / MountainCarContinuous: position in [-1.2, 0.6], |velocity| <= 0.07.
    - Acrobot: both cos/sin pairs on the unit circle, |θ̇1| <= 4π, |θ̇2| <= 9π.
    """
    family = _family(env_id)
    pi = math.pi
    out: list[Invariant] = []
    if family == "Pendulum":
        out = [
            NormInvariant(variables=["cos_theta", "sin_theta"], value=1.0, tolerance=0.25),
            BoundsInvariant(variable="theta_dot", low=-8.0, high=8.0, tolerance=0.25),
        ]
    elif family == "CartPole":
        angle = 12 * 2 * math.pi / 360
        out = [
            BoundsInvariant(
                variable="cart_position", low=-2.4, high=2.4, tolerance=0.05, exempt_at_done=True
            ),
            BoundsInvariant(
                variable="pole_angle", low=-angle, high=angle, tolerance=0.01, exempt_at_done=True
            ),
        ]
    elif family in ("MountainCar", "MountainCarContinuous"):
        out = [
            BoundsInvariant(variable="position", low=-1.2, high=0.6, tolerance=0.01),
            BoundsInvariant(variable="velocity", low=-0.07, high=0.07, tolerance=0.002),
        ]
    elif family == "Acrobot":
        out = [
            NormInvariant(variables=["cos_theta1", "sin_theta1"], value=1.0, tolerance=0.25),
            NormInvariant(variables=["cos_theta2", "sin_theta2"], value=1.0, tolerance=0.25),
            BoundsInvariant(variable="theta1_dot", low=-4 * pi, high=4 * pi, tolerance=0.2),
            BoundsInvariant(variable="theta2_dot", low=-9 * pi, high=9 * pi, tolerance=0.4),
        ]
    return out


def discover_norms(
    states: np.ndarray, *, sample: int = 5_000, seed: int = 0
) -> list[NormInvariant]:
    """Groups of variables whose sum of squares is the same on every real state (``states``
    ``[N, S]``): cos² + sin² = 1, a quaternion's norm, a unit vector, found without being told
    (:func:`plasma.envs.norms.norm_groups`). Each is a :class:`NormInvariant` by index, its
    value the mean sum, its tolerance a quarter of it (as the declared unit circles'): with the
    local index its per-step copy gets the tolerance that matters
    (``Checker.manifold_invariants``)."""
    found: list[NormInvariant] = []
    for group, value in norm_groups(states, sample=sample, seed=seed):
        variables: list[Variable] = list(group)
        found.append(
            NormInvariant(variables=variables, value=value, tolerance=0.25 * value, name=None)
        )
    return found


def to_core(
    invariants: Sequence[Invariant], state_names: Sequence[str], state_dim: int
) -> list[tuple[str, list[int], list[float], float, float, bool]]:
    """The tuples ``plasma._core.NumericScanner`` takes (variables resolved to indices)."""
    out: list[tuple[str, list[int], list[float], float, float, bool]] = []
    for inv in invariants:
        if isinstance(inv, BoundsInvariant):
            var = resolve_variable(inv.variable, state_names, state_dim)
            low, high = inv.low - inv.tolerance, inv.high + inv.tolerance
            if low > high:
                raise InvalidArgumentError(f"invariant {inv.label()}: low exceeds high")
            out.append(("bounds", [var], [], low, high, inv.exempt_at_done))
        elif isinstance(inv, NormInvariant):
            idx = [resolve_variable(v, state_names, state_dim) for v in inv.variables]
            kind = "norm_step" if inv.per_step else "norm"
            out.append((kind, idx, [], inv.value, inv.tolerance, False))
        else:
            idx = [resolve_variable(v, state_names, state_dim) for v in inv.coefficients]
            coefs = [float(c) for c in inv.coefficients.values()]
            kind = "linear_step" if inv.per_step else "linear"
            out.append((kind, idx, coefs, inv.value, inv.tolerance, False))
    return out
