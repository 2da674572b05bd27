//! A parameter N → a deterministic synthetic roadmap of N tasks (phases of 20, half
//! the tasks with a ~30-line note), and the same content as a roadmap-site, Hugo,
//! Zola and mdBook site (see `sites.rs`), so that the tools build the same pages from
//! the same Markdown. Shared by `examples/bench_gen.rs` and `benches/pipeline.rs`.
#![allow(dead_code)]

pub mod sites;

/// Tasks per phase, as in real roadmaps.
pub const PHASE_SIZE: usize = 20;
/// Tasks per stream (the table's group column).
const STREAM_SIZE: usize = 5;

const VERBS: &[&str] = &[
    "Study",
    "Practise",
    "Build",
    "Review",
    "Explore",
    "Implement",
    "Read about",
    "Master",
];
const NOUNS: &[&str] = &[
    "Linear Algebra",
    "Gradient Descent",
    "Hash Maps",
    "Binary Trees",
    "Convolutions",
    "Attention",
    "Tokenizers",
    "Containers",
    "Message Queues",
    "Dynamic Programming",
    "Probability",
    "Graph Search",
    "Regularisation",
    "Embeddings",
    "Load Balancing",
    "Caching",
    "Indexing",
    "Transactions",
    "Sorting",
    "Streaming",
];
const AREAS: &[&str] = &[
    "Foundations",
    "Data",
    "Models",
    "Systems",
    "Deployment",
    "Research",
    "Tooling",
];
const LANGUAGES: &[&str] = &["python", "rust", "bash"];

/// A task's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// ✅
    Done,
    /// 🚧
    InProgress,
    /// ❌
    Todo,
}

impl Status {
    /// As written in the roadmap's status column.
    pub fn emoji(self) -> &'static str {
        match self {
            Status::Done => "✅",
            Status::InProgress => "🚧",
            Status::Todo => "❌",
        }
    }

    /// As shown on the other tools' pages.
    pub fn label(self) -> &'static str {
        match self {
            Status::Done => "Done",
            Status::InProgress => "In progress",
            Status::Todo => "To do",
        }
    }
}

/// One task.
#[derive(Debug, Clone)]
pub struct Task {
    /// Plain ASCII title, unique.
    pub title: String,
    /// roadmap-site's slug of the title (lowercase words joined by `-`).
    pub slug: String,
    /// Stream name when the task starts a stream, else empty (continues the one above).
    pub stream: String,
    /// Status.
    pub status: Status,
    /// The note's Markdown body, for every other task.
    pub note: Option<String>,
}

/// One phase.
#[derive(Debug, Clone)]
pub struct Phase {
    /// Title.
    pub title: String,
    /// Slug.
    pub slug: String,
    /// Its tasks.
    pub tasks: Vec<Task>,
}

/// The whole synthetic roadmap.
#[derive(Debug, Clone)]
pub struct Synthetic {
    /// `#` title.
    pub title: String,
    /// Phases of [`PHASE_SIZE`] tasks (the last may be shorter).
    pub phases: Vec<Phase>,
}

/// A small deterministic hash, so the content depends on N and the index only.
fn mix(i: usize, salt: u64) -> u64 {
    let mut x = (i as u64)
        .wrapping_add(salt)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 29)
}

