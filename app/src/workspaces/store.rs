//! The SQL behind workspaces, members and invitations. Every statement that reads or changes
//! something inside a workspace names the workspace's id; the service decides who may call it.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::{Database, DbError};

crate::row! {
    pub struct WorkspaceRow {
        pub id: Uuid,
        pub name: String,
        pub role: String,
        pub member_count: i64,
        pub created_at: OffsetDateTime,
    }
}

crate::row! {
    pub struct MemberRow {
        pub user_id: Uuid,
        pub name: String,
        pub email: String,
        pub role: String,
        pub joined_at: OffsetDateTime,
    }
}

crate::row! {
    pub struct InvitationRow {
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub workspace_name: String,
        pub email: String,
        pub role: String,
        pub invited_by: Option<String>,
        pub created_at: OffsetDateTime,
        pub expires_at: OffsetDateTime,
        pub answered_at: Option<OffsetDateTime>,
    }
}

/// A workspace with the role of the member `m` and its size.
const WORKSPACE_COLUMNS: &str = "w.id, w.name, m.role, w.created_at,
     (SELECT COUNT(*) FROM workspace_members c WHERE c.workspace_id = w.id) AS member_count";

const INVITATION_COLUMNS: &str = "i.id, i.workspace_id, w.name AS workspace_name, i.email, i.role,
     u.name AS invited_by, i.created_at, i.expires_at, i.answered_at";

const INVITATION_FROM: &str = "workspace_invitations i
     JOIN workspaces w ON w.id = i.workspace_id
     LEFT JOIN users u ON u.id = i.invited_by";

/// Makes a workspace with `owner` as its owner.
pub async fn create(
    db: &Database,
    id: Uuid,
    name: &str,
    owner: Uuid,
    at: OffsetDateTime,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("INSERT INTO workspaces (id, name, created_at, updated_at) VALUES ($1, $2, $3, $3)")
            .bind(id)
            .bind(name)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO workspace_members (workspace_id, user_id, role, joined_at)
             VALUES ($1, $2, 'owner', $3)",
        )
        .bind(id)
        .bind(owner)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    })
}

/// The workspaces `user` belongs to, by name, after `after` (a name in lower case and an id).
pub async fn of_member(
    db: &Database,
    user: Uuid,
    after: Option<&(String, Uuid)>,
    limit: i64,
) -> Result<Vec<WorkspaceRow>, DbError> {
    let sql = format!(
        "SELECT {WORKSPACE_COLUMNS} FROM workspace_members m
         JOIN workspaces w ON w.id = m.workspace_id
         WHERE m.user_id = $1 AND (lower(w.name) > $2 OR (lower(w.name) = $2 AND w.id > $3))
         ORDER BY lower(w.name), w.id LIMIT $4"
    );
    let (name, id) = after.cloned().unwrap_or_default();
    crate::with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(user)
        .bind(name)
        .bind(id)
        .bind(limit)
        .fetch_all(pool)
        .await)
}

/// The workspace `id` as `user` sees it, if they are a member.
pub async fn as_member(
    db: &Database,
    id: Uuid,
    user: Uuid,
) -> Result<Option<WorkspaceRow>, DbError> {
    let sql = format!(
        "SELECT {WORKSPACE_COLUMNS} FROM workspace_members m
         JOIN workspaces w ON w.id = m.workspace_id
         WHERE m.workspace_id = $1 AND m.user_id = $2"
    );
    crate::with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(id)
        .bind(user)
        .fetch_optional(pool)
        .await)
}

pub async fn rename(
    db: &Database,
    id: Uuid,
    name: &str,
    at: OffsetDateTime,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query("UPDATE workspaces SET name = $1, updated_at = $2 WHERE id = $3")
        .bind(name)
        .bind(at)
        .bind(id)
        .execute(pool)
        .await
        .map(drop))
}

/// Deletes a workspace and, through the foreign keys, everything in it.
pub async fn delete(db: &Database, id: Uuid) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query("DELETE FROM workspaces WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await
        .map(drop))
}

/// A workspace's members by name, after `after` (a name in lower case and an id).
pub async fn members(
    db: &Database,
    workspace: Uuid,
    after: Option<&(String, Uuid)>,
    limit: i64,
) -> Result<Vec<MemberRow>, DbError> {
    let (name, id) = after.cloned().unwrap_or_default();
    crate::with_pool!(db, pool => sqlx::query_as(
        "SELECT u.id AS user_id, u.name, u.email, m.role, m.joined_at
         FROM workspace_members m JOIN users u ON u.id = m.user_id
         WHERE m.workspace_id = $1 AND (lower(u.name) > $2 OR (lower(u.name) = $2 AND u.id > $3))
         ORDER BY lower(u.name), u.id LIMIT $4",
    )
    .bind(workspace)
    .bind(name)
    .bind(id)
    .bind(limit)
    .fetch_all(pool)
    .await)
}

