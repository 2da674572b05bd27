//! [`Site`] + the notes' HTML → `search-index.json` and `search-index.js`: what the
//! theme's `search.js` searches in the browser, kept small with arrays instead of
//! objects.
//!
//! ```json
//! {"v":1,"phases":["Phase title",…],"strings":{"search_no_results":"No results",…},
//!  "tasks":[["Title","slug",phase,status,"Group › Subgroup","note text"],…]}
//! ```
//!
//! `status` indexes `done, in_progress, todo, skipped`; the page is
//! `tasks/<slug>.html`; trailing empty fields are left out. The note text is the
//! start of the task's notes (summary first), cut at [`NOTE_CHARS`] characters.
//! `strings` are the search box's texts in the site's language (they were inline JSON
//! on every page: 0.5 KB of each).
//!
//! The same index as a script, `search-index.js` ([`SearchFiles`]), is what `search.js`
//! loads when the site is opened from disk, where browsers refuse `fetch`.

use serde::ser::{Serialize, SerializeSeq, Serializer};

use crate::model::{Site, Task};
use crate::notes_html::NotesHtml;
use crate::roadmap::Status;

/// How much of a task's notes is searchable, and where the results' snippets come
/// from: the summary and first paragraphs, where a note's words that matter usually
/// are. 500 characters (240 before) add 264 KB to the index of 2,000 tasks with
/// 1,000 notes of ~30 lines (670 KB, 46 KB gzipped: the synthetic roadmap of
/// `bench/`; docs/output.md has the measures). It is loaded once, on first focus.
const NOTE_CHARS: usize = 500;

/// The index as compact JSON, written row by row (no tree of JSON values), inside
/// the script that is `search-index.js` ([`SearchFiles`]).
pub fn search_files(
    site: &Site,
    notes: &NotesHtml,
    strings: &serde_json::Map<String, serde_json::Value>,
) -> SearchFiles {
    // Fields in the order a JSON object's keys sort, as the format has always had.
    #[derive(serde::Serialize)]
    struct Index<'a> {
        phases: Vec<&'a str>,
        strings: &'a serde_json::Map<String, serde_json::Value>,
        tasks: Rows<'a>,
        v: u8,
    }
    let index = Index {
        phases: site.phases.iter().map(|p| p.shown_title()).collect(),
        strings,
        tasks: Rows(site, notes),
        v: 1,
    };
    // An estimate of what rows usually take (title, slug, numbers, groups: under 100 bytes
    // without notes), so that a large index does not grow by doubling, with two copies
    // alive at the build's peak. Writing it twice to count it would make every row
    // twice; a row longer than this only makes the buffer grow.
    let with_notes = site.tasks.iter().filter(|t| !t.notes.is_empty()).count();
    let size = site.tasks.len() * 100 + with_notes * (NOTE_CHARS + 8);
    SearchFiles::new(size, |bytes| {
        serde_json::to_writer(bytes, &index).expect("the search index serialises")
    })
}

/// `search-index.js`, a script that sets `window.roadmapSiteSearchIndex`, and
/// `search-index.json`, the same bytes without the assignment. JSON is a JavaScript
/// expression except that browsers before ES2019 end a string at U+2028 and U+2029,
/// so those are escaped (JSON has them only inside strings, where `\u2028` means the
/// same). The script is a file of its own, so `</script>` in a title ends nothing.
///
/// One buffer for both: the index of a 10,000-task site is 3.2 MB, and the two
/// files apart were two copies of it alive at the build's peak of memory (valgrind
/// massif; making the script through `replace` and `format!` once held four).
pub struct SearchFiles {
    script: Vec<u8>,
    json: std::ops::Range<usize>,
}

impl SearchFiles {
    const START: &[u8] = b"// search-index.json for pages opened from disk (file://), where fetch \
                           is refused.\nwindow.roadmapSiteSearchIndex = ";

    /// The files of the JSON that `write` appends to a buffer, about `size` bytes.
    fn new(size: usize, write: impl FnOnce(&mut Vec<u8>)) -> SearchFiles {
        let mut script = Vec::with_capacity(Self::START.len() + size + 2);
        script.extend_from_slice(Self::START);
        write(&mut script);
        let separators = memchr::memmem::find_iter(&script[Self::START.len()..], b"\xE2\x80")
            .any(|at| matches!(script.get(Self::START.len() + at + 2), Some(0xA8 | 0xA9)));
        if separators {
            let json = script.split_off(Self::START.len());
            push_escaped(&json, &mut script);
        }
        let json = Self::START.len()..script.len();
        script.extend_from_slice(b";\n");
        SearchFiles { script, json }
    }

