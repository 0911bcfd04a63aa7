//! Pieces shared by every page.

pub mod connection;
pub mod layout;
pub mod ui;
