"""``TrainConfig``: everything ``plasma-train`` can be told (every field documented and defaulted).

The CLI flags take their help text from these docstrings; ``--config FILE`` (JSON or TOML) gives
any field, nested ones included, and ``--set a.b=value`` overrides one. The defaults are the same
for every environment; what must fit the environment (the discount, the number of iterations, the
planner's discount) is derived from its spaces, its episode structure and the budget by
:mod:`plasma.train.recipe`, never looked up by the environment's name.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, ConfigDict, Field, field_validator, model_validator

from plasma._config import ConfigModel, OsName, OsPath, check_finite_settings
from plasma._io import existing_file, loads_json, read_at_most, user_text
from plasma.auditor import AuditorConfig
from plasma.auditor.config import DetectorName
from plasma.distiller import DistillerConfig
from plasma.distributed.config import Backend, RayConfig
from plasma.errors import InvalidArgumentError
from plasma.simulator import PlannerConfig, ValueConfig, WorldModelConfig
from plasma.train.rundir import MAX_CONFIG_BYTES

__all__ = ["ADAPT_DEFAULTS", "TrainConfig", "load_config_file", "split_steps"]

CollectMode = Literal["planner", "policy", "random"]
DistillSchedule = Literal["auto", "lora", "full"]


def _default_planner() -> PlannerConfig:
    # Candidates are scored on each member's mean prediction (the members' spread still
    # enters, each particle drawing a member per step): sampled noise made an unstable system
    # fall in imagination where it stood in reality, and taught the value to expect it.
    return PlannerConfig(
        horizon=12, population=100, iterations=3, elite_frac=0.1, sample_noise=False
    )


_NOT_YET_IN_LEARNING_RUNS: list[DetectorName] = ["local_termination"]
"""Detectors the exploit benchmarks measured (local_termination: issue 12, round 16) but no
learning run has run with yet: the loop leaves them off until the learning suite is measured
with them, as the learning results were measured without."""


def _default_auditor() -> AuditorConfig:
    cfg = AuditorConfig()
    # Learning runs audit many short planner paths; the red-team probe is the slow part and is
    # kept, the replay sample stays small.
    cfg.review.max_replays = 16
    cfg.review.max_rejected_fraction = 0.5
    cfg.review.truncate = True
    # manifold_drift cut 17-36 of 64 planner paths an iteration on Pendulum, and seed 2's policy
    # never learned (-555.8 against -147.7 without it; Acrobot seed 2: -161.8 against -89.5):
    # the exploit benchmarks use it, the training loop does not until that is understood.
    cfg.detectors.disabled = ["manifold_drift", *_NOT_YET_IN_LEARNING_RUNS]
    # Round 16's reward witness changed InvertedPendulum seed 0's audits from the first
    # iteration on, and its deployed policy fell at step 350-354 (352.6, with real or imagined
    # evaluation) where the same code without the witness balanced (stop 40): off in the loop
    # until the learning suite is measured with it.
    cfg.detectors.local_reward_witness = False
    # local_model_error's calibrated margin (stop 37) is measured on the exploit benchmarks, not
    # yet in learning runs (it is stricter on CartPole and Pendulum, looser on Reacher): the
    # loop keeps the fixed margin the learning results were measured with until they are.
    cfg.detectors.local_model_margin = 1.5
    # The reward floor's planned paths (issue 12, round 21: the floor counts the excess a
    # planner selects in the model) are measured on the exploit benchmarks and the seed's
    # workflow, not yet in learning runs (they raise the loop's floor: Pendulum 0 -> 0.014 on
    # 3,000 of a run's steps): off until the learning suite is measured with them.
    cfg.detectors.error_planned_starts = 0
    # The reward's own local witness in the features it reads (issue 12, round 22) is measured
    # on the exploit benchmarks, not yet in learning runs (it moves the reward judgement of
    # every env whose reward leaves a feature unread): off until the learning suite is measured
    # with it.
    cfg.detectors.local_reward_reads = False
    # The smooth witness of the state outcomes (issue 12, round 22b: a state outcome is proven
    # wrong only where it misses the real transitions with and without their few jumps) is
    # measured on the exploit benchmarks, not yet in learning runs: off until it is.
    cfg.detectors.local_smooth_witness = False
    # out_of_support lowered where the trusted reference shows every step outside the real
    # range right (issue 12, round 24) is measured on the exploit benchmarks, not yet in
    # learning runs (it passes planner paths that leave the random data): off until it is.
    cfg.detectors.support_vouched = False
    # local_model_error judged without the neighbours' few jumps as well (issue 12, round 24)
    # is measured on the exploit benchmarks, not yet in learning runs: off until it is.
    cfg.detectors.local_smooth_model_error = False
    return cfg


def _default_distiller() -> DistillerConfig:
    cfg = DistillerConfig(hidden_sizes=[64, 64], activation="tanh")
    cfg.training.updates = 1500
    cfg.training.refine_updates = 200
    cfg.training.weighting = "uniform"
    cfg.training.holdout_fraction = 0.1
    return cfg


# Defaults of an adaptation run (``base_run`` set): one LoRA packet per iteration on the base
# run's policy, from a small budget of real steps in the new variant.
ADAPT_DEFAULTS: dict[str, Any] = {
    "real_steps": 1000,
    "iterations": 4,
    "path_buffer": 1,
    "num_paths": 128,
}

_NESTED_DEFAULTS = {
    "planner": _default_planner,
    "world_model": WorldModelConfig.compact,
    "auditor": _default_auditor,
    "distiller": _default_distiller,
}


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``base`` updated with ``over``, nested dicts merged key by key."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _on_section_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with each section it gives as a table (``planner``, ``world_model``, ...) laid
    over the training run's own default of that section, so that a table naming one setting
    (``--set world_model.max_epochs=40``, a config file's ``[planner]``, a signing key's
    distiller setting) keeps the others the run uses, not the library's defaults of a bare
    ``WorldModelConfig`` (another width, epoch limit and patience)."""
    out = dict(data)
    for key, factory in _NESTED_DEFAULTS.items():
        given = out.get(key)
        if isinstance(given, dict):
            out[key] = _merge(factory().model_dump(), given)
    return out


