//! What people do with workspaces. Every operation inside a workspace first finds the caller's
//! membership (`membership`): someone who is not a member is told the workspace does not exist
//! (`NotFound`, so ids reveal nothing), a member whose role is too low is refused (`Forbidden`),
//! and only then is anything read or changed.

use std::sync::Arc;

use time::Duration;
use uuid::Uuid;

use super::{
    Answer, Invitation, InvitationForMe, Member, Team, Workspace, WorkspaceRole, fields, letters,
    parse_name,
    store::{self, InvitationRow, MemberRow, NewInvitation, WorkspaceRow},
};
use crate::{
    accounts::{User, rules::parse_email, tokens::OpaqueToken},
    db::{Database, now},
    error::{Error, FieldError, Issue},
    i18n::Locale,
    jobs::Queue,
    limits::{Limit, Limiter},
    mail,
    paging::{Cursor, MAX_LIMIT, Page, page_of},
    personal_data::{Pending, PersonalData},
};

/// How long an invitation's link stays good.
pub const INVITATION_LIFETIME: Duration = Duration::days(7);

/// How many members the people page shows at once.
pub const TEAM_PAGE: u32 = 100;

/// The workspaces service: the database, the queue letters go through, the site's address
/// for the links in them, and the limiter.
#[derive(Debug, Clone)]
pub struct Workspaces {
    db: Database,
    jobs: Queue,
    site: Arc<str>,
    limits: Limiter,
}

impl Workspaces {
    pub fn new(db: Database, jobs: Queue, site: &str, limits: Limiter) -> Self {
        Self {
            db,
            jobs,
            site: site.into(),
            limits,
        }
    }

    /// The same over another pool.
    pub fn on(&self, db: Database) -> Self {
        Self {
            jobs: self.jobs.on(db.clone()),
            db,
            ..self.clone()
        }
    }

    /// Makes a workspace named `name`, owned by `actor`.
    pub async fn create(&self, actor: &User, name: &str) -> Result<Workspace, Error> {
        let name = parse_name(name).map_err(|issue| Error::invalid(fields::NAME, issue))?;
        let id = Uuid::new_v4();
        store::create(&self.db, id, &name, actor.id, now()).await?;
        self.get(actor, id).await
    }

