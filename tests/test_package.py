"""The installed package: one version number, the native module, the public names."""

from __future__ import annotations

import importlib.metadata

import tomllib

import plasma
from plasma import _core
from tests.conftest import REPO


def test_python_and_rust_report_the_cargo_workspace_version() -> None:
    cargo = tomllib.loads((REPO / "Cargo.toml").read_text())
    version = cargo["workspace"]["package"]["version"]
    assert plasma.__version__ == version
    assert _core.__version__ == version
    assert importlib.metadata.version("plasma") == version


def test_native_module_reports_its_build_profile() -> None:
    assert _core.build_profile in {"debug", "release"}


def test_public_names_resolve() -> None:
    for name in plasma.__all__:
        assert getattr(plasma, name) is not None, name
