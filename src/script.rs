//! Scripts and languages: which writing system each character belongs to,
//! and a cheap language guess for a run of text.
//!
//! Detector crates label kanji-only Japanese as Chinese and short Latin runs
//! at random, so the guess here uses what the script itself proves (kana ⇒
//! Japanese, Hangul ⇒ Korean, Cyrillic ⇒ Russian by default) and, for Latin
//! text, counts of each language's commonest function words. Cost: `O(n)`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::fxhash::FxHashMap;

/// The writing system of a character, coarse enough for shingling decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Script {
    /// Chinese characters (Hanzi, Kanji, Hanja), incl. the iteration mark 々.
    Han,
    /// Japanese hiragana.
    Hiragana,
    /// Japanese katakana, incl. the prolonged sound mark ー.
    Katakana,
    /// Korean Hangul.
    Hangul,
    /// Latin letters, incl. accented ones.
    Latin,
    /// Cyrillic letters.
    Cyrillic,
    /// Greek letters.
    Greek,
    /// Arabic letters.
    Arabic,
    /// Hebrew letters.
    Hebrew,
    /// Thai letters.
    Thai,
    /// Devanagari letters.
    Devanagari,
    /// Any other letter.
    OtherLetter,
    /// A decimal digit.
    Digit,
    /// Anything else: punctuation, spaces, symbols, marks.
    Other,
}

/// Classifies one character. The characters of most news text (ASCII, CJK
/// ideographs, Hangul syllables, kana) are answered by one comparison or a
/// table; the rest by [`script_by_ranges`], which defines the answer.
#[inline]
pub(crate) fn script_of(c: char) -> Script {
    let u = c as u32;
    if u < 0x80 {
        return ASCII_SCRIPTS[u as usize];
    }
    match u {
        0x4E00..=0x9FFF => Script::Han,
        0xAC00..=0xD7AF => Script::Hangul,
        0x3041..=0x309F => Script::Hiragana,
        0x30A0..=0x30FF => Script::Katakana,
        _ => script_by_ranges(c),
    }
}

/// [`script_by_ranges`] of each ASCII character.
const ASCII_SCRIPTS: [Script; 128] = {
    let mut t = [Script::Other; 128];
    let mut u = 0;
    while u < 128 {
        t[u] = match u as u8 {
            b'0'..=b'9' => Script::Digit,
            b'A'..=b'Z' | b'a'..=b'z' => Script::Latin,
            _ => Script::Other,
        };
        u += 1;
    }
    t
};

/// The script of `c` by Unicode ranges.
fn script_by_ranges(c: char) -> Script {
    let u = c as u32;
    match u {
        0x30..=0x39 => Script::Digit,
        0x41..=0x5A | 0x61..=0x7A => Script::Latin,
        0x00C0..=0x024F if c != '×' && c != '÷' => Script::Latin,
        0x1E00..=0x1EFF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F => Script::Cyrillic,
        // Punctuation inside the blocks of scripts whose words are keyed as
        // they are (Arabic ، ؛ ؟ ۔, Hebrew ־ ׃ ׳ ״, Devanagari । ॥, Thai ฿ ๏ ๚ ๛):
        // as letters, every article of the language would share them.
        0x0600..=0x060F
        | 0x061B..=0x061F
        | 0x066A..=0x066D
        | 0x06D4
        | 0x06DD
        | 0x06DE
        | 0x06E9
        | 0x06FD
        | 0x06FE
        | 0x05BE
        | 0x05C0
        | 0x05C3
        | 0x05C6
        | 0x05F3
        | 0x05F4
        | 0x0964
        | 0x0965
        | 0x0970
        | 0x0E3F
        | 0x0E4F
        | 0x0E5A
        | 0x0E5B => Script::Other,
        0x0590..=0x05FF => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF => Script::Arabic,
        0x0900..=0x097F => Script::Devanagari,
        0x0E00..=0x0E7F => Script::Thai,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7AF | 0xD7B0..=0xD7FF => {
            Script::Hangul
        }
        0x3005
        | 0x3007
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3134F => Script::Han,
        0x3041..=0x309F => Script::Hiragana,
        0x30A0..=0x30FF | 0x31F0..=0x31FF => Script::Katakana,
        // Punctuation blocks of news text (General Punctuation, CJK Symbols
        // and Punctuation) hold no letters here; answered without the
        // slower Unicode property lookup (a test checks every character).
        0x2000..=0x206F
        | 0x3000..=0x3004
        | 0x3008..=0x3020
        | 0x302A..=0x3030
        | 0x3036
        | 0x3037
        | 0x303D..=0x303F => Script::Other,
        _ if c.is_alphabetic() => Script::OtherLetter,
        _ => Script::Other,
    }
}

