//! Segmentation and normalisation: Unicode NFKC, then words and script runs.
//!
//! NFKC folds full-width Latin and digits, half-width katakana and
//! compatibility ideographs to their ordinary forms, so `２０２３` and `2023`,
//! `ＩＢＭ` and `IBM` become the same token. Words come from UAX #29
//! (exactly as `unicode-segmentation` gives them; the characters of most
//! news text are segmented here, by table, and the rest by that crate);
//! consecutive Han and kana segments, which UAX #29
//! splits character by character, are merged back into one CJK run for the
//! bridge's dictionary matching. Cost: `O(n)` in the text length.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::script::{Script, ScriptCounts, script_of};

/// NFKC-normalises `text`. Only the stretches that may change are run
/// through the normaliser: the text is cut before every character that
/// nothing before it can combine or reorder with (canonical combining class
/// 0 and NFKC quick check Yes), and normalisation acts on each stretch
/// between such cuts alone. Stretches of such characters only (ASCII, CJK,
/// Hangul syllables, most news text) are copied as they are.
pub(crate) fn nfkc(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    // Output is written up to `copied`; the current stretch starts at `cut`.
    let (mut copied, mut cut, mut dirty) = (0, 0, false);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            // A run of ASCII: every character a boundary, skipped bytewise.
            if dirty {
                write_up_to(&mut out, text, (copied, cut, dirty), i);
                (copied, dirty) = (i, false);
            }
            let run = ascii_run(&bytes[i..]);
            cut = i + run - 1;
            i += run;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        let next = i + c.len_utf8();
        // Fullwidth ASCII (the ，：（） of Chinese prose) is ASCII shifted
        // and, as no composition takes ASCII as its second part, nothing
        // before it acts on it: mapped directly unless a combining mark
        // follows.
        if ('\u{FF01}'..='\u{FF5E}').contains(&c)
            && text[next..].chars().next().is_none_or(is_boundary)
        {
            write_up_to(&mut out, text, (copied, cut, dirty), i);
            out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c));
            (copied, cut, dirty) = (next, next, false);
        } else if is_boundary(c) {
            if dirty {
                write_up_to(&mut out, text, (copied, cut, dirty), i);
                (copied, dirty) = (i, false);
            }
            cut = i;
        } else {
            dirty = true;
        }
        i = next;
    }
    write_up_to(&mut out, text, (copied, cut, dirty), text.len());
    out
}

/// Writes `text[copied..end]` to `out`, the stretch `text[cut..end]`
/// normalised when it is `dirty` (holds characters NFKC may change).
fn write_up_to(
    out: &mut String,
    text: &str,
    (copied, cut, dirty): (usize, usize, bool),
    end: usize,
) {
    if dirty {
        out.push_str(&text[copied..cut]);
        out.extend(text[cut..end].nfkc());
    } else {
        out.push_str(&text[copied..end]);
    }
}

/// True when `c` is unchanged by NFKC and nothing before it can combine or
/// reorder with it: normalisation never acts across a cut before `c`.
#[inline]
fn is_boundary(c: char) -> bool {
    // Ranges every character of which the tables accept (checked for every
    // char by a test): ASCII, Latin-1 letters, basic Cyrillic, CJK
    // ideographs, Hangul syllables, kana without the iteration and
    // compatibility marks, 、。 and typographic dashes and quotes. News prose
    // is then copied without a table lookup per character.
    match c {
        '\0'..='\u{7F}'
        | '\u{C0}'..='\u{FF}'
        | '\u{400}'..='\u{45F}'
        | '\u{2013}'..='\u{2014}'
        | '\u{2018}'..='\u{2019}'
        | '\u{201C}'..='\u{201D}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30A1}'..='\u{30FA}'
        | '\u{3001}'..='\u{3002}' => true,
        _ => is_boundary_by_tables(c),
    }
}

fn is_boundary_by_tables(c: char) -> bool {
    use unicode_normalization::{IsNormalized, char::canonical_combining_class, is_nfkc_quick};
    canonical_combining_class(c) == 0 && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// What a piece of a paragraph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PieceKind {
    /// A run of Han and kana characters (Chinese or Japanese).
    Cjk,
    /// A Hangul word (Korean separates phrases by spaces).
    Hangul,
    /// A word of an alphabetic script (Latin, Cyrillic, Greek, Arabic, …),
    /// or a run of a script written without spaces (Thai): the script of its
    /// first letter.
    Word(Script),
    /// A number: digits with inner `,` `.` separators.
    Number,
}

/// One word, number or CJK run of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece<'a> {
    /// The text as it appears (NFKC, original case).
    pub text: &'a str,
    /// What the piece is.
    pub kind: PieceKind,
    /// True for the first piece of a sentence: its capital letter says nothing
    /// about it being a name.
    pub sentence_start: bool,
}

