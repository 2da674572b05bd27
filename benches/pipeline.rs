//! Criterion benchmarks of what ships, on the synthetic roadmap (`bench/synthetic/`)
//! at N = 200, 2,000 and 10,000 tasks:
//! - `parse`: the roadmap file alone ([`roadmap::parse`], the first stage);
//! - `generate`: the whole pipeline in memory ([`generate`]), the code cache file on
//!   disk from the build before, as for every `build` after the first;
//! - `generate-cold`: the same with the cache folder removed first, as on a fresh CI
//!   checkout (every code block highlighted);
//! - `rebuild`: a `serve` rebuild after no change ([`Session::incremental`]).
//!
//! Run with `cargo bench --bench pipeline`; `cargo bench --bench pipeline -- parse`
//! runs one group.

#[path = "../bench/synthetic/mod.rs"]
mod synthetic;

use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use roadmap_site::{Config, Session, SourceFile, generate, roadmap};

const SIZES: [usize; 3] = [200, 2_000, 10_000];

/// A synthetic site of `n` tasks in a temporary folder, and its configuration.
fn site(n: usize) -> (tempfile::TempDir, Config) {
    let dir = tempfile::tempdir().expect("temporary folder");
    synthetic::sites::roadmap_site(&synthetic::generate(n), dir.path()).expect("write site");
    let config = Config::load(dir.path()).expect("configuration");
    (dir, config)
}

fn pipeline(c: &mut Criterion) {
    for n in SIZES {
        let (dir, config) = site(n);
        // Large inputs take seconds per run: the fewest samples criterion allows.
        let samples = if n >= 10_000 { 10 } else { 20 };
        let time = Duration::from_secs(if n >= 10_000 { 20 } else { 5 });

        let path = config.root.join(&config.roadmap);
        let source = SourceFile::new(&path, std::fs::read_to_string(&path).expect("roadmap"));
        let mut group = c.benchmark_group("parse");
        group
            .sample_size(samples)
            .throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| roadmap::parse(&source, &config.rules, &mut Vec::new()))
        });
        group.finish();

        // The first build writes the code cache that `generate` then reads.
        generate(&config, &Session::new()).expect("first build");
        let mut group = c.benchmark_group("generate");
        group
            .sample_size(samples)
            .throughput(Throughput::Elements(n as u64))
            .measurement_time(time);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| generate(&config, &Session::new()).expect("build"))
        });
        group.finish();

        let mut group = c.benchmark_group("generate-cold");
        group
            .sample_size(10)
            .throughput(Throughput::Elements(n as u64))
            .measurement_time(time * 2);
        let cache = dir.path().join(".roadmap-site-cache");
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter_batched(
                || std::fs::remove_dir_all(&cache).expect("cache folder"),
                |()| generate(&config, &Session::new()).expect("build"),
                BatchSize::PerIteration,
            )
        });
        group.finish();

        let session = Session::incremental();
        generate(&config, &session).expect("first serve build");
        let mut group = c.benchmark_group("rebuild");
        group
            .sample_size(samples)
            .throughput(Throughput::Elements(n as u64))
            .measurement_time(time);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| generate(&config, &session).expect("rebuild"))
        });
        group.finish();
    }
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
