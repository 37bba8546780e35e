"""The distiller names its ``paths`` argument when it is given something else (batch H's I10:
the message named only the type it wanted)."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from plasma.distiller import Distiller
from plasma.errors import InvalidArgumentError


@pytest.mark.parametrize("paths", [[], None, np.zeros((2, 3)), {"states": []}])
def test_a_wrong_paths_argument_is_named_in_one_line(paths: object) -> None:
    async def run() -> None:
        distiller = Distiller()
        await distiller.start()
        try:
            await distiller.distill_from_paths(paths)  # type: ignore[arg-type]
        finally:
            await distiller.stop()

    with pytest.raises(
        InvalidArgumentError, match=r"^paths must be a plasma\.simulator\.PhantomPaths"
    ):
        asyncio.run(run())
