"""Names from the OS as text: a path, an argument or an environment variable that the locale
could not decode (Python holds its bytes as lone surrogates) written as valid Unicode wherever
Plasma writes it, and read back as the name the OS knows. Layer 0: it needs nothing of Plasma,
so every layer that writes or reads names (``_io``, ``_cli``, ``_config``, the trace, the run
directory) shares this one rule."""

from __future__ import annotations

import os
import sys
from typing import Any

__all__ = ["json_text", "os_name", "os_text"]


def os_text(value: str | os.PathLike[str]) -> str:
    """The text a name from the OS stands for (a path, an argument, an environment variable),
    valid Unicode wherever Plasma writes it (JSON, a report, a terminal), under any locale.

    Python holds the bytes of such a name that its locale cannot decode as lone surrogates
    (``surrogateescape``: every non-ASCII byte under ``LC_ALL=C``), which no UTF-8 writer
    accepts. Here the name's bytes are read as UTF-8, as file names are written on every
    common system, and a byte that is not UTF-8 is shown as ``\\xNN``. Text that holds no
    surrogate is returned as it is; :func:`os_name` turns the text back into the name.
    """
    text = os.fspath(value)
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return text
    for encoding in (sys.getfilesystemencoding(), "utf-8"):
        try:
            raw = text.encode(encoding, "surrogateescape")
            break
        except UnicodeEncodeError:
            continue
    else:  # surrogates no decoder made (a str built in code): shown as escapes
        raw = text.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def os_name(text: str) -> str:
    """The name (a path) the OS knows for ``text`` under this process's locale: the inverse of
    :func:`os_text` for names that are UTF-8. Text the locale's encoding can hold is returned
    as it is; other text (``rün`` under ``LC_ALL=C``) becomes the name whose bytes are its
    UTF-8, which is what a file created under a UTF-8 locale is called on disk."""
    try:
        os.fsencode(text)
    except UnicodeEncodeError:
        return os.fsdecode(text.encode("utf-8", "surrogateescape"))
    return text


def json_text(value: Any) -> Any:
    """``value`` (dicts, lists, tuples, scalars, paths) with every string, keys included, as
    :func:`os_text` gives it: what Plasma writes as JSON, so that a name from the OS that the
    locale could not decode is written as its text, not refused by the encoder."""
    if isinstance(value, (str, os.PathLike)):
        return os_text(value)
    if isinstance(value, dict):
        return {json_text(k): json_text(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_text(v) for v in value]
    return value
