//! Bindings of the simulator core: dynamics models (`EnsembleModel`, `PendulumModel`,
//! `CartPoleModel`), `PolicyNet`, `rollout` and `plan`. Conversions and validation of Python
//! values only; the work runs in `plasma-core` through [`detached`].

// PyO3 hands arguments over by value; shapes are named n, s, a, e, h, p as in
// docs/architecture.md; counts and indices returned to numpy (< 2^63) fit an i64.
#![allow(
    clippy::needless_pass_by_value,
    clippy::many_single_char_names,
    clippy::cast_possible_wrap
)]

use std::sync::Arc;

use numpy::ndarray::{Array, IxDyn};
use numpy::{IntoPyArray, PyArrayDyn};
use plasma_core::activation::Activation;
use plasma_core::bounds::{check_bounds_ordered, Order};
use plasma_core::dynamics::{
    CartPoleDynamics, Dynamics, EnsembleDynamics, EnsembleSpec, Members, OutcomeHead,
    PendulumDynamics, Scratch, StepInput, StepOutput,
};
use plasma_core::mlp::{EnsembleMlp, Workspace};
use plasma_core::planner::{Guides, Planner, PlannerConfig, PlannerKind};
use plasma_core::policy::{PolicyNet as CorePolicy, PolicyOutput};
use plasma_core::rng::Rng;
use plasma_core::rollout::{
    check_discrete_actions, check_request, chunk_size, rollout as run_rollout, Driver, MemberMode,
    RolloutConfig, Shard,
};
use plasma_core::value::ValueNet as CoreValue;
use plasma_core::CoreError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::PyClass;

use crate::runtime::{
    core_error, count, detached, f32_array, f32_vector, i64_array, invalid, positive,
    seed as seed_of, threads, Owned,
};

/// Stream tag of `predict`'s per-row noise.
const TAG_PREDICT: u64 = 21;

/// A numpy array of `shape` from `data`.
fn array<'py, T: numpy::Element>(
    py: Python<'py>,
    shape: &[usize],
    data: Vec<T>,
) -> PyResult<Bound<'py, PyArrayDyn<T>>> {
    let arr = Array::from_shape_vec(IxDyn(shape), data)
        .map_err(|e| invalid(py, format!("internal shape mismatch: {e}")))?;
    Ok(arr.into_pyarray(py))
}

/// Layer shapes `(E, in, out)`, weights and biases.
type Layers = (Vec<(usize, usize, usize)>, Vec<Vec<f32>>, Vec<Vec<f32>>);

/// Layer shapes and buffers of `weights` / `biases` lists. `ensemble`: weights `[E, in, out]` and
/// biases `[E, out]`; else `[in, out]` and `[out]` (one member).
fn layers(
    py: Python<'_>,
    weights: &Bound<'_, PyList>,
    biases: &Bound<'_, PyList>,
    ensemble: bool,
) -> PyResult<Layers> {
    if weights.len() != biases.len() || weights.is_empty() {
        return Err(invalid(
            py,
            format!(
                "weights has {} layers and biases {}: need the same number, at least one",
                weights.len(),
                biases.len()
            ),
        ));
    }
    let (mut shapes, mut ws, mut bs) = (Vec::new(), Vec::new(), Vec::new());
    for (l, (w, b)) in weights.iter().zip(biases.iter()).enumerate() {
        let (wn, bn) = (format!("weights[{l}]"), format!("biases[{l}]"));
        let w: Owned<f32> = f32_array(py, &w, &wn)?;
        let b: Owned<f32> = f32_array(py, &b, &bn)?;
        let shape = if ensemble {
            w.expect_shape(py, &wn, &[None, None, None], "(E, in, out)")?;
            (w.shape[0], w.shape[1], w.shape[2])
        } else {
            w.expect_shape(py, &wn, &[None, None], "(in, out)")?;
            (1, w.shape[0], w.shape[1])
        };
        if ensemble {
            let expected = format!("({}, {})", shape.0, shape.2);
            b.expect_shape(py, &bn, &[Some(shape.0), Some(shape.2)], &expected)?;
        } else {
            b.expect_shape(py, &bn, &[Some(shape.2)], &format!("({},)", shape.2))?;
        }
        shapes.push(shape);
        ws.push(w.data);
        bs.push(b.data);
    }
    Ok((shapes, ws, bs))
}

/// The MLP of `weights` / `biases` lists (see [`layers`]) with activation `act`, checked by the
/// core.
fn mlp(
    py: Python<'_>,
    weights: &Bound<'_, PyList>,
    biases: &Bound<'_, PyList>,
    act: Activation,
    ensemble: bool,
) -> PyResult<EnsembleMlp> {
    let (shapes, ws, bs) = layers(py, weights, biases, ensemble)?;
    EnsembleMlp::new(&shapes, &ws, &bs, act).map_err(|e| core_error(py, &e))
}

/// The MLP of `weights` / `biases` lists (see [`layers`]) and the activation named `activation`.
fn named_mlp(
    py: Python<'_>,
    weights: &Bound<'_, PyList>,
    biases: &Bound<'_, PyList>,
    activation: &str,
    ensemble: bool,
) -> PyResult<(EnsembleMlp, Activation)> {
    let act: Activation = activation.parse().map_err(|e| core_error(py, &e))?;
    Ok((mlp(py, weights, biases, act, ensemble)?, act))
}

