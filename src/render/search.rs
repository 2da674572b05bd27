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
            let mut text = String::new();
            for &n in &task.notes {
                let note = &site.notes[n];
                if let Some(summary) = &note.summary {
                    text.push_str(summary);
                    text.push(' ');
                }
                text.push_str(&plain_text(&note.html));
                text.push(' ');
            }
            let mut row = vec![
                json!(task.title.text),
                json!(task.slug),
                json!(task.phase),
                json!(status),
                json!(task.groups.join(" › ")),
                json!(cut(text.trim(), NOTE_CHARS)),
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

/// Rendered HTML → its text with whitespace collapsed (tags dropped, the five
/// predefined entities decoded).
fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            _ => text.push(c),
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
        assert_eq!(
            super::plain_text("<h2 id=\"a\">Eigen&amp;values</h2>\n<p>A <em>b</em></p>"),
            "Eigen&values A b"
        );
    }

    #[test]
    fn long_text_is_cut_at_a_word() {
        assert_eq!(super::cut("alpha beta gamma", 12), "alpha beta");
        assert_eq!(super::cut("short", 12), "short");
        assert_eq!(super::cut("ééééé", 3), "ééé");
    }
}