/// The lowercase of `c` when it is one char (as `char::to_lowercase`
/// gives it), else `None` (İ lowers to two). ASCII, Latin-1 and basic
/// Cyrillic, the letters of most European text, take no table lookup:
/// their capitals are a fixed distance below their small letters.
#[inline]
pub(crate) fn lower_char(c: char) -> Option<char> {
    match c {
        // Turkish İ: `to_lowercase` gives i + U+0307, which no word list
        // spells (İstanbul, İran, İki "two" are keyed as istanbul, iran, iki).
        'İ' => Some('i'),
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' | 'А'..='Я' => char::from_u32(c as u32 + 0x20),
        'Ѐ'..='Џ' => char::from_u32(c as u32 + 0x50),
        '\0'..='\u{7f}' | 'ß'..='ÿ' | 'а'..='џ' => Some(c),
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        }
    }
}

/// `text` without the U+0307 (combining dot above) that lowercasing Turkish
/// İ leaves after an i: word lists are matched as [`lower_char`] lowercases.
pub(crate) fn undot_i(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains("i\u{307}") {
        text.replace("i\u{307}", "i").into()
    } else {
        text.into()
    }
}

/// The value of a decimal digit of the scripts whose news uses its own digits
/// (ASCII, Arabic-Indic, Eastern Arabic-Indic, Devanagari, Bengali, Thai).
/// NFKC leaves them as they are; numbers are keyed with ASCII digits.
pub(crate) fn decimal_digit(c: char) -> Option<u32> {
    let zero = match c {
        '0'..='9' => '0',
        '\u{660}'..='\u{669}' => '\u{660}',
        '\u{6F0}'..='\u{6F9}' => '\u{6F0}',
        '\u{966}'..='\u{96F}' => '\u{966}',
        '\u{9E6}'..='\u{9EF}' => '\u{9E6}',
        '\u{E50}'..='\u{E59}' => '\u{E50}',
        _ => return None,
    };
    Some(c as u32 - zero as u32)
}

fn is_sentence_end(segment: &str) -> bool {
    segment.chars().any(|c| {
        matches!(
            c,
            '.' | '!'
                | '?'
                | '。'
                | '！'
                | '？'
                | ':'
                | ';'
                | '"'
                | '“'
                | '”'
                | '「'
                | '」'
                | '•'
                | '|'
        )
    })
}

/// Splits one paragraph (NFKC text, no newline) into pieces, in order.
#[cfg(test)]
pub(crate) fn pieces(paragraph: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    append_pieces(paragraph, &mut out);
    out
}

/// Appends the pieces of one paragraph (NFKC text, no newline) to `out`, in
/// order, and returns the paragraph's letters counted by script (as
/// [`ScriptCounts::of`] counts them): segmentation decodes every character
/// anyway, so counting there saves a second pass.
pub(crate) fn append_pieces<'a>(paragraph: &'a str, out: &mut Vec<Piece<'a>>) -> ScriptCounts {
    let from = out.len();
    let mut builder = PieceBuilder::new(paragraph, out);
    let counts = for_each_segment::<true>(paragraph, |start, seg| builder.segment(start, seg));
    builder.finish();
    join_digit_groups(paragraph, out, from);
    counts
}

/// Turns a paragraph's word segments into pieces: merges runs of Han and
/// kana, splits numbers from Korean, drops punctuation (noting sentence
/// ends).
struct PieceBuilder<'a, 'o> {
    paragraph: &'a str,
    out: &'o mut Vec<Piece<'a>>,
    sentence_start: bool,
    /// Byte range of the CJK run being merged and whether it starts a
    /// sentence, if any.
    run: Option<(usize, usize, bool)>,
    /// Where this paragraph's pieces start in `out` (earlier ones are of
    /// other paragraphs).
    from: usize,
}

impl<'a, 'o> PieceBuilder<'a, 'o> {
    fn new(paragraph: &'a str, out: &'o mut Vec<Piece<'a>>) -> Self {
        PieceBuilder {
            paragraph,
            from: out.len(),
            out,
            sentence_start: true,
            run: None,
        }
    }

    #[inline]
    fn flush_run(&mut self) {
        if let Some((s, e, st)) = self.run.take() {
            self.out.push(Piece {
                text: &self.paragraph[s..e],
                kind: PieceKind::Cjk,
                sentence_start: st,
            });
        }
    }

