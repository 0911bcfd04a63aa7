//! Whole rendered pages kept in memory for visitors without a session.
//!
//! Most first visits are anonymous requests for the same few pages (`/`, `/login`, …), and
//! rendering one costs hundreds of times what sending stored bytes does. A page that is the same
//! for every visitor without a session says so (`app::shareable`); this layer then keeps it,
//! compressed once at full strength for brotli and gzip, and answers later requests for it from
//! memory.
//!
//! What keeps one person's page from reaching another:
//! - only `GET` requests whose cookies are all preferences (`locale`, `theme`) are served or
//!   stored: any other cookie (a session, a flash message, anything this layer does not know)
//!   sends the request past the cache to be rendered as usual;
//! - the key is everything such a page depends on: the path with its query, the language and the
//!   theme the page is rendered in (worked out the way the page does; a rendered page whose
//!   `Content-Language` disagrees is not stored), and, as the cache lives in the process, the
//!   build;
//! - only answers `200` that carry the page's mark and set no cookie are stored;
//! - entries expire after [`TIME_TO_LIVE`], and the cache holds at most its configured size
//!   (`HEARTH_PAGE_CACHE_BYTES`; `0` turns it off), the least used leaving first.
//!
//! Responses say `x-hearth-cache: hit`, `miss` (rendered, and kept if shareable) or `bypass`.

use std::{
    collections::HashSet,
    io::Write as _,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use app::{
    i18n::{I18nLocaleTrait as _, Locale},
    locale, shareable,
    theme::Theme,
};
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use quick_cache::{Weighter, sync::Cache};

use super::{page_compression::accepted_weight, security_headers};

/// How long a kept page is served before it is rendered again.
pub const TIME_TO_LIVE: Duration = Duration::from_secs(300);

const CACHE_STATUS: HeaderName = HeaderName::from_static("x-hearth-cache");
const MARK: HeaderName = HeaderName::from_static(shareable::HEADER);
/// Pages are a few tens of kilobytes; anything far larger is not worth keeping.
const LARGEST_PAGE: usize = 1 << 20;
/// The response headers a kept page is sent again with (the rest are per response).
const KEPT_HEADERS: [HeaderName; 3] =
    [header::CONTENT_TYPE, header::CONTENT_LANGUAGE, header::VARY];

/// The shared cache; cloning copies a handle.
#[derive(Clone)]
pub struct PageCache {
    pages: Option<Arc<Cache<Key, Arc<Page>, Size>>>,
    /// Pages being compressed for keeping: one request per key does it, and the others that
    /// missed meanwhile are answered without keeping theirs.
    storing: Arc<Mutex<HashSet<Key>>>,
}

impl PageCache {
    /// A cache holding at most `bytes` of pages (bodies in every encoding); `0` keeps none.
    pub fn new(bytes: u64) -> Self {
        // quick_cache sizes its table from an estimate of the number of entries: a page and its
        // two compressed copies come to about 40 KB.
        let estimated_pages = usize::try_from(bytes / 40_000).unwrap_or(usize::MAX).max(1);
        Self {
            pages: (bytes > 0)
                .then(|| Arc::new(Cache::with_weighter(estimated_pages, bytes, Size))),
            storing: Arc::default(),
        }
    }

    /// Claims the storing of `key`'s page, unless another request holds it already.
    fn claim(&self, key: &Key) -> Option<Claim> {
        let mut storing = self
            .storing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        storing.insert(key.clone()).then(|| Claim {
            storing: Arc::clone(&self.storing),
            key: key.clone(),
        })
    }
}

/// The right to store one key's page; given back when dropped, stored or not.
struct Claim {
    storing: Arc<Mutex<HashSet<Key>>>,
    key: Key,
}

impl Drop for Claim {
    fn drop(&mut self) {
        let mut storing = self
            .storing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        storing.remove(&self.key);
    }
}

/// What a shareable page depends on.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    path_and_query: String,
    locale: Locale,
    theme: Theme,
}

/// A kept page: its headers and its body in each encoding.
struct Page {
    stored: Instant,
    headers: HeaderMap,
    identity: Bytes,
    brotli: Bytes,
    gzip: Bytes,
}

#[derive(Clone)]
struct Size;

impl Weighter<Key, Arc<Page>> for Size {
    fn weight(&self, key: &Key, page: &Arc<Page>) -> u64 {
        let bytes =
            key.path_and_query.len() + page.identity.len() + page.brotli.len() + page.gzip.len();
        u64::try_from(bytes).unwrap_or(u64::MAX)
    }
}

#[derive(Clone, Copy)]
enum Encoding {
    Identity,
    Brotli,
    Gzip,
}