/// What a core constructor `made`, shared, or its error as a Python exception.
fn shared<T>(py: Python<'_>, made: Result<T, CoreError>) -> PyResult<Arc<T>> {
    made.map(Arc::new).map_err(|e| core_error(py, &e))
}

/// A model class `model(dynamics)` on its `DynamicsModel` base, both sharing the dynamics a core
/// constructor `made`.
fn with_base<T, D>(
    py: Python<'_>,
    made: Result<D, CoreError>,
    model: impl FnOnce(Arc<D>) -> T,
) -> PyResult<PyClassInitializer<T>>
where
    T: PyClass<BaseType = DynamicsModel>,
    D: Dynamics + 'static,
{
    let dynamics = shared(py, made)?;
    Ok(PyClassInitializer::from(DynamicsModel {
        inner: dynamics.clone(),
    })
    .add_subclass(model(dynamics)))
}

/// The dynamics behind a model object.
fn dynamics_of(py: Python<'_>, model: &Bound<'_, PyAny>) -> PyResult<Arc<dyn Dynamics>> {
    if let Ok(m) = model.cast::<DynamicsModel>() {
        return Ok(m.get().inner.clone());
    }
    Err(invalid(
        py,
        format!(
            "model is a {}: expected EnsembleModel, PendulumModel or CartPoleModel",
            model.get_type().name()?
        ),
    ))
}

/// States `[N, S]` and actions `[N, A]` of `predict`, checked against `model`.
fn step_inputs(
    py: Python<'_>,
    model: &dyn Dynamics,
    states: &Bound<'_, PyAny>,
    actions: &Bound<'_, PyAny>,
) -> PyResult<(usize, Vec<f32>, Vec<f32>)> {
    let (s, a) = (model.state_dim(), model.action_dim());
    let st = f32_array(py, states, "states")?;
    st.expect_shape(py, "states", &[None, Some(s)], &format!("(N, {s})"))?;
    let n = st.shape[0];
    let ac = f32_array(py, actions, "actions")?;
    ac.expect_shape(py, "actions", &[Some(n), Some(a)], &format!("({n}, {a})"))?;
    for (name, values, width) in [("states", &st.data, s), ("actions", &ac.data, a)] {
        if let Some(i) = values.iter().position(|v| !v.is_finite()) {
            return Err(invalid(
                py,
                format!(
                    "{name} = {} at row {}: must be finite",
                    values[i],
                    i / width
                ),
            ));
        }
    }
    if let Some(k) = model.discrete_actions() {
        check_discrete_actions("actions", &ac.data, k).map_err(|e| invalid(py, e.to_string()))?;
    }
    Ok((n, st.data, ac.data))
}

/// Base class of the dynamics models: what rollouts, planners and `predict` need of a model.
#[pyclass(module = "plasma._core", frozen, subclass)]
pub struct DynamicsModel {
    inner: Arc<dyn Dynamics>,
}

#[pymethods]
impl DynamicsModel {
    /// One step of every row (`predict` of every model class): next states, rewards, dones and
    /// the members' disagreement.
    #[pyo3(signature = (states, actions, members=None, seed=0, deterministic=true))]
    fn predict<'py>(
        &self,
        py: Python<'py>,
        states: &Bound<'py, PyAny>,
        actions: &Bound<'py, PyAny>,
        members: Option<&Bound<'py, PyAny>>,
        seed: i128,
        deterministic: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        let model = self.inner.clone();
        let (n, st, ac) = step_inputs(py, model.as_ref(), states, actions)?;
        let e = model.members();
        let members: Option<Vec<usize>> = match members {
            None => None,
            Some(m) => {
                let m = i64_array(py, m, "members")?;
                m.expect_shape(py, "members", &[Some(n)], &format!("({n},)"))?;
                if let Some(bad) = m.data.iter().find(|v| !(0..e as i64).contains(*v)) {
                    return Err(invalid(
                        py,
                        format!("members = {bad}: member indices must lie in [0, {e})"),
                    ));
                }
                Some(m.data.iter().map(|v| *v as usize).collect())
            }
        };
        let seed = seed_of(py, seed)?;
        let s = model.state_dim();
        let out = detached(py, None, move || {
            let nd = if deterministic { 0 } else { model.noise_dim() };
            let noise: Vec<f32> = (0..n)
                .flat_map(|i| {
                    let mut rng = Rng::from_path(seed, &[TAG_PREDICT, i as u64]);
                    (0..nd).map(move |_| rng.normal())
                })
                .collect();
            let zeros = vec![0usize; if members.is_none() && e == 1 { n } else { 0 }];
            let sel = match (&members, e) {
                (Some(m), _) => Members::PerRow(m),
                (None, 1) => Members::PerRow(&zeros),
                (None, _) => Members::Mean,
            };
            let input = StepInput {
                states: &st,
                actions: &ac,
                members: sel,
                noise: (nd > 0).then_some(&noise[..]),
                uncertainty: e > 1,
                rows: n,
            };
            let mut out = StepOutput::default();
            model.step(&input, &mut Scratch::default(), &mut out);
            Ok::<_, CoreError>(out)
        })?;
        let dict = PyDict::new(py);
        dict.set_item("next_states", array(py, &[n, s], out.next_states)?)?;
        dict.set_item("rewards", array(py, &[n], out.rewards)?)?;
        dict.set_item("dones", array(py, &[n], out.dones)?)?;
        dict.set_item("uncertainty", array(py, &[n], out.uncertainty)?)?;
        Ok(dict)
    }

    #[getter]
    fn members(&self) -> usize {
        self.inner.members()
    }

    #[getter]
    fn state_dim(&self) -> usize {
        self.inner.state_dim()
    }

    #[getter]
    fn action_dim(&self) -> usize {
        self.inner.action_dim()
    }

    #[getter]
    fn discrete_actions(&self) -> Option<usize> {
        self.inner.discrete_actions()
    }
}

