//! Streaming ingest: a live [`EventIndex`] that assigns each arriving article
//! to an event at once, keeps event IDs stable across merges and restarts,
//! evicts events whose date window closed long ago, and saves its whole state
//! to one file.
//!
//! ## Assignment of one article
//! 1. LSH candidates among the live articles (a compact banded index, at most
//!    [`MAX_STREAM_BANDS`] bands of the batch banding);
//! 2. candidates whose date windows cannot overlap the article's are skipped;
//!    the others are scored with the batch verifier's pair score, and a pair
//!    counts when it reaches `edge_ratio × threshold` (as a batch edge does);
//! 3. every event with such an edge, whose date window still shares a day
//!    with the article's, gets the article's mean score against (the first
//!    [`LINK_SAMPLE`] members of) the event;
//! 4. the article joins the event with the best mean if that mean reaches the
//!    threshold (ties: the older event); else it founds a new event whose ID is
//!    `EventId::new(article's event date, article id)` and is never changed;
//! 5. any other event the article has an edge to (step 3), whose window
//!    still intersects, and whose mean pairwise score with the enlarged event
//!    (average linkage over the first [`LINK_SAMPLE`] members of each, the
//!    batch merge rule) reaches the threshold, is merged. The event with the **oldest** ID (first issued) survives; the
//!    others become aliases that [`EventIndex::resolve`] maps to it, and the
//!    article's [`Insertion::merged`] lists them.
//!
//! An issued ID is never reused for another event and never re-pointed to an
//! unrelated one: it either names its event or is an alias of the event it was
//! merged into.
//!
//! ## Memory
//! Articles live in slots, stored in chunks of 1024: each chunk holds their
//! signatures, 20-byte records (event, date window, evidence position) and
//! one arena of evidence (numbers as 32-bit hashes, names as one string), so
//! an article costs no allocation of its own and growth slack is at most one
//! chunk. A live article costs its `2·K`-byte signature (512 B at `K = 256`),
//! its record, its evidence (about 65 B) and 4-byte LSH cells, one per band
//! (b ≤ 64), at 75–87.5 % load (about 290–340 B): under 1 KiB in all (the
//! README gives measured figures). Freed slots are reused; an arena is
//! compacted once a quarter of it is dead.
//!
//! The LSH cells are kept in one region per band. A rebuild (on growth, and
//! on [`load`](EventIndex::load), which does not store the cells) fills the
//! regions one at a time from the entries radix-sorted by home cell, in one
//! sequential pass: no random access over the whole table.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::article::Article;
use crate::bridge::Bridge;
use crate::cluster::{EventId, LINK_SAMPLE, mean_link};
use crate::config::Config;
use crate::dates::WindowParams;
use crate::error::Error;
use crate::fingerprint::{Fingerprint, Fingerprinter};
use crate::fxhash::FxHashMap;
use crate::lsh::Bands;
use crate::script::Lang;
use crate::state::{Reader, Writer};
use crate::verify::{self, PairScore};

/// Most LSH bands the streaming index keeps per article (each costs about
/// 5 bytes per live article). The batch banding at the default threshold
/// has 128 bands of 2 rows; the index keeps the first 64 of them, which
/// finds fewer low-similarity pairs than batch (see the README's streaming
/// figures).
pub const MAX_STREAM_BANDS: usize = 64;

/// Most live articles one index holds (slot numbers are 24 bits wide).
pub const MAX_LIVE_ARTICLES: usize = 0x00FF_FFFE;

/// What an [`EventIndex`] does with an event once its date window closed more
/// than [`Config::retention_days`] before the newest `published` date seen
/// (from article metadata; dates found in the text do not count).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EvictionPolicy {
    /// Free the event's articles from the index but keep a small summary of
    /// the event (ID, aliases, date window, article count: about 100 bytes per
    /// event), so [`EventIndex::resolve`] keeps working and a late article can
    /// never be given a forgotten ID again.
    #[default]
    Archive,
    /// Forget the event and its aliases entirely: memory stays flat however
    /// long the stream runs. `resolve` of a forgotten ID returns it unchanged.
    Drop,
}

/// What [`EventIndex::insert`] did with one article.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Insertion {
    /// The article's event (after any merge it caused).
    pub event: EventId,
    /// The article's mean verified score against the event it joined; 1.0
    /// when it founded a new event.
    pub score: f64,
    /// IDs that this article showed to be the same event as `event`: they
    /// are now aliases of it (see [`EventIndex::resolve`]).
    pub merged: Vec<EventId>,
    /// True when the article founded a new event.
    pub new_event: bool,
    /// The article's detected dominant language.
    pub lang: Lang,
}

/// A day number (days since 0001-01-01).
type Day = i32;
/// Close day of an undated event founded before any date was seen.
const UNKNOWN: Day = i32::MIN;
/// `Slot::event` of a free slot.
const FREE: u32 = u32::MAX;

/// Sorts `keys` by their high 32 bits, all below `bound` (LSD radix sort,
/// 11 bits a pass; `scratch` as long as `keys`).
fn radix_sort_high(keys: &mut [u64], scratch: &mut [u64], bound: usize) {
    const BITS: u32 = 11;
    let scratch = &mut scratch[..keys.len()];
    let mut shift = 32;
    while shift < 64 && (bound as u64) >> (shift - 32) > 0 {
        let mut count = [0usize; 1 << BITS];
        for &k in keys.iter() {
            count[((k >> shift) as usize) & ((1 << BITS) - 1)] += 1;
        }
        let mut sum = 0;
        for c in count.iter_mut() {
            let n = *c;
            *c = sum;
            sum += n;
        }
        for &k in keys.iter() {
            let d = ((k >> shift) as usize) & ((1 << BITS) - 1);
            scratch[count[d]] = k;
            count[d] += 1;
        }
        keys.copy_from_slice(scratch);
        shift += BITS;
    }
}

/// The SplitMix64 finaliser (Steele, Lea and Flood 2014): a bijection of
/// `u64` with full avalanche.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn day(d: NaiveDate) -> Day {
    use chrono::Datelike;
    d.num_days_from_ce()
}

fn date(d: Day) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(d)
}

type Window = Option<(Day, Day)>;

fn intersect(a: Window, b: Window) -> Result<Window, ()> {
    match (a, b) {
        (Some(x), Some(y)) => {
            let w = (x.0.max(y.0), x.1.min(y.1));
            if w.0 <= w.1 { Ok(Some(w)) } else { Err(()) }
        }
        (x, None) => Ok(x),
        (None, y) => Ok(y),
    }
}

fn overlaps(a: Window, b: Window) -> bool {
    intersect(a, b).is_ok()
}

