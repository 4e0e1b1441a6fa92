//! # samestory
//!
//! Tells when news articles in different languages and from different outlets
//! report the *same real-world event*, and gives every event one canonical
//! event ID.
//!
//! ```
//! use samestory::{Article, Clusterer};
//!
//! let articles = vec![
//!     Article::new("en", "Japan's METI minister Nishimura and US Commerce Secretary Raimondo met in Detroit on Friday, May 26, 2023, to discuss semiconductors and chip supply chains.")
//!         .with_published("2023-05-26"),
//!     Article::new("en-rewrite", "On Friday in Detroit, Commerce Secretary Raimondo and Japan's Nishimura agreed on semiconductor cooperation and chip supply chains.")
//!         .with_published("2023-05-27"),
//!     Article::new("other", "Nishimura and Raimondo met again in San Francisco on November 14, 2023, on semiconductors and chip supply chains.")
//!         .with_published("2023-11-15"),
//! ];
//! let clustering = Clusterer::new().cluster(&articles);
//! let [a, b, c] = &clustering.assignments()[..] else { panic!() };
//! assert_eq!(a.event, b.event);
//! assert_ne!(a.event, c.event); // same actors and words, different date
//! assert!(a.event.to_string().starts_with("ev-2023-05-2"));
//! ```
//!
//! ## Streaming
//!
//! [`EventIndex`] ingests articles as they arrive and answers at once:
//!
//! ```
//! use samestory::{Article, Config, EventIndex};
//!
//! let mut index = EventIndex::new(Config::default().retention_days(30)).unwrap();
//! let first = index.insert(&Article::new("a", "Raimondo and Nishimura met in Detroit on May 26, 2023, on chip supply chains.").with_published("2023-05-26"));
//! assert!(first.new_event);
//! // Later articles: `event` is the ID to use; `merged` lists IDs this
//! // article showed to be the same event (aliases now: `resolve` maps them).
//! for ins in index.insert_batch(&[Article::new("b", "In Detroit, Raimondo and Nishimura agreed on chip supply chains.").with_published("2023-05-27")]) {
//!     assert_eq!(index.resolve(ins.event), ins.event);
//!     for old in &ins.merged { assert_eq!(index.resolve(*old), ins.event); }
//! }
//! ```
//!
//! * **Stable IDs.** An ID, once issued, always names the same event: when a
//!   later article shows two events are one, the older ID survives and the
//!   other becomes an alias ([`EventIndex::resolve`], [`Insertion::merged`]).
//! * **Streaming vs batch.** [`Clusterer::cluster`] sees everything and is
//!   order-independent; the index decides each article on arrival (greedy
//!   average linkage against the live events), so its partition can depend on
//!   arrival order and differ from batch where articles arrive in an
//!   unlucky order (e.g. all of one language first: two related stories may
//!   share an event before their translations arrive). With the same input in
//!   the same order it is deterministic, whether in one run or split across
//!   restarts through a state file. A streamed event keeps the ID its founding
//!   article gave it, where batch derives IDs from the final clusters.
//! * **Eviction.** An event whose date window closed more than
//!   [`Config::retention_days`] (default 30) before the newest `published`
//!   date seen (metadata only: dates found in the text never move this
//!   clock) leaves the index ([`EvictionPolicy::Archive`] keeps its ID and
//!   aliases, [`EvictionPolicy::Drop`] forgets it), so memory stays bounded.
//!   A late article (dated before that horizon) is compared with what is
//!   still live; if nothing matches, it founds an event dated by itself that
//!   is archived at once. It never re-opens an evicted event.
//! * **State file.** [`EventIndex::save`] writes one versioned, checksummed
//!   file atomically (temporary file, fsync, rename, fsync of the folder): the
//!   previous state survives any failure. [`EventIndex::load`] never writes
//!   and rejects a truncated, corrupted or newer-version file with an
//!   [`Error::State`] saying what to do.
//!
//! ## Pipeline
//! clean → segment/normalise → bridge → fingerprint → index → verify → cluster.
//!
#![doc = include_str!("guide.md")]
#![deny(missing_docs)]

