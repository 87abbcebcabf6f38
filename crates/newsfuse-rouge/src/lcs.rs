//! Longest common subsequence helpers shared by both modes.

/// Length of the longest common subsequence of `a` and `b`, in O(|b|) memory.
pub(crate) fn lcs_len<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut row = vec![0u32; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()] as usize
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
        self.cols = b.len() + 1;
        self.cells.clear();
        self.cells.resize((a.len() + 1) * self.cols, 0);
        for (i, x) in a.iter().enumerate() {
            for (j, y) in b.iter().enumerate() {
                let v = if x == y {
                    self.at(i, j) + 1
                } else {
                    self.at(i, j + 1).max(self.at(i + 1, j))
                };
                let k = (i + 1) * self.cols + j + 1;
                self.cells[k] = v;
            }
        }
    }

    fn at(&self, i: usize, j: usize) -> u32 {
        self.cells[i * self.cols + j]
    }

    /// Appends the indices into `a` of one LCS, read back from the bottom
    /// right: on a match take the diagonal, else move left only when the cell
    /// to the left is strictly larger than the one above (rouge-score's
    /// `_backtrack_norec`).
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

#[cfg(test)]
mod tests {
    use super::{LcsTable, lcs_len};

    #[test]
    fn lengths() {
        assert_eq!(lcs_len(&[1, 2, 3, 4], &[2, 4, 3]), 2);
        assert_eq!(lcs_len::<u8>(&[], &[1]), 0);
        let mut t = LcsTable::default();
        let (a, b) = ([1, 2, 3, 4], [2, 4, 3]);
        t.fill(&a, &b);
        let mut out = Vec::new();
        t.backtrack_into(&a, &b, &mut out);
        assert_eq!(out.len(), 2);
    }
}
