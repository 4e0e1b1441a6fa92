//! The cross-lingual bridge: turns normalised text of any language into
//! language-neutral pivot keys, the shingles the fingerprint is taken over.
//!
//! Raw character shingles of the same story in English and Chinese overlap by
//! about 1%; what two translations share is meaning, names and numbers. So
//! each piece of text is mapped to keys in shared channels:
//!
//! | channel | from | example |
//! |---|---|---|
//! | [`Channel::Concept`] | English stems; names and acronyms in any Latin text | `semiconductor`, `jucip` |
//! | [`Channel::Han`] | Han bigrams after variant folding, incl. Korean Hanja | 國→国, 반도체→半導體→`半导`,`导体` |
//! | [`Channel::Name`] | consonant skeletons of names | Raimondo → `rmnt` |
//! | [`Channel::Number`] | numbers of two digits or more | `2,000` → `2000` |
//! | [`Channel::Word`] | stems of words the bridge cannot translate | German `zusammenarbeit` |
//!
//! Cost: `O(n)` in the text, with one hash lookup per Hangul prefix tried
//! (bounded by the longest Hanja entry).

use rust_stemmers::{Algorithm, Stemmer};

use crate::lexicon::{Lexicons, concept_lexicon, lexicons, places};
use crate::normalize::{Piece, PieceKind, pieces};
use crate::script::{Lang, Script, ScriptCounts, guess_latin, script_of};
use crate::translit;

/// The kind of a pivot key. Keys of different channels never collide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Channel {
    /// Language-neutral concepts: English stems, Latin-script names, acronyms.
    Concept,
    /// Folded Han character bigrams (Chinese, Japanese kanji, Korean Hanja).
    Han,
    /// Consonant skeletons of names, robust to transliteration.
    Name,
    /// Normalised numbers.
    Number,
    /// Stems of words with no translation (same-language evidence).
    Word,
}

impl Channel {
    /// One-byte tag prefixed to a key before hashing.
    pub(crate) fn tag(self) -> u8 {
        match self {
            Channel::Concept => b'c',
            Channel::Han => b'h',
            Channel::Name => b'n',
            Channel::Number => b'#',
            Channel::Word => b'w',
        }
    }

    /// Human-readable name, for explanations.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Channel::Concept => "concepts",
            Channel::Han => "han",
            Channel::Name => "names",
            Channel::Number => "numbers",
            Channel::Word => "words",
        }
    }

    /// All channels, in a fixed order.
    pub(crate) const ALL: [Channel; 5] = [
        Channel::Concept,
        Channel::Han,
        Channel::Name,
        Channel::Number,
        Channel::Word,
    ];
}

/// Receives the pivot keys of a text, in text order.
pub(crate) trait Sink {
    /// One key of `channel`.
    fn emit(&mut self, channel: Channel, key: &str);
}

/// What the bridge learnt about the text besides its keys.
#[derive(Clone, Debug, Default)]
pub(crate) struct LangStats {
    /// Letters per detected language, for the article's dominant language.
    pub letters: Vec<(Lang, usize)>,
}

impl LangStats {
    fn add(&mut self, lang: Lang, n: usize) {
        match self.letters.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, c)) => *c += n,
            None => self.letters.push((lang, n)),
        }
    }

    /// The language with the most letters (ties: the earlier-seen one).
    pub(crate) fn dominant(&self) -> Option<Lang> {
        let mut best: Option<(Lang, usize)> = None;
        for &(l, n) in &self.letters {
            if best.is_none_or(|(_, b)| n > b) {
                best = Some((l, n));
            }
        }
        best.map(|(l, _)| l)
    }
}

/// One-character country abbreviations of Chinese and Japanese news, used in
/// compounds (美日, 日米, 中美, 日中韓): a run of two or more of them names
/// the countries. Characters common as ordinary words (加 "add", 意
/// "meaning") are left out on purpose.
const HAN_COUNTRY: &[(char, &str)] = &[
    ('美', "usa"),
    ('日', "japan"),
    ('中', "china"),
    ('韩', "southkorea"),
    ('朝', "northkorea"),
    ('英', "uk"),
    ('俄', "russia"),
    ('露', "russia"),
    ('德', "germany"),
    ('独', "germany"),
    ('法', "france"),
    ('仏', "france"),
    ('澳', "australia"),
    ('豪', "australia"),
    ('印', "india"),
    ('台', "taiwan"),
    ('欧', "eu"),
];

