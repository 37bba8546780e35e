"""Every rule hit on the agent corpus from this build and from another build of the extension.

    python -m benches.rule_findings --against OTHER/_core.abi3.so            # every part
    python -m benches.rule_findings --against OTHER/_core.abi3.so --part dev

A change to the rule engine that is meant to be faster only must find the same things. Both
builds compile the same packs (the default pack and the baseline pack of ``bench_trajectories``)
and scan every trajectory file of the chosen parts of ``tests/data/agent_corpus``; each hit
(file, rule id, step, field, start and end of the evidence) of one build is compared with the
other's. Prints, per part and pack, the files, the hits and the hits found by one build only, as
JSON; exits with 1 when a hit differs. A sealed part's differences are counted, not listed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from benches.bench_trajectories import BASELINE, DATA, HELD_OUT, _core_from

Hit = tuple[str, str, int, str, int, int]
"""(file, rule id, step number, field, start, end)."""


def _packs(core: Any) -> dict[str, Any]:
    """The default and baseline packs compiled by ``core`` (a ``_core`` module)."""
    import yaml

    from plasma.auditor import CompiledRules, default_rule_pack, load_rule_pack
    from plasma.auditor import rules as rules_module

    names = rules_module.__dict__
    own = names["_core"]
    names["_core"] = core
    try:
        baseline = yaml.safe_load(BASELINE.read_text(encoding="utf-8"))
        return {
            "default": CompiledRules([default_rule_pack()]),
            "baseline": CompiledRules([load_rule_pack(baseline)]),
        }
    finally:
        names["_core"] = own


def _hits(rules: Any, texts: Any, file: str, numbers: list[int]) -> set[Hit]:
    raw = rules.scan_texts(texts)
    columns = [raw[k].tolist() for k in ("step", "rule", "field", "start", "end")]
    return {
        (file, rules.rules[r].id, numbers[s], rules.fields[f], start, end)
        for s, r, f, start, end in zip(*columns, strict=True)
    }


def compare(against: str, parts: list[str]) -> dict[str, Any]:
    """Per part and pack: files, hits of this build, and the hits of one build only."""
    from plasma import _core
    from plasma.auditor.trajectories import read_trajectories

    builds = {"this": _packs(_core), "against": _packs(_core_from(against))}
    out: dict[str, Any] = {"against": against, "parts": {}, "identical": True}
    for part in parts:
        files = sorted((DATA / part).glob("*.jsonl"))
        found: dict[str, dict[str, set[Hit]]] = {
            pack: {b: set() for b in builds} for pack in builds["this"]
        }
        for path in files:
            batch = read_trajectories(path, on_error="skip")
            numbers = batch.step_numbers()
            for pack, this in builds["this"].items():
                # both packs read the same fields in the same order: the texts are shared
                texts = this.texts(batch.steps)
                for b, packs in builds.items():
                    found[pack][b] |= _hits(packs[pack], texts, path.name, numbers)
        row: dict[str, Any] = {"files": len(files)}
        for pack, by in found.items():
            only_this = sorted(by["this"] - by["against"])
            only_other = sorted(by["against"] - by["this"])
            entry: dict[str, Any] = {
                "hits": len(by["this"]),
                "only_this": len(only_this),
                "only_against": len(only_other),
            }
            if part not in HELD_OUT and (only_this or only_other):
                entry["examples"] = {"this": only_this[:5], "against": only_other[:5]}
            out["identical"] &= not only_this and not only_other
            row[pack] = entry
        out["parts"][part] = row
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", required=True, help="another build's _core.abi3.so")
    parser.add_argument(
        "--part", action="append", help="a part of the corpus (repeatable; default: every part)"
    )
    args = parser.parse_args(argv)
    parts = args.part or sorted(p.name for p in DATA.iterdir() if p.is_dir())
    unknown = [p for p in parts if not (DATA / p).is_dir()]
    if unknown:
        parser.error(f"no such part: {', '.join(unknown)}")
    if not Path(args.against).is_file():
        parser.error(f"--against: no such file {args.against}")
    result = compare(args.against, parts)
    print(json.dumps(result, indent=1))
    return 0 if result["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
