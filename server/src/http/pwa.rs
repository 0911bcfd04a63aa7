//! `/sw.js`: the service worker, filled in at start-up with the names of this build's bundle
//! (hashed by cargo-leptos), so that a new deployment means a new cache version and the old
//! caches are dropped when the new worker activates.
//!
//! A split build (`cargo leptos build --split`) also has the lazy islands' chunks: the loader
//! script `__wasm_split.<hash>.js` and every chunk the manifest `__wasm_split_manifest.<hash>.json`
//! names. They are precached too, so a page whose islands were never opened online still works
//! offline.

use std::{
    collections::{BTreeSet, HashMap},
    time::{SystemTime, UNIX_EPOCH},
};

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderValue, header},
    response::IntoResponse,
};
use leptos::config::LeptosOptions;

use app::bundle::{hash_file_path, hash_of};

const TEMPLATE: &str = include_str!("service-worker.js");

/// Files every page needs, besides the bundle, kept for offline use.
const SHELL_FILES: [&str; 4] = [
    "/offline",
    "/favicon.svg",
    "/manifest.webmanifest",
    "/icons/icon-192.png",
];

/// The generated script, shared by every request.
#[derive(Clone)]
pub struct ServiceWorker(Bytes);

impl ServiceWorker {
    pub fn new(options: &LeptosOptions) -> std::io::Result<Self> {
        let pkg_dir = format!("/{}", options.site_pkg_dir);
        let pkg = format!("{pkg_dir}/{}", options.output_name);
        let (suffixes, version) = if options.hash_files {
            let hashes = std::fs::read_to_string(hash_file_path(&options.hash_file))?;
            let suffixes = ["js", "wasm", "css", "split", "manifest"].map(|kind| {
                hash_of(&hashes, kind).map_or_else(String::new, |hash| format!(".{hash}"))
            });
            let version = suffixes.concat();
            (suffixes, version)
        } else {
            // Unhashed development builds: every start is a new version.
            let started = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default();
            (Default::default(), format!(".dev{}", started.as_millis()))
        };
        let [js, wasm, css, split, manifest] = suffixes;
        let mut precache: Vec<String> = SHELL_FILES.iter().map(|file| (*file).to_owned()).collect();
        precache.extend([
            format!("{pkg}{js}.js"),
            format!("{pkg}{wasm}.wasm"),
            format!("{pkg}{css}.css"),
        ]);
        let manifest = std::path::Path::new(&*options.site_root)
            .join(&*options.site_pkg_dir)
            .join(format!("__wasm_split_manifest{manifest}.json"));
        let chunks = split_chunks(&manifest)?;
        if !chunks.is_empty() {
            precache.push(format!("{pkg_dir}/__wasm_split{split}.js"));
            precache.extend(chunks.iter().map(|chunk| format!("{pkg_dir}/{chunk}.wasm")));
        }
        let list = serde_json::to_string(&precache).map_err(std::io::Error::other)?;
        let script = TEMPLATE
            .replace("__VERSION__", &format!("hearth{version}"))
            .replace("__PRECACHE__", &list);
        Ok(Self(Bytes::from(script)))
    }
}

/// The chunk names (without `.wasm`) in a split build's manifest, which maps each lazy island's
/// loader to the chunks it needs; none when the build is not split.
fn split_chunks(manifest: &std::path::Path) -> std::io::Result<BTreeSet<String>> {
    let text = match std::fs::read_to_string(manifest) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(error) => return Err(error),
    };
    let loaders: HashMap<String, Vec<String>> =
        serde_json::from_str(&text).map_err(std::io::Error::other)?;
    Ok(loaders.into_values().flatten().collect())
}

pub async fn service_worker(State(script): State<ServiceWorker>) -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            // Browsers check for a new worker on navigation; it must never come from a cache.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            // The policy a worker's own script comes with is the worker's: it fetches and caches
            // this site's pages and bundle, and nothing from anywhere else. (The policy for what
            // is not a page, `default-src 'none'`, would stop it from fetching at all.)
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(
                    "default-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'",
                ),
            ),
        ],
        script.0,
    )
}