/// The middleware: answers from the cache, or renders and keeps what may be kept.
pub async fn serve(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    let Some(pages) = cache.pages.as_ref() else {
        return without_mark(next.run(request).await);
    };
    let Some(key) = key_for(&request) else {
        return labelled(next.run(request).await, "bypass");
    };
    let encoding = preferred_encoding(request.headers());

    if let Some(page) = pages.get(&key) {
        if page.stored.elapsed() < TIME_TO_LIVE {
            return page.response(encoding, "hit");
        }
        pages.remove(&key);
    }

    let response = next.run(request).await;
    let shareable = response.status() == StatusCode::OK
        && response.headers().contains_key(&MARK)
        && !response.headers().contains_key(header::SET_COOKIE);
    if !shareable {
        return labelled(response, "miss");
    }

    let (mut parts, body) = response.into_parts();
    parts.headers.remove(&MARK);
    let body = match axum::body::to_bytes(body, LARGEST_PAGE).await {
        Ok(body) => body,
        Err(error) => {
            // The page failed while streaming (or outgrew the limit): nothing is kept, and the
            // browser gets what a failed stream would have given it.
            tracing::warn!(%error, "a shareable page could not be read whole");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let rendered_in = parts
        .headers
        .get(header::CONTENT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    if rendered_in != Some(key.locale.as_str()) {
        tracing::debug!(
            ?rendered_in,
            expected = key.locale.as_str(),
            "page not kept"
        );
        return labelled(Response::from_parts(parts, Body::from(body)), "miss");
    }

    // Compressing at full strength takes milliseconds: one request per page does it, on the
    // blocking pool, so the runtime (one per CPU, see `startup`) goes on answering its other
    // connections meanwhile; requests that miss in the meantime are answered as rendered.
    let Some(claim) = cache.claim(&key) else {
        return labelled(Response::from_parts(parts, Body::from(body)), "miss");
    };
    let headers = parts.headers.clone();
    let identity = body.clone();
    let made = tokio::task::spawn_blocking(move || Page::new(&headers, identity)).await;
    let Ok(Some(page)) = made else {
        return Response::from_parts(parts, Body::from(body));
    };
    let page = Arc::new(page);
    pages.insert(key, Arc::clone(&page));
    drop(claim);
    page.response(encoding, "miss")
}

/// The cache key of a request that may be answered from the cache, or `None`.
fn key_for(request: &Request) -> Option<Key> {
    if request.method() != Method::GET {
        return None;
    }
    let cookies: Vec<&str> = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .map(|value| value.to_str().ok())
        .collect::<Option<_>>()?;
    let only_preferences = cookies
        .iter()
        .flat_map(|header| header.split(';'))
        .map(str::trim)
        .filter(|pair| !pair.is_empty())
        .all(|pair| {
            pair.split_once('=')
                .is_some_and(|(name, _)| matches!(name.trim(), locale::COOKIE | Theme::COOKIE))
        });
    if !only_preferences {
        return None;
    }

    // As the page decides them, from the first `Cookie` header (`Theme::current_page`,
    // `locale::of_request`).
    let first = cookies.first().copied().unwrap_or_default();
    let accept_language = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();

    Some(Key {
        path_and_query: request
            .uri()
            .path_and_query()
            .map_or_else(|| request.uri().path().to_owned(), ToString::to_string),
        locale: locale::of_request(
            app::cookies::value_in(first, locale::COOKIE),
            accept_language,
        ),
        theme: Theme::from_cookie_header(first),
    })
}

/// The best encoding the request accepts of those kept: brotli, then gzip, then none.
fn preferred_encoding(headers: &HeaderMap) -> Encoding {
    let brotli = accepted_weight(headers, "br");
    let gzip = accepted_weight(headers, "gzip");
    if brotli > 0.0 && brotli >= gzip {
        Encoding::Brotli
    } else if gzip > 0.0 {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

fn without_mark(mut response: Response) -> Response {
    response.headers_mut().remove(&MARK);
    response
}

/// A response that did not come from the cache, without the mark and saying why.
fn labelled(response: Response, status: &'static str) -> Response {
    let mut response = without_mark(response);
    response
        .headers_mut()
        .insert(CACHE_STATUS, HeaderValue::from_static(status));
    response
}

impl Page {
    /// `None` if compressing failed (it cannot, into memory) or the page is not UTF-8.
    fn new(headers: &HeaderMap, identity: Bytes) -> Option<Self> {
        let mut kept = HeaderMap::new();
        for name in KEPT_HEADERS {
            for value in headers.get_all(&name) {
                kept.append(name.clone(), value.clone());
            }
        }
        // Sent to everyone: the scripts are admitted by their hashes, not by the nonce of the
        // request that rendered them (`security_headers`).
        let html = std::str::from_utf8(&identity).ok()?;
        kept.insert(
            header::CONTENT_SECURITY_POLICY,
            security_headers::policy_for_kept_page(html)?,
        );
        Some(Self {
            stored: Instant::now(),
            headers: kept,
            brotli: compress_brotli(&identity).ok()?,
            gzip: compress_gzip(&identity).ok()?,
            identity,
        })
    }

    fn response(&self, encoding: Encoding, status: &'static str) -> Response {
        let body = match encoding {
            Encoding::Identity => self.identity.clone(),
            Encoding::Brotli => self.brotli.clone(),
            Encoding::Gzip => self.gzip.clone(),
        };
        let mut response = Response::new(Body::from(body));
        let headers = response.headers_mut();
        headers.clone_from(&self.headers);
        match encoding {
            // The compression layer leaves a response that is already encoded alone, and would
            // compress this one for a browser that accepts an encoding kept here: none is.
            Encoding::Identity => {}
            Encoding::Brotli => {
                headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            }
            Encoding::Gzip => {
                headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            }
        }
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        headers.insert(CACHE_STATUS, HeaderValue::from_static(status));
        response
    }
}

/// Brotli at quality 9: a kept page is compressed once and sent many times.
fn compress_brotli(input: &[u8]) -> std::io::Result<Bytes> {
    let mut writer =
        brotli::CompressorWriter::new(Vec::with_capacity(input.len() / 4), 4096, 9, 22);
    writer.write_all(input)?;
    // Finishes the stream.
    Ok(Bytes::from(writer.into_inner()))
}

fn compress_gzip(input: &[u8]) -> std::io::Result<Bytes> {
    let mut writer = flate2::write::GzEncoder::new(
        Vec::with_capacity(input.len() / 3),
        flate2::Compression::best(),
    );
    writer.write_all(input)?;
    Ok(Bytes::from(writer.finish()?))
}