mod article;
mod bridge;
mod candidates;
mod clean;
mod cluster;
mod config;
mod dates;
mod error;
mod explain;
mod fingerprint;
mod fxhash;
mod lexicon;
mod lsh;
mod minhash;
mod normalize;
mod prefetch;
pub mod report;
mod script;
mod state;
mod stream;
mod translit;
mod verify;

pub use article::{Article, read_dir, read_jsonl};
pub use cluster::{EventId, ParseEventIdError};
pub use config::Config;
pub use error::Error;
pub use explain::{ChannelOverlap, DayRange, Explanation};
pub use fingerprint::{Fingerprint, Warning};
pub use script::Lang;
pub use stream::{EventIndex, EvictionPolicy, Insertion, MAX_LIVE_ARTICLES, MAX_STREAM_BANDS};

use bridge::Bridge;
use cluster::ClusterParams;
use fingerprint::{Fingerprinter, article_text};
use normalize::nfkc;

/// The main type: fingerprints articles, clusters them into events and
/// explains its decisions.
pub struct Clusterer {
    config: Config,
    fingerprinter: Fingerprinter,
}

/// One article's event.
#[derive(Clone, Debug, PartialEq)]
pub struct Assignment {
    /// The article's id.
    pub id: String,
    /// Its event.
    pub event: EventId,
    /// The strongest verified score linking it into the event (1.0 when it is
    /// alone in its event).
    pub score: f64,
    /// Its detected dominant language.
    pub lang: Lang,
}

/// How two fingerprints compare (see [`Clusterer::compare`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Comparison {
    /// Estimated Jaccard similarity of the pivot shingles.
    pub similarity: f64,
    /// The verifier's score: similarity plus a small bonus for shared names and numbers.
    pub score: f64,
    /// False when both are dated and their windows cannot overlap.
    pub dates_compatible: bool,
    /// The verdict at the configured threshold.
    pub matched: bool,
}

/// The result of [`Clusterer::cluster`].
#[derive(Clone, Debug)]
pub struct Clustering {
    assignments: Vec<Assignment>,
    events: Vec<(EventId, Vec<usize>)>,
    warnings: Vec<(usize, Warning)>,
}

impl Clustering {
    /// One assignment per input article, in input order.
    pub fn assignments(&self) -> &[Assignment] {
        &self.assignments
    }

    /// Each event with the input positions of its articles, ordered by ID.
    pub fn events(&self) -> &[(EventId, Vec<usize>)] {
        &self.events
    }

    /// Warnings about articles that were nevertheless clustered, as
    /// `(input position, warning)` in input order: truncated articles,
    /// unreadable `published` values, duplicate ids. Empty for clean input.
    ///
    /// ```
    /// use samestory::{Article, Clusterer, Config, Warning};
    /// let c = Clusterer::with_config(Config::default().max_article_bytes(64)).unwrap();
    /// let articles = [
    ///     Article::new("a", "word ".repeat(100)).with_published("last Tuesday"),
    ///     Article::new("a", "short"),
    /// ];
    /// let w = c.cluster(&articles).warnings().to_vec();
    /// assert!(matches!(w[0], (0, Warning::Truncated { original: 500, kept: 64 })));
    /// assert!(matches!(w[1], (0, Warning::UnreadablePublished(_))));
    /// assert_eq!(w[2], (1, Warning::DuplicateId));
    /// ```
    pub fn warnings(&self) -> &[(usize, Warning)] {
        &self.warnings
    }
}

impl Default for Clusterer {
    fn default() -> Clusterer {
        Clusterer::new()
    }
}

impl Clusterer {
    /// A clusterer with the default [`Config`].
    pub fn new() -> Clusterer {
        Clusterer::with_config(Config::default()).expect("the default config is valid")
    }

