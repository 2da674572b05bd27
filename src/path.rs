//! A file's path and a relative link in it (`../notes/a.md`) → the path the link
//! names, both relative to one root (the site's, or the notes folder's).

/// Resolves `href` relative to the file at `from`: the link starts in `from`'s
/// folder, `.` and empty segments stay there, `..` goes up one folder. `None` when
/// it climbs above the root. Paths use `/` and are taken as written: no escapes are
/// decoded, and `from`'s own segments are not normalised.
pub fn resolve(from: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    // The file's own name: links start in its folder.
    parts.pop();
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn a_link_starts_in_the_folder_of_its_file() {
        assert_eq!(resolve("tasks/a.html", "b.html").unwrap(), "tasks/b.html");
        assert_eq!(
            resolve("index.html", "tasks/b.html").unwrap(),
            "tasks/b.html"
        );
        assert_eq!(resolve("a/b/c.md", "d/e.png").unwrap(), "a/b/d/e.png");
        // A folder's path ends in `/`: its links start inside it.
        assert_eq!(resolve("tags/", "x.html").unwrap(), "tags/x.html");
    }

    #[test]
    fn dot_and_empty_segments_stay_in_the_folder() {
        assert_eq!(resolve("a/b.md", "./c.md").unwrap(), "a/c.md");
        assert_eq!(resolve("a/b.md", "c//./d.md").unwrap(), "a/c/d.md");
        assert_eq!(resolve("a/b.md", ".").unwrap(), "a");
        // A trailing `/` names the folder itself, written without it.
        assert_eq!(resolve("a/b.md", "c/").unwrap(), "a/c");
    }

    #[test]
    fn dot_dot_goes_up_one_folder() {
        assert_eq!(
            resolve("tasks/a.html", "../index.html").unwrap(),
            "index.html"
        );
        assert_eq!(resolve("a/b/c.md", "../../d.md").unwrap(), "d.md");
        assert_eq!(resolve("a/b/c.md", "../x/../y.md").unwrap(), "a/y.md");
        assert_eq!(resolve("a/b.md", "..").unwrap(), "");
    }

    #[test]
    fn climbing_above_the_root_is_none() {
        assert_eq!(resolve("index.html", "../x.html"), None);
        assert_eq!(resolve("a/b.md", "../../c.md"), None);
        // Even when it would come back down again.
        assert_eq!(resolve("a/b.md", "../../a/c.md"), None);
        assert_eq!(resolve("", ".."), None);
    }

    #[test]
    fn segments_are_taken_as_written() {
        assert_eq!(resolve("a/b.md", "%2e%2e/c.md").unwrap(), "a/%2e%2e/c.md");
        assert_eq!(resolve("a/b.md", "c d.md").unwrap(), "a/c d.md");
        assert_eq!(resolve("a/b.md", "...").unwrap(), "a/...");
    }
}
