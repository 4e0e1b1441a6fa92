//! Time per MB of adversarial input against ordinary text, through the whole
//! per-article path (`Clusterer::fingerprint`: clean → normalise → bridge →
//! MinHash, plus dates) and through the cleaner alone.
//!
//! ```text
//! cargo bench --bench adversarial -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Every input is about 1 MiB (`Throughput::Bytes`), under a
//! `max_article_bytes` large enough that nothing is truncated. After the
//! criterion run, a table of each input's time per MB relative to ordinary
//! text is printed (the goal: every ratio ≤ 3).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use samestory::{Article, Clusterer, Config};

const SIZE: usize = 1 << 20;

/// Repeats `unit` to about [`SIZE`] bytes.
fn fill(unit: &str) -> String {
    unit.repeat((SIZE / unit.len()).max(1))
}

/// Ordinary text: the NTREX translations (nine languages) repeated.
fn ordinary() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ntrex-translations.jsonl");
    let data = std::fs::read(path).expect("fixture");
    let mut text = String::new();
    for a in samestory::read_jsonl(&data[..]).flatten() {
        text.push_str(&a.text);
        text.push('\n');
    }
    fill(&text)
}

fn inputs() -> Vec<(&'static str, String)> {
    let nest = |open: &str, close: &str| {
        let n = SIZE / 2 / (open.len() + close.len());
        format!(
            "{}Raimondo met Nishimura in Detroit.{}",
            open.repeat(n),
            close.repeat(n)
        )
    };
    vec![
        ("ordinary", ordinary()),
        ("run_ascii_letter", fill("a")),
        ("run_space", fill(" ")),
        ("run_digit", fill("7")),
        ("run_han", fill("日")),
        ("run_hangul", fill("한")),
        ("run_lt", fill("<")),
        ("run_amp", fill("&")),
        ("run_newline", fill("\n")),
        ("run_combining", fill("\u{301}")),
        ("nested_tags", nest("<div><span>", "</span></div>")),
        ("unclosed_tags", fill("<b>")),
        ("nested_brackets", nest("[[", "]]")),
        ("nested_md_links", nest("[", "](u)")),
        ("dates_zh", fill("2023年5月26日，")),
        ("dates_en", fill("May 26, 2023; ")),
        ("dates_numeric", fill("26.05.2023 ")),
        (
            "dates_weekday_relative",
            fill("周五 昨天 Friday yesterday 금요일 "),
        ),
        (
            "dates_mixed",
            fill("5月26日 26日 2023-05-26 Fri, 26 May 2023 "),
        ),
        ("numbers", fill("1,234.5 ")),
    ]
}

fn main() {
    let clusterer = Clusterer::with_config(Config::default().max_article_bytes(4 * SIZE))
        .expect("valid config");
    let inputs = inputs();
    let mut c = Criterion::default().sample_size(10).configure_from_args();
    {
        let mut g = c.benchmark_group("adversarial");
        g.sample_size(10);
        for (name, text) in &inputs {
            g.throughput(Throughput::Bytes(text.len() as u64));
            let article = Article::new(*name, text.as_str());
            g.bench_function(*name, |b| {
                b.iter(|| clusterer.fingerprint(black_box(&article)))
            });
        }
        g.finish();
    }
    {
        let mut g = c.benchmark_group("adversarial_clean");
        g.sample_size(10);
        for (name, text) in &inputs {
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function(*name, |b| {
                b.iter(|| samestory::stages::clean(black_box(text)))
            });
        }
        g.finish();
    }
    c.final_summary();
    report(&inputs);
}

/// Prints each input's time per MB relative to ordinary text, from the
/// estimates criterion just wrote.
fn report(inputs: &[(&str, String)]) {
    let root = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("criterion");
    for group in ["adversarial", "adversarial_clean"] {
        let per_mb = |name: &str, len: usize| -> Option<Duration> {
            let path = root.join(group).join(name).join("new/estimates.json");
            let json: serde_json::Value =
                serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
            let ns = json["mean"]["point_estimate"].as_f64()?;
            Some(Duration::from_secs_f64(
                ns * 1e-9 * SIZE as f64 / len as f64,
            ))
        };
        let Some(base) = per_mb("ordinary", inputs[0].1.len()) else {
            continue;
        };
        println!("\n{group}: time per MiB, relative to ordinary text");
        let mut worst: (f64, &str) = (0.0, "");
        for (name, text) in inputs {
            let Some(t) = per_mb(name, text.len()) else {
                continue;
            };
            let ratio = t.as_secs_f64() / base.as_secs_f64();
            if *name != "ordinary" && ratio > worst.0 {
                worst = (ratio, name);
            }
            println!(
                "  {name:<24} {:>9.2} ms/MiB  {ratio:>5.2}×",
                t.as_secs_f64() * 1e3
            );
        }
        println!("  worst: {} at {:.2}× ordinary", worst.1, worst.0);
    }
}