    /// A clusterer with `config`, or an error naming the invalid setting.
    pub fn with_config(config: Config) -> Result<Clusterer, Error> {
        config.validate()?;
        let fingerprinter = Fingerprinter {
            bridge: Bridge::new(),
            num_hashes: config.num_hashes,
            window: config.window,
            max_bytes: config.max_article_bytes,
        };
        Ok(Clusterer {
            config,
            fingerprinter,
        })
    }

    /// The settings in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The fingerprint of one article.
    pub fn fingerprint(&self, article: &Article) -> Fingerprint {
        self.fingerprinter.fingerprint(article)
    }

    /// Clusters a batch. The partition and the event IDs depend only on the
    /// set of articles, not on their order.
    pub fn cluster(&self, articles: &[Article]) -> Clustering {
        self.cluster_fingerprints(articles, &self.fingerprint_all(articles, |_| {}))
    }

    /// The fingerprints of `articles`, in input order, computed in parallel;
    /// `progress` is called once per finished article (from worker threads,
    /// in no particular order) with the number finished so far, e.g. to move
    /// a progress bar.
    ///
    /// ```
    /// use samestory::{Article, Clusterer};
    /// let articles = [Article::new("a", "Raimondo met Nishimura in Detroit.")];
    /// let done = std::sync::atomic::AtomicUsize::new(0);
    /// let c = Clusterer::new();
    /// let fps = c.fingerprint_all(&articles, |n| { done.fetch_max(n, std::sync::atomic::Ordering::Relaxed); });
    /// assert_eq!(done.into_inner(), 1);
    /// assert_eq!(c.cluster_fingerprints(&articles, &fps).assignments().len(), 1);
    /// ```
    pub fn fingerprint_all(
        &self,
        articles: &[Article],
        progress: impl Fn(usize) + Sync,
    ) -> Vec<Fingerprint> {
        // Fingerprints are independent: computed in parallel (rayon), in
        // input order, so the result does not depend on the thread count.
        use rayon::prelude::*;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let done = AtomicUsize::new(0);
        articles
            .par_iter()
            .map(|a| {
                let fp = self.fingerprint(a);
                progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                fp
            })
            .collect()
    }

    /// Clusters a batch whose fingerprints were already computed by this
    /// clusterer ([`fingerprint_all`](Self::fingerprint_all) or
    /// [`fingerprint`](Self::fingerprint)), exactly as
    /// [`cluster`](Self::cluster) would: fingerprint once, cluster many times
    /// (at several thresholds), or build a [`report::Report`] without
    /// fingerprinting twice.
    ///
    /// # Panics
    /// When `fingerprints` and `articles` differ in length.
    pub fn cluster_fingerprints(
        &self,
        articles: &[Article],
        fingerprints: &[Fingerprint],
    ) -> Clustering {
        assert_eq!(
            articles.len(),
            fingerprints.len(),
            "one fingerprint per article"
        );
        let fps = fingerprints;
        let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        let params = ClusterParams {
            threshold: self.config.threshold,
            edge_threshold: self.config.threshold * self.config.edge_ratio,
            candidate_threshold: self.config.candidate_threshold,
            max_bucket: self.config.max_bucket,
        };
        let p = cluster::cluster(&ids, fps, &params, self.config.num_hashes);
        let assignments = articles
            .iter()
            .enumerate()
            .map(|(i, a)| Assignment {
                id: a.id.clone(),
                event: p.events[p.event_of[i]].0,
                score: p.link_score[i],
                lang: fps[i].lang,
            })
            .collect();
        let mut seen = std::collections::HashSet::with_capacity(articles.len());
        let mut warnings = Vec::new();
        for (i, (a, fp)) in articles.iter().zip(fps).enumerate() {
            warnings.extend(fp.warnings(a).into_iter().map(|w| (i, w)));
            if !seen.insert(a.id.as_str()) {
                warnings.push((i, Warning::DuplicateId));
            }
        }
        Clustering {
            assignments,
            events: p.events,
            warnings,
        }
    }

