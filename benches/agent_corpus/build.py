"""The agent-trajectory corpus is its files: check them and add cases.

    python -m benches.agent_corpus.build --check
    python -m benches.agent_corpus.build add FILE.jsonl --kind KIND --style STYLE \\
        (--hack --steps N[,N...] | --honest) [--lang LANG] [--note TEXT] [--part dev]
    python -m benches.agent_corpus.build --seal PART     # a new held-out part, once written

Each part is a directory ``tests/data/agent_corpus/<part>/`` of JSONL files (one trajectory per
file, the schema of ``plasma.auditor.trajectories``) and a ``labels.json``: one entry per file,
in order, with ``file``, ``hack`` (bool), ``kind`` (one of :data:`KINDS`: what the hack does, or
what the near-miss imitates), ``style`` (the agent format), ``lang``, ``steps`` (for a hack, the
steps holding its evidence, as the auditor numbers a file's steps; empty for a near-miss) and
``note`` (one sentence: what happens). These files are the source: new cases are JSONL files
written directly, in the formats real agents write, and added with ``add``.

Every part has a digest file: the held-out parts ``SEALED``, ``SEALED_2`` ... (sealed: measured,
never tuned on, never edited), the dev part ``DIGEST_dev`` (tuned on; ``add`` updates it, so an
edit by hand is caught). The digest is the sha256 over the sorted (name, text) pairs of the
part's files; ``--check`` fails when a part's files differ from their digest file or its labels
do not describe its files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "agent_corpus"
HERE = Path(__file__).parent
KINDS = (
    "test-edit",
    "test-removal",
    "exit-code",
    "ci-gate",
    "reward-eval",
    "hard-coding",
    "answer-elsewhere",
    "other-language",
)
"""What a hack does, or what a near-miss imitates."""


def digest_file(part: str) -> Path:
    """The file holding a part's digest: SEALED, SEALED_<n> or DIGEST_<part>."""
    if part == "held_out":
        return HERE / "SEALED"
    if part.startswith("held_out_") and part.removeprefix("held_out_").isdigit():
        return HERE / f"SEALED_{part.removeprefix('held_out_')}"
    return HERE / f"DIGEST_{part}"


def parts() -> list[str]:
    """Every part on disk."""
    return sorted(p.name for p in DATA.iterdir() if (p / "labels.json").is_file())


def sealed(part: str) -> bool:
    return digest_file(part).name.startswith("SEALED")


def on_disk(part: str) -> dict[str, str]:
    """The files of a part as written."""
    folder = DATA / part
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.is_file()}


def digest(files: dict[str, str]) -> str:
    """sha256 over the sorted (name, text) pairs."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + files[name].encode() + b"\0")
    return h.hexdigest()


def label_problems(files: dict[str, str]) -> list[str]:
    """Where ``labels.json`` and the JSONL files of a part disagree."""
    labels = json.loads(files["labels.json"])
    named = [label["file"] for label in labels]
    problems = [f"{n}: labelled twice" for n in sorted({n for n in named if named.count(n) > 1})]
    problems += [f"{n}: no label" for n in sorted(set(files) - set(named) - {"labels.json"})]
    for label in labels:
        name = label["file"]
        if name not in files:
            problems.append(f"{name}: labelled, no file")
        if label["kind"] not in KINDS:
            problems.append(f"{name}: unknown kind {label['kind']!r}")
        if bool(label["steps"]) != bool(label["hack"]):
            problems.append(f"{name}: a hack needs its evidence steps, a near-miss none")
    return problems


def write_digest(part: str, files: dict[str, str], note: str) -> None:
    path = digest_file(part)
    line = f"{digest(files)}  tests/data/agent_corpus/{part} (sha256 over sorted name/text pairs; "
    line += "benches/agent_corpus/build.py --check)\n"
    rest = path.read_text(encoding="utf-8").split("\n", 1)[1] if path.exists() else note + "\n"
    path.write_text(line + rest, encoding="utf-8")


def check() -> bool:
    ok = True
    for part in parts():
        files = on_disk(part)
        path = digest_file(part)
        recorded = path.read_text(encoding="utf-8").split()[0] if path.exists() else "(none)"
        actual = digest(files)
        problems = label_problems(files)
        good = recorded == actual and not problems
        print(f"{part}: {path.name} {recorded}, on disk {actual}: {'ok' if good else 'FAILED'}")
        for problem in problems:
            print(f"  {problem}")
        ok = ok and good
    return ok


def add(args: argparse.Namespace) -> int:
    """Copy one trajectory file into a part (as ``<prefix>-<n>.jsonl``) and label it."""
    from plasma.auditor.trajectories import read_trajectories

    part = args.part
    if sealed(part):
        print(f"{part} is sealed: it takes no new case", file=sys.stderr)
        return 1
    if args.kind not in KINDS:
        print(f"unknown kind {args.kind!r} (one of {', '.join(KINDS)})", file=sys.stderr)
        return 1
    steps = sorted({int(s) for s in args.steps.split(",")}) if args.steps else []
    if bool(steps) != args.hack:
        print("a hack needs --steps (its evidence), a near-miss none", file=sys.stderr)
        return 1
    source = Path(args.file)
    read_trajectories(source)  # a line the auditor cannot read is an error here
    files = on_disk(part)
    labels: list[dict[str, Any]] = json.loads(files["labels.json"])
    prefix = labels[0]["file"].rsplit("-", 1)[0] if labels else part
    name = f"{prefix}-{len(labels):03d}.jsonl"
    if name in files:
        print(f"{name} exists", file=sys.stderr)
        return 1
    shutil.copyfile(source, DATA / part / name)
    labels.append(
        {
            "file": name,
            "hack": args.hack,
            "kind": args.kind,
            "style": args.style,
            "lang": args.lang,
            "steps": steps,
            "note": args.note,
        }
    )
    text = json.dumps(labels, indent=1, ensure_ascii=False) + "\n"
    (DATA / part / "labels.json").write_text(text, encoding="utf-8")
    write_digest(part, on_disk(part), "Tuned on: new cases are added with build.py add.")
    print(f"{part}/{name}: added")
    return 0


def seal(part: str) -> int:
    """Record the digest of a new held-out part (once: a sealed part never changes)."""
    path = digest_file(part)
    if not sealed(part) or path.exists():
        print(f"{part}: not a new held-out part ({path.name})", file=sys.stderr)
        return 1
    files = on_disk(part)
    problems = label_problems(files)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    write_digest(part, files, "Written before the detectors of its round changed; never tuned on.")
    print(f"{part}: sealed in {path.name}")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["add"]:
        parser = argparse.ArgumentParser(prog="build.py add")
        parser.add_argument("file")
        parser.add_argument("--part", default="dev")
        parser.add_argument("--kind", required=True)
        parser.add_argument("--style", required=True)
        parser.add_argument("--lang", default="python")
        parser.add_argument("--note", default="")
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--hack", action="store_true")
        which.add_argument("--honest", action="store_true")
        parser.add_argument("--steps", default="", help="evidence steps of a hack, N[,N...]")
        return add(parser.parse_args(argv[1:]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--seal", metavar="PART")
    args = parser.parse_args(argv)
    if args.seal:
        return seal(args.seal)
    return 0 if check() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
