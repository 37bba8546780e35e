"""Type stubs of the native module built from rust/plasma-py (checked with mypy.stubtest)."""

from typing import Final, Literal

__all__ = ["__version__", "build_profile"]

__version__: Final[str]
build_profile: Final[Literal["debug", "release"]]
