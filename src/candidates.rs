//! Batch candidate generation: which article pairs the verifier scores.
//!
//! Two articles can be the same event only when their date windows share a
//! day, and the LSH proposes them only when their signatures agree on a whole
//! band. The batch stage uses both facts, with sorting instead of hash tables:
//!
//! 1. **Date blocks.** Days are cut into blocks of [`BLOCK_DAYS`]; a dated
//!    article belongs to every block its window touches. Two articles whose
//!    windows overlap both touch the block holding the first day of their
//!    overlap, and the pair is generated in that block only.
//! 2. **Buckets.** Within a block, the `(band key, article)` entries are
//!    sorted; a run of equal keys is an LSH bucket, and every pair in it is a
//!    candidate — unless the bucket holds more than `max_bucket` articles.
//!    Such a bucket is two bins whose minima are common words in that block
//!    (a near-duplicate story repeated hundreds of times would also fill one,
//!    but it shares many other bands); skipping it is what keeps the number
//!    of candidates per article bounded however dense the feed, where plain
//!    banding at a low threshold makes a fixed *fraction* of all pairs
//!    candidates (measured: ~11% of unrelated pairs at Jaccard ≈ 0.03 with
//!    128 bands of 2 rows), i.e. quadratic cost.
//! 3. **Each pair once, without a pair list.** A pair that shares several
//!    bands meets in several buckets. It is handed on only from the first
//!    band in which it shares a bucket of at most `max_bucket` articles (a
//!    bit per article and band marks the oversized buckets), so no list of
//!    pairs is sorted and deduplicated: the caller's verdict (`visit`) is
//!    taken in the bucket loop, and only what it keeps is stored. A cheap
//!    test on the number of agreeing signature values and a bound of the
//!    shared evidence (`keep`; numbers bounded by a 64-bit mask per
//!    article) runs before that first-band check, so most pairs cost one
//!    signature comparison per shared band, on a block-local contiguous
//!    copy of the signatures.
//! 4. **Undated articles** can match anything: they form one extra block
//!    among themselves, and each dated article looks its band keys up in
//!    that block's sorted entries (buckets over `max_bucket` skipped too);
//!    these pairs are collected and deduplicated (there are few).
//!
//! Cost: sorting `m·b` entries per block of `m` articles and `b` bands
//! (every dated article is in `⌈window / BLOCK_DAYS⌉ + 1` blocks at most),
//! plus at most `max_bucket − 1` partners per article per band: `O(n·b·
//! max_bucket)` pairs in the worst case, linear in `n` for a feed of steady
//! rate, each an `O(K)` signature comparison. Blocks are processed one after
//! the other, each in parallel (rayon): memory is `16·m·b` bytes of entries,
//! `2·m·K` of signatures and `m·b/8` of bucket bits for the block at hand,
//! plus what `visit` keeps.
//!
//! The result depends only on the set of fingerprints, never on their input
//! order: buckets are counted over whole blocks.

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::fingerprint::Fingerprint;
use crate::lsh::{Bands, band_keys};
use crate::minhash::agreeing;
use crate::verify::sorted_intersection;

/// Days per date block. A default window (publication date ± 3 days) spans
/// one or two blocks.
pub(crate) const BLOCK_DAYS: i64 = 7;

fn block(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce()).div_euclid(BLOCK_DAYS)
}