/// Slots per storage chunk: storage grows one chunk at a time, so at most
/// one partly used chunk is slack.
const CHUNK: usize = 1024;
/// Longest evidence blob kept per article: names past it are dropped (a
/// real article's names take a few hundred bytes).
const MAX_EVIDENCE: usize = 1 << 20;
/// `Meta::len` bit marking an article with no usable text.
const EMPTY_BIT: u32 = 1 << 31;
/// `Meta::start` of an undated article.
const NO_WINDOW: Day = i32::MIN;

/// One slot's fixed-size record (20 bytes).
#[derive(Clone, Copy, Debug)]
struct Meta {
    /// Its event (always a survivor), or `FREE`.
    event: u32,
    /// Date window, `NO_WINDOW` when undated.
    start: Day,
    end: Day,
    /// Evidence bytes in the chunk's arena: `off .. off + len & !EMPTY_BIT`.
    off: u32,
    /// Evidence length, with `EMPTY_BIT` when the article matches nothing.
    len: u32,
}

const FREE_META: Meta = Meta {
    event: FREE,
    start: NO_WINDOW,
    end: NO_WINDOW,
    off: 0,
    len: EMPTY_BIT,
};

/// `CHUNK` slots: their signatures, records and an evidence arena
/// (`[n][n × u32 number hashes, sorted][names joined by '\0']` per slot).
#[derive(Clone, Debug)]
struct Chunk {
    sigs: Box<[u16]>,
    meta: Box<[Meta]>,
    evidence: Vec<u8>,
    /// Arena bytes no live slot uses any more.
    dead: usize,
}

/// Every live article's data, in chunks of `CHUNK` slots (no per-article
/// allocation; growth slack is at most one chunk).
#[derive(Clone, Debug, Default)]
struct Slots {
    k: usize,
    chunks: Vec<Chunk>,
    /// Slots handed out so far (free or not).
    len: usize,
}

/// Evidence of at most `MAX_EVIDENCE` bytes: whole names dropped from the end.
fn capped(ev: &[u8]) -> &[u8] {
    if ev.len() <= MAX_EVIDENCE {
        return ev;
    }
    let n = ev.first().copied().unwrap_or(0) as usize;
    let numbers_end = (1 + 4 * n).min(ev.len());
    let cut = ev[numbers_end..MAX_EVIDENCE]
        .iter()
        .rposition(|&b| b == 0)
        .map_or(numbers_end, |i| numbers_end + i);
    &ev[..cut]
}

impl Slots {
    fn new(k: usize) -> Slots {
        Slots {
            k,
            chunks: Vec::new(),
            len: 0,
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn meta(&self, s: u32) -> &Meta {
        &self.chunks[s as usize / CHUNK].meta[s as usize % CHUNK]
    }

    fn event(&self, s: u32) -> u32 {
        self.meta(s).event
    }

    fn set_event(&mut self, s: u32, e: u32) {
        self.chunks[s as usize / CHUNK].meta[s as usize % CHUNK].event = e;
    }

    fn window(&self, s: u32) -> Window {
        let m = self.meta(s);
        (m.start != NO_WINDOW).then_some((m.start, m.end))
    }

    fn empty(&self, s: u32) -> bool {
        self.meta(s).len & EMPTY_BIT != 0
    }

    fn sig(&self, s: u32) -> &[u16] {
        let i = (s as usize % CHUNK) * self.k;
        &self.chunks[s as usize / CHUNK].sigs[i..i + self.k]
    }

    fn evidence(&self, s: u32) -> &[u8] {
        let c = &self.chunks[s as usize / CHUNK];
        let m = &c.meta[s as usize % CHUNK];
        let off = m.off as usize;
        &c.evidence[off..off + (m.len & !EMPTY_BIT) as usize]
    }

    /// A new free slot at the end.
    fn push(&mut self) -> u32 {
        if self.len == self.chunks.len() * CHUNK {
            self.chunks.push(Chunk {
                sigs: vec![0; CHUNK * self.k].into_boxed_slice(),
                meta: vec![FREE_META; CHUNK].into_boxed_slice(),
                evidence: Vec::new(),
                dead: 0,
            });
        }
        self.len += 1;
        (self.len - 1) as u32
    }

    /// Fills free slot `s` (its event stays `FREE` until set). A signature
    /// of the wrong length is stored as all-ones and marks the slot empty.
    fn fill(&mut self, s: u32, sig: &[u16], empty: bool, window: Window, evidence: &[u8]) {
        let k = self.k;
        let c = &mut self.chunks[s as usize / CHUNK];
        let i = (s as usize % CHUNK) * k;
        let empty = if sig.len() == k {
            c.sigs[i..i + k].copy_from_slice(sig);
            empty
        } else {
            c.sigs[i..i + k].fill(u16::MAX);
            true
        };
        let ev = capped(evidence);
        if c.evidence.capacity() - c.evidence.len() < ev.len() {
            // Grow by an eighth: the arenas are a tenth of the index.
            let more = ev.len().max(c.evidence.len() / 8 + 256);
            c.evidence.reserve_exact(more);
        }
        let off = c.evidence.len() as u32;
        c.evidence.extend_from_slice(ev);
        let (start, end) = window.unwrap_or((NO_WINDOW, NO_WINDOW));
        c.meta[s as usize % CHUNK] = Meta {
            event: FREE,
            start,
            end,
            off,
            len: ev.len() as u32 | if empty { EMPTY_BIT } else { 0 },
        };
    }

    /// Frees slot `s`; compacts its chunk's arena once a quarter of it is dead.
    fn clear(&mut self, s: u32) {
        let c = &mut self.chunks[s as usize / CHUNK];
        let m = &mut c.meta[s as usize % CHUNK];
        c.dead += (m.len & !EMPTY_BIT) as usize;
        *m = FREE_META;
        if c.dead > 4096 && 4 * c.dead > c.evidence.len() {
            let live = c.evidence.len() - c.dead;
            let mut evidence = Vec::with_capacity(live + live / 8);
            for m in c.meta.iter_mut() {
                let (off, len) = (m.off as usize, (m.len & !EMPTY_BIT) as usize);
                m.off = evidence.len() as u32;
                evidence.extend_from_slice(&c.evidence[off..off + len]);
            }
            c.evidence = evidence;
            c.dead = 0;
        }
    }

    /// Heap bytes of (signatures, records, evidence arenas).
    fn heap(&self) -> (usize, usize, usize) {
        let n = self.chunks.len();
        (
            2 * CHUNK * self.k * n,
            std::mem::size_of::<Meta>() * CHUNK * n
                + std::mem::size_of::<Chunk>() * self.chunks.capacity(),
            self.chunks.iter().map(|c| c.evidence.capacity()).sum(),
        )
    }
}

/// An article as the verifier sees it, borrowed.
#[derive(Clone, Copy)]
struct Item<'a> {
    sig: &'a [u16],
    empty: bool,
    window: Window,
    evidence: &'a [u8],
}

fn evidence(fp: &Fingerprint) -> Box<[u8]> {
    let mut numbers: Vec<u32> = fp.numbers.iter().map(|&h| h as u32).collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers.truncate(255);
    let names_len: usize = fp.names.iter().map(|n| n.len() + 1).sum();
    let mut out = Vec::with_capacity(1 + 4 * numbers.len() + names_len);
    out.push(numbers.len() as u8);
    for n in &numbers {
        out.extend_from_slice(&n.to_le_bytes());
    }
    for (i, name) in fp.names.iter().enumerate() {
        if i > 0 {
            out.push(0);
        }
        out.extend_from_slice(name.as_bytes());
    }
    out.into_boxed_slice()
}

/// Numbers and names of an evidence blob.
fn split_evidence(ev: &[u8]) -> (impl Iterator<Item = u32> + '_, &str) {
    let n = ev.first().copied().unwrap_or(0) as usize;
    let numbers = ev[1..1 + 4 * n]
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
    let names = std::str::from_utf8(&ev[1 + 4 * n..]).unwrap_or("");
    (numbers, names)
}

fn jaccard(a: Item, b: Item) -> f64 {
    if a.empty || b.empty || a.sig.len() != b.sig.len() {
        0.0
    } else {
        let same = a.sig.iter().zip(b.sig).filter(|(x, y)| x == y).count();
        same as f64 / a.sig.len() as f64
    }
}

/// True when the pair reaches `threshold` (dates compatible): skips the
/// names and numbers when even the largest evidence bonus could not help.
fn pair_matches(a: Item, b: Item, threshold: f64) -> bool {
    if !overlaps(a.window, b.window) {
        return false;
    }
    let j = jaccard(a, b);
    if j == 0.0 || j + verify::MAX_BONUS < threshold {
        return false;
    }
    pair_score(a, b).matches(threshold)
}

/// The batch verifier's score over compact articles.
fn pair_score(a: Item, b: Item) -> PairScore {
    let jaccard = jaccard(a, b);
    let (na, names_a) = split_evidence(a.evidence);
    let (nb, names_b) = split_evidence(b.evidence);
    let na: Vec<u32> = na.collect();
    let nb: Vec<u32> = nb.collect();
    let shared_numbers = verify::sorted_intersection(&na, &nb);
    let shared_names = if names_a.is_empty() || names_b.is_empty() {
        0
    } else {
        names_a
            .split('\0')
            .filter(|x| names_b.split('\0').any(|y| verify::names_match(x, y)))
            .count()
    };
    verify::combine(
        jaccard,
        shared_names,
        shared_numbers,
        overlaps(a.window, b.window),
    )
}

/// One event the index knows about.
#[derive(Clone, Debug)]
struct Event {
    id: EventId,
    /// The survivor this event was merged into; itself when it is one.
    parent: u32,
    /// Intersection of its members' windows.
    window: Window,
    /// The day from which retention counts: window end, or for an undated
    /// event the newest date seen when its last article arrived.
    close: Day,
    /// Articles it ever took (merged events included).
    articles: u32,
    /// Live member slots, in arrival order (empty once archived).
    members: Vec<u32>,
    /// Events merged into this one (all pointing here).
    absorbed: Vec<u32>,
    archived: bool,
}

/// An open-addressing multiset of `(band, key) → slot` entries: one `u32`
/// cell per entry, holding an 8-bit tag of the band key and the 24-bit slot.
/// Keys are not stored: a tag match is confirmed against the slot's signature.
///
/// Each band has its own region of `region` cells (linear probing wraps
/// inside it). Every indexed article has exactly one entry per band, so the
/// regions fill evenly, and a rebuild can fill one region at a time: a few
/// MB of random writes that stay in cache, instead of hundreds of MB.
#[derive(Clone, Debug, Default)]
struct BandTable {
    cells: Vec<u32>,
    region: usize,
    len: usize,
    tombs: usize,
}

const EMPTY_CELL: u32 = u32::MAX;
const TOMB_CELL: u32 = u32::MAX - 1;

impl BandTable {
    /// An empty table of `bands` regions of `region` cells.
    fn new(bands: usize, region: usize) -> BandTable {
        BandTable {
            cells: vec![EMPTY_CELL; bands * region],
            region,
            len: 0,
            tombs: 0,
        }
    }