/// The learned ensemble world model.
#[pyclass(module = "plasma._core", frozen, extends = DynamicsModel)]
pub struct EnsembleModel {
    inner: Arc<EnsembleDynamics>,
}

#[pymethods]
impl EnsembleModel {
    #[new]
    #[pyo3(signature = (
        weights, biases, activation, state_dim, action_dim, input_mean, input_std, output_mean,
        output_std, max_logvar, min_logvar, done_head=false, discrete_actions=None, state_low=None,
        state_high=None, obs_low=None, obs_high=None, norm_groups=None, reward_weights=None, reward_biases=None, done_weights=None,
        done_biases=None, reward_mean=0.0, reward_std=1.0
    ))]
    fn new(
        py: Python<'_>,
        weights: &Bound<'_, PyList>,
        biases: &Bound<'_, PyList>,
        activation: &str,
        state_dim: i64,
        action_dim: i64,
        input_mean: &Bound<'_, PyAny>,
        input_std: &Bound<'_, PyAny>,
        output_mean: &Bound<'_, PyAny>,
        output_std: &Bound<'_, PyAny>,
        max_logvar: &Bound<'_, PyAny>,
        min_logvar: &Bound<'_, PyAny>,
        done_head: bool,
        discrete_actions: Option<i64>,
        state_low: Option<&Bound<'_, PyAny>>,
        state_high: Option<&Bound<'_, PyAny>>,
        obs_low: Option<&Bound<'_, PyAny>>,
        obs_high: Option<&Bound<'_, PyAny>>,
        norm_groups: Option<Vec<(Vec<usize>, f32)>>,
        reward_weights: Option<&Bound<'_, PyList>>,
        reward_biases: Option<&Bound<'_, PyList>>,
        done_weights: Option<&Bound<'_, PyList>>,
        done_biases: Option<&Bound<'_, PyList>>,
        reward_mean: f64,
        reward_std: f64,
    ) -> PyResult<PyClassInitializer<Self>> {
        let s = positive(py, state_dim, "state_dim")?;
        let mut a = positive(py, action_dim, "action_dim")?;
        let discrete = discrete_actions
            .map(|k| positive(py, k, "discrete_actions"))
            .transpose()?;
        // Discrete actions are one column holding the index; action_dim = n_actions is accepted
        // as a synonym (the model's input then has n one-hot columns either way).
        if discrete.is_some_and(|k| k == a) {
            a = 1;
        }
        let (ensemble, act) = named_mlp(py, weights, biases, activation, true)?;
        let t = s + 1;
        let vec =
            |obj: &Bound<'_, PyAny>, name: &str, len: Option<usize>| f32_vector(py, obj, name, len);
        let bound = |obj: Option<&Bound<'_, PyAny>>, name: &str| {
            obj.map(|o| f32_vector(py, o, name, Some(s))).transpose()
        };
        let spec =
            EnsembleSpec {
                mlp: ensemble,
                state_dim: s,
                action_dim: a,
                discrete_actions: discrete,
                input_mean: vec(input_mean, "input_mean", None)?,
                input_std: vec(input_std, "input_std", None)?,
                output_mean: vec(output_mean, "output_mean", Some(t))?,
                output_std: vec(output_std, "output_std", Some(t))?,
                max_logvar: vec(max_logvar, "max_logvar", Some(t))?,
                min_logvar: vec(min_logvar, "min_logvar", Some(t))?,
                done_head,
                state_low: bound(state_low, "state_low")?,
                state_high: bound(state_high, "state_high")?,
                obs_low: bound(obs_low, "obs_low")?,
                obs_high: bound(obs_high, "obs_high")?,
                norm_groups: norm_groups.unwrap_or_default(),
                outcome: match (reward_weights, reward_biases, done_weights, done_biases) {
                    (None, None, None, None) => None,
                    (Some(rw), Some(rb), Some(dw), Some(db)) => Some(OutcomeHead {
                        reward: mlp(py, rw, rb, act, false)?,
                        done: mlp(py, dw, db, act, false)?,
                        reward_mean: reward_mean as f32,
                        reward_std: reward_std as f32,
                    }),
                    _ => return Err(invalid(
                        py,
                        "give all of reward_weights, reward_biases, done_weights and done_biases \
                         (an outcome head), or none"
                            .into(),
                    )),
                },
            };
        with_base(py, EnsembleDynamics::new(spec), |inner| Self { inner })
    }

    /// Raw network outputs of every member, `[E, N, out]`.
    fn forward<'py>(
        &self,
        py: Python<'py>,
        x: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyArrayDyn<f32>>> {
        let mlp = self.inner.mlp();
        let (din, od, e) = (mlp.input_dim(), mlp.output_dim(), mlp.members());
        let x = f32_array(py, x, "x")?;
        x.expect_shape(py, "x", &[None, Some(din)], &format!("(N, {din})"))?;
        let n = x.shape[0];
        let inner = self.inner.clone();
        let out = detached(py, None, move || {
            let mut out = vec![0.0f32; e * n * od];
            inner
                .mlp()
                .forward_all(&x.data, n, &mut Workspace::default(), &mut out);
            Ok::<_, CoreError>(out)
        })?;
        array(py, &[e, n, od], out)
    }

    #[getter]
    fn done_head(&self) -> bool {
        self.inner.spec().done_head
    }

    #[getter]
    fn activation(&self) -> &'static str {
        self.inner.mlp().activation().name()
    }

    #[getter]
    fn layer_sizes(&self) -> Vec<usize> {
        self.inner.mlp().dims().to_vec()
    }

    fn __repr__(&self) -> String {
        format!(
            "EnsembleModel(members={}, layer_sizes={:?}, activation={:?}, state_dim={}, \
             action_dim={}, discrete_actions={:?}, done_head={})",
            self.inner.members(),
            self.inner.mlp().dims(),
            self.inner.mlp().activation().name(),
            self.inner.state_dim(),
            self.inner.action_dim(),
            self.inner.discrete_actions(),
            self.inner.spec().done_head,
        )
    }
}

