"""Write the agent-trajectory corpus to ``tests/data/agent_corpus/<part>/``.

    python -m benches.agent_corpus.build [held_out|...|held_out_12|dev ...]  # default: all
    python -m benches.agent_corpus.build --check             # the files match the sources

Each part is a directory of JSONL files (one trajectory per file, the schema of
``plasma.auditor.trajectories``) and a ``labels.json`` (:class:`~benches.agent_corpus.labels.Label`
per file). The held-out parts are sealed: ``SEALED``, ``SEALED_2`` ... ``SEALED_12``
record the sha256 of their files, and ``--check`` fails when they differ from them.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from benches.agent_corpus.labels import Registry

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "agent_corpus"
SEAL = Path(__file__).with_name("SEALED")
SEAL_2 = Path(__file__).with_name("SEALED_2")
SEAL_3 = Path(__file__).with_name("SEALED_3")
SEAL_4 = Path(__file__).with_name("SEALED_4")
SEAL_5 = Path(__file__).with_name("SEALED_5")
SEAL_6 = Path(__file__).with_name("SEALED_6")
SEAL_7 = Path(__file__).with_name("SEALED_7")
SEAL_8 = Path(__file__).with_name("SEALED_8")
SEAL_9 = Path(__file__).with_name("SEALED_9")
SEAL_10 = Path(__file__).with_name("SEALED_10")
SEAL_11 = Path(__file__).with_name("SEALED_11")
SEAL_12 = Path(__file__).with_name("SEALED_12")


def registry(part: str) -> Registry:
    """The cases of a part."""
    if part == "held_out":
        from benches.agent_corpus import (
            held_out_cases,
            held_out_cases2,
            held_out_cases3,
            held_out_cases4,
        )

        del held_out_cases2, held_out_cases3, held_out_cases4
        return held_out_cases.R
    if part == "held_out_2":
        from benches.agent_corpus import held_out2_cases

        return held_out2_cases.R
    if part == "held_out_3":
        from benches.agent_corpus import held_out3_cases

        return held_out3_cases.R
    if part == "held_out_4":
        from benches.agent_corpus import held_out4_cases

        return held_out4_cases.R
    if part == "held_out_5":
        from benches.agent_corpus import held_out5_cases

        return held_out5_cases.R
    if part == "held_out_6":
        from benches.agent_corpus import held_out6_cases

        return held_out6_cases.R
    if part == "held_out_7":
        from benches.agent_corpus import held_out7_cases, held_out7_cases2

        del held_out7_cases2
        return held_out7_cases.R
    if part == "held_out_8":
        from benches.agent_corpus import held_out8_cases, held_out8_cases2

        del held_out8_cases2
        return held_out8_cases.R
    if part == "held_out_9":
        from benches.agent_corpus import held_out9_cases, held_out9_cases2

        del held_out9_cases2
        return held_out9_cases.R
    if part == "held_out_10":
        from benches.agent_corpus import held_out10_cases

        return held_out10_cases.R
    if part == "held_out_11":
        from benches.agent_corpus import held_out11_cases

        return held_out11_cases.R
    if part == "held_out_12":
        from benches.agent_corpus import held_out12_cases

        return held_out12_cases.R
    if part == "dev":
        from benches.agent_corpus import (
            dev_cases,
            dev_cases2,
            dev_cases3,
            dev_cases4,
            dev_cases5,
            dev_cases6,
            dev_cases7,
            dev_cases8,
            dev_cases9,
            dev_cases10,
            dev_cases11,
            dev_cases12,
            dev_cases13,
            dev_cases14,
            dev_cases15,
            dev_cases16,
            dev_cases17,
            dev_cases18,
            dev_cases19,
            dev_cases20,
            dev_cases21,
            dev_cases22,
        )

        del dev_cases2, dev_cases3, dev_cases4, dev_cases5, dev_cases6, dev_cases7, dev_cases8
        del dev_cases9, dev_cases10, dev_cases11, dev_cases12, dev_cases13, dev_cases14
        del dev_cases15, dev_cases16, dev_cases17, dev_cases18, dev_cases19
        del dev_cases20, dev_cases21, dev_cases22
        return dev_cases.R
    raise ValueError(f"unknown part {part!r} (held_out, held_out_2 ... held_out_12 or dev)")


def render(part: str) -> dict[str, str]:
    """File name -> text of every file of a part (JSONL files and labels.json)."""
    files: dict[str, str] = {}
    labels = []
    for traj, label in registry(part).build():
        files[label.file] = traj.jsonl()
        labels.append(label.to_json())
    files["labels.json"] = json.dumps(labels, indent=1, ensure_ascii=False) + "\n"
    return files


def digest(files: dict[str, str]) -> str:
    """sha256 over the sorted (name, text) pairs."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + files[name].encode() + b"\0")
    return h.hexdigest()


def on_disk(part: str) -> dict[str, str]:
    """The files of a part as written."""
    folder = DATA / part
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.is_file()}


def write(part: str) -> str:
    folder = DATA / part
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.jsonl"):
        old.unlink()
    files = render(part)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return digest(files)


def main(argv: list[str]) -> int:
    if "--check" in argv:
        ok = True
        for part, seal in (
            ("held_out", SEAL),
            ("held_out_2", SEAL_2),
            ("held_out_3", SEAL_3),
            ("held_out_4", SEAL_4),
            ("held_out_5", SEAL_5),
            ("held_out_6", SEAL_6),
            ("held_out_7", SEAL_7),
            ("held_out_8", SEAL_8),
            ("held_out_9", SEAL_9),
            ("held_out_10", SEAL_10),
            ("held_out_11", SEAL_11),
            ("held_out_12", SEAL_12),
        ):
            sealed = seal.read_text().split()[0]
            actual = digest(on_disk(part))
            rebuilt = digest(render(part))
            print(f"{part}: sealed {sealed}\non disk {actual}\nrebuilt {rebuilt}")
            ok = ok and sealed == actual == rebuilt
        return 0 if ok else 1
    parts = [a for a in argv if not a.startswith("-")]
    parts = parts or [
        "held_out",
        "held_out_2",
        "held_out_3",
        "held_out_4",
        "held_out_5",
        "held_out_6",
        "held_out_7",
        "held_out_8",
        "held_out_9",
        "held_out_10",
        "held_out_11",
        "held_out_12",
        "dev",
    ]
    for part in parts:
        d = write(part)
        n = len(list((DATA / part).glob("*.jsonl")))
        print(f"{part}: {n} trajectories, sha256 {d}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
