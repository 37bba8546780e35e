"""The metrics row of one training iteration: every key an iteration may record, in one place.

Each stage of :class:`plasma.train.loop.Trainer` writes its part of the row (``metrics.jsonl``
holds one row per committed iteration). The keys are those of :class:`IterationRow`: a stage
that writes a key not declared here fails the type check, and :func:`check_row` refuses the row
at commit, so a misspelt key cannot reach the metrics unnoticed. Keys that an iteration does not
always record (a rollback, a DAgger round, a packet) are simply absent from its row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

__all__ = ["ROW_KEYS", "IterationRow", "check_row"]


class IterationRow(TypedDict, total=False):
    """One iteration's metrics, in the order the stages record them."""

    # the iteration
    iteration: int
    seed: int
    # 1. collect
    collect_mode: str
    collect_seconds: float
    collect_return: float | None
    collect_horizon: int
    plan_horizon: int
    horizon_errors: dict[str, float]
    horizon_seconds: float
    # 2. fit
    fit_holdout_mse: float
    fit_no_change_mse: float
    fit_reward_mse: float
    fit_done_recall: float | None
    fit_epochs: int
    fit_rows: int
    fit_continued: bool
    fit_seconds: float
    # 3. value
    value_states: int
    value_continued: bool
    value_error: float
    value_mean: float
    value_seconds: float
    # 4. imagine (the deployed policy's paths, and a new policy's in its DAgger round)
    imagine_seconds: float
    policy_paths_pass_rate: float
    policy_paths_status: str
    imagined_policy_return: float
    # 5. label
    simulate_seconds: float
    imagined_return: float
    audit_status: str
    paths: int
    approved_paths: int
    audit_pass_rate: float
    audit_findings: int
    audit_counts: dict[str, int]
    audit_seconds: float
    dagger_states: int
    relabelled_real_states: int
    label_seconds: float
    dagger_rounds: int
    # 6. distil
    distill_mode: str
    packet: str | None
    distill_note: str
    distill_heldout_error: float | None
    distill_train_loss: float
    distill_paths: int
    distill_steps: int
    label_return: float | None
    refine_judged: list[float]
    swap_latency_s: float | None
    distill_seconds: float
    # 7. evaluate
    eval_mean_return: float | None
    eval_std_return: float | None
    eval_mean_length: float
    eval_imagined: bool
    eval_left_support: float
    eval_seconds: float
    # 8. deploy (see plasma.train.deploy)
    deployed_return: float | None
    deployed_episodes: int
    incumbent_return: float
    incumbent_eval_steps: int
    challenger_eval_steps: int
    compared_episodes: int
    rolled_back_to: str | None
    # commit
    policy_dir: str | None
    active_packet: str | None
    real_steps: int
    imagined_steps: int
    eval_steps: int
    iteration_seconds: float


ROW_KEYS: frozenset[str] = IterationRow.__required_keys__ | IterationRow.__optional_keys__
"""Every key an iteration row may hold."""


def check_row(row: Mapping[str, Any]) -> None:
    """Refuse a row with a key that :class:`IterationRow` does not declare.

    Raises:
        KeyError: naming the unknown keys (a misspelt key is a bug of the loop).
    """
    unknown = sorted(set(row) - ROW_KEYS)
    if unknown:
        raise KeyError(
            f"iteration row keys {unknown} are not declared in plasma.train.row.IterationRow"
        )
