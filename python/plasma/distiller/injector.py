"""``LoRAInjector``: load -> verify -> activate instruction packets in a live policy.

Verification reads the packet from disk and checks, in order: the files exist, the manifest
parses, the signature (when the device has a key), the sizes and sha256 of both files, the base
fingerprint against the live model, the adapter config against the manifest, the tensors' names,
ranks and shapes against the live layers, and that every value is finite. It then merges the
adapter into private copies of the base weights, ``W + (B @ A) * scaling``, producing an immutable
:class:`~plasma.distiller.policy.LiveWeights`. Nothing in the live model changes during any of it.

Activation swaps the policy's single live-weights reference to that snapshot (microseconds): a
forward pass running concurrently reads the reference once and therefore sees the old adapter or
the new one, never a mix. Earlier states are kept for :meth:`LoRAInjector.rollback`;
:meth:`LoRAInjector.eject` returns to the base.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import safetensors.torch
import torch

from plasma._io import existing_dir
from plasma.distiller.errors import (
    BaseModelMismatchError,
    LayerMismatchError,
    NonFiniteWeightsError,
    PacketFormatError,
    PacketIntegrityError,
    PacketMissingFileError,
    PacketTruncatedError,
    RankMismatchError,
    RollbackError,
)
from plasma.distiller.packet import (
    ADAPTER_CONFIG_FILE,
    MAX_ADAPTER_CONFIG_BYTES,
    WEIGHTS_FILE,
    InstructionPacket,
    LoRASpec,
    PacketManifest,
    adapter_key,
    read_at_most,
    sha256_hex,
)
from plasma.distiller.policy import LiveWeights, Policy, _base_linear
from plasma.distiller.signing import PacketVerifier
from plasma.errors import InvalidArgumentError

__all__ = ["LoRAInjector", "VerifiedAdapter", "merge_adapter"]

PacketLike = InstructionPacket | str | os.PathLike[str]


@dataclass(frozen=True, eq=False)
class VerifiedAdapter:
    """A packet that passed every check against one injector's model, ready to activate."""

    packet_id: str
    """The packet's id."""
    manifest: PacketManifest
    """The verified manifest."""
    path: Path
    """Where the packet was read from."""
    live: LiveWeights
    """The merged weights the model will use once activated."""
    verify_s: float
    """Seconds the load and verification took."""
    _owner: object = field(repr=False, default=None)


def merge_adapter(
    model: Policy,
    tensors: Mapping[str, torch.Tensor],
    spec: LoRASpec,
    packet_id: str | None = None,
) -> LiveWeights:
    """The base weights of ``model`` with the LoRA ``tensors`` merged in (checked shapes assumed).

    ``W_eff = W + (B @ A) * scaling`` for each target layer, the same arithmetic as peft's merge;
    untouched layers keep a private copy of their base weight.
    """
    scaling = spec.scaling
    targets = set(spec.target_modules)
    weights, biases = [], []
    with torch.no_grad():
        for name, layer in zip(model.layer_names(), model.layers, strict=True):
            base = _base_linear(layer)
            weight = base.weight.detach().clone()
            if name in targets:
                a = tensors[adapter_key(name, "A")].to(torch.float32)
                b = tensors[adapter_key(name, "B")].to(torch.float32)
                weight = weight + (b @ a) * scaling
            weights.append(weight.contiguous())
            biases.append(base.bias.detach().clone())
    return LiveWeights(weights=tuple(weights), biases=tuple(biases), packet_id=packet_id)


