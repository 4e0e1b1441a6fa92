//! Criterion benchmarks of the samestory pipeline, one group per phase:
//! `clean`, `bridge`, `minhash`, `lsh`, `dates`, `end_to_end`, `cluster_feed`
//! and `baseline`.
//! See `benches/README.md` for how to run them and read the output.
//!
//! Inputs are plain files shared with the tests: the raw seed articles in
//! `tests/fixtures/seeds/` and the NTREX-128 sample in
//! `benches/fixtures/ntrex-sample.jsonl` (5 stories × 9 languages,
//! sentence-parallel, CC BY-SA 4.0). Larger corpora for `lsh` and
//! `end_to_end` are derived from the sample deterministically (see
//! [`synthetic_corpus`]).

use std::fs::File;
use std::hint::black_box;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use chrono::{Days, NaiveDate};
use criterion::{
    BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use samestory::stages::{self, BridgeStage, LshStage};
use samestory::{Article, Clusterer, read_dir, read_jsonl};

/// MinHash values per signature in the default configuration.
const K: usize = 256;
/// The LSH candidate threshold of the default configuration (¾ of the
/// verification threshold 0.11).
const CANDIDATE_THRESHOLD: f64 = 0.11 * 0.75;

/// The languages of the NTREX sample, in file order.
const NTREX_LANGS: [&str; 9] = ["en", "zh-CN", "zh-TW", "ja", "ko", "de", "fr", "es", "ru"];

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A raw seed article: short name (`000_zh`, …) and its file text.
struct Seed {
    name: String,
    raw: String,
}

/// The seed articles of `tests/fixtures/seeds`, in file-name order.
fn seeds() -> &'static [Seed] {
    static SEEDS: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        // Language of each seed, by file-name prefix (see tests/seeds.rs).
        let langs = [
            ("000", "zh"),
            ("001", "zh"),
            ("002", "ko+en"),
            ("003", "en"),
            ("004", "ja"),
        ];
        let dir: PathBuf = root().join("tests/fixtures/seeds");
        read_dir(&dir)
            .expect("seed fixtures readable")
            .into_iter()
            .map(|a| {
                let a = a.expect("seed fixture is an article");
                let prefix = &a.id[..3];
                let lang = langs
                    .iter()
                    .find(|(p, _)| *p == prefix)
                    .map_or("xx", |(_, l)| l);
                Seed {
                    name: format!("{prefix}_{lang}"),
                    raw: a.text,
                }
            })
            .collect()
    })
}

/// One NTREX story: per language (in [`NTREX_LANGS`] order) its title and
/// its sentences (the body's lines; parallel across languages).
struct Story {
    name: String,
    titles: Vec<String>,
    sentences: Vec<Vec<String>>,
}

/// The NTREX sample, grouped by story.
fn ntrex() -> &'static [Story] {
    static STORIES: OnceLock<Vec<Story>> = OnceLock::new();
    STORIES.get_or_init(|| {
        let path = root().join("benches/fixtures/ntrex-sample.jsonl");
        let file = File::open(&path).expect("benches/fixtures/ntrex-sample.jsonl readable");
        let mut stories: Vec<Story> = Vec::new();
        for a in read_jsonl(BufReader::new(file)) {
            let a = a.expect("ntrex sample line is an article");
            let (story, lang) = a.id.rsplit_once('/').expect("ntrex id is story/lang");
            let li = NTREX_LANGS
                .iter()
                .position(|l| *l == lang)
                .expect("known ntrex language");
            if stories.last().is_none_or(|s| s.name != story) {
                stories.push(Story {
                    name: story.to_string(),
                    titles: vec![String::new(); NTREX_LANGS.len()],
                    sentences: vec![Vec::new(); NTREX_LANGS.len()],
                });
            }
            let s = stories.last_mut().expect("just pushed");
            s.titles[li] = a.title.unwrap_or_default();
            s.sentences[li] = a.text.lines().map(str::to_string).collect();
        }
        for s in &stories {
            let n = s.sentences[0].len();
            assert!(
                s.sentences.iter().all(|l| l.len() == n),
                "story {} is not sentence-parallel",
                s.name
            );
        }
        stories
    })
}

fn lang_index(lang: &str) -> usize {
    NTREX_LANGS
        .iter()
        .position(|l| *l == lang)
        .expect("known ntrex language")
}