    /// Compares two fingerprints as the verifier does.
    pub fn compare(&self, a: &Fingerprint, b: &Fingerprint) -> Comparison {
        let s = verify::score(a, b);
        Comparison {
            similarity: s.jaccard,
            score: s.score,
            dates_compatible: s.dates_compatible,
            matched: s.matches(self.config.threshold),
        }
    }

    /// Explains whether and why `a` and `b` are the same event.
    pub fn explain(&self, a: &Article, b: &Article) -> Explanation {
        let (fa, fb) = (self.fingerprint(a), self.fingerprint(b));
        let s = verify::score(&fa, &fb);
        let keys = |x: &Article| {
            let mut k = explain::KeySets::default();
            let hint = x.lang.as_deref().and_then(Lang::from_tag);
            self.fingerprinter.bridge.bridge(
                &nfkc(&article_text(x, self.config.max_article_bytes)),
                hint,
                &mut k,
            );
            k
        };
        let shared_names = fa
            .names
            .iter()
            .filter(|x| fb.names.iter().any(|y| verify::names_match(x, y)))
            .map(|x| x.to_string())
            .collect();
        Explanation {
            ids: (a.id.clone(), b.id.clone()),
            langs: (fa.lang, fb.lang),
            similarity: s.jaccard,
            score: s.score,
            threshold: self.config.threshold,
            channels: explain::overlaps(&keys(a), &keys(b)),
            shared_names,
            windows: (fa.window(), fb.window()),
            dates_compatible: s.dates_compatible,
            matched: s.matches(self.config.threshold),
        }
    }
}

/// Entry points to single pipeline stages, for the criterion benchmarks and
/// the fuzz targets. Not part of the stable API.
#[doc(hidden)]
pub mod stages {
    use crate::bridge::{Bridge, Channel, Sink};
    use crate::minhash::{Signature, shingle_hash};

    /// Cleans raw article text (HTML, Markdown, boilerplate).
    pub fn clean(raw: &str) -> String {
        crate::clean::clean(raw)
    }

    /// NFKC-normalises text.
    pub fn normalize(text: &str) -> String {
        crate::normalize::nfkc(text)
    }

    /// Segments normalised text into the bridge's pieces, paragraph by
    /// paragraph, and counts its letters by script; returns the number of
    /// pieces plus the letters counted (so the work cannot be optimised away).
    pub fn segment(normalized: &str) -> usize {
        let mut pieces = Vec::new();
        let mut n = 0;
        for paragraph in normalized.split('\n') {
            pieces.clear();
            let c = crate::normalize::append_pieces(paragraph, &mut pieces);
            n += pieces.len() + c.han + c.kana + c.hangul + c.latin + c.cyrillic;
        }
        n
    }

    /// Loads every lexicon now (they load lazily, on first use, otherwise):
    /// for benchmarks that must not time a load.
    pub fn load_all_lexicons() {
        let _ = crate::lexicon::lexicons();
        let _ = crate::lexicon::cjk_dict();
        let _ = crate::lexicon::places();
        for lang in crate::Lang::ALL {
            let _ = crate::lexicon::concept_lexicon(lang);
        }
        let _ = crate::lexicon::thai_words();
    }

    /// A bridge with the process-wide lexicons (loads them on first use).
    #[derive(Default)]
    pub struct BridgeStage(Bridge);

    struct Count(usize);
    impl Sink for Count {
        fn emit(&mut self, _: Channel, key: &str) {
            self.0 += key.len();
        }
    }

    impl BridgeStage {
        /// The invariants the `bridge` fuzz target checks: NFKC is idempotent
        /// and the bridge deterministic on any text.
        pub fn check(&self, text: &str) {
            let normalized = crate::normalize::nfkc(text);
            assert_eq!(
                crate::normalize::nfkc(&normalized),
                normalized,
                "NFKC not idempotent"
            );
            let keys = self.key_strings(&normalized);
            assert_eq!(
                self.key_strings(&normalized),
                keys,
                "bridge not deterministic"
            );
            assert!(keys.iter().all(|k| !k.is_empty()));
            let _ = self.shingles(&normalized);
        }

