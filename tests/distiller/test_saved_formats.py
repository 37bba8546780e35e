"""Files written before the policy's architecture fields moved to one home
(:class:`plasma.distiller.PolicyArchitecture`) still load, with every field where it was.

``tests/data/saved_v1`` was written by the code of commit 6093420 (PolicyConfig and
DistillerConfig each declaring hidden_sizes, activation and head): a DistillerConfig dumped with
``model_dump_json`` and a saved policy (``Policy.save``), both with values other than the
defaults."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from plasma.distiller import DistillerConfig, Policy, PolicyArchitecture, PolicyConfig

SAVED = Path(__file__).resolve().parents[1] / "data" / "saved_v1"


def test_a_distiller_config_written_before_loads_unchanged() -> None:
    written = json.loads((SAVED / "distiller_config.json").read_text())
    cfg = DistillerConfig.model_validate(written)
    assert isinstance(cfg, PolicyArchitecture)
    assert (cfg.hidden_sizes, cfg.activation, cfg.head) == ([32, 16], "relu", "gaussian")
    assert (cfg.mode, cfg.policy_seed) == ("full", 5)
    # nothing lost: it writes the same fields and values again, and fields added since the file
    # was written at their defaults (their defaults change nothing: refinement is off)
    added_since = {
        "refine_updates": 0,
        "refine_weight": 2.5,
        "refine_lr": 1e-3,
        "refine_batch": 640,
    }
    dumped = json.loads(cfg.model_dump_json())
    assert {k: v for k, v in dumped["training"].items() if k in added_since} == added_since
    dumped["training"] = {k: v for k, v in dumped["training"].items() if k not in added_since}
    assert dumped == written


def test_a_policy_saved_before_loads_with_its_fingerprint() -> None:
    # Policy.load checks the fingerprint recorded in policy.json against the loaded weights and
    # architecture: a field that moved or changed its default would fail it.
    policy = Policy.load(SAVED / "policy")
    cfg = policy.policy_config
    assert isinstance(cfg, PolicyConfig)
    assert (cfg.hidden_sizes, cfg.activation, cfg.head) == ([32, 16], "relu", "gaussian")
    header = json.loads((SAVED / "policy" / "policy.json").read_text())
    assert header["config"] == cfg.model_dump(mode="json")
    assert policy.fingerprint() == header["fingerprint"]
    action = policy.act(np.array([0.3, -0.9, 0.5], np.float32))
    assert action.shape == (1,)
    assert -2.0 <= float(action[0]) <= 2.0


def test_the_defaults_are_the_same_in_both_configs() -> None:
    distiller = DistillerConfig()
    policy = PolicyConfig(obs_dim=3, action_low=[-1.0], action_high=[1.0])
    for name in PolicyArchitecture.model_fields:
        assert getattr(distiller, name) == getattr(policy, name), name
    assert (distiller.hidden_sizes, distiller.activation, distiller.head) == (
        [64, 64],
        "tanh",
        "deterministic",
    )
