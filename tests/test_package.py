"""The installed package: one version number, the native module, the public names, the metadata
(distribution name, licence) that the wheel and the sdist carry."""

from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

import plasma
from plasma import _core
from tests.conftest import REPO

DISTRIBUTION = "plasma-agents"  # the import name stays `plasma` (see docs/architecture.md)


def test_python_and_rust_report_the_cargo_workspace_version() -> None:
    cargo = tomllib.loads((REPO / "Cargo.toml").read_text())
    version = cargo["workspace"]["package"]["version"]
    assert plasma.__version__ == version
    assert _core.__version__ == version
    assert importlib.metadata.version(DISTRIBUTION) == version


def test_native_module_reports_its_build_profile() -> None:
    assert _core.build_profile in {"debug", "release"}


def test_native_module_is_the_abi3_build() -> None:
    # One wheel serves every CPython >= 3.11. A stale version-specific build left beside it
    # (_core.cpython-3XX-....so) would shadow it on import: delete it and rebuild.
    name = Path(_core.__file__ or "").name
    assert ".abi3." in name or name.endswith(".pyd"), name


def test_public_names_resolve() -> None:
    for name in plasma.__all__:
        assert getattr(plasma, name) is not None, name


def test_metadata_names_the_distribution_and_ships_the_mit_licence() -> None:
    dist = importlib.metadata.distribution(DISTRIBUTION)
    assert dist.metadata["Name"] == DISTRIBUTION
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert dist.metadata["Requires-Python"] == pyproject["requires-python"]
    # PEP 639: an SPDX expression and the licence file itself in the metadata.
    assert dist.metadata["License-Expression"] == "MIT"
    assert dist.metadata.get_all("License-File") == ["LICENSE"]
    shipped = dist.read_text("licenses/LICENSE")
    assert shipped is not None
    assert shipped == (REPO / "LICENSE").read_text()
    assert shipped.startswith("MIT License")
    # The import package is `plasma`: the console scripts point into it.
    scripts = {ep.name: ep.value for ep in dist.entry_points if ep.group == "console_scripts"}
    assert scripts["plasma-train"].startswith("plasma.")
