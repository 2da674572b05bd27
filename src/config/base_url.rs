//! The URL a site is published at, from `--base-url` or `base_url` in roadmap.toml →
//! checked, and normalised the same way from either.

/// A base URL always ends in `/`, so page paths can be appended; spaces around it
/// are dropped.
pub(super) fn normalize(url: &str) -> String {
    format!("{}/", url.trim().trim_end_matches('/'))
}

/// A URL the site can be published at, or why not and the URL it probably means
/// (`me.github.io/rust` → `https://me.github.io/rust/`).
pub fn check_base_url(url: &str) -> std::result::Result<(), (String, String)> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let (scheme, rest) = match lower.split_once("://") {
        Some((scheme, _)) => (Some(scheme.to_string()), &url[scheme.len() + 3..]),
        None => match url.strip_prefix("//") {
            Some(rest) => (Some(String::new()), rest),
            None => (None, url),
        },
    };
    let host = rest.split('/').next().unwrap_or("");
    let fixed = format!("https://{}/", rest.trim_end_matches('/'));
    let why = match scheme.as_deref() {
        _ if url.is_empty() => "it is empty".to_string(),
        _ if url.contains(char::is_whitespace) => "it contains a space".to_string(),
        None => format!("`{url}` has no scheme"),
        Some("") => {
            format!("`{url}` has no scheme (a link starting with // is relative to the page's own)")
        }
        Some("http" | "https") if host.is_empty() => format!("`{url}` has no host name"),
        Some("http" | "https") => return Ok(()),
        Some(other) => format!("`{other}://` is not a web address (http or https)"),
    };
    let fixed = if url.is_empty() || url.contains(char::is_whitespace) || host.is_empty() {
        "https://USER.github.io/REPO/".to_string()
    } else {
        fixed
    };
    Err((why, fixed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_web_addresses_pass_and_others_get_the_address_they_probably_mean() {
        for good in ["https://me.github.io/rust", "http://localhost:8000/"] {
            assert_eq!(check_base_url(good), Ok(()), "{good}");
        }
        for (bad, fixed) in [
            ("//me.github.io/r/", "https://me.github.io/r/"),
            ("ftp://me.example/r", "https://me.example/r/"),
            ("https:///r", "https://USER.github.io/REPO/"),
            ("", "https://USER.github.io/REPO/"),
        ] {
            assert_eq!(check_base_url(bad).unwrap_err().1, fixed, "{bad}");
        }
    }

    #[test]
    fn spaces_and_trailing_slashes_are_dropped_and_one_slash_ends_it() {
        for written in ["https://x.io/r", "https://x.io/r/", " https://x.io/r// "] {
            assert_eq!(normalize(written), "https://x.io/r/", "{written:?}");
        }
    }
}
