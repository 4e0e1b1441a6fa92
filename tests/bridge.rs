//! The cross-lingual bridge on real human translations (NTREX-128): a
//! translation pair must score above every same-language pair of different
//! stories, for each of zh, ja, ko, de, ru against English.

use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::Path;

use samestory::{Article, Clusterer, read_jsonl};

fn fixture() -> BTreeMap<(String, String), Article> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ntrex-translations.jsonl");
    let file = std::fs::File::open(path).expect("fixture");
    read_jsonl(BufReader::new(file))
        .map(|r| r.expect("fixture line"))
        .map(|a| {
            let (story, lang) = a.id.split_once('/').expect("id is story/lang");
            ((story.to_string(), lang.to_string()), a.clone())
        })
        .collect()
}

#[test]
fn translations_beat_same_language_different_stories() {
    let articles = fixture();
    let clusterer = Clusterer::new();
    let stories: Vec<String> = articles
        .keys()
        .map(|(s, _)| s.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(stories.len() >= 5);
    let fp = |s: &str, l: &str| clusterer.fingerprint(&articles[&(s.to_string(), l.to_string())]);
    for lang in ["zh-CN", "ja", "ko", "de", "ru"] {
        for story in &stories {
            let translation = clusterer.compare(&fp(story, "en"), &fp(story, lang)).score;
            for other in stories.iter().filter(|o| *o != story) {
                let same_lang = clusterer.compare(&fp(story, lang), &fp(other, lang)).score;
                assert!(
                    translation > same_lang,
                    "{lang}: {story} en↔{lang} {translation:.3} ≤ {story}↔{other} in {lang} {same_lang:.3}"
                );
                let same_en = clusterer.compare(&fp(story, "en"), &fp(other, "en")).score;
                assert!(
                    translation > same_en,
                    "{lang}: {story} en↔{lang} {translation:.3} ≤ {story}↔{other} in en {same_en:.3}"
                );
            }
        }
    }
}

/// Today one article of 54 (the Korean version of a Welsh-politics story,
/// whose names are too short for skeletons) is split off; no two stories merge.
/// Needs the German, French, Spanish and Russian lexicons (`gpl-lexicons`).
#[cfg(feature = "gpl-lexicons")]
#[test]
fn stories_cluster_across_nine_languages() {
    let articles = fixture();
    let list: Vec<Article> = articles.values().cloned().collect();
    let clustering = Clusterer::new().cluster(&list);
    let mut by_event: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (a, assignment) in list.iter().zip(clustering.assignments()) {
        by_event
            .entry(assignment.event.to_string())
            .or_default()
            .push(a.id.split_once('/').unwrap().0.to_string());
    }
    let mut split_off = 0;
    let mut main_event: BTreeMap<&str, usize> = BTreeMap::new();
    for stories in by_event.values() {
        let first = &stories[0];
        assert!(
            stories.iter().all(|s| s == first),
            "stories merged: {stories:?}"
        );
        let best = main_event.entry(first).or_insert(0);
        split_off += stories.len().min(*best);
        *best = (*best).max(stories.len());
    }
    assert!(
        split_off <= 2,
        "{split_off} articles split off their story's event: {by_event:?}"
    );
}

#[test]
fn languages_are_detected() {
    let articles = fixture();
    let clusterer = Clusterer::new();
    // (fixture language, detected code)
    let table = [
        ("en", "en"),
        ("zh-CN", "zh"),
        ("zh-TW", "zh"),
        ("ja", "ja"),
        ("ko", "ko"),
        ("de", "de"),
        ("fr", "fr"),
        ("es", "es"),
        ("ru", "ru"),
    ];
    for ((_, lang), article) in &articles {
        let want = table.iter().find(|(l, _)| l == lang).unwrap().1;
        assert_eq!(
            clusterer.fingerprint(article).lang().code(),
            want,
            "{}",
            article.id
        );
    }
}

#[test]
fn unseen_languages_still_fingerprint() {
    // Languages with no dictionary: names, numbers and their own words still
    // give a fingerprint, and a same-language rewrite still matches.
    let clusterer = Clusterer::new();
    let table = [
        (
            "ar",
            "التقى وزير التجارة الأمريكي ريموندو ونيشيمورا في ديترويت يوم 26 مايو 2023 لمناقشة أشباه الموصلات",
            "ريموندو ونيشيمورا التقيا في ديترويت يوم 26 مايو 2023 وناقشا أشباه الموصلات والتجارة",
        ),
        (
            "th",
            "รัฐมนตรีพาณิชย์สหรัฐฯ และญี่ปุ่นพบกันที่ดีทรอยต์เพื่อหารือเรื่องเซมิคอนดักเตอร์ ในปี 2023",
            "รัฐมนตรีญี่ปุ่นและสหรัฐฯ พบกันที่ดีทรอยต์ หารือเรื่องเซมิคอนดักเตอร์ ปี 2023",
        ),
        (
            "vi",
            "Bộ trưởng Thương mại Mỹ Raimondo và ông Nishimura gặp nhau tại Detroit ngày 26/5/2023 về chất bán dẫn",
            "Ông Nishimura và Bộ trưởng Raimondo gặp nhau tại Detroit ngày 26/5/2023, bàn về chất bán dẫn",
        ),
        (
            "hi",
            "अमेरिकी वाणिज्य मंत्री रायमोंडो और निशिमुरा ने 26 मई 2023 को डेट्रॉइट में सेमीकंडक्टर पर बात की",
            "निशिमुरा और रायमोंडो ने 26 मई 2023 को डेट्रॉइट में सेमीकंडक्टर पर चर्चा की",
        ),
    ];
    for (lang, a, b) in table {
        let (fa, fb) = (
            clusterer.fingerprint(&Article::new("a", a)),
            clusterer.fingerprint(&Article::new("b", b)),
        );
        assert!(
            fa.shingle_count() > 0 && fb.shingle_count() > 0,
            "{lang}: empty fingerprint"
        );
        let c = clusterer.compare(&fa, &fb);
        assert!(
            c.matched,
            "{lang}: rewrite not matched (score {:.3})",
            c.score
        );
    }
}

#[test]
fn lexicon_per_language() {
    // (text in one language, a concept key it must produce)
    let table = [
        ("半导体", "semiconductor"),
        ("半導體", "semiconductor"),
        ("底特律", "detroit"),
        ("半導体の協力", "semiconductor"),
        ("サプライチェーン", "suppli"),
        ("반도체를", "semiconductor"),
        ("semiconductors", "semiconductor"),
    ];
    check_keys(&table);
}

/// The European lexicons come with the default `gpl-lexicons` feature.
#[cfg(feature = "gpl-lexicons")]
#[test]
fn lexicon_per_european_language() {
    // Latin-script languages are recognised by their function words.
    let table = [
        ("Die Halbleiter und die Chips", "semiconductor"),
        ("les semiconducteurs et la coopération", "semiconductor"),
        ("los semiconductores y la cooperación", "semiconductor"),
        ("полупроводники", "semiconductor"),
        (
            "il governo dei semiconduttori per la cooperazione",
            "semiconductor",
        ),
        ("il governo della cooperazione", "govern"),
        ("os semicondutores e o governo", "semiconductor"),
        ("o acordo e o governo", "agreement"),
        ("het is de halfgeleider van het bedrijf", "semiconductor"),
        ("het is een oorlog van de regering", "war"),
        ("det är ett krig för regeringen", "war"),
        ("bu savaş ve hükümet için", "war"),
        // Inflected Turkish words by their entry at the start (meclis
        // "assembly", değiştirmek "to change").
        ("bu konuda meclisin kararı", "parliament"),
        ("yasanın değiştirildiğini gösteriyor", "chang"),
        ("ο πόλεμος και η κυβέρνηση", "war"),
        ("to jest wojna i rząd nie", "war"),
        ("je to válka, řekl, že vláda", "war"),
        ("hän sanoi että sota ja hallitus", "war"),
        ("azt mondta, hogy a háború és a kormány", "war"),
        ("det er en krig og regjeringen", "war"),
        ("ini adalah perang dan pemerintah", "war"),
        ("قالت الحكومة إن الحرب", "war"),
        ("सरकार ने युद्ध पर कहा", "war"),
        // A nukta the lexicon's entry lacks (क़ानून, कानून "law").
        ("सरकार ने क़ानून बदला", "law"),
        // Arabic proclitics (ل "to"), the bare form of an entry listed with
        // its article (قانون, القانون), a three-letter stem (عضو) and
        // short-vowel marks (دعماً).
        ("يسعى الحزب لتغيير قانون الانتخابات", "chang"),
        ("يسعى الحزب لتغيير قانون الانتخابات", "law"),
        ("أصبح عضو في البرلمان", "member"),
        ("قدّم دعماً كبيراً", "support"),
        // Persian letters (ی, ک) folded to Arabic for the Arabic lexicon.
        ("حزب سیاسی", "polit"),
        // Sino-Vietnamese words, read through their Hán-Việt syllables.
        ("chiến tranh và chính phủ của Mỹ", "war"),
        ("đây là cuộc chiến tranh của họ", "war"),
        ("các thành viên của chính phủ", "member"),
        ("hội nghị về kinh tế của các nước", "economi"),
        ("tổng thống và các bộ trưởng", "presid"),
        // Place names before Sino-Vietnamese words (Hoa Kỳ is not 花旗),
        // and the two-letter Mỹ.
        ("Hoa Kỳ và các nước", "usa"),
        ("Tổng thống Mỹ và các bộ trưởng", "usa"),
    ];
    check_keys(&table);
}

/// Thai is segmented by dictionary (it has no spaces between words), and
/// its words reach the pivot through Thai WordNet; not GPL data.
#[test]
fn thai_words_reach_the_pivot() {
    let table = [
        ("รัฐบาลประกาศสงคราม", "war"),
        ("รัฐบาลประกาศสงคราม", "govern"),
        ("ประธานาธิบดีของสหรัฐ", "presid"),
        ("ลูกสาวของเขา", "daughter"),
        ("การประชุมเศรษฐกิจ", "economi"),
    ];
    check_keys(&table);
}

/// Italian, Portuguese, Dutch, Swedish, Turkish, Greek, Arabic and Hindi
/// (not in the NTREX fixture): two of its stories translated for this project. A translation
/// must score above the other story in the same language and above every
/// other English story.
#[cfg(feature = "gpl-lexicons")]
#[test]
fn more_translations_beat_other_stories() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/translations-more.jsonl");
    let file = std::fs::File::open(path).expect("fixture");
    let mut articles = fixture();
    for a in read_jsonl(BufReader::new(file)) {
        let a = a.expect("fixture line");
        let (story, lang) = a.id.split_once('/').expect("id is story/lang");
        articles.insert((story.to_string(), lang.to_string()), a.clone());
    }
    let clusterer = Clusterer::new();
    let fp = |s: &str, l: &str| clusterer.fingerprint(&articles[&(s.to_string(), l.to_string())]);
    let stories = ["bbc.381790", "telegraph.405430"];
    let english: Vec<String> = articles
        .keys()
        .filter(|(_, l)| l == "en")
        .map(|(s, _)| s.clone())
        .collect();
    for lang in ["it", "pt", "nl", "sv", "tr", "el", "ar", "hi", "vi", "th"] {
        for (i, story) in stories.iter().enumerate() {
            assert_eq!(
                fp(story, lang).lang().code(),
                lang,
                "{story}/{lang} detected"
            );
            let translation = clusterer.compare(&fp(story, "en"), &fp(story, lang)).score;
            let other = stories[1 - i];
            let same_lang = clusterer.compare(&fp(story, lang), &fp(other, lang)).score;
            assert!(
                translation > same_lang,
                "{lang}: {story} en↔{lang} {translation:.3} ≤ {story}↔{other} in {lang} {same_lang:.3}"
            );
            for en in english.iter().filter(|e| e != story) {
                let cross = clusterer.compare(&fp(en, "en"), &fp(story, lang)).score;
                assert!(
                    translation > cross,
                    "{lang}: {story} en↔{lang} {translation:.3} ≤ {en}/en↔{story}/{lang} {cross:.3}"
                );
            }
        }
    }
}

