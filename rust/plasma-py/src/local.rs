//! Binding of the auditor's local validation index (`plasma_core::audit::LocalIndex`): a k-d
//! tree over real transitions built once at calibration, queried per imagined transition with
//! the GIL released.

// PyO3 extracts arguments by value; shapes are named n, f, t, w, m.
#![allow(clippy::needless_pass_by_value, clippy::many_single_char_names)]

use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1, PyReadonlyArray2, PyUntypedArrayMethods};
use plasma_core::audit::LocalIndex as CoreIndex;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::runtime::{detached, shape_error};

fn slice_of<'a, T: numpy::Element + Copy, D: numpy::ndarray::Dimension>(
    array: &'a numpy::PyReadonlyArray<'_, T, D>,
) -> std::borrow::Cow<'a, [T]> {
    match array.as_slice() {
        Ok(slice) => std::borrow::Cow::Borrowed(slice),
        Err(_) => std::borrow::Cow::Owned(array.as_array().iter().copied().collect()),
    }
}

/// Real transitions indexed by their scaled features. See `plasma/_core.pyi`.
#[pyclass(frozen, module = "plasma._core")]
pub struct LocalIndex {
    inner: CoreIndex,
}

#[pymethods]
impl LocalIndex {
    #[new]
    fn new(
        py: Python<'_>,
        points: PyReadonlyArray2<'_, f32>,
        targets: PyReadonlyArray2<'_, f32>,
        scale: PyReadonlyArray1<'_, f32>,
    ) -> PyResult<Self> {
        let &[n, f] = points.shape() else {
            unreachable!("a 2-D array")
        };
        let t = targets.shape()[1];
        if targets.shape()[0] != n {
            return Err(shape_error(
                py,
                format!("targets has shape {:?}, expected ({n}, T)", targets.shape()),
            ));
        }
        let (p, tg, sc) = (slice_of(&points), slice_of(&targets), slice_of(&scale));
        let inner = detached(py, None, || CoreIndex::build(&p, &tg, &sc, f, t))?;
        Ok(Self { inner })
    }

    #[getter]
    fn dim(&self) -> usize {
        self.inner.dim()
    }

    #[getter]
    fn n_targets(&self) -> usize {
        self.inner.n_targets()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    #[pyo3(signature = (queries, *, k, ridge = 1e-3, values = None, exclude = None, num_threads = None))]
    fn query<'py>(
        &self,
        py: Python<'py>,
        queries: PyReadonlyArray2<'py, f32>,
        k: usize,
        ridge: f32,
        values: Option<PyReadonlyArray2<'py, f32>>,
        exclude: Option<PyReadonlyArray1<'py, u32>>,
        num_threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let m = queries.shape()[0];
        let t = self.inner.n_targets();
        let q = slice_of(&queries);
        let vals = values.as_ref().map(|v| (slice_of(v), v.shape()[1]));
        let ex = exclude.as_ref().map(|e| slice_of(e));
        let index = &self.inner;
        let out = detached(py, num_threads, || {
            index.query(
                &q,
                k,
                ridge,
                vals.as_ref().map(|(v, w)| (v.as_ref(), *w)),
                ex.as_deref(),
            )
        })?;
        let dict = PyDict::new(py);
        dict.set_item(
            "prediction",
            PyArray1::from_vec(py, out.prediction).reshape([m, t])?,
        )?;
        dict.set_item("distance", PyArray1::from_vec(py, out.distance))?;
        if let Some((_, w)) = &vals {
            dict.set_item(
                "values",
                PyArray1::from_vec(py, out.extra).reshape([m, *w])?,
            )?;
        }
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!(
            "LocalIndex(points={}, dim={}, targets={})",
            self.inner.len(),
            self.inner.dim(),
            self.inner.n_targets()
        )
    }
}
