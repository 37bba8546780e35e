//! Thread-pool control shared by the simulator entry points.
//!
//! `None` runs on rayon's global pool, whose size [`init_global_pool`] takes from the environment
//! variable `PLASMA_NUM_THREADS` (else rayon's default: `RAYON_NUM_THREADS` or all cores); `Some(n)`
//! runs the call in a pool of `n` threads built for it. Results never depend on the choice.

use crate::error::{CoreError, CoreResult};

/// Environment variable that sizes the global pool.
pub const THREADS_ENV: &str = "PLASMA_NUM_THREADS";

/// Sizes rayon's global pool from `PLASMA_NUM_THREADS` when it is set to a positive integer.
/// Does nothing when the variable is unset or invalid, or when the pool already exists (the first
/// caller wins; call this before any parallel work, e.g. at module import).
pub fn init_global_pool() {
    let Some(n) = std::env::var(THREADS_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
    else {
        return;
    };
    // An error means the global pool was built already: keep it.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global();
}

/// Runs `f` on the global pool (`None`) or on a dedicated pool of `threads` threads.
///
/// # Errors
/// Zero threads, or a pool that cannot be built (named `num_threads`).
pub fn with_threads<T: Send>(
    threads: Option<usize>,
    f: impl FnOnce() -> T + Send,
) -> CoreResult<T> {
    match threads {
        None => Ok(f()),
        Some(0) => Err(CoreError::InvalidArgument {
            name: "num_threads".into(),
            value: "0".into(),
            reason: "must be positive (or None for the global pool)".into(),
        }),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|pool| pool.install(f))
            .map_err(|e| CoreError::InvalidArgument {
                name: "num_threads".into(),
                value: n.to_string(),
                reason: format!("cannot start a thread pool: {e}"),
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_pools_have_the_requested_size() {
        assert_eq!(
            with_threads(Some(3), rayon::current_num_threads).unwrap(),
            3
        );
        assert!(with_threads(Some(0), || ()).is_err());
    }
}
