"""check_env: what Plasma reports about supported and unsupported environments."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.wrappers import TransformObservation

from plasma.envs import EnvCheck, check_env, make_env, variant_parameters
from plasma.errors import EnvNotSupportedError
from tests.envs.helpers import DictObsEnv, ImageObsEnv, LineEnv
from tests.envs.user_env import write_user_package


def test_check_supported_classic_env() -> None:
    check = check_env("Pendulum-v1")
    assert check.supported
    assert check.problems == []
    assert check.env_id == "Pendulum-v1"
    assert check.state_dim == 3
    assert check.action_dim == 1
    assert check.is_discrete is False
    assert check.n_actions is None
    assert check.state_names == ["cos_theta", "sin_theta", "theta_dot"]
    assert check.supports_set_state
    assert check.known_env == "Pendulum"
    assert set(check.variant_parameters) == {"g", "m", "l"}
    assert check.max_episode_steps == 200
    assert check.raise_for_problems() is check


def test_check_discrete_env() -> None:
    check = check_env("CartPole-v1")
    assert check.is_discrete is True
    assert check.n_actions == 2
    assert check.action_dim == 1
    assert check.max_episode_steps == 500


def test_check_tuple_observation_env() -> None:
    check = check_env("Blackjack-v1")
    assert not check.supported
    assert check.problems == ["observation space is Tuple; Plasma needs a 1-D Box of floats"]
    with pytest.raises(EnvNotSupportedError, match="'Blackjack-v1': observation space is Tuple"):
        check.raise_for_problems()


def test_check_dict_env_lists_every_problem() -> None:
    check = check_env(DictObsEnv())
    assert not check.supported
    assert len(check.problems) == 2
    assert "observation space is Dict; Plasma needs a 1-D Box of floats" in check.problems
    assert any("action space is MultiDiscrete" in p for p in check.problems)
    with pytest.raises(EnvNotSupportedError) as info:
        check.raise_for_problems()
    assert "Dict" in str(info.value)
    assert "MultiDiscrete" in str(info.value)
    with pytest.raises(EnvNotSupportedError, match="MultiDiscrete"):
        make_env(DictObsEnv())


def test_check_image_env() -> None:
    check = check_env(ImageObsEnv())
    assert not check.supported
    assert "Box of shape (16, 16, 3)" in check.problems[0]
    assert "1-D Box" in check.problems[0]
    assert check.is_discrete is True


def test_check_unknown_id_is_reported_not_raised() -> None:
    check = check_env("NoSuchEnv-v0")
    assert not check.supported
    assert "unknown Gymnasium env id 'NoSuchEnv-v0'" in check.problems[0]


def test_check_generic_env_notes_missing_reset_to_state() -> None:
    check = check_env(LineEnv())
    assert check.supported
    assert check.state_names == ["x0", "x1"]
    assert not check.supports_set_state
    assert any("reset-to-state is not available" in note for note in check.notes)
    assert check.env_id == "LineEnv"


def test_check_wrapped_classic_env_is_treated_as_generic() -> None:
    base = gym.make("Pendulum-v1")
    space = gym.spaces.Box(-10.0, 10.0, shape=(3,), dtype=np.float32)
    wrapped = TransformObservation(base, lambda obs: obs * 2.0, space)
    check = check_env(wrapped)
    assert check.supported
    assert not check.supports_set_state
    assert check.state_names == ["x0", "x1", "x2"]
    assert any("changed by a wrapper" in note for note in check.notes)
    wrapped.close()


def test_check_of_plasma_env_and_bad_argument() -> None:
    with make_env("MountainCar-v0", max_episode_steps=50) as env:
        check = check_env(env)
        assert check.max_episode_steps == 50
        assert check.state_names == ["position", "velocity"]
    bad = check_env(42)  # type: ignore[arg-type]
    assert not bad.supported
    assert "got int" in bad.problems[0]


def test_env_check_is_a_pydantic_model() -> None:
    check = check_env("Acrobot-v1")
    again = EnvCheck.model_validate_json(check.model_dump_json())
    assert again == check


def test_variant_parameters_lookup() -> None:
    assert set(variant_parameters("MountainCar-v0")) == {"force", "gravity"}
    assert "LINK_LENGTH_2" in variant_parameters("Acrobot-v1")
    assert variant_parameters("Blackjack-v1") == {}
    with pytest.raises(EnvNotSupportedError):
        variant_parameters("NoSuchEnv-v0")


# ----------------------------------------------------------------------- a user's own env package
@pytest.fixture(scope="module")
def user_env_ids(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("user_project")
    ids = write_user_package(root, "check_user_envs")
    sys.path.insert(0, str(root))
    try:
        yield ids
    finally:
        sys.path.remove(str(root))


def test_a_user_env_is_named_module_colon_id(user_env_ids: str) -> None:
    check = check_env(f"{user_env_ids}Drift-v0")
    assert check.supported, check.problems
    assert check.env_id == f"{user_env_ids}Drift-v0"
    assert check.state_names == ["x0", "x1"]
    assert check.max_episode_steps == 50  # gym.spec alone does not take the module:id form
    with make_env(f"{user_env_ids}Drift-v0", env_kwargs={"speed": 0.3}, seed=0) as env:
        assert env.gym_env.unwrapped.speed == 0.3  # type: ignore[attr-defined]
        assert env.max_episode_steps == 50
        assert env.env_id == f"{user_env_ids}Drift-v0"
    with make_env(f"{user_env_ids}Drift-v0", env_kwargs={"max_episode_steps": 7}) as env:
        assert env.max_episode_steps == 7


def test_check_env_reports_what_goes_wrong_in_a_user_env(user_env_ids: str) -> None:
    checks = {
        "unknown keyword": check_env(f"{user_env_ids}Drift-v0", env_kwargs={"spede": 0.3}),
        "reset raises": check_env(f"{user_env_ids}BrokenReset-v0"),
        "wrong shape": check_env(f"{user_env_ids}WrongShape-v0"),
        "no module": check_env("no_such_user_pkg.envs:Drift-v0"),
        "no id": check_env(f"{user_env_ids}Nope-v0"),
    }
    for what, check in checks.items():
        assert not check.supported, what
        assert len(check.problems) == 1, (what, check.problems)
    assert "could not be made with spede=0.3" in checks["unknown keyword"].problems[0]
    assert (
        "raised RuntimeError in reset() (at the episode start): the simulator is not running"
        in (checks["reset raises"].problems[0])
    )
    assert (
        "observation of shape (3,) from reset() (step 0 of its episode); expected (2,)"
        in (checks["wrong shape"].problems[0])
    )
    assert "could not be imported" in checks["no module"].problems[0]
    assert "unknown Gymnasium env id" in checks["no id"].problems[0]
    with pytest.raises(EnvNotSupportedError, match="could not be made with spede"):
        make_env(f"{user_env_ids}Drift-v0", env_kwargs={"spede": 0.3})
