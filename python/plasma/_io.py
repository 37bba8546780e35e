"""Atomic writes (temporary file or directory beside the target, fsync, rename): a reader sees the
old content or the new, never a torn file; a crash leaves no partial target behind. Bounded reads
(a small file a user names is never read whole when it is huge or endless), JSON that cannot
recurse out of the stack, and file digests."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import math
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from plasma.errors import InvalidArgumentError, MissingFileError, PlasmaError, WriteError

__all__ = [
    "atomic_write",
    "atomic_write_bytes",
    "existing_dir",
    "existing_file",
    "fsync_dir",
    "loads_json",
    "memory_budget",
    "npz_arrays",
    "read_at_most",
    "sha256_file",
    "write_dir_atomic",
    "writing",
]


def fsync_dir(path: Path) -> None:
    """fsync a directory so that the names it holds (a rename, a new file) survive a crash."""
    try:
        fd = os.open(path if str(path) else ".", os.O_RDONLY)
    except OSError:  # platforms without directory fds
        return
    try:
        with contextlib.suppress(OSError):  # some filesystems refuse fsync on a directory
            os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    """The process's umask, read without changing it (``/proc/self/status`` on Linux; elsewhere
    the brief set-and-restore, which another thread creating a file at that instant could see)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path, default: int) -> int:
    """Permissions a replacement of ``target`` gets: those of the file it replaces, else
    ``default`` less the umask, as a plain ``open`` or ``mkdir`` would give (the temporary files
    and directories an atomic write starts from are private: 0600 and 0700)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return default & ~_umask()


@contextlib.contextmanager
def writing(target: str | os.PathLike[str]) -> Iterator[None]:
    """Inside, an :class:`OSError` (a full disk, ``ulimit -f``, a read-only directory) is raised
    as :class:`~plasma.errors.WriteError` naming ``target``, the file or directory being
    written, with the system's reason: the one rule of every write Plasma makes, so that a
    failed write is one line naming the path, whichever file it hit."""
    try:
        yield
    except WriteError:
        raise
    except OSError as err:
        raise WriteError(err.errno, err.strerror or str(err), os.fspath(target)) from err


def atomic_write(path: str | os.PathLike[str], write: Callable[[BinaryIO], object]) -> Path:
    """Write a file atomically: ``write(handle)`` fills a temporary file in the same directory,
    which is fsynced and renamed over ``path``; the directory is fsynced too. Returns the path.

    Raises:
        WriteError: the file cannot be written (see :func:`writing`); ``path`` keeps what it
            held, and no temporary file is left.
    """
    target = Path(path)
    parent = target.parent
    with writing(target):
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            os.chmod(tmp, _mode_for(target, 0o666))
            with os.fdopen(fd, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    fsync_dir(parent)
    return target


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_write`)."""
    return atomic_write(path, lambda handle: handle.write(data))


def write_dir_atomic(target: Path, files: Mapping[str, bytes], *, overwrite: bool = False) -> Path:
    """Write ``files`` (name -> content) as the directory ``target``, all or nothing.

    The files go to a temporary directory beside ``target`` (same filesystem), each fsynced, then
    the directory is fsynced and renamed into place, and the parent fsynced. A reader never sees
    a half-written directory. With ``overwrite`` an existing ``target`` is exchanged with the new
    one in one step where the system can (Linux), else moved aside first and removed after the
    new one is in place; otherwise an existing ``target`` raises :class:`FileExistsError`.

    Raises:
        WriteError: it cannot be written (see :func:`writing`); ``target`` keeps what it held.
    """
    target = Path(target)
    parent = target.parent
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} already exists")
    with writing(target):
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.tmp-"))
        try:
            os.chmod(tmp, _mode_for(target, 0o777))
            for name, content in files.items():
                with open(tmp / name, "xb") as handle:
                    handle.write(content)
                    handle.flush()
                    os.fsync(handle.fileno())
            fsync_dir(tmp)
            if target.exists() and _exchange(tmp, target):
                fsync_dir(parent)  # ``tmp`` now holds the old directory
            else:
                _replace_dir(tmp, target)
                fsync_dir(parent)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def _exchange(a: Path, b: Path) -> bool:
    """Swap the names ``a`` and ``b`` in one step (Linux ``renameat2(RENAME_EXCHANGE)``), so
    that no moment exists, even for a process killed between two renames, where ``b`` is
    missing. False where the system cannot (then :func:`_replace_dir`)."""
    import ctypes
    import ctypes.util

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # an old libc
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if done == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # a filesystem that cannot
        return False
    raise OSError(err, os.strerror(err), os.fspath(b))