    fn segment(&mut self, start: usize, seg: &'a str) {
        // Spaces (one segment per run) only end a CJK run.
        if seg.as_bytes().first() == Some(&b' ') {
            self.flush_run();
            return;
        }
        let first = seg.chars().next().unwrap_or(' ');
        // Arabic-Indic, Devanagari, Bengali and Thai digits are numbers too.
        let script = if !first.is_ascii() && decimal_digit(first).is_some() {
            Script::Digit
        } else {
            script_of(first)
        };
        if matches!(script, Script::Han | Script::Hiragana | Script::Katakana) {
            self.run = match self.run {
                Some((s, e, st)) if e == start => Some((s, start + seg.len(), st)),
                Some(_) => {
                    self.flush_run();
                    Some((start, start + seg.len(), false))
                }
                None => Some((start, start + seg.len(), self.sentence_start)),
            };
            self.sentence_start = false;
            return;
        }
        self.flush_run();
        let out = &mut *self.out;
        // UAX #29 glues digits and other letters to Hangul: "26일" (26th
        // day), "IBM과" (with IBM), "MWP에서" (in the MWP). Korean dates and
        // counters need the number apart, and a name or acronym must not
        // carry the particle Korean attaches to it. (The byte test only
        // skips the search: Hangul syllables are the UTF-8 sequences that
        // start with 0xEA..=0xED, and ASCII bytes are never inside a longer
        // character.)
        if !seg.is_ascii()
            && seg.bytes().any(|b| (0xEA..=0xED).contains(&b))
            && (script != Script::Hangul || seg.bytes().any(|b| b.is_ascii_alphanumeric()))
            && seg.chars().any(|c| script_of(c) == Script::Hangul)
        {
            let mut from = 0;
            let mut run: Option<Split> = None;
            for (i, c) in seg.char_indices() {
                let class = Split::of(c, run);
                if run.is_some_and(|r| r != class) {
                    push_split(out, &seg[from..i], run, self.sentence_start);
                    self.sentence_start = false;
                    from = i;
                }
                run = Some(class);
            }
            push_split(out, &seg[from..], run, self.sentence_start);
            self.sentence_start = false;
            return;
        }
        let kind = match script {
            Script::Hangul => PieceKind::Hangul,
            Script::Digit => PieceKind::Number,
            Script::Other => {
                if is_sentence_end(seg) {
                    self.sentence_start = true;
                }
                return;
            }
            s => PieceKind::Word(s),
        };
        // Digits with a short letter suffix ("89th", "1990s", "27m") are the
        // number, as other languages write it ("89-й", "第89"); anything
        // else glued to digits ("G7", "COVID19") is a word.
        let mut text = seg;
        let kind = if kind == PieceKind::Number && seg.chars().any(|c| c.is_alphabetic()) {
            let digits = seg.trim_end_matches(|c: char| c.is_alphabetic());
            let suffix = seg.len() - digits.len();
            if suffix <= 3
                && !digits.is_empty()
                && digits
                    .chars()
                    .all(|c| decimal_digit(c).is_some() || c == ',' || c == '.')
            {
                text = digits;
                PieceKind::Number
            } else {
                PieceKind::Word(Script::Latin)
            }
        } else {
            kind
        };
        // French, Italian and Catalan write an elided article or particle
        // onto the next word (l'Ukraine, d'Allemagne, qu'il, dell'Europa):
        // the word is what follows the apostrophe.
        if kind == PieceKind::Word(Script::Latin)
            && let Some(word) = after_elision(text)
        {
            text = word;
        }
        // UAX #29 cuts Thai (written without spaces) at every cluster: the
        // bridge segments a whole run by dictionary, so adjacent Thai
        // segments are one piece.
        if kind == PieceKind::Word(Script::Thai)
            && out.len() > self.from
            && let Some(last) = out.last_mut()
            && last.kind == kind
        {
            let last_start = last.text.as_ptr() as usize - self.paragraph.as_ptr() as usize;
            if last_start + last.text.len() == start {
                last.text = &self.paragraph[last_start..start + text.len()];
                return;
            }
        }
        out.push(Piece {
            text,
            kind,
            sentence_start: self.sentence_start,
        });
        self.sentence_start = false;
    }

    fn finish(mut self) {
        self.flush_run();
    }
}

/// Calls `f(start, segment)` for the UAX #29 word segments of `paragraph`,
/// exactly as `split_word_bound_indices` gives them, but faster, and returns
/// the paragraph's letters counted by script. With `MERGE_RUNS`, adjacent
/// segments that each start with a Han or kana character come as one (the
/// pieces merge them anyway; Chinese has a segment per character).
///
/// No word boundary rule looks across a space, so the text is cut before
/// every run of spaces and each part segmented alone: an ASCII part (nearly
/// every word of English and much of other Latin-script text) by
/// [`ascii_segments`], a part of characters whose word-break class
/// [`known_class`] knows (CJK, Hangul, kana, accented Latin, Cyrillic,
/// common punctuation) by [`class_segments`], any other by
/// `unicode-segmentation`.
fn for_each_segment<'a, const MERGE_RUNS: bool>(
    paragraph: &'a str,
    mut f: impl FnMut(usize, &'a str),
) -> ScriptCounts {
    let bytes = paragraph.as_bytes();
    let mut counts = ScriptCounts::default();
    let mut start = 0;
    let mut classes: Vec<Classed> = Vec::new();
    while start < bytes.len() {
        let word = start + bytes[start..].iter().take_while(|&&b| b == b' ').count();
        // Cut where a run of spaces starts; spaces of other kinds (U+3000)
        // are glued to a following space too (WB3d).
        let mut end = word;
        loop {
            end = next_space(bytes, end);
            if end == bytes.len()
                || (bytes[end - 1] != b' '
                    && (bytes[end - 1] < 0x80
                        || !paragraph[..end]
                            .chars()
                            .next_back()
                            .is_some_and(is_wseg_space)))
            {
                break;
            }
            end += 1;
        }
        let part = &paragraph[start..end];
        let letters = &bytes[word..end];
        if !letters.is_empty() && letters.iter().all(u8::is_ascii_alphabetic) {
            // Spaces and a plain word, the commonest part of all.
            counts.latin += letters.len();
            if word > start {
                f(start, &paragraph[start..word]);
            }
            f(word, &paragraph[word..end]);
        } else if part.is_ascii() {
            counts.latin += part.bytes().filter(u8::is_ascii_alphabetic).count();
            ascii_segments(part.as_bytes(), |s, e| f(start + s, &part[s..e]));
        } else if classify::<MERGE_RUNS>(part, &mut classes, &mut counts) {
            let offset = |i: usize| classes.get(i).map_or(part.len(), |c| c.at);
            // Segment `s..e` (entry indices) to `f`.
            let mut emit = |s: usize, e: usize| f(start + offset(s), &part[offset(s)..offset(e)]);
            // The Han/kana-led segments not yet passed on.
            let mut pending: Option<(usize, usize)> = None;
            class_segments(
                classes.len(),
                |i| classes[i].class,
                |s, e| {
                    if MERGE_RUNS && classes[s].run {
                        pending = Some((pending.map_or(s, |p| p.0), e));
                        return;
                    }
                    if let Some((ps, pe)) = pending.take() {
                        emit(ps, pe);
                    }
                    emit(s, e);
                },
            );
            if let Some((ps, pe)) = pending {
                emit(ps, pe);
            }
        } else {
            counts.add(&ScriptCounts::of(part));
            for (s, seg) in part.split_word_bound_indices() {
                f(start + s, seg);
            }
        }
        start = end;
    }
    counts
}

