//! The bridge's data tables, parsed once per process on first use.
//!
//! The tables are derived from Debian/crates.io packages by
//! `scripts/build-data.sh` and embedded in the binary (`data/`, see its
//! README for sources and licences), so nothing is read from disk or the
//! network at run time.

use crate::fxhash::{FxHashMap as HashMap, FxHashSet};
use crate::normalize::undot_i;
use crate::prefetch::prefetch;
use std::borrow::Cow;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crate::bridge::Channel;
use crate::fingerprint::{KeyShingles, key_shingles};

use rust_stemmers::{Algorithm, Stemmer};

use crate::script::Lang;

static HAN_FOLD_TSV: &str = include_str!("../data/han_fold.tsv");
static HANJA_TSV: &str = include_str!("../data/hanja.tsv");
static PINYIN_TSV: &str = include_str!("../data/pinyin.tsv");
static ZH_TSV: &str = include_str!("../data/lexicon/zh.tsv");
static JA_TSV: &str = include_str!("../data/lexicon/ja.tsv");
// The European lexicons come from GPL dictionaries (FreeDict, Ding,
// Mueller; WikDict pivots): embedded only with the default `gpl-lexicons`
// feature.
#[cfg(feature = "gpl-lexicons")]
static DE_TSV: &str = include_str!("../data/lexicon/de.tsv");
#[cfg(feature = "gpl-lexicons")]
static FR_TSV: &str = include_str!("../data/lexicon/fr.tsv");
#[cfg(feature = "gpl-lexicons")]
static ES_TSV: &str = include_str!("../data/lexicon/es.tsv");
#[cfg(feature = "gpl-lexicons")]
static RU_TSV: &str = include_str!("../data/lexicon/ru.tsv");
#[cfg(feature = "gpl-lexicons")]
static IT_TSV: &str = include_str!("../data/lexicon/it.tsv");
#[cfg(feature = "gpl-lexicons")]
static PT_TSV: &str = include_str!("../data/lexicon/pt.tsv");
#[cfg(feature = "gpl-lexicons")]
static NL_TSV: &str = include_str!("../data/lexicon/nl.tsv");
#[cfg(feature = "gpl-lexicons")]
static SV_TSV: &str = include_str!("../data/lexicon/sv.tsv");
#[cfg(feature = "gpl-lexicons")]
static TR_TSV: &str = include_str!("../data/lexicon/tr.tsv");
#[cfg(feature = "gpl-lexicons")]
static EL_TSV: &str = include_str!("../data/lexicon/el.tsv");
#[cfg(feature = "gpl-lexicons")]
static PL_TSV: &str = include_str!("../data/lexicon/pl.tsv");
#[cfg(feature = "gpl-lexicons")]
static CS_TSV: &str = include_str!("../data/lexicon/cs.tsv");
#[cfg(feature = "gpl-lexicons")]
static FI_TSV: &str = include_str!("../data/lexicon/fi.tsv");
#[cfg(feature = "gpl-lexicons")]
static HU_TSV: &str = include_str!("../data/lexicon/hu.tsv");
#[cfg(feature = "gpl-lexicons")]
static NO_TSV: &str = include_str!("../data/lexicon/no.tsv");
#[cfg(feature = "gpl-lexicons")]
static ID_TSV: &str = include_str!("../data/lexicon/id.tsv");
#[cfg(feature = "gpl-lexicons")]
static AR_TSV: &str = include_str!("../data/lexicon/ar.tsv");
#[cfg(feature = "gpl-lexicons")]
static HI_TSV: &str = include_str!("../data/lexicon/hi.tsv");
// Sino-Vietnamese words: CC-CEDICT's Chinese words read through m17n's
// Hán-Việt readings (LGPL-2.1+, as iso-codes in places.tsv; not GPL).
static VI_TSV: &str = include_str!("../data/lexicon/vi.tsv");
// Thai: Thai WordNet (NICT, permissive) and PyThaiNLP's lists (CC0).
static TH_TSV: &str = include_str!("../data/lexicon/th.tsv");
static TH_WORDS_TSV: &str = include_str!("../data/th_words.tsv");
static STOPWORDS_TSV: &str = include_str!("../data/stopwords.tsv");

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
/// Arabic writes no short vowels, so its stems are a letter or two shorter
/// than the same word's in an alphabet: most nouns have a three-letter stem
/// (عضو "member", حزب "party", لجن of لجنة "committee").
#[cfg_attr(not(feature = "gpl-lexicons"), allow(dead_code))]
fn min_stem_chars(lang: Lang) -> usize {
    match lang {
        Lang::Ar => 3,
        _ => 4,
    }
}

/// Longest term kept, in characters.
const MAX_TERM_CHARS: usize = 24;

