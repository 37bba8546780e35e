"""The fixed text loads of the rule stage's speed rows.

The rule engine's rate depends on the text it reads (how often a prefilter literal occurs, how
long the texts are), so a speed row is only comparable from run to run when its load is the same
bytes every time. Until round 25 of issue 15 neither load was: ``bench_auditor``'s drew its
``read_file`` outputs from this repository's Python sources (3.4 -> 1.9 GB/s and 449 -> 379 hits
when round 24 changed those sources), and ``bench_trajectories`` drew its steps from every part of
the agent corpus, which grows every round. Both now read committed samples, frozen once:

- ``scan_load/agent_steps.jsonl.xz``: 8,000 steps of the agent corpus's dev part (JSONL lines as
  written there, drawn without replacement with ``random.Random(0)`` at commit b6c7a43).
  :func:`agent_step_load` draws 40,000 steps from them with ``random.Random(0)`` (about 6.5 MB
  of step fields, 160 bytes a step: short commands, tool names, paths and arguments, the texts
  whose cost is per text rather than per byte). This is the load of the goal's row
  (``bench_trajectories``: the rule stage >= 500 MB/s).
- ``scan_load/tool_outputs.jsonl.xz``: the 156 template steps of
  :func:`~benches.audit_corpus.transcripts.build_text_corpus` (three copies) and 12 Python
  source files of this repository (404 KB, shuffled with ``random.Random(0)`` at the same
  commit), each as a ``read_file`` output. :func:`tool_output_load` alternates a template step
  and a source output until about 8 MB (about 8,000 bytes a step: long outputs, the texts whose
  cost is per byte). This is ``bench_auditor``'s text-scan row and ``bench_trajectories``'
  reference row.

``python -m benches.audit_corpus.scan_load --freeze`` writes both files again from the working
tree; doing so changes the loads, so every speed figure after it needs a new baseline (say so in
the results). Nothing else reads the repository's contents.
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plasma.auditor.trajectories import TrajectoryStep

__all__ = ["AGENT_STEPS", "TOOL_OUTPUTS", "agent_step_load", "tool_output_load"]

HERE = Path(__file__).resolve().parent / "scan_load"
AGENT_STEPS = HERE / "agent_steps.jsonl.xz"
TOOL_OUTPUTS = HERE / "tool_outputs.jsonl.xz"
ROOT = Path(__file__).resolve().parents[2]


def _read(path: Path) -> list[dict[str, Any]]:
    text = lzma.decompress(path.read_bytes()).decode("utf-8")
    return [json.loads(line) for line in text.splitlines() if line]


def agent_step_load(n_steps: int = 40_000, seed: int = 0) -> list[TrajectoryStep]:
    """``n_steps`` steps drawn (with replacement, ``random.Random(seed)``) from the frozen sample
    of the agent corpus's dev steps."""
    from plasma.auditor.trajectories import TrajectoryStep

    sample = [TrajectoryStep.model_validate(s) for s in _read(AGENT_STEPS)]
    r = random.Random(seed)
    return [sample[r.randrange(len(sample))] for _ in range(n_steps)]


def tool_output_load(nbytes: int = 8_000_000, seed: int = 0) -> list[TrajectoryStep]:
    """About ``nbytes`` of steps: a frozen template step, then a frozen ``read_file`` output of
    a source file, each drawn with ``random.Random(seed)``, until the outputs make ``nbytes``."""
    from plasma.auditor.trajectories import TrajectoryStep

    header, *rows = _read(TOOL_OUTPUTS)
    frozen = [TrajectoryStep.model_validate(s) for s in rows]
    templates, outputs = frozen[: header["templates"]], frozen[header["templates"] :]
    r = random.Random(seed)
    steps: list[TrajectoryStep] = []
    size = 0
    while size < nbytes:
        steps.append(r.choice(templates))
        output = r.choice(outputs)
        steps.append(output)
        size += len(output.content or "") + 200
    return steps


def _write(path: Path, rows: list[str]) -> None:
    path.parent.mkdir(exist_ok=True)
    data = ("\n".join(rows) + "\n").encode("utf-8")
    path.write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))


def freeze(n_steps: int = 8_000, source_bytes: int = 400_000, seed: int = 0) -> None:
    """Write both samples again from the working tree (changes the loads: see the docstring)."""
    from benches.audit_corpus.transcripts import build_text_corpus

    lines: list[str] = []
    for file in sorted((ROOT / "tests" / "data" / "agent_corpus" / "dev").glob("*.jsonl")):
        lines += [ln for ln in file.read_text(encoding="utf-8").splitlines() if ln.strip()]
    _write(AGENT_STEPS, random.Random(seed).sample(lines, n_steps))
    rows = [json.dumps(s) for case in build_text_corpus(copies=3) for s in case.steps]
    rows.insert(0, json.dumps({"templates": len(rows)}))
    sources = sorted((ROOT / "python").rglob("*.py"))
    random.Random(seed).shuffle(sources)
    size = 0
    for src in sources:
        if size >= source_bytes:
            break
        text = src.read_text(encoding="utf-8")
        rows.append(json.dumps({"role": "tool", "tool": "read_file", "content": text}))
        size += len(text)
    _write(TOOL_OUTPUTS, rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--freeze", action="store_true", help="write both samples again")
    args = parser.parse_args(argv)
    if args.freeze:
        freeze()
    for name, load in (("agent steps", agent_step_load), ("tool outputs", tool_output_load)):
        steps = load()
        size = sum(len(s.content or "") for s in steps)
        print(f"{name}: {len(steps)} steps, {size / 1e6:.2f} MB of content")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
