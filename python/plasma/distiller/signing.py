"""Signing instruction packets: Ed25519 keys or an HMAC-SHA256 secret.

A signature covers the manifest's canonical encoding (everything but the signature itself). The
manifest records the sha256 of the weights file and of the adapter config, so the signature covers
the weights too. A device holding a verifier refuses unsigned packets and packets whose signature
does not verify.

.. code-block:: python

    signer = Ed25519Signer.generate()           # keep signer.private_bytes() secret
    device_key = signer.verifier()              # or Ed25519Verifier(public_key_bytes)
"""

from __future__ import annotations

import hashlib
import hmac
from typing import TYPE_CHECKING, Literal, TypeAlias

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from plasma.distiller.errors import PacketSignatureError, UnsignedPacketError
from plasma.errors import InvalidArgumentError

if TYPE_CHECKING:
    from plasma.distiller.packet import PacketManifest, PacketSignature

__all__ = [
    "Ed25519Signer",
    "Ed25519Verifier",
    "HmacSigner",
    "PacketSigner",
    "PacketVerifier",
    "SignatureAlgorithm",
    "make_signer",
    "make_verifier",
]

SignatureAlgorithm = Literal["ed25519", "hmac-sha256"]

_HMAC_KEY_ID_TAG = b"plasma.hmac.key-id/1\x00"
_MIN_HMAC_SECRET = 16


def _hex_bytes(value: str | bytes, what: str) -> bytes:
    if isinstance(value, bytes):
        return value
    try:
        return bytes.fromhex(value.strip())
    except ValueError as err:
        raise InvalidArgumentError(f"{what} must be bytes or a hex string: {err}") from err


def _signature_bytes(signature: PacketSignature) -> bytes:
    try:
        return bytes.fromhex(signature.value)
    except ValueError as err:
        raise PacketSignatureError(f"the packet's signature is not valid hex: {err}") from err


def _require_signature(manifest: PacketManifest, algorithm: str, key_id: str) -> PacketSignature:
    signature = manifest.signature
    if signature is None:
        raise UnsignedPacketError(
            f"packet {manifest.id} is unsigned, and this device only accepts packets signed "
            f"with {algorithm} key {key_id}"
        )
    if signature.algorithm != algorithm:
        raise PacketSignatureError(
            f"packet {manifest.id} is signed with {signature.algorithm}, but this device "
            f"verifies {algorithm} signatures"
        )
    if signature.key_id != key_id:
        raise PacketSignatureError(
            f"packet {manifest.id} is signed by key {signature.key_id}, but this device trusts "
            f"key {key_id}"
        )
    return signature


class Ed25519Verifier:
    """Verifies Ed25519 packet signatures with one trusted public key."""

    algorithm: SignatureAlgorithm = "ed25519"
    """Signatures this verifier checks."""

    def __init__(self, public_key: Ed25519PublicKey | bytes | str) -> None:
        if isinstance(public_key, Ed25519PublicKey):
            self._key = public_key
        else:
            raw = _hex_bytes(public_key, "public_key")
            try:
                self._key = Ed25519PublicKey.from_public_bytes(raw)
            except ValueError as err:
                raise InvalidArgumentError(
                    f"public_key must be 32 raw Ed25519 bytes, got {len(raw)}"
                ) from err
        raw_public = self._key.public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.public_bytes = raw_public
        self.key_id = hashlib.sha256(raw_public).hexdigest()[:16]

    def verify(self, manifest: PacketManifest) -> None:
        """Raise unless ``manifest`` carries a valid signature by this key."""
        signature = _require_signature(manifest, self.algorithm, self.key_id)
        try:
            self._key.verify(_signature_bytes(signature), manifest.canonical_bytes())
        except InvalidSignature as err:
            raise PacketSignatureError(
                f"packet {manifest.id}: the Ed25519 signature does not match the manifest "
                "(the manifest or the files it hashes were changed after signing)"
            ) from err