        /// Runs the bridge over normalised text; returns the total key bytes.
        pub fn keys(&self, normalized: &str) -> usize {
            let mut c = Count(0);
            self.0.bridge(normalized, None, &mut c);
            c.0
        }

        /// Every pivot key of normalised text under a language `hint`, as
        /// `channel:key` strings, and the letters counted per detected language.
        pub fn key_strings_hinted(
            &self,
            normalized: &str,
            hint: Option<crate::Lang>,
        ) -> (Vec<String>, Vec<(crate::Lang, usize)>) {
            struct Keys(Vec<String>);
            impl Sink for Keys {
                fn emit(&mut self, channel: Channel, key: &str) {
                    self.0.push(format!("{}:{key}", channel.name()));
                }
            }
            let mut k = Keys(Vec::new());
            let stats = self.0.bridge(normalized, hint, &mut k);
            (k.0, stats.letters)
        }

        /// The shingle hashes of normalised text, as a fingerprint collects
        /// them (weighted, by synonym class; in key order, not deduplicated).
        pub fn shingles(&self, normalized: &str) -> Vec<u64> {
            let mut c = crate::fingerprint::Collector::default();
            self.0.bridge(normalized, None, &mut c);
            c.hashes
        }

        /// Every pivot key of normalised text, as `channel:key` strings.
        pub fn key_strings(&self, normalized: &str) -> Vec<String> {
            struct Keys(Vec<String>);
            impl Sink for Keys {
                fn emit(&mut self, channel: Channel, key: &str) {
                    self.0.push(format!("{}:{key}", channel.name()));
                }
            }
            let mut k = Keys(Vec::new());
            self.0.bridge(normalized, None, &mut k);
            k.0
        }
    }

