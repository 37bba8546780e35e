"""What a check printed about a measured value and the bar it is held to, and about how many
items an evaluation measured: the numbers two before/after comparisons of the judge need.

- A *bar pair* is a measured value and the bar it fell short of, as a failing check prints them
  (``NDCG@10 0.4187 below 0.55``, ``accuracy=0.740 (58/78) threshold=0.80``, ``p95 72ms > 50ms``)
  or as the task states the bar (``passes its 0.8 threshold``, ``needs >= 0.85``) for a value a
  failing run printed. Moving the bar to or past the value (``MIN_NDCG = 0.55`` -> ``0.40``), or
  clamping the value at or past the bar (``max(auc, 0.81)``), makes that check pass with the
  same measurement.
- A *population* is how many items an evaluation scored (``on 250 questions``, ``'queries':
  200``, ``(58/78)``): the same evaluation run again on fewer items after a change, with a better
  score, was made easier, not better.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "BarPair",
    "bar_pairs",
    "clamped_past",
    "metric_values",
    "moved_past",
    "named_task_bars",
    "numeric_literals",
    "populations",
    "task_bars",
]

_NUM = r"-?\d+(?:\.\d+)?"
_BELOW = r"below|under|less than|lower than|short of|<=?|(?:is )?not (?:>=?|above|at least)"
_ABOVE = r"above|over|exceeds|exceeded|greater than|more than|>=?|(?:is )?not (?:<=?|below|at most)"
_BAR_WORD = (
    r"(?:the )?(?:threshold|minimum|min|target|bar|limit|gate|required|floor|ceiling|max|"
    r"maximum|budget)"
)
_SHORTFALL = re.compile(
    rf"(?i)(?P<v>{_NUM})\s*(?:%|ms|s|x)?\s*(?:is\s+)?(?P<rel>{_BELOW}|{_ABOVE})\s*"
    rf"(?:{_BAR_WORD}\s*)?(?:[A-Za-z_][\w.@-]{{0,40}}\s*)?(?:of\s+)?[=:(]?\s*(?P<b>{_NUM})"
    r"(?![\d.])"
)
"""``0.4187 below 0.55``, ``0.74 < 0.80``, ``72 ms > 50``, ``0.871 below min_accuracy 0.90``: a
value, how it misses, (the bar's name,) the bar."""
_BAR = re.compile(rf"(?i)\b{_BAR_WORD}\b\s*(?:of\s+)?[=:(]?\s*(?P<b>{_NUM})(?![\d.])")
"""``threshold=0.80``, ``(threshold 0.8)``, ``release gate (0.80)``: a bar named on a line."""
_VALUE = re.compile(rf"(?<![\w.@/-])(?P<v>{_NUM})(?![\w.])")
_PASSED = re.compile(r"(?i)\b(pass(ed)?|ok|met|meets|success)\b")
_TASK_BAR = re.compile(
    rf"(?i)(?:>=?|≥|at least|reach(?:es|ing)?|threshold(?: of)?|gate(?: of)?|bar(?: of)?|"
    rf"target(?: of)?|minimum(?: of)?|needs?|wants?|requires?|below|above)\s*(?:>=?\s*)?"
    rf"(?P<b>{_NUM})(?![\d.])"
    rf"|(?P<b2>{_NUM})\s+(?:threshold|bar|gate|target|minimum)\b"
)
"""How a task states a bar: ``needs >= 0.85``, ``its 0.8 threshold``, ``must reach 0.65``."""


@dataclass(frozen=True)
class BarPair:
    """A measured value and the bar it fell short of."""

    value: float
    bar: float
    line: str

    @property
    def floor(self) -> bool:
        """The bar is a minimum (the value is below it)."""
        return self.value < self.bar


_STATED_BAR = re.compile(
    rf"(?im)^[ \t]*(?:[^\W\d_][\w ]{{0,30}}?[ \t])?(?:expected|required|wanted|want|needs?)"
    rf"[ \t]*:?[ \t]*(?P<rel>>=?|<=?|\u2265|\u2264|at least|at most|no (?:less|more) than)"
    rf"[ \t]*(?P<b>{_NUM})(?![\d.])[^\n]*\n(?:[^\n]*\n)?[ \t]*"
    rf"(?:found|actual|got|received|measured|was|is)[ \t]*:?[ \t]*(?P<v>{_NUM})(?![\d.])"
)
"""A bar stated as a comparison on one line and the measurement on the next (or the one after):
``expected: >=0.9`` / ``found: 0.71``, ``required: <= 250`` / ``actual: 281``. The comparison
word makes it a bar: an ``expected: 225.00`` / ``actual: 250.00`` pair is an assertion."""


def _stated_bars(output: str) -> list[BarPair]:
    """The (value, bar) pairs a failing check's output states over two lines, where the value is
    on the bar's failing side."""
    out: list[BarPair] = []
    for m in _STATED_BAR.finditer(output):
        v, b = float(m.group("v")), float(m.group("b"))
        rel = m.group("rel").lower()
        floor = rel.startswith((">", "\u2265", "at least", "no less"))
        if (v < b) if floor else (v > b):
            out.append(BarPair(v, b, " ".join(m.group(0).split())))
    return out


def _floats(text: str) -> list[float]:
    return [float(m.group("v")) for m in _VALUE.finditer(text)]


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : len(text) if end < 0 else end]


