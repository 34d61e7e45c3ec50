//! Who the client is, as far as throttles are concerned: the peer's address — or, when the
//! peer is a reverse proxy we trust, the address the proxy says it forwarded for. Anyone can
//! write `X-Forwarded-For`, so the header counts only from a trusted proxy, and only the
//! addresses that trusted proxies appended: read from the right, the first one that is not a
//! trusted proxy is the client.

use std::net::IpAddr;

use actix_web::{HttpRequest, http::header::HeaderMap};
use ipnet::IpNet;

/// The client's address, as text (empty when unknown).
pub fn address(request: &HttpRequest, trusted: &[IpNet]) -> String {
    let Some(peer) = request.peer_addr().map(|peer| peer.ip()) else {
        return String::new();
    };
    client(peer, request.headers(), trusted).to_string()
}

fn client(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |address: &IpAddr| trusted.iter().any(|net| net.contains(address));
    if !is_trusted(&peer) {
        return peer;
    }
    let forwarded = forwarded_for(headers);
    forwarded
        .iter()
        .rev()
        .find(|address| !is_trusted(address))
        .or(forwarded.first())
        .copied()
        .unwrap_or(peer)
}

/// The addresses of `Forwarded: for=...` (RFC 7239) or else `X-Forwarded-For`, in order.
fn forwarded_for(headers: &HeaderMap) -> Vec<IpAddr> {
    let standard: Vec<IpAddr> = headers
        .get_all("forwarded")
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .flat_map(|element| element.split(';'))
        .filter_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            name.eq_ignore_ascii_case("for").then(|| parse(value))?
        })
        .collect();
    if !standard.is_empty() {
        return standard;
    }
    headers
        .get_all("x-forwarded-for")
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(parse)
        .collect()
}

/// `1.2.3.4`, `1.2.3.4:80`, `"[2001:db8::1]:4711"` or `2001:db8::1`.
fn parse(value: &str) -> Option<IpAddr> {
    let value = value.trim().trim_matches('"');
    if let Ok(address) = value.parse() {
        return Some(address);
    }
    let host = match value.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next()?,
        None => value.rsplit_once(':')?.0,
    };
    host.parse().ok()
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{HeaderName, HeaderValue};

    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy() {
        let trusted: Vec<IpNet> = vec!["172.28.0.0/16".parse().unwrap()];
        let forged = headers(&[("x-forwarded-for", "9.9.9.9")]);
        assert_eq!(
            client(ip("203.0.113.7"), &forged, &trusted),
            ip("203.0.113.7")
        );
        assert_eq!(client(ip("172.28.0.5"), &forged, &trusted), ip("9.9.9.9"));
        assert_eq!(client(ip("172.28.0.5"), &forged, &[]), ip("172.28.0.5"));
    }

    #[test]
    fn the_client_is_the_last_address_before_the_trusted_proxies() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        // The client wrote its own header; the proxies appended what they saw.
        let chain = headers(&[("x-forwarded-for", "1.1.1.1, 198.51.100.4, 10.0.0.2")]);
        assert_eq!(client(ip("10.0.0.3"), &chain, &trusted), ip("198.51.100.4"));
        let standard = headers(&[(
            "forwarded",
            r#"for=198.51.100.4;proto=https, for="[2001:db8::1]:4711""#,
        )]);
        assert_eq!(
            client(ip("10.0.0.3"), &standard, &trusted),
            ip("2001:db8::1")
        );
        assert_eq!(
            client(ip("10.0.0.3"), &headers(&[]), &trusted),
            ip("10.0.0.3")
        );
        let garbage = headers(&[("x-forwarded-for", "not an address")]);
        assert_eq!(client(ip("10.0.0.3"), &garbage, &trusted), ip("10.0.0.3"));
    }
}
