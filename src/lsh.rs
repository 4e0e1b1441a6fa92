//! Banded locality-sensitive hashing over MinHash signatures.
//!
//! A signature of `K` values is cut into `b` bands of `r` rows (`b·r ≤ K`).
//! Two items become candidates when any band hashes identically. For items of
//! Jaccard similarity `s` the probability of that is the S-curve
//!
//! ```text
//! P(s) = 1 − (1 − s^r)^b
//! ```
//!
//! whose steepest point is near `s* ≈ (1/b)^(1/r)`. [`Bands::for_threshold`]
//! picks `(b, r)` that minimise the weighted area of false positives below the
//! target threshold plus false negatives above it (the rule datasketch uses),
//! with false negatives weighted higher because the verifier removes false
//! positives but nothing recovers a missed candidate.
//!
//! Cost: insert and query are `O(b)` hash-map operations plus the size of the
//! buckets touched. Memory: one `u64` key and one `u32` id per band per item.

use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::minhash::{FastBuild, Signature};

/// How a signature is cut into bands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Bands {
    /// Number of bands `b`.
    pub bands: usize,
    /// Rows per band `r`.
    pub rows: usize,
}

impl Bands {
    /// The `(b, r)` with `b·r ≤ k` whose S-curve best separates similarities
    /// below `threshold` from those above it.
    pub(crate) fn for_threshold(threshold: f64, k: usize) -> Bands {
        let t = threshold.clamp(0.01, 0.99);
        let (fp_weight, fn_weight) = (0.3, 0.7);
        let mut best = Bands {
            bands: k.max(1),
            rows: 1,
        };
        let mut best_cost = f64::INFINITY;
        for rows in 1..=k.max(1) {
            let bands = k / rows;
            if bands == 0 {
                break;
            }
            let p = |s: f64| 1.0 - (1.0 - s.powi(rows as i32)).powi(bands as i32);
            let fp = integrate(p, 0.0, t);
            let fneg = integrate(|s| 1.0 - p(s), t, 1.0);
            let cost = fp_weight * fp + fn_weight * fneg;
            if cost < best_cost {
                best_cost = cost;
                best = Bands { bands, rows };
            }
        }
        best
    }

    /// Probability that a pair of similarity `s` becomes a candidate.
    #[cfg(test)]
    pub(crate) fn candidate_probability(&self, s: f64) -> f64 {
        1.0 - (1.0 - s.powi(self.rows as i32)).powi(self.bands as i32)
    }
}

fn integrate(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    let steps = 200;
    let h = (b - a) / steps as f64;
    (0..steps).map(|i| f(a + (i as f64 + 0.5) * h)).sum::<f64>() * h
}

/// The band keys of a signature's values: band `b` hashes rows
/// `b·r..(b+1)·r`, seeded with `b`, so equal keys in different bands differ.
pub(crate) fn band_keys(bands: Bands, values: &[u16]) -> impl Iterator<Item = u64> + '_ {
    let r = bands.rows;
    (0..bands.bands).map(move |b| {
        // Hash the band's rows as little-endian bytes, 64 rows at a time,
        // chaining the seed so the key is platform-independent.
        let mut key = b as u64;
        let mut bytes = [0u8; 2 * 64];
        for chunk in values[b * r..(b + 1) * r].chunks(64) {
            for (i, v) in chunk.iter().enumerate() {
                bytes[2 * i..2 * i + 2].copy_from_slice(&v.to_le_bytes());
            }
            key = xxh3_64_with_seed(&bytes[..2 * chunk.len()], key);
        }
        key
    })
}

/// An incremental LSH index of item ids (`u32`).
#[derive(Clone, Debug)]
pub(crate) struct LshIndex {
    bands: Bands,
    tables: Vec<HashMap<u64, Vec<u32>, FastBuild>>,
}

impl LshIndex {
    /// An empty index cutting signatures as `bands` says.
    pub(crate) fn new(bands: Bands) -> LshIndex {
        LshIndex {
            bands,
            tables: (0..bands.bands)
                .map(|_| HashMap::with_hasher(FastBuild::new()))
                .collect(),
        }
    }

    fn band_keys<'a>(&'a self, sig: &'a Signature) -> impl Iterator<Item = u64> + 'a {
        band_keys(self.bands, sig.values())
    }

    /// Adds `id` under `sig`. Empty signatures are not indexed: they match nothing.
    pub(crate) fn insert(&mut self, id: u32, sig: &Signature) {
        if sig.is_empty() || sig.len() < self.bands.bands * self.bands.rows {
            return;
        }
        let keys: Vec<u64> = self.band_keys(sig).collect();
        for (table, key) in self.tables.iter_mut().zip(keys) {
            table.entry(key).or_default().push(id);
        }
    }

    /// Ids sharing at least one band with `sig`, sorted and deduplicated.
    pub(crate) fn query(&self, sig: &Signature) -> Vec<u32> {
        let mut out = Vec::new();
        if sig.is_empty() || sig.len() < self.bands.bands * self.bands.rows {
            return out;
        }
        for (table, key) in self.tables.iter().zip(self.band_keys(sig)) {
            if let Some(bucket) = table.get(&key) {
                out.extend_from_slice(bucket);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::minhash::shingle_hash;

    #[test]
    fn bands_follow_threshold() {
        // (threshold, K) → a banding whose S-curve midpoint is near the threshold.
        for (t, k) in [(0.5, 128), (0.2, 128), (0.8, 128), (0.3, 64)] {
            let b = Bands::for_threshold(t, k);
            assert!(b.bands * b.rows <= k);
            let mid = (1.0 / b.bands as f64).powf(1.0 / b.rows as f64);
            assert!((mid - t).abs() < 0.2, "t {t}: {b:?} midpoint {mid}");
            assert!(b.candidate_probability(t + 0.15) > 0.8, "t {t}: {b:?}");
        }
    }

    #[test]
    fn finds_near_duplicates_not_strangers() {
        let sig = |words: std::ops::Range<usize>, p: &str| {
            Signature::from_hashes(
                words.map(|i| shingle_hash(format!("{p}{i}").as_bytes())),
                128,
            )
        };
        let mut index = LshIndex::new(Bands::for_threshold(0.5, 128));
        index.insert(1, &sig(0..100, "a"));
        index.insert(2, &sig(0..100, "b"));
        assert_eq!(index.query(&sig(5..100, "a")), vec![1]);
        assert!(index.query(&sig(0..100, "c")).is_empty());
    }
}
