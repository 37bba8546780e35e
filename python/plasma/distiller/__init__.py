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

from typing import TYPE_CHECKING

from plasma._lazy import attach

if TYPE_CHECKING:
    from plasma.distiller.distiller import *  # noqa: F403
    from plasma.distiller.errors import *  # noqa: F403
    from plasma.distiller.injector import *  # noqa: F403
    from plasma.distiller.packet import AuditSummary as AuditSummary
    from plasma.distiller.packet import InstructionPacket as InstructionPacket
    from plasma.distiller.packet import LoRASpec as LoRASpec
    from plasma.distiller.packet import PacketManifest as PacketManifest
    from plasma.distiller.packet import Provenance as Provenance
    from plasma.distiller.policy import LiveWeights as LiveWeights
    from plasma.distiller.policy import Policy as Policy
    from plasma.distiller.policy import PolicyArchitecture as PolicyArchitecture
    from plasma.distiller.policy import PolicyConfig as PolicyConfig
    from plasma.distiller.reports import *  # noqa: F403
    from plasma.distiller.signing import Ed25519Signer as Ed25519Signer
    from plasma.distiller.signing import Ed25519Verifier as Ed25519Verifier
    from plasma.distiller.signing import HmacSigner as HmacSigner
    from plasma.distiller.signing import Keyring as Keyring
    from plasma.distiller.signing import PacketSignature as PacketSignature
    from plasma.distiller.signing import PacketSigner as PacketSigner
    from plasma.distiller.signing import PacketVerifier as PacketVerifier
    from plasma.distiller.signing import make_signer as make_signer
    from plasma.distiller.signing import make_verifier as make_verifier
    from plasma.distiller.training import DistillOutcome as DistillOutcome
    from plasma.distiller.training import LabelledStates as LabelledStates
    from plasma.distiller.training import LoRASettings as LoRASettings
    from plasma.distiller.training import Refinement as Refinement
    from plasma.distiller.training import TrainingConfig as TrainingConfig
    from plasma.distiller.training import distill as distill
    from plasma.distiller.training import path_weights as path_weights
    from plasma.distiller.training import select_paths as select_paths

# Public names, imported when first read (PEP 562): see plasma._lazy.
__getattr__, __dir__, __all__ = attach(__name__)
