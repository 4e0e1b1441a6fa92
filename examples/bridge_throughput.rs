//! Throughput of the normalise + bridge stage, per language.
//!
//!     cargo run --release --example bridge_throughput -- FILE.jsonl [(SECONDS | ROUNDSx) [LANG]]
//!     cargo run --release --example bridge_throughput -- --load
//!
//! Articles are grouped by the language tag after the last `/` of their id
//! (as in ntrex-dev) or by their `lang`; `mixed` joins the zh-CN, en, ko and
//! ja versions of each document into one text. Texts are cleaned beforehand
//! (cleaning is not timed); `bridge` times `BridgeStage::keys` over
//! normalised text, `nfkc+bridge` times normalisation too; rates are per CPU
//! second of the timing thread; `segment` times the bridge's segmentation
//! and script counting alone (part of `bridge`). `--load` times
//! loading every table (a first fingerprint in each language) instead.
use std::collections::BTreeMap;
use std::io::BufReader;
use std::time::{Duration, Instant};

use samestory::stages::{BridgeStage, clean, normalize};
use samestory::{Article, Clusterer};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--load") {
        return load();
    }
    const USAGE: &str = "usage: bridge_throughput FILE.jsonl [(SECONDS | ROUNDSx) [LANG]] | --load";
    let Some(path) = args.get(1) else {
        eprintln!("{USAGE}");
        std::process::exit(2);
    };
    // `20x`: exactly 20 rounds per measurement instead of a time budget,
    // for counting instructions with `perf stat` (two runs, subtracted).
    let rounds = args
        .get(2)
        .and_then(|s| s.strip_suffix('x'))
        .and_then(|n| n.parse::<u32>().ok());
    let Ok(secs) = args
        .get(2)
        .filter(|_| rounds.is_none())
        .map_or(Ok(1.0), |s| s.parse::<f64>())
    else {
        eprintln!("SECONDS must be a number\n{USAGE}");
        std::process::exit(2);
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("bridge_throughput: {path}: {e}");
            std::process::exit(1);
        }
    };
    let articles: Vec<Article> = samestory::read_jsonl(BufReader::new(file))
        .filter_map(Result::ok)
        .collect();
    // language → cleaned texts; document → language → cleaned text
    let mut by_lang: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut by_doc: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for a in &articles {
        let (doc, tag) = match a.id.rsplit_once('/') {
            Some((d, t)) => (d.to_string(), t.to_string()),
            None => (a.id.clone(), a.lang.clone().unwrap_or_else(|| "?".into())),
        };
        let raw = format!("{}\n{}", a.title.clone().unwrap_or_default(), a.text);
        let text = clean(&raw);
        by_lang.entry(tag.clone()).or_default().push(text.clone());
        by_doc.entry(doc).or_default().insert(tag, text);
    }
    let mixed: Vec<String> = by_doc
        .values()
        .filter_map(|m| {
            let parts: Option<Vec<&str>> = ["zh-CN", "en", "ko", "ja"]
                .iter()
                .map(|t| m.get(*t).map(String::as_str))
                .collect();
            parts.map(|p| p.join("\n"))
        })
        .collect();
    if !mixed.is_empty() {
        by_lang.insert("mixed".into(), mixed);
    }
    if let Some(only) = args.get(3) {
        by_lang.retain(|l, _| l == only);
    }
    let stage = BridgeStage::default();
    // Load every table the texts need before timing.
    for texts in by_lang.values() {
        for t in texts {
            stage.keys(&normalize(t));
        }
    }
    let budget = Duration::from_secs_f64(secs);
    println!(
        "{:<8} {:>9} {:>12} {:>16} {:>13}",
        "lang", "KB", "bridge MB/s", "nfkc+bridge MB/s", "segment MB/s"
    );
    for (lang, texts) in &by_lang {
        let normalized: Vec<String> = texts.iter().map(|t| normalize(t)).collect();
        let bytes: usize = texts.iter().map(String::len).sum();
        let bridge = rate(bytes, budget, rounds, || {
            normalized.iter().map(|t| stage.keys(t)).sum()
        });
        let both = rate(bytes, budget, rounds, || {
            texts.iter().map(|t| stage.keys(&normalize(t))).sum()
        });
        let segment = rate(bytes, budget, rounds, || {
            normalized
                .iter()
                .map(|t| samestory::stages::segment(t))
                .sum()
        });
        println!(
            "{lang:<8} {:>9.1} {bridge:>12.1} {both:>16.1} {segment:>13.1}",
            bytes as f64 / 1e3
        );
    }
}

