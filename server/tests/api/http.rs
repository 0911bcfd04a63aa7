//! The HTTP/1.1 client the integration tests talk to the server with: one request per
//! connection, no redirects followed, no cookies kept, bodies read as sent (not decompressed),
//! so each test sees exactly what was answered.
//!
//! Why not reqwest: as a dev-dependency it switches on hyper's client and tower's retry features
//! for the whole test build, and with them hyper, axum, leptos, `app` and `server` compile a
//! second time just for the tests (about six minutes of every cold CI run on two cores). This
//! client uses only what the server's own dependency graph already has (tokio, httparse).

use std::{fmt::Display, time::Duration};

use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use serde::{Serialize, de::DeserializeOwned};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

/// How long a request may take unless it says otherwise.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy, Default)]
pub struct Client;

impl Client {
    pub fn get(&self, url: impl Into<String>) -> RequestBuilder {
        self.request(Method::GET, url)
    }

    pub fn post(&self, url: impl Into<String>) -> RequestBuilder {
        self.request(Method::POST, url)
    }

    pub fn request(&self, method: Method, url: impl Into<String>) -> RequestBuilder {
        RequestBuilder {
            method,
            url: url.into(),
            headers: HeaderMap::new(),
            body: Vec::new(),
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

#[derive(Debug)]
pub struct RequestBuilder {
    method: Method,
    url: String,
    headers: HeaderMap,
    body: Vec<u8>,
    timeout: Duration,
}

impl RequestBuilder {
    pub fn header(mut self, name: &str, value: impl AsRef<str>) -> Self {
        self.headers.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value.as_ref()).unwrap(),
        );
        self
    }

    pub fn bearer_auth(self, token: impl Display) -> Self {
        self.header("authorization", format!("Bearer {token}"))
    }

    pub fn json(mut self, value: &impl Serialize) -> Self {
        self.body = serde_json::to_vec(value).unwrap();
        if !self.headers.contains_key(header::CONTENT_TYPE) {
            self = self.header("content-type", "application/json");
        }
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub async fn send(self) -> Result<Response, String> {
        let limit = self.timeout;
        tokio::time::timeout(limit, self.exchange())
            .await
            .map_err(|_| format!("no answer within {limit:?}"))?
    }

    async fn exchange(self) -> Result<Response, String> {
        let rest = self
            .url
            .strip_prefix("http://")
            .ok_or_else(|| format!("not an http:// URL: {}", self.url))?;
        let (authority, target) = match rest.find('/') {
            Some(slash) => rest.split_at(slash),
            None => (rest, "/"),
        };
        let mut head = format!(
            "{} {target} HTTP/1.1\r\nhost: {authority}\r\nconnection: close\r\ncontent-length: {}\r\n",
            self.method,
            self.body.len()
        )
        .into_bytes();
        for (name, value) in &self.headers {
            head.extend_from_slice(name.as_str().as_bytes());
            head.extend_from_slice(b": ");
            head.extend_from_slice(value.as_bytes());
            head.extend_from_slice(b"\r\n");
        }
        head.extend_from_slice(b"\r\n");

        let stream = TcpStream::connect(authority)
            .await
            .map_err(|error| format!("connecting to {authority}: {error}"))?;
        let (mut reader, mut writer) = stream.into_split();
        // The server may answer (413, say) before reading the whole body, so send while reading.
        let body = self.body;
        let sending = tokio::spawn(async move {
            let _ = writer.write_all(&head).await;
            let _ = writer.write_all(&body).await;
            writer
        });
        let mut received = Vec::new();
        let mut chunk = [0u8; 16 * 1024];
        let response = loop {
            if let Some(response) = Response::parse(&received)? {
                break response;
            }
            match reader.read(&mut chunk).await {
                Ok(0) => {
                    break Response::parse_at_end(&received)?;
                }
                Ok(read) => received.extend_from_slice(&chunk[..read]),
                Err(error) => {
                    return Err(format!("reading the answer: {error}"));
                }
            }
        };
        sending.abort();
        Ok(response)
    }
}

#[derive(Debug)]
pub struct Response {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Response {
    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    pub async fn text(self) -> Result<String, String> {
        String::from_utf8(self.body).map_err(|error| error.to_string())
    }

    pub async fn json<T: DeserializeOwned>(self) -> Result<T, String> {
        serde_json::from_slice(&self.body).map_err(|error| error.to_string())
    }

    pub async fn bytes(self) -> Result<Vec<u8>, String> {
        Ok(self.body)
    }

    /// The whole response, if `received` holds it all (by its length or its last chunk).
    fn parse(received: &[u8]) -> Result<Option<Self>, String> {
        let Some((mut response, body)) = Self::head(received)? else {
            return Ok(None);
        };
        if is_chunked(&response.headers) {
            return Ok(dechunk(body).map(|body| {
                response.body = body;
                response
            }));
        }
        let length = response
            .headers
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok()?.parse::<usize>().ok());
        Ok(match length {
            Some(length) if body.len() >= length => {
                response.body = body[..length].to_vec();
                Some(response)
            }
            _ => None,
        })
    }

    /// The response of a connection the server has closed: its body runs to the end.
    fn parse_at_end(received: &[u8]) -> Result<Self, String> {
        if let Some(response) = Self::parse(received)? {
            return Ok(response);
        }
        let (mut response, body) =
            Self::head(received)?.ok_or("the connection closed before a full answer")?;
        if is_chunked(&response.headers) {
            return Err("the connection closed inside a chunked body".to_owned());
        }
        response.body = body.to_vec();
        Ok(response)
    }

    fn head(received: &[u8]) -> Result<Option<(Self, &[u8])>, String> {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut parsed = httparse::Response::new(&mut headers);
        let length = match parsed.parse(received).map_err(|error| error.to_string())? {
            httparse::Status::Complete(length) => length,
            httparse::Status::Partial => return Ok(None),
        };
        let status = StatusCode::from_u16(parsed.code.unwrap_or_default())
            .map_err(|error| error.to_string())?;
        let mut map = HeaderMap::new();
        for header in parsed.headers.iter() {
            map.append(
                HeaderName::from_bytes(header.name.as_bytes()).map_err(|e| e.to_string())?,
                HeaderValue::from_bytes(header.value).map_err(|e| e.to_string())?,
            );
        }
        Ok(Some((
            Self {
                status,
                headers: map,
                body: Vec::new(),
            },
            &received[length..],
        )))
    }
}

fn is_chunked(headers: &HeaderMap) -> bool {
    headers
        .get(header::TRANSFER_ENCODING)
        .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"chunked"))
}

