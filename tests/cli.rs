//! The `cluster` example's analyst-facing options: `--format csv|table`,
//! `--report`, the settings flags, `--help`, folders of text files, and no
//! progress bar when stderr is not a terminal. (Exit codes and bad input:
//! `tests/robustness.rs`.)

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The `cluster` example binary built by `cargo test`, if there is one.
fn cluster_bin() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    // target/<profile>/deps/cli-… → target/<profile>/examples/cluster
    let dir = exe.parent()?.parent()?.join("examples");
    let bin = dir.join(format!("cluster{}", std::env::consts::EXE_SUFFIX));
    if bin.is_file() {
        Some(bin)
    } else {
        eprintln!(
            "SKIPPED: {} not found (run `cargo test`, which builds the examples)",
            bin.display()
        );
        None
    }
}

fn run(args: &[&str], stdin: &[u8]) -> Option<Output> {
    let mut child = Command::new(cluster_bin()?)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = stdin.to_vec();
    let mut pipe = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Some(out)
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The NTREX translations fixture: 6 stories × 9 languages, with titles.
fn ntrex() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ntrex-translations.jsonl"),
    )
    .unwrap()
}

/// `(id, event_id)` of each JSONL output line.
fn jsonl_events(out: &str) -> Vec<(String, String)> {
    out.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                v["event_id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn formats_agree() {
    let input = ntrex();
    let Some(default) = run(&["-"], &input) else {
        return;
    };
    assert_eq!(default.status.code(), Some(0), "{}", text(&default.stderr));
    let jsonl = run(&["--format", "jsonl", "-"], &input).unwrap();
    assert_eq!(jsonl.stdout, default.stdout, "JSONL stays the default");
    let events = jsonl_events(&text(&default.stdout));
    assert_eq!(events.len(), 54);

    // CSV: a header, then the same rows.
    let csv = run(&["--format=csv", "-"], &input).unwrap();
    assert_eq!(csv.status.code(), Some(0));
    let csv = text(&csv.stdout);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("id,event_id,lang,score"));
    let rows: Vec<(String, String)> = lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 4, "{l}");
            assert!(f[3].parse::<f64>().is_ok(), "{l}");
            (f[0].to_string(), f[1].to_string())
        })
        .collect();
    assert_eq!(rows, events);

    // Table: one row per event, counts adding up to the articles.
    let table = run(&["--format", "table", "-"], &input).unwrap();
    assert_eq!(table.status.code(), Some(0));
    let table = text(&table.stdout);
    let mut lines = table.lines();
    let head = lines.next().unwrap();
    for col in ["EVENT", "WINDOW", "ARTICLES", "LANGUAGES", "TITLE"] {
        assert!(head.contains(col), "{head}");
    }
    let mut distinct: Vec<&str> = events.iter().map(|(_, e)| e.as_str()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), distinct.len(), "{table}");
    let mut total = 0;
    for row in &rows {
        let id = row.split_whitespace().next().unwrap();
        let n = events.iter().filter(|(_, e)| e == id).count();
        assert!(n > 0, "{row}");
        let count: usize = row.split_whitespace().nth(2).unwrap().parse().unwrap();
        assert_eq!(count, n, "{row}");
        total += count;
    }
    assert_eq!(total, 54);
    // The fixture is undated; its stories show as multilingual events with
    // their titles.
    assert!(table.contains("undated"));
    assert!(
        table.contains("Welsh AMs worried about 'looking like muppets'"),
        "{table}"
    );
    assert!(table.contains("zh 2") && table.contains("ru 1"), "{table}");
}

