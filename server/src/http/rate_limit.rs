//! Rate limits: whether a key (a client address, a resident) may go on,
//! with limiters that forget idle keys; and which client address is
//! asking: the peer's, or behind load balancers the address the outermost
//! trusted proxy saw. Each trusted proxy appends the address it received
//! from to `X-Forwarded-For`; what the client itself put in front of those
//! is not believed.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::{extract::ConnectInfo, http::HeaderMap, Extension};
use governor::DefaultKeyedRateLimiter;

/// The client's address, given `hops` trusted proxies in front of Loket.
pub fn client_address(headers: &HeaderMap, peer: Option<&Extension<ConnectInfo<SocketAddr>>>, hops: u32) -> IpAddr {
    let peer = peer.map(|c| c.0 .0.ip()).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    if hops == 0 {
        return peer;
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    // The last `hops` entries were written by our proxies; the first of them is the client as the outermost one saw it.
    forwarded
        .len()
        .checked_sub(hops as usize)
        .and_then(|i| forwarded.get(i))
        .and_then(|a| a.parse().ok())
        .unwrap_or(peer)
}

/// A limiter of `n` per minute for each key.
pub fn per_minute<K: std::hash::Hash + Eq + Clone>(n: u32) -> DefaultKeyedRateLimiter<K> {
    governor::RateLimiter::keyed(governor::Quota::per_minute(std::num::NonZeroU32::new(n.max(1)).expect("at least 1")))
}

/// Whether `key` may go on; forgets idle keys once many are kept, so the
/// limiter's memory does not grow with every address ever seen.
pub fn allow<K: std::hash::Hash + Eq + Clone>(limiter: &DefaultKeyedRateLimiter<K>, key: &K) -> bool {
    if limiter.len() > 10_000 {
        limiter.retain_recent();
    }
    limiter.check_key(key).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", xff.parse().unwrap());
        h
    }

    #[test]
    fn a_client_cannot_choose_its_rate_limit_bucket_behind_a_proxy() {
        // The client wrote 9.9.9.9 itself; our one proxy appended what it saw.
        assert_eq!(client_address(&headers("9.9.9.9, 203.0.113.7"), None, 1), "203.0.113.7".parse::<IpAddr>().unwrap());
        assert_eq!(client_address(&headers("9.9.9.9, 203.0.113.7, 10.0.0.2"), None, 2), "203.0.113.7".parse::<IpAddr>().unwrap());
        // Without trusted proxies the header does not count at all.
        assert_eq!(client_address(&headers("203.0.113.7"), None, 0), IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        // Fewer entries than proxies: not believed.
        assert_eq!(client_address(&headers("203.0.113.7"), None, 2), IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    }
}
