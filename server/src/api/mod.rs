//! The REST API for other programs, under `/api`: `/api/v1` (one file per feature, each route
//! declared once with utoipa-axum, so the OpenAPI document at `/api/v1/openapi.json` lists every
//! route because that is how it is routed), and `/api/docs`, Swagger UI served from this site's
//! own files. Errors are RFC 9457 problem documents (`http::problem`), rendered by this router's
//! own outermost layer; it has its own body limit and timeout beneath that layer, so their 413
//! and 408 become problems too. Every request counts against its client's address
//! (`Limit::ApiPerAddress`, 429 beyond it), and browsers may call it from the pages of the
//! origins in `HEARTH_CORS_ORIGINS` only (none by default).

mod accounts;
mod admin;
mod attachments;
mod audit;
mod tasks;
mod users;
mod workspaces;

use std::time::Duration;

use app::{
    accounts::session::ClientAddress,
    limits::{Limit, Limiter},
    services::Services,
};
use axum::{
    Router,
    extract::{FromRef, Request, State},
    http::{HeaderName, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{Html, IntoResponse, Response},
    routing::get,
};
use tower_http::cors::{AllowOrigin, CorsLayer};
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
        description = "Accounts, sessions and workspaces for programs. Lists page by cursor: pass a page's `next_cursor` as `cursor` for the next one. Authenticate with `Authorization: Bearer <access_token>` from `/auth/login`, or with a personal access token (`Bearer hearth_pat_…`, made at `/settings/tokens`; a read-only one may only `GET`, anything else is 403); errors are RFC 9457 `application/problem+json`, with messages in the language of `Accept-Language`. Every operation may answer 429 with `Retry-After` when one client sends too many requests."
    ),
    servers((url = "/api/v1")),
    components(schemas(Problem, FieldMessage)),
    modifiers(&BearerScheme),
    tags(
        (name = "auth", description = "Registration and sessions"),
        (name = "users", description = "People with accounts"),
        (name = "admin", description = "For admins: accounts and the audit log"),
        (name = "workspaces", description = "Workspaces, their members and invitations"),
        (name = "projects", description = "A workspace's projects"),
        (name = "tasks", description = "A project's tasks; each answers with its version as `ETag` and takes `If-Match`"),
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
                    .bearer_format("JWT or hearth_pat_…")
                    .build(),
            ),
        );
    }
}

/// The answer of an operation limited per client address or per account (`app::limits`),
/// besides the limit every operation has per client address.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Only read by the OpenAPI description.
enum Throttled {
    #[response(
        status = 429,
        description = "Too many attempts from this client or on this account; try again after `Retry-After` seconds",
        content_type = "application/problem+json"
    )]
    TooMany(Problem),
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

/// The v1 routes and their OpenAPI description, from the same declarations: the operations
/// whose body is a file apart (they get larger bodies and more time), and all the others.
struct V1<S> {
    routes: Router<S>,
    uploads: Router<S>,
    openapi: utoipa::openapi::OpenApi,
}

fn v1<S>() -> V1<S>
where
    S: Clone + Send + Sync + 'static,
    Services: FromRef<S>,
{
    let (routes, mut openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(accounts::routes())
        .merge(users::routes())
        .merge(admin::routes())
        .merge(workspaces::routes())
        .merge(tasks::routes())
        .merge(attachments::routes())
        .split_for_parts();
    let (uploads, upload_doc) = attachments::upload_routes().split_for_parts();
    openapi.merge(upload_doc);
    V1 {
        routes,
        uploads,
        openapi,
    }
}

/// The OpenAPI document of `/api/v1`, as routed.
pub fn openapi() -> utoipa::openapi::OpenApi {
    v1::<Services>().openapi
}

/// `/api`: the v1 operations, their description, the docs page, and a problem for anything else.
/// Uploads take bodies up to `upload_limits`, everything else up to `limits`.
pub fn router<S>(
    limits: Limits,
    upload_limits: Limits,
    limiter: Limiter,
    cors_origins: &[String],
) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Services: FromRef<S>,
{
    let V1 {
        routes: v1,
        uploads,
        openapi,
    } = v1::<S>();
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
    let uploads = Router::new().nest("/v1", uploads);
    let router = limits
        .apply(router)
        .merge(upload_limits.apply(uploads))
        .layer(axum::middleware::from_fn_with_state(
            limiter,
            limit_per_address,
        ))
        .layer(axum::middleware::from_fn(problem_documents));
    match cors(cors_origins) {
        Some(cors) => router.layer(cors),
        None => router,
    }
}

/// Counts the request against its client's address; over the limit, a 429 problem.
async fn limit_per_address(
    State(limiter): State<Limiter>,
    request: Request,
    next: Next,
) -> Response {
    let address = request
        .extensions()
        .get::<ClientAddress>()
        .map(|ClientAddress(address)| address.to_string())
        .unwrap_or_default();
    match limiter.check(Limit::ApiPerAddress, &address).await {
        Ok(()) => next.run(request).await,
        Err(error) => ApiError::from(error).into_response(),
    }
}

/// Lets the pages of `origins` call the API from a browser (with a bearer token: the API reads
/// no cookies, so no credentials are allowed); `None` without any.
fn cors(origins: &[String]) -> Option<CorsLayer> {
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|origin| HeaderValue::from_str(origin).ok())
        .collect();
    if origins.is_empty() {
        return None;
    }
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([
                Method::GET,
                Method::POST,
                Method::PUT,
                Method::PATCH,
                Method::DELETE,
            ])
            .allow_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                header::ACCEPT,
                header::ACCEPT_LANGUAGE,
                header::IF_MATCH,
                HeaderName::from_static(app::request_id::HEADER),
            ])
            .expose_headers([
                header::RETRY_AFTER,
                header::ETAG,
                header::LOCATION,
                HeaderName::from_static(app::request_id::HEADER),
            ])
            .max_age(Duration::from_secs(3600)),
    )
}
