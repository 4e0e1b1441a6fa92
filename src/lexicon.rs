//! The bridge's data tables, parsed once per process on first use.
//!
//! The tables are derived from Debian/crates.io packages by
//! `scripts/build-data.sh` and embedded in the binary (`data/`, see its
//! README for sources and licences), so nothing is read from disk or the
//! network at run time.

use std::collections::HashMap;
use std::sync::OnceLock;

static HAN_FOLD_TSV: &str = include_str!("../data/han_fold.tsv");
static HANJA_TSV: &str = include_str!("../data/hanja.tsv");

/// All bridge tables.
pub(crate) struct Lexicons {
    /// Traditional / Japanese variant → simplified Chinese character.
    pub han_fold: HashMap<char, char>,
    /// Hangul word → Hanja (first, most common reading), already Han-folded.
    pub hanja: HashMap<String, String>,
    /// Longest Hangul key in `hanja`, in syllables; bounds the longest-match search.
    pub hanja_max_len: usize,
}

/// The process-wide tables, parsed on first call.
pub(crate) fn lexicons() -> &'static Lexicons {
    static LEXICONS: OnceLock<Lexicons> = OnceLock::new();
    LEXICONS.get_or_init(Lexicons::load)
}

impl Lexicons {
    fn load() -> Lexicons {
        let mut han_fold = HashMap::new();
        for line in HAN_FOLD_TSV.lines() {
            let mut cols = line.split('\t');
            if let (Some(from), Some(to)) = (cols.next(), cols.next()) {
                if let (Some(f), Some(t)) = (single_char(from), single_char(to)) {
                    han_fold.insert(f, t);
                }
            }
        }
        let mut hanja = HashMap::new();
        let mut hanja_max_len = 0;
        for line in HANJA_TSV.lines() {
            let mut cols = line.split('\t');
            if let (Some(hangul), Some(han)) = (cols.next(), cols.next()) {
                let folded: String = han
                    .chars()
                    .map(|c| *han_fold.get(&c).unwrap_or(&c))
                    .collect();
                hanja_max_len = hanja_max_len.max(hangul.chars().count());
                // The first reading listed is the most common one: keep it.
                hanja.entry(hangul.to_string()).or_insert(folded);
            }
        }
        Lexicons {
            han_fold,
            hanja,
            hanja_max_len,
        }
    }

    /// Folds one Han character to its canonical (simplified) form.
    #[inline]
    pub(crate) fn fold(&self, c: char) -> char {
        *self.han_fold.get(&c).unwrap_or(&c)
    }
}

fn single_char(s: &str) -> Option<char> {
    let mut it = s.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}
