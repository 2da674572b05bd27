//! `map.html` and `map.svg` of a built site: one node per phase and task, each a
//! link to a page that exists, its status as a class; the list holds the same tree;
//! links are absolute in `map.svg` only under `base_url`. Expected counts come from
//! the site's own `progress.json`.

mod common;

use common::TestSite;
use quick_xml::Reader;
use quick_xml::events::Event;

/// `(href, class)` of every `<a>` in an SVG document or fragment, which must be
/// well-formed XML.
fn links(svg: &str) -> Vec<(String, String)> {
    let mut reader = Reader::from_str(svg);
    let mut found = Vec::new();
    loop {
        match reader.read_event().expect("well-formed SVG") {
            Event::Start(e) if e.name().as_ref() == b"a" => {
                let attr = |name: &[u8]| {
                    e.attributes()
                        .filter_map(Result::ok)
                        .find(|a| a.key.as_ref() == name)
                        .map(|a| a.unescape_value().unwrap().into_owned())
                        .unwrap_or_default()
                };
                found.push((attr(b"href"), attr(b"class")));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    found
}

/// The inline `<svg class="map-svg {class}" …>…</svg>` of a page.
fn inline_svg<'a>(html: &'a str, class: &str) -> &'a str {
    let start = html
        .find(&format!("<svg class=\"map-svg {class}\""))
        .unwrap_or_else(|| panic!("no {class} drawing"));
    let end = start + html[start..].find("</svg>").unwrap() + "</svg>".len();
    &html[start..end]
}

/// `(url, status)` of every task and the url of every phase, from `progress.json`.
fn expected(site: &TestSite) -> (Vec<(String, String)>, Vec<String>) {
    let json: serde_json::Value = serde_json::from_str(&site.read("public/progress.json")).unwrap();
    let phases = json["phases"].as_array().unwrap();
    let tasks = phases
        .iter()
        .flat_map(|p| p["tasks"].as_array().unwrap())
        .map(|t| {
            (
                t["url"].as_str().unwrap().to_string(),
                t["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let phase_urls = phases
        .iter()
        .map(|p| p["url"].as_str().unwrap().to_string())
        .collect();
    (tasks, phase_urls)
}

/// Every task and phase is one node, linked to its page with its status as a class.
fn check_drawing(name: &str, site: &TestSite, found: &[(String, String)], base: &str) {
    let (tasks, phases) = expected(site);
    assert!(tasks.len() >= 15, "the fixture has its tasks");
    assert_eq!(
        found.len(),
        tasks.len() + phases.len(),
        "{name}: {found:#?}"
    );
    for (href, _) in found {
        let path = href
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{name}: {href} outside {base}"));
        assert!(
            site.path().join("public").join(path).is_file(),
            "{name}: {href} is no page"
        );
    }
    for (url, status) in &tasks {
        let class = &found
            .iter()
            .find(|(h, _)| *h == format!("{base}{url}"))
            .unwrap()
            .1;
        assert!(
            class.split(' ').any(|c| c == status),
            "{name}: {url} is {status}, class {class}"
        );
    }
    for url in &phases {
        let class = &found
            .iter()
            .find(|(h, _)| *h == format!("{base}{url}"))
            .unwrap()
            .1;
        assert!(
            class.split(' ').any(|c| c == "p"),
            "{name}: {url} is a phase: {class}"
        );
    }
}

#[test]
fn map_svg_has_every_phase_and_task_linked_with_its_status() {
    let site = TestSite::fixture("map-site");
    site.build();
    let svg = site.read("public/map.svg");
    check_drawing("map.svg", &site, &links(&svg), "");
    assert!(svg.contains("<style>") && svg.contains("prefers-color-scheme: dark"));
    // The long title is cut in the drawing and whole in its tooltip, escaped.
    assert!(svg.contains("lifetime &amp; more escaped: To do</title>"));
    assert!(svg.contains("…</text>"));
}

#[test]
fn map_svg_links_are_absolute_under_base_url() {
    let base = "https://example.org/learn/";
    let site =
        TestSite::fixture("map-site").file("roadmap.toml", format!("base_url = \"{base}\"\n"));
    site.build();
    check_drawing("map.svg", &site, &links(&site.read("public/map.svg")), base);
    // The page's drawings stay relative: it is served from the same site.
    let html = site.read("public/map.html");
    check_drawing("wide", &site, &links(inline_svg(&html, "map-wide")), "");
}

#[test]
fn map_page_draws_twice_out_of_the_tab_order_and_lists_the_same_tree() {
    let site = TestSite::fixture("map-site");
    site.build();
    let html = site.read("public/map.html");
    for class in ["map-wide", "map-narrow"] {
        let svg = inline_svg(&html, class);
        assert!(svg.contains("aria-hidden=\"true\""), "{class}");
        let found = links(svg);
        check_drawing(class, &site, &found, "");
        assert_eq!(
            svg.matches("<a tabindex=\"-1\" ").count(),
            found.len(),
            "{class}"
        );
    }
    let (tasks, phases) = expected(&site);
    let list = &html[html.find("<nav class=\"map-list\"").unwrap()
        ..html.find("<div class=\"map-figure\"").unwrap()];
    assert_eq!(list.matches("<a href=").count(), tasks.len() + phases.len());
    assert_eq!(list.matches("<ul>").count(), list.matches("</ul>").count());
    for (url, _) in &tasks {
        assert!(
            list.contains(&format!("<a href=\"{url}\">")),
            "{url} not in the list"
        );
    }
    assert!(list.contains("(Skipped)") && list.contains("(In progress)"));
    assert!(html.contains("href=\"map.svg\" download"));
    assert!(site.read("public/index.html").contains("href=\"map.html\""));
}
