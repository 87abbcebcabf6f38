//! Shared criterion settings: short runs, for a 2-core machine and a full `cargo bench` in minutes.

// Each bench target compiles this module and uses a subset of it.
#![allow(dead_code)]

use std::time::Duration;

use criterion::{Criterion, Throughput};
use newsfuse::model::Cluster;

/// Ten samples, one second of warm-up, three seconds of measurement.
pub fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

/// Clusters per second and input bytes per second for one pass over `clusters`.
pub fn throughput(clusters: &[Cluster]) -> Throughput {
    let (elements, bytes) = newsfuse_bench::clusters_and_bytes(clusters);
    Throughput::ElementsAndBytes { elements, bytes }
}