impl ConceptLexicon {
    fn parse(tsv: &'static str, lang: Lang) -> ConceptLexicon {
        let source_stemmer = snowball(lang).map(Stemmer::create);
        let light = light_stemmer(lang);
        let min_stem = min_stem_chars(lang);
        let mut interner = KeyInterner::new();
        let lines = tsv.len() / 24;
        let mut terms: HashMap<Cow<'static, str>, u32> = HashMap::default();
        let mut stems: HashMap<Box<str>, u32> = HashMap::default();
        terms.reserve(lines);
        stems.reserve(lines / 2);
        let mut bare_forms = Vec::new();
        for line in tsv.lines() {
            let Some((term, glosses)) = line.split_once('\t') else {
                continue;
            };
            let Some(id) = interner.first_gloss(glosses) else {
                continue;
            };
            let mut term = borrow_if_same(term, undot_i(&term.to_lowercase()).into_owned());
            if lang == Lang::Hi && has_loan_nukta(&term) {
                term = Cow::Owned(without_loan_nukta(&term).collect());
            }
            if term.chars().count() > MAX_TERM_CHARS {
                continue;
            }
            // The first (most common) headword of a stem wins. Dropping
            // stems shared by words of different meaning was measured on
            // ntrex-dev and lost more recall (BCubed 0.915) than it gained
            // precision (0.936 without).
            let stem = match (&source_stemmer, light) {
                (Some(stemmer), _) => Some(stemmer.stem(&term)),
                (None, Some(light)) => Some(Cow::Borrowed(light(&term))),
                (None, None) => None,
            };
            if let Some(stem) = stem {
                if stem.chars().count() >= min_stem && !stems.contains_key(&*stem) {
                    stems.insert(stem.into(), id);
                }
            }
            // Arabic entries mostly carry the article (القانون "the law"),
            // which a bare or prefixed word (قانون, لقانون) lacks; Turkish
            // verbs are listed by the infinitive (değiştirmek "to change"),
            // whose stem a conjugated form starts with (değiştirildi). The
            // bare form is added after every listed form, which goes first.
            let bare = match lang {
                Lang::Ar => term
                    .strip_prefix("ال")
                    .filter(|b| b.chars().nth(1).is_some()),
                Lang::Tr => term
                    .strip_suffix("mek")
                    .or_else(|| term.strip_suffix("mak"))
                    .filter(|b| b.chars().nth(2).is_some()),
                _ => None,
            };
            if let Some(bare) = bare {
                bare_forms.push((bare.to_owned(), id));
            }
            terms.entry(term).or_insert(id);
        }
        for (bare, id) in bare_forms {
            terms.entry(Cow::Owned(bare)).or_insert(id);
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

/// Hindi inflectional suffixes, longest first: a light stemmer in the
/// manner of Ramanathan and Rao (2003), as rust-stemmers has no Hindi.
const HINDI_SUFFIXES: &[&str] = &[
    "ाएंगी",
    "ाएंगे",
    "ाऊंगी",
    "ाऊंगा",
    "ाइयाँ",
    "ाइयों",
    "ाइयां",
    "ाएगी",
    "ाएगा",
    "ाओगी",
    "ाओगे",
    "एंगी",
    "ेंगी",
    "एंगे",
    "ेंगे",
    "ूंगी",
    "ूंगा",
    "ातीं",
    "नाओं",
    "नाएं",
    "ताओं",
    "ताएं",
    "ियाँ",
    "ियों",
    "ियां",
    "ाकर",
    "ाइए",
    "ाईं",
    "ाया",
    "ेगी",
    "ेगा",
    "ोगी",
    "ोगे",
    "ाने",
    "ाना",
    "ाते",
    "ाती",
    "ाता",
    "तीं",
    "ाओं",
    "ाएं",
    "ुओं",
    "ुएं",
    "ुआं",
    "कर",
    "ाओ",
    "िए",
    "ाई",
    "ाए",
    "ने",
    "नी",
    "ना",
    "ते",
    "ीं",
    "ती",
    "ता",
    "ाँ",
    "ां",
    "ों",
    "ें",
    "ो",
    "े",
    "ू",
    "ु",
    "ी",
    "ि",
    "ा",
];

/// The suffix-stripping stemmer of a language rust-stemmers has no Snowball
/// stemmer for (Hindi): the bridge stems unknown words with it, and a
/// concept lexicon its entries, as with [`snowball`].
pub(crate) fn light_stemmer(lang: Lang) -> Option<fn(&str) -> &str> {
    match lang {
        Lang::Hi => Some(hindi_stem),
        _ => None,
    }
}

/// `word` without the proclitics Arabic writes joined to it: the
/// conjunction و or ف, then a preposition ب, ل or ك, then the article ال
/// (ل + ال is written لل), each where three letters remain: لتغيير "to
/// change" → تغيير, وللحكومة "and for the government" → حكومة. `None` when
/// nothing came off. After the light stemmers of Larkey, Ballesteros and
/// Connell (2002), which strip the conjunction and the article forms; they
/// keep a lone preposition (so does Snowball's Arabic stemmer), as its letter
/// may be the root's: لجنة "committee" is not ل + جنة "paradise". So the
/// bridge cuts only words its lexicon does not know whole.
pub(crate) fn arabic_proclitics(word: &str) -> Option<&str> {
    /// `w` without `prefix` when at least `keep` letters remain.
    fn cut<'a>(w: &'a str, prefix: &str, keep: usize) -> Option<&'a str> {
        let rest = w.strip_prefix(prefix)?;
        rest.chars().nth(keep - 1).is_some().then_some(rest)
    }
    let mut w = word;
    if let Some(rest) = cut(w, "و", 3).or_else(|| cut(w, "ف", 3)) {
        w = rest;
    }
    if let Some(rest) = cut(w, "لل", 3) {
        w = rest;
    } else {
        if let Some(rest) = ["ب", "ل", "ك"].iter().find_map(|p| cut(w, p, 3)) {
            w = rest;
        }
        if let Some(rest) = cut(w, "ال", 3) {
            w = rest;
        }
    }
    (w.len() < word.len()).then_some(w)
}

/// Whether `c` after `prev` is the nukta of a Perso-Arabic sound: क़ ख़ ग़
/// ज़ फ़ (q, x, ɣ, z, f). Writers and dictionaries use these dots or leave
/// them off (अंग्रेज़ी and अंग्रेजी "English", हफ़्ता and हफ्ता "week"); ड़
/// and ढ़, distinct letters written the same way by everyone, are not among
/// them. (NFKC text writes every nukta as a combining sign.)
fn is_loan_nukta(prev: char, c: char) -> bool {
    c == '\u{093C}' && matches!(prev, 'क' | 'ख' | 'ग' | 'ज' | 'फ')
}

/// Whether a Devanagari word has a nukta [`is_loan_nukta`] looks for.
pub(crate) fn has_loan_nukta(word: &str) -> bool {
    word.chars()
        .zip(word.chars().skip(1))
        .any(|(prev, c)| is_loan_nukta(prev, c))
}

/// The characters of `word` without those nuktas.
pub(crate) fn without_loan_nukta(word: &str) -> impl Iterator<Item = char> + '_ {
    let prevs = std::iter::once(' ').chain(word.chars());
    prevs
        .zip(word.chars())
        .filter(|&(prev, c)| !is_loan_nukta(prev, c))
        .map(|(_, c)| c)
}

