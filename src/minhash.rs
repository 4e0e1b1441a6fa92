//! One-permutation MinHash with optimal densification.
//!
//! Classic MinHash applies `K` independent hash functions to every shingle:
//! `O(n·K)` per set. One-permutation hashing (OPH; Li, Owen and Zhang,
//! *One Permutation Hashing*, NIPS 2012) hashes each shingle once, uses the
//! high bits of the hash to pick one of `K` bins and keeps the minimum of the
//! low bits per bin: `O(n + K)` per set. Small sets leave bins empty; *optimal
//! densification* (Shrivastava, *Optimal Densification for Fast and Accurate
//! Minwise Hashing*, ICML 2017) fills each empty bin from a non-empty bin chosen
//! by a per-bin random probe sequence, which keeps the estimator unbiased with
//! a variance close to classic MinHash.
//!
//! Shingle hashes are xxh3-64 with a fixed seed, and every step below is
//! integer arithmetic on little-endian bytes, so a signature is the same on
//! every platform and in every version:
//! signatures get persisted and compared across processes.
//!
//! Memory: `2·K` bytes per signature (512 bytes at the default `K = 256`):
//! only the low 16 bits of each minimum are kept (b-bit minwise hashing).

use xxhash_rust::xxh3::{Xxh3Builder, xxh3_64_with_seed};

/// Seed of the shingle hash; part of the persisted format.
const SHINGLE_SEED: u64 = 0x5a4d_5354_4f52_5931;
/// Seed of the densification probe sequence; part of the persisted format.
const PROBE_SEED: u64 = 0x6465_6e73_6966_7931;
/// Marks a bin no shingle fell into (before densification).
const EMPTY: u32 = u32::MAX;

/// Hashes one shingle (its UTF-8 bytes) to 64 bits.
#[inline]
pub(crate) fn shingle_hash(bytes: &[u8]) -> u64 {
    xxh3_64_with_seed(bytes, SHINGLE_SEED)
}

/// A MinHash signature: the low 16 bits of `K` 32-bit minima (b-bit minwise
/// hashing, Li and König 2010): two bins agree by accident with probability
/// 2⁻¹⁶, a bias of at most 0.0000153 on the estimate, for half the memory.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Signature {
    values: Box<[u16]>,
    /// True when the set was empty: such a signature matches nothing.
    empty: bool,
}

impl Signature {
    /// Computes the signature of the set of shingle hashes `hashes` (duplicates
    /// are harmless) with `k` bins. `k` must be ≥ 1.
    pub(crate) fn from_hashes(hashes: impl IntoIterator<Item = u64>, k: usize) -> Signature {
        let k = k.max(1);
        let mut values = vec![EMPTY; k].into_boxed_slice();
        let mut any = false;
        for h in hashes {
            any = true;
            // Multiply-shift maps the high 32 bits uniformly onto 0..k without
            // the bias of `%`.
            let bin = (((h >> 32) * k as u64) >> 32) as usize;
            // The low bits are the value; EMPTY is reserved, so clamp it away.
            let v = (h as u32).min(EMPTY - 1);
            values[bin] = values[bin].min(v);
        }
        if !any {
            return Signature {
                values: vec![u16::MAX; k].into_boxed_slice(),
                empty: true,
            };
        }
        densify(&mut values);
        Signature {
            values: values.iter().map(|&v| v as u16).collect(),
            empty: false,
        }
    }

    /// A copy with every value passed through `f(bin, value)`.
    pub(crate) fn map_values(&self, mut f: impl FnMut(usize, u16) -> u16) -> Signature {
        Signature {
            values: self
                .values
                .iter()
                .enumerate()
                .map(|(i, &v)| f(i, v))
                .collect(),
            empty: self.empty,
        }
    }

    /// Number of bins `K`.
    pub(crate) fn len(&self) -> usize {
        self.values.len()
    }

    /// True when the set was empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.empty
    }

    /// The raw minima, for banding and persistence.
    pub(crate) fn values(&self) -> &[u16] {
        &self.values
    }

    /// Estimated Jaccard similarity: the fraction of bins that agree.
    /// Signatures of different `K`, or of an empty set, estimate 0.
    pub(crate) fn jaccard(&self, other: &Signature) -> f64 {
        if self.empty || other.empty || self.values.len() != other.values.len() {
            return 0.0;
        }
        f64::from(agreeing(&self.values, &other.values)) / self.values.len() as f64
    }
}

/// How many positions of `a` and `b` hold equal values (over the shorter).
#[inline]
pub(crate) fn agreeing(a: &[u16], b: &[u16]) -> u32 {
    // The hottest loop of batch clustering (every candidate pair, every
    // linkage bound). Counting in `u16` keeps the vector lanes at the width
    // of the values (8 per SSE2 instruction, 16 a step): a `u32` sum widened
    // every lane first and ran 4 a step. A `u16` count cannot overflow
    // within a chunk of `u16::MAX` positions.
    const CHUNK: usize = u16::MAX as usize;
    a.chunks(CHUNK)
        .zip(b.chunks(CHUNK))
        .map(|(a, b)| {
            let same = a
                .iter()
                .zip(b)
                .fold(0u16, |n, (x, y)| n + u16::from(x == y));
            u32::from(same)
        })
        .sum()
}