    /// A page of the workspaces `actor` belongs to, by name.
    pub async fn mine(
        &self,
        actor: &User,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Page<Workspace>, Error> {
        let Cursor(after) = Cursor::<(String, Uuid)>::parse(cursor)?;
        let limit = limit.clamp(1, MAX_LIMIT);
        let rows =
            store::of_member(&self.db, actor.id, after.as_ref(), i64::from(limit) + 1).await?;
        let page = page_of(rows, limit, |row| (row.name.to_lowercase(), row.id));
        Ok(Page {
            items: page
                .items
                .into_iter()
                .map(Workspace::try_from)
                .collect::<Result<_, _>>()?,
            next_cursor: page.next_cursor,
        })
    }

    /// The workspace `id`, if `actor` is a member (else `NotFound`).
    pub async fn get(&self, actor: &User, id: Uuid) -> Result<Workspace, Error> {
        self.membership(actor, id).await
    }

    /// `actor`'s membership of `id`: the workspace with their role. `NotFound` for anyone who is
    /// not a member, whether or not the workspace exists.
    async fn membership(&self, actor: &User, id: Uuid) -> Result<Workspace, Error> {
        store::as_member(&self.db, id, actor.id)
            .await?
            .ok_or(Error::NotFound)?
            .try_into()
    }

    /// The workspace `id` for `actor`, once their role is at least `needed`.
    pub async fn require(
        &self,
        actor: &User,
        id: Uuid,
        needed: WorkspaceRole,
    ) -> Result<Workspace, Error> {
        let workspace = self.membership(actor, id).await?;
        workspace.role.require(needed)?;
        Ok(workspace)
    }

    /// Renames the workspace (admins and the owner).
    pub async fn rename(&self, actor: &User, id: Uuid, name: &str) -> Result<Workspace, Error> {
        self.require(actor, id, WorkspaceRole::Admin).await?;
        let name = parse_name(name).map_err(|issue| Error::invalid(fields::NAME, issue))?;
        store::rename(&self.db, id, &name, now()).await?;
        self.get(actor, id).await
    }

    /// Deletes the workspace and everything in it (the owner only). A page asks for its name
    /// typed again (`Some(confirmation)`); an API client's request is deliberate enough (`None`).
    pub async fn delete(
        &self,
        actor: &User,
        id: Uuid,
        confirmation: Option<&str>,
    ) -> Result<(), Error> {
        let workspace = self.require(actor, id, WorkspaceRole::Owner).await?;
        if let Some(typed) = confirmation.map(str::trim)
            && typed != workspace.name
        {
            let issue = if typed.is_empty() {
                Issue::Required
            } else {
                Issue::ConfirmationMismatch
            };
            return Err(Error::invalid(fields::CONFIRMATION, issue));
        }
        store::delete(&self.db, id).await?;
        Ok(())
    }

    /// A page of the workspace's members, by name (any member may see who else is in it).
    pub async fn members(
        &self,
        actor: &User,
        id: Uuid,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Page<Member>, Error> {
        self.membership(actor, id).await?;
        self.member_page(id, cursor, limit).await
    }

    async fn member_page(
        &self,
        id: Uuid,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Page<Member>, Error> {
        let Cursor(after) = Cursor::<(String, Uuid)>::parse(cursor)?;
        let limit = limit.clamp(1, MAX_LIMIT.max(TEAM_PAGE));
        let rows = store::members(&self.db, id, after.as_ref(), i64::from(limit) + 1).await?;
        let page = page_of(rows, limit, |row| (row.name.to_lowercase(), row.user_id));
        Ok(Page {
            items: page
                .items
                .into_iter()
                .map(Member::try_from)
                .collect::<Result<_, _>>()?,
            next_cursor: page.next_cursor,
        })
    }

    /// The workspace, a page of its members and, for those who manage it, its open invitations.
    pub async fn team(
        &self,
        actor: &User,
        id: Uuid,
        cursor: Option<&str>,
    ) -> Result<(Team, Option<String>), Error> {
        let workspace = self.membership(actor, id).await?;
        let members = self.member_page(id, cursor, TEAM_PAGE).await?;
        let invitations = if workspace.role.can_manage() {
            self.open_invitations(id).await?
        } else {
            Vec::new()
        };
        Ok((
            Team {
                workspace,
                members: members.items,
                invitations,
            },
            members.next_cursor,
        ))
    }

    async fn open_invitations(&self, id: Uuid) -> Result<Vec<Invitation>, Error> {
        store::open_invitations(&self.db, id, now())
            .await?
            .into_iter()
            .map(Invitation::try_from)
            .collect()
    }

    /// Invites `email` to the workspace as `role` and sends them the link (admins and the owner,
    /// with an address of their own that they have confirmed). Inviting an address again renews
    /// its invitation; a member's address is refused. `locale` is the language of the letter
    /// when the address has no account (else the account's language).
    pub async fn invite(
        &self,
        actor: &User,
        id: Uuid,
        email: &str,
        role: WorkspaceRole,
        locale: Locale,
    ) -> Result<Invitation, Error> {
        let workspace = self.require(actor, id, WorkspaceRole::Admin).await?;
        if actor.email_verified_at.is_none() {
            return Err(Error::invalid(fields::EMAIL, Issue::InviterUnverified));
        }
        let email = parse_email(email).map_err(|issue| Error::invalid(fields::EMAIL, issue))?;
        if role == WorkspaceRole::Owner {
            return Err(Error::invalid(fields::ROLE, Issue::Unreadable));
        }
        if store::has_member_with_email(&self.db, id, &email).await? {
            return Err(Error::Conflict(FieldError::new(
                fields::EMAIL,
                Issue::AlreadyMember,
            )));
        }
        self.limits
            .check(Limit::InvitationsPerAccount, &actor.id.to_string())
            .await?;
        let token = OpaqueToken::generate()?;
        let at = now();
        let invitation = store::invite(
            &self.db,
            &NewInvitation {
                id: Uuid::new_v4(),
                workspace: id,
                email: &email,
                role: role.as_str(),
                token_hash: &token.hash,
                invited_by: actor.id,
                at,
                expires_at: at + INVITATION_LIFETIME,
            },
        )
        .await?;
        let (name, locale) = match store::person_by_email(&self.db, &email).await? {
            Some((name, stored)) => (name, crate::accounts::locale_of(&stored)),
            None => (email.clone(), locale),
        };
        let letter = letters::invitation(
            mail::Recipient {
                email: &email,
                name: &name,
                locale,
            },
            &self.site,
            &actor.name,
            &workspace.name,
            &token.secret,
        );
        mail::send(&self.jobs, &letter)
            .await
            .map_err(|error| Error::unexpected(&error))?;
        store::invitation(&self.db, invitation)
            .await?
            .ok_or(Error::NotFound)?
            .try_into()
    }

    /// Puts `user` into the workspace as `role` without an invitation: for an operator's
    /// command (`server seed-demo`), never for a request. Someone in it already keeps their role.
    pub async fn add_member(&self, id: Uuid, user: Uuid, role: WorkspaceRole) -> Result<(), Error> {
        if role == WorkspaceRole::Owner {
            return Err(Error::invalid(fields::ROLE, Issue::OwnerRole));
        }
        store::add_member(&self.db, id, user, role.as_str(), now()).await?;
        Ok(())
    }

    /// The workspace's open invitations (admins and the owner).
    pub async fn invitations(&self, actor: &User, id: Uuid) -> Result<Vec<Invitation>, Error> {
        self.require(actor, id, WorkspaceRole::Admin).await?;
        self.open_invitations(id).await
    }

    /// Withdraws an open invitation (admins and the owner): its link stops working.
    pub async fn revoke(&self, actor: &User, id: Uuid, invitation: Uuid) -> Result<(), Error> {
        self.require(actor, id, WorkspaceRole::Admin).await?;
        let row = store::invitation(&self.db, invitation)
            .await?
            .filter(|row| row.workspace_id == id && row.answered_at.is_none())
            .ok_or(Error::NotFound)?;
        store::close_invitation(&self.db, row.id, "revoked", now()).await?;
        Ok(())
    }

    /// The invitation behind a link, as long as it can be answered: unknown, answered (or
    /// revoked) and expired links are problems on `token`.
    pub async fn invitation_by_link(&self, token: &str) -> Result<InvitationForMe, Error> {
        self.open_by_link(token).await?.try_into()
    }

    async fn open_by_link(&self, token: &str) -> Result<InvitationRow, Error> {
        let problem = |issue| Error::invalid("token", issue);
        if token.trim().is_empty() {
            return Err(problem(Issue::Required));
        }
        let row = store::invitation_by_token(&self.db, &OpaqueToken::hash_of(token.trim()))
            .await?
            .ok_or_else(|| problem(Issue::LinkUnknown))?;
        if row.answered_at.is_some() {
            return Err(problem(Issue::LinkUsed));
        }
        if row.expires_at <= now() {
            return Err(problem(Issue::LinkExpired));
        }
        Ok(row)
    }

    /// Answers the invitation behind a link. Only the person it was sent to may: the address of
    /// `actor`'s account must be the invited one. Accepting makes them a member with the
    /// invitation's role. The workspace's id either way.
    pub async fn answer_link(
        &self,
        actor: &User,
        token: &str,
        answer: Answer,
    ) -> Result<Uuid, Error> {
        let row = self.open_by_link(token).await?;
        if row.email != actor.email {
            return Err(Error::invalid("token", Issue::InvitationForSomeoneElse));
        }
        self.answer_row(actor, &row, answer).await
    }

    /// Answers one of `actor`'s open invitations by its id (as listed by `invitations_for_me`,
    /// which needs a confirmed address); anything else is `NotFound`.
    pub async fn answer(&self, actor: &User, id: Uuid, answer: Answer) -> Result<Uuid, Error> {
        if actor.email_verified_at.is_none() {
            return Err(Error::NotFound);
        }
        let row = store::invitation(&self.db, id)
            .await?
            .filter(|row| {
                row.email == actor.email && row.answered_at.is_none() && row.expires_at > now()
            })
            .ok_or(Error::NotFound)?;
        self.answer_row(actor, &row, answer).await
    }

    async fn answer_row(
        &self,
        actor: &User,
        row: &InvitationRow,
        answer: Answer,
    ) -> Result<Uuid, Error> {
        let at = now();
        let answered = match answer {
            Answer::Accept => store::accept_invitation(&self.db, row, actor.id, at).await?,
            Answer::Decline => store::close_invitation(&self.db, row.id, "declined", at).await?,
        };
        if answered {
            Ok(row.workspace_id)
        } else {
            Err(Error::invalid("token", Issue::LinkUsed))
        }
    }

    /// The open invitations to `actor`'s address, once they have confirmed it (before that,
    /// anyone could register with someone else's address and see them).
    pub async fn invitations_for_me(&self, actor: &User) -> Result<Vec<InvitationForMe>, Error> {
        if actor.email_verified_at.is_none() {
            return Ok(Vec::new());
        }
        store::invitations_to(&self.db, &actor.email, now())
            .await?
            .into_iter()
            .map(InvitationForMe::try_from)
            .collect()
    }

    /// Gives a member another role (admins and the owner; never the owner's role, which only
    /// changes hands through `transfer`).
    pub async fn set_role(
        &self,
        actor: &User,
        id: Uuid,
        member: Uuid,
        role: WorkspaceRole,
    ) -> Result<Member, Error> {
        self.require(actor, id, WorkspaceRole::Admin).await?;
        let target = self.member_of(id, member).await?;
        if target.role == WorkspaceRole::Owner || role == WorkspaceRole::Owner {
            return Err(Error::invalid(fields::ROLE, Issue::OwnerRole));
        }
        store::set_role(&self.db, id, member, role.as_str()).await?;
        self.member_of(id, member).await
    }

    async fn member_of(&self, id: Uuid, member: Uuid) -> Result<Member, Error> {
        store::member(&self.db, id, member)
            .await?
            .ok_or(Error::NotFound)?
            .try_into()
    }

    /// Removes a member (admins and the owner; never the owner).
    pub async fn remove(&self, actor: &User, id: Uuid, member: Uuid) -> Result<(), Error> {
        self.require(actor, id, WorkspaceRole::Admin).await?;
        let target = self.member_of(id, member).await?;
        if target.role == WorkspaceRole::Owner {
            return Err(Error::invalid(fields::MEMBER, Issue::OwnerRole));
        }
        store::remove_member(&self.db, id, member).await?;
        Ok(())
    }

    /// Hands the workspace to another member (the owner only); the owner stays as an admin.
    pub async fn transfer(&self, actor: &User, id: Uuid, to: Uuid) -> Result<Workspace, Error> {
        self.require(actor, id, WorkspaceRole::Owner).await?;
        if to == actor.id || !store::transfer(&self.db, id, actor.id, to).await? {
            return Err(Error::invalid(fields::NEW_OWNER, Issue::NotAMember));
        }
        self.get(actor, id).await
    }

    /// Leaves the workspace. The owner cannot: they hand it on or delete it first.
    pub async fn leave(&self, actor: &User, id: Uuid) -> Result<(), Error> {
        let workspace = self.membership(actor, id).await?;
        if workspace.role == WorkspaceRole::Owner {
            return Err(Error::invalid(fields::MEMBER, Issue::OwnerMustHandOver));
        }
        store::remove_member(&self.db, id, actor.id).await?;
        Ok(())
    }
}

impl PersonalData for Workspaces {
    fn section(&self) -> &'static str {
        "workspaces"
    }

    fn export(&self, person: Uuid) -> Pending<'_, serde_json::Value> {
        Box::pin(async move {
            let mut memberships = Vec::new();
            let mut after = None;
            loop {
                let rows = store::of_member(&self.db, person, after.as_ref(), 500).await?;
                let done = rows.len() < 500;
                after = rows.last().map(|row| (row.name.to_lowercase(), row.id));
                memberships.extend(rows.into_iter().map(|row| {
                    serde_json::json!({
                        "workspace_id": row.id,
                        "workspace": row.name,
                        "role": row.role,
                    })
                }));
                if done {
                    break;
                }
            }
            Ok(serde_json::json!({ "memberships": memberships }))
        })
    }

    /// Each workspace the person owns passes to its longest-standing admin (else member, else
    /// viewer); one they are alone in is deleted. Their memberships go with their account.
    fn erase(&self, person: Uuid) -> Pending<'_, ()> {
        Box::pin(async move {
            for workspace in store::owned_by(&self.db, person).await? {
                match store::successor(&self.db, workspace, person).await? {
                    Some(next) => {
                        store::transfer(&self.db, workspace, person, next).await?;
                    }
                    None => store::delete(&self.db, workspace).await?,
                }
            }
            Ok(())
        })
    }
}

