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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_markup_characters_are_escaped_and_nothing_else() {
        assert_eq!(
            escape(r#"a & b < c > d "e" 'f' /g/ ü 学"#),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39; /g/ ü 学"
        );
        assert_eq!(escape(""), "");
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
