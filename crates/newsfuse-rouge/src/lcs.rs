//! Longest common subsequence helpers and a fast hasher for token ids,
//! shared by both modes.

use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` keyed by token ids (or slices of them) with [`IdHasher`].
pub(crate) type IdMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// A small multiply-rotate hasher (the FxHash recipe) for dense token ids;
/// the keys are not attacker-controlled in a way that matters here.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl IdHasher {
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(SEED);
    }
}

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u32(&mut self, x: u32) {
        self.add(u64::from(x));
    }

    fn write_u64(&mut self, x: u64) {
        self.add(x);
    }

    fn write_usize(&mut self, x: usize) {
        self.add(x as u64);
    }
}

/// Length of the longest common subsequence of two token-id sequences whose
/// ids are below `vocab`, with the bit-parallel algorithm of Hyyrö (2004):
/// O(|a| |b| / 64) time.
pub(crate) fn lcs_len(a: &[u32], b: &[u32], vocab: usize) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let words = a.len().div_ceil(64);
    // Per distinct token of `a`, the bit mask of its positions in `a`.
    let mut slot_of = vec![u32::MAX; vocab];
    let mut masks: Vec<u64> = Vec::new();
    for (pos, &token) in a.iter().enumerate() {
        let slot = &mut slot_of[token as usize];
        if *slot == u32::MAX {
            *slot = (masks.len() / words) as u32;
            masks.resize(masks.len() + words, 0);
        }
        masks[*slot as usize * words + pos / 64] |= 1 << (pos % 64);
    }
    let mut row = vec![u64::MAX; words];
    for &token in b {
        let slot = slot_of[token as usize];
        if slot == u32::MAX {
            continue; // not in `a`
        }
        let slot = slot as usize;
        let mask = &masks[slot * words..(slot + 1) * words];
        let mut carry = false;
        for (bits, &matches) in row.iter_mut().zip(mask) {
            let hits = *bits & matches;
            let (sum, c1) = bits.overflowing_add(hits);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            carry = c1 || c2;
            *bits = sum | (*bits & !matches);
        }
    }
    // Bits past the end of `a` stay set (the `| (bits & !matches)` restores
    // any carry into them), so only positions of `a` count.
    row.iter().map(|w| w.count_zeros() as usize).sum()
}

/// A reusable (|a|+1) x (|b|+1) LCS table.
#[derive(Debug, Default)]
pub(crate) struct LcsTable {
    cells: Vec<u32>,
    cols: usize,
}

impl LcsTable {
    /// Fills the table for `a` (rows) against `b` (columns).
    pub(crate) fn fill<T: PartialEq>(&mut self, a: &[T], b: &[T]) {
        let cols = b.len() + 1;
        self.cols = cols;
        self.cells.clear();
        self.cells.resize((a.len() + 1) * cols, 0);
        for (i, x) in a.iter().enumerate() {
            let (done, rest) = self.cells.split_at_mut((i + 1) * cols);
            let prev = &done[i * cols..];
            let cur = &mut rest[..cols];
            for (j, y) in b.iter().enumerate() {
                cur[j + 1] = if x == y {
                    prev[j] + 1
                } else {
                    prev[j + 1].max(cur[j])
                };
            }
        }
    }

    fn at(&self, i: usize, j: usize) -> u32 {
        self.cells[i * self.cols + j]
    }

    /// Appends the indices into `a` of one LCS, read back from the bottom
    /// right: on a match take the diagonal, else move left only when the cell
    /// to the left is strictly larger than the one above. This is both
    /// rouge-score's `_backtrack_norec` and ROUGE-1.5.5's `markLCS` (whose
    /// table prefers "up" on ties).
    pub(crate) fn backtrack_into<T: PartialEq>(&self, a: &[T], b: &[T], out: &mut Vec<usize>) {
        let (mut i, mut j) = (a.len(), b.len());
        while i > 0 && j > 0 {
            if a[i - 1] == b[j - 1] {
                out.push(i - 1);
                i -= 1;
                j -= 1;
            } else if self.at(i, j - 1) > self.at(i - 1, j) {
                j -= 1;
            } else {
                i -= 1;
            }
        }
    }
}

/// Marks which token ids occur in a sentence, to skip sentence pairs that
/// share no token (their LCS is empty).
#[derive(Debug, Default)]
pub(crate) struct Presence {
    stamp: Vec<u32>,
    current: u32,
}

impl Presence {
    /// Starts a new sentence over a vocabulary of `vocab` ids.
    pub(crate) fn set(&mut self, sentence: &[u32], vocab: usize) {
        if self.stamp.len() < vocab {
            self.stamp.resize(vocab, 0);
        }
        self.current = self.current.wrapping_add(1);
        if self.current == 0 {
            self.stamp.fill(0);
            self.current = 1;
        }
        for &t in sentence {
            self.stamp[t as usize] = self.current;
        }
    }

    /// Whether `other` has a token of the current sentence.
    pub(crate) fn shares(&self, other: &[u32]) -> bool {
        other
            .iter()
            .any(|&t| self.stamp.get(t as usize) == Some(&self.current))
    }
}

#[cfg(test)]
mod tests {
    use super::{LcsTable, lcs_len};

    fn dp(a: &[u32], b: &[u32]) -> usize {
        let mut t = LcsTable::default();
        t.fill(a, b);
        t.cells.last().copied().unwrap_or(0) as usize
    }

    #[test]
    fn bit_parallel_matches_dp() {
        // A deterministic pseudo-random walk over small alphabets and lengths
        // that cross the 64-bit word boundary.
        let mut x: u64 = 12345;
        let mut next = |k: u64| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            ((x >> 33) % k) as u32
        };
        for round in 0..300u64 {
            let alphabet = 2 + round % 7;
            let (la, lb) = (next(150) as usize, next(150) as usize);
            let a: Vec<u32> = (0..la).map(|_| next(alphabet)).collect();
            let b: Vec<u32> = (0..lb).map(|_| next(alphabet)).collect();
            assert_eq!(lcs_len(&a, &b, 10), dp(&a, &b), "{a:?} {b:?}");
        }
        assert_eq!(lcs_len(&[1, 2, 3, 4], &[2, 4, 3], 5), 2);
        assert_eq!(lcs_len(&[], &[1], 2), 0);
    }

    #[test]
    fn backtrack() {
        let mut t = LcsTable::default();
        let (a, b) = ([1, 2, 3, 4], [2, 4, 3]);
        t.fill(&a, &b);
        let mut out = Vec::new();
        t.backtrack_into(&a, &b, &mut out);
        assert_eq!(out.len(), 2);
    }
}
