//! The form protocol every page uses, with and without JavaScript.
//!
//! A form posts to a server function and the server function answers `Result<T, Error>`.
//!
//! - A browser posting the form wants a page back (an island checks the fields first, but the
//!   post is the browser's own, with or without JavaScript). The server function ends with
//!   [`server::Reply::finish`], which answers with a redirect: onwards on success (with a
//!   greeting for the next page, `crate::flash`), or back to the form with the feedback in the
//!   query (`?e=email:email-invalid&notice=bad-credentials`, plus the values worth keeping,
//!   never a password), which [`Feedback::from_query`] reads when the form renders again:
//!   problems next to their fields, anything else as a notice above the form.
//! - Any other caller (an island calling the function, a script) gets the result as data.
//!
//! [`Feedback::of`] is the one place an `Error` becomes what a form shows; on the server,
//! `server::answered_with` (called for every error a server function returns) is the one place
//! it becomes a status code and a log line.

use leptos_router::params::ParamsMap;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::{Error, FieldError, Issue, Notice};

/// Everything but RFC 3986's unreserved characters is escaped in a query value.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes a value for a URL's query (`/a b?c` → `%2Fa%20b%3Fc`).
pub fn encode(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// What a form shows after an answer: problems by field, and a notice for the whole form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Feedback {
    pub fields: Vec<FieldError>,
    pub notice: Option<Notice>,
}

impl Feedback {
    /// What a form shows for `error`.
    pub fn of(error: &Error) -> Self {
        let fields = error.field_errors().to_vec();
        let notice = fields.is_empty().then(|| error.notice());
        Self { fields, notice }
    }

    /// The problem with `field`, if any.
    pub fn issue(&self, field: &str) -> Option<Issue> {
        self.fields
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.issue)
    }

    /// The query pairs that carry this feedback through a redirect.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> = self
            .fields
            .iter()
            .map(|error| ("e", format!("{}:{}", error.field, error.issue.code())))
            .collect();
        if let Some(notice) = self.notice {
            pairs.push(("notice", notice.code().to_owned()));
        }
        pairs
    }

    /// The feedback a redirect carried in `query`; unknown codes are ignored.
    pub fn from_query(query: &ParamsMap) -> Self {
        let fields = query
            .get_all("e")
            .unwrap_or_default()
            .iter()
            .filter_map(|pair| {
                let (field, code) = pair.split_once(':')?;
                Some(FieldError::new(field.to_owned(), Issue::from_code(code)?))
            })
            .collect();
        Self {
            fields,
            notice: query.get("notice").as_deref().and_then(Notice::from_code),
        }
    }
}

/// Server functions answer with `Error`: on the server its encoding sets the response status
/// (once, here, for every server function) and logs what was unexpected; the browser gets the
/// error back as JSON.
impl leptos::server_fn::error::FromServerFnError for Error {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as Failure;
        match value {
            // The request could not be sent: the server is out of reach.
            Failure::Request(_) => Self::Unavailable {
                retry_after: crate::error::UNAVAILABLE_RETRY_SECONDS,
            },
            // The form or the arguments were not what the function takes.
            Failure::Args(_) | Failure::MissingArg(_) | Failure::UnsupportedRequestMethod(_) => {
                Self::Invalid(Vec::new())
            }
            other => Self::unexpected(&other),
        }
    }

    fn ser(&self) -> leptos::server_fn::Bytes {
        #[cfg(feature = "ssr")]
        server::answered_with(self);
        use leptos::server_fn::Encodes as _;
        leptos::server_fn::codec::JsonEncoding::encode(self).unwrap_or_default()
    }
}

#[cfg(feature = "ssr")]
pub mod server {
    //! The server's half: the status and log line for every error a server function returns,
    //! and the redirect that answers a form posted without JavaScript.

    use http::{HeaderValue, StatusCode, header};
    use leptos::prelude::{use_context, with_context};
    use leptos_axum::ResponseOptions;

    use super::{Feedback, encode};
    use crate::error::Error;

    /// Called for every error a server function answers with (from `Error`'s server-function
    /// encoding): logs what was not the caller's fault and sets the response's status. A form
    /// posted without JavaScript keeps its redirect instead: the one `Reply` set, or else
    /// Leptos's own back to the page the form was on (its `Referer`).
    pub(crate) fn answered_with(error: &Error) {
        match error {
            Error::Unexpected { detail } => {
                tracing::error!(%detail, "a server function failed");
            }
            Error::Unavailable { .. } => tracing::warn!(%error, "a server function failed"),
            _ => {}
        }
        let Some(response) = use_context::<ResponseOptions>() else {
            return;
        };
        let redirected = response
            .0
            .read()
            .is_ok_and(|parts| parts.headers.contains_key(header::LOCATION));
        let goes_back = posted_without_javascript()
            && with_context::<http::request::Parts, _>(|parts| {
                parts.headers.contains_key(header::REFERER)
            })
            .unwrap_or(false);
        if !redirected && !goes_back {
            response.set_status(
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            );
            if let Some(seconds) = error.retry_after() {
                response.insert_header(header::RETRY_AFTER, HeaderValue::from(seconds));
            }
        }
    }

    /// A form post the browser made itself asks for HTML back; one made by the page's script
    /// asks for the server function's data.
    pub fn posted_without_javascript() -> bool {
        with_context::<http::request::Parts, _>(|parts| {
            parts
                .headers
                .get(header::ACCEPT)
                .and_then(|accept| accept.to_str().ok())
                .is_some_and(|accept| accept.contains("text/html"))
        })
        .unwrap_or(false)
    }

    /// How a server function answers a form posted without JavaScript.
    #[derive(Debug)]
    pub struct Reply {
        form: String,
        keep: Vec<(&'static str, String)>,
        greeting: Option<crate::flash::Flash>,
    }