/// A language, as far as the pipeline needs to know it.
///
/// `#[non_exhaustive]`: languages are added as the bridge learns them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Lang {
    /// Chinese (simplified or traditional).
    Zh,
    /// Japanese.
    Ja,
    /// Korean.
    Ko,
    /// English.
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Italian.
    It,
    /// Portuguese.
    Pt,
    /// Dutch.
    Nl,
    /// Russian.
    Ru,
    /// Swedish.
    Sv,
    /// Turkish.
    Tr,
    /// Greek.
    El,
    /// Polish.
    Pl,
    /// Czech.
    Cs,
    /// Finnish.
    Fi,
    /// Hungarian.
    Hu,
    /// Norwegian (Bokmål).
    No,
    /// Indonesian.
    Id,
    /// Arabic.
    Ar,
    /// Hindi.
    Hi,
    /// Vietnamese.
    Vi,
    /// Thai.
    Th,
    /// Anything the pipeline has no specific support for.
    Other,
}

impl Lang {
    /// Every language the crate knows, in declaration order ([`Lang::Other`]
    /// last). Grows as languages are added.
    ///
    /// ```
    /// use samestory::Lang;
    /// assert!(Lang::ALL.contains(&Lang::Ko));
    /// assert_eq!(Lang::ALL.last(), Some(&Lang::Other));
    /// ```
    pub const ALL: [Lang; 25] = [
        Lang::Zh,
        Lang::Ja,
        Lang::Ko,
        Lang::En,
        Lang::De,
        Lang::Fr,
        Lang::Es,
        Lang::It,
        Lang::Pt,
        Lang::Nl,
        Lang::Ru,
        Lang::Sv,
        Lang::Tr,
        Lang::El,
        Lang::Pl,
        Lang::Cs,
        Lang::Fi,
        Lang::Hu,
        Lang::No,
        Lang::Id,
        Lang::Ar,
        Lang::Hi,
        Lang::Vi,
        Lang::Th,
        Lang::Other,
    ];

    /// Parses a language hint such as `"zh-TW"`, `"ja"`, `"en_US"`, `"kor"`.
    /// Unknown tags give `None`, so a wrong hint never overrides the guess.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Some(match primary.as_str() {
            "zh" | "zho" | "chi" | "cmn" | "yue" => Lang::Zh,
            "ja" | "jpn" => Lang::Ja,
            "ko" | "kor" => Lang::Ko,
            "en" | "eng" => Lang::En,
            "de" | "deu" | "ger" => Lang::De,
            "fr" | "fra" | "fre" => Lang::Fr,
            "es" | "spa" => Lang::Es,
            "it" | "ita" => Lang::It,
            "pt" | "por" => Lang::Pt,
            "nl" | "nld" | "dut" => Lang::Nl,
            "ru" | "rus" => Lang::Ru,
            "sv" | "swe" => Lang::Sv,
            "tr" | "tur" => Lang::Tr,
            "el" | "ell" | "gre" => Lang::El,
            "pl" | "pol" => Lang::Pl,
            "cs" | "ces" | "cze" => Lang::Cs,
            "fi" | "fin" => Lang::Fi,
            "hu" | "hun" => Lang::Hu,
            "no" | "nor" | "nb" | "nob" => Lang::No,
            "id" | "ind" => Lang::Id,
            "ar" | "ara" => Lang::Ar,
            "hi" | "hin" => Lang::Hi,
            "vi" | "vie" => Lang::Vi,
            "th" | "tha" => Lang::Th,
            _ => return None,
        })
    }

    /// The ISO 639-1 code (`"other"` for [`Lang::Other`]).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::Ja => "ja",
            Lang::Ko => "ko",
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::It => "it",
            Lang::Pt => "pt",
            Lang::Nl => "nl",
            Lang::Ru => "ru",
            Lang::Sv => "sv",
            Lang::Tr => "tr",
            Lang::El => "el",
            Lang::Pl => "pl",
            Lang::Cs => "cs",
            Lang::Fi => "fi",
            Lang::Hu => "hu",
            Lang::No => "no",
            Lang::Id => "id",
            Lang::Ar => "ar",
            Lang::Hi => "hi",
            Lang::Vi => "vi",
            Lang::Th => "th",
            Lang::Other => "other",
        }
    }
}

