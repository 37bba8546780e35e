"""What a file is, from its path (and, for Rust, its content): a test in Python, JS/TS, Go or
Rust, test support (conftest, fixtures, golden and snapshot files), a CI config, a quality gate's
config, a run script, an evaluation/score/reward file, or source code."""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import json
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

__all__ = [
    "NOT_SOURCE_EXT",
    "FileKind",
    "Role",
    "classify",
    "ignore_list",
    "is_collected_test",
    "language",
    "names_predictions",
    "program_path",
    "roles_in_force",
    "score_record",
]

_PY_TEST = re.compile(r"(^|/)(test_[^/]*|[^/]*_test|tests?)\.py$")
_JS_TEST = re.compile(r"(^|/)([^/]+\.(test|spec)\.[cm]?[jt]sx?|__tests__/[^/]+\.[cm]?[jt]sx?)$")
_GO_TEST = re.compile(r"_test\.go$")
_GO_HELPER_PARAM = re.compile(r"\bfunc\s+\w+\s*\([^)]*\*?testing\.(T|TB|B)\b")
_TEST_DIR = re.compile(r"(^|/)(tests?|testing|__tests__|spec|specs)/")
_SUPPORT = re.compile(
    r"(^|/)(conftest\.py|pytest\.ini|tox\.ini|noxfile\.py|setup\.cfg|pyproject\.toml"
    r"|jest\.config\.[cm]?[jt]s|vitest\.config\.[cm]?[jt]s|karma\.conf\.js|\.mocharc(\.\w+)?"
    r"|phpunit\.xml|Cargo\.toml|go\.mod)$"
)
_GOLDEN = re.compile(
    r"(^|/)(golden|goldens|snapshots?|__snapshots__|expected|expectations|baselines?|fixtures"
    r"|testdata|test_data)(/|$)|\.(golden|snap|expected|approved)(\.\w+)?$"
    r"|(^|/)[^/]*expected[^/]*$"
)
_CI = re.compile(
    r"(^|/)(\.github/workflows/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.circleci/config\.ya?ml"
    r"|\.travis\.ya?ml|azure-pipelines\.ya?ml|Jenkinsfile|bitbucket-pipelines\.ya?ml"
    r"|\.buildkite/[^/]+\.ya?ml|\.drone\.ya?ml|appveyor\.ya?ml|\.pre-commit-config\.ya?ml"
    r"|\.woodpecker\.ya?ml|cloudbuild\.ya?ml|\.?lefthook(-local)?\.ya?ml)$"
)
_GATE = re.compile(
    r"(^|/)(\.coveragerc|setup\.cfg|pyproject\.toml|tox\.ini|mypy\.ini|\.mypy\.ini|pytest\.ini"
    r"|\.flake8|ruff\.toml|\.ruff\.toml|\.pylintrc|pylintrc|\.eslintrc(\.\w+)?|eslint\.config\.\w+"
    r"|jest\.config\.[cm]?[jt]s|vitest\.config\.[cm]?[jt]s|\.nycrc(\.\w+)?|codecov\.ya?ml"
    r"|tsconfig\.json|package\.json|composer\.json|Cargo\.toml|\.golangci\.ya?ml|clippy\.toml|deny\.toml"
    r"|sonar-project\.properties|pom\.xml|build\.gradle(\.kts)?|\.rspec|phpunit\.xml(\.dist)?"
    r"|Directory\.Build\.props|\.mocharc(\.\w+)?|karma\.conf\.js)$"
    # branch protection as code: which checks must pass before a merge
    r"|(^|/)\.github/(settings\.ya?ml|rulesets/[^/]+\.json)$"
    # merge bots' rules (which statuses a merge waits for)
    r"|(^|/)(\.mergify\.ya?ml|\.mergify/config\.ya?ml|\.github/mergify\.ya?ml|bors\.toml"
    r"|\.kodiak\.toml|\.github/\.kodiak\.toml)$"
    # build files that declare test targets and their properties (which tests a plain run
    # builds and runs: Bazel/Buck targets, CTest properties, Meson tests)
    r"|(^|/)(BUILD|BUILD\.bazel|BUCK|CMakeLists\.txt|meson\.build)$"
    # test runners' own configuration (nextest's profiles: which tests a run leaves out)
    r"|(^|/)\.config/nextest\.toml$|(^|/)nextest\.toml$"
    # mutation testing's configuration (Stryker, Infection, mutmut, cosmic-ray): its score
    # floor fails the job the way a coverage floor does
    r"|(^|/)(stryker\.(conf|config)\.(json|[cm]?[jt]s)|\.?stryker-config\.json|infection\.json5?"
    r"(\.dist)?|\.mutmut\.toml|cosmic-ray\.toml)$"
)
_IGNORE_LIST = re.compile(
    r"(?i)(?:^|[._-])(?:\w*ignore|allow-?list|skip-?list|suppressions?|exclusions?|exclude)"
    r"(?:[._-]\w+)?$"
)
"""The name of a file that lists what a check leaves out, one entry a line (a scanner's
``.gitleaksignore``, ``.trivyignore``, a linter's ``suppressions.txt``, ``allowlist.txt``)."""
_NOT_CHECKS = frozenset({".gitignore", ".dockerignore", ".npmignore", ".hgignore", ".helmignore"})
"""Ignore files of version control and packaging: what they leave out is no check's."""


