//! The Porter stemmer exactly as NLTK's `PorterStemmer()` runs it (its default
//! `NLTK_EXTENSIONS` mode), which is what Google's `rouge-score` uses.
//!
//! NLTK's mode departs from Martin Porter's published algorithm in a handful of
//! places: a small pool of irregular forms (`dying` -> `die`), `ies`/`ied` on
//! four-letter words, `y` -> `i` only after a consonant, `bli` -> `ble`,
//! `fulli`, `logi`, and a two-letter `*o` condition. Each of them is marked
//! below. The steps are the paper's: 1a, 1b, 1c, 2, 3, 4, 5a, 5b.

/// Stems one word the way `nltk.stem.porter.PorterStemmer().stem(word)` does.
///
/// The word is lowercased first, as NLTK does. Words of at most two characters
/// are returned lowercased but otherwise unchanged.
///
/// ```
/// use newsfuse_rouge::nltk_porter::stem;
/// assert_eq!(stem("running"), "run");
/// assert_eq!(stem("generously"), "gener");
/// assert_eq!(stem("dying"), "die");
/// ```
pub fn stem(word: &str) -> String {
    let lower = word.to_lowercase();
    if let Some(irregular) = irregular_form(&lower) {
        return irregular.to_owned();
    }
    let chars: Vec<char> = lower.chars().collect();
    // NLTK tests the length of the word before lowercasing, in chars.
    if word.chars().count() <= 2 {
        return lower;
    }
    let mut w = chars;
    w = step1a(w);
    w = step1b(w);
    w = step1c(w);
    w = step2(w);
    w = step3(w);
    w = step4(w);
    w = step5a(w);
    w = step5b(w);
    w.into_iter().collect()
}

/// NLTK's pool of irregular forms (NLTK extension).
fn irregular_form(word: &str) -> Option<&'static str> {
    Some(match word {
        "sky" | "skies" => "sky",
        "dying" => "die",
        "lying" => "lie",
        "tying" => "tie",
        "news" => "news",
        "innings" | "inning" => "inning",
        "outings" | "outing" => "outing",
        "cannings" | "canning" => "canning",
        "howe" => "howe",
        "proceed" => "proceed",
        "exceed" => "exceed",
        "succeed" => "succeed",
        _ => return None,
    })
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// `word[i]` is a consonant: not a vowel, and a `y` only when it does not
/// follow a consonant.
fn is_consonant(word: &[char], i: usize) -> bool {
    if is_vowel(word[i]) {
        return false;
    }
    if word[i] == 'y' {
        return i == 0 || !is_consonant(word, i - 1);
    }
    true
}

/// The number of vowel-consonant transitions, `m` in the paper.
fn measure(stem: &[char]) -> usize {
    let mut m = 0;
    let mut prev_cons = true;
    let mut prev_is_vowel = false;
    for (i, &c) in stem.iter().enumerate() {
        let cons = if is_vowel(c) {
            false
        } else if c == 'y' {
            i == 0 || !prev_cons
        } else {
            true
        };
        if cons && prev_is_vowel {
            m += 1;
        }
        prev_is_vowel = !cons;
        prev_cons = cons;
    }
    m
}

fn contains_vowel(stem: &[char]) -> bool {
    (0..stem.len()).any(|i| !is_consonant(stem, i))
}

fn ends_double_consonant(word: &[char]) -> bool {
    let n = word.len();
    n >= 2 && word[n - 1] == word[n - 2] && is_consonant(word, n - 1)
}

/// Condition `*o`; NLTK also accepts a two-letter vowel-consonant word.
fn ends_cvc(word: &[char]) -> bool {
    let n = word.len();
    (n >= 3
        && is_consonant(word, n - 3)
        && !is_consonant(word, n - 2)
        && is_consonant(word, n - 1)
        && !matches!(word[n - 1], 'w' | 'x' | 'y'))
        || (n == 2 && !is_consonant(word, 0) && is_consonant(word, 1))
}

fn ends_with(word: &[char], suffix: &str) -> bool {
    let n = suffix.chars().count();
    word.len() >= n && word[word.len() - n..].iter().copied().eq(suffix.chars())
}

fn strip(word: &[char], suffix: &str) -> Vec<char> {
    word[..word.len() - suffix.chars().count()].to_vec()
}

fn with(mut stem: Vec<char>, replacement: &str) -> Vec<char> {
    stem.extend(replacement.chars());
    stem
}

/// A rule's condition, given the stem (suffix removed) and the whole word.
type Cond = fn(&[char], &[char]) -> bool;

fn m_gt0(stem: &[char], _: &[char]) -> bool {
    measure(stem) > 0
}

fn m_gt1(stem: &[char], _: &[char]) -> bool {
    measure(stem) > 1
}

/// NLTK's rule list semantics: the first rule whose suffix matches decides;
/// when its condition fails, the word is returned unchanged.
fn apply_rules(word: Vec<char>, rules: &[(&str, &str, Cond)]) -> Vec<char> {
    for &(suffix, replacement, cond) in rules {
        if ends_with(&word, suffix) {
            let stem = strip(&word, suffix);
            return if cond(&stem, &word) {
                with(stem, replacement)
            } else {
                word
            };
        }
    }
    word
}

fn step1a(word: Vec<char>) -> Vec<char> {
    // NLTK extension: "ties" -> "tie", "dies" -> "die".
    if word.len() == 4 && ends_with(&word, "ies") {
        return with(strip(&word, "ies"), "ie");
    }
    let always: Cond = |_, _| true;
    apply_rules(
        word,
        &[
            ("sses", "ss", always),
            ("ies", "i", always),
            ("ss", "ss", always),
            ("s", "", always),
        ],
    )
}

