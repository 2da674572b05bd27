//! Page details measured in a real browser (`tests/browser/page-details.mjs`): the
//! phase page's filter, empty progress bars in light and dark, the progress chart on
//! a phone and a desktop, math in notes, status marks on their line, a phone's
//! header, titles and the progress figure shown once, the column without a sidebar,
//! the map's labels right to left. Needs node, /usr/bin/chromium and `tests/browser/node_modules`: a missing
//! one fails the test.

mod common;

use std::ffi::OsStr;
use std::time::Duration;

use common::TestSite;
use common::browser::{require_tools, run_script};
use common::git::{build_on, commit};

/// page-details.mjs gives up on each step well before this; this is the last resort.
const KILL_AFTER: Duration = Duration::from_secs(120);

const ROADMAP: &str = "# Study\n\n## Basics\n\n| Stream | Task | Status |\n|---|---|---|\n\
    | Math | Linear algebra | ✅ |\n|  | Calculus | 🚧 |\n|  | Probability | ❌ |\n\
    | Code | Python | ✅ |\n|  | Git | ⏭️ |\n|  | Shell | ❌ |\n|  | SQL | ❌ |\n\
    |  | Docker | ❌ |\n|  | Testing | ❌ |\n|  | Profiling | ❌ |\n\n\
    ## Deep learning\n\n| Task | Status |\n|---|---|\n| Convolutional networks | ❌ |\n";

const NOTE: &str = "+++\ntask = \"Calculus\"\n+++\n\nThe slope is $\\frac{dy}{dx}$ and \
    a half is $\\frac{1}{2}$ of it.\n\n$$\n\\frac{\\partial f}{\\partial x} = 2xy\n$$\n\n\
    A sum:\n\n$$\na^2 + b^2 = c^2\n$$\n";

/// The roadmap committed on two days (so the home page has a chart), built a week
/// after the second.
fn site() -> TestSite {
    require_tools("the page details browser test", &["playwright-core"]);
    let site = TestSite::new().file("content/notes/calculus.md", NOTE);
    commit(
        &site,
        "content/roadmap.md",
        &ROADMAP.replace("| Python | ✅", "| Python | ❌"),
        "2026-10-01",
    );
    commit(&site, "content/roadmap.md", ROADMAP, "2026-11-20");
    build_on(&site, "2026-11-27");
    site
}

/// Runs the check on `page` of the built site, insisting that it passed.
fn check(site: &TestSite, check: &str, page: &str) -> String {
    let public = site.path().join("public");
    let args = [public.as_os_str(), OsStr::new(check), OsStr::new(page)];
    let script = run_script("page-details.mjs", &args, &[], KILL_AFTER);
    println!("{}", script.output);
    assert_eq!(script.code, Some(0), "{}", script.output);
    script.output
}

/// Before: links to `#show-open` that scrolled the page to the anchor.
#[test]
fn the_phase_filter_neither_jumps_nor_needs_a_mouse() {
    let site = site();
    let report = check(&site, "filters", "phases/basics.html");
    assert!(report.contains("ok ArrowRight from \"Open\" checks \"Done\""));
}

/// Before: a 0 % bar in dark mode was a 1:1.5 line the colour of the separators.
#[test]
fn an_empty_progress_bar_is_a_visible_shape_in_both_schemes() {
    let site = site();
    let report = check(&site, "bars", "index.html");
    assert!(
        report.contains("ok dark: \"Deep learning progress\""),
        "{report}"
    );
}

/// Before: SVG labels of 12 user units drawn at 7 px on a phone, and the last day's
/// step at the right edge.
#[test]
fn the_chart_fills_its_column_with_readable_labels_on_a_phone() {
    let site = site();
    let report = check(&site, "chart", "index.html");
    assert!(
        // The day the lines end (the build's), as the language writes dates.
        report.contains("ok 390 px: label \"27 November 2026\""),
        "{report}"
    );
}

/// Before: a change twelve days after the first was labelled where it is, over the
/// first day's label, under a chart that ran on for ten months more.
#[test]
fn the_charts_dates_stay_apart_when_the_last_change_is_long_ago() {
    require_tools("the page details browser test", &["playwright-core"]);
    let site = TestSite::new();
    commit(
        &site,
        "content/roadmap.md",
        &ROADMAP.replace("| Python | ✅", "| Python | ❌"),
        "2026-01-03",
    );
    commit(&site, "content/roadmap.md", ROADMAP, "2026-01-15");
    build_on(&site, "2026-11-27");
    let report = check(&site, "chart", "index.html");
    assert!(
        report.contains("ok 390 px: the x axis's two dates are"),
        "{report}"
    );
    // The axis ends where the lines do: on the day of the build.
    assert!(report.contains("label \"27 November 2026\""), "{report}");
}

/// Before: "40.8% done" in the header, right above the big "40.8%".
#[test]
fn the_home_pages_progress_is_on_screen_once() {
    let site = site();
    let report = check(&site, "figure", "index.html");
    assert!(
        report.contains("ok 390 px: \"20%\" is on the first screen once"),
        "{report}"
    );
}