class LoRAInjector:
    """Verifies instruction packets against a live :class:`Policy` and hot-swaps them in.

    ``verifier``: an :class:`~plasma.distiller.Ed25519Verifier` (public key) or
    :class:`~plasma.distiller.HmacSigner` (secret). With one, unsigned or wrongly signed packets
    are refused. ``max_history``: how many earlier states :meth:`rollback` can return to.

    Every method is thread-safe; activation, rollback and eject are serialized by a lock, and
    inference never takes it.
    """

    def __init__(
        self,
        model: Policy,
        *,
        verifier: PacketVerifier | None = None,
        max_history: int = 8,
    ) -> None:
        if not isinstance(model, Policy):
            raise InvalidArgumentError(
                f"LoRAInjector needs a plasma Policy, got {type(model).__name__}"
            )
        if max_history < 1:
            raise InvalidArgumentError(f"max_history = {max_history}: must be at least 1")
        self._model = model
        self._verifier = verifier
        self._lock = threading.Lock()
        self._history: deque[LiveWeights | None] = deque(maxlen=max_history)
        self._token = object()
        self.last_swap_s: float | None = None

    # ----------------------------------------------------------------------------- state
    @property
    def model(self) -> Policy:
        """The live policy this injector swaps adapters into."""
        return self._model

    @property
    def requires_signature(self) -> bool:
        """True when the injector has a key and refuses unsigned packets."""
        return self._verifier is not None and not getattr(self._verifier, "allow_unsigned", False)

    @property
    def active(self) -> str | None:
        """Id of the active packet (None: the base policy)."""
        live = self._model.live_weights
        return None if live is None else live.packet_id

    @property
    def history(self) -> list[str | None]:
        """Ids of the earlier states rollback returns to, oldest first (None: the base)."""
        with self._lock:
            return [None if live is None else live.packet_id for live in self._history]

    # ----------------------------------------------------------------------------- verify
    def verify(self, packet: PacketLike) -> VerifiedAdapter:
        """Load and check a packet against the live model; raise the first failed check.

        Reads everything from disk (an :class:`InstructionPacket` given here is re-read), so a
        file changed after the packet was made is caught. The live model is not modified.
        """
        start = time.perf_counter()
        path = packet.path if isinstance(packet, InstructionPacket) else Path(packet)
        manifest = InstructionPacket.load(path).manifest
        existing_dir(
            path,
            f"packet {manifest.id}",
            (ADAPTER_CONFIG_FILE, WEIGHTS_FILE),
            missing=PacketMissingFileError,
            wrong=PacketFormatError,
        )
        if self._verifier is not None:
            self._verifier.verify(manifest)
        config_bytes = read_at_most(path / ADAPTER_CONFIG_FILE, MAX_ADAPTER_CONFIG_BYTES)
        weights_bytes = _read_weights(path / WEIGHTS_FILE, manifest)
        _check_integrity(manifest, config_bytes, weights_bytes)
        fingerprint = self._model.fingerprint()
        if manifest.base_fingerprint != fingerprint:
            raise BaseModelMismatchError(
                f"packet {manifest.id} was made for base policy "
                f"{manifest.base_fingerprint[:16]}..., "
                f"but the live model is {fingerprint[:16]}... (another architecture or other "
                "base weights)"
            )
        spec = _read_spec(manifest, config_bytes)
        try:
            tensors = safetensors.torch.load(weights_bytes)
        except Exception as err:
            raise PacketFormatError(
                f"packet {manifest.id}: {WEIGHTS_FILE} is not a readable safetensors file: {err}"
            ) from err
        self._check_tensors(manifest.id, spec, tensors)
        live = merge_adapter(self._model, tensors, spec, manifest.id)
        if not all(bool(torch.isfinite(w).all()) for w in live.weights):
            raise NonFiniteWeightsError(
                f"packet {manifest.id}: merging the adapter overflows to non-finite weights"
            )
        return VerifiedAdapter(
            packet_id=manifest.id,
            manifest=manifest,
            path=path,
            live=live,
            verify_s=time.perf_counter() - start,
            _owner=self._token,
        )

    def _check_tensors(
        self, packet_id: str, spec: LoRASpec, tensors: Mapping[str, torch.Tensor]
    ) -> None:
        shapes = self._model.layer_shapes()
        unknown = [t for t in spec.target_modules if t not in shapes]
        if unknown:
            raise LayerMismatchError(
                f"packet {packet_id} targets layers {unknown} that the live model lacks "
                f"(its layers: {list(shapes)})"
            )
        expected = {adapter_key(t, w) for t in spec.target_modules for w in ("A", "B")}
        missing, extra = sorted(expected - set(tensors)), sorted(set(tensors) - expected)
        if missing or extra:
            raise LayerMismatchError(
                f"packet {packet_id}: the weights do not match the target layers "
                f"{spec.target_modules} (missing: {missing}; unexpected: {extra})"
            )
        for target in spec.target_modules:
            a, b = tensors[adapter_key(target, "A")], tensors[adapter_key(target, "B")]
            if not (a.dtype.is_floating_point and b.dtype.is_floating_point):
                raise PacketFormatError(
                    f"packet {packet_id}: {target} LoRA tensors have dtypes {a.dtype}, {b.dtype}; "
                    "expected floating point"
                )
            if a.ndim != 2 or b.ndim != 2:
                raise LayerMismatchError(
                    f"packet {packet_id}: {target} lora_A has shape {tuple(a.shape)} and lora_B "
                    f"{tuple(b.shape)}; both must be matrices"
                )
            if a.shape[0] != spec.rank or b.shape[1] != spec.rank:
                raise RankMismatchError(
                    f"packet {packet_id}: {target} has lora_A {tuple(a.shape)} and lora_B "
                    f"{tuple(b.shape)}, which is not rank r={spec.rank} as adapter_config.json "
                    "declares"
                )
            in_features, out_features = shapes[target]
            if a.shape[1] != in_features or b.shape[0] != out_features:
                raise LayerMismatchError(
                    f"packet {packet_id}: {target} adapter maps {a.shape[1]} -> {b.shape[0]} "
                    f"features, but the live layer maps {in_features} -> {out_features}"
                )
        for name in sorted(tensors):
            values = tensors[name]
            if not bool(torch.isfinite(values).all()):
                count = int((~torch.isfinite(values)).sum())
                raise NonFiniteWeightsError(
                    f"packet {packet_id}: {name} holds {count} NaN or infinite values"
                )

    # ----------------------------------------------------------------------------- swap
    def activate(self, adapter: VerifiedAdapter) -> float:
        """Make a verified adapter the live one; returns the swap's latency in seconds."""
        if adapter._owner is not self._token:
            raise InvalidArgumentError(
                f"adapter {adapter.packet_id} was verified by another injector; verify it with "
                "this one (each injector checks against its own model)"
            )
        start = time.perf_counter()
        with self._lock:
            previous = self._model.live_weights
            self._model._set_live(adapter.live)
            self._history.append(previous)
        elapsed = time.perf_counter() - start
        self.last_swap_s = elapsed
        return elapsed

    def inject(self, packet: PacketLike) -> float:
        """Verify and activate a packet; returns the swap's latency in seconds."""
        return self.activate(self.verify(packet))

    def rollback(self) -> str | None:
        """Return to the state before the last activation (or eject); returns the active id."""
        with self._lock:
            if not self._history:
                raise RollbackError(
                    "nothing to roll back to: no earlier adapter state is kept "
                    f"(history holds at most {self._history.maxlen})"
                )
            self._model._set_live(self._history.pop())
        return self.active

    def eject(self) -> None:
        """Return to the base policy (a rollback afterwards restores the ejected adapter)."""
        with self._lock:
            current = self._model.live_weights
            if current is None:
                return
            self._model._set_live(None)
            self._history.append(current)


