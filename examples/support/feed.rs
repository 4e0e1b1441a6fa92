//! A synthetic multilingual news feed for scale tests and benchmarks,
//! derived from the crate's own lexicons (`data/`), not random letters.
//!
//! Real news differs from event to event in its specific words and shares
//! the general vocabulary of the language. The generator mimics that over a
//! concept vocabulary: English words of Zipf frequency 2.0–5.5 (wordfreq, in
//! `data/en_zipf.tsv`) that the lexicons render in Chinese, Japanese, Korean
//! (the first Hangul word of the Hanja table that the bridge keys as the
//! concept: its Hanja's first gloss in the Japanese lexicon, else in the
//! Chinese one), German, French, Spanish and Russian (the first word, in
//! lexicon order, whose first gloss is the concept).
//! Each *event* draws 98 topic concepts (Zipf 2.0–4.5, uniformly) and three
//! numbers, a day and 3–8 of the languages. Each of its articles renders
//! about 90% of the topic concepts once or twice and the numbers, then fills
//! up to 245 content words with general vocabulary (Zipf 3.0–5.5, weighted by
//! `10^(0.6·zipf)`, a flattened word frequency) drawn on its own, shuffled.
//! A function word of the language (a Zipf law over a short list) goes
//! before two of every three content words (a particle after, in Korean), so
//! about two fifths of the words are function words as in real news, and
//! sentences are 20 words. Articles are about 3.2 KB, published on the
//! event's day or the next; the feed has a fixed number of articles per day.
//! Everything is deterministic.
//!
//! Without function words (before 2026-11-22) a German, French or Spanish
//! article had nothing to tell its language by, and many read as Czech,
//! Finnish, Hungarian and the like, which cost the feed most of its recall
//! (10k articles: pairwise F1 0.381; with function words 0.891).
//!
//! Until 2026-11-23 a Korean word was the Hanja reading of the concept's
//! Chinese word only: 3,171 concepts had one (of 12,740), so most Korean
//! articles were largely particles, and the feed's recall was mostly
//! Korean's (10k articles: pairwise F1 0.889). Since the bridge reads Hanja
//! through the Japanese lexicon first, the generator follows it: 9,497
//! concepts have a Korean word (of 13,882) and 10k articles score pairwise
//! F1 0.999. Figures of the two feeds are not comparable.
//!
//! Verifier scores over 600 articles (`scale 600 --write`, then the
//! `pair_scores` example): unrelated pairs median 0.019, 95th percentile
//! 0.037 (on `ntrex-dev`: 0.014 and 0.049); same-event pairs median 0.229
//! (on `ntrex-dev` 0.183). (The feed before 2026-11-23: 0.016, 0.035 and
//! 0.195.)
//!
//! The text is word salad: it exercises segmentation, lexicon lookups and
//! stemming as real text does, with realistic overlap between unrelated
//! articles, but it is not prose.

use std::collections::HashMap;

use samestory::Article;

/// Languages of the feed, with their lexicon file (`None`: the pivot itself).
pub const FEED_LANGS: [&str; 8] = ["en", "zh-CN", "ja", "ko", "de", "fr", "es", "ru"];

/// Function words of each feed language, most frequent first. Real news is
/// about two fifths function words; they are how a reader (and the bridge)
/// tells German from Hungarian. Korean particles attach to the word before.
const FUNCTION_WORDS: [&[&str]; 8] = [
    &[
        "the", "of", "and", "to", "a", "in", "that", "is", "for", "on", "was", "with", "it", "as",
        "at", "by", "from", "he", "his", "be", "has", "have", "are", "but", "not", "this",
    ],
    &[
        "的", "在", "了", "是", "和", "也", "有", "将", "对", "与", "这", "都", "及", "而", "就",
    ],
    &[
        "の", "に", "は", "を", "が", "で", "と", "た", "て", "も", "から", "など", "まで", "ます",
        "した",
    ],
    &[
        "의", "에", "는", "을", "이", "가", "를", "은", "에서", "로", "와", "도", "과", "으로",
    ],
    &[
        "der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für",
        "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus",
        "hat", "dass",
    ],
    &[
        "de", "la", "le", "et", "les", "des", "en", "un", "du", "une", "que", "est", "pour", "qui",
        "dans", "a", "par", "plus", "pas", "au", "sur", "ne", "se", "il", "ce", "avec",
    ],
    &[
        "de", "la", "que", "el", "en", "y", "a", "los", "se", "del", "las", "un", "por", "con",
        "no", "una", "su", "para", "es", "al", "lo", "como", "más", "pero",
    ],
    &[
        "и", "в", "не", "на", "что", "с", "по", "это", "он", "как", "а", "к", "из", "у", "за",
        "от", "о", "для", "но", "его",
    ],
];

/// Content words per article (topic and general vocabulary), before function
/// words: with them an article is about 3.2 KB.
const CONTENT_WORDS: usize = 245;

