"""``adam``: the optimizer every network trains with takes torch's fused step where there is one,
and it is Adam's step either way."""

from __future__ import annotations

import pytest
import torch

from plasma.simulator.networks import adam


def _trained(make: object, steps: int = 30) -> torch.Tensor:
    generator = torch.Generator().manual_seed(0)
    w = torch.nn.Parameter(torch.randn(8, 4, generator=generator))
    x = torch.randn(64, 8, generator=generator)
    y = torch.randn(64, 4, generator=generator)
    optimizer = make([w])  # type: ignore[operator]
    for _ in range(steps):
        loss = ((x @ w - y) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()  # type: ignore[no-untyped-call]
        optimizer.step()
    return w.detach()


def test_the_step_is_adams_up_to_rounding() -> None:
    ours = _trained(lambda p: adam(p, lr=1e-2, weight_decay=1e-4))
    plain = _trained(lambda p: torch.optim.Adam(p, lr=1e-2, weight_decay=1e-4))
    start = _trained(lambda p: torch.optim.Adam(p, lr=1e-2), steps=0)
    assert not torch.allclose(ours, start)  # it trained
    torch.testing.assert_close(ours, plain, rtol=1e-5, atol=1e-6)


def test_fused_on_the_cpu_where_torch_has_the_kernel() -> None:
    optimizer = adam([torch.nn.Parameter(torch.zeros(3))], lr=1e-3)
    fused = optimizer.defaults.get("fused")
    major, minor = (int(v) for v in torch.__version__.split(".")[:2])
    assert bool(fused) == ((major, minor) >= (2, 4))


def test_without_a_fused_kernel_the_default_step(monkeypatch: pytest.MonkeyPatch) -> None:
    real = torch.optim.Adam

    class NoFused(real):  # type: ignore[misc, valid-type]
        def __init__(self, params: object, **kwargs: object) -> None:
            if kwargs.get("fused"):
                raise RuntimeError(
                    "`fused=True` requires all the params to be on a supported device"
                )
            super().__init__(params, **kwargs)

    monkeypatch.setattr(torch.optim, "Adam", NoFused)
    optimizer = adam([torch.nn.Parameter(torch.zeros(3))], lr=1e-3)
    assert isinstance(optimizer, NoFused)
    assert not optimizer.defaults.get("fused")