    impl Reply {
        /// Errors send the browser back to `form` (its path, possibly with a query of its own).
        pub fn back_to(form: impl Into<String>) -> Self {
            Self {
                form: form.into(),
                keep: Vec::new(),
                greeting: None,
            }
        }

        /// A typed value to fill in again when the form comes back (never a password).
        pub fn keep(mut self, name: &'static str, value: &str) -> Self {
            if !value.is_empty() {
                self.keep.push((name, value.to_owned()));
            }
            self
        }

        /// The toast the next page shows after a success (`crate::flash`).
        pub fn greet(mut self, flash: crate::flash::Flash) -> Self {
            self.greeting = Some(flash);
            self
        }

        /// Passes `result` on. For a form posted by the browser it also answers with a
        /// redirect: to `onward(value)` on success, back to the form with the feedback
        /// otherwise.
        pub fn finish<T>(
            self,
            result: Result<T, Error>,
            onward: impl FnOnce(&T) -> String,
        ) -> Result<T, Error> {
            if posted_without_javascript() {
                let target = match &result {
                    Ok(value) => {
                        if let Some(flash) = self.greeting {
                            crate::flash::leave(flash);
                        }
                        onward(value)
                    }
                    Err(error) => self.back_with(&Feedback::of(error)),
                };
                redirect(&target);
            }
            result
        }

        /// Where an answer with `feedback` sends the browser: back to the form, with the values
        /// kept and the problems in the query (also for the server's own form handlers).
        pub fn back_with(&self, feedback: &Feedback) -> String {
            let query: Vec<String> = self
                .keep
                .iter()
                .map(|(name, value)| (*name, value.clone()))
                .chain(feedback.to_query())
                .map(|(name, value)| format!("{name}={}", encode(&value)))
                .collect();
            let joint = if self.form.contains('?') { '&' } else { '?' };
            format!("{}{joint}{}", self.form, query.join("&"))
        }
    }

    /// A `302` to `target` (a same-site path). A path that is no valid header value goes home
    /// instead of failing the request.
    fn redirect(target: &str) {
        if let Some(response) = use_context::<ResponseOptions>() {
            let location =
                HeaderValue::from_str(target).unwrap_or_else(|_| HeaderValue::from_static("/"));
            response.insert_header(header::LOCATION, location);
            response.set_status(StatusCode::FOUND);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AuthFailure;

    #[test]
    fn field_problems_go_next_to_fields_and_the_rest_above_the_form() {
        let invalid = Error::Invalid(vec![
            FieldError::new("email", Issue::EmailInvalid),
            FieldError::new("password", Issue::PasswordTooShort),
        ]);
        let feedback = Feedback::of(&invalid);
        assert_eq!(feedback.issue("email"), Some(Issue::EmailInvalid));
        assert_eq!(feedback.issue("name"), None);
        assert_eq!(feedback.notice, None);

        let taken = Feedback::of(&Error::Conflict(FieldError::new(
            "email",
            Issue::EmailTaken,
        )));
        assert_eq!(taken.issue("email"), Some(Issue::EmailTaken));

        let wrong = Feedback::of(&Error::Unauthenticated(AuthFailure::BadCredentials));
        assert_eq!(wrong.fields, []);
        assert_eq!(wrong.notice, Some(Notice::BadCredentials));
        assert_eq!(
            Feedback::of(&Error::Invalid(Vec::new())).notice,
            Some(Notice::InvalidFields)
        );
    }

    #[test]
    fn feedback_survives_a_trip_through_the_query() {
        let feedback = Feedback {
            fields: vec![
                FieldError::new("email", Issue::EmailInvalid),
                FieldError::new("name", Issue::Required),
            ],
            notice: Some(Notice::TooManyRequests),
        };
        let mut query = ParamsMap::new();
        for (name, value) in feedback.to_query() {
            query.insert(name, value);
        }
        query.insert("e", "email:no-such-code".to_owned());
        assert_eq!(Feedback::from_query(&query), feedback);
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode("/a b?c=d&e"), "%2Fa%20b%3Fc%3Dd%26e");
        assert_eq!(encode("ann@example.com"), "ann%40example.com");
        assert_eq!(encode("é-_.~"), "%C3%A9-_.~");
    }
}

/// Posting a form's fields from an island, as the browser would post the form but without
/// leaving the page: a plain `fetch` with a URL-encoded body. Islands use this rather than
/// calling server functions (`ServerAction`, `ActionForm`), whose client code (encoders, a
/// streaming HTTP client) would go into every page's first load.
pub mod browser {
    use leptos::{
        wasm_bindgen::{JsCast, JsValue},
        web_sys::{RequestInit, Response, UrlSearchParams, js_sys::Promise},
    };
    use wasm_bindgen_futures::JsFuture;

    fn send(url: &str, fields: &[(&str, &str)]) -> Result<Promise, JsValue> {
        let body = UrlSearchParams::new()?;
        for (name, value) in fields {
            body.append(name, value);
        }
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_body(&body);
        let window = leptos::web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        Ok(window.fetch_with_str_and_init(url, &init))
    }

    /// Posts and forgets: the answer does not matter to the page (a preference saved in a
    /// cookie, which the next page rendered by the server shows anyway).
    pub fn post(url: &str, fields: &[(&str, &str)]) {
        let _ = send(url, fields);
    }

    /// Posts and reads the answer's body; `None` when the network or the server failed.
    pub async fn post_for_text(url: &str, fields: &[(&str, &str)]) -> Option<String> {
        let response: Response = JsFuture::from(send(url, fields).ok()?)
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if !response.ok() {
            return None;
        }
        JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()
    }
}
