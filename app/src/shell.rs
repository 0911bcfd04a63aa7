//! The HTML document and the route table.

use leptos::prelude::*;
use leptos_meta::{Meta, MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::accounts::{Role, session::Auth};
use crate::components::{
    connection::ConnectionBanner,
    guard::RequireUser,
    layout::{SiteFooter, SiteHeader},
    ui::ToastArea,
    verification_banner::VerificationBanner,
};
use crate::i18n::{t_string, use_i18n};
use crate::locale::LocaleProvider;
use crate::pages::{
    AccountDeletedPage, AdminOnlyPage, ErrorPage, FailingPage, HomePage, LetterPage, MailboxPage,
    MyTasksPage, NotFoundPage, NotificationsPage, OfflinePage, PrivacyPage, ShowcasePage, TaskPage,
    accounts::{
        ApiTokensPage, ConfirmEmailPage, DashboardPage, LoginPage, PasswordResetConfirmPage,
        PasswordResetPage, RegisterPage, SettingsPage, VerifyEmailPage,
    },
    admin::{AdminAuditPage, AdminUserPage, AdminUsersPage},
    projects::{ProjectBoardPage, ProjectListPage, ProjectSettingsPage},
    workspaces::{
        InvitationPage, WorkspacePage, WorkspacePeoplePage, WorkspaceSettingsPage, WorkspacesPage,
    },
};
use crate::theme::Theme;

/// The whole document as the server sends it; in the browser only its islands hydrate.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let theme = Theme::current_page();
    let assets = BuildAssets::of(&options);
    view! {
        <!DOCTYPE html>
        // `lang` and `dir` are added by the `LocaleProvider`, which knows the page's language.
        <html class=theme.as_str()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#c2410c" media="(prefers-color-scheme: light)" />
                <meta name="theme-color" content="#1c1917" media="(prefers-color-scheme: dark)" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
                <link rel="manifest" href="/manifest.webmanifest" />
                // The stylesheet first: the browser must not wait behind the bundle's preloads to
                // paint.
                <link id="leptos" rel="stylesheet" href=assets.stylesheet.clone() />
                <AutoReload options />
                <BundleScripts assets />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-stone-50 text-stone-900 antialiased dark:bg-stone-950 dark:text-stone-100">
                <App />
                <HydrationMark />
            </body>
        </html>
    }
}

/// The application: layout around the routed page.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    Auth::provide();

    view! {
        <LocaleProvider>
            <Document />
        </LocaleProvider>
    }
}

