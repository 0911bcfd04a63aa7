//! Static files from the site root that cargo-leptos fills: the WASM, JS and CSS bundle under
//! `/pkg` and the copied `public/` assets. Pre-compressed `.br` and `.gz` siblings (written by
//! `cargo leptos build --precompress`) are served when the browser accepts them.
//!
//! With hashed file names a file's URL changes whenever its content does, so the bundle may be
//! cached for a year; without hashing (development) browsers must revalidate every time.
//!
//! A path that is no file goes to `not_found`, which renders the app's 404 page.

use axum::{
    Router,
    extract::Request,
    http::{HeaderValue, Response, header},
};
use leptos::config::LeptosOptions;
use tower::{Service, ServiceExt, util::MapResponse};
use tower_http::services::ServeDir;

const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
const REVALIDATE: HeaderValue = HeaderValue::from_static("no-cache");
const SHORT: HeaderValue = HeaderValue::from_static("public, max-age=3600");

pub fn router<S>(options: &LeptosOptions, not_found: Router) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let site_root = std::path::Path::new(&*options.site_root);
    let bundle_cache = if options.hash_files {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    let bundle = ServeDir::new(site_root.join(&*options.site_pkg_dir))
        .precompressed_br()
        .precompressed_gzip()
        .fallback(not_found.clone());
    let public = ServeDir::new(site_root)
        .precompressed_br()
        .precompressed_gzip()
        .call_fallback_on_method_not_allowed(true)
        .fallback(not_found);

    Router::new()
        .nest_service(
            &format!("/{}", options.site_pkg_dir),
            cache_on_success(bundle, bundle_cache),
        )
        .fallback_service(cache_on_success(public, SHORT))
}

/// Sets `Cache-Control` on successful responses only: a 404 must not be cached for a year.
fn cache_on_success<S, B>(
    service: S,
    value: HeaderValue,
) -> MapResponse<S, impl FnOnce(Response<B>) -> Response<B> + Clone>
where
    S: Service<Request, Response = Response<B>>,
{
    service.map_response(move |mut response: Response<B>| {
        if response.status().is_success() {
            response.headers_mut().insert(header::CACHE_CONTROL, value);
        }
        response
    })
}