/// One member of a workspace.
pub async fn member(
    db: &Database,
    workspace: Uuid,
    user: Uuid,
) -> Result<Option<MemberRow>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_as(
        "SELECT u.id AS user_id, u.name, u.email, m.role, m.joined_at
         FROM workspace_members m JOIN users u ON u.id = m.user_id
         WHERE m.workspace_id = $1 AND m.user_id = $2",
    )
    .bind(workspace)
    .bind(user)
    .fetch_optional(pool)
    .await)
}

/// Whether someone with the address `email` is a member of the workspace.
pub async fn has_member_with_email(
    db: &Database,
    workspace: Uuid,
    email: &str,
) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM workspace_members m JOIN users u ON u.id = m.user_id
         WHERE m.workspace_id = $1 AND u.email = $2",
    )
    .bind(workspace)
    .bind(email)
    .fetch_one(pool)
    .await
    .map(|count: i64| count > 0))
}

/// Gives a member another role; never the owner's (false when there is no such member or it is
/// the owner).
pub async fn set_role(
    db: &Database,
    workspace: Uuid,
    user: Uuid,
    role: &str,
) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE workspace_members SET role = $1
         WHERE workspace_id = $2 AND user_id = $3 AND role <> 'owner'",
    )
    .bind(role)
    .bind(workspace)
    .bind(user)
    .execute(pool)
    .await
    .map(|done| done.rows_affected() == 1))
}

/// Removes a member; never the owner (false when there is no such member or it is the owner).
pub async fn remove_member(db: &Database, workspace: Uuid, user: Uuid) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "DELETE FROM workspace_members WHERE workspace_id = $1 AND user_id = $2 AND role <> 'owner'",
    )
    .bind(workspace)
    .bind(user)
    .execute(pool)
    .await
    .map(|done| done.rows_affected() == 1))
}

/// Makes `to` the owner and the owner `from` an admin, both or neither (false: `from` is not
/// the owner, or `to` is not a member).
pub async fn transfer(
    db: &Database,
    workspace: Uuid,
    from: Uuid,
    to: Uuid,
) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let demoted = sqlx::query(
            "UPDATE workspace_members SET role = 'admin'
             WHERE workspace_id = $1 AND user_id = $2 AND role = 'owner'",
        )
        .bind(workspace)
        .bind(from)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let promoted = sqlx::query(
            "UPDATE workspace_members SET role = 'owner'
             WHERE workspace_id = $1 AND user_id = $2 AND user_id <> $3",
        )
        .bind(workspace)
        .bind(to)
        .bind(from)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if demoted == 1 && promoted == 1 {
            tx.commit().await?;
            Ok(true)
        } else {
            tx.rollback().await?;
            Ok(false)
        }
    })
}

/// An invitation to be stored.
pub struct NewInvitation<'a> {
    pub id: Uuid,
    pub workspace: Uuid,
    pub email: &'a str,
    pub role: &'a str,
    pub token_hash: &'a [u8],
    pub invited_by: Uuid,
    pub at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// Stores an invitation; an open one to the same address is renewed instead (new role, link and
/// expiry: the old link stops working). Its id either way.
pub async fn invite(db: &Database, new: &NewInvitation<'_>) -> Result<Uuid, DbError> {
    crate::with_pool!(db, pool => sqlx::query_scalar(
        "INSERT INTO workspace_invitations
             (id, workspace_id, email, role, token_hash, invited_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (workspace_id, email) WHERE answered_at IS NULL DO UPDATE SET
             role = excluded.role, token_hash = excluded.token_hash,
             invited_by = excluded.invited_by, created_at = excluded.created_at,
             expires_at = excluded.expires_at
         RETURNING id",
    )
    .bind(new.id)
    .bind(new.workspace)
    .bind(new.email)
    .bind(new.role)
    .bind(new.token_hash)
    .bind(new.invited_by)
    .bind(new.at)
    .bind(new.expires_at)
    .fetch_one(pool)
    .await)
}

/// A workspace's open invitations (unanswered and unexpired at `at`), newest first.
pub async fn open_invitations(
    db: &Database,
    workspace: Uuid,
    at: OffsetDateTime,
) -> Result<Vec<InvitationRow>, DbError> {
    let sql = format!(
        "SELECT {INVITATION_COLUMNS} FROM {INVITATION_FROM}
         WHERE i.workspace_id = $1 AND i.answered_at IS NULL AND i.expires_at > $2
         ORDER BY i.created_at DESC, i.id LIMIT 500"
    );
    crate::with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(workspace)
        .bind(at)
        .fetch_all(pool)
        .await)
}