class TrainConfig(ConfigModel):
    """Settings of a training run (``plasma-train``); one set of defaults for every environment
    (see :mod:`plasma.train.recipe` for what is derived from the environment)."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    env: str = "Pendulum-v1"
    """Gymnasium id of the real environment (any id with a 1-D Box observation space and a Box
    or Discrete action space)."""
    variant: dict[str, float] = Field(default_factory=dict)
    """Physical variant of the environment, e.g. "g=12.0,m=1.2" or {"g": 12.0}."""
    env_kwargs: dict[str, Any] = Field(default_factory=dict)
    """Keyword arguments of gymnasium.make for the environment, as a JSON object, e.g.
    {"max_speed": 10.0}; used wherever the run makes the env (training, evaluation, the
    auditor's replays, the simulator)."""
    seed: int = Field(default=0, ge=0)
    """Seed of everything: the same seed and config give the same run."""
    iterations: int | None = Field(default=None, ge=1)
    """Training iterations (collect, fit, imagine, audit, learn the value, distil, deploy,
    evaluate); None: one per 500 real steps, 4 to 40."""
    real_steps: int = Field(default=2400, ge=10)
    """Budget of real environment steps for training, spread evenly over the iterations
    (evaluation episodes are counted separately)."""
    initial_random_steps: int | None = Field(default=None, ge=10)
    """Real steps of the first iteration, taken with random actions (None: the per-iteration
    share of ``real_steps``)."""
    num_paths: int = Field(default=64, ge=1)
    """Phantom paths the planner imagines per iteration from real start states; their actions
    label the policy's training data."""
    path_length: int = Field(default=16, ge=1)
    """Steps of each planner path."""
    discount: float | None = Field(default=None, gt=0, le=1)
    """Discount of rewards for the value and the planner (None: from the episode length, see
    plasma.train.recipe)."""
    value: ValueConfig = Field(default_factory=ValueConfig)
    """The learned state value that lets the planner see past its horizon."""
    fresh_value: bool = True
    """The value network is fitted afresh (new weights, normalization fitted to the states it
    learns from) on the first iteration and whenever its states have grown
    ``fresh_fit_growth`` times since its last fresh fit; in between the previous one trains on
    for ``value.continued_updates`` steps, its input normalization refitted to the new states
    (False: always trained on). A value only ever trained on keeps what it fitted to the first
    (random) data's targets (on one swing-up task, in an early version that also kept the first
    data's input scale, model-predictive control with the same model scored -172 with the
    carried-over value and -75 with one fitted afresh on the same data); one fitted afresh every
    iteration (every run until stop 52; ``fresh_fit_growth`` 1.0 now) spends four times the
    steps for the same held-out error (ValueConfig.continued_updates)."""
    fresh_fit_growth: float = Field(default=2.0, ge=1.0)
    """The world model is refitted every iteration: from scratch when the data it fits has grown
    this many times since its last fit from scratch (the value too, see ``fresh_value``),
    otherwise continued from the previous iteration's model (at most
    ``world_model.continued_epochs`` epochs; 1.0: always from scratch). From-scratch fits at
    every doubling keep a model from staying in the basin of one fitted on the first random
    steps (a model continued from it on the swing-up task held a held-out error of 0.032 against
    0.012 for a fresh fit on the same 1,000 steps), while a long run pays for a few of them
    only: 40 fresh fits took 48% of a 50,000-step locomotion run, as each hit the epoch limit on
    up to 50,000 rows."""
    value_from_plans: bool = True
    """Also regress the value on the planner's lookahead estimates at the states it imagined in
    the buffered iterations (one round of value iteration per iteration, through the model),
    not only on the returns of the real episodes. Those returns are the value of the collecting
    planner: early on it fails quickly, and a value of it alone held the pole-balancing task of
    the learning benchmark at 181 instead of 500 after 3,000 steps."""
    value_paths: int = Field(default=512, ge=0)
    """Paths of the deployed policy imagined per iteration from real states (cheap: no
    planning): where the policy goes, the pool of states DAgger relabels (0: none; the name is
    older than that use)."""
    value_path_length: int = Field(default=24, ge=1)
    """Steps of each value path."""
    dagger_states: int = Field(default=512, ge=0)
    """States the planner relabels per iteration, from each of two pools: states the policy
    visits in its imagined paths (DAgger in imagination: the policy learns what to do where it
    goes) and real states of the iteration's collection (0: none)."""
    refine_horizon: int = Field(default=5, ge=1)
    """Steps of the world model through which an iteration's last distillation refines the
    policy (with Box actions; ``distiller.training.refine_updates`` gradient steps, 0: none):
    the gradient of the imagined return of acting with the policy from its training states,
    this many steps, each start in one member, then the learned value, with the planner's
    labels kept as a second loss. The refined policy replaces the one distilled only where its
    mean return over imagined episodes (other start states than the evaluation's) is higher.
    A planner that samples 100
    candidates cannot hold a precise balance that a gradient finds: on an unstable double
    pendulum (5,000 steps) the same run's deployed policy scored 376 and, refined offline from
    its last model and value, 9,359 (the maximum); on tasks whose planner already labels well
    (a reacher, a hopper) refinement made the real return worse, and the imagined judge saw it
    every time (Reacher -4.64 against -6.83 imagined, -4.1 against -5.3 real)."""
    exploration: float = Field(default=0.5, ge=0)
    """Optimism of real collection: the planner adds this many reward scales per step, times
    the ensemble's disagreement relative to its disagreement on real data, decaying to 0 by the
    last iteration (drives the agent to what its model does not know; 0: off)."""
    exploration_target: Literal["disagreement", "novelty"] = "disagreement"
    """What the optimistic collection planner is drawn to past its horizon: "disagreement" (the
    value of what really followed each real state plus the ensemble's disagreement beyond its
    floor) or "novelty" (the plain value plus a bonus for how far a state lies from the real
    data, learned also at states around the data, where the novelty is). With
    ``exploration_horizon`` 2, MountainCar's collection first reached the flag in iterations 1,
    1 and 3 (seeds 0-2; 7, 3 and 3 with the defaults), but deployed -125.5 / -112.1 / -121.2
    (-127.1 / -112.9 / -107.1): not the default; not measured on other tasks."""
    exploration_horizon: float = Field(default=1.0, ge=1)
    """The optimistic collection planner looks this many times the configured plan horizon
    ahead while it explores (novelty is somewhere to travel to: from rest, a 12-step plan on
    MountainCar reaches no state the data does not already hold). 1 (the default): as far as
    the planner."""
    pessimism: float = Field(default=0.0, ge=0)
    """Pessimism of imagination: the planner that labels the policy's data and estimates the
    value subtracts this many reward scales per step, times the ensemble's disagreement relative
    to its disagreement on real data (0, the default: off; the auditor still rejects paths
    that leave the model's trust region). At 1.0 the labels taught the policy to keep to where
    the model is certain rather than to solve the task (the pole-balancing task of the learning
    benchmark deployed 165 instead of 500; no task of the suite did better with it)."""
    collect_mode: CollectMode = "planner"
    """How real steps are chosen after the first iteration: "planner" (model-predictive control
    on the latest world model), "policy" (the deployed policy) or "random"."""
    correlated_random: bool = True
    """Random collection (the first iteration) draws uniform actions correlated in time by pink
    noise (``plasma.envs.random_policy(correlated_steps=...)``) instead of independent ones."""
    continue_episodes: bool = False
    """An episode the previous iteration's collection left running is continued by the next
    one (the env is put back into its last state: envs with reset-to-state only), so that the
    data reaches the late steps of episodes longer than an iteration's collection; False (the
    default), or an env without reset-to-state: each iteration's collection starts new
    episodes, from the start states evaluation starts from. Measured (deployed return, seeds
    0-2): InvertedPendulum 1000 / 594 / 1000 on, 1000 / 536 / 110 off; Pendulum -148 / -202 /
    -141 on, -123 / -124 / -137 off; CartPole 462 / 500 / 500 on, 500 x3 off."""
    exploration_noise: float = Field(default=0.1, ge=0)
    """Exploration during collection: Gaussian action noise as a share of the action range
    (continuous), or the probability of a random action (discrete)."""
    planner: PlannerConfig = Field(default_factory=_default_planner)
    """The model-predictive planner used to collect real steps and to label phantom paths."""
    adaptive_horizon: bool = False
    """Each iteration plans with the horizon, at most ``planner.horizon``, whose lookahead (the
    model's rewards, then the value) predicted the real returns of the steps just collected as
    well as the best one (see :func:`plasma.train.recipe.lookahead_horizon`): a model whose
    errors compound fast gets a short horizon and leans on the value. On an unstable double
    pendulum (5,000 steps), the same model and value planned 6,866 with a 3-step horizon and 293
    with 12 (a run: 307 -> 415-534); on a running robot 12 steps earned 2,574 and 3 steps 973.
    Off by default: the suite's models keep 12 in all but a few iterations, and one such
    iteration (1 step, once) cost a sparse-reward task's seed its goal (-108.5 -> -122.3). False:
    always ``planner.horizon``."""
    horizon_extension: float = Field(default=1.0, ge=1)
    """Without ``adaptive_horizon``: how far beyond ``planner.horizon`` (a factor) an iteration
    may plan while the value is the weaker part of the lookahead and a longer one clearly
    predicts better what really followed the steps just collected (see
    :func:`plasma.train.recipe.extended_horizon`); back to ``planner.horizon`` once it no longer
    does, and only while the value is optimistic. 1 (the default): never beyond. At 2, seeds
    0-2 against 1: Acrobot -81.6 / -92.8 / -89.3 (-81.6 / -136.2 / -89.3), MountainCar -101.6 /
    -123.1 / -119.6 (-127.1 / -112.9 / -107.1), Pendulum -123.5 / -123.7 / -125.0 (-123.5 /
    -123.7 / -137.9), InvertedPendulum 1000 x3 (the same), Reacher seed 0 -3.9 (the same), but
    CartPole 500 / 500 / 371.3 (500 x3): its seed 2 extended in its last iteration and deployed
    what that taught. Before the optimism condition it cost CartPole seed 0 its goal too (500 ->
    460: a balancing task's early value is weaker than any lookahead; its 24-step plans labelled
    worse). Off, since it trades one task's seed for another's."""
    action_noise_std: float = Field(default=0.1, ge=0)
    """Noise on the executed actions of phantom paths (share of the action range): diversity."""
    world_model: WorldModelConfig = Field(default_factory=WorldModelConfig.compact)
    """The probabilistic ensemble world model (refitted each iteration: ``fresh_fit_growth``)."""
    auditor: AuditorConfig = Field(default_factory=_default_auditor)
    """The auditor that approves or rejects the phantom paths."""
    audit_required: bool = True
    """Distil only paths the auditor approved (False: distil every path, audited or not)."""
    distiller: DistillerConfig = Field(default_factory=_default_distiller)
    """Policy architecture and behaviour-cloning settings (its packet_dir is the run's)."""
    distill_schedule: DistillSchedule = "auto"
    """"auto": train the base policy in full mode each iteration and ship the last iteration as a
    LoRA packet; "lora": a base once, then one LoRA packet per iteration; "full": no packets."""
    path_buffer: int = Field(default=4, ge=1)
    """Distil from the approved paths of this many most recent iterations."""
    fresh_policy: bool = True
    """Each full-mode distillation trains a new policy (fresh weights, normalization fitted to
    the states it learns from) on the buffered decisions, instead of training on from the
    previous one: a policy carried over keeps the input scale of the first (random) data and what
    it fitted to the noise of earlier, worse labels, and acts worse for it (on one sparse-reward
    task, on the same labels: -178 carried over, -126 fresh)."""
    eval_episodes: int = Field(default=5, ge=0)
    """Evaluation episodes of the deployed policy after each iteration (0: none, and the last
    distillation is deployed). With ``eval_in_model`` (the default) they are imagined and take no
    real step; without it they step the real env besides ``real_steps`` and teach nothing (the
    run counts them, ``eval_steps``): with ``keep_best`` several times the budget over a run
    (Acrobot 5,000 steps: about 50,000)."""
    eval_in_model: bool = True
    """Evaluate each iteration's policies (and compare them, with ``keep_best``) on imagined
    episodes in the iteration's world model instead of real ones: ten times ``eval_episodes``
    start states of real episodes (a reset steps nothing), each run under every ensemble member
    (see :func:`plasma.train.evaluate.evaluate_in_model`). A path that leaves the real data's
    support (:class:`plasma.train.evaluate.DataSupport`) earns the worst the data allows from
    there on. No real step outside ``real_steps``; the in-loop returns are the model's. False:
    real episodes (a real safety check, at the real steps above). Why ten times: over every
    keep-or-roll-back decision of three runs (Acrobot seeds 0 and 1, MountainCar seed 0), with
    30 real episodes of each policy as the truth, 50 imagined starts decided 30 of 37 as the
    truth did and its wrong calls cost 61 return points in all; 10 starts 26 of 37 (152 points);
    a short imagined stretch plus the learned value 13 to 26 of 37 (83-203 points). Measured
    with it (0 real evaluation steps; seed 0 unless noted): Acrobot seeds 0-2 -115.9 / -115.4 /
    -89.4, MountainCar seeds 0-1 -108.8 / -102.7, CartPole 500, Pendulum -124.4, Reacher -4.2
    (with round 16's reward witness in the loop's auditor, since left out: InvertedPendulum
    352.6 with it, 1,000 without; see benches/results/learning.md's notes). Where it fails:
    MuJoCo's hopper (a walker that falls), whose model lets imagined episodes run on past the real
    fall (about 200 imagined steps against 122 real): over 37 clear calls of two seed-0 runs the
    loop agreed with 30 real episodes 17 times and gave up 1,172 return points, 5 real episodes
    35 times (10 points; benches/results/judge_hopper); the same run with real evaluation
    deployed 444.4, at 50,861 evaluation steps, against 263.3 imagined."""
    keep_best: bool = Field(
        default=True, validation_alias=AliasChoices("keep_best", "keep_best_packet")
    )
    """Roll a new deployment (a retrained policy or a LoRA packet) back unless it beats the
    deployed one on the same evaluation episodes (the deployed one runs them again), as a safe
    hot-swap would, and start the next iteration from the one kept; what was rolled back stays
    on disk and its evaluation in the metrics (also accepted as keep_best_packet). Imagined
    evaluations are compared once, a tie keeping the new deployment; real ones run further
    batches while the difference is within two standard errors, up to four, a tie keeping the
    deployed one (see :meth:`plasma.train.deploy.KeepBest.for_evaluations`)."""
    eval_max_steps: int | None = Field(default=None, ge=1)
    """Step limit of each evaluation episode (None: the environment's)."""
    runs_dir: OsPath = Path("runs")
    """Directory that holds the run directories."""
    name: OsName | None = None
    """Name of the run directory under ``runs_dir`` (None: env and a timestamp)."""
    base_run: OsPath | None = None
    """A run whose deployed base policy is adapted with new LoRA packets (``--base RUN``); the
    defaults are then ADAPT_DEFAULTS: 1000 real steps over 4 iterations, 128 paths, each packet
    distilled from its own iteration's paths."""
    base_data: bool = True
    """With ``base_run``: fit the world model on the base run's real transitions too (a prior
    for the few new steps; the new variant's data is added to it every iteration)."""
    trace: bool = True
    """Record a span around every stage in the run's trace.jsonl."""
    num_threads: int | None = Field(default=None, ge=1)
    """Threads of the Rust core (None: all cores, or PLASMA_NUM_THREADS)."""
    backend: Backend = "local"
    """Where phantom paths are imagined and audited: "local" (this process) or "ray" (sharded
    over the workers of a Ray cluster, same results for the same seed; needs
    pip install "plasma-agents[ray]")."""
    ray: RayConfig = Field(default_factory=RayConfig)
    """The Ray cluster and its workers when backend is "ray" (ray.address: an existing cluster;
    none: a local Ray instance started and stopped by the run)."""

    trusted_keys: list[str] = Field(default_factory=list)
    """Ed25519 public keys (64 hex digits) whose packet signatures the run accepts; the public
    half of the run's own Ed25519 signing key is added when the run starts."""
    keyring: OsPath | None = None
    """A keyring file of trusted keys, one per line: "ed25519 HEX" or "hmac-sha256 HEX" (None:
    the file named by PLASMA_KEYRING, if set). Read when the run starts; never copied."""
    allow_unsigned_packets: bool | None = None
    """Activate packets that carry no signature. None: decided when the run starts, true only
    when the run neither signs its packets nor trusts any key (its packets are then unsigned
    by design); config.json records the decision."""
    signing_key_file: OsPath | None = None
    """File holding the hex signing key of distiller.signing_algorithm (Ed25519 private key or
    HMAC secret); read at start and on --resume, never copied into the run directory.
    PLASMA_SIGNING_KEY (the hex key itself) is the alternative."""
    signing_key_id: str | None = None
    """Id of the key that signs the run's packets, recorded when the run starts: a resumed run
    must be given the same key again."""

    def backend_settings(self) -> dict[str, Any]:
        """The ``backend`` and ``ray`` fields the run gives its simulator and auditor configs
        (none with backend "local", so an ``auditor.backend`` set on its own is kept)."""
        if self.backend == "local":
            return {}
        return {"backend": self.backend, "ray": self.ray.model_copy()}

    def auditor_config(self) -> AuditorConfig:
        """The run's auditor: ``auditor`` with the run's env, backend and threads (where set),
        its replays judging by the line of the run's own real data unless
        ``auditor.review.replay_line_steps`` is set (a run spends real steps within its budget
        only; that data grows each iteration). A choice left to the default stays None in the
        saved config, so a resumed run makes it again the same way."""
        review = self.auditor.review
        if review.replay_line_steps is None:
            review = review.model_copy(update={"replay_line_steps": 0})
        return self.auditor.model_copy(
            update={
                "env_id": self.env,
                "variant": dict(self.variant),
                "env_kwargs": dict(self.env_kwargs),
                "review": review,
                **self.backend_settings(),
                **({} if self.num_threads is None else {"num_threads": self.num_threads}),
            }
        )

    @model_validator(mode="before")
    @classmethod
    def _apply_defaults(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        if data.get("base_run") is not None and ADAPT_DEFAULTS:
            data = _merge(ADAPT_DEFAULTS, data)
        return _on_section_defaults(data)

    @field_validator("variant", mode="before")
    @classmethod
    def _parse_variant(cls, value: Any) -> Any:
        if isinstance(value, str):
            out: dict[str, float] = {}
            for part in value.replace(";", ",").split(","):
                part = part.strip()
                if not part:
                    continue
                key, sep, raw = part.partition("=")
                if not sep or not key.strip():
                    raise ValueError(f"variant entry {part!r} is not NAME=VALUE")
                try:
                    out[key.strip()] = float(raw)
                except ValueError:
                    raise ValueError(
                        f"variant value {raw!r} of {key.strip()!r} is not a number"
                    ) from None
            return out
        return value

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str | None) -> str | None:
        if value is not None and (not value or "/" in value or value in (".", "..")):
            raise ValueError(f"run name {value!r} must be a plain directory name")
        return value

    @field_validator("trusted_keys")
    @classmethod
    def _check_trusted_keys(cls, value: list[str]) -> list[str]:
        from plasma.distiller.signing import parse_public_key

        return list(dict.fromkeys(parse_public_key(k) for k in value))

    @model_validator(mode="after")
    def _check_budget(self) -> TrainConfig:
        check_finite_settings(self)
        if self.iterations is None:  # derived: plasma.train.recipe keeps 10 steps an iteration
            if self.real_steps < 10:
                raise ValueError(f"real_steps={self.real_steps}: at least 10 are needed")
            return self
        steps, parts = self.real_steps, self.iterations
        first = _share(steps, parts, self.initial_random_steps, 0)
        # the last share is the smallest of those after the first
        smallest = min(first, _share(steps, parts, self.initial_random_steps, parts - 1))
        if first < 10 or smallest < 1:
            raise ValueError(
                f"real_steps={self.real_steps} over iterations={self.iterations} gives "
                f"{first} real steps to the first iteration and {smallest} to the smallest: "
                "the first needs at least 10 (to fit the world model) and every one at least 1; "
                "raise real_steps or lower iterations"
            )
        return self


def _share(total: int, parts: int, first: int | None, i: int) -> int:
    """Iteration ``i``'s share of :func:`split_steps`, without making the list (which a huge
    ``parts`` would make take forever)."""
    if first is None or parts == 1:
        base, extra = divmod(total, parts)
        return base + (1 if i < extra else 0)
    if i == 0:
        return first
    base, extra = divmod(max(total - first, 0), parts - 1)
    return base + (1 if i - 1 < extra else 0)


def split_steps(total: int, parts: int, first: int | None) -> list[int]:
    """``total`` real steps over ``parts`` iterations (the first gets ``first`` when given)."""
    return [_share(total, parts, first, i) for i in range(parts)]


def load_config_file(path: str | Path) -> dict[str, Any]:
    """Read a JSON or TOML config file into a dict (by extension; ``.toml`` is TOML).

    Raises:
        InvalidArgumentError: the file is missing, unreadable or not a table/object.
    """
    path = existing_file(path, "config file")
    try:
        text = user_text(read_at_most(path, MAX_CONFIG_BYTES))
        if path.suffix.lower() == ".toml":
            data: Any = tomllib.loads(text)
        else:
            data = loads_json(text)
    except (OSError, ValueError) as err:
        raise InvalidArgumentError(f"config file {path} cannot be read: {err}") from err
    except RecursionError:  # TOML's parser recurses into nested arrays and tables
        raise InvalidArgumentError(
            f"config file {path} cannot be read: nested too deeply to read"
        ) from None
    if not isinstance(data, dict):
        raise InvalidArgumentError(f"config file {path} must hold an object/table of settings")
    return data
