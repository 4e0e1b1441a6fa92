//! The bridge's data tables, parsed once per process on first use.
//!
//! The tables are derived from Debian/crates.io packages by
//! `scripts/build-data.sh` and embedded in the binary (`data/`, see its
//! README for sources and licences), so nothing is read from disk or the
//! network at run time.

use crate::fxhash::FxHashMap as HashMap;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::script::Lang;

static HAN_FOLD_TSV: &str = include_str!("../data/han_fold.tsv");
static HANJA_TSV: &str = include_str!("../data/hanja.tsv");
static PINYIN_TSV: &str = include_str!("../data/pinyin.tsv");
static ZH_TSV: &str = include_str!("../data/lexicon/zh.tsv");
static JA_TSV: &str = include_str!("../data/lexicon/ja.tsv");
static DE_TSV: &str = include_str!("../data/lexicon/de.tsv");
static FR_TSV: &str = include_str!("../data/lexicon/fr.tsv");
static ES_TSV: &str = include_str!("../data/lexicon/es.tsv");
static RU_TSV: &str = include_str!("../data/lexicon/ru.tsv");

/// All bridge tables.
pub(crate) struct Lexicons {
    /// Traditional / Japanese variant → simplified Chinese character.
    pub han_fold: HashMap<char, char>,
    /// Hangul word → Hanja (first, most common reading), already Han-folded.
    pub hanja: HashMap<String, String>,
    /// Longest Hangul key in `hanja`, in syllables; bounds the longest-match search.
    pub hanja_max_len: usize,
    /// Han character (folded) → toneless pinyin, for transliterated names.
    pub pinyin: HashMap<char, Box<str>>,
}

/// The process-wide tables, parsed on first call.
pub(crate) fn lexicons() -> &'static Lexicons {
    static LEXICONS: OnceLock<Lexicons> = OnceLock::new();
    LEXICONS.get_or_init(Lexicons::load)
}

impl Lexicons {
    fn load() -> Lexicons {
        let mut han_fold = HashMap::default();
        for line in HAN_FOLD_TSV.lines() {
            let mut cols = line.split('\t');
            if let (Some(from), Some(to)) = (cols.next(), cols.next()) {
                if let (Some(f), Some(t)) = (single_char(from), single_char(to)) {
                    han_fold.insert(f, t);
                }
            }
        }
        let mut hanja = HashMap::default();
        let mut hanja_max_len = 0;
        for line in HANJA_TSV.lines() {
            let mut cols = line.split('\t');
            if let (Some(hangul), Some(han)) = (cols.next(), cols.next()) {
                let folded: String = han
                    .chars()
                    .map(|c| *han_fold.get(&c).unwrap_or(&c))
                    .collect();
                hanja_max_len = hanja_max_len.max(hangul.chars().count());
                // The first reading listed is the most common one: keep it.
                hanja.entry(hangul.to_string()).or_insert(folded);
            }
        }
        let mut pinyin = HashMap::default();
        for line in PINYIN_TSV.lines() {
            if let Some((han, py)) = line.split_once('\t') {
                if let Some(c) = single_char(han) {
                    pinyin.entry(c).or_insert_with(|| py.into());
                }
            }
        }
        Lexicons {
            han_fold,
            hanja,
            hanja_max_len,
            pinyin,
        }
    }

    /// Folds one Han character to its canonical (simplified) form.
    #[inline]
    pub(crate) fn fold(&self, c: char) -> char {
        *self.han_fold.get(&c).unwrap_or(&c)
    }
}