def _replace_dir(new: Path, target: Path) -> None:
    """Put the directory ``new`` at ``target`` by two renames (the old one moved aside first,
    and moved back if the second fails); a process killed between them leaves ``target``
    missing and its old content in ``.NAME.old-*`` beside it."""
    if not target.exists():
        os.rename(new, target)
        return
    old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
    try:
        os.rename(target, old / "dir")
        try:
            os.rename(new, target)
        except BaseException:
            os.rename(old / "dir", target)
            raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def sha256_file(path: Path) -> str:
    """sha256 (hex) of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_at_most(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of ``path``, which must hold at most ``limit`` of them: a larger file (an 8 GB
    file named by mistake, a device that never ends such as ``/dev/zero``) is refused after
    reading ``limit + 1`` bytes at most, so memory stays bounded.

    Raises:
        OSError: the file cannot be read, or (``errno.EFBIG``) it holds more than ``limit``
            bytes; callers that report an unreadable file report this one the same way.
    """
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise OSError(
            errno.EFBIG, f"larger than the {limit:,} bytes such a file may hold", os.fspath(path)
        )
    return data


TEXT_ENCODING = "utf-8-sig"
"""How Plasma decodes a text file a user wrote (a config, a key, a keyring, a rule pack, a
trajectory file): UTF-8, with one byte-order mark at its very start dropped. Editors on Windows
write one; it is not part of the text, and JSON parsers refuse it."""


def user_text(data: bytes) -> str:
    """The text of a user's file read as bytes (:data:`TEXT_ENCODING`).

    Raises:
        UnicodeDecodeError: the bytes are not UTF-8 (a ValueError).
    """
    return data.decode(TEXT_ENCODING)


def memory_budget() -> int:
    """Bytes this process may still allocate, as far as it can tell: the memory the system has
    free, capped by the process's address-space limit (``ulimit -v``). A reader
    that would hold a file whole checks its size against this before reading it."""
    return _memory_capped("SC_AVPHYS_PAGES")


def memory_ceiling() -> int:
    """Bytes this process could ever hold at once: the system's physical memory, capped by the
    process's address-space limit (``ulimit -v``). Unlike :func:`memory_budget` (what is free
    now), a need above this fails on this machine whatever else runs."""
    return _memory_capped("SC_PHYS_PAGES")


def _memory_capped(pages: str) -> int:
    """The system's ``pages`` (a ``sysconf`` name) in bytes, capped by ``ulimit -v``; 2**62
    where neither is known."""
    import resource

    limit = 1 << 62
    with contextlib.suppress(OSError, ValueError, AttributeError):
        limit = os.sysconf(pages) * os.sysconf("SC_PAGE_SIZE")
    with contextlib.suppress(OSError, ValueError):
        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
        if soft != resource.RLIM_INFINITY:
            limit = min(limit, soft)
    return limit


