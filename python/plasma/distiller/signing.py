"""Signing instruction packets: Ed25519 keys or an HMAC-SHA256 secret.

A signature covers the manifest's canonical encoding (everything but the signature itself). The
manifest records the sha256 of the weights file and of the adapter config, so the signature covers
the weights too. A device holding a verifier refuses unsigned packets and packets whose signature
does not verify.

A :class:`Keyring` holds every key a device trusts and decides about unsigned packets: they
pass only when the keyring was made with ``allow_unsigned=True``. A keyring file has one key per
line, ``ed25519 <64 hex digits of the public key>`` or ``hmac-sha256 <hex of the secret>`` (a bare
64-hex-digit line is an Ed25519 public key); ``#`` starts a comment.

.. code-block:: python

    signer = Ed25519Signer.generate()           # keep signer.private_bytes() secret
    device_key = signer.verifier()              # or Ed25519Verifier(public_key_bytes)
    keyring = Keyring([device_key])             # or Keyring.from_file("trusted.keys")
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Callable, Iterable
from typing import Literal, Protocol, TypeAlias, TypeVar

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ConfigDict, Field

from plasma._io import read_at_most, user_text
from plasma.distiller.errors import PacketSignatureError, UnsignedPacketError
from plasma.errors import InvalidArgumentError

__all__ = [
    "Ed25519Signer",
    "Ed25519Verifier",
    "HmacSigner",
    "KeyVerifier",
    "Keyring",
    "PacketSignature",
    "PacketSigner",
    "PacketVerifier",
    "SignatureAlgorithm",
    "Signed",
    "make_signer",
    "make_verifier",
    "parse_public_key",
]

SignatureAlgorithm = Literal["ed25519", "hmac-sha256"]


class PacketSignature(BaseModel):
    """A signature over the manifest's canonical encoding."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)

    algorithm: SignatureAlgorithm
    """"ed25519" or "hmac-sha256"."""
    key_id: str = Field(pattern=r"^[0-9a-f]{1,64}$")
    """Short id of the key (sha256 prefix of the public key, or of a tagged secret)."""
    value: str = Field(pattern=r"^[0-9a-f]*$")
    """The signature bytes, hex."""


class Signed(Protocol):
    """What signers and verifiers need of a document (``PacketManifest``): an id for messages, the
    bytes a signature covers and the signature it carries."""

    @property
    def id(self) -> str: ...

    @property
    def signature(self) -> PacketSignature | None: ...

    def canonical_bytes(self) -> bytes: ...


_HMAC_KEY_ID_TAG = b"plasma.hmac.key-id/1\x00"
_MIN_HMAC_SECRET = 16

_KeyT = TypeVar("_KeyT", Ed25519PrivateKey, Ed25519PublicKey)


def _hex_bytes(value: str | bytes, what: str) -> bytes:
    if isinstance(value, bytes):
        return value
    try:
        return bytes.fromhex(value.strip())
    except ValueError as err:
        raise InvalidArgumentError(f"{what} must be bytes or a hex string: {err}") from err


def _ed25519_key(value: _KeyT | bytes | str, load: Callable[[bytes], _KeyT], what: str) -> _KeyT:
    """``value`` when it is a key already, else the key of its 32 raw bytes (or their hex), read
    by ``load``."""
    if not isinstance(value, (bytes, str)):
        return value
    raw = _hex_bytes(value, what)
    try:
        return load(raw)
    except ValueError as err:
        raise InvalidArgumentError(f"{what} must be 32 raw Ed25519 bytes, got {len(raw)}") from err


def _signature_bytes(signature: PacketSignature) -> bytes:
    try:
        return bytes.fromhex(signature.value)
    except ValueError as err:
        raise PacketSignatureError(f"the packet's signature is not valid hex: {err}") from err


def _mismatch(manifest: Signed, scheme: str) -> PacketSignatureError:
    return PacketSignatureError(
        f"packet {manifest.id}: the {scheme} signature does not match the manifest "
        "(the manifest or the files it hashes were changed after signing)"
    )


