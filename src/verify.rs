//! Verification: decides whether two candidate articles report the same event.
//!
//! The LSH index proposes candidates by signature; the verifier then weighs
//! the estimated Jaccard similarity of the pivot shingles, shared names
//! (consonant skeletons compared with `strsim`, so small transliteration
//! differences still count), shared numbers, the same most likely event day,
//! and — as a hard gate — whether
//! the two date windows can overlap. Articles whose windows cannot overlap are
//! never merged, however similar their text: same actors, same vocabulary,
//! different day is a different event.
//!
//! Cost: `O(K + names² + numbers)` per pair.

use crate::fingerprint::Fingerprint;

/// Similarity bonus per piece of shared evidence (name or number), capped.
const EVIDENCE_BONUS: f64 = 0.01;
pub(crate) const EVIDENCE_CAP: usize = 5;
/// The largest evidence bonus a pair can get.
pub(crate) const MAX_BONUS: f64 = EVIDENCE_BONUS * EVIDENCE_CAP as f64;

/// How a pair of fingerprints compares.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct PairScore {
    /// Estimated Jaccard similarity of the pivot shingles.
    pub jaccard: f64,
    /// Names in common.
    pub shared_names: usize,
    /// Numbers in common.
    pub shared_numbers: usize,
    /// False when both articles are dated and their windows cannot overlap.
    pub dates_compatible: bool,
    /// Jaccard plus a small bonus for shared evidence.
    pub score: f64,
}

impl PairScore {
    /// True when the pair passes `threshold` and the date gate.
    pub(crate) fn matches(&self, threshold: f64) -> bool {
        self.dates_compatible && self.score >= threshold
    }
}

/// Compares two fingerprints.
pub(crate) fn score(a: &Fingerprint, b: &Fingerprint) -> PairScore {
    let jaccard = a.signature.jaccard(&b.signature);
    let shared_names = shared_names(&a.names, &b.names);
    let shared_numbers = sorted_intersection(&a.numbers, &b.numbers);
    let dates_compatible = match (a.window, b.window) {
        (Some(x), Some(y)) => x.overlaps(&y),
        _ => true,
    };
    combine(jaccard, shared_names, shared_numbers, dates_compatible)
}

/// Like [`score`], but `None` without looking at names and numbers when the
/// pair cannot reach `threshold` or the date gate: evidence adds at most
/// [`MAX_BONUS`], so a Jaccard estimate below `threshold − MAX_BONUS` decides
/// it. Most LSH candidates end here, at the cost of one signature comparison.
/// (The batch clusterer uses [`edge_score`]; this is its reference.)
#[cfg(test)]
pub(crate) fn score_if_match(
    a: &Fingerprint,
    b: &Fingerprint,
    threshold: f64,
) -> Option<PairScore> {
    if let (Some(x), Some(y)) = (a.window, b.window) {
        if !x.overlaps(&y) {
            return None;
        }
    }
    if a.signature.jaccard(&b.signature) + MAX_BONUS < threshold {
        return None;
    }
    let s = score(a, b);
    s.matches(threshold).then_some(s)
}

/// The score of a pair whose signatures agree on `same` of their `k` values
/// and who share `numbers` numbers (the caller has counted them), when it
/// reaches `threshold` (the date gate already passed): `None` otherwise.
/// Equal to `score_if_match(a, b, threshold).map(|s| s.score)`, computed
/// with as little as decides it: names (fuzzy comparisons) only while the
/// evidence cap is not reached, or not at all when even every name of `a`
/// matching would not reach `threshold`.
pub(crate) fn edge_score(
    a: &Fingerprint,
    b: &Fingerprint,
    same: u32,
    numbers: usize,
    k: usize,
    threshold: f64,
) -> Option<f64> {
    let jaccard = f64::from(same) / k as f64;
    if jaccard + MAX_BONUS < threshold || jaccard <= 0.0 {
        return None;
    }
    let score = |evidence: usize| edge_bound(same, k, evidence);
    // `shared_names` counts names of `a`: at most all of them.
    if score(numbers + a.names.len()) < threshold {
        return None;
    }
    let s = score(capped_evidence(numbers, a, b));
    (s >= threshold).then_some(s)
}

/// `numbers` plus the names of `a` that `b` shares, counted only until the
/// evidence cap is reached (more would not change the score).
fn capped_evidence(numbers: usize, a: &Fingerprint, b: &Fingerprint) -> usize {
    capped_names(numbers, &a.names, &b.names)
}