def loads_json(text: str | bytes) -> Any:
    """``json.loads``, except that a document nested too deeply for the parser's recursion (a
    hostile or broken input) is a ValueError like any other invalid JSON, not a RecursionError."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply to read") from None


def npz_arrays(npz: Any, names: Iterable[str], source: str | os.PathLike[str]) -> dict[str, Any]:
    """The arrays ``names`` of an open ``.npz`` archive (``np.load(..., allow_pickle=False)``),
    each member's ``.npy`` header checked before its data is read: a header that declares more
    data than its member holds (a file that lies, to make the reader allocate gigabytes) or an
    object dtype (pickle) is refused before anything is allocated.

    Raises:
        InvalidArgumentError: a member's header lies or cannot be read; the message names
            ``source`` and the array.
    """
    import numpy as np

    members = set(npz.zip.namelist())
    out: dict[str, Any] = {}
    for name in names:
        member = f"{name}.npy" if f"{name}.npy" in members else name
        if member.endswith(".npy"):
            info = npz.zip.getinfo(member)
            try:
                with npz.zip.open(info) as handle:
                    version = np.lib.format.read_magic(handle)
                    read_header = (
                        np.lib.format.read_array_header_1_0
                        if version == (1, 0)
                        else np.lib.format.read_array_header_2_0
                    )
                    shape, _, dtype = read_header(handle)
            except (ValueError, OSError, EOFError) as err:
                raise InvalidArgumentError(
                    f"{source}: the header of array {name!r} cannot be read ({err})"
                ) from err
            declared = math.prod(shape) * dtype.itemsize
            if dtype.hasobject:
                raise InvalidArgumentError(
                    f"{source}: array {name!r} holds Python objects (pickle), which Plasma never "
                    "writes nor unpickles: the file is corrupt or was forged"
                )
            if declared > info.file_size:
                raise InvalidArgumentError(
                    f"{source}: array {name!r} declares {declared:,} bytes (shape {shape}) but "
                    f"its member holds {info.file_size:,}: the file is corrupt or was forged"
                )
        out[name] = npz[name]
    return out


def _stat(path: Path, what: str, missing: type[PlasmaError] | None) -> os.stat_result:
    try:
        return path.stat()  # a stat never blocks, as opening a pipe no one writes would
    except (FileNotFoundError, NotADirectoryError):  # ENOTDIR: a parent is a file
        raise (missing or MissingFileError)(f"{what} {path} does not exist") from None
    except OSError as err:  # a link loop, a name too long, no permission
        raise InvalidArgumentError(f"{what} {path} cannot be read: {err.strerror}") from None


def existing_file(
    path: str | os.PathLike[str],
    what: str,
    *,
    missing: type[PlasmaError] | None = None,
    wrong: type[PlasmaError] | None = None,
    empty_ok: bool = False,
) -> Path:
    """``path``, checked to be a non-empty regular file before a loader opens it: the one rule
    of every loader of a file a user names (a saved model, an ``.npz``, a trace, a config).
    ``what`` names it in the messages ("world model file"). A loader with its own error
    classes passes them as ``missing`` and ``wrong``; one whose format may be empty (a trace
    with no span yet) passes ``empty_ok``.

    Raises:
        MissingFileError: nothing is there (or ``missing``).
        InvalidArgumentError: a directory, a pipe or a device, or an empty file (or ``wrong``).
    """
    path = Path(path)
    info = _stat(path, what, missing)
    refuse = wrong or InvalidArgumentError
    if stat.S_ISDIR(info.st_mode):
        raise refuse(f"{what} {path} is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise refuse(f"{what} {path} is not a regular file (a pipe or a device?)")
    if info.st_size == 0 and not empty_ok:
        raise refuse(f"{what} {path} is empty (0 bytes): a copy or a write cut short?")
    return path


def existing_dir(
    path: str | os.PathLike[str],
    what: str,
    parts: Iterable[str] = (),
    *,
    missing: type[PlasmaError] | None = None,
    wrong: type[PlasmaError] | None = None,
) -> Path:
    """``path``, checked to be a directory holding each of ``parts`` as a non-empty regular file
    (:func:`existing_file`): the one rule of every loader of a saved directory (a policy, a
    packet). ``what`` names it in the messages ("saved policy").

    Raises:
        MissingFileError: the directory or one of its parts is missing (or ``missing``).
        InvalidArgumentError: ``path`` is a file, or a part is of the wrong kind or empty (or
            ``wrong``).
    """
    path = Path(path)
    info = _stat(path, what, missing)
    if not stat.S_ISDIR(info.st_mode):
        raise (wrong or InvalidArgumentError)(
            f"{what} {path} is a file, not a directory (name the directory that holds "
            f"{', '.join(parts) or 'it'})"
        )
    for part in parts:
        existing_file(path / part, f"{what} file", missing=missing, wrong=wrong)
    return path
