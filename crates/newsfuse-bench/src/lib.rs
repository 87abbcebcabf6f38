//! Bench corpora for newsfuse.