/// Korean one-syllable country abbreviations in compounds (미일, 한미일, 미중).
const HANGUL_COUNTRY: &[(char, &str)] = &[
    ('미', "usa"),
    ('일', "japan"),
    ('중', "china"),
    ('한', "southkorea"),
    ('북', "northkorea"),
    ('영', "uk"),
    ('러', "russia"),
    ('독', "germany"),
    ('불', "france"),
    ('호', "australia"),
    ('인', "india"),
];

/// Emits the country keys of a leading run of two to four abbreviations
/// and returns its length (0 when there is no such run).
fn country_run(chars: &[char], table: &[(char, &str)], sink: &mut impl Sink) -> usize {
    let keys: Vec<&str> = chars
        .iter()
        .take(4)
        .map_while(|c| table.iter().find(|(h, _)| h == c).map(|(_, k)| *k))
        .collect();
    if keys.len() < 2 {
        return 0;
    }
    keys.iter().for_each(|k| sink.emit(Channel::Concept, k));
    keys.len()
}

/// Korean particles and endings stripped from the end of a Hangul word before
/// it is keyed as a raw word (longest first).
const KOREAN_SUFFIXES: &[&str] = &[
    "에서는",
    "에게서",
    "으로서",
    "으로써",
    "으로는",
    "이라는",
    "했으며",
    "했다고",
    "한다고",
    "하겠다",
    "에서",
    "에게",
    "께서",
    "한테",
    "부터",
    "까지",
    "처럼",
    "보다",
    "으로",
    "이라",
    "라는",
    "와의",
    "과의",
    "에는",
    "에도",
    "했다",
    "한다",
    "하는",
    "하고",
    "하며",
    "하기",
    "하여",
    "적인",
    "적으로",
    "됐다",
    "되는",
    "된다",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "로",
    "와",
    "과",
    "도",
    "만",
    "들",
    "한",
    "된",
    "적",
];

/// English function words: they carry no event.
const EN_STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "said",
    "says",
    "say",
    "mr",
    "ms",
    "mrs",
    "one",
    "would",
    "may",
    "might",
    "must",
    "shall",
    "s",
    "t",
    "new",
    "according",
    "told",
    "percent",
    "per",
    "cent",
    "however",
    "among",
    "within",
    "without",
    "upon",
    "yet",
    "since",
    "via",
];

/// Function words of the other Latin-script languages we stem.
const OTHER_STOPWORDS: &[(Lang, &[&str])] = &[
    (
        Lang::De,
        &[
            "der", "die", "das", "und", "ist", "nicht", "den", "mit", "sich", "des", "auf", "ein",
            "eine", "einer", "eines", "einem", "einen", "dem", "sie", "zu", "auch", "für", "wurde",
            "hat", "im", "in", "von", "es", "er", "am", "an", "als", "bei", "nach", "aus", "wie",
            "sind", "oder", "aber", "noch", "so", "dass", "um", "wird", "werden", "war", "vor",
            "über", "zum", "zur", "nur", "sagte", "haben", "man", "wir", "ich", "ihr", "sein",
            "seine", "hatte", "kann",
        ],
    ),
    (
        Lang::Fr,
        &[
            "le", "la", "les", "des", "et", "est", "une", "un", "du", "de", "que", "dans", "pour",
            "qui", "au", "aux", "sur", "pas", "avec", "il", "elle", "a", "été", "ce", "cette",
            "ces", "en", "se", "sa", "son", "ses", "par", "plus", "ont", "ne", "ou", "mais",
            "leur", "leurs", "l", "d", "qu", "n", "s", "c", "j", "y", "lui", "nous", "vous", "ils",
            "elles", "était", "sont", "être", "avait", "dit", "selon",
        ],
    ),
    (
        Lang::Es,
        &[
            "el", "la", "los", "las", "de", "que", "y", "en", "del", "se", "por", "con", "una",
            "un", "para", "es", "al", "su", "sus", "lo", "como", "fue", "a", "no", "más", "o",
            "pero", "ha", "han", "este", "esta", "sobre", "también", "le", "les", "era", "son",
            "ser", "dijo", "entre", "ya", "muy", "sin", "desde", "cuando", "hay", "según",
        ],
    ),
    (
        Lang::Ru,
        &[
            "и",
            "в",
            "во",
            "не",
            "что",
            "он",
            "на",
            "я",
            "с",
            "со",
            "как",
            "а",
            "то",
            "все",
            "она",
            "так",
            "его",
            "но",
            "да",
            "ты",
            "к",
            "у",
            "же",
            "вы",
            "за",
            "бы",
            "по",
            "только",
            "ее",
            "её",
            "мне",
            "было",
            "вот",
            "от",
            "меня",
            "еще",
            "ещё",
            "нет",
            "о",
            "из",
            "ему",
            "для",
            "это",
            "этот",
            "эта",
            "был",
            "была",
            "были",
            "их",
            "при",
            "также",
            "который",
            "которые",
            "сказал",
        ],
    ),
];