/// All five stories of one NTREX language, title then body, one after the
/// other: about 10–20 KB of plain text.
fn ntrex_text(lang: &str) -> String {
    let li = lang_index(lang);
    let mut out = String::new();
    for s in ntrex() {
        out.push_str(&s.titles[li]);
        out.push('\n');
        for line in &s.sentences[li] {
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// Code-switched text: for every sentence of every story, the zh-CN, en, ko
/// and ja versions in turn.
fn ntrex_mixed() -> String {
    let langs = ["zh-CN", "en", "ko", "ja"].map(lang_index);
    let mut out = String::new();
    for s in ntrex() {
        for j in 0..s.sentences[0].len() {
            for &li in &langs {
                out.push_str(&s.sentences[li][j]);
                out.push('\n');
            }
        }
        out.push('\n');
    }
    out
}

/// The per-language inputs of the `bridge`, `minhash` and `baseline`
/// groups: (name, plain text).
fn lang_inputs() -> &'static [(&'static str, String)] {
    static INPUTS: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    INPUTS.get_or_init(|| {
        vec![
            ("zh", ntrex_text("zh-CN")),
            ("ja", ntrex_text("ja")),
            ("ko", ntrex_text("ko")),
            ("en", ntrex_text("en")),
            ("de", ntrex_text("de")),
            ("ru", ntrex_text("ru")),
            ("mixed", ntrex_mixed()),
        ]
    })
}

/// The process-wide bridge, lexicons loaded and warmed up.
fn bridge() -> &'static BridgeStage {
    static BRIDGE: OnceLock<BridgeStage> = OnceLock::new();
    BRIDGE.get_or_init(|| {
        let b = BridgeStage::default();
        // First use loads the lexicons; keep that out of every timing.
        for (_, text) in lang_inputs() {
            black_box(b.keys(&stages::normalize(text)));
        }
        b
    })
}

// ---------------------------------------------------------------------------
// Synthetic corpus
// ---------------------------------------------------------------------------

/// SplitMix64: a tiny, fixed-seed, dependency-free PRNG.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5EED_5EED_5EED_5EED)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant here).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `num / den`.
    fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// Changes some of the numbers of `s`: each run of ASCII digits, with
/// probability ¼, gets a small offset added (a reporting difference, "32"
/// → "35"). Digits only; no letters are made up.
fn change_numbers(s: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..start]);
        let digits = &rest[start..];
        let len = digits
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(digits.len());
        let run = &digits[..len];
        match run.parse::<u64>() {
            Ok(n) if len <= 9 && rng.chance(1, 4) => {
                out.push_str(&(n + 1 + rng.below(9) as u64).to_string());
            }
            _ => out.push_str(run),
        }
        rest = &digits[len..];
    }
    out.push_str(rest);
    out
}

/// `n` articles derived deterministically from the NTREX sample.
///
/// The sample is sentence-parallel, so its 82 sentence positions ("slots")
/// exist in all 9 languages. Each synthetic *event* picks 4 slots of one
/// story and 2 of others, a date in 2024 and 3–9 distinct languages; each of
/// its articles renders the event's slots in its language and varies them:
/// the sentences are shuffled (or two neighbours swapped), one may be
/// dropped, some numbers are changed, and the publication date is the event
/// date or the day after. Ids are distinct (`ev00042-ja`); `lang` is set.
///
/// With only 82 slots, events share much more vocabulary than in a news
/// stream of the same size, so articles get many LSH candidates each: read
/// `end_to_end` as a dense workload.
fn synthetic_corpus(n: usize) -> Vec<Article> {
    let stories = ntrex();
    let slots: Vec<(usize, usize)> = stories
        .iter()
        .enumerate()
        .flat_map(|(si, s)| (0..s.sentences[0].len()).map(move |j| (si, j)))
        .collect();
    let base = NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date");
    let mut out = Vec::with_capacity(n);
    let mut event = 0u64;
    while out.len() < n {
        let mut rng = Rng::new(event);
        // The event: 4 sentences of a lead story, 2 of anywhere else.
        let lead = rng.below(stories.len());
        let mut own: Vec<usize> = (0..stories[lead].sentences[0].len()).collect();
        rng.shuffle(&mut own);
        let mut picked: Vec<(usize, usize)> = own[..4].iter().map(|&j| (lead, j)).collect();
        while picked.len() < 6 {
            let slot = slots[rng.below(slots.len())];
            if slot.0 != lead && !picked.contains(&slot) {
                picked.push(slot);
            }
        }
        picked[..4].sort_unstable();
        let day = base + Days::new(rng.below(366) as u64);
        let mut langs: Vec<usize> = (0..NTREX_LANGS.len()).collect();
        rng.shuffle(&mut langs);
        let m = 3 + rng.below(7);
        for &li in &langs[..m] {
            if out.len() == n {
                break;
            }
            let mut order = picked.clone();
            if rng.chance(1, 3) {
                rng.shuffle(&mut order);
            } else {
                let i = rng.below(order.len() - 1);
                order.swap(i, i + 1);
            }
            if rng.chance(1, 2) {
                order.remove(rng.below(order.len()));
            }
            let text = order
                .iter()
                .map(|&(si, j)| change_numbers(&stories[si].sentences[li][j], &mut rng))
                .collect::<Vec<_>>()
                .join("\n");
            let published = day + Days::new(rng.below(2) as u64);
            out.push(
                Article::new(format!("ev{event:05}-{}", NTREX_LANGS[li]), text)
                    .with_published(published.to_string())
                    .with_lang(NTREX_LANGS[li]),
            );
        }
        event += 1;
    }
    out
}

