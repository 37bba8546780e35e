# ruff: noqa: E501
"""The eight trajectory formats of the tenth held-out part (issue 15, round 10).

Written before any detector of that round changed. No earlier part and no dev case uses these
shapes: the point of the part is tool-call formats nobody has listed. The repositories, tasks and
test outputs are those of :mod:`benches.agent_corpus.held_out9_projects` (only the formats and the
cases are new). Formats (``HO10_STYLES``):

- ``envelope``: no top-level ``role``; every line is an ``event`` whose ``by`` names the actor,
  calls are ``invoke`` objects (``op``/``with``), results ``ret`` objects (``code``/``text``);
- ``deutsch``: German keys (``rolle``, ``werkzeug``, ``parameter``, ``ausgabe``,
  ``rueckgabewert``);
- ``yamllog``: the agent's actions as YAML-like text in ``content`` (``action:``, block scalars),
  results as YAML-like text from an ``env`` role;
- ``b64``: a ``workspace`` call object on the line, diffs and file bodies base64-encoded, results
  in a ``result`` object;
- ``batched``: several actions per line (``actions`` with ``kind``), edits as hunks of line lists,
  results as a ``results`` list;
- ``multipart``: ``parts`` with ``kind`` (``prose``/``invoke``/``outcome``): the result sits in the
  calling line, edits as ``ops`` of ``del``/``ins`` on a ``file://`` uri;
- ``lineproto``: a line-oriented log, no role at all: ``msg`` lines prefixed ``USER:``,
  ``AGENT:``, ``EXEC:``, ``APPLY``, ``WRITE``, ``RESULT rc=N``;
- ``pares``: Spanish keys, a call as ``[name, [[key, value], ...]]``, results as key/value pairs.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from benches.agent_corpus.render import Trajectory, unified_diff


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _lines(text: str) -> list[str]:
    return text.split("\n")


class T10(Trajectory):
    """A trajectory in one of the tenth part's formats."""

    def __post_init__(self) -> None:
        self._agent: list[int] = []
        self._pending: list[dict[str, Any]] = []
        self._pending_mark = False
        self._n = 0
        super().__post_init__()

    # ------------------------------------------------------------------ plumbing
    def _line(self, obj: dict[str, Any], agent: bool = False) -> int:
        self.steps.append(obj)
        if agent:
            self._agent.append(len(self.steps) - 1)
        return len(self.steps) - 1

    def _add(self, **step: Any) -> int:
        """Messages of the user (the task, later messages) and of the system."""
        role, text = step.get("role"), step.get("content") or ""
        if role == "assistant":
            return self._msg(text)
        return self._user(text)

    def _user(self, text: str) -> int:
        s = self.style
        n = len(self.steps)
        if s == "envelope":
            return self._line({"seq": n, "event": {"by": "operator", "say": text}})
        if s == "deutsch":
            return self._line({"schritt": n, "rolle": "nutzer", "text": text})
        if s == "lineproto":
            return self._line({"ts": f"00:{n:04d}", "msg": f"USER: {text}"})
        if s == "pares":
            return self._line({"paso": n, "papel": "usuario", "mensaje": text})
        return self._line({"step": n, "role": "user", "content": text})

    def _msg(self, text: str) -> int:
        self._flush()
        s = self.style
        n = len(self.steps)
        if s == "envelope":
            return self._line({"seq": n, "event": {"by": "agent", "say": text}}, True)
        if s == "deutsch":
            return self._line({"schritt": n, "rolle": "assistent", "text": text}, True)
        if s == "lineproto":
            return self._line({"ts": f"00:{n:04d}", "msg": f"AGENT: {text}"}, True)
        if s == "pares":
            return self._line({"paso": n, "papel": "agente", "mensaje": text}, True)
        if s == "multipart":
            return self._line(
                {"step": n, "role": "assistant", "parts": [{"kind": "prose", "value": text}]}, True
            )
        return self._line({"step": n, "role": "assistant", "content": text}, True)

    def mark(self) -> Trajectory:
        if self._pending:
            self._pending_mark = True
        else:
            self.marks.append(self._agent[-1])
        return self

    def jsonl(self) -> str:
        self._flush()
        return "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in self.steps)

    # ------------------------------------------------------------------ one operation
    def _op(self, thought: str | None, op: dict[str, Any], output: str, exit_code: int = 0) -> None:
        """One action (``op``: kind ``run``/``read``/``edit``/``write``/``diff``) and its result."""
        s = self.style
        n = len(self.steps)
        self._n += 1
        kind = op["kind"]
        if s == "batched" and kind in ("edit", "write"):
            self._pending.append({"op": op, "thought": thought, "output": output})
            return
        if s == "batched":
            self._flush(extra={"op": op, "thought": thought, "output": output, "code": exit_code})
            return
        if s == "envelope":
            inv = {
                "run": lambda: {"op": "sh", "with": {"line": op.get("cmd")}},
                "read": lambda: {"op": "fs.get", "with": {"target": op.get("abs")}},
                "edit": lambda: {
                    "op": "fs.splice",
                    "with": {"target": op.get("abs"), "cut": op.get("old"), "paste": op.get("new")},
                },
                "write": lambda: {
                    "op": "fs.put",
                    "with": {"target": op.get("abs"), "bytes": op.get("after")},
                },
            }[kind]()
            ev: dict[str, Any] = {"by": "agent", "invoke": inv}
            if thought:
                ev["note"] = thought
            self._line({"seq": n, "event": ev}, True)
            self._line(
                {
                    "seq": n + 1,
                    "event": {"by": "runtime", "ret": {"code": exit_code, "text": output}},
                }
            )
        elif s == "deutsch":
            tool, params = {
                "run": lambda: ("befehl_ausfuehren", {"befehlszeile": op.get("cmd")}),
                "read": lambda: ("datei_lesen", {"datei": op.get("abs")}),
                "edit": lambda: (
                    "datei_ersetzen",
                    {"datei": op.get("abs"), "alt": op.get("old"), "neu": op.get("new")},
                ),
                "write": lambda: (
                    "datei_schreiben",
                    {"datei": op.get("abs"), "inhalt": op.get("after")},
                ),
            }[kind]()
            line: dict[str, Any] = {"schritt": n, "rolle": "assistent"}
            if thought:
                line["gedanke"] = thought
            line.update({"werkzeug": tool, "parameter": params})
            self._line(line, True)
            self._line(
                {
                    "schritt": n + 1,
                    "rolle": "werkzeug",
                    "ausgabe": output,
                    "rueckgabewert": exit_code,
                }
            )
        elif s == "yamllog":
            head = f"thought: {thought}\n" if thought else ""
            if kind == "run":
                cmd = op["cmd"]
                body = (
                    f"action: shell\ncommand: {cmd}"
                    if "\n" not in cmd
                    else "action: shell\ncommand: |\n" + _indent(cmd)
                )
            elif kind == "read":
                body = f"action: open\npath: {op['path']}"
            elif kind == "edit":
                body = f"action: replace\npath: {op['path']}\nold: |\n{_indent(op['old'])}\nnew: |\n{_indent(op['new'])}"
            else:
                body = f"action: write\npath: {op['path']}\nbody: |\n{_indent(op['after'])}"
            self._line({"step": n, "role": "assistant", "content": head + body}, True)
            self._line(
                {
                    "step": n + 1,
                    "role": "env",
                    "content": f"exit_status: {exit_code}\noutput: |\n{_indent(output)}",
                }
            )
        elif s == "b64":
            if kind == "run":
                call = {"action": "exec", "line": op["cmd"]}
            elif kind == "read":
                call = {"action": "cat", "path": op["path"]}
            elif kind == "write":
                call = {"action": "put", "path": op["path"], "data_b64": _b64(op["after"])}
            else:
                call = {
                    "action": "apply",
                    "diff_b64": _b64(unified_diff(op["path"], op["before"], op["after"])),
                }
            line = {"step": n, "role": "assistant", "content": thought or "", "workspace": call}
            self._line(line, True)
            self._line(
                {"step": n + 1, "role": "tool", "result": {"out": output, "exit": exit_code}}
            )
        elif s == "multipart":
            if kind == "run":
                inv = {"kind": "invoke", "target": "terminal", "payload": {"script": op["cmd"]}}
            elif kind == "read":
                inv = {
                    "kind": "invoke",
                    "target": "reader",
                    "payload": {"uri": "file://" + op["abs"]},
                }
            elif kind == "edit":
                inv = {
                    "kind": "invoke",
                    "target": "editor",
                    "payload": {
                        "uri": "file://" + op["abs"],
                        "ops": [{"del": op["old"], "ins": op["new"]}],
                    },
                }
            else:
                inv = {
                    "kind": "invoke",
                    "target": "editor",
                    "payload": {"uri": "file://" + op["abs"], "body": op["after"]},
                }
            parts: list[dict[str, Any]] = []
            if thought:
                parts.append({"kind": "prose", "value": thought})
            parts += [inv, {"kind": "outcome", "value": output, "status": exit_code}]
            self._line({"step": n, "role": "assistant", "parts": parts}, True)
        elif s == "lineproto":
            ts = f"00:{n:04d}"
            if thought:
                self._line({"ts": ts, "msg": f"AGENT: {thought}"}, True)
            if kind == "run":
                msg = f"EXEC: {op['cmd']}"
            elif kind == "read":
                msg = f"EXEC: cat {op['path']}"
            elif kind == "edit":
                msg = "APPLY\n" + unified_diff(op["path"], op["before"], op["after"])
            else:
                msg = f"WRITE {op['path']} ({len(op['after'])} bytes)\n{op['after']}"
            self._line({"ts": ts, "msg": msg}, True)
            self._line({"ts": ts, "msg": f"RESULT rc={exit_code}\n{output}"})
        elif s == "pares":
            if kind == "run":
                call = ["ejecutar", [["orden", op["cmd"]]]]
            elif kind == "read":
                call = ["leer_archivo", [["ruta", op["path"]]]]
            elif kind == "edit":
                call = [
                    "editar_archivo",
                    [["ruta", op["path"]], ["buscar", op["old"]], ["reemplazar", op["new"]]],
                ]
            else:
                call = ["escribir_archivo", [["ruta", op["path"]], ["contenido", op["after"]]]]
            line = {"paso": n, "papel": "agente"}
            if thought:
                line["razonamiento"] = thought
            line["llamada"] = call
            self._line(line, True)
            self._line(
                {
                    "paso": n + 1,
                    "papel": "herramienta",
                    "resultado": [["salida", output], ["codigo", exit_code]],
                }
            )
        else:
            raise ValueError(s)

    def _flush(self, extra: dict[str, Any] | None = None) -> None:
        """``batched``: the deferred edits, with the next action, on one line."""
        if self.style != "batched" or (not self._pending and extra is None):
            return
        items = self._pending + ([extra] if extra else [])
        self._pending = []
        actions, results, thoughts = [], [], []
        for it in items:
            op = it["op"]
            if it.get("thought"):
                thoughts.append(it["thought"])
            kind = op["kind"]
            if kind == "run":
                actions.append({"kind": "sh", "line": op["cmd"]})
            elif kind == "read":
                actions.append({"kind": "look", "at": op["path"]})
            elif kind == "write":
                actions.append({"kind": "create", "at": op["path"], "lines": _lines(op["after"])})
            else:
                actions.append(
                    {
                        "kind": "edit",
                        "at": op["path"],
                        "hunks": [{"minus": _lines(op["old"]), "plus": _lines(op["new"])}],
                    }
                )
            results.append(
                {"idx": len(results), "ok": it.get("code", 0) == 0, "log": it.get("output", "")}
            )
        n = len(self.steps)
        self._line(
            {"step": n, "role": "assistant", "content": " ".join(thoughts), "actions": actions},
            True,
        )
        if self._pending_mark:
            self.marks.append(n)
            self._pending_mark = False
        self._line({"step": n + 1, "role": "tool", "results": results})

    # ------------------------------------------------------------------ operations
    def say(self, text: str) -> Trajectory:
        self._msg(text)
        return self

    def user(self, text: str) -> Trajectory:
        self._flush()
        self._user(text)
        return self

    def run(
        self, command: str, output: str = "", *, exit_code: int = 0, thought: str | None = None
    ) -> Trajectory:
        self._op(thought, {"kind": "run", "cmd": command}, output, exit_code)
        return self

    def view(self, path: str, thought: str | None = None) -> Trajectory:
        self._op(thought, {"kind": "read", "path": path, "abs": self._abs(path)}, self.files[path])
        return self

    def _change(
        self,
        path: str,
        before: str,
        after: str,
        old: str | None,
        new: str | None,
        thought: str | None,
        via: str | None,
    ) -> None:
        self.files[path] = after
        op: dict[str, Any] = {
            "path": path,
            "abs": self._abs(path),
            "before": before,
            "after": after,
            "old": old,
            "new": new,
        }
        if old is None or new is None or not before:
            op["kind"] = "write"
            done = f"wrote {len(after)} bytes to {path}"
        else:
            op["kind"] = "edit"
            done = f"updated {path}"
        if self.style in ("b64", "lineproto") and op["kind"] == "edit":
            done = f"patched {path}"
        self._op(thought, op, done)

    def patch(
        self, changes: dict[str, str], *, thought: str | None = None, via: str = "apply_patch"
    ) -> Trajectory:
        for p, a in changes.items():
            self._change(p, self.files.get(p, ""), a, None, None, thought, None)
            thought = None
        return self


def _indent(text: str) -> str:
    return "\n".join("  " + ln if ln else "" for ln in text.rstrip("\n").split("\n"))