/// [`capped_evidence`] over two sorted name lists: `numbers` plus the
/// names of `a` with a match in `b` ([`name_in`]), up to the cap. Exact
/// matches are found first, in one merge of the two lists; the fuzzy
/// comparison runs only for the rest, and only while the cap is not
/// reached.
fn capped_names(numbers: usize, a: &[Box<str>], b: &[Box<str>]) -> usize {
    if numbers >= EVIDENCE_CAP {
        return numbers;
    }
    // Which names of `a` matched exactly, as bits (a fingerprint keeps at
    // most a dozen names; longer lists take the plain way).
    if a.len() > 64 || b.len() > 64 {
        let matched = a.iter().filter(|x| name_in(x, b)).count();
        return (numbers + matched).min(EVIDENCE_CAP);
    }
    let mut exact = 0u64;
    let mut j = 0;
    for (i, x) in a.iter().enumerate() {
        while j < b.len() && cmp_names(&b[j], x).is_lt() {
            j += 1;
        }
        if j < b.len() && *b[j] == **x {
            exact |= 1 << i;
        }
    }
    let mut evidence = numbers + exact.count_ones() as usize;
    if evidence >= EVIDENCE_CAP || exact.count_ones() as usize == a.len() {
        return evidence.min(EVIDENCE_CAP);
    }
    // Each name of `b` may be compared with every name of `a` left
    // unmatched: its shape is taken once.
    let mut b_shapes = [NameShape::EMPTY; 64];
    for (shape, y) in b_shapes.iter_mut().zip(b) {
        *shape = NameShape::of(y.as_bytes());
    }
    let b_shaped = || b.iter().map(|y| &**y).zip(b_shapes.iter().copied());
    for (i, x) in a.iter().enumerate() {
        if evidence >= EVIDENCE_CAP {
            return EVIDENCE_CAP;
        }
        if exact & (1 << i) == 0 && close_to_any_shaped(x, b_shaped()) {
            evidence += 1;
        }
    }
    evidence.min(EVIDENCE_CAP)
}

/// `x.cmp(y)` as byte strings, inline: names are short, and a call to
/// `memcmp` per comparison cost more than the comparison.
#[inline]
fn cmp_names(x: &str, y: &str) -> std::cmp::Ordering {
    let (x, y) = (x.as_bytes(), y.as_bytes());
    for (a, b) in x.iter().zip(y) {
        if a != b {
            return a.cmp(b);
        }
    }
    x.len().cmp(&y.len())
}

/// `score(a, b).score` when `jaccard` is `a.signature.jaccard(&b.signature)`
/// (the caller has it): names and numbers counted only up to the evidence
/// cap, and not at all when the estimate is 0 (the score is then 0). The
/// reference for [`pair_evidence`] and [`score_with_evidence`], with which
/// linkage remembers a pair's evidence.
#[cfg(test)]
pub(crate) fn score_with_jaccard(a: &Fingerprint, b: &Fingerprint, jaccard: f64) -> f64 {
    if jaccard <= 0.0 {
        return 0.0;
    }
    let numbers = sorted_intersection(&a.numbers, &b.numbers);
    with_evidence(jaccard, capped_evidence(numbers, a, b))
}

/// The shared names and numbers of `a` and `b` that count towards their
/// score (capped): what [`score_with_jaccard`] adds to a positive Jaccard
/// estimate, through [`score_with_evidence`].
pub(crate) fn pair_evidence(a: &Fingerprint, b: &Fingerprint) -> u8 {
    let numbers = sorted_intersection(&a.numbers, &b.numbers);
    capped_evidence(numbers, a, b).min(EVIDENCE_CAP) as u8
}

/// `score_with_jaccard(a, b, jaccard)` when `evidence` is
/// `pair_evidence(a, b)`.
pub(crate) fn score_with_evidence(jaccard: f64, evidence: u8) -> f64 {
    if jaccard <= 0.0 {
        return 0.0;
    }
    with_evidence(jaccard, usize::from(evidence))
}

/// The score of a pair agreeing on `same` of `k` signature values with
/// `evidence` shared names and numbers (capped), as [`combine`] computes it
/// for a positive Jaccard estimate: an upper bound of the score when
/// `evidence` is an upper bound of the shared names and numbers.
pub(crate) fn edge_bound(same: u32, k: usize, evidence: usize) -> f64 {
    with_evidence(f64::from(same) / k as f64, evidence)
}

