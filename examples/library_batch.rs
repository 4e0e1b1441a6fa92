//! The library in batch mode: cluster a JSONL file, print each event with
//! its languages and a representative title, and write an HTML report.
//!
//! ```text
//! cargo run --release --example library_batch -- tests/fixtures/ntrex-translations.jsonl events.html
//! ```

use std::io::BufReader;
use std::process::ExitCode;

use samestory::report::Report;
use samestory::{Article, Clusterer, read_jsonl};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, html] = &args[..] else {
        eprintln!("usage: library_batch INPUT.jsonl REPORT.html");
        return ExitCode::from(2);
    };
    let file = match std::fs::File::open(input) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("library_batch: {input}: {e}");
            return ExitCode::from(1);
        }
    };
    // Bad lines are errors naming their line; keep the good ones.
    let mut articles: Vec<Article> = Vec::new();
    for r in read_jsonl(BufReader::new(file)) {
        match r {
            Ok(a) => articles.push(a),
            Err(e) => eprintln!("library_batch: {e}"),
        }
    }

    let clusterer = Clusterer::new();
    // `clusterer.cluster(&articles)` is enough for the event IDs; keeping the
    // fingerprints lets the report show the evidence without recomputing it.
    let fingerprints = clusterer.fingerprint_all(&articles, |_| {});
    let clustering = clusterer.cluster_fingerprints(&articles, &fingerprints);
    for a in clustering.assignments().iter().take(3) {
        println!(
            "{} → {} ({}, score {:.2})",
            a.id,
            a.event,
            a.lang.code(),
            a.score
        );
    }

    let report = Report::from_clustering(&articles, &clustering, &fingerprints);
    for e in report.events() {
        let langs: Vec<&str> = e.langs.iter().map(|(l, _)| l.code()).collect();
        println!(
            "{}  {:>3} articles  [{}]  {}",
            e.id,
            e.members.len(),
            langs.join(" "),
            e.title
        );
    }
    if let Err(e) = std::fs::write(html, report.heading("My events").to_html()) {
        eprintln!("library_batch: {html}: {e}");
        return ExitCode::from(1);
    }
    eprintln!("library_batch: wrote {html}");
    ExitCode::SUCCESS
}