    /// Hashes shingle strings with the fingerprint's xxh3 seed.
    pub fn shingle_hashes<'a>(shingles: impl IntoIterator<Item = &'a str>) -> Vec<u64> {
        shingles
            .into_iter()
            .map(|s| shingle_hash(s.as_bytes()))
            .collect()
    }

    /// One-permutation MinHash with optimal densification over shingle hashes;
    /// returns the signature's values.
    pub fn minhash(hashes: &[u64], k: usize) -> Vec<u16> {
        Signature::from_hashes(hashes.iter().copied(), k)
            .values()
            .to_vec()
    }

    /// Estimated Jaccard similarity of the MinHash signatures of two hash sets.
    pub fn estimate_jaccard(a: &[u64], b: &[u64], k: usize) -> f64 {
        Signature::from_hashes(a.iter().copied(), k)
            .jaccard(&Signature::from_hashes(b.iter().copied(), k))
    }

    /// A banded LSH index over signatures of `k` values tuned to `threshold`.
    pub struct LshStage {
        index: crate::lsh::LshIndex,
        k: usize,
    }

    impl LshStage {
        /// An empty index.
        pub fn new(threshold: f64, k: usize) -> LshStage {
            LshStage {
                index: crate::lsh::LshIndex::new(crate::lsh::Bands::for_threshold(threshold, k)),
                k,
            }
        }

        /// Inserts the set `hashes` under `id`.
        pub fn insert(&mut self, id: u32, hashes: &[u64]) {
            let sig = Signature::from_hashes(hashes.iter().copied(), self.k);
            self.index.insert(id, &sig);
        }

        /// Ids of candidates for `hashes`.
        pub fn query(&self, hashes: &[u64]) -> Vec<u32> {
            self.index
                .query(&Signature::from_hashes(hashes.iter().copied(), self.k))
        }
    }

    /// Publication date, date mentions and window of a cleaned text, as
    /// `(mentions found, window)`.
    pub fn dates(clean_text: &str) -> (usize, Option<(chrono::NaiveDate, chrono::NaiveDate)>) {
        let published = crate::dates::find_dateline(clean_text);
        let mentions = crate::dates::extract_mentions(clean_text, published);
        let w = crate::dates::event_window(
            published,
            &mentions,
            &crate::dates::WindowParams::default(),
        );
        (mentions.len(), w.map(|w| (w.start, w.end)))
    }

    /// Parses a metadata `published` value as the fingerprint does.
    pub fn parse_published(s: &str) -> Option<chrono::NaiveDate> {
        crate::dates::parse_published(s)
    }

    /// The invariants the `clean` fuzz target checks (and the regression tests
    /// re-check on every committed crasher): no panic; tidy output (trimmed,
    /// no blank lines, no internal markers); bounded growth (in layered
    /// markup a `<` or `&` may become a 3-byte `＜`/`＆`); idempotent unless
    /// wiki links are nested deeper than the cleaning rounds.
    pub fn check_clean(raw: &str) -> String {
        let (once, settled) = crate::clean::clean_settled(raw);
        assert_eq!(once.trim(), once, "untrimmed output");
        assert!(!once.contains("\n\n"), "blank line in output");
        assert!(
            !once.contains(['\u{E000}', '\u{E001}', '\r']),
            "internal marker leaked"
        );
        assert!(
            once.len() <= 3 * raw.len() + 16,
            "output grew: {} -> {} bytes",
            raw.len(),
            once.len()
        );
        // Layered tags and entities are defused; only wiki links nested
        // deeper than the rounds stay unsettled.
        if settled || !raw.contains("[[") {
            assert_eq!(crate::clean::clean(&once), once, "not idempotent");
        }
        once
    }

    /// The invariants the `dates` fuzz target checks: `published` parsing,
    /// the dateline, mentions (offsets on char boundaries, in text order,
    /// within the accepted years) and a well-formed window.
    pub fn check_dates(text: &str) {
        use chrono::Datelike;
        let sane = |d: chrono::NaiveDate| (1899..=2101).contains(&d.year());
        if let Some(d) = crate::dates::parse_published(text) {
            assert!(sane(d), "published {d} out of range");
        }
        let published = crate::dates::find_dateline(text);
        if let Some(d) = published {
            assert!(sane(d), "dateline {d} out of range");
        }
        for anchor in [published, None] {
            let mentions = crate::dates::extract_mentions(text, anchor);
            let mut last = 0;
            for m in &mentions {
                assert!(text.is_char_boundary(m.offset), "offset {}", m.offset);
                assert!(m.offset >= last, "mentions out of order");
                last = m.offset;
            }
            if let Some(w) = crate::dates::event_window(
                anchor,
                &mentions,
                &crate::dates::WindowParams::default(),
            ) {
                assert!(w.start <= w.end, "inverted window {w:?}");
            }
        }
    }

    /// The invariants the `jsonl` fuzz target checks: every non-blank line
    /// yields exactly one article or one error naming that line, in order;
    /// every article has a non-empty id and survives a JSON round trip.
    pub fn check_jsonl(data: &[u8]) {
        let lines = data.split(|&b| b == b'\n').count();
        let mut last_err = 0;
        let mut items = 0;
        for r in crate::read_jsonl(data) {
            items += 1;
            match r {
                Ok(a) => {
                    assert!(!a.id.trim().is_empty(), "empty id accepted");
                    let json = serde_json::to_string(&a).expect("serialisable");
                    let back: crate::Article = serde_json::from_str(&json).expect("round trip");
                    assert_eq!(back, a);
                }
                Err(crate::Error::BadLine { line, reason }) => {
                    assert!(line > last_err && line <= lines, "line {line} of {lines}");
                    assert!(!reason.is_empty());
                    last_err = line;
                }
                Err(e) => panic!("unexpected error kind: {e}"),
            }
        }
        assert!(items <= lines);
    }

    /// The state file of `payload` with a valid header and checksum: what the
    /// `state` fuzz target also loads from its input (from byte 20 on, minus
    /// the 8-byte trailer, when the input starts like a state file), so that
    /// mutations reach the payload decoder instead of failing the checksum.
    pub fn state_envelope(payload: &[u8]) -> Vec<u8> {
        crate::state::envelope(payload)
    }

    /// The invariants the `state` fuzz target checks on arbitrary bytes: the
    /// state loader returns an index or an [`Error::State`](crate::Error::State),
    /// never panics; the same for the bytes re-sealed with a valid envelope
    /// ([`state_envelope`]); and every index it loads is usable: it re-saves to
    /// a state that loads back byte-identical, takes one small article whose
    /// event ID then resolves to itself (and is known, unless the policy is
    /// `Drop` and the event was evicted at once, aliases included), and still
    /// round-trips after that. An index that has issued every event number
    /// (a documented limit) is only round-tripped.
    pub fn check_state(data: &[u8]) {
        let path = std::path::Path::new("<fuzz input>");
        let load = |bytes: Vec<u8>| match crate::EventIndex::from_state_bytes(path, bytes) {
            Ok(index) => Some(index),
            Err(crate::Error::State { reason, .. }) => {
                assert!(!reason.is_empty(), "empty reason");
                None
            }
            Err(e) => panic!("unexpected error kind: {e}"),
        };
        let round_trip = |index: &crate::EventIndex| {
            let saved = index.to_state_bytes();
            let again = load(saved.clone()).expect("a saved state loads");
            assert!(again.to_state_bytes() == saved, "state changed on reload");
            again
        };
        let payload = match data.get(20..data.len().saturating_sub(8)) {
            Some(p) if data.starts_with(crate::state::MAGIC) => p,
            _ => data,
        };
        for bytes in [data.to_vec(), state_envelope(payload)] {
            let Some(index) = load(bytes) else { continue };
            let mut index = round_trip(&index);
            if index.events_exhausted() {
                // A documented limit: no new event can be founded.
                continue;
            }
            let ins = index.insert(
                &crate::Article::new(
                    "fuzz-probe",
                    "Raimondo and Nishimura met in Detroit on May 26, 2023, on chip supply chains.",
                )
                .with_published("2023-05-26"),
            );
            assert_eq!(
                index.resolve(ins.event),
                ins.event,
                "new event ID is an alias"
            );
            // Under `Drop`, a late article's event is forgotten at once.
            if index.config().eviction == crate::EvictionPolicy::Archive {
                assert!(index.knows(ins.event), "new event ID unknown");
            }
            for old in &ins.merged {
                if index.knows(ins.event) {
                    assert_eq!(index.resolve(*old), ins.event, "merged ID not an alias");
                } else {
                    // Evicted at once under `Drop`: forgotten with its aliases.
                    assert!(!index.knows(*old), "alias of a forgotten event kept");
                }
            }
            let again = round_trip(&index);
            assert_eq!(again.resolve(ins.event), ins.event, "ID lost on reload");
        }
    }

    /// Builds an article from arbitrary bytes: NUL-separated fields `text`,
    /// `title`, `published`, `lang` (lossily decoded).
    pub fn article_from_bytes(data: &[u8]) -> crate::Article {
        let mut fields = data
            .split(|&b| b == 0)
            .map(|f| String::from_utf8_lossy(f).into_owned());
        let mut a = crate::Article::new("fuzz", fields.next().unwrap_or_default());
        a.title = fields.next();
        a.published = fields.next();
        a.lang = fields.next();
        a
    }

    /// The invariants the `fingerprint` fuzz target checks on the article
    /// [`article_from_bytes`] builds: deterministic fingerprint, a
    /// well-formed window, self-similarity 1 for a non-empty signature.
    pub fn check_fingerprint(clusterer: &crate::Clusterer, data: &[u8]) {
        let a = article_from_bytes(data);
        let fp = clusterer.fingerprint(&a);
        assert_eq!(clusterer.fingerprint(&a), fp, "not deterministic");
        if let Some((s, e)) = fp.window() {
            assert!(s <= e, "inverted window");
        }
        let c = clusterer.compare(&fp, &fp);
        if fp.shingle_count() > 0 {
            assert!((c.similarity - 1.0).abs() < 1e-9, "self-similarity {c:?}");
        }
        assert!(c.score.is_finite());
    }
}
