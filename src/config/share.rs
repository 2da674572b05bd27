//! `[share]` of roadmap.toml → [`ShareSettings`]: what the sharing files hold (link
//! previews per task, versioned snippet URLs, the `_headers` file).

use serde::Deserialize;

/// `[share]`: every key optional.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ShareSettings {
    /// A preview picture of its own for every task page (else a task's link preview
    /// shows its phase's picture). On by default; BENCHMARKS.md has its cost.
    pub task_previews: bool,
    /// `?v=<hash of the progress>` on the Share page's badge and card URLs, so that an
    /// image proxy caching by URL (GitHub's) fetches a new picture after an update.
    pub versioned_urls: bool,
    /// Writes `_headers` (Netlify, Cloudflare Pages): the badges and cards revalidated
    /// on every use. Never in place of a `_headers` of the user's.
    pub headers: bool,
}

impl Default for ShareSettings {
    fn default() -> Self {
        ShareSettings {
            task_previews: true,
            versioned_urls: false,
            headers: true,
        }
    }
}
