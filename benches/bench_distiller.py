"""The distiller: packet size, distillation time, swap latency, inference overhead.

Default policy (Pendulum: 3 -> 64 -> 64 -> 1, tanh) and default LoRA (rank 8 on every layer).

- packet write: Plasma's signed, atomically written packet against peft's own ``save_pretrained``
  of the same adapter (goal: packet <= 64 KB).
- distillation of 10k labelled steps (1000 updates of 256): Plasma's LoRA and full modes against
  a minimal hand-written torch behaviour-cloning loop of the same size (the cost of the pipeline:
  weighting, split, peft, evaluation).
- swap latency: Plasma's activate (the reference swap, after verification) and its whole
  load + verify + activate, against peft's own ``load_adapter`` + ``set_adapter`` from the same
  packet directory (goal: p99 <= 1 ms).
- inference of one observation: the base policy (reference) against an active adapter (merged
  snapshot) and peft's unmerged adapter.
"""

from __future__ import annotations

import copy
import itertools
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from peft import PeftModel
from tests.support.packets import outcome_packet
from tests.support.pendulum import pendulum_paths

from benches.conftest import record
from plasma.distiller import (
    Ed25519Signer,
    InstructionPacket,
    LoRAInjector,
    Policy,
    TrainingConfig,
    distill,
)

SWAP_GOAL_S = 1e-3
SIZE_GOAL = 64 * 1024


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread() -> Any:
    saved = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny models; steadier timings on a shared machine
    yield
    torch.set_num_threads(saved)


PATHS = pendulum_paths(100, 100)  # 10k labelled steps


def base_policy() -> Policy:
    policy = Policy.for_paths(PATHS)
    policy.fit_normalization(PATHS.states.reshape(-1, 3))
    return policy.requires_grad_(False)


BASE = base_policy()
OUTCOME = distill(BASE, PATHS, training=TrainingConfig(updates=300))
SIGNER = Ed25519Signer(bytes(range(32)))
OBS1 = PATHS.states[0, :1].copy()


def write(directory: Path) -> InstructionPacket:
    return outcome_packet(directory, OUTCOME, BASE, PATHS, signer=SIGNER)


# --------------------------------------------------------------------------------- packet size

SIZE_GROUP = "distiller: write an adapter (default policy, LoRA rank 8)"


@pytest.mark.benchmark(group=SIZE_GROUP)
def test_plasma_packet_write(benchmark: Any, tmp_path: Path) -> None:
    packet = benchmark.pedantic(lambda: write(tmp_path), rounds=30, warmup_rounds=2)
    size = packet.size_bytes()
    record(
        benchmark,
        role="plasma",
        packet_bytes=size,
        weights_bytes=packet.manifest.weights_bytes,
        goal="packet <= 64 KB",
        within_goal=size <= SIZE_GOAL,
        signed=packet.signed,
    )


@pytest.mark.benchmark(group=SIZE_GROUP)
def test_peft_save_pretrained(benchmark: Any, tmp_path: Path) -> None:
    assert OUTCOME.peft_model is not None
    counter = itertools.count()
    model = OUTCOME.peft_model

    def save() -> Path:
        target = tmp_path / f"peft-{next(counter)}"
        model.save_pretrained(str(target))
        return target

    target = benchmark.pedantic(save, rounds=30, warmup_rounds=2)
    size = sum(p.stat().st_size for p in target.iterdir())
    record(benchmark, role="reference", adapter_dir_bytes=size)


# --------------------------------------------------------------------------------- distillation

DISTILL_GROUP = "distiller: behaviour cloning of 10k labelled steps (1000 updates of 256)"
TRAIN = TrainingConfig(updates=1000, batch_size=256)


@pytest.mark.benchmark(group=DISTILL_GROUP)
@pytest.mark.parametrize("mode", ["lora", "full"])
def test_plasma_distill(benchmark: Any, mode: str) -> None:
    out = benchmark.pedantic(
        lambda: distill(BASE, PATHS, mode=mode, training=TRAIN),  # type: ignore[arg-type]
        rounds=3,
        warmup_rounds=1,
    )
    report = out.report
    record(
        benchmark,
        role="plasma",
        labelled_steps=report.train_steps + report.heldout_steps,
        heldout_error=round(report.heldout_error, 4),
        untrained_error=round(report.initial_heldout_error, 4),
    )


@pytest.mark.benchmark(group=DISTILL_GROUP)
def test_plain_torch_bc_loop(benchmark: Any) -> None:
    mask = PATHS.step_mask()
    obs = torch.from_numpy(PATHS.states[:, :-1][mask])
    target = torch.from_numpy(PATHS.action_labels[mask] / 2.0)  # type: ignore[index]

    def loop() -> float:
        torch.manual_seed(0)
        net = torch.nn.Sequential(
            torch.nn.Linear(3, 64),
            torch.nn.Tanh(),
            torch.nn.Linear(64, 64),
            torch.nn.Tanh(),
            torch.nn.Linear(64, 1),
        )
        opt = torch.optim.Adam(net.parameters(), lr=3e-3)
        for _ in range(TRAIN.updates):
            idx = torch.randint(0, len(obs), (TRAIN.batch_size,))
            loss = ((torch.tanh(net(obs[idx])) - target[idx]) ** 2).mean()
            opt.zero_grad()
            loss.backward()  # type: ignore[no-untyped-call]
            opt.step()
        return float(loss.detach())

    benchmark.pedantic(loop, rounds=3, warmup_rounds=1)
    record(benchmark, role="reference", labelled_steps=int(mask.sum()))


