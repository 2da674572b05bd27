//! Arbitrary bytes as a whole site (roadmap, a note, roadmap.toml) → the full
//! `generate()` pipeline must never panic: every input is a site or diagnostics.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// One site folder for the whole run, in memory-backed /dev/shm when available.
fn site() -> &'static std::path::Path {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() { "/dev/shm" } else { "/tmp" };
        let dir = std::path::Path::new(base).join(format!("roadmap-site-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("content/notes")).unwrap();
        dir
    })
}

fuzz_target!(|bytes: &[u8]| {
    // Split the input into roadmap | note | config at the first two 0xFF bytes.
    let mut parts = bytes.splitn(3, |&b| b == 0xFF);
    let roadmap = parts.next().unwrap_or_default();
    let note = parts.next().unwrap_or_default();
    let config = parts.next().unwrap_or_default();
    let dir = site();
    std::fs::write(dir.join("content/roadmap.md"), roadmap).unwrap();
    std::fs::write(dir.join("content/notes/note.md"), note).unwrap();
    std::fs::write(dir.join("roadmap.toml"), config).unwrap();
    if let Ok(config) = roadmap_site::Config::load(dir) {
        let _ = std::hint::black_box(roadmap_site::generate(&config, &roadmap_site::Session::new()));
    }
});
