//! Clusters articles into events.
//!
//! ```text
//! cargo run --release --example cluster -- [OPTIONS] [INPUT]
//! cargo run --release --example cluster -- --help
//! ```
//!
//! INPUT is a JSONL file of articles (`{"id", "text", "title"?, "published"?,
//! "lang"?, "url"?, "source"?}` per line), a folder of
//! `.txt`/`.html`/`.md`/`.jsonl` files, or `-` / nothing for standard input;
//! with no INPUT and a terminal or an empty stdin, the five bundled seed
//! articles are clustered. Writes one JSON line per article to stdout, `{"id",
//! "event_id", "lang", "score"}`, in input order (`--format csv` the same as
//! CSV, `--format table` one row per event), and a short summary to stderr.
//! A malformed line is reported with its line number and skipped.
//! `--report FILE.html` also writes a self-contained HTML page of the events
//! ([`samestory::report::Report`]). On a terminal, long inputs show a
//! progress bar on stderr.
//!
//! With `--state FILE` the articles are ingested into a persistent streaming
//! [`EventIndex`](samestory::EventIndex) instead: FILE is loaded if it exists
//! (its saved settings are used), the articles are inserted in input order,
//! and the new state is saved atomically to FILE. Each output line then
//! carries `"merged": [ids…]` when the article showed those earlier events
//! to be the same as its own (they are now aliases of `event_id`). A state
//! file that cannot be read (truncated, corrupted, newer format) is a fatal
//! error and is left untouched. The table and the report then cover this
//! run's articles, grouped by their events' current IDs.
//!
//! Exit codes: 0 all input used; 3 some lines were rejected (the rest was
//! clustered and written); 1 fatal error (unreadable input, unwritable
//! report); 2 bad usage.

