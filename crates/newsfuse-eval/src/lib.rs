//! Evaluation for newsfuse: summary-quality runs over cluster JSONL and extraction scoring.

pub mod extraction;
