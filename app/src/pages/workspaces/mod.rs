//! The workspace pages: `/workspaces` (mine, the invitations waiting for me, a new one),
//! `/w/:id` (one workspace), `/w/:id/people` (members, roles, invitations), `/w/:id/settings`
//! (name, hand over, leave, delete) and `/invitation?token=` (answer an invitation). Every
//! change is a plain form post, so all of it works without JavaScript; the server functions
//! behind them check membership and role again (`crate::workspaces`).

mod home;
mod invitation;
mod list;
mod people;
mod settings;

pub use home::WorkspacePage;
pub use invitation::InvitationPage;
pub use list::WorkspacesPage;
pub use people::WorkspacePeoplePage;
pub use settings::WorkspaceSettingsPage;

use leptos::prelude::*;

use crate::{
    components::page_title::PageTitle,
    i18n::{Locale, t, t_string, td_string, use_i18n},
    workspaces::{Workspace, WorkspaceRole, server_fns::workspace_path},
};

const HEADING: &str = "text-3xl font-bold text-stone-900 dark:text-white";
const SUBHEADING: &str = "text-xl font-semibold text-stone-900 dark:text-white";
const MUTED: &str = "text-sm text-stone-600 dark:text-stone-400";
const LINK: &str = "font-medium text-orange-800 underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-700 dark:text-orange-300";
const INPUT: &str = "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-stone-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-orange-700 dark:border-stone-600 dark:bg-stone-900 dark:text-stone-100";
const LABEL: &str = "text-sm font-medium text-stone-800 dark:text-stone-200";
const SECTION: &str = "flex flex-col gap-3 border-t border-stone-200 pt-6 dark:border-stone-800";

/// A role's name in `locale`.
pub fn role_name(locale: Locale, role: WorkspaceRole) -> String {
    match role {
        WorkspaceRole::Owner => td_string!(locale, workspaces.role_owner),
        WorkspaceRole::Admin => td_string!(locale, workspaces.role_admin),
        WorkspaceRole::Member => td_string!(locale, workspaces.role_member),
        WorkspaceRole::Viewer => td_string!(locale, workspaces.role_viewer),
    }
    .to_string()
}

/// The part of a workspace a page shows, for the workspace bar's links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Home,
    People,
    Settings,
}

/// The bar at the top of every page inside a workspace: its name, the other workspaces to
/// switch to (a `<details>` menu, so it opens without JavaScript), and the workspace's own
/// pages.
#[component]
fn WorkspaceBar(workspace: Workspace, others: Vec<Workspace>, current: Part) -> impl IntoView {
    let i18n = use_i18n();
    let id = workspace.id.to_string();
    let links = [
        (
            Part::Home,
            workspace_path(&id, ""),
            t_string!(i18n, workspaces.overview).to_string(),
        ),
        (
            Part::People,
            workspace_path(&id, "people"),
            t_string!(i18n, workspaces.people).to_string(),
        ),
        (
            Part::Settings,
            workspace_path(&id, "settings"),
            t_string!(i18n, workspaces.settings).to_string(),
        ),
    ];
    let switch_to = others
        .into_iter()
        .filter(|other| other.id != workspace.id)
        .map(|other| {
            view! {
                <li>
                    <a href=workspace_path(&other.id.to_string(), "") class="block rounded px-3 py-2 text-sm hover:bg-stone-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-orange-700 dark:hover:bg-stone-800">
                        {other.name}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav
            aria-label=t_string!(i18n, workspaces.bar_label).to_string()
            class="flex flex-col gap-3 border-b border-stone-200 pb-3 dark:border-stone-800"
        >
            <div class="flex flex-wrap items-center gap-2">
                <details class="relative">
                    <summary class="flex cursor-pointer list-none items-center gap-2 rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium text-stone-800 hover:bg-stone-100 dark:border-stone-700 dark:text-stone-200 dark:hover:bg-stone-800 [&::-webkit-details-marker]:hidden">
                        <span class="sr-only">{t!(i18n, workspaces.switcher)}": "</span>
                        <span class="max-w-[14rem] truncate">{workspace.name.clone()}</span>
                        <span aria-hidden="true">"▾"</span>
                    </summary>
                    <div class="absolute start-0 top-full z-30 mt-1 flex w-64 flex-col gap-1 rounded-md border border-stone-200 bg-white p-2 shadow-lg dark:border-stone-700 dark:bg-stone-900">
                        <ul class="flex flex-col">{switch_to}</ul>
                        <a href="/workspaces" class="block rounded px-3 py-2 text-sm font-medium text-orange-800 hover:bg-stone-100 dark:text-orange-300 dark:hover:bg-stone-800">
                            {t!(i18n, workspaces.all_and_new)}
                        </a>
                    </div>
                </details>
            </div>
            <ul class="flex flex-wrap gap-1">
                {links
                    .into_iter()
                    .map(|(part, href, label)| view! {
                        <li>
                            <a href=href aria-current=(part == current).then_some("page") class="nav-link">{label}</a>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// What a workspace page shows when the workspace cannot be read: not found (also for those
/// who are not its members) or a failure.
pub(crate) fn unavailable(error: &crate::error::Error) -> AnyView {
    let i18n = use_i18n();
    if matches!(error, crate::error::Error::NotFound) {
        #[cfg(feature = "ssr")]
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::NOT_FOUND);
        }
        view! {
            <PageTitle text=move || t_string!(i18n, not_found.title).to_string() />
            <h1 class=HEADING>{t!(i18n, workspaces.no_such_workspace)}</h1>
            <p><a href="/workspaces" class=LINK>{t!(i18n, workspaces.back_to_list)}</a></p>
        }
        .into_any()
    } else {
        view! {
            <p role="alert" class="text-sm text-red-700 dark:text-red-400">{t!(i18n, workspaces.load_failed)}</p>
        }
        .into_any()
    }
}

/// The `:id` of the page's workspace.
fn workspace_id() -> String {
    leptos_router::hooks::use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default()
}
