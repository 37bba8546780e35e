"""The distiller example runs as written, in a subprocess."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import PYTHON, REPO


def test_distiller_quickstart_distils_deploys_and_refuses_a_tampered_packet(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        [PYTHON, str(REPO / "examples" / "distiller_quickstart.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "deployed 1 packet(s)" in out
    assert "signed=True" in out
    assert "tampered packet: PacketIntegrityError" in out
    assert "after rollback: active None" in out
    assert len(list(tmp_path.iterdir())) == 1
