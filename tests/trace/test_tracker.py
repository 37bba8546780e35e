"""StateTracker: lifecycle, bad input, bounded memory."""

from __future__ import annotations

import re

import pytest

from plasma.errors import (
    NotStartedError,
    TraceAlreadyCompletedError,
    TraceError,
    TraceNotFoundError,
    TraceStillOpenError,
)
from plasma.trace import MemorySink, StateTracker, TraceStatus, TrackerConfig


async def test_no_config_works_in_memory() -> None:
    tracker = StateTracker()
    await tracker.start()
    trace_id = tracker.create_trace()
    assert re.fullmatch(r"[0-9a-f]{32}", trace_id)
    async with await tracker.create_span(trace_id, "x") as span:
        assert re.fullmatch(r"[0-9a-f]{16}", span.span_id)
    await tracker.complete_trace(trace_id)
    assert tracker.memory is not None
    assert [s.name for s in tracker.memory.spans] == ["x"]
    assert [t.status for t in tracker.memory.traces] == [TraceStatus.COMPLETED]
    await tracker.stop()
    assert not tracker.started


async def test_config_accepts_a_mapping_and_rejects_unknown_keys() -> None:
    assert StateTracker({"max_completed_traces": 3}).config.max_completed_traces == 3
    with pytest.raises(ValueError, match="jsonl_pth"):
        StateTracker({"jsonl_pth": "x"})
    with pytest.raises(ValueError, match="max_spans_per_trace"):
        TrackerConfig(max_spans_per_trace=0)


async def test_use_before_start_says_so() -> None:
    tracker = StateTracker()
    with pytest.raises(NotStartedError, match=r"await tracker.start\(\)"):
        tracker.create_trace()


async def test_unknown_trace_id_is_a_clear_error(tracker: StateTracker) -> None:
    with pytest.raises(TraceNotFoundError, match="unknown trace id 'nope'"):
        await tracker.create_span("nope", "x")
    with pytest.raises(TraceNotFoundError, match="unknown trace id"):
        await tracker.complete_trace("f" * 32)
    with pytest.raises(LookupError):  # also a standard LookupError
        tracker.get_trace("f" * 32)


async def test_completing_twice_is_refused_and_keeps_the_record(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace(metadata={"run": 1})
    with tracker.span(trace_id, "a"):
        pass
    first = await tracker.complete_trace(trace_id)
    with pytest.raises(TraceAlreadyCompletedError, match="already completed"):
        await tracker.complete_trace(trace_id)
    with pytest.raises(TraceAlreadyCompletedError, match="takes no new spans"):
        tracker.span(trace_id, "late")
    assert tracker.get_trace(trace_id) == first
    assert first.status is TraceStatus.COMPLETED
    assert first.completed_unix_nano is not None


async def test_completing_with_spans_in_flight_needs_force(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()
    span = tracker.span(trace_id, "running")
    with span:
        with pytest.raises(TraceStillOpenError, match=r"1 span\(s\) in flight \(running\)"):
            await tracker.complete_trace(trace_id)
        assert tracker.get_trace(trace_id).status is TraceStatus.ACTIVE
        done = await tracker.complete_trace(trace_id, force=True)
    assert done.spans == []
    assert tracker.memory is not None
    assert [s.name for s in tracker.memory.spans] == ["running"]  # still recorded when it ended


async def test_bad_span_names_are_refused(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()
    with pytest.raises(TraceError, match="non-empty str"):
        tracker.span(trace_id, "")


async def test_trace_id_none_takes_the_running_span_trace(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()
    with pytest.raises(TraceError, match="needs a span running"):
        tracker.span(None, "orphan")
    with tracker.span(trace_id, "outer"), tracker.span(None, "inner") as inner:
        assert inner.trace_id == trace_id


async def test_memory_is_bounded_on_long_runs() -> None:
    config = {"max_completed_traces": 2, "max_spans_per_trace": 5, "memory_capacity": 7}
    async with StateTracker(config) as tracker:
        ids = []
        for _ in range(4):
            trace_id = tracker.create_trace()
            for step in range(9):
                with tracker.span(trace_id, f"s{step}"):
                    pass
            ids.append(trace_id)
            await tracker.complete_trace(trace_id)
        with pytest.raises(TraceNotFoundError, match="evicted"):
            tracker.get_trace(ids[0])
        kept = tracker.get_trace(ids[-1])
        assert [s.name for s in kept.spans] == ["s4", "s5", "s6", "s7", "s8"]
        assert kept.dropped_spans == 4
        assert [t.trace_id for t in tracker.list_traces()] == ids[2:]
        assert tracker.memory is not None
        assert len(tracker.memory.spans) == 7


async def test_snapshots_are_copies(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace(metadata={"a": 1})
    with tracker.span(trace_id, "x") as span:
        span.update_state({"v": [1]})
    snapshot = tracker.get_trace(trace_id)
    snapshot.metadata["a"] = 2
    snapshot.spans[0].state["v"] = [9]
    again = tracker.get_trace(trace_id)
    assert again.metadata == {"a": 1}
    assert again.spans[0].state == {"v": [1]}


async def test_stop_writes_unfinished_traces_as_incomplete() -> None:
    tracker = await StateTracker().start()
    trace_id = tracker.create_trace()
    memory = tracker.memory
    await tracker.stop()
    assert memory is not None
    assert [(t.trace_id, t.status) for t in memory.traces] == [(trace_id, TraceStatus.INCOMPLETE)]


async def test_span_ending_after_stop_warns() -> None:
    tracker = await StateTracker().start()
    trace_id = tracker.create_trace()
    span = tracker.span(trace_id, "late")
    with pytest.warns(RuntimeWarning, match="after the tracker stopped"), span:
        await tracker.stop()


async def test_a_failing_sink_raises_but_never_hides_the_users_exception() -> None:
    class Broken(MemorySink):
        def write_span(self, span: object) -> None:
            raise OSError("disk full")

    async with StateTracker(sinks=[Broken()]) as tracker:
        trace_id = tracker.create_trace()
        with pytest.raises(OSError, match="disk full"), tracker.span(trace_id, "ok"):
            pass
        with (
            pytest.warns(RuntimeWarning, match="disk full"),
            pytest.raises(ZeroDivisionError),
            tracker.span(trace_id, "fails"),
        ):
            _ = 1 / 0
        # Both spans are still in the tracker's memory.
        assert [s.name for s in tracker.get_trace(trace_id).spans] == ["ok", "fails"]