/// The score of a positive Jaccard estimate with `evidence` shared names
/// and numbers: the one place the bonus rule is written.
fn with_evidence(jaccard: f64, evidence: usize) -> f64 {
    jaccard + EVIDENCE_BONUS * evidence.min(EVIDENCE_CAP) as f64
}

/// The pair score from its parts (shared by the batch verifier and the
/// streaming index's compact articles).
pub(crate) fn combine(
    jaccard: f64,
    shared_names: usize,
    shared_numbers: usize,
    dates_compatible: bool,
) -> PairScore {
    let score = if jaccard > 0.0 {
        with_evidence(jaccard, shared_names + shared_numbers)
    } else {
        0.0
    };
    PairScore {
        jaccard,
        shared_names,
        shared_numbers,
        dates_compatible,
        score,
    }
}

/// Names of `a` that have a close match in `b`: equal skeletons, or skeletons
/// of four or more consonants, within two of each other in length, within
/// Jaro-Winkler 0.9. Both lists are sorted, so exact matches are a binary
/// search and the fuzzy comparison runs only for the rest.
pub(crate) fn shared_names(a: &[Box<str>], b: &[Box<str>]) -> usize {
    a.iter().filter(|x| name_in(x, b)).count()
}

/// True when `x` has a close match in `b` (sorted), as [`shared_names`] counts.
fn name_in(x: &str, b: &[Box<str>]) -> bool {
    b.binary_search_by(|y| (**y).cmp(x)).is_ok() || close_to_any(x, b.iter().map(|y| &**y))
}

pub(crate) fn names_match(x: &str, y: &str) -> bool {
    x == y || names_close(x, y)
}

/// The fuzzy half of [`names_match`].
#[inline]
fn names_close(x: &str, y: &str) -> bool {
    close_to_any(x, [y])
}

/// True when some name of `b` is close to `x`: both of four or more
/// consonants, within two of each other in length, within Jaro-Winkler
/// 0.9. The letters of `x` are counted once, for the bound that skips
/// most comparisons ([`shares_enough`]).
fn close_to_any<'b>(x: &str, b: impl IntoIterator<Item = &'b str>) -> bool {
    close_to_any_shaped(x, b.into_iter().map(|y| (y, NameShape::of(y.as_bytes()))))
}

/// [`close_to_any`] over names given with their [`NameShape`]s. The
/// shapes' bound comes first (a few instructions), the exact letter count
/// next, Jaro-Winkler last: most pairs of names stop at the first.
fn close_to_any_shaped<'b>(x: &str, b: impl IntoIterator<Item = (&'b str, NameShape)>) -> bool {
    if x.len() < 4 {
        return false;
    }
    let x_shape = NameShape::of(x.as_bytes());
    let mut x_counts = None;
    b.into_iter().any(|(y, y_shape)| {
        y.len() >= 4
            && x.len().abs_diff(y.len()) <= 2
            && x_shape.may_share_enough(y_shape)
            && shares_enough(
                *x_counts.get_or_insert_with(|| letter_counts(x.as_bytes())),
                x.len(),
                y.as_bytes(),
            )
            && jaro_winkler(x, y) >= 0.9
    })
}

/// Which letters a name has, in a word: the cheapest bound on how many it
/// shares with another.
#[derive(Clone, Copy, Debug)]
struct NameShape {
    /// Bit `c & 63` set for every byte `c` of the name.
    classes: u64,
    /// Length in bytes.
    len: u32,
    /// Bytes beyond the first of their class (repeated letters).
    repeats: u32,
}

impl NameShape {
    const EMPTY: NameShape = NameShape {
        classes: 0,
        len: 0,
        repeats: 0,
    };

    fn of(x: &[u8]) -> NameShape {
        let classes = x.iter().fold(0u64, |m, &c| m | 1 << (c & 63));
        let len = x.len().min(u32::MAX as usize) as u32;
        NameShape {
            classes,
            len,
            repeats: len - classes.count_ones(),
        }
    }

