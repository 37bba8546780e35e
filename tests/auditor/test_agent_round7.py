"""Issue 15, round 7: the one bracket scanner, and the detectors added in that round."""

from __future__ import annotations

from plasma.auditor.agent.othertests import _block_end
from plasma.auditor.agent.strength import closing, matching


def test_closing_counts_every_bracket_kind_by_default() -> None:
    text = "f(a[1], {b: ')'}) + 1"
    assert text[: matching(text, 1)] == "f(a[1], {b: ')'})"
    assert closing(text, 1) == matching(text, 1)


def test_closing_braces_only_ignores_other_brackets() -> None:
    text = "{ if (x) { y(']'); } }tail"
    assert text[: closing(text, 0, brackets="{")] == "{ if (x) { y(']'); } }"
    # an unbalanced paren inside does not matter when only braces count
    odd = "{ a( }rest"
    assert odd[: closing(odd, 0, brackets="{")] == "{ a( }"
    assert closing(odd, 0) == len(odd)


def test_closing_line_comments_are_skipped_only_when_asked() -> None:
    text = "{\n  // a stray } in a comment\n  x();\n}\nafter"
    assert text[: closing(text, 0, brackets="{", line_comments=True)].endswith("x();\n}")
    assert closing(text, 0, brackets="{") < text.index("x();")


def test_closing_multiline_strings() -> None:
    text = '{ s = "a\n}"; }end'
    # one-line strings: the quote does not close on this line, so the brace inside counts
    assert closing(text, 0) < text.index("; }")
    assert text[: closing(text, 0, multiline_strings=True)] == '{ s = "a\n}"; }'


def test_block_end_is_the_brace_scanner() -> None:
    go = 'func TestA(t *testing.T) {\n\t// }\n\ts := "}"\n\tif s != "" {\n\t}\n}\nfunc TestB() {}\n'
    end = _block_end(go, 0)
    assert go[:end].endswith("\t}\n}")
    assert _block_end("no braces here", 0) == len("no braces here")
