//! Writing systems: what a word is in scripts written without spaces, and which clusters the
//! English rules cannot read.
//!
//! newsfuse's sentence rules, stemmer and stopwords are English. Other space-separated languages
//! (French, German, Russian…) still segment and summarize, less well, and the summary says so.
//! Chinese and Japanese put no spaces between words: each Han character or kana is one token and
//! counts as one word, the way word processors count East Asian text and the way Chinese measures
//! length (字数), so budgets and `--min-words`/`--max-words` read as characters there. Thai, Lao,
//! Khmer and Myanmar also go unspaced but need a dictionary to find word boundaries, which newsfuse
//! does not have: the summary warns instead of pretending.

/// A Han ideograph or a Japanese kana: one token and one word each.
#[inline]
pub fn is_cjk_character(c: char) -> bool {
    // Most text is below the first CJK block: one comparison.
    (c as u32) >= 0x3040
        && matches!(c as u32,
            0x3040..=0x309F      // Hiragana
            | 0x30A0..=0x30FF    // Katakana (with the prolonged sound mark)
            | 0x31F0..=0x31FF    // Katakana phonetic extensions
            | 0x3400..=0x4DBF    // CJK unified ideographs extension A
            | 0x4E00..=0x9FFF    // CJK unified ideographs
            | 0xF900..=0xFAFF    // CJK compatibility ideographs
            | 0xFF66..=0xFF9D    // Halfwidth katakana
            | 0x20000..=0x3134F // Extensions B to H
        )
}

/// A Hiragana character. Japanese writes particles and inflections in hiragana and content words
/// in kanji and katakana, so hiragana is treated as function words.
pub fn is_hiragana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x309F)
}

/// CJK and fullwidth punctuation (ideographic full stop and comma, corner brackets, fullwidth
/// comma…): it separates words as a space does.
fn is_cjk_punctuation(c: char) -> bool {
    (c as u32) >= 0x3000
        && matches!(c as u32,
            0x3000..=0x303F
            | 0xFF01..=0xFF0F
            | 0xFF1A..=0xFF20
            | 0xFF3B..=0xFF40
            | 0xFF5B..=0xFF65
        )
}

/// Number of words: whitespace-separated words, where each Han character or kana counts as one
/// word and CJK punctuation separates words. Equal to `split_whitespace().count()` on text without
/// CJK characters or punctuation. Runs on every sentence, so ASCII takes a byte loop.
pub fn word_count(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    if text.is_ascii() {
        for &b in text.as_bytes() {
            // ASCII characters with the Unicode White_Space property: tab to carriage return, space.
            let space = matches!(b, b'\t'..=b'\r' | b' ');
            words += usize::from(!space && !in_word);
            in_word = !space;
        }
        return words;
    }
    for c in text.chars() {
        let space = if c.is_ascii() {
            matches!(c, '\t'..='\r' | ' ')
        } else if is_cjk_character(c) {
            words += 1;
            in_word = false;
            continue;
        } else {
            c.is_whitespace() || is_cjk_punctuation(c)
        };
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words
}

/// Scripts written without spaces between words whose words newsfuse cannot find.
const UNSPACED_SCRIPTS: [&str; 4] = ["Thai", "Lao", "Myanmar", "Khmer"];

/// The index in [`UNSPACED_SCRIPTS`] of the script of `c`, if it is one of them.
fn unspaced_script(c: char) -> Option<usize> {
    match c as u32 {
        0x0E00..=0x0E7F => Some(0),
        0x0E80..=0x0EFF => Some(1),
        0x1000..=0x109F => Some(2),
        0x1780..=0x17FF => Some(3),
        _ => None,
    }
}

/// The letters of a text, by how newsfuse can read them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LetterCensus {
    /// All alphabetic characters.
    pub letters: usize,
    /// Letters of each unspaced script, in the order of `UNSPACED_SCRIPTS` (Thai, Lao, Myanmar,
    /// Khmer).
    by_unspaced_script: [usize; UNSPACED_SCRIPTS.len()],
}

