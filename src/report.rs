//! Reports for people: one summary per event (date window, languages, a
//! representative title), the evidence that links each article into its
//! event, and a self-contained HTML page.
//!
//! ```
//! use samestory::{Article, Clusterer, report::Report};
//!
//! let articles = vec![
//!     Article::new("en", "Japan's Nishimura and US Commerce Secretary Raimondo met in Detroit on Friday, May 26, 2023, on semiconductors and chip supply chains.")
//!         .with_title("Japan, US agree on chip cooperation")
//!         .with_published("2023-05-26"),
//!     Article::new("en-2", "On Friday in Detroit, Raimondo and Japan's Nishimura agreed on semiconductor cooperation and chip supply chains.")
//!         .with_published("2023-05-27"),
//! ];
//! let clusterer = Clusterer::new();
//! let fps = clusterer.fingerprint_all(&articles, |_| {});
//! let clustering = clusterer.cluster_fingerprints(&articles, &fps);
//! let report = Report::from_clustering(&articles, &clustering, &fps);
//! let event = &report.events()[0];
//! assert_eq!(event.members, [0, 1]);
//! assert_eq!(event.title, "Japan, US agree on chip cooperation");
//! let link = report.links()[1].as_ref().unwrap();
//! assert_eq!(link.partner, 0);
//! assert!(link.shared_names.iter().any(|n| n == "rmnt")); // Raimondo
//! let html = report.to_html();
//! assert!(html.contains("ev-2023-05-2"));
//! ```
//!
//! Cost: the evidence compares each article with at most
//! [`LINK_CANDIDATES`] other members of its event, from the fingerprints
//! already computed (`O(n · LINK_CANDIDATES · K)`, in parallel); the page
//! holds at most [`Report::max_events`] events with at most
//! [`Report::max_articles_per_event`] articles each, so it stays small and
//! opens quickly whatever the input size.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::article::Article;
use crate::bridge::{Channel, Sink};
use crate::cluster::EventId;
use crate::explain::DayRange;
use crate::fingerprint::{Fingerprint, article_text};
use crate::normalize::nfkc;
use crate::script::Lang;
use crate::verify;
use crate::{Clusterer, Clustering, clean::clean};

/// Other members of its event an article is compared with to find its
/// [`Link`]: all of them in events of up to this many + 1 articles, else this
/// many spread evenly over the event.
pub const LINK_CANDIDATES: usize = 24;

/// The evidence linking an article into its event: its most similar other
/// member (among the [`LINK_CANDIDATES`] compared) and what they share.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// Input position of the other article.
    pub partner: usize,
    /// Estimated Jaccard similarity of the two fingerprints' pivot keys.
    pub similarity: f64,
    /// The verifier's score: similarity plus the bonus for shared names,
    /// numbers and event day.
    pub score: f64,
    /// Names found in both (consonant skeletons: Raimondo, 雷蒙多 and
    /// ライモンド are all `rmnt`), sorted.
    pub shared_names: Vec<String>,
    /// Numbers found in both (amounts, years, counts; the event day not included).
    pub shared_numbers: usize,
    /// Both articles have the same most likely event day.
    pub same_day: bool,
}

/// One event as a reader sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct EventSummary {
    /// The event's ID.
    pub id: EventId,
    /// Input positions of its articles, ascending.
    pub members: Vec<usize>,
    /// The days on which the event plausibly happened: the days all its
    /// dated members' windows share (the span of their windows if they share
    /// none, as can happen in streaming); `None` when no member is dated.
    pub window: Option<DayRange>,
    /// The first and last publication dates of its articles.
    pub published: Option<DayRange>,
    /// Its languages with their article counts, most articles first.
    pub langs: Vec<(Lang, usize)>,
    /// Input position of its most representative article: the one most
    /// often the best link of the others, then the best linked.
    pub representative: usize,
    /// The representative article's title (its first line when it has none).
    pub title: String,
}

