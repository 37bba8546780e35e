"""``plasma-train`` and ``plasma-eval``: the training loop and a run's evaluation, from a shell.

Exit status: 0 done, 1 failed while running, 2 bad input (a flag, a config, an env that cannot be
made, a run directory that is not Plasma's, in use, or corrupt, a packet that is not trusted),
always with one line naming the input; 130 interrupted by Ctrl-C, 143 stopped by SIGTERM (resume
with ``plasma-train --resume RUN``); 141 when the reader of stdout went away (``| head``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import signal
import sys
import threading
import traceback
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from pydantic import ValidationError

from plasma._cli import Stopped, run_command, stdout_held, stop_message, stop_signals
from plasma._config import validation_message
from plasma._io import loads_json
from plasma.errors import InvalidArgumentError, PlasmaError, WriteError
from plasma.train import faults as _faults  # noqa: F401  (registers PLASMA_FAULT's check)
from plasma.train.config import TrainConfig, load_config_file
from plasma.train.keys import SIGNING_KEY_ENV
from plasma.train.rundir import RunDir, find_latest_run, public_json

__all__ = ["eval_main", "train_main"]

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

T = TypeVar("T")


class _UsageError(Exception):
    """A bad flag value or config: exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors on one line (and exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {_one_line(message)} (see --help)\n")


def _anchored(args: argparse.Namespace) -> argparse.Namespace:
    """``args`` with every path flag made absolute, against the directory the command was
    started in: a relative ``--runs-dir``, ``--run-dir``, ``--base`` or key file names the same
    file for the whole command, even when the user's env changes the process's working
    directory while it is made, reset or stepped (the run directory itself is anchored by
    :class:`RunDir`)."""
    for name, value in vars(args).items():
        if isinstance(value, Path):
            setattr(args, name, value.absolute())
    return args


def _one_line(text: object) -> str:
    """``text`` with its lines joined: every error is reported on one line."""
    return " ".join(str(text).split())


def _fail(prog: str, err: object, status: int = EXIT_USAGE, then: str = "") -> int:
    """Report ``err`` on one line (ending with ``then``, what to do next, when given); an error
    that is not Plasma's own or the system's (a bug, not bad input) also says how to see where it
    happened, and ``--verbose`` shows that. A file that could not be written (a full disk, a
    read-only run directory) is the system's failure, not bad input: status 1 wherever it
    happens."""
    if isinstance(err, WriteError):
        status = EXIT_FAILED
    unexpected = isinstance(err, Exception) and not isinstance(
        err, (PlasmaError, OSError, _UsageError)
    )
    hint = " (run with --verbose for the traceback)" if unexpected else ""
    if unexpected and logging.getLogger().isEnabledFor(logging.INFO):
        assert isinstance(err, Exception)
        traceback.print_exception(err, file=sys.stderr)
        hint = ""
    print(f"{prog}: error: {_one_line(err)}{hint}{then and '; ' + then}", file=sys.stderr)
    return status


def _fail_running(run: RunDir, err: Exception) -> int:
    """Report a failure of a run that has started (status 1) on one line: the error (see
    :func:`_fail`), what is saved, and how to continue once its cause is fixed."""
    try:
        done = run.read_state().completed_iterations
    except PlasmaError:
        done = 0
    saved = f"its {done} completed iteration(s) are saved" if done else "nothing was committed"
    then = f"the run stopped ({saved}); fix the cause, then: plasma-train --resume {run.path}"
    return _fail("plasma-train", err, EXIT_FAILED, then)


def _help(field: str) -> str:
    info = TrainConfig.model_fields[field]
    text = " ".join((info.description or "").split())
    default = info.get_default(call_default_factory=True)
    if isinstance(default, (int, float, str, Path)) or default is None:
        text += f" (default: {default})"
    return text.replace("%", "%%")


def _train_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="plasma-train",
        description=(
            "Train a policy from audited imagined experience: each iteration collects real steps,"
            " fits the world model, imagines phantom paths, audits them, distils the approved"
            " ones into a packet, deploys it and evaluates it. With no arguments: Pendulum-v1"
            " with defaults that learn. Runs are written under ./runs/."
        ),
        epilog=(
            "Precedence: defaults < --config FILE < --set < flags. Exit status: 0 done, 1 failed, "
            "2 bad input (flags, config, env, run directory), 130 interrupted (143: SIGTERM; "
            "continue with --resume RUN)."
        ),
    )
    parser.add_argument(
        "--env",
        help=_help("env") + " Your own env: 'my_package.module:MyEnv-v0' imports the module "
        "(which registers the id) first.",
    )
    parser.add_argument("--variant", help=_help("variant"))
    parser.add_argument("--env-kwargs", metavar="JSON", help=_help("env_kwargs"))
    parser.add_argument("--seed", type=int, help=_help("seed"))
    parser.add_argument("--iterations", type=int, help=_help("iterations"))
    parser.add_argument("--real-steps", type=int, help=_help("real_steps"))
    parser.add_argument("--num-paths", type=int, help=_help("num_paths"))
    parser.add_argument("--path-length", type=int, help=_help("path_length"))
    parser.add_argument(
        "--collect-mode", choices=["planner", "policy", "random"], help=_help("collect_mode")
    )
    parser.add_argument("--eval-episodes", type=int, help=_help("eval_episodes"))
    parser.add_argument("--runs-dir", type=Path, help=_help("runs_dir"))
    parser.add_argument("--name", help=_help("name"))
    parser.add_argument(
        "--run-dir",
        type=Path,
        metavar="DIR",
        help="Directory of this run (overrides --runs-dir and --name).",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="Read settings from a JSON or TOML file (any TrainConfig field, nested ones too).",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="Override one setting by its dotted name, e.g. --set world_model.max_epochs=40 "
        "(VALUE is read as JSON when it parses, else as a string). Repeatable.",
    )
    parser.add_argument(
        "--resume",
        metavar="RUN",
        help="Continue the run RUN (a directory, or a name under --runs-dir) from its last "
        "completed iteration, with its saved config; only --iterations may change.",
    )
    parser.add_argument("--base", type=Path, metavar="RUN", help=_help("base_run"))
    parser.add_argument("--backend", choices=["local", "ray"], help=_help("backend"))
    parser.add_argument(
        "--ray-address",
        metavar="ADDR",
        help="With --backend ray: the Ray cluster to use (host:port of a running head, "
        "ray://host:port or auto); without it a local Ray instance is started and stopped.",
    )
    _add_trust_flags(parser)
    parser.add_argument(
        "--signing-key-file", type=Path, metavar="FILE", help=_help("signing_key_file")
    )
    parser.add_argument("--no-trace", action="store_true", help="Do not write trace.jsonl.")
    parser.add_argument("--quiet", action="store_true", help="No progress display.")
    parser.add_argument("--verbose", action="store_true", help="Log what each component does.")
    parser.add_argument(
        "--print-config",
        action="store_true",
        help="Print the resolved config as JSON and exit without training.",
    )
    return parser


