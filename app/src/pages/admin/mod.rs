//! The admin area's pages: `/admin/users` (find and page through everyone), `/admin/users/:id`
//! (one account: role, access, verification link, recent events) and `/admin/audit` (the audit
//! log with filters). Routed under `RequireUser role=Admin`; the server functions behind them
//! check the role again (`crate::admin`). Searching, sorting, filtering and paging are plain
//! links and `GET` forms, and the changes plain form posts: everything works without
//! JavaScript.

mod audit;
mod user;
mod users;

pub use audit::AdminAuditPage;
pub use user::AdminUserPage;
pub use users::AdminUsersPage;

use crate::{
    accounts::Role,
    i18n::{Locale, td_string},
};

const HEADING: &str = "text-3xl font-bold text-stone-900 dark:text-white";
const MUTED: &str = "text-sm text-stone-600 dark:text-stone-400";
const LINK: &str = "font-medium text-orange-800 underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-700 dark:text-orange-300";
const INPUT: &str = "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-stone-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-orange-700 dark:border-stone-600 dark:bg-stone-900 dark:text-stone-100";
const LABEL: &str = "text-sm font-medium text-stone-800 dark:text-stone-200";
const TABLE: &str = "w-full min-w-[40rem] border-collapse text-left text-sm";
const HEAD_CELL: &str = "border-b border-stone-300 px-3 py-2 font-semibold text-stone-700 dark:border-stone-700 dark:text-stone-300";
const CELL: &str = "border-b border-stone-200 px-3 py-2 align-top text-stone-800 dark:border-stone-800 dark:text-stone-200";

fn role_name(locale: Locale, role: Role) -> String {
    match role {
        Role::Member => td_string!(locale, admin.role_member),
        Role::Admin => td_string!(locale, admin.role_admin),
    }
    .to_string()
}

/// `name=value` pairs as a query string, each value encoded, empty ones left out.
fn query_string(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{name}={}", crate::forms::encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}
