//! Bindings of the auditor's scans: `NumericScanner` (numeric detectors over phantom paths) and
//! `RuleEngine` (text rules over agent trajectories). Inputs are extracted and owned (or
//! borrowed from numpy / bytes) first, then the GIL is released while rayon does the work
//! (`runtime::detached`: thread pool, error mapping, panics become `InternalError`).

// PyO3 extracts arguments by value (readonly numpy borrows must be owned by the call); shapes are
// named p, h, s, a as in docs/architecture.md; indices and byte offsets (< isize::MAX) fit an
// i64.
#![allow(
    clippy::cast_possible_wrap,
    clippy::needless_pass_by_value,
    clippy::many_single_char_names,
    clippy::similar_names
)]

use std::borrow::Cow;

use numpy::{
    Element, PyArray1, PyArrayMethods, PyReadonlyArray, PyReadonlyArray1, PyReadonlyArray2,
    PyReadonlyArray3, PyUntypedArrayMethods,
};
use plasma_core::audit::{
    self, CellGrid, CycleSpec, Detector, FieldTexts, Invariant, PathsView, PatternKind,
    PatternRole, PatternSpec, ScanConfig, SupportSpec, NUM_DETECTORS,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::runtime::{core_error, detached, invalid, shape_error};

/// The data of an array, borrowed when contiguous, else copied.
fn data<'a, T: Element + Copy, D: numpy::ndarray::Dimension>(
    array: &'a PyReadonlyArray<'_, T, D>,
) -> Cow<'a, [T]> {
    match array.as_slice() {
        Ok(slice) => Cow::Borrowed(slice),
        Err(_) => Cow::Owned(array.as_array().iter().copied().collect()),
    }
}

fn vector(array: Option<&PyReadonlyArray1<'_, f32>>) -> Option<Vec<f32>> {
    array.map(|a| a.as_array().to_vec())
}

fn shape_mismatch(py: Python<'_>, name: &str, actual: &[usize], expected: &str) -> PyErr {
    shape_error(
        py,
        format!("{name} has shape {actual:?}, expected {expected}"),
    )
}

/// One declared invariant as Python passes it: `(kind, vars, coefs, a, b, exempt_at_done)`.
type InvariantTuple = (String, Vec<usize>, Vec<f32>, f32, f32, bool);

fn invariant(py: Python<'_>, i: usize, spec: InvariantTuple) -> PyResult<Invariant> {
    let (kind, vars, coefs, a, b, exempt_at_done) = spec;
    match kind.as_str() {
        "bounds" => match vars.as_slice() {
            [var] => Ok(Invariant::Bounds {
                var: *var,
                low: a,
                high: b,
                exempt_at_done,
            }),
            _ => Err(invalid(
                py,
                format!("invariant {i}: bounds take exactly one variable, got {vars:?}"),
            )),
        },
        "norm" => Ok(Invariant::Norm {
            vars,
            target: a,
            tolerance: b,
        }),
        "linear" if coefs.len() == vars.len() => Ok(Invariant::Linear {
            terms: vars.into_iter().zip(coefs).collect(),
            target: a,
            tolerance: b,
        }),
        "norm_step" => Ok(Invariant::NormStep { vars, tolerance: b }),
        "linear_step" if coefs.len() == vars.len() => Ok(Invariant::LinearStep {
            terms: vars.into_iter().zip(coefs).collect(),
            tolerance: b,
        }),
        "linear" | "linear_step" => Err(invalid(
            py,
            format!(
                "invariant {i}: {} variables but {} coefficients",
                vars.len(),
                coefs.len()
            ),
        )),
        other => Err(invalid(
            py,
            format!(
                "invariant {i}: unknown kind {other:?} (bounds, norm, linear, norm_step or \
                 linear_step)"
            ),
        )),
    }
}