def _add_trust_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--trusted-key",
        action="append",
        default=[],
        metavar="KEY",
        help="Trust packets signed by this Ed25519 public key: 64 hex digits, or a file "
        "holding them. Repeatable.",
    )
    parser.add_argument(
        "--keyring",
        type=Path,
        metavar="FILE",
        help="Trust the keys of this keyring file, one per line: 'ed25519 HEX' or "
        "'hmac-sha256 HEX' (default: the file PLASMA_KEYRING names).",
    )
    parser.add_argument(
        "--allow-unsigned",
        action="store_true",
        help="Also activate packets that carry no signature.",
    )


_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")


def _trusted_keys(values: list[str]) -> list[str]:
    """``--trusted-key`` values as public keys (hex given directly, or read from a file)."""
    from plasma.distiller.signing import parse_public_key
    from plasma.train.keys import read_key_file

    keys = []
    for value in values:
        text = value if _HEX64.match(value.strip()) else None
        if text is None:
            path = Path(value)
            if not path.is_file():
                raise _UsageError(
                    f"--trusted-key {value}: neither 64 hex digits nor a file holding them"
                )
            text = read_key_file(path, "--trusted-key file")
        try:
            keys.append(parse_public_key(text))
        except PlasmaError as err:
            raise _UsageError(f"--trusted-key {value}: {err}") from err
    return keys


def _shorten(text: str, keep: int = 80) -> str:
    """``text``, cut to ``keep`` characters for a message (a value may be huge)."""
    return text if len(text) <= keep else f"{text[:keep]}... ({len(text):,} characters)"