/// Stemmers for the languages that have one, created once.
pub(crate) struct Bridge {
    lex: &'static Lexicons,
    en: Stemmer,
    others: Vec<(Lang, Stemmer)>,
}

impl Default for Bridge {
    fn default() -> Self {
        Bridge::new()
    }
}

impl Bridge {
    /// A bridge over the process-wide lexicons.
    pub(crate) fn new() -> Bridge {
        let others = [
            (Lang::De, Algorithm::German),
            (Lang::Fr, Algorithm::French),
            (Lang::Es, Algorithm::Spanish),
            (Lang::It, Algorithm::Italian),
            (Lang::Pt, Algorithm::Portuguese),
            (Lang::Nl, Algorithm::Dutch),
            (Lang::Ru, Algorithm::Russian),
        ]
        .into_iter()
        .map(|(l, a)| (l, Stemmer::create(a)))
        .collect();
        Bridge {
            lex: lexicons(),
            en: Stemmer::create(Algorithm::English),
            others,
        }
    }

    fn stemmer(&self, lang: Lang) -> Option<&Stemmer> {
        if lang == Lang::En {
            return Some(&self.en);
        }
        self.others.iter().find(|(l, _)| *l == lang).map(|(_, s)| s)
    }

    /// Emits the pivot keys of `text` (already cleaned and NFKC-normalised;
    /// paragraphs separated by `'\n'`) into `sink`. `hint` is the caller's
    /// language hint; script evidence overrides it where they disagree.
    pub(crate) fn bridge(&self, text: &str, hint: Option<Lang>, sink: &mut impl Sink) -> LangStats {
        let mut stats = LangStats::default();
        let article_cjk = ScriptCounts::of(text).cjk_lang();
        let mut buf = String::new();
        for paragraph in text.split('\n') {
            let counts = ScriptCounts::of(paragraph);
            let pieces = pieces(paragraph);
            // A Han-only paragraph of a Japanese article is Japanese.
            let cjk_lang = match counts.cjk_lang() {
                Some(Lang::Zh) if article_cjk == Some(Lang::Ja) => Lang::Ja,
                Some(Lang::Zh) if matches!(hint, Some(Lang::Ja)) => Lang::Ja,
                Some(l) => l,
                None => article_cjk.unwrap_or(Lang::Zh),
            };
            let latin_lang = self.latin_lang(&pieces, hint, &mut buf);
            stats.add(cjk_lang, counts.han + counts.kana + counts.hangul);
            stats.add(latin_lang, counts.latin);
            stats.add(Lang::Ru, counts.cyrillic);
            stats.add(Lang::Other, counts.other_letters);
            // Latin words inside CJK prose are names and acronyms (JUCIP, IBM).
            let latin_in_cjk = counts.han + counts.kana + counts.hangul > counts.latin;
            let mut k = 0;
            while k < pieces.len() {
                let piece = &pieces[k];
                k += 1;
                if let PieceKind::Word(_) = piece.kind {
                    let n = place_name(&pieces[k - 1..], sink, &mut buf);
                    if n > 0 {
                        k += n - 1;
                        continue;
                    }
                }
                match piece.kind {
                    PieceKind::Cjk => self.cjk_run(piece.text, cjk_lang, sink, &mut buf),
                    PieceKind::Hangul => self.hangul_word(piece.text, sink, &mut buf),
                    PieceKind::Number => number(piece.text, sink, &mut buf),
                    PieceKind::Word(Script::Latin) => {
                        let lang = if latin_in_cjk { Lang::En } else { latin_lang };
                        self.latin_word(piece, lang, sink, &mut buf)
                    }
                    PieceKind::Word(Script::Cyrillic) => self.cyrillic_word(piece, sink, &mut buf),
                    PieceKind::Word(Script::Thai) => char_ngrams(piece.text, 3, sink, &mut buf),
                    PieceKind::Word(_) => {
                        buf.clear();
                        buf.extend(piece.text.chars().flat_map(char::to_lowercase));
                        sink.emit(Channel::Word, &buf);
                    }
                }
            }
        }
        stats
    }

