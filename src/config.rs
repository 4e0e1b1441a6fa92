//! Settings, with documented defaults.

use crate::dates::WindowParams;
use crate::error::Error;
use crate::stream::EvictionPolicy;

/// Settings of a [`Clusterer`](crate::Clusterer). `Config::default()` is what
/// the crate is tuned for; the builder methods change one setting each.
///
/// ```
/// let config = samestory::Config::default().threshold(0.2).num_hashes(256);
/// let clusterer = samestory::Clusterer::with_config(config).unwrap();
/// # let _ = clusterer;
/// ```
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) num_hashes: usize,
    pub(crate) threshold: f64,
    pub(crate) candidate_threshold: f64,
    pub(crate) edge_ratio: f64,
    pub(crate) max_bucket: usize,
    pub(crate) window: WindowParams,
    pub(crate) max_article_bytes: usize,
    pub(crate) retention_days: u32,
    pub(crate) eviction: EvictionPolicy,
}

/// Default days an [`EventIndex`](crate::EventIndex) keeps an event live after
/// its date window closed.
pub(crate) const DEFAULT_RETENTION_DAYS: u32 = 30;

/// Default largest LSH bucket the batch candidate stage uses.
pub(crate) const DEFAULT_MAX_BUCKET: usize = 64;

/// Default verification threshold on the pivot similarity score.
pub(crate) const DEFAULT_THRESHOLD: f64 = 0.10;

impl Default for Config {
    fn default() -> Config {
        Config {
            num_hashes: 256,
            threshold: DEFAULT_THRESHOLD,
            candidate_threshold: DEFAULT_THRESHOLD * 0.75,
            edge_ratio: 0.75,
            max_bucket: DEFAULT_MAX_BUCKET,
            window: WindowParams::default(),
            max_article_bytes: 1 << 20,
            retention_days: DEFAULT_RETENTION_DAYS,
            eviction: EvictionPolicy::Archive,
        }
    }
}

impl Config {
    /// MinHash values per signature (default 256). More values estimate
    /// similarity more precisely (standard error `√(J(1−J)/K)`) at 2 bytes each.
    pub fn num_hashes(mut self, k: usize) -> Config {
        self.num_hashes = k;
        self
    }

    /// Minimum pivot similarity for two articles to be the same event
    /// (default 0.10). Higher: fewer false merges, more split events.
    /// Also sets the LSH candidate threshold to ¾ of it.
    pub fn threshold(mut self, t: f64) -> Config {
        self.threshold = t;
        self.candidate_threshold = t * 0.75;
        self
    }

    /// The similarity the LSH index is tuned to catch (default ¾ of the
    /// threshold): lower finds more candidates at more verification cost.
    pub fn candidate_threshold(mut self, t: f64) -> Config {
        self.candidate_threshold = t;
        self
    }

    /// A candidate pair links two articles only if it scores at least
    /// `ratio × threshold` (default 0.75); clusters then merge on their mean
    /// pairwise score reaching the threshold.
    pub fn edge_ratio(mut self, ratio: f64) -> Config {
        self.edge_ratio = ratio;
        self
    }

    /// Batch only: LSH buckets (articles sharing one band within one date
    /// block of 7 days) larger than this are skipped (default 64). Such
    /// buckets are made by common words; skipping them keeps the number of
    /// candidate pairs per article bounded, so batch cost grows linearly with
    /// the number of articles. Raise it for corpora where hundreds of
    /// articles a week report one event in near-identical words (they still
    /// link through their other bands); lower it for speed.
    pub fn max_bucket(mut self, articles: usize) -> Config {
        self.max_bucket = articles;
        self
    }

    /// Days of slack around an article's event dates (default 3 each side).
    pub fn window_slack_days(mut self, days: u32) -> Config {
        self.window.slack_back = i64::from(days);
        self.window.slack_forward = i64::from(days);
        self
    }

    /// Longest article body read, in bytes (default 1 MiB); longer bodies
    /// are truncated at a character boundary.
    pub fn max_article_bytes(mut self, bytes: usize) -> Config {
        self.max_article_bytes = bytes;
        self
    }

