//! The per-article pipeline: clean → normalise → bridge → fingerprint, plus
//! dates. A [`Fingerprint`] is everything the index, the verifier and the
//! clusterer need to know about an article; the text itself is not kept.
//!
//! Cost: linear in the article's length. Memory per fingerprint: `2·K` bytes
//! of signature (512 at the default `K = 256`) plus up to [`MAX_NAMES`] short
//! names and [`MAX_NUMBERS`] number hashes (and one for the event day).

use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::article::Article;
use crate::bridge::{Bridge, Channel, Sink};
use crate::clean::clean;
use crate::dates::{self, DateMention, DateWindow, WindowParams};
use crate::fxhash::FxHashMap as HashMap;
use crate::minhash::{Signature, shingle_hash};
use crate::normalize::nfkc;
use crate::script::Lang;

/// At most this many names (the most frequent) are kept as evidence.
pub(crate) const MAX_NAMES: usize = 12;
/// At most this many numbers are kept as evidence.
pub(crate) const MAX_NUMBERS: usize = 24;

/// The fingerprint of one article: MinHash signature, date window and the
/// evidence (names, numbers) the verifier weighs.
#[derive(Clone, Debug, PartialEq)]
pub struct Fingerprint {
    pub(crate) signature: Signature,
    pub(crate) window: Option<DateWindow>,
    pub(crate) event_date: Option<NaiveDate>,
    pub(crate) published: Option<NaiveDate>,
    /// `published` came from the article's metadata (the feed), not from a
    /// dateline found in its text.
    pub(crate) published_given: bool,
    pub(crate) names: Box<[Box<str>]>,
    pub(crate) numbers: Box<[u64]>,
    pub(crate) lang: Lang,
    pub(crate) shingles: u32,
    /// Body bytes before truncation to `max_article_bytes`, if truncated.
    pub(crate) truncated_from: Option<usize>,
    /// Title and body bytes actually read, when truncated.
    pub(crate) kept_bytes: usize,
    /// The metadata `published` value was present but unreadable.
    pub(crate) bad_published: bool,
}

/// Something worth telling the caller about an article that was nevertheless
/// used: see [`Fingerprint::warnings`] and
/// [`Clustering::warnings`](crate::Clustering::warnings).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// The article was longer than [`Config::max_article_bytes`](crate::Config::max_article_bytes);
    /// only its first `kept` bytes (title included, cut at a character
    /// boundary) were read.
    Truncated {
        /// Bytes of title and text as given.
        original: usize,
        /// Bytes read.
        kept: usize,
    },
    /// The `published` value (its first 80 bytes) is not a date the library
    /// reads (ISO 8601 or RFC 2822, years 1900–2100); the article's own
    /// dateline was used instead.
    UnreadablePublished(String),
    /// Another article earlier in the batch has the same id. Both are
    /// clustered; each gets its own output line.
    DuplicateId,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::Truncated { original, kept } => write!(
                f,
                "article of {original} bytes truncated to its first {kept} bytes (max_article_bytes)"
            ),
            Warning::UnreadablePublished(p) => write!(
                f,
                "\"published\": {p:?} is not an ISO 8601 or RFC 2822 date; using the article's dateline"
            ),
            Warning::DuplicateId => write!(f, "duplicate id; both articles were kept"),
        }
    }
}

impl Fingerprint {
    /// The article's dominant language, as detected.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The inclusive window of days in which the reported event plausibly
    /// happened; `None` when nothing in or about the article gives a date.
    pub fn window(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.window.map(|w| (w.start, w.end))
    }

    /// The single most likely event date.
    pub fn event_date(&self) -> Option<NaiveDate> {
        self.event_date
    }

    /// The publication date used (metadata, else the article's dateline).
    pub fn published(&self) -> Option<NaiveDate> {
        self.published
    }

