"""AtomicSpan: nesting through context variables, errors, state, reuse."""

from __future__ import annotations

import asyncio
import enum
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from plasma.errors import SpanReuseError, StateNotSerializableError, TraceError
from plasma.trace import NonRecordingSpan, StateTracker, StatusCode, current_span
from plasma.trace.component import ComponentTracing


async def test_seed_example_records_state_and_an_event(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace(metadata={"type": "training"})
    span = await tracker.create_span(trace_id, "operation_name")
    async with span:
        span.update_state({"key": "value"})
    trace = await tracker.complete_trace(trace_id)

    (recorded,) = trace.spans
    assert recorded.name == "operation_name"
    assert recorded.state == {"key": "value"}
    assert recorded.status.code is StatusCode.OK
    assert [e.name for e in recorded.events] == ["state_update"]
    assert recorded.events[0].attributes == {"key": "value"}
    assert recorded.start_time_unix_nano <= recorded.events[0].time_unix_nano
    assert recorded.events[0].time_unix_nano <= recorded.end_time_unix_nano  # type: ignore[operator]
    assert trace.metadata == {"type": "training"}


async def test_update_state_merges_and_records_each_call(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()
    async with tracker.span(trace_id, "fit") as span:
        span.update_state({"epoch": 1, "loss": 2.0})
        span.update_state(epoch=2)
        assert span.state == {"epoch": 2, "loss": 2.0}
    (recorded,) = (await tracker.complete_trace(trace_id)).spans
    assert recorded.state == {"epoch": 2, "loss": 2.0}
    assert [e.attributes for e in recorded.events] == [{"epoch": 1, "loss": 2.0}, {"epoch": 2}]


async def test_nested_spans_get_parents_across_await_and_gather(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()

    async def child(name: str) -> str:
        async with await tracker.create_span(trace_id, name) as span:
            await asyncio.sleep(0)
            async with await tracker.create_span(trace_id, f"{name}.inner"):
                await asyncio.sleep(0)
            return span.span_id

    async with await tracker.create_span(trace_id, "root") as root:
        await asyncio.sleep(0)
        ids = await asyncio.gather(child("a"), child("b"), child("c"))
    trace = await tracker.complete_trace(trace_id)

    by_name = {s.name: s for s in trace.spans}
    assert by_name["root"].parent_span_id is None
    for name, span_id in zip("abc", ids, strict=True):
        assert by_name[name].parent_span_id == root.span_id
        assert by_name[f"{name}.inner"].parent_span_id == span_id
    assert current_span() is None


def test_plain_with_nests_in_synchronous_code(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()
    with tracker.span(trace_id, "outer") as outer:
        with tracker.span(trace_id, "inner") as inner:
            assert current_span() is inner
        assert current_span() is outer
    assert current_span() is None
    assert inner.parent_span_id == outer.span_id


async def test_span_in_to_thread_inherits_the_parent(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()

    def work() -> str | None:
        with tracker.span(trace_id, "in-thread") as span:
            return span.parent_span_id

    async with tracker.span(trace_id, "outer") as outer:
        assert await asyncio.to_thread(work) == outer.span_id


async def test_explicit_parent_wins(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()
    with tracker.span(trace_id, "a") as a, tracker.span(trace_id, "b"):
        explicit = tracker.span(trace_id, "c", parent=a)
        with explicit:
            pass
    assert explicit.parent_span_id == a.span_id


async def test_span_of_another_trace_is_not_a_parent(tracker: StateTracker) -> None:
    first, second = tracker.create_trace(), tracker.create_trace()
    with tracker.span(first, "a"), tracker.span(second, "b") as other:
        pass
    assert other.parent_span_id is None


async def test_exception_marks_error_and_is_reraised(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()

    async def failing_work() -> None:
        async with tracker.span(trace_id, "outer"), tracker.span(trace_id, "fails") as span:
            span.update_state({"before": True})
            raise KeyError("missing")

    with pytest.raises(KeyError, match="missing"):
        await failing_work()
    trace = await tracker.complete_trace(trace_id)
    by_name = {s.name: s for s in trace.spans}
    failed = by_name["fails"]
    assert failed.status.code is StatusCode.ERROR
    assert failed.status.message == "KeyError: 'missing'"
    assert failed.state == {"before": True}
    exception_event = failed.events[-1]
    assert exception_event.name == "exception"
    assert exception_event.attributes["exception.type"] == "builtins.KeyError"
    assert "raise KeyError" in str(exception_event.attributes["exception.stacktrace"])
    assert by_name["outer"].status.code is StatusCode.ERROR  # the exception left it too


async def test_cancellation_marks_error(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()
    started = asyncio.Event()

    async def sleeper() -> None:
        async with tracker.span(trace_id, "sleeper"):
            started.set()
            await asyncio.sleep(10)

    task = asyncio.create_task(sleeper())
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    (span,) = (await tracker.complete_trace(trace_id)).spans
    assert span.status.code is StatusCode.ERROR
    assert span.status.message.startswith("CancelledError")


async def test_entering_a_span_twice_is_refused(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()
    span = await tracker.create_span(trace_id, "once")
    async with span:
        with pytest.raises(SpanReuseError, match="already running"):
            async with span:
                pass
    with pytest.raises(SpanReuseError, match="already ended"), span:
        pass
    trace = await tracker.complete_trace(trace_id)
    assert len(trace.spans) == 1
    assert trace.spans[0].status.code is StatusCode.OK


async def test_recording_after_end_is_refused(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()
    with tracker.span(trace_id, "done") as span:
        pass
    with pytest.raises(TraceError, match="after it ended"):
        span.update_state({"late": 1})


class Color(enum.Enum):
    RED = "red"


async def test_state_converts_numpy_tuples_enums_and_paths(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()
    with tracker.span(trace_id, "convert") as span:
        span.update_state(
            {
                "f32": np.float32(0.5),
                "i64": np.int64(3),
                "arr": np.arange(3),
                "tup": (1, "a"),
                "color": Color.RED,
                "path": Path("/tmp/x"),
                "nested": {"deep": [np.float64(1.5)]},
            }
        )
    (span_data,) = (await tracker.complete_trace(trace_id)).spans
    assert span_data.state == {
        "f32": 0.5,
        "i64": 3,
        "arr": [0, 1, 2],
        "tup": [1, "a"],
        "color": "red",
        "path": "/tmp/x",
        "nested": {"deep": [1.5]},
    }
    assert type(span_data.state["i64"]) is int


async def test_non_serializable_state_is_refused_and_nothing_changes(
    tracker: StateTracker,
) -> None:
    trace_id = tracker.create_trace()
    with tracker.span(trace_id, "strict") as span:
        span.update_state({"ok": 1})
        with pytest.raises(
            StateNotSerializableError, match=r"state\['model'\]\['weights'\].*object"
        ):
            span.update_state({"fine": 2, "model": {"weights": object()}})
        with pytest.raises(StateNotSerializableError, match="keys must be str"):
            span.update_state({1: "int key"})
        assert span.state == {"ok": 1}
    (recorded,) = (await tracker.complete_trace(trace_id)).spans
    assert recorded.state == {"ok": 1}
    assert len(recorded.events) == 1


async def test_state_is_copied_so_later_mutation_does_not_leak(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()
    payload = {"values": [1, 2]}
    with tracker.span(trace_id, "copy") as span:
        span.update_state({"payload": payload})
    payload["values"].append(3)
    (recorded,) = (await tracker.complete_trace(trace_id)).spans
    assert recorded.state == {"payload": {"values": [1, 2]}}


async def test_attributes_events_and_explicit_status(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()
    with tracker.span(trace_id, "work", attributes={"env": "Pendulum-v1"}) as span:
        span.set_attribute("paths", np.int32(10)).add_event("checkpoint", {"step": 5})
        span.set_status("ERROR", "diverged")
    (recorded,) = (await tracker.complete_trace(trace_id)).spans
    assert recorded.attributes == {"env": "Pendulum-v1", "paths": 10}
    assert [(e.name, e.attributes) for e in recorded.events] == [("checkpoint", {"step": 5})]
    assert recorded.status.code is StatusCode.ERROR
    assert recorded.status.message == "diverged"


def test_threads_and_tasks_build_a_consistent_tree(tracker: StateTracker) -> None:
    trace_id = tracker.create_trace()
    per_worker, workers = 50, 8

    def thread_body(index: int) -> tuple[str, list[str | None]]:
        """The root's id and the parent each child saw while it ran."""
        parents = []
        with tracker.span(trace_id, f"thread-{index}") as root:
            for step in range(per_worker):
                with tracker.span(trace_id, "step") as child:
                    child.update_state({"thread": index, "step": step})
                    parents.append(child.parent_span_id)
        return root.span_id, parents

    async def task_body(index: int) -> None:
        async with tracker.span(trace_id, f"task-{index}"):
            for step in range(per_worker):
                async with tracker.span(trace_id, "step") as child:
                    child.update_state({"task": index, "step": step})
                    await asyncio.sleep(0)

    async def tasks() -> None:
        await asyncio.gather(*(task_body(i) for i in range(workers)))

    # Futures hand each thread's result or exception back to this thread, where it is checked.
    with ThreadPoolExecutor(max_workers=workers + 1) as pool:
        in_threads = [pool.submit(thread_body, i) for i in range(workers)]
        in_tasks = pool.submit(asyncio.run, tasks())
        results = [future.result() for future in in_threads]
        in_tasks.result()
    for root_id, parents in results:
        assert parents == [root_id] * per_worker

    trace = tracker.get_trace(trace_id)
    assert len(trace.spans) == 2 * workers * (per_worker + 1)
    assert sorted(s.sequence for s in trace.spans) == list(range(len(trace.spans)))
    assert len({s.span_id for s in trace.spans}) == len(trace.spans)
    roots = {s.span_id: s.name for s in trace.roots()}
    assert sorted(roots.values()) == sorted(
        [f"thread-{i}" for i in range(workers)] + [f"task-{i}" for i in range(workers)]
    )
    for root_id, root_name in roots.items():
        children = trace.children(root_id)
        assert len(children) == per_worker
        kind, index = root_name.split("-")
        assert all(c.state[kind] == int(index) for c in children)
        assert [c.state["step"] for c in children] == list(range(per_worker))


async def test_component_spans_without_a_tracker_record_nothing(tracker: StateTracker) -> None:
    # A component without a started tracker gets a non-recording span: the same calls, no trace.
    quiet = ComponentTracing(None, None, "test")
    async with quiet.span("stage", {"n": 1}) as span:
        assert isinstance(span, NonRecordingSpan)
        assert span.update_state({"loss": 1.0}, epoch=2) is span
        span.set_attribute("k", object()).add_event("e").set_status("ERROR", "x")
        assert span.trace_id is None
        assert current_span() is None
    with pytest.raises(RuntimeError, match="kept"), NonRecordingSpan():
        raise RuntimeError("kept")  # exceptions pass through
    # With a started tracker the same code records.
    trace_id = tracker.create_trace()
    loud = ComponentTracing(tracker, trace_id, "test")
    async with loud.span("stage") as span:
        assert not isinstance(span, NonRecordingSpan)
        span.update_state({"loss": 1.0})
        assert span.trace_id == trace_id
    (recorded,) = (await tracker.complete_trace(trace_id)).spans
    assert recorded.state == {"loss": 1.0}