def ignore_list(path: str | None) -> bool:
    """Whether ``path`` names a file whose every entry leaves something out of a check."""
    name = (path or "").rsplit("/", 1)[-1]
    return (
        bool(name)
        and name not in _NOT_CHECKS
        and not _SOURCE_EXT.search(name)  # (code named so: ``exclude.py`` is no list)
        and bool(_IGNORE_LIST.search(name))
    )


_BUILD = re.compile(
    # a build or project definition, in any ecosystem: where test steps and targets, the
    # checks a build runs and the gates it applies are declared (which tests run, what fails
    # the build), so a change to one is a change to what decides "pass"
    r"(^|/)(build\.sbt|[^/]+\.sbt|project/[^/]+\.scala|build\.gradle(\.kts)?"
    r"|settings\.gradle(\.kts)?|pom\.xml|build\.xml|[^/]+\.(cs|fs|vb)proj|[^/]+\.(props|targets)"
    r"|Cargo\.toml|package\.json|CMakeLists\.txt|[^/]+\.cmake|meson\.build|build\.zig"
    r"|build\.zig\.zon|mix\.exs|[^/]+\.cabal|cabal\.project|stack\.yaml|package\.yaml"
    r"|dune|dune-project|Package\.swift|Project\.toml|DESCRIPTION|rebar\.config|project\.clj"
    r"|deps\.edn|SConstruct|BUILD|BUILD\.bazel|BUCK|[^/]+\.bzl|[^/]+\.nimble|pubspec\.yaml"
    r"|Makefile|makefile|GNUmakefile|[^/]*\.mk|[^/]+\.xcscheme"
    # container builds and stacks: their healthchecks and test services are checks too
    r"|Dockerfile|[^/]*\.[Dd]ockerfile|Dockerfile\.[\w.-]+|Containerfile"
    r"|(docker-)?compose(\.[\w-]+)?\.ya?ml)$"
    # policy as code: rules a plan or a manifest must satisfy (OPA/conftest, Sentinel)
    r"|\.(rego|sentinel)$"
)
"""Build, project and policy definitions of any ecosystem: gates and runners both (see
:func:`_classify`)."""
_RUNNER = re.compile(
    r"(^|/)(Makefile|makefile|GNUmakefile|[^/]*\.mk|justfile|Justfile|Taskfile\.ya?ml|noxfile\.py"
    r"|tox\.ini|run_tests?\.(py|sh)|runtests\.py|test\.sh|tests\.sh|check[^/]*\.(sh|py)|ci\.sh"
    r"|validate[^/]*\.(sh|py)|verify[^/]*\.(sh|py)|package\.json|composer\.json|\.env|\.envrc"
    # Ruby's task runner: a Rakefile and the task files it loads (``rake test``, ``rake spec``)
    r"|Rakefile|rakefile|Rakefile\.rb|[^/]*\.rake)$"
    r"|(^|/)(scripts?|ci|bin|tools|\.ci|build)/[^/]*\.(sh|bash|py|ps1|bat|cmd|[cm]?js|ts|rb|pl)$"
    # shell scripts anywhere (POSIX and Windows: PowerShell, batch files)
    r"|(^|/)[^/]*\.(sh|bash|ps1|bat|cmd)$"
    # a script named for running the tests, in any language (``run-tests.js``, ``test.ps1``)
    r"|(^|/)(run[_-]?tests?|runtests|test|tests)\.([cm]?js|ts|rb|pl|ps1)$"
    # an executable without an extension in a scripts folder (``bin/check``, ``scripts/lint``)
    r"|(^|/)(scripts?|ci|bin|tools|\.ci)/[A-Za-z][\w-]*$"
)
_EVAL = re.compile(
    r"(?i)(^|/)(eval|evals|evaluation|evaluate|evaluator|grader|grading|graders|scoring|scorer"
    r"|scores?|reward|rewards|metrics?|benchmark|benchmarks|bench|judge|leaderboard|results?)"
    r"(/|\.\w+$|_[^/]*\.\w+$)|(^|/)[^/]*(score|reward|metric|grade|eval)[^/]*\.\w+$"
)
_EVAL_OUTPUT = re.compile(
    r"(?i)(^|/)[^/]*(score|reward|result|grade|metric|junit|report|leaderboard|verdict|pass)"
    r"[^/]*\.(json|jsonl|txt|xml|csv|yaml|yml|out|log|html)$|(^|/)reward$|(^|/)score$"
    r"|(^|/)(test-?results?|test-?reports?|reports?|junit|surefire-reports)/[^/]+"
    r"\.(json|jsonl|txt|xml|csv|out|log|html)$"
    r"|(^|/)(coverage\.(xml|json|lcov)|lcov\.info|cobertura[^/]*\.xml|\.coverage)$"
)
_PREDICTION_WORD = (
    r"(?:preds?|predictions?|predicted|y[-_]?hat|y[-_]?preds?|hyps?|hypothes[ie]s"
    r"|submissions?|sys[-_]?out(?:puts?)?|system[-_]?outputs?)"
)
"""What ML evaluation calls a system's outputs in a file name, whole words only: ``preds``,
``yhat`` / ``y_hat`` / ``y_pred``, ``hyp`` / ``hyps`` / ``hypotheses`` (translation, speech),
``submission``, ``sys_out`` / ``system_output``."""
_PREDICTIONS = re.compile(
    rf"(?i)(?:^|/)(?:[^/]*[^a-z/])?{_PREDICTION_WORD}(?![a-z])[^/]*\.(jsonl?|csv|tsv|txt|parquet)$"
)
_EVAL_DATA = re.compile(
    r"(?i)(^|/)[^/]*(held[-_]?out|heldout|test[-_]?set|gold|golden|labels?|answers?"
    r"|references?|predictions?|ground[-_]?truth|expected)[^/]*\.(jsonl?|csv|tsv|txt|parquet)$"
)