/// A report over clustered articles: summaries, evidence and HTML.
pub struct Report<'a> {
    articles: &'a [Article],
    fps: &'a [Fingerprint],
    events: Vec<EventSummary>,
    links: Vec<Option<Link>>,
    titles: Vec<String>,
    heading: String,
    notes: Vec<String>,
    max_events: usize,
    max_articles_per_event: usize,
    keys_from: Option<(&'a Clusterer, usize)>,
}

/// Shared words shown per link on the page.
const SHOWN_WORDS: usize = 8;
/// Shared numbers shown per link on the page.
const SHOWN_NUMBERS: usize = 6;

/// Longest title shown, in characters.
const TITLE_CHARS: usize = 140;

impl<'a> Report<'a> {
    /// A report over `articles` (with their fingerprints, in the same order)
    /// grouped into `events` (each an ID and the input positions of its
    /// articles; every article in at most one event). Computes the
    /// summaries and each article's [`Link`].
    ///
    /// # Panics
    /// When `fingerprints` and `articles` differ in length or an event names
    /// a position out of range.
    pub fn new(
        articles: &'a [Article],
        fingerprints: &'a [Fingerprint],
        events: Vec<(EventId, Vec<usize>)>,
    ) -> Report<'a> {
        assert_eq!(
            articles.len(),
            fingerprints.len(),
            "one fingerprint per article"
        );
        let fps = fingerprints;
        let titles: Vec<String> = articles.par_iter().map(display_title).collect();
        let mut links: Vec<Option<Link>> = vec![None; articles.len()];
        let per_event: Vec<Vec<(usize, Link)>> = events
            .par_iter()
            .map(|(_, members)| event_links(members, fps))
            .collect();
        for (i, link) in per_event.into_iter().flatten() {
            links[i] = Some(link);
        }
        let mut summaries: Vec<EventSummary> = events
            .into_iter()
            .map(|(id, mut members)| {
                members.sort_unstable();
                summarize(id, members, fps, &links, &titles)
            })
            .collect();
        summaries.sort_by(|a, b| {
            let key = |e: &EventSummary| {
                let d = e.id.date().or(e.window.map(|w| w.0));
                (d.is_none(), d, e.id)
            };
            key(a).cmp(&key(b))
        });
        Report {
            articles,
            fps,
            events: summaries,
            links,
            titles,
            heading: "samestory report".into(),
            notes: Vec::new(),
            max_events: 1000,
            max_articles_per_event: 40,
            keys_from: None,
        }
    }

    /// The report of a batch [`Clustering`] of `articles`, whose
    /// fingerprints (from [`Clusterer::fingerprint_all`](crate::Clusterer::fingerprint_all))
    /// are `fingerprints`.
    pub fn from_clustering(
        articles: &'a [Article],
        clustering: &Clustering,
        fingerprints: &'a [Fingerprint],
    ) -> Report<'a> {
        Report::new(articles, fingerprints, clustering.events().to_vec())
    }

    /// Sets the page's heading (default "samestory report").
    pub fn heading(mut self, heading: impl Into<String>) -> Report<'a> {
        self.heading = heading.into();
        self
    }

    /// Adds a line shown under the heading (input, settings, timing…).
    pub fn note(mut self, note: impl Into<String>) -> Report<'a> {
        self.notes.push(note.into());
        self
    }

    /// At most this many events are listed on the page (default 1000): the
    /// largest ones (then the earliest), shown in date order. The day
    /// histogram and the totals always count every article.
    pub fn max_events(mut self, n: usize) -> Report<'a> {
        self.max_events = n;
        self
    }

    /// At most this many articles are listed per event (default 40), taken
    /// in turn from each language so that every language shows; the count
    /// of the others is given.
    pub fn max_articles_per_event(mut self, n: usize) -> Report<'a> {
        self.max_articles_per_event = n.max(1);
        self
    }

    /// Shows, on the page, the pivot keys (English stems and dictionary
    /// glosses, matched through synonym classes, rarest first, the commonest
    /// English words left out) and numbers each listed article shares with
    /// its linked partner. They are read again from the
    /// articles' text with `clusterer` (which must have the settings that
    /// made the fingerprints): one pass of the bridge per article, for at
    /// most `max_articles` articles (listed ones and their partners, in page
    /// order); links beyond that show the fingerprint evidence only.
    ///
    /// ```
    /// use samestory::{Article, Clusterer, report::Report};
    /// let articles = vec![
    ///     Article::new("a", "Raimondo and Nishimura met in Detroit on semiconductors, 2023."),
    ///     Article::new("b", "In Detroit, Nishimura and Raimondo agreed on semiconductors, 2023."),
    /// ];
    /// let c = Clusterer::new();
    /// let fps = c.fingerprint_all(&articles, |_| {});
    /// let clustering = c.cluster_fingerprints(&articles, &fps);
    /// let html = Report::from_clustering(&articles, &clustering, &fps)
    ///     .shared_keys(&c, 1000)
    ///     .to_html();
    /// assert!(html.contains("\"detroit\"")); // a shared key, lowercased
    /// ```
    pub fn shared_keys(mut self, clusterer: &'a Clusterer, max_articles: usize) -> Report<'a> {
        self.keys_from = Some((clusterer, max_articles));
        self
    }

    /// The events in the order of their IDs' dates (undated last).
    pub fn events(&self) -> &[EventSummary] {
        &self.events
    }

    /// Per article (input order), the evidence linking it into its event;
    /// `None` for an article alone in its event (or in none).
    pub fn links(&self) -> &[Option<Link>] {
        &self.links
    }

    /// The title shown for the article at input position `i`: its `title`,
    /// else the first line of its cleaned text, at most 140 characters.
    pub fn article_title(&self, i: usize) -> &str {
        &self.titles[i]
    }

    /// The report as one self-contained HTML page: no network access, no
    /// external scripts, styles or fonts. The events and articles are
    /// embedded as JSON and rendered by an inline script, 20 events a page,
    /// with a search box and a language filter.
    pub fn to_html(&self) -> String {
        let shown = self.shown_events();
        let listed: Vec<Vec<usize>> = shown
            .iter()
            .map(|&e| {
                pick_members(
                    &self.events[e].members,
                    self.fps,
                    self.max_articles_per_event,
                )
            })
            .collect();
        let keys = self.key_sets(&listed);
        let mut events_json = Vec::with_capacity(shown.len());
        for (&e, listed) in shown.iter().zip(&listed) {
            events_json.push(self.event_json(&self.events[e], listed, &keys));
        }
        let multi = self.events.iter().filter(|e| e.members.len() > 1).count();
        let mut langs: HashMap<Lang, usize> = HashMap::new();
        for fp in self.fps {
            *langs.entry(fp.lang).or_default() += 1;
        }
        let mut langs: Vec<(Lang, usize)> = langs.into_iter().collect();
        langs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code().cmp(b.0.code())));
        let data = serde_json::json!({
            "articles": self.articles.len(),
            "events": self.events.len(),
            "multi": multi,
            "shown": shown.len(),
            "langs": langs.iter().map(|(l, n)| (l.code(), n)).collect::<Vec<_>>(),
            "list": events_json,
        });
        let data = script_safe(&data.to_string());
        let mut notes = String::new();
        for n in &self.notes {
            let _ = write!(notes, "<p class=\"note\">{}</p>", escape(n));
        }
        let cap = if shown.len() < self.events.len() {
            format!(
                "<p class=\"note\">Listing the {} largest of {} events (in date order); the histogram and totals count all {} articles.</p>",
                shown.len(),
                self.events.len(),
                self.articles.len()
            )
        } else {
            String::new()
        };
        TEMPLATE
            .replace("{{HEADING}}", &escape(&self.heading))
            .replace("{{NOTES}}", &(notes + &cap))
            .replace("{{HISTOGRAM}}", &self.histogram())
            .replace("{{STYLE}}", STYLE)
            .replace("{{SCRIPT}}", SCRIPT)
            .replace("{{DATA}}", &data)
    }

    /// Writes [`to_html`](Self::to_html) to `w`.
    pub fn write_html(&self, mut w: impl std::io::Write) -> std::io::Result<()> {
        w.write_all(self.to_html().as_bytes())
    }

    /// Positions (in `self.events`) of the events listed on the page, in
    /// date order.
    fn shown_events(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.events.len()).collect();
        if order.len() > self.max_events {
            order.sort_by_key(|&e| std::cmp::Reverse(self.events[e].members.len()));
            order.truncate(self.max_events);
            order.sort_unstable();
        }
        order
    }

    /// The pivot keys of the listed articles and their partners, as far as
    /// [`shared_keys`](Self::shared_keys) asked for.
    fn key_sets(&self, listed: &[Vec<usize>]) -> HashMap<usize, PageKeys> {
        let Some((clusterer, max)) = self.keys_from else {
            return HashMap::new();
        };
        let mut need: Vec<usize> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        'outer: for &i in listed.iter().flatten() {
            for j in [Some(i), self.links[i].as_ref().map(|l| l.partner)]
                .into_iter()
                .flatten()
            {
                if need.len() >= max {
                    break 'outer;
                }
                if seen.insert(j) {
                    need.push(j);
                }
            }
        }
        let max_bytes = clusterer.config.max_article_bytes;
        need.par_iter()
            .map(|&i| {
                let a = &self.articles[i];
                let mut k = PageKeys::default();
                let hint = a.lang.as_deref().and_then(Lang::from_tag);
                clusterer.fingerprinter.bridge.bridge(
                    &nfkc(&article_text(a, max_bytes)),
                    hint,
                    &mut k,
                );
                (i, k)
            })
            .collect()
    }

    fn event_json(
        &self,
        e: &EventSummary,
        listed: &[usize],
        keys: &HashMap<usize, PageKeys>,
    ) -> serde_json::Value {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
        let range = |r: Option<DayRange>| r.map(|(a, b)| [a.to_string(), b.to_string()]);
        let arts: Vec<serde_json::Value> = listed
            .iter()
            .map(|&i| {
                let a = &self.articles[i];
                let fp = &self.fps[i];
                let mut v = serde_json::json!({
                    "id": a.id,
                    "l": fp.lang.code(),
                    "t": self.titles[i],
                    "d": day(fp.published),
                    "r": i == e.representative,
                });
                if let Some(u) = a.url.as_deref().filter(|u| is_web_url(u)) {
                    v["u"] = u.into();
                }
                if let Some(s) = a.source.as_deref() {
                    v["src"] = s.into();
                }
                if let Some(link) = &self.links[i] {
                    let (words, numbers) = match (keys.get(&i), keys.get(&link.partner)) {
                        (Some(x), Some(y)) => shared_words_numbers(x, y),
                        _ => (Vec::new(), Vec::new()),
                    };
                    v["e"] = serde_json::json!({
                        "w": words,
                        "nv": numbers,
                        "p": self.articles[link.partner].id,
                        "pl": self.fps[link.partner].lang.code(),
                        "sim": round3(link.similarity),
                        "sc": round3(link.score),
                        "names": link.shared_names,
                        "nums": link.shared_numbers,
                        "day": link.same_day,
                    });
                }
                v
            })
            .collect();
        serde_json::json!({
            "id": e.id.to_string(),
            "date": day(e.id.date()),
            "w": range(e.window),
            "p": range(e.published),
            "n": e.members.len(),
            "langs": e.langs.iter().map(|(l, n)| (l.code(), n)).collect::<Vec<_>>(),
            "t": e.title,
            "a": arts,
            "more": e.members.len() - listed.len(),
        })
    }

    /// An inline SVG bar chart of articles per day (per week or month over
    /// long spans), by publication date, else event date.
    fn histogram(&self) -> String {
        let days: Vec<NaiveDate> = self
            .fps
            .iter()
            .filter_map(|f| f.published.or(f.event_date))
            .collect();
        let undated = self.fps.len() - days.len();
        let (Some(&first), Some(&last)) = (days.iter().min(), days.iter().max()) else {
            return format!(
                "<p class=\"note\">No article is dated ({undated} undated), so there is no timeline.</p>"
            );
        };
        let span = (last - first).num_days() + 1;
        let (step, unit) = if span <= 120 {
            (1, "day")
        } else if span <= 840 {
            (7, "week")
        } else {
            (30, "30 days")
        };
        let bins = (span + step - 1) / step;
        let mut counts = vec![0usize; bins as usize];
        for d in &days {
            counts[((*d - first).num_days() / step) as usize] += 1;
        }
        let max = counts.iter().copied().max().unwrap_or(1).max(1);
        let (w, h) = (1000.0, 120.0);
        let bw = w / bins as f64;
        let mut svg = format!(
            "<svg class=\"hist\" viewBox=\"0 0 {w} {}\" role=\"img\" aria-label=\"articles per {unit}\">",
            h + 18.0
        );
        for (k, &c) in counts.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let bh = (c as f64 / max as f64 * h).max(1.5);
            let start = first + chrono::Duration::days(k as i64 * step);
            let _ = write!(
                svg,
                "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{bh:.2}\"><title>{start}: {c} articles</title></rect>",
                k as f64 * bw + bw * 0.1,
                h - bh,
                (bw * 0.8).max(0.5)
            );
        }
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\">{first}</text><text x=\"{w}\" y=\"{}\" text-anchor=\"end\">{last}</text></svg>",
            h + 15.0,
            h + 15.0
        );
        let _ = write!(
            svg,
            "<p class=\"note\">Articles per {unit} by publication date (tallest bar: {max}){}.</p>",
            if undated > 0 {
                format!("; {undated} undated articles not shown")
            } else {
                String::new()
            }
        );
        svg
    }
}