    /// Streaming only ([`EventIndex`](crate::EventIndex)): days an event stays
    /// live in the index after its date window closed (default 30), counted
    /// back from the newest `published` date seen so far (article metadata
    /// only: dates found in the text do not move this clock). Undated events count
    /// from the newest date seen when their last article arrived. A live
    /// event can still take new articles; an evicted one cannot.
    pub fn retention_days(mut self, days: u32) -> Config {
        self.retention_days = days;
        self
    }

    /// Streaming only: what happens to an event once its retention ran out
    /// (default [`EvictionPolicy::Archive`]).
    pub fn eviction(mut self, policy: EvictionPolicy) -> Config {
        self.eviction = policy;
        self
    }

    /// The MinHash values per signature in use (see [`num_hashes`](Self::num_hashes)).
    ///
    /// ```
    /// assert_eq!(samestory::Config::default().get_num_hashes(), 256);
    /// ```
    pub fn get_num_hashes(&self) -> usize {
        self.num_hashes
    }

    /// The threshold in use (see [`threshold`](Self::threshold)).
    ///
    /// ```
    /// let c = samestory::Config::default();
    /// assert_eq!(c.get_threshold(), 0.10);
    /// assert_eq!(c.threshold(0.2).get_threshold(), 0.2);
    /// ```
    pub fn get_threshold(&self) -> f64 {
        self.threshold
    }

    /// The LSH candidate threshold in use (see
    /// [`candidate_threshold`](Self::candidate_threshold)).
    ///
    /// ```
    /// let c = samestory::Config::default().threshold(0.2);
    /// assert!((c.get_candidate_threshold() - 0.15).abs() < 1e-12);
    /// ```
    pub fn get_candidate_threshold(&self) -> f64 {
        self.candidate_threshold
    }

    /// The date-window slack in days, the larger of the two sides (see
    /// [`window_slack_days`](Self::window_slack_days)).
    ///
    /// ```
    /// let c = samestory::Config::default();
    /// assert_eq!(c.get_window_slack_days(), 3);
    /// assert_eq!(c.window_slack_days(7).get_window_slack_days(), 7);
    /// ```
    pub fn get_window_slack_days(&self) -> u32 {
        u32::try_from(self.window.slack_back.max(self.window.slack_forward).max(0))
            .unwrap_or(u32::MAX)
    }

    /// The longest article body read, in bytes (see
    /// [`max_article_bytes`](Self::max_article_bytes)).
    ///
    /// ```
    /// assert_eq!(samestory::Config::default().get_max_article_bytes(), 1 << 20);
    /// ```
    pub fn get_max_article_bytes(&self) -> usize {
        self.max_article_bytes
    }

    /// Batch only: the largest LSH bucket used (see
    /// [`max_bucket`](Self::max_bucket)).
    ///
    /// ```
    /// assert_eq!(samestory::Config::default().get_max_bucket(), 64);
    /// ```
    pub fn get_max_bucket(&self) -> usize {
        self.max_bucket
    }

    /// Streaming only: the retention in days (see
    /// [`retention_days`](Self::retention_days)).
    ///
    /// ```
    /// assert_eq!(samestory::Config::default().get_retention_days(), 30);
    /// ```
    pub fn get_retention_days(&self) -> u32 {
        self.retention_days
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        if !(1..=4096).contains(&self.num_hashes) {
            return Err(Error::Config(format!(
                "num_hashes = {} must be between 1 and 4096 (256 is the default)",
                self.num_hashes
            )));
        }
        for (name, v) in [
            ("threshold", self.threshold),
            ("candidate_threshold", self.candidate_threshold),
        ] {
            if !(v > 0.0 && v <= 1.0) {
                return Err(Error::Config(format!("{name} = {v} must be in (0, 1]")));
            }
        }
        if !(0.0..=1.0).contains(&self.edge_ratio) {
            return Err(Error::Config(format!(
                "edge_ratio = {} must be in [0, 1]",
                self.edge_ratio
            )));
        }
        if self.max_bucket < 2 {
            return Err(Error::Config(format!(
                "max_bucket = {} must be at least 2 (64 is the default)",
                self.max_bucket
            )));
        }
        if self.max_article_bytes < 64 {
            return Err(Error::Config(format!(
                "max_article_bytes = {} is too small to hold an article (use at least 64)",
                self.max_article_bytes
            )));
        }
        Ok(())
    }
}
