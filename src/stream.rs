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
//! 5. any other event that also reached the threshold with the article, whose
//!    window still intersects, and whose mean pairwise score with the
//!    enlarged event (average linkage, as batch) reaches the threshold, is
//!    merged. The event with the **oldest** ID (first issued) survives; the
//!    others become aliases that [`EventIndex::resolve`] maps to it, and the
//!    article's [`Insertion::merged`] lists them.
//!
//! An issued ID is never reused for another event and never re-pointed to an
//! unrelated one: it either names its event or is an alias of the event it was
//! merged into.
//!
//! ## Memory
//! A live article costs its `2·K`-byte signature (512 B at `K = 256`), about
//! `4·b/0.8` bytes of LSH cells (b ≤ 64 bands), a 32-byte slot and its
//! evidence (numbers as 32-bit hashes, names as one string): about 1 KiB.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64_with_seed;

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
/// about 5 bytes per live article). The batch banding at the default threshold
/// has 128 bands of 2 rows; the index keeps the first 64 of them.
pub const MAX_STREAM_BANDS: usize = 64;

/// Most live articles one index holds (slot numbers are 24 bits wide).
pub const MAX_LIVE_ARTICLES: usize = 0x00FF_FFFE;

/// What an [`EventIndex`] does with an event once its date window closed more
/// than [`Config::retention_days`] before the newest article seen.
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

/// One live article: everything the verifier needs, compactly.
#[derive(Clone, Debug)]
struct Slot {
    /// Its event (always a survivor), or `FREE`.
    event: u32,
    window: Window,
    /// True when the article had no usable text (matches nothing).
    empty: bool,
    /// `[n][n × u32 number hashes, sorted][names joined by '\0']`.
    evidence: Box<[u8]>,
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
#[derive(Clone, Debug, Default)]
struct BandTable {
    cells: Vec<u32>,
    len: usize,
    tombs: usize,
}

const EMPTY_CELL: u32 = u32::MAX;
const TOMB_CELL: u32 = u32::MAX - 1;

impl BandTable {
    fn home(&self, h: u64) -> usize {
        (((h >> 32) * self.cells.len() as u64) >> 32) as usize
    }

    fn cell(h: u64, slot: u32) -> u32 {
        ((h as u32 & 0xff) << 24) | slot
    }

    fn needs_rebuild(&self, extra: usize) -> bool {
        (self.len + self.tombs + extra) * 8 > self.cells.len() * 7
    }

    fn push(&mut self, h: u64, slot: u32) {
        let n = self.cells.len();
        let mut i = self.home(h);
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
            if i == n {
                i = 0;
            }
        }
    }