def _env_kwargs(raw: str | None) -> dict[str, Any] | None:
    if raw is None:
        return None
    try:
        value = loads_json(raw)
    except ValueError as err:
        raise _UsageError(f"--env-kwargs {_shorten(raw)}: not JSON ({err})") from err
    if not isinstance(value, dict):
        raise _UsageError(
            f"--env-kwargs {_shorten(raw)}: must be a JSON object of keyword arguments"
        )
    return value


def _set_dotted(target: dict[str, Any], dotted: str, raw: str) -> None:
    keys = [k for k in dotted.split(".") if k]
    if not keys:
        raise _UsageError(f"--set {dotted}={raw}: empty setting name")
    try:
        value: Any = loads_json(raw)
    except ValueError:
        value = raw
    node = target
    for key in keys[:-1]:
        child = node.get(key)
        if not isinstance(child, dict):
            child = {}
            node[key] = child
        node = child
    node[keys[-1]] = value


def _resolve_train_config(args: argparse.Namespace) -> TrainConfig:
    data: dict[str, Any] = {}
    if args.config is not None:
        try:
            data = load_config_file(args.config)
        except PlasmaError as err:
            raise _UsageError(str(err)) from err
    for item in args.set:
        key, sep, raw = item.partition("=")
        if not sep:
            raise _UsageError(f"--set {item!r}: expected KEY=VALUE")
        _set_dotted(data, key.strip(), raw)
    flags = {
        "env": args.env,
        "variant": args.variant,
        "seed": args.seed,
        "iterations": args.iterations,
        "real_steps": args.real_steps,
        "num_paths": args.num_paths,
        "path_length": args.path_length,
        "collect_mode": args.collect_mode,
        "eval_episodes": args.eval_episodes,
        "runs_dir": args.runs_dir,
        "name": args.name,
        "base_run": args.base,
        "env_kwargs": _env_kwargs(args.env_kwargs),
        "keyring": args.keyring,
        "signing_key_file": args.signing_key_file,
    }
    data.update({k: v for k, v in flags.items() if v is not None})
    if args.trusted_key:
        data["trusted_keys"] = [*data.get("trusted_keys", []), *_trusted_keys(args.trusted_key)]
    if args.allow_unsigned:
        data["allow_unsigned_packets"] = True
    if args.signing_key_file is not None or os.environ.get(SIGNING_KEY_ENV, "").strip():
        # A key given without an algorithm is an Ed25519 private key.
        distiller = data.get("distiller")
        distiller = dict(distiller) if isinstance(distiller, dict) else {}
        distiller.setdefault("signing_algorithm", "ed25519")
        data["distiller"] = distiller
    _apply_backend_flags(data, args)
    if args.no_trace:
        data["trace"] = False
    if args.run_dir is not None:
        data["runs_dir"] = args.run_dir.parent
        data["name"] = args.run_dir.name
    return _config_from(data)


def _config_from(data: dict[str, Any]) -> TrainConfig:
    """``data`` (from the command line) as a config; a usage error lists what is invalid."""
    try:
        return TrainConfig.model_validate(data)
    except InvalidArgumentError as err:
        raise _UsageError(_validation_message(err)) from err


def _saved_config(run: RunDir) -> TrainConfig:
    """The config a run saved; a usage error when it no longer validates."""
    try:
        return TrainConfig.model_validate(run.read_config_dict())
    except InvalidArgumentError as err:
        message = _validation_message(err)
        raise _UsageError(f"{run.config_file} is not a valid config: {message}") from err
    except ValueError as err:
        raise _UsageError(str(err)) from err


def _apply_backend_flags(data: dict[str, Any], args: argparse.Namespace) -> None:
    if args.backend is not None:
        data["backend"] = args.backend
    if args.ray_address is not None:
        ray = data.get("ray")
        data["ray"] = {**(ray if isinstance(ray, dict) else {}), "address": args.ray_address}


def _validation_message(err: InvalidArgumentError) -> str:
    """What a config's error says, as the commands word it (the fields and the reasons)."""
    cause = err.__cause__
    if isinstance(cause, ValidationError):
        return validation_message(cause, "configuration")
    return str(err)


