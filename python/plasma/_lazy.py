"""Lazy public names for package ``__init__`` modules (PEP 562).

A package's public names are imported the first time they are read, so ``import plasma`` (or
``plasma.auditor``, ``plasma.trace``) loads no torch or Ray until a name that needs them is used.
The package lists them once, as imports under ``TYPE_CHECKING`` (which type checkers and editors
read): ``from m import Name as Name`` for one name, ``from m import *`` for every name of
``m.__all__``. :func:`attach` reads that block from the package's source, and ``m.__all__`` from
``m``'s, without importing anything.

.. code-block:: python

    if TYPE_CHECKING:
        from plasma.trace.models import *
        from plasma.trace.span import AtomicSpan as AtomicSpan

    __getattr__, __dir__, __all__ = attach(__name__)
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["attach", "type_checking_exports"]


def attach(
    package: str, eager: Sequence[str] = ()
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``(__getattr__, __dir__, __all__)`` for the package ``package``, whose public names are those
    it imports under ``TYPE_CHECKING`` (see the module docs) and ``eager``, names the package binds
    itself. A name read once is cached in the package's namespace, so later reads
    cost nothing.

    A public name that is also the name of one of the package's submodules (``plasma.envs.collect``
    the function, in ``plasma.envs.collect`` the module) must be eager: importing the submodule
    binds the module to that attribute, and a lazy name would then never be looked up."""
    origin = type_checking_exports(Path(sys.modules[package].__file__ or ""))
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


def type_checking_exports(init: Path) -> dict[str, str]:
    """name -> defining module of the imports under ``if TYPE_CHECKING:`` in the source ``init``
    (``from m import Name as Name``, or ``from m import *`` for the names of ``m.__all__``)."""
    found: dict[str, str] = {}
    for node in ast.parse(init.read_text(encoding="utf-8"), str(init)).body:
        if not (isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"):
            continue
        for inner in node.body:
            if not (isinstance(inner, ast.ImportFrom) and inner.module and not inner.level):
                raise ImportError(f"{init}: only `from plasma.m import ...` under TYPE_CHECKING")
            for alias in inner.names:
                if alias.name == "*":
                    found.update(dict.fromkeys(_static_all(inner.module), inner.module))
                elif alias.asname == alias.name:
                    found[alias.name] = inner.module
                else:
                    raise ImportError(f"{init}: re-export as `{alias.name} as {alias.name}`")
    return found


def _static_all(module: str) -> list[str]:
    """``module.__all__``, a literal list in its source, read without importing (or parsing) the
    whole module."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ImportError(f"no module named {module!r}")
    source = Path(spec.origin)
    found = _ALL.search(source.read_text(encoding="utf-8"))
    if found is None:
        raise ImportError(f"{source}: `from {module} import *` needs a literal __all__ list")
    return [str(name) for name in ast.literal_eval(found.group(1))]


_ALL = re.compile(r"^__all__ = (\[[^\]]*\])", re.MULTILINE)
"""A module's ``__all__ = [...]`` (names hold no brackets)."""
