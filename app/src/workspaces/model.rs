//! What both sides see of workspaces: the roles and what each may do, a workspace as its member
//! sees it, members, invitations, and the rules for a workspace's name.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::error::{Error, Issue};

/// The most characters a workspace's name may have.
pub const NAME_MAX_CHARS: usize = 100;

/// The workspace fields, by their names in the JSON bodies and the forms.
pub mod fields {
    pub const NAME: &str = "name";
    pub const EMAIL: &str = "email";
    pub const ROLE: &str = "role";
    /// The name typed again to confirm a deletion.
    pub const CONFIRMATION: &str = "confirmation";
    /// The member who is to become the owner.
    pub const NEW_OWNER: &str = "new_owner";
    pub const MEMBER: &str = "member";
}

/// A member's role in one workspace, from the most to the least it may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkspaceRole {
    /// Reads everything, changes nothing.
    Viewer,
    /// Reads and writes the work: projects, tasks, comments, files.
    Member,
    /// A member who also renames the workspace and manages members and invitations.
    Admin,
    /// The one who may delete the workspace or hand it to someone else; exactly one.
    Owner,
}

impl WorkspaceRole {
    /// Every role, the most able first.
    pub const ALL: [Self; 4] = [Self::Owner, Self::Admin, Self::Member, Self::Viewer];
    /// The roles an invitation or a role change may give (ownership is only handed over).
    pub const GIVEN: [Self; 3] = [Self::Admin, Self::Member, Self::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Admin => "admin",
            Self::Member => "member",
            Self::Viewer => "viewer",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|role| role.as_str() == value.trim())
    }

    /// A role an invitation or a role change may give, or the problem on `field`.
    pub fn parse_given(value: &str, field: &'static str) -> Result<Self, Error> {
        match Self::parse(value) {
            Some(role) if role != Self::Owner => Ok(role),
            _ if value.trim().is_empty() => Err(Error::invalid(field, Issue::Required)),
            _ => Err(Error::invalid(field, Issue::Unreadable)),
        }
    }

    /// Whether this role may change the work (everyone but a viewer).
    pub fn can_write(self) -> bool {
        self >= Self::Member
    }

    /// Whether this role may rename the workspace and manage members and invitations.
    pub fn can_manage(self) -> bool {
        self >= Self::Admin
    }

    /// `Forbidden` unless this role is `needed` or above it: the one check every workspace
    /// operation makes after finding the caller's membership.
    pub fn require(self, needed: Self) -> Result<(), Error> {
        if self >= needed {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }
}

/// A workspace as one of its members sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub id: Uuid,
    pub name: String,
    /// The role of the person looking.
    pub role: WorkspaceRole,
    pub member_count: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A member of a workspace, as the other members see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    pub role: WorkspaceRole,
    #[serde(with = "time::serde::rfc3339")]
    pub joined_at: OffsetDateTime,
}

/// An invitation that is still open, as the workspace's admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub email: String,
    pub role: WorkspaceRole,
    /// Who sent it; `None` once their account is gone.
    pub invited_by: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// An invitation as the person invited sees it: to what, from whom, as what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationForMe {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub workspace_name: String,
    pub email: String,
    pub role: WorkspaceRole,
    pub invited_by: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// A workspace, its members, and (for its admins) its open invitations: what the workspace's
/// people page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub workspace: Workspace,
    pub members: Vec<Member>,
    /// Empty for anyone who may not manage the workspace.
    pub invitations: Vec<Invitation>,
}

/// How a person answers an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Accept,
    Decline,
}

/// A workspace's name as stored: trimmed, inner runs of white space made one space, 1 to
/// [`NAME_MAX_CHARS`] characters.
pub fn parse_name(input: &str) -> Result<String, Issue> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Issue::Required);
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(Issue::NameTooLong);
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_tidied_and_bounded() {
        assert_eq!(parse_name("  Acme \t  Web  "), Ok("Acme Web".into()));
        assert_eq!(parse_name(" \n "), Err(Issue::Required));
        assert_eq!(
            parse_name(&"a".repeat(NAME_MAX_CHARS)).map(|n| n.len()),
            Ok(100)
        );
        assert_eq!(
            parse_name(&"a".repeat(NAME_MAX_CHARS + 1)),
            Err(Issue::NameTooLong)
        );
    }

    #[test]
    fn roles_grant_what_the_ones_below_them_may() {
        use WorkspaceRole::*;
        assert!(Owner.can_manage() && Admin.can_manage());
        assert!(!Member.can_manage() && Member.can_write());
        assert!(!Viewer.can_write());
        assert!(Viewer.require(Viewer).is_ok());
        assert!(matches!(Viewer.require(Member), Err(Error::Forbidden)));
        for role in WorkspaceRole::ALL {
            assert_eq!(WorkspaceRole::parse(role.as_str()), Some(role));
        }
        assert!(WorkspaceRole::parse_given("owner", "role").is_err());
        assert_eq!(
            WorkspaceRole::parse_given(" viewer ", "role").ok(),
            Some(Viewer)
        );
    }
}
