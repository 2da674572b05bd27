//! The code cache's behaviour: what a build gets, keeps and saves.

use super::file::{FILE, FINGERPRINT};
use super::*;

/// What highlighting without the cache gives.
fn direct(code: &str, language: &str) -> Option<Arc<str>> {
    highlight(code, language).map(Arc::from)
}

#[test]
fn the_cache_gives_what_highlighting_gives_and_is_shared_by_clones() {
    let cache = CodeCache::default();
    let shared = cache.clone();
    let direct = direct("x = 1\n", "python");
    assert!(direct.is_some());
    assert_eq!(cache.highlight("x = 1\n", "python"), direct);
    assert_eq!(shared.highlight("x = 1\n", "python"), direct);
    assert_eq!(cache.highlight("x", "no-such-language"), None);
    assert_eq!(cache.highlight("plain text", ""), None);
    assert_eq!(format!("{shared:?}"), "CodeCache(2 blocks)");
}

#[test]
fn a_build_keeps_only_the_blocks_it_used_and_the_file_survives_the_process() {
    let dir = tempfile::tempdir().unwrap();
    let cache = CodeCache::default();
    cache.begin(dir.path());
    cache.highlight("a = 1\n", "python");
    cache.highlight("b = 2\n", "python");
    cache.finish().unwrap();
    // A one-build cache lets go of its blocks once they are saved.
    assert_eq!(format!("{cache:?}"), "CodeCache(0 blocks)");

    // A later build (here: another process) that uses one block keeps one.
    let next = CodeCache::default();
    next.begin(dir.path());
    assert_eq!(format!("{next:?}"), "CodeCache(2 blocks)");
    let html = next.highlight("b = 2\n", "python");
    assert_eq!(html, direct("b = 2\n", "python"));
    next.finish().unwrap();
    // serve's cache keeps its blocks from one build to the next.
    let third = CodeCache::kept();
    third.begin(dir.path());
    assert_eq!(format!("{third:?}"), "CodeCache(1 blocks)");
    third.highlight("b = 2\n", "python");
    third.finish().unwrap();
    assert_eq!(format!("{third:?}"), "CodeCache(1 blocks)");

    // A block only touched (a note serve reuses) is kept; an unused one is not.
    third.begin(dir.path());
    third.highlight("c = 3\n", "python");
    third.touch(&[("python".into(), "b = 2\n".into())]);
    third.finish().unwrap();
    assert_eq!(format!("{third:?}"), "CodeCache(2 blocks)");
    third.begin(dir.path());
    third.touch(&[("python".into(), "b = 2\n".into())]);
    third.finish().unwrap();
    assert_eq!(format!("{third:?}"), "CodeCache(1 blocks)");
}

/// A cache file of blocks with HTML no highlighter makes, which tells where a
/// result came from.
fn forged(dir: &Path) -> Vec<u8> {
    let blocks = vec![
        ("python", "a\n", Some("A FROM FILE")),
        ("python", "b\n", Some("B FROM FILE")),
    ];
    let file = rmp_serde::to_vec(&(FINGERPRINT, &blocks)).unwrap();
    std::fs::write(dir.join(FILE), &file).unwrap();
    file
}

#[test]
fn blocks_from_the_file_are_served_and_saved_again_with_the_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    forged(dir.path());
    let cache = CodeCache::default();
    cache.begin(dir.path());
    let b = cache.highlight("b\n", "python");
    assert_eq!(b.as_deref(), Some("B FROM FILE"));
    cache.highlight("c\n", "python");
    cache.finish().unwrap();

    // `b` came from the file, `c` from the highlighter; both are saved.
    let next = CodeCache::default();
    next.begin(dir.path());
    assert_eq!(format!("{next:?}"), "CodeCache(2 blocks)");
    let b = next.highlight("b\n", "python");
    assert_eq!(b.as_deref(), Some("B FROM FILE"));
    assert_eq!(next.highlight("c\n", "python"), direct("c\n", "python"));
}

#[test]
fn a_block_used_twice_in_a_build_comes_from_the_file_again_not_the_highlighter() {
    let dir = tempfile::tempdir().unwrap();
    let file = forged(dir.path());
    let cache = CodeCache::default();
    cache.begin(dir.path());
    for block in ["a\n", "b\n", "a\n", "b\n", "a\n"] {
        let html = cache.highlight(block, "python").unwrap();
        assert!(html.ends_with("FROM FILE"), "{block:?}: {html}");
    }
    cache.finish().unwrap();
    // Nothing new: the file is left as it was.
    assert_eq!(std::fs::read(dir.path().join(FILE)).unwrap(), file);
    assert_eq!(cache.lock().highlighted, 0);
}

