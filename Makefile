# Every check CI runs; `.ci/run` installs from scratch and then calls `make check`.
.PHONY: check lint rust-lint rust-test py-lint stubtest test bench

check: rust-lint rust-test py-lint stubtest test

rust-lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

rust-test:
	cargo test --workspace

py-lint:
	ruff check .
	ruff format --check .
	mypy

stubtest:
	python -m mypy.stubtest plasma._core

# The README's test command.
test:
	pip install -e ".[dev]" && pytest

bench:
	python benches/run.py