/// A chunked body's data, once its last chunk has arrived.
fn dechunk(mut encoded: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = encoded.windows(2).position(|pair| pair == b"\r\n")?;
        let size_text = std::str::from_utf8(&encoded[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        encoded = &encoded[line_end + 2..];
        if size == 0 {
            return Some(body);
        }
        if encoded.len() < size + 2 {
            return None;
        }
        body.extend_from_slice(&encoded[..size]);
        encoded = &encoded[size + 2..];
    }
}

/// The path and query of a `Location`, whether absolute (`http://host/path?q`) or not.
pub fn path_and_query(location: &str) -> (String, String) {
    let relative = location
        .strip_prefix("http://")
        .map(|rest| rest.find('/').map_or("/", |slash| &rest[slash..]))
        .unwrap_or(location);
    let (path, query) = relative.split_once('?').unwrap_or((relative, ""));
    (path.to_owned(), query.to_owned())
}

#[test]
fn chunked_bodies_are_reassembled_once_complete() {
    assert_eq!(
        dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
        Some(b"hello world".to_vec())
    );
    assert_eq!(dechunk(b"5\r\nhello\r\n6\r\n wor"), None);
    assert_eq!(
        path_and_query("http://127.0.0.1:3000/somewhere?x=1"),
        ("/somewhere".to_owned(), "x=1".to_owned())
    );
    assert_eq!(
        path_and_query("/login"),
        ("/login".to_owned(), String::new())
    );
}