#[test]
fn an_abandoned_build_lets_go_of_its_blocks_and_leaves_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = forged(dir.path());
    let cache = CodeCache::default();
    cache.begin(dir.path());
    assert_eq!(format!("{cache:?}"), "CodeCache(2 blocks)");
    cache.abandon();
    assert_eq!(format!("{cache:?}"), "CodeCache(0 blocks)");
    assert_eq!(std::fs::read(dir.path().join(FILE)).unwrap(), file);
    // A kept cache keeps its blocks for the next build.
    let kept = CodeCache::kept();
    kept.begin(dir.path());
    kept.abandon();
    assert_eq!(format!("{kept:?}"), "CodeCache(2 blocks)");
}

#[test]
fn the_file_is_read_once_per_build_so_losing_it_midway_loses_no_block() {
    let dir = tempfile::tempdir().unwrap();
    let first = CodeCache::default();
    first.begin(dir.path());
    first.highlight("a\n", "python");
    first.finish().unwrap();

    let cache = CodeCache::default();
    cache.begin(dir.path());
    assert!(cache.highlight("a\n", "python").is_some());
    std::fs::remove_file(dir.path().join(FILE)).unwrap();
    cache.highlight("b\n", "python");
    assert!(cache.highlight("a\n", "python").is_some());
    cache.finish().unwrap();
    let next = CodeCache::default();
    next.begin(dir.path());
    assert_eq!(format!("{next:?}"), "CodeCache(2 blocks)");
    assert_eq!(next.highlight("a\n", "python"), direct("a\n", "python"));
    assert_eq!(next.lock().highlighted, 0);
}

#[test]
fn a_cache_file_of_another_version_or_garbage_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    // The same file is trusted under this version's fingerprint, ignored under another.
    let blocks = vec![("python", "x\n", Some("FORGED"))];
    for (fingerprint, trusted) in [(FINGERPRINT, true), ("roadmap-site 0.0.0 code v1", false)] {
        let file = rmp_serde::to_vec(&(fingerprint, &blocks)).unwrap();
        std::fs::write(dir.path().join(FILE), file).unwrap();
        let cache = CodeCache::default();
        cache.begin(dir.path());
        let html = cache.highlight("x\n", "python");
        assert_eq!(html.as_deref() == Some("FORGED"), trusted, "{fingerprint}");
    }

    std::fs::write(dir.path().join(FILE), b"\xff not msgpack").unwrap();
    let cache = CodeCache::default();
    cache.begin(dir.path());
    assert_eq!(format!("{cache:?}"), "CodeCache(0 blocks)");
}

#[test]
fn a_new_block_used_twice_in_a_build_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let cache = CodeCache::default();
    cache.begin(dir.path());
    for block in ["a\n", "b\n", "a\n"] {
        cache.highlight(block, "python");
    }
    cache.finish().unwrap();
    let next = CodeCache::default();
    next.begin(dir.path());
    assert_eq!(format!("{next:?}"), "CodeCache(2 blocks)");
    for block in ["a\n", "b\n"] {
        assert_eq!(next.highlight(block, "python"), direct(block, "python"));
    }
    assert_eq!(next.lock().highlighted, 0);
}

#[test]
fn a_cache_without_a_build_highlights_each_block_once() {
    let cache = CodeCache::default();
    for _ in 0..4 {
        assert_eq!(cache.highlight("a\n", "python"), direct("a\n", "python"));
    }
    assert_eq!(cache.lock().highlighted, 1);
}

/// The saved file of a build that highlights `uses` on four threads.
fn saved_after(uses: &[String]) -> Vec<u8> {
    use rayon::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let cache = CodeCache::default();
    cache.begin(dir.path());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap();
    pool.install(|| {
        uses.par_iter().for_each(|code| {
            cache.highlight(code, "python");
        });
    });
    cache.finish().unwrap();
    std::fs::read(dir.path().join(FILE)).unwrap()
}