    /// False when the two names cannot share enough letters for
    /// [`shares_enough`] (so neither for Jaro-Winkler 0.9). Each shared
    /// class gives at most one shared letter plus its repeats, so the
    /// letters shared (as [`shares_enough`] counts them, grouped by class)
    /// are at most the shared classes plus the fewer repeats of the two.
    #[inline]
    fn may_share_enough(self, other: NameShape) -> bool {
        let shared = u64::from(
            ((self.classes & other.classes).count_ones() + self.repeats.min(other.repeats))
                .min(self.len.min(other.len)),
        );
        let (lx, ly) = (u64::from(self.len), u64::from(other.len));
        2 * shared * (lx + ly) >= 3 * lx * ly
    }
}

/// How often each ASCII letter occurs in `x` (other bytes folded in).
fn letter_counts(x: &[u8]) -> [i8; 128] {
    let mut counts = [0i8; 128];
    for &c in x {
        counts[usize::from(c & 0x7F)] += 1;
    }
    counts
}

/// False when Jaro-Winkler of `x` and `y` cannot reach 0.9 whatever the
/// order of the letters (`counts`: [`letter_counts`] of `x`, a copy, used
/// up). Jaro's matches `m` are at most the letters the two share (counted
/// with repeats), Jaro is at most `(m/|x| + m/|y| + 1) / 3` and the prefix
/// bonus lifts it by at most 0.4 of the rest, so 0.9 needs
/// `m/|x| + m/|y| ≥ 1.5`. Most pairs of unrelated names fail this cheap
/// count, and the full comparison is skipped.
#[inline]
fn shares_enough(mut counts: [i8; 128], x_len: usize, y: &[u8]) -> bool {
    let mut shared = 0usize;
    for &c in y {
        let n = &mut counts[usize::from(c & 0x7F)];
        if *n > 0 {
            *n -= 1;
            shared += 1;
        }
    }
    // m/|x| + m/|y| ≥ 1.5, in integers.
    2 * shared * (x_len + y.len()) >= 3 * x_len * y.len()
}

