//! The REST API for other programs, under `/api/v1`. Authentication is by bearer token only:
//! the API never reads cookies, so a browser session cannot be used against it cross-site.

mod auth;
mod json;
mod problem;

pub use problem::Problem;

use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

use axum::{
    Router,
    body::Body,
    extract::Request,
    http::{StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::{get, post},
};

use crate::state::AppState;

/// The OpenAPI 3.1 description of everything under `/api/v1`.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Hearth API",
        version = "1",
        description = "Accounts and sessions for programs. Authenticate with `Authorization: Bearer <access_token>` from `/auth/login`; errors are RFC 9457 `application/problem+json`, with messages in the language of `Accept-Language`."
    ),
    servers((url = "/api/v1")),
    paths(auth::register, auth::login, auth::refresh, auth::logout, auth::me),
    components(schemas(Problem, problem::FieldMessage)),
    modifiers(&BearerScheme),
    tags(
        (name = "auth", description = "Registration and sessions"),
        (name = "users", description = "People with accounts"),
    )
)]
pub struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

async fn openapi_json() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(ApiDoc::openapi())
}

/// `/api/docs`: Swagger UI, served from this site's own files (no CDN).
pub async fn docs_page() -> axum::response::Html<&'static str> {
    axum::response::Html(include_str!("docs.html"))
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi_json))
        .route("/auth/register", post(auth::register))
        .route("/auth/login", post(auth::login))
        .route("/auth/refresh", post(auth::refresh))
        .route("/auth/logout", post(auth::logout))
        .route("/users/me", get(auth::me))
        .fallback(not_found)
}

async fn not_found(headers: axum::http::HeaderMap) -> Problem {
    Problem::status(json::locale_of(&headers), StatusCode::NOT_FOUND)
}

/// Outermost on `/api/`: an error response made by a layer rather than a handler (a body over
/// the size limit, a timeout, a method the route does not have) becomes a problem document too.
pub async fn problems_everywhere(request: Request<Body>, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let locale = json::locale_of(request.headers());
    let response = next.run(request).await;
    let status = response.status();
    let already_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| {
            value
                .as_bytes()
                .starts_with(problem::CONTENT_TYPE.as_bytes())
        });
    if !is_api || already_problem || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let mut problem = Problem::status(locale, status).into_response();
    // Keep what the layer said about the response, such as `Allow` on a 405.
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = response.headers().get(&name) {
            problem.headers_mut().insert(name, value.clone());
        }
    }
    problem
}
