//! The bridge's data tables, parsed once per process on first use.
//!
//! The tables are derived from Debian/crates.io packages by
//! `scripts/build-data.sh` and embedded in the binary (`data/`, see its
//! README for sources and licences), so nothing is read from disk or the
//! network at run time.

use crate::fxhash::{FxHashMap as HashMap, FxHashSet};
use std::borrow::Cow;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::script::Lang;

static HAN_FOLD_TSV: &str = include_str!("../data/han_fold.tsv");
static HANJA_TSV: &str = include_str!("../data/hanja.tsv");
static PINYIN_TSV: &str = include_str!("../data/pinyin.tsv");
static ZH_TSV: &str = include_str!("../data/lexicon/zh.tsv");
static JA_TSV: &str = include_str!("../data/lexicon/ja.tsv");
// The European lexicons come from GPL dictionaries (FreeDict, Ding,
// Mueller): embedded only with the default `gpl-lexicons` feature.
#[cfg(feature = "gpl-lexicons")]
static DE_TSV: &str = include_str!("../data/lexicon/de.tsv");
#[cfg(feature = "gpl-lexicons")]
static FR_TSV: &str = include_str!("../data/lexicon/fr.tsv");
#[cfg(feature = "gpl-lexicons")]
static ES_TSV: &str = include_str!("../data/lexicon/es.tsv");
#[cfg(feature = "gpl-lexicons")]
static RU_TSV: &str = include_str!("../data/lexicon/ru.tsv");

