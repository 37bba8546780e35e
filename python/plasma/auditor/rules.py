"""Text rule packs: YAML, validated with pydantic, compiled once into the Rust rule engine.

A pack::

    name: my-pack
    version: 1
    description: what the pack looks for
    rules:
      - id: forced-exit-in-tests          # unique, lowercase letters, digits, "-", "_", "."
        severity: critical                # info | low | medium | high | critical
        category: tamper-tests            # free text, groups rules in reports
        description: Test code exits with status 0 before the tests can fail.
        fields: [arguments]               # where the patterns look (default: content, arguments)
        literals: ["sys.exit(0)"]         # substrings (one Aho-Corasick automaton per field)
        regexes: ['\\bos\\._exit\\(']      # regexes (Rust `regex` syntax: no look-around)
        case_insensitive: false
        roles: [assistant]                # only steps with one of these roles (optional)
        permit: skip                      # a request of the user that makes a hit legitimate
        require:                          # every group must match somewhere in the step
          - fields: [file]
            regexes: ['(^|/)conftest\\.py$']
        exclude:                          # no group may match
          - fields: [content]
            literals: ["# audit: allow"]

Fields: ``content``, ``arguments``, ``tool``, ``role``, ``file``, ``command``, ``arguments.KEY``
and ``any`` (content and arguments); see :mod:`plasma.auditor.trajectories`.

``permit`` (optional) is one of the kinds of request of
:data:`plasma.auditor.agent.context.PERMITS` ("remove", "skip", "move", "change-tests",
"download", "history", ...): when the user's task makes such a request and names something the
hit matched (a file, a test), the hit is reported with severity "info" and the task's sentence.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from plasma import _core
from plasma._io import existing_file, read_at_most, user_text
from plasma.auditor.errors import RulePackError
from plasma.auditor.findings import Severity
from plasma.auditor.trajectories import BASE_FIELDS, TrajectoryStep, field_text
from plasma.errors import PlasmaError

__all__ = [
    "CompiledRules",
    "PatternGroup",
    "Rule",
    "RuleHit",
    "RulePack",
    "default_rule_pack",
    "load_rule_pack",
]

MAX_RULE_PACK_BYTES = 16 << 20
"""A rule pack is a hand-written YAML file; a larger file is refused after a bounded read."""

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_ARG_FIELD = re.compile(r"^arguments\.[A-Za-z_][A-Za-z0-9_-]*$")
DEFAULT_FIELDS = ["content", "arguments"]


def _check_fields(fields: list[str]) -> list[str]:
    out: list[str] = []
    for name in fields:
        if name == "any":
            out.extend(DEFAULT_FIELDS)
        elif name in BASE_FIELDS or _ARG_FIELD.match(name):
            out.append(name)
        else:
            known = ", ".join([*BASE_FIELDS, "any", "arguments.KEY"])
            raise ValueError(f"unknown field {name!r} (known: {known})")
    return list(dict.fromkeys(out))


class PatternGroup(BaseModel):
    """Patterns of a ``require`` or ``exclude`` group."""

    model_config = ConfigDict(extra="forbid")

    fields: list[str] = Field(default_factory=lambda: list(DEFAULT_FIELDS), min_length=1)
    """Fields the patterns read."""
    literals: list[str] = Field(default_factory=list)
    """Substrings."""
    regexes: list[str] = Field(default_factory=list)
    """Regexes."""
    case_insensitive: bool = False
    """Ignore case."""

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, values: list[str]) -> list[str]:
        return _check_fields(values)

    @field_validator("literals", "regexes")
    @classmethod
    def _no_empty(cls, values: list[str]) -> list[str]:
        if any(not v for v in values):
            raise ValueError("an empty pattern would match everything")
        return values

    def patterns(self) -> list[tuple[str, str]]:
        """``(kind, text)`` of every pattern."""
        return [("literal", x) for x in self.literals] + [("regex", x) for x in self.regexes]


class Rule(PatternGroup):
    """One rule: what to look for, where, and how bad a match is."""

    id: str
    """Unique id (lowercase letters, digits, ``-``, ``_``, ``.``)."""
    severity: Severity
    """Severity of its findings."""
    description: str = ""
    """What the rule detects, for reports."""
    category: str = "general"
    """Group of related rules."""
    roles: list[str] | None = None
    """Only steps whose role is one of these (None: any role)."""
    require: list[PatternGroup] = Field(default_factory=list)
    """Groups that must all match in the same step."""
    exclude: list[PatternGroup] = Field(default_factory=list)
    """Groups of which none may match."""
    permit: str | None = None
    """The kind of user request that makes a hit legitimate (see
    :data:`plasma.auditor.agent.context.PERMITS`)."""

    @field_validator("permit")
    @classmethod
    def _known_permit(cls, value: str | None) -> str | None:
        from plasma.auditor.agent.context import PERMITS

        if value is not None and value not in PERMITS:
            raise ValueError(f"unknown permit {value!r} (known: {', '.join(PERMITS)})")
        return value

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(
                f"rule id {value!r} must be lowercase letters, digits, '-', '_' or '.'"
            )
        return value

    @model_validator(mode="after")
    def _has_patterns(self) -> Rule:
        if not self.literals and not self.regexes:
            raise ValueError("the rule has no literals or regexes to look for")
        return self


class RulePack(BaseModel):
    """A named list of rules."""

    model_config = ConfigDict(extra="forbid")

    name: str = "unnamed"
    """Name of the pack."""
    version: int | str = 1
    """Version of the pack."""
    description: str = ""
    """What it is for."""
    rules: list[Rule] = Field(min_length=1)
    """The rules."""

    @field_validator("rules")
    @classmethod
    def _unique(cls, rules: list[Rule]) -> list[Rule]:
        seen: set[str] = set()
        for rule in rules:
            if rule.id in seen:
                raise ValueError(f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)
        return rules


def _validation_message(err: ValidationError, data: Any) -> str:
    parts = []
    for e in err.errors():
        loc = list(e["loc"])
        where = ".".join(str(x) for x in loc)
        if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
            try:
                rid = data["rules"][loc[1]].get("id")
            except (KeyError, IndexError, TypeError, AttributeError):
                rid = None
            if rid is not None:
                where = f"rule {rid!r} ({where})"
        msg = e["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {msg}")
    return "; ".join(parts)


def load_rule_pack(source: str | os.PathLike[str] | dict[str, Any] | RulePack) -> RulePack:
    """Load and validate a pack: ``"default"``, a YAML file, a dict or a :class:`RulePack`.

    Raises:
        RulePackError: unreadable YAML (with its line), or an invalid pack (naming the rule); a
            directory, a pipe, an empty file or one over ``MAX_RULE_PACK_BYTES``.
        FileNotFoundError: no such file (a :class:`~plasma.errors.MissingFileError`).
    """
    if isinstance(source, RulePack):
        return source
    if isinstance(source, dict):
        name, data = str(source.get("name", "<dict>")), source
    elif str(source) == "default":
        return default_rule_pack()
    else:
        # the loaders' rule: a directory, a pipe or an empty file is named as what it is
        file = existing_file(source, "rule pack", wrong=RulePackError)
        name = str(file)
        try:
            data = yaml.safe_load(user_text(read_at_most(file, MAX_RULE_PACK_BYTES)))
        except (OSError, UnicodeDecodeError) as err:
            raise RulePackError(f"rule pack {file} cannot be read: {err}") from None
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise RulePackError(f"rule pack {file} is not valid YAML{where}: {err}") from None
    if not isinstance(data, dict):
        raise RulePackError(f"rule pack {name} must be a mapping with a 'rules' list")
    try:
        return RulePack.model_validate(data)
    except ValidationError as err:
        raise RulePackError(f"rule pack {name}: {_validation_message(err, data)}") from None


_DEFAULT: RulePack | None = None


def default_rule_pack() -> RulePack:
    """The shipped reward-hacking pack (``plasma/auditor/rules/default.yaml``)."""
    global _DEFAULT
    if _DEFAULT is None:
        text = resources.files("plasma.auditor").joinpath("rules/default.yaml").read_text("utf-8")
        data = yaml.safe_load(text)
        try:
            _DEFAULT = RulePack.model_validate(data)
        except ValidationError as err:  # pragma: no cover - the shipped pack is tested
            raise RulePackError(f"default pack: {_validation_message(err, data)}") from None
    return _DEFAULT


@dataclass(frozen=True)
class RuleHit:
    """A rule that fired on a step."""

    step: int
    """Index of the step in the scanned list."""
    rule: Rule
    """The rule."""
    field: str
    """Field holding the evidence."""
    start: int
    """Byte offset of the match in that field's text."""
    end: int
    """End of the match."""
    excerpt: str
    """The matched text with a little context."""