def _find_run(spec: str | Path, runs_dir: Path) -> RunDir:
    """The run ``spec`` names (its rule: :meth:`RunDir.find`), as a usage error."""
    try:
        return RunDir.find(spec, runs_dir)
    except PlasmaError as err:
        raise _UsageError(str(err)) from err


def _check_env(config: TrainConfig, fits: Sequence[tuple[RunDir, str]] = ()) -> None:
    """Check the run's env (made, reset and stepped once: :func:`plasma.envs.check_env`) and its
    variant, so that an env Plasma cannot use is a usage error before anything is created; and
    that its spaces are those each run of ``fits`` (the run resumed, the ``--base`` run; with
    where the env came from) was trained on (:meth:`RunDir.check_env_fits`)."""
    import numpy as np

    from plasma.envs import check_env, make_env
    from plasma.errors import EnvNotSupportedError
    from plasma.train.budget import memory_problem

    check = check_env(
        config.env,
        env_kwargs=config.env_kwargs,
        needs=lambda spaces: memory_problem(config, spaces),
    )
    if check.problems:
        raise _UsageError(f"--env {config.env}: {'; '.join(check.problems)}")
    try:
        with make_env(config.env, config.variant or None, env_kwargs=config.env_kwargs) as env:
            bounds = np.concatenate([env.action_low, env.action_high])
            if env.n_actions is None and not np.all(np.isfinite(bounds)):
                raise EnvNotSupportedError(
                    f"the action Box has infinite bounds (low {env.action_low.tolist()}, high "
                    f"{env.action_high.tolist()}); training plans and distils actions within "
                    "the bounds: declare the range the env's actions really take"
                )
            for other, how in fits:
                try:
                    other.check_env_fits(other.read_state(), env, how)
                except PlasmaError as err:
                    raise _UsageError(str(err)) from err
    except EnvNotSupportedError as err:
        raise _UsageError(f"--env {config.env}: {err}") from err
    except PlasmaError as err:
        variant = ",".join(f"{k}={v:g}" for k, v in config.variant.items())
        where = f"--variant {variant}" if config.variant else f"--env {config.env}"
        raise _UsageError(f"{where}: {err}") from err


def _resume_config(args: argparse.Namespace) -> tuple[TrainConfig, RunDir]:
    run = _find_run(args.resume, args.runs_dir or Path("runs"))
    if not run.is_plasma_run():
        raise _UsageError(f"--resume {args.resume}: {run.path} is not a Plasma run directory")
    config = _saved_config(run)
    state = run.read_state()
    ignored = [
        flag
        for flag, value in (
            ("--env", args.env),
            ("--env-kwargs", args.env_kwargs),
            ("--variant", args.variant),
            ("--seed", args.seed),
            ("--real-steps", args.real_steps),
            ("--num-paths", args.num_paths),
            ("--path-length", args.path_length),
            ("--config", args.config),
            ("--base", args.base),
        )
        if value is not None
    ]
    if ignored or args.set:
        print(
            f"plasma-train: --resume keeps the run's saved config; ignoring {', '.join(ignored)}"
            f"{' --set' if args.set else ''}",
            file=sys.stderr,
        )
    data = config.model_dump()
    if args.iterations is not None:
        if args.iterations < state.completed_iterations:
            raise _UsageError(
                f"--iterations {args.iterations}: run {run.path} has already completed "
                f"{state.completed_iterations} iterations"
            )
        data["iterations"] = args.iterations
    data.update({"runs_dir": run.path.parent, "name": run.path.name})
    # Where the work runs, where the secrets are and which keys are trusted are not part of
    # the run's results: a resumed run may change them.
    _apply_backend_flags(data, args)
    if args.signing_key_file is not None:
        data["signing_key_file"] = args.signing_key_file
    if args.trusted_key:
        data["trusted_keys"] = [*data["trusted_keys"], *_trusted_keys(args.trusted_key)]
    if args.keyring is not None:
        data["keyring"] = args.keyring
    if args.allow_unsigned:
        data["allow_unsigned_packets"] = True
    return _config_from(data), run


def _verify_resumable(run: RunDir, config: TrainConfig) -> None:
    """Check, before any work, what a resumed run will load: every committed file against its
    checksum, its real data and world model readable as what Plasma writes (a file replaced
    with its checksum updated), and the active packet's signature against the run's keys."""
    from plasma.distiller import InstructionPacket
    from plasma.simulator import WorldModel
    from plasma.train.keys import packet_keyring

    state = run.read_state()
    run.verify_all(state)
    run.load_transitions(state)
    if state.world_model is not None:
        WorldModel.load(run.verified(state, state.world_model))
    if state.active_packet is not None:
        manifest = InstructionPacket.load(run.path / state.active_packet).manifest
        packet_keyring(config).verify(manifest)