#[test]
fn report_file() {
    let dir = temp_dir("report");
    let page = dir.join("events.html");
    let input = ntrex();
    let Some(out) = run(&["--report", page.to_str().unwrap(), "-"], &input) else {
        return;
    };
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        jsonl_events(&text(&out.stdout)).len(),
        54,
        "stdout unchanged"
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for (id, event) in jsonl_events(&text(&out.stdout)) {
        assert!(html.contains(&format!("\"id\":\"{id}\"")), "{id}");
        assert!(html.contains(&event), "{event}");
    }
    assert!(html.contains("threshold 0.10"));
    // An unwritable report is a fatal error, after stdout was written.
    let bad = dir.join("no/such/folder/r.html");
    let out = run(&["--report", bad.to_str().unwrap(), "-"], &input).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no/such/folder"),
        "{}",
        text(&out.stderr)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn settings_flags() {
    let input = ntrex();
    let Some(base) = run(&["-"], &input) else {
        return;
    };
    let distinct = |o: &Output| {
        let mut e: Vec<String> = jsonl_events(&text(&o.stdout))
            .into_iter()
            .map(|x| x.1)
            .collect();
        e.sort();
        e.dedup();
        e.len()
    };
    // The defaults, spelled out, change nothing.
    let same = run(
        &[
            "--threshold",
            "0.10",
            "--num-hashes",
            "256",
            "--window-slack",
            "3",
            "-",
        ],
        &input,
    )
    .unwrap();
    assert_eq!(same.stdout, base.stdout);
    // A much higher threshold splits events.
    let strict = run(&["--threshold=0.5", "-"], &input).unwrap();
    assert_eq!(strict.status.code(), Some(0));
    assert!(distinct(&strict) > distinct(&base));
    // Bad values and unknown options are usage errors.
    for args in [
        &["--format", "xml", "-"][..],
        &["--num-hashes", "0", "-"],
        &["--window-slack", "-1", "-"],
        &["--candidate-threshold", "2", "-"],
        &["--report"],
        &["--bogus", "-"],
        &["a.jsonl", "b.jsonl"],
    ] {
        let out = run(args, b"").unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!text(&out.stderr).is_empty(), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn help_explains_inputs_formats_and_defaults() {
    let Some(out) = run(&["--help"], b"") else {
        return;
    };
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    for needle in [
        "USAGE",
        "FOLDER",
        ".txt, .html, .md",
        "--format jsonl",
        "--format csv",
        "--format table",
        "--report FILE.html",
        "--threshold X",
        "(default\n                   0.10)",
        "--window-slack D",
        "(default\n                   3)",
        "--num-hashes K   MinHash signature size (default 256)",
        "--state FILE",
        "EXAMPLES",
        "EXIT CODES",
    ] {
        assert!(help.contains(needle), "no {needle:?} in\n{help}");
    }
}

#[test]
fn folder_of_text_files() {
    let dir = temp_dir("folder");
    let story = "Japan's Nishimura and US Commerce Secretary Raimondo met in Detroit on Friday, May 26, 2023, on semiconductors and chip supply chains.";
    std::fs::write(dir.join("plain.txt"), story).unwrap();
    std::fs::write(
        dir.join("page.html"),
        format!("<html><body><h1>Chip talks</h1><p>{story}</p></body></html>"),
    )
    .unwrap();
    std::fs::write(
        dir.join("notes.md"),
        format!("# Chip talks\n\n**{story}**\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("more.jsonl"),
        "{\"id\":\"j1\",\"text\":\"A lemon cake recipe with flour and sugar.\",\"published\":\"2023-07-01\"}\n",
    )
    .unwrap();
    std::fs::write(dir.join("ignored.pdf"), b"%PDF").unwrap();
    let Some(out) = run(&["--format", "table", dir.to_str().unwrap()], b"") else {
        return;
    };
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.contains("cluster: 4 articles") || text(&out.stderr).contains("4 articles"));
    let rows: Vec<&str> = table.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{table}");
    // The three copies of the story are one event, titled from a first line.
    assert!(
        rows.iter()
            .any(|r| r.split_whitespace().nth(2) == Some("3")),
        "{table}"
    );
    assert!(table.contains("2023-05-2"), "{table}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn no_progress_bar_off_a_terminal() {
    // Enough articles for the bar, but stderr is a pipe: only the summary.
    let mut input = Vec::new();
    for i in 0..600 {
        writeln!(
            input,
            "{{\"id\":\"a{i}\",\"text\":\"Story {i}: topic {}\"}}",
            i * 7919
        )
        .unwrap();
    }
    let Some(out) = run(&["-"], &input) else {
        return;
    };
    assert_eq!(out.status.code(), Some(0));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("cluster: 600 articles → "), "{stderr}");
    assert!(
        !stderr.contains('\r') && !stderr.contains('\u{1b}'),
        "{stderr:?}"
    );
}

#[test]
fn streaming_formats_and_report() {
    let dir = temp_dir("state");
    let state = dir.join("events.state");
    let page = dir.join("stream.html");
    let input = ntrex();
    let half = &input[..input.len() / 2];
    let cut = half.iter().rposition(|&b| b == b'\n').unwrap() + 1;
    let first = &input[..cut];
    let s = state.to_str().unwrap();
    let Some(a) = run(&["--state", s, "--format", "csv", "-"], first) else {
        return;
    };
    assert_eq!(a.status.code(), Some(0), "{}", text(&a.stderr));
    let csv = text(&a.stdout);
    assert!(csv.starts_with("id,event_id,lang,score,merged\n"), "{csv}");
    assert!(
        csv.lines().skip(1).all(|l| l.split(',').count() == 5),
        "{csv}"
    );
    let b = run(
        &[
            "--state",
            s,
            "--report",
            page.to_str().unwrap(),
            "--format",
            "table",
            "-",
        ],
        &input[cut..],
    )
    .unwrap();
    assert_eq!(b.status.code(), Some(0), "{}", text(&b.stderr));
    let table = text(&b.stdout);
    let total: usize = table
        .lines()
        .skip(1)
        .map(|r| {
            r.split_whitespace()
                .nth(2)
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(total, input[cut..].iter().filter(|&&c| c == b'\n').count());
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("streaming: this run"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bare_command_clusters_the_seeds_without_a_terminal() {
    // A job runner gives the bare README command an empty, non-terminal
    // stdin: it must still run the bundled demo, not cluster nothing.
    let Some(out) = run(&[], b"") else {
        return;
    };
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let events = jsonl_events(&text(&out.stdout));
    assert_eq!(events.len(), 5, "{}", text(&out.stdout));
    let distinct: std::collections::BTreeSet<_> = events.iter().map(|(_, e)| e).collect();
    assert_eq!(distinct.len(), 3);
    assert!(text(&out.stderr).contains("bundled seed articles"));
    // Explicit `-` with nothing piped in is an empty input, not the demo.
    let out = run(&["-"], b"").unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}
