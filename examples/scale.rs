//! Batch clustering at scale: how cost grows with the number of articles.
//!
//! ```text
//! cargo run --release --example scale -- [N] [--per-day R] [--threads T] [--max-bucket B] [--repeat R]
//! cargo run --release --example scale -- [N] --stages | --fingerprint-speed | --write FILE.jsonl
//! ```
//!
//! Generates `N` synthetic articles (default 100 000) as a news feed of `R`
//! articles a day (default 2 740, one million a year), fingerprints them in
//! parallel (in chunks of 50 000, keeping only each article's id and date
//! once it is fingerprinted), clusters them with [`Clusterer::cluster_fingerprints`], and
//! prints wall and CPU time of both phases, articles per second and the peak
//! resident memory. `--threads` sets rayon's pool (default: every core).
//! `--stages` instead prints the CPU time per article of each fingerprint
//! stage (clean, normalise, bridge, MinHash, dates) on one thread;
//! `--fingerprint-speed` the fingerprint speed per detected language;
//! `--write` saves the feed as JSONL for the `cluster` example; `--repeat R`
//! clusters the same fingerprints R times and prints each run's clustering
//! time (for profiling and less noisy timing of that phase).
//!
//! It also scores the clustering against the feed's true events (pairwise
//! and BCubed precision, recall, F1): a guard against speed-ups that lose
//! quality.
//!
//! The feed (`examples/support/feed.rs`) renders events over a concept
//! vocabulary taken from the crate's lexicons in 8 languages: see that file.

use std::time::Instant;

use samestory::Clusterer;

#[path = "support/feed.rs"]
mod feed;