/// Gymnasium's Pendulum-v1 dynamics.
#[pyclass(module = "plasma._core", frozen, extends = DynamicsModel)]
pub struct PendulumModel {
    inner: Arc<PendulumDynamics>,
}

#[pymethods]
impl PendulumModel {
    #[new]
    // The defaults are `PendulumDynamics::DEFAULT` (Gymnasium's Pendulum-v1), written out as
    // literals so that Python sees them in the signature (stubtest checks it against the stub;
    // test_pendulum_matches_gymnasium checks them against Gymnasium's Pendulum-v1).
    #[pyo3(signature = (g=10.0, m=1.0, l=1.0, dt=0.05, max_speed=8.0, max_torque=2.0))]
    fn new(
        py: Python<'_>,
        g: f64,
        m: f64,
        l: f64,
        dt: f64,
        max_speed: f64,
        max_torque: f64,
    ) -> PyResult<PyClassInitializer<Self>> {
        let made = PendulumDynamics::new(g, m, l, dt, max_speed, max_torque);
        with_base(py, made, |inner| Self { inner })
    }

    fn __repr__(&self) -> String {
        let p = &self.inner;
        format!(
            "PendulumModel(g={}, m={}, l={}, dt={}, max_speed={}, max_torque={})",
            p.g, p.m, p.l, p.dt, p.max_speed, p.max_torque
        )
    }
}

/// Gymnasium's `CartPole`-v1 dynamics.
#[pyclass(module = "plasma._core", frozen, extends = DynamicsModel)]
pub struct CartPoleModel;

#[pymethods]
impl CartPoleModel {
    #[new]
    fn new(py: Python<'_>) -> PyResult<PyClassInitializer<Self>> {
        with_base(py, Ok(CartPoleDynamics), |_| Self)
    }

    #[allow(clippy::unused_self)] // a Python method needs its receiver
    fn __repr__(&self) -> &'static str {
        "CartPoleModel()"
    }
}

/// A deterministic policy network for rollouts.
#[pyclass(module = "plasma._core", frozen)]
pub struct PolicyNet {
    inner: Arc<CorePolicy>,
}

