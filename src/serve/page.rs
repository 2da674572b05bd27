//! HTML as served: a site page with the live-reload script (and, when editing is on,
//! the status controls) added at response time (built files never contain them), and
//! the page shown when no build has succeeded yet.

use super::state::Editable;

/// Where the live-reload script is served.
pub const SCRIPT_PATH: &str = "/__roadmap-site/livereload.js";

/// The live-reload client.
pub const SCRIPT: &str = include_str!("livereload.js");

/// Where the status controls' script is served.
pub const EDIT_SCRIPT_PATH: &str = "/__roadmap-site/edit.js";

/// The status controls: click or key on a task's status, written into the roadmap.
pub const EDIT_SCRIPT: &str = include_str!("edit.js");

/// The page with `<script async src=… data-generation=N>` before its last `</body>`
/// (at the end when it has none). The generation lets the script catch up on a build
/// that finished between this response and its event stream opening. `async`: the
/// page is parsed and shown without waiting for the script (nor, through it, for the
/// stylesheets a blocking script would wait for). With `editable`, the tag also
/// carries the session's token and the roadmap's fingerprint (which the live-reload
/// script refreshes when it swaps `<main>`), and the status controls follow it.
pub fn inject(html: &[u8], generation: u64, editable: Option<&Editable>) -> Vec<u8> {
    let tag = match editable {
        None => {
            format!(r#"<script async src="{SCRIPT_PATH}" data-generation="{generation}"></script>"#)
        }
        // Hex digits only: nothing to escape.
        Some(Editable { token, fingerprint }) => format!(
            r#"<script async src="{SCRIPT_PATH}" data-generation="{generation}" data-token="{token}" data-fingerprint="{fingerprint}"></script><script async src="{EDIT_SCRIPT_PATH}"></script>"#
        ),
    };
    let at = rfind_ignore_case(html, b"</body").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The page served for every path while no build has succeeded: the diagnostics, as
/// the terminal shows them. The live-reload script turns it into the site once a
/// build succeeds.
pub fn error_page(error: &str, generation: u64) -> Vec<u8> {
    let html = format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed · roadmap-site serve</title>
<style>
body {{ margin: 0; background: #1b1b1b; color: #f2f2f2; font: 16px/1.5 system-ui, sans-serif; }}
main {{ max-width: 110ch; margin: 0 auto; padding: 2rem 1rem; }}
h1 {{ color: #ff9e9e; font-size: 1.4rem; }}
pre {{ white-space: pre-wrap; overflow-wrap: anywhere; font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #111; padding: 1rem; border-left: 4px solid #ff6b6b; }}
</style>
</head>
<body id="roadmap-site-error-page">
<main>
<h1>The site could not be built</h1>
<p>Fix the problem below and save: this page turns into the site by itself.</p>
<pre>{}</pre>
</main>
</body>
</html>
"#,
        crate::html::escape(error)
    );
    inject(html.as_bytes(), generation, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn injected(html: &str) -> String {
        String::from_utf8(inject(html.as_bytes(), 7, None)).unwrap()
    }

    #[test]
    fn the_script_goes_before_the_last_closing_body_tag() {
        let tag =
            r#"<script async src="/__roadmap-site/livereload.js" data-generation="7"></script>"#;
        assert_eq!(
            injected("<p>&lt;/body&gt;</p></body></html>"),
            format!("<p>&lt;/body&gt;</p>{tag}</body></html>")
        );
        assert_eq!(injected("<p></BODY >"), format!("<p>{tag}</BODY >"));
        assert_eq!(injected("<p>no body"), format!("<p>no body{tag}"));
        assert_eq!(injected(""), tag);
    }

    #[test]
    fn editing_adds_the_token_the_fingerprint_and_the_controls() {
        let editable = Editable {
            token: "ab12".into(),
            fingerprint: "00ff".into(),
        };
        let page = String::from_utf8(inject(b"<p></body>", 3, Some(&editable))).unwrap();
        assert_eq!(
            page,
            "<p><script async src=\"/__roadmap-site/livereload.js\" data-generation=\"3\" \
             data-token=\"ab12\" data-fingerprint=\"00ff\"></script><script async \
             src=\"/__roadmap-site/edit.js\"></script></body>"
        );
    }

    #[test]
    fn the_error_page_escapes_the_diagnostics() {
        let page = String::from_utf8(error_page("a.md:1:1: error: <b> & \"x\"", 3)).unwrap();
        assert!(
            page.contains("a.md:1:1: error: &lt;b&gt; &amp; &quot;x&quot;"),
            "{page}"
        );
        assert!(!page.contains("<b>"), "{page}");
        assert!(page.contains(r#"data-generation="3""#), "{page}");
    }
}