/// A function word of feed language `li`, by a Zipf law over its list.
fn function_word(li: usize, rng: &mut Rng) -> &'static str {
    let words = FUNCTION_WORDS[li];
    let total: f64 = (1..=words.len()).map(|r| 1.0 / r as f64).sum();
    let mut x = rng.unit() * total;
    for (r, w) in words.iter().enumerate() {
        x -= 1.0 / (r + 1) as f64;
        if x <= 0.0 {
            return w;
        }
    }
    words[words.len() - 1]
}

/// SplitMix64: a tiny fixed-seed PRNG.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One concept: its Zipf frequency (×10) and its word in each feed language
/// (`None` where the lexicons have none).
struct Concept {
    zipf: u8,
    words: [Option<String>; 8],
}

/// The concept vocabulary and the samplers over it.
pub struct Feed {
    concepts: Vec<Concept>,
    /// Indices of topic concepts (Zipf 2.0–4.5).
    topic: Vec<usize>,
    /// General vocabulary (Zipf 3.0–5.5) and its cumulative weights.
    general: Vec<usize>,
    general_cum: Vec<f64>,
}

fn data(path: &str) -> String {
    let full = format!("{}/data/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn tsv(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines().filter_map(|l| l.split_once('\t'))
}

impl Feed {
    /// Builds the vocabulary from the lexicons in `data/` (about a second).
    pub fn new() -> Feed {
        let zipf: HashMap<String, u8> = tsv(&data("en_zipf.tsv"))
            .filter_map(|(w, z)| Some((w.to_string(), z.parse().ok()?)))
            .collect();
        // concept → word, per lexicon language: the first word whose first gloss is the concept.
        let mut reverse: Vec<HashMap<String, String>> = vec![HashMap::new(); FEED_LANGS.len()];
        let lexicon = [
            (1, "zh"),
            (2, "ja"),
            (4, "de"),
            (5, "fr"),
            (6, "es"),
            (7, "ru"),
        ];
        for (li, file) in lexicon {
            let text = data(&format!("lexicon/{file}.tsv"));
            let cjk = li <= 2;
            for (word, gloss) in tsv(&text) {
                let ok = if cjk {
                    word.chars().all(|c| ('\u{3040}'..='\u{9fff}').contains(&c))
                } else {
                    word.chars().all(char::is_alphabetic)
                };
                // The bridge maps a word to its first gloss.
                let first = gloss.split(' ').next().unwrap_or(gloss);
                if ok && zipf.contains_key(first) {
                    reverse[li]
                        .entry(first.to_string())
                        .or_insert_with(|| word.to_string());
                }
            }
        }
        // Korean: a Hangul word of the Hanja table, for the concept the bridge
        // keys it as: the Japanese lexicon's first gloss of its (folded)
        // Hanja, else the Chinese lexicon's.
        let fold: HashMap<char, char> = tsv(&data("han_fold.tsv"))
            .filter_map(|(a, b)| Some((a.chars().next()?, b.chars().next()?)))
            .collect();
        let folded =
            |w: &str| -> String { w.chars().map(|c| *fold.get(&c).unwrap_or(&c)).collect() };
        let first_glosses = |file: &str| -> HashMap<String, String> {
            let mut map = HashMap::new();
            for (word, gloss) in tsv(&data(&format!("lexicon/{file}.tsv"))) {
                let first = gloss.split(' ').next().unwrap_or(gloss);
                map.entry(folded(word)).or_insert_with(|| first.to_string());
            }
            map
        };
        let (ja_gloss, zh_gloss) = (first_glosses("ja"), first_glosses("zh"));
        let mut ko: HashMap<String, String> = HashMap::new();
        let hanja = data("hanja.tsv");
        for line in hanja.lines() {
            let mut cols = line.split('\t');
            let (Some(hangul), Some(first)) = (cols.next(), cols.next()) else {
                continue;
            };
            let han = folded(first);
            let Some(concept) = ja_gloss.get(&han).or_else(|| zh_gloss.get(&han)) else {
                continue;
            };
            if zipf.contains_key(concept) {
                ko.entry(concept.clone())
                    .or_insert_with(|| hangul.to_string());
            }
        }
        reverse[3] = ko;

        let mut concepts: Vec<Concept> = zipf
            .iter()
            .filter(|&(w, &z)| (20..=55).contains(&z) && w.chars().all(|c| c.is_ascii_lowercase()))
            .filter_map(|(w, &z)| {
                let mut words: [Option<String>; 8] = Default::default();
                words[0] = Some(w.clone());
                for li in 1..FEED_LANGS.len() {
                    words[li] = reverse[li].get(w).cloned();
                }
                // Keep concepts most languages can say.
                (words.iter().filter(|x| x.is_some()).count() >= 5)
                    .then_some(Concept { zipf: z, words })
            })
            .collect();
        concepts.sort_by(|a, b| a.words[0].cmp(&b.words[0]));
        let topic: Vec<usize> = (0..concepts.len())
            .filter(|&i| concepts[i].zipf <= 45)
            .collect();
        let general: Vec<usize> = (0..concepts.len())
            .filter(|&i| concepts[i].zipf >= 30)
            .collect();
        let mut total = 0.0;
        let general_cum = general
            .iter()
            .map(|&i| {
                total += 10f64.powf(0.6 * f64::from(concepts[i].zipf) / 10.0);
                total
            })
            .collect();
        Feed {
            concepts,
            topic,
            general,
            general_cum,
        }
    }

    /// Concepts in the vocabulary, and how many each language can say.
    pub fn coverage(&self) -> (usize, Vec<(&'static str, usize)>) {
        let per_lang = (0..FEED_LANGS.len())
            .map(|li| {
                let n = self
                    .concepts
                    .iter()
                    .filter(|c| c.words[li].is_some())
                    .count();
                (FEED_LANGS[li], n)
            })
            .collect();
        (self.concepts.len(), per_lang)
    }

    fn general_token(&self, rng: &mut Rng) -> usize {
        let total = *self
            .general_cum
            .last()
            .expect("general vocabulary is not empty");
        let x = rng.unit() * total;
        let i = self.general_cum.partition_point(|&c| c < x);
        self.general[i.min(self.general.len() - 1)]
    }

    /// Article `k` (0-based) of a feed of `per_day` articles a day starting
    /// 2024-01-01, with the id of its event (`ev0000042-ja`): deterministic.
    pub fn articles(&self, n: usize, per_day: usize) -> Vec<Article> {
        self.stream(n, per_day).collect()
    }

    /// The articles of [`Feed::articles`], one event at a time: for callers
    /// that fingerprint in chunks and drop the text.
    pub fn stream(&self, n: usize, per_day: usize) -> impl Iterator<Item = Article> + '_ {
        let mut made = 0usize;
        let mut event = 0u64;
        let mut pending: std::collections::VecDeque<Article> = Default::default();
        std::iter::from_fn(move || {
            while pending.is_empty() && made < n {
                let batch = self.event(event, made, n - made, per_day);
                made += batch.len();
                pending.extend(batch);
                event += 1;
            }
            pending.pop_front()
        })
    }

    /// The articles of event `event`, at most `room`, when `before` articles
    /// precede it in the feed.
    fn event(&self, event: u64, before: usize, room: usize, per_day: usize) -> Vec<Article> {
        let base = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date");
        let mut out = Vec::new();
        let mut rng = Rng(event.wrapping_mul(0x9E37_79B9) ^ 0x5EED);
        let topic: Vec<usize> = (0..CONTENT_WORDS * 2 / 5)
            .map(|_| self.topic[rng.below(self.topic.len())])
            .collect();
        let numbers: Vec<u64> = (0..3).map(|_| 10 + rng.next() % 99_990).collect();
        let day = base + chrono::Days::new((before / per_day.max(1)) as u64);
        let mut langs: Vec<usize> = (0..FEED_LANGS.len()).collect();
        for i in (1..langs.len()).rev() {
            langs.swap(i, rng.below(i + 1));
        }
        for &li in &langs[..3 + rng.below(6)] {
            if out.len() == room {
                break;
            }
            let mut tokens: Vec<&str> = Vec::with_capacity(CONTENT_WORDS);
            for &c in &topic {
                if rng.below(10) == 0 {
                    continue;
                }
                if let Some(w) = &self.concepts[c].words[li] {
                    for _ in 0..1 + rng.below(2) {
                        tokens.push(w);
                    }
                }
            }
            let numbers: Vec<String> = numbers.iter().map(u64::to_string).collect();
            tokens.extend(numbers.iter().map(String::as_str));
            while tokens.len() < CONTENT_WORDS {
                if let Some(w) = &self.concepts[self.general_token(&mut rng)].words[li] {
                    tokens.push(w);
                }
            }
            for i in (1..tokens.len()).rev() {
                tokens.swap(i, rng.below(i + 1));
            }
            let (space, stop) = if li == 1 || li == 2 {
                ("", "。")
            } else {
                (" ", ". ")
            };
            // About two of every five words are function words: one before
            // two of every three content words (a particle after, in Korean).
            let mut words: Vec<String> = Vec::with_capacity(tokens.len() * 2);
            for t in tokens {
                let function = (rng.below(3) < 2).then(|| function_word(li, &mut rng));
                match function {
                    Some(f) if li == 3 => words.push(format!("{t}{f}")),
                    Some(f) => {
                        words.push(f.to_string());
                        words.push(t.to_string());
                    }
                    None => words.push(t.to_string()),
                }
            }
            let text: String = words
                .chunks(20)
                .map(|s| s.join(space))
                .collect::<Vec<_>>()
                .join(stop);
            let published = day + chrono::Days::new(rng.below(2) as u64);
            out.push(
                Article::new(format!("ev{event:07}-{}", FEED_LANGS[li]), text)
                    .with_published(published.to_string()),
            );
        }
        out
    }
}
