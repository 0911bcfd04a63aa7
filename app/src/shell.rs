//! The HTML document and the route table.

use leptos::prelude::*;
use leptos_meta::{Meta, MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::accounts::session::Auth;
use crate::components::{
    connection::ConnectionBanner,
    guard::RequireUser,
    layout::{SiteFooter, SiteHeader},
    ui::ToastArea,
};
use crate::i18n::{t_string, use_i18n};
use crate::locale::LocaleProvider;
use crate::pages::{
    AdminOnlyPage, ErrorPage, FailingPage, HomePage, NotFoundPage, OfflinePage, ShowcasePage,
    accounts::{DashboardPage, LoginPage, RegisterPage},
};
use crate::theme::Theme;

/// The whole document as the server sends it; in the browser only its islands hydrate.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let theme = Theme::current_page();
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
                <link id="leptos" rel="stylesheet" href=stylesheet_href(&options) />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
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
                    <main
                        id="main"
                        tabindex="-1"
                        class="mx-auto w-full max-w-5xl flex-1 px-4 py-10 outline-none sm:px-6"
                    >
                        <ErrorBoundary fallback=|errors| view! { <ErrorPage errors /> }>
                            <Routes fallback=NotFoundPage>
                                <Route path=path!("") view=HomePage />
                                <Route path=path!("offline") view=OfflinePage />
                                <Route path=path!("login") view=LoginPage />
                                <Route path=path!("register") view=RegisterPage />
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
                                <Route path=path!("ui") view=ShowcasePage />
                                <Route path=path!("ui/error") view=FailingPage />
                                <Route path=path!("ui/admin") view=AdminOnlyPage />
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

/// The address of this build's stylesheet, `/pkg/hearth.<hash>.css`, as Leptos's
/// `HashedStylesheet` gives it. That component finds the executable and reads the hash file
/// beside it on every render (4% of a rendered page's time under load); here the name is kept
/// and worked out again only when the file's modification time changes, as it does when
/// `cargo leptos watch` rebuilds the styles without restarting the server.
fn stylesheet_href(options: &LeptosOptions) -> String {
    use std::sync::Mutex;
    use std::time::SystemTime;

    // The hash file, when it was last changed, and the address worked out from it.
    static KNOWN: Mutex<Option<(std::path::PathBuf, SystemTime, String)>> = Mutex::new(None);

    let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    if !options.hash_files {
        return format!("{pkg}.css");
    }
    let hash_file = crate::bundle::hash_file_path(&options.hash_file);
    let Ok(modified) = std::fs::metadata(&hash_file).and_then(|meta| meta.modified()) else {
        return format!("{pkg}.css");
    };
    let mut known = KNOWN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((file, at, href)) = known.as_ref()
        && *at == modified
        && *file == hash_file
    {
        return href.clone();
    }
    let hashes = std::fs::read_to_string(&hash_file).unwrap_or_default();
    let href = match crate::bundle::hash_of(&hashes, "css") {
        Some(hash) => format!("{pkg}.{hash}.css"),
        None => format!("{pkg}.css"),
    };
    *known = Some((hash_file, modified, href.clone()));
    href
}
