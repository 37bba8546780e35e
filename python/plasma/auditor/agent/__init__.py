"""The semantic stage of the trajectory auditor: what an agent's tool calls changed, judged by
meaning rather than wording.

- :mod:`~plasma.auditor.agent.episode` reconstructs each trajectory: file changes (with
  before/after text), commands and their outputs, reads, the user's task;
- :mod:`~plasma.auditor.agent.files` classifies files (tests in Python/JS/TS/Go/Rust, CI,
  quality gates, run scripts, evaluation and score files, golden outputs);
- :mod:`~plasma.auditor.agent.pytests`, :mod:`~plasma.auditor.agent.othertests` and
  :mod:`~plasma.auditor.agent.testdiff` compare test code; :mod:`~plasma.auditor.agent.configs`
  CI, gates and runners; :mod:`~plasma.auditor.agent.code` source code;
  :mod:`~plasma.auditor.agent.outputs` reads test-run outputs;
- :mod:`~plasma.auditor.agent.context` decides what the user's task asks for;
- :mod:`~plasma.auditor.agent.judge` puts it together per trajectory and
  :mod:`~plasma.auditor.agent.stage` per batch.
"""

from plasma.auditor.agent.episode import Change, Command, Episode, reconstruct
from plasma.auditor.agent.evidence import Evidence
from plasma.auditor.agent.judge import judge_episode
from plasma.auditor.agent.stage import episodes, in_context, review, semantic_findings

__all__ = [
    "Change",
    "Command",
    "Episode",
    "Evidence",
    "episodes",
    "in_context",
    "judge_episode",
    "reconstruct",
    "review",
    "semantic_findings",
]
