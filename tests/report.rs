//! The HTML report: its summaries and evidence, self-containment, escaping,
//! caps, and the page as a real headless browser renders it (Debian's
//! `chromium`, which `.ci/run` installs; the browser checks are skipped with
//! a message where it is missing).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use samestory::report::Report;
use samestory::{Article, Clusterer, read_jsonl};

/// Six NTREX stories in nine languages each (with titles), dated one story a
/// day, plus an article whose title tries to break out of the page.
fn articles() -> Vec<Article> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ntrex-translations.jsonl");
    let data = std::fs::read(path).unwrap();
    let mut stories: Vec<String> = Vec::new();
    let mut out: Vec<Article> = read_jsonl(&data[..])
        .map(|r| {
            let mut a = r.unwrap();
            let story = a.id.split('/').next().unwrap().to_string();
            let k = stories.iter().position(|s| *s == story).unwrap_or_else(|| {
                stories.push(story);
                stories.len() - 1
            });
            a.published = Some(format!("2023-05-{:02}", 10 + 3 * k));
            a
        })
        .collect();
    assert_eq!(stories.len(), 6);
    out.push(
        Article::new(
            "hostile",
            "Completely unrelated: a <b>bold</b> recipe for lemon cake with flour and sugar.",
        )
        .with_title("</script><script>document.title='pwned'</script>Cake: 3 < 4 & 5 > 2")
        .with_published("2023-06-30"),
    );
    out
}

fn report_html(articles: &[Article]) -> (String, Vec<String>) {
    let c = Clusterer::new();
    let fps = c.fingerprint_all(articles, |_| {});
    let clustering = c.cluster_fingerprints(articles, &fps);
    assert_eq!(clustering.assignments(), c.cluster(articles).assignments());
    let report = Report::from_clustering(articles, &clustering, &fps)
        .heading("Test report")
        .shared_keys(&c, 1000);
    let ids = report.events().iter().map(|e| e.id.to_string()).collect();
    (report.to_html(), ids)
}

#[test]
fn summaries_and_evidence() {
    let articles = articles();
    let c = Clusterer::new();
    let fps = c.fingerprint_all(&articles, |_| {});
    let clustering = c.cluster_fingerprints(&articles, &fps);
    let report = Report::from_clustering(&articles, &clustering, &fps);
    assert_eq!(report.events().len(), clustering.events().len());
    let mut seen = vec![false; articles.len()];
    let mut last = None;
    for e in report.events() {
        // Date order.
        let d = e.id.date();
        assert!(
            last.is_none_or(|l| match (l, d) {
                (None, Some(_)) => false,
                (Some(a), Some(b)) => a <= b,
                _ => true,
            }),
            "events out of date order"
        );
        last = Some(d);
        assert_eq!(
            e.langs.iter().map(|(_, n)| n).sum::<usize>(),
            e.members.len()
        );
        assert!(e.members.contains(&e.representative));
        assert_eq!(e.title, report.article_title(e.representative));
        if let Some((s, t)) = e.window {
            assert!(s <= t);
        }
        for &m in &e.members {
            assert!(!seen[m]);
            seen[m] = true;
            let link = &report.links()[m];
            if e.members.len() == 1 {
                assert!(link.is_none());
                continue;
            }
            let link = link
                .as_ref()
                .expect("a member of a multi-article event has a link");
            assert!(e.members.contains(&link.partner) && link.partner != m);
            assert!((0.0..=1.0).contains(&link.similarity));
            assert!(link.score >= link.similarity);
        }
    }
    assert!(seen.iter().all(|&s| s));
    // The NTREX stories come out as multilingual events, with titles from
    // the articles and evidence that names the shared names.
    let big: Vec<_> = report
        .events()
        .iter()
        .filter(|e| e.langs.len() >= 5)
        .collect();
    assert!(big.len() >= 5, "{:?}", report.events());
    assert!(
        report
            .links()
            .iter()
            .flatten()
            .any(|l| !l.shared_names.is_empty() && l.same_day)
    );
    // The hostile article is alone and keeps its title as text.
    let hostile = report
        .events()
        .iter()
        .find(|e| e.members == [articles.len() - 1])
        .expect("the cake recipe is its own event");
    assert_eq!(hostile.title, "Cake: 3 < 4 & 5 > 2");
}

