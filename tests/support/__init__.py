"""Helpers and reference implementations shared by the tests (and the benchmarks, which may
import from here; the tests never import from ``benches``)."""