/// The index of the first `b' '` in `bytes[from..]` (`bytes.len()` if
/// none), eight bytes at a time.
fn next_space(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut i = from;
    while i + 8 <= bytes.len() {
        let word = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        let x = word ^ (ONES * u64::from(b' '));
        // The lowest zero byte of x is the first space (borrows only run
        // upwards from it).
        let zero = x.wrapping_sub(ONES) & !x & (ONES << 7);
        if zero != 0 {
            return i + (zero.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(|&b| b == b' ')
        .map_or(bytes.len(), |p| i + p)
}

/// The non-ASCII characters of UAX #29's WSegSpace class.
fn is_wseg_space(c: char) -> bool {
    matches!(c, '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}' | '\u{3000}')
}

/// A character of a part being segmented: its byte offset, its word-break
/// class, and whether its script is Han or kana.
#[derive(Clone, Copy)]
struct Classed {
    at: usize,
    class: Wb,
    run: bool,
}

/// The classes of `part`'s characters into `out` (cleared first), and their
/// letters added to `counts`; false (and `counts` untouched) when some
/// character's class is not known.
///
/// A run of characters of one class that never breaks inside (Letter,
/// Numeric, Katakana) is one entry: no rule of [`class_segments`] looks
/// further than the neighbouring class, so the segments are the same, and
/// Korean words and accented Latin take one step instead of one per
/// character. With `MERGE_RUNS`, so is a run of Han or kana characters of
/// class Other (whose segments are merged anyway): Chinese text is mostly
/// such runs.
fn classify<const MERGE_RUNS: bool>(
    part: &str,
    out: &mut Vec<Classed>,
    counts: &mut ScriptCounts,
) -> bool {
    out.clear();
    let mut here = ScriptCounts::default();
    for (at, c) in part.char_indices() {
        let Some(class) = known_class(c) else {
            return false;
        };
        let script = script_of(c);
        here.count(script);
        let run = matches!(script, Script::Han | Script::Hiragana | Script::Katakana);
        if let Some(last) = out.last()
            && last.class == class
            && last.run == run
            && (matches!(class, Wb::Letter | Wb::Numeric | Wb::Katakana)
                || (MERGE_RUNS && run && class == Wb::Other))
        {
            continue;
        }
        out.push(Classed { at, class, run });
    }
    counts.add(&here);
    true
}

/// The UAX #29 word-break class of `c` for the characters of most news text
/// (a test checks each against `unicode-segmentation`); `None` for every
/// other character, and for every Extend, Format, ZWJ, regional indicator,
/// Hebrew letter or non-ASCII space, which the fast rules do not handle.
#[inline]
fn known_class(c: char) -> Option<Wb> {
    Some(match c as u32 {
        0..=0x7F => wb(c as u8),
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3041..=0x3096 => Wb::Other,
        0x3001
        | 0x3002
        | 0x3008..=0x3011
        | 0x30FB
        | 0x2013
        | 0x2014
        | 0x201C
        | 0x201D
        | 0xAB
        | 0xBB => Wb::Other,
        0xAC00..=0xD7A3 | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F => Wb::Letter,
        0x400..=0x481 | 0x48A..=0x4FF => Wb::Letter,
        0x30A1..=0x30FA | 0x30FC..=0x30FF => Wb::Katakana,
        0x2018 | 0x2019 => Wb::MidNumLet,
        0xB7 => Wb::MidLetter,
        0xA1 | 0xA3 | 0xBF | 0x2010 | 0x2015 | 0x201A | 0x201E => Wb::Other,
        0x3005 => Wb::Letter,
        _ => return None,
    })
}

/// UAX #29 word-break classes (of the characters [`known_class`] knows).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Wb {
    Cr,
    Lf,
    Newline,
    Space,
    Letter,
    Katakana,
    Numeric,
    MidLetter,
    MidNum,
    MidNumLet,
    SingleQuote,
    ExtendNumLet,
    Other,
}

/// The class of an ASCII byte, from a table.
#[inline]
fn wb(b: u8) -> Wb {
    const TABLE: [Wb; 128] = {
        let mut t = [Wb::Other; 128];
        let mut b = 0;
        while b < 128 {
            t[b] = wb_of(b as u8);
            b += 1;
        }
        t
    };
    TABLE[usize::from(b & 0x7F)]
}

const fn wb_of(b: u8) -> Wb {
    match b {
        b'\r' => Wb::Cr,
        b'\n' => Wb::Lf,
        0x0B | 0x0C => Wb::Newline,
        b' ' => Wb::Space,
        b'a'..=b'z' | b'A'..=b'Z' => Wb::Letter,
        b'0'..=b'9' => Wb::Numeric,
        b':' => Wb::MidLetter,
        b',' | b';' => Wb::MidNum,
        b'.' => Wb::MidNumLet,
        b'\'' => Wb::SingleQuote,
        b'_' => Wb::ExtendNumLet,
        _ => Wb::Other,
    }
}

/// The UAX #29 word segments of ASCII text, as `(start, end)` byte ranges.
fn ascii_segments(text: &[u8], f: impl FnMut(usize, usize)) {
    class_segments(text.len(), |i| wb(text[i]), f);
}

/// The UAX #29 word segments of `n` characters of classes `class(0..n)`, as
/// `(start, end)` index ranges: the rules WB3–WB13b for the classes of
/// [`Wb`] (no Extend, Format, ZWJ, Hebrew or regional indicators).
fn class_segments(n: usize, class: impl Fn(usize) -> Wb, mut f: impl FnMut(usize, usize)) {
    use Wb::*;
    let class_at = |i: usize| (i < n).then(|| class(i));
    let mut start = 0;
    let mut prev = if n > 0 { class(0) } else { Other };
    for i in 1..n {
        let cur = class(i);
        // Inside a word (WB5, WB8–WB10): most pairs, decided first.
        if matches!(prev, Letter | Numeric) && matches!(cur, Letter | Numeric) {
            prev = cur;
            continue;
        }
        // The classes around the pair, read only by the rules that need them.
        let before = || if i >= 2 { class_at(i - 2) } else { None };
        let after = || class_at(i + 1);
        let keep = match (prev, cur) {
            (Cr, Lf) => true,
            (Cr | Lf | Newline, _) | (_, Cr | Lf | Newline) => false,
            (Space, Space) => true,
            (Letter, Letter) | (Numeric, Numeric) | (Letter, Numeric) | (Numeric, Letter) => true,
            (Letter, MidLetter | MidNumLet | SingleQuote) => after() == Some(Letter),
            (MidLetter | MidNumLet | SingleQuote, Letter) => before() == Some(Letter),
            (Numeric, MidNum | MidNumLet | SingleQuote) => after() == Some(Numeric),
            (MidNum | MidNumLet | SingleQuote, Numeric) => before() == Some(Numeric),
            (Katakana, Katakana) => true,
            (Letter | Numeric | Katakana | ExtendNumLet, ExtendNumLet) => true,
            (ExtendNumLet, Letter | Numeric | Katakana) => true,
            _ => false,
        };
        if !keep {
            f(start, i);
            start = i;
        }
        prev = cur;
    }
    if start < n {
        f(start, n);
    }
}

/// Joins numbers written with a space as thousands separator ("30 000", as
/// French and Russian write them) into one piece.
fn join_digit_groups<'a>(paragraph: &'a str, pieces: &mut Vec<Piece<'a>>, from: usize) {
    let base = paragraph.as_ptr() as usize;
    let mut i = from;
    while i + 1 < pieces.len() {
        let (a, b) = (pieces[i], pieces[i + 1]);
        let a_end = a.text.as_ptr() as usize - base + a.text.len();
        let b_start = b.text.as_ptr() as usize - base;
        let gap_is_space = b_start == a_end + 1 && paragraph.as_bytes()[a_end] == b' ';
        let group = b.text.len() == 3 && b.text.bytes().all(|c| c.is_ascii_digit());
        if a.kind == PieceKind::Number
            && b.kind == PieceKind::Number
            && gap_is_space
            && group
            && a.text.rsplit(' ').next().is_some_and(|g| g.len() <= 3)
        {
            let start = a.text.as_ptr() as usize - base;
            pieces[i].text = &paragraph[start..b_start + 3];
            pieces.remove(i + 1);
        } else {
            i += 1;
        }
    }
}

/// Elided French, Italian and Catalan articles and particles (lowercase).
const ELISIONS: &[&str] = &[
    "l", "d", "qu", "n", "s", "c", "j", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    "dell", "all", "dall", "nell", "sull", "coll", "quell", "quest", "un", "bell", "sant", "tutt",
    "nessun",
];

/// The word after an elided article or particle (`l'Ukraine` → `Ukraine`),
/// if `text` starts with one.
fn after_elision(text: &str) -> Option<&str> {
    let at = text.find(['\'', '’'])?;
    let (prefix, rest) = text.split_at(at);
    let word = rest.trim_start_matches(['\'', '’']);
    let elided = prefix.len() <= 6 && ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(prefix));
    (elided
        && word.chars().next().is_some_and(char::is_alphabetic)
        && word.chars().nth(1).is_some())
    .then_some(word)
}

