"""Checks the wheel and the sdist that `make dist` built into DIST (default: dist/).

- the wheel: the distribution name and the Cargo version, one abi3 wheel for CPython >= 3.11, a
  manylinux platform tag that `auditwheel show` confirms (the wheel claims no older glibc than its
  symbols need), every file of the Python package, and the MIT licence in its metadata (PEP 639);
- the sdist: the licence, the metadata naming it, and what a build from source needs.

Exits non-zero with one line per failed check.
"""

from __future__ import annotations

import email.parser
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "python" / "plasma"
ABI3_FLOOR = "cp311"  # pyo3's abi3-py311; pyproject's requires-python

# Legacy manylinux names and the glibc version each stands for (PEP 600).
LEGACY_MANYLINUX = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}


def glibc_of(platform_tag: str) -> tuple[int, int] | None:
    """The glibc version a manylinux platform tag requires; None for any other tag."""
    match = re.fullmatch(r"manylinux_(\d+)_(\d+)_\w+", platform_tag)
    if match:
        return int(match[1]), int(match[2])
    legacy = re.fullmatch(r"(manylinux\d+)_\w+", platform_tag)
    return LEGACY_MANYLINUX.get(legacy[1]) if legacy else None


def metadata_of(text: str) -> email.message.Message:
    return email.parser.Parser().parsestr(text)


def check_licence(meta: email.message.Message, where: str, problems: list[str]) -> None:
    if meta["License-Expression"] != "MIT":
        problems.append(f"{where}: License-Expression is {meta['License-Expression']!r}, not MIT")
    if meta.get_all("License-File") != ["LICENSE"]:
        problems.append(f"{where}: License-File is {meta.get_all('License-File')}, not [LICENSE]")
    version = tuple(int(part) for part in (meta["Metadata-Version"] or "0").split("."))
    if version < (2, 4):
        problems.append(f"{where}: Metadata-Version {meta['Metadata-Version']} predates PEP 639")


def check_wheel(wheel: Path, name: str, version: str, problems: list[str]) -> None:
    stem = f"{name.replace('-', '_')}-{version}"
    match = re.fullmatch(rf"{re.escape(stem)}-(\w+)-(\w+)-([\w.]+)\.whl", wheel.name)
    if not match:
        problems.append(f"{wheel.name}: not a wheel of {name} {version}")
        return
    python_tag, abi_tag, platform_tags = match.groups()
    if (python_tag, abi_tag) != (ABI3_FLOOR, "abi3"):
        problems.append(f"{wheel.name}: tags {python_tag}-{abi_tag}, expected {ABI3_FLOOR}-abi3")
    claimed = [glibc_of(tag) for tag in platform_tags.split(".")]
    if sys.platform == "linux":
        if not claimed or None in claimed:
            problems.append(f"{wheel.name}: not manylinux-tagged ({platform_tags})")
        shown = subprocess.run(
            ["auditwheel", "show", str(wheel)], capture_output=True, text=True, check=False
        )
        found = re.search(r'platform tag:\s+"([^"]+)"', shown.stdout)
        needed = glibc_of(found[1]) if found else None
        if shown.returncode != 0 or needed is None:
            problems.append(f"auditwheel show {wheel.name} failed: {shown.stdout}{shown.stderr}")
        elif any(tag is not None and tag < needed for tag in claimed):
            problems.append(f"{wheel.name} claims glibc {min(claimed)}, auditwheel: {found[1]}")
        print(shown.stdout.strip())
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        meta = metadata_of(archive.read(f"{stem}.dist-info/METADATA").decode())
        licence = f"{stem}.dist-info/licenses/LICENSE"
        if licence not in names:
            problems.append(f"{wheel.name}: no {licence}")
        elif archive.read(licence).decode() != (REPO / "LICENSE").read_text():
            problems.append(f"{wheel.name}: {licence} differs from LICENSE")
    if meta["Name"] != name:
        problems.append(f"{wheel.name}: Name is {meta['Name']!r}")
    check_licence(meta, wheel.name, problems)
    native = [n for n in names if re.fullmatch(r"plasma/_core\.(abi3\.so|pyd)", n)]
    if not native:
        problems.append(f"{wheel.name}: no abi3 extension plasma/_core.abi3.so")
    package_files = {
        path.relative_to(PACKAGE.parent).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".so", ".pyd"}
    }
    missing = sorted(package_files - names)
    if missing:
        problems.append(f"{wheel.name}: package files missing: {missing}")


def check_sdist(sdist: Path, name: str, version: str, problems: list[str]) -> None:
    root = f"{name.replace('-', '_')}-{version}"
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
        licence = archive.extractfile(f"{root}/LICENSE") if f"{root}/LICENSE" in names else None
        pkg_info = archive.extractfile(f"{root}/PKG-INFO")
        assert pkg_info is not None
        meta = metadata_of(pkg_info.read().decode())
        if licence is None:
            problems.append(f"{sdist.name}: no {root}/LICENSE")
        elif licence.read().decode() != (REPO / "LICENSE").read_text():
            problems.append(f"{sdist.name}: LICENSE differs from the repository's")
    check_licence(meta, sdist.name, problems)
    needed = ["pyproject.toml", "Cargo.toml", "Cargo.lock", "rust/plasma-core/src/lib.rs"]
    needed += ["rust/plasma-py/src/lib.rs", "python/plasma/__init__.py", "python/plasma/_core.pyi"]
    missing = [path for path in needed if f"{root}/{path}" not in names]
    if missing:
        problems.append(f"{sdist.name}: missing {missing}")


def main() -> int:
    dist = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "dist"
    name = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["name"]
    version = tomllib.loads((REPO / "Cargo.toml").read_text())["workspace"]["package"]["version"]
    wheels, sdists = sorted(dist.glob("*.whl")), sorted(dist.glob("*.tar.gz"))
    problems: list[str] = []
    if len(wheels) != 1 or len(sdists) != 1:
        problems.append(f"{dist}: expected one wheel and one sdist, found {wheels + sdists}")
    for wheel in wheels:
        check_wheel(wheel, name, version, problems)
    for sdist in sdists:
        check_sdist(sdist, name, version, problems)
    for problem in problems:
        print(f"check_dist: {problem}", file=sys.stderr)
    if not problems:
        print(f"check_dist: {', '.join(p.name for p in wheels + sdists)} OK")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
