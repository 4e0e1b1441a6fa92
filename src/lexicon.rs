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

/// A node of [`CjkDict`]'s trie (the string spelt by the edges from the
/// root): its id, and its word of `CjkDict::nodes` (entry index and
/// `HAS_CHILDREN`), kept with every edge so a step needs one memory access.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Node(u32, u32);

/// What the longest-match loops need to know about one string of the trie.
#[derive(Clone, Copy)]
struct Entry {
    /// Key ids of the string as a term of the Chinese and of the Japanese
    /// lexicon (or `NO_KEY`).
    terms: [u32; 2],
    /// Index into `CjkDict::places` of its country key (or `NO_KEY`).
    place: u32,
    /// Index into `CjkDict::hanja` of its Hanja reading (or `NO_KEY`).
    hanja: u32,
}

const NO_ENTRY: Entry = Entry {
    terms: [NO_KEY; 2],
    place: NO_KEY,
    hanja: NO_KEY,
};

/// Bit of `CjkDict::nodes` set when a node has children.
const HAS_CHILDREN: u32 = 1 << 31;

/// A Hanja reading of a Hangul word, resolved at load time.
enum Hanja {
    /// The key id of the reading in the Chinese (else Japanese) lexicon.
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
        let m = u128::from(self.0 ^ k) * 0x9E37_79B9_7F4A_7C15;
        self.0 = (m as u64) ^ ((m >> 64) as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Root children are found by indexing an array for characters below this.
const ROOT_DENSE: usize = 0x1_0000;

/// Every string the bridge's CJK longest-match loops look up, in one trie:
/// Chinese and Japanese lexicon terms (Han-folded, so traditional,
/// simplified and Japanese forms and Korean Hanja look up alike), place
/// names and the Hangul words of the Hanja list. A loop walks one edge per
/// character (one `u64` hash probe, no string hashing or comparison), reads
/// all it needs from the node it reaches, and stops when the node has no
/// children: no longer string can start there.
pub(crate) struct CjkDict {
    /// Child of the root per character below `ROOT_DENSE` (id 0: none).
    root: Box<[(u32, u32)]>,
    /// (parent node << 32 | character) → child node, for every other edge.
    edges: std::collections::HashMap<u64, (u32, u32), BuildHasherDefault<EdgeHasher>>,
    /// What the strings of the nodes with an entry are; a node's word is
    /// an index here (or `NO_KEY` as the low 31 bits), plus `HAS_CHILDREN`.
    entries: Vec<Entry>,
    keys: Vec<Box<str>>,
    places: Vec<&'static str>,
    hanja: Vec<Hanja>,
}

impl CjkDict {
    /// The trie's root (the empty string).
    pub(crate) const ROOT: Node = Node(0, HAS_CHILDREN);

    /// The node of the string of `node` followed by `c`, if some string of
    /// the trie starts with it.
    #[inline]
    pub(crate) fn step(&self, node: Node, c: char) -> Option<Node> {
        let (child, word) = if node.0 == 0 && (c as usize) < ROOT_DENSE {
            self.root[c as usize]
        } else {
            *self.edges.get(&(u64::from(node.0) << 32 | u64::from(c)))?
        };
        (child != 0).then_some(Node(child, word))
    }

    /// False when no longer string of the trie starts with the node's:
    /// then a longest-match loop can stop.
    #[inline]
    pub(crate) fn may_extend(&self, node: Node) -> bool {
        node.1 & HAS_CHILDREN != 0
    }

    #[inline]
    fn entry(&self, node: Node) -> Option<&Entry> {
        self.entries.get((node.1 & !HAS_CHILDREN) as usize)
    }

    /// The keys of the node's string as a Chinese and as a Japanese term.
    #[inline]
    pub(crate) fn terms(&self, node: Node) -> [Option<&str>; 2] {
        match self.entry(node) {
            Some(e) => e
                .terms
                .map(|id| (id != NO_KEY).then(|| &*self.keys[id as usize])),
            None => [None; 2],
        }
    }

    /// The country key of the node's string as a place name.
    #[inline]
    pub(crate) fn place(&self, node: Node) -> Option<&'static str> {
        let e = self.entry(node)?;
        (e.place != NO_KEY).then(|| self.places[e.place as usize])
    }

    /// The Hanja reading of the node's string as a Hangul word: `Ok` with
    /// the reading's concept key in the Chinese (else the Japanese) lexicon,
    /// `Err` with the reading (folded Han) when neither lexicon knows it.
    #[inline]
    pub(crate) fn hanja(&self, node: Node) -> Option<Result<&str, &'static str>> {
        let e = self.entry(node)?;
        (e.hanja != NO_KEY).then(|| match self.hanja[e.hanja as usize] {
            Hanja::Key(id) => Ok(&*self.keys[id as usize]),
            Hanja::Han(han) => Err(han),
        })
    }
}

