//! Languages: which one a page is in, how people switch, and locale-aware dates.
//!
//! The choice lives in the `locale` cookie. Without it the server takes the best match from
//! `Accept-Language`, and English when nothing matches. `LocaleProvider` resolves this on the
//! server with leptos_i18n's context and writes `lang` and `dir` on `<html>`.
//!
//! The switchers (`components::language`) are forms of submit buttons posting to `set_locale`:
//! the browser follows the redirect back with the new cookie, and the server renders the page in
//! the new language. The browser bundle holds no translations: islands get their text from the
//! server, already translated.
//!
//! Numbers go through the translations' `number` formatter (ICU4X, CLDR data). Dates use a
//! pattern and month names from the translations, so each language orders them its own way.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Html;
use leptos_use::SameSite;

use crate::i18n::{Locale, td_string};

pub const COOKIE: &str = "locale";
const ONE_YEAR_SECONDS: i64 = 365 * 24 * 60 * 60;

/// Each language by its own name, the way its speakers look for it in a list.
pub fn autonym(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "English",
        Locale::de => "Deutsch",
        Locale::fr => "Français",
        Locale::es => "Español",
        Locale::ar => "العربية",
    }
}

/// Provides the page's language to everything below it and writes `<html lang dir>`.
#[component]
pub fn LocaleProvider(children: Children) -> impl IntoView {
    let cookie_options = leptos_i18n::context::CookieOptions::<Locale>::default()
        .path("/")
        .same_site(SameSite::Lax)
        // leptos-use counts the cookie's age in milliseconds.
        .max_age(ONE_YEAR_SECONDS * 1000);
    // leptos-use reads `Accept-Language` in written order and keeps the spaces; hand it the
    // languages by preference instead.
    let ssr_lang_header_getter =
        leptos_use::UseLocalesOptions::default().ssr_lang_header_getter(|| {
            #[cfg(feature = "ssr")]
            {
                with_context::<http::request::Parts, _>(|parts| {
                    parts
                        .headers
                        .get(http::header::ACCEPT_LANGUAGE)
                        .and_then(|value| value.to_str().ok())
                        .map(by_preference)
                })
                .flatten()
            }
            #[cfg(not(feature = "ssr"))]
            None
        });
    let options = leptos_i18n::context::I18nContextOptions::<Locale>::default()
        .cookie_name(COOKIE)
        .cookie_options(cookie_options)
        .ssr_lang_header_getter(ssr_lang_header_getter);
    let i18n = without_effects(|| leptos_i18n::context::init_i18n_context_with_options(options));
    provide_context(i18n);
    let locale = i18n.get_locale_untracked();
    view! {
        <ContentLanguage />
        {children()}
        <Html attr:lang=locale.as_str() attr:dir=locale.direction().as_str() />
    }
}

/// Runs `create` in an owner of its own whose effects never run, kept for as long as the page.
///
/// leptos_i18n's context comes with effects for the browser, one of them isomorphic (it writes
/// the language cookie), which the server runs as a task of its own. Under load that task could
/// first be polled after the response had been sent and the request's reactive values disposed;
/// it then read the disposed locale signal and panicked (leptos_i18n 0.6.2 reads it with `get`
/// in `Effect::new_isomorphic`, in `context.rs`; reactive_graph 0.2 does not cancel such a task
/// when its owner is cleaned up). The server needs nothing from those effects: the page's
/// language is decided once per request, and `set_locale` writes the cookie. An effect checks
/// its owner before every run, including the first (which it only schedules when created): so
/// the context is created in an owner of its own, paused at once with the effects' owners under
/// it. A first run that another worker thread squeezes in before that is harmless, as the
/// request is still there. Only this owner is paused; the rest of the page (a `Suspense` waits
/// through an effect) runs as usual.
fn without_effects<T>(create: impl FnOnce() -> T) -> T {
    use leptos::reactive::owner::Owner;

    let owner = Owner::current().map_or_else(Owner::new, |parent| parent.child());
    let created = owner.with(create);
    // Pausing reaches the owners that exist: the effects' own, created just now.
    owner.pause();
    // The context's signals live in this owner: it must last as long as the page's.
    on_cleanup(move || drop(owner));
    created
}

/// Names the page's language in the response (the service worker reads it to keep its offline
/// page in the same language) and tells caches that the page depends on the language headers.
#[component]
fn ContentLanguage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let locale = crate::i18n::use_i18n().get_locale_untracked();
        response.insert_header(
            http::header::CONTENT_LANGUAGE,
            http::HeaderValue::from_static(locale.as_str()),
        );
        response.insert_header(
            http::header::VARY,
            http::HeaderValue::from_static("Cookie, Accept-Language"),
        );
    }
}

/// An `Accept-Language` value as a comma-separated list of language tags, most wanted first:
/// weights (`q`) decide, ties keep their written order, and `q=0` ("not this one") is dropped.
pub fn by_preference(accept_language: &str) -> String {
    let mut languages: Vec<(&str, f32)> = accept_language
        .split(',')
        .filter_map(|entry| {
            let mut parts = entry.split(';').map(str::trim);
            let tag = parts.next().filter(|tag| !tag.is_empty())?;
            let weight = parts
                .find_map(|part| part.strip_prefix("q="))
                .map_or(Some(1.0), |q| q.parse::<f32>().ok())?;
            (weight > 0.0).then_some((tag, weight))
        })
        .collect();
    languages.sort_by(|a, b| b.1.total_cmp(&a.1));
    languages
        .into_iter()
        .map(|(tag, _)| tag)
        .collect::<Vec<_>>()
        .join(",")
}

