//! Hearth's user interface: the document shell, the routes and their pages, and the server
//! functions they call.
//!
//! The crate compiles twice. With `hydrate` it becomes part of the browser bundle; with `ssr` it
//! also carries the server-only layer (`db`, and later the services) that must never reach the
//! browser: everything that touches the database or secrets sits behind `#[cfg(feature = "ssr")]`.

pub mod components;
pub mod pages;
mod shell;
pub mod theme;

#[cfg(feature = "ssr")]
pub mod db;

pub use shell::{App, shell};
