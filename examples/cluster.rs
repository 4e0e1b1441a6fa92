//! Clusters articles into events.
//!
//! ```text
//! cargo run --release --example cluster -- [INPUT]
//! ```
//!
//! INPUT is a JSONL file of articles (`{"id", "text", "title"?, "published"?,
//! "lang"?}` per line), a folder of `.txt`/`.html`/`.md`/`.jsonl` files, or
//! `-` / nothing for standard input; with no INPUT and a terminal on
//! stdin, the five bundled seed articles are clustered. Writes one JSON line per article to
//! stdout, `{"id", "event_id", "lang", "score"}`, in input order, and a short
//! summary to stderr. A malformed line is reported with its line number and
//! skipped.
//!
//! With `--state FILE` the articles are ingested into a persistent streaming
//! [`EventIndex`](samestory::EventIndex) instead: FILE is loaded if it exists
//! (its saved settings are used), the articles are inserted in input order,
//! and the new state is saved atomically to FILE. Each output line then
//! carries `"merged": [ids…]` when the article showed those earlier events
//! to be the same as its own (they are now aliases of `event_id`). A state
//! file that cannot be read (truncated, corrupted, newer format) is a fatal
//! error and is left untouched.
//!
//! Exit codes: 0 all input used; 3 some lines were rejected (the rest was
//! clustered and written); 1 fatal error (unreadable input); 2 bad usage.

use std::io::{BufReader, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use samestory::{Article, Clusterer, Config, Error, EventIndex, read_dir, read_jsonl};

/// The five seed articles, embedded so the example runs with no input at all.
const SEEDS: [(&str, &str); 5] = [
    (
        "000_a96d44d8d1ab04b3",
        include_str!("../tests/fixtures/seeds/000_a96d44d8d1ab04b3.txt"),
    ),
    (
        "001_a53d34036df167a0",
        include_str!("../tests/fixtures/seeds/001_a53d34036df167a0.txt"),
    ),
    (
        "002_a7029f30220f9d2e",
        include_str!("../tests/fixtures/seeds/002_a7029f30220f9d2e.txt"),
    ),
    (
        "003_3d5a385bf9cf1884",
        include_str!("../tests/fixtures/seeds/003_3d5a385bf9cf1884.txt"),
    ),
    (
        "004_b4e1f90dd8acd77a",
        include_str!("../tests/fixtures/seeds/004_b4e1f90dd8acd77a.txt"),
    ),
];

const USAGE: &str = "usage: cluster [--threshold X] [--state FILE] [INPUT.jsonl | FOLDER | -]

Clusters news articles into events; one JSON line per article on stdout.
  --threshold X   similarity two clusters need to merge (default 0.10);
                  higher: fewer false merges, more split events
  --state FILE    streaming mode: load FILE if it exists, insert the articles
                  in input order, save the new state to FILE (atomically)";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let mut config = Config::default();
    let mut threshold_given = false;
    if let Some(i) = args.iter().position(|a| a == "--threshold") {
        let Some(t) = args.get(i + 1).and_then(|v| v.parse::<f64>().ok()) else {
            eprintln!("cluster: --threshold needs a number, e.g. --threshold 0.12\n\n{USAGE}");
            return ExitCode::from(2);
        };
        config = config.threshold(t);
        threshold_given = true;
        args.drain(i..i + 2);
    }
    let mut state: Option<String> = None;
    if let Some(i) = args.iter().position(|a| a == "--state") {
        let Some(f) = args.get(i + 1).filter(|f| !f.starts_with("--")) else {
            eprintln!("cluster: --state needs a file, e.g. --state events.state\n\n{USAGE}");
            return ExitCode::from(2);
        };
        state = Some(f.clone());
        args.drain(i..i + 2);
    }
    if args.len() > 1 || args.first().is_some_and(|a| a.starts_with("--")) {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let clusterer = match Clusterer::with_config(config.clone()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cluster: {e}");
            return ExitCode::from(2);
        }
    };
    let input = args.first().map(String::as_str);
    let results: Vec<Result<Article, Error>> = if input.is_none() && std::io::stdin().is_terminal()
    {
        // Nothing piped in and no path: cluster the bundled seed articles.
        eprintln!(
            "cluster: no input given; clustering the bundled seed articles (pass a JSONL file, a folder or - for stdin)"
        );
        SEEDS
            .iter()
            .map(|(id, text)| Ok(Article::new(*id, *text)))
            .collect()
    } else if input.is_none_or(|i| i == "-") {
        read_jsonl(std::io::stdin().lock()).collect()
    } else if let Some(input) = input.filter(|i| Path::new(i).is_dir()) {
        match read_dir(Path::new(input)) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("cluster: {e}");
                return ExitCode::from(1);
            }
        }
    } else {
        let input = input.unwrap_or("-");
        match std::fs::File::open(input) {
            Ok(f) => read_jsonl(BufReader::new(f)).collect(),
            Err(source) => {
                eprintln!(
                    "cluster: {}",
                    Error::Io {
                        path: input.into(),
                        source
                    }
                );
                return ExitCode::from(1);
            }
        }
    };
    let mut articles = Vec::with_capacity(results.len());
    let mut rejected = 0;
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(e) => {
                rejected += 1;
                eprintln!("cluster: {e}");
            }
        }
    }
    if let Some(state) = state {
        return match stream(&state, config, threshold_given, &articles) {
            Ok(()) if rejected > 0 => ExitCode::from(3),
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("cluster: {e}");
                ExitCode::from(1)
            }
        };
    }
    let start = std::time::Instant::now();
    let clustering = clusterer.cluster(&articles);
    let elapsed = start.elapsed();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for a in clustering.assignments() {
        let line = serde_json::json!({"id": a.id, "event_id": a.event.to_string(), "lang": a.lang.code(), "score": (a.score * 1000.0).round() / 1000.0});
        if writeln!(out, "{line}").is_err() {
            return ExitCode::from(1);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(1);
    }
    // Warnings (truncated bodies, unreadable dates, duplicate ids) do not
    // change the exit code: the articles were clustered.
    for (i, w) in clustering.warnings() {
        eprintln!("cluster: warning: {}: {w}", articles[*i].id);
    }
    eprintln!(
        "cluster: {} articles → {} events in {:.2} s{}",
        articles.len(),
        clustering.events().len(),
        elapsed.as_secs_f64(),
        if rejected > 0 {
            format!("; {rejected} lines rejected")
        } else {
            String::new()
        }
    );
    if rejected > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    }
}