#[test]
fn page_is_self_contained_and_escaped() {
    let articles = articles();
    let (html, ids) = report_html(&articles);
    for id in &ids {
        assert!(html.contains(id.as_str()), "event {id} missing");
    }
    for a in &articles {
        assert!(html.contains(&format!("\"id\":\"{}\"", a.id)), "{}", a.id);
    }
    // Nothing is fetched: no external scripts, styles, fonts or images.
    let lower = html.to_ascii_lowercase();
    for bad in ["<link", " src=", "@import", "url(", "http://", "https://"] {
        assert!(!lower.contains(bad), "the page references {bad}");
    }
    // The hostile title cannot close the data script.
    assert_eq!(lower.matches("</script>").count(), 2);
    assert!(!html.contains("document.title='pwned'</script>"));
}

#[test]
fn large_inputs_are_capped() {
    let articles: Vec<Article> = (0..300)
        .map(|i| {
            Article::new(
                format!("a{i}"),
                format!("Unique story number {i} about topic {}", i * 7919),
            )
            .with_published(format!("2023-{:02}-{:02}", 1 + i % 12, 1 + i % 28))
        })
        .collect();
    let c = Clusterer::new();
    let fps = c.fingerprint_all(&articles, |_| {});
    let clustering = c.cluster_fingerprints(&articles, &fps);
    let full = Report::from_clustering(&articles, &clustering, &fps).to_html();
    let capped = Report::from_clustering(&articles, &clustering, &fps)
        .max_events(10)
        .to_html();
    let listed = |html: &str| html.matches("\"id\":\"ev-").count();
    assert_eq!(listed(&full), clustering.events().len());
    assert!(clustering.events().len() > 10);
    assert_eq!(listed(&capped), 10);
    assert!(capped.len() < full.len());
    assert!(capped.contains("Listing the 10 largest of"));
    assert!(capped.contains("\"shown\":10"));
}

/// The browser: `chromium` (Debian), or another Chromium-based binary.
fn browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Runs the headless browser with `args` on `page`; its stdout, or a panic
/// after 60 s.
fn run_browser(bin: &Path, profile: &Path, args: &[&str], page: &Path) -> String {
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-extensions",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the browser");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).unwrap();
        s
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "browser failed: {status}");
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the browser did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

#[test]
fn page_renders_in_a_headless_browser() {
    let Some(bin) = browser() else {
        eprintln!(
            "SKIPPED: no chromium on PATH; install it (`apt-get install -y chromium`, as .ci/run does) to test the report in a real browser"
        );
        return;
    };
    let articles = articles();
    let (html, ids) = report_html(&articles);
    assert!(ids.len() <= 20, "all events fit on the first page");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-test");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    std::fs::write(&page, &html).unwrap();
    let profile = dir.join(format!("profile-{}", std::process::id()));

    // The DOM after the page's script ran.
    let dom = run_browser(&bin, &profile, &["--dump-dom"], &page);
    assert!(dom.contains("<title>Test report</title>"), "{dom:.500}");
    let cards = dom.matches("<article class=\"event").count();
    assert_eq!(cards, ids.len(), "one card per event");
    for id in &ids {
        assert!(dom.contains(&format!("id=\"{id}\"")), "no card for {id}");
    }
    for a in &articles {
        assert!(
            dom.contains(&format!("data-id=\"{}\"", a.id)),
            "article {} not rendered",
            a.id
        );
    }
    // Titles, languages, dates and evidence are on the page.
    assert!(dom.contains("Welsh AMs worried about 'looking like muppets'"));
    for lang in ["English", "Chinese", "Japanese", "Korean", "Russian"] {
        assert!(dom.contains(lang), "no {lang} group");
    }
    assert!(dom.contains("2023-05-10"));
    assert!(dom.contains("linked to ") && dom.contains("similarity 0."));
    assert!(dom.contains("shared keys ") && dom.contains(" · names "));
    // Welsh AMs: "muppet" links the translations.
    assert!(
        dom.split("shared keys ")
            .skip(1)
            .any(|s| s.split('·').next().unwrap().contains("muppet")),
        "no shared key muppet"
    );
    assert!(dom.contains(&format!("{} articles →", articles.len())));
    // The hostile title is text, not markup.
    assert!(dom.contains("Cake: 3 &lt; 4 &amp; 5 &gt; 2"));
    assert!(!dom.contains("pwned"));

    // A screenshot, as a person would see the page.
    let shot = dir.join("report.png");
    let _ = std::fs::remove_file(&shot);
    run_browser(
        &bin,
        &profile,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600",
        ],
        &page,
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(png.len() > 20_000, "screenshot of {} bytes", png.len());
    eprintln!("screenshot: {}", shot.display());
    let _ = std::fs::remove_dir_all(&profile);
}
