"""Light imports: the package, the trace and the auditor's text audits load neither torch nor Ray
(each check in a fresh interpreter, where nothing else has loaded them), and the lazy public names
of every package ``__init__`` (plasma._lazy) agree with what type checkers see."""

from __future__ import annotations

import ast
import importlib
import json
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.support.processes import python_json

PACKAGE = REPO / "python" / "plasma"
HEAVY = ("torch", "ray")

# A text trajectory the default rule pack rejects, so the audit runs its detectors for real.
TRAJECTORY = [
    {"role": "assistant", "tool": "bash", "arguments": {"command": "rm tests/test_a.py"}},
    {"role": "assistant", "tool": "bash", "arguments": {"command": "pytest || true"}},
]


def heavy_modules_after(
    code: str, tmp_path: Path, heavy: tuple[str, ...] = HEAVY
) -> dict[str, bool]:
    """Run ``code`` in a fresh interpreter; which of ``heavy`` it left in ``sys.modules``."""
    probe = (
        "import json, sys\n"
        "try:\n" + "".join(f"    {line}\n" for line in code.splitlines()) + "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps({{m: m in sys.modules for m in {heavy!r}}}))\n"
    )
    loaded: dict[str, bool] = python_json(probe, cwd=tmp_path)
    return loaded


@pytest.mark.parametrize(
    "code",
    [
        "import plasma\nplasma.PlasmaError, plasma.__version__",
        "import plasma.trace\nplasma.trace.StateTracker, plasma.trace.read_traces",
        "import plasma.auditor\nplasma.auditor.Auditor, plasma.auditor.AuditReport",
        "from plasma.auditor.cli import main\nmain(['--help'])",
        "from plasma.trace.cli import main\nmain(['--help'])",
        "from plasma.auditor.cli import main\nmain(['trajectory.jsonl', '--json'])",
    ],
    ids=[
        "plasma",
        "trace",
        "auditor",
        "plasma-audit-help",
        "trace-show-help",
        "text-audit",
    ],
)
def test_light_imports_load_neither_torch_nor_ray(code: str, tmp_path: Path) -> None:
    (tmp_path / "trajectory.jsonl").write_text("\n".join(json.dumps(s) for s in TRAJECTORY) + "\n")
    assert heavy_modules_after(code, tmp_path) == dict.fromkeys(HEAVY, False)


@pytest.mark.parametrize("argv", [["--help"], ["paths.npz", "--reject-severity", "bogus"]])
def test_the_audit_command_reads_its_options_before_it_loads_the_auditor(
    argv: list[str], tmp_path: Path
) -> None:
    # `plasma-audit --help` and an option error need the config's field docs only, not the
    # detectors (numpy, Gymnasium, the agent rules): 3.0 s -> 0.9 s for --help on this machine.
    heavy = (*HEAVY, "gymnasium", "plasma.auditor.auditor")
    code = f"from plasma.auditor.cli import main\nmain({argv!r})"
    assert heavy_modules_after(code, tmp_path, heavy) == dict.fromkeys(heavy, False)


@pytest.mark.parametrize(
    "code",
    [
        "from plasma.simulator.paths import PhantomPaths",
        "from plasma.envs.transitions import Transitions",
        "import plasma.envs",
    ],
)
def test_the_data_types_are_numpy_only(code: str, tmp_path: Path) -> None:
    # The types that cross from the torch side to the light side load no framework, not even
    # Gymnasium (which comes with the first env).
    heavy = (*HEAVY, "gymnasium")
    assert heavy_modules_after(code, tmp_path, heavy) == dict.fromkeys(heavy, False)


def test_the_probe_sees_torch_when_it_is_loaded(tmp_path: Path) -> None:
    # The probe above can fail: a name that needs torch loads it.
    loaded = heavy_modules_after("import plasma\nplasma.WorldModel", tmp_path)
    assert loaded["torch"]


def packages() -> list[Path]:
    return sorted(PACKAGE.rglob("__init__.py"))


def lazy_packages() -> list[str]:
    return [
        ".".join(path.relative_to(PACKAGE.parent).parent.parts)
        for path in packages()
        if "attach(" in path.read_text(encoding="utf-8")
    ]


def type_checking_imports(path: Path) -> dict[str, str]:
    """name -> module of the ``from module import name as name`` lines under TYPE_CHECKING, and of
    ``from module import *`` (the names of the imported module's ``__all__``)."""
    found = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for inner in node.body:
                assert isinstance(inner, ast.ImportFrom), ast.unparse(inner)
                assert inner.module, ast.unparse(inner)
                for alias in inner.names:
                    if alias.name == "*":
                        names = importlib.import_module(inner.module).__all__
                        found.update(dict.fromkeys(names, inner.module))
                        continue
                    assert alias.asname == alias.name, f"{path}: re-export as `{alias.name}`"
                    found[alias.name] = inner.module
    return found


def test_the_root_and_the_component_packages_are_lazy() -> None:
    assert {"plasma", "plasma.auditor", "plasma.trace", "plasma.simulator"} <= set(lazy_packages())


@pytest.mark.parametrize("package", lazy_packages())
def test_lazy_names_match_what_type_checkers_see(package: str) -> None:
    module = importlib.import_module(package)
    init = Path(module.__file__ or "")
    seen = type_checking_imports(init)
    eager = set(module.__all__) - set(seen)
    # Every public name is either imported under TYPE_CHECKING or bound eagerly at import time.
    for name in eager:
        assert name in vars(module), f"{package}.{name}: neither lazy nor imported"
    for name, origin in seen.items():
        assert name in module.__all__, f"{package}: {name} is imported but not public"
        assert getattr(module, name) is getattr(importlib.import_module(origin), name)
    assert set(module.__all__) <= set(dir(module))
    with pytest.raises(AttributeError, match="no attribute 'missing_name'"):
        _ = module.missing_name


@pytest.mark.parametrize("package", lazy_packages())
def test_a_public_name_shared_with_a_submodule_is_eager(package: str) -> None:
    # Importing submodule `m` binds the module to the package's attribute `m`; a lazy public name
    # `m` would then never be looked up (plasma._lazy.attach).
    module = importlib.import_module(package)
    directory = Path(module.__file__ or "").parent
    for name in module.__all__:
        if (directory / f"{name}.py").is_file() or (directory / name / "__init__.py").is_file():
            assert name not in type_checking_imports(directory / "__init__.py"), (
                f"{package}.{name} names a submodule too: import it eagerly"
            )