fn single_char(s: &str) -> Option<char> {
    let mut it = s.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

/// Words of one language mapped to English concept keys (Snowball-stemmed,
/// function words removed), the pivot every language meets in.
pub(crate) struct ConceptLexicon {
    /// Term → index into `keys`.
    terms: HashMap<Box<str>, u32>,
    /// Stem of term → index, for inflected forms of alphabetic languages.
    stems: HashMap<Box<str>, u32>,
    /// Interned concept keys.
    keys: Vec<Box<str>>,
    /// Longest term starting with a character, in characters: bounds the
    /// longest-match search (most characters start only short words).
    longest_from: HashMap<char, u8>,
}

/// Only the first usable gloss of a term becomes its key. More keys catch
/// more synonyms across dictionaries but add noise to every fingerprint; on
/// ntrex-dev one key separated translations from other stories best (best
/// pairwise F1 of single pairs 0.857 against 0.839 with two).
const KEYS_PER_TERM: usize = 1;

/// Shortest stem used for lookups of inflected forms: shorter stems collide.
const MIN_STEM_CHARS: usize = 4;

/// Longest term kept, in characters.
const MAX_TERM_CHARS: usize = 24;

impl ConceptLexicon {
    fn parse(tsv: &str, fold: Option<&Lexicons>, stemmer: Option<Algorithm>) -> ConceptLexicon {
        let en = Stemmer::create(Algorithm::English);
        let source_stemmer = stemmer.map(Stemmer::create);
        let mut interned: HashMap<Box<str>, u32> = HashMap::default();
        let mut keys: Vec<Box<str>> = Vec::new();
        let mut terms: HashMap<Box<str>, u32> = HashMap::default();
        let mut stems: HashMap<Box<str>, u32> = HashMap::default();
        let mut longest_from: HashMap<char, u8> = HashMap::default();
        for line in tsv.lines() {
            let Some((term, glosses)) = line.split_once('\t') else {
                continue;
            };
            let Some(gloss) = glosses
                .split(' ')
                .filter(|g| !g.is_empty() && !crate::bridge::is_en_stopword(g))
                .take(KEYS_PER_TERM)
                .next()
            else {
                continue;
            };
            let stem = en.stem(gloss);
            let id = match interned.get(&*stem) {
                Some(&id) => id,
                None => {
                    let id = keys.len() as u32;
                    keys.push(stem.as_ref().into());
                    interned.insert(stem.as_ref().into(), id);
                    id
                }
            };
            let term: String = match fold {
                Some(lex) => term.chars().map(|c| lex.fold(c)).collect(),
                None => term.to_lowercase(),
            };
            let chars = term.chars().count();
            if chars > MAX_TERM_CHARS {
                continue;
            }
            if let Some(first) = term.chars().next() {
                let e = longest_from.entry(first).or_insert(0);
                *e = (*e).max(chars as u8);
            }
            if let Some(st) = &source_stemmer {
                // The first (most common) headword of a stem wins. Dropping
                // stems shared by words of different meaning was measured on
                // ntrex-dev and lost more recall (BCubed 0.915) than it
                // gained precision (0.936 without).
                let stem = st.stem(&term);
                if stem.chars().count() >= MIN_STEM_CHARS {
                    stems.entry(stem.into()).or_insert(id);
                }
            }
            terms.entry(term.into_boxed_str()).or_insert(id);
        }
        ConceptLexicon {
            terms,
            stems,
            keys,
            longest_from,
        }
    }

    /// The concept key of `term` (exact form), if it is known.
    #[inline]
    pub(crate) fn get(&self, term: &str) -> Option<&str> {
        self.terms.get(term).map(|&i| &*self.keys[i as usize])
    }

    /// The concept key of a word by its stem, when the exact form is unknown.
    pub(crate) fn get_stem(&self, stem: &str) -> Option<&str> {
        self.stems.get(stem).map(|&i| &*self.keys[i as usize])
    }

    /// The longest term starting with `c`, in characters (0: none).
    #[inline]
    pub(crate) fn longest_from(&self, c: char) -> usize {
        self.longest_from.get(&c).map_or(0, |&n| n as usize)
    }
}

/// The concept lexicon of `lang`, parsed on first use; `None` for languages
/// without one. Chinese and Japanese terms are Han-folded, so traditional,
/// simplified and Japanese forms (and Korean Hanja) all look up alike.
pub(crate) fn concept_lexicon(lang: Lang) -> Option<&'static ConceptLexicon> {
    macro_rules! lazy {
        ($tsv:expr, $fold:expr, $stem:expr) => {{
            static L: OnceLock<ConceptLexicon> = OnceLock::new();
            Some(L.get_or_init(|| ConceptLexicon::parse($tsv, $fold, $stem)))
        }};
    }
    match lang {
        Lang::Zh => lazy!(ZH_TSV, Some(lexicons()), None),
        Lang::Ja => lazy!(JA_TSV, Some(lexicons()), None),
        Lang::De => lazy!(DE_TSV, None, Some(Algorithm::German)),
        Lang::Fr => lazy!(FR_TSV, None, Some(Algorithm::French)),
        Lang::Es => lazy!(ES_TSV, None, Some(Algorithm::Spanish)),
        Lang::Ru => lazy!(RU_TSV, None, Some(Algorithm::Russian)),
        _ => None,
    }
}

static EN_ZIPF_TSV: &str = include_str!("../data/en_zipf.tsv");

/// English stem → the highest Zipf frequency (×10) of a word with that stem.
/// Concept keys are weighted by it: the commonest words say least about
/// which event an article reports.
pub(crate) fn en_zipf() -> &'static HashMap<Box<str>, u8> {
    static ZIPF: OnceLock<HashMap<Box<str>, u8>> = OnceLock::new();
    ZIPF.get_or_init(|| {
        let en = Stemmer::create(Algorithm::English);
        let mut map: HashMap<Box<str>, u8> = HashMap::default();
        for line in EN_ZIPF_TSV.lines() {
            let Some((word, z)) = line.split_once('\t') else {
                continue;
            };
            let Ok(z) = z.parse::<u8>() else { continue };
            let e = map.entry(en.stem(word).into()).or_insert(0);
            *e = (*e).max(z);
        }
        map
    })
}

