//! The boundary helpers of the simulator bindings: error mapping to `plasma.errors`, conversion of
//! array arguments into owned buffers, [`detached`], the one place that releases the GIL,
//! picks the thread pool and turns a Rust panic into `plasma.errors.InternalError`, and the fork
//! guard of the thread pool ([`register_fork_guard`]).

use std::panic::{catch_unwind, AssertUnwindSafe};

use numpy::{Element, PyArrayDyn, PyArrayMethods, PyUntypedArrayMethods};
use plasma_core::CoreError;
use pyo3::exceptions::PyRuntimeWarning;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

static SHAPE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INVALID_ARGUMENT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INTERNAL_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static NUMPY_ASARRAY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// An instance of the `plasma.errors` class cached in `cell`, imported on first use (the
/// exception hierarchy lives in Python, so `except ValueError` keeps working for users).
fn raise(py: Python<'_>, cell: &'static PyOnceLock<Py<PyType>>, class: &str, msg: String) -> PyErr {
    match cell.import(py, "plasma.errors", class) {
        Ok(cls) => PyErr::from_type(cls.clone(), msg),
        // plasma.errors cannot be imported (a broken install): still raise something readable.
        Err(_) => pyo3::exceptions::PyValueError::new_err(msg),
    }
}

/// `plasma.errors.ShapeError(msg)`.
pub fn shape_error(py: Python<'_>, msg: String) -> PyErr {
    raise(py, &SHAPE_ERROR, "ShapeError", msg)
}

/// `plasma.errors.InvalidArgumentError(msg)`.
pub fn invalid(py: Python<'_>, msg: String) -> PyErr {
    raise(py, &INVALID_ARGUMENT_ERROR, "InvalidArgumentError", msg)
}

/// The Python exception of a core error.
pub fn core_error(py: Python<'_>, err: &CoreError) -> PyErr {
    match err {
        CoreError::Shape { .. } => shape_error(py, err.to_string()),
        CoreError::InvalidArgument { .. } => invalid(py, err.to_string()),
    }
}

/// Releases the GIL and runs `f` on `threads` rayon threads (`None`: the global pool). Core
/// errors become `ShapeError` / `InvalidArgumentError`, a panic becomes `InternalError`. Inputs
/// must be extracted and owned before the call.
pub fn detached<T: Send>(
    py: Python<'_>,
    threads: Option<usize>,
    f: impl FnOnce() -> Result<T, CoreError> + Send,
) -> PyResult<T> {
    let result = py.detach(|| {
        catch_unwind(AssertUnwindSafe(|| {
            plasma_core::parallel::with_threads(threads, f)
        }))
    });
    match result {
        Ok(Ok(Ok(value))) => Ok(value),
        Ok(Ok(Err(err)) | Err(err)) => Err(core_error(py, &err)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(ToString::to_string)
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(raise(
                py,
                &INTERNAL_ERROR,
                "InternalError",
                format!("the Rust core panicked: {what}"),
            ))
        }
    }
}

