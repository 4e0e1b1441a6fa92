//! Debug: prints the pivot keys of one article of a JSONL file.
use std::io::BufReader;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arts: Vec<samestory::Article> =
        samestory::read_jsonl(BufReader::new(std::fs::File::open(&args[1]).unwrap()))
            .filter_map(Result::ok)
            .collect();
    let a = arts.iter().find(|a| a.id == args[2]).unwrap();
    let text = samestory::stages::normalize(&samestory::stages::clean(&format!(
        "{}\n{}",
        a.title.clone().unwrap_or_default(),
        a.text
    )));
    let b = samestory::stages::BridgeStage::default();
    println!("{}", b.key_strings(&text).join(" "));
}
