//! An axum server that answers `GET /` with "Hello, World!" and does nothing else: what the
//! machine and the HTTP stack can do at most, for bench/ssr.sh to set Hearth's figures against.
//!
//!     bare-hello 127.0.0.1:3301

use axum::{Router, routing::get};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:3301".to_owned());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    let app = Router::new().route("/", get(|| async { "Hello, World!" }));
    axum::serve(listener, app).await
}