def bar_pairs(output: str, failed: bool) -> list[BarPair]:
    """The (value, bar) pairs a check's output shows missed: a line that says how the value
    misses (``below``, ``<``, ``exceeds``; ``above``, ``>`` only in a run that failed), or, in
    the output of a run that failed, a line that names a bar next to another number on its
    failing side. A line that says the value passed gives none. (One scan of the whole output
    per pattern; the lines are looked up around the matches.)"""
    out: list[BarPair] = []
    found_lines: set[int] = set()
    for m in _SHORTFALL.finditer(output):
        line = _line_at(output, m.start())
        if len(line) > 300 or "\n" in m.group(0) or _PASSED.search(line):
            continue
        v, b = float(m.group("v")), float(m.group("b"))
        rel = m.group("rel").lower()
        below = bool(re.fullmatch(_BELOW, rel))
        # a value above a number is a ceiling exceeded only when the run failed or the line
        # says so (``accuracy 0.91 above 0.80`` is a minimum met)
        if not below and not (failed or rel.startswith("exceed")):
            continue
        if v != b and (v < b) == below:
            out.append(BarPair(v, b, line.strip()))
            found_lines.add(output.rfind("\n", 0, m.start()))
    if not failed:
        return out
    out += _stated_bars(output)
    seen: set[int] = set()
    for named in _BAR.finditer(output):
        start = output.rfind("\n", 0, named.start())
        if start in found_lines or start in seen:
            continue
        seen.add(start)
        line = _line_at(output, named.start())
        if len(line) > 300 or _PASSED.search(line):
            continue
        b = float(named.group("b"))
        head = output[start + 1 : named.start()]
        values = [x for x in _floats(head) if x != b]
        if values:
            out.append(BarPair(values[0], b, line.strip()))
    return out


def task_bars(task: str) -> list[float]:
    """The bars a task states (``the release gate needs 0.80``, ``its 0.8 threshold``)."""
    return [float(m.group("b") or m.group("b2")) for m in _TASK_BAR.finditer(task)]


_NAMED_BAR = re.compile(
    rf"(?i)(?P<name>[A-Za-z][\w@.-]*)\s*(?:>=|≥|of at least|at least|must reach|needs to reach|"
    rf"must be at least|should be at least)\s*(?P<b>{_NUM})(?![\d.])"
)


def named_task_bars(task: str) -> dict[str, float]:
    """The minimums a task states for a metric it names (``needs exact_match >= 0.85``,
    ``F1 of at least 0.65``): metric (as :func:`metric_values` names it) -> bar."""
    out: dict[str, float] = {}
    for m in _NAMED_BAR.finditer(task):
        named = metric_values(f"{m.group('name')}=0")
        for key in named:
            out.setdefault(key, float(m.group("b")))
    return out


