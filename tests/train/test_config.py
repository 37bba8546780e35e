"""One set of defaults for every environment: nothing is looked up by an env's name, and what
must fit the env is derived from its spaces, its episode structure and the budget."""

from __future__ import annotations

import inspect
import re

import gymnasium as gym
import numpy as np
import pytest

from plasma.auditor import AuditorConfig
from plasma.train import config as config_module
from plasma.train import loop as loop_module
from plasma.train import recipe as recipe_module
from plasma.train.config import ADAPT_DEFAULTS, TrainConfig
from plasma.train.recipe import EnvFacts, derive, discount_for, reward_scale, split_steps


def _registered_ids() -> list[str]:
    return sorted(str(spec_id) for spec_id in gym.registry)


def test_no_env_id_appears_in_the_defaults() -> None:
    ids = _registered_ids()
    assert "CartPole-v1" in ids  # the registry is loaded
    generic = TrainConfig().model_dump(mode="json")
    generic.pop("env")
    for env_id in ids:
        # The config of any env is the generic one, but for the env field itself.
        data = TrainConfig(env=env_id).model_dump(mode="json")
        assert data.pop("env") == env_id
        assert data == generic, env_id
    # And no module that makes the settings names an env (the default env aside, which is the
    # value of the env field, not a table entry).
    for module in (config_module, recipe_module, loop_module):
        source = inspect.getsource(module)
        source = source.replace('env: str = "Pendulum-v1"', "")
        named = [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", source)]
        assert named == [], (module.__name__, named)


def test_the_recipe_reads_only_spaces_and_episode_structure() -> None:
    # EnvFacts is all derive() sees of an env: no id, no name.
    assert set(EnvFacts.model_fields) == {
        "state_dim",
        "action_dim",
        "discrete_actions",
        "episode_steps",
    }
    facts = EnvFacts(state_dim=4, action_dim=1, discrete_actions=None, episode_steps=200)
    recipe = derive(TrainConfig(real_steps=3000), facts)
    assert recipe.discount == pytest.approx(0.975)
    assert recipe.planner.discount == pytest.approx(0.975)
    assert recipe.planner.kind == "cem"
    assert recipe.iterations == 6
    assert sum(recipe.steps_per_iteration) == 3000
    discrete = facts.model_copy(update={"discrete_actions": 3, "episode_steps": 500})
    recipe = derive(TrainConfig(real_steps=3000), discrete)
    assert recipe.planner.kind == "discrete"
    assert recipe.discount == pytest.approx(0.99)
    # What the user sets wins over what is derived.
    cfg = TrainConfig.model_validate(
        {"real_steps": 3000, "iterations": 3, "discount": 0.9, "planner": {"discount": 0.8}}
    )
    recipe = derive(cfg, facts)
    assert (recipe.iterations, recipe.discount, recipe.planner.discount) == (3, 0.9, 0.8)


def test_the_recipe_survives_the_config_files_round_trip() -> None:
    # A resumed run reads its config back from config.json, where every field is written out:
    # what was derived must still be derived, not taken for the user's setting.
    facts = EnvFacts(state_dim=4, action_dim=1, discrete_actions=None, episode_steps=200)
    config = TrainConfig(real_steps=3000)
    reread = TrainConfig.model_validate_json(config.model_dump_json())
    assert derive(reread, facts) == derive(config, facts)
    assert derive(reread, facts).planner.discount == pytest.approx(0.975)
    assert reread.planner.uncertainty_penalty is None  # left to the loop's pessimism/optimism


@pytest.mark.parametrize(
    ("steps", "expected"),
    [(None, 0.995), (10, 0.95), (200, 0.975), (500, 0.99), (1000, 0.995), (10_000, 0.995)],
)
def test_discount_follows_the_episode_length(steps: int | None, expected: float) -> None:
    assert discount_for(steps) == pytest.approx(expected)


def test_iterations_follow_the_budget() -> None:
    facts = EnvFacts(state_dim=3, action_dim=1, discrete_actions=None, episode_steps=200)
    counts = [derive(TrainConfig(real_steps=n), facts).iterations for n in (40, 1000, 5000, 10**6)]
    assert counts == [4, 4, 10, 40]
    # A tiny budget still gives every iteration 10 steps.
    assert min(derive(TrainConfig(real_steps=30), facts).steps_per_iteration) >= 10
    assert split_steps(10, 3, None) == [4, 3, 3]
    assert split_steps(100, 3, 50) == [50, 25, 25]


def test_reward_scale_is_a_typical_step_reward() -> None:
    assert reward_scale(np.array([1.0, 1.0, 1.0])) == 1.0  # constant bonus
    assert reward_scale(np.array([-1.0] * 5)) == 1.0  # constant cost
    assert reward_scale(np.array([0.0, 2.0])) == pytest.approx(1.0)
    assert reward_scale(np.zeros(4)) == 1.0
    assert reward_scale(np.array([])) == 1.0


def test_adaptation_defaults_only_with_a_base_run() -> None:
    cfg = TrainConfig.model_validate({"base_run": "runs/base", "variant": "m=1.3"})
    for key, value in ADAPT_DEFAULTS.items():
        assert getattr(cfg, key) == value
    assert cfg.real_steps <= 1000
    cfg = TrainConfig.model_validate({"base_run": "runs/base", "real_steps": 500})
    assert cfg.real_steps == 500
    assert TrainConfig().real_steps == 2400


def test_budget_errors_name_the_fields() -> None:
    with pytest.raises(ValueError, match="real_steps=10 over iterations=11"):
        TrainConfig(real_steps=10, iterations=11)
    with pytest.raises(ValueError, match="real_steps"):
        TrainConfig(real_steps=9)


def test_a_run_s_auditor_spends_no_real_steps_beyond_the_budget_unless_asked() -> None:
    # The standalone auditor pools extra random-action episodes into its replay line; a run's
    # auditor judges by the run's own data, unless the user sets the number of steps.
    assert AuditorConfig().review.replay_line_steps is None  # REPLAY_LINE_STEPS on its own
    run = TrainConfig(env="Pendulum-v1", variant={"g": 9.0})
    audit = run.auditor_config()
    assert audit.review.replay_line_steps == 0
    # The choice survives the saved config (a resumed run makes it the same way).
    again = TrainConfig.model_validate_json(run.model_dump_json())
    assert again.auditor_config().review.replay_line_steps == 0
    assert (audit.env_id, audit.variant) == ("Pendulum-v1", {"g": 9.0})
    assert audit.num_threads == AuditorConfig().num_threads  # the auditor's own unless set
    assert TrainConfig(env="Pendulum-v1", num_threads=1).auditor_config().num_threads == 1
    asked = TrainConfig.model_validate(
        {"env": "Pendulum-v1", "auditor": {"review": {"replay_line_steps": 500}}}
    )
    assert asked.auditor_config().review.replay_line_steps == 500


def test_a_setting_given_for_one_section_keeps_the_runs_other_defaults_of_that_section() -> None:
    # A partial section (from --set, a config file or a flag) used to replace the run's whole
    # section with the library's defaults: --set world_model.max_epochs=40 also changed the
    # model's width, epoch limit and patience, and a signing key the policy's architecture.
    default = TrainConfig()
    given = TrainConfig.model_validate(
        {
            "world_model": {"max_epochs": 40},
            "planner": {"execute_best": True},
            "distiller": {"signing_algorithm": "ed25519"},
        }
    )
    assert given.world_model.max_epochs == 40
    assert given.world_model.model_copy(update={"max_epochs": 80}) == default.world_model
    assert given.planner.execute_best
    assert given.planner.model_copy(update={"execute_best": False}) == default.planner
    assert given.distiller.signing_algorithm == "ed25519"
    assert given.distiller.hidden_sizes == default.distiller.hidden_sizes
    assert given.distiller.activation == default.distiller.activation


def test_training_runs_and_a_simulators_default_model_fit_with_beta_nll() -> None:
    # The learning suite was measured with beta-NLL, and it is WorldModelConfig's default since
    # the auditor's reward floor counts what a planner selects (see WorldModelConfig.nll_beta);
    # --set world_model.max_epochs keeps the run's beta.
    from plasma.simulator.simulator import SimulatorConfig

    assert TrainConfig(env="Pendulum-v1").world_model.nll_beta == 0.5
    assert SimulatorConfig().world_model.nll_beta == 0.5
    changed = TrainConfig.model_validate({"env": "Pendulum-v1", "world_model": {"max_epochs": 40}})
    assert (changed.world_model.nll_beta, changed.world_model.max_epochs) == (0.5, 40)


def test_training_runs_audit_without_the_planned_reward_floor_until_measured() -> None:
    # The loop's auditor leaves out what the learning suite was not measured with.
    assert TrainConfig(env="Pendulum-v1").auditor.detectors.error_planned_starts == 0
    assert AuditorConfig().detectors.error_planned_starts > 0


def test_training_runs_judge_the_reward_with_the_full_local_fit_until_measured() -> None:
    # Round 22's reward witness in the features the reward reads: the exploit benchmarks use
    # it by default, the training loop not until the learning suite is measured with it.
    assert TrainConfig(env="Pendulum-v1").auditor.detectors.local_reward_reads is False
    assert AuditorConfig().detectors.local_reward_reads is True


def test_training_runs_judge_the_state_with_every_transition_until_measured() -> None:
    # Round 22b's smooth witness (jumps set apart): the exploit benchmarks use it by default,
    # the training loop not until the learning suite is measured with it.
    assert TrainConfig(env="Pendulum-v1").auditor.detectors.local_smooth_witness is False
    assert AuditorConfig().detectors.local_smooth_witness is True


def test_training_runs_reject_paths_outside_the_data_until_measured() -> None:
    # Round 24's support_vouched (out_of_support lowered where the trusted reference shows
    # every step outside the real range right): the exploit benchmarks use it by default, the
    # training loop not until the learning suite is measured with it.
    assert TrainConfig(env="Pendulum-v1").auditor.detectors.support_vouched is False
    assert AuditorConfig().detectors.support_vouched is True
