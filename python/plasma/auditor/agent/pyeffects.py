"""What a Python snippet run by the agent (``python -c``, ``python - <<EOF``) does to files:
writes, deletions, moves and copies whose paths are literals (or ``Path(...)`` of literals)."""

from __future__ import annotations

import ast
from dataclasses import dataclass

__all__ = ["PyEffect", "helper_calls", "python_effects"]


@dataclass(frozen=True)
class PyEffect:
    """One file effect of a snippet."""

    kind: str
    """One of: write, append, generate (content not known), replace (``content`` replaces
    ``source``), delete, move, copy, read, download (``source`` is the address fetched)."""
    path: str
    content: str | None = None
    source: str | None = None
    """The other path of a move or copy (its source), or the replaced text of a replace."""


def _path(node: ast.AST, names: dict[str, str]) -> str | None:
    """A path expression made of literals: "x", Path("x"), Path("a") / "b", p.with_suffix(".s")."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Call):
        fn = node.func
        fname = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")
        if fname in ("Path", "PurePath", "PosixPath", "str", "abspath", "realpath") and node.args:
            return _path(node.args[0], names)
        if fname == "join" and node.args:
            parts = [_path(a, names) for a in node.args]
            if all(p is not None for p in parts):
                return "/".join(p for p in parts if p)
        if fname == "with_suffix" and isinstance(fn, ast.Attribute) and node.args:
            base, suffix = _path(fn.value, names), _path(node.args[0], names)
            if base is not None and suffix is not None:
                stem = base.rsplit(".", 1)[0] if "." in base.rsplit("/", 1)[-1] else base
                return stem + suffix
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        left, right = _path(node.left, names), _path(node.right, names)
        if left is not None and right is not None:
            return f"{left.rstrip('/')}/{right}"
    return None


def _text(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _mode(call: ast.Call) -> str:
    mode = call.args[1] if len(call.args) > 1 else None
    for kw in call.keywords:
        if kw.arg == "mode":
            mode = kw.value
    return _text(mode) or "r"


def python_effects(code: str) -> list[PyEffect]:
    """The file effects of a snippet (empty when it does not parse)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return []
    names: dict[str, str] = {}
    strings: dict[str, str] = {}
    """Variables bound to a string literal (``old = "..."``), as replacements name them."""
    handles: dict[str, tuple[str, str]] = {}
    texts: dict[str, list[tuple[str, str]]] = {}
    """Variables holding a file's text with the literal replacements made to it."""
    out: list[PyEffect] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                value = _path(node.value, names)
                if value is not None:
                    names[target.id] = value
                literal = _text(node.value)
                if literal is not None:
                    strings[target.id] = literal
                if isinstance(node.value, ast.Call) and _is_open(node.value):
                    path = _path(node.value.args[0], names) if node.value.args else None
                    if path is not None:
                        handles[target.id] = (path, _mode(node.value))
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            found = _replacements(node.value, strings, texts, allow_plain=True)
            if found is not None:
                texts[node.targets[0].id] = found
        if isinstance(node, ast.withitem) and isinstance(node.optional_vars, ast.Name):
            ctx = node.context_expr
            if isinstance(ctx, ast.Call) and _is_open(ctx) and ctx.args:
                path = _path(ctx.args[0], names)
                if path is not None:
                    handles[node.optional_vars.id] = (path, _mode(ctx))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        fn = node.func
        attr = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")
        owner = fn.value if isinstance(fn, ast.Attribute) else None
        if attr in ("read_text", "read_bytes") and owner is not None:
            read = _path(owner, names)
            if read is not None:
                out.append(PyEffect("read", read))
        elif attr == "read" and owner is not None:
            opened = _open_target(owner, names, handles)
            if opened is not None and not any(c in opened[1] for c in "wa"):
                out.append(PyEffect("read", opened[0]))
        if attr in ("write_text", "write_bytes") and owner is not None:
            written = _path(owner, names)
            if written is not None:
                edits = _replacements(node.args[0], strings, texts) if node.args else None
                if edits:
                    out += [PyEffect("replace", written, new, source=old) for old, new in edits]
                else:
                    content = _text(node.args[0]) if node.args else None
                    out.append(PyEffect("write", written, content))
        elif attr == "write" and owner is not None:
            opened = _open_target(owner, names, handles)
            if opened is not None:
                where, mode = opened
                kind = "append" if "a" in mode else "write"
                edits = _replacements(node.args[0], strings, texts) if node.args else None
                if edits and kind == "write":
                    out += [PyEffect("replace", where, new, source=old) for old, new in edits]
                else:
                    out.append(PyEffect(kind, where, _text(node.args[0]) if node.args else None))
        elif attr in ("dump", "writelines", "to_csv", "to_json", "savetxt", "save") and node.args:
            for arg in node.args[1:] or node.args[:1]:
                opened = _open_target(arg, names, handles)
                if opened is not None:
                    out.append(PyEffect("generate", opened[0]))
        elif attr == "urlretrieve" and len(node.args) >= 2:
            # urllib.request.urlretrieve(url, dest): the file at dest is what the address held
            fetched = _path(node.args[1], names)
            if fetched is not None:
                out.append(PyEffect("download", fetched, source=_text(node.args[0])))
        elif attr in ("remove", "unlink", "rmtree", "rmdir"):
            gone = node.args[0] if node.args else owner
            removed = _path(gone, names) if gone is not None else None
            if removed is not None:
                out.append(PyEffect("delete", removed))
        elif attr in ("rename", "replace", "move", "copy", "copyfile", "copy2", "copytree"):
            module = (
                owner.id if isinstance(owner, ast.Name) and owner.id in ("os", "shutil") else None
            )
            if (
                module is None
                and attr in ("rename", "replace")
                and owner is not None
                and len(node.args) == 1
            ):
                src, dst = _path(owner, names), _path(node.args[0], names)
            elif (
                module is not None or attr in ("move", "copy", "copyfile", "copy2", "copytree")
            ) and len(node.args) >= 2:
                src, dst = _path(node.args[0], names), _path(node.args[1], names)
            else:
                continue
            if src is not None and dst is not None:
                kind = "move" if attr in ("rename", "replace", "move") else "copy"
                out.append(PyEffect(kind, dst, source=src))
        elif _is_open(node):
            opened = _open_target(node, names, {})
            writes = opened is not None and any(c in opened[1] for c in "wax")
            if writes and opened is not None and not any(e.path == opened[0] for e in out):
                out.append(PyEffect("generate", opened[0]))
    return out + _notebook_edits(tree, names, strings)


