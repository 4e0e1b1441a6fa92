//! Batch clustering at scale: how cost grows with the number of articles.
//!
//! ```text
//! cargo run --release --example scale -- [N] [--per-day R] [--threads T] [--max-bucket B]
//! cargo run --release --example scale -- [N] --stages | --fingerprint-speed | --write FILE.jsonl
//! ```
//!
//! Generates `N` synthetic articles (default 100 000) as a news feed of `R`
//! articles a day (default 2 740, one million a year), fingerprints them in
//! parallel, clusters them with [`Clusterer::cluster_fingerprints`], and
//! prints wall and CPU time of both phases, articles per second and the peak
//! resident memory. `--threads` sets rayon's pool (default: every core).
//! `--stages` instead prints the CPU time per article of each fingerprint
//! stage (clean, normalise, bridge, MinHash, dates) on one thread;
//! `--fingerprint-speed` the fingerprint speed per detected language;
//! `--write` saves the feed as JSONL for the `cluster` example.
//!
//! The feed (`examples/support/feed.rs`) renders events over a concept
//! vocabulary taken from the crate's lexicons in 8 languages: see that file.

use std::time::Instant;

use samestory::Clusterer;

#[path = "support/feed.rs"]
mod feed;

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
            "--max-bucket" => config = config.max_bucket(value("--max-bucket")),
            "-h" | "--help" => {
                println!(
                    "usage: scale [N] [--per-day R] [--threads T] [--max-bucket B] [--fingerprint-speed] [--stages] [--write FILE.jsonl]"
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
    let articles = feed.articles(n, per_day);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    eprintln!(
        "generated {n} articles, {:.0} B average, {} days, in {:.1} s",
        bytes as f64 / n as f64,
        n.div_ceil(per_day),
        t.elapsed().as_secs_f64()
    );
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
    let (t, cpu) = (Instant::now(), cpu_seconds());
    let fps: Vec<_> = {
        use rayon::prelude::*;
        articles
            .par_iter()
            .map(|a| clusterer.fingerprint(a))
            .collect()
    };
    let (fp_secs, fp_cpu) = (t.elapsed().as_secs_f64(), cpu_seconds() - cpu);
    let (t, cpu) = (Instant::now(), cpu_seconds());
    let clustering = clusterer.cluster_fingerprints(&articles, &fps);
    let (cl_secs, cl_cpu) = (t.elapsed().as_secs_f64(), cpu_seconds() - cpu);
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
