//! Builds the brief of the articles given as arguments (one cluster) and prints it.
//!
//! ```sh
//! cargo run -p newsfuse --example brief_seeds -- [--json|--html] article1.txt article2.txt ...
//! ```
#![allow(clippy::print_stdout)]

use std::path::PathBuf;

use newsfuse::brief::{render_html, render_json, render_markdown};
use newsfuse::{Cluster, SummaryConfig, read_inputs};

fn main() {
    let mut format = "markdown";
    let mut paths = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => format = "json",
            "--html" => format = "html",
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let ingested = read_inputs(&paths);
    let articles = ingested
        .clusters
        .into_iter()
        .flatten()
        .flat_map(|cluster| cluster.articles)
        .collect();
    let cluster = Cluster {
        id: "brief".to_string(),
        articles,
    };
    let brief = newsfuse::brief(&cluster, &SummaryConfig::default());
    let out = match format {
        "json" => render_json(&brief),
        "html" => render_html(&brief, &cluster),
        _ => render_markdown(&brief, &cluster),
    };
    println!("{out}");
}
