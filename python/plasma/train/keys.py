"""The keys of a run: where its signing key comes from, and which packets it trusts.

- **Signing key** (secret): ``distiller.signing_key`` in memory, else the environment variable
  ``PLASMA_SIGNING_KEY``, else the file ``signing_key_file``. It never reaches the run directory
  (``config.json`` writes it as null); the run records the key's id, and a resumed run must be
  given the same key again (a different or missing key is refused before any work).
- **Trusted keys**: ``trusted_keys`` (Ed25519 public keys), the ``keyring`` file (default: the
  file named by ``PLASMA_KEYRING``) and the run's own signing key. A packet is activated only
  when its signature verifies with one of them, or when it is unsigned and unsigned packets are
  allowed (``allow_unsigned_packets``; see :func:`resolve_trust`).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from pydantic import SecretStr

from plasma._io import read_at_most, user_text
from plasma.distiller.signing import (
    Ed25519Signer,
    Keyring,
    KeyVerifier,
    PacketSigner,
    make_signer,
    make_verifier,
)
from plasma.errors import InvalidArgumentError
from plasma.train.config import TrainConfig

__all__ = [
    "KEYRING_ENV",
    "SIGNING_KEY_ENV",
    "consumer_keyring",
    "packet_keyring",
    "read_key_file",
    "resolve_trust",
    "run_signer",
    "with_signing_key",
]

SIGNING_KEY_ENV = "PLASMA_SIGNING_KEY"
KEYRING_ENV = "PLASMA_KEYRING"


MAX_KEY_FILE_BYTES = 64 << 10
"""A key file holds one hex key: a larger one (a file named by mistake) is refused unread."""


def read_key_file(path: Path, what: str = "key file") -> str:
    """The hex key a file holds (surrounding whitespace removed).

    Raises:
        InvalidArgumentError: the file cannot be read or is empty.
    """
    try:
        text = user_text(read_at_most(path, MAX_KEY_FILE_BYTES)).strip()
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidArgumentError(f"{what} {path} cannot be read: {err}") from err
    if not text:
        raise InvalidArgumentError(f"{what} {path} is empty")
    return text


def _signing_secret(config: TrainConfig) -> tuple[str | None, str]:
    """The signing key (hex) and where it came from, or (None, "") when none is given."""
    key = config.distiller.signing_key
    if key is not None:
        return key.get_secret_value(), "distiller.signing_key"
    env = os.environ.get(SIGNING_KEY_ENV, "").strip()
    if env:
        return env, SIGNING_KEY_ENV
    if config.signing_key_file is not None:
        return read_key_file(config.signing_key_file, "signing_key_file"), str(
            config.signing_key_file
        )
    return None, ""


def with_signing_key(config: TrainConfig) -> TrainConfig:
    """``config`` with its signing key in memory and the key's id (and, for Ed25519, its public
    half in ``trusted_keys``) recorded; unchanged when the run does not sign its packets.

    Raises:
        InvalidArgumentError: the run signs packets but no key is given, the key is not a key of
            the algorithm, or it is not the key the run was started with.
    """
    algorithm = config.distiller.signing_algorithm
    if algorithm is None:
        return config
    secret, source = _signing_secret(config)
    if secret is None:
        recorded = f" (key id {config.signing_key_id})" if config.signing_key_id else ""
        raise InvalidArgumentError(
            f"this run signs its packets with {algorithm}{recorded} but no signing key was "
            f"given: set {SIGNING_KEY_ENV} to the hex key, or give --signing-key-file FILE"
        )
    try:
        signer = make_signer(algorithm, secret)
    except InvalidArgumentError as err:
        raise InvalidArgumentError(f"the signing key from {source}: {err}") from err
    if config.signing_key_id is not None and config.signing_key_id != signer.key_id:
        raise InvalidArgumentError(
            f"the signing key from {source} has id {signer.key_id}, but this run signs with key "
            f"{config.signing_key_id}: give the run's own key"
        )
    trusted = list(config.trusted_keys)
    if isinstance(signer, Ed25519Signer):
        public = signer.public_bytes.hex()
        if public not in trusted:
            trusted.append(public)
    distiller = config.distiller.model_copy(update={"signing_key": SecretStr(secret)})
    return config.model_copy(
        update={"distiller": distiller, "signing_key_id": signer.key_id, "trusted_keys": trusted}
    )


def run_signer(config: TrainConfig) -> PacketSigner | None:
    """The signer of a config that went through :func:`with_signing_key` (None: unsigned)."""
    d = config.distiller
    if d.signing_algorithm is None or d.signing_key is None:
        return None
    return make_signer(d.signing_algorithm, d.signing_key.get_secret_value())


def _keyring_path(config: TrainConfig) -> Path | None:
    if config.keyring is not None:
        return config.keyring
    env = os.environ.get(KEYRING_ENV, "").strip()
    return Path(env) if env else None


def _trusted(config: TrainConfig) -> list[KeyVerifier]:
    keys: list[KeyVerifier] = [make_verifier("ed25519", k) for k in config.trusted_keys]
    path = _keyring_path(config)
    if path is not None:
        keys.extend(Keyring.from_file(path).keys)
    signer = run_signer(config)
    if signer is not None:
        keys.append(signer.verifier())
    d = config.distiller
    if d.trusted_key is not None and d.signing_algorithm is not None:
        keys.append(make_verifier(d.signing_algorithm, d.trusted_key.get_secret_value()))
    return keys


def resolve_trust(config: TrainConfig) -> TrainConfig:
    """``config`` with its trust decided for good, before a new run starts: the keyring path
    (``PLASMA_KEYRING`` when none is given) and ``allow_unsigned_packets`` (None becomes true
    only when the run neither signs nor trusts any key).

    Raises:
        InvalidArgumentError: a key or the keyring cannot be read, or the run would make
            unsigned packets that it refuses.
    """
    keys = _trusted(config)
    allow = config.allow_unsigned_packets
    if allow is None:
        allow = not keys
    signs = config.distiller.signing_algorithm is not None
    if not signs and not allow and config.distill_schedule != "full":
        raise InvalidArgumentError(
            f"this run would make unsigned packets but trusts only signed ones "
            f"({len(keys)} trusted key(s)): sign them (--signing-key-file FILE or "
            f"{SIGNING_KEY_ENV}) or pass --allow-unsigned"
        )
    return config.model_copy(
        update={"keyring": _keyring_path(config), "allow_unsigned_packets": allow}
    )


def packet_keyring(
    config: TrainConfig, *, allow_unsigned: bool | None = None, extra: Keyring | None = None
) -> Keyring:
    """The keys ``config`` trusts (its trusted keys, keyring file, own signing key) and its
    unsigned-packet policy (``allow_unsigned`` overrides it), plus the keys of ``extra``.

    Raises:
        InvalidArgumentError: a key or the keyring file cannot be read.
    """
    keys = _trusted(config)
    if extra is not None:
        keys.extend(extra.keys)
    if allow_unsigned is None:
        allow_unsigned = (
            config.allow_unsigned_packets if config.allow_unsigned_packets is not None else not keys
        )
    return Keyring(keys, allow_unsigned=allow_unsigned)


def consumer_keyring(
    config: TrainConfig,
    *,
    trusted_keys: list[str] | tuple[str, ...] = (),
    keyring: Path | None = None,
    allow_unsigned: bool = False,
) -> Keyring:
    """The keys a process that uses a run's packets (``plasma-eval``) trusts.

    Keys given here (``trusted_keys``, the ``keyring`` file, else the file ``PLASMA_KEYRING``
    names) come from outside the run directory and replace the run's own record: then only
    they are trusted, and unsigned packets only with ``allow_unsigned``. With none, the trust
    the run recorded when it started applies (its ``trusted_keys``, keyring, signing key when
    ``PLASMA_SIGNING_KEY``/``signing_key_file`` gives it, and ``allow_unsigned_packets``), and
    ``allow_unsigned`` can only widen it.

    Raises:
        InvalidArgumentError: a key or keyring file cannot be read.
    """
    external: list[KeyVerifier] = [make_verifier("ed25519", k) for k in trusted_keys]
    env = os.environ.get(KEYRING_ENV, "").strip()
    path = keyring if keyring is not None else (Path(env) if env else None)
    if path is not None:
        external.extend(Keyring.from_file(path).keys)
    if external or keyring is not None:
        return Keyring(external, allow_unsigned=allow_unsigned)
    if config.distiller.signing_algorithm is not None:
        # Verifying needs no secret for Ed25519 (the public key is recorded); an HMAC run's
        # packets verify only when its secret is given again.
        with contextlib.suppress(InvalidArgumentError):
            config = with_signing_key(config)
    return packet_keyring(config, allow_unsigned=True if allow_unsigned else None)
