//! Plasma's pure-Rust core.
//!
//! This crate knows nothing of Python: the hot loops of Plasma (ensemble forward passes, rollouts,
//! planners, audit scans) live here as plain functions over slices and arrays, so they can be tested
//! and benchmarked with `cargo` alone. `plasma-py` wraps them for Python.

pub mod activation;
pub mod audit;
pub mod bounds;
pub mod dynamics;
pub mod error;
pub mod mlp;
pub mod normalize;
pub mod packed;
pub mod parallel;
pub mod planner;
pub mod policy;
pub mod rng;
pub mod rollout;
pub mod value;

pub use error::{CoreError, CoreResult};

/// The version of Plasma; the Python package reports the same number.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