/// Builds a [`CjkDict`]: edges and node words are kept apart while
/// strings are added, and joined by [`TrieBuilder::finish`].
struct TrieBuilder {
    dict: CjkDict,
    nodes: Vec<u32>,
}

impl TrieBuilder {
    /// The node of `s` while building (node words not filled in yet).
    fn find(&self, s: &str) -> Option<u32> {
        let d = &self.dict;
        s.chars().try_fold(0, |n, c| {
            let child = if n == 0 && (c as usize) < ROOT_DENSE {
                d.root[c as usize].0
            } else {
                d.edges.get(&(u64::from(n) << 32 | u64::from(c)))?.0
            };
            (child != 0).then_some(child)
        })
    }

    /// The entry of `s`, creating its nodes (and entry) as needed.
    fn entry(&mut self, s: &str) -> &mut Entry {
        let mut node = 0;
        for c in s.chars() {
            let d = &mut self.dict;
            let edge = if node == 0 && (c as usize) < ROOT_DENSE {
                &mut d.root[c as usize]
            } else {
                d.edges
                    .entry(u64::from(node) << 32 | u64::from(c))
                    .or_insert((0, 0))
            };
            if edge.0 == 0 {
                edge.0 = self.nodes.len() as u32;
                self.nodes.push(NO_KEY & !HAS_CHILDREN);
                self.nodes[node as usize] |= HAS_CHILDREN;
            }
            node = edge.0;
        }
        let d = &mut self.dict;
        let slot = &mut self.nodes[node as usize];
        if *slot & !HAS_CHILDREN == NO_KEY & !HAS_CHILDREN {
            *slot = (*slot & HAS_CHILDREN) | d.entries.len() as u32;
            d.entries.push(NO_ENTRY);
        }
        let at = (*slot & !HAS_CHILDREN) as usize;
        &mut d.entries[at]
    }

    /// The trie, with each node's word stored on the edge to it.
    fn finish(mut self) -> CjkDict {
        let nodes = &self.nodes;
        for edge in self
            .dict
            .root
            .iter_mut()
            .chain(self.dict.edges.values_mut())
        {
            if edge.0 != 0 {
                edge.1 = nodes[edge.0 as usize];
            }
        }
        self.dict.edges.shrink_to_fit();
        self.dict.entries.shrink_to_fit();
        self.dict
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
            dict: CjkDict {
                root: vec![(0, 0); ROOT_DENSE].into_boxed_slice(),
                edges: Default::default(),
                entries: Vec::new(),
                keys: Vec::new(),
                places: Vec::new(),
                hanja: Vec::new(),
            },
            nodes: vec![NO_KEY & !HAS_CHILDREN],
        };
        b.dict.edges.reserve(800_000);
        b.nodes.reserve(800_000);
        b.dict.entries.reserve(450_000);
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
        b.dict.keys = interner.keys;
        // Place names (already folded), first key wins as in `Places::get`.
        let places = places();
        let mut place_ids: HashMap<&'static str, u32> = HashMap::default();
        for (name, &key) in &places.names {
            if name.chars().count() > max_chars {
                continue;
            }
            let next = b.dict.places.len() as u32;
            let id = *place_ids.entry(key).or_insert(next);
            if id == next {
                b.dict.places.push(key);
            }
            b.entry(name).place = id;
        }
        // Hangul words of the Hanja list, with their readings resolved.
        for (hangul, han) in &lex.hanja {
            let han: &'static str = han;
            // As `terms`: the Chinese key, else the Japanese one.
            let key = b.find(han).and_then(|n| {
                let e = b
                    .dict
                    .entries
                    .get((b.nodes[n as usize] & !HAS_CHILDREN) as usize)?;
                e.terms.into_iter().find(|&id| id != NO_KEY)
            });
            let reading = match key {
                Some(id) => Hanja::Key(id),
                None => Hanja::Han(han),
            };
            let id = b.dict.hanja.len() as u32;
            b.dict.hanja.push(reading);
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
