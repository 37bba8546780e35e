"""``torch_threads`` sets and restores the calling thread's torch thread count only: two fits side
by side on threads of their own each get their setting back, the main thread never sees theirs,
and threads that start later do not inherit it."""

from __future__ import annotations

import threading

import torch

from plasma.simulator.networks import torch_threads


def _start_at_two_threads() -> None:
    # A thread's first torch use sets it to the value some thread set last, whatever it set
    # itself before: use it once, then set it.
    torch.get_num_threads()
    torch.set_num_threads(2)


def test_side_by_side_users_each_restore_their_own_thread() -> None:
    _start_at_two_threads()
    inside = threading.Barrier(3)  # both workers inside their setting, and the main thread
    first_left = threading.Event()
    seen: dict[str, tuple[int, int, int]] = {}

    def worker(name: str, threads: int, leave_first: bool) -> None:
        _start_at_two_threads()
        before = torch.get_num_threads()
        with torch_threads(threads):
            during = torch.get_num_threads()
            inside.wait(timeout=30)
            if not leave_first:
                first_left.wait(timeout=30)  # leave after the other one has restored its own
        if leave_first:
            first_left.set()
        seen[name] = (before, during, torch.get_num_threads())

    workers = [
        threading.Thread(target=worker, args=("a", 1, True)),
        threading.Thread(target=worker, args=("b", 1, False)),
    ]
    try:
        for t in workers:
            t.start()
        inside.wait(timeout=30)
        main_during = torch.get_num_threads()
        for t in workers:
            t.join(timeout=30)
        assert main_during == 2
        assert seen["a"] == (2, 1, 2)  # left first, while the other was still inside
        assert seen["b"] == (2, 1, 2)
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(1)


def test_a_setting_does_not_leak_into_threads_that_start_later() -> None:
    # The order that leaked: a fresh thread's first torch use takes the 1 another user set,
    # and it leaves after that user.
    _start_at_two_threads()
    first_in = threading.Event()
    first_out = threading.Event()

    def first() -> None:
        _start_at_two_threads()
        with torch_threads(1):
            first_in.set()
            second.start()
            second_in.wait(timeout=30)
        first_out.set()

    second_in = threading.Event()

    def second_user() -> None:
        with torch_threads(1):  # its first torch use: inside the first user's setting
            second_in.set()
            first_out.wait(timeout=30)

    later: list[int] = []

    def fresh() -> None:
        later.append(torch.get_num_threads())

    second = threading.Thread(target=second_user)
    try:
        one = threading.Thread(target=first)
        one.start()
        one.join(timeout=30)
        second.join(timeout=30)
        after = threading.Thread(target=fresh)
        after.start()
        after.join(timeout=30)
        assert first_in.is_set()
        assert later == [2]
    finally:
        torch.set_num_threads(1)


def test_nested_settings_unwind_in_order() -> None:
    _start_at_two_threads()
    try:
        with torch_threads(1):
            assert torch.get_num_threads() == 1
            with torch_threads(3):
                assert torch.get_num_threads() == 3
            assert torch.get_num_threads() == 1
            with torch_threads(None):
                assert torch.get_num_threads() == 1
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(1)
