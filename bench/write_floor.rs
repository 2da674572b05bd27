//! A built site folder → the time 2 threads take to write the same files (same paths,
//! same bytes) into an empty folder: the floor under any build of that site on this
//! machine, since a build has at least this writing to do. `bench/compare.sh` prints it
//! beside the builds.
//!
//! `cargo run --release --example write_floor -- SITE OUT [THREADS] [RUNS]`: SITE is a
//! site's output folder (e.g. `public/`); OUT is removed and written RUNS times (5),
//! with THREADS threads (2); prints the median and the range in seconds, the files and
//! the bytes. Files are read into memory first: only creating folders and writing
//! files is timed, as a build writes what it made in memory. OUT must not exist or
//! hold an earlier run's output (the tool refuses a folder that does not hold its
//! marker file).

use std::path::{Path, PathBuf};
use std::time::Instant;

/// Left in OUT, so that a later run removes only a folder this tool wrote.
const MARKER: &str = ".write-floor";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: write_floor SITE OUT [THREADS] [RUNS]";
    let (Some(site), Some(out)) = (args.first(), args.get(1)) else {
        exit(usage);
    };
    let number = |i: usize, default: usize| match args.get(i) {
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .unwrap_or_else(|| exit(usage)),
        None => default,
    };
    let (threads, runs) = (number(2, 2), number(3, 5));
    let out = PathBuf::from(out);
    if out.exists() && !out.join(MARKER).exists() {
        exit(&format!(
            "{} exists and was not written by write_floor: give a new folder",
            out.display()
        ));
    }
    let mut files = Vec::new();
    read_tree(Path::new(site), Path::new(""), &mut files);
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        if out.exists() {
            std::fs::remove_dir_all(&out).unwrap_or_else(|e| exit(&e.to_string()));
        }
        let start = Instant::now();
        write_all(&out, &files, threads);
        times.push(start.elapsed().as_secs_f64());
        std::fs::write(out.join(MARKER), b"").unwrap_or_else(|e| exit(&e.to_string()));
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{} files, {} bytes, {threads} threads: median {:.3} s ({:.3}-{:.3}), {runs} runs",
        files.len(),
        bytes,
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}

/// Every file under `dir`, by path relative to the site folder, with its bytes.
fn read_tree(dir: &Path, relative: &Path, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| exit(&format!("{}: {e}", dir.display())));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| exit(&e.to_string()));
        let (path, name) = (entry.path(), relative.join(entry.file_name()));
        if path.is_dir() {
            read_tree(&path, &name, files);
        } else {
            let bytes =
                std::fs::read(&path).unwrap_or_else(|e| exit(&format!("{}: {e}", path.display())));
            files.push((name, bytes));
        }
    }
}

/// Folders first (one thread: there are few), then the files split among `threads`.
fn write_all(out: &Path, files: &[(PathBuf, Vec<u8>)], threads: usize) {
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|(p, _)| p.parent().map(|d| out.join(d)))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in folders {
        std::fs::create_dir_all(&folder).unwrap_or_else(|e| exit(&e.to_string()));
    }
    let share = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for chunk in files.chunks(share) {
            scope.spawn(move || {
                for (path, bytes) in chunk {
                    std::fs::write(out.join(path), bytes).unwrap_or_else(|e| exit(&e.to_string()));
                }
            });
        }
    });
}

fn exit(message: &str) -> ! {
    eprintln!("write_floor: {message}");
    std::process::exit(2)
}
