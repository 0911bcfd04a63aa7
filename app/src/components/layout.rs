//! The frame around every page: a skip link, the header with the product name, the main
//! links and the page controls (language, theme), and the footer.
//!
//! From the `sm` breakpoint up, links and controls sit in the header bar. Below it they fold
//! into a menu: a `<details>` disclosure, so it opens without JavaScript too; with it (an island),
//! the menu also closes on Escape. Every link and control loads a new page, which starts with
//! the menu closed.

use leptos::{ev::KeyboardEvent, prelude::*};
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_location;

use super::{
    account_controls::{AccountControls, Person},
    dom,
    icons::MenuIcon,
    language::{LocaleButtons, LocaleList, LocaleSwitcher},
    rendered_once,
    theme_switcher::ThemeSwitcher,
};
use crate::accounts::{Role, session::Auth};
use crate::i18n::{Locale, t, t_string, use_i18n};

/// The main links, in the order they appear: address and name in the page's language.
fn main_links(
    i18n: I18nContext<Locale>,
    signed_in: bool,
    admin: bool,
) -> Vec<(&'static str, String)> {
    let mut links = vec![("/", t_string!(i18n, nav.home_link).to_string())];
    if signed_in {
        links.push(("/dashboard", t_string!(i18n, nav.dashboard).to_string()));
        links.push(("/tasks", t_string!(i18n, nav.my_tasks).to_string()));
        links.push(("/workspaces", t_string!(i18n, nav.workspaces).to_string()));
        links.push(("/settings", t_string!(i18n, nav.settings).to_string()));
    }
    if admin {
        links.push(("/admin/users", t_string!(i18n, admin.nav).to_string()));
    }
    links
}

/// The addresses the header links to: the main links, then the account links.
fn header_addresses(signed_in: bool, admin: bool) -> &'static [&'static str] {
    match (signed_in, admin) {
        (true, true) => &[
            "/",
            "/dashboard",
            "/tasks",
            "/workspaces",
            "/settings",
            "/admin/users",
        ],
        (true, false) => &["/", "/dashboard", "/tasks", "/workspaces", "/settings"],
        (false, _) => &["/", "/login", "/register"],
    }
}

