"""Progress reporting of a training run: a rich live display, or nothing."""

from __future__ import annotations

from typing import Any, Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

__all__ = ["NullProgress", "ProgressSink", "RichProgress"]


class ProgressSink(Protocol):
    """What the training loop reports as it goes."""

    def begin(self, total: int, done: int) -> None:
        """The run starts (``done`` iterations were completed before, on resume)."""

    def stage(self, iteration: int, name: str) -> None:
        """Iteration ``iteration`` enters stage ``name``."""

    def iteration_done(self, row: dict[str, Any]) -> None:
        """An iteration completed with metrics ``row``."""

    def end(self) -> None:
        """The run ends (normally or not)."""


class NullProgress:
    """Reports nothing."""

    def begin(self, total: int, done: int) -> None:
        """Nothing."""

    def stage(self, iteration: int, name: str) -> None:
        """Nothing."""

    def iteration_done(self, row: dict[str, Any]) -> None:
        """Nothing."""

    def end(self) -> None:
        """Nothing."""


def _fmt(value: Any, spec: str = ".1f") -> str:
    return "-" if value is None else format(value, spec)


class RichProgress:
    """A live bar (iteration, real steps, imagined steps, audit pass rate, latest eval return)
    and one logged line per iteration."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]iteration"),
            MofNCompleteColumn(),
            BarColumn(),
            TextColumn("{task.fields[stats]}"),
            TimeElapsedColumn(),
            console=self.console,
            transient=False,
        )
        self._task: Any = None
        self._stats = "starting"

    def begin(self, total: int, done: int) -> None:
        """Show the bar."""
        self._progress.start()
        self._task = self._progress.add_task("train", total=total, completed=done, stats="")

    def stage(self, iteration: int, name: str) -> None:
        """Name the running stage beside the latest numbers."""
        if self._task is not None:
            self._progress.update(self._task, stats=f"{self._stats} | {name}")

    def iteration_done(self, row: dict[str, Any]) -> None:
        """Advance the bar and log the iteration."""
        self._stats = (
            f"real {row.get('real_steps', 0)} | imagined {row.get('imagined_steps', 0)} | "
            f"audit {_fmt(row.get('audit_pass_rate'), '.0%')} | "
            f"eval {_fmt(row.get('eval_mean_return'))}"
        )
        if self._task is not None:
            self._progress.update(self._task, advance=1, stats=self._stats)
        self.console.print(
            f"iteration {row.get('iteration')}: {self._stats} | "
            f"{_fmt(row.get('iteration_seconds'))} s"
        )

    def end(self) -> None:
        """Stop the live display."""
        self._progress.stop()