/// Everything below the language: the title pattern, the description, the layout and routes.
#[component]
fn Document() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title formatter=|page: String| {
            if page.is_empty() { "Hearth".to_owned() } else { format!("{page} · Hearth") }
        } />
        <Meta name="description" content=move || t_string!(i18n, meta.description).to_string() />
        <Router>
            <ToastArea>
                <div class="flex min-h-screen flex-col">
                    <SiteHeader />
                    <ConnectionBanner />
                    <VerificationBanner />
                    <main
                        id="main"
                        tabindex="-1"
                        class="mx-auto w-full max-w-5xl flex-1 px-4 py-10 outline-none sm:px-6"
                    >
                        <ErrorBoundary fallback=|errors| view! { <ErrorPage errors /> }>
                            <Routes fallback=NotFoundPage>
                                <Route path=path!("") view=HomePage />
                                <Route path=path!("offline") view=OfflinePage />
                                <Route path=path!("privacy") view=PrivacyPage />
                                <Route path=path!("account-deleted") view=AccountDeletedPage />
                                <Route path=path!("login") view=LoginPage />
                                <Route path=path!("register") view=RegisterPage />
                                <Route path=path!("verify-email") view=VerifyEmailPage />
                                <Route path=path!("confirm-email") view=ConfirmEmailPage />
                                <Route path=path!("password-reset") view=PasswordResetPage />
                                <Route
                                    path=path!("password-reset/confirm")
                                    view=PasswordResetConfirmPage
                                />
                                <Route
                                    path=path!("dashboard")
                                    view=|| view! { <RequireUser><DashboardPage /></RequireUser> }
                                    // Its data is part of the HTML, where it belongs: no script
                                    // has to move it there (see `DashboardPage`). Rendered whole
                                    // once the data is there: a third more pages per second than
                                    // streaming it in order, and the page is only a few
                                    // milliseconds of database away.
                                    ssr=SsrMode::Async
                                />
                                <Route
                                    path=path!("settings")
                                    view=|| view! { <RequireUser><SettingsPage /></RequireUser> }
                                    ssr=SsrMode::Async
                                />
                                <Route
                                    path=path!("settings/tokens")
                                    view=|| view! { <RequireUser><ApiTokensPage /></RequireUser> }
                                    ssr=SsrMode::Async
                                />
                                <Route
                                    path=path!("admin/users")
                                    view=|| view! { <RequireUser role=Role::Admin><AdminUsersPage /></RequireUser> }
                                    ssr=SsrMode::Async
                                />
                                <Route
                                    path=path!("admin/users/:id")
                                    view=|| view! { <RequireUser role=Role::Admin><AdminUserPage /></RequireUser> }
                                    ssr=SsrMode::Async
                                />
                                <Route
                                    path=path!("admin/audit")
                                    view=|| view! { <RequireUser role=Role::Admin><AdminAuditPage /></RequireUser> }
                                    ssr=SsrMode::Async
                                />
                                <Route
                                    path=path!("workspaces")
                                    view=|| view! { <RequireUser><WorkspacesPage /></RequireUser> }
                                    ssr=SsrMode::Async
                                />
                                <Route
                                    path=path!("w/:id")
                                    view=|| view! { <RequireUser><WorkspacePage /></RequireUser> }
                                    ssr=SsrMode::Async
                                />
                                <Route
                                    path=path!("w/:id/people")
                                    view=|| view! { <RequireUser><WorkspacePeoplePage /></RequireUser> }
                                    ssr=SsrMode::Async
                                />
                                <Route
                                    path=path!("w/:id/settings")
                                    view=|| view! { <RequireUser><WorkspaceSettingsPage /></RequireUser> }
                                    ssr=SsrMode::Async
                                />
                                <Route path=path!("invitation") view=InvitationPage ssr=SsrMode::Async />
                                <Route
                                    path=path!("projects/:id")
                                    view=|| view! { <RequireUser><ProjectBoardPage /></RequireUser> }
                                    ssr=SsrMode::Async
                                />
                                <Route
                                    path=path!("projects/:id/list")
                                    view=|| view! { <RequireUser><ProjectListPage /></RequireUser> }
                                    ssr=SsrMode::Async
                                />
                                <Route
                                    path=path!("projects/:id/settings")
                                    view=|| view! { <RequireUser><ProjectSettingsPage /></RequireUser> }
                                    ssr=SsrMode::Async
                                />
                                <Route
                                    path=path!("notifications")
                                    view=|| view! { <RequireUser><NotificationsPage /></RequireUser> }
                                    ssr=SsrMode::Async
                                />
                                <Route
                                    path=path!("tasks")
                                    view=|| view! { <RequireUser><MyTasksPage /></RequireUser> }
                                    ssr=SsrMode::Async
                                />
                                <Route
                                    path=path!("tasks/:id")
                                    view=|| view! { <RequireUser><TaskPage /></RequireUser> }
                                    ssr=SsrMode::Async
                                />
                                <Route path=path!("ui") view=ShowcasePage />
                                <Route path=path!("ui/error") view=FailingPage />
                                <Route path=path!("ui/admin") view=AdminOnlyPage />
                                <Route path=path!("dev/mailbox") view=MailboxPage />
                                <Route path=path!("dev/mailbox/:letter") view=LetterPage />
                            </Routes>
                        </ErrorBoundary>
                    </main>
                    <SiteFooter />
                </div>
            </ToastArea>
        </Router>
    }
}

/// Sets `<html data-hydrated>`, which tells scripts and end-to-end tests that every island on
/// the page is interactive. Leptos's hydration script attaches the islands one at a time in
/// document order, and waits for a lazy island's code to arrive before it goes on: this island,
/// the last in `<body>`, is attached after all the others.
#[island]
fn HydrationMark() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-hydrated", "");
    }
}