/// An article's pivot keys as the page shows them: each concept key (an
/// English Snowball stem or dictionary gloss) under its synonym class, and
/// its number keys.
#[derive(Default)]
struct PageKeys {
    /// Synonym class → the first key of the article in it.
    words: HashMap<String, String>,
    numbers: std::collections::BTreeSet<String>,
}

impl Sink for PageKeys {
    fn emit(&mut self, channel: Channel, key: &str) {
        match channel {
            Channel::Concept => {
                let class = crate::lexicon::canonical(key);
                if !self.words.contains_key(class) {
                    self.words.insert(class.to_string(), key.to_string());
                }
            }
            Channel::Number if !self.numbers.contains(key) => {
                self.numbers.insert(key.to_string());
            }
            _ => {}
        }
    }
}

/// Keys two articles share, for the page: concept keys as `a` wrote them
/// (rarest first, the commonest English words left out) and number keys.
fn shared_words_numbers(a: &PageKeys, b: &PageKeys) -> (Vec<String>, Vec<String>) {
    let zipf = crate::lexicon::en_zipf();
    let mut words: Vec<(u8, &str)> = a
        .words
        .iter()
        .filter(|(class, _)| b.words.contains_key(*class))
        .map(|(_, w)| (zipf.get(w.as_str()).copied().unwrap_or(0), w.as_str()))
        .filter(|(z, w)| *z < DROP_ZIPF && w.chars().count() > 1)
        .collect();
    words.sort_unstable();
    let words = words
        .into_iter()
        .take(SHOWN_WORDS)
        .map(|(_, w)| w.to_string())
        .collect();
    let numbers = a
        .numbers
        .intersection(&b.numbers)
        .take(SHOWN_NUMBERS)
        .cloned()
        .collect();
    (words, numbers)
}