/// For every pair of input positions `i < j` that share an LSH band of at
/// most `max_bucket` articles, whose date windows can overlap, and whose
/// signatures agree on `same` values, the result of
/// `visit(i, j, same, numbers, names)` when it is `Some` (`numbers`: how
/// many numbers the two share; `names`: how many names `i` has): once per
/// pair, in no particular order. `visit` runs in parallel and may be called more than once for a
/// pair (it must be a pure function of its arguments).
///
/// `keep(same, most)` is a cheaper test first, `most` an upper bound of
/// `numbers + names` (exact or not): when it is false, `visit` is not
/// called, so it must be false only where `visit` would return `None`.
///
/// Signatures of another length than `k` (fingerprints of another
/// configuration) are not indexed: they estimate Jaccard 0 against these.
pub(crate) fn verified_pairs<T: Send>(
    fps: &[Fingerprint],
    k: usize,
    bands: Bands,
    max_bucket: usize,
    keep: impl Fn(u32, usize) -> bool + Sync,
    visit: impl Fn(u32, u32, u32, usize, usize) -> Option<T> + Sync,
) -> Vec<T> {
    let indexable = |fp: &Fingerprint| {
        !fp.signature.is_empty() && fp.signature.len() == k && k >= bands.bands * bands.rows
    };
    let mut dated: Vec<(i64, u32)> = Vec::new();
    let mut dated_articles: Vec<u32> = Vec::new();
    let mut undated: Vec<u32> = Vec::new();
    for (i, fp) in fps.iter().enumerate() {
        if !indexable(fp) {
            continue;
        }
        match fp.window {
            Some(w) => {
                dated_articles.push(i as u32);
                dated.extend((block(w.start)..=block(w.end)).map(|k| (k, i as u32)));
            }
            None => undated.push(i as u32),
        }
    }
    dated.sort_unstable();
    let mut out = Vec::new();
    for members in dated.chunk_by(|a, b| a.0 == b.0) {
        let blk = members[0].0;
        let members: Vec<u32> = members.iter().map(|&(_, i)| i).collect();
        let buckets = Block::new(fps, &members, k, bands, max_bucket, Some(blk));
        // Members are in input order, and so are the pairs of a bucket.
        let in_block = |x: u32, y: u32, same: u32, numbers: usize, names: usize| {
            visit(
                members[x as usize],
                members[y as usize],
                same,
                numbers,
                names,
            )
        };
        out.extend(buckets.pairs(&keep, &in_block));
    }

    // Undated articles among themselves, then against every dated article:
    // few pairs, collected and deduplicated.
    if !undated.is_empty() {
        let block = Block::new(fps, &undated, k, bands, max_bucket, None);
        let mut pairs: Vec<u64> = block.pairs(&|_, _| true, &|x, y, _, _, _| {
            Some(pack(undated[x as usize], undated[y as usize]))
        });
        let entries = &block.entries;
        pairs.par_extend(dated_articles.par_iter().flat_map_iter(|&i| {
            let mut found = Vec::new();
            for (band, key) in block.keys(fps[i as usize].signature.values()).enumerate() {
                let at = (key, band as u32);
                let lo = entries.partition_point(|e| (e.0, e.1) < at);
                let hi = entries.partition_point(|e| (e.0, e.1) <= at);
                // The bucket as the dated article sees it: itself included.
                if hi > lo && hi - lo < max_bucket {
                    found.extend(
                        entries[lo..hi]
                            .iter()
                            .map(|e| pack(i, undated[e.2 as usize])),
                    );
                }
            }
            found
        }));
        pairs.par_sort_unstable();
        pairs.dedup();
        out.par_extend(pairs.par_iter().filter_map(|&p| {
            let (a, b) = ((p >> 32) as u32, p as u32);
            let (fa, fb) = (&fps[a as usize], &fps[b as usize]);
            let same = agreeing(fa.signature.values(), fb.signature.values());
            let numbers = sorted_intersection(&fa.numbers, &fb.numbers);
            if !keep(same, numbers + fa.names.len()) {
                return None;
            }
            visit(a, b, same, numbers, fa.names.len())
        }));
    }
    out
}

/// The pairs `(i, j)`, `i < j`, [`verified_pairs`] hands on with no test on
/// the signatures: sorted.
#[cfg(test)]
pub(crate) fn candidate_pairs(
    fps: &[Fingerprint],
    bands: Bands,
    max_bucket: usize,
) -> Vec<(u32, u32)> {
    let k = fps.iter().map(|f| f.signature.len()).max().unwrap_or(0);
    let mut pairs = verified_pairs(
        fps,
        k,
        bands,
        max_bucket,
        |_, _| true,
        |a, b, _, _, _| Some((a, b)),
    );
    pairs.sort_unstable();
    pairs
}