    fn remove(&mut self, h: u64, slot: u32) {
        let n = self.cells.len();
        let want = Self::cell(h, slot);
        let mut i = self.home(h);
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
            if i == n {
                i = 0;
            }
        }
    }

    /// Slots in the probe run of `h` whose tag matches (to be confirmed).
    fn probe(&self, h: u64, mut f: impl FnMut(u32)) {
        let n = self.cells.len();
        if n == 0 {
            return;
        }
        let tag = (h as u32 & 0xff) << 24;
        let mut i = self.home(h);
        loop {
            let c = self.cells[i];
            if c == EMPTY_CELL {
                return;
            }
            if c != TOMB_CELL && c & 0xff00_0000 == tag {
                f(c & 0x00ff_ffff);
            }
            i += 1;
            if i == n {
                i = 0;
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
    sigs: Vec<u16>,
    slots: Vec<Slot>,
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
        EventIndex {
            k: config.num_hashes,
            config,
            fingerprinter,
            bands,
            sigs: Vec::new(),
            slots: Vec::new(),
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
        if let Some(d) = fp.published.or(fp.event_date).map(day) {
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
                let slot = &self.slots[s as usize];
                if touched.contains(&slot.event) || !overlaps(window, slot.window) {
                    continue;
                }
                if pair_matches(item, self.item(s), edge) {
                    touched.insert(slot.event);
                }
            }
        }
        // Mean score against each: the eligible events, best first.
        let mut eligible: Vec<(f64, u32)> = Vec::new();
        for &e in &touched {
            let event = &self.events[&e];
            if !overlaps(event.window, window) {
                continue;
            }
            let sample = &event.members[..event.members.len().min(LINK_SAMPLE)];
            let avg = mean_link(&[0], sample, |_, m| pair_score(item, self.item(m)).score);
            if avg >= threshold {
                eligible.push((avg, e));
            }
        }
        eligible.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));

        let slot = self.alloc(sig, item.empty, window, ev.clone());
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
        for &(_, other) in &eligible[1..] {
            let (a, b) = (&self.events[&current], &self.events[&other]);
            let Ok(_) = intersect(a.window, b.window) else {
                continue;
            };
            let sa = &a.members[..a.members.len().min(LINK_SAMPLE)];
            let sb = &b.members[..b.members.len().min(LINK_SAMPLE)];
            let link = mean_link(sa, sb, |x, y| pair_score(self.item(x), self.item(y)).score);
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

    /// The newest article date seen: eviction counts back from it.
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
        let evidence: usize = self.slots.iter().map(|s| s.evidence.len()).sum();
        vec![
            ("signatures", 2 * self.sigs.capacity()),
            (
                "slots",
                size_of::<Slot>() * self.slots.capacity() + 4 * self.free.capacity(),
            ),
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
        let slot = &self.slots[s as usize];
        let i = s as usize * self.k;
        Item {
            sig: &self.sigs[i..i + self.k],
            empty: slot.empty,
            window: slot.window,
            evidence: &slot.evidence,
        }
    }

    fn band_hash(&self, sig: &[u16], b: usize) -> u64 {
        let r = self.bands.rows;
        let mut bytes = [0u8; 64];
        let mut key = b as u64;
        for chunk in sig[b * r..(b + 1) * r].chunks(32) {
            for (i, v) in chunk.iter().enumerate() {
                bytes[2 * i..2 * i + 2].copy_from_slice(&v.to_le_bytes());
            }
            key = xxh3_64_with_seed(&bytes[..2 * chunk.len()], key);
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
            self.table.probe(h, |s| {
                let i = s as usize * self.k + b * r;
                if (0..r).all(|j| self.sigs[i + j] == want[j]) {
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
        let i = s as usize * self.k;
        if self.slots[s as usize].empty || !self.indexable(&self.sigs[i..i + self.k]) {
            return;
        }
        if self.table.needs_rebuild(self.bands.bands) {
            // The rebuild indexes every live slot, this one included.
            self.rebuild_table();
            return;
        }
        for b in 0..self.bands.bands {
            let h = self.band_hash(&self.sigs[i..i + self.k], b);
            self.table.push(h, s);
        }
    }

    fn unindex_slot(&mut self, s: u32) {
        let i = s as usize * self.k;
        if self.slots[s as usize].empty || !self.indexable(&self.sigs[i..i + self.k]) {
            return;
        }
        for b in 0..self.bands.bands {
            let h = self.band_hash(&self.sigs[i..i + self.k], b);
            self.table.remove(h, s);
        }
    }

    /// Rebuilds the LSH cells from the live slots, at about 70 % load (the
    /// next rebuild comes at 87.5 %: linear probing over tagged 4-byte cells
    /// stays cheap there, and the cells average under 6 bytes per entry).
    fn rebuild_table(&mut self) {
        let indexed: Vec<u32> = (0..self.slots.len() as u32)
            .filter(|&s| {
                let slot = &self.slots[s as usize];
                let i = s as usize * self.k;
                slot.event != FREE && !slot.empty && self.indexable(&self.sigs[i..i + self.k])
            })
            .collect();
        let entries = indexed.len() * self.bands.bands;
        let cap = (entries * 10 / 7).max(64) + self.bands.bands;
        self.table = BandTable {
            cells: vec![EMPTY_CELL; cap],
            len: 0,
            tombs: 0,
        };
        for s in indexed {
            let i = s as usize * self.k;
            for b in 0..self.bands.bands {
                let h = self.band_hash(&self.sigs[i..i + self.k], b);
                self.table.push(h, s);
            }
        }
    }

    fn alloc(&mut self, sig: &[u16], empty: bool, window: Window, evidence: Box<[u8]>) -> u32 {
        let slot = Slot {
            event: FREE,
            window,
            empty,
            evidence,
        };
        let s = match self.free.pop() {
            Some(s) => {
                self.slots[s as usize] = slot;
                s
            }
            None => {
                assert!(
                    self.slots.len() < MAX_LIVE_ARTICLES,
                    "more than {MAX_LIVE_ARTICLES} live articles: lower Config::retention_days"
                );
                if self.slots.len() == self.slots.capacity() {
                    // Grow by a quarter, not double: the arrays are most of
                    // the index's memory.
                    let more = self.slots.len() / 4 + 64;
                    self.slots.reserve_exact(more);
                    self.sigs.reserve_exact(more * self.k);
                }
                self.slots.push(slot);
                self.sigs.resize(self.slots.len() * self.k, 0);
                (self.slots.len() - 1) as u32
            }
        };
        let i = s as usize * self.k;
        if sig.len() == self.k {
            self.sigs[i..i + self.k].copy_from_slice(sig);
        } else {
            self.sigs[i..i + self.k].fill(u16::MAX);
            self.slots[s as usize].empty = true;
        }
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
        self.slots[slot as usize].event = n;
        self.index_slot(slot);
        n
    }

    /// True once every event number was issued (about 4.3 billion events):
    /// the next new event would panic.
    pub(crate) fn events_exhausted(&self) -> bool {
        self.next_event == FREE
    }

    fn join(&mut self, e: u32, slot: u32) {
        let window = self.slots[slot as usize].window;
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
        self.slots[slot as usize].event = e;
        self.index_slot(slot);
    }

    fn merge(&mut self, keep: u32, gone: u32) {
        let mut g = self.events.remove(&gone).expect("live event");
        self.closing.remove(&(g.close, gone));
        for &m in &g.members {
            self.slots[m as usize].event = keep;
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
            self.slots[m as usize] = Slot {
                event: FREE,
                window: None,
                empty: true,
                evidence: Box::new([]),
            };
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
        EventIndex::from_payload(path, &payload)
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
        EventIndex::from_payload(path, &payload)
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
        for (s, slot) in self.slots.iter().enumerate() {
            if slot.event == FREE {
                w.u8(0);
                continue;
            }
            w.u8(1 | (slot.empty as u8) << 1);
            w.u32(slot.event);
            put_window(w, slot.window);
            w.bytes(&slot.evidence);
            w.u16s(&self.sigs[s * self.k..(s + 1) * self.k]);
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
        index.sigs = vec![0; n_slots * k];
        for s in 0..n_slots {
            let flags = r.u8()?;
            if flags == 0 {
                index.slots.push(Slot {
                    event: FREE,
                    window: None,
                    empty: true,
                    evidence: Box::new([]),
                });
                continue;
            }
            let event = r.u32()?;
            let window = get_window(r)?;
            let evidence: Box<[u8]> = r.bytes()?.into();
            let n = evidence.first().copied().unwrap_or(0) as usize;
            if evidence.is_empty() || evidence.len() < 1 + 4 * n {
                return Err("bad evidence".into());
            }
            r.u16s_into(&mut index.sigs[s * k..(s + 1) * k])?;
            index.slots.push(Slot {
                event,
                window,
                empty: flags & 2 != 0,
                evidence,
            });
            index.live += 1;
        }
        let n_free = r.u32()? as usize;
        let mut listed = vec![false; index.slots.len()];
        for _ in 0..n_free {
            let f = r.u32()?;
            if index.slots.get(f as usize).is_none_or(|s| s.event != FREE)
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
                if index.slots.get(m as usize).is_none_or(|s| s.event != n)
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
        index.rebuild_table();
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
    fn index_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<EventIndex>();
    }
}
