//! Rust side of the side-by-side MinHash comparison (`benches/compare/run.sh`).
//!
//! Subcommands (each prints one JSON object per measured row on stdout):
//!
//! - `corpus REPO_ROOT OUT.jsonl [N]`: writes the deterministic mixed-language
//!   corpus (N articles, default 2000) derived from the repository fixtures;
//! - `ours SHINGLES PAIRS REPEATS`: `stages::shingle_hashes` + `stages::minhash`
//!   (K = 128) on the shared shingle sets, then the same plus `LshStage::insert`;
//! - `gaoya SHINGLES PAIRS REPEATS`: gaoya's `MinHasher32` (K = 128) on the same
//!   sets, then the same plus `MinHashIndex::insert`;
//! - `fingerprint CORPUS REPEATS` and `cluster CORPUS REPEATS`: samestory's
//!   `Clusterer::fingerprint` over every raw article, and `Clusterer::cluster`.
//!
//! Every row runs single-threaded in its own process, so VmHWM is its peak.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use gaoya::minhash::{MinHashIndex, MinHasher, MinHasher32};
use samestory::stages::{LshStage, minhash, shingle_hashes};
use samestory::{Article, Clusterer, read_jsonl};
use serde::{Deserialize, Serialize};

/// Number of MinHash values for the kernel rows.
const K: usize = 128;
/// LSH threshold for the kernel + LSH rows (as for datasketch and rensa).
const LSH_THRESHOLD: f64 = 0.5;
/// Bands of gaoya's index (rows = K / bands).
const GAOYA_BANDS: usize = 32;

// ---------------------------------------------------------------- shared I/O

/// One line of `shingles.jsonl`, written by `shingle.py`.
#[derive(Deserialize)]
struct ShingleLine {
    /// UTF-8 bytes of the article's raw text.
    bytes: usize,
    /// The article's distinct character 5-grams.
    shingles: Vec<String>,
}

/// An article's shingle set as Rust code would hold it: the strings packed
/// into one buffer (not one heap allocation per shingle), in file order.
struct Set {
    bytes: usize,
    buf: String,
    ends: Vec<u32>,
}

impl Set {
    fn new(line: ShingleLine) -> Set {
        let mut buf = String::with_capacity(line.shingles.iter().map(String::len).sum());
        let mut ends = Vec::with_capacity(line.shingles.len());
        for sh in &line.shingles {
            buf.push_str(sh);
            ends.push(u32::try_from(buf.len()).expect("set under 4 GiB"));
        }
        Set {
            bytes: line.bytes,
            buf,
            ends,
        }
    }

    /// The shingles, as `&str`.
    fn iter(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let s = &self.buf[start..end as usize];
            start = end as usize;
            s
        })
    }
}

/// Reads `shingles.jsonl` line by line, packing each set as it goes.
fn read_sets(path: &str) -> Vec<Set> {
    let f = File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    BufReader::new(f)
        .lines()
        .map(|l| l.expect("readable line"))
        .filter(|l| !l.trim().is_empty())
        .map(|l| Set::new(serde_json::from_str(&l).unwrap_or_else(|e| panic!("{path}: {e}"))))
        .collect()
}

/// One line of `pairs.jsonl`: two article positions and their exact Jaccard.
#[derive(Deserialize)]
struct Pair {
    a: usize,
    b: usize,
    exact: f64,
}

/// One result row, in the format `report.py` reads.
#[derive(Serialize)]
struct Row {
    method: String,
    group: &'static str,
    articles: usize,
    bytes: usize,
    seconds: f64,
    cpu_seconds: f64,
    repeats: usize,
    rss_loaded_kb: u64,
    peak_rss_kb: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    mae: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rmse: Option<f64>,
    note: String,
}

fn emit(row: &Row) {
    println!("{}", serde_json::to_string(row).expect("row serialises"));
}

