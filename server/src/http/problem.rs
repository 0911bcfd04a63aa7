//! RFC 9457 problem details: the one place an error becomes what the REST API answers.
//!
//! Every error under `/api` is `application/problem+json` with `type`, `title`, `status` and
//! `detail`, plus `errors: [{field, message}]` for invalid fields. `type` is a URN naming the
//! kind of problem, stable across versions and languages; `title` is its fixed English summary.
//! `detail` and the field messages are for people, in the language of `Accept-Language`.
//!
//! Handlers and extractors fail with [`ApiError`] (any `app::error::Error` converts with `?`), which
//! only records the failure on the response; [`problem_documents`], the API router's outermost
//! layer, renders it in the caller's language, and renders the bare error statuses that layers
//! and the router produce (404, 405, 408, 413) the same way.

use app::{
    error::{AuthFailure, Error, FieldError, Notice},
    i18n::Locale,
};
use axum::{
    extract::Request,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde::Serialize;

pub const CONTENT_TYPE: &str = "application/problem+json";

/// The language of a request's messages: the best match for `Accept-Language`, else English.
pub fn locale_of(headers: &HeaderMap) -> Locale {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map(app::locale::from_accept_language)
        .unwrap_or_default()
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(example = json!({
    "type": "urn:hearth:problem:validation",
    "title": "Invalid fields",
    "status": 422,
    "detail": "Some fields need attention.",
    "errors": [{"field": "password", "message": "Use at least 10 characters."}]
}))]
pub struct Problem {
    /// A URI naming the kind of problem (`about:blank` when the status says it all).
    #[serde(rename = "type")]
    #[schema(value_type = String)]
    kind: &'static str,
    /// A short summary of the kind of problem, the same every time (English).
    #[schema(value_type = String)]
    title: &'static str,
    /// The HTTP status code.
    status: u16,
    /// What went wrong this time, for a person, in the language of `Accept-Language`.
    detail: String,
    /// For invalid input: each field's problem.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<FieldMessage>,
    /// For a body that could not be read: the JSON parser's own account, for developers
    /// (English, technical).
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip)]
    #[schema(ignore)]
    challenge: bool,
    #[serde(skip)]
    #[schema(ignore)]
    retry_after: Option<u32>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FieldMessage {
    /// The name of the field in the request body.
    field: String,
    /// What is wrong with it, for a person.
    message: String,
}

/// Why an API request failed, waiting for the caller's language.
#[derive(Debug, Clone)]
pub enum ApiError {
    /// From a service, in the shared vocabulary.
    Service(Error),
    /// The body is not JSON (400) with the parser's reason.
    MalformedBody(String),
    /// The body is JSON but not the operation's shape (422) with the parser's reason.
    UnexpectedShape(String),
    /// A failure the status says all about (415, and what the body extractor refuses).
    Status(StatusCode),
}

