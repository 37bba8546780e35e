"""Names from the OS that the locale cannot decode (a run directory ``rün`` under ``LC_ALL=C``)
are written as text wherever Plasma writes them: JSON, the trace, the report, a command's output
(:func:`plasma._names.os_text`, :func:`plasma._names.os_name`).

Python holds such a name's undecodable bytes as lone surrogates, which every UTF-8 writer
refuses: before, a run at a non-ASCII path under an ASCII locale failed writing its config
("Error serializing to JSON: ... surrogates not allowed", status 1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plasma._names import json_text, os_name, os_text

# (what Python holds, the text written): a name's UTF-8 bytes held as surrogates (LC_ALL=C, or
# a UTF-8 locale reading bytes that are not UTF-8), mixed with real characters, and plain text.
CASES = [
    ("r\udcc3\udcbcn-\udcc3\udca9", "rün-é"),
    ("/tmp/a b/\udce2\udc82\udcac", "/tmp/a b/€"),
    ("caf\udcff", "caf\\xff"),
    ("rü\udcc3\udca9", "rüé"),
    ("plain ascii", "plain ascii"),
    ("rün-é", "rün-é"),
]


@pytest.mark.parametrize(("held", "text"), CASES)
def test_a_name_from_the_os_is_written_as_its_text(held: str, text: str) -> None:
    assert os_text(held) == text
    assert os_text(Path(held)) == text
    text.encode("utf-8")  # what any writer accepts


@pytest.mark.parametrize(("held", "text"), [c for c in CASES if "\\x" not in c[1]])
def test_the_text_names_the_same_file_again(held: str, text: str) -> None:
    # Read back (config.json on a resume), the text is the name the OS knows, as Python holds it.
    assert os.fsencode(os_name(text)) == os.fsencode(held)


def test_json_text_reaches_every_string_keys_and_paths() -> None:
    value = {"r\udcc3\udcbcn": [Path("/x/\udcc3\udca9"), ("\udcc3\udca9", 1.5, None)]}
    assert json_text(value) == {"rün": ["/x/é", ["é", 1.5, None]]}


def test_a_config_naming_such_a_directory_is_written_as_json(tmp_path: Path) -> None:
    from plasma.train import TrainConfig
    from plasma.train.rundir import public_json

    config = TrainConfig(name="r\udcc3\udcbcn", runs_dir=Path("/tmp/\udcc3\udca9"))
    written = json.loads(public_json(config))
    assert (written["name"], written["runs_dir"]) == ("rün", "/tmp/é")


def test_a_trace_records_such_a_name_as_text() -> None:
    from plasma.trace._json import to_json_object

    clean = to_json_object({"run": "/r\udcc3\udcbcn", "p\udcc3\udca9": Path("\udcff")}, "meta")
    assert clean == {"run": "/rün", "pé": "\\xff"}
    json.dumps(clean, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(
    ("encoding", "shown"),
    [("ascii", "run r\\xfcn-\\xe9 done \\xb1"), ("utf-8", "run rün-é done ±")],
)
def test_a_command_prints_such_a_name_as_text(encoding: str, shown: str) -> None:
    # The command's streams show the name's text (escaped where the stream cannot hold it),
    # not the surrogates Python holds (``r\udcc3\udcbcn``), and do not fail on them.
    code = (
        "from plasma._cli import _escape_unencodable\n"
        "_escape_unencodable()\n"
        "print('run r\\udcc3\\udcbcn-\\udcc3\\udca9 done \\xb1')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode(encoding).strip() == shown


def test_a_path_read_back_from_text_names_the_file_under_the_c_locale(tmp_path: Path) -> None:
    # config.json holds text; under LC_ALL=C the path it names must be the file's own bytes,
    # not a str the OS cannot encode (which failed every open, stat and mkdir).
    code = (
        "import os, sys\n"
        "from plasma.train import TrainConfig\n"
        "from plasma.trace import TrackerConfig\n"
        "c = TrainConfig.model_validate_json(sys.argv[1])\n"
        "t = TrackerConfig(jsonl_path=os.path.join(c.runs_dir, c.name or '', 't.jsonl'))\n"
        "for p in (c.base_run, c.runs_dir, t.jsonl_path):\n"
        "    sys.stdout.buffer.write(os.fsencode(p) + b'\\n')\n"
    )
    given = json.dumps({"base_run": "/b/rün", "runs_dir": "/r/é", "name": "nï"})  # ASCII: \u00fc
    done = subprocess.run(
        [sys.executable, "-c", code, given],
        capture_output=True,
        env={
            **os.environ,
            "LC_ALL": "C",
            "LANG": "C",
            "PYTHONUTF8": "0",
            "PYTHONCOERCECLOCALE": "0",
        },
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").split() == ["/b/rün", "/r/é", "/r/é/nï/t.jsonl"]
