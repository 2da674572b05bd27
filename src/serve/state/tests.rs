//! What a rebuild means for open pages (`classify`) and how generations advance.

use super::*;

fn site(files: &[(&str, &str)]) -> SiteOutput {
    SiteOutput::of_texts(files)
}

const PAGE: &str = "<html><head><style>a{}</style></head><body>x</body></html>";

#[test]
fn only_stylesheets_changed_is_a_css_change() {
    let old = site(&[
        ("style.css", "a{}"),
        ("index.html", "x"),
        ("404.html", PAGE),
    ]);
    let new = site(&[
        ("style.css", "a{color:red}"),
        ("index.html", "x"),
        ("404.html", &PAGE.replace("a{}", "a{color:red}")),
    ]);
    assert_eq!(classify(&old, &new).map(|c| c.0), Some(Change::Css));
    let added = site(&[
        ("style.css", "a{}"),
        ("index.html", "x"),
        ("404.html", PAGE),
        ("b.css", ""),
    ]);
    assert_eq!(classify(&old, &added).map(|c| c.0), Some(Change::Css));
}

#[test]
fn any_other_change_is_a_reload_and_no_change_is_none() {
    let old = site(&[("style.css", "a{}"), ("index.html", "x")]);
    assert_eq!(classify(&old, &old.clone()), None);
    let text = site(&[("style.css", "a{color:red}"), ("index.html", "y")]);
    assert_eq!(classify(&old, &text).map(|c| c.0), Some(Change::Reload));
    let removed = site(&[("style.css", "a{}")]);
    assert_eq!(classify(&old, &removed).map(|c| c.0), Some(Change::Reload));
}

#[test]
fn a_change_inside_main_only_is_a_main_change() {
    let page = |main: &str, header: &str| {
        format!(
            "<html><body><header>{header}</header><main id=\"main\">{main}</main></body></html>"
        )
    };
    let old = site(&[("a.html", &page("one", "40%")), ("progress.json", "{}")]);
    let note = site(&[
        ("a.html", &page("two", "40%")),
        ("progress.json", "{\"x\":1}"),
        ("search-index.js", "window.x = {};"),
    ]);
    assert_eq!(
        classify(&old, &note),
        Some((Change::Main, vec!["a.html".to_string()]))
    );
    let status = site(&[("a.html", &page("two", "50%")), ("progress.json", "{}")]);
    let kind = |a: &SiteOutput, b: &SiteOutput| classify(a, b).map(|c| c.0);
    assert_eq!(
        kind(&old, &status),
        Some(Change::Reload),
        "the header changed"
    );
    let badge = site(&[
        ("a.html", &page("two", "40%")),
        ("progress.json", "{}"),
        ("b.svg", ""),
    ]);
    assert_eq!(kind(&old, &badge), Some(Change::Reload), "a new image");
    // Pages the swap could get wrong reload: no <main>, a second </main> (raw
    // HTML in a note), a changed <main> start tag, a <main-nav> in the header.
    for (a, b) in [
        ("<p>x</p>", "<p>y</p>"),
        ("<main>x</main>", "<main>y</main></main>"),
        ("<main class=a>x</main>", "<main class=b>y</main>"),
        (
            "<main-nav>1</main-nav><main>x</main>",
            "<main-nav>2</main-nav><main>y</main>",
        ),
    ] {
        let (a, b) = (site(&[("a.html", a)]), site(&[("a.html", b)]));
        assert_eq!(kind(&a, &b), Some(Change::Reload), "{b:?}");
    }
}

#[test]
fn pages_are_told_the_change_they_missed_or_to_reload() {
    let shared = Shared::new();
    let a = site(&[("style.css", "a{}"), ("index.html", "x")]);
    assert_eq!(shared.succeeded(a.clone()), Some(Change::Reload));
    assert_eq!(shared.succeeded(a.clone()), None, "same site: no event");
    let b = site(&[("style.css", "b{}"), ("index.html", "x")]);
    assert_eq!(shared.succeeded(b.clone()), Some(Change::Css));
    assert_eq!(shared.snapshot().generation, 2);
    assert!(shared.pending(2).is_none());
    assert_eq!(shared.pending(1).unwrap().0, Change::Css);
    let c = site(&[("style.css", "b{}"), ("index.html", "<main>y</main>")]);
    let d = site(&[("style.css", "b{}"), ("index.html", "<main>z</main>")]);
    shared.succeeded(c);
    assert_eq!(shared.succeeded(d), Some(Change::Main));
    assert_eq!(shared.pending(3).unwrap().0, Change::Main);
    assert_eq!(shared.pending(2).unwrap().0, Change::Reload, "missed two");
    assert_eq!(shared.pending(0).unwrap().0, Change::Reload);
    assert_eq!(
        shared.pending(17).unwrap().0,
        Change::Reload,
        "another server's page"
    );
}

#[test]
fn a_failure_keeps_the_site_and_the_next_success_reloads() {
    let shared = Shared::new();
    let a = site(&[("index.html", "x")]);
    shared.succeeded(a.clone());
    shared.failed("roadmap.toml:1:1: error: unknown key".into());
    let now = shared.snapshot();
    assert_eq!(now.site.as_deref(), Some(&a));
    assert_eq!(
        now.error.as_deref(),
        Some("roadmap.toml:1:1: error: unknown key")
    );
    // Every page, even an up-to-date one, shows the overlay.
    assert_eq!(shared.pending(now.generation).unwrap().0, Change::Failed);
    assert_eq!(shared.succeeded(a), Some(Change::Reload));
    assert!(shared.snapshot().error.is_none());
}

#[test]
fn subscribers_see_each_new_generation_and_changed_since_is_none_until_then() {
    let shared = Shared::new();
    let mut changes = shared.subscribe();
    assert!(!changes.has_changed().unwrap());
    shared.failed("x".into());
    assert!(changes.has_changed().unwrap());
    assert_eq!(*changes.borrow_and_update(), 1);
    // The failure is pending for a page of generation 1, but not new to it.
    assert_eq!(shared.pending(1).unwrap().0, Change::Failed);
    assert!(shared.changed_since(1).is_none());
    shared.succeeded(site(&[("index.html", "x")]));
    assert_eq!(*changes.borrow_and_update(), 2);
    assert_eq!(shared.changed_since(1).unwrap().0, Change::Reload);
}
