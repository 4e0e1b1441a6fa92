//! Clustering: verified candidate pairs become events with canonical IDs.
//!
//! Batch clustering is agglomerative over verified edges, strongest first
//! (ties broken by article id, so any input order gives the same result).
//! Two clusters merge only when
//! 1. the date windows of all their members still share a day, and
//! 2. their average pairwise similarity is at least `link_ratio × threshold`,
//!
//! the second rule stopping one bridge article from chaining two unrelated
//! stories together (single linkage's classic failure).
//!
//! The linkage runs over each article's [`MAX_EDGES_PER_ARTICLE`] strongest
//! verified edges (an edge stays when it is among the strongest of either
//! article): the edges that pass by chance grow with the number of articles
//! in a date window, an article's true partners do not.
//!
//! Cost: candidate generation as in [`crate::candidates`]; `O(c·K)` to
//! verify `c` candidate pairs (in parallel, inside the candidate
//! generator's bucket loop; most stop at the Jaccard estimate or the shared
//! numbers, on block-local data); `O(e log e)` to sort the `e` verified edges; and for each
//! accepted merge, per neighbouring cluster, an average over at most
//! [`LINK_SAMPLE`]² member pairs (a Jaccard-only upper bound first, the full
//! score only when the bound passes).

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use xxhash_rust::xxh3::xxh3_64;

use crate::dates::DateWindow;
use crate::fingerprint::Fingerprint;

use crate::candidates::verified_pairs;
use crate::lsh::Bands;
use crate::verify::{MAX_BONUS, edge_bound, edge_score, score};

/// Members of each side sampled (in canonical order) for the average-linkage test.
pub(crate) const LINK_SAMPLE: usize = 16;

/// Verified edges kept per article for linkage: its strongest ones.
pub(crate) const MAX_EDGES_PER_ARTICLE: usize = 32;

/// A canonical event ID: the event's date and a hash of its founding
/// article's id, written `ev-2023-05-26-3f9a1c07` (or `ev-undated-3f9a1c07`).
///
/// ```
/// let id: samestory::EventId = "ev-2023-05-26-3f9a1c07".parse().unwrap();
/// assert_eq!(id.to_string(), "ev-2023-05-26-3f9a1c07");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventId {
    date: Option<NaiveDate>,
    hash: u32,
}

impl EventId {
    /// The ID of an event dated `date` whose founding article has id `founder`.
    pub(crate) fn new(date: Option<NaiveDate>, founder: &str) -> EventId {
        EventId {
            date,
            hash: xxh3_64(founder.as_bytes()) as u32,
        }
    }

    /// The event's date, if it is dated.
    pub fn date(&self) -> Option<NaiveDate> {
        self.date
    }

    /// The 32-bit founder hash (for persistence).
    pub(crate) fn hash(&self) -> u32 {
        self.hash
    }

    /// Rebuilds an ID from its parts (for persistence).
    pub(crate) fn from_parts(date: Option<NaiveDate>, hash: u32) -> EventId {
        EventId { date, hash }
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.date {
            Some(d) => write!(f, "ev-{}-{:08x}", d.format("%Y-%m-%d"), self.hash),
            None => write!(f, "ev-undated-{:08x}", self.hash),
        }
    }
}

/// The error of parsing a malformed [`EventId`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseEventIdError(String);

impl fmt::Display for ParseEventIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not an event id: {:?} (expected ev-YYYY-MM-DD-xxxxxxxx or ev-undated-xxxxxxxx)",
            self.0
        )
    }
}

impl std::error::Error for ParseEventIdError {}

impl FromStr for EventId {
    type Err = ParseEventIdError;

    fn from_str(s: &str) -> Result<EventId, ParseEventIdError> {
        let err = || ParseEventIdError(s.to_string());
        let rest = s.strip_prefix("ev-").ok_or_else(err)?;
        let (date_part, hash_part) = rest.rsplit_once('-').ok_or_else(err)?;
        if hash_part.len() != 8 {
            return Err(err());
        }
        let hash = u32::from_str_radix(hash_part, 16).map_err(|_| err())?;
        let date = match date_part {
            "undated" => None,
            d => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| err())?),
        };
        Ok(EventId { date, hash })
    }
}

impl Serialize for EventId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EventId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<EventId, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Settings the clustering step needs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ClusterParams {
    /// Mean pairwise score two clusters need to merge.
    pub threshold: f64,
    /// Score a candidate pair needs to count as linked at all.
    pub edge_threshold: f64,
    /// Similarity the LSH index is tuned to catch.
    pub candidate_threshold: f64,
    /// LSH buckets holding more articles than this are skipped.
    pub max_bucket: usize,
}

