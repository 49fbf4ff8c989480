//! Origins: what tells one server from another in the URLs it names.

/// The host (lowercased) and explicit port of a URL: what tells one server from another,
/// also on one address with several ports.
pub fn authority(url: &str) -> Option<String> {
    let url = url::Url::parse(url).ok()?;
    let host = url.host_str()?.to_lowercase();
    Some(match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    })
}

/// Whether two URLs are on the same server.
pub fn same_origin(a: &str, b: &str) -> bool {
    authority(a).is_some_and(|a| Some(a) == authority(b))
}

#[cfg(test)]
mod tests {
    use super::{authority, same_origin};

    #[test]
    fn authorities_compare_host_and_port() {
        assert_eq!(authority("https://A.example/x"), Some("a.example".into()));
        assert_eq!(
            authority("http://127.0.0.1:3000/x"),
            Some("127.0.0.1:3000".into())
        );
        assert_ne!(
            authority("http://127.0.0.1:3000/x"),
            authority("http://127.0.0.1:3001/x")
        );
        assert_eq!(authority("not a url"), None);
        assert!(same_origin("https://a.example/x", "https://A.example/y#k"));
        assert!(!same_origin("https://a.example/x", "https://b.example/x"));
        assert!(!same_origin("nonsense", "nonsense"));
    }
}
