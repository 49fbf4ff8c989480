//! The client's address: the peer's, or what trusted proxies say they forwarded.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::str::FromStr;

use poem::http::HeaderMap;

/// A block of addresses, `ADDRESS/PREFIX` (a bare address is a block of one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl FromStr for Cidr {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (address, prefix) = match text.trim().split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text.trim(), None),
        };
        let address: IpAddr = address
            .parse()
            .map_err(|_| format!("'{text}' is not an address or ADDRESS/PREFIX"))?;
        let widest = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => widest,
            Some(prefix) => prefix
                .parse::<u8>()
                .ok()
                .filter(|prefix| *prefix <= widest)
                .ok_or_else(|| format!("'{text}' has a prefix over {widest}"))?,
        };
        Ok(Self {
            network: masked(address, prefix),
            prefix,
        })
    }
}

impl Cidr {
    pub fn contains(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        address.is_ipv4() == self.network.is_ipv4() && masked(address, self.prefix) == self.network
    }
}

/// `address` with all but its first `prefix` bits cleared.
fn masked(address: IpAddr, prefix: u8) -> IpAddr {
    match address {
        IpAddr::V4(v4) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V4(Ipv4Addr::from(u32::from(v4) & mask))
        }
        IpAddr::V6(v6) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V6(Ipv6Addr::from(u128::from(v6) & mask))
        }
    }
}

/// What a client's requests count against in rate limits: its IPv4 address, or the /64
/// its IPv6 address is in (one subscriber's usual share).
pub fn limit_key(address: IpAddr) -> IpAddr {
    let address = address.to_canonical();
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(_) => masked(address, 64),
    }
}

/// The client's address. The peer's, unless the peer is a trusted proxy: then the
/// right-most address of `Forwarded` (or else `X-Forwarded-For`) that is not a trusted
/// proxy, since every address left of it may be the client's own invention.
pub fn client_address(
    peer: Option<IpAddr>,
    headers: &HeaderMap,
    trusted: &[Cidr],
) -> Option<IpAddr> {
    let peer = peer?.to_canonical();
    let is_trusted = |address: IpAddr| trusted.iter().any(|cidr| cidr.contains(address));
    if !is_trusted(peer) {
        return Some(peer);
    }
    let mut client = peer;
    for hop in forwarded_hops(headers).iter().rev() {
        // An address the proxies could not name ends what can be believed.
        let Some(address) = hop else {
            break;
        };
        client = address.to_canonical();
        if !is_trusted(client) {
            break;
        }
    }
    Some(client)
}

/// The addresses forwarding headers list, nearest the client first.
fn forwarded_hops(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let joined = |name: &str| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect::<Vec<_>>()
            .join(",")
    };
    let forwarded = joined("forwarded");
    if !forwarded.trim().is_empty() {
        return forwarded
            .split(',')
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.split_once('='))
                    .find(|(key, _)| key.trim().eq_ignore_ascii_case("for"))
                    .and_then(|(_, value)| node_address(value.trim().trim_matches('"')))
            })
            .collect();
    }
    joined("x-forwarded-for")
        .split(',')
        .filter(|hop| !hop.trim().is_empty())
        .map(|hop| node_address(hop.trim()))
        .collect()
}

/// The address of a node: `192.0.2.1`, `192.0.2.1:80`, `2001:db8::1` or `[2001:db8::1]:80`.
fn node_address(node: &str) -> Option<IpAddr> {
    node.parse::<IpAddr>()
        .or_else(|_| node.parse::<SocketAddr>().map(|addr| addr.ip()))
        .or_else(|_| node.trim_start_matches('[').trim_end_matches(']').parse())
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cidrs(list: &[&str]) -> Vec<Cidr> {
        list.iter().map(|cidr| cidr.parse().unwrap()).collect()
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn blocks_parse_and_contain() {
        let block: Cidr = "10.1.2.3/8".parse().unwrap();
        assert!(block.contains(ip("10.200.0.1")));
        assert!(!block.contains(ip("11.0.0.1")));
        assert!(block.contains(ip("::ffff:10.0.0.9")));
        let v6: Cidr = "fd00::/16".parse().unwrap();
        assert!(v6.contains(ip("fd00:1::1")));
        assert!(!v6.contains(ip("10.0.0.1")));
        assert!(
            "127.0.0.1"
                .parse::<Cidr>()
                .unwrap()
                .contains(ip("127.0.0.1"))
        );
        assert!("10.0.0.0/33".parse::<Cidr>().is_err());
        assert!("nope/8".parse::<Cidr>().is_err());
    }

    #[test]
    fn forwarding_headers_are_believed_from_trusted_proxies_only() {
        let trusted = cidrs(&["10.0.0.0/8"]);
        let spoofed = headers(&[("x-forwarded-for", "6.6.6.6")]);
        assert_eq!(
            client_address(Some(ip("203.0.113.9")), &spoofed, &trusted),
            Some(ip("203.0.113.9"))
        );
        assert_eq!(
            client_address(Some(ip("10.0.0.2")), &spoofed, &[]),
            Some(ip("10.0.0.2"))
        );
        // The client put 6.6.6.6 in front; the proxies appended the real address.
        let chain = headers(&[("x-forwarded-for", "6.6.6.6, 198.51.100.7, 10.0.0.5")]);
        assert_eq!(
            client_address(Some(ip("10.0.0.2")), &chain, &trusted),
            Some(ip("198.51.100.7"))
        );
        let forwarded = headers(&[(
            "forwarded",
            "for=6.6.6.6, for=\"[2001:db8::17]:4711\";proto=https, for=10.0.0.5",
        )]);
        assert_eq!(
            client_address(Some(ip("10.0.0.2")), &forwarded, &trusted),
            Some(ip("2001:db8::17"))
        );
        let unknown = headers(&[("forwarded", "for=6.6.6.6, for=unknown")]);
        assert_eq!(
            client_address(Some(ip("10.0.0.2")), &unknown, &trusted),
            Some(ip("10.0.0.2"))
        );
    }

    #[test]
    fn ipv6_clients_count_by_their_64() {
        assert_eq!(limit_key(ip("2001:db8:1:2:3:4:5:6")), ip("2001:db8:1:2::"));
        assert_eq!(limit_key(ip("::ffff:192.0.2.1")), ip("192.0.2.1"));
        assert_eq!(limit_key(ip("192.0.2.1")), ip("192.0.2.1"));
    }
}