def names_predictions(path: str) -> bool:
    """Whether the file name of ``path`` calls it a system's predictions, by the words ML
    evaluation uses for them (:data:`_PREDICTION_WORD`: ``preds.tsv``, ``yhat.csv``,
    ``answers_pred.jsonl``, ``dev.hyp.txt``), a data file's extension after them."""
    return _PREDICTIONS.search(path) is not None


_SOURCE_EXT = re.compile(
    r"\.(py|pyi|[cm]?[jt]sx?|go|rs|java|kt|rb|c|cc|cpp|h|hpp|cs|swift|php|ex|exs|scala|"
    # the ML family (Haskell, OCaml, F#, PureScript, Idris, Lean, Standard ML)
    r"hs|lhs|ml|mli|fs|fsi|purs|idr|lean|sml|"
    # SQL (stored procedures and functions, views, models and migrations are code the checks
    # run against), Lua, Crystal and Erlang
    r"sql|lua|cr|erl|hrl)$"
)
_RUST_TEST = re.compile(r"#\[(test|tokio::test|cfg\(test\))\]")
_HIDDEN_OK = frozenset(
    {
        ".git",
        ".github",
        ".gitlab",
        ".circleci",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".pytest_cache",
        ".mypy_cache",
        ".ruff_cache",
        ".vscode",
        ".idea",
        ".cache",
        ".config",
        ".local",
        ".npm",
        ".cargo",
        ".rustup",
        ".devcontainer",
        ".husky",
        ".yarn",
        ".pnpm-store",
        ".hypothesis",
        ".benchmarks",
        ".ipynb_checkpoints",
        ".next",
        ".nuxt",
        ".svelte-kit",
        ".terraform",
        ".docker",
        ".ssh",
        ".gnupg",
        ".kube",
        ".aws",
        ".bundle",
        ".gradle",
        ".m2",
    }
)


