//! The server functions behind the workspace pages: parse, call `Workspaces` (which checks the
//! caller's membership and role), answer. The forms among them work without JavaScript
//! (`forms::server::Reply`): a success goes on to the page that shows its result, a failure
//! back to the form with the message on its field.

use leptos::prelude::*;

use super::{InvitationForMe, Team, Workspace};
#[cfg(feature = "ssr")]
use super::{WorkspaceRole, fields};
#[cfg(feature = "ssr")]
use crate::{accounts::session, flash::Flash, forms::server::Reply, locale, services::Services};
use crate::{error::Error, paging::Page};

/// Something that is not an id names no workspace: the same answer as an unknown one.
#[cfg(feature = "ssr")]
fn id_of(text: &str) -> Result<uuid::Uuid, Error> {
    uuid::Uuid::parse_str(text.trim()).map_err(|_| Error::NotFound)
}

/// The address of a workspace's page, `part` below it (`""` for its home).
pub fn workspace_path(id: &str, part: &str) -> String {
    let id = crate::forms::encode(id.trim());
    if part.is_empty() {
        format!("/w/{id}")
    } else {
        format!("/w/{id}/{part}")
    }
}

/// The signed-in person's workspaces (a page of them, after `cursor`) and the invitations
/// waiting for them.
#[server(prefix = "/fn", endpoint = "my-workspaces")]
pub async fn my_workspaces(
    cursor: Option<String>,
) -> Result<(Page<Workspace>, Vec<InvitationForMe>), Error> {
    let current = session::require()?;
    let services = Services::get()?;
    let workspaces = services
        .workspaces
        .mine(
            &current.user,
            cursor.as_deref(),
            crate::paging::DEFAULT_LIMIT,
        )
        .await?;
    let invitations = services
        .workspaces
        .invitations_for_me(&current.user)
        .await?;
    Ok((workspaces, invitations))
}

/// Makes a workspace; on to its page.
#[server(prefix = "/fn", endpoint = "create-workspace")]
pub async fn create_workspace(name: String) -> Result<Workspace, Error> {
    let reply = Reply::back_to("/workspaces")
        .keep(fields::NAME, &name)
        .greet(Flash::WorkspaceCreated);
    let result = async {
        let current = session::require()?;
        Services::get()?
            .workspaces
            .create(&current.user, &name)
            .await
    }
    .await;
    reply.finish(result, |workspace| {
        workspace_path(&workspace.id.to_string(), "")
    })
}

/// One workspace as the signed-in person sees it.
#[server(prefix = "/fn", endpoint = "workspace")]
pub async fn get_workspace(id: String) -> Result<Workspace, Error> {
    let current = session::require()?;
    Services::get()?
        .workspaces
        .get(&current.user, id_of(&id)?)
        .await
}

/// A workspace's people: a page of members (after `cursor`) and, for admins, the open
/// invitations; and the cursor of the next page.
#[server(prefix = "/fn", endpoint = "workspace-team")]
pub async fn workspace_team(
    id: String,
    cursor: Option<String>,
) -> Result<(Team, Option<String>), Error> {
    let current = session::require()?;
    Services::get()?
        .workspaces
        .team(&current.user, id_of(&id)?, cursor.as_deref())
        .await
}

/// Renames a workspace.
#[server(prefix = "/fn", endpoint = "rename-workspace")]
pub async fn rename_workspace(id: String, name: String) -> Result<(), Error> {
    let back = workspace_path(&id, "settings");
    let reply = Reply::back_to(back.clone())
        .keep(fields::NAME, &name)
        .greet(Flash::WorkspaceSaved);
    let result = async {
        let current = session::require()?;
        Services::get()?
            .workspaces
            .rename(&current.user, id_of(&id)?, &name)
            .await
            .map(drop)
    }
    .await;
    reply.finish(result, |()| back.clone())
}

/// Deletes a workspace once its name is typed as `confirmation`.
#[server(prefix = "/fn", endpoint = "delete-workspace")]
pub async fn delete_workspace(id: String, confirmation: String) -> Result<(), Error> {
    let reply = Reply::back_to(workspace_path(&id, "settings")).greet(Flash::WorkspaceDeleted);
    let result = async {
        let current = session::require()?;
        Services::get()?
            .workspaces
            .delete(&current.user, id_of(&id)?, Some(&confirmation))
            .await
    }
    .await;
    reply.finish(result, |()| "/workspaces".to_owned())
}

/// Invites an address to a workspace as `role` (`admin`, `member` or `viewer`).
#[server(prefix = "/fn", endpoint = "invite-member")]
pub async fn invite_member(id: String, email: String, role: String) -> Result<(), Error> {
    let back = workspace_path(&id, "people");
    let reply = Reply::back_to(back.clone())
        .keep(fields::EMAIL, &email)
        .greet(Flash::InvitationSent);
    let result = async {
        let current = session::require()?;
        let role = WorkspaceRole::parse_given(&role, fields::ROLE)?;
        Services::get()?
            .workspaces
            .invite(
                &current.user,
                id_of(&id)?,
                &email,
                role,
                locale::of_this_request(),
            )
            .await
            .map(drop)
    }
    .await;
    reply.finish(result, |()| back.clone())
}

