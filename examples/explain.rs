//! Explains why two articles are or are not the same event.
//!
//! ```text
//! cargo run --example explain -- INPUT.jsonl ID1 ID2
//! ```

use std::io::BufReader;
use std::process::ExitCode;

use samestory::{Article, Clusterer, read_dir, read_jsonl};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, id1, id2] = &args[..] else {
        eprintln!("usage: explain INPUT.jsonl|FOLDER ID1 ID2");
        return ExitCode::from(2);
    };
    let path = std::path::Path::new(input);
    let articles: Vec<Article> = if path.is_dir() {
        match read_dir(path) {
            Ok(r) => r.into_iter().filter_map(Result::ok).collect(),
            Err(e) => {
                eprintln!("explain: {e}");
                return ExitCode::from(1);
            }
        }
    } else {
        match std::fs::File::open(path) {
            Ok(f) => read_jsonl(BufReader::new(f))
                .filter_map(Result::ok)
                .collect(),
            Err(e) => {
                eprintln!("explain: {input}: {e}");
                return ExitCode::from(1);
            }
        }
    };
    let find = |id: &str| articles.iter().find(|a| a.id == id);
    let (Some(a), Some(b)) = (find(id1), find(id2)) else {
        eprintln!("explain: both ids must be in {input} (looked for {id1:?} and {id2:?})");
        return ExitCode::from(1);
    };
    print!("{}", Clusterer::new().explain(a, b));
    ExitCode::SUCCESS
}
