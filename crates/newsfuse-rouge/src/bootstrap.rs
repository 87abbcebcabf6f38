//! Averages over evaluations, as ROUGE-1.5.5 reports them.

/// The plain mean of `values` (0 for none): what the script computes first
/// (`avgAvgROUGE`) but does not print.
pub fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

/// ROUGE-1.5.5's bootstrap: `resamples` resamples of `values` (with
/// replacement, as many as there are values), returning the mean of the
/// resample means (what the script prints as "Average") and the
/// `confidence` interval (e.g. 0.95) read from the sorted resample means with
/// the script's interpolation.
///
/// Resample `i` draws its indices from Perl's `drand48` generator seeded with
/// `seed + i`, as the script's `srand($i)` does; with `seed = 0` and `values`
/// in the script's order (evaluation ids sorted as strings, `"$evalID.$peerID"`)
/// the numbers are the script's. Empty input gives zeros.
///
/// ```
/// use newsfuse_rouge::bootstrap_mean_ci;
/// let (mean, lo, hi) = bootstrap_mean_ci(&[0.2, 0.4, 0.6], 1000, 0.95, 0);
/// assert!(lo <= mean && mean <= hi);
/// assert!((mean - 0.4).abs() < 0.01);
/// ```
pub fn bootstrap_mean_ci(
    values: &[f64],
    resamples: usize,
    confidence: f64,
    seed: u64,
) -> (f64, f64, f64) {
    let n = values.len();
    if n == 0 || resamples == 0 {
        return (0.0, 0.0, 0.0);
    }
    let mut means: Vec<f64> = (0..resamples as u64)
        .map(|i| {
            let mut rng = Drand48::new(seed.wrapping_add(i));
            let mut sum = 0.0;
            for _ in 0..n {
                let idx = (rng.next_f64() * n as f64) as usize;
                sum += values[idx.min(n - 1)];
            }
            sum / n as f64
        })
        .collect();
    means.sort_by(f64::total_cmp);
    let avg = means.iter().sum::<f64>() / resamples as f64;
    // The script's interpolation between neighbouring ranks.
    let r = resamples as f64;
    let delta = r * (1.0 - confidence) / 2.0;
    let upper = (r - delta - 1.0).max(0.0) as usize;
    let lower = delta as usize;
    let ratio = r - delta - 1.0 - upper as f64;
    let at = |k: usize| means[k.min(resamples - 1)];
    let lo = at(lower) + (at(lower + 1) - at(lower)) * ratio;
    let hi = at(upper) + (at(upper + 1) - at(upper)) * ratio;
    (avg, lo, hi)
}

/// The 48-bit linear congruential generator of POSIX `drand48`, which Perl
/// uses for `rand` (its own copy since 5.20, the C library's before).
struct Drand48 {
    state: u64,
}

impl Drand48 {
    const MASK: u64 = (1 << 48) - 1;

    /// `srand(seed)`: the seed's low 32 bits, then 0x330E.
    fn new(seed: u64) -> Self {
        Drand48 {
            state: ((seed & 0xFFFF_FFFF) << 16) | 0x330E,
        }
    }

    fn next_f64(&mut self) -> f64 {
        self.state = (self.state.wrapping_mul(0x5_DEEC_E66D).wrapping_add(0xB)) & Self::MASK;
        self.state as f64 / (1u64 << 48) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::{Drand48, bootstrap_mean_ci, mean};

    #[test]
    fn drand48_matches_perl() {
        // perl -e 'srand(0); printf "%.17g\n", rand() for 1..2'
        let mut r = Drand48::new(0);
        assert_eq!(format!("{:.17}", r.next_f64()), "0.17082803610628972");
        assert_eq!(format!("{:.17}", r.next_f64()), "0.74990198048496381");
    }

    #[test]
    fn constant_values() {
        let (m, lo, hi) = bootstrap_mean_ci(&[0.5; 7], 100, 0.95, 0);
        assert_eq!((m, lo, hi), (0.5, 0.5, 0.5));
        assert_eq!(mean(&[1.0, 2.0]), 1.5);
        assert_eq!(bootstrap_mean_ci(&[], 10, 0.95, 0), (0.0, 0.0, 0.0));
    }
}