/// Withdraws an open invitation.
#[server(prefix = "/fn", endpoint = "revoke-invitation")]
pub async fn revoke_invitation(id: String, invitation: String) -> Result<(), Error> {
    let back = workspace_path(&id, "people");
    let reply = Reply::back_to(back.clone()).greet(Flash::InvitationRevoked);
    let result = async {
        let current = session::require()?;
        Services::get()?
            .workspaces
            .revoke(&current.user, id_of(&id)?, id_of(&invitation)?)
            .await
    }
    .await;
    reply.finish(result, |()| back.clone())
}

/// Gives a member another role.
#[server(prefix = "/fn", endpoint = "set-member-role")]
pub async fn set_member_role(id: String, member: String, role: String) -> Result<(), Error> {
    let back = workspace_path(&id, "people");
    let reply = Reply::back_to(back.clone()).greet(Flash::MemberSaved);
    let result = async {
        let current = session::require()?;
        let role = WorkspaceRole::parse_given(&role, fields::ROLE)?;
        Services::get()?
            .workspaces
            .set_role(&current.user, id_of(&id)?, id_of(&member)?, role)
            .await
            .map(drop)
    }
    .await;
    reply.finish(result, |()| back.clone())
}

/// Removes a member from a workspace.
#[server(prefix = "/fn", endpoint = "remove-member")]
pub async fn remove_member(id: String, member: String) -> Result<(), Error> {
    let back = workspace_path(&id, "people");
    let reply = Reply::back_to(back.clone()).greet(Flash::MemberRemoved);
    let result = async {
        let current = session::require()?;
        Services::get()?
            .workspaces
            .remove(&current.user, id_of(&id)?, id_of(&member)?)
            .await
    }
    .await;
    reply.finish(result, |()| back.clone())
}

/// Hands a workspace to another member.
#[server(prefix = "/fn", endpoint = "transfer-workspace")]
pub async fn transfer_workspace(id: String, new_owner: String) -> Result<(), Error> {
    let back = workspace_path(&id, "settings");
    let reply = Reply::back_to(back.clone()).greet(Flash::OwnershipTransferred);
    let result = async {
        let current = session::require()?;
        let to = uuid::Uuid::parse_str(new_owner.trim())
            .map_err(|_| Error::invalid(fields::NEW_OWNER, crate::error::Issue::NotAMember))?;
        Services::get()?
            .workspaces
            .transfer(&current.user, id_of(&id)?, to)
            .await
            .map(drop)
    }
    .await;
    reply.finish(result, |()| back.clone())
}

/// Leaves a workspace.
#[server(prefix = "/fn", endpoint = "leave-workspace")]
pub async fn leave_workspace(id: String) -> Result<(), Error> {
    let reply = Reply::back_to(workspace_path(&id, "settings")).greet(Flash::LeftWorkspace);
    let result = async {
        let current = session::require()?;
        Services::get()?
            .workspaces
            .leave(&current.user, id_of(&id)?)
            .await
    }
    .await;
    reply.finish(result, |()| "/workspaces".to_owned())
}

/// The invitation behind a link, for its page (anyone holding the link may read it).
#[server(prefix = "/fn", endpoint = "invitation")]
pub async fn invitation_by_link(token: String) -> Result<InvitationForMe, Error> {
    Services::get()?.workspaces.invitation_by_link(&token).await
}

#[cfg(feature = "ssr")]
fn answer_of(text: &str) -> Result<super::Answer, Error> {
    match text.trim() {
        "accept" => Ok(super::Answer::Accept),
        "decline" => Ok(super::Answer::Decline),
        _ => Err(Error::invalid("answer", crate::error::Issue::Unreadable)),
    }
}

/// Where an answer to an invitation leads: into the workspace after accepting, to the list of
/// workspaces after declining.
#[cfg(feature = "ssr")]
fn after_answer(answer: &str, workspace: uuid::Uuid) -> String {
    if answer.trim() == "accept" {
        workspace_path(&workspace.to_string(), "")
    } else {
        "/workspaces".to_owned()
    }
}

/// Answers the invitation behind a link (`answer`: `accept` or `decline`).
#[server(prefix = "/fn", endpoint = "answer-invitation")]
pub async fn answer_invitation(token: String, answer: String) -> Result<uuid::Uuid, Error> {
    let back = format!("/invitation?token={}", crate::forms::encode(token.trim()));
    let greeting = if answer.trim() == "accept" {
        Flash::InvitationAccepted
    } else {
        Flash::InvitationDeclined
    };
    let reply = Reply::back_to(back).greet(greeting);
    let result = async {
        let current = session::require()?;
        Services::get()?
            .workspaces
            .answer_link(&current.user, &token, answer_of(&answer)?)
            .await
    }
    .await;
    reply.finish(result, |workspace| after_answer(&answer, *workspace))
}

/// Answers one of the signed-in person's invitations from the list of workspaces.
#[server(prefix = "/fn", endpoint = "answer-my-invitation")]
pub async fn answer_my_invitation(invitation: String, answer: String) -> Result<uuid::Uuid, Error> {
    let greeting = if answer.trim() == "accept" {
        Flash::InvitationAccepted
    } else {
        Flash::InvitationDeclined
    };
    let reply = Reply::back_to("/workspaces").greet(greeting);
    let result = async {
        let current = session::require()?;
        Services::get()?
            .workspaces
            .answer(&current.user, id_of(&invitation)?, answer_of(&answer)?)
            .await
    }
    .await;
    reply.finish(result, |workspace| after_answer(&answer, *workspace))
}
