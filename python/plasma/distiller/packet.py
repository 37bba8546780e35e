"""``InstructionPacket``: a LoRA adapter that plain peft loads, plus a manifest that makes it safe.

A packet is a directory named by its id::

    pkt-3f2a.../
        adapter_config.json         peft's LoraConfig (PeftModel.from_pretrained reads it)
        adapter_model.safetensors   the LoRA tensors, peft's key names
        manifest.json               PacketManifest: what, for which base, from which paths, hashes,
                                    optional signature

It is written atomically (temporary directory beside it, every file and the directory fsynced,
then renamed), so a reader sees a whole packet or none.
"""

from __future__ import annotations

import errno
import hashlib
import json
import math
import os
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import safetensors.torch
import torch
from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    PositiveInt,
    ValidationError,
    field_validator,
)

from plasma._config import validation_message
from plasma._core import __version__ as _PLASMA_VERSION
from plasma._io import existing_dir, write_dir_atomic
from plasma._io import read_at_most as _read_bounded
from plasma.distiller.errors import (
    NonFiniteWeightsError,
    PacketFormatError,
    PacketMissingFileError,
)
from plasma.distiller.reports import DistillReport
from plasma.distiller.signing import PacketSignature
from plasma.errors import InvalidArgumentError

if TYPE_CHECKING:
    from peft import LoraConfig

    from plasma.distiller.signing import PacketSigner

__all__ = [
    "ADAPTER_CONFIG_FILE",
    "MANIFEST_FILE",
    "PACKET_FORMAT",
    "WEIGHTS_FILE",
    "AuditSummary",
    "InstructionPacket",
    "LoRASpec",
    "PacketManifest",
    "PacketSignature",
    "Provenance",
    "adapter_key",
    "sha256_hex",
]

PACKET_FORMAT: Literal["plasma.instruction_packet/1"] = "plasma.instruction_packet/1"
MANIFEST_FILE = "manifest.json"
ADAPTER_CONFIG_FILE = "adapter_config.json"
WEIGHTS_FILE = "adapter_model.safetensors"
PEFT_PREFIX = "base_model.model."
_SIGNING_TAG = b"plasma.instruction_packet.signature/1\n"
_HEX64 = r"^[0-9a-f]{64}$"
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"
MAX_MANIFEST_BYTES = 1 << 20
"""manifest.json is a few kilobytes; a larger one is refused unread."""
MAX_ADAPTER_CONFIG_BYTES = 1 << 20
"""adapter_config.json is under a kilobyte; a larger one is refused unread."""


def sha256_hex(data: bytes) -> str:
    """sha256 of ``data`` as lowercase hex."""
    return hashlib.sha256(data).hexdigest()