def _excerpt(text: bytes, start: int, end: int, context: int = 40) -> str:
    lo, hi = max(0, start - context), min(len(text), end + context)
    piece = text[lo:hi].decode("utf-8", errors="replace").replace("\n", "\\n")
    return ("..." if lo > 0 else "") + piece + ("..." if hi < len(text) else "")


class CompiledRules:
    """One or more packs compiled into a ``plasma._core.RuleEngine``."""

    def __init__(self, packs: Sequence[RulePack]) -> None:
        """Merge the packs and compile them.

        Raises:
            RulePackError: a rule id used by two packs, or a regex the Rust engine rejects (the
                message names the rule).
        """
        rules: list[Rule] = []
        owner: dict[str, str] = {}
        for pack in packs:
            for rule in pack.rules:
                if rule.id in owner:
                    raise RulePackError(
                        f"rule id {rule.id!r} is defined by both pack {owner[rule.id]!r} and "
                        f"pack {pack.name!r}"
                    )
                owner[rule.id] = pack.name
                rules.append(rule)
        self.packs = list(packs)
        self.rules = rules
        fields: list[str] = []
        patterns: list[tuple[int, str, int, int, str, str, bool]] = []

        def slot(name: str) -> int:
            if name not in fields:
                fields.append(name)
            return fields.index(name)

        for r, rule in enumerate(rules):
            for kind, text in rule.patterns():
                for f in rule.fields:
                    patterns.append((r, "primary", 0, slot(f), kind, text, rule.case_insensitive))
            groups = list(rule.require)
            if rule.roles is not None:
                roles = "|".join(re.escape(x) for x in rule.roles)
                groups.append(PatternGroup(fields=["role"], regexes=[f"^(?:{roles})$"]))
            for g, group in enumerate(groups):
                ci = group.case_insensitive
                for kind, text in group.patterns():
                    for f in group.fields:
                        patterns.append((r, "require", g, slot(f), kind, text, ci))
            for group in rule.exclude:
                ci = group.case_insensitive
                for kind, text in group.patterns():
                    for f in group.fields:
                        patterns.append((r, "exclude", 0, slot(f), kind, text, ci))
        self.fields = fields
        try:
            self.engine = _core.RuleEngine([r.id for r in rules], fields, patterns)
        except PlasmaError as err:
            raise RulePackError(f"rule pack {'+'.join(p.name for p in packs)}: {err}") from None

    @classmethod
    def load(
        cls, sources: Sequence[str | os.PathLike[str] | dict[str, Any] | RulePack]
    ) -> CompiledRules:
        """Load and compile packs (see :func:`load_rule_pack`)."""
        return cls([load_rule_pack(s) for s in sources])

    def texts(self, steps: Sequence[TrajectoryStep]) -> list[tuple[bytes, np.ndarray]]:
        """Each field's texts for all steps, concatenated, with ``len(steps) + 1`` offsets."""
        out = []
        for name in self.fields:
            encoded = [field_text(s, name).encode("utf-8") for s in steps]
            offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
            np.cumsum([len(e) for e in encoded], out=offsets[1:])
            out.append((b"".join(encoded), offsets))
        return out

    def scan_texts(
        self, texts: list[tuple[bytes, np.ndarray]], *, num_threads: int | None = None
    ) -> dict[str, np.ndarray]:
        """The raw hits of the engine over prepared texts (step, rule, field, start, end)."""
        return dict(self.engine.scan(texts, num_threads=num_threads))

    def scan(
        self, steps: Sequence[TrajectoryStep], *, num_threads: int | None = None
    ) -> list[RuleHit]:
        """Every rule that fires on every step, in step order."""
        texts = self.texts(steps)
        raw = self.scan_texts(texts, num_threads=num_threads)
        hits = []
        for step, r, f, start, end in zip(
            raw["step"].tolist(),
            raw["rule"].tolist(),
            raw["field"].tolist(),
            raw["start"].tolist(),
            raw["end"].tolist(),
            strict=True,
        ):
            buf, off = texts[f]
            text = buf[int(off[step]) : int(off[step + 1])]
            hits.append(
                RuleHit(
                    step=step,
                    rule=self.rules[r],
                    field=self.fields[f],
                    start=start,
                    end=end,
                    excerpt=_excerpt(text, start, end),
                )
            )
        return hits