/// Articles generated and fingerprinted at a time.
const CHUNK: usize = 50_000;

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut n, mut per_day) = (100_000usize, 2_740usize);
    let mut per_lang_speed = false;
    let mut stage_split = false;
    let mut write: Option<String> = None;
    let mut repeat = 1usize;
    let mut config = samestory::Config::default();
    while let Some(a) = args.next() {
        let mut value = |name: &str| -> usize {
            args.next()
                .and_then(|v| v.replace('_', "").parse().ok())
                .unwrap_or_else(|| panic!("{name} needs a whole number"))
        };
        match a.as_str() {
            "--per-day" => per_day = value("--per-day"),
            "--threads" => {
                let t = value("--threads");
                rayon::ThreadPoolBuilder::new()
                    .num_threads(t)
                    .build_global()
                    .expect("rayon pool set once");
            }
            "--fingerprint-speed" => per_lang_speed = true,
            "--stages" => stage_split = true,
            "--write" => write = args.next(),
            "--repeat" => repeat = value("--repeat").max(1),
            "--max-bucket" => config = config.max_bucket(value("--max-bucket")),
            "-h" | "--help" => {
                println!(
                    "usage: scale [N] [--per-day R] [--threads T] [--max-bucket B] [--repeat R] [--fingerprint-speed] [--stages] [--write FILE.jsonl]"
                );
                return;
            }
            other => n = other.replace('_', "").parse().expect("N is a whole number"),
        }
    }
    let t = Instant::now();
    let feed = feed::Feed::new();
    let (concepts, per_lang) = feed.coverage();
    eprintln!("vocabulary: {concepts} concepts; per language {per_lang:?}");
    // The clustering run generates and fingerprints the feed in chunks and
    // keeps only ids and dates of the articles: what clustering needs, and
    // the text of a million articles is 3.2 GB. The other modes hold it all.
    let whole = write.is_some() || stage_split || per_lang_speed;
    let mut stream = feed.stream(n, per_day);
    let articles = if whole {
        feed.articles(n, per_day)
    } else {
        stream.by_ref().take(CHUNK).collect()
    };
    if whole {
        let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
        eprintln!(
            "generated {n} articles, {:.0} B average, {} days, in {:.1} s",
            bytes as f64 / n as f64,
            n.div_ceil(per_day),
            t.elapsed().as_secs_f64()
        );
    }
    let mut gen_secs = t.elapsed().as_secs_f64();
    if let Some(path) = write {
        // The feed as JSONL, for the `cluster` example and other tools.
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("output file"));
        for a in &articles {
            let line = serde_json::json!({"id": a.id, "text": a.text, "published": a.published});
            writeln!(out, "{line}").expect("write");
        }
        eprintln!("wrote {path}");
        return;
    }
    let clusterer = Clusterer::with_config(config).expect("valid settings");
    // Lexicons load on first use: keep that out of the timing.
    let t = Instant::now();
    for lang in feed::FEED_LANGS {
        if let Some(a) = articles
            .iter()
            .find(|a| a.id.ends_with(&format!("-{lang}")))
        {
            clusterer.fingerprint(a);
        }
    }
    // A short sentence may still read as another language (Czech,
    // Indonesian, …) whose lexicon would then load mid-timing; loading all
    // also makes the peak memory the all-languages figure.
    samestory::stages::load_all_lexicons();
    eprintln!("lexicons loaded in {:.2} s", t.elapsed().as_secs_f64());
    if stage_split {
        // Each stage of the fingerprint over the first 2 000 articles, on
        // this thread: CPU time per article.
        use samestory::stages;
        let sample = &articles[..articles.len().min(2_000)];
        let bridge = stages::BridgeStage::default();
        let m = sample.len() as f64;
        let time = |f: &mut dyn FnMut()| {
            let c = cpu_seconds();
            f();
            (cpu_seconds() - c) / m * 1e6
        };
        let mut cleaned = Vec::new();
        let clean = time(&mut || cleaned = sample.iter().map(|a| stages::clean(&a.text)).collect());
        let mut normal = Vec::new();
        let nfkc = time(&mut || normal = cleaned.iter().map(|t| stages::normalize(t)).collect());
        bridge.keys(&normal[0]);
        let mut shingles = Vec::new();
        let bridged = time(&mut || shingles = normal.iter().map(|t| bridge.shingles(t)).collect());
        let minhash = time(&mut || {
            for h in &shingles {
                std::hint::black_box(stages::minhash(h, 256));
            }
        });
        let dates = time(&mut || {
            for t in &cleaned {
                std::hint::black_box(stages::dates(t));
            }
        });
        let whole = time(&mut || {
            for a in sample {
                std::hint::black_box(clusterer.fingerprint(a));
            }
        });
        println!(
            "µs CPU per article: clean {clean:.0}, normalise {nfkc:.0}, bridge {bridged:.0}, minhash {minhash:.0}, dates {dates:.0}; whole fingerprint {whole:.0}"
        );
        return;
    }
    if per_lang_speed {
        // Fingerprint each article alone, on this thread, timed per language.
        let mut per: std::collections::BTreeMap<String, (usize, f64)> = Default::default();
        for a in &articles {
            let t = Instant::now();
            let fp = clusterer.fingerprint(a);
            let e = per.entry(format!("{:?}", fp.lang())).or_default();
            e.0 += a.text.len();
            e.1 += t.elapsed().as_secs_f64();
        }
        for (lang, (bytes, secs)) in per {
            println!("fingerprint\t{lang}\t{:.1} MB/s", bytes as f64 / secs / 1e6);
        }
        return;
    }
    let (mut fp_secs, mut fp_cpu, mut bytes) = (0.0, 0.0, 0usize);
    let mut fps = Vec::with_capacity(n);
    let mut kept = Vec::with_capacity(n);
    let mut batch = articles;
    while !batch.is_empty() {
        use rayon::prelude::*;
        let (t, cpu) = (Instant::now(), cpu_seconds());
        fps.par_extend(batch.par_iter().map(|a| clusterer.fingerprint(a)));
        fp_secs += t.elapsed().as_secs_f64();
        fp_cpu += cpu_seconds() - cpu;
        bytes += batch.iter().map(|a| a.text.len()).sum::<usize>();
        kept.extend(batch.into_iter().map(|mut a| {
            a.text = String::new();
            a
        }));
        let t = Instant::now();
        batch = stream.by_ref().take(CHUNK).collect();
        gen_secs += t.elapsed().as_secs_f64();
    }
    let articles = kept;
    eprintln!(
        "generated {n} articles, {:.0} B average, {} days, in {gen_secs:.1} s (texts dropped once fingerprinted)",
        bytes as f64 / n as f64,
        n.div_ceil(per_day),
    );
    let (t, cpu) = (Instant::now(), cpu_seconds());
    let mut clustering = clusterer.cluster_fingerprints(&articles, &fps);
    let (cl_secs, cl_cpu) = (t.elapsed().as_secs_f64(), cpu_seconds() - cpu);
    for run in 2..=repeat {
        let (t, cpu) = (Instant::now(), cpu_seconds());
        clustering = clusterer.cluster_fingerprints(&articles, &fps);
        let (secs, cpu) = (t.elapsed().as_secs_f64(), cpu_seconds() - cpu);
        eprintln!(
            "cluster run {run}: {secs:.2} s wall, {cpu:.2} s CPU ({:.1} µs CPU/article)",
            cpu / n as f64 * 1e6
        );
    }
    let secs = fp_secs + cl_secs;
    println!(
        "articles {n}\tevents {}\tseconds {secs:.2}\tarticles/s {:.0}\tMB/s {:.1}\tpeak RSS MiB {:.0}",
        clustering.events().len(),
        n as f64 / secs,
        bytes as f64 / secs / 1e6,
        peak_rss_mib().unwrap_or(f64::NAN)
    );
    println!(
        "fingerprint: {fp_secs:.2} s wall, {fp_cpu:.2} s CPU ({:.1} µs CPU/article)\tcluster (index, verify, link): {cl_secs:.2} s wall, {cl_cpu:.2} s CPU ({:.1} µs CPU/article)",
        fp_cpu / n as f64 * 1e6,
        cl_cpu / n as f64 * 1e6
    );
    let q = Quality::of(&clustering);
    println!(
        "quality against the feed's events: pairwise P {:.3} R {:.3} F1 {:.3}\tBCubed P {:.3} R {:.3} F1 {:.3}",
        q.pair_p, q.pair_r, q.pair_f1, q.bcubed_p, q.bcubed_r, q.bcubed_f1
    );
}