use std::io::{BufReader, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use samestory::report::Report;
use samestory::{
    Article, Clusterer, Config, Error, EventId, EventIndex, Fingerprint, read_dir, read_jsonl,
};

/// The five seed articles, embedded so the example runs with no input at all.
const SEEDS: [(&str, &str); 5] = [
    (
        "000_a96d44d8d1ab04b3",
        include_str!("../tests/fixtures/seeds/000_a96d44d8d1ab04b3.txt"),
    ),
    (
        "001_a53d34036df167a0",
        include_str!("../tests/fixtures/seeds/001_a53d34036df167a0.txt"),
    ),
    (
        "002_a7029f30220f9d2e",
        include_str!("../tests/fixtures/seeds/002_a7029f30220f9d2e.txt"),
    ),
    (
        "003_3d5a385bf9cf1884",
        include_str!("../tests/fixtures/seeds/003_3d5a385bf9cf1884.txt"),
    ),
    (
        "004_b4e1f90dd8acd77a",
        include_str!("../tests/fixtures/seeds/004_b4e1f90dd8acd77a.txt"),
    ),
];

/// The report shows the words and numbers linked articles share for at most
/// this many articles (each read once more by the bridge).
const SHARED_KEYS: usize = 5000;

/// Inputs at least this long get a progress bar (on a terminal).
const PROGRESS_FROM: usize = 500;

fn usage() -> String {
    let d = Config::default();
    format!(
        "cluster: group news articles, in any language, into real-world events

USAGE
  cluster [OPTIONS] [INPUT]

INPUT
  FILE.jsonl   one article per line: {{\"id\": \"a1\", \"text\": \"…\"}} plus optional
               \"title\", \"published\" (2023-05-26 or any ISO 8601 / RFC 2822
               date), \"lang\" (a hint), \"url\", \"source\"
  FOLDER       every .txt, .html, .md file in it is one article (its id is the
               file name without extension); .jsonl files add their lines
  -            JSONL on standard input (also the default when input is piped)
  (nothing)    on a terminal, or with nothing piped in: the five bundled
               seed articles, as a demo

OUTPUT (stdout)
  --format jsonl   default: one line per article, in input order:
                   {{\"id\", \"event_id\", \"lang\", \"score\"}}
  --format csv     the same as CSV with a header row
  --format table   one row per event, in date order: event ID, date window,
                   article count, languages, a representative title
  --report FILE.html
                   also write one self-contained HTML page (opens offline):
                   events on a timeline, articles by language with titles and
                   dates, and the evidence linking them (similarity, shared
                   names and numbers)
  --report-events N
                   list at most N events in the report, the largest
                   (default 1000; the totals and histogram count everything)

SETTINGS (defaults are the library's Config::default())
  --threshold X    similarity two groups of articles need to merge (default
                   {:.2}); higher: fewer false merges, more split events;
                   lower: more recall across distant languages
  --window-slack D days of slack around each article's event dates (default
                   {}); widen for slow multi-day stories
  --num-hashes K   MinHash signature size (default {}); more is more precise
                   and slower
  --candidate-threshold X
                   similarity the LSH index is tuned to catch (default ¾ of
                   the threshold); lower finds more candidates, costs more time

STREAMING
  --state FILE     load FILE if it exists (its saved settings win), add the
                   articles in input order, save FILE atomically; output lines
                   gain \"merged\": [IDs this article joined into its event]

OTHER
  --no-progress    never show the progress bar (it shows only on a terminal,
                   for {PROGRESS_FROM} articles or more)
  -h, --help       this help

EXAMPLES
  cluster                                   # demo on the bundled seeds
  cluster articles.jsonl > events.jsonl
  cluster --format table news/              # a folder of .txt/.html/.md
  cluster --report events.html articles.jsonl
  cat monday.jsonl | cluster --state events.state

EXIT CODES
  0 all input used; 3 some lines rejected (reported on stderr with their line
  number; the rest was clustered); 1 fatal error (unreadable input or state,
  unwritable report); 2 bad usage",
        d.get_threshold(),
        d.get_window_slack_days(),
        d.get_num_hashes(),
    )
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Jsonl,
    Csv,
    Table,
}

struct Options {
    config: Config,
    threshold_given: bool,
    settings_given: bool,
    state: Option<String>,
    format: Format,
    report: Option<String>,
    report_events: usize,
    progress: bool,
    input: Option<String>,
}

/// Parses the command line; `Err` holds the message for a usage error.
fn parse_args(args: Vec<String>) -> Result<Options, String> {
    let mut o = Options {
        config: Config::default(),
        threshold_given: false,
        settings_given: false,
        state: None,
        format: Format::Jsonl,
        report: None,
        report_events: 1000,
        progress: true,
        input: None,
    };
    let mut candidate: Option<f64> = None;
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let takes_value = matches!(
            flag.as_str(),
            "--threshold"
                | "--state"
                | "--format"
                | "--report"
                | "--report-events"
                | "--window-slack"
                | "--num-hashes"
                | "--candidate-threshold"
        );
        let value = if takes_value {
            match inline.or_else(|| it.next()) {
                Some(v) if !v.starts_with("--") => v,
                _ => return Err(format!("{flag} needs a value")),
            }
        } else {
            String::new()
        };
        fn num<T: std::str::FromStr>(flag: &str, v: &str, eg: &str) -> Result<T, String> {
            v.parse()
                .map_err(|_| format!("{flag} needs a number, e.g. {flag} {eg} (got {v:?})"))
        }
        match flag.as_str() {
            "--threshold" => {
                o.config = o.config.threshold(num(&flag, &value, "0.12")?);
                o.threshold_given = true;
                o.settings_given = true;
            }
            "--window-slack" => {
                o.config = o.config.window_slack_days(num(&flag, &value, "5")?);
                o.settings_given = true;
            }
            "--num-hashes" => {
                o.config = o.config.num_hashes(num(&flag, &value, "128")?);
                o.settings_given = true;
            }
            "--candidate-threshold" => {
                candidate = Some(num(&flag, &value, "0.06")?);
                o.settings_given = true;
            }
            "--state" => o.state = Some(value),
            "--format" => {
                o.format = match value.as_str() {
                    "jsonl" | "json" => Format::Jsonl,
                    "csv" => Format::Csv,
                    "table" => Format::Table,
                    v => return Err(format!("--format is jsonl, csv or table (got {v:?})")),
                }
            }
            "--report" => o.report = Some(value),
            "--report-events" => o.report_events = num(&flag, &value, "200")?,
            "--no-progress" => o.progress = false,
            f if f.starts_with('-') && f != "-" => return Err(format!("unknown option {f}")),
            _ if o.input.is_some() => return Err("give at most one INPUT".into()),
            _ => o.input = Some(arg),
        }
    }
    // Applied last: --threshold resets the candidate threshold to ¾ of itself.
    if let Some(c) = candidate {
        o.config = o.config.candidate_threshold(c);
    }
    Ok(o)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{}", usage());
        return ExitCode::SUCCESS;
    }
    let o = match parse_args(args) {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("cluster: {msg}\n(run `cluster --help` for the options)");
            return ExitCode::from(2);
        }
    };
    let clusterer = match Clusterer::with_config(o.config.clone()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cluster: {e}");
            return ExitCode::from(2);
        }
    };
    let show_progress = o.progress && std::io::stderr().is_terminal();
    let input = o.input.as_deref();
    let seeds = || -> Vec<Result<Article, Error>> {
        eprintln!(
            "cluster: no input given; clustering the bundled seed articles (pass a JSONL file, a folder or - for stdin; --help for more)"
        );
        SEEDS
            .iter()
            .map(|(id, text)| Ok(Article::new(*id, *text)))
            .collect()
    };
    let results: Vec<Result<Article, Error>> = if input.is_none() && std::io::stdin().is_terminal()
    {
        // Nothing piped in and no path: cluster the bundled seed articles.
        seeds()
    } else if input.is_none() {
        // No path and a stdin that is not a terminal: what is piped in, or,
        // when nothing is (a job runner's empty or closed stdin), the seeds,
        // so the bare command does the same everywhere.
        let piped = read_counted(read_jsonl(std::io::stdin().lock()), show_progress);
        if piped.is_empty() { seeds() } else { piped }
    } else if input == Some("-") {
        read_counted(read_jsonl(std::io::stdin().lock()), show_progress)
    } else if let Some(input) = input.filter(|i| Path::new(i).is_dir()) {
        match read_dir(Path::new(input)) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("cluster: {e}");
                return ExitCode::from(1);
            }
        }
    } else {
        let input = input.unwrap_or("-");
        match std::fs::File::open(input) {
            Ok(f) => read_counted(read_jsonl(BufReader::new(f)), show_progress),
            Err(source) => {
                eprintln!(
                    "cluster: {}",
                    Error::Io {
                        path: input.into(),
                        source
                    }
                );
                return ExitCode::from(1);
            }
        }
    };
    let mut articles = Vec::with_capacity(results.len());
    let mut rejected = 0;
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(e) => {
                rejected += 1;
                eprintln!("cluster: {e}");
            }
        }
    }
    let progress = Progress::new(show_progress && articles.len() >= PROGRESS_FROM);
    let result = match &o.state {
        Some(state) => stream(state, &o, &articles, &progress),
        None => batch(&clusterer, &o, &articles, &progress, rejected),
    };
    progress.finish();
    match result {
        Ok(()) if rejected > 0 => ExitCode::from(3),
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cluster: {e}");
            ExitCode::from(1)
        }
    }
}

