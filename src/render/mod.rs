//! [`Site`] + [`Theme`] → [`SiteOutput`]: every page and file of the site, in memory.

mod progress_json;
mod view;

pub use view::SiteView;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Site;
use crate::output::SiteOutput;
use crate::theme::Theme;

/// The context of every HTML page: the site, the path back to the site root, and the
/// page's own data.
#[derive(Serialize)]
struct PageContext<'a, P: Serialize> {
    site: &'a SiteView<'a>,
    /// Relative prefix to the site root (`""`, `"../../"`), so the site works under
    /// any sub-path.
    root: &'a str,
    page: P,
}

/// Renders the whole site.
pub fn render(site: &Site, theme: &Theme) -> Result<SiteOutput> {
    let view = SiteView::new(site);
    let mut output = SiteOutput::default();
    let index = page(theme, "index.html", &view, "", ())?;
    output.insert("index.html", index);
    output.insert("progress.json", progress_json::progress_json(site));
    // Tells GitHub Pages to serve the files as they are, without Jekyll.
    output.insert(".nojekyll", Vec::new());
    for (path, bytes) in &theme.statics {
        output.insert(path, bytes.clone());
    }
    Ok(output)
}

fn page<P: Serialize>(
    theme: &Theme,
    template: &str,
    site: &SiteView,
    root: &str,
    page: P,
) -> Result<Vec<u8>> {
    let context = PageContext { site, root, page };
    let context = tera::Context::from_serialize(&context)
        .map_err(|e| Error::Content(vec![theme.diagnostic(&e)]))?;
    let mut out = Vec::with_capacity(16 * 1024);
    theme
        .tera
        .render_to(template, &context, &mut out)
        .map_err(|e| Error::Content(vec![theme.diagnostic(&e)]))?;
    Ok(out)
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    tera::escape_html(text, &mut out).expect("writing to a Vec");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}