#[pymethods]
impl PolicyNet {
    #[new]
    #[pyo3(signature = (
        weights, biases, activation, output, action_low=None, action_high=None, obs_mean=None,
        obs_std=None
    ))]
    fn new(
        py: Python<'_>,
        weights: &Bound<'_, PyList>,
        biases: &Bound<'_, PyList>,
        activation: &str,
        output: &str,
        action_low: Option<&Bound<'_, PyAny>>,
        action_high: Option<&Bound<'_, PyAny>>,
        obs_mean: Option<&Bound<'_, PyAny>>,
        obs_std: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let (net, _) = named_mlp(py, weights, biases, activation, false)?;
        let out: PolicyOutput = output
            .parse()
            .map_err(|e: CoreError| invalid(py, e.to_string()))?;
        let vector = |o: Option<&Bound<'_, PyAny>>, name: &str| {
            o.map(|o| f32_vector(py, o, name, None)).transpose()
        };
        let (low, high) = (
            vector(action_low, "action_low")?,
            vector(action_high, "action_high")?,
        );
        if out != PolicyOutput::Argmax && (low.is_none() || high.is_none()) {
            return Err(invalid(
                py,
                format!("action_low and action_high are required for output={output:?}"),
            ));
        }
        let (low, high) = if out == PolicyOutput::Argmax {
            (Vec::new(), Vec::new())
        } else {
            (low.unwrap_or_default(), high.unwrap_or_default())
        };
        let (mean, std) = (vector(obs_mean, "obs_mean")?, vector(obs_std, "obs_std")?);
        let inner = shared(py, CorePolicy::new(net, out, low, high, mean, std))?;
        Ok(Self { inner })
    }

    /// Actions `[N, action_dim]` for observations `[N, obs_dim]`.
    fn act<'py>(
        &self,
        py: Python<'py>,
        obs: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyArrayDyn<f32>>> {
        let (net, a) = (&self.inner, self.inner.action_dim());
        rows_through(py, net, obs, "obs", net.obs_dim(), CorePolicy::act, &[a])
    }

    #[getter]
    fn obs_dim(&self) -> usize {
        self.inner.obs_dim()
    }

    #[getter]
    fn action_dim(&self) -> usize {
        self.inner.action_dim()
    }

    #[getter]
    fn output(&self) -> &'static str {
        self.inner.output().name()
    }

    fn __repr__(&self) -> String {
        format!(
            "PolicyNet(layer_sizes={:?}, activation={:?}, output={:?})",
            self.inner.mlp().dims(),
            self.inner.mlp().activation().name(),
            self.output()
        )
    }
}

/// A core network's batched forward pass (`PolicyNet::act`, `ValueNet::values`): the rows `[N, d]`
/// of argument `name` in, the outputs of every row out.
type RowsFn<N> = fn(&N, &[f32], usize, &mut Workspace, &mut Vec<f32>, &mut Vec<f32>);

/// Runs `forward` of `net` on the rows `[N, d]` of argument `name`, off the GIL: the outputs as an
/// array `[N, *row_shape]`.
fn rows_through<'py, N: Send + Sync>(
    py: Python<'py>,
    net: &Arc<N>,
    rows: &Bound<'py, PyAny>,
    name: &str,
    d: usize,
    forward: RowsFn<N>,
    row_shape: &[usize],
) -> PyResult<Bound<'py, PyArrayDyn<f32>>> {
    let x = f32_array(py, rows, name)?;
    x.expect_shape(py, name, &[None, Some(d)], &format!("(N, {d})"))?;
    let n = x.shape[0];
    let net = net.clone();
    let out = detached(py, None, move || {
        let mut out = Vec::new();
        forward(
            &net,
            &x.data,
            n,
            &mut Workspace::default(),
            &mut Vec::new(),
            &mut out,
        );
        Ok::<_, CoreError>(out)
    })?;
    array(py, &[&[n], row_shape].concat(), out)
}

/// A learned state-value network `V(s)` (an ensemble of one or more MLPs) for planning.
#[pyclass(module = "plasma._core", frozen)]
pub struct ValueNet {
    inner: Arc<CoreValue>,
}

#[pymethods]
impl ValueNet {
    #[new]
    #[pyo3(signature = (weights, biases, activation, obs_mean, obs_std, scale=1.0, shift=0.0, low=None, high=None))]
    #[allow(clippy::too_many_arguments)] // the network's parts, by name
    fn new(
        py: Python<'_>,
        weights: &Bound<'_, PyList>,
        biases: &Bound<'_, PyList>,
        activation: &str,
        obs_mean: &Bound<'_, PyAny>,
        obs_std: &Bound<'_, PyAny>,
        scale: f64,
        shift: f64,
        low: Option<f64>,
        high: Option<f64>,
    ) -> PyResult<Self> {
        let (net, _) = named_mlp(py, weights, biases, activation, true)?;
        let mean = f32_vector(py, obs_mean, "obs_mean", None)?;
        let std = f32_vector(py, obs_std, "obs_std", None)?;
        let low = low.map_or(f32::NEG_INFINITY, |v| v as f32);
        let high = high.map_or(f32::INFINITY, |v| v as f32);
        let inner = shared(
            py,
            CoreValue::new(net, mean, &std, scale as f32, shift as f32)
                .and_then(|net| net.with_bounds(low, high)),
        )?;
        Ok(Self { inner })
    }

    /// `V` of states `[N, obs_dim]`, as `[N]`.
    fn values<'py>(
        &self,
        py: Python<'py>,
        states: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyArrayDyn<f32>>> {
        let net = &self.inner;
        rows_through(
            py,
            net,
            states,
            "states",
            net.obs_dim(),
            CoreValue::values,
            &[],
        )
    }

    #[getter]
    fn obs_dim(&self) -> usize {
        self.inner.obs_dim()
    }

    #[getter]
    fn members(&self) -> usize {
        self.inner.mlp().members()
    }

    fn __repr__(&self) -> String {
        format!(
            "ValueNet(members={}, layer_sizes={:?}, activation={:?})",
            self.inner.mlp().members(),
            self.inner.mlp().dims(),
            self.inner.mlp().activation().name(),
        )
    }
}

