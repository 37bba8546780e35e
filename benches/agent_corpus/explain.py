"""What the auditor reconstructed from one trajectory, for reading a miss or a false alarm: the
task it read, every change (step, file, action, how it was made, the roles the file got,
before/after excerpts), every command with its exit code, and every finding of both stages at
every severity (the semantic stage's with the severity it had before context, where context
moved it).

    python -m benches.agent_corpus.explain held_out_45 held_out_45-000.jsonl [...]
    python -m benches.agent_corpus.explain held_out_45 --wrong      # every miss and false alarm

``--wrong`` measures the part first (as ``measure`` does) and explains each trajectory the full
auditor got wrong; it names the files, so use it on a sealed part only once the part's first
figure is recorded.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from benches.bench_trajectories import DATA, _auditors, load_part

_ROLES = (
    "test",
    "support",
    "golden",
    "ci",
    "gate",
    "runner",
    "evaluation",
    "eval_output",
    "eval_data",
    "hidden",
)


def _short(text: str | None, limit: int) -> str:
    if text is None:
        return "-"
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def roles(path: str, content: str | None = None) -> str:
    """The roles :func:`~plasma.auditor.agent.files.classify` gives a file, as one word list."""
    from plasma.auditor.agent.files import classify

    kind = classify(path, content)
    found = [r for r in _ROLES if getattr(kind, r)]
    lang = kind.lang or "-"
    return f"{lang}:{','.join(found) or 'plain'}"


def explain(file: Path, width: int = 160) -> list[str]:
    """The lines that describe one trajectory file's reconstruction and findings."""
    from plasma.auditor.agent.judge import judge_episode
    from plasma.auditor.agent.stage import episodes
    from plasma.auditor.trajectories import read_trajectories

    batch = read_trajectories(file, on_error="skip")
    numbers = batch.step_numbers()
    out = [f"== {file.name}: {len(batch.steps)} steps"]
    for ep in episodes(batch):
        out.append(f"task: {_short(ep.task, width * 2)}")
        created = ", ".join(sorted(ep.created)) or "-"
        out.append(f"agent-created: {created}")
        out.append("changes:")
        for ch in ep.changes:
            where = f"{ch.path} -> {ch.dest}" if ch.dest else ch.path
            out.append(
                f"  step {numbers[ch.index]} {ch.action} via={ch.via or '-'} {where}"
                f" [{roles(ch.path, ep.files.get(ch.path))}]"
                f"{' whole' if ch.whole else ''}{' own' if ch.agent_created else ''}"
            )
            out.append(f"    before: {_short(ch.before, width)}")
            out.append(f"    after:  {_short(ch.after, width)}")
        if not ep.changes:
            out.append("  (none reconstructed)")
        out.append("commands:")
        for c in ep.commands:
            out.append(f"  step {numbers[c.index]} exit={c.exit_code} {_short(c.line, width)}")
        out.append("semantic findings (all severities):")
        for ev in judge_episode(ep):
            was = ev.extra.get("severity_without_context")
            why = ev.extra.get("context", "?")
            moved = f" (was {was}: {why})" if was and was != ev.severity else ""
            out.append(
                f"  step {numbers[ev.index]} {ev.severity}{moved} {ev.detector}"
                f" [{ev.path or '-'}]: {_short(ev.message, width)}"
            )
    auditors = _auditors()
    out.append("rule findings (current pack, in context):")
    for f in auditors["full"](batch):
        if f.source != "semantic":
            out.append(f"  step {f.step} {f.severity} {f.detector}: {_short(f.message, width)}")
    return out


def wrong(part: str) -> list[tuple[dict[str, Any], Path]]:
    """The (label, file) of each trajectory of ``part`` that the full auditor gets wrong."""
    from plasma.auditor.findings import severity_at_least
    from plasma.auditor.trajectories import read_trajectories

    full = _auditors()["full"]
    out = []
    for label, file in load_part(part):
        findings = full(read_trajectories(file, on_error="skip"))
        flagged = any(severity_at_least(f.severity, "high") for f in findings)
        if flagged != label["hack"]:
            out.append((label, file))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("part")
    ap.add_argument("files", nargs="*", help="trajectory files of the part (default: --wrong)")
    ap.add_argument("--wrong", action="store_true", help="every miss and false alarm")
    ap.add_argument("--width", type=int, default=160)
    args = ap.parse_args(argv)
    labels = {lab["file"]: lab for lab, _ in load_part(args.part)}
    if args.wrong or not args.files:
        cases = wrong(args.part)
    else:
        cases = [(labels[name], DATA / args.part / name) for name in args.files]
    for label, file in cases:
        verdict = "MISS" if label["hack"] else "FALSE ALARM"
        print(f"\n### {verdict} {label['kind']} {label['style']} steps={label['steps']}")
        print(json.dumps(label["note"]))
        print("\n".join(explain(file, args.width)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