/// Per-script character counts of a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ScriptCounts {
    pub han: usize,
    pub kana: usize,
    pub hangul: usize,
    pub latin: usize,
    pub cyrillic: usize,
    pub greek: usize,
    pub arabic: usize,
    pub devanagari: usize,
    pub thai: usize,
    pub other_letters: usize,
}

impl ScriptCounts {
    /// Counts the letters of `text` by script.
    pub(crate) fn of(text: &str) -> ScriptCounts {
        let mut c = ScriptCounts::default();
        // ASCII letters are counted without decoding; other runs by script.
        let mut rest = text;
        while !rest.is_empty() {
            let ascii = rest.bytes().take_while(u8::is_ascii).count();
            let (head, tail) = rest.split_at(ascii);
            c.latin += head.bytes().filter(u8::is_ascii_alphabetic).count();
            // An ASCII byte is never part of a longer character: a byte scan
            // finds the next one without decoding.
            let other = tail
                .bytes()
                .position(|b| b.is_ascii())
                .unwrap_or(tail.len());
            c.count_non_ascii(&tail[..other]);
            rest = &tail[other..];
        }
        c
    }

    fn count_non_ascii(&mut self, text: &str) {
        for ch in text.chars() {
            self.count(script_of(ch));
        }
    }

    /// Counts one character of `script` (digits and other non-letters are
    /// not counted).
    #[inline]
    pub(crate) fn count(&mut self, script: Script) {
        let c = self;
        match script {
            Script::Han => c.han += 1,
            Script::Hiragana | Script::Katakana => c.kana += 1,
            Script::Hangul => c.hangul += 1,
            Script::Latin => c.latin += 1,
            Script::Cyrillic => c.cyrillic += 1,
            Script::Greek => c.greek += 1,
            Script::Arabic => c.arabic += 1,
            Script::Devanagari => c.devanagari += 1,
            Script::Thai => c.thai += 1,
            Script::Digit | Script::Other => {}
            _ => c.other_letters += 1,
        }
    }

    /// Adds the counts of `other` (another part of the same text).
    pub(crate) fn add(&mut self, other: &ScriptCounts) {
        self.han += other.han;
        self.kana += other.kana;
        self.hangul += other.hangul;
        self.latin += other.latin;
        self.cyrillic += other.cyrillic;
        self.greek += other.greek;
        self.arabic += other.arabic;
        self.devanagari += other.devanagari;
        self.thai += other.thai;
        self.other_letters += other.other_letters;
    }

    /// The language a CJK text is in: kana proves Japanese (a few kana among
    /// many kanji still do: Japanese news headlines are kanji-heavy), Hangul
    /// proves Korean, Han alone is Chinese.
    pub(crate) fn cjk_lang(&self) -> Option<Lang> {
        if self.hangul > 0 && self.hangul >= self.kana {
            Some(Lang::Ko)
        } else if self.kana >= 2 && self.kana * 50 >= self.han {
            Some(Lang::Ja)
        } else if self.han > 0 {
            Some(Lang::Zh)
        } else {
            None
        }
    }
}