/// What the document's head links to in this build: the stylesheet's address and the tags
/// that load and start the islands' code.
///
/// Leptos's `HashedStylesheet` and `HydrationScripts` find the executable and read the hash
/// file beside it on every render (about 8% of a rendered page's time under load, in two
/// components). Here both are worked out once per build: again only when the hash file's
/// modification time changes, as it does when `cargo leptos watch` rebuilds without restarting
/// the server. The scripts are still Leptos's own: `HydrationScripts` renders them, once.
struct BuildAssets {
    /// `/pkg/hearth.<hash>.css`.
    stylesheet: String,
    /// The preload links and the inline script that hydrates the islands, rendered with
    /// [`NONCE_STAND_IN`] where each page has its own nonce...
    scripts_with_nonce: String,
    /// ...and rendered for a page without one.
    scripts: String,
    /// Which code chunks each lazy island needs, for the preload links Leptos adds after the
    /// page has rendered; `HydrationScripts` provides it to the page.
    split_manifest: Option<leptos::WasmSplitManifest>,
}

impl BuildAssets {
    fn of(options: &LeptosOptions) -> std::sync::Arc<Self> {
        use std::sync::{Arc, Mutex, PoisonError};
        use std::time::SystemTime;

        // The hash file and when it was last changed (`None` without one), and what was worked
        // out from it.
        type Known = (Option<(std::path::PathBuf, SystemTime)>, Arc<BuildAssets>);
        static KNOWN: Mutex<Option<Known>> = Mutex::new(None);

        let version = options.hash_files.then(|| {
            let file = crate::bundle::hash_file_path(&options.hash_file);
            let modified = std::fs::metadata(&file).and_then(|meta| meta.modified());
            modified.ok().map(|at| (file, at))
        });
        let version = version.flatten();
        let mut known = KNOWN.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((at, assets)) = known.as_ref()
            && *at == version
        {
            return Arc::clone(assets);
        }
        let hash_file = version.as_ref().map(|(file, _)| file);
        // On a thread of its own: rendering apart from the page needs an owner and arena of its
        // own, and making them current would leave this thread's page without its own.
        let assets = std::thread::scope(|scope| {
            scope
                .spawn(|| Self::work_out(options, hash_file))
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        let assets = Arc::new(assets);
        *known = Some((version, Arc::clone(&assets)));
        assets
    }

    fn work_out(options: &LeptosOptions, hash_file: Option<&std::path::PathBuf>) -> Self {
        use leptos::reactive::owner::Owner;

        let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
        let hashes = hash_file
            .and_then(|file| std::fs::read_to_string(file).ok())
            .unwrap_or_default();
        let stylesheet = match crate::bundle::hash_of(&hashes, "css") {
            Some(hash) => format!("{pkg}.{hash}.css"),
            None => format!("{pkg}.css"),
        };
        // Rendered in a root owner of its own, which keeps the context the component provides,
        // once with a stand-in nonce and once without.
        let render = |nonce: Option<&str>| {
            Owner::new_root(None).with(|| {
                // Nonces are a server feature of Leptos's.
                #[cfg(feature = "ssr")]
                if let Some(nonce) = nonce {
                    provide_context(leptos::nonce::Nonce::from_value(nonce));
                }
                #[cfg(not(feature = "ssr"))]
                let _ = nonce;
                let scripts =
                    view! { <HydrationScripts options=options.clone() islands=true /> }.to_html();
                (scripts, use_context::<leptos::WasmSplitManifest>())
            })
        };
        let (scripts_with_nonce, split_manifest) = render(Some(NONCE_STAND_IN));
        let (scripts, _) = render(None);
        Self {
            stylesheet,
            scripts_with_nonce,
            scripts,
            split_manifest,
        }
    }
}

/// This build's hydration scripts, as `HydrationScripts` renders them for an islands page.
#[component]
fn BundleScripts(assets: std::sync::Arc<BuildAssets>) -> impl IntoView {
    if let Some(manifest) = &assets.split_manifest {
        provide_context(manifest.clone());
    }
    // What `HydrationScripts` tells the page's rendering: an islands page is not hydrated as a
    // whole, so the markup carries no hydration markers outside islands.
    if let Some(context) = leptos::reactive::owner::Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let scripts = match leptos::nonce::use_nonce() {
        Some(nonce) => assets.scripts_with_nonce.replace(NONCE_STAND_IN, &nonce),
        None => assets.scripts.clone(),
    };
    leptos::tachys::html::InertElement::new(scripts)
}

/// Where the page's own nonce goes in [`BuildAssets`]' scripts: a value Leptos's nonces (URL-safe
/// base64) never hold.
const NONCE_STAND_IN: &str = "{nonce}";