def _check_base(path: Path) -> None:
    """Check, before anything is created, the run ``--base`` names as a resume checks its own:
    its state readable and every file it committed matching its checksum."""
    try:
        base = RunDir.find(path)
        state = base.committed_state()
        base.verify_all(state)
    except PlasmaError as err:
        raise _UsageError(f"--base {path}: {err}") from err


def _prepare_keys(config: TrainConfig, *, new: bool) -> TrainConfig:
    """``config`` with its signing key in memory and (for a new run) its trust decided; every key
    and keyring it names is read here, so that a bad one is a usage error."""
    from plasma.train.keys import packet_keyring, resolve_trust, with_signing_key

    config = with_signing_key(config)
    if new:
        config = resolve_trust(config)
    packet_keyring(config)
    return config


def _run_interruptibly(main: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(main)``, except that Ctrl-C (SIGINT), SIGTERM and SIGHUP (those
    :func:`~plasma._cli.stop_signals` gives) stop promptly: the first
    cancels ``main`` (its cleanups run) and raises :class:`~plasma._cli.Stopped` (a
    KeyboardInterrupt) without waiting for worker threads still busy (the caller then exits with
    ``os._exit``); a second exits at once."""
    if threading.current_thread() is not threading.main_thread():
        return asyncio.run(main)  # signals go to the main thread only
    loop = asyncio.new_event_loop()
    task = loop.create_task(main)
    stopped_by: int | None = None

    def on_signal(signum: int, frame: object) -> None:
        nonlocal stopped_by
        if stopped_by is not None:
            os._exit(128 + signum)
        stopped_by = signum
        loop.call_soon_threadsafe(task.cancel)

    handled = stop_signals()
    previous = {signum: signal.signal(signum, on_signal) for signum in handled}
    try:
        return loop.run_until_complete(task)
    except asyncio.CancelledError:
        if stopped_by is not None:
            raise Stopped(stopped_by) from None
        raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if stopped_by is None:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def train_main(argv: Sequence[str] | None = None) -> int:
    """``plasma-train``; returns the exit status. On Ctrl-C the process ends at once (status 130)
    without waiting for a stage's worker threads: what they were doing is uncommitted. Stopped
    before training starts (checking a slow env, say), it ends as :mod:`plasma._cli` says."""
    return run_command(
        "plasma-train", lambda: _train_main(argv), stopped="training had not started"
    )


def _train_main(argv: Sequence[str] | None) -> int:
    parser = _train_parser()
    try:
        args = _anchored(parser.parse_args(argv))
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
    _setup_logging(args.verbose)
    with stdout_held():  # --print-config's JSON alone on stdout: a user env may print when made
        prepared = _prepare_training(args)
    if isinstance(prepared, int):
        return prepared
    if isinstance(prepared, str):
        print(prepared)
        return 0
    config, run, trainer = prepared
    return _run_training(config, run, trainer)


def _prepare_training(args: argparse.Namespace) -> tuple[TrainConfig, RunDir, Any] | str | int:
    """The run ``plasma-train`` will train (its config, directory and trainer), the config's
    JSON for ``--print-config``, or the exit status of bad input (reported). Everything that
    can be wrong with the input is checked before anything is created."""
    from plasma.train.loop import Trainer, new_run_dir
    from plasma.train.progress import NullProgress, ProgressSink, RichProgress

    try:
        if args.resume is not None:
            config, run = _resume_config(args)
        else:
            config = _resolve_train_config(args)
            run = new_run_dir(config)
            if run.state_file.is_file():
                raise _UsageError(
                    f"{run.path} already holds a run: continue it with --resume {run.path}, or "
                    "choose another --name"
                )
            if config.base_run is not None:
                _check_base(config.base_run)
        config = _prepare_keys(config, new=args.resume is None)
        fits = [(run, f"named in {run.config_file}")] if args.resume is not None else []
        if args.resume is None and config.base_run is not None:
            fits.append((RunDir(config.base_run), f"--env {config.env} with --base"))
        _check_env(config, fits)
        if args.print_config:
            return public_json(config).decode()
        if config.backend == "ray":  # a backend it cannot use: bad input, before any work
            from plasma.distributed.ray_backend import check_available

            check_available(config.ray)
        run.claim()
        if args.resume is None and run.state_file.is_file():
            raise _UsageError(f"{run.path} already holds a run: continue it with --resume")
        if args.resume is not None:
            _verify_resumable(run, config)
        progress: ProgressSink = NullProgress() if args.quiet else RichProgress()
        return config, run, Trainer(config, run, progress=progress)
    except (_UsageError, PlasmaError, OSError) as err:
        return _fail("plasma-train", err)


def _run_training(config: TrainConfig, run: RunDir, trainer: Any) -> int:
    print(f"plasma-train: run directory {run.path}", file=sys.stderr)
    try:
        state = _run_interruptibly(trainer.run())
    except KeyboardInterrupt as stop:
        line, status = stop_message("plasma-train", stop)
        print(
            f"\n{line}; completed iterations are saved. Continue with:\n"
            f"  plasma-train --resume {run.path}",
            file=sys.stderr,
        )
        sys.stdout.flush()
        sys.stderr.flush()
        # Worker threads may still be inside a stage; what they do is uncommitted and redone
        # on resume, so the process ends now instead of waiting for them.
        os._exit(status)
    except Exception as err:  # a failure while running: one line, and how to go on
        return _fail_running(run, err)
    last = state.last_eval_return
    evaluating = (
        f" (and {state.eval_steps} real steps of evaluation episodes)" if state.eval_steps else ""
    )
    print(
        f"plasma-train: done: {state.completed_iterations} iterations, {state.real_steps} real "
        f"steps trained on{evaluating}, {state.imagined_steps} imagined steps, last eval return "
        f"{last if last is None else round(last, 2)}"
        f"{' (in the world model)' if config.eval_in_model and not evaluating else ''}"
        f"; evaluate with: plasma-eval --run {run.path}",
        file=sys.stderr,
    )
    return 0


# ------------------------------------------------------------------------------------ eval
def _eval_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="plasma-eval",
        description="Evaluate a run's deployed policy (or its planner) in the real environment.",
        epilog="Exit status: 0 done, 1 failed, 2 bad input (flags, no run found, a corrupt run, "
        "an untrusted packet, an env that cannot be made).",
    )
    parser.add_argument(
        "--episodes", type=int, default=10, help="Evaluation episodes (default: 10)."
    )
    parser.add_argument(
        "--max-steps",
        type=int,
        default=None,
        help="Step limit of each episode (default: the environment's).",
    )
    parser.add_argument(
        "--run", help="Run directory, or a name under --runs-dir (default: the most recent run)."
    )
    parser.add_argument(
        "--runs-dir",
        type=Path,
        default=Path("runs"),
        help="Directory that holds the runs (default: runs).",
    )
    parser.add_argument(
        "--packet",
        help="Evaluate with this packet (directory or id under the run's packets/) instead of "
        "the run's active one.",
    )
    parser.add_argument(
        "--mode",
        choices=["policy", "plan"],
        default="policy",
        help='"policy": the deployed distilled policy (default); "plan": model-predictive '
        "control as the run plans: its latest world model and value, the deployed policy "
        "among the plans.",
    )
    parser.add_argument(
        "--variant",
        help="Evaluate in this physical variant instead of the run's, e.g. g=12.0.",
    )
    parser.add_argument(
        "--env-kwargs",
        metavar="JSON",
        help="Keyword arguments of gymnasium.make, instead of the run's env_kwargs.",
    )
    parser.add_argument(
        "--seed", type=int, default=10_000, help="Seed of the episodes (default: 10000)."
    )
    _add_trust_flags(parser)
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    return parser


def eval_main(argv: Sequence[str] | None = None) -> int:
    """``plasma-eval``; returns the exit status (a stop by Ctrl-C or SIGTERM, or a reader that
    closes stdout early, ends it as :mod:`plasma._cli` says: it writes no file)."""
    return run_command("plasma-eval", lambda: _eval_main(argv), stopped="nothing was written")


def _eval_main(argv: Sequence[str] | None) -> int:
    parser = _eval_parser()
    try:
        args = _anchored(parser.parse_args(argv))
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
    _setup_logging(False)
    with stdout_held():  # the result alone on stdout: a user env may print while it runs
        out = _evaluate_run(args)
    if isinstance(out, int):
        return out
    if args.json:
        print(json.dumps(out))
    else:
        packet = out["packet"]
        print(f"run:      {out['run']} ({out['env']} {out['variant'] or ''})")
        print(f"mode:     {out['mode']}" + (f" + packet {Path(packet).name}" if packet else ""))
        print(f"episodes: {out['episodes']}")
        print(f"return:   {out['mean_return']:.2f} ± {out['std_return']:.2f}")
        print(f"length:   {out['mean_length']:.1f}")
        print(f"ended by the task (not a time limit): {out['terminated_rate']:.0%}")
        print(f"trained on {out['real_steps_trained']} real steps ({out['iterations']} iterations)")
    return 0


def _evaluate_run(args: argparse.Namespace) -> dict[str, Any] | int:
    """The evaluation ``plasma-eval`` prints (its JSON object), or the exit status of a
    failure (reported)."""
    from plasma.distiller import Policy
    from plasma.envs import make_env
    from plasma.train.evaluate import (
        episode_limit,
        evaluate,
        load_deployed_policy,
        policy_actor,
        run_planner_actor,
    )
    from plasma.train.keys import consumer_keyring

    try:
        if args.episodes < 1:
            raise _UsageError("--episodes must be at least 1")
        if args.max_steps is not None and args.max_steps < 1:
            raise _UsageError("--max-steps must be at least 1")
        if args.run is None:
            latest = find_latest_run(args.runs_dir)
            if latest is None:
                raise _UsageError(
                    f"no run found under {args.runs_dir}/: train one with plasma-train, or pass "
                    "--run"
                )
            run = RunDir(latest)
        else:
            run = _find_run(args.run, args.runs_dir)
        state = run.committed_state()
        config = _saved_config(run)
        variant: Any = config.variant
        if args.variant is not None:
            variant = _config_from({"variant": args.variant}).variant
        env_kwargs = _env_kwargs(args.env_kwargs)
        if env_kwargs is None:
            env_kwargs = config.env_kwargs
        keyring = consumer_keyring(
            config,
            trusted_keys=_trusted_keys(args.trusted_key),
            keyring=args.keyring,
            allow_unsigned=args.allow_unsigned,
        )
        packet: str | None = None
        env = make_env(config.env, variant or None, seed=args.seed, env_kwargs=env_kwargs)
    except (_UsageError, PlasmaError, OSError) as err:
        return _fail("plasma-eval", err)

    with env:
        try:
            how = "with --env-kwargs" if args.env_kwargs is not None else "named in config.json"
            run.check_env_fits(state, env, how)
            deployed: Policy | None = None
            if state.policy_dir is not None or args.mode == "policy":
                deployed, packet = load_deployed_policy(
                    run, state, packet=args.packet, keyring=keyring
                )
            if args.mode == "plan":
                actor = run_planner_actor(run, state, config, env, seed=args.seed, prior=deployed)
            else:
                assert deployed is not None
                actor = policy_actor(deployed)
        except (_UsageError, PlasmaError, OSError) as err:
            return _fail("plasma-eval", err)
        if args.max_steps is None and env.max_episode_steps is None:
            print(
                f"plasma-eval: warning: env {config.env!r} has no time limit: each episode is cut "
                f"after {episode_limit(env)} steps (--max-steps sets another limit)",
                file=sys.stderr,
            )
        try:
            result = evaluate(env, actor, args.episodes, seed=args.seed, max_steps=args.max_steps)
        except (PlasmaError, ValueError, OSError) as err:
            return _fail("plasma-eval", err, EXIT_FAILED)
    return {
        "run": str(run.path),
        "env": config.env,
        "variant": variant,
        "mode": args.mode,
        "packet": packet,
        "episodes": result.episodes,
        "mean_return": result.mean_return,
        "std_return": result.std_return,
        "mean_length": result.mean_length,
        "terminated_rate": result.terminated_rate,
        "returns": result.returns,
        "real_steps_trained": state.real_steps,
        "iterations": state.completed_iterations,
    }


if __name__ == "__main__":
    name = Path(sys.argv[0]).name
    sys.exit(eval_main() if "eval" in name else train_main())