    /// First cell of band `b`'s region and the home cell of key hash `h`.
    fn home(&self, b: usize, h: u64) -> (usize, usize) {
        let start = b * self.region;
        (
            start,
            start + (((h >> 32) * self.region as u64) >> 32) as usize,
        )
    }

    fn cell(h: u64, slot: u32) -> u32 {
        ((h as u32 & 0xff) << 24) | slot
    }

    fn needs_rebuild(&self, extra: usize) -> bool {
        (self.len + self.tombs + extra) * 8 > self.cells.len() * 7
    }

    fn push(&mut self, b: usize, h: u64, slot: u32) {
        let (start, mut i) = self.home(b, h);
        let end = start + self.region;
        loop {
            let c = self.cells[i];
            if c == EMPTY_CELL || c == TOMB_CELL {
                if c == TOMB_CELL {
                    self.tombs -= 1;
                }
                self.cells[i] = Self::cell(h, slot);
                self.len += 1;
                return;
            }
            i += 1;
            if i == end {
                i = start;
            }
        }
    }

    fn remove(&mut self, b: usize, h: u64, slot: u32) {
        let want = Self::cell(h, slot);
        let (start, mut i) = self.home(b, h);
        let end = start + self.region;
        loop {
            let c = self.cells[i];
            if c == want {
                self.cells[i] = TOMB_CELL;
                self.len -= 1;
                self.tombs += 1;
                return;
            }
            if c == EMPTY_CELL {
                debug_assert!(false, "removing an absent LSH entry");
                return;
            }
            i += 1;
            if i == end {
                i = start;
            }
        }
    }

    /// Fills the empty region of band `b` with `entries` (`offset << 32 |
    /// cell`, sorted by offset of the home cell in the region): each at its
    /// home or the first free cell after it, wrapping round at the end, as
    /// linear probing would place them.
    fn lay_down(&mut self, b: usize, entries: &[u64]) {
        let start = b * self.region;
        let cells = &mut self.cells[start..start + self.region];
        let mut next = 0;
        let mut wrapped = Vec::new();
        for &e in entries {
            let pos = ((e >> 32) as usize).max(next);
            if pos < cells.len() {
                cells[pos] = e as u32;
                next = pos + 1;
            } else {
                wrapped.push(e as u32);
            }
        }
        // Probe runs past the end continue at the start of the region.
        let mut i = 0;
        for c in wrapped {
            while cells[i] != EMPTY_CELL {
                i += 1;
            }
            cells[i] = c;
        }
        self.len += entries.len();
    }

