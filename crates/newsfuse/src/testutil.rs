//! Test helpers shared by the stage tests: clusters from plain texts, run through the real stages.

use crate::analyze::{Analysis, AnalyzeConfig};
use crate::model::{Article, Cluster};
use crate::summary::prepare;

/// A cluster with one plain-text article per entry of `texts`.
pub(crate) fn cluster_of<S: AsRef<str>>(texts: &[S]) -> Cluster {
    Cluster {
        id: "t".into(),
        articles: texts
            .iter()
            .map(|t| Article {
                text: t.as_ref().into(),
                ..Article::default()
            })
            .collect(),
    }
}

/// `texts` cleaned, segmented and analysed with the default settings.
pub(crate) fn analysed<S: AsRef<str>>(texts: &[S]) -> Analysis {
    prepare(&cluster_of(texts), &AnalyzeConfig::default()).analysis
}