/// Collects a JSONL reader's results, with a spinner counting lines on a
/// terminal.
fn read_counted(
    results: impl Iterator<Item = Result<Article, Error>>,
    show: bool,
) -> Vec<Result<Article, Error>> {
    let spinner = show.then(|| {
        let s = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        s.set_style(ProgressStyle::with_template("{spinner} reading: {pos} articles").unwrap());
        s.enable_steady_tick(Duration::from_millis(120));
        s
    });
    let mut out = Vec::new();
    for r in results {
        out.push(r);
        if let Some(s) = &spinner {
            if out.len() % 1024 == 0 {
                s.set_position(out.len() as u64);
            }
        }
    }
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    out
}

/// The progress bar on stderr, or nothing.
struct Progress(Option<ProgressBar>);

impl Progress {
    fn new(show: bool) -> Progress {
        Progress(show.then(|| ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())))
    }

    /// A bar for `len` steps of `what`.
    fn bar(&self, what: &str, len: usize) {
        if let Some(p) = &self.0 {
            // The bar takes what the terminal width leaves.
            p.set_style(
                ProgressStyle::with_template(&format!(
                    "{what} {{wide_bar}} {{pos}}/{{len}} ({{eta}} left)"
                ))
                .unwrap(),
            );
            p.set_length(len as u64);
            p.set_position(0);
        }
    }

    fn set(&self, pos: usize) {
        if let Some(p) = &self.0 {
            p.set_position(pos as u64);
        }
    }

    /// A spinner saying what is being done.
    fn stage(&self, what: &str) {
        if let Some(p) = &self.0 {
            p.set_style(ProgressStyle::with_template("{spinner} {msg} ({elapsed})").unwrap());
            p.set_message(what.to_string());
            p.enable_steady_tick(Duration::from_millis(120));
        }
    }

    fn finish(&self) {
        if let Some(p) = &self.0 {
            p.finish_and_clear();
        }
    }
}

/// Fingerprints with a progress bar.
fn fingerprint(
    clusterer: &Clusterer,
    articles: &[Article],
    progress: &Progress,
) -> Vec<Fingerprint> {
    progress.bar("fingerprinting", articles.len());
    let fps = clusterer.fingerprint_all(articles, |n| {
        if n % 64 == 0 {
            progress.set(n);
        }
    });
    progress.set(articles.len());
    fps
}

