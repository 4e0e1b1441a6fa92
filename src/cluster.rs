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
//! score only when the bound passes; a pair's names and numbers are compared
//! once per component of up to [`EVIDENCE_MEMO_MEMBERS`] articles, which
//! remembers the result in a byte per ordered member pair).

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicU8, Ordering::Relaxed};

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use xxhash_rust::xxh3::xxh3_64;

use crate::dates::DateWindow;
use crate::fingerprint::Fingerprint;

use crate::candidates::verified_pairs;
use crate::lsh::Bands;
use crate::minhash::agreeing;
use crate::verify::{
    EVIDENCE_CAP, MAX_BONUS, edge_bound, edge_score, pair_evidence, score_with_evidence,
};

/// Members of each side sampled (in canonical order) for the average-linkage test.
pub(crate) const LINK_SAMPLE: usize = 16;

/// Components of at most this many members remember the evidence of each
/// member pair linkage scored (a byte per ordered pair: 16 MiB at most).
const EVIDENCE_MEMO_MEMBERS: usize = 4096;

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
    let reach = EdgeReach::new(num_hashes, params.edge_threshold);
    let edges: Vec<(f64, u32, u32)> = verified_pairs(
        fps,
        num_hashes,
        bands,
        params.max_bucket,
        // Names count for `i` only (`shared_names`): with every name
        // matching, is the edge threshold in reach? Most pairs stop at the
        // bound on numbers, the rest at the exact count, on block-local data.
        |same, most| reach.reaches(same, most),
        |i, j, same, numbers, names| {
            if !reach.reaches(same, numbers + names) {
                return None;
            }
            let (fi, fj) = (&fps[i as usize], &fps[j as usize]);
            let s = edge_score(fi, fj, same, numbers, num_hashes, params.edge_threshold)?;
            let (a, b) = if rank[i as usize] < rank[j as usize] {
                (i, j)
            } else {
                (j, i)
            };
            Some((s, a, b))
        },
    );
    let edges = strongest_edges(edges, &rank, &order, MAX_EDGES_PER_ARTICLE);
    let mut link_score = vec![0.0f64; n];
    let root_of = average_linkage(&edges, fps, &order, params.threshold, num_hashes);
    for &(s, a, b) in &edges {
        if root_of[a] == root_of[b] {
            link_score[a] = link_score[a].max(s);
            link_score[b] = link_score[b].max(s);
        }
    }

    let mut groups: Vec<(EventId, Vec<usize>)> = Vec::new();
    let mut members_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, &r) in root_of.iter().enumerate() {
        members_of[r].push(i);
    }
    for members in members_of {
        if members.is_empty() {
            continue;
        }
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
///
/// Clusters only ever merge along edges, so the connected components of the
/// edge graph are agglomerated independently (in parallel, largest first):
/// each component's merges are the ones a single global pass would make in
/// it, and the result does not depend on the number of threads. Returns each
/// article's cluster root: its member of lowest canonical rank.
fn average_linkage(
    edges: &[(f64, usize, usize)],
    fps: &[Fingerprint],
    order: &[usize],
    threshold: f64,
    num_hashes: usize,
) -> Vec<usize> {
    use rayon::prelude::*;
    let n = fps.len();
    // Connected components (union-find over the kept edges).
    let mut uf: Vec<u32> = (0..n as u32).collect();
    for &(_, a, b) in edges {
        let (ra, rb) = (find_root(&mut uf, a as u32), find_root(&mut uf, b as u32));
        if ra != rb {
            uf[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    // Components with an edge, their articles in canonical order (so that a
    // local index compares like the canonical rank), as one flat list.
    const NONE: u32 = u32::MAX;
    let mut comp_of_root = vec![NONE; n];
    let mut sizes: Vec<u32> = Vec::new();
    let mut comp = vec![NONE; n];
    for &i in order {
        let r = find_root(&mut uf, i as u32) as usize;
        comp[i] = r as u32; // temporarily the root
    }
    // Singletons (no edge) stay out.
    let mut degree = vec![0u32; n];
    for &(_, a, b) in edges {
        degree[a] += 1;
        degree[b] += 1;
    }
    for &i in order {
        if degree[i] == 0 {
            comp[i] = NONE;
            continue;
        }
        let r = comp[i] as usize;
        if comp_of_root[r] == NONE {
            comp_of_root[r] = sizes.len() as u32;
            sizes.push(0);
        }
        let c = comp_of_root[r];
        comp[i] = c;
        sizes[c as usize] += 1;
    }
    let ncomp = sizes.len();
    let mut node_start = Vec::with_capacity(ncomp + 1);
    let mut acc = 0usize;
    for &s in &sizes {
        node_start.push(acc);
        acc += s as usize;
    }
    node_start.push(acc);
    let mut nodes = vec![0u32; acc];
    let mut local = vec![0u32; n];
    let mut fill = node_start.clone();
    for &i in order {
        if comp[i] != NONE {
            let c = comp[i] as usize;
            local[i] = (fill[c] - node_start[c]) as u32;
            nodes[fill[c]] = i as u32;
            fill[c] += 1;
        }
    }
    // Each component's edges (local indices, lower rank first), in the given order.
    let mut edge_start = vec![0usize; ncomp + 1];
    for &(_, a, _) in edges {
        edge_start[comp[a] as usize + 1] += 1;
    }
    for c in 0..ncomp {
        edge_start[c + 1] += edge_start[c];
    }
    let mut local_edges = vec![(0.0f64, 0u32, 0u32); edges.len()];
    let mut fill = edge_start.clone();
    for &(s, a, b) in edges {
        let c = comp[a] as usize;
        let (la, lb) = (local[a], local[b]);
        local_edges[fill[c]] = (s, la.min(lb), la.max(lb));
        fill[c] += 1;
    }
    let mut by_size: Vec<usize> = (0..ncomp).collect();
    by_size.sort_by_key(|&c| std::cmp::Reverse(sizes[c]));
    let roots: Vec<(usize, Vec<u32>)> = by_size
        .into_par_iter()
        .with_max_len(1)
        .map(|c| {
            let members = &nodes[node_start[c]..node_start[c + 1]];
            let edges = &local_edges[edge_start[c]..edge_start[c + 1]];
            (
                c,
                link_component(members, edges, fps, threshold, num_hashes),
            )
        })
        .collect();
    let mut root_of: Vec<usize> = (0..n).collect();
    for (c, local_roots) in roots {
        let members = &nodes[node_start[c]..node_start[c + 1]];
        for (&m, &r) in members.iter().zip(&local_roots) {
            root_of[m as usize] = members[r as usize] as usize;
        }
    }
    root_of
}

/// A cluster's first [`LINK_SAMPLE`] members (local indices, ascending).
#[derive(Clone, Copy)]
struct Sample {
    len: u8,
    members: [u32; LINK_SAMPLE],
}

impl Sample {
    fn of(i: u32) -> Sample {
        let mut members = [0; LINK_SAMPLE];
        members[0] = i;
        Sample { len: 1, members }
    }

    fn as_slice(&self) -> &[u32] {
        &self.members[..self.len as usize]
    }

    /// The first members of the union of two samples.
    fn merge(&self, other: &Sample) -> Sample {
        let (a, b) = (self.as_slice(), other.as_slice());
        let mut out = Sample {
            len: 0,
            members: [0; LINK_SAMPLE],
        };
        let (mut i, mut j, mut k) = (0, 0, 0);
        while k < LINK_SAMPLE && (i < a.len() || j < b.len()) {
            let take_a = j == b.len() || (i < a.len() && a[i] <= b[j]);
            out.members[k] = if take_a {
                i += 1;
                a[i - 1]
            } else {
                j += 1;
                b[j - 1]
            };
            k += 1;
        }
        out.len = k as u8;
        out
    }
}

/// Average linkage within one connected component: `members` are its
/// articles in canonical order, `edges` its kept edges over local indices
/// (lower first). Returns each member's cluster root (local index).
fn link_component(
    members: &[u32],
    edges: &[(f64, u32, u32)],
    fps: &[Fingerprint],
    threshold: f64,
    num_hashes: usize,
) -> Vec<u32> {
    use rayon::prelude::*;
    use std::collections::BinaryHeap;
    /// Neighbours of a merged cluster from which they are scored in parallel.
    const PARALLEL_NEIGHBOURS: usize = 16;
    let m = members.len();
    let fp = |x: u32| &fps[members[x as usize] as usize];
    // The members' signatures side by side (the bound compares them most);
    // `fast[x]` when member x's signature is a non-empty one of `num_hashes`
    // values, else its Jaccard estimate comes from the fingerprint.
    let k = num_hashes;
    let mut sigs: Vec<u16> = vec![0; m * k];
    let mut fast = vec![false; m];
    for x in 0..m {
        let s = &fp(x as u32).signature;
        if !s.is_empty() && s.values().len() == k {
            sigs[x * k..(x + 1) * k].copy_from_slice(s.values());
            fast[x] = true;
        }
    }
    let jaccard = |x: u32, y: u32| -> f64 {
        let (xu, yu) = (x as usize, y as usize);
        if fast[xu] && fast[yu] {
            f64::from(agreeing(
                &sigs[xu * k..(xu + 1) * k],
                &sigs[yu * k..(yu + 1) * k],
            )) / k as f64
        } else {
            fp(x).signature.jaccard(&fp(y).signature)
        }
    };
    // The names-and-numbers evidence of member pairs already scored (0:
    // not yet; else evidence + 1), one byte per ordered pair: a merged
    // cluster's sample meets mostly pairs scored for the merges before,
    // and matching names was most of the linkage time in large clusters.
    // Relaxed atomics: neighbours are scored in parallel, and two threads
    // scoring one pair store the same value.
    let memo: Vec<AtomicU8> = if m <= EVIDENCE_MEMO_MEMBERS {
        (0..m * m).map(|_| AtomicU8::new(0)).collect()
    } else {
        Vec::new()
    };
    let evidence = |x: u32, y: u32| -> u8 {
        let Some(slot) = memo.get(x as usize * m + y as usize) else {
            return pair_evidence(fp(x), fp(y));
        };
        match slot.load(Relaxed) {
            0 => {
                let e = pair_evidence(fp(x), fp(y));
                slot.store(e + 1, Relaxed);
                e
            }
            known => known - 1,
        }
    };
    let mut parent: Vec<u32> = (0..m as u32).collect();
    let mut window: Vec<Option<DateWindow>> = (0..m).map(|x| fp(x as u32).window).collect();
    let mut samples: Vec<Sample> = (0..m as u32).map(Sample::of).collect();
    let mut version = vec![0u32; m];
    // Neighbour lists: a member's own edges (CSR) until it merges, then a
    // list of its own; entries may name clusters since merged away (their
    // root stands for them).
    let mut deg_start = vec![0u32; m + 1];
    for &(_, a, b) in edges {
        deg_start[a as usize + 1] += 1;
        deg_start[b as usize + 1] += 1;
    }
    for x in 0..m {
        deg_start[x + 1] += deg_start[x];
    }
    let mut adjacency = vec![0u32; deg_start[m] as usize];
    let mut fill = deg_start.clone();
    // (score bits, reversed local pair for ties (local order is canonical
    // order), versions of both sides)
    let mut heap = BinaryHeap::with_capacity(edges.len());
    for &(s, a, b) in edges {
        adjacency[fill[a as usize] as usize] = b;
        fill[a as usize] += 1;
        adjacency[fill[b as usize] as usize] = a;
        fill[b as usize] += 1;
        heap.push((s.to_bits(), std::cmp::Reverse((a, b)), 0u32, 0u32));
    }
    const CSR: u32 = u32::MAX;
    let mut own_of = vec![CSR; m];
    let mut owned: Vec<Vec<u32>> = Vec::new();
    let mut merged: Vec<u32> = Vec::new();
    let mut links: Vec<Option<f64>> = Vec::new();
    while let Some((bits, std::cmp::Reverse((a, b)), va, vb)) = heap.pop() {
        let (au, bu) = (a as usize, b as usize);
        if version[au] != va || version[bu] != vb || parent[au] != a || parent[bu] != b {
            continue;
        }
        if f64::from_bits(bits) < threshold {
            break;
        }
        let Ok(w) = intersect(window[au], window[bu]) else {
            continue;
        };
        // a < b: a has the lower rank and keeps the cluster.
        let (keep, gone) = (a, b);
        parent[bu] = keep;
        window[au] = w;
        samples[au] = samples[au].merge(&samples[bu]);
        version[au] += 1;
        version[bu] += 1;
        merged.clear();
        for x in [keep, gone] {
            match own_of[x as usize] {
                CSR => merged.extend_from_slice(
                    &adjacency[deg_start[x as usize] as usize..deg_start[x as usize + 1] as usize],
                ),
                o => merged.extend_from_slice(&owned[o as usize]),
            }
        }
        for c in merged.iter_mut() {
            *c = find_root(&mut parent, *c);
        }
        merged.retain(|&c| c != keep);
        merged.sort_unstable();
        merged.dedup();
        let keep_sample = samples[au];
        let link = |c: &u32| -> Option<f64> {
            let other = &samples[*c as usize];
            // Evidence adds at most MAX_BONUS to a pair's Jaccard: most
            // neighbours fail on Jaccard alone, without comparing names.
            // (The terms are not negative: once the partial mean reaches
            // the threshold, the whole one does.)
            let (xs, ys) = (keep_sample.as_slice(), other.as_slice());
            let pairs = (xs.len() * ys.len()) as f64;
            let mut sum = 0.0;
            // The estimates of the rows the bound went through, kept for
            // the full score: it would compare those signatures again.
            let mut estimates = [0.0f64; LINK_SAMPLE * LINK_SAMPLE];
            let mut rows = 0;
            let mut passes = false;
            for (p, &x) in xs.iter().enumerate() {
                for (q, &y) in ys.iter().enumerate() {
                    let j = jaccard(x, y);
                    estimates[p * LINK_SAMPLE + q] = j;
                    sum += if j > 0.0 { j + MAX_BONUS } else { 0.0 };
                }
                rows = p + 1;
                if sum / pairs >= threshold {
                    passes = true;
                    break;
                }
            }
            if !passes {
                return None;
            }
            // `score(x, y).score`, from the Jaccard estimate where known.
            let avg = mean_link(xs.len(), ys.len(), |p, q| {
                let (x, y) = (xs[p], ys[q]);
                let j = if p < rows {
                    estimates[p * LINK_SAMPLE + q]
                } else {
                    jaccard(x, y)
                };
                // (A pair of no Jaccard scores 0: its evidence is not needed.)
                if j <= 0.0 {
                    return 0.0;
                }
                score_with_evidence(j, evidence(x, y))
            });
            (avg >= threshold).then_some(avg)
        };
        // Neighbours are scored independently: many at once in parallel
        // (the heap's order does not depend on the order of pushes).
        links.clear();
        if merged.len() >= PARALLEL_NEIGHBOURS {
            merged.par_iter().map(link).collect_into_vec(&mut links);
        } else {
            links.extend(merged.iter().map(link));
        }
        for (&c, &avg) in merged.iter().zip(&links) {
            if let Some(avg) = avg {
                let (lo, hi) = (keep.min(c), keep.max(c));
                heap.push((
                    avg.to_bits(),
                    std::cmp::Reverse((lo, hi)),
                    version[lo as usize],
                    version[hi as usize],
                ));
            }
        }
        // The merged list becomes the keeper's (reusing a list already owned).
        let slot = match (own_of[au], own_of[bu]) {
            (CSR, CSR) => {
                owned.push(Vec::new());
                (owned.len() - 1) as u32
            }
            (CSR, o) => o,
            (o, _) => o,
        };
        own_of[au] = slot;
        // (`merged` takes the old list, and is cleared before its next use.)
        std::mem::swap(&mut owned[slot as usize], &mut merged);
    }
    (0..m as u32).map(|x| find_root(&mut parent, x)).collect()
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
/// `rank` is each article's canonical rank, `order` its inverse.
fn strongest_edges(
    mut edges: Vec<(f64, u32, u32)>,
    rank: &[usize],
    order: &[usize],
    k: usize,
) -> Vec<(f64, usize, usize)> {
    use rayon::prelude::*;
    // Sorted by ranks rather than positions: ties on the score are common
    // (scores are multiples of 1/K plus bonuses), and looking both ranks of
    // both edges up in every comparison is a random access each.
    for e in edges.iter_mut() {
        *e = (e.0, rank[e.1 as usize] as u32, rank[e.2 as usize] as u32);
    }
    // Pairs are distinct and ranks too: the order is total, an unstable
    // (parallel) sort gives the one result.
    edges.par_sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut seen = vec![0u32; rank.len()];
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
        .map(|(s, a, b)| (s, order[a as usize], order[b as usize]))
        .collect()
}

/// `edge_bound(same, k, evidence) >= threshold` as a table: the fewest
/// agreeing signature values that reach the threshold, per evidence count
/// (the bound grows with both). Every candidate pair asks, and a compare
/// of integers is cheaper than the bound's division.
struct EdgeReach {
    least_same: [u32; EVIDENCE_CAP + 1],
}

impl EdgeReach {
    fn new(k: usize, threshold: f64) -> EdgeReach {
        let mut least_same = [u32::MAX; EVIDENCE_CAP + 1];
        let most = k.min(u32::MAX as usize - 1) as u32;
        for (evidence, least) in least_same.iter_mut().enumerate() {
            // (`most + 1` when even full agreement falls short.)
            *least = (0..=most)
                .find(|&same| edge_bound(same, k, evidence) >= threshold)
                .unwrap_or(most + 1);
        }
        EdgeReach { least_same }
    }

    /// `edge_bound(same, k, evidence) >= threshold`.
    #[inline]
    fn reaches(&self, same: u32, evidence: usize) -> bool {
        same >= self.least_same[evidence.min(EVIDENCE_CAP)]
    }
}

/// Mean of `score(p, q)` over all positions `p < a`, `q < b` of two (already
/// sampled) member lists of lengths `a` and `b`, summed in order; shared
/// with the streaming index.
pub(crate) fn mean_link(a: usize, b: usize, mut score: impl FnMut(usize, usize) -> f64) -> f64 {
    let mut sum = 0.0;
    for p in 0..a {
        for q in 0..b {
            sum += score(p, q);
        }
    }
    sum / (a * b) as f64
}

/// The root of `x` in the union-find forest `parent` (path halving).
fn find_root(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        parent[x as usize] = parent[parent[x as usize] as usize];
        x = parent[x as usize];
    }
    x
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
            let kept: Vec<(usize, usize)> = strongest_edges(edges.to_vec(), &rank, &rank, k)
                .into_iter()
                .map(|(_, a, b)| (a, b))
                .collect();
            assert_eq!(kept, expected, "{edges:?} k {k}");
        }
        // Positions are not ranks: articles 0..4 ranked 2, 0, 3, 1. Ties on
        // the score go by rank, and edges come back as positions.
        let (rank, order) = ([2, 0, 3, 1], [1, 3, 0, 2]);
        // (Edges name the lower-ranked article first, as `cluster` makes them.)
        let edges = vec![(0.5, 0, 2), (0.5, 1, 3), (0.5, 3, 0)];
        let kept: Vec<(usize, usize)> = strongest_edges(edges, &rank, &order, 1)
            .into_iter()
            .map(|(_, a, b)| (a, b))
            .collect();
        assert_eq!(kept, vec![(1, 3), (3, 0), (0, 2)]);
    }

    /// The table answers as the bound it replaces, for every count of
    /// agreeing values and of evidence (past the cap too), at thresholds
    /// on, between and beyond the bound's steps.
    #[test]
    fn edge_reach_is_the_bound() {
        for k in [1, 64, 256, 1024] {
            for threshold in [0.0, 0.02, 0.075, 0.1, 1.0 / 256.0, 0.3, 1.0, 1.06] {
                let reach = EdgeReach::new(k, threshold);
                let mut reached = 0;
                for same in 0..=k as u32 {
                    for evidence in 0..=EVIDENCE_CAP + 3 {
                        let bound = edge_bound(same, k, evidence) >= threshold;
                        assert_eq!(
                            reach.reaches(same, evidence),
                            bound,
                            "{k} {threshold} {same} {evidence}"
                        );
                        reached += usize::from(bound);
                    }
                }
                // Neither always nor never, but at the ends of the range.
                if threshold > 0.0 && threshold < 1.0 {
                    assert!(reached > 0 && reached < (k + 1) * (EVIDENCE_CAP + 4));
                }
            }
        }
    }

    #[test]
    fn merged_samples_are_the_first_members() {
        let sample = |v: &[u32]| {
            let mut s = Sample::of(v[0]);
            for &x in &v[1..] {
                s = s.merge(&Sample::of(x));
            }
            s
        };
        // (left, right, merged)
        let table: [(Vec<u32>, Vec<u32>, Vec<u32>); 4] = [
            (vec![3], vec![5], vec![3, 5]),
            (vec![5], vec![3], vec![3, 5]),
            ((20..36).collect(), (0..16).collect(), (0..16).collect()),
            (
                (0..40).step_by(2).collect(),
                (1..40).step_by(2).collect(),
                (0..16).collect(),
            ),
        ];
        for (a, b, expected) in table {
            let merged = sample(&a).merge(&sample(&b));
            assert_eq!(merged.as_slice(), &expected[..], "{a:?} {b:?}");
        }
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
