"""The layer rule of docs/architecture.md: a module of ``python/plasma`` imports its own package and
lower layers only. Every import counts, also those inside functions and under TYPE_CHECKING."""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "python" / "plasma"

# The table of docs/architecture.md ("Layers"): top-level module of plasma -> layer. "" is the root
# package (its __init__, the public facade).
LAYERS: dict[str, int] = {
    "errors": 0,
    "_core": 0,
    "_names": 0,
    "_io": 1,
    "_arrays": 1,
    "_cli": 1,
    "_mapping": 1,
    "_lifecycle": 1,
    "_lazy": 1,
    "_config": 1,
    "envs": 2,
    "trace": 2,
    "distributed": 3,
    "simulator": 4,
    "auditor": 5,
    "distiller": 5,
    "train": 6,
    "": 7,
    "_commands": 7,
}

# Imports that break the rule, as (importing module, imported module): none since the Ray backend
# became an executor that knows no component (each component owns its sharding). An entry that no
# longer occurs fails the test too: the list only shrinks.
KNOWN_EXCEPTIONS: frozenset[tuple[str, str]] = frozenset()


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def top_level(module: str) -> str:
    """The layer key of a module: ``plasma.auditor.cli`` -> ``auditor``, ``plasma`` -> ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def is_submodule(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file() or name == "_core"


def is_module(dotted: str) -> bool:
    """Whether ``plasma.a.b`` names a module or package of ``PACKAGE``."""
    path = PACKAGE.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imported_modules(path: Path) -> Iterator[str]:
    """Every plasma module ``path`` imports (``from plasma import x`` names a submodule ``x`` or,
    for any other name, the root package)."""
    importer = module_name(path)
    package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            if module == "plasma":
                for alias in node.names:
                    yield f"plasma.{alias.name}" if is_submodule(alias.name) else "plasma"
            else:
                # `from plasma.auditor import review` imports the module plasma.auditor.review.
                for alias in node.names:
                    name = f"{module}.{alias.name}"
                    yield name if is_module(name) else module


def upward_imports() -> set[tuple[str, str]]:
    """(importer, imported) pairs where a module imports a higher layer or a sibling of its own."""
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = module_name(path)
        mine = top_level(importer)
        for imported in imported_modules(path):
            if imported != "plasma" and not imported.startswith("plasma."):
                continue
            theirs = top_level(imported)
            if theirs != mine and LAYERS[theirs] >= LAYERS[mine]:
                found.add((importer, imported))
    return found


def test_every_module_of_the_package_has_a_layer() -> None:
    tops = {top_level(module_name(path)) for path in PACKAGE.rglob("*.py")}
    assert tops | {"_core"} == set(LAYERS), "add new modules to LAYERS and docs/architecture.md"


def test_no_module_imports_a_higher_layer_or_a_sibling() -> None:
    found = upward_imports()
    new = sorted(found - KNOWN_EXCEPTIONS)
    assert not new, "imports against the layer rule (docs/architecture.md):\n" + "\n".join(
        f"  {importer} imports {imported}" for importer, imported in new
    )
    gone = sorted(KNOWN_EXCEPTIONS - found)
    assert not gone, f"fixed, now delete from KNOWN_EXCEPTIONS: {gone}"


@pytest.mark.parametrize(
    ("source", "violation"),
    [
        ("from plasma.train import loop", ("plasma.envs.probe", "plasma.train")),
        ("from plasma import Simulator", ("plasma.envs.probe", "plasma")),
        ("def f():\n    import plasma.trace.span", ("plasma.envs.probe", "plasma.trace.span")),
        ("from ..simulator import paths", ("plasma.envs.probe", "plasma.simulator")),
    ],
    ids=["absolute", "root-facade", "lazy-sibling", "relative"],
)
def test_the_walk_finds_upward_and_sideways_imports(
    source: str, violation: tuple[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The same walk over a copy of the package with one bad module added.
    copy = tmp_path / "plasma"
    (copy / "envs").mkdir(parents=True)
    for name in ("__init__.py", "errors.py"):
        (copy / name).write_text("")
    (copy / "envs" / "__init__.py").write_text("from plasma.errors import PlasmaError\n")
    (copy / "envs" / "probe.py").write_text(source + "\n")
    monkeypatch.setattr(f"{__name__}.PACKAGE", copy)
    assert upward_imports() == {violation}


def import_cycles() -> list[list[str]]:
    """The import cycles among the modules of the package: the strongly connected components of
    the graph of every import (also those inside functions and under TYPE_CHECKING), as sorted
    lists of two or more modules. A cycle means two modules each need the other: one of them holds
    what belongs lower down."""
    paths = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
    graph = {
        module: sorted({m for m in imported_modules(path) if m in paths and m != module})
        for module, path in paths.items()
    }
    # Tarjan's algorithm, iterative.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph[nxt])))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        cycles.append(sorted(component))
    return sorted(cycles)


def test_no_import_cycles() -> None:
    cycles = import_cycles()
    assert not cycles, "modules that import each other:\n" + "\n".join(
        "  " + " <-> ".join(cycle) for cycle in cycles
    )


@pytest.mark.parametrize(
    ("sources", "cycle"),
    [
        (
            {
                "a.py": "from plasma.envs import b",
                "b.py": "def f():\n    from plasma.envs.a import x",
            },
            ["plasma.envs.a", "plasma.envs.b"],
        ),
        (
            {
                "a.py": "from .b import x",
                "b.py": "import typing\nif typing.TYPE_CHECKING:\n    import plasma.envs.c",
                "c.py": "import plasma.envs.a",
            },
            ["plasma.envs.a", "plasma.envs.b", "plasma.envs.c"],
        ),
    ],
    ids=["lazy", "type-checking"],
)
def test_the_walk_finds_import_cycles(
    sources: dict[str, str], cycle: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    copy = tmp_path / "plasma"
    (copy / "envs").mkdir(parents=True)
    (copy / "__init__.py").write_text("")
    (copy / "envs" / "__init__.py").write_text("")
    (copy / "envs" / "leaf.py").write_text("import plasma.envs.a\n")  # into the cycle, not in it
    for name, source in sources.items():
        (copy / "envs" / name).write_text(source + "\n")
    monkeypatch.setattr(f"{__name__}.PACKAGE", copy)
    assert import_cycles() == [cycle]


def test_the_core_crate_has_no_python_bindings() -> None:
    # Hot loops live in plasma-core, which knows nothing of Python; plasma-py only converts.
    core = tomllib.loads((REPO / "rust" / "plasma-core" / "Cargo.toml").read_text())
    dependencies = {**core.get("dependencies", {}), **core.get("dev-dependencies", {})}
    assert not {"pyo3", "numpy"} & set(dependencies)


def test_tests_do_not_import_the_benchmarks() -> None:
    # Shared helpers and references live in tests/support; benches may import them, not the
    # other way round (a benchmark may change or be slow to import; a test must not depend on it).
    found = []
    for path in sorted((REPO / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and not node.level
                else []
            )
            found += [
                f"{path.relative_to(REPO)}:{node.lineno} imports {name}"
                for name in names
                if name == "benches" or name.startswith("benches.")
            ]
    assert not found, "\n".join(found)