/// The batch path: fingerprint, cluster, write, report.
fn batch(
    clusterer: &Clusterer,
    o: &Options,
    articles: &[Article],
    progress: &Progress,
    rejected: usize,
) -> Result<(), Error> {
    let start = Instant::now();
    let fps = fingerprint(clusterer, articles, progress);
    progress.stage("clustering");
    let clustering = clusterer.cluster_fingerprints(articles, &fps);
    let elapsed = start.elapsed();
    let report = (o.format == Format::Table || o.report.is_some()).then(|| {
        progress.stage("summarising events");
        Report::from_clustering(articles, &clustering, &fps)
    });
    progress.stage("writing");
    let rows = clustering
        .assignments()
        .iter()
        .map(|a| (a.id.as_str(), a.event, a.lang.code(), a.score, None));
    write_output(o.format, rows, report.as_ref(), false)?;
    if let (Some(path), Some(report)) = (&o.report, report) {
        let events = clustering.events().len();
        write_report(
            path,
            report.shared_keys(clusterer, SHARED_KEYS),
            o,
            articles.len(),
            events,
        )?;
    }
    progress.finish();
    // Warnings (truncated bodies, unreadable dates, duplicate ids) do not
    // change the exit code: the articles were clustered.
    for (i, w) in clustering.warnings() {
        eprintln!("cluster: warning: {}: {w}", articles[*i].id);
    }
    eprintln!(
        "cluster: {} articles → {} events in {:.2} s{}",
        articles.len(),
        clustering.events().len(),
        elapsed.as_secs_f64(),
        if rejected > 0 {
            format!("; {rejected} lines rejected")
        } else {
            String::new()
        }
    );
    Ok(())
}

/// The streaming path: load (or create) the state, insert, write, save.
fn stream(
    state: &str,
    o: &Options,
    articles: &[Article],
    progress: &Progress,
) -> Result<(), Error> {
    let start = Instant::now();
    let path = Path::new(state);
    let mut index = if path.exists() {
        if o.settings_given {
            eprintln!(
                "cluster: {state} exists: its saved settings are used ({} ignored)",
                if o.threshold_given {
                    "--threshold"
                } else {
                    "settings options"
                }
            );
        }
        EventIndex::load(path)?
    } else {
        EventIndex::new(o.config.clone())?
    };
    let before = index.articles_inserted();
    // Fingerprinted with the index's own settings, as `insert_batch` would.
    let clusterer = Clusterer::with_config(index.config().clone())?;
    let fps = fingerprint(&clusterer, articles, progress);
    progress.bar("inserting", articles.len());
    let mut insertions = Vec::with_capacity(articles.len());
    for (k, (a, fp)) in articles.iter().zip(&fps).enumerate() {
        insertions.push(index.insert_fingerprint(&a.id, fp));
        if k % 256 == 0 {
            progress.set(k);
        }
    }
    let merges: usize = insertions.iter().map(|i| i.merged.len()).sum();
    let report = (o.format == Format::Table || o.report.is_some()).then(|| {
        progress.stage("summarising events");
        // This run's articles, grouped by their events' IDs after the run.
        let mut groups: Vec<(EventId, Vec<usize>)> = Vec::new();
        let mut at = std::collections::HashMap::new();
        for (i, ins) in insertions.iter().enumerate() {
            let id = index.resolve(ins.event);
            let g = *at.entry(id).or_insert_with(|| {
                groups.push((id, Vec::new()));
                groups.len() - 1
            });
            groups[g].1.push(i);
        }
        Report::new(articles, &fps, groups)
    });
    progress.stage("writing");
    let rows = articles.iter().zip(&insertions).map(|(a, ins)| {
        (
            a.id.as_str(),
            ins.event,
            ins.lang.code(),
            ins.score,
            Some(&ins.merged[..]),
        )
    });
    write_output(o.format, rows, report.as_ref(), true)?;
    if let (Some(path), Some(report)) = (&o.report, report) {
        let events = report.events().len();
        write_report(
            path,
            report.shared_keys(&clusterer, SHARED_KEYS),
            o,
            articles.len(),
            events,
        )?;
    }
    progress.stage("saving the state");
    index.save(path)?;
    progress.finish();
    eprintln!(
        "cluster: {} articles streamed into {state} ({} before) → {} events, {} merges, {} live articles in {:.2} s",
        articles.len(),
        before,
        index.event_count(),
        merges,
        index.live_articles(),
        start.elapsed().as_secs_f64(),
    );
    Ok(())
}

