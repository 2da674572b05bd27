//! A decoded input file (path + UTF-8 text) → line/column positions for diagnostics.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One input file, decoded to UTF-8 with LF line endings.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown to the user (relative to the site root when possible).
    pub path: PathBuf,
    /// The decoded text. Byte offsets in spans index into this string.
    pub text: String,
    /// Made when first needed: most notes never get a position asked of them.
    line_starts: OnceLock<Vec<usize>>,
}

/// Two files are equal when their paths and texts are (the line index is made from
/// the text).
impl PartialEq for SourceFile {
    fn eq(&self, other: &SourceFile) -> bool {
        self.path == other.path && self.text == other.text
    }
}

impl Eq for SourceFile {}

/// CRLF and lone CR become LF.
pub fn normalize_newlines(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// A 1-based line and column; the column counts characters, as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl SourceFile {
    /// Wraps already-decoded text; CRLF and lone CR line endings become LF so that
    /// every later stage sees one kind of line ending.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            text: normalize_newlines(text.into()),
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let newlines = memchr::memchr_iter(b'\n', self.text.as_bytes());
            std::iter::once(0).chain(newlines.map(|i| i + 1)).collect()
        })
    }

    /// The display path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Line and column of a byte offset (clamped to the text, and to a char boundary).
    pub fn location(&self, offset: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&start| start <= offset);
        let start = line_starts[line - 1];
        let column = self.text[start..offset].chars().count() + 1;
        Location { line, column }
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        let line_starts = self.line_starts();
        let Some(&start) = line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        &self.text[start..end]
    }

    /// Trims ASCII whitespace from both ends of a span, so carets underline content.
    pub fn trim_span(&self, span: Range<usize>) -> Range<usize> {
        let Some(slice) = self.text.get(span.clone()) else {
            return span;
        };
        let start = span.start + (slice.len() - slice.trim_start().len());
        let end = span.end - (slice.len() - slice.trim_end().len());
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_and_characters() {
        let src = SourceFile::new("a.md", "ab\nçé x\n");
        assert_eq!(src.location(0), Location { line: 1, column: 1 });
        assert_eq!(src.location(3), Location { line: 2, column: 1 });
        // "çé " is 5 bytes but 3 characters.
        assert_eq!(src.location(8), Location { line: 2, column: 4 });
        assert_eq!(src.line_text(2), "çé x");
    }

    #[test]
    fn crlf_and_cr_become_lf() {
        let src = SourceFile::new("a.md", "a\r\nb\rc");
        assert_eq!(src.text, "a\nb\nc");
        assert_eq!(src.location(4).line, 3);
    }

    /// The look before opening is skipped here (`read_regular` is what runs after it),
    /// as if the file had been swapped for a pipe in between: without `O_NONBLOCK` the
    /// open waits for a writer that never comes.
    #[cfg(unix)]
    #[test]
    fn a_file_swapped_for_a_named_pipe_after_the_look_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("roadmap.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || sender.send(read_regular(&fifo)));
        let read = receiver
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("opening the named pipe waited for a writer");
        match read {
            Err(ReadError::NotAFile(kind)) => assert_eq!(kind, "a named pipe (FIFO)"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "# A\n").unwrap();
        assert_eq!(read_input(&path).unwrap(), b"# A\n");
        assert!(matches!(
            read_input(&dir.path().join("b.md")),
            Err(ReadError::NotFound)
        ));
        assert!(matches!(
            read_input(dir.path()),
            Err(ReadError::NotAFile("a folder"))
        ));
    }

    #[test]
    fn offsets_out_of_range_or_inside_a_character_are_clamped() {
        let src = SourceFile::new("a.md", "é");
        assert_eq!(src.location(1), Location { line: 1, column: 1 });
        assert_eq!(src.location(99), Location { line: 1, column: 2 });
        assert_eq!(src.line_text(7), "");
    }
}

/// The largest input file read, roadmap, note or `roadmap.toml`: far above any real
/// roadmap, and a bound on what a mistaken path (a disk image, `/dev/zero`) can cost.
pub const MAX_INPUT: u64 = 64 * 1024 * 1024;

/// Why an input file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing at the path.
    NotFound,
    /// Something that is not a regular file: a folder, a named pipe, a device.
    NotAFile(&'static str),
    /// Larger than [`MAX_INPUT`].
    TooLarge(u64),
    /// The system refused (permissions, I/O).
    Io(std::io::Error),
}

impl ReadError {
    /// What went wrong and what to do about it, for a diagnostic on `shown`.
    pub fn message(&self) -> (String, String) {
        match self {
            ReadError::NotFound => ("file not found".into(), "check the path".into()),
            ReadError::NotAFile(kind) => (
                format!("this is {kind}, not a file"),
                "point the setting at a regular Markdown or TOML file".into(),
            ),
            ReadError::TooLarge(size) => (
                format!(
                    "this file is {} MiB; roadmap-site reads input files of up to {} MiB",
                    size / (1024 * 1024),
                    MAX_INPUT / (1024 * 1024)
                ),
                "check that the path names the file you mean, or split the file".into(),
            ),
            ReadError::Io(e) => (
                format!("cannot be read: {e}"),
                "check its permissions".into(),
            ),
        }
    }
}

/// Reads an input file whole, refusing what would hang or never end: a named pipe
/// (opening it waits for a writer), a device (`/dev/zero` never ends), a folder, or
/// more than [`MAX_INPUT`] bytes. Symbolic links are followed.
pub fn read_input(path: &Path) -> Result<Vec<u8>, ReadError> {
    // A look before opening, so that a device is refused without being opened at all
    // (opening some has effects of its own); `read_regular` looks again at what it
    // opened, which is what counts.
    let meta = std::fs::metadata(path).map_err(not_found_or_io)?;
    refuse_unless_regular(&meta)?;
    read_regular(path)
}

/// Opens `path` without waiting and reads it only when what was opened is a regular
/// file of at most [`MAX_INPUT`] bytes: the path may have been swapped for a named
/// pipe since it was looked at, and a pipe opened the ordinary way waits for a writer.
fn read_regular(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = open_without_waiting(path).map_err(not_found_or_io)?;
    // fstat of the handle: the file itself, whatever the path names by now.
    let meta = file.metadata().map_err(ReadError::Io)?;
    refuse_unless_regular(&meta)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between the look and the read.
    file.take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

fn not_found_or_io(e: std::io::Error) -> ReadError {
    match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e),
    }
}

fn refuse_unless_regular(meta: &std::fs::Metadata) -> Result<(), ReadError> {
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(&meta.file_type())));
    }
    if meta.len() > MAX_INPUT {
        return Err(ReadError::TooLarge(meta.len()));
    }
    Ok(())
}

/// `O_NONBLOCK`: opening a named pipe returns at once instead of waiting for a writer
/// (and is then refused); reads of a regular file are not affected by the flag.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let nonblock = rustix::fs::OFlags::NONBLOCK.bits() as i32;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(nonblock)
        .open(path)
}

/// Elsewhere there are no named pipes in the file system to wait on.
#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

fn kind_of(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}
