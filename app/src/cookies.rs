//! Cookies: reading one from a request's `Cookie` header, and (on the server) setting them on
//! the response being built, for preferences (theme, language) and the session alike.

/// The value of cookie `name` in a `Cookie` header; an empty value counts as absent.
pub fn value_in<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use http::{HeaderValue, header};
    use leptos::prelude::{use_context, with_context};

    use crate::error::Error;

    const ONE_YEAR_SECONDS: i64 = 365 * 24 * 60 * 60;

    /// Adds `Set-Cookie` headers to the response being rendered or served.
    pub fn set(values: impl IntoIterator<Item = HeaderValue>) {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            for value in values {
                response.append_header(header::SET_COOKIE, value);
            }
        }
    }

    /// Remembers a preference for a year (readable by scripts: it holds no secret).
    pub fn remember(name: &str, value: &str) -> Result<(), Error> {
        let cookie = format!("{name}={value}; Path=/; Max-Age={ONE_YEAR_SECONDS}; SameSite=Lax");
        set([HeaderValue::from_str(&cookie).map_err(|error| Error::unexpected(&error))?]);
        Ok(())
    }

    /// The value of cookie `name` in the request being rendered or served.
    pub fn in_request(name: &str) -> Option<String> {
        with_context::<http::request::Parts, _>(|parts| {
            parts
                .headers
                .get_all(header::COOKIE)
                .iter()
                .filter_map(|value| value.to_str().ok())
                .find_map(|header| super::value_in(header, name))
                .map(str::to_owned)
        })
        .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::value_in;

    #[test]
    fn a_cookie_is_found_by_its_exact_name() {
        assert_eq!(
            value_in("a=1; hearth_access=x.y; b=2", "hearth_access"),
            Some("x.y")
        );
        assert_eq!(value_in("hearth_access=", "hearth_access"), None);
        assert_eq!(value_in("mytheme=dark", "theme"), None);
    }
}
