//! Criterion benchmarks of the pipeline's stages on the synthetic roadmap
//! (`bench/synthetic/`) at N = 200, 2,000 and 10,000 tasks: `parse` (the roadmap
//! file), `markdown` (the site model: notes linked and rendered, formulas to MathML,
//! code from the code cache), `markdown-cold` (the same with every code block
//! highlighted) and `templates` (every page and file of the site, in memory).
//! Run with `cargo bench --bench pipeline`; `cargo bench --bench pipeline -- parse`
//! runs one group.

#[path = "../bench/synthetic/mod.rs"]
mod synthetic;

use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use roadmap_site::{Config, stages};

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
        let (_dir, config) = site(n);
        let inputs = stages::load(&config, &mut Vec::new()).expect("load");
        let roadmap = stages::parse(&config, &inputs, &mut Vec::new());
        let model = stages::model(&config, &inputs, roadmap.clone(), &mut Vec::new());
        let theme = stages::theme(&config).expect("theme");
        // Large inputs take seconds per run: the fewest samples criterion allows.
        let samples = if n >= 10_000 { 10 } else { 20 };

        let mut group = c.benchmark_group("parse");
        group
            .sample_size(samples)
            .throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| stages::parse(&config, &inputs, &mut Vec::new()))
        });
        group.finish();

        // Highlighted code comes from the code cache once a block has been seen:
        // `markdown` is a rebuild (the cache warm, as after the first build),
        // `markdown-cold` a first build (every block highlighted by syntect).
        let mut group = c.benchmark_group("markdown");
        group
            .sample_size(samples)
            .throughput(Throughput::Elements(n as u64));
        group.measurement_time(Duration::from_secs(if n >= 10_000 { 10 } else { 5 }));
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter_batched(
                || roadmap.clone(),
                |roadmap| stages::model(&config, &inputs, roadmap, &mut Vec::new()),
                BatchSize::LargeInput,
            )
        });
        group.finish();

        let mut group = c.benchmark_group("markdown-cold");
        group
            .sample_size(10)
            .throughput(Throughput::Elements(n as u64));
        group.measurement_time(Duration::from_secs(if n >= 10_000 { 30 } else { 5 }));
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter_batched(
                || {
                    let mut cold = config.clone();
                    cold.code_cache = Default::default();
                    (cold, roadmap.clone())
                },
                |(cold, roadmap)| stages::model(&cold, &inputs, roadmap, &mut Vec::new()),
                BatchSize::LargeInput,
            )
        });
        group.finish();

        let mut group = c.benchmark_group("templates");
        group
            .sample_size(samples)
            .throughput(Throughput::Elements(n as u64));
        group.measurement_time(Duration::from_secs(if n >= 10_000 { 10 } else { 5 }));
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| stages::render(&config, &inputs, &model, &theme).expect("render"))
        });
        group.finish();
    }
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
