//! The REST API for other programs, under `/api`: `/api/v1` (one file per feature, each route
//! declared once with utoipa-axum, so the OpenAPI document at `/api/v1/openapi.json` lists every
//! route because that is how it is routed), and `/api/docs`, Swagger UI served from this site's
//! own files. Errors are RFC 9457 problem documents (`http::problem`), rendered by this router's
//! own outermost layer; it has its own body limit and timeout beneath that layer, so their 413
//! and 408 become problems too.

mod accounts;
mod users;

use app::services::Services;
use axum::{
    Router,
    extract::FromRef,
    http::{HeaderValue, StatusCode, header},
    response::Html,
    routing::get,
};
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};
use utoipa_axum::router::OpenApiRouter;

use crate::http::{
    layers::Limits,
    problem::{ApiError, FieldMessage, Problem, problem_documents},
};

/// The content type of every error response.
const PROBLEM: &str = "application/problem+json";

/// What the document says besides its operations (which come from the routes).
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Hearth API",
        version = "1",
        description = "Accounts and sessions for programs. Authenticate with `Authorization: Bearer <access_token>` from `/auth/login`; errors are RFC 9457 `application/problem+json`, with messages in the language of `Accept-Language`."
    ),
    servers((url = "/api/v1")),
    components(schemas(Problem, FieldMessage)),
    modifiers(&BearerScheme),
    tags(
        (name = "auth", description = "Registration and sessions"),
        (name = "users", description = "People with accounts"),
    )
)]
struct ApiDoc;

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

/// The answers any operation that reads a JSON body may give besides its own.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Only read by the OpenAPI description.
enum BodyProblems {
    #[response(
        status = 400,
        description = "The body is not JSON",
        content_type = "application/problem+json"
    )]
    Malformed(Problem),
    #[response(
        status = 413,
        description = "The body is too large",
        content_type = "application/problem+json"
    )]
    TooLarge(Problem),
    #[response(
        status = 415,
        description = "The body is not sent as JSON",
        content_type = "application/problem+json"
    )]
    NotJson(Problem),
    #[response(
        status = 503,
        description = "The database is not answering; try again after `Retry-After` seconds",
        content_type = "application/problem+json"
    )]
    Unavailable(Problem),
}

/// The v1 routes and their OpenAPI description, from the same declarations.
fn v1<S>() -> (Router<S>, utoipa::openapi::OpenApi)
where
    S: Clone + Send + Sync + 'static,
    Services: FromRef<S>,
{
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(accounts::routes())
        .merge(users::routes())
        .split_for_parts()
}

/// The OpenAPI document of `/api/v1`, as routed.
pub fn openapi() -> utoipa::openapi::OpenApi {
    v1::<Services>().1
}

/// `/api`: the v1 operations, their description, the docs page, and a problem for anything else.
pub fn router<S>(limits: Limits) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Services: FromRef<S>,
{
    let (v1, openapi) = v1::<S>();
    // Written once; every request gets the same bytes.
    let document = axum::body::Bytes::from(serde_json::to_vec(&openapi).unwrap_or_default());
    let v1 = v1.route(
        "/openapi.json",
        get(move || {
            let document = document.clone();
            async move {
                (
                    [(
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("application/json"),
                    )],
                    document,
                )
            }
        }),
    );
    let router = Router::new()
        .nest("/v1", v1)
        .route("/docs", get(|| async { Html(include_str!("docs.html")) }))
        .fallback(|| async { ApiError::Status(StatusCode::NOT_FOUND) });
    limits
        .apply(router)
        .layer(axum::middleware::from_fn(problem_documents))
}
