//! `[share]` of roadmap.toml → [`ShareSettings`]: what the sharing files hold (which
//! pages get a preview picture of their own, versioned snippet URLs, `_headers`).

use serde::Deserialize;

/// `[share]`: every key optional.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ShareSettings {
    /// Which pages have a link-preview picture of their own; the others show the
    /// picture of the page above them (a task its phase's, a phase the home page's).
    pub previews: Previews,
    /// `?v=<hash of the progress>` on the Share page's badge and card URLs, so that an
    /// image proxy caching by URL (GitHub's) fetches a new picture after an update.
    pub versioned_urls: bool,
    /// Writes `_headers` (Netlify, Cloudflare Pages): the badges and cards revalidated
    /// on every use. Never in place of a `_headers` of the user's.
    pub headers: bool,
}

/// `previews = "home" | "phases" | "all"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Previews {
    /// One picture, the home page's, for every page.
    Home,
    /// The home page's and one per phase (the default: a picture costs 10–16 ms to
    /// draw and 50–100 KB, and one per task made a 2,000-task site's first build 23
    /// times slower, a 10,000-task one's 27 times; BENCHMARKS.md).
    #[default]
    Phases,
    /// One per task too.
    All,
}

impl Default for ShareSettings {
    fn default() -> Self {
        ShareSettings {
            previews: Previews::default(),
            versioned_urls: false,
            headers: true,
        }
    }
}