/// English words at least this common (Zipf × 10) say nothing about an
/// event (the fingerprint gives them no weight either).
const DROP_ZIPF: u8 = 55;

/// The best link of each member of one event.
fn event_links(members: &[usize], fps: &[Fingerprint]) -> Vec<(usize, Link)> {
    if members.len() < 2 {
        return Vec::new();
    }
    let candidates: Vec<usize> = if members.len() <= LINK_CANDIDATES + 1 {
        members.to_vec()
    } else {
        (0..=LINK_CANDIDATES)
            .map(|k| members[k * (members.len() - 1) / LINK_CANDIDATES])
            .collect()
    };
    members
        .iter()
        .map(|&i| {
            let mut best: Option<(f64, usize, verify::PairScore)> = None;
            for &j in candidates.iter().filter(|&&j| j != i) {
                let s = verify::score(&fps[i], &fps[j]);
                if best.is_none_or(|(b, _, _)| s.score > b) {
                    best = Some((s.score, j, s));
                }
            }
            let (_, j, s) = best.expect("an event of two or more has another member");
            let (a, b) = (&fps[i], &fps[j]);
            let same_day = a.event_date.is_some() && a.event_date == b.event_date;
            let shared_names = a
                .names
                .iter()
                .filter(|x| b.names.iter().any(|y| verify::names_match(x, y)))
                .map(|x| x.to_string())
                .collect();
            let link = Link {
                partner: j,
                similarity: s.jaccard,
                score: s.score,
                shared_names,
                shared_numbers: s.shared_numbers - usize::from(same_day),
                same_day,
            };
            (i, link)
        })
        .collect()
}

