# Every check CI runs. `.ci/run` installs from scratch, calls `make check`, then `make dist`, and
# runs the example workflow and plasma-train from the wheel in a fresh environment.

.PHONY: check install rust-lint rust-test py-lint stubtest test dist bench

# Extra arguments of `make test` (CI passes the product description's `--cov=plasma tests/`).
PYTEST_ARGS ?=

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
	pip install -e ".[dev]" && pytest $(PYTEST_ARGS)

# The release wheel and the sdist, built into dist/ and checked. The wheel is built from the sdist
# (which proves the sdist complete), for CPython's stable ABI (one wheel for 3.11 and later), and
# linked by zig against glibc 2.28, the manylinux floor torch's wheels have too.
dist:
	rm -rf dist
	maturin build --release --sdist --zig --compatibility manylinux_2_28 --out dist
	python .ci/check_dist.py dist

bench:
	python benches/run.py