/// The limits `NumericScanner` is compiled from, read by attribute from a Python object: the
/// `plasma.auditor.numeric.ScanLimits` dataclass is the one list of their names, types and
/// defaults (each field here is read as `limits.<field>`; a field the dataclass lacks fails
/// the extraction with its name). Its Python-only fields (`state_names`, `invariant_labels`) are
/// not read.
#[derive(FromPyObject)]
struct ScanLimits<'py> {
    state_dim: usize,
    action_dim: usize,
    uncertainty_threshold: Option<f32>,
    support_low: Option<PyReadonlyArray1<'py, f32>>,
    support_high: Option<PyReadonlyArray1<'py, f32>>,
    support_scale: Option<PyReadonlyArray1<'py, f32>>,
    support_tolerance: f32,
    grid_points: Option<PyReadonlyArray2<'py, f32>>,
    grid_origin: Option<PyReadonlyArray1<'py, f32>>,
    grid_width: Option<PyReadonlyArray1<'py, f32>>,
    grid_radius: usize,
    invariants: Vec<InvariantTuple>,
    action_low: Option<PyReadonlyArray1<'py, f32>>,
    action_high: Option<PyReadonlyArray1<'py, f32>>,
    reward_max: Option<f32>,
    reward_spike: Option<f32>,
    state_jump: Option<PyReadonlyArray1<'py, f32>>,
    cycle_origin: Option<PyReadonlyArray1<'py, f32>>,
    cycle_width: Option<PyReadonlyArray1<'py, f32>>,
    cycle_min_period: usize,
    cycle_min_rate: f64,
    cycle_min_extent: i64,
}

/// The numeric detectors, compiled from a calibration. See `plasma/_core.pyi`.
#[pyclass(frozen, module = "plasma._core")]
pub struct NumericScanner {
    inner: audit::NumericScanner,
    grid_cells: usize,
}

#[pymethods]
impl NumericScanner {
    #[new]
    fn new(py: Python<'_>, limits: ScanLimits<'_>) -> PyResult<Self> {
        let state_dim = limits.state_dim;
        let grid = match (&limits.grid_points, &limits.grid_origin, &limits.grid_width) {
            (Some(points), Some(origin), Some(width)) => {
                let shape = points.shape();
                if shape.len() != 2 || shape[1] != state_dim {
                    return Err(shape_mismatch(
                        py,
                        "grid_points",
                        shape,
                        &format!("(N, {state_dim})"),
                    ));
                }
                let points = data(points);
                let (origin, width) = (origin.as_array().to_vec(), width.as_array().to_vec());
                let radius = limits.grid_radius;
                Some(detached(py, None, || {
                    CellGrid::build(&points, state_dim, origin, width, radius)
                })?)
            }
            (None, _, _) => None,
            _ => {
                return Err(invalid(
                    py,
                    "grid_points needs grid_origin and grid_width".into(),
                ))
            }
        };
        let grid_cells = grid.as_ref().map_or(0, CellGrid::len);
        let support = match (
            vector(limits.support_low.as_ref()),
            vector(limits.support_high.as_ref()),
            vector(limits.support_scale.as_ref()),
        ) {
            (Some(low), Some(high), Some(scale)) => Some(SupportSpec {
                low,
                high,
                scale,
                tolerance: limits.support_tolerance,
                grid,
            }),
            (None, None, None) if grid.is_none() => None,
            _ => {
                return Err(invalid(
                    py,
                    "support needs support_low, support_high and support_scale together".into(),
                ))
            }
        };
        let action_bounds = match (
            vector(limits.action_low.as_ref()),
            vector(limits.action_high.as_ref()),
        ) {
            (Some(low), Some(high)) => Some((low, high)),
            (None, None) => None,
            _ => return Err(invalid(py, "action_low and action_high go together".into())),
        };
        let cycle = match (
            vector(limits.cycle_origin.as_ref()),
            vector(limits.cycle_width.as_ref()),
        ) {
            (Some(origin), Some(width)) => Some(CycleSpec {
                origin,
                width,
                min_period: limits.cycle_min_period,
                min_rate: limits.cycle_min_rate,
                min_extent: limits.cycle_min_extent,
            }),
            (None, None) => None,
            _ => {
                return Err(invalid(
                    py,
                    "cycle_origin and cycle_width go together".into(),
                ))
            }
        };
        let invariants = limits
            .invariants
            .into_iter()
            .enumerate()
            .map(|(i, spec)| invariant(py, i, spec))
            .collect::<PyResult<Vec<_>>>()?;
        let config = ScanConfig {
            state_dim,
            action_dim: limits.action_dim,
            uncertainty_threshold: limits.uncertainty_threshold,
            support,
            invariants,
            action_bounds,
            reward_max: limits.reward_max,
            reward_spike: limits.reward_spike,
            state_jump: vector(limits.state_jump.as_ref()),
            cycle,
        };
        let inner = audit::NumericScanner::new(config).map_err(|e| core_error(py, &e))?;
        Ok(Self { inner, grid_cells })
    }

