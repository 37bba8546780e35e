"""Thin wrapper over the ``plasma-eval`` entry point: ``python scripts/eval.py --help``."""

import sys

from plasma._commands import eval_main

if __name__ == "__main__":
    sys.exit(eval_main())