class Ed25519Signer:
    """Signs packets with an Ed25519 private key; :meth:`verifier` gives the device's side."""

    algorithm: SignatureAlgorithm = "ed25519"
    """Signatures this signer makes."""

    def __init__(self, private_key: Ed25519PrivateKey | bytes | str) -> None:
        if isinstance(private_key, Ed25519PrivateKey):
            self._key = private_key
        else:
            raw = _hex_bytes(private_key, "private_key")
            try:
                self._key = Ed25519PrivateKey.from_private_bytes(raw)
            except ValueError as err:
                raise InvalidArgumentError(
                    f"private_key must be 32 raw Ed25519 bytes, got {len(raw)}"
                ) from err
        self._verifier = Ed25519Verifier(self._key.public_key())
        self.key_id = self._verifier.key_id

    @classmethod
    def generate(cls) -> Ed25519Signer:
        """A signer with a new random key."""
        return cls(Ed25519PrivateKey.generate())

    def private_bytes(self) -> bytes:
        """The 32 raw private key bytes (keep them secret)."""
        return self._key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )

    @property
    def public_bytes(self) -> bytes:
        """The 32 raw public key bytes, to configure devices with."""
        return self._verifier.public_bytes

    def verifier(self) -> Ed25519Verifier:
        """The matching verifier (public key only)."""
        return self._verifier

    def sign(self, manifest: PacketManifest) -> PacketSignature:
        """The signature of ``manifest`` (its ``signature`` field is ignored)."""
        from plasma.distiller.packet import PacketSignature

        value = self._key.sign(manifest.canonical_bytes()).hex()
        return PacketSignature(algorithm=self.algorithm, key_id=self.key_id, value=value)


class HmacSigner:
    """Signs and verifies packets with a shared HMAC-SHA256 secret (at least 16 bytes)."""

    algorithm: SignatureAlgorithm = "hmac-sha256"
    """Signatures this secret makes and checks."""

    def __init__(self, secret: bytes | str) -> None:
        raw = _hex_bytes(secret, "secret")
        if len(raw) < _MIN_HMAC_SECRET:
            raise InvalidArgumentError(
                f"an HMAC secret needs at least {_MIN_HMAC_SECRET} bytes, got {len(raw)}"
            )
        self._secret = raw
        self.key_id = hashlib.sha256(_HMAC_KEY_ID_TAG + raw).hexdigest()[:16]

    def verifier(self) -> HmacSigner:
        """The same object: an HMAC secret both signs and verifies."""
        return self

    def _mac(self, manifest: PacketManifest) -> bytes:
        return hmac.new(self._secret, manifest.canonical_bytes(), hashlib.sha256).digest()

    def sign(self, manifest: PacketManifest) -> PacketSignature:
        """The signature of ``manifest`` (its ``signature`` field is ignored)."""
        from plasma.distiller.packet import PacketSignature

        value = self._mac(manifest).hex()
        return PacketSignature(algorithm=self.algorithm, key_id=self.key_id, value=value)

    def verify(self, manifest: PacketManifest) -> None:
        """Raise unless ``manifest`` carries a valid HMAC made with this secret."""
        signature = _require_signature(manifest, self.algorithm, self.key_id)
        if not hmac.compare_digest(_signature_bytes(signature), self._mac(manifest)):
            raise PacketSignatureError(
                f"packet {manifest.id}: the HMAC-SHA256 signature does not match the manifest "
                "(the manifest or the files it hashes were changed after signing)"
            )


PacketSigner: TypeAlias = Ed25519Signer | HmacSigner
"""Anything that signs packets."""
PacketVerifier: TypeAlias = Ed25519Verifier | HmacSigner
"""Anything that verifies packet signatures."""


def make_signer(algorithm: SignatureAlgorithm, key: bytes | str) -> PacketSigner:
    """A signer from an algorithm name and key bytes (or hex): Ed25519 private key or secret."""
    if algorithm == "ed25519":
        return Ed25519Signer(key)
    if algorithm == "hmac-sha256":
        return HmacSigner(key)
    raise InvalidArgumentError(f"unknown signature algorithm {algorithm!r}")


def make_verifier(algorithm: SignatureAlgorithm, key: bytes | str) -> PacketVerifier:
    """A verifier from an algorithm name and key bytes (or hex): Ed25519 public key or secret."""
    if algorithm == "ed25519":
        return Ed25519Verifier(key)
    if algorithm == "hmac-sha256":
        return HmacSigner(key)
    raise InvalidArgumentError(f"unknown signature algorithm {algorithm!r}")