impl LetterCensus {
    /// Counts the letters of `text` (ASCII text is counted without a per-character loop).
    pub fn of(text: &str) -> Self {
        let mut census = Self::default();
        if text.is_ascii() {
            census.letters = text.bytes().filter(u8::is_ascii_alphabetic).count();
            return census;
        }
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            census.letters += 1;
            if let Some(script) = unspaced_script(c) {
                census.by_unspaced_script[script] += 1;
            }
        }
        census
    }

    /// Adds another text's counts.
    pub fn add(&mut self, other: Self) {
        self.letters += other.letters;
        for (mine, theirs) in self
            .by_unspaced_script
            .iter_mut()
            .zip(other.by_unspaced_script)
        {
            *mine += theirs;
        }
    }

    /// Letters of Thai, Lao, Khmer or Myanmar.
    pub fn unspaced(&self) -> usize {
        self.by_unspaced_script.iter().sum()
    }

    /// The most frequent unspaced script, when the text has any.
    pub fn unspaced_script(&self) -> Option<&'static str> {
        (0..UNSPACED_SCRIPTS.len())
            .filter(|&i| self.by_unspaced_script[i] > 0)
            .max_by_key(|&i| (self.by_unspaced_script[i], std::cmp::Reverse(i)))
            .map(|i| UNSPACED_SCRIPTS[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cjk_characters_count_as_words_and_punctuation_separates() {
        assert_eq!(word_count("五个国家的外交部长在罗马举行会议。"), 16);
        assert_eq!(word_count("会议在Rome举行，持续了6个小时。"), 13);
        assert_eq!(word_count("外務大臣がローマで会談した。"), 13);
        assert_eq!(word_count("Ministers met in Rome 会议"), 6);
        // Hangul is written with spaces: words, not syllables.
        assert_eq!(word_count("외무장관들이 로마에서 만났다"), 3);
    }

    #[test]
    fn census_names_unspaced_scripts() {
        let thai = LetterCensus::of("รัฐมนตรีต่างประเทศห้าประเทศพบกันที่กรุงโรม");
        assert_eq!(thai.unspaced(), thai.letters);
        assert_eq!(thai.unspaced_script(), Some("Thai"));
        let chinese = LetterCensus::of("五个国家的外交部长在罗马举行会议。");
        assert_eq!((chinese.letters, chinese.unspaced()), (16, 0));
        assert_eq!(chinese.unspaced_script(), None);
        let english = LetterCensus::of("Ministers met in Rome.");
        assert_eq!((english.letters, english.unspaced()), (18, 0));
        let lao = LetterCensus::of("ລັດຖະມົນຕີ");
        let mut mixed = english;
        for part in [thai, lao, lao, lao, lao] {
            mixed.add(part);
        }
        assert_eq!(mixed.letters, 18 + thai.letters + 4 * lao.letters);
        assert_eq!(mixed.unspaced(), thai.letters + 4 * lao.letters);
        let expected = if 4 * lao.letters > thai.letters {
            "Lao"
        } else {
            "Thai"
        };
        assert_eq!(mixed.unspaced_script(), Some(expected));
    }

    #[test]
    fn word_count_matches_split_whitespace_on_control_and_unicode_spaces() {
        for text in [
            "",
            " ",
            "one",
            "  two  words ",
            "tab\tand\nnew\x0bline\x0cfeed\rreturn",
            "unit\x1fseparator is not space",
            "caf\u{e9} au\u{a0}lait\u{2003}here",
        ] {
            assert_eq!(
                word_count(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    proptest! {
        /// Without CJK characters or punctuation, a word is what `split_whitespace` finds.
        #[test]
        fn word_count_is_split_whitespace_outside_cjk(text in "\\PC{0,200}") {
            prop_assume!(!text.chars().any(|c| is_cjk_character(c) || is_cjk_punctuation(c)));
            prop_assert_eq!(word_count(&text), text.split_whitespace().count());
        }
    }
}