fn slug(title: &str) -> String {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// The synthetic roadmap of `n` tasks.
pub fn generate(n: usize) -> Synthetic {
    let mut phases: Vec<Phase> = Vec::with_capacity(n.div_ceil(PHASE_SIZE));
    for i in 0..n {
        if i % PHASE_SIZE == 0 {
            let k = i / PHASE_SIZE + 1;
            let title = format!("Phase {k}: {}", AREAS[k % AREAS.len()]);
            phases.push(Phase {
                slug: slug(&title),
                title,
                tasks: Vec::with_capacity(PHASE_SIZE),
            });
        }
        let noun = NOUNS[mix(i, 1) as usize % NOUNS.len()];
        let title = format!("{} {noun} {i:05}", VERBS[mix(i, 2) as usize % VERBS.len()]);
        let status = match mix(i, 3) % 20 {
            0..=8 => Status::Done,
            9..=11 => Status::InProgress,
            _ => Status::Todo,
        };
        let stream = if i % STREAM_SIZE == 0 {
            format!(
                "{} {}",
                NOUNS[mix(i, 4) as usize % NOUNS.len()],
                i / STREAM_SIZE
            )
        } else {
            String::new()
        };
        let note = (i % 2 == 0).then(|| note(i, &title, noun));
        let phase = phases.last_mut().expect("pushed above");
        phase.tasks.push(Task {
            slug: slug(&title),
            title,
            stream,
            status,
            note,
        });
    }
    Synthetic {
        title: format!("Synthetic Roadmap of {n} Tasks"),
        phases,
    }
}

impl Synthetic {
    /// All tasks in document order.
    pub fn tasks(&self) -> impl Iterator<Item = &Task> {
        self.phases.iter().flat_map(|p| &p.tasks)
    }

    /// Pages every tool must produce: home, one per phase, one per task.
    pub fn page_count(&self) -> usize {
        1 + self.phases.len() + self.tasks().count()
    }

    /// The roadmap in roadmap-site's format: `##` phases, Stream/Task/Status tables.
    pub fn roadmap_md(&self) -> String {
        let mut md = format!("# {}\n\nA generated roadmap for benchmarks.\n", self.title);
        for phase in &self.phases {
            md.push_str(&format!("\n---\n\n## {}\n\n", phase.title));
            md.push_str("| Stream | Task | Status |\n|--------|------|--------|\n");
            for task in &phase.tasks {
                let stream = if task.stream.is_empty() {
                    String::new()
                } else {
                    format!("**{}**", task.stream)
                };
                md.push_str(&format!(
                    "| {stream} | - {} | {} |\n",
                    task.title,
                    task.status.emoji()
                ));
            }
        }
        md
    }
}

/// A note of about 30 lines: headings, emphasis, a link, a formula, lists, a
/// highlighted code block and a quote.
fn note(i: usize, title: &str, noun: &str) -> String {
    let lang = LANGUAGES[i % LANGUAGES.len()];
    let code = match lang {
        "python" => format!(
            "def step_{i}(xs, rate=0.1):\n    \"\"\"One update of {noun}.\"\"\"\n    total = 0\n    for x in xs:\n        total += x * rate\n    return total / max(len(xs), 1)\n"
        ),
        "rust" => format!(
            "fn step_{i}(xs: &[f64], rate: f64) -> f64 {{\n    // One update of {noun}.\n    let total: f64 = xs.iter().map(|x| x * rate).sum();\n    total / xs.len().max(1) as f64\n}}\n"
        ),
        _ => format!(
            "# One run of {noun}\nfor f in data/*.csv; do\n  wc -l \"$f\" >> counts-{i}.txt\ndone\nsort -n counts-{i}.txt | tail -n 3\n"
        ),
    };
    format!(
        "## Why {noun}\n\
         \n\
         {title} is a step of the roadmap. This paragraph has **bold words**, some\n\
         `inline code` and a [reference](https://example.org/notes/{i}). The relation to\n\
         remember is $a_{{{i}}} = b^2 + c$, which the exercises use throughout.\n\
         \n\
         ## Key ideas\n\
         \n\
         - The first idea about {noun}, with *emphasis* on the definitions.\n\
         - The cost grows as $O(n \\log n)$ in the worst case.\n\
         - The third idea ties it back to the earlier phases.\n\
         - Practise with small inputs first, then scale up.\n\
         \n\
         ## Example\n\
         \n\
         ```{lang}\n{code}```\n\
         \n\
         ### What to remember\n\
         \n\
         1. Read the definition twice.\n\
         2. Work one example by hand.\n\
         3. Write the code again from memory.\n\
         \n\
         > Practice beats reading: {noun} only sticks after the third try.\n\
         \n\
         ## Summary\n\
         \n\
         Task {i} is done when the example runs and the key ideas can be explained\n\
         without notes. Next comes the following task of the phase.\n"
    )
}
