//! Background jobs: work that runs outside a request, kept in the application database on
//! either engine, so it survives restarts and is shared by every server on one database.
//!
//! - `queue.rs`: enqueue (committed before it returns), claim under a lease, renew, end: done,
//!   again after an exponential backoff, or dead after the last attempt;
//! - `runner.rs`: the handlers and schedules a process knows (`Catalog`), and the worker loop
//!   (`Runner`) with its drain on shutdown;
//! - `store.rs`: the SQL.
//!
//! Why our own and not apalis: its releases for sqlx 0.8 are release candidates, it records its
//! migrations in the same table as ours (our migrator then refuses to start), it needs sqlx's
//! macros (both drivers compiled again), keeps retry backoff in memory only, and enqueues a
//! scheduled job once per server. This is a table, seven statements and a loop.
//!
//! Several servers on one PostgreSQL do not run a job twice at once while its lease holds: a
//! claim takes the row under `FOR UPDATE SKIP LOCKED` and a new lease id, every later write of
//! the job names that lease (a worker whose lease ran out can no longer end a job someone else
//! now holds), and a run stops once its lease could not be renewed for a whole lease. Leases
//! are reckoned by each server's clock, so the servers' clocks must agree (NTP) to well within
//! a lease (60 s). On SQLite one writer at a time does the same.

mod queue;
mod runner;
mod store;

pub use queue::{ClaimedJob, Failed, JobStatus, NewJob, Queue, QueueSettings};
pub use runner::{Catalog, JobResult, Runner};