/// The result of batch clustering: for each input article, in input order,
/// its event; and each event's members.
#[derive(Clone, Debug)]
pub(crate) struct Partition {
    /// Event index of each article (input order).
    pub event_of: Vec<usize>,
    /// Per event: its ID and member indices (input order), canonical order of events by ID.
    pub events: Vec<(EventId, Vec<usize>)>,
    /// Per article: the best verified score linking it into its event (1.0 for singletons' founders).
    pub link_score: Vec<f64>,
}

struct Dsu {
    parent: Vec<usize>,
    members: Vec<Vec<usize>>,
    window: Vec<Option<DateWindow>>,
}

impl Dsu {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
}

pub(crate) fn intersect(
    a: Option<DateWindow>,
    b: Option<DateWindow>,
) -> Result<Option<DateWindow>, ()> {
    match (a, b) {
        (Some(x), Some(y)) => {
            let w = DateWindow {
                start: x.start.max(y.start),
                end: x.end.min(y.end),
            };
            if w.start <= w.end {
                Ok(Some(w))
            } else {
                Err(())
            }
        }
        (x, None) => Ok(x),
        (None, y) => Ok(y),
    }
}

/// Clusters fingerprints. `ids` are the articles' ids (for deterministic tie
/// breaks and event IDs); both slices are in input order.
pub(crate) fn cluster(
    ids: &[&str],
    fps: &[Fingerprint],
    params: &ClusterParams,
    num_hashes: usize,
) -> Partition {
    let n = fps.len();
    // Canonical order: by id; duplicate ids by content (so that the result
    // stays independent of input order), then by input position (only
    // articles that are indistinguishable here are ordered by position).
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        ids[a].cmp(ids[b]).then_with(|| {
            let key = |f: &Fingerprint| {
                (
                    f.signature.values().to_vec(),
                    f.window(),
                    f.published,
                    f.event_date,
                    f.shingles,
                )
            };
            key(&fps[a]).cmp(&key(&fps[b])).then(a.cmp(&b))
        })
    });
    let mut rank = vec![0usize; n];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    // The k-th article (k > 0, canonical order) sharing an id with earlier
    // ones founds events under `id` + k, so that duplicate ids cannot give two
    // different events the same ID.
    let mut dup = vec![0usize; n];
    for w in order.windows(2) {
        if ids[w[0]] == ids[w[1]] {
            dup[w[1]] = dup[w[0]] + 1;
        }
    }

    let bands = Bands::for_threshold(params.candidate_threshold, num_hashes);
    // Verification is independent per pair: done where the candidate
    // generator meets the pair (in parallel), and only edges are kept (16
    // bytes each). A pair whose Jaccard estimate cannot reach the edge
    // threshold even with the largest evidence bonus stops at the signature
    // comparison, with the arithmetic of `verify::edge_score`.
    let k = num_hashes as f64;
    let edges: Vec<(f64, u32, u32)> = verified_pairs(
        fps,
        num_hashes,
        bands,
        params.max_bucket,
        |same| f64::from(same) / k + MAX_BONUS >= params.edge_threshold,
        |i, j, same, numbers, names| {
            // Names count for `i` only (`shared_names`): with every name
            // matching, is the edge threshold in reach? Most pairs stop here,
            // on block-local data.
            if edge_bound(same, num_hashes, numbers + names) < params.edge_threshold {
                return None;
            }
            let (fi, fj) = (&fps[i as usize], &fps[j as usize]);
            let s = edge_score(fi, fj, same, num_hashes, params.edge_threshold)?;
            let (a, b) = if rank[i as usize] < rank[j as usize] {
                (i, j)
            } else {
                (j, i)
            };
            Some((s, a, b))
        },
    );
    let edges = strongest_edges(edges, n, &rank, MAX_EDGES_PER_ARTICLE);
    let mut link_score = vec![0.0f64; n];
    let mut dsu = average_linkage(n, &edges, fps, &rank, params.threshold);
    for &(s, a, b) in &edges {
        if dsu.find(a) == dsu.find(b) {
            link_score[a] = link_score[a].max(s);
            link_score[b] = link_score[b].max(s);
        }
    }

    let mut groups: Vec<(EventId, Vec<usize>)> = Vec::new();
    for root in 0..n {
        if dsu.find(root) != root {
            continue;
        }
        let mut members = std::mem::take(&mut dsu.members[root]);
        members.sort_unstable();
        let founder = *members
            .iter()
            .min_by(|&&x, &&y| {
                let dx = fps[x].published.or(fps[x].event_date);
                let dy = fps[y].published.or(fps[y].event_date);
                // Undated members never found a dated event.
                (dx.is_none(), dx, rank[x]).cmp(&(dy.is_none(), dy, rank[y]))
            })
            .expect("a root has at least itself as member");
        let mut dates: Vec<NaiveDate> = members.iter().filter_map(|&m| fps[m].event_date).collect();
        dates.sort_unstable();
        let date = dates.get(dates.len().saturating_sub(1) / 2).copied();
        let id = match dup[founder] {
            0 => EventId::new(date, ids[founder]),
            k => EventId::new(date, &format!("{}\u{0}{k}", ids[founder])),
        };
        groups.push((id, members));
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut event_of = vec![0usize; n];
    for (e, (_, members)) in groups.iter().enumerate() {
        for &m in members {
            event_of[m] = e;
        }
        if members.len() == 1 {
            link_score[members[0]] = 1.0;
        }
    }
    Partition {
        event_of,
        events: groups,
        link_score,
    }
}