# --------------------------------------------------------------------------------- swap latency

SWAP_GROUP = "distiller: swap an adapter into a live policy (default policy, rank 8)"


def percentiles_us(samples: list[float]) -> dict[str, float]:
    arr = np.asarray(samples) * 1e6
    return {
        "p50_us": round(float(np.percentile(arr, 50)), 2),
        "p99_us": round(float(np.percentile(arr, 99)), 2),
    }


@pytest.mark.benchmark(group=SWAP_GROUP)
def test_plasma_activate(benchmark: Any, tmp_path: Path) -> None:
    policy = copy.deepcopy(BASE)
    injector = LoRAInjector(policy, verifier=SIGNER.verifier(), max_history=2)
    adapters = [injector.verify(write(tmp_path)) for _ in range(2)]
    cycle = itertools.cycle(adapters)
    samples = [injector.activate(next(cycle)) for _ in range(5000)]
    benchmark.pedantic(lambda: injector.activate(next(cycle)), rounds=2000, warmup_rounds=10)
    stats = percentiles_us(samples)
    with torch.no_grad():
        peft_model = PeftModel.from_pretrained(copy.deepcopy(BASE), adapters[0].path).eval()
        injector.activate(adapters[0])
        x = torch.from_numpy(PATHS.states[:, 0])
        agree = bool(torch.allclose(policy(x), peft_model(x), atol=1e-5))
    record(
        benchmark,
        role="plasma",
        **stats,
        goal="p99 <= 1 ms",
        within_goal=stats["p99_us"] <= SWAP_GOAL_S * 1e6,
        outputs_match_peft=agree,
    )


@pytest.mark.benchmark(group=SWAP_GROUP)
def test_plasma_load_verify_activate(benchmark: Any, tmp_path: Path) -> None:
    policy = copy.deepcopy(BASE)
    injector = LoRAInjector(policy, verifier=SIGNER.verifier(), max_history=2)
    packet = write(tmp_path)
    samples = []
    for _ in range(200):
        t0 = time.perf_counter()
        injector.inject(packet)
        samples.append(time.perf_counter() - t0)
    benchmark.pedantic(lambda: injector.inject(packet), rounds=200, warmup_rounds=5)
    record(benchmark, role="plasma", **percentiles_us(samples), checks="sha256+ed25519+shapes")


@pytest.mark.benchmark(group=SWAP_GROUP)
def test_peft_load_adapter_set_adapter(benchmark: Any, tmp_path: Path) -> None:
    packet = write(tmp_path)
    model = PeftModel.from_pretrained(copy.deepcopy(BASE), packet.path, adapter_name="a0").eval()
    names = itertools.count(1)
    state = {"current": "a0", "previous": None}

    def setup() -> None:  # not timed: drop the adapter before last, keep the model small
        previous = state["previous"]
        if previous is not None:
            model.delete_adapter(previous)
            state["previous"] = None

    def swap() -> None:
        name = f"a{next(names)}"
        model.load_adapter(str(packet.path), adapter_name=name)
        model.set_adapter(name)
        state["previous"], state["current"] = state["current"], name

    samples = []
    for _ in range(200):
        setup()
        t0 = time.perf_counter()
        swap()
        samples.append(time.perf_counter() - t0)
    benchmark.pedantic(swap, setup=setup, rounds=200, warmup_rounds=0)
    record(benchmark, role="reference", **percentiles_us(samples))


# --------------------------------------------------------------------------------- inference

INFER_GROUP = "distiller: act on one observation (default policy)"


@pytest.mark.benchmark(group=INFER_GROUP)
def test_base_policy_act(benchmark: Any) -> None:
    policy = copy.deepcopy(BASE)
    benchmark.pedantic(lambda: policy.act(OBS1), rounds=3000, warmup_rounds=50)
    record(benchmark, role="reference")


@pytest.mark.benchmark(group=INFER_GROUP)
def test_active_adapter_act(benchmark: Any, tmp_path: Path) -> None:
    policy = copy.deepcopy(BASE)
    LoRAInjector(policy).inject(write(tmp_path))
    benchmark.pedantic(lambda: policy.act(OBS1), rounds=3000, warmup_rounds=50)
    record(benchmark, role="plasma", adapter="merged snapshot")


@pytest.mark.benchmark(group=INFER_GROUP)
def test_peft_unmerged_adapter_act(benchmark: Any, tmp_path: Path) -> None:
    model = PeftModel.from_pretrained(copy.deepcopy(BASE), write(tmp_path).path).eval()
    inner = model.base_model.model
    obs = torch.from_numpy(OBS1)

    def act() -> np.ndarray:
        with torch.inference_mode():
            result: np.ndarray = inner.to_action(model(obs)).numpy()
            return result

    benchmark.pedantic(act, rounds=3000, warmup_rounds=50)
    record(benchmark, role="peft", adapter="peft LoRA layers, unmerged")
