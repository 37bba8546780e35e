"""Lazy public names for package ``__init__`` modules (PEP 562).

A package lists its public names by defining module, and a name's module is imported the first
time the name is read, so ``import plasma`` (or ``plasma.auditor``, ``plasma.trace``) loads no torch
or Ray until a name that needs them is used. The package imports the same names under
``TYPE_CHECKING`` (as ``from m import Name as Name``), for type checkers and editors;
``tests/test_imports.py`` checks that both lists agree.

.. code-block:: python

    __getattr__, __dir__, __all__ = attach(__name__, {"plasma.trace.span": ["AtomicSpan"]})
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["attach"]


def attach(
    package: str, exports: Mapping[str, Sequence[str]], eager: Sequence[str] = ()
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``(__getattr__, __dir__, __all__)`` for the package ``package``, whose public names are
    ``exports`` (defining module -> names) and ``eager``, names the package imports itself. A name
    read once is cached in the package's namespace, so later reads cost nothing.

    A public name that is also the name of one of the package's submodules (``plasma.envs.collect``
    the function, in ``plasma.envs.collect`` the module) must be eager: importing the submodule
    binds the module to that attribute, and a lazy name would then never be looked up."""
    origin = {name: module for module, names in exports.items() for name in names}
    public = sorted({*origin, *eager})

    def __getattr__(name: str) -> Any:
        module = origin.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *public})

    return __getattr__, __dir__, public
