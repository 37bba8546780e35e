"""Reports of the distiller, readable as attributes (``report.deployed``) and as mappings
(``report["deployed"]``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from plasma._mapping import MappingModel

__all__ = ["DeployReport", "DistillReport", "FailedPacket"]


class DistillReport(MappingModel):
    """What one distillation did and how well the result imitates the planner."""

    mode: Literal["full", "lora"]
    """"full": the base policy's weights were trained; "lora": a LoRA adapter on a frozen base."""
    train_loss: float
    """Weighted training loss, averaged over the last tenth of the updates."""
    heldout_error: float | None
    """Imitation error on the held-out paths after training (None: nothing held out).

    Box actions: mean squared error of the actions scaled to [-1, 1]; discrete: error rate."""
    initial_heldout_error: float | None
    """The same error before training (the untrained policy, or the bare base for LoRA)."""
    error_metric: Literal["normalized_mse", "error_rate"]
    """What ``heldout_error`` measures."""
    paths_total: int
    """Paths given."""
    paths_used: int
    """Paths used (the approved ones, unless the audit was not required)."""
    train_paths: int
    """Paths trained on."""
    heldout_paths: int
    """Paths held out to measure the imitation error (split by path, not by step)."""
    train_steps: int
    """Labelled steps trained on, DAgger steps included."""
    heldout_steps: int
    """Labelled steps held out."""
    updates: int
    """Gradient steps taken."""
    weighting: str
    """How paths were weighted by their imagined return ("uniform", "softmax" or "rank")."""
    effective_paths: float
    """Effective number of training paths under the weights, (sum w)^2 / sum w^2."""
    dagger_iterations: int = 0
    """DAgger rounds run (roll out, relabel, retrain)."""
    dagger_steps: int = 0
    """Labelled steps DAgger added."""
    label_return: float | None
    """Mean imagined return of the paths used (the planner's, for comparison; None when only
    extra labelled states were used)."""
    imagined_return: float | None = None
    """Mean imagined return of the distilled policy (None without a rollout callable)."""
    refine_judged: tuple[float, float] | None = None
    """The refinement judge's scores of the policy as distilled and as refined (None: no
    refinement); the refined one was kept only where the second is higher."""
    duration_s: float
    """Wall time of the distillation."""


class FailedPacket(MappingModel):
    """A packet that was not deployed, and why."""

    packet: str
    """The packet's id, or its path when the manifest could not be read."""
    error: str
    """Name of the error class (e.g. "PacketIntegrityError")."""
    reason: str
    """The error message."""


class DeployReport(MappingModel):
    """Result of ``Distiller.deploy_packets``."""

    deployed: int
    """Packets verified and activated."""
    failed: list[FailedPacket] = Field(default_factory=list)
    """Packets refused, with the reason; the live model was left as it was for each."""
    active: str | None
    """Id of the packet active after the call (None: the base policy)."""
    swap_latency_s: float | None
    """Longest activation (the reference swap) of the call, in seconds (None: nothing swapped)."""
    swap_latencies_s: list[float] = Field(default_factory=list)
    """Each activation's latency, in seconds."""
    duration_s: float
    """Wall time of the call (load and verification included)."""