/// Sizes of the synthetic corpora.
const CORPUS_SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// The synthetic corpus of `n` articles (one of [`CORPUS_SIZES`]), built once.
fn corpus(n: usize) -> &'static [Article] {
    static CORPORA: [OnceLock<Vec<Article>>; 3] = [const { OnceLock::new() }; 3];
    let i = CORPUS_SIZES
        .iter()
        .position(|&m| m == n)
        .expect("a corpus size of CORPUS_SIZES");
    CORPORA[i].get_or_init(|| synthetic_corpus(n))
}

/// The shingle hash sets of the `n` synthetic articles, as the
/// fingerprint computes its input: clean → normalise → bridge.
fn corpus_shingles(n: usize) -> Vec<Vec<u64>> {
    let b = bridge();
    corpus(n)
        .iter()
        .map(|a| b.shingles(&stages::normalize(&stages::clean(&a.text))))
        .collect()
}

/// Plain character 5-grams of `text` (whitespace kept), as a generic
/// MinHash library shingles a document.
fn char_5grams(text: &str) -> Vec<&str> {
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    if starts.len() <= 5 {
        return vec![text];
    }
    starts.windows(6).map(|w| &text[w[0]..w[5]]).collect()
}

// ---------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------

/// Group 1, `clean`: HTML/Markdown/boilerplate removal on the raw seed files.
fn bench_clean(c: &mut Criterion) {
    let mut g = c.benchmark_group("clean");
    for seed in seeds() {
        g.throughput(Throughput::Bytes(seed.raw.len() as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(&seed.name),
            &seed.raw,
            |b, raw| b.iter(|| stages::clean(black_box(raw))),
        );
    }
    g.finish();
}

/// Group 2, `bridge`: NFKC normalisation + cross-lingual pivot keys, per language.
fn bench_bridge(c: &mut Criterion) {
    let bridge = bridge();
    let mut g = c.benchmark_group("bridge");
    let mut inputs: Vec<(String, String)> = lang_inputs()
        .iter()
        .map(|(name, text)| (name.to_string(), text.clone()))
        .collect();
    // Real code-switched text: seed 002 (Korean with English passages), cleaned.
    if let Some(s) = seeds().iter().find(|s| s.name.starts_with("002")) {
        inputs.push(("mixed_seed002".to_string(), stages::clean(&s.raw)));
    }
    for (name, text) in &inputs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| bridge.keys(&stages::normalize(black_box(text))))
        });
    }
    g.finish();
}

/// Group 3, `minhash`: one-permutation MinHash over precomputed shingle hashes.
fn bench_minhash(c: &mut Criterion) {
    let bridge = bridge();
    let mut g = c.benchmark_group("minhash");
    for (name, text) in lang_inputs()
        .iter()
        .filter(|(n, _)| matches!(*n, "zh" | "en" | "mixed"))
    {
        let hashes = bridge.shingles(&stages::normalize(text));
        for k in [128, 256] {
            g.throughput(Throughput::ElementsAndBytes {
                elements: hashes.len() as u64,
                bytes: text.len() as u64,
            });
            g.bench_with_input(BenchmarkId::new(format!("k{k}"), name), &hashes, |b, h| {
                b.iter(|| stages::minhash(black_box(h), k))
            });
        }
    }
    g.finish();
}