/// MB per CPU second of `run` over `bytes` of input, repeated for at least
/// `budget` of CPU time (or exactly `fixed` times). CPU time, not wall
/// time: the machine is shared.
fn rate(bytes: usize, budget: Duration, fixed: Option<u32>, mut run: impl FnMut() -> usize) -> f64 {
    let start = cpu_time();
    let mut rounds = 0u32;
    let mut sink = 0usize;
    while match fixed {
        Some(n) => rounds < n,
        None => rounds == 0 || cpu_time() - start < budget,
    } {
        sink = sink.wrapping_add(std::hint::black_box(run()));
        rounds += 1;
    }
    std::hint::black_box(sink);
    bytes as f64 * f64::from(rounds) / (cpu_time() - start).as_secs_f64() / 1e6
}

/// This thread's CPU time (Linux `schedstat`), else wall time since start.
fn cpu_time() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split(' ').next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_else(|| START.get_or_init(Instant::now).elapsed())
}

/// Times loading every table: one short fingerprint in each language.
fn load() {
    let texts = [
        ("en", "The United States and Japan met in Detroit."),
        ("zh", "美日加强半导体合作，雷蒙多在底特律。"),
        ("ja", "米国と日本は半導体で協力する。"),
        ("ko", "미일 상무장관은 반도체 협력에 합의했다."),
        ("de", "Die USA und Japan arbeiten zusammen."),
        ("fr", "Les États-Unis et le Japon coopèrent."),
        ("es", "Estados Unidos y Japón cooperan."),
        ("ru", "США и Япония сотрудничают."),
        ("it", "Gli Stati Uniti e il Giappone cooperano."),
        ("pt", "Os Estados Unidos e o Japão cooperam."),
        ("nl", "De Verenigde Staten en Japan werken samen."),
        ("sv", "USA och Japan samarbetar om det."),
        ("tr", "ABD ve Japonya bu konuda işbirliği yapıyor."),
        ("el", "Οι ΗΠΑ και η Ιαπωνία συνεργάζονται."),
        (
            "pl",
            "Stany Zjednoczone i Japonia współpracują, jak już było.",
        ),
        ("cs", "Spojené státy a Japonsko spolupracují, jako už bylo."),
        (
            "fi",
            "Yhdysvallat ja Japani tekevät yhteistyötä, että niin.",
        ),
        (
            "hu",
            "Az Egyesült Államok és Japán együttműködik, hogy már.",
        ),
        ("no", "USA og Japan samarbeider, det er ikke nytt."),
        ("id", "Amerika Serikat dan Jepang bekerja sama untuk itu."),
        ("ar", "الولايات المتحدة واليابان تتعاونان."),
        ("hi", "अमेरिका और जापान सहयोग करते हैं।"),
        ("vi", "Hoa Kỳ và Nhật Bản hợp tác về kinh tế."),
        ("th", "สหรัฐอเมริกาและญี่ปุ่นร่วมมือกันด้านเศรษฐกิจ"),
    ];
    let start = Instant::now();
    let c = Clusterer::new();
    for (lang, text) in texts {
        c.fingerprint(&Article::new(lang, text).with_lang(lang));
    }
    println!(
        "loaded all tables in {:.3} s",
        start.elapsed().as_secs_f64()
    );
}
