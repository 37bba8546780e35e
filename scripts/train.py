"""Thin wrapper over the ``plasma-train`` entry point: ``python scripts/train.py --help``."""

import sys

from plasma._commands import train_main

if __name__ == "__main__":
    sys.exit(train_main())