fn role(stored: &str) -> Result<WorkspaceRole, Error> {
    WorkspaceRole::parse(stored)
        .ok_or_else(|| Error::unexpected(format!("unknown workspace role {stored:?}")))
}

impl TryFrom<WorkspaceRow> for Workspace {
    type Error = Error;

    fn try_from(row: WorkspaceRow) -> Result<Self, Error> {
        Ok(Self {
            id: row.id,
            role: role(&row.role)?,
            name: row.name,
            member_count: u32::try_from(row.member_count).unwrap_or(u32::MAX),
            created_at: row.created_at,
        })
    }
}

impl TryFrom<MemberRow> for Member {
    type Error = Error;

    fn try_from(row: MemberRow) -> Result<Self, Error> {
        Ok(Self {
            user_id: row.user_id,
            role: role(&row.role)?,
            name: row.name,
            email: row.email,
            joined_at: row.joined_at,
        })
    }
}

impl TryFrom<InvitationRow> for Invitation {
    type Error = Error;

    fn try_from(row: InvitationRow) -> Result<Self, Error> {
        Ok(Self {
            id: row.id,
            workspace_id: row.workspace_id,
            role: role(&row.role)?,
            email: row.email,
            invited_by: row.invited_by,
            created_at: row.created_at,
            expires_at: row.expires_at,
        })
    }
}

impl TryFrom<InvitationRow> for InvitationForMe {
    type Error = Error;

    fn try_from(row: InvitationRow) -> Result<Self, Error> {
        Ok(Self {
            id: row.id,
            workspace_id: row.workspace_id,
            workspace_name: row.workspace_name,
            role: role(&row.role)?,
            email: row.email,
            invited_by: row.invited_by,
            expires_at: row.expires_at,
        })
    }
}
