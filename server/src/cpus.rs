//! Which CPUs the process may run on, and keeping a thread on one of them.
//!
//! Each of the server's runtimes stays on one CPU, and so do the threads it starts for its
//! SQLite connections (a new thread inherits its parent's CPUs): a query hands work to the
//! connection's thread and back, which costs about 2 µs on one CPU and 60-70 µs across two on
//! the virtual machines Hearth is measured on (`bench/ssr.sh` prints both). The blocking pool's
//! threads (password hashing) may run anywhere, so one runtime's logins do not crowd its CPU.

use nix::{
    sched::{CpuSet, sched_getaffinity, sched_setaffinity},
    unistd::Pid,
};

/// The calling thread, for the `sched_*` calls.
const THIS_THREAD: Pid = Pid::from_raw(0);

/// The CPUs this process may use, as the kernel reports them (a container's `--cpuset-cpus`
/// or `taskset` included).
#[derive(Debug, Clone, Copy)]
pub struct Cpus(CpuSet);

impl Cpus {
    /// The CPUs the calling thread may use (at start-up: the process's).
    pub fn allowed() -> Self {
        Self(sched_getaffinity(THIS_THREAD).unwrap_or_else(|_| {
            let mut all = CpuSet::new();
            for cpu in 0..std::thread::available_parallelism().map_or(1, usize::from) {
                let _ = all.set(cpu);
            }
            all
        }))
    }

    /// Their numbers, lowest first.
    pub fn ids(&self) -> Vec<usize> {
        (0..CpuSet::count())
            .filter(|&cpu| self.0.is_set(cpu).unwrap_or(false))
            .collect()
    }

    /// Lets the calling thread run on any of these CPUs again.
    pub fn release_current_thread(&self) {
        if let Err(error) = sched_setaffinity(THIS_THREAD, &self.0) {
            tracing::debug!(%error, "cannot widen this thread's CPUs");
        }
    }
}

/// Keeps the calling thread (and the threads it starts from now on) on one CPU. Where the
/// kernel refuses, the thread runs wherever it is put, which is only slower.
pub fn pin_current_thread(cpu: usize) {
    let mut one = CpuSet::new();
    let pinned = one
        .set(cpu)
        .and_then(|()| sched_setaffinity(THIS_THREAD, &one));
    if let Err(error) = pinned {
        tracing::warn!(cpu, %error, "cannot keep a runtime on its CPU");
    }
}
