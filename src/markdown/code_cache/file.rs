//! The cache file `code.msgpack` ↔ its blocks: (language, code) and where each
//! block's HTML lies in the file, read only when a note uses it.
//!
//! The file is MessagePack, not JSON: highlighted HTML is full of quotes, which JSON
//! escapes. It holds `[fingerprint, [[language, code, html or nil], …]]`, written by
//! `rmp_serde` and indexed here by hand, since serde tells no offsets. Its format is
//! unchanged since the cache held every block's HTML in memory.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use serde::ser::{Error as _, Serialize, Serializer};

use super::Html;

/// The cache file inside the site's cache folder.
pub const FILE: &str = "code.msgpack";
/// Changes whenever highlighted HTML could: a new version of roadmap-site (and so
/// possibly of syntect and its grammars), of this file's format, or of what a
/// language's name leads to (v4: names such as `csharp`, cached as unknown before).
pub const FINGERPRINT: &str = concat!(
    "roadmap-site ",
    env!("CARGO_PKG_VERSION"),
    " syntect 5 onig, code v4"
);

/// The blocks of a cache file written by this version, with where their HTML lies;
/// an error for a file that is unreadable, outdated, truncated or not one.
pub fn index(file: &File) -> io::Result<Vec<(String, String, Html)>> {
    let end = file.metadata()?.len();
    let mut input = Input {
        reader: BufReader::new(file),
        at: 0,
        end,
    };
    if input.array()? != 2 || input.string()? != FINGERPRINT {
        return Err(invalid());
    }
    let count = input.array()?;
    let mut blocks = Vec::with_capacity(count.min(1 << 16));
    for _ in 0..count {
        if input.array()? != 3 {
            return Err(invalid());
        }
        let language = input.string()?;
        let code = input.string()?;
        let html = match input.string_len()? {
            None => Html::None,
            Some(len) => {
                let at = input.at;
                input.skip(len)?;
                Html::InFile { at, len }
            }
        };
        blocks.push((language, code, html));
    }
    Ok(blocks)
}

/// The HTML of a block `len` bytes long at `at` in `file`.
pub fn read_at(mut file: &File, at: u64, len: usize) -> io::Result<String> {
    file.seek(SeekFrom::Start(at))?;
    let mut bytes = vec![0; len];
    file.read_exact(&mut bytes)?;
    String::from_utf8(bytes).map_err(|_| invalid())
}

/// Writes `blocks`, sorted, to `path`; the HTML of those still in the file read at the
/// start comes from `old`, one block at a time.
pub fn write(
    path: &Path,
    mut blocks: Vec<(&str, &str, &Html)>,
    old: Option<&File>,
) -> io::Result<()> {
    blocks.sort_unstable_by_key(|&(language, code, _)| (language, code)); // the same blocks give the same file
    let blocks: Vec<(&str, &str, Stored)> = blocks
        .into_iter()
        .map(|(language, code, html)| (language, code, Stored { html, old }))
        .collect();
    let disk = (FINGERPRINT, blocks);
    crate::cache_dir::write_with(path, |out| {
        rmp_serde::encode::write(out, &disk).map_err(io::Error::other)
    })
}

/// A block's HTML as the file holds it: a string, or nil for an unknown language.
struct Stored<'a> {
    html: &'a Html,
    old: Option<&'a File>,
}

impl Serialize for Stored<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self.html {
            Html::None => serializer.serialize_none(),
            Html::Here(ref html) => serializer.serialize_some(&**html),
            Html::InFile { at, len } => {
                let old = self.old.ok_or_else(|| S::Error::custom("no cache file"))?;
                let html = read_at(old, at, len).map_err(S::Error::custom)?;
                serializer.serialize_some(&html)
            }
        }
    }
}

/// The file read from the start, counting bytes.
struct Input<'a> {
    reader: BufReader<&'a File>,
    /// Where `reader` is in the file.
    at: u64,
    /// The file's length: no block may lie past it.
    end: u64,
}

impl Input<'_> {
    /// The length of an array.
    fn array(&mut self) -> io::Result<usize> {
        match self.byte()? {
            b @ 0x90..=0x9f => Ok(usize::from(b & 0x0f)),
            0xdc => self.number(2),
            0xdd => self.number(4),
            _ => Err(invalid()),
        }
    }

    /// The length of a string, `None` for nil.
    fn string_len(&mut self) -> io::Result<Option<usize>> {
        let len = match self.byte()? {
            0xc0 => return Ok(None),
            b @ 0xa0..=0xbf => usize::from(b & 0x1f),
            0xd9 => self.number(1)?,
            0xda => self.number(2)?,
            0xdb => self.number(4)?,
            _ => return Err(invalid()),
        };
        match self.at.checked_add(len as u64) {
            Some(last) if last <= self.end => Ok(Some(len)),
            _ => Err(invalid()),
        }
    }

    fn string(&mut self) -> io::Result<String> {
        let len = self.string_len()?.ok_or_else(invalid)?;
        let mut bytes = vec![0; len];
        self.reader.read_exact(&mut bytes)?;
        self.at += len as u64;
        String::from_utf8(bytes).map_err(|_| invalid())
    }

    /// Passes over a block's HTML: within the buffer, else by seeking.
    fn skip(&mut self, len: usize) -> io::Result<()> {
        self.reader.seek_relative(len as i64)?;
        self.at += len as u64;
        Ok(())
    }

    /// A big-endian unsigned number of `bytes` bytes.
    fn number(&mut self, bytes: usize) -> io::Result<usize> {
        let mut number = 0;
        for _ in 0..bytes {
            number = number << 8 | usize::from(self.byte()?);
        }
        Ok(number)
    }

    fn byte(&mut self) -> io::Result<u8> {
        let mut byte = [0];
        self.reader.read_exact(&mut byte)?;
        self.at += 1;
        Ok(byte[0])
    }
}

fn invalid() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "not a code cache of this version",
    )
}
