"""A rule pack path is checked by the loaders' rule (``plasma._io.existing_file``) and read within
bounds (batch I, J12: ``--rules`` naming a directory said "does not exist")."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from plasma.auditor.errors import RulePackError
from plasma.auditor.rules import MAX_RULE_PACK_BYTES, load_rule_pack


def _directory(path: Path) -> None:
    path.mkdir()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _huge(path: Path) -> None:
    with path.open("wb") as out:
        out.truncate(MAX_RULE_PACK_BYTES + 1)  # sparse: no disk used


KINDS: list[tuple[str, Callable[[Path], None], str]] = [
    ("a directory", _directory, "is a directory"),
    ("a named pipe", _fifo, "not a regular file"),
    ("an empty file", _empty, "is empty"),
    ("a file over the bound", _huge, "larger than"),
]


@pytest.mark.parametrize(("case", "make", "says"), KINDS, ids=[k[0] for k in KINDS])
def test_a_rule_pack_that_is_not_a_readable_file_is_named_as_what_it_is(
    tmp_path: Path, case: str, make: Callable[[Path], None], says: str
) -> None:
    pack = tmp_path / "pack.yaml"
    make(pack)
    with pytest.raises(RulePackError, match=says) as caught:
        load_rule_pack(pack)
    assert str(pack) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_missing_rule_pack_is_still_a_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_rule_pack(tmp_path / "missing.yaml")