fn summarize(
    id: EventId,
    members: Vec<usize>,
    fps: &[Fingerprint],
    links: &[Option<Link>],
    titles: &[String],
) -> EventSummary {
    let mut shared: Option<DayRange> = None;
    let mut span: Option<DayRange> = None;
    let mut disjoint = false;
    let mut published: Option<DayRange> = None;
    let mut langs: Vec<(Lang, usize)> = Vec::new();
    let mut chosen: HashMap<usize, usize> = HashMap::new();
    for &m in &members {
        let fp = &fps[m];
        if let Some(w) = fp.window {
            span = Some(span.map_or((w.start, w.end), |(s, e)| (s.min(w.start), e.max(w.end))));
            match shared {
                None if !disjoint => shared = Some((w.start, w.end)),
                Some((s, e)) => {
                    let (s, e) = (s.max(w.start), e.min(w.end));
                    if s <= e {
                        shared = Some((s, e));
                    } else {
                        shared = None;
                        disjoint = true;
                    }
                }
                None => {}
            }
        }
        if let Some(p) = fp.published {
            published = Some(published.map_or((p, p), |(s, e)| (s.min(p), e.max(p))));
        }
        match langs.iter_mut().find(|(l, _)| *l == fp.lang) {
            Some((_, n)) => *n += 1,
            None => langs.push((fp.lang, 1)),
        }
        if let Some(link) = &links[m] {
            *chosen.entry(link.partner).or_default() += 1;
        }
    }
    langs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code().cmp(b.0.code())));
    let representative = *members
        .iter()
        .max_by(|&&x, &&y| {
            let key = |i: usize| {
                (
                    chosen.get(&i).copied().unwrap_or(0),
                    links[i].as_ref().map_or(0.0, |l| l.score),
                )
            };
            let (kx, ky) = (key(x), key(y));
            kx.0.cmp(&ky.0)
                .then(kx.1.total_cmp(&ky.1))
                // Earlier input wins ties (max_by keeps the last maximum).
                .then(y.cmp(&x))
        })
        .expect("an event has at least one article");
    EventSummary {
        id,
        window: if disjoint { span } else { shared },
        published,
        langs,
        representative,
        title: titles[representative].clone(),
        members,
    }
}

