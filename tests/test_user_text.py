"""A text file a user wrote reads the same with a byte-order mark at its start (batch I, J01).

Editors on Windows start UTF-8 files with a BOM; JSON parsers refuse it ("Unexpected UTF-8
BOM"). Every reader of a user's text file decodes through ``plasma._io.TEXT_ENCODING``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from plasma._io import user_text
from plasma.auditor.cli import _read_config_file
from plasma.auditor.rules import load_rule_pack
from plasma.auditor.trajectories import read_trajectories
from plasma.distiller import Keyring
from plasma.train.config import load_config_file
from plasma.train.keys import read_key_file

BOM = b"\xef\xbb\xbf"
KEY = "ab" * 32
PACK = (
    "name: p\nversion: 1\ndescription: d\nrules:\n  - id: r\n    severity: high\n"
    "    category: c\n    description: d\n    literals: [rm]\n"
)
STEPS = (
    '{"trajectory_id": "t", "step": 0, "role": "user", "content": "hi"}\n'
    '{"trajectory_id": "t", "step": 1, "role": "assistant", "content": "done"}\n'
)

READERS: list[tuple[str, str, str, Callable[[Path], Any]]] = [
    ("train config JSON", "c.json", '{"seed": 3}', load_config_file),
    ("train config TOML", "c.toml", "seed = 3\n", load_config_file),
    ("key file", "k.key", KEY + "\n", read_key_file),
    ("keyring", "ring", f"ed25519 {KEY}\n", lambda p: Keyring.from_file(p).key_ids),
    ("audit config JSON", "a.json", '{"env_id": "Pendulum-v1"}', _read_config_file),
    ("audit config YAML", "a.yaml", "env_id: Pendulum-v1\n", _read_config_file),
    ("rule pack", "p.yaml", PACK, lambda p: load_rule_pack(p).model_dump()),
    (
        "trajectories",
        "t.jsonl",
        STEPS,
        lambda p: [s.model_dump() for s in read_trajectories(p).steps],
    ),
]


@pytest.mark.parametrize(("what", "name", "text", "read"), READERS, ids=[r[0] for r in READERS])
def test_a_bom_at_the_start_is_not_part_of_the_text(
    tmp_path: Path, what: str, name: str, text: str, read: Callable[[Path], Any]
) -> None:
    plain, marked = tmp_path / "plain" / name, tmp_path / "marked" / name
    plain.parent.mkdir()
    marked.parent.mkdir()
    plain.write_bytes(text.encode())
    marked.write_bytes(BOM + text.encode())
    assert read(marked) == read(plain)


def test_only_the_first_bom_is_dropped_and_bad_utf8_still_fails() -> None:
    assert user_text(BOM + b"x") == "x"
    assert user_text(BOM + BOM + b"x") == "\ufeffx"
    with pytest.raises(UnicodeDecodeError):
        user_text(b"\xff")