type Row<'a> = (&'a str, EventId, &'static str, f64, Option<&'a [EventId]>);

/// Writes stdout in the chosen format.
fn write_output<'a>(
    format: Format,
    rows: impl Iterator<Item = Row<'a>>,
    report: Option<&Report>,
    streaming: bool,
) -> Result<(), Error> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let io = |source| Error::Io {
        path: "-".into(),
        source,
    };
    let round = |s: f64| (s * 1000.0).round() / 1000.0;
    match format {
        Format::Jsonl => {
            for (id, event, lang, score, merged) in rows {
                let mut line = serde_json::json!({"id": id, "event_id": event.to_string(), "lang": lang, "score": round(score)});
                if let Some(m) = merged.filter(|m| !m.is_empty()) {
                    line["merged"] = m.iter().map(|m| m.to_string()).collect();
                }
                writeln!(out, "{line}").map_err(io)?;
            }
        }
        Format::Csv => {
            let header = if streaming {
                "id,event_id,lang,score,merged"
            } else {
                "id,event_id,lang,score"
            };
            writeln!(out, "{header}").map_err(io)?;
            for (id, event, lang, score, merged) in rows {
                write!(out, "{},{event},{lang},{}", csv(id), round(score)).map_err(io)?;
                if let Some(m) = merged {
                    let m: Vec<String> = m.iter().map(|m| m.to_string()).collect();
                    write!(out, ",{}", m.join(" ")).map_err(io)?;
                }
                writeln!(out).map_err(io)?;
            }
        }
        Format::Table => {
            let report = report.expect("a table is made from the report");
            write_table(&mut out, report).map_err(io)?;
        }
    }
    out.flush().map_err(io)
}

/// One row per event: ID, window, count, languages, title.
fn write_table(out: &mut impl Write, report: &Report) -> std::io::Result<()> {
    let rows: Vec<[String; 5]> = report
        .events()
        .iter()
        .map(|e| {
            let window = match e.window {
                Some((a, b)) if a == b => a.to_string(),
                Some((a, b)) => format!("{a}…{}", &b.to_string()[5..]),
                None => "undated".into(),
            };
            let langs: Vec<String> = e
                .langs
                .iter()
                .map(|(l, n)| format!("{} {n}", l.code()))
                .collect();
            let mut title: String = e.title.chars().take(72).collect();
            if title.chars().count() < e.title.chars().count() {
                title.pop();
                title.push('…');
            }
            [
                e.id.to_string(),
                window,
                e.members.len().to_string(),
                langs.join(", "),
                title,
            ]
        })
        .collect();
    let head = ["EVENT", "WINDOW", "ARTICLES", "LANGUAGES", "TITLE"];
    let width = |c: usize| {
        rows.iter()
            .map(|r| r[c].chars().count())
            .chain([head[c].len()])
            .max()
            .unwrap_or(0)
    };
    let w = [width(0), width(1), width(2), width(3)];
    let line = |r: [&str; 5]| {
        format!(
            "{:<w0$}  {:<w1$}  {:>w2$}  {:<w3$}  {}",
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            w0 = w[0],
            w1 = w[1],
            w2 = w[2],
            w3 = w[3]
        )
    };
    writeln!(out, "{}", line(head).trim_end())?;
    for r in &rows {
        writeln!(
            out,
            "{}",
            line([&r[0], &r[1], &r[2], &r[3], &r[4]]).trim_end()
        )?;
    }
    Ok(())
}

/// A CSV field, quoted when it needs to be.
fn csv(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn write_report(
    path: &str,
    report: Report,
    o: &Options,
    articles: usize,
    events: usize,
) -> Result<(), Error> {
    let c = &o.config;
    let input = o.input.as_deref().unwrap_or("standard input");
    let report = report
        .heading(format!("Events in {input}"))
        .note(format!(
            "{articles} articles, {events} events · threshold {:.2}, {} MinHash values, window slack {} days{}",
            c.get_threshold(),
            c.get_num_hashes(),
            c.get_window_slack_days(),
            if o.state.is_some() {
                " · streaming: this run's articles, by their events' current IDs"
            } else {
                ""
            }
        ))
        .max_events(o.report_events);
    let io = |source| Error::Io {
        path: path.into(),
        source,
    };
    let file = std::fs::File::create(path).map_err(io)?;
    let mut w = std::io::BufWriter::new(file);
    report.write_html(&mut w).map_err(io)?;
    w.flush().map_err(io)
}
