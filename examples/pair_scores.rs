//! Prints the verifier's score for every pair of articles, for tuning:
//! `cargo run --release --example pair_scores -- INPUT.jsonl > pairs.tsv`
//! writes `id1 id2 jaccard score dates_compatible` per pair.

use std::io::{BufReader, Write};

use samestory::{Article, Clusterer, read_jsonl};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: pair_scores INPUT.jsonl")?;
    let articles: Vec<Article> = read_jsonl(BufReader::new(std::fs::File::open(&path)?))
        .filter_map(Result::ok)
        .collect();
    let clusterer = Clusterer::new();
    let fps: Vec<_> = articles.iter().map(|a| clusterer.fingerprint(a)).collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for i in 0..fps.len() {
        for j in i + 1..fps.len() {
            let s = clusterer.compare(&fps[i], &fps[j]);
            writeln!(
                out,
                "{}\t{}\t{:.4}\t{:.4}\t{}",
                articles[i].id, articles[j].id, s.similarity, s.score, s.dates_compatible
            )?;
        }
    }
    Ok(())
}
