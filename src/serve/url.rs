//! A request target (`/tasks/a%20b.html?x=1`) → the path of a file of the site
//! (`tasks/a b.html`), or why it was refused. Nothing here touches the disk: the site
//! is served from memory, so a path can only name a file of the site, but traversal
//! forms are refused outright so that a mistake elsewhere can never turn into a leak.

/// The longest request target accepted; site paths are far shorter.
pub const MAX_TARGET: usize = 2048;

/// Why a request target was refused (answered with 400 Bad Request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Longer than [`MAX_TARGET`].
    TooLong,
    /// Not an absolute path (`http://…`, `*`, empty).
    NotAPath,
    /// A `%` not followed by two hex digits, or bytes that are not UTF-8 once decoded.
    BadEncoding,
    /// NUL or another control character, or a backslash.
    BadCharacter,
    /// A `.` or `..` segment, or an empty one (`//`).
    BadSegment,
}

impl Refused {
    /// A one-line reason for the response body.
    pub fn reason(self) -> &'static str {
        match self {
            Refused::TooLong => "the path is too long",
            Refused::NotAPath => "not a path",
            Refused::BadEncoding => "bad percent-encoding",
            Refused::BadCharacter => "control character or backslash in the path",
            Refused::BadSegment => "`.`, `..` or empty segment in the path",
        }
    }
}

/// The target's path and query, split at the first `?` (a `#` is never sent, but is
/// cut off too).
pub fn split_query(target: &str) -> (&str, &str) {
    let target = target.split('#').next().unwrap_or_default();
    target.split_once('?').unwrap_or((target, ""))
}

/// The value of `name` in a query string (`a=1&since=3`), not decoded (callers parse
/// numbers only).
pub fn query_value<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The decoded path of a request target without its leading `/`: `""` for the root,
/// `phases/` for a folder, `tasks/a b.html` for a file.
pub fn site_path(target: &str) -> Result<String, Refused> {
    if target.len() > MAX_TARGET {
        return Err(Refused::TooLong);
    }
    let (path, _query) = split_query(target);
    let Some(path) = path.strip_prefix('/') else {
        return Err(Refused::NotAPath);
    };
    let decoded = percent_decode(path)?;
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return Err(Refused::BadCharacter);
    }
    // Every segment but the last must be a name; the last may be empty (a folder).
    let segments: Vec<&str> = decoded.split('/').collect();
    let (last, folders) = segments
        .split_last()
        .expect("split yields one item at least");
    let bad = |s: &&str| s.is_empty() || *s == "." || *s == "..";
    if folders.iter().any(bad) || *last == "." || *last == ".." {
        return Err(Refused::BadSegment);
    }
    Ok(decoded)
}

/// `%XX` → the byte; the result must be UTF-8. `+` stays a plus (it is a space only
/// in form data, not in paths).
fn percent_decode(text: &str) -> Result<String, Refused> {
    // The decoder passes a `%` without two hex digits through as it is; such a
    // target is malformed, and refused rather than guessed at.
    let bytes = text.as_bytes();
    let escape = |i: usize| bytes.get(i + 1..i + 3);
    let malformed = memchr::memchr_iter(b'%', bytes)
        .any(|i| !escape(i).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)));
    if malformed {
        return Err(Refused::BadEncoding);
    }
    let decoded = percent_encoding::percent_decode_str(text).decode_utf8();
    decoded
        .map(|text| text.into_owned())
        .map_err(|_| Refused::BadEncoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_decoded_without_the_leading_slash_or_the_query() {
        assert_eq!(site_path("/").unwrap(), "");
        assert_eq!(site_path("/index.html?x=1#top").unwrap(), "index.html");
        assert_eq!(site_path("/phases/").unwrap(), "phases/");
        assert_eq!(site_path("/notes/a%20b.png").unwrap(), "notes/a b.png");
        assert_eq!(site_path("/tags/caf%C3%A9.html").unwrap(), "tags/café.html");
        assert_eq!(site_path("/a+b.html").unwrap(), "a+b.html");
        assert_eq!(site_path("/100%25.html").unwrap(), "100%.html");
        assert_eq!(site_path("/%e2%9C%93.html").unwrap(), "✓.html");
    }

    #[test]
    fn every_traversal_form_is_refused() {
        for target in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2FCargo.toml",
            "/..%2f..%2fetc/passwd",
            "/..%5c..%5cCargo.toml",
            "/..\\..\\Cargo.toml",
            "//etc/passwd",
            "/a/./b",
            "/a/..",
            "/tasks/%2e",
        ] {
            let result = site_path(target);
            assert!(
                matches!(
                    result,
                    Err(Refused::BadSegment | Refused::BadCharacter | Refused::NotAPath)
                ),
                "{target}: {result:?}"
            );
        }
    }

    #[test]
    fn nul_control_characters_and_bad_encodings_are_refused() {
        assert_eq!(site_path("/index.html%00.css"), Err(Refused::BadCharacter));
        assert_eq!(site_path("/a%0Ab"), Err(Refused::BadCharacter));
        assert_eq!(site_path("/a%2"), Err(Refused::BadEncoding));
        assert_eq!(site_path("/a%"), Err(Refused::BadEncoding));
        assert_eq!(site_path("/a%%41"), Err(Refused::BadEncoding));
        assert_eq!(site_path("/a%4%41"), Err(Refused::BadEncoding));
        assert_eq!(site_path("/a%2541%g1"), Err(Refused::BadEncoding));
        assert_eq!(site_path("/a%zz"), Err(Refused::BadEncoding));
        assert_eq!(site_path("/a%ff"), Err(Refused::BadEncoding));
        assert_eq!(site_path("/%C3"), Err(Refused::BadEncoding));
    }

    #[test]
    fn absolute_urls_overlong_and_empty_targets_are_refused() {
        assert_eq!(site_path("http://evil/x"), Err(Refused::NotAPath));
        assert_eq!(site_path("*"), Err(Refused::NotAPath));
        assert_eq!(site_path(""), Err(Refused::NotAPath));
        let long = format!("/{}", "a".repeat(MAX_TARGET));
        assert_eq!(site_path(&long), Err(Refused::TooLong));
    }

    #[test]
    fn query_values_are_found_by_name() {
        let (path, query) = split_query("/__roadmap-site/events?x=1&since=42");
        assert_eq!(path, "/__roadmap-site/events");
        assert_eq!(query_value(query, "since"), Some("42"));
        assert_eq!(query_value(query, "other"), None);
    }
}