    /// A synthetic variant, for load tests and the synthetic stream
    /// generator: every date moved by `shift_days`, and each signature value
    /// replaced, with probability `fraction`, by a pseudo-random value; bins
    /// and values are chosen by `seed`, so variants made with the same seed
    /// share their replaced values. Not part of the stable API.
    #[doc(hidden)]
    pub fn synthetic_variant(&self, shift_days: i64, seed: u64, fraction: f64) -> Fingerprint {
        let shift = |d: NaiveDate| d + chrono::Duration::days(shift_days);
        let cut = (fraction.clamp(0.0, 1.0) * u32::MAX as f64) as u64;
        let signature = self.signature.map_values(|i, v| {
            let h = xxhash_rust::xxh3::xxh3_64_with_seed(&(i as u64).to_le_bytes(), seed);
            if (h >> 32) < cut { h as u16 } else { v }
        });
        Fingerprint {
            signature,
            window: self.window.map(|w| DateWindow {
                start: shift(w.start),
                end: shift(w.end),
            }),
            event_date: self.event_date.map(shift),
            published: self.published.map(shift),
            published_given: self.published_given,
            names: self.names.clone(),
            numbers: self.numbers.clone(),
            lang: self.lang,
            shingles: self.shingles,
            truncated_from: self.truncated_from,
            kept_bytes: self.kept_bytes,
            bad_published: self.bad_published,
        }
    }

    /// Number of distinct shingles the signature was taken over; 0 means the
    /// article had no usable text and matches nothing by content.
    pub fn shingle_count(&self) -> u32 {
        self.shingles
    }

    /// True when the article was longer than
    /// [`Config::max_article_bytes`](crate::Config::max_article_bytes) and
    /// only its beginning was read.
    pub fn truncated(&self) -> bool {
        self.truncated_from.is_some()
    }

    /// What was odd about the article: truncation, an unreadable `published`
    /// value. Empty for ordinary input. Never an error: the fingerprint is
    /// usable either way.
    pub fn warnings(&self, article: &Article) -> Vec<Warning> {
        let mut w = Vec::new();
        if let Some(original) = self.truncated_from {
            w.push(Warning::Truncated {
                original,
                kept: self.kept_bytes,
            });
        }
        if self.bad_published {
            // Echo at most 80 bytes of it: the value may be anything.
            let p = article.published.as_deref().unwrap_or_default();
            w.push(Warning::UnreadablePublished(truncate(p, 80).to_string()));
        }
        w
    }
}

/// Collects shingle hashes and evidence from the bridge.
#[derive(Default)]
pub(crate) struct Collector {
    pub hashes: Vec<u64>,
    pub names: Vec<String>,
    pub numbers: Vec<u64>,
    key: Vec<u8>,
}

impl Sink for Collector {
    const SHINGLES: bool = true;

    fn emit(&mut self, channel: Channel, key: &str) {
        let sh = key_shingles(channel, key, &mut self.key);
        self.emit_shingles(channel, key, &sh);
    }

    fn emit_shingles(&mut self, channel: Channel, key: &str, sh: &KeyShingles) {
        // Integer weights by repetition: a key of weight w stands for w
        // distinct shingles, so MinHash estimates a weighted Jaccard.
        self.hashes.extend_from_slice(sh.hashes());
        match channel {
            Channel::Name => self.names.push(key.to_string()),
            Channel::Number => self.numbers.push(sh.hashes[0]),
            _ => {}
        }
    }

    fn emit_unsure_name(&mut self, skeleton: &str) {
        let sh = key_shingles(Channel::Name, skeleton, &mut self.key);
        self.hashes.extend_from_slice(sh.hashes());
    }
}

/// What one key adds to a fingerprint: its weight (0–2) and the shingle
/// hashes of its synonym class, one per unit of weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KeyShingles {
    weight: u8,
    hashes: [u64; 2],
}

impl KeyShingles {
    /// No shingles (weight 0).
    pub(crate) const EMPTY: KeyShingles = KeyShingles {
        weight: 0,
        hashes: [0; 2],
    };

    /// The shingle hashes to add (none for a key of weight 0).
    #[inline]
    pub(crate) fn hashes(&self) -> &[u64] {
        &self.hashes[..self.weight as usize]
    }

    /// `weight` shingles of the class `class` of `channel` (`buf` is scratch).
    fn new(channel: Channel, class: &str, weight: u8, buf: &mut Vec<u8>) -> KeyShingles {
        let mut hashes = [0; 2];
        if weight > 0 {
            buf.clear();
            buf.push(channel.tag());
            buf.extend_from_slice(class.as_bytes());
            hashes[0] = shingle_hash(buf);
            // Copies: the key with the copy's number appended.
            for (copy, h) in hashes.iter_mut().enumerate().take(weight as usize).skip(1) {
                buf.push(copy as u8);
                *h = shingle_hash(buf);
            }
        }
        KeyShingles { weight, hashes }
    }
}