/// The LSH buckets of one block of articles, sorted.
struct Block {
    bands: Bands,
    k: usize,
    max_bucket: usize,
    /// `(band key, band, local index)`, sorted: runs of equal `(key, band)`
    /// are the buckets.
    entries: Vec<(u64, u32, u32)>,
    /// The members' signatures, contiguous, `k` values each.
    sigs: Vec<u16>,
    /// Per member, a bit per band: its bucket in that band is oversized.
    oversized: Vec<u64>,
    words: usize,
    /// Per member, its date window as day numbers (undated: everything).
    windows: Vec<(i32, i32)>,
    /// The days of the date block (first, last), for dated articles: a pair
    /// is generated only in the block of the first day of its overlap.
    /// Undated: every day.
    block_days: (i64, i64),
    /// The members' numbers, contiguous (`numbers[ends[x - 1]..ends[x]]`),
    /// and how many names each has: verdicts mostly need no more.
    numbers: Vec<u64>,
    ends: Vec<u32>,
    names: Vec<u8>,
    /// Per member, a bit per number (by its low six bits): two members
    /// whose masks are disjoint share no number, without merging the lists.
    number_bits: Vec<u64>,
}

impl Block {
    fn new(
        fps: &[Fingerprint],
        members: &[u32],
        k: usize,
        bands: Bands,
        max_bucket: usize,
        block: Option<i64>,
    ) -> Block {
        let mut sigs = Vec::with_capacity(members.len() * k);
        for &i in members {
            sigs.extend_from_slice(fps[i as usize].signature.values());
        }
        let windows = members
            .iter()
            .map(|&i| {
                fps[i as usize].window.map_or((i32::MIN, i32::MAX), |w| {
                    (w.start.num_days_from_ce(), w.end.num_days_from_ce())
                })
            })
            .collect();
        let (mut numbers, mut ends) = (Vec::new(), Vec::with_capacity(members.len()));
        for &i in members {
            numbers.extend_from_slice(&fps[i as usize].numbers);
            ends.push(numbers.len() as u32);
        }
        let names = members
            .iter()
            .map(|&i| fps[i as usize].names.len().min(255) as u8)
            .collect();
        let number_bits = members
            .iter()
            .map(|&i| {
                fps[i as usize]
                    .numbers
                    .iter()
                    .fold(0u64, |bits, &h| bits | 1 << (h % 64))
            })
            .collect();
        let mut block = Block {
            bands,
            k,
            max_bucket,
            entries: Vec::new(),
            sigs,
            oversized: Vec::new(),
            words: bands.bands.div_ceil(64),
            windows,
            // `blk` holds the days whose `div_euclid(BLOCK_DAYS)` is `blk`:
            // a range test per pair instead of a division.
            block_days: block.map_or((i64::MIN, i64::MAX), |blk| {
                (blk * BLOCK_DAYS, blk * BLOCK_DAYS + BLOCK_DAYS - 1)
            }),
            numbers,
            ends,
            names,
            number_bits,
        };
        // With two rows or fewer a key has 32 bits: when band and member
        // fit in the other 32, the entries sort as single `u64`s, in the
        // same order (key, band, member) at half the bytes and one
        // comparison each.
        let band_bits = usize::BITS - bands.bands.saturating_sub(1).leading_zeros();
        let member_bits = 32 - band_bits;
        if bands.rows <= 2 && (members.len() as u64) <= 1 << member_bits {
            let mut packed: Vec<u64> = (0..members.len())
                .into_par_iter()
                .flat_map_iter(|x| {
                    let sig = &block.sigs[x * k..(x + 1) * k];
                    block.keys(sig).enumerate().map(move |(band, key)| {
                        (key << 32) | ((band as u64) << member_bits) | x as u64
                    })
                })
                .collect();
            packed.par_sort_unstable();
            let low = (1u64 << member_bits) - 1;
            block.entries = packed
                .par_iter()
                .map(|&p| {
                    (
                        p >> 32,
                        ((p & 0xffff_ffff) >> member_bits) as u32,
                        (p & low) as u32,
                    )
                })
                .collect();
        } else {
            let entries: Vec<(u64, u32, u32)> = (0..members.len())
                .into_par_iter()
                .flat_map_iter(|x| {
                    let sig = &block.sigs[x * k..(x + 1) * k];
                    block
                        .keys(sig)
                        .enumerate()
                        .map(move |(band, key)| (key, band as u32, x as u32))
                })
                .collect();
            block.entries = entries;
            block.entries.par_sort_unstable();
        }
        let mut oversized = vec![0u64; members.len() * block.words];
        for run in block.entries.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            if run.len() > max_bucket {
                for &(_, band, x) in run {
                    let band = band as usize;
                    oversized[x as usize * block.words + band / 64] |= 1 << (band % 64);
                }
            }
        }
        block.oversized = oversized;
        block
    }

    /// The band keys of a signature: two rows or fewer are packed as they
    /// are (equal keys are equal rows, and nothing to hash), more are hashed.
    fn keys<'a>(&self, sig: &'a [u16]) -> Box<dyn Iterator<Item = u64> + 'a> {
        let r = self.bands.rows;
        if r <= 2 {
            Box::new((0..self.bands.bands).map(move |b| {
                sig[b * r..(b + 1) * r]
                    .iter()
                    .fold(0u64, |key, &v| (key << 16) | u64::from(v))
            }))
        } else {
            Box::new(band_keys(self.bands, sig))
        }
    }

    fn numbers_of(&self, x: u32) -> &[u64] {
        let x = x as usize;
        let start = if x == 0 { 0 } else { self.ends[x - 1] as usize };
        &self.numbers[start..self.ends[x] as usize]
    }

    /// At most the numbers `x` and `y` share: none when their bits are
    /// disjoint, else as many as the shorter list holds.
    fn most_numbers(&self, x: u32, y: u32) -> usize {
        let (xu, yu) = (x as usize, y as usize);
        if self.number_bits[xu] & self.number_bits[yu] == 0 {
            return 0;
        }
        let len =
            |x: usize| self.ends[x] as usize - if x == 0 { 0 } else { self.ends[x - 1] as usize };
        len(xu).min(len(yu))
    }

    fn sig(&self, x: u32) -> &[u16] {
        &self.sigs[x as usize * self.k..(x as usize + 1) * self.k]
    }

    /// True when `x` and `y` (local) share a bucket of at most `max_bucket`
    /// articles in a band before `band`: the pair was met there already.
    fn met_before(&self, x: u32, y: u32, band: usize) -> bool {
        let (sx, sy, r) = (self.sig(x), self.sig(y), self.bands.rows);
        let oversized = &self.oversized[x as usize * self.words..][..self.words];
        // A word of band-equality bits at a time, without branches inside,
        // so the compiler can vectorise the comparisons.
        for (w, &skip) in oversized.iter().enumerate() {
            let lo = w * 64;
            if lo >= band {
                break;
            }
            let hi = band.min(lo + 64);
            let mut equal = 0u64;
            if r == 2 {
                for b in lo..hi {
                    let e = (sx[2 * b] == sy[2 * b]) & (sx[2 * b + 1] == sy[2 * b + 1]);
                    equal |= u64::from(e) << (b - lo);
                }
            } else {
                for b in lo..hi {
                    let e = (b * r..(b + 1) * r).fold(true, |eq, t| eq & (sx[t] == sy[t]));
                    equal |= u64::from(e) << (b - lo);
                }
            }
            if equal & !skip != 0 {
                return true;
            }
        }
        false
    }

    /// True when the windows of `x` and `y` overlap and, in a dated block,
    /// the first day of the overlap is in this block.
    fn dates_fit(&self, x: u32, y: u32) -> bool {
        let (wx, wy) = (self.windows[x as usize], self.windows[y as usize]);
        let start = wx.0.max(wy.0);
        let (first, last) = self.block_days;
        start <= wx.1.min(wy.1) && (first..=last).contains(&i64::from(start))
    }

    /// `visit(x, y, same, numbers, names)` (local indices, `x < y`) for
    /// every pair in a bucket of at most `max_bucket` articles whose dates
    /// fit, when `keep(same, most)` (`most`: at least `numbers + names`);
    /// what it returns is kept from the first band
    /// the pair shares such a bucket in only. `visit` may see a pair more
    /// than once.
    fn pairs<T: Send>(
        &self,
        keep: &(impl Fn(u32, usize) -> bool + Sync),
        visit: &(impl Fn(u32, u32, u32, usize, usize) -> Option<T> + Sync),
    ) -> Vec<T> {
        self.entries
            .par_chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
            .filter(|run| run.len() >= 2 && run.len() <= self.max_bucket)
            .flat_map_iter(|run| {
                let band = run[0].1 as usize;
                let mut out = Vec::new();
                for (n, &(_, _, x)) in run.iter().enumerate() {
                    for &(_, _, y) in &run[n + 1..] {
                        if !self.dates_fit(x, y) {
                            continue;
                        }
                        let same = agreeing(self.sig(x), self.sig(y));
                        // An upper bound of the evidence first: most pairs
                        // fail it, without merging the number lists.
                        let names = usize::from(self.names[x as usize]);
                        if !keep(same, self.most_numbers(x, y) + names) {
                            continue;
                        }
                        let numbers = sorted_intersection(self.numbers_of(x), self.numbers_of(y));
                        // The verdict before the first-band check: most
                        // pairs fail it, and then that check is not needed.
                        let Some(t) = visit(x, y, same, numbers, names) else {
                            continue;
                        };
                        if !self.met_before(x, y, band) {
                            out.push(t);
                        }
                    }
                }
                out
            })
            .collect()
    }
}

