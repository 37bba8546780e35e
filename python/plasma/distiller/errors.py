"""Errors of :mod:`plasma.distiller`.

Every check an instruction packet can fail has its own class, so a device can tell *why* a packet
was refused (and tests can tell the checks apart); all of them derive from :class:`PacketError`.
Where the meaning is "a bad value" the class also inherits :class:`ValueError`.
"""

from __future__ import annotations

from plasma.errors import MissingFileError, PlasmaError

__all__ = [
    "AdapterMismatchError",
    "BaseModelMismatchError",
    "CoreUnavailableError",
    "DistillationInputError",
    "LayerMismatchError",
    "MissingLabelsError",
    "NoApprovedPathsError",
    "NonFiniteWeightsError",
    "NotAuditedError",
    "PacketError",
    "PacketFormatError",
    "PacketIntegrityError",
    "PacketMissingFileError",
    "PacketSignatureError",
    "PacketTruncatedError",
    "RankMismatchError",
    "RollbackError",
    "UnsignedPacketError",
]


class PacketError(PlasmaError):
    """Base class of the reasons an instruction packet is refused (or cannot be written)."""


class PacketMissingFileError(PacketError, MissingFileError):
    """The packet directory, or one of its files (manifest, adapter config, weights), is missing."""


class PacketFormatError(PacketError, ValueError):
    """A packet file cannot be parsed, or its manifest and adapter config disagree."""


class PacketIntegrityError(PacketError, ValueError):
    """A packet file's sha256 differs from the one its manifest records (a flipped byte)."""


class PacketTruncatedError(PacketIntegrityError):
    """The weights file is shorter or longer than its manifest records (a torn copy or download)."""


class PacketSignatureError(PacketError, ValueError):
    """The packet's signature does not verify with the device's key (or was made by another key)."""


class UnsignedPacketError(PacketError, ValueError):
    """The device requires signed packets and this packet carries no signature."""


class BaseModelMismatchError(PacketError, ValueError):
    """The packet was made for another base policy: its fingerprint differs from the model's."""


class AdapterMismatchError(PacketError, ValueError):
    """The adapter's tensors do not fit the live model; see the two subclasses."""


class RankMismatchError(AdapterMismatchError):
    """A LoRA tensor's rank differs from the rank ``r`` the adapter config declares."""


class LayerMismatchError(AdapterMismatchError):
    """A target layer is missing from the live model, or a tensor's shape does not fit the layer."""


class NonFiniteWeightsError(PacketError, ValueError):
    """The adapter holds NaN or infinite values (or merging it would produce them)."""


class RollbackError(PlasmaError, RuntimeError):
    """``rollback()`` was called with no earlier adapter state to return to."""


class DistillationInputError(PlasmaError, ValueError):
    """The paths given to distillation cannot be used; see the subclasses."""


class MissingLabelsError(DistillationInputError):
    """The paths carry no planner action labels (``action_labels`` is None): nothing to imitate."""


class NotAuditedError(DistillationInputError):
    """The paths were never audited (``approved`` is None) and the distiller requires an audit."""


class NoApprovedPathsError(DistillationInputError):
    """The auditor approved none of the paths."""


class CoreUnavailableError(PlasmaError, RuntimeError):
    """This build of the native module ``plasma._core`` has no ``PolicyNet`` to export to."""
