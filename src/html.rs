//! Text → HTML (and XML) text: the one escaping function every writer of markup uses.

/// Escapes `&`, `<`, `>`, `"` and `'` (as `&amp;` `&lt;` `&gt;` `&quot;` `&#39;`), so
/// the text is safe in element content and in attributes quoted either way. It is
/// tera's own autoescape, so text escaped here and text a template escapes read the
/// same, byte for byte. `/` is left as it is.
pub fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    tera::escape_html(text, &mut out).expect("writing to a Vec");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// [`escape`], appended to `out`: for writers that build one string from many pieces
/// (a highlighted code block's tokens).
pub fn push_escaped(out: &mut String, text: &str) {
    let mut from = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&text[from..]);
}

/// The entities [`escape`] writes, and `&#x27;`, pulldown-cmark's `'`, with what they
/// stand for: what a reader of the generated HTML decodes.
pub const ENTITIES: [(&str, char); 6] = [
    ("&lt;", '<'),
    ("&gt;", '>'),
    ("&quot;", '"'),
    ("&#39;", '\''),
    ("&#x27;", '\''),
    ("&amp;", '&'),
];

/// Undoes [`escape`] (and `&#x27;`): the text an attribute or element of the
/// generated HTML stands for. Other entities are left as they are.
pub fn unescape(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match ENTITIES.iter().find(|(entity, _)| rest.starts_with(entity)) {
            Some((entity, c)) => {
                out.push(*c);
                rest = &rest[entity.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescape_undoes_escape_once_and_leaves_other_entities() {
        let text = r#"a & b < c > d "e" 'f' &amp; ü"#;
        assert_eq!(unescape(&escape(text)), text);
        assert_eq!(unescape("it&#x27;s &nbsp; &"), "it's &nbsp; &");
        assert_eq!(unescape("&amp;lt;"), "&lt;", "decoded once, left to right");
    }

    #[test]
    fn the_five_markup_characters_are_escaped_and_nothing_else() {
        assert_eq!(
            escape(r#"a & b < c > d "e" 'f' /g/ ü 学"#),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39; /g/ ü 学"
        );
        assert_eq!(escape(""), "");
        let mut pushed = String::from("x");
        push_escaped(&mut pushed, r#"a & b < c > d "e" 'f' /g/ ü 学"#);
        assert_eq!(
            pushed,
            format!("x{}", escape(r#"a & b < c > d "e" 'f' /g/ ü 学"#))
        );
        assert_eq!(escape("&amp;"), "&amp;amp;", "escaping is not idempotent");
    }

    #[test]
    fn it_is_what_a_template_writes_for_the_same_text() {
        let text = r#"<a href="x">Tom's & Jerry's</a> / 😀"#;
        let mut context = tera::Context::new();
        context.insert("text", text);
        let written = tera::Tera::one_off("{{ text }}", &context, true);
        assert_eq!(written.unwrap(), escape(text));
    }
}

/// Inline HTML with its links taken out, their text kept: a title shown inside a link
/// of its own (a link in a link is not HTML). Code and emphasis stay.
pub fn without_links(html: &str) -> std::borrow::Cow<'_, str> {
    if !html.contains("<a ") {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        if !(tag.starts_with("<a ") || tag.starts_with("</a>")) {
            out.push_str(&tag[..end]);
        }
        rest = &tag[end..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod without_links_tests {
    use super::without_links;

    #[test]
    fn links_are_unwrapped_and_other_tags_kept() {
        let html = r#"Read <a href="https://x.org/">the <code>x</code> book</a> <em>now</em>"#;
        assert_eq!(
            without_links(html),
            "Read the <code>x</code> book <em>now</em>"
        );
    }

    #[test]
    fn html_without_links_is_borrowed() {
        let html = "Learn <code>Vec&lt;T&gt;</code>";
        assert!(matches!(without_links(html), std::borrow::Cow::Borrowed(_)));
        // An unclosed tag at the end is kept as it is, never a panic.
        assert_eq!(without_links("a <a href=x>b</a> <"), "a b <");
    }
}