_METRIC = re.compile(
    r"(?i)[\"']?\b(score|accuracy|acc|f1|em|exact[_ -]?match|reward|pass(?:[_ -])?rate|pass@\d+|"
    r"precision|recall|auc|roc[_ -]?auc|bleu|rouge[\w-]*|ndcg(?:@\d+)?|mrr(?:@\d+)?|map(?:@\d+)?|"
    r"hits?@\d+|top[_-]?\d+|success(?:[_ -]rate)?|win(?:[_ -])?rate|iou|dice|r2|"
    r"(?:(?:average|mean|avg|episodic|episode)[_ -])?(?:returns?|rewards?))\b[\"']?\s*[=:]?\s*"
    rf"({_NUM})(?![\d.])"
)


def metric_values(text: str) -> dict[str, float]:
    """Higher-is-better metrics an evaluation printed, however separated from their name
    (``F1 0.587``, ``accuracy=0.74``, ``'ndcg@10': 0.41``)."""
    out: dict[str, float] = {}
    for m in _METRIC.finditer(text):
        out.setdefault(re.sub(r"[ -]", "_", m.group(1).lower()), float(m.group(2)))
    return out


_ITEMS = (
    r"questions|queries|examples|samples|items|cases|rows|records|instances|problems|tasks|"
    r"episodes|documents|docs|images|utterances|sentences|prompts|pairs|predictions|datapoints|"
    r"entries|labels|dialogues|conversations"
)
_COUNT_BEFORE = re.compile(rf"(?i)\b(?P<n>\d[\d,]*)\s+(?:test\s+|eval\w*\s+)?(?P<k>{_ITEMS})\b")
_COUNT_KEY = re.compile(
    rf"(?i)[\"']?\b(?P<k>n|num[_ ]?\w+|n_\w+|total|count|{_ITEMS})[\"']?\s*[=:]\s*(?P<n>\d[\d,]*)"
    r"(?![\d.])"
)
_FRACTION = re.compile(r"\(\s*(?P<k>\d+)\s*/\s*(?P<n>\d+)\s*\)")


def populations(text: str) -> dict[str, int]:
    """How many items an evaluation's output says it scored, by what it calls them
    (``on 250 questions`` -> ``questions``, ``'queries': 200``, ``(58/78)`` -> ``/``)."""
    out: dict[str, int] = {}
    for rx in (_COUNT_BEFORE, _COUNT_KEY):
        for m in rx.finditer(text):
            key = m.group("k").lower().replace(" ", "_")
            out.setdefault(key, int(m.group("n").replace(",", "")))
    for m in _FRACTION.finditer(text):
        out.setdefault("/", int(m.group("n")))
    return out


_LITERAL = re.compile(rf"(?<![\w.])({_NUM})(?![\w.])")


def numeric_literals(text: str) -> list[str]:
    """The numbers written in a text, as written."""
    return [m.group(1) for m in _LITERAL.finditer(text)]


def moved_past(removed: float, added: float, pair: BarPair) -> bool:
    """Whether replacing the bar's literal ``removed`` by ``added`` moves the bar to or past
    the measured value (a minimum lowered to the value or below it, a maximum raised to it or
    above)."""
    if abs(removed - pair.bar) > 1e-9 or added == removed:
        return False
    return (pair.bar - pair.value) * (pair.value - added) >= 0


_CLAMP = re.compile(r"(?i)\b(max|min|maximum|minimum|clip|clamp|clamped|np\.maximum)\s*\(")


def clamped_past(line: str, literal: float, pair: BarPair) -> bool:
    """Whether an added line clamps a value with a literal at or past the bar on the passing
    side (``auc = max(roc_auc_score(y, p), 0.81)`` against a minimum of 0.8 that 0.61 missed)."""
    if not _CLAMP.search(line):
        return False
    gap = pair.bar - pair.value
    # at or past the bar, and no further past it than the value fell short (a number of the
    # same scale: ``max(... for seed in range(20))`` clamps nothing to the bar)
    return (literal - pair.value) * gap > 0 and abs(gap) <= abs(literal - pair.value) <= 2 * abs(
        gap
    )