fn read_lines<T: for<'de> Deserialize<'de>>(path: &str) -> Vec<T> {
    let f = File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    BufReader::new(f)
        .lines()
        .map(|l| l.expect("readable line"))
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(&l).unwrap_or_else(|e| panic!("{path}: {e}")))
        .collect()
}

fn read_articles(path: &str) -> Vec<Article> {
    let f = File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read_jsonl(BufReader::new(f))
        .map(|a| a.expect("valid article"))
        .collect()
}

/// A field of /proc/self/status in kB (VmHWM: peak resident set; VmRSS: current).
fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// On-CPU time of the calling thread in seconds (nanosecond resolution), from
/// /proc/thread-self/schedstat; 0 where that is unavailable.
fn thread_cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0.0, |ns| ns as f64 / 1e9)
}

/// On-CPU time of every thread of this process in seconds (the sum over
/// /proc/self/task/*/schedstat): the pipeline rows run on rayon's worker
/// thread while the calling thread waits, so its own time says nothing.
fn process_cpu() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0.0;
    };
    let ns: u64 = tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    ns as f64 / 1e9
}

/// Runs `f` `repeats` times; returns the fastest wall-clock time, the smallest
/// CPU time (both in seconds) and the last result.
fn best_of<R>(repeats: usize, f: impl FnMut() -> R) -> (Timing, R) {
    best_of_with(repeats, thread_cpu, f)
}

/// [`best_of`] with CPU time read by `cpu`.
fn best_of_with<R>(repeats: usize, cpu: fn() -> f64, mut f: impl FnMut() -> R) -> (Timing, R) {
    let mut best = Timing {
        wall: f64::INFINITY,
        cpu: f64::INFINITY,
    };
    let mut out = None;
    for _ in 0..repeats.max(1) {
        let (t, c) = (Instant::now(), cpu());
        let r = std::hint::black_box(f());
        best.wall = best.wall.min(t.elapsed().as_secs_f64());
        best.cpu = best.cpu.min(cpu() - c);
        out = Some(r);
    }
    (best, out.expect("ran at least once"))
}

/// Wall-clock and CPU seconds of a run.
#[derive(Clone, Copy)]
struct Timing {
    wall: f64,
    cpu: f64,
}

/// Mean absolute error and root-mean-square error of `estimate` over `pairs`.
fn errors(pairs: &[Pair], estimate: impl Fn(usize, usize) -> f64) -> (f64, f64) {
    let n = pairs.len().max(1) as f64;
    let (mut abs, mut sq) = (0.0, 0.0);
    for p in pairs {
        let d = estimate(p.a, p.b) - p.exact;
        abs += d.abs();
        sq += d * d;
    }
    (abs / n, (sq / n).sqrt())
}

fn agree<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len().max(1) as f64
}

// ---------------------------------------------------------------- corpus

/// SplitMix64: a tiny fixed-seed PRNG, so the corpus needs no extra crate.
struct SplitMix(u64);