/// The shingles of a key of `channel` (`buf` is scratch): concept keys are
/// weighted by the word itself and keyed by its synonym class, found in one
/// lookup in [`concept_shingles`]; other keys by their channel alone.
pub(crate) fn key_shingles(channel: Channel, key: &str, buf: &mut Vec<u8>) -> KeyShingles {
    if channel == Channel::Concept
        && let Some(sh) = concept_shingles().get(key)
    {
        return *sh;
    }
    KeyShingles::new(channel, key, key_weight(channel, None), buf)
}

/// The shingles of every concept key whose weight or class is not the
/// default (weight 2, its own class), precomputed once: a concept key then
/// costs one lookup, and those of the default are hashed as any other key.
fn concept_shingles() -> &'static HashMap<&'static str, KeyShingles> {
    static TABLE: OnceLock<HashMap<&'static str, KeyShingles>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let zipf = crate::lexicon::en_zipf();
        let synonyms = crate::lexicon::synonyms();
        let mut table = HashMap::default();
        let mut buf = Vec::new();
        for key in zipf.keys().chain(synonyms.keys()) {
            let key: &'static str = key;
            let weight = key_weight(Channel::Concept, zipf.get(key).copied());
            let class = crate::lexicon::canonical(key);
            if (weight == key_weight(Channel::Concept, None) && class == key)
                || table.contains_key(key)
            {
                continue;
            }
            let sh = KeyShingles::new(Channel::Concept, class, weight, &mut buf);
            table.insert(key, sh);
        }
        table.shrink_to_fit();
        table
    })
}

/// Zipf frequency (×10) from which an English key is too common to count
/// ("year", "people", "government": about the 300 commonest words).
const DROP_ZIPF: u8 = 55;
/// Zipf frequency (×10) from which a key counts once rather than twice.
const COMMON_ZIPF: u8 = 45;

/// How many shingles a key counts for, given the Zipf frequency of a
/// concept key. Very common English words (Zipf ≥ `DROP_ZIPF`) count for
/// nothing, common ones (≥ `COMMON_ZIPF`) once, rarer words, names and
/// numbers — what tells one story from another — twice.
fn key_weight(channel: Channel, zipf: Option<u8>) -> u8 {
    match channel {
        Channel::Concept => match zipf {
            Some(z) if z >= DROP_ZIPF => 0,
            Some(z) if z >= COMMON_ZIPF => 1,
            _ => 2,
        },
        Channel::Name | Channel::Number => 2,
        Channel::Han | Channel::Word => 1,
    }
}

/// The cleaned text of an article (title first), as the bridge and the date
/// extractor see it: at most `max_bytes` of title and body together are read.
pub(crate) fn article_text(article: &Article, max_bytes: usize) -> String {
    clean(&raw_text(article, max_bytes).0)
}