    fn latin_lang(&self, pieces: &[Piece<'_>], hint: Option<Lang>, buf: &mut String) -> Lang {
        if let Some(h) = hint.filter(|h| self.stemmer(*h).is_some() && *h != Lang::Ru) {
            return h;
        }
        buf.clear();
        let mut ends = Vec::new();
        for p in pieces
            .iter()
            .filter(|p| p.kind == PieceKind::Word(Script::Latin))
        {
            buf.extend(p.text.chars().flat_map(char::to_lowercase));
            ends.push(buf.len());
        }
        let mut words = Vec::with_capacity(ends.len());
        let mut start = 0;
        for end in ends {
            words.push(&buf[start..end]);
            start = end;
        }
        guess_latin(&words)
    }

    fn latin_word(&self, piece: &Piece<'_>, lang: Lang, sink: &mut impl Sink, buf: &mut String) {
        let text = strip_possessive(piece.text);
        buf.clear();
        buf.extend(text.chars().flat_map(char::to_lowercase));
        if is_stopword(lang, buf) || buf.chars().count() < 2 {
            return;
        }
        let first_upper = text.chars().next().is_some_and(char::is_uppercase);
        let all_upper = text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        // German capitalises every noun, so only acronyms count as names there.
        let name_like = (all_upper && text.len() >= 2)
            || (first_upper && !piece.sentence_start && lang != Lang::De);
        if lang != Lang::En && self.translate(lang, buf, sink) {
            return;
        }
        if name_like {
            // Names are stemmed as English whatever the language, so
            // "Rangers" in a German text meets "Rangers" in an English one.
            let stem = self.en.stem(buf).into_owned();
            emit_name(&stem, sink);
            return;
        }
        // A word the lexicon does not know is stemmed as English: loanwords
        // and cognates (hip hop, message, trio) then still meet English.
        let stem = self.en.stem(buf);
        sink.emit(Channel::Concept, &stem);
    }

    /// Emits the concept keys of a lowercase word of `lang` (exact form
    /// first, then its stem); false when the lexicon does not know it.
    fn translate(&self, lang: Lang, lower: &str, sink: &mut impl Sink) -> bool {
        let Some(lex) = concept_lexicon(lang) else {
            return false;
        };
        let key = lex
            .get(lower)
            .or_else(|| lex.get_stem(&self.stemmer(lang)?.stem(lower)));
        match key {
            Some(k) => {
                sink.emit(Channel::Concept, k);
                true
            }
            None => false,
        }
    }

    /// A Cyrillic word: translated when the Russian lexicon knows it, else
    /// transliterated (names) or keyed by its stem.
    fn cyrillic_word(&self, piece: &Piece<'_>, sink: &mut impl Sink, buf: &mut String) {
        buf.clear();
        buf.extend(piece.text.chars().flat_map(char::to_lowercase));
        if is_stopword(Lang::Ru, buf) || buf.chars().count() < 2 {
            return;
        }
        if self.translate(Lang::Ru, buf, sink) {
            return;
        }
        // An unknown lowercase word would only ever match Russian text, so
        // it is not keyed; an unknown capitalised one is a name.
        let first_upper = piece.text.chars().next().is_some_and(char::is_uppercase);
        if first_upper {
            let mut latin = String::new();
            translit::cyrillic(buf, &mut latin);
            emit_name(&latin, sink);
        }
    }

    /// A run of Han and kana (Chinese or Japanese). Han is folded (traditional
    /// and Japanese forms to simplified; Japanese 米 "America" to 美) and keyed
    /// three ways: overlapping Han bigrams, which Chinese, Japanese and Korean
    /// Hanja share; the English concept keys of the words a longest-match
    /// segmentation finds in the Chinese and Japanese lexicons; and name
    /// skeletons of katakana words and of runs of Chinese transliteration
    /// characters (雷蒙多) that the lexicons do not know.
    fn cjk_run(&self, run: &str, lang: Lang, sink: &mut impl Sink, buf: &mut String) {
        let mut chars: Vec<char> = Vec::with_capacity(run.len() / 3);
        for c in run.chars() {
            let mut f = self.lex.fold(c);
            if lang == Lang::Ja && f == '米' {
                f = '美';
            }
            if f == '々' {
                if let Some(&prev) = chars.last() {
                    f = prev;
                }
            }
            chars.push(f);
        }
        let (first, second) = match lang {
            Lang::Ja => (Lang::Ja, Lang::Zh),
            _ => (Lang::Zh, Lang::Ja),
        };
        let lexicons = [concept_lexicon(first), concept_lexicon(second)];
        let places = places();
        // Han characters no lexicon word covers, keyed as bigrams: the
        // fallback that still lets Chinese, Japanese and Korean meet on terms
        // the dictionaries lack.
        let mut unmatched: Vec<char> = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let script = script_of(chars[i]);
            let c = chars[i];
            let longest = lexicons
                .iter()
                .flatten()
                .map(|l| l.longest_from(c))
                .max()
                .unwrap_or(0)
                .max(places.longest_from(c))
                .min(MAX_CJK_TERM)
                .min(chars.len() - i);
            let mut matched = country_run(&chars[i..], HAN_COUNTRY, sink);
            for len in (1..=longest).rev() {
                if matched > 0 {
                    break;
                }
                let seg = &chars[i..i + len];
                // Hiragana alone is grammar (particles, endings), and one Han
                // character alone is too ambiguous to translate.
                if seg.iter().all(|&c| script_of(c) == Script::Hiragana)
                    || (len == 1 && !SINGLE_HAN_KEYS)
                {
                    continue;
                }
                buf.clear();
                buf.extend(seg);
                if let Some(key) = places
                    .get(buf)
                    .or_else(|| lexicons.iter().flatten().find_map(|l| l.get(buf)))
                {
                    sink.emit(Channel::Concept, key);
                    matched = len;
                    break;
                }
            }
            if matched > 0 {
                flush_unmatched(&mut unmatched, sink, buf);
                i += matched;
                continue;
            }
            if script == Script::Han {
                unmatched.push(chars[i]);
            } else {
                flush_unmatched(&mut unmatched, sink, buf);
            }
            // Unknown katakana word: a foreign name or loanword.
            if script == Script::Katakana {
                let end = (i..chars.len())
                    .find(|&j| script_of(chars[j]) != Script::Katakana)
                    .unwrap_or(chars.len());
                if end - i >= 2 {
                    let kata: String = chars[i..end].iter().collect();
                    let mut latin = String::new();
                    translit::katakana(&kata, &mut latin);
                    emit_name(&latin, sink);
                }
                i = end;
                continue;
            }
            // Unknown run of transliteration characters: a foreign name.
            if lang == Lang::Zh && translit::is_chinese_translit(chars[i]) {
                let end = (i..chars.len())
                    .find(|&j| !translit::is_chinese_translit(chars[j]))
                    .unwrap_or(chars.len());
                if end - i >= 3 {
                    let mut latin = String::new();
                    for c in &chars[i..end] {
                        if let Some(py) = self.lex.pinyin.get(c) {
                            latin.push_str(py);
                        }
                    }
                    let skel = name_skeleton(&latin);
                    if skel.len() >= 3 {
                        sink.emit(Channel::Name, &skel);
                    }
                    unmatched.clear();
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        flush_unmatched(&mut unmatched, sink, buf);
    }

    /// A Hangul word: Sino-Korean parts become Hanja (longest match against
    /// the Hanja word list), which meet Chinese and Japanese in the Han
    /// channel and are translated through the Chinese and Japanese lexicons;
    /// the rest is keyed as itself (particles stripped) and, when it may be a
    /// foreign name, by its romanised skeleton.
    fn hangul_word(&self, word: &str, sink: &mut impl Sink, buf: &mut String) {
        let stripped = strip_korean_suffix(word);
        let syllables: Vec<char> = stripped.chars().collect();
        let mut i = 0;
        let mut key = String::new();
        let mut any_hanja = false;
        while i < syllables.len() {
            // Compounds of country abbreviations (미일, 한미일) come first: the
            // Hanja list reads 미일 as an unrelated word.
            let mut matched = if i == 0 {
                country_run(&syllables, HANGUL_COUNTRY, sink)
            } else {
                0
            };
            let longest = if matched > 0 {
                0
            } else {
                self.lex.hanja_max_len.min(syllables.len() - i)
            };
            for len in (2..=longest).rev() {
                key.clear();
                key.extend(&syllables[i..i + len]);
                if let Some(country) = places().get(&key) {
                    sink.emit(Channel::Concept, country);
                    matched = len;
                    break;
                }
                if let Some(han) = self.lex.hanja.get(&key) {
                    let keys = [Lang::Zh, Lang::Ja]
                        .into_iter()
                        .filter_map(concept_lexicon)
                        .find_map(|l| l.get(han));
                    match keys {
                        Some(k) => sink.emit(Channel::Concept, k),
                        None => {
                            let chars: Vec<char> = han.chars().collect();
                            han_bigrams(&chars, sink, buf);
                        }
                    }
                    matched = len;
                    break;
                }
            }

            any_hanja |= matched > 0;
            i += matched.max(1);
        }
        // Native Korean words have no dictionary here, so they are not keyed
        // (they would only ever match Korean); long ones without any Hanja are
        // often loanwords and foreign names (디트로이트, 레이몬도): skeletons.
        if syllables.len() >= 3 && !any_hanja {
            let mut latin = String::new();
            translit::hangul(stripped, &mut latin);
            let skel = name_skeleton(&latin);
            if skel.len() >= 3 {
                sink.emit(Channel::Name, &skel);
            }
        }
    }
}

/// Emits the country key of the longest place name (up to four words) that
/// starts `pieces` and returns how many pieces it spans (0: none). Two-letter
/// names ("US", "EU") count only when written in capitals: "us" is a pronoun.
fn place_name(pieces: &[Piece<'_>], sink: &mut impl Sink, buf: &mut String) -> usize {
    let table = places();
    buf.clear();
    buf.extend(pieces[0].text.chars().flat_map(char::to_lowercase));
    let cyrillic = pieces[0].kind == PieceKind::Word(Script::Cyrillic);
    let first_stem = if cyrillic {
        ru_stemmer().stem(buf).into_owned()
    } else {
        String::new()
    };
    // Multi-word names are tried only after a word that starts one.
    let multi = table.starts_multi(buf) || (cyrillic && table.starts_multi(&first_stem));
    let words = if multi {
        pieces
            .iter()
            .take(table.max_words)
            .take_while(|p| matches!(p.kind, PieceKind::Word(_)))
            .count()
    } else {
        1
    };
    let mut lower: Vec<String> = vec![buf.clone()];
    let mut stems: Vec<String> = vec![first_stem];
    for p in &pieces[1..words] {
        let l: String = p.text.chars().flat_map(char::to_lowercase).collect();
        stems.push(if p.kind == PieceKind::Word(Script::Cyrillic) {
            ru_stemmer().stem(&l).into_owned()
        } else {
            String::new()
        });
        lower.push(l);
    }
    for n in (1..=words).rev() {
        if n == 1
            && lower[0].chars().count() <= 2
            && !pieces[0].text.chars().all(char::is_uppercase)
        {
            continue;
        }
        let key = table.get(&lower[..n].join(" ")).or_else(|| {
            let all_cyrillic = pieces[..n]
                .iter()
                .all(|p| p.kind == PieceKind::Word(Script::Cyrillic));
            all_cyrillic
                .then(|| table.get_ru_stems(&stems[..n].join(" ")))
                .flatten()
        });
        if let Some(key) = key {
            sink.emit(Channel::Concept, key);
            return n;
        }
    }
    0
}

fn ru_stemmer() -> &'static Stemmer {
    static RU: std::sync::OnceLock<Stemmer> = std::sync::OnceLock::new();
    RU.get_or_init(|| Stemmer::create(Algorithm::Russian))
}

/// Keys a run of Han characters no lexicon word covered, as bigrams.
fn flush_unmatched(unmatched: &mut Vec<char>, sink: &mut impl Sink, buf: &mut String) {
    if unmatched.len() >= 2 {
        han_bigrams(unmatched, sink, buf);
    }
    unmatched.clear();
}

/// Keys a name: the lowercase form as a concept and its consonant skeleton.
fn emit_name(lower: &str, sink: &mut impl Sink) {
    sink.emit(Channel::Concept, lower);
    let skel = name_skeleton(lower);
    if skel.len() >= 3 {
        sink.emit(Channel::Name, &skel);
    }
}

/// Longest CJK term tried by the longest-match segmentation, in characters.
const MAX_CJK_TERM: usize = 8;

/// Whether single Han characters are translated through the lexicons.
const SINGLE_HAN_KEYS: bool = false;

/// Keys a Han run as overlapping bigrams (a lone character as itself).
fn han_bigrams(han: &[char], sink: &mut impl Sink, buf: &mut String) {
    if han.len() == 1 {
        buf.clear();
        buf.push(han[0]);
        sink.emit(Channel::Han, buf);
        return;
    }
    for w in han.windows(2) {
        buf.clear();
        buf.extend(w);
        sink.emit(Channel::Han, buf);
    }
}

fn number(text: &str, sink: &mut impl Sink, buf: &mut String) {
    buf.clear();
    // Thousands separators differ by language (2,000 / 2.000): keep digits and
    // a decimal part only when it is not a group of three.
    let parts: Vec<&str> = text.split([',', '.', '\'', ' ']).collect();
    // "30 000": groups joined by a space are always thousands.
    let grouped = parts.len() > 1 && parts[1..].iter().all(|p| p.len() == 3);
    if grouped {
        parts.iter().for_each(|p| buf.push_str(p));
    } else {
        buf.push_str(parts[0]);
        if let Some(frac) = parts.get(1) {
            buf.push('.');
            buf.push_str(frac);
        }
    }
    if buf.chars().filter(char::is_ascii_digit).count() >= 2 {
        sink.emit(Channel::Number, buf);
    }
}

fn char_ngrams(text: &str, n: usize, sink: &mut impl Sink, buf: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= n {
        sink.emit(Channel::Word, text);
        return;
    }
    for w in chars.windows(n) {
        buf.clear();
        buf.extend(w);
        sink.emit(Channel::Word, buf);
    }
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

fn strip_korean_suffix(word: &str) -> &str {
    for suffix in KOREAN_SUFFIXES {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().count() >= 1 {
                return stem;
            }
        }
    }
    word
}

/// True for English function words (also used to filter dictionary glosses).
pub(crate) fn is_en_stopword(word: &str) -> bool {
    is_stopword(Lang::En, word)
}

/// True for function words of `lang`. One hash set for all languages, keyed
/// by (language, word): a linear scan of the lists was the bridge's top cost.
fn is_stopword(lang: Lang, word: &str) -> bool {
    static SET: std::sync::OnceLock<crate::fxhash::FxHashMap<(Lang, &'static str), ()>> =
        std::sync::OnceLock::new();
    let set = SET.get_or_init(|| {
        let mut set = crate::fxhash::FxHashMap::default();
        for w in EN_STOPWORDS {
            set.insert((Lang::En, *w), ());
        }
        for (l, list) in OTHER_STOPWORDS {
            for w in *list {
                set.insert((*l, *w), ());
            }
        }
        set
    });
    set.contains_key(&(lang, word))
}

/// A name's consonant skeleton: diacritics and vowels dropped, consonants
/// merged into classes that transliteration confuses (l/r, b/p/f/v, d/t,
/// k/g/c/q/x, s/z/j), repeats collapsed. Raimondo, Leimengduo (雷蒙多) and
/// Remondo (レモンド) all give `rmnt`.
pub(crate) fn name_skeleton(lower: &str) -> String {
    let ascii: Vec<char> = lower.chars().filter_map(fold_latin).collect();
    let mut out = String::new();
    let mut i = 0;
    while i < ascii.len() {
        let c = ascii[i];
        let next = ascii.get(i + 1).copied();
        let class = match c {
            'n' if next == Some('g') => {
                i += 1;
                Some('n')
            }
            'p' if next == Some('h') => {
                i += 1;
                Some('b')
            }
            'b' | 'p' | 'f' | 'v' => Some('b'),
            'c' | 'k' | 'q' | 'g' | 'x' => Some('k'),
            'd' | 't' => Some('t'),
            'l' | 'r' => Some('r'),
            's' | 'z' | 'j' => Some('s'),
            'm' => Some('m'),
            'n' => Some('n'),
            _ => None,
        };
        if let Some(k) = class {
            if !out.ends_with(k) {
                out.push(k);
            }
        }
        i += 1;
    }
    out
}

fn fold_latin(c: char) -> Option<char> {
    let c = match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'ī' | 'į' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' | 'ş' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ß' => 's',
        c if c.is_ascii_lowercase() => c,
        _ => return None,
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::nfkc;

    struct Keys(Vec<(Channel, String)>);
    impl Sink for Keys {
        fn emit(&mut self, channel: Channel, key: &str) {
            self.0.push((channel, key.to_string()));
        }
    }

    fn keys(text: &str, channel: Channel) -> Vec<String> {
        let mut k = Keys(Vec::new());
        Bridge::new().bridge(&nfkc(text), None, &mut k);
        k.0.into_iter()
            .filter(|(c, _)| *c == channel)
            .map(|(_, s)| s)
            .collect()
    }

    #[test]
    fn han_variants_fold_to_one_form() {
        // (forms of one word: simplified, traditional, Japanese) → same concepts
        let table = [
            (["半导体", "半導體", "半導体"], "semiconductor"),
            (["经济", "經濟", "経済"], "economi"),
            (["发展", "發展", "発展"], "develop"),
        ];
        for (forms, want) in table {
            for form in forms {
                let k = keys(form, Channel::Concept);
                assert_eq!(k, vec![want.to_string()], "{form}");
            }
        }
    }

    #[test]
    fn country_names_and_abbreviations_meet() {
        // (text, country keys it must give)
        let table = [
            ("美日加强合作", vec!["usa", "japan"]),
            ("日米が協力する", vec!["japan", "usa"]),
            ("미일 협력", vec!["usa", "japan"]),
            ("米国と日本", vec!["usa", "japan"]),
            ("미국과 일본은", vec!["usa", "japan"]),
            ("The U.S. and Japan", vec!["usa", "japan"]),
            (
                "the United States and Japanese officials",
                vec!["usa", "japan"],
            ),
            ("Les États-Unis et le Japon", vec!["usa", "japan"]),
            ("Die USA und Japan", vec!["usa", "japan"]),
            ("США и Япония", vec!["usa", "japan"]),
            ("let us go", vec![]),
        ];
        let countries = ["usa", "japan"];
        for (text, want) in table {
            let got: Vec<String> = keys(text, Channel::Concept)
                .into_iter()
                .filter(|k| countries.contains(&k.as_str()))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn sino_korean_words_meet_chinese() {
        // (Korean word with particle, Chinese word) → the same concept keys
        let table = [
            ("반도체를", "半导体"),
            ("협력", "协力"),
            ("공동성명으로", "共同声明"),
            ("경제는", "经济"),
        ];
        for (ko, zh) in table {
            let k = keys(ko, Channel::Concept);
            assert!(!k.is_empty(), "{ko}");
            assert_eq!(k, keys(zh, Channel::Concept), "{ko} vs {zh}");
        }
    }

    #[test]
    fn latin_names_inside_cjk_text() {
        let k = keys("日本のRapidusはIBMと、JUCIP会议", Channel::Concept);
        for want in ["rapidus", "ibm", "jucip"] {
            assert!(k.contains(&want.to_string()), "{want}: {k:?}");
        }
        // The same keys come out of English prose.
        let en = keys(
            "The JUCIP met. Japan's Rapidus works with IBM.",
            Channel::Concept,
        );
        for want in ["rapidus", "ibm", "jucip"] {
            assert!(en.contains(&want.to_string()), "{want}: {en:?}");
        }
    }

    #[test]
    fn numbers_normalise() {
        let table = [
            ("30 000", vec!["30000"]),
            ("2,000", vec!["2000"]),
            ("3.5", vec!["3.5"]),
            ("２０２３年", vec!["2023"]),
            ("7", vec![]),
        ];
        for (input, want) in table {
            assert_eq!(keys(input, Channel::Number), want, "{input}");
        }
    }

    #[test]
    fn name_skeletons() {
        let table = [
            ("raimondo", "rmnt"),
            ("leimengduo", "rmnt"),
            ("remondo", "rmnt"),
            ("reimondo", "rmnt"),
            ("nishimura", "nsmr"),
            ("müller", "mr"),
        ];
        for (input, want) in table {
            assert_eq!(name_skeleton(input), want, "{input}");
        }
    }

    #[test]
    fn english_stems_and_stopwords() {
        assert_eq!(
            keys("the semiconductors were cooperating", Channel::Concept),
            vec!["semiconductor", "cooper"]
        );
    }

    #[test]
    fn synonyms_meet() {
        use crate::lexicon::canonical;
        let canon = |w: &str| {
            keys(w, Channel::Concept)
                .iter()
                .map(|k| canonical(k).to_string())
                .collect::<Vec<_>>()
        };
        // (word, synonym): one synonym class (WordNet synset of the most frequent sense)
        let table = [
            ("car", "automobiles"),
            ("physician", "doctors"),
            ("assault", "assaults"),
        ];
        for (a, b) in table {
            assert_eq!(canon(a), canon(b), "{a} / {b}");
        }
        // (word, other word): different classes
        for (a, b) in [("talks", "car"), ("attack", "defence")] {
            assert_ne!(canon(a), canon(b), "{a} / {b}");
        }
        // Names are not canonicalised.
        assert_eq!(canon("the USA"), vec!["usa"]);
    }
}
