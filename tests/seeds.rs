//! The seed articles: three reports of the 2023-05-26 US-Japan commerce
//! ministers' meeting in Detroit (zh, ko+en, en) form one event; the April
//! 2024 state-visit preview (zh) and the 2023-11-14 economic "2+2" (ja), with
//! the same actors and vocabulary, stay apart.

use std::collections::BTreeMap;
use std::path::Path;

use samestory::{Article, Clusterer, read_dir};

fn seeds() -> Vec<Article> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    read_dir(&dir)
        .expect("fixtures readable")
        .into_iter()
        .map(|r| r.expect("fixture is an article"))
        .collect()
}

/// Groups article id prefixes (`000`, …) by event, as sorted lists.
fn partition(articles: &[Article], clusterer: &Clusterer) -> Vec<Vec<String>> {
    let clustering = clusterer.cluster(articles);
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for a in clustering.assignments() {
        groups
            .entry(a.event.to_string())
            .or_default()
            .push(a.id[..3].to_string());
    }
    let mut out: Vec<Vec<String>> = groups
        .into_values()
        .map(|mut g| {
            g.sort();
            g
        })
        .collect();
    out.sort();
    out
}

#[test]
fn seed_partition() {
    let want = vec![vec!["000", "002", "003"], vec!["001"], vec!["004"]];
    assert_eq!(partition(&seeds(), &Clusterer::new()), want);
}

#[test]
fn seed_partition_and_ids_ignore_input_order() {
    let clusterer = Clusterer::new();
    let mut articles = seeds();
    let forward = clusterer.cluster(&articles);
    articles.reverse();
    let backward = clusterer.cluster(&articles);
    for a in forward.assignments() {
        let b = backward
            .assignments()
            .iter()
            .find(|b| b.id == a.id)
            .unwrap();
        assert_eq!(a.event, b.event, "{}", a.id);
    }
}

#[test]
fn detroit_event_is_dated_may_2023() {
    let clustering = Clusterer::new().cluster(&seeds());
    let detroit = clustering
        .assignments()
        .iter()
        .find(|a| a.id.starts_with("003"))
        .unwrap();
    let date = detroit.event.date().expect("the Detroit event is dated");
    assert_eq!(
        date.format("%Y-%m").to_string(),
        "2023-05",
        "{}",
        detroit.event
    );
}

#[test]
fn explanation_names_the_date_gate_for_the_2_plus_2() {
    let articles = seeds();
    let clusterer = Clusterer::new();
    let (detroit, epcc) = (&articles[0], &articles[4]);
    let e = clusterer.explain(detroit, epcc);
    assert!(!e.matched);
    assert!(!e.dates_compatible, "{e}");
}
