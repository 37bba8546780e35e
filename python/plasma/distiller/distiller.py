"""``Distiller``: the async front of the distiller — paths in, signed packets out, packets deployed.

.. code-block:: python

    distiller = Distiller({"packet_dir": "runs/packets"})
    await distiller.start()
    packets = await distiller.distill_from_paths(audited_paths)   # [InstructionPacket]
    results = await distiller.deploy_packets(packets)              # into distiller.policy
    print(results["deployed"], results["active"])

The base policy is created on first use from the paths (dimensions, action bounds from
``paths.meta``, observation normalization from the states) unless one is given. Training and
verification run in worker threads (``asyncio.to_thread``), so the event loop stays free.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import tempfile
import time
import weakref
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import Field, PositiveInt, SecretStr, model_validator

from plasma._config import OsPath, coerce_config
from plasma._lifecycle import Lifecycle
from plasma.distiller.errors import NoApprovedPathsError
from plasma.distiller.injector import LoRAInjector
from plasma.distiller.packet import AuditSummary, InstructionPacket, Provenance
from plasma.distiller.policy import Policy, PolicyArchitecture
from plasma.distiller.reports import DeployReport, DistillReport, FailedPacket
from plasma.distiller.signing import (
    PacketSigner,
    PacketVerifier,
    SignatureAlgorithm,
    make_signer,
    make_verifier,
)
from plasma.distiller.training import (
    DistillMode,
    LabelledStates,
    LoRASettings,
    Refinement,
    RelabelFn,
    RolloutFn,
    TrainingConfig,
    distill,
    select_paths,
)
from plasma.errors import InvalidArgumentError, ModelNotFittedError, PlasmaError
from plasma.simulator.paths import PhantomPaths
from plasma.trace import StateTracker
from plasma.trace.component import ComponentTracing

__all__ = ["Distiller", "DistillerConfig"]

log = logging.getLogger("plasma.distiller")

PacketInput = InstructionPacket | str | os.PathLike[str]


class DistillerConfig(PolicyArchitecture):
    """Settings of a :class:`Distiller`; ``Distiller()`` uses these defaults. ``hidden_sizes``,
    ``activation`` and ``head`` (:class:`PolicyArchitecture`) are those of the base policy the
    distiller creates (a discrete action space takes the "deterministic" head whatever
    ``head`` says)."""

    mode: DistillMode = "lora"
    """"lora": train a LoRA adapter on the frozen base and ship it as a packet; "full": train
    the base policy itself (it is replaced; no packet is produced)."""
    require_audit: bool = True
    """Refuse paths the auditor did not approve (or never saw)."""
    action_low: list[float] | None = None
    """Action lower bounds (None: from ``paths.meta``)."""
    action_high: list[float] | None = None
    """Action upper bounds (None: from ``paths.meta``)."""
    policy_seed: int = 0
    """Seed of the created base policy's initialization."""
    lora: LoRASettings = Field(default_factory=LoRASettings)
    """LoRA rank, alpha, dropout and target layers."""
    training: TrainingConfig = Field(default_factory=TrainingConfig)
    """Behaviour cloning settings (updates, batch, weighting, hold-out, DAgger)."""
    packet_dir: OsPath | None = None
    """Where packets are written (None: a temporary directory removed by ``stop()``)."""
    signing_algorithm: SignatureAlgorithm | None = None
    """"ed25519" or "hmac-sha256" when packets are signed (or verified)."""
    signing_key: SecretStr | None = None
    """Hex of the Ed25519 private key (32 bytes) or of the HMAC secret that signs packets."""
    trusted_key: SecretStr | None = None
    """Hex of the Ed25519 public key or HMAC secret that ``deploy_packets`` accepts (None: the
    key matching ``signing_key``). With any key, unsigned packets are refused."""
    require_signature: bool = False
    """Refuse to start without a key to verify packets with."""
    max_history: PositiveInt = 8
    """Earlier adapter states kept for rollback."""

    @model_validator(mode="after")
    def _check_keys(self) -> DistillerConfig:
        if (self.signing_key or self.trusted_key) and self.signing_algorithm is None:
            raise ValueError("signing_key/trusted_key need signing_algorithm")
        return self