impl<E: Into<Error>> From<E> for ApiError {
    fn from(error: E) -> Self {
        Self::Service(error.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            Self::Service(error) => {
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            }
            Self::MalformedBody(_) => StatusCode::BAD_REQUEST,
            Self::UnexpectedShape(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Status(status) => *status,
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// The API router's outermost layer: renders every error response as a problem document in the
/// caller's language.
pub async fn problem_documents(request: Request, next: Next) -> Response {
    let locale = locale_of(request.headers());
    let mut response = next.run(request).await;
    if let Some(failure) = response.extensions_mut().remove::<ApiError>() {
        return Problem::from_failure(locale, failure).into_response();
    }
    let status = response.status();
    let already_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(CONTENT_TYPE.as_bytes()));
    if already_problem || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let mut problem = Problem::for_status(locale, status).into_response();
    // Keep what the layer said about the response, such as `Allow` on a 405.
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = response.headers().get(&name) {
            problem.headers_mut().insert(name, value.clone());
        }
    }
    problem
}

impl Problem {
    fn new(kind: &'static str, title: &'static str, status: StatusCode, detail: String) -> Self {
        Self {
            kind,
            title,
            status: status.as_u16(),
            detail,
            errors: Vec::new(),
            reason: None,
            challenge: false,
            retry_after: None,
        }
    }

    /// A problem that is just its HTTP status (`type` is `about:blank`, as RFC 9457 asks).
    pub fn for_status(locale: Locale, status: StatusCode) -> Self {
        let notice = match status {
            StatusCode::NOT_FOUND => Notice::NoSuchEndpoint,
            StatusCode::METHOD_NOT_ALLOWED => Notice::MethodNotAllowed,
            StatusCode::REQUEST_TIMEOUT => Notice::TimedOut,
            StatusCode::PAYLOAD_TOO_LARGE => Notice::TooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Notice::UnsupportedMediaType,
            StatusCode::BAD_REQUEST => Notice::MalformedBody,
            StatusCode::UNAUTHORIZED => Notice::Unauthenticated,
            _ => Notice::ServerError,
        };
        Self::new(
            "about:blank",
            status.canonical_reason().unwrap_or("Error"),
            status,
            notice.message(locale),
        )
    }

    fn from_failure(locale: Locale, failure: ApiError) -> Self {
        match failure {
            ApiError::Service(error) => Self::from_error(locale, &error),
            ApiError::MalformedBody(reason) => Self {
                reason: Some(reason),
                ..Self::new(
                    "urn:hearth:problem:malformed-body",
                    "Malformed request body",
                    StatusCode::BAD_REQUEST,
                    Notice::MalformedBody.message(locale),
                )
            },
            ApiError::UnexpectedShape(reason) => Self {
                reason: Some(reason),
                ..Self::from_error(locale, &Error::Invalid(Vec::new()))
            },
            ApiError::Status(status) => Self::for_status(locale, status),
        }
    }

    /// The mapping of the shared vocabulary to problem documents. Anything unexpected is logged
    /// here (inside the request's span, so with its id) and shown only as a 500.
    fn from_error(locale: Locale, error: &Error) -> Self {
        let status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let detail = error.message(locale);
        let (kind, title) = match error {
            Error::Invalid(_) => ("urn:hearth:problem:validation", "Invalid fields"),
            Error::NotFound => ("urn:hearth:problem:not-found", "Not found"),
            Error::Conflict(conflict) => (conflict_type(conflict), "Already in use"),
            Error::TooLarge(_) => ("urn:hearth:problem:too-large", "Too large"),
            Error::Forbidden => ("urn:hearth:problem:forbidden", "Forbidden"),
            Error::Stale => ("urn:hearth:problem:stale", "Changed since it was read"),
            Error::Unauthenticated(AuthFailure::Missing) => (
                "urn:hearth:problem:unauthenticated",
                "Authentication required",
            ),
            Error::Unauthenticated(AuthFailure::BadCredentials) => (
                "urn:hearth:problem:bad-credentials",
                "Wrong e-mail address or password",
            ),
            Error::Unauthenticated(AuthFailure::Disabled) => {
                ("urn:hearth:problem:account-disabled", "Account disabled")
            }
            Error::Unauthenticated(AuthFailure::SessionEnded) => (
                "urn:hearth:problem:invalid-refresh-token",
                "Refresh token not valid",
            ),
            Error::TooManyRequests { .. } => {
                ("urn:hearth:problem:too-many-requests", "Too many requests")
            }
            Error::Unavailable { .. } => {
                tracing::warn!(%error, "an API request found a dependency down");
                ("urn:hearth:problem:unavailable", "Service unavailable")
            }
            Error::Unexpected { detail } => {
                tracing::error!(%detail, "an API request failed");
                ("about:blank", "Internal Server Error")
            }
        };
        Self {
            errors: error
                .field_errors()
                .iter()
                .map(|field| FieldMessage {
                    field: field.field.to_string(),
                    message: field.issue.message(locale),
                })
                .collect(),
            challenge: matches!(error, Error::Unauthenticated(AuthFailure::Missing)),
            retry_after: error.retry_after(),
            ..Self::new(kind, title, status, detail)
        }
    }
}

/// A conflict's type names what was taken (`urn:hearth:problem:email-taken`).
fn conflict_type(conflict: &FieldError) -> &'static str {
    use app::error::Issue;
    match conflict.issue {
        Issue::EmailTaken => "urn:hearth:problem:email-taken",
        _ => "urn:hearth:problem:conflict",
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        if self.challenge {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