    /// Names of the detectors, in the column order of `scan`'s arrays.
    #[classattr]
    fn detectors() -> Vec<&'static str> {
        Detector::ALL.iter().map(|d| d.name()).collect()
    }

    /// Occupied cells of the support grid (after dilation), 0 without a grid.
    #[getter]
    fn grid_cells(&self) -> usize {
        self.grid_cells
    }

    #[getter]
    fn state_dim(&self) -> usize {
        self.inner.config().state_dim
    }

    #[getter]
    fn action_dim(&self) -> usize {
        self.inner.config().action_dim
    }

    #[pyo3(signature = (states, actions, rewards, dones, uncertainty, lengths, *, num_threads = None))]
    fn scan<'py>(
        &self,
        py: Python<'py>,
        states: PyReadonlyArray3<'py, f32>,
        actions: PyReadonlyArray3<'py, f32>,
        rewards: PyReadonlyArray2<'py, f32>,
        dones: PyReadonlyArray2<'py, bool>,
        uncertainty: PyReadonlyArray2<'py, f32>,
        lengths: PyReadonlyArray1<'py, i64>,
        num_threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let &[p, h1, s] = states.shape() else {
            unreachable!("a 3-D array")
        };
        if h1 < 2 || h1 > i32::MAX as usize {
            return Err(shape_mismatch(
                py,
                "states",
                states.shape(),
                "(P, H+1, S) with 1 <= H < 2**31",
            ));
        }
        let h = h1 - 1;
        let a = actions.shape()[2];
        let expect = [
            (
                "actions",
                actions.shape(),
                vec![p, h, a],
                format!("({p}, {h}, A)"),
            ),
            (
                "rewards",
                rewards.shape(),
                vec![p, h],
                format!("({p}, {h})"),
            ),
            ("dones", dones.shape(), vec![p, h], format!("({p}, {h})")),
            (
                "uncertainty",
                uncertainty.shape(),
                vec![p, h],
                format!("({p}, {h})"),
            ),
            ("lengths", lengths.shape(), vec![p], format!("({p},)")),
        ];
        for (name, actual, wanted, text) in expect {
            if actual != wanted.as_slice() {
                return Err(shape_mismatch(py, name, actual, &text));
            }
        }
        let (st, ac, rw, dn, un, ln) = (
            data(&states),
            data(&actions),
            data(&rewards),
            data(&dones),
            data(&uncertainty),
            data(&lengths),
        );
        let scanner = &self.inner;
        let out = detached(py, num_threads, || {
            let view = PathsView::new(&st, &ac, &rw, &dn, &un, &ln, (p, h, s, a))?;
            scanner.scan(&view)
        })?;
        let n = out.stats.len() * NUM_DETECTORS;
        let mut count = Vec::with_capacity(n);
        let mut first = Vec::with_capacity(n);
        let mut worst = Vec::with_capacity(n);
        let mut value = Vec::with_capacity(n);
        let mut index = Vec::with_capacity(n);
        for row in &out.stats {
            for d in row {
                count.push(i64::from(d.count));
                first.push(d.first_step);
                worst.push(d.worst_step);
                value.push(d.worst_value);
                index.push(d.worst_index);
            }
        }
        let dict = PyDict::new(py);
        let shape = [p, NUM_DETECTORS];
        dict.set_item("count", PyArray1::from_vec(py, count).reshape(shape)?)?;
        dict.set_item("first_step", PyArray1::from_vec(py, first).reshape(shape)?)?;
        dict.set_item("worst_step", PyArray1::from_vec(py, worst).reshape(shape)?)?;
        dict.set_item("worst_value", PyArray1::from_vec(py, value).reshape(shape)?)?;
        dict.set_item("worst_index", PyArray1::from_vec(py, index).reshape(shape)?)?;
        dict.set_item("transitions", out.transitions)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        let c = self.inner.config();
        format!(
            "NumericScanner(state_dim={}, action_dim={}, invariants={}, grid_cells={})",
            c.state_dim,
            c.action_dim,
            c.invariants.len(),
            self.grid_cells
        )
    }
}

