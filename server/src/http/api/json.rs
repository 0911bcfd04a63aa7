//! `ApiJson<T>`: axum's `Json` extractor, with every way a body can be wrong answered as a
//! problem: not JSON → 400, not the expected shape → 422, wrong content type → 415, too large
//! → 413.

use app::i18n::Locale;
use axum::{
    Json,
    extract::{FromRequest, Request, rejection::JsonRejection},
    http::{HeaderMap, StatusCode, header},
};
use serde::de::DeserializeOwned;

use super::problem::Problem;

pub struct ApiJson<T>(pub T);

/// The language of a request's messages: the best match for `Accept-Language`, else English.
pub fn locale_of(headers: &HeaderMap) -> Locale {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map(app::locale::from_accept_language)
        .unwrap_or_default()
}

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let locale = locale_of(request.headers());
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(JsonRejection::JsonSyntaxError(error)) => {
                Err(Problem::invalid_body(locale, &error.body_text()))
            }
            Err(JsonRejection::JsonDataError(error)) => {
                Err(Problem::unexpected_shape(locale, &error.body_text()))
            }
            Err(JsonRejection::MissingJsonContentType(_)) => {
                Err(Problem::status(locale, StatusCode::UNSUPPORTED_MEDIA_TYPE))
            }
            Err(other) => Err(Problem::status(locale, other.status())),
        }
    }
}