/// Whether the page at `path` is `href`'s or below it, as Leptos's `<A>` decides it: the home
/// page only at `/`, any other link on its own path and every path under it.
fn is_current(href: &str, path: &str) -> bool {
    let path = if path.len() > 1 {
        path.trim_end_matches('/')
    } else {
        path
    };
    if href == "/" {
        return path == "/";
    }
    path.strip_prefix(href)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The header for the person on the page and the page's path. Rendered once per language,
/// theme and shape (signed in or not, with a picture or not, which of its links is the current
/// page) and kept: only the person's name and picture are put in on each page
/// (`rendered_once::per_shape`).
#[component]
pub fn SiteHeader() -> impl IntoView {
    let (person, picture, admin) = Auth::use_context()
        .0
        .with_untracked(|user| {
            user.as_ref().map(|user| {
                (
                    Some(user.name.clone()),
                    user.avatar_url.clone(),
                    user.role == Role::Admin,
                )
            })
        })
        .unwrap_or_default();
    let signed_in = person.is_some();
    let has_picture = picture.is_some();
    let path = use_location().pathname.get_untracked();
    let addresses = header_addresses(signed_in, admin);
    let place = addresses.iter().position(|href| is_current(href, &path));
    let current = place.map(|place| addresses[place]);
    // Bit 0: signed in; bit 1: with a picture; bit 2: an admin; above them, the current link's
    // place plus one (0: none).
    let shape = u32::from(signed_in)
        | u32::from(has_picture) << 1
        | u32::from(admin) << 2
        | place.map_or(0, |place| (place as u32 + 1) << 3);
    rendered_once::per_shape(
        "site-header",
        shape,
        &[
            person.as_deref().unwrap_or_default(),
            picture.as_deref().unwrap_or_default(),
        ],
        move || {
            let person = signed_in.then(|| Person {
                name: rendered_once::TEXT_HOLE.to_owned(),
                picture: has_picture.then(|| rendered_once::URL_HOLE.to_owned()),
            });
            site_header(person, admin, current)
        },
    )
}

/// The header: `person` is who the account controls show, if anyone is signed in, and
/// `current` the address of the header's link to this page, if it has one.
fn site_header(
    person: Option<Person>,
    admin: bool,
    current: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let signed_in = person.is_some();
    view! {
        // `#main` has `tabindex="-1"`: following the link moves the keyboard focus there too.
        <a
            href="#main"
            class="sr-only focus:not-sr-only focus:absolute focus:start-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow dark:focus:bg-stone-900"
        >
            {t!(i18n, nav.skip)}
        </a>
        <header class="relative border-b border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
            <nav
                aria-label=t_string!(i18n, nav.main).to_string()
                class="mx-auto flex max-w-5xl items-center gap-4 px-4 py-3 sm:px-6"
            >
                <a
                    href="/"
                    aria-current=(current == Some("/")).then_some("page")
                    aria-label=t_string!(i18n, nav.home).to_string()
                    class="flex items-center gap-2 text-lg font-semibold text-stone-900 dark:text-white"
                >
                    <img src="/favicon.svg" alt="" width="28" height="28" />
                    <span>"Hearth"</span>
                </a>
                <ul class="hidden flex-1 items-center gap-1 sm:flex">
                    <NavLinks signed_in admin current />
                </ul>
                <div class="ms-auto hidden items-center gap-2 sm:flex">
                    <AccountControls person=person.clone() current />
                    <LocaleSwitcher />
                    <ThemeSwitcher />
                </div>
                <MobileMenu person admin current />
            </nav>
        </header>
    }
}

#[component]
fn NavLinks(signed_in: bool, admin: bool, current: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    main_links(i18n, signed_in, admin)
        .into_iter()
        .map(|(href, label)| {
            view! {
                <li>
                    <a
                        href=href
                        aria-current=(current == Some(href)).then_some("page")
                        class="nav-link"
                    >
                        {label}
                    </a>
                </li>
            }
        })
        .collect_view()
}

/// Below `sm`: a menu button that unfolds the links, the languages and the theme.
#[component]
fn MobileMenu(person: Option<Person>, admin: bool, current: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let signed_in = person.is_some();
    view! {
        <MenuKeys>
            <details class="ms-auto sm:hidden">
                <summary class="flex cursor-pointer list-none items-center gap-2 rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium text-stone-700 hover:bg-stone-100 dark:border-stone-700 dark:text-stone-200 dark:hover:bg-stone-800 [&::-webkit-details-marker]:hidden">
                    <MenuIcon />
                    <span>{t!(i18n, nav.menu)}</span>
                </summary>
            <div class="absolute inset-x-0 top-full z-40 flex flex-col gap-4 border-b border-stone-200 bg-white px-4 py-4 shadow-lg dark:border-stone-800 dark:bg-stone-900">
                <ul class="flex flex-col">
                    <NavLinks signed_in admin current />
                </ul>
                <div class="border-t border-stone-200 pt-3 dark:border-stone-800">
                    <AccountControls person current />
                </div>
                <MenuLanguages />
                <div class="border-t border-stone-200 pt-3 dark:border-stone-800">
                    <ThemeSwitcher />
                </div>
            </div>
            </details>
        </MenuKeys>
    }
    .into_any()
}

/// The small-screen menu's language buttons.
#[component]
fn MenuLanguages() -> impl IntoView {
    rendered_once::per_language_and_theme("menu-languages", || {
        let i18n = use_i18n();
        view! {
            <div
                role="group"
                aria-label=t_string!(i18n, language.label).to_string()
                class="border-t border-stone-200 pt-3 dark:border-stone-800"
            >
                <LocaleButtons class="grid grid-cols-2 gap-1 text-sm" />
            </div>
        }
    })
}

/// Around the menu's `<details>`, which the server renders: Escape folds it away, giving the
/// focus back to its button.
#[island]
fn MenuKeys(children: Children) -> impl IntoView {
    let on_keydown = move |event: KeyboardEvent| {
        use leptos::{wasm_bindgen::JsCast, web_sys::HtmlElement};
        if event.key() != "Escape" {
            return;
        }
        let Some(details) =
            dom::closest(&event, "details").filter(|details| details.has_attribute("open"))
        else {
            return;
        };
        event.prevent_default();
        let _ = details.remove_attribute("open");
        if let Some(summary) = details
            .query_selector("summary")
            .ok()
            .flatten()
            .and_then(|summary| summary.dyn_into::<HtmlElement>().ok())
        {
            let _ = summary.focus();
        }
    };
    view! {
        <div class="contents" on:keydown=on_keydown>
            {children()}
        </div>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    rendered_once::per_language_and_theme("site-footer", site_footer)
}

fn site_footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="border-t border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
            <div class="mx-auto flex max-w-5xl flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
                <p class="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-stone-600 dark:text-stone-400">
                    <span>{t!(i18n, footer.tagline)}</span>
                    <a href="/privacy" class="underline underline-offset-2 hover:text-stone-900 dark:hover:text-stone-100">
                        {t!(i18n, privacy.footer_link)}
                    </a>
                </p>
                <LocaleList />
            </div>
        </footer>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::is_current;

    #[test]
    fn the_home_link_is_current_on_the_home_page_only() {
        assert!(is_current("/", "/"));
        assert!(!is_current("/", "/dashboard"));
        assert!(!is_current("/", "/login"));
    }

    #[test]
    fn another_link_is_current_on_its_page_and_below_it() {
        assert!(is_current("/dashboard", "/dashboard"));
        assert!(is_current("/dashboard", "/dashboard/"));
        assert!(is_current("/dashboard", "/dashboard/settings"));
        assert!(!is_current("/dashboard", "/dashboards"));
        assert!(!is_current("/dashboard", "/"));
        assert!(!is_current("/login", "/register"));
    }
}
