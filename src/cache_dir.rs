//! The site's cache folder `<site>/.roadmap-site-cache/`: files that only save time
//! (parsed history, highlighted code), written whole or not at all.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The cache folder's name inside the site folder.
pub const DIR: &str = ".roadmap-site-cache";

/// The cache folder of the site in `site_root`.
pub fn path(site_root: &Path) -> PathBuf {
    site_root.join(DIR)
}

/// Writes `bytes` to `file` in the cache folder, creating the folder with a
/// `.gitignore` of `*` so that git never sees it. Written beside and renamed, so that
/// a killed build never leaves half a file.
pub fn write(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(file, |out| out.write_all(bytes))
}

/// [`write`], with the contents written by `fill` through a buffer: a large file is
/// never whole in memory.
pub fn write_with(
    file: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(&ignore, "# roadmap-site's cache: never commit it\n*\n")?;
    }
    // One name per process and write: two builds of one site (two processes, or two
    // library calls in one) never write into the same file.
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let write = WRITES.fetch_add(1, Ordering::Relaxed);
    let mut partial = file.as_os_str().to_owned();
    partial.push(format!(".partial-{}-{write}", std::process::id()));
    let written = (|| {
        let mut out = BufWriter::new(File::create(&partial)?);
        fill(&mut out)?;
        out.flush()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, file)
}