    /// `search-index.json`.
    pub fn json(&self) -> &[u8] {
        &self.script[self.json.clone()]
    }

    /// `search-index.js`.
    pub fn into_script(self) -> Vec<u8> {
        self.script
    }
}

/// `json` onto `out`, U+2028 and U+2029 (E2 80 A8 and E2 80 A9 in UTF-8) escaped.
fn push_escaped(json: &[u8], out: &mut Vec<u8>) {
    let mut from = 0;
    for at in memchr::memmem::find_iter(json, b"\xE2\x80") {
        let escape: &[u8] = match json.get(at + 2) {
            Some(0xA8) => b"\\u2028",
            Some(0xA9) => b"\\u2029",
            _ => continue,
        };
        out.extend_from_slice(&json[from..at]);
        out.extend_from_slice(escape);
        from = at + 3;
    }
    out.extend_from_slice(&json[from..]);
}

/// Every task's row, made as it is written.
struct Rows<'a>(&'a Site, &'a NotesHtml);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Rows(site, notes) = *self;
        serializer.collect_seq(site.tasks.iter().map(|task| Row::new(site, notes, task)))
    }
}

/// `["Title","slug",phase,status,"Group › Subgroup","note text"]`, without trailing
/// empty strings.
struct Row<'a> {
    title: &'a str,
    slug: &'a str,
    phase: usize,
    status: usize,
    groups: String,
    text: String,
}

impl<'a> Row<'a> {
    fn new(site: &Site, notes: &NotesHtml, task: &'a Task) -> Self {
        // Only the start is kept, so only the start of each note is read.
        let mut text = String::new();
        for &n in &task.notes {
            let note = &site.notes[n];
            if let Some(summary) = &note.summary {
                push_plain_text(summary, false, &mut text, NOTE_CHARS);
            }
            push_plain_text(&notes[n].html, true, &mut text, NOTE_CHARS);
        }
        Row {
            title: &task.title.text,
            slug: &task.slug,
            phase: task.phase,
            status: (Status::ALL.iter().position(|&s| s == task.status)).unwrap_or(2),
            groups: task.groups.join(" › "),
            text: cut(text.trim_end(), NOTE_CHARS),
        }
    }
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = match (self.groups.is_empty(), self.text.is_empty()) {
            (_, false) => 6,
            (false, true) => 5,
            (true, true) => 4,
        };
        let mut row = serializer.serialize_seq(Some(len))?;
        row.serialize_element(self.title)?;
        row.serialize_element(self.slug)?;
        row.serialize_element(&self.phase)?;
        row.serialize_element(&self.status)?;
        if len > 4 {
            row.serialize_element(&self.groups)?;
        }
        if len > 5 {
            row.serialize_element(&self.text)?;
        }
        row.end()
    }
}

/// How a heading's anchor link starts (`crate::markdown` writes it).
const ANCHOR: &str = "<a class=\"anchor\"";

/// Appends `source` to `text` with whitespace collapsed, and when `html`, tags
/// and headings' anchor links dropped and the five predefined entities decoded. A
/// block's tag is a word break, an inline one (a highlighted token's `<span>`,
/// `<em>`, `<code>`) is not: `p.x` in code stays one word to search for. Stops once
/// `text` has more than `max` characters: the caller cuts it there.
fn push_plain_text(source: &str, html: bool, text: &mut String, max: usize) {
    use crate::html::ENTITIES;
    let mut count = text.chars().count();
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        if count > max {
            return;
        }
        // A heading's "#" link is no text of the note: a snippet would show it.
        let (out, len) = if html && rest.starts_with(ANCHOR) {
            (
                Some(' '),
                rest.find("</a>").map_or(rest.len(), |end| end + 4),
            )
        } else if html && c == '<' {
            let tag = &rest[..rest.find('>').map_or(rest.len(), |end| end + 1)];
            (Some(' ').filter(|_| !is_inline(tag)), tag.len())
        } else if c.is_whitespace() {
            (Some(' '), c.len_utf8())
        } else {
            ENTITIES
                .iter()
                .find(|(e, _)| html && rest.starts_with(e))
                .map_or((Some(c), c.len_utf8()), |&(e, c)| (Some(c), e.len()))
        };
        if let Some(out) = out
            && (out != ' ' || !(text.is_empty() || text.ends_with(' ')))
        {
            text.push(out);
            count += 1;
        }
        rest = &rest[len..];
    }
    if !(text.is_empty() || text.ends_with(' ')) {
        text.push(' ');
    }
}