def _signature(signer: Ed25519Signer | HmacSigner, value: bytes) -> PacketSignature:
    """The signature ``value`` made by ``signer``."""
    return PacketSignature(algorithm=signer.algorithm, key_id=signer.key_id, value=value.hex())


def _require_signature(manifest: Signed, algorithm: str, key_id: str) -> PacketSignature:
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
        self._key = _ed25519_key(public_key, Ed25519PublicKey.from_public_bytes, "public_key")
        raw_public = self._key.public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.public_bytes = raw_public
        self.key_id = hashlib.sha256(raw_public).hexdigest()[:16]

    def verify(self, manifest: Signed) -> None:
        """Raise unless ``manifest`` carries a valid signature by this key."""
        signature = _require_signature(manifest, self.algorithm, self.key_id)
        try:
            self._key.verify(_signature_bytes(signature), manifest.canonical_bytes())
        except InvalidSignature as err:
            raise _mismatch(manifest, "Ed25519") from err


class Ed25519Signer:
    """Signs packets with an Ed25519 private key; :meth:`verifier` gives the device's side."""

    algorithm: SignatureAlgorithm = "ed25519"
    """Signatures this signer makes."""

    def __init__(self, private_key: Ed25519PrivateKey | bytes | str) -> None:
        self._key = _ed25519_key(private_key, Ed25519PrivateKey.from_private_bytes, "private_key")
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

    def sign(self, manifest: Signed) -> PacketSignature:
        """The signature of ``manifest`` (its ``signature`` field is ignored)."""
        return _signature(self, self._key.sign(manifest.canonical_bytes()))


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

    def _mac(self, manifest: Signed) -> bytes:
        return hmac.new(self._secret, manifest.canonical_bytes(), hashlib.sha256).digest()

    def sign(self, manifest: Signed) -> PacketSignature:
        """The signature of ``manifest`` (its ``signature`` field is ignored)."""
        return _signature(self, self._mac(manifest))

    def verify(self, manifest: Signed) -> None:
        """Raise unless ``manifest`` carries a valid HMAC made with this secret."""
        signature = _require_signature(manifest, self.algorithm, self.key_id)
        if not hmac.compare_digest(_signature_bytes(signature), self._mac(manifest)):
            raise _mismatch(manifest, "HMAC-SHA256")


KeyVerifier: TypeAlias = Ed25519Verifier | HmacSigner
"""One trusted key."""


MAX_KEYRING_BYTES = 1 << 20
"""A keyring file is refused above this size (a line per key: thousands of keys fit)."""