    /// Slots in the probe run of `h` in band `b` whose tag matches (to be
    /// confirmed).
    fn probe(&self, b: usize, h: u64, mut f: impl FnMut(u32)) {
        if self.region == 0 {
            return;
        }
        let tag = (h as u32 & 0xff) << 24;
        let (start, mut i) = self.home(b, h);
        let end = start + self.region;
        loop {
            let c = self.cells[i];
            if c == EMPTY_CELL {
                return;
            }
            if c != TOMB_CELL && c & 0xff00_0000 == tag {
                f(c & 0x00ff_ffff);
            }
            i += 1;
            if i == end {
                i = start;
            }
        }
    }
}

/// A live, incremental event index: insert articles one by one (or in
/// batches) and get each one's event at once. `Send + Sync`.
///
/// ```
/// use samestory::{Article, Config, EventIndex};
///
/// let mut index = EventIndex::new(Config::default()).unwrap();
/// let a = index.insert(&Article::new("a", "Japan's Nishimura and US Commerce Secretary Raimondo met in Detroit on Friday, May 26, 2023, on semiconductors and chip supply chains.").with_published("2023-05-26"));
/// let b = index.insert(&Article::new("b", "On Friday in Detroit, Raimondo and Japan's Nishimura agreed on semiconductor cooperation and chip supply chains.").with_published("2023-05-27"));
/// assert!(a.new_event && !b.new_event);
/// assert_eq!(a.event, b.event);
/// assert_eq!(index.resolve(a.event), a.event);
/// # let dir = std::env::temp_dir().join(format!("samestory-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("events.state");
/// index.save(&path).unwrap();
/// let restored = EventIndex::load(&path).unwrap();
/// assert_eq!(restored.live_articles(), 2);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub struct EventIndex {
    config: Config,
    fingerprinter: Fingerprinter,
    k: usize,
    bands: Bands,
    slots: Slots,
    free: Vec<u32>,
    live: usize,
    table: BandTable,
    events: FxHashMap<u32, Event>,
    by_id: FxHashMap<EventId, u32>,
    next_event: u32,
    /// `(close, event)` of every live survivor.
    closing: BTreeSet<(Day, u32)>,
    newest: Option<Day>,
    inserted: u64,
}

impl std::fmt::Debug for EventIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventIndex")
            .field("live_articles", &self.live)
            .field("events", &self.event_count())
            .field("newest", &self.newest_date())
            .finish()
    }
}

impl EventIndex {
    /// An empty index, or an error naming an invalid setting.
    pub fn new(config: Config) -> Result<EventIndex, Error> {
        EventIndex::with_max_bands(config, MAX_STREAM_BANDS)
    }

    /// An empty index keeping at most `max_bands` LSH bands per article (for
    /// experiments on the memory/recall trade-off).
    #[doc(hidden)]
    pub fn with_max_bands(config: Config, max_bands: usize) -> Result<EventIndex, Error> {
        config.validate()?;
        let mut bands = Bands::for_threshold(config.candidate_threshold, config.num_hashes);
        bands.bands = bands.bands.min(max_bands.max(1));
        Ok(EventIndex::empty(config, bands))
    }

    fn empty(config: Config, bands: Bands) -> EventIndex {
        let fingerprinter = Fingerprinter {
            bridge: Bridge::new(),
            num_hashes: config.num_hashes,
            window: config.window,
            max_bytes: config.max_article_bytes,
        };
        let k = config.num_hashes;
        EventIndex {
            k,
            config,
            fingerprinter,
            bands,
            slots: Slots::new(k),
            free: Vec::new(),
            live: 0,
            table: BandTable::default(),
            events: FxHashMap::default(),
            by_id: FxHashMap::default(),
            next_event: 0,
            closing: BTreeSet::new(),
            newest: None,
            inserted: 0,
        }
    }

    /// The settings in use (a loaded index uses the settings it was saved with).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The fingerprint of an article, as [`insert`](Self::insert) computes it.
    pub fn fingerprint(&self, article: &Article) -> Fingerprint {
        self.fingerprinter.fingerprint(article)
    }

    /// Inserts one article and returns its event.
    ///
    /// # Panics
    /// Past [`MAX_LIVE_ARTICLES`] live articles, or when a new event is
    /// needed after 2³² − 1 events were issued (over the index's lifetime,
    /// across save and load).
    pub fn insert(&mut self, article: &Article) -> Insertion {
        let fp = self.fingerprint(article);
        self.insert_fingerprint(&article.id, &fp)
    }

    /// Inserts articles in input order: fingerprints them in parallel, then
    /// assigns them one by one, exactly as that many [`insert`](Self::insert)
    /// calls would.
    pub fn insert_batch(&mut self, articles: &[Article]) -> Vec<Insertion> {
        let fps: Vec<Fingerprint> = articles
            .par_iter()
            .map(|a| self.fingerprinter.fingerprint(a))
            .collect();
        articles
            .iter()
            .zip(&fps)
            .map(|(a, fp)| self.insert_fingerprint(&a.id, fp))
            .collect()
    }