def _read_weights(path: Path, manifest: PacketManifest) -> bytes:
    """The weights file, after checking its size against the manifest (a file of another size,
    for example a symlink to something huge, is refused before anything is read)."""
    expected = manifest.weights_bytes
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size != expected:
            raise PacketTruncatedError(
                f"packet {manifest.id}: {WEIGHTS_FILE} is {size} bytes but the manifest records "
                f"{expected} (a truncated, torn or substituted file); it was not read"
            )
        return handle.read(expected + 1)


def _check_integrity(manifest: PacketManifest, config_bytes: bytes, weights_bytes: bytes) -> None:
    if len(weights_bytes) != manifest.weights_bytes:
        raise PacketTruncatedError(
            f"packet {manifest.id}: {WEIGHTS_FILE} is {len(weights_bytes)} bytes but the manifest "
            f"records {manifest.weights_bytes} (a truncated or torn copy)"
        )
    checks = (
        (WEIGHTS_FILE, weights_bytes, manifest.weights_sha256, "corrupted or changed"),
        (ADAPTER_CONFIG_FILE, config_bytes, manifest.adapter_config_sha256, "changed"),
    )
    for name, data, recorded, how in checks:
        digest = sha256_hex(data)
        if digest != recorded:
            raise PacketIntegrityError(
                f"packet {manifest.id}: {name} has sha256 {digest[:16]}..., the manifest records "
                f"{recorded[:16]}... (the file was {how})"
            )


def _read_spec(manifest: PacketManifest, config_bytes: bytes) -> LoRASpec:
    try:
        config = json.loads(config_bytes)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise PacketFormatError(
            f"packet {manifest.id}: {ADAPTER_CONFIG_FILE} is not valid JSON: {err}"
        ) from err
    spec = LoRASpec.from_adapter_config(config)
    if spec != manifest.lora:
        raise PacketFormatError(
            f"packet {manifest.id}: {ADAPTER_CONFIG_FILE} ({spec.model_dump()}) disagrees with "
            f"the manifest's LoRA config ({manifest.lora.model_dump()})"
        )
    return spec
