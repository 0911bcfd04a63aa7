//! RFC 9457 problem details: every error the API returns is `application/problem+json` with
//! `type`, `title`, `status` and `detail`, plus `errors: [{field, message}]` for invalid fields.
//!
//! `type` is a URN naming the kind of problem, stable across versions and languages; `title`
//! is its fixed English summary. `detail` and the field messages are for people, in the
//! language the request's `Accept-Language` prefers.

use app::{
    accounts::{
        AccountError,
        rules::{FieldError, Notice, Problem as FieldProblem},
    },
    i18n::Locale,
};
use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;

pub const CONTENT_TYPE: &str = "application/problem+json";

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
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FieldMessage {
    /// The name of the field in the request body.
    #[schema(value_type = String)]
    field: &'static str,
    /// What is wrong with it, for a person.
    message: String,
}

impl Problem {
    /// A problem that is just its HTTP status (`type` is `about:blank`, as RFC 9457 asks).
    pub fn status(locale: Locale, status: StatusCode) -> Self {
        let notice = match status {
            StatusCode::NOT_FOUND => Notice::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => Notice::MethodNotAllowed,
            StatusCode::REQUEST_TIMEOUT => Notice::TimedOut,
            StatusCode::PAYLOAD_TOO_LARGE => Notice::TooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Notice::UnsupportedMediaType,
            StatusCode::BAD_REQUEST => Notice::MalformedBody,
            StatusCode::UNAUTHORIZED => Notice::Unauthenticated,
            _ => Notice::ServerError,
        };
        Self {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: notice.message(locale),
            errors: Vec::new(),
            reason: None,
            challenge: false,
        }
    }

    fn new(kind: &'static str, title: &'static str, status: StatusCode, detail: String) -> Self {
        Self {
            kind,
            title,
            status: status.as_u16(),
            detail,
            errors: Vec::new(),
            reason: None,
            challenge: false,
        }
    }

    pub fn invalid_body(locale: Locale, reason: &str) -> Self {
        let mut problem = Self::new(
            "urn:hearth:problem:malformed-body",
            "Malformed request body",
            StatusCode::BAD_REQUEST,
            Notice::MalformedBody.message(locale),
        );
        problem.reason = Some(reason.to_owned());
        problem
    }

    pub fn invalid_fields(locale: Locale, errors: &[FieldError]) -> Self {
        let mut problem = Self::new(
            "urn:hearth:problem:validation",
            "Invalid fields",
            StatusCode::UNPROCESSABLE_ENTITY,
            Notice::InvalidFields.message(locale),
        );
        problem.errors = errors
            .iter()
            .map(|error| FieldMessage {
                field: error.field.as_str(),
                message: error.problem.message(locale),
            })
            .collect();
        problem
    }

    /// A body that is JSON but not the expected shape (a number where a string belongs).
    pub fn unexpected_shape(locale: Locale, reason: &str) -> Self {
        let mut problem = Self::new(
            "urn:hearth:problem:validation",
            "Invalid fields",
            StatusCode::UNPROCESSABLE_ENTITY,
            Notice::InvalidFields.message(locale),
        );
        problem.reason = Some(reason.to_owned());
        problem
    }

    pub fn unauthenticated(locale: Locale) -> Self {
        let mut problem = Self::new(
            "urn:hearth:problem:unauthenticated",
            "Authentication required",
            StatusCode::UNAUTHORIZED,
            Notice::Unauthenticated.message(locale),
        );
        problem.challenge = true;
        problem
    }

    /// Maps a service error; anything unexpected is logged here and shown only as a 500.
    pub fn from_account_error(locale: Locale, error: AccountError) -> Self {
        match error {
            AccountError::Invalid(errors) => Self::invalid_fields(locale, &errors),
            AccountError::EmailTaken => {
                let mut problem = Self::new(
                    "urn:hearth:problem:email-taken",
                    "E-mail address already registered",
                    StatusCode::CONFLICT,
                    FieldProblem::EmailTaken.message(locale),
                );
                problem.errors = vec![FieldMessage {
                    field: "email",
                    message: FieldProblem::EmailTaken.message(locale),
                }];
                problem
            }
            AccountError::BadCredentials => Self::new(
                "urn:hearth:problem:bad-credentials",
                "Wrong e-mail address or password",
                StatusCode::UNAUTHORIZED,
                Notice::BadCredentials.message(locale),
            ),
            AccountError::InvalidRefreshToken | AccountError::RecentlyRotated { .. } => Self::new(
                "urn:hearth:problem:invalid-refresh-token",
                "Refresh token not valid",
                StatusCode::UNAUTHORIZED,
                Notice::SessionEnded.message(locale),
            ),
            AccountError::Unauthenticated => Self::unauthenticated(locale),
            error
            @ (AccountError::Database(_) | AccountError::Hash(_) | AccountError::Token(_)) => {
                tracing::error!(%error, "an account request failed");
                Self::status(locale, StatusCode::INTERNAL_SERVER_ERROR)
            }
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let challenge = self.challenge;
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        if challenge {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
