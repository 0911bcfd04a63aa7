//! Brotli for the pages the server renders, by the reference C encoder.
//!
//! A rendered page is compressed once per response, so the encoder's speed counts more than the
//! last few percent of size. tower-http's compression layer uses the `brotli` crate, a Rust
//! port; at its fastest setting it took a sixth of a signed-in page's time. Google's C library
//! (through `brotlic`) writes the same size at the same quality in about 40% less time: a
//! signed-in page went from 3.5k to 3.9k requests/s. Only HTML takes this path; everything else
//! (the API's JSON, the service worker) keeps tower-http's layers, which leave a response
//! encoded here alone, and static files are compressed at full strength when the site is built.
//!
//! The page streams as the renderer gives it: what has arrived is compressed, and flushed to
//! the browser whenever the renderer has nothing more ready, so a streamed page's early parts
//! are not held back.

use std::{
    io::Write as _,
    pin::Pin,
    task::{Context, Poll},
};

use axum::{
    body::{Body, Bytes, HttpBody},
    extract::Request,
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::Response,
};
use brotlic::{BrotliEncoderOptions, CompressionMode, CompressorWriter, Quality};
use http_body::Frame;

/// The encoder's quality: its fastest, a one-pass encoder (quality 1 makes two passes: a third
/// slower on a signed-in page for about the same size).
const QUALITY: u8 = 0;

/// Compresses an HTML response with brotli when the browser takes it and nothing encoded it yet.
pub async fn compress(request: Request, next: Next) -> Response {
    let wants_brotli =
        request.method() != Method::HEAD && accepted_weight(request.headers(), "br") > 0.0;
    let response = next.run(request).await;
    if !wants_brotli || !is_plain_html(&response) {
        return response;
    }
    let Some(encoder) = encoder() else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ACCEPT_RANGES);
    parts
        .headers
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
    parts
        .headers
        .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    Response::from_parts(
        parts,
        Body::new(BrotliBody {
            inner: body,
            encoder: Some(encoder),
            unflushed: false,
        }),
    )
}

/// How much the request's `Accept-Encoding` wants `coding` (its `q`, 1 when none is given; the
/// last mention counts), or 0 when it is not listed or refused (`br;q=0`).
pub fn accepted_weight(headers: &HeaderMap, coding: &str) -> f32 {
    let mut weight = 0.0;
    let entries = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','));
    for entry in entries {
        let mut parts = entry.split(';').map(str::trim);
        if parts
            .next()
            .is_some_and(|name| name.eq_ignore_ascii_case(coding))
        {
            weight = parts
                .find_map(|part| part.strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .unwrap_or(0.0);
        }
    }
    weight
}

/// An HTML response with a body that nothing has encoded yet.
fn is_plain_html(response: &Response) -> bool {
    let headers = response.headers();
    let status = response.status();
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    html && !headers.contains_key(header::CONTENT_ENCODING)
        && status != StatusCode::NO_CONTENT
        && status != StatusCode::NOT_MODIFIED
        && !status.is_informational()
}

fn encoder() -> Option<CompressorWriter<Vec<u8>>> {
    let quality = Quality::new(QUALITY).ok()?;
    let encoder = BrotliEncoderOptions::new()
        .quality(quality)
        .mode(CompressionMode::Text)
        .build()
        .ok()?;
    Some(CompressorWriter::with_encoder(encoder, Vec::new()))
}

/// The page's body, compressed as it arrives.
struct BrotliBody {
    inner: Body,
    /// `None` once the stream is finished (or failed).
    encoder: Option<CompressorWriter<Vec<u8>>>,
    /// Input given to the encoder since its output was last flushed.
    unflushed: bool,
}

impl HttpBody for BrotliBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        loop {
            let Some(encoder) = this.encoder.as_mut() else {
                return Poll::Ready(None);
            };
            let frame = match Pin::new(&mut this.inner).poll_frame(cx) {
                Poll::Ready(frame) => frame,
                // Nothing more ready yet: what has arrived goes to the browser now.
                Poll::Pending if this.unflushed => {
                    this.unflushed = false;
                    if let Err(error) = encoder.flush() {
                        this.encoder = None;
                        return Poll::Ready(Some(Err(axum::Error::new(error))));
                    }
                    let output = std::mem::take(encoder.get_mut());
                    if output.is_empty() {
                        return Poll::Pending;
                    }
                    return Poll::Ready(Some(Ok(Frame::data(output.into()))));
                }
                Poll::Pending => return Poll::Pending,
            };
            match frame {
                Some(Ok(frame)) => {
                    // Pages carry no trailers; anything but data is dropped.
                    let Ok(data) = frame.into_data() else {
                        continue;
                    };
                    if let Err(error) = encoder.write_all(&data) {
                        this.encoder = None;
                        return Poll::Ready(Some(Err(axum::Error::new(error))));
                    }
                    this.unflushed = true;
                    // Output builds up only when a page is larger than the encoder's buffers.
                    if encoder.get_ref().len() >= 64 * 1024 {
                        let output = std::mem::take(encoder.get_mut());
                        return Poll::Ready(Some(Ok(Frame::data(output.into()))));
                    }
                }
                Some(Err(error)) => {
                    this.encoder = None;
                    return Poll::Ready(Some(Err(error)));
                }
                None => {
                    let finished = this.encoder.take().map(CompressorWriter::into_inner);
                    return match finished {
                        Some(Ok(output)) => Poll::Ready(Some(Ok(Frame::data(output.into())))),
                        Some(Err(error)) => Poll::Ready(Some(Err(axum::Error::new(
                            std::io::Error::other(error.to_string()),
                        )))),
                        None => Poll::Ready(None),
                    };
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.encoder.is_none()
    }
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue, header};

    use super::accepted_weight;

    fn brotli_weight(accept_encoding: &str) -> f32 {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(accept_encoding).unwrap(),
        );
        accepted_weight(&headers, "br")
    }

    #[test]
    fn brotli_is_taken_when_listed_and_not_refused() {
        assert!(brotli_weight("gzip, deflate, br, zstd") > 0.0);
        assert!(brotli_weight("BR;q=0.5") > 0.0);
        assert!(brotli_weight("gzip, deflate") <= 0.0);
        assert!(brotli_weight("br;q=0, gzip") <= 0.0);
        assert!(brotli_weight("brotli") <= 0.0);
        assert!(brotli_weight("") <= 0.0);
    }
}
