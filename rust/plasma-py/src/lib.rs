//! `PyO3` bindings of `plasma-core`, compiled by maturin into the private module `plasma._core`.
//!
//! Only conversions, GIL release and error mapping live here; every algorithm lives in `plasma-core`.

use pyo3::prelude::*;

mod audit;
mod local;
mod runtime;
mod simulator;

#[pymodule]
mod _core {
    use pyo3::prelude::*;

    #[pymodule_export]
    use crate::audit::{NumericScanner, RuleEngine};
    #[pymodule_export]
    use crate::local::LocalIndex;
    #[pymodule_export]
    use crate::simulator::{
        check_action_bounds, check_planner, plan, planner_defaults, rollout, rollout_chunk_size,
        CartPoleModel, DynamicsModel, EnsembleModel, PendulumModel, PolicyNet, ValueNet,
    };

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", plasma_core::VERSION)?;
        m.add("build_profile", build_profile())?;
        // Size rayon's global pool from PLASMA_NUM_THREADS before any parallel work.
        plasma_core::parallel::init_global_pool();
        // A process forked after the pool started must not send work to it (its threads stay
        // with the parent).
        crate::runtime::register_fork_guard(m)
    }

    /// "debug" for an unoptimised build (editable installs use the dev profile), else "release".
    const fn build_profile() -> &'static str {
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    }
}
