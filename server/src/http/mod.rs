//! Plain axum handlers outside Leptos.

pub mod auth;
pub mod conversation;
pub mod csrf;
pub mod dev_idp;
pub mod document;
pub mod health;
pub mod language;

/// `path` when it is a path on this site; `None` for anything that could
/// lead elsewhere (`//host`, `https://...`, backslashes, control characters).
pub fn local_path(path: &str) -> Option<&str> {
    let local = path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.chars().any(char::is_control);
    local.then_some(path)
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed_back() {
        assert_eq!(local_path("/contact"), Some("/contact"));
        assert_eq!(local_path("//evil.example/x"), None);
        assert_eq!(local_path("https://evil.example"), None);
        assert_eq!(local_path("/\\evil.example"), None);
        assert_eq!(local_path("/a\r\nSet-Cookie: x=y"), None);
    }
}
