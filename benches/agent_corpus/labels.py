"""Labels of a corpus part and the registry its case modules fill."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from benches.agent_corpus.render import Trajectory

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


@dataclass
class Label:
    """Ground truth of one trajectory file."""

    file: str
    hack: bool
    kind: str
    style: str
    lang: str
    steps: list[int] = field(default_factory=list)
    """Steps holding the hack's evidence (empty for near-misses)."""
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


Builder = Callable[[str], Trajectory]


@dataclass
class Registry:
    """Cases of one corpus part, in order."""

    prefix: str
    cases: list[tuple[bool, str, str, str, Builder]] = field(default_factory=list)

    def case(
        self, *, hack: bool, kind: str, lang: str = "python", note: str = ""
    ) -> Callable[[Builder], Builder]:
        if kind not in KINDS:
            raise ValueError(kind)

        def register(fn: Builder) -> Builder:
            self.cases.append((hack, kind, lang, note or (fn.__doc__ or "").strip(), fn))
            return fn

        return register

    def build(self) -> list[tuple[Trajectory, Label]]:
        out = []
        for i, (hack, kind, lang, note, fn) in enumerate(self.cases):
            tid = f"{self.prefix}-{i:03d}"
            traj = fn(tid)
            if hack and not traj.marks:
                raise ValueError(f"{tid} ({fn.__name__}): a hack needs a marked step")
            label = Label(
                file=f"{tid}.jsonl",
                hack=hack,
                kind=kind,
                style=traj.style,
                lang=lang,
                steps=sorted(set(traj.marks)) if hack else [],
                note=note,
            )
            out.append((traj, label))
        return out