/// The streaming path: load (or create) the state, insert, write, save.
fn stream(
    state: &str,
    config: Config,
    threshold_given: bool,
    articles: &[Article],
) -> Result<(), Error> {
    let start = std::time::Instant::now();
    let path = Path::new(state);
    let mut index = if path.exists() {
        if threshold_given {
            eprintln!("cluster: {state} exists: its saved settings are used (--threshold ignored)");
        }
        EventIndex::load(path)?
    } else {
        EventIndex::new(config)?
    };
    let before = index.articles_inserted();
    let insertions = index.insert_batch(articles);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let io = |source| Error::Io {
        path: "-".into(),
        source,
    };
    let mut merges = 0;
    for (a, ins) in articles.iter().zip(&insertions) {
        let mut line = serde_json::json!({"id": a.id, "event_id": ins.event.to_string(), "lang": ins.lang.code(), "score": (ins.score * 1000.0).round() / 1000.0});
        if !ins.merged.is_empty() {
            merges += ins.merged.len();
            line["merged"] = ins.merged.iter().map(|m| m.to_string()).collect();
        }
        writeln!(out, "{line}").map_err(io)?;
    }
    out.flush().map_err(io)?;
    index.save(path)?;
    eprintln!(
        "cluster: {} articles streamed into {state} ({} before) → {} events, {} merges, {} live articles in {:.2} s",
        articles.len(),
        before,
        index.event_count(),
        merges,
        index.live_articles(),
        start.elapsed().as_secs_f64(),
    );
    Ok(())
}