fn step1b(word: Vec<char>) -> Vec<char> {
    // NLTK extension: "died" -> "die", "cried" -> "cri".
    if ends_with(&word, "ied") {
        let replacement = if word.len() == 4 { "ie" } else { "i" };
        return with(strip(&word, "ied"), replacement);
    }
    if ends_with(&word, "eed") {
        let stem = strip(&word, "eed");
        return if measure(&stem) > 0 {
            with(stem, "ee")
        } else {
            word
        };
    }
    let mut stem = None;
    for suffix in ["ed", "ing"] {
        if ends_with(&word, suffix) {
            let candidate = strip(&word, suffix);
            if contains_vowel(&candidate) {
                stem = Some(candidate);
                break;
            }
        }
    }
    let Some(stem) = stem else {
        return word;
    };
    for (suffix, replacement) in [("at", "ate"), ("bl", "ble"), ("iz", "ize")] {
        if ends_with(&stem, suffix) {
            return with(strip(&stem, suffix), replacement);
        }
    }
    if ends_double_consonant(&stem) {
        let last = stem[stem.len() - 1];
        return if matches!(last, 'l' | 's' | 'z') {
            stem
        } else {
            stem[..stem.len() - 1].to_vec()
        };
    }
    if measure(&stem) == 1 && ends_cvc(&stem) {
        return with(stem, "e");
    }
    stem
}

fn step1c(word: Vec<char>) -> Vec<char> {
    // NLTK extension: y -> i only after a consonant that is not the whole stem.
    if ends_with(&word, "y") {
        let stem = strip(&word, "y");
        if stem.len() > 1 && is_consonant(&stem, stem.len() - 1) {
            return with(stem, "i");
        }
    }
    word
}

fn step2(word: Vec<char>) -> Vec<char> {
    // NLTK extension: "alli" -> "al", then step 2 again.
    if ends_with(&word, "alli") && measure(&strip(&word, "alli")) > 0 {
        return step2(with(strip(&word, "alli"), "al"));
    }
    // NLTK extension: "logi" -> "log" when the word minus "ogi" has m > 0.
    let logi: Cond = |_, word| measure(&word[..word.len() - 3]) > 0;
    apply_rules(
        word,
        &[
            ("ational", "ate", m_gt0),
            ("tional", "tion", m_gt0),
            ("enci", "ence", m_gt0),
            ("anci", "ance", m_gt0),
            ("izer", "ize", m_gt0),
            ("bli", "ble", m_gt0),
            ("alli", "al", m_gt0),
            ("entli", "ent", m_gt0),
            ("eli", "e", m_gt0),
            ("ousli", "ous", m_gt0),
            ("ization", "ize", m_gt0),
            ("ation", "ate", m_gt0),
            ("ator", "ate", m_gt0),
            ("alism", "al", m_gt0),
            ("iveness", "ive", m_gt0),
            ("fulness", "ful", m_gt0),
            ("ousness", "ous", m_gt0),
            ("aliti", "al", m_gt0),
            ("iviti", "ive", m_gt0),
            ("biliti", "ble", m_gt0),
            ("fulli", "ful", m_gt0),
            ("logi", "log", logi),
        ],
    )
}

fn step3(word: Vec<char>) -> Vec<char> {
    apply_rules(
        word,
        &[
            ("icate", "ic", m_gt0),
            ("ative", "", m_gt0),
            ("alize", "al", m_gt0),
            ("iciti", "ic", m_gt0),
            ("ical", "ic", m_gt0),
            ("ful", "", m_gt0),
            ("ness", "", m_gt0),
        ],
    )
}

fn step4(word: Vec<char>) -> Vec<char> {
    let ion: Cond = |stem, _| measure(stem) > 1 && matches!(stem.last(), Some('s' | 't'));
    apply_rules(
        word,
        &[
            ("al", "", m_gt1),
            ("ance", "", m_gt1),
            ("ence", "", m_gt1),
            ("er", "", m_gt1),
            ("ic", "", m_gt1),
            ("able", "", m_gt1),
            ("ible", "", m_gt1),
            ("ant", "", m_gt1),
            ("ement", "", m_gt1),
            ("ment", "", m_gt1),
            ("ent", "", m_gt1),
            ("ion", "", ion),
            ("ou", "", m_gt1),
            ("ism", "", m_gt1),
            ("ate", "", m_gt1),
            ("iti", "", m_gt1),
            ("ous", "", m_gt1),
            ("ive", "", m_gt1),
            ("ize", "", m_gt1),
        ],
    )
}

fn step5a(word: Vec<char>) -> Vec<char> {
    if ends_with(&word, "e") {
        let stem = strip(&word, "e");
        let m = measure(&stem);
        if m > 1 || (m == 1 && !ends_cvc(&stem)) {
            return stem;
        }
    }
    word
}

fn step5b(word: Vec<char>) -> Vec<char> {
    if ends_with(&word, "ll") && measure(&word[..word.len() - 1]) > 1 {
        return word[..word.len() - 1].to_vec();
    }
    word
}

#[cfg(test)]
mod tests {
    use super::stem;

    fn check(word: &str, expect: &str) {
        assert_eq!(stem(word), expect, "stem({word:?})");
    }

    #[test]
    fn paper_examples() {
        for (w, e) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("ties", "tie"),
            ("cats", "cat"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("hopping", "hop"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("controlling", "control"),
            ("generalizations", "gener"),
        ] {
            check(w, e);
        }
    }

    #[test]
    fn nltk_extensions() {
        for (w, e) in [
            ("dying", "die"),
            ("skies", "sky"),
            ("died", "die"),
            ("cried", "cri"),
            ("enjoy", "enjoy"),
            ("spy", "spi"),
            ("analogi", "analog"),
            ("is", "is"),
        ] {
            check(w, e);
        }
    }
}