/// Pushes one part of a segment cut by [`Split`].
fn push_split<'a>(
    out: &mut Vec<Piece<'a>>,
    text: &'a str,
    class: Option<Split>,
    sentence_start: bool,
) {
    let kind = match class {
        Some(Split::Digits) => PieceKind::Number,
        Some(Split::Letters) => {
            PieceKind::Word(text.chars().next().map_or(Script::Latin, script_of))
        }
        Some(Split::Hangul) | None => PieceKind::Hangul,
    };
    out.push(Piece {
        text,
        kind,
        sentence_start,
    });
}

/// The parts a segment with Hangul in it is cut into.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Split {
    /// ASCII digits, with the `,` and `.` between them: a number.
    Digits,
    /// Hangul, and any character that is neither a digit nor a letter of
    /// another script.
    Hangul,
    /// Letters of another script, and the digits after them ("G7"): a word.
    Letters,
}

impl Split {
    /// The class of `c` in a segment whose current part is `run`.
    fn of(c: char, run: Option<Split>) -> Split {
        if c.is_ascii_digit() {
            return if run == Some(Split::Letters) {
                Split::Letters
            } else {
                Split::Digits
            };
        }
        match run {
            Some(Split::Digits) if matches!(c, ',' | '.') => Split::Digits,
            _ if script_of(c) == Script::Hangul => Split::Hangul,
            _ if c.is_alphabetic() => Split::Letters,
            // Marks and joiners (an apostrophe, a middle dot) stay with a
            // word; after a number they start a Hangul part, as before.
            Some(Split::Letters) => Split::Letters,
            _ => Split::Hangul,
        }
    }
}

