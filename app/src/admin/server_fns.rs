//! The server functions behind the admin pages: parse, call `Admin` (which checks the role),
//! answer. The forms among them work without JavaScript (`forms::server::Reply`).

use leptos::prelude::*;

use super::{Account, AccountPage};
#[cfg(feature = "ssr")]
use crate::{
    accounts::{Role, session},
    admin::{AccountChange, AccountQuery, AccountSort},
    audit::AuditFilter,
    flash::Flash,
    forms::server::Reply,
    services::Services,
};
use crate::{audit::AuditEntry, audit::AuditPage, error::Error};

/// How many of an account's latest audit entries its admin page shows.
pub const ACCOUNT_HISTORY: u32 = 10;

/// A page of accounts: `q` to search names and addresses, `sort` by its code, `page` from 1.
#[server(prefix = "/fn", endpoint = "admin-accounts")]
pub async fn admin_accounts(
    q: Option<String>,
    sort: Option<String>,
    page: Option<u32>,
) -> Result<AccountPage, Error> {
    let current = session::require()?;
    let query = AccountQuery {
        q: q.unwrap_or_default(),
        sort: sort
            .as_deref()
            .and_then(AccountSort::from_code)
            .unwrap_or_default(),
        page: page.unwrap_or(1),
        ..AccountQuery::default()
    };
    Services::get()?.admin.accounts(&current.user, &query).await
}

/// One account and its latest audit entries.
#[server(prefix = "/fn", endpoint = "admin-account")]
pub async fn admin_account(id: String) -> Result<(Account, Vec<AuditEntry>), Error> {
    let current = session::require()?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| Error::NotFound)?;
    let services = Services::get()?;
    let account = services.admin.account(&current.user, id).await?;
    let filter = AuditFilter {
        person: Some(id),
        ..AuditFilter::default()
    };
    let history = services
        .admin
        .audit(&current.user, &filter, 1, ACCOUNT_HISTORY)
        .await?;
    Ok((account, history.entries))
}

/// Changes an account's role (`member` or `admin`).
#[server(prefix = "/fn", endpoint = "admin-set-role")]
pub async fn set_role(id: String, role: String) -> Result<(), Error> {
    let back = format!("/admin/users/{}", crate::forms::encode(id.trim()));
    let reply = Reply::back_to(back.clone()).greet(Flash::AccountSaved);
    let result = async {
        let role = Role::try_from(role.as_str())
            .map_err(|_| Error::invalid("role", crate::error::Issue::Required))?;
        change(
            &id,
            AccountChange {
                role: Some(role),
                disabled: None,
            },
        )
        .await
    }
    .await;
    reply.finish(result, |()| back.clone())
}

/// Disables (`disabled=true`) or enables an account.
#[server(prefix = "/fn", endpoint = "admin-set-disabled")]
pub async fn set_disabled(id: String, disabled: bool) -> Result<(), Error> {
    let back = format!("/admin/users/{}", crate::forms::encode(id.trim()));
    let reply = Reply::back_to(back.clone()).greet(Flash::AccountSaved);
    let result = change(
        &id,
        AccountChange {
            role: None,
            disabled: Some(disabled),
        },
    )
    .await;
    reply.finish(result, |()| back.clone())
}

#[cfg(feature = "ssr")]
async fn change(id: &str, change: AccountChange) -> Result<(), Error> {
    let current = session::require()?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| Error::NotFound)?;
    Services::get()?
        .admin
        .change(&current.user, id, change, &session::device())
        .await
        .map(drop)
}

/// Sends an account's owner a new verification link.
#[server(prefix = "/fn", endpoint = "admin-resend-verification")]
pub async fn admin_resend_verification(id: String) -> Result<(), Error> {
    let back = format!("/admin/users/{}", crate::forms::encode(id.trim()));
    let reply = Reply::back_to(back.clone()).greet(Flash::LinkSentToThem);
    let result = async {
        let current = session::require()?;
        let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| Error::NotFound)?;
        Services::get()?
            .admin
            .resend_verification(&current.user, id, &session::device())
            .await
    }
    .await;
    reply.finish(result, |()| back.clone())
}

/// A page of the audit log: `action` by its code, `person` by account id, `from` and `until`
/// as dates (`2026-12-01`, the whole day included), `page` from 1.
#[server(prefix = "/fn", endpoint = "admin-audit")]
pub async fn admin_audit(
    action: Option<String>,
    person: Option<String>,
    from: Option<String>,
    until: Option<String>,
    page: Option<u32>,
) -> Result<AuditPage, Error> {
    let current = session::require()?;
    let filter = super::audit_filter(
        action.as_deref(),
        person.as_deref(),
        from.as_deref(),
        until.as_deref(),
    )
    .map_err(Error::Invalid)?;
    Services::get()?
        .admin
        .audit(&current.user, &filter, page.unwrap_or(1), AUDIT_PER_PAGE)
        .await
}

/// How many audit entries a page of `/admin/audit` shows.
pub const AUDIT_PER_PAGE: u32 = 50;