    /// Inserts an article already fingerprinted (by [`fingerprint`](Self::fingerprint)
    /// or a [`Clusterer`](crate::Clusterer) with the same settings) under `id`.
    pub fn insert_fingerprint(&mut self, id: &str, fp: &Fingerprint) -> Insertion {
        self.inserted = self.inserted.saturating_add(1);
        // Only the feed's own `published` dates move the eviction clock: a
        // date found in the text (a dateline, a mention of another day) may
        // name any day in history or the future, and one such article would
        // otherwise evict every live event at once.
        if let Some(d) = fp.published.filter(|_| fp.published_given).map(day) {
            self.advance(d);
        }
        let sig = fp.signature.values();
        let ev = evidence(fp);
        let window = fp.window.map(|w| (day(w.start), day(w.end)));
        let item = Item {
            sig,
            empty: fp.signature.is_empty() || sig.len() != self.k,
            window,
            evidence: &ev,
        };
        let edge = self.config.threshold * self.config.edge_ratio;
        let threshold = self.config.threshold;

        // Events with at least one verified edge to the article.
        let mut touched: BTreeSet<u32> = BTreeSet::new();
        if !item.empty {
            for s in self.query(sig) {
                let e = self.slots.event(s);
                if touched.contains(&e) || !overlaps(window, self.slots.window(s)) {
                    continue;
                }
                if pair_matches(item, self.item(s), edge) {
                    touched.insert(e);
                }
            }
        }
        // Mean score against each linked event whose window still shares a
        // day with the article's, best first.
        let mut linked: Vec<(f64, u32)> = Vec::new();
        for &e in &touched {
            let event = &self.events[&e];
            if !overlaps(event.window, window) {
                continue;
            }
            let sample = &event.members[..event.members.len().min(LINK_SAMPLE)];
            let avg = mean_link(1, sample.len(), |_, q| {
                pair_score(item, self.item(sample[q])).score
            });
            linked.push((avg, e));
        }
        linked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let eligible = &linked[..linked.iter().take_while(|l| l.0 >= threshold).count()];

        let slot = self.alloc(sig, item.empty, window, &ev);
        let lang = fp.lang;
        let Some(&(score, best)) = eligible.first() else {
            let e = self.found(id, fp.event_date, window, slot);
            let event = self.events[&e].id;
            self.sweep();
            return Insertion {
                event,
                score: 1.0,
                merged: Vec::new(),
                new_event: true,
                lang,
            };
        };
        self.join(best, slot);
        let mut current = best;
        let mut merged = Vec::new();
        // As in batch, any event the article links to (a verified edge) is
        // merged with its event when the two pass the average-linkage test,
        // even if the article alone is not close enough to both.
        for &(_, other) in linked.iter().filter(|l| l.1 != best) {
            let (a, b) = (&self.events[&current], &self.events[&other]);
            let Ok(_) = intersect(a.window, b.window) else {
                continue;
            };
            let sa = &a.members[..a.members.len().min(LINK_SAMPLE)];
            let sb = &b.members[..b.members.len().min(LINK_SAMPLE)];
            let link = mean_link(sa.len(), sb.len(), |p, q| {
                pair_score(self.item(sa[p]), self.item(sb[q])).score
            });
            if link >= threshold {
                let (keep, gone) = (current.min(other), current.max(other));
                merged.push(self.events[&gone].id);
                self.merge(keep, gone);
                current = keep;
            }
        }
        let event = self.events[&current].id;
        self.sweep();
        Insertion {
            event,
            score,
            merged,
            new_event: false,
            lang,
        }
    }

    /// The event an ID stands for now: the ID itself, or, when its event was
    /// merged into an older one, the older event's ID. IDs the index does not
    /// know (never issued, or forgotten under [`EvictionPolicy::Drop`]) are
    /// returned unchanged.
    pub fn resolve(&self, id: EventId) -> EventId {
        match self.by_id.get(&id) {
            Some(n) => self.events[&self.events[n].parent].id,
            None => id,
        }
    }

    /// True when `id` was issued by this index and is still remembered
    /// (live or archived, as an event or an alias).
    pub fn knows(&self, id: EventId) -> bool {
        self.by_id.contains_key(&id)
    }

    /// Events the index remembers (live or archived; aliases not counted).
    pub fn event_count(&self) -> usize {
        self.events.iter().filter(|(n, e)| e.parent == **n).count()
    }

    /// Events still open to new articles.
    pub fn live_events(&self) -> usize {
        self.closing.len()
    }

    /// Articles held in the index (not yet evicted).
    pub fn live_articles(&self) -> usize {
        self.live
    }

    /// Articles inserted since the index was created (across save and load).
    pub fn articles_inserted(&self) -> u64 {
        self.inserted
    }

    /// The newest metadata `published` date seen: eviction counts back from it.
    pub fn newest_date(&self) -> Option<NaiveDate> {
        self.newest.and_then(date)
    }

    /// Heap bytes held, by part: `(part, bytes)` for the signatures, slots,
    /// evidence, LSH cells, event members, and event records with their ID
    /// map. The first five are the per-live-article cost.
    pub fn memory_breakdown(&self) -> Vec<(&'static str, usize)> {
        use std::mem::size_of;
        let members: usize = self
            .events
            .values()
            .map(|e| 4 * (e.members.capacity() + e.absorbed.capacity()))
            .sum();
        let (signatures, records, evidence) = self.slots.heap();
        vec![
            ("signatures", signatures),
            ("slots", records + 4 * self.free.capacity()),
            ("evidence", evidence),
            ("lsh", 4 * self.table.cells.capacity()),
            ("members", members),
            (
                "events",
                (size_of::<Event>() + 4 + 8) * self.events.capacity()
                    + (size_of::<EventId>() + 4 + 8) * self.by_id.capacity()
                    + (size_of::<(Day, u32)>() + 8) * self.closing.len(),
            ),
        ]
    }

    // ---- internals ----