/// Group 4, `lsh`: banded LSH index at the default candidate threshold and K=256.
/// `insert` builds an index of N articles (each insert also takes the
/// signature of its hash set: the stage API inserts hash sets); `query`
/// looks every one of the N up in the full index.
fn bench_lsh(c: &mut Criterion) {
    let mut g = c.benchmark_group("lsh");
    // An iteration handles N articles (up to a second at 10k).
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    for n in [1_000, 10_000] {
        let sets = corpus_shingles(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("insert", n), &sets, |b, sets| {
            b.iter_batched(
                || LshStage::new(CANDIDATE_THRESHOLD, K),
                |mut index| {
                    for (i, h) in sets.iter().enumerate() {
                        index.insert(i as u32, h);
                    }
                    index
                },
                BatchSize::LargeInput,
            )
        });
        let mut index = LshStage::new(CANDIDATE_THRESHOLD, K);
        for (i, h) in sets.iter().enumerate() {
            index.insert(i as u32, h);
        }
        g.bench_with_input(BenchmarkId::new("query", n), &sets, |b, sets| {
            b.iter(|| {
                sets.iter()
                    .map(|h| index.query(black_box(h)).len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

/// Group 5, `dates`: dateline, date mentions and event window of cleaned seed text.
fn bench_dates(c: &mut Criterion) {
    let mut g = c.benchmark_group("dates");
    for seed in seeds() {
        let text = stages::clean(&seed.raw);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(&seed.name), &text, |b, text| {
            b.iter(|| stages::dates(black_box(text)))
        });
    }
    g.finish();
}

/// Group 6, `end_to_end`: `Clusterer::cluster` on synthetic corpora of 1k and 10k
/// articles (100k with `SAMESTORY_BENCH_100K=1`).
fn bench_end_to_end(c: &mut Criterion) {
    let clusterer = Clusterer::new();
    // Lexicons loaded before timing.
    black_box(clusterer.cluster(&corpus(1_000)[..10]));
    let big = std::env::var_os("SAMESTORY_BENCH_100K").is_some_and(|v| v == "1");
    let sizes = if big {
        &CORPUS_SIZES[..]
    } else {
        &CORPUS_SIZES[..2]
    };
    let mut g = c.benchmark_group("end_to_end");
    // Seconds per iteration at 10k: flat sampling, the fewest samples
    // criterion allows.
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    for &n in sizes {
        let articles = corpus(n);
        let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
        g.measurement_time(Duration::from_secs(match n {
            1_000 => 5,
            10_000 => 20,
            _ => 120,
        }));
        g.throughput(Throughput::ElementsAndBytes {
            elements: n as u64,
            bytes: bytes as u64,
        });
        g.bench_with_input(BenchmarkId::new("cluster", n), articles, |b, articles| {
            b.iter(|| clusterer.cluster(black_box(articles)))
        });
    }
    g.finish();
}

/// Group 8, `baseline`: what a generic MinHash library does — character 5-grams of
/// the text, hashed, MinHash K=256 — next to samestory's own path to a
/// signature (normalise → bridge shingles → MinHash K=256), same inputs.
fn bench_baseline(c: &mut Criterion) {
    let bridge = bridge();
    let mut g = c.benchmark_group("baseline");
    for (name, text) in lang_inputs() {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("char5", name), text, |b, text| {
            b.iter(|| {
                let hashes = stages::shingle_hashes(char_5grams(black_box(text)));
                stages::minhash(&hashes, K)
            })
        });
        g.bench_with_input(BenchmarkId::new("bridge", name), text, |b, text| {
            b.iter(|| {
                let hashes = bridge.shingles(&stages::normalize(black_box(text)));
                stages::minhash(&hashes, K)
            })
        });
    }
    g.finish();
}

#[path = "../examples/support/feed.rs"]
#[allow(dead_code)]
mod feed;

/// Group 7, `cluster_feed`: `Clusterer::cluster_fingerprints` (candidates,
/// verification, linkage — everything after fingerprinting) on a synthetic
/// feed of 2 740 articles a day (one million a year; see
/// `examples/support/feed.rs`) at 1k, 10k and 30k articles (100k with
/// `SAMESTORY_BENCH_100K=1`). The fingerprints are computed before timing.
/// Per-article time should stay flat once the date windows are full
/// (about 20k articles).
fn bench_cluster_feed(c: &mut Criterion) {
    let clusterer = Clusterer::new();
    let big = std::env::var_os("SAMESTORY_BENCH_100K").is_some_and(|v| v == "1");
    let mut sizes = vec![1_000, 10_000, 30_000];
    if big {
        sizes.push(100_000);
    }
    let all = feed::Feed::new().articles(*sizes.last().expect("sizes"), 2_740);
    let fps: Vec<_> = {
        use rayon::prelude::*;
        all.par_iter().map(|a| clusterer.fingerprint(a)).collect()
    };
    let mut g = c.benchmark_group("cluster_feed");
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    for n in sizes {
        let bytes: usize = all[..n].iter().map(|a| a.text.len()).sum();
        g.measurement_time(Duration::from_secs(if n <= 10_000 { 10 } else { 60 }));
        g.throughput(Throughput::ElementsAndBytes {
            elements: n as u64,
            bytes: bytes as u64,
        });
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, &n| {
            b.iter(|| clusterer.cluster_fingerprints(black_box(&all[..n]), black_box(&fps[..n])))
        });
    }
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = pipeline;
    config = config();
    targets = bench_clean, bench_bridge, bench_minhash, bench_lsh, bench_dates,
        bench_end_to_end, bench_cluster_feed, bench_baseline
}
criterion_main!(pipeline);
