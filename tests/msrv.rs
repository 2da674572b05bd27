//! `rust-version` in Cargo.toml against the locked dependencies: the declared minimum
//! Rust must be at least every locked package's own `rust-version`, or a user on the
//! declared version cannot build with `--locked`. (This machine has one toolchain, so
//! compiling with the declared version itself is not possible here.)

use std::process::Command;

/// `1.88` and `1.88.0` alike, as `[1, 88, 0]`.
fn version(text: &str) -> Vec<u64> {
    let mut parts: Vec<u64> = text.split('.').map(|part| part.parse().unwrap()).collect();
    parts.resize(3, 0);
    parts
}

#[test]
fn the_declared_rust_version_covers_every_locked_dependency() {
    // Only this platform's packages: a fresh machine has downloaded no others, and
    // without the filter `cargo metadata` would need them all (it fails offline).
    let rustc = Command::new("rustc").arg("-vV").output().unwrap();
    let host = String::from_utf8_lossy(&rustc.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("host: ").map(str::to_string))
        .expect("rustc -vV names the host");
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--locked", "--offline", "--format-version", "1"])
        .args(["--filter-platform", &host])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let packages = metadata["packages"].as_array().unwrap();
    let ours = packages
        .iter()
        .find(|p| p["name"] == env!("CARGO_PKG_NAME"))
        .unwrap();
    let declared = version(ours["rust_version"].as_str().unwrap());
    let newer: Vec<String> = packages
        .iter()
        .filter_map(|p| {
            let needed = version(p["rust_version"].as_str()?);
            (needed > declared).then(|| format!("{} {} needs {needed:?}", p["name"], p["version"]))
        })
        .collect();
    assert!(packages.len() > 100, "only {} packages", packages.len());
    assert!(
        newer.is_empty(),
        "rust-version {declared:?} is below what these locked packages need:\n{}",
        newer.join("\n")
    );
}