/// The open invitations to the address `email`, newest first.
pub async fn invitations_to(
    db: &Database,
    email: &str,
    at: OffsetDateTime,
) -> Result<Vec<InvitationRow>, DbError> {
    let sql = format!(
        "SELECT {INVITATION_COLUMNS} FROM {INVITATION_FROM}
         WHERE i.email = $1 AND i.answered_at IS NULL AND i.expires_at > $2
         ORDER BY i.created_at DESC, i.id LIMIT 100"
    );
    crate::with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(email)
        .bind(at)
        .fetch_all(pool)
        .await)
}

/// The invitation whose link holds the token with this hash, answered or not.
pub async fn invitation_by_token(
    db: &Database,
    token_hash: &[u8],
) -> Result<Option<InvitationRow>, DbError> {
    let sql = format!("SELECT {INVITATION_COLUMNS} FROM {INVITATION_FROM} WHERE i.token_hash = $1");
    crate::with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(token_hash)
        .fetch_optional(pool)
        .await)
}

/// One invitation, answered or not.
pub async fn invitation(db: &Database, id: Uuid) -> Result<Option<InvitationRow>, DbError> {
    let sql = format!("SELECT {INVITATION_COLUMNS} FROM {INVITATION_FROM} WHERE i.id = $1");
    crate::with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

/// Answers an open invitation (`declined` or `revoked`); false if it was answered already.
pub async fn close_invitation(
    db: &Database,
    id: Uuid,
    answer: &str,
    at: OffsetDateTime,
) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE workspace_invitations SET answered_at = $1, answer = $2
         WHERE id = $3 AND answered_at IS NULL",
    )
    .bind(at)
    .bind(answer)
    .bind(id)
    .execute(pool)
    .await
    .map(|done| done.rows_affected() == 1))
}

/// Accepts an open invitation for `user`, who joins with its role: both or neither. False if it
/// was answered already; a person who is a member already keeps their role.
pub async fn accept_invitation(
    db: &Database,
    invitation: &InvitationRow,
    user: Uuid,
    at: OffsetDateTime,
) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let answered = sqlx::query(
            "UPDATE workspace_invitations SET answered_at = $1, answer = 'accepted'
             WHERE id = $2 AND answered_at IS NULL",
        )
        .bind(at)
        .bind(invitation.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if answered != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO workspace_members (workspace_id, user_id, role, joined_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (workspace_id, user_id) DO NOTHING",
        )
        .bind(invitation.workspace_id)
        .bind(user)
        .bind(&invitation.role)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// The workspaces `user` owns.
pub async fn owned_by(db: &Database, user: Uuid) -> Result<Vec<Uuid>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_scalar(
        "SELECT workspace_id FROM workspace_members WHERE user_id = $1 AND role = 'owner'",
    )
    .bind(user)
    .fetch_all(pool)
    .await)
}

/// Who should own `workspace` after `owner`: its longest-standing admin, else its
/// longest-standing member, else its longest-standing viewer; `None` if nobody else is in it.
pub async fn successor(
    db: &Database,
    workspace: Uuid,
    owner: Uuid,
) -> Result<Option<Uuid>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_scalar(
        "SELECT user_id FROM workspace_members WHERE workspace_id = $1 AND user_id <> $2
         ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'member' THEN 1 ELSE 2 END, joined_at, user_id
         LIMIT 1",
    )
    .bind(workspace)
    .bind(owner)
    .fetch_optional(pool)
    .await)
}

/// The name and language of the account with the address `email`, if there is one.
pub async fn person_by_email(
    db: &Database,
    email: &str,
) -> Result<Option<(String, String)>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_as("SELECT name, locale FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(pool)
        .await)
}

/// Adds a member; someone in the workspace already keeps their role.
pub async fn add_member(
    db: &Database,
    workspace: Uuid,
    user: Uuid,
    role: &str,
    at: OffsetDateTime,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "INSERT INTO workspace_members (workspace_id, user_id, role, joined_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (workspace_id, user_id) DO NOTHING",
    )
    .bind(workspace)
    .bind(user)
    .bind(role)
    .bind(at)
    .execute(pool)
    .await
    .map(drop))
}
