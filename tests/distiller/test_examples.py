"""The distiller example runs as written, in a subprocess."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO
from tests.support.processes import run_python


def test_distiller_quickstart_distils_deploys_and_refuses_a_tampered_packet(
    tmp_path: Path,
) -> None:
    example = REPO / "examples" / "distiller_quickstart.py"
    result = run_python([str(example), str(tmp_path)], timeout=180)
    out = result.stdout
    assert "deployed 1 packet(s)" in out
    assert "signed=True" in out
    assert "tampered packet: PacketIntegrityError" in out
    assert "after rollback: active None" in out
    assert len(list(tmp_path.iterdir())) == 1
