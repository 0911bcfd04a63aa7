//! Projects: a workspace's projects, each with a short key ("WEB") its tasks are numbered
//! under ("WEB-42"). Reaching a project means being a member of its workspace (`Workspaces`
//! decides: not a member, `NotFound`; a viewer who writes, `Forbidden`).

mod model;
pub mod server_fns;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
mod store;

pub use model::{
    DESCRIPTION_MAX_CHARS, NewProject, Project, ProjectChange, fields, parse_description, parse_key,
};
#[cfg(feature = "ssr")]
pub use service::Projects;