/// Is `tag` (`<em>`, `</span>`, `<a href="…">`) one of the inline elements notes'
/// HTML holds, inside a word as much as between words?
fn is_inline(tag: &str) -> bool {
    const INLINE: &[&str] = &[
        "a", "abbr", "b", "code", "del", "em", "i", "kbd", "mark", "s", "span", "strong", "sub",
        "sup", "u",
    ];
    let name = tag.trim_start_matches(['<', '/']);
    let end = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    INLINE.contains(&&name[..end])
}

/// At most `max` characters, cut at a word boundary when there is one.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((end, _)) => {
            let head = &text[..end];
            head.rfind(' ')
                .map_or(head, |space| &head[..space])
                .to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn html_becomes_collapsed_text() {
        let mut text = String::new();
        let html = "<h2 id=\"a\">Eigen&amp;values</h2>\n<p>A <em>b</em>  c&lt;d</p>";
        super::push_plain_text(html, true, &mut text, 100);
        assert_eq!(text, "Eigen&values A b c<d ");
        super::push_plain_text("<i>not a tag</i>", false, &mut text, 100);
        assert_eq!(text, "Eigen&values A b c<d <i>not a tag</i> ");
    }

    #[test]
    fn inline_tags_are_inside_words_and_block_tags_between_them() {
        let mut text = String::new();
        let code = "<pre><code><span class=\"hl-variable\">p</span>.<span>x</span>\
                    </code></pre><p>a<em>b</em>c</p><p>d</p><ul><li>e</li><li>f</li></ul>";
        super::push_plain_text(code, true, &mut text, 100);
        assert_eq!(text, "p.x abc d e f ");
    }

    #[test]
    fn headings_anchor_links_are_left_out() {
        let mut text = String::new();
        let html = "<h3 id=\"g\">The gradient<a class=\"anchor\" href=\"#g\">#</a></h3><p>It</p>";
        super::push_plain_text(html, true, &mut text, 100);
        assert_eq!(text, "The gradient It ");
    }

    #[test]
    fn reading_stops_past_the_limit() {
        let mut text = String::new();
        super::push_plain_text("<p>one two three four</p>", true, &mut text, 6);
        assert_eq!(text, "one two");
    }

    #[test]
    fn separators_side_by_side_at_the_end_or_cut_short_are_escaped_or_kept() {
        let body = |json: &[u8]| {
            let files = super::SearchFiles::new(0, |b| b.extend_from_slice(json));
            let body = files.json().to_vec();
            let script = [super::SearchFiles::START, &body, b";\n"].concat();
            assert_eq!(
                files.into_script(),
                script,
                "the script is the JSON assigned"
            );
            body
        };
        // Side by side, the last one the buffer's last bytes.
        let both = "\"\u{2028}\u{2029}\u{2028}";
        assert_eq!(body(both.as_bytes()), br#""\u2028\u2029\u2028"#);
        // Other characters that start E2 80 (U+2000..U+203F) stay as they are.
        let others = "\"\u{2026}\u{2014}\u{202f}\"";
        assert_eq!(body(others.as_bytes()), others.as_bytes());
        // The first two bytes of a separator at the very end: nothing to escape.
        assert_eq!(body(b"\"\xE2\x80"), b"\"\xE2\x80");
    }

    #[test]
    fn the_script_sets_the_same_index_with_line_separators_escaped() {
        let json = "{\"phases\":[\"a\u{2028}b\u{2029}\u{2027}\u{20ac}\"],\"tasks\":[]}";
        let files = super::SearchFiles::new(json.len(), |b| b.extend_from_slice(json.as_bytes()));
        let file = String::from_utf8(files.json().to_vec()).unwrap();
        let script = String::from_utf8(files.into_script()).unwrap();
        let value = script
            .split_once("window.roadmapSiteSearchIndex = ")
            .and_then(|(_, v)| v.strip_suffix(";\n"))
            .unwrap();
        assert_eq!(
            value,
            "{\"phases\":[\"a\\u2028b\\u2029\u{2027}\u{20ac}\"],\"tasks\":[]}"
        );
        assert_eq!(file, value, "search-index.json is the script's value");
        let parsed: serde_json::Value = serde_json::from_str(value).unwrap();
        assert_eq!(
            parsed,
            serde_json::from_str::<serde_json::Value>(json).unwrap()
        );
        assert_eq!(parsed["phases"][0], "a\u{2028}b\u{2029}\u{2027}\u{20ac}");
    }

    #[test]
    fn long_text_is_cut_at_a_word() {
        assert_eq!(super::cut("alpha beta gamma", 12), "alpha beta");
        assert_eq!(super::cut("short", 12), "short");
        assert_eq!(super::cut("ééééé", 3), "ééé");
    }
}