static PLACES_TSV: &str = include_str!("../data/places.tsv");

/// Country and territory names in every CLDR language, plus news forms
/// (U.S., American, 美方, 미국), mapped to one key per country (`usa`).
pub(crate) struct Places {
    names: HashMap<Box<str>, Box<str>>,
    /// Russian names by the Snowball stems of their words, so that inflected
    /// forms (Северной Кореи, of Северная Корея) are found too.
    ru_stems: HashMap<Box<str>, Box<str>>,
    /// Most words in a name ("vereinigte staaten" has two).
    pub max_words: usize,
    /// Longest name starting with a character, in characters.
    longest_from: HashMap<char, u8>,
    /// First words (and, for Russian, first-word stems) of multi-word names.
    multi_first: HashMap<Box<str>, ()>,
}

impl Places {
    /// The country key of a lowercase name.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.names.get(name).map(|k| &**k)
    }

    /// True when `word` (lowercase, or a Russian stem) starts a name of two
    /// or more words.
    #[inline]
    pub(crate) fn starts_multi(&self, word: &str) -> bool {
        self.multi_first.contains_key(word)
    }

    /// The longest name starting with `c`, in characters (0: none).
    #[inline]
    pub(crate) fn longest_from(&self, c: char) -> usize {
        self.longest_from.get(&c).map_or(0, |&n| n as usize)
    }

    /// The country key of a Russian name given as space-joined word stems.
    pub(crate) fn get_ru_stems(&self, stems: &str) -> Option<&str> {
        self.ru_stems.get(stems).map(|k| &**k)
    }
}

/// The process-wide places table, parsed on first use.
pub(crate) fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(|| {
        let lex = lexicons();
        let ru = Stemmer::create(Algorithm::Russian);
        let mut names = HashMap::default();
        let mut ru_stems = HashMap::default();
        let mut longest_from: HashMap<char, u8> = HashMap::default();
        let mut multi_first: HashMap<Box<str>, ()> = HashMap::default();
        let mut max_words = 1;
        for line in PLACES_TSV.lines() {
            let Some((name, key)) = line.split_once('\t') else {
                continue;
            };
            // CJK names are folded like the text they are matched against.
            // Word segmentation splits "États-Unis" at the hyphen, so the
            // lookup sees words joined by spaces.
            let name: String = name
                .chars()
                .map(|c| if c == '-' { ' ' } else { lex.fold(c) })
                .collect();
            max_words = max_words.max(name.split(' ').count());
            if name.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
                let stems: Vec<String> = name.split(' ').map(|w| ru.stem(w).into_owned()).collect();
                if stems.len() > 1 {
                    multi_first.insert(stems[0].as_str().into(), ());
                }
                ru_stems
                    .entry(stems.join(" ").into_boxed_str())
                    .or_insert_with(|| key.into());
            }
            if let Some(first) = name.chars().next() {
                let e = longest_from.entry(first).or_insert(0);
                *e = (*e).max(name.chars().count().min(255) as u8);
            }
            if let Some((first, _)) = name.split_once(' ') {
                multi_first.insert(first.into(), ());
            }
            names
                .entry(name.into_boxed_str())
                .or_insert_with(|| key.into());
        }
        Places {
            names,
            ru_stems,
            max_words: max_words.min(4),
            longest_from,
            multi_first,
        }
    })
}

static SYNONYMS_TSV: &str = include_str!("../data/synonyms.tsv");

/// English stem → the WordNet synset of its most frequent sense (for words
/// whose synset has synonyms), so dictionary glosses of different languages
/// meet when they name one concept ("talks" / "negotiation" →
/// `negotiation~n07148192`).
pub(crate) fn synonyms() -> &'static HashMap<Box<str>, Box<str>> {
    static SYN: OnceLock<HashMap<Box<str>, Box<str>>> = OnceLock::new();
    SYN.get_or_init(|| {
        let en = Stemmer::create(Algorithm::English);
        // Per stem, the mapping of the word seen most often in WordNet's corpus.
        let mut best: HashMap<Box<str>, (u32, Box<str>)> = HashMap::default();
        for line in SYNONYMS_TSV.lines() {
            let mut cols = line.split('\t');
            let (Some(word), Some(canon), Some(tagged)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let tagged: u32 = tagged.parse().unwrap_or(0);
            let (from, to) = (en.stem(word), canon);
            match best.get(&*from) {
                Some((t, _)) if *t >= tagged => {}
                _ => {
                    best.insert(from.into(), (tagged, to.into()));
                }
            }
        }
        best.into_iter().map(|(k, (_, v))| (k, v)).collect()
    })
}

/// The canonical form of an English concept key.
pub(crate) fn canonical(key: &str) -> &str {
    synonyms().get(key).map_or(key, |v| v)
}