impl SplitMix {
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
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 > 1.0 - p
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// One story in one language: its title and paragraphs.
struct Text {
    story: String,
    lang: String,
    title: String,
    paras: Vec<String>,
}

#[derive(Deserialize)]
struct Ntrex {
    id: String,
    title: Option<String>,
    text: String,
}

fn load_texts(root: &Path) -> Vec<Text> {
    let mut texts = Vec::new();
    let mut seen = HashSet::new();
    for file in [
        "tests/fixtures/ntrex-translations.jsonl",
        "benches/fixtures/ntrex-sample.jsonl",
    ] {
        let path = root.join(file);
        let path = path.to_str().expect("UTF-8 path");
        for n in read_lines::<Ntrex>(path) {
            if !seen.insert(n.id.clone()) {
                continue;
            }
            let (story, lang) = n.id.rsplit_once('/').expect("story/lang id");
            texts.push(Text {
                story: story.to_string(),
                lang: lang.to_string(),
                title: n.title.unwrap_or_default(),
                paras: n
                    .text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect(),
            });
        }
    }
    // The seed articles, cleaned by the library's own cleaner; their main
    // language per tests/fixtures (000, 001 zh; 002 ko; 003 en; 004 ja).
    let mut seeds: Vec<_> = std::fs::read_dir(root.join("tests/fixtures/seeds"))
        .expect("seeds dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seeds.sort();
    for (i, p) in seeds.iter().enumerate() {
        let raw = std::fs::read_to_string(p).expect("seed text");
        let clean = samestory::stages::clean(&raw);
        let mut paras: Vec<String> = clean
            .lines()
            .map(str::trim)
            .filter(|l| l.chars().count() >= 20)
            .map(String::from)
            .collect();
        let title = if paras.is_empty() {
            String::new()
        } else {
            paras.remove(0)
        };
        let lang = ["zh-CN", "zh-CN", "ko", "en", "ja"].get(i).unwrap_or(&"en");
        texts.push(Text {
            story: format!("seed{i:03}"),
            lang: lang.to_string(),
            title,
            paras,
        });
    }
    texts
}

/// Writes `n` articles: events of 1–8 articles, each article one story in one
/// language (half the time a language the event already has) with its paragraphs shuffled (fully or by neighbour swaps), some
/// dropped, and padded with paragraphs of other stories in the same language
/// to 2,400–3,600 characters.
fn corpus(root: &Path, out: &Path, n: usize) {
    let texts = load_texts(root);
    let mut rng = SplitMix(0x5341_4d45_5354_4f52);
    let mut w = BufWriter::new(File::create(out).expect("create corpus"));
    let mut written = 0;
    let mut event = 0;
    while written < n {
        let primary = &texts[rng.below(texts.len())];
        let versions: Vec<&Text> = texts.iter().filter(|t| t.story == primary.story).collect();
        let size = (1 + rng.below(8)).min(n - written);
        let day = 1 + rng.below(365);
        let mut used: Vec<&Text> = Vec::new();
        for j in 0..size {
            // Half the time another outlet's take in a language already used.
            let t = if !used.is_empty() && rng.chance(0.5) {
                used[rng.below(used.len())]
            } else {
                versions[rng.below(versions.len())]
            };
            used.push(t);
            let mut paras: Vec<&str> = t.paras.iter().map(String::as_str).collect();
            if rng.chance(0.5) {
                rng.shuffle(&mut paras);
            } else {
                for _ in 0..3 {
                    let i = rng.below(paras.len().max(2) - 1);
                    if i + 1 < paras.len() {
                        paras.swap(i, i + 1);
                    }
                }
            }
            paras.retain(|_| !rng.chance(0.15));
            let same_lang: Vec<&Text> = texts
                .iter()
                .filter(|o| o.lang == t.lang && o.story != t.story && !o.paras.is_empty())
                .collect();
            let target = 2400 + rng.below(1200);
            let mut body = vec![t.title.as_str()];
            let mut chars = t.title.chars().count();
            for p in paras {
                if chars >= target {
                    break;
                }
                chars += p.chars().count() + 1;
                body.push(p);
            }
            while chars < target && !same_lang.is_empty() {
                let o = same_lang[rng.below(same_lang.len())];
                let p = o.paras[rng.below(o.paras.len())].as_str();
                chars += p.chars().count() + 1;
                body.push(p);
            }
            let date = chrono_free_date(day + rng.below(2));
            let article = Article::new(format!("ev{event:04}-{j}-{}", t.lang), body.join("\n"))
                .with_published(date)
                .with_lang(t.lang.clone());
            serde_json::to_writer(&mut w, &article).expect("write article");
            w.write_all(b"\n").expect("write newline");
            written += 1;
        }
        event += 1;
    }
    w.flush().expect("flush corpus");
}

/// `YYYY-MM-DD` of day `d` (1-based, may exceed 366) of 2024.
fn chrono_free_date(d: usize) -> String {
    const MONTHS: [usize; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut d = (d - 1) % 366;
    for (m, len) in MONTHS.iter().enumerate() {
        if d < *len {
            return format!("2024-{:02}-{:02}", m + 1, d + 1);
        }
        d -= len;
    }
    unreachable!("day within the year")
}

// ---------------------------------------------------------------- methods

fn ours(shingles: &str, pairs: &str, repeats: usize) {
    let sets = read_sets(shingles);
    let pairs: Vec<Pair> = read_lines(pairs);
    let bytes: usize = sets.iter().map(|s| s.bytes).sum();
    let loaded = status_kb("VmRSS:");

    let (t, sigs) = best_of(repeats, || {
        sets.iter()
            .map(|s| minhash(&shingle_hashes(s.iter()), K))
            .collect::<Vec<Vec<u16>>>()
    });
    let (mae, rmse) = errors(&pairs, |a, b| agree(&sigs[a], &sigs[b]));
    emit(&Row {
        method: "ours kernel (xxh3 + OPH)".into(),
        group: "kernel",
        articles: sets.len(),
        bytes,
        seconds: t.wall,
        cpu_seconds: t.cpu,
        repeats,
        rss_loaded_kb: loaded,
        peak_rss_kb: status_kb("VmHWM:"),
        mae: Some(mae),
        rmse: Some(rmse),
        note: format!("stages::shingle_hashes + stages::minhash, K={K}, u16 values"),
    });
    drop(sigs);

    let (t, _) = best_of(repeats, || {
        let mut lsh = LshStage::new(LSH_THRESHOLD, K);
        for (i, s) in sets.iter().enumerate() {
            lsh.insert(i as u32, &shingle_hashes(s.iter()));
        }
        lsh
    });
    emit(&Row {
        method: "ours kernel + LshStage".into(),
        group: "kernel+lsh",
        articles: sets.len(),
        bytes,
        seconds: t.wall,
        cpu_seconds: t.cpu,
        repeats,
        rss_loaded_kb: loaded,
        peak_rss_kb: status_kb("VmHWM:"),
        mae: None,
        rmse: None,
        note: format!(
            "shingle_hashes + LshStage::insert (computes the signature), threshold {LSH_THRESHOLD}"
        ),
    });

    // Where the kernel's time goes: the signatures alone, from hashes computed
    // beforehand (not a like-for-like row: the other libraries hash inside).
    let hashes: Vec<Vec<u64>> = sets.iter().map(|s| shingle_hashes(s.iter())).collect();
    let (t, _) = best_of(repeats, || {
        hashes
            .iter()
            .map(|h| minhash(h, K))
            .collect::<Vec<Vec<u16>>>()
    });
    emit(&Row {
        method: "ours minhash only (pre-hashed)".into(),
        group: "detail",
        articles: sets.len(),
        bytes,
        seconds: t.wall,
        cpu_seconds: t.cpu,
        repeats,
        rss_loaded_kb: loaded,
        peak_rss_kb: status_kb("VmHWM:"),
        mae: None,
        rmse: None,
        note: "stages::minhash on xxh3 hashes computed outside the timing".into(),
    });
}

fn gaoya(shingles: &str, pairs: &str, repeats: usize) {
    let sets = read_sets(shingles);
    let pairs: Vec<Pair> = read_lines(pairs);
    let bytes: usize = sets.iter().map(|s| s.bytes).sum();
    let loaded = status_kb("VmRSS:");
    let hasher = MinHasher32::new(K);

    let (t, sigs) = best_of(repeats, || {
        sets.iter()
            .map(|s| hasher.create_signature(s.iter()))
            .collect::<Vec<Vec<u32>>>()
    });
    let (mae, rmse) = errors(&pairs, |a, b| agree(&sigs[a], &sigs[b]));
    emit(&Row {
        method: "gaoya MinHasher32".into(),
        group: "kernel",
        articles: sets.len(),
        bytes,
        seconds: t.wall,
        cpu_seconds: t.cpu,
        repeats,
        rss_loaded_kb: loaded,
        peak_rss_kb: status_kb("VmHWM:"),
        mae: Some(mae),
        rmse: Some(rmse),
        note: format!("classic K-hash MinHash (FNV + {K} affine hashes), u32 values"),
    });
    drop(sigs);

    // gaoya's own choice for (0.5, 128) uses b·r < K values and its index
    // asserts b·r = signature length; use 32 × 4 = K, as for rensa.
    let (b, r) = (GAOYA_BANDS, K / GAOYA_BANDS);
    let (t, _) = best_of(repeats, || {
        let mut index: MinHashIndex<u32, u32> = MinHashIndex::new(b, r, LSH_THRESHOLD);
        for (i, s) in sets.iter().enumerate() {
            index.insert(i as u32, hasher.create_signature(s.iter()));
        }
        index
    });
    emit(&Row {
        method: "gaoya + MinHashIndex".into(),
        group: "kernel+lsh",
        articles: sets.len(),
        bytes,
        seconds: t.wall,
        cpu_seconds: t.cpu,
        repeats,
        rss_loaded_kb: loaded,
        peak_rss_kb: status_kb("VmHWM:"),
        mae: None,
        rmse: None,
        note: format!("MinHashIndex::insert, {b} bands x {r} rows"),
    });
}

fn pipeline(corpus: &str, repeats: usize, cluster: bool) {
    let articles = read_articles(corpus);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let clusterer = Clusterer::new();
    // Load every lexicon and warm up outside the timing (ten articles alone
    // left some languages' lexicons to load inside it).
    samestory::stages::load_all_lexicons();
    std::hint::black_box(clusterer.cluster(&articles[..articles.len().min(10)]));
    let loaded = status_kb("VmRSS:");
    // `Config` has no getter for K; the default is 256.
    let k = "256 (default)";
    let (t, note) = if cluster {
        let (t, c) = best_of_with(repeats, process_cpu, || clusterer.cluster(&articles));
        (
            t,
            format!(
                "Clusterer::new().cluster: clean, bridge, fingerprint (K={k}), index, dates, verify, cluster; {} events",
                c.events().len()
            ),
        )
    } else {
        let (t, _) = best_of(repeats, || {
            articles
                .iter()
                .map(|a| clusterer.fingerprint(a))
                .collect::<Vec<_>>()
        });
        (
            t,
            format!("Clusterer::fingerprint per article: clean, bridge, dates, MinHash K={k}"),
        )
    };
    emit(&Row {
        method: if cluster {
            "ours full pipeline (cluster)".into()
        } else {
            "ours fingerprint only".into()
        },
        group: "pipeline",
        articles: articles.len(),
        bytes,
        seconds: t.wall,
        cpu_seconds: t.cpu,
        repeats,
        rss_loaded_kb: loaded,
        peak_rss_kb: status_kb("VmHWM:"),
        mae: None,
        rmse: None,
        note,
    });
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| -> &str {
        args.get(i).map(String::as_str).unwrap_or_else(|| {
            eprintln!(
                "usage: samestory-compare corpus ROOT OUT [N] | ours|gaoya SHINGLES PAIRS REPEATS | fingerprint|cluster CORPUS REPEATS"
            );
            std::process::exit(2)
        })
    };
    let num = |i: usize, default: usize| -> usize {
        args.get(i)
            .map(|s| s.parse().expect("a number"))
            .unwrap_or(default)
    };
    match arg(1) {
        "corpus" => corpus(Path::new(arg(2)), Path::new(arg(3)), num(4, 2000)),
        "ours" => ours(arg(2), arg(3), num(4, 3)),
        "gaoya" => gaoya(arg(2), arg(3), num(4, 3)),
        "fingerprint" => pipeline(arg(2), num(3, 3), false),
        "cluster" => pipeline(arg(2), num(3, 1), true),
        other => {
            eprintln!("unknown subcommand {other}");
            std::process::exit(2)
        }
    }
}