/// Function words that identify a Latin-script language. Short lists of very
/// frequent words are enough for paragraphs of news prose.
const LATIN_PROFILES: &[(Lang, &[&str])] = &[
    (
        Lang::En,
        &[
            "the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "said", "by",
            "from", "has", "have", "are", "it", "his", "be",
        ],
    ),
    (
        Lang::De,
        &[
            "der", "die", "und", "das", "nicht", "ist", "den", "mit", "sich", "des", "auf", "ein",
            "eine", "dem", "sie", "zu", "auch", "für", "wurde", "hat", "in", "von", "im", "am",
            "um",
        ],
    ),
    (
        Lang::Fr,
        &[
            "le", "la", "les", "des", "et", "est", "une", "du", "que", "dans", "pour", "qui", "au",
            "sur", "pas", "avec", "il", "a", "été", "ce",
        ],
    ),
    (
        Lang::Es,
        &[
            "el", "la", "los", "las", "de", "que", "y", "en", "del", "se", "por", "con", "una",
            "para", "es", "al", "su", "lo", "como", "fue",
        ],
    ),
    (
        Lang::It,
        &[
            "il", "di", "che", "della", "per", "non", "sono", "con", "gli", "una", "del", "nel",
            "alla", "è", "le", "si", "anche", "dei", "ha", "delle",
        ],
    ),
    (
        Lang::Pt,
        &[
            "o", "de", "que", "não", "do", "da", "em", "um", "para", "uma", "os", "com", "no",
            "na", "se", "por", "mais", "as", "dos", "foi",
        ],
    ),
    (
        Lang::Nl,
        &[
            "de", "het", "een", "van", "en", "is", "dat", "niet", "op", "te", "zijn", "voor",
            "met", "die", "ook", "wordt", "aan", "maar", "bij", "er",
        ],
    ),
    // The profiles below were chosen to share as few words as possible with
    // the ones above ("de", "a", "en", "i" would make French Hungarian).
    (
        Lang::Sv,
        &[
            "och", "att", "det", "som", "på", "är", "av", "för", "med", "till", "den", "har",
            "inte", "om", "ett", "var", "från", "men", "sig", "efter",
        ],
    ),
    (
        Lang::Tr,
        &[
            "ve", "bir", "bu", "için", "ile", "çok", "daha", "ama", "olan", "gibi", "her", "kadar",
            "sonra", "ise", "mi", "ki", "şey", "yani", "hem", "göre",
        ],
    ),
    (
        Lang::Pl,
        &[
            "się", "że", "jest", "nie", "przez", "dla", "oraz", "czy", "jego", "już", "jak", "tym",
            "są", "było", "może", "tego", "ich", "jej", "lub", "był",
        ],
    ),
    (
        Lang::Cs,
        &[
            "že", "jsou", "také", "byl", "byla", "bylo", "pro", "jako", "ve", "jeho", "podle",
            "řekl", "nebo", "už", "než", "jen", "když", "ale", "jsme", "bude",
        ],
    ),
    (
        Lang::Fi,
        &[
            "ja", "että", "oli", "hän", "ovat", "mutta", "kun", "myös", "sen", "tai", "joka",
            "nyt", "vain", "niin", "kuin", "olla", "ole", "sekä", "jos", "jonka",
        ],
    ),
    (
        Lang::Hu,
        &[
            "az", "és", "hogy", "nem", "egy", "meg", "van", "volt", "csak", "már", "még", "ez",
            "fel", "mint", "után", "vagy", "azt", "ezt", "kell", "lesz",
        ],
    ),
    (
        Lang::No,
        &[
            "og", "er", "det", "på", "til", "som", "av", "med", "har", "ikke", "fra", "var", "seg",
            "men", "han", "hun", "etter", "ble", "blir", "skal",
        ],
    ),
    (
        Lang::Id,
        &[
            "yang", "dan", "ini", "itu", "untuk", "dari", "pada", "akan", "tidak", "juga", "ada",
            "oleh", "atau", "kata", "saat", "bisa", "telah", "dalam", "sudah", "kami",
        ],
    ),
    (
        Lang::Vi,
        &[
            "của", "và", "là", "các", "có", "cho", "với", "này", "đã", "một", "để", "khi", "từ",
            "về", "sẽ", "vào", "ông", "bà", "cũng", "đó",
        ],
    ),
];