    fn item(&self, s: u32) -> Item<'_> {
        Item {
            sig: self.slots.sig(s),
            empty: self.slots.empty(s),
            window: self.slots.window(s),
            evidence: self.slots.evidence(s),
        }
    }

    /// The hash of band `b` of `sig` (its rows, four values at a time,
    /// through the SplitMix64 finaliser). Not stored: only the table layout
    /// depends on it.
    fn band_hash(&self, sig: &[u16], b: usize) -> u64 {
        let r = self.bands.rows;
        let mut key = (b as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        for chunk in sig[b * r..(b + 1) * r].chunks(4) {
            let packed = chunk.iter().fold(0u64, |x, &v| x << 16 | u64::from(v));
            key = mix64(key ^ packed);
        }
        key
    }

    fn indexable(&self, sig: &[u16]) -> bool {
        sig.len() >= self.bands.bands * self.bands.rows
    }

    /// Live slots sharing a band with `sig`, sorted.
    fn query(&self, sig: &[u16]) -> Vec<u32> {
        let mut out = Vec::new();
        if !self.indexable(sig) {
            return out;
        }
        let r = self.bands.rows;
        for b in 0..self.bands.bands {
            let h = self.band_hash(sig, b);
            let want = &sig[b * r..(b + 1) * r];
            self.table.probe(b, h, |s| {
                if self.slots.sig(s)[b * r..(b + 1) * r] == *want {
                    out.push(s);
                }
            });
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Adds a slot (already owned by its event) to the LSH cells.
    fn index_slot(&mut self, s: u32) {
        if self.slots.empty(s) || !self.indexable(self.slots.sig(s)) {
            return;
        }
        if self.table.needs_rebuild(self.bands.bands) {
            // The rebuild indexes every live slot, this one included.
            self.rebuild_table();
            return;
        }
        for b in 0..self.bands.bands {
            let h = self.band_hash(self.slots.sig(s), b);
            self.table.push(b, h, s);
        }
    }

    fn unindex_slot(&mut self, s: u32) {
        if self.slots.empty(s) || !self.indexable(self.slots.sig(s)) {
            return;
        }
        for b in 0..self.bands.bands {
            let h = self.band_hash(self.slots.sig(s), b);
            self.table.remove(b, h, s);
        }
    }

    /// Rebuilds the LSH cells from the live slots, at 75 % load (the next
    /// rebuild comes at 87.5 % of live entries and tombstones: linear probing
    /// over tagged 4-byte cells stays cheap there, and the cells cost 4.6–5.3
    /// bytes per entry). Fills one band region at a time, so its random writes stay in cache.
    fn rebuild_table(&mut self) {
        let n = self.slots.len() as u32;
        let indexed: Vec<u32> = (0..n)
            .filter(|&s| {
                self.slots.event(s) != FREE
                    && !self.slots.empty(s)
                    && self.indexable(self.slots.sig(s))
            })
            .collect();
        let region = (indexed.len() * 4 / 3).max(8) + 1;
        // Free the old cells first: both tables at once would add a third
        // to the index's peak memory.
        self.table = BandTable::default();
        let mut table = BandTable::new(self.bands.bands, region);
        // Band by band: the entries sorted by home cell (radix sort), then
        // laid down in one sequential pass, which gives the cells that
        // inserting them one by one would give (in some order).
        let mut keys: Vec<u64> = Vec::with_capacity(indexed.len());
        let mut scratch: Vec<u64> = vec![0; indexed.len()];
        for b in 0..self.bands.bands {
            keys.clear();
            keys.extend(indexed.iter().map(|&s| {
                let h = self.band_hash(self.slots.sig(s), b);
                let (start, home) = table.home(b, h);
                ((home - start) as u64) << 32 | u64::from(BandTable::cell(h, s))
            }));
            radix_sort_high(&mut keys, &mut scratch, region);
            table.lay_down(b, &keys);
        }
        self.table = table;
    }

    fn alloc(&mut self, sig: &[u16], empty: bool, window: Window, evidence: &[u8]) -> u32 {
        let s = match self.free.pop() {
            Some(s) => s,
            None => {
                assert!(
                    self.slots.len() < MAX_LIVE_ARTICLES,
                    "more than {MAX_LIVE_ARTICLES} live articles: lower Config::retention_days"
                );
                self.slots.push()
            }
        };
        self.slots.fill(s, sig, empty, window, evidence);
        self.live += 1;
        s
    }

    fn close_of(&self, window: Window, previous: Day) -> Day {
        match window {
            Some((_, end)) => end,
            None => previous.max(self.newest.unwrap_or(UNKNOWN)),
        }
    }

    fn found(
        &mut self,
        article_id: &str,
        event_date: Option<NaiveDate>,
        window: Window,
        slot: u32,
    ) -> u32 {
        let mut id = EventId::new(event_date, article_id);
        let mut attempt = 0u32;
        while self.by_id.contains_key(&id) {
            // Never reissue an ID: the same article id founding twice (or a
            // 32-bit hash collision) gets a derived founder key.
            attempt += 1;
            id = EventId::new(event_date, &format!("{article_id}\u{0}{attempt}"));
        }
        // Event numbers are 32-bit and `FREE` marks a free slot: past the
        // last number, wrapping would corrupt the index.
        assert!(
            !self.events_exhausted(),
            "{FREE} events issued: start a new state file"
        );
        let n = self.next_event;
        self.next_event += 1;
        let close = self.close_of(window, UNKNOWN);
        self.events.insert(
            n,
            Event {
                id,
                parent: n,
                window,
                close,
                articles: 1,
                members: vec![slot],
                absorbed: Vec::new(),
                archived: false,
            },
        );
        self.by_id.insert(id, n);
        self.closing.insert((close, n));
        self.slots.set_event(slot, n);
        self.index_slot(slot);
        n
    }

    /// True once every event number was issued (about 4.3 billion events):
    /// the next new event would panic.
    pub(crate) fn events_exhausted(&self) -> bool {
        self.next_event == FREE
    }

    fn join(&mut self, e: u32, slot: u32) {
        let window = self.slots.window(slot);
        let event = &self.events[&e];
        let new_window = intersect(event.window, window).expect("checked compatible");
        let old_close = event.close;
        let close = self.close_of(new_window, old_close);
        let event = self.events.get_mut(&e).expect("live event");
        event.window = new_window;
        event.close = close;
        event.articles = event.articles.saturating_add(1);
        event.members.push(slot);
        self.closing.remove(&(old_close, e));
        self.closing.insert((close, e));
        self.slots.set_event(slot, e);
        self.index_slot(slot);
    }

    fn merge(&mut self, keep: u32, gone: u32) {
        let mut g = self.events.remove(&gone).expect("live event");
        self.closing.remove(&(g.close, gone));
        for &m in &g.members {
            self.slots.set_event(m, keep);
        }
        for &a in &g.absorbed {
            self.events.get_mut(&a).expect("alias").parent = keep;
        }
        let k = &self.events[&keep];
        let window = intersect(k.window, g.window).expect("checked compatible");
        let old_close = k.close;
        let close = self.close_of(window, old_close.max(g.close));
        let k = self.events.get_mut(&keep).expect("live event");
        k.window = window;
        k.close = close;
        k.articles = k.articles.saturating_add(g.articles);
        k.members.append(&mut g.members);
        k.absorbed.push(gone);
        k.absorbed.append(&mut g.absorbed);
        self.closing.remove(&(old_close, keep));
        self.closing.insert((close, keep));
        g.parent = keep;
        g.members = Vec::new();
        g.absorbed = Vec::new();
        g.archived = true;
        self.events.insert(gone, g);
    }

    /// Moves the newest date forward (never back).
    fn advance(&mut self, d: Day) {
        if self.newest.is_some_and(|n| n >= d) {
            return;
        }
        let first = self.newest.is_none();
        self.newest = Some(d);
        if first {
            // Undated events founded before any date count from this one.
            let unknown: Vec<(Day, u32)> = self
                .closing
                .iter()
                .take_while(|(c, _)| *c == UNKNOWN)
                .copied()
                .collect();
            for (c, e) in unknown {
                self.closing.remove(&(c, e));
                self.closing.insert((d, e));
                self.events.get_mut(&e).expect("live event").close = d;
            }
        }
    }

    /// Evicts every live event whose close day is more than the retention
    /// before the newest date, oldest close first.
    fn sweep(&mut self) {
        let Some(newest) = self.newest else {
            return;
        };
        let horizon = i64::from(newest) - i64::from(self.config.retention_days);
        while let Some(&(close, e)) = self.closing.first() {
            if i64::from(close) >= horizon {
                break;
            }
            self.closing.pop_first();
            self.evict(e);
        }
    }

    fn evict(&mut self, e: u32) {
        let members = std::mem::take(&mut self.events.get_mut(&e).expect("live event").members);
        for &m in &members {
            self.unindex_slot(m);
            self.slots.clear(m);
            self.free.push(m);
            self.live -= 1;
        }
        match self.config.eviction {
            EvictionPolicy::Archive => {
                self.events.get_mut(&e).expect("event").archived = true;
            }
            EvictionPolicy::Drop => {
                let event = self.events.remove(&e).expect("event");
                self.by_id.remove(&event.id);
                for a in event.absorbed {
                    if let Some(alias) = self.events.remove(&a) {
                        self.by_id.remove(&alias.id);
                    }
                }
            }
        }
    }

    /// Saves the whole state to `path` atomically: the new state is written
    /// to a temporary file beside it, flushed to disk, then renamed over
    /// `path`, so `path` always holds either the old or the new complete state.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let mut w = Writer::default();
        self.encode(&mut w);
        crate::state::write_atomic(path.as_ref(), &w.into_bytes())
    }

    /// Loads a state saved by [`save`](Self::save). Never modifies the file.
    /// A truncated, corrupted or newer-version file is an [`Error::State`]
    /// saying what is wrong and what to do.
    pub fn load(path: impl AsRef<Path>) -> Result<EventIndex, Error> {
        let path = path.as_ref();
        let payload = crate::state::read(path)?;
        let mut index = EventIndex::from_payload(path, &payload)?;
        // The LSH cells are derived: built once the file's bytes are freed,
        // so that the two never take memory at the same time.
        drop(payload);
        index.rebuild_table();
        Ok(index)
    }

    /// The complete state-file bytes [`save`](Self::save) would write.
    pub(crate) fn to_state_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        self.encode(&mut w);
        crate::state::envelope(&w.into_bytes())
    }

    /// Loads state-file `bytes` exactly as [`load`](Self::load) loads a file;
    /// `path` only names the source in errors.
    pub(crate) fn from_state_bytes(path: &Path, bytes: Vec<u8>) -> Result<EventIndex, Error> {
        let payload = crate::state::open(path, bytes)?;
        let mut index = EventIndex::from_payload(path, &payload)?;
        // The LSH cells are derived: built once the file's bytes are freed,
        // so that the two never take memory at the same time.
        drop(payload);
        index.rebuild_table();
        Ok(index)
    }

    fn from_payload(path: &Path, payload: &[u8]) -> Result<EventIndex, Error> {
        let mut r = Reader::new(payload);
        EventIndex::decode(&mut r).map_err(|reason| Error::State {
            path: path.to_path_buf(),
            reason: format!(
                "inconsistent contents ({reason}) although the checksum matches: restore from backup or delete the file to start afresh"
            ),
        })
    }

    fn encode(&self, w: &mut Writer) {
        let c = &self.config;
        w.u32(c.num_hashes as u32);
        w.f64(c.threshold);
        w.f64(c.candidate_threshold);
        w.f64(c.edge_ratio);
        for v in [
            c.window.horizon_back,
            c.window.horizon_forward,
            c.window.slack_back,
            c.window.slack_forward,
        ] {
            w.i64(v);
        }
        w.u64(c.max_article_bytes as u64);
        w.u32(c.retention_days);
        w.u8(match c.eviction {
            EvictionPolicy::Archive => 0,
            EvictionPolicy::Drop => 1,
        });
        w.u32(self.bands.bands as u32);
        w.u32(self.bands.rows as u32);
        w.i32(self.newest.unwrap_or(UNKNOWN));
        w.u8(self.newest.is_some() as u8);
        w.u64(self.inserted);
        w.u32(self.next_event);
        // Slots.
        w.u32(self.slots.len() as u32);
        for s in 0..self.slots.len() as u32 {
            let event = self.slots.event(s);
            if event == FREE {
                w.u8(0);
                continue;
            }
            w.u8(1 | (self.slots.empty(s) as u8) << 1);
            w.u32(event);
            put_window(w, self.slots.window(s));
            w.bytes(self.slots.evidence(s));
            w.u16s(self.slots.sig(s));
        }
        w.u32(self.free.len() as u32);
        for &f in &self.free {
            w.u32(f);
        }
        // Events, in number order.
        let mut numbers: Vec<u32> = self.events.keys().copied().collect();
        numbers.sort_unstable();
        w.u32(numbers.len() as u32);
        for n in numbers {
            let e = &self.events[&n];
            w.u32(n);
            w.u8(e.id.date().is_some() as u8);
            w.i32(e.id.date().map_or(0, day));
            w.u32(e.id.hash());
            w.u32(e.parent);
            put_window(w, e.window);
            w.i32(e.close);
            w.u32(e.articles);
            w.u8(e.archived as u8);
            w.u32s(&e.members);
            w.u32s(&e.absorbed);
        }
    }

    fn decode(r: &mut Reader) -> Result<EventIndex, String> {
        let mut config = Config::default().num_hashes(r.u32()? as usize);
        config.threshold = r.f64()?;
        config.candidate_threshold = r.f64()?;
        config.edge_ratio = r.f64()?;
        config.window = WindowParams {
            horizon_back: r.i64()?,
            horizon_forward: r.i64()?,
            slack_back: r.i64()?,
            slack_forward: r.i64()?,
        };
        config.max_article_bytes = r.u64()? as usize;
        config.retention_days = r.u32()?;
        config.eviction = match r.u8()? {
            0 => EvictionPolicy::Archive,
            1 => EvictionPolicy::Drop,
            x => return Err(format!("unknown eviction policy {x}")),
        };
        config.validate().map_err(|e| e.to_string())?;
        let bands = Bands {
            bands: r.u32()? as usize,
            rows: r.u32()? as usize,
        };
        if bands.bands == 0 || bands.rows == 0 || bands.bands * bands.rows > config.num_hashes {
            return Err(format!("bad banding {bands:?}"));
        }
        let mut index = EventIndex::empty(config, bands);
        let newest = r.i32()?;
        index.newest = (r.u8()? == 1).then_some(newest);
        index.inserted = r.u64()?;
        index.next_event = r.u32()?;
        let k = index.k;
        let n_slots = r.u32()? as usize;
        // Every slot takes at least one payload byte: a corrupted count must
        // not allocate signatures for slots the file cannot hold.
        if n_slots > MAX_LIVE_ARTICLES || n_slots > r.remaining() {
            return Err(format!("{n_slots} slots"));
        }
        let mut sig = vec![0u16; k];
        for _ in 0..n_slots {
            let s = index.slots.push();
            let flags = r.u8()?;
            if flags == 0 {
                continue;
            }
            let event = r.u32()?;
            if event == FREE {
                return Err(format!("slot {s} names no event"));
            }
            let window = get_window(r)?;
            let evidence = r.bytes()?;
            let n = evidence.first().copied().unwrap_or(0) as usize;
            if evidence.is_empty() || evidence.len() < 1 + 4 * n {
                return Err("bad evidence".into());
            }
            r.u16s_into(&mut sig)?;
            index.slots.fill(s, &sig, flags & 2 != 0, window, evidence);
            index.slots.set_event(s, event);
            index.live += 1;
        }
        let n_free = r.u32()? as usize;
        let mut listed = vec![false; index.slots.len()];
        for _ in 0..n_free {
            let f = r.u32()?;
            if f as usize >= index.slots.len()
                || index.slots.event(f) != FREE
                || std::mem::replace(&mut listed[f as usize], true)
            {
                return Err(format!("free slot {f} is in use or listed twice"));
            }
            index.free.push(f);
        }
        let n_events = r.u32()? as usize;
        for _ in 0..n_events {
            let n = r.u32()?;
            let dated = r.u8()? == 1;
            let d = r.i32()?;
            let hash = r.u32()?;
            let id_date = if dated {
                Some(date(d).ok_or("bad event date")?)
            } else {
                None
            };
            let event = Event {
                id: EventId::from_parts(id_date, hash),
                parent: r.u32()?,
                window: get_window(r)?,
                close: r.i32()?,
                articles: r.u32()?,
                archived: r.u8()? == 1,
                members: r.u32s()?,
                absorbed: r.u32s()?,
            };
            if n >= index.next_event {
                return Err(format!("event {n} not yet issued"));
            }
            index.by_id.insert(event.id, n);
            index.events.insert(n, event);
        }
        r.finish()?;
        // Cross-check references, then rebuild the derived structures.
        let mut members_seen = 0;
        let mut owned = vec![false; index.slots.len()];
        for (&n, e) in &index.events {
            if index
                .events
                .get(&e.parent)
                .is_none_or(|p| p.parent != e.parent)
            {
                return Err(format!("event {n} points to a missing survivor"));
            }
            if e.parent != n && !(e.members.is_empty() && e.absorbed.is_empty()) {
                return Err(format!("alias {n} has members or aliases"));
            }
            for &a in &e.absorbed {
                if a == n || index.events.get(&a).is_none_or(|x| x.parent != n) {
                    return Err(format!("event {n} lists {a} as its alias"));
                }
            }
            for &m in &e.members {
                if m as usize >= index.slots.len()
                    || index.slots.event(m) != n
                    || std::mem::replace(&mut owned[m as usize], true)
                {
                    return Err(format!("event {n} lists slot {m} it does not own"));
                }
            }
            members_seen += e.members.len();
            if e.parent == n && !e.archived {
                index.closing.insert((e.close, n));
            }
        }
        if members_seen != index.live || index.by_id.len() != index.events.len() {
            return Err("article or ID counts disagree".into());
        }
        Ok(index)
    }
}

