//! Pins the bridge's output: for every fixture article (and a few synthetic
//! texts with awkward scripts and cases), the full sequence of `channel:key`
//! strings and the per-language letter counts are hashed and compared with
//! `tests/fixtures/bridge_golden.txt`. Performance work on normalisation and
//! the bridge must leave every hash unchanged.
//!
//! Regenerate (only when a change of output is intended):
//! `BLESS_BRIDGE_GOLDEN=1 cargo test --test bridge_golden`.
//!
//! The hashes are of the default build, with the `gpl-lexicons` feature.
#![cfg(feature = "gpl-lexicons")]

use std::path::{Path, PathBuf};

use samestory::stages::{BridgeStage, clean, normalize};
use samestory::{Article, Lang, read_dir};

const ALL_LANGS: [Lang; 25] = Lang::ALL;

/// Short texts that exercise edge cases of lowercasing, segmentation and
/// dictionary matching.
const SYNTHETIC: &[&str] = &[
    "",
    "\n\n",
    "a",
    "İstanbul ΣΟΦΟΣ Straße STRASSE ÉTATS-UNIS États-Unis U.S. us US Us EU eu",
    "Les États-Unis et le Japon. Die USA und Japan. The United States and Japanese officials.",
    "Соединённые Штаты Америки, Северной Кореи и США. Раймондо встретился с Нисимурой.",
    "ＩＢＭ２０２３年 ｶﾀｶﾅ 30 000 и 1 234 567, 2,000.5 yen, 3.5, 89th 1990s 27m G7 COVID19 26일",
    "美日加强半导体合作 日本のRapidusはIBMと、JUCIP会议在Detroit举行。雷蒙多和布林肯。",
    "米国と日本は人々と時々サプライチェーンの調整に注力している。ライモンド・ジーナ商務長官",
    "미일 상무장관은 26일 디트로이트에서 레이몬도 장관과 반도체를 공동성명으로 한미일 협력",
    "Japan's Rapidus’s chips. THE NATO SUMMIT. Die Rangers spielen in Detroit mit der NATO.",
    "ภาษาไทยง่ายนิดเดียว العربية עברית हिन्दी Ελληνικά 😀 “quoted” «guillemets» — dash",
    "Nuñez Müller Łódź Ærø ǅemal ŉ ﬁnance Ǆ Ω K Å",
    "中国 China 中國 Китай 중국 チャイナ 中華人民共和国 中华人民共和国 北朝鮮 朝鮮民主主義人民共和国",
    "Các thành viên Quốc hội và Chính phủ Việt Nam bàn về kinh tế, hoà bình và hòa bình ở Hà Nội.",
];

fn fnv(hash: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *hash ^= u64::from(b);
        *hash = hash.wrapping_mul(0x100_0000_01b3);
    }
}

fn digest(stage: &BridgeStage, text: &str, hint: Option<Lang>) -> String {
    let (keys, letters) = stage.key_strings_hinted(text, hint);
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for k in &keys {
        fnv(&mut h, k.as_bytes());
        fnv(&mut h, b"\n");
    }
    fnv(&mut h, format!("{letters:?}").as_bytes());
    format!("{}\t{h:016x}", keys.len())
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn articles() -> Vec<Article> {
    let mut out: Vec<Article> = read_dir(&fixtures().join("seeds"))
        .expect("seeds readable")
        .into_iter()
        .map(|r| r.expect("seed is an article"))
        .collect();
    let f = std::fs::File::open(fixtures().join("ntrex-golden.jsonl")).expect("ntrex fixture");
    out.extend(samestory::read_jsonl(std::io::BufReader::new(f)).map(|r| r.expect("article")));
    out
}

fn golden_lines() -> Vec<String> {
    let stage = BridgeStage::default();
    let mut lines = Vec::new();
    for a in articles() {
        let text = normalize(&clean(&format!(
            "{}\n{}",
            a.title.clone().unwrap_or_default(),
            a.text
        )));
        lines.push(format!("{}\t-\t{}", a.id, digest(&stage, &text, None)));
        let tag = a.id.rsplit('/').next().unwrap_or("");
        if let Some(hint) = Lang::from_tag(tag).filter(|_| a.id.contains('/')) {
            let d = digest(&stage, &text, Some(hint));
            lines.push(format!("{}\t{}\t{d}", a.id, hint.code()));
        }
    }
    for (i, text) in SYNTHETIC.iter().enumerate() {
        let text = normalize(text);
        lines.push(format!("synthetic{i}\t-\t{}", digest(&stage, &text, None)));
        for hint in ALL_LANGS {
            let d = digest(&stage, &text, Some(hint));
            lines.push(format!("synthetic{i}\t{}\t{d}", hint.code()));
        }
    }
    lines
}

#[test]
fn bridge_output_is_unchanged() {
    let path = fixtures().join("bridge_golden.txt");
    let got = golden_lines();
    if std::env::var_os("BLESS_BRIDGE_GOLDEN").is_some() {
        std::fs::write(&path, got.join("\n") + "\n").expect("write golden file");
        return;
    }
    let want = std::fs::read_to_string(&path).expect("golden file");
    let want: Vec<&str> = want.lines().collect();
    let diffs: Vec<String> = got
        .iter()
        .zip(&want)
        .filter(|(g, w)| g != w)
        .map(|(g, w)| format!("got  {g}\nwant {w}"))
        .collect();
    assert!(
        diffs.is_empty(),
        "bridge output changed:\n{}",
        diffs.join("\n")
    );
    assert_eq!(got.len(), want.len(), "number of golden lines");
}