/// Average-linkage agglomeration over the candidate graph: repeatedly merges
/// the two connected clusters with the highest mean pairwise score, while it
/// is at least `threshold` and their date windows still share a day. Mean
/// linkage, unlike single linkage, does not let one bridging article chain two
/// stories together. Ties break on canonical rank, so the result does not
/// depend on input order.
fn average_linkage(
    n: usize,
    edges: &[(f64, usize, usize)],
    fps: &[Fingerprint],
    rank: &[usize],
    threshold: f64,
) -> Dsu {
    use std::collections::{BTreeSet, BinaryHeap};
    let mut dsu = Dsu {
        parent: (0..n).collect(),
        members: (0..n).map(|i| vec![i]).collect(),
        window: fps.iter().map(|f| f.window).collect(),
    };
    let mut neighbours: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    // Each cluster's first LINK_SAMPLE members in canonical order, the ones
    // its average link is taken over.
    let mut samples: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut version = vec![0u32; n];
    // (score bits, reversed ranks for ties, a, b, version a, version b)
    let mut heap = BinaryHeap::new();
    let key = |score: f64, a: usize, b: usize| {
        (
            score.to_bits(),
            std::cmp::Reverse((rank[a].min(rank[b]), rank[a].max(rank[b]))),
        )
    };
    for &(s, a, b) in edges {
        neighbours[a].insert(b);
        neighbours[b].insert(a);
        heap.push((key(s, a, b), a, b, 0u32, 0u32));
    }
    while let Some(((bits, _), a, b, va, vb)) = heap.pop() {
        if version[a] != va || version[b] != vb || dsu.parent[a] != a || dsu.parent[b] != b {
            continue;
        }
        if f64::from_bits(bits) < threshold {
            break;
        }
        let Ok(window) = intersect(dsu.window[a], dsu.window[b]) else {
            continue;
        };
        let (keep, gone) = if rank[a] <= rank[b] { (a, b) } else { (b, a) };
        dsu.parent[gone] = keep;
        let moved = std::mem::take(&mut dsu.members[gone]);
        dsu.members[keep].extend(moved);
        dsu.window[keep] = window;
        let gone_sample = std::mem::take(&mut samples[gone]);
        samples[keep] = merge_samples(&samples[keep], &gone_sample, rank);
        version[keep] += 1;
        version[gone] += 1;
        let gone_neighbours = std::mem::take(&mut neighbours[gone]);
        let mut merged: BTreeSet<usize> = std::mem::take(&mut neighbours[keep]);
        merged.extend(gone_neighbours);
        let merged: BTreeSet<usize> = merged
            .into_iter()
            .map(|c| dsu.find(c))
            .filter(|&c| c != keep)
            .collect();
        for &c in &merged {
            neighbours[c].remove(&gone);
            neighbours[c].insert(keep);
            // Evidence adds at most MAX_BONUS to a pair's Jaccard: most
            // neighbours fail on Jaccard alone, without comparing names.
            let bound = mean_link(&samples[keep], &samples[c], |x, y| {
                let j = fps[x].signature.jaccard(&fps[y].signature);
                if j > 0.0 { j + MAX_BONUS } else { 0.0 }
            });
            if bound < threshold {
                continue;
            }
            let avg = mean_link(&samples[keep], &samples[c], |x, y| {
                score(&fps[x], &fps[y]).score
            });
            if avg >= threshold {
                heap.push((
                    key(avg, keep, c),
                    keep.min(c),
                    keep.max(c),
                    version[keep.min(c)],
                    version[keep.max(c)],
                ));
            }
        }
        neighbours[keep] = merged;
    }
    dsu
}

