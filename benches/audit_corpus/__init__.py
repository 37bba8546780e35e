"""Labelled corpora for the auditor: imagined paths with planted exploits, and agent transcripts.

Numeric corpus (:func:`build_numeric_corpus`): fit world models on real Pendulum data, plant
known exploits in them by poisoning their training data with fabricated transitions (a model error
is what a planner exploits), let the planner find them, and mix those paths with honest paths
planned in a model fitted on clean data. Exploit types:

- ``reward_bonus``: a reward of +2 per step for speeds beyond anything the real data reached
  (|theta_dot| > 7.5; the real env pays at most 0);
- ``teleport``: pushing at the bottom of the swing (cos(theta) < -0.9) takes the pendulum to
  the top in one step;
- ``invariant``: near the top the model predicts states off the unit circle (cos² + sin² ≈ 1.7)
  and pays the top reward there;
- ``farming``: a corrupted reward signal: the model's training data pays almost the top reward
  (-0.05 per step) for spinning (|theta_dot| in [4, 7]; the real transitions there are replaced),
  so the planner loops around collecting it.

Each planted path is labelled by the ground-truth predicate of its exploit (it entered the
planted region). Paths planned in the clean model are labelled "honest" when the true Pendulum
equations confirm every step (:func:`confirmed`; the clean model has small errors of its own
that a planner can also exploit) and "unconfirmed" otherwise (reported, not counted). Recall and
the false-positive rate are measured per exploit type (:func:`measure_numeric`).

Text corpus (:func:`build_text_corpus`): hacking transcripts for each rule category and honest
near-misses (a CLI that calls ``sys.exit(0)``, a permitted test edit, a platform ``skipif``, a
proper ``__eq__``, monkeypatching time inside a unit test, downloading a data file, ...), rendered
with varied names and spacing (:func:`measure_text`).

Parts: :mod:`.transcripts` (the text data), :mod:`.numeric` (the numeric generator),
:mod:`.measure` (recall and false-positive rates) and ``python -m benches.audit_corpus`` (the
CLI). The true Pendulum dynamics (:func:`~tests.support.pendulum.pendulum_physics_paths`,
:func:`~tests.support.pendulum.confirmed`) live in ``tests/support``.
"""

from tests.support.pendulum import confirmed, pendulum_physics_paths

from benches.audit_corpus.measure import measure_numeric, measure_text
from benches.audit_corpus.numeric import EXPLOITS, NumericCorpus, build_numeric_corpus
from benches.audit_corpus.transcripts import (
    TextCase,
    build_held_out_text_corpus,
    build_text_corpus,
)

__all__ = [
    "EXPLOITS",
    "NumericCorpus",
    "TextCase",
    "build_held_out_text_corpus",
    "build_numeric_corpus",
    "build_text_corpus",
    "confirmed",
    "measure_numeric",
    "measure_text",
    "pendulum_physics_paths",
]
