"""Batched ensembles of MLPs in torch: the networks the world model and the value function train.

``EnsembleMLP`` holds ``E`` MLPs of one architecture as stacked weights ``[E, in, out]`` and
computes all of them with one batched matmul per layer (``y = act(x @ W[e] + b[e])``, the last
layer linear), the layout the Rust core's ``EnsembleMlp`` takes.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Literal

import torch
from torch import nn

from plasma._io import existing_file
from plasma.errors import InvalidArgumentError, ShapeError

__all__ = ["ACTIVATIONS", "Activation", "EnsembleMLP", "adam", "torch_threads"]

Activation = Literal["silu", "relu", "tanh", "elu"]
ACTIVATIONS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "silu": nn.functional.silu,
    "relu": torch.relu,
    "tanh": torch.tanh,
    "elu": nn.functional.elu,
}


class EnsembleMLP(nn.Module):
    """E parallel MLPs: weights [E, in, out], computed with one batched matmul per layer."""

    def __init__(self, members: int, sizes: list[int], activation: str, generator: torch.Generator):
        super().__init__()
        self.activation = ACTIVATIONS[activation]
        self.weights = nn.ParameterList()
        self.biases = nn.ParameterList()
        for fan_in, fan_out in itertools.pairwise(sizes):
            # Truncated-normal init scaled by fan-in, as PETS does for ensemble layers.
            w = torch.empty(members, fan_in, fan_out)
            nn.init.trunc_normal_(w, std=1.0 / (2.0 * math.sqrt(fan_in)), generator=generator)
            self.weights.append(nn.Parameter(w))
            self.biases.append(nn.Parameter(torch.zeros(members, 1, fan_out)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x: [E, N, in] -> [E, N, out]."""
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            x = torch.baddbmm(b, x, w)
            if i < last:
                x = self.activation(x)
        return x


def adam(
    params: Iterable[torch.Tensor], *, lr: float, weight_decay: float = 0.0
) -> torch.optim.Adam:
    """The Adam optimizer every network of Plasma trains with: torch's fused kernel where this
    torch has one for these tensors (CPU since torch 2.4), else its default implementation. The
    update is Adam's either way, equal up to float rounding; on the CPU the fused kernel takes
    about a sixth less time per fit (``benches/bench_optimizer.py``: a value fit 0.83, a compact
    world model's 0.82 of the default's CPU seconds, the same results), as the default steps
    each tensor in Python."""
    params = list(params)
    try:
        return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay, fused=True)
    except RuntimeError:  # no fused kernel for these tensors' device or dtype in this torch
        return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)


@contextlib.contextmanager
def frozen(params: Iterable[torch.Tensor]) -> Iterator[None]:
    """No gradient reaches ``params`` from what is computed inside (a network used as a fixed
    function in another's gradient); their ``requires_grad`` is restored afterwards."""
    changed = [p for p in params if p.requires_grad]
    for p in changed:
        p.requires_grad_(False)
    try:
        yield
    finally:
        for p in changed:
            p.requires_grad_(True)


@contextlib.contextmanager
def torch_threads(threads: int | None) -> Iterator[None]:
    """Run this thread's torch work on ``threads`` threads, then restore this thread's setting.

    Small networks train fastest on one thread, and more threads slow to a crawl when the
    machine is busy (measured: a world model fit on 5,000 transitions with other work on both
    cores took 183 s on 2 threads and 17 s on one).

    The setting is per thread: with torch's OpenMP backend ``torch.set_num_threads`` sets the
    calling thread's OpenMP and MKL thread counts only (checked: a worker at 1 leaves the main
    thread at 2), so two fits side by side each keep and restore their own. But a thread's first
    torch call sets it to the value most recently set by *any* thread, so a setting also leaks
    into threads that start later: every setting is undone, and a thread already at ``threads``
    sets nothing (a fresh thread that took a side-by-side fit's 1 must not leave 1 behind when it
    ends after the fit that set it; the resume tests compare runs bit for bit).
    """
    if threads is None:
        yield
        return
    saved = torch.get_num_threads()
    if saved == threads:
        yield
        return
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(saved)


def read_safetensors(
    path: str | os.PathLike[str], what: str
) -> tuple[dict[str, str], dict[str, torch.Tensor]]:
    """The header metadata and the tensors of the safetensors file ``path`` (a ``what``, for the
    messages).

    Raises:
        MissingFileError: there is no such file.
        InvalidArgumentError: it is not a readable safetensors file (a directory, empty).
    """
    from safetensors import safe_open
    from safetensors.torch import load_file

    path = existing_file(path, f"{what} file")
    try:
        with safe_open(str(path), framework="pt") as handle:
            meta = handle.metadata() or {}
        tensors = load_file(str(path))
    except Exception as err:  # safetensors raises its own error types for corrupt files
        raise InvalidArgumentError(f"{path} is not a readable safetensors file: {err}") from err
    return meta, tensors


@contextlib.contextmanager
def reading_header(path: str | os.PathLike[str], what: str) -> Iterator[None]:
    """Inside, a setting missing from a saved ``what``'s header or one that does not parse
    (a file from another version, or edited) is an :class:`InvalidArgumentError` naming the file
    and the setting, not a bare KeyError or ValueError."""
    try:
        yield
    except KeyError as err:
        raise InvalidArgumentError(
            f"{path} is not a {what} this version of Plasma can read: its header lacks the "
            f"setting {err}"
        ) from err
    except (ValueError, TypeError) as err:  # pydantic's ValidationError is a ValueError
        first = " ".join(str(err).split())[:200]
        raise InvalidArgumentError(
            f"{path} is not a {what} this version of Plasma can read: a setting in its header "
            f"is not valid ({first})"
        ) from err


def check_saved_tensors(
    path: str | os.PathLike[str],
    what: str,
    tensors: Mapping[str, torch.Tensor],
    expected: Mapping[str, torch.Tensor],
) -> None:
    """Check the tensors read from a saved ``what`` against those of the model its header
    describes: the same names, shapes and floating-point dtypes (a wrong shape would otherwise be
    broadcast into the model, or fail deep inside torch).

    Raises:
        InvalidArgumentError: a tensor is missing, unexpected, or not floating point.
        ShapeError: a tensor has another shape.
    """
    missing, extra = sorted(set(expected) - set(tensors)), sorted(set(tensors) - set(expected))
    if missing or extra:
        raise InvalidArgumentError(
            f"{path} does not hold the tensors of the {what} its header describes (missing "
            f"{missing or 'none'}, unexpected {extra or 'none'}): another version's file, or edited"
        )
    for name in sorted(expected):
        tensor, want = tensors[name], expected[name]
        if tuple(tensor.shape) != tuple(want.shape):
            raise ShapeError(
                f"{path}: tensor {name} has shape {tuple(tensor.shape)}, but the {what} its "
                f"header describes needs {tuple(want.shape)}"
            )
        if not tensor.dtype.is_floating_point:
            raise InvalidArgumentError(
                f"{path}: tensor {name} is {tensor.dtype}, not floating point"
            )