/// Optimal densification: every empty bin `i` copies the value of the first
/// non-empty bin on its own pseudo-random probe sequence `p(i, 1), p(i, 2), …`.
/// Because each bin has its own sequence, two sets that agree on which bins are
/// full also agree on where each empty bin borrows from.
fn densify(values: &mut [u32]) {
    let k = values.len() as u64;
    let full: Vec<bool> = values.iter().map(|&v| v != EMPTY).collect();
    for i in 0..values.len() {
        if full[i] {
            continue;
        }
        let mut attempt: u64 = 1;
        loop {
            let mut key = [0u8; 16];
            key[..8].copy_from_slice(&(i as u64).to_le_bytes());
            key[8..].copy_from_slice(&attempt.to_le_bytes());
            let j = (((xxh3_64_with_seed(&key, PROBE_SEED) >> 32) * k) >> 32) as usize;
            if full[j] {
                values[i] = values[j];
                break;
            }
            attempt += 1;
        }
    }
}

/// A `HashSet` hasher for shingle hashes that are already uniform.
pub(crate) type FastBuild = Xxh3Builder;

#[cfg(test)]
mod tests {
    const GOLDEN_HASH: u64 = 16468052647115482293;
    const GOLDEN_SIG: &[u16] = &[58549, 57515, 57515, 57515, 57515, 57515, 10305, 58549];
    use super::*;
    use std::collections::HashSet;

    fn hashes(words: &[String]) -> Vec<u64> {
        words.iter().map(|w| shingle_hash(w.as_bytes())).collect()
    }

    fn set(prefix: &str, range: std::ops::Range<usize>) -> Vec<String> {
        range.map(|i| format!("{prefix}{i}")).collect()
    }

    #[test]
    fn agreeing_counts_equal_positions() {
        // Lengths around the 16-lane chunks, agreement patterns of every kind.
        for len in [0, 1, 15, 16, 17, 255, 256, 300] {
            let a: Vec<u16> = (0..len).map(|i| (i * 7) as u16).collect();
            for step in [1, 2, 3, 5] {
                let b: Vec<u16> = a
                    .iter()
                    .enumerate()
                    .map(|(i, &v)| if i % step == 0 { v } else { v ^ 1 })
                    .collect();
                let expected = a.iter().zip(&b).filter(|(x, y)| x == y).count() as u32;
                assert_eq!(agreeing(&a, &b), expected, "len {len} step {step}");
                // Lists of different lengths: the common prefix counts.
                let prefix = a.iter().zip(&b[..len / 2]).filter(|(x, y)| x == y).count() as u32;
                assert_eq!(agreeing(&a, &b[..len / 2]), prefix, "len {len} step {step}");
            }
        }
        // Past the `u16` count of one chunk: all equal, and all but one.
        let long = vec![7u16; 70_000];
        assert_eq!(agreeing(&long, &long), 70_000);
        let mut other = long.clone();
        other[65_535] = 8;
        assert_eq!(agreeing(&long, &other), 69_999);
    }

    #[test]
    fn identical_sets_estimate_one() {
        let a = hashes(&set("w", 0..50));
        let s1 = Signature::from_hashes(a.clone(), 128);
        let s2 = Signature::from_hashes(a.into_iter().rev(), 128);
        assert_eq!(s1, s2);
        assert_eq!(s1.jaccard(&s2), 1.0);
    }

    #[test]
    fn empty_set_matches_nothing() {
        let e = Signature::from_hashes(std::iter::empty(), 128);
        assert!(e.is_empty());
        assert_eq!(e.jaccard(&e), 0.0);
        let a = Signature::from_hashes(hashes(&set("w", 0..3)), 128);
        assert_eq!(a.jaccard(&e), 0.0);
        assert!(!a.is_empty(), "a non-empty set has a non-empty signature");
    }

    #[test]
    fn estimate_tracks_exact_jaccard() {
        // (size of A, size of B, overlap) → exact J = overlap / (|A|+|B|-overlap)
        let table = [
            (200, 200, 100),
            (500, 500, 400),
            (1000, 1000, 100),
            (30, 30, 10),
            (300, 100, 100),
        ];
        for (na, nb, common) in table {
            let a = set("x", 0..na);
            let b: Vec<String> = set("x", 0..common)
                .into_iter()
                .chain(set("y", 0..nb - common))
                .collect();
            let exact = common as f64 / (na + nb - common) as f64;
            let est = Signature::from_hashes(hashes(&a), 256)
                .jaccard(&Signature::from_hashes(hashes(&b), 256));
            // Standard error sqrt(J(1-J)/K) ≤ 0.032 at K = 256; allow 4 sigma.
            assert!(
                (est - exact).abs() < 0.13,
                "{na}/{nb}/{common}: est {est} exact {exact}"
            );
        }
    }

    #[test]
    fn signature_is_stable_across_versions() {
        // Golden values: persisted signatures must not change silently. If
        // this fails, the persisted format's version must be bumped.
        assert_eq!(shingle_hash(b"detroit"), GOLDEN_HASH);
        let s = Signature::from_hashes(
            hashes(&["semiconductor".into(), "detroit".into(), "jucip".into()]),
            8,
        );
        assert_eq!(s.values(), GOLDEN_SIG);
        let distinct: HashSet<u16> = s.values().iter().copied().collect();
        assert!(distinct.len() <= 3);
    }
}
