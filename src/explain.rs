//! Explanations: why two articles did or did not match.

use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDate;

use crate::bridge::{Channel, Sink};
use crate::script::Lang;

/// An inclusive range of days.
pub type DayRange = (NaiveDate, NaiveDate);

/// Exact overlap of one pivot channel between two articles.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelOverlap {
    /// Channel name: `concepts`, `han`, `names`, `numbers` or `words`.
    pub channel: &'static str,
    /// Exact Jaccard similarity of the channel's key sets.
    pub jaccard: f64,
    /// Distinct keys on each side.
    pub sizes: (usize, usize),
    /// Up to 12 shared keys, sorted.
    pub shared: Vec<String>,
}

/// Why two articles did or did not match. Print it with `{}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The two article ids.
    pub ids: (String, String),
    /// Detected dominant languages.
    pub langs: (Lang, Lang),
    /// Estimated Jaccard similarity of the fingerprints.
    pub similarity: f64,
    /// The verifier's score (similarity plus the shared-evidence bonus).
    pub score: f64,
    /// The threshold the score was compared with.
    pub threshold: f64,
    /// Per-channel exact overlaps.
    pub channels: Vec<ChannelOverlap>,
    /// Names found on both sides (consonant skeletons, fuzzy-matched).
    pub shared_names: Vec<String>,
    /// Event-date windows.
    pub windows: (Option<DayRange>, Option<DayRange>),
    /// False when both are dated and the windows cannot overlap.
    pub dates_compatible: bool,
    /// The verdict: same event or not.
    pub matched: bool,
}

/// Collects keys per channel, as strings.
#[derive(Default)]
pub(crate) struct KeySets(pub [BTreeSet<String>; 5]);

impl Sink for KeySets {
    fn emit(&mut self, channel: Channel, key: &str) {
        let key = if channel == Channel::Concept {
            crate::lexicon::canonical(key)
        } else {
            key
        };
        let i = Channel::ALL.iter().position(|c| *c == channel).unwrap_or(0);
        if !self.0[i].contains(key) {
            self.0[i].insert(key.to_string());
        }
    }
}

pub(crate) fn overlaps(a: &KeySets, b: &KeySets) -> Vec<ChannelOverlap> {
    Channel::ALL
        .iter()
        .enumerate()
        .map(|(i, ch)| {
            let (x, y) = (&a.0[i], &b.0[i]);
            let shared: Vec<String> = x.intersection(y).cloned().collect();
            let union = x.len() + y.len() - shared.len();
            let jaccard = if union == 0 {
                0.0
            } else {
                shared.len() as f64 / union as f64
            };
            ChannelOverlap {
                channel: ch.name(),
                jaccard,
                sizes: (x.len(), y.len()),
                shared: shared.into_iter().take(12).collect(),
            }
        })
        .collect()
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.matched {
            "SAME EVENT"
        } else {
            "different events"
        };
        writeln!(
            f,
            "{} ({}) vs {} ({}): {verdict}",
            self.ids.0,
            self.langs.0.code(),
            self.ids.1,
            self.langs.1.code()
        )?;
        writeln!(
            f,
            "  similarity (estimated Jaccard): {:.3}",
            self.similarity
        )?;
        writeln!(
            f,
            "  score {:.3} vs threshold {:.3}",
            self.score, self.threshold
        )?;
        let w = |w: Option<(NaiveDate, NaiveDate)>| {
            w.map_or("undated".to_string(), |(s, e)| format!("{s} … {e}"))
        };
        writeln!(
            f,
            "  date windows: {} | {} → {}",
            w(self.windows.0),
            w(self.windows.1),
            if self.dates_compatible {
                "compatible"
            } else {
                "cannot overlap"
            }
        )?;
        if !self.shared_names.is_empty() {
            writeln!(f, "  shared names: {}", self.shared_names.join(", "))?;
        }
        for c in &self.channels {
            writeln!(
                f,
                "  {:<8} jaccard {:.3} ({} | {} keys) shared: {}",
                c.channel,
                c.jaccard,
                c.sizes.0,
                c.sizes.1,
                c.shared.join(" ")
            )?;
        }
        Ok(())
    }
}