/// Keeps the edges that are among the `k` strongest of at least one of their
/// two articles (score descending, then canonical rank), in that order.
///
/// The verified edges of an article are its true partners plus a share of
/// the articles in its date window that pass the edge threshold by chance —
/// a share that grows with the window's population, and with it the
/// linkage's work. An article's true partners are its strongest edges, and
/// linkage needs only enough of them to connect an event (it averages over
/// member samples, not over edges), so the k-nearest-neighbour graph keeps
/// the partition while bounding the work per article.
fn strongest_edges(
    mut edges: Vec<(f64, u32, u32)>,
    n: usize,
    rank: &[usize],
    k: usize,
) -> Vec<(f64, usize, usize)> {
    use rayon::prelude::*;
    // Pairs are distinct and ranks too: the order is total, an unstable
    // (parallel) sort gives the one result.
    edges.par_sort_unstable_by(|x, y| {
        y.0.total_cmp(&x.0).then(
            (rank[x.1 as usize], rank[x.2 as usize]).cmp(&(rank[y.1 as usize], rank[y.2 as usize])),
        )
    });
    let mut seen = vec![0u32; n];
    let k = k.min(u32::MAX as usize) as u32;
    edges
        .into_iter()
        .filter(|&(_, a, b)| {
            let (a, b) = (a as usize, b as usize);
            let keep = seen[a] < k || seen[b] < k;
            seen[a] = seen[a].saturating_add(1);
            seen[b] = seen[b].saturating_add(1);
            keep
        })
        .map(|(s, a, b)| (s, a as usize, b as usize))
        .collect()
}

/// The first `LINK_SAMPLE` members of the union of two samples, by rank:
/// the sample of a merged cluster, from its parts' samples.
fn merge_samples(a: &[usize], b: &[usize], rank: &[usize]) -> Vec<usize> {
    let mut v: Vec<usize> = a.iter().chain(b).copied().collect();
    v.sort_by_key(|&i| rank[i]);
    v.truncate(LINK_SAMPLE);
    v
}

/// Mean of `score` over all pairs of the two (already sampled) member lists,
/// summed in order; shared with the streaming index.
pub(crate) fn mean_link<T: Copy>(a: &[T], b: &[T], mut score: impl FnMut(T, T) -> f64) -> f64 {
    let mut sum = 0.0;
    for &x in a {
        for &y in b {
            sum += score(x, y);
        }
    }
    sum / (a.len() * b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strongest_edges_keep_each_articles_top_k() {
        // (edges as (score, a, b), k, expected kept (a, b) in order)
        type Case = (&'static [(f64, u32, u32)], usize, &'static [(usize, usize)]);
        let table: [Case; 4] = [
            // Star around 0: with k = 2, 0 keeps its two strongest, but
            // every leaf's only edge is its own top edge: all stay.
            (
                &[(0.3, 0, 1), (0.2, 0, 2), (0.1, 0, 3)],
                2,
                &[(0, 1), (0, 2), (0, 3)],
            ),
            // k = 1 on a path 0-1-2-3: (1, 2) is neither 1's best (0.9 to 0)
            // nor 2's best (0.8 to 3).
            (
                &[(0.9, 0, 1), (0.5, 1, 2), (0.8, 2, 3)],
                1,
                &[(0, 1), (2, 3)],
            ),
            // Equal scores: canonical rank decides.
            (
                &[(0.5, 0, 2), (0.5, 0, 1), (0.5, 1, 2)],
                1,
                &[(0, 1), (0, 2)],
            ),
            (&[], 3, &[]),
        ];
        let rank = [0, 1, 2, 3];
        for (edges, k, expected) in table {
            let kept: Vec<(usize, usize)> = strongest_edges(edges.to_vec(), 4, &rank, k)
                .into_iter()
                .map(|(_, a, b)| (a, b))
                .collect();
            assert_eq!(kept, expected, "{edges:?} k {k}");
        }
    }

    #[test]
    fn merged_samples_are_the_first_members_by_rank() {
        let rank: Vec<usize> = (0..40).rev().collect(); // member i has rank 39 - i
        let a: Vec<usize> = (20..36).rev().collect();
        let b: Vec<usize> = (0..16).rev().collect();
        let merged = merge_samples(&a, &b, &rank);
        assert_eq!(merged, (20..36).rev().collect::<Vec<_>>());
        assert_eq!(merge_samples(&[3], &[5], &rank), vec![5, 3]);
    }

    #[test]
    fn event_ids_round_trip() {
        let table = [
            "ev-2023-05-26-3f9a1c07",
            "ev-undated-00000000",
            "ev-1999-12-31-ffffffff",
        ];
        for s in table {
            assert_eq!(s.parse::<EventId>().unwrap().to_string(), s);
        }
        for bad in [
            "",
            "ev-",
            "ev-2023-13-01-00000000",
            "ev-undated-xyz",
            "x-undated-00000000",
            "ev-undated-123456789",
        ] {
            assert!(bad.parse::<EventId>().is_err(), "{bad}");
        }
    }
}