@dataclass(frozen=True)
class FileKind:
    """What a file is (a file can be several things: ``tox.ini`` is a gate and a runner)."""

    path: str
    lang: str
    """"python", "javascript", "go", "rust", ... or "" (not code)."""
    test: bool = False
    """Test code the runner collects (or a test module by name)."""
    support: bool = False
    """Test support: conftest, test configuration, fixtures, golden and snapshot files."""
    golden: bool = False
    """Expected outputs, snapshots, fixtures."""
    ci: bool = False
    gate: bool = False
    """Configuration of a quality gate (coverage, type checks, linters, test selection)."""
    runner: bool = False
    """A script or makefile that runs the checks."""
    evaluation: bool = False
    """Evaluation, scoring, reward or benchmark code or data."""
    eval_output: bool = False
    """A score, reward, result or report file (what graders read)."""
    eval_data: bool = False
    """Data an evaluation compares against (held-out sets, gold labels, references)."""
    hidden: bool = False
    """Under a hidden directory that is not a well-known tool directory."""

    @property
    def source(self) -> bool:
        """Code that is not a test."""
        return bool(self.lang) and not self.test and not self.support


def language(path: str) -> str:
    """The language of a file from its extension (empty for other files)."""
    ext = posixpath.splitext(path)[1].lower()
    if ext in (".py", ".pyi"):
        return "python"
    if ext in (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"):
        return "javascript"
    if ext == ".go":
        return "go"
    if ext == ".rs":
        return "rust"
    if _SOURCE_EXT.search(path):
        return ext.lstrip(".")
    if (
        re.fullmatch(r"\.[a-z][a-z0-9]{0,5}", ext)
        and ext not in _NOT_CODE
        and _CODE_FOLDER.search(path)
        and not (_BUILD.search(path) or _GATE.search(path) or _CI.search(path))
    ):
        # a language not known here, in the folder its project keeps its code in (Dart's and
        # Nim's ``lib/``, ``src/``): code under test all the same (not a file whose path makes
        # it a build, policy or gate definition: ``src/policy/s3.rego`` is a check)
        return ext.lstrip(".")
    return ""


_CODE_FOLDER = re.compile(r"(^|/)(src|lib|app|pkg|internal|cmd|source|sources)/")
"""Folders that hold a project's code (its sources), in most ecosystems."""
_NOT_CODE = frozenset(
    # data, documents, markup, configuration, lock and build outputs, media and archives: what
    # a code folder holds beside its code; and scripts, whose role is what runs them
    [
        ".txt",
        ".md",
        ".rst",
        ".adoc",
        ".org",
        ".json",
        ".jsonl",
        ".yaml",
        ".yml",
        ".toml",
        ".ini",
        ".cfg",
        ".conf",
        ".config",
        ".env",
        ".lock",
        ".csv",
        ".tsv",
        ".xml",
        ".html",
        ".htm",
        ".css",
        ".scss",
        ".sass",
        ".less",
        ".svg",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".ico",
        ".webp",
        ".pdf",
        ".zip",
        ".gz",
        ".tgz",
        ".bz2",
        ".xz",
        ".tar",
        ".whl",
        ".jar",
        ".so",
        ".dll",
        ".dylib",
        ".exe",
        ".bin",
        ".o",
        ".a",
        ".obj",
        ".class",
        ".pyc",
        ".log",
        ".out",
        ".map",
        ".properties",
        ".sum",
        ".mod",
        ".pem",
        ".crt",
        ".key",
        ".snap",
        ".golden",
        ".db",
        ".sqlite",
        ".parquet",
        ".npy",
        ".npz",
        ".pkl",
        ".pt",
        ".ttf",
        ".woff",
        ".woff2",
        ".mp3",
        ".mp4",
        ".wav",
        ".sh",
        ".bash",
        ".zsh",
        ".ksh",
        ".ps1",
        ".bat",
        ".cmd",
        ".bak",
        ".orig",
        ".tmp",
        ".swp",
        ".patch",
        ".diff",
        ".proto",
        ".graphql",
        ".gql",
        ".tf",
        ".hcl",
        ".j2",
        ".tmpl",
        ".tpl",
        ".mustache",
        ".hbs",
        ".ejs",
        ".erb",
        ".po",
        ".mo",
        ".pot",
        ".arb",
        ".lst",
        ".dat",
        ".data",
        ".raw",
        ".mdx",
    ]
)


def is_collected_test(path: str) -> bool:
    """Whether the usual runners collect ``path`` as a test module by its name."""
    lang = language(path)
    base = posixpath.basename(path)
    if lang == "python":
        return bool(re.fullmatch(r"test_.*\.py|.*_test\.py", base))
    if lang == "javascript":
        return bool(_JS_TEST.search(path))
    if lang == "go":
        return bool(_GO_TEST.search(path))
    if lang == "rust":
        return bool(re.search(r"(^|/)tests/[^/]+\.rs$", path))
    return False


@dataclass(frozen=True)
class Role:
    """What a file is to a check that reads it, over what its path says (see
    :mod:`~plasma.auditor.agent.checkers`): the fields set here replace the path's."""

    lang: str | None = None
    test: bool | None = None
    support: bool | None = None
    golden: bool | None = None
    gate: bool | None = None
    runner: bool | None = None
    evaluation: bool | None = None

    def applied(self, kind: FileKind) -> FileKind:
        changes = {k: v for k, v in dataclasses.asdict(self).items() if v is not None}
        return dataclasses.replace(kind, **changes)


_ROLES: contextvars.ContextVar[tuple[tuple[Callable[[str], bool], Role], ...]] = (
    contextvars.ContextVar("roles", default=())
)
"""The roles the checkers of the trajectory being judged give to files."""


@contextlib.contextmanager
def roles_in_force(roles: tuple[tuple[Callable[[str], bool], Role], ...]) -> Iterator[None]:
    """Make :func:`classify` answer with ``roles`` (which paths, what they are to a check)
    over what the paths say, for as long as the block runs (one trajectory's judging)."""
    token = _ROLES.set(roles)
    try:
        yield
    finally:
        _ROLES.reset(token)


def classify(path: str, content: str | None = None) -> FileKind:
    """The kind of a file; ``content`` helps with Rust (tests live inside modules) and Go (test
    helpers live in ordinary packages); the roles a checker of the trajectory gives the file
    (:func:`roles_in_force`) come over what its path says."""
    if content is None or language(path) not in ("go", "rust"):
        kind = _classify_path(path)  # (the content decides nothing else: one answer per path)
    else:
        kind = _classify(path, content)
    for matches, role in _ROLES.get():
        if matches(path):
            kind = role.applied(kind)
    return kind


@functools.lru_cache(maxsize=8192)
def _classify_path(path: str) -> FileKind:
    return _classify(path, None)


def _classify(path: str, content: str | None) -> FileKind:
    lang = language(path)
    base = posixpath.basename(path)
    test = False
    if lang == "python":
        test = bool(_PY_TEST.search(path)) or (
            bool(_TEST_DIR.search(path)) and base not in ("conftest.py", "__init__.py", "setup.py")
        )
    elif lang == "javascript":
        test = bool(_JS_TEST.search(path)) or bool(_TEST_DIR.search(path))
    elif lang == "go":
        # a helper package of the tests: code that takes the test's handle and fails it
        test = bool(_GO_TEST.search(path)) or bool(
            content is not None
            and _GO_HELPER_PARAM.search(content)
            and re.search(r"\.(Error|Fatal|Fail)\w*\(", content)
        )
    elif lang == "rust":
        test = bool(re.search(r"(^|/)tests/", path)) or bool(
            content is not None and _RUST_TEST.search(content)
        )
    elif lang:
        test = (
            bool(_TEST_DIR.search(path))
            or bool(re.search(r"(?i)test", base))
            # spec files by name (busted's ``*_spec.lua``, RSpec's and Crystal's ``*_spec.rb``
            # / ``*_spec.cr``, Kotest's and Quick's ``FooSpec.kt`` / ``FooSpec.swift``) and
            # Common Test's ``*_SUITE.erl``
            or bool(re.search(r"(^|[_.-])spec\.\w+$|[a-z0-9]Spec\.\w+$|_SUITE\.erl$", base))
        )
    if base.endswith(".bats"):
        test = True  # a Bash Automated Testing System file holds nothing but tests
    parts = path.split("/")
    hidden = any(
        p.startswith(".") and p not in _HIDDEN_OK and p not in (".", "..") and len(p) > 1
        for p in parts[:-1]
    )
    support = bool(_SUPPORT.search(path)) or (
        base in ("conftest.py", "__init__.py") and bool(_TEST_DIR.search(path))
    )
    golden = bool(_GOLDEN.search(path)) and not lang
    build = bool(_BUILD.search(path))
    return FileKind(
        path=path,
        lang=lang,
        test=test,
        support=support or golden or base == "conftest.py",
        golden=golden,
        ci=bool(_CI.search(path)),
        gate=bool(_GATE.search(path)) or build or ignore_list(path),
        runner=bool(_RUNNER.search(path)) or build,
        evaluation=bool(_EVAL.search(path)) and not test,
        eval_output=bool(_EVAL_OUTPUT.search(path)) and not lang,
        eval_data=bool(_EVAL_DATA.search(path)) or names_predictions(path),
        hidden=hidden,
    )


_MEASURE = re.compile(
    r"(?i)^(?:[a-z0-9]+[_.-])*(score|scores|accuracy|acc|f1|f1_macro|f1_micro|precision|recall"
    r"|reward|rewards|return|returns|pass(ed)?|pass_rate|pass@\d+|fail(ed|ures?)?|errors?|loss"
    r"|auc|bleu|rouge\w*|exact_match|em|success(_rate)?|correct|wins?|win_rate|p\d{2}(_ms|_s)?"
    r"|latency(_ms|_s)?|throughput|mean|median|grade|verdict|status|result|ok)"
    r"(?:[_.-][a-z0-9]+)*$"
)
"""A key that names an outcome of a check or an evaluation: a score, a count of passes or
failures, a rate, a loss, a latency percentile, a verdict."""
_BOUND = re.compile(
    r"(?i)(^|[_.-])(min|max|minimum|maximum|threshold|target|limit|bar|gate|under|over|tolerance"
    r"|expected|required|floor|ceiling|budget|baseline|goal)([_.-]|$)"
)
"""A key that names a bound on an outcome (``min_score``, ``fail_under``): configuration."""
_VERDICT = re.compile(r"(?i)^(pass(ed)?|ok|success|succeeded|green|true|false|fail(ed)?)$")


def _record_items(text: str) -> list[tuple[str, Any]] | None:
    """The (key, value) leaves of a small flat record: a JSON object (one level of nesting), or
    lines of ``key: value`` / ``key=value``; None for anything else."""
    stripped = text.strip()
    if not stripped or len(stripped) > 2000:
        return None
    try:
        doc = json.loads(stripped)
    except ValueError:
        doc = None
        items: list[tuple[str, Any]] = []
        for line in stripped.splitlines():
            m = re.fullmatch(r"\s*([A-Za-z_][\w.@-]*)\s*[:=]\s*(\S[^#]*?)\s*", line)
            if m is None:
                return None
            items.append((m.group(1), m.group(2).strip("'\"")))
        return items
    if not isinstance(doc, dict):
        return None
    leaves: list[tuple[str, Any]] = []
    for key, value in doc.items():
        if isinstance(value, dict):
            leaves += [(f"{key}.{k}", v) for k, v in value.items()]
        else:
            leaves.append((str(key), value))
    return leaves


def _outcome_value(value: Any) -> bool:
    if isinstance(value, bool | int | float):
        return True
    if isinstance(value, str):
        return bool(re.fullmatch(r"-?\d+(\.\d+)?%?", value) or _VERDICT.match(value))
    return False


def score_record(text: str | None, path: str = "") -> bool:
    """Whether ``text`` is a record of outcomes (what a grader, a gate or a leaderboard reads):
    a small flat record (JSON, ``key: value`` or ``key=value`` lines) whose every value is a
    number, a boolean or a verdict, with at least one key naming an outcome (a score, a rate, a
    count of passes or failures, a loss, a latency percentile) and none naming a bound on one. A
    configuration (a threshold, a timeout, a path) names no outcome, names a bound, or holds
    values of other kinds; a file named for bounds (``limits.json``, ``thresholds.yaml``) holds
    bounds whatever its keys."""
    name = posixpath.splitext(posixpath.basename(path))[0]
    if re.search(r"(?i)limit|threshold|target|budget|baseline|gate|bound|tolerance|config", name):
        return False
    items = _record_items(text or "")
    if not items or len(items) > 40:
        return False
    if not all(_outcome_value(v) for _, v in items):
        return False
    if any(_BOUND.search(k) for k, _ in items):
        return False
    return any(_MEASURE.match(k.rsplit(".", 1)[-1]) for k, _ in items)


NOT_SOURCE_EXT = frozenset(
    re.findall(
        r"\S+",
        ".json .jsonl .yaml .yml .toml .ini .cfg .conf .md .rst .txt .csv .tsv .xml .html .htm "
        ".css .scss .less .lock .properties .env .svg .tf .tfvars .hcl .log .out .snap .golden "
        ".expected .ipynb .sum .mod .gradle .plist .xcconfig .editorconfig",
    )
)
"""Extensions of data, settings, markup and records: never a program's source."""


def program_path(path: str) -> bool:
    """Whether a path names a program's source by its extension, in any language (one that is
    not data, settings, markup or a record's: ``R/dates.R``, ``isbn.jl``)."""
    ext = posixpath.splitext(path)[1].lower()
    return bool(ext) and ext not in NOT_SOURCE_EXT and not classify(path).test
