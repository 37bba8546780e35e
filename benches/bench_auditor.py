"""The auditor's scans: Rust numeric detectors against numpy, Rust rule engine against ``re``.

Numeric scan: 20,000 Pendulum paths of 100 steps (2 M transitions; true dynamics with anomalies
planted in 1 path in 20), every detector on, limits calibrated on 5,000 real steps. Reference:
the same detectors vectorised with numpy (``tests/support/audit_reference.py``), from the same
limits; the two must agree exactly (counts, first and worst steps, worst values and indices). The
reference's support-grid keys are precomputed (the Rust scanner builds its grid once, at
construction, too).
Goal: >= 20 M transitions/s on 2 cores and >= 10x numpy.

Text scan: a fixed load (:func:`benches.audit_corpus.scan_load.tool_output_load`: template
agent steps and ``read_file`` outputs of Python sources, frozen in
``benches/audit_corpus/scan_load/`` so that the rate does not move when this repository's code
changes), about 8 MB over all fields, scanned with the default pack by the Rust engine and by
Python ``re`` with the same rules and the same semantics (one compiled pattern per rule pattern,
literals escaped); the hits must agree. Throughput counts the bytes of every field the pack
reads. Goal: >= 500 MB/s with the default pack.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from tests.support.audit_reference import ReferenceRules, grid_keys, pendulum_limits, reference_scan

from benches.audit_corpus import pendulum_physics_paths
from benches.audit_corpus.scan_load import tool_output_load
from benches.conftest import per_second, record
from plasma import _core
from plasma.auditor import calibrate, default_rule_pack
from plasma.auditor.numeric import ScanLimits, scan_paths
from plasma.auditor.rules import CompiledRules
from plasma.envs import collect
from plasma.simulator.paths import PhantomPaths

P, H = 20_000, 100
NUMERIC_GROUP = f"auditor: numeric scan, {P} paths x {H} steps, all 9 detectors"
TEXT_GROUP = "auditor: text rules, default pack (per byte)"


@pytest.fixture(scope="module")
def numeric_case() -> tuple[ScanLimits, PhantomPaths, np.ndarray | None]:
    cal = calibrate(collect("Pendulum-v1", 5000, seed=0))
    limits = pendulum_limits(cal, 0.2)
    paths = pendulum_physics_paths(P, H, seed=1)
    rng = np.random.default_rng(2)
    assert paths.lengths is not None
    assert paths.dones is not None
    paths.lengths[:] = rng.integers(H // 2, H + 1, P)
    paths.states[::20, 40:, :2] *= 1.3
    paths.states[5::40, 30] = [1.0, 0.0, 0.0]
    paths.rewards[7::40, 10:20] = 2.0
    paths.states[11::80, 60, 2] = np.nan
    paths.rewards[13::40] = -0.02
    return limits, paths, grid_keys(limits)


def _reference(case: tuple[ScanLimits, PhantomPaths, np.ndarray | None]) -> dict[str, Any]:
    limits, paths, keys = case
    return reference_scan(limits, paths, keys=keys)


def test_numeric_scan_rust(benchmark: Any, numeric_case: Any) -> None:
    benchmark.group = NUMERIC_GROUP
    limits, paths, _keys = numeric_case
    scanner = limits.scanner()
    result = benchmark.pedantic(scan_paths, args=(scanner, paths), rounds=10, warmup_rounds=1)
    ref = _reference(numeric_case)
    agree = all(
        np.array_equal(getattr(result, k), ref[k])
        for k in ("count", "first_step", "worst_step", "worst_index")
    ) and np.array_equal(result.worst_value, ref["worst_value"], equal_nan=True)
    record(
        benchmark,
        role="plasma",
        ops_per_call=result.transitions,
        transitions_per_s=f"{per_second(benchmark, result.transitions):.1f} M",
        agree=agree,
        flagged_paths=int((result.count.sum(axis=1) > 0).sum()),
        goal=">= 20 M transitions/s on 2 cores, >= 10x numpy",
        build=_core.build_profile,
    )
    assert agree


def test_numeric_scan_numpy_reference(benchmark: Any, numeric_case: Any) -> None:
    benchmark.group = NUMERIC_GROUP
    ref = benchmark.pedantic(_reference, args=(numeric_case,), rounds=3, warmup_rounds=1)
    record(
        benchmark,
        role="reference",
        ops_per_call=ref["transitions"],
        transitions_per_s=f"{per_second(benchmark, ref['transitions']):.1f} M",
    )


@pytest.fixture(scope="module")
def text_case() -> tuple[CompiledRules, list[tuple[bytes, np.ndarray]], int]:
    rules = CompiledRules([default_rule_pack()])
    texts = rules.texts(tool_output_load())
    nbytes = sum(len(buf) for buf, _ in texts)
    return rules, texts, nbytes


def test_text_scan_rust(benchmark: Any, text_case: Any) -> None:
    benchmark.group = TEXT_GROUP
    rules, texts, nbytes = text_case
    raw = benchmark.pedantic(rules.scan_texts, args=(texts,), rounds=10, warmup_rounds=1)
    rust = list(zip(raw["step"].tolist(), raw["rule"].tolist(), strict=True))
    ref = ReferenceRules(rules).scan_texts(texts)
    record(
        benchmark,
        role="plasma",
        ops_per_call=nbytes,
        mb_per_s=f"{per_second(benchmark, nbytes):.0f}",
        megabytes=f"{nbytes / 1e6:.1f}",
        steps=len(texts[0][1]) - 1,
        rules=len(rules.rules),
        patterns=rules.engine.num_patterns,
        hits=len(rust),
        agree=rust == ref,
        goal=">= 500 MB/s with the default pack",
        build=_core.build_profile,
    )
    assert rust == ref


def test_text_scan_python_re_reference(benchmark: Any, text_case: Any) -> None:
    benchmark.group = TEXT_GROUP
    rules, texts, nbytes = text_case
    reference = ReferenceRules(rules)
    benchmark.pedantic(reference.scan_texts, args=(texts,), rounds=2, warmup_rounds=0)
    record(
        benchmark,
        role="reference",
        ops_per_call=nbytes,
        mb_per_s=f"{per_second(benchmark, nbytes):.1f}",
    )
