//! The library in streaming mode: feed articles day by day into an
//! `EventIndex` kept in a state file, so that event IDs stay stable across
//! runs; print each article's event and any merge it caused.
//!
//! ```text
//! cargo run --release --example library_stream -- events.state tests/fixtures/ntrex-translations.jsonl
//! ```
//!
//! Run it twice: the second run resumes from `events.state` and its
//! articles join the events of the first.

use std::io::BufReader;
use std::path::Path;
use std::process::ExitCode;

use samestory::{Article, Config, Error, EventIndex, read_jsonl};

fn run(state: &Path, input: &str) -> Result<(), Error> {
    let mut index = if state.exists() {
        EventIndex::load(state)? // resumes with its saved settings
    } else {
        EventIndex::new(Config::default().retention_days(30))?
    };
    let file = std::fs::File::open(input).map_err(|source| Error::Io {
        path: input.into(),
        source,
    })?;
    let articles: Vec<Article> = read_jsonl(BufReader::new(file))
        .filter_map(|r| r.map_err(|e| eprintln!("library_stream: {e}")).ok())
        .collect();
    // One article at a time (`insert`) or many (`insert_batch`, fingerprints
    // in parallel, assignments in order: the same result).
    for (a, ins) in articles.iter().zip(index.insert_batch(&articles)) {
        let what = if ins.new_event { "new event" } else { "joined" };
        println!("{}: {} {what} (score {:.2})", a.id, ins.event, ins.score);
        for old in &ins.merged {
            println!(
                "  {old} is the same event: now an alias of {}",
                index.resolve(*old)
            );
        }
    }
    index.save(state)?; // atomic: the old state survives any failure
    eprintln!(
        "library_stream: {} events, {} live articles, saved to {}",
        index.event_count(),
        index.live_articles(),
        state.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [state, input] = &args[..] else {
        eprintln!("usage: library_stream STATE_FILE INPUT.jsonl");
        return ExitCode::from(2);
    };
    match run(Path::new(state), input) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("library_stream: {e}");
            ExitCode::from(1)
        }
    }
}