/// Title and body joined, cut to `max_bytes` at a character boundary; also
/// returns whether anything was cut.
fn raw_text(article: &Article, max_bytes: usize) -> (String, bool) {
    let title = article
        .title
        .as_deref()
        .map(|t| truncate(t, max_bytes.saturating_sub(1)));
    let used = title.map_or(0, |t| t.len() + 1);
    let body = truncate(&article.text, max_bytes.saturating_sub(used));
    let mut raw = String::with_capacity(used + body.len());
    if let Some(t) = title {
        raw.push_str(t);
        raw.push('\n');
    }
    raw.push_str(body);
    let cut = body.len() < article.text.len()
        || title.is_some_and(|t| Some(t.len()) != article.title.as_ref().map(String::len));
    (raw, cut)
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Dates of an article: publication date, window, event date.
pub(crate) struct ArticleDates {
    pub published: Option<NaiveDate>,
    /// `published` is the metadata value (not a dateline from the text).
    pub published_given: bool,
    /// A `published` value was given but could not be read.
    pub bad_published: bool,
    pub window: Option<DateWindow>,
    pub event_date: Option<NaiveDate>,
}

pub(crate) fn article_dates(
    article: &Article,
    clean_text: &str,
    params: &WindowParams,
) -> ArticleDates {
    let given = article
        .published
        .as_deref()
        .filter(|p| !p.trim().is_empty());
    let from_meta = given.and_then(dates::parse_published);
    let published = from_meta.or_else(|| dates::find_dateline(clean_text));
    let mentions = dates::extract_mentions(clean_text, published);
    let window = dates::event_window(published, &mentions, params);
    let event_date = primary_date(published, &mentions, window);
    ArticleDates {
        published,
        published_given: from_meta.is_some(),
        bad_published: given.is_some() && from_meta.is_none(),
        window,
        event_date,
    }
}

/// The most-mentioned date inside the window (ties: nearest the publication
/// date, then earliest); else the publication date; else the window's end.
fn primary_date(
    published: Option<NaiveDate>,
    mentions: &[DateMention],
    window: Option<DateWindow>,
) -> Option<NaiveDate> {
    let w = window?;
    let mut counts: Vec<(NaiveDate, usize)> = Vec::new();
    for m in mentions
        .iter()
        .filter(|m| m.date >= w.start && m.date <= w.end)
    {
        match counts.iter_mut().find(|(d, _)| *d == m.date) {
            Some((_, c)) => *c += 1,
            None => counts.push((m.date, 1)),
        }
    }
    let dist = |d: NaiveDate| published.map_or(0, |p| (d - p).num_days().abs());
    counts
        .into_iter()
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then(dist(b.0).cmp(&dist(a.0)))
                .then(b.0.cmp(&a.0))
        })
        .map(|(d, _)| d)
        .or(published)
        .or(Some(w.end))
}

/// Computes fingerprints with fixed settings.
pub(crate) struct Fingerprinter {
    pub bridge: Bridge,
    pub num_hashes: usize,
    pub window: WindowParams,
    pub max_bytes: usize,
}

impl Fingerprinter {
    /// The fingerprint of `article`.
    pub(crate) fn fingerprint(&self, article: &Article) -> Fingerprint {
        let (raw, cut) = raw_text(article, self.max_bytes);
        let kept_bytes = raw.len();
        let text = clean(&raw);
        drop(raw);
        let dates = article_dates(article, &text, &self.window);
        let mut c = Collector::default();
        let hint = article.lang.as_deref().and_then(Lang::from_tag);
        let stats = self.bridge.bridge(&nfkc(&text), hint, &mut c);
        c.hashes.sort_unstable();
        c.hashes.dedup();
        let signature = Signature::from_hashes(c.hashes.iter().copied(), self.num_hashes);
        c.numbers.sort_unstable();
        c.numbers.dedup();
        c.numbers.truncate(MAX_NUMBERS);
        // The most likely event day is evidence like a shared number: two
        // reports of one event name its day; a different meeting of the same
        // actors a few days later, inside the same window, names another.
        if let Some(day) = dates.event_date {
            let h = shingle_hash(format!("@{day}").as_bytes());
            if let Err(at) = c.numbers.binary_search(&h) {
                c.numbers.insert(at, h);
            }
        }
        Fingerprint {
            signature,
            window: dates.window,
            event_date: dates.event_date,
            published: dates.published,
            published_given: dates.published_given,
            names: top_names(c.names),
            numbers: c.numbers.into_boxed_slice(),
            lang: stats.dominant().or(hint).unwrap_or(Lang::Other),
            shingles: u32::try_from(c.hashes.len()).unwrap_or(u32::MAX),
            truncated_from: cut
                .then(|| article.text.len() + article.title.as_ref().map_or(0, |t| t.len() + 1)),
            kept_bytes,
            bad_published: dates.bad_published,
        }
    }
}

/// The `MAX_NAMES` most frequent names (ties: alphabetical), sorted.
fn top_names(mut names: Vec<String>) -> Box<[Box<str>]> {
    names.sort_unstable();
    let mut counted: Vec<(usize, String)> = Vec::new();
    for n in names {
        match counted.last_mut() {
            Some((c, last)) if *last == n => *c += 1,
            _ => counted.push((1, n)),
        }
    }
    counted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut top: Vec<Box<str>> = counted
        .into_iter()
        .take(MAX_NAMES)
        .map(|(_, n)| n.into_boxed_str())
        .collect();
    top.sort();
    top.into_boxed_slice()
}