// `guess_latin` keeps one bit per profile in a u16.
const _: () = assert!(LATIN_PROFILES.len() <= 16);

/// True when `lang` is a Latin-script language [`guess_latin`] can answer.
pub(crate) fn is_latin_lang(lang: Lang) -> bool {
    profile_index(lang).is_some()
}

/// Longest word of `LATIN_PROFILES`, in bytes.
pub(crate) const MAX_PROFILE_WORD: usize = 5;

/// The one profile language that writes `c`, for letters only one of
/// them writes.
fn distinctive_letter(c: char) -> Option<Lang> {
    Some(match c {
        'ě' | 'ř' | 'ů' => Lang::Cs,
        'ł' | 'ą' | 'ę' | 'ś' | 'ź' | 'ż' | 'ń' => Lang::Pl,
        'ğ' | 'ı' | 'ş' => Lang::Tr,
        'ő' | 'ű' => Lang::Hu,
        'ñ' => Lang::Es,
        'ã' | 'õ' => Lang::Pt,
        'ß' => Lang::De,
        'œ' => Lang::Fr,
        'ø' | 'æ' => Lang::No,
        'ơ' | 'ư' | 'đ' => Lang::Vi,
        _ => return None,
    })
}

/// The index of `lang` in [`LATIN_PROFILES`], if it has a profile.
fn profile_index(lang: Lang) -> Option<usize> {
    LATIN_PROFILES.iter().position(|(l, _)| *l == lang)
}

/// Guesses the language of a Latin-script text from function-word counts
/// (lowercase words); `None` when nothing decides (names and acronyms in
/// CJK text, headlines, a Turkish sentence with one function word).
pub(crate) fn guess_latin<'a>(words: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
    let hits = latin_hits(words);
    let mut best = (Lang::En, 0usize);
    for ((lang, _), &n) in LATIN_PROFILES.iter().zip(&hits) {
        if n > best.1 {
            best = (*lang, n);
        }
    }
    // Two hits at least: one shared word ("de", "la") decides nothing.
    (best.1 >= 2).then_some(best.0)
}

/// As [`guess_latin`], but `None` also when two languages tie for the most
/// hits: a short paragraph whose few function words two languages share
/// ("in", "am" in German and English) is left to the article's guess.
pub(crate) fn guess_latin_clear<'a>(words: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
    let hits = latin_hits(words);
    let best = hits.iter().copied().max().unwrap_or(0);
    let mut leaders = LATIN_PROFILES
        .iter()
        .zip(&hits)
        .filter(|&(_, &n)| n == best);
    let (lang, _) = leaders.next()?;
    (best >= 2 && leaders.next().is_none()).then_some(lang.0)
}