/// One pattern as Python passes it: `(rule, role, group, field, kind, text, case_insensitive)`.
type PatternTuple = (usize, String, usize, usize, String, String, bool);

fn pattern(py: Python<'_>, spec: PatternTuple) -> PyResult<PatternSpec> {
    let (rule, role, group, field, kind, text, case_insensitive) = spec;
    let role = match role.as_str() {
        "primary" => PatternRole::Primary,
        "require" => PatternRole::Require(group),
        "exclude" => PatternRole::Exclude,
        other => {
            return Err(invalid(
                py,
                format!("pattern role {other:?}: expected primary, require or exclude"),
            ))
        }
    };
    let kind = match kind.as_str() {
        "literal" => PatternKind::Literal,
        "regex" => PatternKind::Regex,
        other => {
            return Err(invalid(
                py,
                format!("pattern kind {other:?}: expected literal or regex"),
            ))
        }
    };
    Ok(PatternSpec {
        rule,
        role,
        field,
        kind,
        text,
        case_insensitive,
    })
}

/// A compiled text rule pack. See `plasma/_core.pyi`.
#[pyclass(frozen, module = "plasma._core")]
pub struct RuleEngine {
    inner: audit::RuleEngine,
}

#[pymethods]
impl RuleEngine {
    #[new]
    fn new(
        py: Python<'_>,
        rule_ids: Vec<String>,
        fields: Vec<String>,
        patterns: Vec<PatternTuple>,
    ) -> PyResult<Self> {
        let patterns = patterns
            .into_iter()
            .map(|p| pattern(py, p))
            .collect::<PyResult<Vec<_>>>()?;
        let inner = detached(py, None, || {
            audit::RuleEngine::new(rule_ids, fields, patterns)
        })?;
        Ok(Self { inner })
    }

    #[getter]
    fn rule_ids(&self) -> Vec<String> {
        self.inner.rule_ids().to_vec()
    }

    #[getter]
    fn fields(&self) -> Vec<String> {
        self.inner.field_names().to_vec()
    }

    #[getter]
    fn num_patterns(&self) -> usize {
        self.inner.num_patterns()
    }

    #[pyo3(signature = (texts, *, num_threads = None))]
    fn scan<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<(Bound<'py, PyBytes>, PyReadonlyArray1<'py, i64>)>,
        num_threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let mut offsets: Vec<Vec<usize>> = Vec::with_capacity(texts.len());
        for (i, (_, off)) in texts.iter().enumerate() {
            let off = off.as_array();
            if let Some(bad) = off.iter().find(|&&o| o < 0) {
                return Err(invalid(
                    py,
                    format!("offsets of field {i} hold a negative value {bad}"),
                ));
            }
            offsets.push(off.iter().map(|&o| o as usize).collect());
        }
        if texts.is_empty() && !self.inner.field_names().is_empty() {
            return Err(PyTypeError::new_err(
                "texts must hold one (bytes, offsets) per field",
            ));
        }
        let fields: Vec<FieldTexts<'_>> = texts
            .iter()
            .zip(&offsets)
            .map(|((buf, _), off)| FieldTexts {
                buf: buf.as_bytes(),
                offsets: off,
            })
            .collect();
        let engine = &self.inner;
        let hits = detached(py, num_threads, || engine.scan(&fields))?;
        let dict = PyDict::new(py);
        let column = |f: fn(&audit::Hit) -> i64| hits.iter().map(f).collect::<Vec<i64>>();
        dict.set_item("step", PyArray1::from_vec(py, column(|h| h.step as i64)))?;
        dict.set_item("rule", PyArray1::from_vec(py, column(|h| h.rule as i64)))?;
        dict.set_item("field", PyArray1::from_vec(py, column(|h| h.field as i64)))?;
        dict.set_item("start", PyArray1::from_vec(py, column(|h| h.start as i64)))?;
        dict.set_item("end", PyArray1::from_vec(py, column(|h| h.end as i64)))?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!(
            "RuleEngine(rules={}, fields={:?}, patterns={})",
            self.inner.rule_ids().len(),
            self.inner.field_names(),
            self.inner.num_patterns()
        )
    }
}
