# Every check CI runs; `.ci/run` installs from scratch and then calls `make check`.

.PHONY: check install rust-lint rust-test py-lint stubtest test bench

check: install rust-lint rust-test py-lint stubtest test

install:
	pip install -e ".[dev]"

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
