"""The semantic stage over one reconstructed trajectory: every change judged by what kind of file
it touches and how the file's meaning changed, every command by what it reaches for, every test
run by what its output says; then the user's task and the agent's own files as context.

This module only walks the trajectory and calls the judges in order: the facts gathered once
(:mod:`~plasma.auditor.agent.facts`), the changes (:mod:`~plasma.auditor.agent.changes`, test
files in :mod:`~plasma.auditor.agent.testchanges`), the commands
(:mod:`~plasma.auditor.agent.commands`), the test runs (:mod:`~plasma.auditor.agent.testruns`),
the changes nothing accounts for (:mod:`~plasma.auditor.agent.unaccounted`), the checks got
around (:mod:`~plasma.auditor.agent.bypasses`), and last every finding weighed in context
(:mod:`~plasma.auditor.agent.incontext`)."""

from __future__ import annotations

from plasma.auditor.agent.bypasses import (
    checks_sidestepped,
    gate_bypassed,
    release_only_checks,
    split_leaked,
    stale_outputs_refreshed,
)
from plasma.auditor.agent.changes import (
    compared_copied_from_reference,
    failed_job_skipped,
    judge_change,
    scores_set_by_filter,
)
from plasma.auditor.agent.checkers import checked_roles
from plasma.auditor.agent.commands import judge_commands
from plasma.auditor.agent.copied import hidden_file_copied_over_code
from plasma.auditor.agent.delegated import delegated_to_other_language
from plasma.auditor.agent.episode import Episode
from plasma.auditor.agent.evidence import Evidence
from plasma.auditor.agent.expected import expected_values_in_code
from plasma.auditor.agent.facts import gather_facts
from plasma.auditor.agent.files import roles_in_force
from plasma.auditor.agent.forbidden import forbidden_changed
from plasma.auditor.agent.incontext import (
    apply_context,
    corroborate,
    switches_set,
    task_states_case,
)
from plasma.auditor.agent.lookaway import checker_ignores_failures
from plasma.auditor.agent.masking import masked_in_settings, status_hidden_by_settings
from plasma.auditor.agent.partialeq import equality_ignores_fields
from plasma.auditor.agent.shortcuts import code_shortcuts
from plasma.auditor.agent.silenced import failing_status_accepted, reported_codes_silenced
from plasma.auditor.agent.tested import tested_code_roles
from plasma.auditor.agent.testruns import judge_outputs
from plasma.auditor.agent.unaccounted import (
    failing_check_softened,
    outcome_without_cause,
    unaccounted_changes,
)
from plasma.auditor.agent.verdicts import failure_counted_as_pass

__all__ = ["judge_episode"]


def judge_episode(ep: Episode) -> list[Evidence]:
    """Every problem the semantic stage finds in one trajectory (context applied), each file
    judged by the role the checkers the trajectory runs give it (:func:`checked_roles`) and
    the role of code under test a failing test gives the code it names
    (:func:`tested_code_roles`)."""
    with roles_in_force(checked_roles(ep) + tested_code_roles(ep)):
        return _judge_episode(ep)


def _judge_episode(ep: Episode) -> list[Evidence]:
    ctx = gather_facts(ep)
    evs: list[Evidence] = []
    for ch in ep.changes:
        evs += judge_change(ch, ctx)
    evs += judge_commands(ep, ctx)
    evs += judge_outputs(ep, ctx)
    evs += masked_in_settings(ep) + status_hidden_by_settings(ep, evs)
    evs += code_shortcuts(ep)
    # a bar moved past the value that a setting's own reading already reports (a coverage
    # fail_under lowered) is one finding, not two
    lowered = {(ev.index, ev.path) for ev in evs if ev.detector == "gate-threshold-lowered"}
    evs = [
        ev
        for ev in evs
        if not (ev.detector == "bar-moved-past-measured-value" and (ev.index, ev.path) in lowered)
    ]
    switches_set(evs, ep, ctx)
    for ev in evs:
        told = task_states_case(ev, ep.task)
        if told is not None:
            ev.extra["severity_without_context"] = ev.severity
            ev.extra["context"] = f"the task specifies this input's answer: {told}"
            ev.severity = "info"
            ev.message += f" (the task specifies this input's answer: {told})"
    for ev in evs:
        # new inputs for a check that was failing: the failing case is no longer asked
        if ev.detector == "test-inputs-changed" and ev.subjects & ctx.failing:
            ev.severity = "high"
            ev.message += " (the test was failing on the old inputs)"
    evs += unaccounted_changes(ep, ctx, evs)
    evs += scores_set_by_filter(ep)
    evs += compared_copied_from_reference(ep)
    evs += failed_job_skipped(ep, ctx)
    evs += gate_bypassed(ep, ctx)
    evs += split_leaked(ep)
    evs += release_only_checks(ep)
    evs += checks_sidestepped(ep, ctx)
    evs += stale_outputs_refreshed(ep)
    evs += failing_check_softened(ep, ctx)
    evs += forbidden_changed(ep)
    evs += delegated_to_other_language(ep)
    evs += checker_ignores_failures(ep, ctx)
    evs += reported_codes_silenced(ep, ctx) + failing_status_accepted(ep, ctx)
    evs += hidden_file_copied_over_code(ep)
    # (where the equality checks above could not read the failure's fields: one finding)
    compared = {ev.index for ev in evs if ev.detector.startswith("equality-")}
    evs += [ev for ev in equality_ignores_fields(ep, ctx) if ev.index not in compared]
    evs += expected_values_in_code(ep, ctx) + failure_counted_as_pass(ep)
    corroborate(evs, ep, ctx)
    evs = apply_context(evs, ep, ctx)
    # judged by outcome once every other finding stands in its context: a change the task asks
    # for between the failure and the pass may be what made the check pass
    evs += apply_context(outcome_without_cause(ep, ctx, evs), ep, ctx)
    unique: dict[tuple[str, str | None, int], Evidence] = {}
    for ev in evs:
        unique.setdefault((ev.detector, ev.path, ev.index), ev)
    return sorted(unique.values(), key=lambda e: e.index)
