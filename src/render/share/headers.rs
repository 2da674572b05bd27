//! The site's cards and badges → a `_headers` file (read by Netlify and Cloudflare
//! Pages) that keeps image proxies such as GitHub's from serving them stale. A
//! `_headers` of the user's (in the theme, or already in the output folder) is never
//! replaced: theirs is left as it is and the build says what to add to it.

/// The file's path in the site.
pub const PATH: &str = "_headers";

/// What the file says: the cards, badges and `progress.json` are checked with the
/// server on every use (`no-cache` still lets a proxy keep them, but not serve them
/// unrevalidated), and GitHub's camo, which honours `Cache-Control`, follows.
pub fn headers() -> String {
    let mut text = String::from(
        "# Written by roadmap-site: keeps the badges and the progress card fresh where they\n\
         # are embedded (GitHub's image proxy honours Cache-Control). See docs/publishing.md.\n",
    );
    for path in ["/badges/*", "/card*", "/progress.json"] {
        text.push_str(&format!("{path}\n  Cache-Control: no-cache, max-age=0\n"));
    }
    text
}

/// The notice for a site whose `_headers` is the user's.
pub fn left_alone(whose: &str) -> String {
    format!(
        "{whose} has a _headers file of yours: left as it is. For badges and cards that stay \
         fresh, add to it `/badges/*`, `/card*` and `/progress.json` with `Cache-Control: no-cache` \
         (docs/publishing.md)"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_sets_no_cache_for_the_images_people_embed() {
        let text = super::headers();
        for path in ["/badges/*", "/card*", "/progress.json"] {
            let rule = format!("{path}\n  Cache-Control: no-cache");
            assert!(text.contains(&rule), "{text}");
        }
    }
}