/// Before: display formulas at the left like text, inline fractions at 71 %.
#[test]
fn display_math_is_centred_and_inline_fractions_readable() {
    let site = site();
    check(&site, "math", "tasks/calculus.html");
}

/// Before: aligned by baseline, a to-do ring (no text in it) sat 6 px under its line.
#[test]
fn status_marks_sit_on_their_titles_first_line() {
    let site = site();
    let report = check(&site, "marks", "phases/basics.html");
    assert!(report.contains("ok 390 px: the todo mark of"), "{report}");
}

/// Before: on a phone the site's name kept one letter and the progress wrapped onto a
/// second header row.
#[test]
fn a_phones_header_is_one_row_with_the_sites_name() {
    let site = site().file(
        "roadmap.toml",
        "title = \"A learning roadmap with a long title\"\n",
    );
    site.build();
    let report = check(&site, "header", "phases/basics.html");
    assert!(
        report.contains("ok 390 px: the site's name has"),
        "{report}"
    );
}

/// Before: in Arabic the drawing inherited the page's right-to-left direction and each
/// label was anchored at its end, outside its box, over the spine; then, in a
/// left-to-right drawing, a label's words ran left to right.
#[test]
fn the_maps_labels_stay_in_their_boxes_right_to_left() {
    require_tools("the page details browser test", &["playwright-core"]);
    let site = TestSite::new()
        .file("roadmap.toml", "language = \"ar\"\n")
        .file(
            "content/roadmap.md",
            "# خطتي\n\n## 1. Web Foundations (الأساسيات)\n\n\
             - **Elzero Web School (HTML, CSS, HTTP):**\n  - [x] [المسار الكامل من الزيرو](https://example.com/a)\n\
             - [ ] Web Fundamentals Crash Course\n\n## 2. قواعد البيانات\n\n- [ ] SQL\n- [x] الفهارس\n\
             - [ ] مكتبة NumPy والمصفوفات\n",
        );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = check(&site, "map", "map.html");
    assert!(
        report.contains("ok 1280 px: every label is inside its box"),
        "{report}"
    );
    // Before: a left-to-right line put its first word on the left.
    assert!(
        report.contains("ok 390 px: \"مكتبة NumPy والمصفوفات\" reads right to left"),
        "{report}"
    );
}

/// Before: a roadmap with no phases yet (no sidebar) had its home page squeezed into
/// the sidebar's 16rem column on a wide screen.
#[test]
fn a_roadmap_without_phases_uses_the_whole_width() {
    require_tools("the page details browser test", &["playwright-core"]);
    let site = TestSite::new().file(
        "content/roadmap.md",
        "# Plans\n\nNothing to track yet: a table of dates and topics comes first.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = check(&site, "column", "index.html");
    assert!(report.contains("(no sidebar)"), "{report}");
}

/// Before: the breadcrumb ended with the page's title right above the same heading
/// (two more lines for a long task title on a phone), and dates broke mid-date.
#[test]
fn a_pages_title_is_on_screen_once() {
    let site = site();
    for page in ["tasks/calculus.html", "phases/basics.html", "map.html"] {
        let report = check(&site, "title", page);
        assert!(report.contains("ok 390 px: no date is cut"), "{report}");
    }
}

/// Before: a task titled with a link (a course) had its page's heading in link blue,
/// underlined, four lines of it on a phone.
#[test]
fn a_linked_task_title_is_a_heading_first() {
    require_tools("the page details browser test", &["playwright-core"]);
    let site = TestSite::new().file(
        "content/roadmap.md",
        "# Courses\n\n## Web\n\n- [ ] [A very long course on the foundations of the web](https://example.com/course)\n- [x] HTML\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = "tasks/a-very-long-course-on-the-foundations-of-the-web.html";
    assert!(
        site.read(&format!("public/{page}"))
            .contains("<h1><a href=\"https://example.com/course\"")
    );
    let report = check(&site, "title", page);
    assert!(
        report.contains("ok 390 px: the heading's link is in the heading's colour"),
        "{report}"
    );
}

/// Before: in an Arabic page a Python block inherited right to left, each line flush
/// right.
#[test]
fn code_reads_left_to_right_in_an_arabic_page() {
    require_tools("the page details browser test", &["playwright-core"]);
    let site = TestSite::new()
        .file("roadmap.toml", "language = \"ar\"\n")
        .file("content/roadmap.md", "# خطتي\n\n## الأساسيات\n\n- [ ] اختبار الفرضيات\n- [x] الإحصاء\n")
        .file(
            "content/notes/test.md",
            "+++\ntask = \"اختبار الفرضيات\"\n+++\n\nنحسب `ttest_1samp(sales, 100)` هكذا:\n\n\
             ```python\nfrom scipy import stats\nt, p = stats.ttest_1samp(sales, 100)\nprint(t)\n```\n",
        );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = check(&site, "code", "tasks/اختبار-الفرضيات.html");
    assert!(
        report.contains("ok every code element runs left to right"),
        "{report}"
    );
}
