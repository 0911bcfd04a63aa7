//! Who the client is: the address rate limits count, sessions record and the audit log keeps.
//!
//! The connection's peer is the client, unless it is one of `TRUSTED_PROXIES` (addresses or
//! networks, such as `10.0.0.0/8` or `127.0.0.1`). Only then are the forwarding headers believed:
//! `Forwarded` (RFC 7239) if present, else `X-Forwarded-For`. Their list is read from the right,
//! the hop nearest to us, skipping trusted proxies; the first address that is not one is the
//! client. Anything left of it was written by the client and proves nothing, so it is never
//! used. A header that cannot be read leaves the nearest proxy as the client: wrong, but never
//! the attacker's choice.
//!
//! The outcome goes into every request's extensions as `app::accounts::session::ClientAddress`.

use std::net::{IpAddr, SocketAddr};

use app::accounts::session::ClientAddress;
use axum::{
    extract::{ConnectInfo, Request, State},
    http::{HeaderMap, HeaderName},
    middleware::Next,
    response::Response,
};
use ipnet::IpNet;

const FORWARDED: HeaderName = HeaderName::from_static("forwarded");
const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

/// The proxies whose forwarding headers are believed; none by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Reads a comma-separated list of addresses and networks.
    pub fn parse(text: &str) -> Result<Self, String> {
        text.split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("'{item}' is not an IP address or network (10.0.0.0/8)"))
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|network| network.contains(&address))
    }

    /// The client of a request that came from `peer` with `headers`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let hops = if headers.contains_key(&FORWARDED) {
            forwarded_for(headers)
        } else {
            x_forwarded_for(headers)
        };
        let Some(hops) = hops else {
            return peer;
        };
        let mut client = peer;
        for hop in hops.into_iter().rev() {
            client = hop.to_canonical();
            if !self.trusts(client) {
                break;
            }
        }
        client
    }
}

/// The addresses of every `X-Forwarded-For` header, left to right; `None` if any is unreadable.
fn x_forwarded_for(headers: &HeaderMap) -> Option<Vec<IpAddr>> {
    let mut hops = Vec::new();
    for value in headers.get_all(&X_FORWARDED_FOR) {
        for item in value.to_str().ok()?.split(',') {
            hops.push(parse_address(item.trim())?);
        }
    }
    Some(hops)
}

/// The `for=` addresses of every `Forwarded` header, left to right; `None` if any element has
/// none that can be read (`for=unknown` and obfuscated names included: they cannot be counted).
fn forwarded_for(headers: &HeaderMap) -> Option<Vec<IpAddr>> {
    let mut hops = Vec::new();
    for value in headers.get_all(&FORWARDED) {
        for element in value.to_str().ok()?.split(',') {
            let node = element.split(';').find_map(|pair| {
                let (name, value) = pair.trim().split_once('=')?;
                name.trim()
                    .eq_ignore_ascii_case("for")
                    .then(|| value.trim().trim_matches('"'))
            })?;
            hops.push(parse_address(node)?);
        }
    }
    Some(hops)
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`,
/// `[2001:db8::1]` or `[2001:db8::1]:4711`.
fn parse_address(text: &str) -> Option<IpAddr> {
    if let Ok(address) = text.parse::<IpAddr>() {
        return Some(address);
    }
    if let Ok(address) = text.parse::<SocketAddr>() {
        return Some(address.ip());
    }
    text.strip_prefix('[')?
        .split(']')
        .next()?
        .parse::<IpAddr>()
        .ok()
}

/// The middleware: puts the client's address into the request.
pub async fn resolve(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| address.ip());
    if let Some(peer) = peer {
        let client = proxies.client(peer, request.headers());
        request.extensions_mut().insert(ClientAddress(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_headers_are_ignored() {
        let proxies = TrustedProxies::default();
        let forged = headers(&[
            ("x-forwarded-for", "203.0.113.9"),
            ("forwarded", "for=1.2.3.4"),
        ]);
        assert_eq!(
            proxies.client(ip("198.51.100.7"), &forged),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_nearest_untrusted_hop_is_the_client() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, 127.0.0.1").unwrap();
        // The client put a forged address first; the proxies appended the real one after it.
        let forwarded = headers(&[("x-forwarded-for", "6.6.6.6, 203.0.113.9, 10.1.2.3")]);
        assert_eq!(
            proxies.client(ip("127.0.0.1"), &forwarded),
            ip("203.0.113.9")
        );
        // Two headers count as one list.
        let split = headers(&[
            ("x-forwarded-for", "6.6.6.6"),
            ("x-forwarded-for", "203.0.113.9"),
        ]);
        assert_eq!(proxies.client(ip("10.9.9.9"), &split), ip("203.0.113.9"));
        // A request from outside the proxies keeps its own address whatever it says.
        assert_eq!(
            proxies.client(ip("198.51.100.7"), &forwarded),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn forwarded_is_read_in_all_its_forms_and_preferred() {
        let proxies = TrustedProxies::parse("::1").unwrap();
        for (value, client) in [
            ("for=192.0.2.60;proto=http;by=203.0.113.43", "192.0.2.60"),
            (r#"for="[2001:db8:cafe::17]:4711""#, "2001:db8:cafe::17"),
            ("for=6.6.6.6, For=\"192.0.2.61:8080\"", "192.0.2.61"),
        ] {
            let forwarded = headers(&[("forwarded", value), ("x-forwarded-for", "6.6.6.6")]);
            assert_eq!(proxies.client(ip("::1"), &forwarded), ip(client), "{value}");
        }
    }

    #[test]
    fn an_unreadable_header_leaves_the_proxy_as_the_client() {
        let proxies = TrustedProxies::parse("127.0.0.1").unwrap();
        for bad in [
            headers(&[("x-forwarded-for", "not-an-address")]),
            headers(&[("forwarded", "for=unknown")]),
            headers(&[("forwarded", "for=_hidden")]),
            HeaderMap::new(),
        ] {
            assert_eq!(proxies.client(ip("127.0.0.1"), &bad), ip("127.0.0.1"));
        }
    }

    #[test]
    fn mapped_ipv4_addresses_count_as_ipv4() {
        let proxies = TrustedProxies::parse("127.0.0.1").unwrap();
        let forwarded = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(
            proxies.client(ip("::ffff:127.0.0.1"), &forwarded),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_wrong_entry_is_named() {
        let error = TrustedProxies::parse("10.0.0.0/8, proxy.local").unwrap_err();
        assert!(error.contains("'proxy.local'"), "{error}");
    }
}