/// Length of the run of ASCII bytes `b` starts with, eight bytes at a
/// time: prose in Latin script is mostly such runs.
#[inline]
pub(crate) fn ascii_run(b: &[u8]) -> usize {
    let mut words = b.chunks_exact(8);
    let mut n = 0;
    for w in words.by_ref() {
        let high = u64::from_le_bytes(w.try_into().unwrap_or_default()) & 0x8080_8080_8080_8080;
        if high != 0 {
            // The first non-ASCII byte is the lowest one with its top bit set.
            return n + (high.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + words
        .remainder()
        .iter()
        .take_while(|c| c.is_ascii())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time ASCII run is the byte-by-byte one: runs ending
    /// inside, at and past a word's end, on every byte of a word, and
    /// with no non-ASCII byte at all.
    #[test]
    fn ascii_run_counts_the_leading_ascii() {
        // (bytes, run)
        let table: [(&[u8], usize); 8] = [
            (b"", 0),
            (b"abc", 3),
            (b"abcdefgh", 8),
            (b"abcdefghij", 10),
            ("\u{e9}t\u{e9}".as_bytes(), 0),
            ("Gr\u{f6}\u{df}e".as_bytes(), 2),
            ("26 May 2023 \u{65e5}\u{672c}".as_bytes(), 12),
            ("eight b\u{fc}".as_bytes(), 7),
        ];
        for (bytes, run) in table {
            assert_eq!(ascii_run(bytes), run, "{bytes:?}");
        }
        // A non-ASCII byte at every position of 24 bytes.
        for at in 0..24 {
            let mut bytes = vec![b'a'; 24];
            bytes[at] = 0xC3;
            assert_eq!(ascii_run(&bytes), at);
        }
    }

    #[test]
    fn boundary_fast_ranges_agree_with_the_tables() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_boundary(c),
                is_boundary_by_tables(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    fn kinds(p: &str) -> Vec<(String, PieceKind)> {
        pieces(p)
            .into_iter()
            .map(|x| (x.text.to_string(), x.kind))
            .collect()
    }

    /// Every fullwidth ASCII form maps as NFKC maps it, alone and before a
    /// combining mark.
    #[test]
    fn fullwidth_ascii_maps_as_nfkc() {
        for u in 0xFF01..=0xFF5E {
            let c = char::from_u32(u).unwrap();
            for text in [
                format!("中{c}中"),
                format!("{c}"),
                format!("{c}\u{301}a"),
                format!("é{c}"),
            ] {
                let want: String = text.nfkc().collect();
                assert_eq!(nfkc(&text), want, "U+{u:04X}");
            }
        }
    }

    /// Thai runs come as one piece each; regression: a paragraph's first
    /// Thai piece was merged with the previous paragraph's last one (the
    /// pieces of all paragraphs share one vector).
    #[test]
    fn thai_runs_are_one_piece_within_their_paragraph() {
        let mut out = Vec::new();
        for paragraph in "ไบเดนประกาศสงคราม\nสงคราม ไบเดน".split('\n')
        {
            append_pieces(paragraph, &mut out);
        }
        let texts: Vec<&str> = out.iter().map(|p| p.text).collect();
        assert_eq!(texts, ["ไบเดนประกาศสงคราม", "สงคราม", "ไบเดน"]);
    }

    #[test]
    fn nfkc_folds_width() {
        let table = [
            ("２０２３年", "2023年"),
            ("ＩＢＭ", "IBM"),
            ("ｶﾀｶﾅ", "カタカナ"),
            ("plain", "plain"),
        ];
        for (input, want) in table {
            assert_eq!(nfkc(input), want);
        }
    }

    #[test]
    fn pieces_of_mixed_scripts() {
        use PieceKind::*;
        let table: Vec<(&str, Vec<(&str, PieceKind)>)> = vec![
            ("美日加强半导体合作", vec![("美日加强半导体合作", Cjk)]),
            ("米国と日本は", vec![("米国と日本は", Cjk)]),
            (
                "JUCIP会议在Detroit举行",
                vec![
                    ("JUCIP", Word(Script::Latin)),
                    ("会议在", Cjk),
                    ("Detroit", Word(Script::Latin)),
                    ("举行", Cjk),
                ],
            ),
            (
                "미일 상무장관은 26일",
                vec![
                    ("미일", Hangul),
                    ("상무장관은", Hangul),
                    ("26", Number),
                    ("일", Hangul),
                ],
            ),
            // Regression: a particle glued to a Latin word or acronym
            // ("MWP에서", "IBM과") made the whole a Latin word.
            (
                "MWP에서 Muppet으로, IBM과 G7에서 한국GM은 제26차",
                vec![
                    ("MWP", Word(Script::Latin)),
                    ("에서", Hangul),
                    ("Muppet", Word(Script::Latin)),
                    ("으로", Hangul),
                    ("IBM", Word(Script::Latin)),
                    ("과", Hangul),
                    ("G7", Word(Script::Latin)),
                    ("에서", Hangul),
                    ("한국", Hangul),
                    ("GM", Word(Script::Latin)),
                    ("은", Hangul),
                    ("제", Hangul),
                    ("26", Number),
                    ("차", Hangul),
                ],
            ),
            (
                "2,000억 엔과 Раймондо가 l'Europe의",
                vec![
                    ("2,000", Number),
                    ("억", Hangul),
                    ("엔과", Hangul),
                    ("Раймондо", Word(Script::Cyrillic)),
                    ("가", Hangul),
                    ("l'Europe", Word(Script::Latin)),
                    ("의", Hangul),
                ],
            ),
            // Regression: an elided article stayed on its word.
            (
                "l'Ukraine d’Allemagne dell'Europa qu'il O'Brien don't",
                vec![
                    ("Ukraine", Word(Script::Latin)),
                    ("Allemagne", Word(Script::Latin)),
                    ("Europa", Word(Script::Latin)),
                    ("il", Word(Script::Latin)),
                    ("O'Brien", Word(Script::Latin)),
                    ("don't", Word(Script::Latin)),
                ],
            ),
            (
                "the 89th minute",
                vec![
                    ("the", Word(Script::Latin)),
                    ("89", Number),
                    ("minute", Word(Script::Latin)),
                ],
            ),
            (
                "30 000 и 1 234 567",
                vec![
                    ("30 000", Number),
                    ("и", Word(Script::Cyrillic)),
                    ("1 234 567", Number),
                ],
            ),
            (
                "It cost 2,000.5 yen.",
                vec![
                    ("It", Word(Script::Latin)),
                    ("cost", Word(Script::Latin)),
                    ("2,000.5", Number),
                    ("yen", Word(Script::Latin)),
                ],
            ),
            (
                "Встреча в Детройте",
                vec![
                    ("Встреча", Word(Script::Cyrillic)),
                    ("в", Word(Script::Cyrillic)),
                    ("Детройте", Word(Script::Cyrillic)),
                ],
            ),
        ];
        for (input, want) in table {
            let want: Vec<(String, PieceKind)> =
                want.into_iter().map(|(t, k)| (t.to_string(), k)).collect();
            assert_eq!(kinds(input), want, "{input}");
        }
    }

    proptest::proptest! {
        /// The piecewise NFKC is NFKC.
        #[test]
        fn nfkc_matches_full_normalisation(chars in proptest::collection::vec(proptest::sample::select(vec![
            'a', 'e', 'A', ' ', '.', '0', 'é', 'ﬁ', '①', 'Å', '\u{301}', '\u{323}', '\u{308}', '\u{345}',
            '\u{338}', '=', '<', 'ｶ', 'ﾞ', 'ﾟ', 'か', '\u{3099}', '\u{309a}', 'ヘ', 'ウ', '가', '\u{1100}', '\u{1161}',
            '\u{11a8}', '각', '中', '國', '\u{f900}', '\u{2f800}', '２', 'Ｉ', '，', '　', '\u{a0}', '™', '㍿', 'ℌ',
            'ǆ', 'ᾀ', 'α', '\u{300}', '\u{342}', 'ω', 'न', '\u{93c}', 'क', '\u{94d}', 'ো', 'ে', '\u{9be}',
            '\u{9d7}', 'ஔ', 'ொ', '\u{bd7}', 'ை', '\u{e49}', 'ำ', 'Ω', 'K', 'Å', '\u{200d}', '\u{fe0f}', '😀',
            'и', 'И', 'й', 'е', 'ё', '\u{306}', 'ü', 'ç', '—', '“', '…', '\u{327}', '（', 'Ａ', '～',
            '\u{FF5F}', '\u{FF00}', '\u{FF61}',
        ]), 0..40)) {
            let text: String = chars.into_iter().collect();
            let want: String = text.nfkc().collect();
            proptest::prop_assert_eq!(nfkc(&text), want);
        }

        /// The fast segmentation gives exactly UAX #29's segments.
        #[test]
        fn segments_match_uax29(chars in proptest::collection::vec(proptest::sample::select(vec![
            'a', 'Z', 'e', '0', '7', ' ', ' ', '.', ',', ';', ':', '\'', '"', '_', '-', '!', '?', '\t',
            '\r', '\u{b}', '\u{c}', '(', '$', '%', '/', '@', '^', '`', '~', '|', '\\', '*', '+', '<',
            '=', '#', '&', '{', 'é', 'ß', 'Я', 'ж', '’', '“', '中', '々', 'の', 'カ', 'ー', '한', '국',
            '\u{301}', '\u{200d}', '\u{200b}', '\u{fe0f}', '\u{1f1ef}', '\u{1f1f5}', '😀', '\u{a0}',
            '\u{3000}', '\u{2003}', '\u{1680}', '\u{2007}', '\u{205f}', '·', 'α', 'ا', 'א', 'ก', '\u{ad}', '\u{2060}', '\u{ff3f}', '\u{e0100}',
            'ö', 'Ж', '「', '」', 'ア', 'あ', '\u{3099}', '・', '‘', '—', '«',
        ]), 0..40)) {
            let text: String = chars.into_iter().collect();
            let want: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
            let mut got = Vec::new();
            for_each_segment::<false>(&text, |s, seg| got.push((s, seg)));
            proptest::prop_assert_eq!(got, want);
        }

        /// Pieces and script counts, with Han and kana segments merged while
        /// segmenting, are those of UAX #29's segments and a separate count.
        #[test]
        fn pieces_match_unmerged_segments(chars in proptest::collection::vec(proptest::sample::select(vec![
            'a', 'Z', '0', '7', ' ', '.', ',', ':', '\'', '_', '-', '!', '。', '、', '「', '」',
            '中', '国', '々', '〆', 'の', 'は', 'カ', 'ナ', 'ー', 'ヴ', '・', '한', '국', '\u{3000}', '\u{3099}',
            'é', 'Я', 'ж', '’', '\u{301}', '\u{200b}', 'α', 'ا', '\u{2f800}', '\u{9fff}', '\u{3400}',
            '\u{4dbf}', '\u{3096}', '\u{3097}', '\u{30ff}', '\u{ff66}', '😀', '1', '일',
        ]), 0..40)) {
            let text: String = chars.into_iter().collect();
            let mut want = Vec::new();
            let mut builder = PieceBuilder::new(&text, &mut want);
            for (start, seg) in text.split_word_bound_indices() {
                builder.segment(start, seg);
            }
            builder.finish();
            join_digit_groups(&text, &mut want, 0);
            let mut got = vec![Piece { text: "before", kind: PieceKind::Number, sentence_start: false }];
            let counts = append_pieces(&text, &mut got);
            proptest::prop_assert_eq!(&got[1..], &want[..]);
            proptest::prop_assert_eq!(counts, ScriptCounts::of(&text));
        }

        /// Every ASCII string, too.
        #[test]
        fn ascii_segments_match_uax29(text in "[ -~\t\r\n\x0b\x0c]{0,40}") {
            let want: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
            let mut got = Vec::new();
            for_each_segment::<false>(&text, |s, seg| got.push((s, seg)));
            proptest::prop_assert_eq!(got, want);
        }
    }

    /// Every character `known_class` knows segments as UAX #29 says, next
    /// to characters of every class (and of none it knows).
    #[test]
    fn known_classes_match_uax29() {
        let context = [
            'a', 'Z', '1', '.', ':', ',', ';', '\'', '_', '-', ' ', '\r', '\n', 'カ', 'ー', '中',
            'の', '한', 'é', 'Я', '’', '“', '\u{301}', '\u{200d}', '\u{3099}', '々', '・', 'א',
        ];
        let mut known = 0;
        for c in (0..=0x2FFFFu32).filter_map(char::from_u32) {
            if c.is_ascii() || known_class(c).is_none() {
                continue;
            }
            known += 1;
            for x in context {
                for text in [[x, c, x], [c, x, c], ['a', c, x], ['1', c, x], ['カ', c, x]] {
                    let text: String = text.iter().collect();
                    let want: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
                    let mut got = Vec::new();
                    for_each_segment::<false>(&text, |s, seg| got.push((s, seg)));
                    assert_eq!(got, want, "{text:?}");
                }
            }
        }
        assert!(known > 30_000, "{known}");
    }

    #[test]
    fn sentence_starts() {
        let p = pieces("Raimondo met Nishimura. Then Raimondo left");
        let starts: Vec<&str> = p
            .iter()
            .filter(|x| x.sentence_start)
            .map(|x| x.text)
            .collect();
        assert_eq!(starts, vec!["Raimondo", "Then"]);
    }
}