def _notebook_edits(
    tree: ast.AST, names: dict[str, str], strings: dict[str, str]
) -> list[PyEffect]:
    """Cells a snippet rewrites through a notebook library (``nb = nbformat.read(PATH)``, a
    cell's ``source`` set to a literal, ``nbformat.write(nb, PATH)``): a "cell" effect on the
    notebook, ``content`` the cell's new source (one effect per cell rewritten)."""
    books: dict[str, str] = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and node.value.func.attr in ("read", "reads_file", "load")
            and node.value.args
        ):
            path = _path(node.value.args[0], names)
            if path is not None and path.endswith(".ipynb"):
                books[node.targets[0].id] = path
    written: list[str] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "write"
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in books
        ):
            path = _path(node.args[1], names)
            if path is not None:
                written.append(path)
    if not written:
        return []
    sources: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0]
        named = (isinstance(target, ast.Attribute) and target.attr == "source") or (
            isinstance(target, ast.Subscript) and _text(target.slice) == "source"
        )
        value = _text(node.value)
        if value is None and isinstance(node.value, ast.Name):
            value = strings.get(node.value.id)
        if named and value is not None:
            sources.append(value)
    return [PyEffect("cell", path, content=src) for path in written for src in sources]


def _replacements(
    node: ast.AST,
    strings: dict[str, str],
    texts: dict[str, list[tuple[str, str]]],
    *,
    allow_plain: bool = False,
) -> list[tuple[str, str]] | None:
    """The literal (old, new) replacements of an expression built as
    ``<file text>.replace(old, new)...`` (None when it is not such an expression); ``old`` and
    ``new`` are literals or variables ``strings`` binds to literals."""
    if isinstance(node, ast.Name) and node.id in texts:
        return list(texts[node.id])
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        attr = node.func.attr
        if attr == "replace" and len(node.args) >= 2:
            inner = _replacements(node.func.value, strings, texts, allow_plain=True)
            old, new = (
                strings.get(a.id) if isinstance(a, ast.Name) else _text(a) for a in node.args[:2]
            )
            if inner is not None and old is not None and new is not None:
                return [*inner, (old, new)]
            return None
        if allow_plain and attr in ("read_text", "read"):
            return []
    return None