def read_at_most(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, refusing a file larger than ``limit`` after reading ``limit + 1``
    bytes at most (:func:`plasma._io.read_at_most`).

    Raises:
        PacketFormatError: the file is larger than ``limit`` bytes.
    """
    try:
        return _read_bounded(path, limit)
    except OSError as err:
        if err.errno != errno.EFBIG:
            raise
        raise PacketFormatError(f"{path} holds more than the {limit} allowed bytes") from None


def adapter_key(layer: str, which: Literal["A", "B"]) -> str:
    """peft's name for a LoRA tensor in ``adapter_model.safetensors``."""
    return f"{PEFT_PREFIX}{layer}.lora_{which}.weight"


def _finite(value: float, name: str) -> float:
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


class LoRASpec(BaseModel):
    """The LoRA configuration of a packet (mirrors the fields of peft's ``LoraConfig`` it uses)."""

    model_config = ConfigDict(
        extra="forbid", use_attribute_docstrings=True, frozen=True, allow_inf_nan=False
    )

    rank: PositiveInt
    """LoRA rank ``r``."""
    alpha: float = Field(gt=0)
    """``lora_alpha``; the update is scaled by ``alpha / rank`` (``alpha / sqrt(rank)`` rsLoRA)."""
    dropout: float = Field(default=0.0, ge=0.0, lt=1.0)
    """``lora_dropout`` used in training (no effect at inference)."""
    target_modules: list[str] = Field(min_length=1)
    """Names of the adapted layers (e.g. "layers.0"), sorted."""
    use_rslora: bool = False
    """Rank-stabilized scaling."""

    @field_validator("target_modules")
    @classmethod
    def _sorted_unique(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError(f"target_modules has duplicates: {value}")
        return sorted(value)

    @property
    def scaling(self) -> float:
        """The factor LoRA's ``B @ A`` is multiplied by."""
        return self.alpha / (math.sqrt(self.rank) if self.use_rslora else self.rank)

    def to_peft(self, base_model_name_or_path: str | None = None) -> LoraConfig:
        """The peft ``LoraConfig`` for this spec."""
        from peft import LoraConfig

        return LoraConfig(
            r=self.rank,
            lora_alpha=self.alpha,  # type: ignore[arg-type]  # peft takes floats too
            lora_dropout=self.dropout,
            target_modules=list(self.target_modules),
            use_rslora=self.use_rslora,
            bias="none",
            init_lora_weights=True,
            base_model_name_or_path=base_model_name_or_path,
        )

    @classmethod
    def from_adapter_config(cls, config: Any) -> LoRASpec:
        """Read peft's ``adapter_config.json`` content; refuse what a merge cannot represent."""
        if not isinstance(config, dict):
            raise PacketFormatError("adapter_config.json is not a JSON object")
        if config.get("peft_type") != "LORA":
            raise PacketFormatError(
                f"adapter_config.json has peft_type {config.get('peft_type')!r}, expected 'LORA'"
            )
        targets = config.get("target_modules")
        if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
            raise PacketFormatError(
                "adapter_config.json target_modules must be a list of layer names "
                f"(regular expressions are not accepted), got {targets!r}"
            )
        unsupported = {
            "use_dora": bool(config.get("use_dora")),
            "rank_pattern": bool(config.get("rank_pattern")),
            "alpha_pattern": bool(config.get("alpha_pattern")),
            "bias": config.get("bias", "none") != "none",
            "lora_bias": bool(config.get("lora_bias")),
            "fan_in_fan_out": bool(config.get("fan_in_fan_out")),
            "modules_to_save": bool(config.get("modules_to_save")),
            "layers_to_transform": config.get("layers_to_transform") is not None,
            "target_parameters": bool(config.get("target_parameters")),
        }
        bad = sorted(k for k, v in unsupported.items() if v)
        if bad:
            raise PacketFormatError(f"adapter_config.json uses unsupported LoRA options: {bad}")
        try:
            return cls(
                rank=config.get("r"),
                alpha=config.get("lora_alpha"),
                dropout=config.get("lora_dropout", 0.0),
                target_modules=targets,
                use_rslora=bool(config.get("use_rslora", False)),
            )
        except ValidationError as err:
            raise PacketFormatError(
                f"adapter_config.json is not a valid LoRA config: "
                f"{validation_message(err, 'LoRA config')}"
            ) from err


class AuditSummary(BaseModel):
    """What the auditor said about the paths a packet was distilled from."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    audited: bool
    """True when the paths carried an auditor verdict."""
    required: bool
    """True when the distiller required approved paths."""
    approved_paths: NonNegativeInt | None = None
    """Paths the auditor approved (None: never audited)."""
    total_paths: NonNegativeInt
    """Paths given to the distiller."""


class Provenance(BaseModel):
    """Where a packet came from."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    trace_id: str | None = None
    """Trace of the distillation (32 hex digits), when a tracker recorded it."""
    paths_digest: str
    """``PhantomPaths.digest()`` of the paths distilled."""
    num_paths: NonNegativeInt
    """Paths used."""
    num_steps: NonNegativeInt
    """Labelled steps used."""
    paths_mode: str | None = None
    """How the paths' actions were chosen (``meta.mode``)."""
    world_model_id: str | None = None
    """Id of the world model that imagined the paths (``meta.model_id``)."""
    plasma_version: str | None = None
    """Version of Plasma that made the packet."""


class PacketManifest(BaseModel):
    """``manifest.json``: identity, target base, LoRA config, metrics, audit, provenance, hashes."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, allow_inf_nan=False)

    format: Literal["plasma.instruction_packet/1"] = PACKET_FORMAT
    """Format tag of the manifest."""
    id: str = Field(pattern=_ID_PATTERN)
    """Packet id (also the directory name)."""
    created: AwareDatetime
    """Creation time (UTC)."""
    env_id: str | None = None
    """Gymnasium id of the environment the packet was distilled for."""
    variant: dict[str, float] = Field(default_factory=dict)
    """Physical variant of the environment."""
    base_fingerprint: str = Field(pattern=_HEX64)
    """``Policy.fingerprint()`` of the base the adapter was trained on."""
    lora: LoRASpec
    """LoRA configuration (agrees with adapter_config.json)."""
    metrics: dict[str, float] = Field(default_factory=dict)
    """Distillation metrics (held-out imitation error, training loss, imagined return, ...)."""
    audit: AuditSummary
    """The audit of the paths."""
    provenance: Provenance
    """Trace id and paths digest."""
    weights_sha256: str = Field(pattern=_HEX64)
    """sha256 of adapter_model.safetensors."""
    weights_bytes: NonNegativeInt
    """Size of adapter_model.safetensors in bytes."""
    adapter_config_sha256: str = Field(pattern=_HEX64)
    """sha256 of adapter_config.json."""
    signature: PacketSignature | None = None
    """Signature over everything above (None: unsigned)."""

    @field_validator("created")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return value.astimezone(UTC)

    def canonical_bytes(self) -> bytes:
        """The bytes a signature covers: sorted compact JSON of every field but ``signature``."""
        body = self.model_dump(mode="json", exclude={"signature"})
        text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return _SIGNING_TAG + text.encode()

    def to_json(self) -> str:
        """The manifest as indented JSON (what manifest.json holds)."""
        return self.model_dump_json(indent=2)

    @classmethod
    def from_json(cls, text: str | bytes) -> PacketManifest:
        """Parse manifest.json; a bad manifest raises :class:`PacketFormatError`."""
        try:
            return cls.model_validate_json(text)
        except ValidationError as err:
            raise PacketFormatError(
                f"manifest.json is not a valid packet manifest: "
                f"{validation_message(err, 'manifest')}"
            ) from err


def new_packet_id() -> str:
    """A fresh packet id: ``pkt-`` and 32 random hex digits."""
    return f"pkt-{uuid.uuid4().hex}"


@dataclass(frozen=True, eq=False)
class InstructionPacket:
    """A packet directory and its manifest (the weights are read when a device verifies it)."""

    path: Path
    """The packet directory."""
    manifest: PacketManifest
    """Its parsed manifest."""
    report: DistillReport | None = None
    """The distillation report, when this process made the packet."""

    @property
    def id(self) -> str:
        """The packet id."""
        return self.manifest.id

    @property
    def signed(self) -> bool:
        """True when the manifest carries a signature."""
        return self.manifest.signature is not None

    def size_bytes(self) -> int:
        """Total size of the packet's three files."""
        return sum(
            (self.path / name).stat().st_size
            for name in (MANIFEST_FILE, ADAPTER_CONFIG_FILE, WEIGHTS_FILE)
        )

    def __repr__(self) -> str:
        return f"InstructionPacket(id={self.id!r}, path={str(self.path)!r}, signed={self.signed})"

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> InstructionPacket:
        """Read a packet directory's manifest (the weights are checked by the injector)."""
        path = existing_dir(
            path,
            "packet",
            (MANIFEST_FILE,),
            missing=PacketMissingFileError,
            wrong=PacketFormatError,
        )
        manifest_path = path / MANIFEST_FILE
        manifest = PacketManifest.from_json(read_at_most(manifest_path, MAX_MANIFEST_BYTES))
        return cls(path=path, manifest=manifest)

    @classmethod
    def write(
        cls,
        directory: str | os.PathLike[str],
        *,
        adapter: dict[str, torch.Tensor],
        lora: LoRASpec,
        base_fingerprint: str,
        provenance: Provenance,
        audit: AuditSummary,
        env_id: str | None = None,
        variant: dict[str, float] | None = None,
        metrics: dict[str, float] | None = None,
        signer: PacketSigner | None = None,
        packet_id: str | None = None,
        report: DistillReport | None = None,
        check_finite: bool = True,
    ) -> InstructionPacket:
        """Write a packet as ``directory/<id>`` atomically and return it.

        ``adapter`` maps peft's key names (:func:`adapter_key`) to LoRA tensors, two per target
        layer. ``check_finite=False`` lets tests write a NaN packet on purpose.
        """
        expected = {adapter_key(t, w) for t in lora.target_modules for w in ("A", "B")}
        if set(adapter) != expected:
            raise InvalidArgumentError(
                f"adapter tensors {sorted(adapter)} do not match the target modules "
                f"{lora.target_modules} (expected {sorted(expected)})"
            )
        tensors = {k: v.detach().to("cpu", torch.float32).contiguous() for k, v in adapter.items()}
        if check_finite:
            bad = sorted(k for k, v in tensors.items() if not bool(torch.isfinite(v).all()))
            if bad:
                raise NonFiniteWeightsError(f"adapter tensors {bad} hold NaN or infinite values")
        weights = safetensors.torch.save(tensors, metadata={"format": "pt"})
        config_bytes = _peft_config_bytes(lora, base_fingerprint)
        manifest = PacketManifest(
            format=PACKET_FORMAT,
            id=packet_id or new_packet_id(),
            created=datetime.now(UTC),
            env_id=env_id,
            variant=dict(variant or {}),
            base_fingerprint=base_fingerprint,
            lora=lora,
            metrics={k: float(v) for k, v in (metrics or {}).items() if math.isfinite(v)},
            audit=audit,
            provenance=provenance.model_copy(update={"plasma_version": _PLASMA_VERSION}),
            weights_sha256=sha256_hex(weights),
            weights_bytes=len(weights),
            adapter_config_sha256=sha256_hex(config_bytes),
        )
        if signer is not None:
            manifest = manifest.model_copy(update={"signature": signer.sign(manifest)})
        target = Path(directory) / manifest.id
        files = {
            ADAPTER_CONFIG_FILE: config_bytes,
            WEIGHTS_FILE: weights,
            MANIFEST_FILE: manifest.to_json().encode(),
        }
        write_dir_atomic(target, files)
        return cls(path=target, manifest=manifest, report=report)


def base_model_name(base_fingerprint: str) -> str:
    """What a packet's adapter_config.json records as ``base_model_name_or_path``."""
    return f"plasma-policy@sha256:{base_fingerprint}"


def _peft_config_bytes(lora: LoRASpec, base_fingerprint: str) -> bytes:
    """adapter_config.json exactly as peft's own ``save_pretrained`` writes it."""
    config = lora.to_peft(base_model_name(base_fingerprint))
    config.inference_mode = True
    with tempfile.TemporaryDirectory(prefix="plasma-peft-config-") as scratch:
        config.save_pretrained(scratch)
        return (Path(scratch) / ADAPTER_CONFIG_FILE).read_bytes()