/// Declares [`PlannerArgs`] from one list of the [`PlannerConfig`] fields a `planner` dict may
/// set: the struct `PyO3` converts the dict into, its key list and the copy into a config.
macro_rules! planner_args {
    ($($field:ident: $ty:ty),* $(,)?) => {
        /// A `planner` dict, converted only: every key optional (the core's defaults fill the
        /// rest) and [`PlannerConfig::validate`] checks the values.
        #[derive(FromPyObject)]
        struct PlannerArgs {
            /// The keys the dict holds (unknown ones are refused).
            #[pyo3(from_py_with = dict_keys)]
            keys: Vec<String>,
            #[pyo3(item, default)]
            kind: Option<String>,
            $(
                #[pyo3(item, default)]
                $field: Option<$ty>,
            )*
        }

        impl PlannerArgs {
            /// Every key a `planner` dict may hold.
            const KEYS: &'static [&'static str] = &["kind", $(stringify!($field)),*];

            /// `cfg` as a `planner` dict holding every key.
            fn to_dict<'py>(py: Python<'py>, cfg: &PlannerConfig) -> PyResult<Bound<'py, PyDict>> {
                let dict = PyDict::new(py);
                dict.set_item("kind", cfg.kind.name())?;
                $(
                    dict.set_item(stringify!($field), Shown::shown(cfg.$field))?;
                )*
                Ok(dict)
            }

            /// `base` with the values of the dict.
            fn apply(self, mut base: PlannerConfig) -> Result<PlannerConfig, CoreError> {
                if let Some(kind) = self.kind {
                    base.kind = kind.parse()?;
                }
                $(
                    if let Some(value) = self.$field {
                        base.$field = value;
                    }
                )*
                Ok(base)
            }
        }
    };
}

planner_args! {
    horizon: usize,
    population: usize,
    particles: usize,
    iterations: usize,
    elite_frac: f32,
    alpha: f32,
    init_std: f32,
    temperature: f32,
    noise_std: f32,
    discount: f32,
    uncertainty_penalty: f32,
    uncertainty_floor: f32,
    margin_penalty: f32,
    resample_members: bool,
    sample_noise: bool,
    prior_fraction: f32,
    prior_noise: f32,
    execute_best: bool,
    keep_elites: usize,
    finalists: usize,
}

/// A planner setting as Python shows it: an `f32` as the shortest decimal that reads back as the
/// same `f32` (0.1, not 0.10000000149011612).
trait Shown {
    type Out;
    fn shown(self) -> Self::Out;
}

impl Shown for f32 {
    type Out = f64;
    fn shown(self) -> f64 {
        self.to_string().parse().unwrap_or_else(|_| f64::from(self))
    }
}

impl Shown for usize {
    type Out = Self;
    fn shown(self) -> Self {
        self
    }
}

impl Shown for bool {
    type Out = Self;
    fn shown(self) -> Self {
        self
    }
}

