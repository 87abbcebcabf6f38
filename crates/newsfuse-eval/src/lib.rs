//! Evaluation for newsfuse: summary quality over cluster JSONL ([`quality`]) and HTML main-text
//! extraction ([`extraction`]).

pub mod brief_eval;
pub mod extraction;
pub mod quality;
pub mod stories;
pub mod train;
pub mod update;