fn put_window(w: &mut Writer, win: Window) {
    match win {
        Some((a, b)) => {
            w.u8(1);
            w.i32(a);
            w.i32(b);
        }
        None => w.u8(0),
    }
}

fn get_window(r: &mut Reader) -> Result<Window, String> {
    Ok(match r.u8()? {
        0 => None,
        1 => {
            let (a, b) = (r.i32()?, r.i32()?);
            if a > b || date(a).is_none() || date(b).is_none() {
                return Err("bad date window".into());
            }
            Some((a, b))
        }
        x => return Err(format!("bad window tag {x}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laid_down_regions_answer_like_pushed_ones() {
        let mut rng = 0x1234_5678_u64;
        let mut next = || {
            rng = rng.wrapping_add(0x9e37_79b9_7f4a_7c15);
            mix64(rng)
        };
        for n in [0usize, 1, 7, 300, 5000] {
            let region = (n * 10 / 7).max(8) + 1;
            let entries: Vec<(u64, u32)> = (0..n as u32).map(|s| (next(), s)).collect();
            let mut pushed = BandTable::new(2, region);
            let mut laid = BandTable::new(2, region);
            for b in 0..2 {
                let mut keys: Vec<u64> = entries
                    .iter()
                    .map(|&(h, s)| {
                        let (start, home) = laid.home(b, h);
                        ((home - start) as u64) << 32 | u64::from(BandTable::cell(h, s))
                    })
                    .collect();
                let mut scratch = vec![0; keys.len()];
                radix_sort_high(&mut keys, &mut scratch, region);
                assert!(keys.windows(2).all(|w| w[0] >> 32 <= w[1] >> 32));
                laid.lay_down(b, &keys);
                for &(h, s) in &entries {
                    pushed.push(b, h, s);
                }
            }
            assert_eq!(laid.len, pushed.len);
            let mut a = laid.cells.clone();
            let mut p = pushed.cells.clone();
            a.sort_unstable();
            p.sort_unstable();
            assert_eq!(a, p, "same cells");
            for b in 0..2 {
                for &(h, s) in &entries {
                    let mut found = false;
                    laid.probe(b, h, |x| found |= x == s);
                    assert!(found, "entry {s} of band {b} reachable");
                }
            }
        }
    }

    #[test]
    fn slots_keep_evidence_across_frees_and_compaction() {
        let mut slots = Slots::new(4);
        let ev = |i: u32| {
            let mut e = vec![1u8];
            e.extend_from_slice(&i.to_le_bytes());
            e.extend(std::iter::repeat_n(b'x', (i % 50) as usize));
            e
        };
        let n = 3 * CHUNK as u32;
        for i in 0..n {
            let s = slots.push();
            assert_eq!(s, i);
            slots.fill(s, &[i as u16; 4], false, Some((1, 2)), &ev(i));
            slots.set_event(s, i);
        }
        // Free most of the slots (compacting the arenas), then refill some.
        for i in (0..n).filter(|i| i % 5 != 0) {
            slots.clear(i);
        }
        for i in (0..n).filter(|i| i % 5 == 1) {
            slots.fill(i, &[7; 3], false, None, &ev(i + 1));
            slots.set_event(i, i);
        }
        for i in 0..n {
            match i % 5 {
                0 => {
                    assert_eq!(slots.evidence(i), &ev(i)[..]);
                    assert_eq!(slots.sig(i), &[i as u16; 4]);
                    assert_eq!(slots.window(i), Some((1, 2)));
                    assert!(!slots.empty(i));
                }
                1 => {
                    assert_eq!(slots.evidence(i), &ev(i + 1)[..]);
                    assert!(slots.empty(i), "a short signature marks the slot empty");
                    assert_eq!(slots.window(i), None);
                }
                _ => assert_eq!(slots.event(i), FREE),
            }
        }
        let big = {
            let mut e = vec![0u8];
            for _ in 0..(MAX_EVIDENCE / 10 + 1) {
                e.extend_from_slice(b"name-name\0");
            }
            e
        };
        let kept = capped(&big);
        assert!(kept.len() <= MAX_EVIDENCE && kept.last() != Some(&0));
        assert!(std::str::from_utf8(&kept[1..]).is_ok());
    }

    #[test]
    fn index_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<EventIndex>();
    }
}
