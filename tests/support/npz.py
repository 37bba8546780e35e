"""Forge ``.npz`` archives: one member's ``.npy`` header rewritten, its data left as it was."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np


def with_lying_header(source: Path, target: Path, member: str, shape: tuple[int, ...]) -> Path:
    """``source`` with array ``member``'s header declaring float32 of ``shape`` (e.g. 32 GB)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == f"{member}.npy":
                old = io.BytesIO(data)
                np.lib.format.read_magic(old)
                np.lib.format.read_array_header_1_0(old)
                header = io.BytesIO()
                np.lib.format.write_array_header_1_0(
                    header, {"descr": "<f4", "fortran_order": False, "shape": shape}
                )
                data = header.getvalue() + data[old.tell() :]
            zout.writestr(info.filename, data)
    return target