/// What `lookup` finds for the longest start of a Turkish word, of three
/// letters and half the word or more (the whole word is not tried).
/// Turkish only adds suffixes, so an inflected word the lexicon and
/// Snowball's Turkish stemmer miss still starts with its entry: üyesi "its
/// member" with üye, meclisin "of the assembly" with meclis (Snowball gives
/// ü and mecli).
pub(crate) fn turkish_root<T>(word: &str, lookup: impl Fn(&str) -> Option<T>) -> Option<T> {
    let letters = word.chars().count();
    // At least half the word: a short entry at the start of a long word
    // is as often another word (put, man) as its root.
    let shortest = 3.max(letters.div_ceil(2));
    // The k-th character from the end starts the prefix of letters-1-k.
    word.char_indices()
        .rev()
        .enumerate()
        .take_while(|&(k, _)| letters - 1 - k >= shortest)
        .find_map(|(_, (i, _))| lookup(&word[..i]))
}

/// `word` without its longest Hindi inflectional suffix, keeping at least
/// two characters: प्रतिबंधों "sanctions (oblique)" → प्रतिबंध.
pub(crate) fn hindi_stem(word: &str) -> &str {
    for suffix in HINDI_SUFFIXES {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().nth(1).is_some() {
                return stem;
            }
        }
    }
    word
}

/// The Snowball stemmer of `lang`, if rust-stemmers has one: the bridge
/// stems words with it, and a concept lexicon its entries, so both meet.
pub(crate) fn snowball(lang: Lang) -> Option<Algorithm> {
    Some(match lang {
        Lang::En => Algorithm::English,
        Lang::De => Algorithm::German,
        Lang::Fr => Algorithm::French,
        Lang::Es => Algorithm::Spanish,
        Lang::It => Algorithm::Italian,
        Lang::Pt => Algorithm::Portuguese,
        Lang::Nl => Algorithm::Dutch,
        Lang::Ru => Algorithm::Russian,
        Lang::Sv => Algorithm::Swedish,
        Lang::Tr => Algorithm::Turkish,
        Lang::El => Algorithm::Greek,
        Lang::Fi => Algorithm::Finnish,
        Lang::Hu => Algorithm::Hungarian,
        Lang::No => Algorithm::Norwegian,
        Lang::Ar => Algorithm::Arabic,
        _ => return None,
    })
}

