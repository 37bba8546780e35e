//! Thread-pool control shared by the simulator entry points.
//!
//! `None` runs on rayon's global pool, whose size [`init_global_pool`] takes from the environment
//! variable `PLASMA_NUM_THREADS` (else rayon's default: `RAYON_NUM_THREADS` or all cores); `Some(n)`
//! runs the call in a pool of `n` threads built for it. Results never depend on the choice.
//!
//! A fork keeps only the thread that called it: in a child process forked after the global pool
//! started, that pool has no threads and a job sent to it would wait forever. The embedding calls
//! [`after_fork_in_child`] in the child (the Python module does, from `os.register_at_fork`), and
//! from then on `None` runs on a pool built for the call instead (see there).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use crate::error::{CoreError, CoreResult};

/// Environment variable that sizes the global pool.
pub const THREADS_ENV: &str = "PLASMA_NUM_THREADS";

/// Set once the global pool may have threads: when [`init_global_pool`] builds it, or before the
/// first call that runs on it (rayon starts the pool's threads on first use).
static GLOBAL_POOL_STARTED: AtomicBool = AtomicBool::new(false);
/// Set by [`after_fork_in_child`] in a process forked after the global pool started.
static GLOBAL_POOL_LOST: AtomicBool = AtomicBool::new(false);

/// `PLASMA_NUM_THREADS` when it is set to a positive integer.
fn threads_from_env() -> Option<usize> {
    std::env::var(THREADS_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
}

/// Sizes rayon's global pool from `PLASMA_NUM_THREADS` when it is set to a positive integer.
/// Does nothing when the variable is unset or invalid, or when the pool already exists (the first
/// caller wins; call this before any parallel work, e.g. at module import).
pub fn init_global_pool() {
    let Some(n) = threads_from_env() else {
        return;
    };
    // An error means the global pool was built already: keep it (it has threads either way).
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global();
    GLOBAL_POOL_STARTED.store(true, Ordering::SeqCst);
}

/// To be called in a child process right after `fork()`. When the parent had started the global
/// pool, the child lost its threads: from then on, calls that ask for the global pool (`None`)
/// run on a pool built for each call, of `PLASMA_NUM_THREADS` threads when the child's environment
/// sets it, else of one thread (forked workers side by side would otherwise each claim every
/// core). Results are the same, as for any thread count. Returns whether that happened, so that
/// the embedding can warn; a child forked before the pool started keeps using a global pool of
/// its own.
pub fn after_fork_in_child() -> bool {
    let lost = GLOBAL_POOL_STARTED.load(Ordering::SeqCst);
    if lost {
        GLOBAL_POOL_LOST.store(true, Ordering::SeqCst);
    }
    lost
}

/// Runs `f` on the global pool (`None`; in a child forked after it started, on a pool built for
/// the call: see [`after_fork_in_child`]) or on a dedicated pool of `threads` threads.
///
/// # Errors
/// Zero threads, or a pool that cannot be built (named `num_threads`).
pub fn with_threads<T: Send>(
    threads: Option<usize>,
    f: impl FnOnce() -> T + Send,
) -> CoreResult<T> {
    match threads {
        None if GLOBAL_POOL_LOST.load(Ordering::SeqCst) => {
            with_threads(Some(threads_from_env().unwrap_or(1)), f)
        }
        None => {
            GLOBAL_POOL_STARTED.store(true, Ordering::SeqCst);
            Ok(f())
        }
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

/// `f` of every item, in order, computed by the calling thread and the current pool's threads,
/// each taking the next item as it becomes free.
///
/// - Unlike a rayon parallel iterator, which halves the items between the threads up front, this
///   keeps a few uneven items (list them largest first) from leaving one thread with the two
///   largest: 10-path rollouts in member units of 3, 3, 2, 2 paths took 0.84 ms split in halves
///   and 0.76 ms taken in turn (2 cores).
/// - The calling thread works too, and every pool thread is asked to help, instead of the caller
///   waiting for a pool that may be slow to start. rayon wakes one sleeping thread per job, and
///   on the development machine a job handed to a pool asleep for a few ms often did not start
///   until the thread that posted it was done (a trace showed one thread running every unit):
///   after 5 ms idle, the same 10-path rollout ran at one thread's speed (median 1.50 ms) when the
///   caller only waited, and also when it worked beside one helper; with the caller and both pool
///   threads, about 0.9 ms (0.75 ms hot). Three threads on two cores cost nothing measurable on
///   long calls (1000 x 100: 52.5 ms).
pub fn map_in_turn<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(items.len()));
    let work = || {
        let mut mine = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            mine.push((i, f(item)));
        }
        done.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(mine);
    };
    let helpers = rayon::current_num_threads().min(items.len());
    rayon::in_place_scope(|scope| {
        for _ in 0..helpers {
            scope.spawn(|_| work());
        }
        work();
    });
    let mut done = done.into_inner().unwrap_or_else(PoisonError::into_inner);
    done.sort_unstable_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, r)| r).collect()
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

    #[test]
    fn map_in_turn_keeps_the_order_on_any_pool() {
        let items: Vec<u64> = (0..37).collect();
        for threads in [1, 2, 5] {
            let squares = with_threads(Some(threads), || map_in_turn(&items, |v| v * v)).unwrap();
            assert_eq!(squares, items.iter().map(|v| v * v).collect::<Vec<_>>());
        }
        assert!(map_in_turn(&[] as &[u8], |v| *v).is_empty());
    }
}