/// A language hint decides the language of Latin-script words that carry
/// no function words, with or without a stemmer for the language.
#[cfg(feature = "gpl-lexicons")]
#[test]
fn hinted_latin_languages_use_their_lexicon() {
    let bridge = samestory::stages::BridgeStage::default();
    let table = [
        ("it", "guerra"),
        ("pl", "wojna"),
        ("cs", "válka"),
        ("id", "perang"),
        ("fi", "sota"),
    ];
    for (hint, text) in table {
        let (keys, _) = bridge.key_strings_hinted(text, samestory::Lang::from_tag(hint));
        assert!(
            keys.iter().any(|k| k == "concepts:war"),
            "{hint} {text}: {keys:?}"
        );
    }
}

/// Regression: a Vietnamese function syllable started a Sino-Vietnamese
/// word over the syllable after it: các thành (各城, "every city") + viên,
/// where the text says các thành viên, "the members". The Vietnamese
/// lexicon is not GPL data: no feature needed.
#[test]
fn vietnamese_function_syllable_starts_no_word() {
    let bridge = samestory::stages::BridgeStage::default();
    let keys = bridge.key_strings(&samestory::stages::normalize(
        "Các thành viên của hội nghị và các thành viên của chính phủ",
    ));
    assert!(keys.iter().any(|k| k == "concepts:member"), "{keys:?}");
    assert!(!keys.iter().any(|k| k == "concepts:citi"), "{keys:?}");
}

fn check_keys(table: &[(&str, &str)]) {
    let bridge = samestory::stages::BridgeStage::default();
    for (text, want) in table {
        let keys = bridge.key_strings(&samestory::stages::normalize(text));
        assert!(
            keys.iter().any(|k| k == &format!("concepts:{want}")),
            "{text}: {keys:?}"
        );
    }
}