class Keyring:
    """The keys a device trusts. A signed packet must verify with the trusted key its signature
    names; an unsigned packet passes only with ``allow_unsigned=True``."""

    def __init__(self, keys: Iterable[KeyVerifier] = (), *, allow_unsigned: bool = False) -> None:
        self._keys: dict[tuple[str, str], KeyVerifier] = {}
        for key in keys:
            if isinstance(key, Keyring):
                raise InvalidArgumentError("a Keyring holds keys, not other keyrings")
            self._keys[(key.algorithm, key.key_id)] = key
        self.allow_unsigned = allow_unsigned

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f"Keyring({self.describe()})"

    @property
    def keys(self) -> list[KeyVerifier]:
        """The trusted keys."""
        return list(self._keys.values())

    @property
    def key_ids(self) -> list[str]:
        """``algorithm:key_id`` of every trusted key."""
        return [f"{alg}:{kid}" for alg, kid in self._keys]

    def describe(self) -> str:
        """The trusted keys and the unsigned-packet policy, in a few words."""
        keys = ", ".join(self.key_ids) or "no keys"
        return f"{keys}; unsigned packets {'allowed' if self.allow_unsigned else 'refused'}"

    def verify(self, manifest: Signed) -> None:
        """Raise unless ``manifest`` is signed by a trusted key (or unsigned and allowed)."""
        signature = manifest.signature
        if signature is None:
            if self.allow_unsigned:
                return
            raise UnsignedPacketError(
                f"packet {manifest.id} is unsigned, and unsigned packets are refused (trusted "
                f"keys: {', '.join(self.key_ids) or 'none'}); allow them explicitly to use it"
            )
        key = self._keys.get((signature.algorithm, signature.key_id))
        if key is None:
            raise PacketSignatureError(
                f"packet {manifest.id} is signed by {signature.algorithm} key "
                f"{signature.key_id}, which is not a trusted key (trusted: "
                f"{', '.join(self.key_ids) or 'none'})"
            )
        key.verify(manifest)

    @classmethod
    def parse(cls, text: str, *, source: str = "keyring", allow_unsigned: bool = False) -> Keyring:
        """A keyring from the lines of a keyring file (see the module docstring)."""
        keys: list[KeyVerifier] = []
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            fields = line.split()
            if len(fields) == 1:
                fields = ["ed25519", fields[0]]
            if len(fields) != 2 or fields[0] not in ("ed25519", "hmac-sha256"):
                raise InvalidArgumentError(
                    f"{source}:{number}: expected 'ed25519 HEX' or 'hmac-sha256 HEX'"
                )
            try:
                keys.append(make_verifier(fields[0], fields[1]))  # type: ignore[arg-type]
            except InvalidArgumentError as err:
                raise InvalidArgumentError(f"{source}:{number}: {err}") from err
        return cls(keys, allow_unsigned=allow_unsigned)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], *, allow_unsigned: bool = False) -> Keyring:
        """Read a keyring file.

        Raises:
            InvalidArgumentError: the file cannot be read or a line is not a key.
        """
        try:
            text = user_text(read_at_most(path, MAX_KEYRING_BYTES))
        except (OSError, UnicodeDecodeError) as err:
            raise InvalidArgumentError(f"keyring {path} cannot be read: {err}") from err
        return cls.parse(text, source=str(path), allow_unsigned=allow_unsigned)


_HEX_KEY = re.compile(r"^[0-9a-fA-F]{64}$")


def parse_public_key(text: str) -> str:
    """An Ed25519 public key given as 64 hex digits, normalised to lowercase.

    Raises:
        InvalidArgumentError: ``text`` is not 64 hex digits of a valid Ed25519 public key.
    """
    value = text.strip()
    if not _HEX_KEY.match(value):
        raise InvalidArgumentError(
            f"{value[:20]!r}{'...' if len(value) > 20 else ''} is not an Ed25519 public key "
            "(64 hex digits)"
        )
    Ed25519Verifier(value)
    return value.lower()


PacketSigner: TypeAlias = Ed25519Signer | HmacSigner
"""Anything that signs packets."""
PacketVerifier: TypeAlias = Ed25519Verifier | HmacSigner | Keyring
"""Anything that verifies packet signatures."""


_Scheme: TypeAlias = tuple[
    Callable[[bytes | str], PacketSigner], Callable[[bytes | str], KeyVerifier]
]
_SCHEMES: dict[str, _Scheme] = {
    "ed25519": (Ed25519Signer, Ed25519Verifier),
    "hmac-sha256": (HmacSigner, HmacSigner),
}
"""Each signature algorithm's signer and verifier, made from key bytes (or hex)."""


def _scheme(algorithm: str) -> _Scheme:
    scheme = _SCHEMES.get(algorithm)
    if scheme is None:
        raise InvalidArgumentError(f"unknown signature algorithm {algorithm!r}")
    return scheme


def make_signer(algorithm: SignatureAlgorithm, key: bytes | str) -> PacketSigner:
    """A signer from an algorithm name and key bytes (or hex): Ed25519 private key or secret."""
    return _scheme(algorithm)[0](key)


def make_verifier(algorithm: SignatureAlgorithm, key: bytes | str) -> KeyVerifier:
    """A verifier from an algorithm name and key bytes (or hex): Ed25519 public key or secret."""
    return _scheme(algorithm)[1](key)