/// Up to `max` members, taken in turn from each language (in order of first
/// appearance), then listed language by language in input order.
fn pick_members(members: &[usize], fps: &[Fingerprint], max: usize) -> Vec<usize> {
    if members.len() <= max {
        let mut v = members.to_vec();
        v.sort_by_key(|&i| (lang_rank(members, fps, fps[i].lang), i));
        return v;
    }
    let mut by_lang: Vec<(Lang, Vec<usize>)> = Vec::new();
    for &m in members {
        match by_lang.iter_mut().find(|(l, _)| *l == fps[m].lang) {
            Some((_, v)) => v.push(m),
            None => by_lang.push((fps[m].lang, vec![m])),
        }
    }
    let mut out = Vec::with_capacity(max);
    let mut k = 0;
    while out.len() < max {
        for (_, v) in &by_lang {
            if let Some(&m) = v.get(k) {
                if out.len() < max {
                    out.push(m);
                }
            }
        }
        k += 1;
    }
    out.sort_by_key(|&i| (lang_rank(members, fps, fps[i].lang), i));
    out
}

/// Position of a language's first article among `members`.
fn lang_rank(members: &[usize], fps: &[Fingerprint], lang: Lang) -> usize {
    members
        .iter()
        .position(|&m| fps[m].lang == lang)
        .unwrap_or(usize::MAX)
}