/// The pair as one sortable `u64`, smaller position first.
fn pack(a: u32, b: u32) -> u64 {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    (u64::from(a) << 32) | u64::from(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Clusterer};

    fn fps(articles: &[(&str, &str, Option<&str>)]) -> Vec<Fingerprint> {
        let c = Clusterer::new();
        articles
            .iter()
            .map(|&(id, text, published)| {
                let mut a = Article::new(id, text);
                if let Some(p) = published {
                    a = a.with_published(p);
                }
                c.fingerprint(&a)
            })
            .collect()
    }

    const STORY: &str = "Japan's trade minister Nishimura met US Commerce Secretary Raimondo in Detroit on semiconductors, export controls and critical minerals supply chains.";
    const OTHER: &str = "Heavy rain flooded the old harbour town overnight; the fire brigade pumped water out of forty cellars and the ferry was cancelled.";

    #[test]
    fn pairs_follow_windows_and_content() {
        // (articles, expected pairs)
        type Case<'a> = (&'a [(&'a str, &'a str, Option<&'a str>)], &'a [(u32, u32)]);
        let table: [Case; 5] = [
            // Same text, windows overlapping across a block boundary.
            (
                &[
                    ("a", STORY, Some("2023-05-26")),
                    ("b", STORY, Some("2023-05-29")),
                ],
                &[(0, 1)],
            ),
            // Same text, windows months apart: never a candidate.
            (
                &[
                    ("a", STORY, Some("2023-05-26")),
                    ("b", STORY, Some("2023-11-14")),
                ],
                &[],
            ),
            // Different stories, same day.
            (
                &[
                    ("a", STORY, Some("2023-05-26")),
                    ("b", OTHER, Some("2023-05-26")),
                ],
                &[],
            ),
            // Undated matches dated, in either order.
            (
                &[
                    ("a", STORY, None),
                    ("b", STORY, Some("2023-05-26")),
                    ("c", STORY, None),
                ],
                &[(0, 1), (0, 2), (1, 2)],
            ),
            // Empty text is never a candidate.
            (&[("a", "", None), ("b", "", None)], &[]),
        ];
        let bands = Bands::for_threshold(0.075, 256);
        for (articles, expected) in table {
            let got = candidate_pairs(&fps(articles), bands, 64);
            assert_eq!(got, expected, "{articles:?}");
        }
    }

    /// The candidate pairs by definition, pair by pair: every pair that
    /// shares a band whose bucket (in the pair's block) holds at most
    /// `max_bucket` articles, dates permitting.
    fn reference(fps: &[Fingerprint], bands: Bands, max_bucket: usize) -> Vec<(u32, u32)> {
        let r = bands.rows;
        let rows = |f: &Fingerprint, b: usize| f.signature.values()[b * r..(b + 1) * r].to_vec();
        let touches = |f: &Fingerprint, k: i64| {
            f.window
                .is_some_and(|w| (block(w.start)..=block(w.end)).contains(&k))
        };
        let mut out = Vec::new();
        for i in 0..fps.len() {
            for j in i + 1..fps.len() {
                let (a, b) = (&fps[i], &fps[j]);
                let found = (0..bands.bands).any(|band| {
                    if rows(a, band) != rows(b, band) {
                        return false;
                    }
                    let bucket = |f: &&Fingerprint| rows(f, band) == rows(a, band);
                    match (a.window, b.window) {
                        (Some(wa), Some(wb)) => {
                            let k = block(wa.start.max(wb.start));
                            wa.overlaps(&wb)
                                && fps.iter().filter(|f| touches(f, k)).filter(bucket).count()
                                    <= max_bucket
                        }
                        (None, None) => {
                            fps.iter()
                                .filter(|f| f.window.is_none())
                                .filter(bucket)
                                .count()
                                <= max_bucket
                        }
                        // The dated article's view: the undated bucket and itself.
                        _ => {
                            fps.iter()
                                .filter(|f| f.window.is_none())
                                .filter(bucket)
                                .count()
                                < max_bucket
                        }
                    }
                });
                if found {
                    out.push((i as u32, j as u32));
                }
            }
        }
        out
    }

    #[test]
    fn pairs_are_those_of_the_definition() {
        // Variants of a few stories (signatures differing in a varying share
        // of values), on several days and undated, with small bucket caps:
        // buckets of every size, pairs sharing one band or many.
        let base = fps(&[
            ("a", STORY, Some("2023-05-26")),
            ("b", OTHER, Some("2023-05-29")),
            ("c", STORY, None),
        ]);
        let mut f = Vec::new();
        for (v, shift) in [0i64, 1, 3, 5, 9, 0, 2].iter().enumerate() {
            for (s, fp) in base.iter().enumerate() {
                let fraction = [0.5, 0.8, 0.9][(v + s) % 3];
                f.push(fp.synthetic_variant(*shift, (v * 3 + s) as u64 % 4, fraction));
            }
        }
        // Two rows (entries sorted packed) and four (hashed keys, sorted as
        // tuples).
        let wide = Bands { bands: 32, rows: 4 };
        for bands in [Bands::for_threshold(0.075, 256), wide] {
            let mut sizes = Vec::new();
            for max_bucket in [2, 3, 5, 64] {
                let expected = reference(&f, bands, max_bucket);
                assert_eq!(
                    candidate_pairs(&f, bands, max_bucket),
                    expected,
                    "{bands:?} max_bucket {max_bucket}"
                );
                sizes.push(expected.len());
            }
            // The caps matter: a cap of 2 drops pairs a cap of 64 keeps.
            assert!(0 < sizes[0] && sizes[0] < sizes[3], "{bands:?} {sizes:?}");
        }
    }

    #[test]
    fn oversized_buckets_are_skipped() {
        // Five copies of one text share every band: buckets of 5.
        let five: Vec<(&str, &str, Option<&str>)> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|&id| (id, STORY, Some("2023-05-26")))
            .collect();
        let f = fps(&five);
        let bands = Bands::for_threshold(0.075, 256);
        assert_eq!(candidate_pairs(&f, bands, 5).len(), 10);
        assert!(candidate_pairs(&f, bands, 4).is_empty());
    }

    #[test]
    fn input_order_does_not_matter() {
        let articles = [
            ("a", STORY, Some("2023-05-26")),
            ("b", STORY, None),
            ("c", OTHER, Some("2023-05-27")),
            ("d", STORY, Some("2023-06-01")),
            ("e", OTHER, None),
        ];
        let f = fps(&articles);
        let bands = Bands::for_threshold(0.075, 256);
        let names = |pairs: Vec<(u32, u32)>, order: &[usize]| {
            let mut v: Vec<(usize, usize)> = pairs
                .into_iter()
                .map(|(x, y)| {
                    let (x, y) = (order[x as usize], order[y as usize]);
                    (x.min(y), x.max(y))
                })
                .collect();
            v.sort_unstable();
            v
        };
        let forward = names(candidate_pairs(&f, bands, 64), &[0, 1, 2, 3, 4]);
        let order = [4, 2, 0, 3, 1];
        let shuffled: Vec<Fingerprint> = order.iter().map(|&i| f[i].clone()).collect();
        assert_eq!(
            names(candidate_pairs(&shuffled, bands, 64), &order),
            forward
        );
        assert!(!forward.is_empty());
    }
}
