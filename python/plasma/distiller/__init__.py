"""Distillation of audited imagined experience into LoRA instruction packets, and their safe
hot-swap into a live policy.

.. code-block:: python

    from plasma.distiller import Distiller

    distiller = Distiller(config)
    await distiller.start()
    packets = await distiller.distill_from_paths(phantom_paths)  # audited, with planner labels
    results = await distiller.deploy_packets(packets)            # model optional
    print(results["deployed"], results["active"])

Parts: :class:`Policy` (torch MLP, exportable to the Rust core), :func:`distill` (behaviour cloning,
full or LoRA, optional DAgger), :class:`InstructionPacket` (peft adapter + signed manifest),
:class:`LoRAInjector` (verify, atomic activate, rollback, eject) and :class:`Distiller`.
"""

from plasma.distiller.distiller import Distiller, DistillerConfig
from plasma.distiller.errors import (
    AdapterMismatchError,
    BaseModelMismatchError,
    CoreUnavailableError,
    DistillationInputError,
    LayerMismatchError,
    MissingLabelsError,
    NoApprovedPathsError,
    NonFiniteWeightsError,
    NotAuditedError,
    PacketError,
    PacketFormatError,
    PacketIntegrityError,
    PacketMissingFileError,
    PacketSignatureError,
    PacketTruncatedError,
    RankMismatchError,
    RollbackError,
    UnsignedPacketError,
)
from plasma.distiller.injector import LoRAInjector, VerifiedAdapter, merge_adapter
from plasma.distiller.packet import (
    AuditSummary,
    InstructionPacket,
    LoRASpec,
    PacketManifest,
    PacketSignature,
    Provenance,
)
from plasma.distiller.policy import LiveWeights, Policy, PolicyConfig
from plasma.distiller.reports import DeployReport, DistillReport, FailedPacket
from plasma.distiller.signing import (
    Ed25519Signer,
    Ed25519Verifier,
    HmacSigner,
    Keyring,
    PacketSigner,
    PacketVerifier,
    make_signer,
    make_verifier,
)
from plasma.distiller.training import (
    DistillOutcome,
    LabelledStates,
    LoRASettings,
    TrainingConfig,
    distill,
    path_weights,
    select_paths,
)

__all__ = [
    "AdapterMismatchError",
    "AuditSummary",
    "BaseModelMismatchError",
    "CoreUnavailableError",
    "DeployReport",
    "DistillOutcome",
    "DistillReport",
    "DistillationInputError",
    "Distiller",
    "DistillerConfig",
    "Ed25519Signer",
    "Ed25519Verifier",
    "FailedPacket",
    "HmacSigner",
    "InstructionPacket",
    "Keyring",
    "LabelledStates",
    "LayerMismatchError",
    "LiveWeights",
    "LoRAInjector",
    "LoRASettings",
    "LoRASpec",
    "MissingLabelsError",
    "NoApprovedPathsError",
    "NonFiniteWeightsError",
    "NotAuditedError",
    "PacketError",
    "PacketFormatError",
    "PacketIntegrityError",
    "PacketManifest",
    "PacketMissingFileError",
    "PacketSignature",
    "PacketSignatureError",
    "PacketSigner",
    "PacketTruncatedError",
    "PacketVerifier",
    "Policy",
    "PolicyConfig",
    "Provenance",
    "RankMismatchError",
    "RollbackError",
    "TrainingConfig",
    "UnsignedPacketError",
    "VerifiedAdapter",
    "distill",
    "make_signer",
    "make_verifier",
    "merge_adapter",
    "path_weights",
    "select_paths",
]