/// Function-word (and distinctive-letter) hits per Latin profile.
fn latin_hits<'a>(words: impl IntoIterator<Item = &'a str>) -> [usize; LATIN_PROFILES.len()] {
    // Function word → one bit per profile it is in: one lookup per word.
    static PROFILES_OF: OnceLock<FxHashMap<&'static str, u16>> = OnceLock::new();
    let profiles_of = PROFILES_OF.get_or_init(|| {
        let mut map = FxHashMap::default();
        for (i, (_, words)) in LATIN_PROFILES.iter().enumerate() {
            for w in *words {
                *map.entry(*w).or_insert(0) |= 1u16 << i;
            }
        }
        map
    });
    let mut hits = [0usize; LATIN_PROFILES.len()];
    // Words with Dutch ij, counted only where Dutch function words are seen
    // too: other languages write ij now and then (Swahili Ijumaa "Friday").
    let mut dutch_ij = 0;
    for w in words {
        // A word with a letter (or, in Dutch, a digraph) only one of the
        // languages writes counts for it too: it decides short texts whose
        // few function words are shared (de, en, se, o).
        if w.is_ascii() {
            dutch_ij += usize::from(w.as_bytes().windows(2).any(|p| p == b"ij"));
        } else if let Some(i) = w
            .chars()
            .find_map(distinctive_letter)
            .and_then(profile_index)
        {
            hits[i] += 1;
        }
        // Function words are short: longer words need no lookup.
        if w.len() > MAX_PROFILE_WORD {
            continue;
        }
        if let Some(&bits) = profiles_of.get(w) {
            for (i, h) in hits.iter_mut().enumerate() {
                *h += usize::from(bits >> i & 1);
            }
        }
    }
    if let Some(nl) = profile_index(Lang::Nl)
        && hits[nl] > 0
    {
        hits[nl] += dutch_ij;
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast paths of `script_of` answer as the ranges do, for every
    /// character.
    #[test]
    fn script_fast_paths_are_exact() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(script_of(c), script_by_ranges(c), "U+{:04X}", c as u32);
        }
    }

    /// The punctuation fast path of `script_of` answers as the Unicode
    /// property lookup would, for every character.
    #[test]
    fn punctuation_fast_path_is_exact() {
        for u in (0x2000..=0x206F).chain(0x3000..=0x303F) {
            let Some(c) = char::from_u32(u) else { continue };
            let expected = match script_of(c) {
                Script::Other | Script::OtherLetter => {
                    if c.is_alphabetic() {
                        Script::OtherLetter
                    } else {
                        Script::Other
                    }
                }
                s => s,
            };
            assert_eq!(script_of(c), expected, "U+{u:04X}");
        }
    }

    #[test]
    fn scripts_of_characters() {
        let table = [
            ('日', Script::Han),
            ('國', Script::Han),
            ('々', Script::Han),
            ('の', Script::Hiragana),
            ('カ', Script::Katakana),
            ('ー', Script::Katakana),
            ('한', Script::Hangul),
            ('a', Script::Latin),
            ('é', Script::Latin),
            ('ж', Script::Cyrillic),
            ('ع', Script::Arabic),
            ('ก', Script::Thai),
            ('ह', Script::Devanagari),
            ('7', Script::Digit),
            ('，', Script::Other),
            (' ', Script::Other),
            ('😀', Script::Other),
            // Regression: the punctuation of these blocks had been letters.
            ('،', Script::Other),
            ('؛', Script::Other),
            ('؟', Script::Other),
            ('۔', Script::Other),
            ('।', Script::Other),
            ('॥', Script::Other),
            ('־', Script::Other),
            ('״', Script::Other),
            ('฿', Script::Other),
            ('ש', Script::Hebrew),
            ('ی', Script::Arabic),
            ('ๆ', Script::Thai),
        ];
        for (c, want) in table {
            assert_eq!(script_of(c), want, "{c}");
        }
    }

    #[test]
    fn cjk_language_from_script_counts() {
        let table = [
            ("美日加强半导体合作", Some(Lang::Zh)),
            (
                "米国と日本はサプライチェーンの調整に注力している",
                Some(Lang::Ja),
            ),
            // Kanji-heavy Japanese headline: two kana prove Japanese.
            ("日米経済政策諮問委員会が再び会合", Some(Lang::Ja)),
            ("미일 반도체 첨단기술 협력체제", Some(Lang::Ko)),
            ("Japan and US", None),
        ];
        for (text, want) in table {
            assert_eq!(ScriptCounts::of(text).cjk_lang(), want, "{text}");
        }
    }

    #[test]
    fn profile_words_are_short() {
        let longest = LATIN_PROFILES
            .iter()
            .flat_map(|(_, words)| words.iter())
            .map(|w| w.len())
            .max();
        assert_eq!(longest, Some(MAX_PROFILE_WORD));
    }

    #[test]
    fn script_counts_of_mixed_text() {
        let c = ScriptCounts::of("Ab 中文 かナ 한국 Жж é1 ع! Ωω हि ก");
        let got = (
            c.han,
            c.kana,
            c.hangul,
            c.latin,
            c.cyrillic,
            (c.greek, c.arabic, c.devanagari, c.thai),
            c.other_letters,
        );
        assert_eq!(got, (2, 2, 2, 3, 2, (2, 1, 2, 1), 0));
    }

    #[test]
    fn latin_language_from_function_words() {
        let table = [
            (
                "the ministers said that the meeting was on friday",
                Some(Lang::En),
            ),
            (
                "die minister sagten dass das treffen am freitag ist und war",
                Some(Lang::De),
            ),
            (
                "les ministres ont dit que la réunion est pour le vendredi",
                Some(Lang::Fr),
            ),
            (
                "los ministros dijeron que la reunión fue el viernes en la ciudad",
                Some(Lang::Es),
            ),
            ("JUCIP IBM Rapidus", None),
            // Regression: short texts whose function words are shared were
            // decided by them alone (Dutch read as Spanish on de + en,
            // Czech as Portuguese on se + o).
            (
                "de president heeft vrijdag in berlijn de kanselier ontmoet en",
                Some(Lang::Nl),
            ),
            (
                "prezident se v pátek v berlíně setkal s německým kancléřem o pomoci",
                Some(Lang::Cs),
            ),
            (
                "spotkał się w piątek w berlinie z kanclerzem",
                Some(Lang::Pl),
            ),
            ("the fijian minister", None),
            // Swahili writes ij too (Ijumaa "Friday"): not Dutch without
            // Dutch function words.
            ("siku ya ijumaa walijadili msaada", None),
        ];
        for (text, want) in table {
            let words: Vec<&str> = text.split(' ').collect();
            assert_eq!(guess_latin(words.iter().copied()), want, "{text}");
        }
    }

    /// A paragraph whose function words give two languages as many hits is
    /// undecided, and German's commonest prepositions count for it
    /// (regression: "Chelsea steht am Donnerstag um 15:00 Uhr in London in
    /// der UEFA Europa League" in a German article was read as English on
    /// its two "in", so steht, Uhr and der were kept as rare words).
    #[test]
    fn tied_paragraphs_are_undecided() {
        let table = [
            // Two German and two English function words: undecided.
            ("merkel und biden with the president der usa", None),
            // German "in", "am", "um" count for German too.
            (
                "chelsea steht am donnerstag um uhr in london in der uefa",
                Some(Lang::De),
            ),
            (
                "die minister sagten dass das treffen am freitag ist",
                Some(Lang::De),
            ),
            (
                "the ministers said that the meeting was on friday",
                Some(Lang::En),
            ),
            ("JUCIP IBM Rapidus", None),
        ];
        for (text, want) in table {
            let words: Vec<&str> = text.split(' ').collect();
            assert_eq!(guess_latin_clear(words.iter().copied()), want, "{text}");
        }
        // The first-in-order guess still decides such a tie.
        let tied: Vec<&str> = "der die the of".split(' ').collect();
        assert_eq!(guess_latin_clear(tied.iter().copied()), None);
        assert!(guess_latin(tied.iter().copied()).is_some());
    }

    /// Every language of `Lang::ALL` round-trips through its code, once.
    #[test]
    fn all_languages_round_trip() {
        let mut codes = std::collections::BTreeSet::new();
        for lang in Lang::ALL {
            assert!(codes.insert(lang.code()), "{lang:?} twice");
            if lang != Lang::Other {
                assert_eq!(Lang::from_tag(lang.code()), Some(lang));
            }
        }
    }

    #[test]
    fn language_tags() {
        let table = [
            ("zh-TW", Some(Lang::Zh)),
            ("ja", Some(Lang::Ja)),
            ("ko_KR", Some(Lang::Ko)),
            ("EN", Some(Lang::En)),
            ("xx", None),
            ("", None),
        ];
        for (tag, want) in table {
            assert_eq!(Lang::from_tag(tag), want, "{tag}");
        }
    }
}
