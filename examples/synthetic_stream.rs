//! Synthetic news streams derived from the bundled fixtures, for load tests
//! of the streaming [`EventIndex`](samestory::EventIndex).
//!
//! ```text
//! cargo run --release --example synthetic_stream -- jsonl N [DAYS]
//! cargo run --release --example synthetic_stream -- measure N [--days D] [--pool P]
//!     [--retention R] [--drop] [--every E] [--save FILE]
//! cargo run --release --example synthetic_stream -- load FILE [--save OUT]
//! ```
//!
//! Sources: the seed articles (`tests/fixtures/seeds`) and the NTREX-128
//! sample (`tests/fixtures/ntrex-sample.jsonl`, CC BY-SA 4.0), whose language
//! versions of one story are sentence-aligned. A synthetic *event* takes one
//! story, picks a day of the simulated year (2024, day 0 = 2024-01-01), and
//! emits 1–10 articles published that day or the next, each a mutation of one
//! language version: sentences shuffled (the lead kept first), about 20 %
//! dropped, 5 % duplicated, one to three sentences borrowed from another story
//! of the same language, numbers changed, some capitalised names swapped for
//! names from other stories. About 1 % of articles arrive late, published
//! 30–200 days before the current day. Everything is driven by a fixed-seed
//! SplitMix64 generator: the same arguments give the same stream.
//!
//! `jsonl` prints N such articles as JSONL (input for `cluster --state`).
//!
//! `measure` streams N articles into an `EventIndex` and prints resident
//! memory every E articles (default 250 000). Fingerprinting costs about
//! 4 ms per article, too slow for millions, so `measure` fingerprints a pool
//! of P text-mutated articles for real (default 20 000, in parallel) and
//! derives each streamed article from a pool entry at the fingerprint level:
//! dates moved to the simulated day, 90 % of the signature replaced by values
//! seeded per synthetic event (the event's articles stay alike, events stay
//! apart) and 10 % per article. With `--save FILE` it then saves the index,
//! loads it back and prints both times and the file size. `load FILE` only
//! loads a saved state and prints the time taken and resident memory (with
//! `--save OUT`, then saves it to OUT and prints that time too).

use std::io::Write;
use std::time::Instant;

use rayon::prelude::*;
use samestory::{Article, Config, EventIndex, EvictionPolicy, Fingerprint, read_jsonl};

const NTREX: &str = include_str!("../tests/fixtures/ntrex-sample.jsonl");
const SEEDS: [&str; 5] = [
    include_str!("../tests/fixtures/seeds/000_a96d44d8d1ab04b3.txt"),
    include_str!("../tests/fixtures/seeds/001_a53d34036df167a0.txt"),
    include_str!("../tests/fixtures/seeds/002_a7029f30220f9d2e.txt"),
    include_str!("../tests/fixtures/seeds/003_3d5a385bf9cf1884.txt"),
    include_str!("../tests/fixtures/seeds/004_b4e1f90dd8acd77a.txt"),
];

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, fixed-seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// One language version of a story: its title and sentences.
struct Version {
    lang: String,
    title: Option<String>,
    sentences: Vec<String>,
}

struct Sources {
    stories: Vec<Vec<Version>>,
    /// Capitalised words seen in the sources, to swap names with.
    names: Vec<String>,
}

fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut start = 0;
        for (i, c) in line.char_indices() {
            let end = i + c.len_utf8();
            let boundary = matches!(c, '。' | '！' | '？')
                || (matches!(c, '.' | '!' | '?') && line[end..].starts_with(' '));
            if boundary {
                out.push(line[start..end].trim().to_string());
                start = end;
            }
        }
        if start < line.len() {
            out.push(line[start..].trim().to_string());
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

fn load_sources() -> Sources {
    let mut by_story: Vec<(String, Vec<Version>)> = Vec::new();
    for a in read_jsonl(NTREX.as_bytes()).map(|r| r.expect("fixture line")) {
        let (story, lang) = a.id.split_once('/').unwrap_or((&a.id, "en"));
        let v = Version {
            lang: lang.to_string(),
            title: a.title.clone(),
            sentences: sentences(&a.text),
        };
        match by_story.iter_mut().find(|(s, _)| s == story) {
            Some((_, vs)) => vs.push(v),
            None => by_story.push((story.to_string(), vec![v])),
        }
    }
    let mut stories: Vec<Vec<Version>> = by_story.into_iter().map(|(_, v)| v).collect();
    for s in SEEDS {
        stories.push(vec![Version {
            lang: "seed".into(),
            title: None,
            sentences: sentences(s),
        }]);
    }
    let mut names: Vec<String> = stories
        .iter()
        .flatten()
        .flat_map(|v| v.sentences.iter())
        .flat_map(|s| s.split_whitespace().skip(1))
        .filter(|w| {
            w.len() >= 4
                && w.chars().next().is_some_and(|c| c.is_uppercase())
                && w.chars().all(|c| c.is_alphabetic())
        })
        .map(str::to_string)
        .collect();
    names.sort();
    names.dedup();
    Sources { stories, names }
}

/// Changes about half the numbers in `s` by up to ±20 %.
fn mutate_numbers(s: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(s.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String, rng: &mut Rng| {
        if digits.is_empty() {
            return;
        }
        match digits.parse::<u64>() {
            Ok(n) if rng.chance(0.5) && digits.len() < 12 => {
                let delta = (n / 5).max(1);
                let m = n + rng.below(2 * delta as usize + 1) as u64 - delta.min(n);
                out.push_str(&m.to_string());
            }
            _ => out.push_str(digits),
        }
        digits.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out, rng);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out, rng);
    out
}

/// Swaps about 10 % of capitalised words (not sentence-initial) for other names.
fn mutate_names(s: &str, names: &[String], rng: &mut Rng) -> String {
    let mut words: Vec<String> = Vec::new();
    for (i, w) in s.split(' ').enumerate() {
        let is_name = i > 0
            && w.len() >= 4
            && w.chars().next().is_some_and(|c| c.is_uppercase())
            && w.chars().all(|c| c.is_alphabetic());
        if is_name && !names.is_empty() && rng.chance(0.1) {
            words.push(names[rng.below(names.len())].clone());
        } else {
            words.push(w.to_string());
        }
    }
    words.join(" ")
}

const DAY0: (i32, u32, u32) = (2024, 1, 1);

fn date_of(day: i64) -> String {
    let d0 = chrono::NaiveDate::from_ymd_opt(DAY0.0, DAY0.1, DAY0.2).expect("valid");
    (d0 + chrono::Duration::days(day))
        .format("%Y-%m-%d")
        .to_string()
}

impl Sources {
    /// One mutated article of `story`, version `v`, published on `day`.
    fn article(&self, id: String, story: usize, v: usize, day: i64, rng: &mut Rng) -> Article {
        let version = &self.stories[story][v];
        let mut sents: Vec<String> = Vec::new();
        for s in &version.sentences {
            if sents.is_empty() || !rng.chance(0.2) {
                sents.push(s.clone());
            }
            if rng.chance(0.05) {
                sents.push(s.clone());
            }
        }
        // Borrow sentences from another story in the same language.
        let other = rng.below(self.stories.len());
        if let Some(ov) = self.stories[other]
            .iter()
            .find(|o| o.lang == version.lang)
            .filter(|_| other != story)
        {
            for _ in 0..1 + rng.below(3) {
                if !ov.sentences.is_empty() {
                    sents.push(ov.sentences[rng.below(ov.sentences.len())].clone());
                }
            }
        }
        // Shuffle all but the lead (Fisher-Yates).
        for i in (2..sents.len()).rev() {
            let j = 1 + rng.below(i);
            sents.swap(i, j);
        }
        let text: Vec<String> = sents
            .iter()
            .map(|s| mutate_names(&mutate_numbers(s, rng), &self.names, rng))
            .collect();
        let mut a = Article::new(id, text.join("\n")).with_published(date_of(day));
        if let Some(t) = &version.title {
            a = a.with_title(mutate_numbers(t, rng));
        }
        a
    }

    /// Articles of synthetic events spread over `days`, in publication order
    /// apart from the late ones; calls `f(article, event number, pool index)`.
    fn stream(&self, n: usize, days: i64, seed: u64, mut f: impl FnMut(Article, u64)) {
        let mut rng = Rng(seed);
        let mut produced = 0usize;
        let mut event = 0u64;
        while produced < n {
            let day = (produced as i64 * days) / n as i64;
            let story = rng.below(self.stories.len());
            let size = 1 + rng.below(10);
            for j in 0..size.min(n - produced) {
                let v = rng.below(self.stories[story].len());
                let mut d = day + rng.below(2) as i64;
                if rng.chance(0.01) {
                    d -= 30 + rng.below(171) as i64;
                }
                let id = format!("syn-{event}-{j}");
                f(self.article(id, story, v, d, &mut rng), event);
                produced += 1;
            }
            event += 1;
        }
    }
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn arg<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

const USAGE: &str = "synthetic_stream jsonl N [DAYS] | measure N [--days D] [--pool P] [--retention R] [--drop] [--every E] [--save FILE] | load FILE [--save OUT]";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sources = load_sources();
    match args.first().map(String::as_str) {
        Some("jsonl") => {
            let n: usize = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(1000);
            let days: i64 = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(365);
            let out = std::io::stdout();
            let mut out = std::io::BufWriter::new(out.lock());
            sources.stream(n, days, 0x5eed, |a, _| {
                let line = serde_json::to_string(&a).expect("serialisable");
                if writeln!(out, "{line}").is_err() {
                    std::process::exit(1);
                }
            });
        }
        Some("measure") => measure(&sources, &args),
        Some("load") if args.len() == 2 || (args.len() == 4 && args[2] == "--save") => {
            let t = Instant::now();
            let index = EventIndex::load(&args[1]).unwrap_or_else(|e| {
                eprintln!("synthetic_stream: {e}");
                std::process::exit(1);
            });
            println!(
                "load\t{} live articles\t{:.2} s\trss {} MiB",
                index.live_articles(),
                t.elapsed().as_secs_f64(),
                rss_kib() / 1024
            );
            if let Some(out) = args.get(3) {
                let t = Instant::now();
                if let Err(e) = index.save(out) {
                    eprintln!("synthetic_stream: {e}");
                    std::process::exit(1);
                }
                println!("save\t{:.2} s", t.elapsed().as_secs_f64());
            }
        }
        _ => {
            eprintln!("usage: {USAGE}");
            std::process::exit(2);
        }
    }
}

fn measure(sources: &Sources, args: &[String]) {
    let n: usize = args
        .get(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let days: i64 = arg(args, "--days", 365);
    let pool_size: usize = arg(args, "--pool", 20_000);
    let retention: u32 = arg(args, "--retention", 30);
    let every: usize = arg(args, "--every", 250_000);
    let policy = if args.iter().any(|a| a == "--drop") {
        EvictionPolicy::Drop
    } else {
        EvictionPolicy::Archive
    };
    let config = Config::default().retention_days(retention).eviction(policy);
    let mut index = EventIndex::new(config).expect("valid config");
    let t = Instant::now();
    // The pool: text-mutated articles, all published on day 0, fingerprinted for real.
    let mut pool_articles = Vec::with_capacity(pool_size);
    let mut pool_events: Vec<(usize, usize)> = Vec::new(); // (first, len) per pool event
    let mut last = u64::MAX;
    sources.stream(pool_size, 1, 0x9001, |a, e| {
        if e != last {
            pool_events.push((pool_articles.len(), 0));
            last = e;
        }
        pool_events.last_mut().expect("pushed").1 += 1;
        pool_articles.push(a.with_published(date_of(0)));
    });
    let pool: Vec<Fingerprint> = pool_articles
        .par_iter()
        .map(|a| index.fingerprint(a))
        .collect();
    drop(pool_articles);
    eprintln!(
        "pool: {} articles in {} events fingerprinted in {:.1} s; rss {} MiB",
        pool.len(),
        pool_events.len(),
        t.elapsed().as_secs_f64(),
        rss_kib() / 1024
    );
    println!(
        "articles\tday\tlive_articles\tlive_events\tevents_known\trss_MiB\tindex_B_per_live\tsecs"
    );
    let t = Instant::now();
    let mut rng = Rng(0xfeed);
    let mut produced = 0usize;
    let mut event = 0u64;
    let report = |index: &EventIndex, produced: usize, day: i64| {
        let per_live = live_bytes(index) as f64 / index.live_articles().max(1) as f64;
        println!(
            "{produced}\t{day}\t{}\t{}\t{}\t{}\t{per_live:.0}\t{:.0}",
            index.live_articles(),
            index.live_events(),
            index.event_count(),
            rss_kib() / 1024,
            t.elapsed().as_secs_f64()
        );
    };
    while produced < n {
        let day = (produced as i64 * days) / n as i64;
        let (first, len) = pool_events[rng.below(pool_events.len())];
        let event_seed = rng.next();
        for j in 0..len.min(n - produced) {
            let mut d = day + rng.below(2) as i64;
            if rng.chance(0.01) {
                d -= 30 + rng.below(171) as i64;
            }
            let fp = pool[first + j]
                .synthetic_variant(d, event_seed, 0.9)
                .synthetic_variant(0, rng.next(), 0.1);
            index.insert_fingerprint(&format!("syn-{event}-{j}"), &fp);
            produced += 1;
            if produced % every == 0 {
                report(&index, produced, day);
            }
        }
        event += 1;
    }
    if n % every != 0 {
        report(&index, produced, days);
    }
    for (part, bytes) in index.memory_breakdown() {
        println!(
            "memory\t{part}\t{bytes}\t{:.1} B/live article",
            bytes as f64 / index.live_articles().max(1) as f64
        );
    }
    if let Some(i) = args.iter().position(|a| a == "--save") {
        let path = std::path::PathBuf::from(&args[i + 1]);
        let t = Instant::now();
        index.save(&path).expect("save");
        let save = t.elapsed().as_secs_f64();
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let live = index.live_articles();
        drop(index);
        let t = Instant::now();
        let loaded = EventIndex::load(&path).expect("load");
        let load = t.elapsed().as_secs_f64();
        println!(
            "state\t{} live articles\tsave {save:.2} s\tload {load:.2} s\tfile {size} bytes ({:.0} B/live article)",
            live,
            size as f64 / live.max(1) as f64
        );
        assert_eq!(loaded.live_articles(), live);
    }
}

/// Heap bytes of the per-live-article parts (signatures, slots, evidence,
/// LSH cells, event member lists).
fn live_bytes(index: &EventIndex) -> usize {
    index
        .memory_breakdown()
        .iter()
        .filter(|(p, _)| *p != "events")
        .map(|(_, b)| b)
        .sum()
}
