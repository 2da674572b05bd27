//! `time_edit ROADMAP` → the median time of planning one status edit (the middle
//! task, to done or back) in that roadmap file, over 5 runs: what a click under
//! `serve` costs before the write. Figures in BENCHMARKS.md ("Status edits").

fn main() {
    let path = std::env::args().nth(1).unwrap();
    let raw = std::fs::read(path).unwrap();
    let rules = roadmap_site::roadmap::Rules::default();
    let text = roadmap_site::edit::RawText::new(&raw).unwrap().text.clone();
    let tasks = roadmap_site::edit::read_tasks(&text, &rules);
    let index = tasks.len() / 2;
    let to = if tasks[index].1 == roadmap_site::roadmap::Status::Done {
        roadmap_site::roadmap::Status::Todo
    } else {
        roadmap_site::roadmap::Status::Done
    };
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = std::time::Instant::now();
        roadmap_site::edit::plan(&raw, &rules, index, to, None).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{} tasks, {} bytes: median {:.1} ms, range {:.1}–{:.1}",
        tasks.len(),
        raw.len(),
        times[2],
        times[0],
        times[4]
    );
}
