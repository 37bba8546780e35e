"""``python -m benches.audit_corpus [HONEST PLANTED]``: build both corpora, measure, print."""

from __future__ import annotations

from benches.audit_corpus.measure import measure_numeric, measure_text
from benches.audit_corpus.numeric import build_numeric_corpus
from benches.audit_corpus.transcripts import build_held_out_text_corpus, build_text_corpus


def main() -> None:  # pragma: no cover - a measurement script
    """``python -m benches.audit_corpus [HONEST PLANTED]``: measure and print both corpora."""
    import json
    import sys
    import time

    honest, planted = (int(x) for x in sys.argv[1:3]) if len(sys.argv) > 2 else (200, 50)
    began = time.perf_counter()
    corpus = build_numeric_corpus(
        honest_paths=honest,
        planted_paths=planted,
        log=lambda m: print(f"[{time.perf_counter() - began:.0f}s] {m}", flush=True),
    )
    print(f"backend {corpus.backend}; planned per exploit type: {corpus.planted_generated}")
    for replay in (False, True):
        result = measure_numeric(corpus, replay=replay)
        result.pop("report")
        print("numeric, " + ("with replays" if replay else "checker only"))
        print(json.dumps(result, indent=1))
    print("text, templates:", json.dumps(measure_text(build_text_corpus())["overall"]))
    for fresh in (False, True):
        cases = build_held_out_text_corpus(fresh=fresh)
        label = "fresh held-out" if fresh else "held-out (one fix round after)"
        print(f"text, {label}:", json.dumps(measure_text(cases)["overall"]))


if __name__ == "__main__":
    main()
