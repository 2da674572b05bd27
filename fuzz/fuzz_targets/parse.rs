//! Arbitrary bytes as a roadmap file → decoding and parsing must never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap_site::roadmap::{Rules, parse};

fuzz_target!(|bytes: &[u8]| {
    let Ok((source, _warnings)) = roadmap_site::decode(std::path::Path::new("roadmap.md"), bytes) else {
        return;
    };
    let mut diagnostics = Vec::new();
    let roadmap = parse(&source, &Rules::default(), &mut diagnostics);
    for diagnostic in &diagnostics {
        let _ = diagnostic.to_string();
    }
    std::hint::black_box(roadmap);
});