class Distiller(Lifecycle):
    """Distils audited phantom paths into instruction packets and deploys them.

    ``policy``: the base policy (None: created on first use). ``signer``/``verifier`` override
    the keys of the config. ``relabel``/``rollout``: the DAgger and evaluation hooks (see
    :func:`plasma.distiller.distill`). ``tracker``: spans "distiller.distill" and
    "distiller.deploy" are recorded in the current span's trace, else in ``trace_id``, else in
    a trace the distiller creates at ``start()``.
    """

    _role = "distiller"

    def __init__(
        self,
        config: DistillerConfig | Mapping[str, Any] | None = None,
        *,
        policy: Policy | None = None,
        tracker: StateTracker | None = None,
        trace_id: str | None = None,
        signer: PacketSigner | None = None,
        verifier: PacketVerifier | None = None,
        relabel: RelabelFn | None = None,
        rollout: RolloutFn | None = None,
    ) -> None:
        self.config = coerce_config(DistillerConfig, config)
        if policy is not None and not isinstance(policy, Policy):
            raise InvalidArgumentError(f"policy must be a plasma Policy, got {type(policy)}")
        cfg = self.config
        if signer is None and cfg.signing_key is not None:
            assert cfg.signing_algorithm is not None
            signer = make_signer(cfg.signing_algorithm, cfg.signing_key.get_secret_value())
        if verifier is None and cfg.trusted_key is not None:
            assert cfg.signing_algorithm is not None
            verifier = make_verifier(cfg.signing_algorithm, cfg.trusted_key.get_secret_value())
        if verifier is None and signer is not None:
            verifier = signer.verifier()
        if cfg.require_signature and verifier is None:
            raise InvalidArgumentError(
                "require_signature=True needs a key to verify packets with (signing_key, "
                "trusted_key or verifier=)"
            )
        self.signer = signer
        self.verifier = verifier
        self.relabel = relabel
        self.rollout = rollout
        self.tracer = ComponentTracing(tracker, trace_id, "distiller")
        self._policy = policy
        self._injectors: weakref.WeakKeyDictionary[Policy, LoRAInjector] = (
            weakref.WeakKeyDictionary()
        )
        self._policy_lock = asyncio.Lock()
        self._packet_dir: Path | None = None
        self._own_packet_dir = False
        self._last_report: DistillReport | None = None
        self._started = False

    # ----------------------------------------------------------------------------- lifecycle
    async def start(self) -> Distiller:
        """Prepare the packet directory (and the distiller's own trace, with a tracker)."""
        if self._started:
            return self
        if self.config.packet_dir is None:
            made = await asyncio.to_thread(tempfile.mkdtemp, prefix="plasma-packets-")
            self._packet_dir = Path(made)
            self._own_packet_dir = True
        else:
            self._packet_dir = Path(self.config.packet_dir)
            await asyncio.to_thread(self._packet_dir.mkdir, parents=True, exist_ok=True)
        await self.tracer.open()
        self._started = True
        return self

    async def stop(self) -> None:
        """Complete the distiller's own trace and remove its temporary packet directory."""
        await self.tracer.close()
        if self._own_packet_dir and self._packet_dir is not None:
            await asyncio.to_thread(shutil.rmtree, self._packet_dir, True)
            self._packet_dir, self._own_packet_dir = None, False
        self._started = False

    # ----------------------------------------------------------------------------- state
    @property
    def policy(self) -> Policy | None:
        """The live base policy (None until the first distillation, unless one was given)."""
        return self._policy

    @property
    def injector(self) -> LoRAInjector | None:
        """The injector of :attr:`policy` (None while there is no policy)."""
        return None if self._policy is None else self.injector_for(self._policy)

    @property
    def packet_dir(self) -> Path | None:
        """Where packets are written (set by ``start()``)."""
        return self._packet_dir

    @property
    def last_report(self) -> DistillReport | None:
        """The report of the last distillation."""
        return self._last_report

    def injector_for(self, model: Policy) -> LoRAInjector:
        """The injector of a live model (one per model, created with the distiller's keys)."""
        injector = self._injectors.get(model)
        if injector is None:
            injector = LoRAInjector(
                model, verifier=self.verifier, max_history=self.config.max_history
            )
            self._injectors[model] = injector
        return injector

    # ----------------------------------------------------------------------------- distill
    async def distill_from_paths(
        self,
        paths: PhantomPaths,
        *,
        mode: DistillMode | None = None,
        require_audit: bool | None = None,
        relabel: RelabelFn | None = None,
        rollout: RolloutFn | None = None,
        extra: LabelledStates | None = None,
        refinement: Refinement | None = None,
    ) -> list[InstructionPacket]:
        """Behaviour-clone the planner's labels of the approved paths (and the ``extra``
        labelled states, then ``refinement``: see :func:`plasma.distiller.training.distill`);
        return the packets.

        LoRA mode returns one packet (written under :attr:`packet_dir`, signed when the
        distiller has a signing key). Full mode trains the base policy instead: it replaces
        :attr:`policy` and returns no packet. Either way :attr:`last_report` holds the metrics.
        """
        self._require_started("distill_from_paths")
        cfg = self.config
        mode = mode or cfg.mode
        required = cfg.require_audit if require_audit is None else require_audit
        relabel = relabel or self.relabel
        rollout = rollout or self.rollout
        attributes = {"mode": mode, "require_audit": required}
        async with self.tracer.span("distiller.distill", attributes) as span:
            try:
                used: PhantomPaths | None = select_paths(paths, require_audit=required)
            except NoApprovedPathsError:
                if extra is None or not len(extra):
                    raise
                used = None  # distilled from the extra labelled states alone
            policy = await self._ensure_policy(paths, used, extra)
            outcome = await asyncio.to_thread(
                distill,
                policy,
                paths,
                mode=mode,
                training=cfg.training,
                lora=cfg.lora,
                require_audit=required,
                relabel=relabel,
                rollout=rollout,
                extra=extra,
                refinement=refinement,
            )
            report = outcome.report
            self._last_report = report
            approved = None if paths.approved is None else int(paths.approved.sum())
            packets: list[InstructionPacket] = []
            if outcome.adapter is None:
                self._policy = outcome.policy
                log.info("Distiller: trained a new base policy (%s)", _summary(report))
            else:
                assert outcome.lora is not None
                assert self._packet_dir is not None
                packet = await asyncio.to_thread(
                    InstructionPacket.write,
                    self._packet_dir,
                    adapter=outcome.adapter,
                    lora=outcome.lora,
                    base_fingerprint=policy.fingerprint(),
                    provenance=Provenance(
                        trace_id=span.trace_id,
                        paths_digest=paths.digest(),
                        num_paths=report.paths_used,
                        num_steps=report.train_steps + report.heldout_steps,
                        paths_mode=paths.meta.mode,
                        world_model_id=paths.meta.model_id,
                    ),
                    audit=AuditSummary(
                        audited=paths.approved is not None,
                        required=required,
                        approved_paths=approved,
                        total_paths=paths.num_paths,
                    ),
                    env_id=paths.meta.env_id,
                    variant=dict(paths.meta.variant),
                    metrics=_metrics(report),
                    signer=self.signer,
                    report=report,
                )
                packets.append(packet)
                log.info("Distiller: wrote packet %s (%s)", packet.id, _summary(report))
            span.update_state(
                {
                    "report": report.model_dump(mode="json"),
                    "packets": [p.id for p in packets],
                }
            )
        return packets

    async def _ensure_policy(
        self, paths: PhantomPaths, used: PhantomPaths | None, extra: LabelledStates | None
    ) -> Policy:
        async with self._policy_lock:
            if self._policy is None:
                cfg = self.config
                policy = Policy.for_paths(
                    paths,
                    hidden_sizes=cfg.hidden_sizes,
                    activation=cfg.activation,
                    head=cfg.head if paths.meta.discrete_actions is None else "deterministic",
                    action_low=cfg.action_low,
                    action_high=cfg.action_high,
                    seed=cfg.policy_seed,
                )
                parts = [] if used is None else [used.states[:, :-1][used.step_mask()]]
                if extra is not None and len(extra):
                    parts.append(extra.states)
                states = np.concatenate(parts)
                if states.size:
                    policy.fit_normalization(states)
                policy.requires_grad_(False)
                self._policy = policy
                log.info(
                    "Distiller: created a base policy %s %s (fingerprint %s)",
                    cfg.hidden_sizes,
                    cfg.activation,
                    policy.fingerprint()[:16],
                )
            return self._policy

    # ----------------------------------------------------------------------------- deploy
    async def deploy_packets(
        self,
        packets: PacketInput | Iterable[PacketInput],
        model: Policy | None = None,
    ) -> DeployReport:
        """Verify and activate packets, in order, in ``model`` (default: :attr:`policy`).

        Each packet that passes every check is activated (the last one stays active; earlier
        ones are in the rollback history). A packet that fails a check is listed in
        ``failed`` with the reason and changes nothing.
        """
        self._require_started("deploy_packets")
        items: list[PacketInput] = (
            [packets]
            if isinstance(packets, (InstructionPacket, str, os.PathLike))
            else list(packets)
        )
        target = model if model is not None else self._policy
        if target is None:
            raise ModelNotFittedError(
                "the distiller has no policy yet: run distill_from_paths first, or pass model="
            )
        injector = self.injector_for(target)
        async with self.tracer.span("distiller.deploy", {"packets": len(items)}) as span:
            report = await asyncio.to_thread(_deploy, injector, items)
            span.update_state(report.model_dump(mode="json"))
        for failure in report.failed:
            log.warning("Distiller: packet %s refused: %s", failure.packet, failure.reason)
        return report

    @property
    def trace_id(self) -> str | None:
        """The trace the distiller records into when no span is running in the caller."""
        return self.tracer.trace_id