/// Pairwise and BCubed scores of a clustering against the feed's true events
/// (the id's `ev0000042` part), from contingency counts: `O(n)`.
struct Quality {
    pair_p: f64,
    pair_r: f64,
    pair_f1: f64,
    bcubed_p: f64,
    bcubed_r: f64,
    bcubed_f1: f64,
}

impl Quality {
    fn of(clustering: &samestory::Clustering) -> Quality {
        use std::collections::HashMap;
        let assignments = clustering.assignments();
        let truth = |id: &str| id.split_once('-').map_or(id, |(e, _)| e).to_string();
        // Sizes of predicted events, of true events and of their intersections.
        let mut pred: HashMap<samestory::EventId, u64> = HashMap::new();
        let mut gold: HashMap<String, u64> = HashMap::new();
        let mut cell: HashMap<(samestory::EventId, String), u64> = HashMap::new();
        for a in assignments {
            let t = truth(&a.id);
            *pred.entry(a.event).or_default() += 1;
            *gold.entry(t.clone()).or_default() += 1;
            *cell.entry((a.event, t)).or_default() += 1;
        }
        let pairs = |c: u64| (c * c.saturating_sub(1) / 2) as f64;
        let same: f64 = cell.values().map(|&c| pairs(c)).sum();
        let pred_pairs: f64 = pred.values().map(|&c| pairs(c)).sum();
        let gold_pairs: f64 = gold.values().map(|&c| pairs(c)).sum();
        // BCubed: an article's precision is the share of its predicted event
        // from its true event, its recall the share of its true event in its
        // predicted one; a cell of c articles contributes c times each.
        let (mut bp, mut br) = (0.0, 0.0);
        for ((e, t), &c) in &cell {
            let c = c as f64;
            bp += c * c / pred[e] as f64;
            br += c * c / gold[t] as f64;
        }
        let n = assignments.len().max(1) as f64;
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 1.0 };
        let f1 = |p: f64, r: f64| {
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        };
        let (pair_p, pair_r) = (ratio(same, pred_pairs), ratio(same, gold_pairs));
        let (bcubed_p, bcubed_r) = (bp / n, br / n);
        Quality {
            pair_p,
            pair_r,
            pair_f1: f1(pair_p, pair_r),
            bcubed_p,
            bcubed_r,
            bcubed_f1: f1(bcubed_p, bcubed_r),
        }
    }
}

/// User + system CPU time of this process so far, from /proc (Linux).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return f64::NAN;
    };
    // Fields after the parenthesised command name: utime and stime are the
    // 12th and 13th, in clock ticks (100 a second on Linux).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse().ok())
        .collect();
    f.iter().sum::<f64>() / 100.0
}
