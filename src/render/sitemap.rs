//! Page paths + `base_url` → `sitemap.xml`.

use crate::html::escape;

/// A sitemap listing every page under `base_url`.
pub fn sitemap(base_url: &str, paths: &[String]) -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        let loc = if path == "index.html" { "" } else { path };
        xml.push_str("  <url><loc>");
        xml.push_str(&escape(&format!("{base_url}{loc}")));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml.into_bytes()
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_absolute_urls_with_the_index_as_the_root() {
        let xml = super::sitemap(
            "https://x.io/r/",
            &["index.html".into(), "tasks/a&b.html".into()],
        );
        let xml = String::from_utf8(xml).unwrap();
        assert!(xml.contains("<loc>https://x.io/r/</loc>"), "{xml}");
        assert!(
            xml.contains("<loc>https://x.io/r/tasks/a&amp;b.html</loc>"),
            "{xml}"
        );
    }
}