def _deploy(injector: LoRAInjector, items: list[PacketInput]) -> DeployReport:
    start = time.perf_counter()
    failed: list[FailedPacket] = []
    latencies: list[float] = []
    for item in items:
        try:
            latencies.append(injector.activate(injector.verify(item)))
        except (PlasmaError, OSError) as err:
            failed.append(
                FailedPacket(packet=_packet_name(item), error=type(err).__name__, reason=str(err))
            )
    return DeployReport(
        deployed=len(latencies),
        failed=failed,
        active=injector.active,
        swap_latency_s=max(latencies) if latencies else None,
        swap_latencies_s=latencies,
        duration_s=time.perf_counter() - start,
    )


def _packet_name(item: PacketInput) -> str:
    if isinstance(item, InstructionPacket):
        return item.id
    return Path(item).name or str(item)


def _metrics(report: DistillReport) -> dict[str, float]:
    values = {
        "train_loss": report.train_loss,
        "heldout_error": report.heldout_error,
        "initial_heldout_error": report.initial_heldout_error,
        "label_return": report.label_return,
        "imagined_return": report.imagined_return,
        "train_steps": float(report.train_steps),
        "heldout_steps": float(report.heldout_steps),
        "updates": float(report.updates),
    }
    return {k: float(v) for k, v in values.items() if v is not None and np.isfinite(v)}


def _summary(report: DistillReport) -> str:
    held = "n/a" if report.heldout_error is None else f"{report.heldout_error:.4g}"
    return (
        f"{report.mode}, {report.train_steps} steps, loss {report.train_loss:.4g}, "
        f"held-out {report.error_metric} {held}"
    )