/// The concept lexicon of an alphabetic `lang`, parsed on first use; `None`
/// for languages without one (Chinese and Japanese are in [`cjk_dict`]).
pub(crate) fn concept_lexicon(lang: Lang) -> Option<&'static ConceptLexicon> {
    macro_rules! lazy {
        // Entries are stemmed with the language's Snowball or light
        // stemmer, if any (else they are found by exact form only).
        ($tsv:expr) => {{
            static L: OnceLock<ConceptLexicon> = OnceLock::new();
            Some(L.get_or_init(|| ConceptLexicon::parse($tsv, lang)))
        }};
    }
    match lang {
        #[cfg(feature = "gpl-lexicons")]
        Lang::De => lazy!(DE_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Fr => lazy!(FR_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Es => lazy!(ES_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Ru => lazy!(RU_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::It => lazy!(IT_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Pt => lazy!(PT_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Nl => lazy!(NL_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Sv => lazy!(SV_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Tr => lazy!(TR_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::El => lazy!(EL_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Pl => lazy!(PL_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Cs => lazy!(CS_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Fi => lazy!(FI_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Hu => lazy!(HU_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::No => lazy!(NO_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Id => lazy!(ID_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Ar => lazy!(AR_TSV),
        #[cfg(feature = "gpl-lexicons")]
        Lang::Hi => lazy!(HI_TSV),
        Lang::Vi => lazy!(VI_TSV),
        Lang::Th => lazy!(TH_TSV),
        _ => None,
    }
}

/// What a Thai word of [`thai_words`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ThaiWord {
    /// In the Thai concept lexicon.
    Concept,
    /// A word with no English key: kept as a word.
    Word,
    /// A function word: dropped.
    Stop,
    /// A country or place (CLDR's Thai name): its place key.
    Place(&'static str),
}

/// Every Thai word the segmentation knows (the lexicon's and the word
/// list's), parsed on first use, and the longest one in characters.
pub(crate) fn thai_words() -> &'static (HashMap<&'static str, ThaiWord>, usize) {
    static WORDS: OnceLock<(HashMap<&'static str, ThaiWord>, usize)> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = HashMap::default();
        let mut longest = 0;
        // A lexicon word glossed only by English function words (เป็น "be",
        // ไม่ "no") has no concept key: it is a function word, not a word
        // to key raw.
        let lexicon = TH_TSV.lines().map(|l| {
            let glosses = l.split_once('\t').map_or("", |(_, g)| g);
            if glosses
                .split(' ')
                .all(|g| g.is_empty() || crate::bridge::is_en_stopword(g))
            {
                (l, ThaiWord::Stop)
            } else {
                (l, ThaiWord::Concept)
            }
        });
        let list = TH_WORDS_TSV.lines().map(|l| match l.split_once('\t') {
            Some((_, "stop")) => (l, ThaiWord::Stop),
            _ => (l, ThaiWord::Word),
        });
        for (line, kind) in lexicon.chain(list) {
            let word = line.split('\t').next().unwrap_or(line);
            longest = longest.max(word.chars().count());
            words.insert(word, kind);
        }
        // Place names last, so they win: ยูเครน is Ukraine, not ยู "you" +
        // เครน "crane".
        for (name, key, _) in place_rows() {
            if name.chars().nth(1).is_some()
                && name.chars().all(|c| ('\u{0E01}'..='\u{0E5B}').contains(&c))
            {
                longest = longest.max(name.chars().count());
                words.insert(name, ThaiWord::Place(key));
            }
        }
        (words, longest)
    })
}

/// Function words of languages in the Arabic, Devanagari, Hebrew, Bengali,
/// Gujarati and Armenian scripts, and of Latin-script languages without a
/// lexicon (`data/stopwords.tsv`, from stopwords-iso): the bridge does not
/// key such a word raw when no lexicon knows it.
pub(crate) fn listed_function_words() -> &'static crate::fxhash::FxHashSet<&'static str> {
    static WORDS: OnceLock<crate::fxhash::FxHashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        STOPWORDS_TSV
            .lines()
            .filter_map(|l| l.split_once('\t').map(|(_, w)| w))
            .collect()
    })
}

/// Longest CJK term tried by the bridge's longest-match segmentation, in
/// characters.
pub(crate) const MAX_CJK_TERM: usize = 8;

const NO_KEY: u32 = u32::MAX;

/// A node of [`CjkDict`]'s trie (the string spelt by the edges from the
/// root): its slot index and what its slot says, so that what the loops
/// ask of a node they reached needs no further memory access.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    id: u32,
    /// One bit per child, chosen by [`char_bit`] of its character (0: no
    /// children): most steps that lead nowhere stop here, without a probe.
    children: u32,
    /// The concept key id of the string in a Chinese and in a Japanese text:
    /// its place key, else its term in that language's lexicon, else in the
    /// other's (`NO_HAN`: none).
    han: [u16; 2],
    /// As a Hangul word: its place key, else the key of its Hanja reading;
    /// `HAN_READING |` an index into `CjkDict::readings` for a reading no
    /// lexicon knows (`NO_HANGUL`: none).
    hangul: u32,
}

/// One node of the trie as stored in [`CjkDict::slots`], 16 bytes: the
/// edge that leads to it (`EDGE_BITS` bits: parent's slot index <<
/// `CHAR_BITS` | character) and its `hangul` above them; `han` and
/// `children` in the second word.
#[derive(Clone, Copy, Debug)]
struct Slot(u64, u64);

const CHAR_BITS: u32 = 21;
const ID_BITS: u32 = 24;
const EDGE_BITS: u32 = CHAR_BITS + ID_BITS;
const EDGE_MASK: u64 = (1 << EDGE_BITS) - 1;
/// The root's id, and the largest number of slots.
const ROOT_ID: u32 = (1 << ID_BITS) - 1;
/// A free slot: the root's edge by a character beyond Unicode.
const EMPTY: Slot = Slot(u64::MAX, u64::MAX);
const NO_HANGUL: u32 = (1 << (64 - EDGE_BITS)) - 1;
const HAN_READING: u32 = NO_HANGUL >> 1 ^ NO_HANGUL;
const NO_HAN: u16 = u16::MAX;

impl Slot {
    #[inline]
    fn edge(self) -> u64 {
        self.0 & EDGE_MASK
    }

    #[inline]
    fn node(self, id: u32) -> Node {
        Node {
            id,
            children: self.1 as u32,
            han: [(self.1 >> 32) as u16, (self.1 >> 48) as u16],
            hangul: (self.0 >> EDGE_BITS) as u32,
        }
    }

    fn pack(edge: u64, node: &Node) -> Slot {
        Slot(
            edge | u64::from(node.hangul) << EDGE_BITS,
            u64::from(node.children) | u64::from(node.han[0]) << 32 | u64::from(node.han[1]) << 48,
        )
    }
}

/// The bit of `Node::children` of a child reached by `c`.
#[inline]
fn char_bit(c: u32) -> u32 {
    1 << (c.wrapping_mul(0x9E37_79B1) >> 27)
}

/// What the longest-match loops need to know about one string of the trie,
/// while it is built.
#[derive(Clone, Copy)]
struct Entry {
    /// Key ids of the string as a term of the Chinese and of the Japanese
    /// lexicon (or `NO_KEY`).
    terms: [u32; 2],
    /// Index into `TrieBuilder::places` of its country key (or `NO_KEY`).
    place: u32,
    /// Index into `TrieBuilder::hanja` of its Hanja reading (or `NO_KEY`).
    hanja: u32,
}

const NO_ENTRY: Entry = Entry {
    terms: [NO_KEY; 2],
    place: NO_KEY,
    hanja: NO_KEY,
};

/// Bit of `TrieBuilder::nodes` set when a node has children.
const HAS_CHILDREN: u32 = 1 << 31;

/// A Hanja reading of a Hangul word, resolved at load time.
enum Hanja {
    /// The key id of the reading in the Japanese (else Chinese) lexicon.
    Key(u32),
    /// A reading neither lexicon knows (folded Han).
    Han(&'static str),
}

/// Hashes the `u64` edge keys of the trie: a folded 128-bit multiply, so
/// that the low bits (the bucket) depend on every bit of the key.
#[derive(Default, Clone, Copy)]
struct EdgeHasher(u64);

impl std::hash::Hasher for EdgeHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    #[inline]
    fn write_u64(&mut self, k: u64) {
        self.0 = fold_mul(self.0 ^ k);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

#[inline]
fn fold_mul(k: u64) -> u64 {
    let m = u128::from(k) * 0x9E37_79B9_7F4A_7C15;
    (m as u64) ^ ((m >> 64) as u64)
}

/// Root children are found by indexing an array for characters below this.
const ROOT_DENSE: usize = 0x1_0000;

/// Slots per node of [`CjkDict::slots`]: a load factor of 0.6 keeps linear
/// probe sequences short (1.75 slots for a hit, mostly in one cache line).
const SLOTS_PER_NODE: f64 = 1.0 / 0.6;

/// Every string the bridge's CJK longest-match loops look up, in one trie:
/// Chinese and Japanese lexicon terms (Han-folded, so traditional,
/// simplified and Japanese forms and Korean Hanja look up alike), place
/// names and the Hangul words of the Hanja list. A loop walks one edge per
/// character, reads all it needs from the node it reaches, and stops when
/// the node has no children: no longer string can start there.
///
/// The nodes live in one open-addressing table (linear probing), each
/// 16-byte slot holding the edge's key and the node's answers, so a step
/// costs one cache miss where a general hash map and a separate entry table
/// cost up to three; a node's slot index is its id. About 0.74 million
/// nodes: 20 MB.
pub(crate) struct CjkDict {
    /// The root's child per character below `ROOT_DENSE`: (id, children);
    /// the id is `ROOT_ID` for none. The strings of one character are never
    /// looked up, so their answers are not needed.
    root: Box<[(u32, u32)]>,
    slots: Box<[Slot]>,
    keys: Vec<Box<str>>,
    /// Per key, the shingles a fingerprint adds for it as a concept key:
    /// the trie's answers cost a fingerprint no lookup or hashing.
    shingles: Box<[KeyShingles]>,
    readings: Vec<&'static str>,
}

impl CjkDict {
    /// The trie's root (the empty string).
    pub(crate) const ROOT: Node = Node {
        id: ROOT_ID,
        children: u32::MAX,
        han: [NO_HAN; 2],
        hangul: NO_HANGUL,
    };

    /// The slot index for `edge`'s probe sequence to start at.
    #[inline]
    fn home(&self, edge: u64) -> usize {
        ((u128::from(fold_mul(edge)) * self.slots.len() as u128) >> 64) as usize
    }

    /// The node of the string of `node` followed by `c`, if some string of
    /// the trie starts with it.
    #[inline]
    pub(crate) fn step(&self, node: Node, c: char) -> Option<Node> {
        let c = c as u32;
        if node.children & char_bit(c) == 0 {
            return None;
        }
        if node.id == ROOT_ID && (c as usize) < ROOT_DENSE {
            let (id, children) = self.root[c as usize];
            return (id != ROOT_ID).then_some(Node {
                id,
                children,
                ..CjkDict::ROOT
            });
        }
        let edge = u64::from(node.id) << CHAR_BITS | u64::from(c);
        let mut i = self.home(edge);
        loop {
            let slot = self.slots[i];
            if slot.edge() == edge {
                return Some(slot.node(i as u32));
            }
            if slot.0 == EMPTY.0 {
                return None;
            }
            i += 1;
            if i == self.slots.len() {
                i = 0;
            }
        }
    }

    /// Prefetches the slot where the second step from each position of
    /// `chars` starts its probe, so that those cache misses overlap: the
    /// longest-match loops, where each step waits for the last, would take
    /// them one at a time. Changes nothing; only makes the steps faster.
    pub(crate) fn warm_pairs(&self, chars: &[char]) {
        for pair in chars.windows(2) {
            let Some(&(id, children)) = self.root.get(pair[0] as usize) else {
                continue;
            };
            let c = pair[1] as u32;
            if id != ROOT_ID && children & char_bit(c) != 0 {
                let edge = u64::from(id) << CHAR_BITS | u64::from(c);
                prefetch(&self.slots[self.home(edge)]);
            }
        }
    }

    /// False when no longer string of the trie starts with the node's:
    /// then a longest-match loop can stop.
    #[inline]
    pub(crate) fn may_extend(&self, node: Node) -> bool {
        node.children != 0
    }

    /// The concept key of the node's string in Chinese (`ja` false) or
    /// Japanese text: a place's country key, else the term's key in that
    /// language's lexicon, else in the other's.
    #[inline]
    pub(crate) fn han_key(&self, node: Node, ja: bool) -> Option<(&str, &KeyShingles)> {
        let id = usize::from(node.han[usize::from(ja)]);
        (id != usize::from(NO_HAN)).then(|| (&*self.keys[id], &self.shingles[id]))
    }

    /// The node's string as a Hangul word: `Ok` with its place's country
    /// key or the concept key of its Hanja reading in the Japanese (else the
    /// Chinese) lexicon, and the key's shingles; `Err` with the reading
    /// (folded Han) when neither lexicon knows it.
    #[inline]
    #[allow(clippy::type_complexity)]
    pub(crate) fn hangul(&self, node: Node) -> Option<Result<(&str, &KeyShingles), &'static str>> {
        let id = node.hangul;
        if id == NO_HANGUL {
            None
        } else if id & HAN_READING != 0 {
            Some(Err(self.readings[(id & !HAN_READING) as usize]))
        } else {
            Some(Ok((&*self.keys[id as usize], &self.shingles[id as usize])))
        }
    }
}

/// Builds a [`CjkDict`]: strings go into a general hash map trie first,
/// which [`TrieBuilder::finish`] lays out as the probe table.
struct TrieBuilder {
    /// Child of the root per character below `ROOT_DENSE` (id 0: none).
    root: Box<[u32]>,
    /// (parent node << 32 | character) → child node, for every other edge.
    edges: std::collections::HashMap<u64, u32, BuildHasherDefault<EdgeHasher>>,
    /// Per node id: index into `entries` (or `NO_KEY` as the low 31 bits),
    /// plus `HAS_CHILDREN`.
    nodes: Vec<u32>,
    entries: Vec<Entry>,
    keys: Vec<Box<str>>,
    places: Vec<&'static str>,
    hanja: Vec<Hanja>,
}

impl TrieBuilder {
    /// The node of `s` while building.
    fn find(&self, s: &str) -> Option<u32> {
        s.chars().try_fold(0, |n, c| {
            let child = if n == 0 && (c as usize) < ROOT_DENSE {
                self.root[c as usize]
            } else {
                *self.edges.get(&(u64::from(n) << 32 | u64::from(c)))?
            };
            (child != 0).then_some(child)
        })
    }

    /// The entry of `s`, creating its nodes (and entry) as needed.
    fn entry(&mut self, s: &str) -> &mut Entry {
        let mut node = 0;
        for c in s.chars() {
            let edge = if node == 0 && (c as usize) < ROOT_DENSE {
                &mut self.root[c as usize]
            } else {
                self.edges
                    .entry(u64::from(node) << 32 | u64::from(c))
                    .or_insert(0)
            };
            if *edge == 0 {
                *edge = self.nodes.len() as u32;
                self.nodes.push(NO_KEY & !HAS_CHILDREN);
                self.nodes[node as usize] |= HAS_CHILDREN;
            }
            node = *edge;
        }
        let slot = &mut self.nodes[node as usize];
        if *slot & !HAS_CHILDREN == NO_KEY & !HAS_CHILDREN {
            *slot = (*slot & HAS_CHILDREN) | self.entries.len() as u32;
            self.entries.push(NO_ENTRY);
        }
        let at = (*slot & !HAS_CHILDREN) as usize;
        &mut self.entries[at]
    }

    /// The probe table. Nodes are placed parent first (a node's id is
    /// larger than its parent's), so a child's key can name its parent's
    /// final slot; the hash map is dropped before the table is allocated.
    fn finish(self) -> CjkDict {
        let TrieBuilder {
            root,
            edges,
            nodes,
            entries,
            mut keys,
            places,
            hanja,
        } = self;
        // (parent, character) per node id.
        let mut edge_of = vec![(0u32, 0u32); nodes.len()];
        for (i, &child) in root.iter().enumerate() {
            if child != 0 {
                edge_of[child as usize] = (0, i as u32);
            }
        }
        for (key, child) in edges {
            edge_of[child as usize] = ((key >> 32) as u32, key as u32);
        }
        drop(root);
        // Place keys join the term keys, so a slot names either by one id.
        let place_base = keys.len() as u32;
        keys.extend(places.iter().map(|&p| Box::<str>::from(p)));
        let mut readings = Vec::new();
        let hangul_of: Vec<u32> = hanja
            .iter()
            .map(|h| match *h {
                Hanja::Key(id) => id,
                Hanja::Han(han) => {
                    readings.push(han);
                    HAN_READING | (readings.len() - 1) as u32
                }
            })
            .collect();
        // The packed slots bound the table's sizes; the embedded data is far
        // below them.
        assert!(keys.len() < usize::from(NO_HAN), "too many CJK keys");
        assert!((readings.len() as u32) < HAN_READING, "too many readings");
        let n = nodes.len() - 1;
        let len = ((n as f64 * SLOTS_PER_NODE) as usize).max(1);
        assert!(len < ROOT_ID as usize, "CJK trie too large");
        let mut buf = Vec::new();
        let shingles = keys
            .iter()
            .map(|k| key_shingles(Channel::Concept, k, &mut buf))
            .collect();
        let mut dict = CjkDict {
            root: vec![(ROOT_ID, 0); ROOT_DENSE].into_boxed_slice(),
            slots: vec![EMPTY; len].into_boxed_slice(),
            keys,
            shingles,
            readings,
        };
        // Per node id: its slot (the root's is ROOT_ID) and its answers,
        // which stay here until its children are placed.
        let mut placed = vec![(ROOT_ID, CjkDict::ROOT); nodes.len()];
        for id in 1..nodes.len() {
            let (parent, c) = edge_of[id];
            let parent_slot = placed[parent as usize].0;
            let edge = u64::from(parent_slot) << CHAR_BITS | u64::from(c);
            let mut i = dict.home(edge);
            while dict.slots[i].0 != EMPTY.0 {
                i = if i + 1 == len { 0 } else { i + 1 };
            }
            // Reserved now; written once the children are known.
            dict.slots[i] = Slot(edge, 0);
            let mut node = Node {
                id: i as u32,
                children: 0,
                han: [NO_HAN; 2],
                hangul: NO_HANGUL,
            };
            if let Some(e) = entries.get((nodes[id] & !HAS_CHILDREN) as usize) {
                let place = (e.place != NO_KEY).then(|| place_base + e.place);
                let [zh, ja] = e.terms.map(|t| (t != NO_KEY).then_some(t));
                let han = |first: Option<u32>, second: Option<u32>| {
                    place.or(first).or(second).map_or(NO_HAN, |k| k as u16)
                };
                node.han = [han(zh, ja), han(ja, zh)];
                let reading = (e.hanja != NO_KEY).then(|| hangul_of[e.hanja as usize]);
                node.hangul = place.or(reading).unwrap_or(NO_HANGUL);
            }
            placed[id] = (i as u32, node);
            if parent != 0 {
                placed[parent as usize].1.children |= char_bit(c);
            }
        }
        for (id, &(slot, node)) in placed.iter().enumerate().skip(1) {
            let (parent, c) = edge_of[id];
            if parent == 0 && (c as usize) < ROOT_DENSE {
                dict.root[c as usize] = (slot, node.children);
            }
            let edge = dict.slots[slot as usize].edge();
            dict.slots[slot as usize] = Slot::pack(edge, &node);
        }
        dict
    }
}

/// The CJK trie, built on first use from the Chinese and Japanese
/// lexicons, the places table and the Hanja list.
pub(crate) fn cjk_dict() -> &'static CjkDict {
    static DICT: OnceLock<CjkDict> = OnceLock::new();
    DICT.get_or_init(|| {
        let lex = lexicons();
        // The Han loop looks up strings of up to MAX_CJK_TERM characters,
        // the Hangul loop up to the longest Hanja word, and a Hanja reading
        // is looked up whole: no longer string is ever looked up.
        let readings = lex.hanja.values().map(|h| h.chars().count()).max();
        let max_chars = MAX_CJK_TERM
            .max(lex.hanja_max_len)
            .max(readings.unwrap_or(0));
        let mut b = TrieBuilder {
            root: vec![0; ROOT_DENSE].into_boxed_slice(),
            edges: Default::default(),
            nodes: vec![NO_KEY & !HAS_CHILDREN],
            entries: Vec::new(),
            keys: Vec::new(),
            places: Vec::new(),
            hanja: Vec::new(),
        };
        b.edges.reserve(800_000);
        b.nodes.reserve(800_000);
        b.entries.reserve(450_000);
        let mut interner = KeyInterner::new();
        let mut folded = String::new();
        for (slot, tsv) in [ZH_TSV, JA_TSV].into_iter().enumerate() {
            for line in tsv.lines() {
                let Some((term, glosses)) = line.split_once('\t') else {
                    continue;
                };
                let Some(id) = interner.first_gloss(glosses) else {
                    continue;
                };
                if term.chars().count() > MAX_TERM_CHARS.min(max_chars) {
                    continue;
                }
                folded.clear();
                folded.extend(term.chars().map(|c| lex.fold(c)));
                // The first (most common) entry of a term wins.
                let ids = &mut b.entry(&folded).terms;
                if ids[slot] == NO_KEY {
                    ids[slot] = id;
                }
            }
        }
        b.keys = interner.keys;
        // Place names (already folded), first key wins as in `Places::get`.
        let places = places();
        let mut place_ids: HashMap<&'static str, u32> = HashMap::default();
        for (name, &(key, _)) in &places.names {
            if name.chars().count() > max_chars {
                continue;
            }
            let next = b.places.len() as u32;
            let id = *place_ids.entry(key).or_insert(next);
            if id == next {
                b.places.push(key);
            }
            b.entry(name).place = id;
        }
        // Hangul words of the Hanja list, with their readings resolved.
        for (hangul, han) in &lex.hanja {
            let han: &'static str = han;
            // The Japanese key, else the Chinese one: Korean took most of its
            // modern Sino vocabulary in the senses Japanese gave it (합의 合意
            // is "agreement" in both, "to one's taste" in Chinese).
            let key = b.find(han).and_then(|n| {
                let e = b
                    .entries
                    .get((b.nodes[n as usize] & !HAS_CHILDREN) as usize)?;
                e.terms.into_iter().rev().find(|&id| id != NO_KEY)
            });
            let reading = match key {
                Some(id) => Hanja::Key(id),
                None => Hanja::Han(han),
            };
            let id = b.hanja.len() as u32;
            b.hanja.push(reading);
            b.entry(hangul).hanja = id;
        }
        b.finish()
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

/// The rows of `places.tsv`: name, key, and whether the name is an
/// adjective form (third column `adj`).
fn place_rows() -> impl Iterator<Item = (&'static str, &'static str, bool)> {
    PLACES_TSV.lines().filter_map(|line| {
        let mut cols = line.split('\t');
        let (name, key) = (cols.next()?, cols.next()?);
        Some((name, key, cols.next() == Some("adj")))
    })
}

/// Country and territory names in every CLDR language, plus news forms
/// (U.S., American, 美方, 미국), mapped to one key per country (`usa`).
pub(crate) struct Places {
    names: HashMap<Cow<'static, str>, (&'static str, bool)>,
    /// Russian names by the Snowball stems of their words, so that inflected
    /// forms (Северной Кореи, of Северная Корея) are found too.
    ru_stems: HashMap<Box<str>, &'static str>,
    /// Most words in a name ("vereinigte staaten" has two).
    pub max_words: usize,
    /// First words (and, for Russian, first-word stems) of multi-word names.
    multi_first: FxHashSet<Box<str>>,
    /// Their first two words, space-joined (and, for Russian, the two
    /// words' stems).
    multi_pairs: FxHashSet<Box<str>>,
}

impl Places {
    /// The country key of a lowercase name.
    #[inline]
    pub(crate) fn get(&self, name: &str) -> Option<&'static str> {
        self.names.get(name).map(|&(key, _)| key)
    }

    /// The country key of a name that is written lowercase in its language:
    /// an adjective or its inflected form (américain, britische,
    /// американских), marked `adj` in the table. Names are capitalised.
    #[inline]
    pub(crate) fn get_adjective(&self, name: &str) -> Option<&'static str> {
        self.names
            .get(name)
            .and_then(|&(key, adjective)| adjective.then_some(key))
    }

    /// True when `word` (lowercase, or a Russian stem) starts a name of two
    /// or more words.
    #[inline]
    pub(crate) fn starts_multi(&self, word: &str) -> bool {
        self.multi_first.contains(word)
    }

    /// True when `pair` (two lowercase words, or two Russian stems, joined
    /// by a space) starts a name of two or more words.
    #[inline]
    pub(crate) fn starts_pair(&self, pair: &str) -> bool {
        self.multi_pairs.contains(pair)
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
        let el = Stemmer::create(Algorithm::Greek);
        let mut names: HashMap<Cow<'static, str>, (&'static str, bool)> = HashMap::default();
        names.reserve(PLACES_TSV.len() / 30);
        let mut ru_stems = HashMap::default();
        let mut multi_first = FxHashSet::default();
        let mut multi_pairs = FxHashSet::default();
        let mut max_words = 1;
        for (name, key, adjective) in place_rows() {
            // CJK names are folded like the text they are matched against.
            // Word segmentation splits "États-Unis" at the hyphen, so the
            // lookup sees words joined by spaces.
            let folded: String = name
                .chars()
                .map(|c| if c == '-' { ' ' } else { lex.fold(c) })
                .collect();
            let name = borrow_if_same(name, undot_i(&folded).into_owned());
            max_words = max_words.max(name.split(' ').count());
            // Russian and Greek inflect names (Германии, Γερμανίας): they are
            // also found by their words' stems.
            let stemmer = if name.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
                Some(&ru)
            } else if name.chars().any(|c| {
                ('\u{0370}'..='\u{03FF}').contains(&c) || ('\u{1F00}'..='\u{1FFF}').contains(&c)
            }) {
                Some(&el)
            } else {
                None
            };
            if let Some(stemmer) = stemmer {
                let stems: Vec<String> = name
                    .split(' ')
                    .map(|w| stemmer.stem(w).into_owned())
                    .collect();
                if stems.len() > 1 {
                    multi_first.insert(stems[0].as_str().into());
                    multi_pairs.insert(format!("{} {}", stems[0], stems[1]).into_boxed_str());
                }
                ru_stems
                    .entry(stems.join(" ").into_boxed_str())
                    .or_insert(key);
            }
            if let Some((first, rest)) = name.split_once(' ') {
                multi_first.insert(first.into());
                let second = rest.split(' ').next().unwrap_or(rest);
                multi_pairs.insert(format!("{first} {second}").into_boxed_str());
            }
            names.entry(name).or_insert((key, adjective));
        }
        names.shrink_to_fit();
        Places {
            names,
            ru_stems,
            max_words: max_words.min(4),
            multi_first,
            multi_pairs,
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
