//! Webhook targets are chosen by users, so the server must not become their way into its own
//! network (SSRF): addresses that resolve to loopback, private, link-local (cloud metadata at
//! 169.254.169.254), carrier-grade NAT, multicast or unspecified addresses are refused — when
//! the webhook is saved, when each connection is made (the resolver filters, so a name that
//! changes its answer later is caught), and on every redirect (IP literals skip the resolver,
//! so the redirect policy checks them).
//!
//! `webhook_allowed_networks` lists exceptions (tests, an intranet deployment).

use std::{
    net::{IpAddr, SocketAddr},
    sync::Arc,
    time::Duration,
};

use ipnet::IpNet;
use reqwest::{
    Url,
    dns::{Addrs, Name, Resolve, Resolving},
    redirect,
};

/// Redirects followed at most; each is checked like the first address.
const MAX_REDIRECTS: usize = 3;
/// A receiver that takes longer has failed this attempt.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Which addresses a webhook may reach.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    allowed: Arc<Vec<IpNet>>,
}

impl Guard {
    pub fn new(allowed: Vec<IpNet>) -> Self {
        Self {
            allowed: Arc::new(allowed),
        }
    }

    pub fn permits(&self, address: IpAddr) -> bool {
        self.allowed.iter().any(|net| net.contains(&address)) || is_public(address)
    }

    /// Checks the scheme and, for an IP literal, the address. A host name is checked when
    /// resolved (see [`Guard::check_resolved`] and the client's resolver).
    pub fn check_url(&self, url: &Url) -> Result<(), String> {
        if !matches!(url.scheme(), "https" | "http") {
            return Err("use an http:// or https:// address".into());
        }
        match url.host() {
            Some(url::Host::Ipv4(ip)) if !self.permits(IpAddr::V4(ip)) => {
                Err("this address is not on the public internet".into())
            }
            Some(url::Host::Ipv6(ip)) if !self.permits(IpAddr::V6(ip)) => {
                Err("this address is not on the public internet".into())
            }
            Some(_) => Ok(()),
            None => Err("the address has no host".into()),
        }
    }

    /// Checks what a host name resolves to now (when a webhook is saved). A name that does not
    /// resolve yet is accepted: each delivery checks again.
    pub async fn check_resolved(&self, url: &Url) -> Result<(), String> {
        self.check_url(url)?;
        let Some(url::Host::Domain(host)) = url.host() else {
            return Ok(());
        };
        if let Ok(addresses) = tokio::net::lookup_host((host, 0)).await {
            for address in addresses {
                if !self.permits(address.ip()) {
                    return Err("this address is not on the public internet".into());
                }
            }
        }
        Ok(())
    }

    /// An HTTP client that can only reach what this guard permits.
    pub fn client(&self) -> reqwest::Result<reqwest::Client> {
        let guard = self.clone();
        let policy = redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= MAX_REDIRECTS {
                attempt.error("too many redirects")
            } else if let Err(reason) = guard.check_url(attempt.url()) {
                attempt.error(format!("redirect refused: {reason}"))
            } else {
                attempt.follow()
            }
        });
        reqwest::Client::builder()
            .dns_resolver(Arc::new(GuardedResolver(self.clone())))
            .redirect(policy)
            .timeout(TIMEOUT)
            .user_agent("Marcottage-Webhooks/1")
            .build()
    }
}

/// Resolves names and keeps only the addresses the guard permits.
struct GuardedResolver(Guard);

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let guard = self.0.clone();
        Box::pin(async move {
            let resolved = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let permitted: Vec<SocketAddr> = resolved
                .filter(|address| guard.permits(address.ip()))
                .collect();
            if permitted.is_empty() {
                return Err("the address is not on the public internet".into());
            }
            Ok(Box::new(permitted.into_iter()) as Addrs)
        })
    }
}

/// Whether an address is on the public internet.
pub fn is_public(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(ip) => {
            let [a, b, ..] = ip.octets();
            !(ip.is_loopback()
                || ip.is_private()
                || ip.is_link_local()
                || ip.is_unspecified()
                || ip.is_broadcast()
                || ip.is_multicast()
                || ip.is_documentation()
                || a == 0
                // Carrier-grade NAT (100.64.0.0/10) and benchmarking (198.18.0.0/15).
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (18..20).contains(&b))
                || a >= 240)
        }
        IpAddr::V6(ip) => {
            if let Some(v4) = ip.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = ip.segments()[0];
            !(ip.is_loopback()
                || ip.is_unspecified()
                || ip.is_multicast()
                // Unique local fc00::/7 and link-local fe80::/10.
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_metadata_addresses_are_not_public() {
        for address in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            let ip: IpAddr = address.parse().unwrap();
            assert!(!is_public(ip), "{address}");
        }
        for address in ["1.1.1.1", "2a00:1450:4007::1"] {
            let ip: IpAddr = address.parse().unwrap();
            assert!(is_public(ip), "{address}");
        }
    }

    #[test]
    fn urls_with_private_literals_are_refused() {
        let guard = Guard::default();
        for url in [
            "http://127.0.0.1/hook",
            "http://10.0.0.5/hook",
            "http://169.254.169.254/latest/meta-data",
            "http://[::1]:8080/",
            "ftp://example.org/",
        ] {
            let url = Url::parse(url).unwrap();
            assert!(guard.check_url(&url).is_err(), "{url}");
        }
    }
}