/// All bridge tables.
pub(crate) struct Lexicons {
    /// Traditional / Japanese variant → simplified Chinese character.
    pub han_fold: HashMap<char, char>,
    /// Hangul word → Hanja (first, most common reading), already Han-folded.
    pub hanja: HashMap<&'static str, Cow<'static, str>>,
    /// Longest Hangul key in `hanja`, in syllables; bounds the longest-match search.
    pub hanja_max_len: usize,
    /// Han character (folded) → toneless pinyin, for transliterated names.
    pub pinyin: HashMap<char, &'static str>,
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
        let mut hanja: HashMap<&'static str, Cow<'static, str>> = HashMap::default();
        hanja.reserve(HANJA_TSV.len() / 20);
        let mut hanja_max_len = 0;
        for line in HANJA_TSV.lines() {
            let mut cols = line.split('\t');
            if let (Some(hangul), Some(han)) = (cols.next(), cols.next()) {
                hanja_max_len = hanja_max_len.max(hangul.chars().count());
                // The first reading listed is the most common one: keep it.
                hanja.entry(hangul).or_insert_with(|| {
                    let folded = han.chars().map(|c| *han_fold.get(&c).unwrap_or(&c));
                    borrow_if_same(han, folded.collect())
                });
            }
        }
        let mut pinyin = HashMap::default();
        for line in PINYIN_TSV.lines() {
            if let Some((han, py)) = line.split_once('\t') {
                if let Some(c) = single_char(han) {
                    pinyin.entry(c).or_insert(py);
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

/// Interns English concept keys: each gloss is stemmed once (glosses repeat
/// across thousands of terms) and equal stems share one key.
struct KeyInterner {
    en: Stemmer,
    by_gloss: HashMap<&'static str, u32>,
    by_stem: HashMap<Box<str>, u32>,
    keys: Vec<Box<str>>,
}

impl KeyInterner {
    fn new() -> KeyInterner {
        KeyInterner {
            en: Stemmer::create(Algorithm::English),
            by_gloss: HashMap::default(),
            by_stem: HashMap::default(),
            keys: Vec::new(),
        }
    }

    /// The key id of the first usable gloss of a TSV line's glosses.
    fn first_gloss(&mut self, glosses: &'static str) -> Option<u32> {
        let gloss = glosses
            .split(' ')
            .filter(|g| !g.is_empty() && !crate::bridge::is_en_stopword(g))
            .take(KEYS_PER_TERM)
            .next()?;
        if let Some(&id) = self.by_gloss.get(gloss) {
            return Some(id);
        }
        let stem = self.en.stem(gloss);
        let id = match self.by_stem.get(&*stem) {
            Some(&id) => id,
            None => {
                let id = self.keys.len() as u32;
                self.keys.push(stem.as_ref().into());
                self.by_stem.insert(stem.as_ref().into(), id);
                id
            }
        };
        self.by_gloss.insert(gloss, id);
        Some(id)
    }
}

/// `transformed` as a string borrowed from the embedded data when the
/// transformation left `source` unchanged (the common case): no allocation.
fn borrow_if_same(source: &'static str, transformed: String) -> Cow<'static, str> {
    if transformed == source {
        Cow::Borrowed(source)
    } else {
        Cow::Owned(transformed)
    }
}

/// Words of one alphabetic language mapped to English concept keys
/// (Snowball-stemmed, function words removed), the pivot every language
/// meets in.
pub(crate) struct ConceptLexicon {
    /// Term → index into `keys`.
    terms: HashMap<Cow<'static, str>, u32>,
    /// Stem of term → index, for inflected forms.
    stems: HashMap<Box<str>, u32>,
    /// Interned concept keys.
    keys: Vec<Box<str>>,
}

/// Only the first usable gloss of a term becomes its key. More keys catch
/// more synonyms across dictionaries but add noise to every fingerprint; on
/// ntrex-dev one key separated translations from other stories best (best
/// pairwise F1 of single pairs 0.857 against 0.839 with two).
const KEYS_PER_TERM: usize = 1;

/// Shortest stem used for lookups of inflected forms: shorter stems collide.
#[cfg_attr(not(feature = "gpl-lexicons"), allow(dead_code))]
const MIN_STEM_CHARS: usize = 4;

/// Longest term kept, in characters.
const MAX_TERM_CHARS: usize = 24;

impl ConceptLexicon {
    #[cfg_attr(not(feature = "gpl-lexicons"), allow(dead_code))]
    fn parse(tsv: &'static str, stemmer: Algorithm) -> ConceptLexicon {
        let source_stemmer = Stemmer::create(stemmer);
        let mut interner = KeyInterner::new();
        let lines = tsv.len() / 24;
        let mut terms: HashMap<Cow<'static, str>, u32> = HashMap::default();
        let mut stems: HashMap<Box<str>, u32> = HashMap::default();
        terms.reserve(lines);
        stems.reserve(lines / 2);
        for line in tsv.lines() {
            let Some((term, glosses)) = line.split_once('\t') else {
                continue;
            };
            let Some(id) = interner.first_gloss(glosses) else {
                continue;
            };
            let term = borrow_if_same(term, term.to_lowercase());
            if term.chars().count() > MAX_TERM_CHARS {
                continue;
            }
            // The first (most common) headword of a stem wins. Dropping
            // stems shared by words of different meaning was measured on
            // ntrex-dev and lost more recall (BCubed 0.915) than it gained
            // precision (0.936 without).
            let stem = source_stemmer.stem(&term);
            if stem.chars().count() >= MIN_STEM_CHARS && !stems.contains_key(&*stem) {
                stems.insert(stem.into(), id);
            }
            terms.entry(term).or_insert(id);
        }
        terms.shrink_to_fit();
        stems.shrink_to_fit();
        ConceptLexicon {
            terms,
            stems,
            keys: interner.keys,
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
}

/// The concept lexicon of an alphabetic `lang`, parsed on first use; `None`
/// for languages without one (Chinese and Japanese are in [`cjk_dict`]).
pub(crate) fn concept_lexicon(lang: Lang) -> Option<&'static ConceptLexicon> {
    #[cfg_attr(not(feature = "gpl-lexicons"), allow(unused_macros))]
    macro_rules! lazy {
        ($tsv:expr, $stem:expr) => {{
            static L: OnceLock<ConceptLexicon> = OnceLock::new();
            Some(L.get_or_init(|| ConceptLexicon::parse($tsv, $stem)))
        }};
    }
    match lang {
        #[cfg(feature = "gpl-lexicons")]
        Lang::De => lazy!(DE_TSV, Algorithm::German),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Fr => lazy!(FR_TSV, Algorithm::French),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Es => lazy!(ES_TSV, Algorithm::Spanish),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Ru => lazy!(RU_TSV, Algorithm::Russian),
        _ => None,
    }
}

/// Longest CJK term tried by the bridge's longest-match segmentation, in
/// characters.
pub(crate) const MAX_CJK_TERM: usize = 8;

const NO_KEY: u32 = u32::MAX;

/// The Chinese and Japanese lexicons in one table (Han-folded, so
/// traditional, simplified and Japanese forms and Korean Hanja look up
/// alike), so the longest-match segmentation probes one table instead of
/// two, plus a filter that tells when no longer term can start with a
/// candidate, so the match stops early instead of trying every length.
pub(crate) struct CjkDict {
    /// Term → key ids in the Chinese and in the Japanese lexicon.
    terms: HashMap<Cow<'static, str>, [u32; 2]>,
    keys: Vec<Box<str>>,
    /// Hashes of the proper prefixes (two characters or more) of every term
    /// the longest-match loops look for: Chinese and Japanese terms, place
    /// names and Hanja readings. A hash collision only makes a loop try
    /// one more length; a missing prefix would lose a match, and cannot
    /// happen.
    prefixes: FxHashSet<u64>,
}

impl CjkDict {
    /// The keys of `term` in the Chinese and the Japanese lexicon.
    #[inline]
    pub(crate) fn get_both(&self, term: &str) -> Option<[Option<&str>; 2]> {
        let ids = self.terms.get(term)?;
        Some(ids.map(|id| (id != NO_KEY).then(|| &*self.keys[id as usize])))
    }

    /// False when no term of any table starts with `prefix` and is longer:
    /// then a longest-match loop can stop.
    #[inline]
    pub(crate) fn may_extend(&self, prefix: &str) -> bool {
        self.prefixes.contains(&prefix_hash(prefix))
    }
}

fn prefix_hash(s: &str) -> u64 {
    use std::hash::BuildHasher;
    BuildHasherDefault::<crate::fxhash::FxHasher>::default().hash_one(s)
}

/// Adds the proper prefixes of `term` of 2..=`max_chars` characters.
fn add_prefixes(set: &mut FxHashSet<u64>, term: &str, max_chars: usize) {
    for (n, (end, _)) in term.char_indices().enumerate().skip(2) {
        if n > max_chars {
            break;
        }
        set.insert(prefix_hash(&term[..end]));
    }
}

/// The Chinese + Japanese table, parsed on first use.
pub(crate) fn cjk_dict() -> &'static CjkDict {
    static DICT: OnceLock<CjkDict> = OnceLock::new();
    DICT.get_or_init(|| {
        let lex = lexicons();
        let mut interner = KeyInterner::new();
        let mut terms: HashMap<Cow<'static, str>, [u32; 2]> = HashMap::default();
        terms.reserve((ZH_TSV.len() + JA_TSV.len()) / 30);
        for (slot, tsv) in [ZH_TSV, JA_TSV].into_iter().enumerate() {
            for line in tsv.lines() {
                let Some((term, glosses)) = line.split_once('\t') else {
                    continue;
                };
                let Some(id) = interner.first_gloss(glosses) else {
                    continue;
                };
                if term.chars().count() > MAX_TERM_CHARS {
                    continue;
                }
                let folded = borrow_if_same(term, term.chars().map(|c| lex.fold(c)).collect());
                // The first (most common) entry of a term wins.
                let ids = terms.entry(folded).or_insert([NO_KEY; 2]);
                if ids[slot] == NO_KEY {
                    ids[slot] = id;
                }
            }
        }
        terms.shrink_to_fit();
        // The Han loop looks up places and these terms up to MAX_CJK_TERM
        // characters; the Hangul loop looks up places and Hanja readings up
        // to the longest reading. Longer prefixes never matter.
        let han_max = MAX_CJK_TERM - 1;
        let hangul_max = lex.hanja_max_len.saturating_sub(1);
        let mut prefixes = FxHashSet::default();
        prefixes.reserve(2 * terms.len());
        for t in terms.keys() {
            add_prefixes(&mut prefixes, t, han_max);
        }
        for t in places().names.keys() {
            add_prefixes(&mut prefixes, t, han_max.max(hangul_max));
        }
        for t in lex.hanja.keys() {
            add_prefixes(&mut prefixes, t, hangul_max);
        }
        prefixes.shrink_to_fit();
        CjkDict {
            terms,
            keys: interner.keys,
            prefixes,
        }
    })
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
    names: HashMap<Cow<'static, str>, &'static str>,
    /// Russian names by the Snowball stems of their words, so that inflected
    /// forms (Северной Кореи, of Северная Корея) are found too.
    ru_stems: HashMap<Box<str>, &'static str>,
    /// Most words in a name ("vereinigte staaten" has two).
    pub max_words: usize,
    /// First words (and, for Russian, first-word stems) of multi-word names.
    multi_first: FxHashSet<Box<str>>,
}

impl Places {
    /// The country key of a lowercase name.
    #[inline]
    pub(crate) fn get(&self, name: &str) -> Option<&'static str> {
        self.names.get(name).copied()
    }

    /// True when `word` (lowercase, or a Russian stem) starts a name of two
    /// or more words.
    #[inline]
    pub(crate) fn starts_multi(&self, word: &str) -> bool {
        self.multi_first.contains(word)
    }

    /// The country key of a Russian name given as space-joined word stems.
    pub(crate) fn get_ru_stems(&self, stems: &str) -> Option<&'static str> {
        self.ru_stems.get(stems).copied()
    }
}

/// The process-wide places table, parsed on first use.
pub(crate) fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(|| {
        let lex = lexicons();
        let ru = Stemmer::create(Algorithm::Russian);
        let mut names: HashMap<Cow<'static, str>, &'static str> = HashMap::default();
        names.reserve(PLACES_TSV.len() / 30);
        let mut ru_stems = HashMap::default();
        let mut multi_first = FxHashSet::default();
        let mut max_words = 1;
        for line in PLACES_TSV.lines() {
            let Some((name, key)) = line.split_once('\t') else {
                continue;
            };
            // CJK names are folded like the text they are matched against.
            // Word segmentation splits "États-Unis" at the hyphen, so the
            // lookup sees words joined by spaces.
            let folded = name
                .chars()
                .map(|c| if c == '-' { ' ' } else { lex.fold(c) })
                .collect();
            let name = borrow_if_same(name, folded);
            max_words = max_words.max(name.split(' ').count());
            if name.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
                let stems: Vec<String> = name.split(' ').map(|w| ru.stem(w).into_owned()).collect();
                if stems.len() > 1 {
                    multi_first.insert(stems[0].as_str().into());
                }
                ru_stems
                    .entry(stems.join(" ").into_boxed_str())
                    .or_insert(key);
            }
            if let Some((first, _)) = name.split_once(' ') {
                multi_first.insert(first.into());
            }
            names.entry(name).or_insert(key);
        }
        names.shrink_to_fit();
        Places {
            names,
            ru_stems,
            max_words: max_words.min(4),
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