/// The core's planner settings for the keys a `planner` dict leaves out (`discrete` picks the
/// default kind): the one home of the defaults, which `plasma.simulator.PlannerConfig` reads.
#[pyfunction]
#[pyo3(signature = (*, discrete=false))]
pub fn planner_defaults(py: Python<'_>, discrete: bool) -> PyResult<Bound<'_, PyDict>> {
    PlannerArgs::to_dict(py, &default_planner(discrete))
}

/// The core's default planner for the action space.
fn default_planner(discrete: bool) -> PlannerConfig {
    PlannerConfig {
        kind: if discrete {
            PlannerKind::Discrete
        } else {
            PlannerKind::Cem
        },
        ..PlannerConfig::default()
    }
}

/// The keys of a mapping as text (a key that is not a str is unknown), from its `keys` method.
fn dict_keys(keys: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    keys.call0()?
        .try_iter()?
        .map(|key| Ok(key?.str()?.to_string()))
        .collect()
}

/// The planner settings of a `planner` dict: the core's defaults (the kind from `discrete`, the
/// action space, unless the dict names one) with the dict's values, checked by the core. Unknown
/// keys are an error.
fn planner_config(
    py: Python<'_>,
    dict: &Bound<'_, PyDict>,
    discrete: bool,
) -> PyResult<PlannerConfig> {
    let args = dict.extract::<PlannerArgs>().map_err(|err: PyErr| {
        // PyO3 names the field ("failed to extract field PlannerArgs.horizon"), the cause why.
        let what = err.value(py).to_string();
        let key = what
            .rsplit_once("PlannerArgs.")
            .map_or(what.as_str(), |(_, k)| k);
        let why = err.cause(py).map_or_else(String::new, |c| c.to_string());
        let value = dict
            .get_item(key)
            .ok()
            .flatten()
            .and_then(|v| v.repr().ok())
            .map_or_else(String::new, |v| format!(" = {v}"));
        invalid(py, format!("planner[{key:?}]{value}: {why}"))
    })?;
    if let Some(key) = args
        .keys
        .iter()
        .find(|k| !PlannerArgs::KEYS.contains(&k.as_str()))
    {
        return Err(invalid(
            py,
            format!(
                "planner[{key:?}]: unknown key; expected {}",
                PlannerArgs::KEYS.join(", ")
            ),
        ));
    }
    let cfg = args
        .apply(default_planner(discrete))
        .map_err(|e| invalid(py, e.to_string()))?;
    cfg.validate().map_err(|e| invalid(py, e.to_string()))?;
    Ok(cfg)
}

/// Checks a `planner` dict as `rollout` and `plan` do, without a model: unknown keys, types and
/// the core's bounds on every value (`PlannerConfig::validate`). Keys left out take the core's
/// defaults; `discrete` picks the default kind.
#[pyfunction]
#[pyo3(signature = (planner, *, discrete=false))]
pub fn check_planner(py: Python<'_>, planner: &Bound<'_, PyDict>, discrete: bool) -> PyResult<()> {
    planner_config(py, planner, discrete).map(|_| ())
}

/// Checks continuous action bounds as `rollout` and `plan` do, without a model: one finite entry
/// per action dimension in each (`action_dim`, or as many as `action_low` has), `action_low <=
/// action_high`; `strict` asks for `action_low < action_high` in every dimension.
#[pyfunction]
#[pyo3(signature = (action_low, action_high, *, action_dim=None, strict=false))]
pub fn check_action_bounds(
    py: Python<'_>,
    action_low: &Bound<'_, PyAny>,
    action_high: &Bound<'_, PyAny>,
    action_dim: Option<i64>,
    strict: bool,
) -> PyResult<()> {
    let low = f32_vector(py, action_low, "action_low", None)?;
    let high = f32_vector(py, action_high, "action_high", None)?;
    let dim = match action_dim {
        Some(d) => positive(py, d, "action_dim")?,
        None => low.len(),
    };
    let order = if strict { Order::Below } else { Order::AtMost };
    check_bounds_ordered(&low, &high, dim, order).map_err(|e| core_error(py, &e))
}

/// `(action_low, action_high)`, each optional.
type Bounds = (Option<Vec<f32>>, Option<Vec<f32>>);

/// Optional continuous action bounds.
fn bounds(
    py: Python<'_>,
    model: &dyn Dynamics,
    low: Option<&Bound<'_, PyAny>>,
    high: Option<&Bound<'_, PyAny>>,
) -> PyResult<Bounds> {
    let a = Some(model.action_dim());
    Ok((
        low.map(|o| f32_vector(py, o, "action_low", a))
            .transpose()?,
        high.map(|o| f32_vector(py, o, "action_high", a))
            .transpose()?,
    ))
}

/// Paths per chunk of a batch of `num_paths` (shards of a batch start on multiples of it).
#[pyfunction]
pub fn rollout_chunk_size(py: Python<'_>, num_paths: i64) -> PyResult<usize> {
    Ok(chunk_size(positive(py, num_paths, "num_paths")?))
}

/// Rolls paths out of a model; see the stub for the arguments.
#[pyfunction]
#[pyo3(signature = (
    model, starts, horizon, seed, *, actions=None, policy=None, planner=None, action_low=None,
    action_high=None, action_noise_std=0.0, member_mode="per_path", deterministic=false,
    compute_uncertainty=true, num_threads=None, shard=None, value=None, prior=None
))]
pub fn rollout<'py>(
    py: Python<'py>,
    model: &Bound<'py, PyAny>,
    starts: &Bound<'py, PyAny>,
    horizon: i64,
    seed: i128,
    actions: Option<&Bound<'py, PyAny>>,
    policy: Option<&Bound<'py, PolicyNet>>,
    planner: Option<&Bound<'py, PyDict>>,
    action_low: Option<&Bound<'py, PyAny>>,
    action_high: Option<&Bound<'py, PyAny>>,
    action_noise_std: f64,
    member_mode: &str,
    deterministic: bool,
    compute_uncertainty: bool,
    num_threads: Option<i64>,
    shard: Option<(i64, i64)>,
    value: Option<&Bound<'py, ValueNet>>,
    prior: Option<&Bound<'py, PolicyNet>>,
) -> PyResult<Bound<'py, PyDict>> {
    let dynamics = dynamics_of(py, model)?;
    let (s, a) = (dynamics.state_dim(), dynamics.action_dim());
    // Conversions only: the core checks every value (`check_request`, then `rollout`).
    if planner.is_none() && (value.is_some() || prior.is_some()) {
        return Err(invalid(
            py,
            "value and prior guide a planner: give them with planner".into(),
        ));
    }
    let given = usize::from(actions.is_some())
        + usize::from(policy.is_some())
        + usize::from(planner.is_some());
    if given != 1 {
        return Err(invalid(
            py,
            format!("give exactly one of actions, policy, planner (got {given})"),
        ));
    }
    let value = value.map(|b| b.get().inner.clone());
    let prior = prior.map(|b| b.get().inner.clone());
    let st = f32_array(py, starts, "starts")?;
    st.expect_shape(py, "starts", &[None, Some(s)], &format!("(P, {s})"))?;
    let p = st.shape[0];
    let (action_low, action_high) = bounds(py, dynamics.as_ref(), action_low, action_high)?;
    let cfg = RolloutConfig {
        horizon: count(py, horizon, "horizon")?,
        seed: seed_of(py, seed)?,
        member_mode: member_mode
            .parse::<MemberMode>()
            .map_err(|e| invalid(py, e.to_string()))?,
        deterministic,
        compute_uncertainty,
        action_noise_std: action_noise_std as f32,
        action_low,
        action_high,
        shard: shard
            .map(|(offset, total)| -> PyResult<Shard> {
                Ok(Shard {
                    offset: count(py, offset, "shard offset")?,
                    total: count(py, total, "shard total")?,
                })
            })
            .transpose()?,
    };
    check_request(dynamics.as_ref(), p, &cfg).map_err(|e| core_error(py, &e))?;
    let h = cfg.horizon;
    let acts = actions
        .map(|o| -> PyResult<Vec<f32>> {
            let arr = f32_array(py, o, "actions")?;
            arr.expect_shape(
                py,
                "actions",
                &[Some(p), Some(h), Some(a)],
                &format!("({p}, {h}, {a})"),
            )?;
            Ok(arr.data)
        })
        .transpose()?;
    let pol = policy.map(|b| b.get().inner.clone());
    let pc = planner
        .map(|d| planner_config(py, d, dynamics.discrete_actions().is_some()))
        .transpose()?;
    let threads = threads(py, num_threads)?;
    let out = detached(py, threads, move || {
        let driver = match (&acts, &pol, &pc) {
            (Some(x), _, _) => Driver::Actions(x),
            (_, Some(x), _) => Driver::Policy(x),
            (_, _, Some(x)) => Driver::Planner(
                x,
                Guides {
                    value: value.as_deref(),
                    prior: prior.as_deref(),
                },
            ),
            _ => unreachable!("exactly one driver was checked"),
        };
        run_rollout(dynamics.as_ref(), &st.data, p, driver, &cfg)
    })?;
    let dict = PyDict::new(py);
    dict.set_item("states", array(py, &[p, h + 1, s], out.states)?)?;
    dict.set_item("actions", array(py, &[p, h, a], out.actions)?)?;
    dict.set_item("rewards", array(py, &[p, h], out.rewards)?)?;
    dict.set_item("dones", array(py, &[p, h], out.dones)?)?;
    dict.set_item("uncertainty", array(py, &[p, h], out.uncertainty)?)?;
    dict.set_item("lengths", array(py, &[p], out.lengths)?)?;
    dict.set_item("members", array(py, &[p], out.members)?)?;
    if let Some(labels) = out.action_labels {
        dict.set_item("action_labels", array(py, &[p, h, a], labels)?)?;
    }
    if let Some(values) = out.plan_values {
        dict.set_item("plan_values", array(py, &[p, h], values)?)?;
    }
    Ok(dict)
}