#[test]
fn the_saved_file_depends_on_the_blocks_not_on_their_order_or_threads() {
    let blocks: Vec<String> = (0..60).map(|i| format!("x = {i}\n")).collect();
    // Every block once, in order, then each block up to three times, shuffled
    // two ways: the first use of a block may race its second on another thread.
    let mut twice: Vec<String> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        twice.extend(std::iter::repeat_n(block.clone(), 1 + i % 3));
    }
    let once = saved_after(&blocks);
    let mut interleaved = twice.clone();
    interleaved.sort_by_key(|code| code.len() * 7 % 5);
    for uses in [
        twice.clone(),
        twice.into_iter().rev().collect(),
        interleaved,
    ] {
        assert!(saved_after(&uses) == once, "the saved file differs");
    }
}

#[test]
fn a_block_from_the_file_stays_there_and_is_read_at_each_use() {
    let dir = tempfile::tempdir().unwrap();
    forged(dir.path());
    let cache = CodeCache::kept();
    cache.begin(dir.path());
    let in_file = |cache: &CodeCache| {
        let blocks = cache.lock();
        let entry = &blocks.entries[&("python".to_string(), "a\n".to_string())];
        matches!(entry.html, Html::InFile { .. })
    };
    assert!(in_file(&cache));
    for _ in 0..2 {
        assert_eq!(
            cache.highlight("a\n", "python").as_deref(),
            Some("A FROM FILE")
        );
        assert!(in_file(&cache));
    }
    // Saved (`b` went unused) and still read from the file read at the start, which
    // the kept cache holds open for the next build.
    cache.finish().unwrap();
    cache.begin(dir.path());
    assert_eq!(
        cache.highlight("a\n", "python").as_deref(),
        Some("A FROM FILE")
    );
    assert!(in_file(&cache));
}

/// On Windows a file open for reading is not replaced under its reader.
#[cfg(unix)]
#[test]
fn a_build_reads_the_file_it_indexed_when_another_build_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    forged(dir.path());
    let cache = CodeCache::default();
    cache.begin(dir.path());
    let blocks = vec![("python", "a\n", Some("OTHER HTML, OTHER OFFSETS"))];
    let other = rmp_serde::to_vec(&(FINGERPRINT, &blocks)).unwrap();
    crate::cache_dir::write(&dir.path().join(FILE), &other).unwrap();
    assert_eq!(
        cache.highlight("a\n", "python").as_deref(),
        Some("A FROM FILE")
    );
    assert_eq!(
        cache.highlight("b\n", "python").as_deref(),
        Some("B FROM FILE")
    );
}

#[test]
fn the_saved_file_is_the_format_rmp_serde_reads() {
    let dir = tempfile::tempdir().unwrap();
    forged(dir.path());
    let cache = CodeCache::default();
    cache.begin(dir.path());
    cache.highlight("b\n", "python");
    cache.highlight("x", "no-such-language");
    // A string over 255 bytes: its length takes two bytes.
    let long = "long_name = 1\n".repeat(30);
    cache.highlight(&long, "python");
    cache.finish().unwrap();
    let saved = std::fs::read(dir.path().join(FILE)).unwrap();
    type OnDisk = (String, Vec<(String, String, Option<String>)>);
    let (fingerprint, blocks): OnDisk = rmp_serde::from_slice(&saved).unwrap();
    assert_eq!(fingerprint, FINGERPRINT);
    let html = highlight(&long, "python");
    let expected = vec![
        ("no-such-language".to_string(), "x".to_string(), None),
        (
            "python".to_string(),
            "b\n".to_string(),
            Some("B FROM FILE".to_string()),
        ),
        ("python".to_string(), long.clone(), html.clone()),
    ];
    assert_eq!(blocks, expected);
    // And read back by this cache.
    let next = CodeCache::default();
    next.begin(dir.path());
    assert_eq!(next.highlight(&long, "python").as_deref(), html.as_deref());
    assert_eq!(next.highlight("x", "no-such-language"), None);
    assert_eq!(next.lock().highlighted, 0);
}

#[test]
fn a_truncated_cache_file_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let file = forged(dir.path());
    std::fs::write(dir.path().join(FILE), &file[..file.len() - 3]).unwrap();
    let cache = CodeCache::default();
    cache.begin(dir.path());
    assert_eq!(format!("{cache:?}"), "CodeCache(0 blocks)");
    assert_eq!(cache.highlight("a\n", "python"), direct("a\n", "python"));
}