/// The language a page is rendered in for a request with this `locale` cookie (from the first
/// `Cookie` header) and `Accept-Language` value, decided as `LocaleProvider`'s context
/// (leptos_i18n) decides it: the cookie if it names a supported language, else the best match
/// for `Accept-Language`. The server's page cache keys pages by it, so the two must not drift
/// apart.
pub fn of_request(cookie: Option<&str>, accept_language: &str) -> Locale {
    cookie
        .and_then(|value| value.parse::<Locale>().ok())
        .unwrap_or_else(|| from_accept_language(accept_language))
}

/// The language of the request being served (a server function's), decided as its page would
/// be: `of_request` over its cookie and `Accept-Language`.
#[cfg(feature = "ssr")]
pub fn of_this_request() -> Locale {
    let accept_language = leptos::prelude::with_context::<http::request::Parts, _>(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    })
    .flatten()
    .unwrap_or_default();
    of_request(
        crate::cookies::in_request(COOKIE).as_deref(),
        &accept_language,
    )
}

/// The supported language that best matches an `Accept-Language` value, else English.
pub fn from_accept_language(accept_language: &str) -> Locale {
    let preferred = by_preference(accept_language);
    let tags: Vec<&str> = preferred.split(',').filter(|tag| !tag.is_empty()).collect();
    Locale::find_locale(&tags)
}

/// A calendar date as people read it in `locale`: "November 26, 2026", "26. November 2026",
/// "26 نوفمبر 2026". `month` is 1 to 12; anything else is clamped into that range.
pub fn format_date(locale: Locale, year: i32, month: u8, day: u8) -> String {
    let month = match month.clamp(1, 12) {
        1 => td_string!(locale, format.january),
        2 => td_string!(locale, format.february),
        3 => td_string!(locale, format.march),
        4 => td_string!(locale, format.april),
        5 => td_string!(locale, format.may),
        6 => td_string!(locale, format.june),
        7 => td_string!(locale, format.july),
        8 => td_string!(locale, format.august),
        9 => td_string!(locale, format.september),
        10 => td_string!(locale, format.october),
        11 => td_string!(locale, format.november),
        _ => td_string!(locale, format.december),
    };
    td_string!(locale, format.date, month, day, year).to_string()
}

/// When, as people read it: the date in their language and the time in UTC.
pub fn format_moment(locale: Locale, at: time::OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    let date = format_date(locale, at.year(), at.month().into(), at.day());
    let time = format!("{:02}:{:02}", at.hour(), at.minute());
    td_string!(locale, activity.when, date, time).to_string()
}

/// Remembers the language for a year. An unknown value means English, the default.
#[server(prefix = "/fn", endpoint = "set-locale")]
pub async fn set_locale(locale: String) -> Result<Locale, crate::error::Error> {
    let locale = locale.parse::<Locale>().unwrap_or_default();
    crate::cookies::remember(COOKIE, locale.as_str())?;
    Ok(locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_each_languages_order_and_digits() {
        assert_eq!(format_date(Locale::en, 2026, 11, 26), "November 26, 2026");
        assert_eq!(format_date(Locale::de, 2026, 3, 1), "1. März 2026");
        assert_eq!(format_date(Locale::fr, 2026, 8, 15), "15 août 2026");
        assert_eq!(format_date(Locale::es, 2026, 1, 6), "6 de enero de 2026");
        // CLDR gives plain `ar` Western digits; regional variants such as ar-EG would not.
        assert_eq!(format_date(Locale::ar, 2026, 11, 26), "26 نوفمبر 2026");
    }

    #[test]
    fn numbers_are_grouped_the_way_each_language_writes_them() {
        let number = |locale: Locale| td_string!(locale, ui.number, value = 1_234_567).to_string();
        assert_eq!(number(Locale::en), "1,234,567");
        assert_eq!(number(Locale::de), "1.234.567");
        assert_eq!(number(Locale::fr), "1\u{202f}234\u{202f}567");
        assert_eq!(number(Locale::es), "1.234.567");
    }

    #[test]
    fn accepted_languages_are_ordered_by_weight() {
        assert_eq!(by_preference("de-DE,de;q=0.9,en;q=0.8"), "de-DE,de,en");
        assert_eq!(by_preference("ja, fr;q=0.5"), "ja,fr");
        assert_eq!(by_preference("en;q=0.2, ar;q=0.9 ,es"), "es,ar,en");
        assert_eq!(by_preference("fr;q=0, de"), "de");
        assert_eq!(by_preference("fr;q=nonsense, de"), "de");
        assert_eq!(by_preference(""), "");
    }

    #[test]
    fn the_best_supported_language_wins() {
        assert_eq!(
            from_accept_language("ja, de-CH;q=0.8, fr;q=0.9"),
            Locale::fr
        );
        assert_eq!(from_accept_language("de-AT"), Locale::de);
        assert_eq!(from_accept_language("ja"), Locale::en);
        assert_eq!(from_accept_language(""), Locale::en);
    }

    #[test]
    fn an_impossible_month_is_clamped() {
        assert_eq!(format_date(Locale::en, 2026, 0, 1), "January 1, 2026");
        assert_eq!(format_date(Locale::en, 2026, 13, 1), "December 1, 2026");
    }

    #[test]
    fn every_language_has_its_own_name() {
        let names: std::collections::HashSet<_> = Locale::get_all()
            .iter()
            .map(|&locale| autonym(locale))
            .collect();
        assert_eq!(names.len(), Locale::get_all().len());
    }
}