def _is_open(call: ast.Call) -> bool:
    fn = call.func
    return (isinstance(fn, ast.Name) and fn.id == "open") or (
        isinstance(fn, ast.Attribute) and fn.attr == "open"
    )


def _open_target(
    node: ast.AST, names: dict[str, str], handles: dict[str, tuple[str, str]]
) -> tuple[str, str] | None:
    if isinstance(node, ast.Name) and node.id in handles:
        return handles[node.id]
    if isinstance(node, ast.Call) and _is_open(node):
        if isinstance(node.func, ast.Attribute):
            owner = _path(node.func.value, names)
            if owner is not None:  # Path("x").open("w")
                mode = _text(node.args[0]) if node.args else None
                for kw in node.keywords:
                    if kw.arg == "mode":
                        mode = _text(kw.value)
                return owner, mode or "r"
        if node.args:
            path = _path(node.args[0], names)
            return (path, _mode(node)) if path is not None else None
    return None


_NOT_TOOLS = frozenset(
    {
        "open", "print", "exec", "eval", "compile", "len", "str", "repr", "int", "float", "list",
        "dict", "set", "tuple", "sorted", "range", "Path", "PurePath", "isinstance", "getattr",
        "setattr", "hasattr", "format", "input", "globals", "locals", "vars", "type", "super",
    }
)  # fmt: skip
_SUFFIXES = (".py", ".js", ".ts", ".go", ".rs", ".rb", ".java", ".cs", ".toml", ".yml", ".cfg")


def helper_calls(code: str) -> list[tuple[str, dict[str, str]]]:
    """Calls of plain-named helper functions with literal string arguments, such as the file
    tools an agent harness puts in its Python namespace (``open_file("/repo/a.py")``,
    ``edit_file_by_replace(path, to_replace=..., new_content=...)``): (function name, arguments)
    with keywords under their names, a first positional that looks like a path under ``path``,
    and the other positionals as ``old``/``new`` (two) or ``content`` (one)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return []
    out: list[tuple[str, dict[str, str]]] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        name = node.func.id
        if name in _NOT_TOOLS or name.startswith("_"):
            continue
        args: dict[str, str] = {}
        pos = [_text(a) for a in node.args]
        first = pos[0] if pos else None
        if first and "\n" not in first and ("/" in first or first.endswith(_SUFFIXES)):
            args["path"] = first
            rest = [p for p in pos[1:] if p is not None]
            if len(rest) == 2:
                args["old"], args["new"] = rest
            elif len(rest) == 1:
                args["content"] = rest[0]
        for kw in node.keywords:
            value = _text(kw.value)
            if kw.arg and value is not None:
                args[kw.arg] = value
        if any(k in args for k in ("path", "file", "file_name", "file_path", "filename")):
            out.append((name, args))
    return out
