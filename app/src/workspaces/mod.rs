//! Workspaces, the tenants: a team's shared place. Everything a team will share (projects,
//! tasks, comments, files) belongs to one workspace, and people reach it only as its members.
//!
//! - `model.rs`: the roles (owner, admin, member, viewer) and what each may do, and the types
//!   both sides see;
//! - `service.rs`: every operation, each starting with the caller's membership (not a member:
//!   `NotFound`; too low a role: `Forbidden`);
//! - `store.rs`: the SQL, every statement scoped to one workspace;
//! - `letters.rs`: the invitation letter;
//! - `server_fns.rs`: what the pages call.
//!
//! Invitations go by e-mail with a single-use link that expires; only the account with the
//! invited address may answer it.

#[cfg(feature = "ssr")]
mod letters;
mod model;
pub mod server_fns;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
mod store;

pub use model::{
    Answer, Invitation, InvitationForMe, Member, NAME_MAX_CHARS, Team, Workspace, WorkspaceRole,
    fields, parse_name,
};
#[cfg(feature = "ssr")]
pub use service::{INVITATION_LIFETIME, TEAM_PAGE, Workspaces};