/// Jaro-Winkler similarity exactly as `strsim::jaro_winkler` computes it
/// (same steps, same floating-point operations), without allocating, for
/// ASCII strings of at most 64 bytes, as name skeletons are; anything else
/// goes to strsim. Verification compares every name of one article with
/// every name of the other, and strsim's two allocations per call were a
/// third of the clustering time on a corpus rich in names.
fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if !x.is_ascii() || !y.is_ascii() || x.len() > 64 || y.len() > 64 {
        return strsim::jaro_winkler(a, b);
    }
    let (la, lb) = (x.len(), y.len());
    let sim = if la == 0 && lb == 0 {
        1.0
    } else if la == 0 || lb == 0 {
        0.0
    } else {
        let range = (la.max(lb) / 2).saturating_sub(1);
        let (mut a_flags, mut b_flags) = (0u64, 0u64);
        let mut matches = 0usize;
        for (i, &c) in x.iter().enumerate() {
            let lo = i.saturating_sub(range);
            let hi = lb.min(i + range + 1);
            for (j, &d) in y.iter().enumerate().take(hi).skip(lo) {
                if d == c && b_flags >> j & 1 == 0 {
                    a_flags |= 1 << i;
                    b_flags |= 1 << j;
                    matches += 1;
                    break;
                }
            }
        }
        if matches == 0 {
            0.0
        } else {
            let mut transpositions = 0usize;
            let mut j = 0;
            for (i, &c) in x.iter().enumerate() {
                if a_flags >> i & 1 == 1 {
                    while b_flags >> j & 1 == 0 {
                        j += 1;
                    }
                    transpositions += usize::from(c != y[j]);
                    j += 1;
                }
            }
            transpositions /= 2;
            ((matches as f64 / la as f64)
                + (matches as f64 / lb as f64)
                + ((matches - transpositions) as f64 / matches as f64))
                / 3.0
        }
    };
    if sim > 0.7 {
        let prefix = x.iter().take(4).zip(y).take_while(|(p, q)| p == q).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

/// How many values two sorted, deduplicated lists share.
pub(crate) fn sorted_intersection<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    // Without branches on the comparison (whose outcome is a coin toss,
    // so a branch mispredicts half the time): every step advances the
    // smaller side, or both when equal.
    while i < a.len() && j < b.len() {
        let (x, y) = (&a[i], &b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

#[cfg(test)]
mod tests {
    use crate::minhash::agreeing;

    /// The allocation-free Jaro-Winkler gives strsim's value, to the bit,
    /// on cases with long common prefixes, transpositions and no matches.
    #[test]
    fn jaro_winkler_table() {
        for (a, b) in [
            ("aaaab", "aaaaa"),
            ("rmnt", "rmnt"),
            ("rmnt", "rmtn"),
            ("trmb", "trbm"),
            ("ksrntk", "ksrnt"),
            ("bkm", "tsr"),
            ("", ""),
            ("a", ""),
        ] {
            assert_eq!(
                super::jaro_winkler(a, b).to_bits(),
                strsim::jaro_winkler(a, b).to_bits(),
                "{a} {b}"
            );
        }
    }

    proptest::proptest! {
        /// The letter-count bound never rejects a pair that matches.
        #[test]
        fn bound_keeps_every_match(
            a in "[ab]{4,10}|[bkrtsmn]{4,12}",
            b in "[ab]{4,10}|[bkrtsmn]{4,12}",
        ) {
            if strsim::jaro_winkler(&a, &b) >= 0.9 {
                let counts = super::letter_counts(a.as_bytes());
                proptest::prop_assert!(super::shares_enough(counts, a.len(), b.as_bytes()));
            }
        }

        /// The shapes' bound never rejects a pair the letter count keeps
        /// (repeated letters, and bytes whose classes collide: `p` and
        /// `0`, `é`'s bytes).
        #[test]
        fn shape_bound_keeps_what_the_count_keeps(
            a in "[abpr0]{1,10}|[bkrtsmn]{1,12}|[a-zé0-9]{0,20}",
            b in "[abpr0]{1,10}|[bkrtsmn]{1,12}|[a-zé0-9]{0,20}",
        ) {
            let counts = super::letter_counts(a.as_bytes());
            if super::shares_enough(counts, a.len(), b.as_bytes()) {
                let (x, y) = (super::NameShape::of(a.as_bytes()), super::NameShape::of(b.as_bytes()));
                proptest::prop_assert!(x.may_share_enough(y));
            }
        }

        /// The merged count of shared names is the name-by-name count,
        /// capped as before. `b` takes some of `a`'s names as they are,
        /// some with the last letter changed (fuzzy matches), and others.
        #[test]
        fn capped_names_counts_as_name_in(
            a in proptest::collection::btree_set("[bkrt]{1,3}|[bkrtmns]{4,9}", 0..14),
            how in proptest::collection::vec(0u8..3, 14),
            others in proptest::collection::btree_set("[bkrt]{1,3}|[bkrtmns]{4,9}", 0..6),
            numbers in 0usize..7,
        ) {
            let mut b: Vec<String> = others.into_iter().collect();
            for (x, how) in a.iter().zip(&how) {
                match how {
                    0 => b.push(x.clone()),
                    1 => b.push(format!("{}z", &x[..x.len() - 1])),
                    _ => {}
                }
            }
            b.sort();
            b.dedup();
            let a: Vec<Box<str>> = a.into_iter().map(String::into_boxed_str).collect();
            let b: Vec<Box<str>> = b.into_iter().map(String::into_boxed_str).collect();
            // The loop this replaced.
            let mut reference = numbers;
            for x in &a {
                if reference >= super::EVIDENCE_CAP {
                    break;
                }
                if super::name_in(x, &b) {
                    reference += 1;
                }
            }
            proptest::prop_assert_eq!(super::capped_names(numbers, &a, &b), reference);
        }

        /// The fuzzy match is its rule, the bound and the counting
        /// changing no verdict.
        #[test]
        fn close_to_any_follows_the_rule(
            x in "[bkrt]{1,9}|[bkrtmns]{4,9}",
            b in proptest::collection::vec("[bkrt]{1,9}|[bkrtmns]{4,9}", 0..8),
        ) {
            let rule = |y: &str| {
                x.len() >= 4
                    && y.len() >= 4
                    && x.len().abs_diff(y.len()) <= 2
                    && strsim::jaro_winkler(&x, y) >= 0.9
            };
            proptest::prop_assert_eq!(
                super::close_to_any(&x, b.iter().map(String::as_str)),
                b.iter().any(|y| rule(y))
            );
        }

        /// Inline name order is `str` order.
        #[test]
        fn cmp_names_is_str_order(a in "[a-c]{0,5}", b in "[a-c]{0,5}") {
            proptest::prop_assert_eq!(super::cmp_names(&a, &b), a.cmp(&b));
        }

        /// The allocation-free Jaro-Winkler gives strsim's value, to the bit.
        #[test]
        fn jaro_winkler_matches_strsim(
            // A shared start makes the prefix bonus and high scores common;
            // a two-letter alphabet, transpositions; the long tails cover
            // the 64-byte limit.
            start in "[ab]{0,6}|[bkrtsmn]{0,6}",
            a_tail in "[ab]{0,4}|[bkrtsmn]{0,6}|[a-z]{0,70}",
            b_tail in "[ab]{0,4}|[bkrtsmn]{0,6}|[a-z]{0,70}",
        ) {
            let (a, b) = (format!("{start}{a_tail}"), format!("{start}{b_tail}"));
            proptest::prop_assert_eq!(
                super::jaro_winkler(&a, &b).to_bits(),
                strsim::jaro_winkler(&a, &b).to_bits()
            );
        }
    }
    use crate::{Article, Clusterer};

    #[test]
    fn edge_score_is_score_if_match() {
        // Articles sharing more or less text, numbers and names, made into
        // variants whose signatures differ in a varying share of values: the
        // fast path must give the reference's verdict and score exactly.
        let c = Clusterer::new();
        let texts = [
            "Nishimura and Raimondo met in Detroit on 26 May to discuss 12 semiconductor plants and 3 supply chains.",
            "Raimondo and Nishimura met in Detroit to discuss semiconductors, 12 plants, export controls and minerals.",
            "Flooding in Valencia left 40 cellars under water; Mayor Catala said 3 ferries were cancelled.",
            "Catala, the mayor of Valencia, said 40 cellars flooded and 3 ferries stopped after the rain.",
            "Stock markets in Tokyo fell 2 percent as Nikkei futures dropped on 26 May.",
        ];
        let mut fps = Vec::new();
        for (t, text) in texts.iter().enumerate() {
            let fp =
                c.fingerprint(&Article::new(format!("a{t}"), *text).with_published("2023-05-26"));
            for (v, fraction) in [0.0, 0.3, 0.6, 0.85, 0.95].iter().enumerate() {
                fps.push(fp.synthetic_variant(0, 7 + v as u64, *fraction));
            }
        }
        let mut matched = 0;
        for threshold in [0.02, 0.075, 0.1, 0.3] {
            for a in &fps {
                for b in &fps {
                    let same = agreeing(a.signature.values(), b.signature.values());
                    let numbers = super::sorted_intersection(&a.numbers, &b.numbers);
                    let fast = super::edge_score(a, b, same, numbers, a.signature.len(), threshold);
                    let reference = super::score_if_match(a, b, threshold).map(|s| s.score);
                    assert_eq!(fast, reference, "threshold {threshold}");
                    matched += usize::from(fast.is_some());
                }
            }
        }
        assert!(
            matched > 0 && matched < 4 * fps.len() * fps.len(),
            "{matched}"
        );
        // Linkage's remembered evidence gives the reference score exactly
        // (and the pairs have evidence to remember).
        let mut with_evidence = 0;
        for a in &fps {
            for b in &fps {
                let evidence = super::pair_evidence(a, b);
                with_evidence += usize::from(evidence > 0);
                for j in [a.signature.jaccard(&b.signature), 0.0, 0.05, 0.3] {
                    let remembered = super::score_with_evidence(j, evidence);
                    let reference = super::score_with_jaccard(a, b, j);
                    assert_eq!(remembered.to_bits(), reference.to_bits(), "{j}");
                }
            }
        }
        assert!(with_evidence > 0);
    }

    #[test]
    fn same_event_day_is_evidence() {
        let c = Clusterer::new();
        let text =
            "Nishimura and Raimondo met in Detroit to discuss semiconductors and supply chains.";
        let fp = |id: &str, day: &str| c.fingerprint(&Article::new(id, text).with_published(day));
        let (a, b, d) = (
            fp("a", "2023-05-26"),
            fp("b", "2023-05-26"),
            fp("d", "2023-05-28"),
        );
        let (same, other) = (super::score(&a, &b), super::score(&a, &d));
        assert_eq!(same.jaccard, other.jaccard);
        assert!(other.dates_compatible, "two days apart: windows overlap");
        assert!(
            same.score > other.score,
            "{} vs {}",
            same.score,
            other.score
        );
        // Ten months apart: never compatible, whatever the text.
        assert!(!super::score(&a, &fp("e", "2024-03-26")).dates_compatible);
    }
}