/// One planning decision from one state; see the stub.
#[pyfunction]
#[pyo3(signature = (
    model, state, planner, seed, *, action_low=None, action_high=None, num_threads=None,
    value=None, prior=None, memory=None
))]
pub fn plan<'py>(
    py: Python<'py>,
    model: &Bound<'py, PyAny>,
    state: &Bound<'py, PyAny>,
    planner: &Bound<'py, PyDict>,
    seed: i128,
    action_low: Option<&Bound<'py, PyAny>>,
    action_high: Option<&Bound<'py, PyAny>>,
    num_threads: Option<i64>,
    value: Option<&Bound<'py, ValueNet>>,
    prior: Option<&Bound<'py, PolicyNet>>,
    memory: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let dynamics = dynamics_of(py, model)?;
    let s = dynamics.state_dim();
    let value = value.map(|b| b.get().inner.clone());
    let prior = prior.map(|b| b.get().inner.clone());
    let memory = memory
        .map(|m| f32_vector(py, m, "memory", None))
        .transpose()?;
    let state = f32_vector(py, state, "state", Some(s))?;
    if let Some(v) = state.iter().find(|v| !v.is_finite()) {
        return Err(invalid(py, format!("state = {v}: must be finite")));
    }
    let cfg = planner_config(py, planner, dynamics.discrete_actions().is_some())?;
    let (low, high) = bounds(py, dynamics.as_ref(), action_low, action_high)?;
    let seed = seed_of(py, seed)?;
    let threads = threads(py, num_threads)?;
    let a = dynamics.action_dim();
    let h = cfg.horizon;
    let decision = detached(py, threads, move || {
        let (lo, hi) = (low.unwrap_or_default(), high.unwrap_or_default());
        let guides = Guides {
            value: value.as_deref(),
            prior: prior.as_deref(),
        };
        let planner = Planner::new(dynamics.as_ref(), &cfg, guides, &lo, &hi)?;
        let mut mem = planner.memory();
        if let Some(values) = &memory {
            mem.restore(values)?;
        }
        let decision = planner.decide(&state, &mut mem, seed);
        Ok((decision, mem.values().to_vec()))
    })?;
    let (decision, memory) = decision;
    let dict = PyDict::new(py);
    let width = memory.len();
    dict.set_item("memory", array(py, &[width], memory)?)?;
    dict.set_item("action", array(py, &[a], decision.action)?)?;
    dict.set_item("plan", array(py, &[h, a], decision.plan)?)?;
    dict.set_item("expected_return", f64::from(decision.expected_return))?;
    dict.set_item("plan_value", f64::from(decision.plan_value))?;
    Ok(dict)
}