/// The title to show: the article's title, else the first line of its
/// cleaned text (of its first 4 KiB), at most `TITLE_CHARS` characters.
fn display_title(a: &Article) -> String {
    let raw = match a.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => clean(t),
        None => {
            let mut end = a.text.len().min(4096);
            while !a.text.is_char_boundary(end) {
                end -= 1;
            }
            clean(&a.text[..end])
        }
    };
    let line = raw
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let line: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        return format!("({})", a.id);
    }
    if line.chars().count() > TITLE_CHARS {
        let cut: String = line.chars().take(TITLE_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        line
    }
}

fn is_web_url(u: &str) -> bool {
    let l = u.trim_start().to_ascii_lowercase();
    l.starts_with("https://") || l.starts_with("http://")
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// HTML-escapes text for element content and attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON made safe inside a `<script>` element: no `<`, `>`, `&` or line
/// separators survive literally (all are inside strings, so escaping them as
/// `\uXXXX` keeps the JSON's meaning).
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

const TEMPLATE: &str = include_str!("report/page.html");
const STYLE: &str = include_str!("report/page.css");
const SCRIPT: &str = include_str!("report/page.js");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_keeps_json_meaning() {
        let v = serde_json::json!({"t": "</script><b>&\u{2028}"});
        let safe = script_safe(&v.to_string());
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), v);
    }

    #[test]
    fn titles_fall_back_to_the_first_line() {
        let a = Article::new("x", "<p>First <b>line</b> here.</p>\n<p>Second.</p>");
        assert_eq!(display_title(&a), "First line here.");
        let a = Article::new("y", "   ");
        assert_eq!(display_title(&a), "(y)");
        let a = Article::new("z", "word ".repeat(100));
        let t = display_title(&a);
        assert_eq!(t.chars().count(), TITLE_CHARS);
        assert!(t.ends_with('…'));
    }

    #[test]
    fn member_cap_keeps_every_language() {
        let c = crate::Clusterer::new();
        let arts: Vec<Article> = (0..10)
            .map(|i| Article::new(format!("en{i}"), "The minister met the president today."))
            .chain([Article::new("zh", "部长今天会见了总统。")])
            .collect();
        let fps: Vec<Fingerprint> = arts.iter().map(|a| c.fingerprint(a)).collect();
        let members: Vec<usize> = (0..arts.len()).collect();
        let picked = pick_members(&members, &fps, 3);
        assert_eq!(picked.len(), 3);
        assert!(picked.contains(&10), "{picked:?}");
    }
}