/// Registers [`after_fork_in_child`] with `os.register_at_fork`, so that a process forked (by
/// `os.fork` or multiprocessing's "fork" start) after the global pool started falls back to pools
/// built per call instead of waiting forever on the parent's pool, whose threads do not survive a
/// fork. Not on platforms without `os.register_at_fork` (Windows), which cannot fork.
pub fn register_fork_guard(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    let os = py.import("os")?;
    if !os.hasattr("register_at_fork")? {
        return Ok(());
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item(
        "after_in_child",
        wrap_pyfunction!(after_fork_in_child, module)?,
    )?;
    os.call_method("register_at_fork", (), Some(&kwargs))?;
    Ok(())
}

/// The child's side of the fork guard: tells the core and warns (`RuntimeWarning`, attributed to
/// the code that forked) when the child lost the global pool.
#[pyfunction]
fn after_fork_in_child(py: Python<'_>) -> PyResult<()> {
    if plasma_core::parallel::after_fork_in_child() {
        let message = "plasma: this process was forked after the Rust core's thread pool \
            started, and a pool's threads do not survive a fork; in this process, calls without \
            num_threads run on a pool of PLASMA_NUM_THREADS threads (default 1) built for each \
            call. Start worker processes with the 'spawn' or 'forkserver' method to keep every \
            core.";
        py.import("warnings")?
            .call_method1("warn", (message, py.get_type::<PyRuntimeWarning>()))?;
    }
    Ok(())
}

/// An owned n-d array argument.
pub struct Owned<T> {
    pub shape: Vec<usize>,
    pub data: Vec<T>,
}

impl<T> Owned<T> {
    /// Checks the number of dimensions and the sizes that are fixed (`Some`), naming `name` and
    /// `expected` (e.g. "(N, 3)") in the error.
    pub fn expect_shape(
        &self,
        py: Python<'_>,
        name: &str,
        dims: &[Option<usize>],
        expected: &str,
    ) -> PyResult<()> {
        let ok = self.shape.len() == dims.len()
            && self
                .shape
                .iter()
                .zip(dims)
                .all(|(s, d)| d.is_none_or(|d| d == *s));
        if ok {
            Ok(())
        } else {
            Err(shape_error(
                py,
                format!("{name} has shape {:?}, expected {expected}", self.shape),
            ))
        }
    }
}

/// Converts any numeric array-like to an owned array of `T` (`dtype` its numpy name). Floats are
/// accepted for float targets from any real dtype (float64 is converted), integers only from
/// integer dtypes.
fn owned<T: Element + Copy>(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    name: &str,
    dtype: &str,
    kinds: &str,
) -> PyResult<Owned<T>> {
    let asarray = NUMPY_ASARRAY.get_or_try_init(py, || {
        py.import("numpy")?.getattr("asarray").map(Bound::unbind)
    })?;
    let asarray = asarray.bind(py);
    let arr = asarray
        .call1((obj,))
        .map_err(|e| invalid(py, format!("{name} is not an array: {e}")))?;
    let kind: String = arr.getattr("dtype")?.getattr("kind")?.extract()?;
    if !kinds.contains(kind.as_str()) {
        let dt = arr.getattr("dtype")?.str()?.to_string();
        return Err(shape_error(
            py,
            format!("{name} has dtype {dt}, expected {dtype}"),
        ));
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("dtype", dtype)?;
    let arr = asarray.call((arr,), Some(&kwargs))?;
    let arr = arr.cast::<PyArrayDyn<T>>()?;
    let shape = arr.shape().to_vec();
    let data = arr.readonly().as_array().iter().copied().collect();
    Ok(Owned { shape, data })
}

/// A float32 array argument (any real dtype is converted, float64 included).
pub fn f32_array(py: Python<'_>, obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Owned<f32>> {
    owned(py, obj, name, "float32", "fiub")
}

/// An int64 array argument (integer dtypes only).
pub fn i64_array(py: Python<'_>, obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Owned<i64>> {
    owned(py, obj, name, "int64", "iu")
}

/// A 1-d float32 vector of length `len` (when given).
pub fn f32_vector(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    name: &str,
    len: Option<usize>,
) -> PyResult<Vec<f32>> {
    let arr = f32_array(py, obj, name)?;
    let expected = len.map_or_else(|| "(n,)".to_string(), |n| format!("({n},)"));
    arr.expect_shape(py, name, &[len], &expected)?;
    Ok(arr.data)
}

/// A positive count, naming the argument when it is not.
pub fn positive(py: Python<'_>, value: i64, name: &str) -> PyResult<usize> {
    usize::try_from(value)
        .ok()
        .filter(|v| *v > 0)
        .ok_or_else(|| invalid(py, format!("{name} = {value}: must be a positive integer")))
}

/// A count or index (`usize`): a negative value cannot be converted. Whether 0 is allowed is the
/// core's rule.
pub fn count(py: Python<'_>, value: i64, name: &str) -> PyResult<usize> {
    usize::try_from(value).map_err(|_| {
        invalid(
            py,
            format!("{name} = {value}: must be a non-negative integer"),
        )
    })
}

/// A seed in `[0, 2^64)`.
pub fn seed(py: Python<'_>, value: i128) -> PyResult<u64> {
    u64::try_from(value).map_err(|_| {
        invalid(
            py,
            format!("seed = {value}: must be an integer in [0, 2**64)"),
        )
    })
}

/// `num_threads`: `None` or a positive count.
pub fn threads(py: Python<'_>, value: Option<i64>) -> PyResult<Option<usize>> {
    value.map(|v| positive(py, v, "num_threads")).transpose()
}
