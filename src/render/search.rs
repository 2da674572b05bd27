//! [`Site`] → `search-index.json`: what the theme's `search.js` searches in the
//! browser, kept small with arrays instead of objects.
//!
//! ```json
//! {"v":1,"phases":["Phase title",…],
//!  "tasks":[["Title","slug",phase,status,"Group › Subgroup","note text"],…]}
//! ```
//!
//! `status` indexes `done, in_progress, todo, skipped`; the page is
//! `tasks/<slug>.html`; trailing empty fields are left out. The note text is the
//! start of the task's notes (summary first), cut at [`NOTE_CHARS`] characters.

use serde_json::{Value, json};

use crate::model::Site;
use crate::roadmap::Status;

/// How much of a task's notes is searchable: enough for the words that matter,
/// small enough that 10,000 tasks load fast.
const NOTE_CHARS: usize = 240;

/// The index as compact JSON.
pub fn search_index(site: &Site) -> Vec<u8> {
    let tasks: Vec<Value> = site
        .tasks
        .iter()
        .map(|task| {
            let status = Status::ALL
                .iter()
                .position(|&s| s == task.status)
                .unwrap_or(2);
            // Only the start is kept, so only the start of each note is read.
            let mut text = String::new();
            for &n in &task.notes {
                let note = &site.notes[n];
                if let Some(summary) = &note.summary {
                    push_plain_text(summary, false, &mut text, NOTE_CHARS);
                }
                push_plain_text(&note.html, true, &mut text, NOTE_CHARS);
            }
            let mut row = vec![
                json!(task.title.text),
                json!(task.slug),
                json!(task.phase),
                json!(status),
                json!(task.groups.join(" › ")),
                json!(cut(text.trim_end(), NOTE_CHARS)),
            ];
            while row.last().is_some_and(|v| v.as_str() == Some("")) {
                row.pop();
            }
            Value::Array(row)
        })
        .collect();
    let phases: Vec<&str> = site.phases.iter().map(|p| p.title.text.as_str()).collect();
    let doc = json!({ "v": 1, "phases": phases, "tasks": tasks });
    serde_json::to_vec(&doc).expect("the search index serialises")
}

/// Appends `source` to `text` with whitespace collapsed, and when `html`, tags
/// dropped (each one a word break) and the five predefined entities decoded. Stops
/// once `text` has more than `max` characters: the caller cuts it there.
fn push_plain_text(source: &str, html: bool, text: &mut String, max: usize) {
    const ENTITIES: [(&str, char); 5] = [
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&amp;", '&'),
    ];
    let mut count = text.chars().count();
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        if count > max {
            return;
        }
        let (out, len) = if html && c == '<' {
            (' ', rest.find('>').map_or(rest.len(), |end| end + 1))
        } else if c.is_whitespace() {
            (' ', c.len_utf8())
        } else {
            ENTITIES
                .iter()
                .find(|(e, _)| html && rest.starts_with(e))
                .map_or((c, c.len_utf8()), |&(e, c)| (c, e.len()))
        };
        if out != ' ' || !(text.is_empty() || text.ends_with(' ')) {
            text.push(out);
            count += 1;
        }
        rest = &rest[len..];
    }
    if !(text.is_empty() || text.ends_with(' ')) {
        text.push(' ');
    }
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
    fn reading_stops_past_the_limit() {
        let mut text = String::new();
        super::push_plain_text("<p>one two three four</p>", true, &mut text, 6);
        assert_eq!(text, "one two");
    }

    #[test]
    fn long_text_is_cut_at_a_word() {
        assert_eq!(super::cut("alpha beta gamma", 12), "alpha beta");
        assert_eq!(super::cut("short", 12), "short");
        assert_eq!(super::cut("ééééé", 3), "ééé");
    }
}
