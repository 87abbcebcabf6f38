//! English stemming for the tokenizer: Snowball's Porter2 on ASCII words, `rust-stemmers` on the rest.
//!
//! Why by hand: each new surface form is stemmed once per thread (see `segment::normalised_form`),
//! and in a fresh process that is still most of the tokenizer's cost. `rust-stemmers` runs the
//! generated Snowball program, about 4,800 instructions a word on Multi-News dev (callgrind); this
//! direct transcription of the published algorithm works on bytes and needs no allocation beyond
//! its result. It gives exactly `rust-stemmers`' stems: the tests check both on every word of a
//! built-in list and on random ASCII words, and a word with any non-ASCII letter goes to
//! `rust-stemmers` itself.
//!
//! Algorithm: M. Porter, "The English (Porter2) stemming algorithm",
//! <https://snowballstem.org/algorithms/english/stemmer.html>.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

static SNOWBALL: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The Porter2 stem of a lowercase word.
pub fn stem(word: &str) -> String {
    if word.is_ascii() {
        porter2_ascii(word.as_bytes())
    } else {
        SNOWBALL.stem(word).into_owned()
    }
}

/// Whole words with a stem of their own (Porter2's first exception list).
const SPECIAL_WORDS: [(&[u8], &str); 18] = [
    (b"skis", "ski"),
    (b"skies", "sky"),
    (b"dying", "die"),
    (b"lying", "lie"),
    (b"tying", "tie"),
    (b"idly", "idl"),
    (b"gently", "gentl"),
    (b"ugly", "ugli"),
    (b"early", "earli"),
    (b"only", "onli"),
    (b"singly", "singl"),
    (b"sky", "sky"),
    (b"news", "news"),
    (b"howe", "howe"),
    (b"atlas", "atlas"),
    (b"cosmos", "cosmos"),
    (b"bias", "bias"),
    (b"andes", "andes"),
];

/// Words left as they are after step 1a (the second exception list).
const AFTER_STEP_1A: [&[u8]; 8] = [
    b"inning", b"outing", b"canning", b"herring", b"earring", b"proceed", b"exceed", b"succeed",
];

/// Prefixes after which R1 starts, whatever the vowels.
const R1_PREFIXES: [&[u8]; 3] = [b"gener", b"commun", b"arsen"];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// The word being stemmed, with its regions. A `y` made consonantal is written `Y`.
struct Word {
    w: Vec<u8>,
    p1: usize,
    p2: usize,
}

impl Word {
    fn ends(&self, suffix: &[u8]) -> bool {
        self.w.ends_with(suffix)
    }

    /// Start of `suffix`, which the word ends with.
    fn start_of(&self, suffix: &[u8]) -> usize {
        self.w.len() - suffix.len()
    }

    fn replace(&mut self, suffix_len: usize, with: &[u8]) {
        let keep = self.w.len() - suffix_len;
        self.w.truncate(keep);
        self.w.extend_from_slice(with);
    }

    /// The longest of `suffixes` the word ends with.
    fn longest<'a>(&self, suffixes: &[&'a [u8]]) -> Option<&'a [u8]> {
        suffixes
            .iter()
            .filter(|s| self.ends(s))
            .max_by_key(|s| s.len())
            .copied()
    }

    /// The longest of `suffixes` the word ends with, and where it starts, when it starts at or
    /// after `region` (Snowball's `[substring] R among`: a longest match outside the region is
    /// not replaced by a shorter one inside it).
    fn longest_in<'a>(&self, suffixes: &[&'a [u8]], region: usize) -> Option<(&'a [u8], usize)> {
        let suffix = self.longest(suffixes)?;
        let start = self.start_of(suffix);
        (start >= region).then_some((suffix, start))
    }

    /// A short syllable ends the first `end` letters: non-vowel, vowel, then a non-vowel other
    /// than w, x or Y; or, at the very start, a vowel and a non-vowel.
    fn short_syllable_before(&self, end: usize) -> bool {
        let w = &self.w[..end];
        match end {
            0 | 1 => false,
            2 => is_vowel(w[0]) && !is_vowel(w[1]),
            _ => {
                let last = w[end - 1];
                !is_vowel(last)
                    && !matches!(last, b'w' | b'x' | b'Y')
                    && is_vowel(w[end - 2])
                    && !is_vowel(w[end - 3])
            }
        }
    }
}

/// The end of the region after the first non-vowel that follows a vowel, from `from`.
fn region_start(w: &[u8], from: usize) -> usize {
    let n = w.len();
    let Some(vowel) = (from..n).find(|&i| is_vowel(w[i])) else {
        return n;
    };
    (vowel + 1..n)
        .find(|&i| !is_vowel(w[i]))
        .map_or(n, |non_vowel| non_vowel + 1)
}

fn porter2_ascii(word: &[u8]) -> String {
    if let Some((_, stem)) = SPECIAL_WORDS.iter().find(|(w, _)| *w == word) {
        return (*stem).to_string();
    }
    if word.len() < 3 {
        return String::from_utf8_lossy(word).into_owned();
    }
    let mut w = word.strip_prefix(b"'").unwrap_or(word).to_vec();
    // Prelude: an initial y, and a y after a vowel, are consonants.
    if w.first() == Some(&b'y') {
        w[0] = b'Y';
    }
    for i in 1..w.len() {
        if w[i] == b'y' && is_vowel(w[i - 1]) {
            w[i] = b'Y';
        }
    }
    let p1 = R1_PREFIXES
        .iter()
        .find(|prefix| w.starts_with(prefix))
        .map_or_else(|| region_start(&w, 0), |prefix| prefix.len());
    let p2 = region_start(&w, p1);
    let mut word = Word { w, p1, p2 };
    step_1a(&mut word);
    if !AFTER_STEP_1A.contains(&word.w.as_slice()) {
        step_1b(&mut word);
        step_1c(&mut word);
        step_2(&mut word);
        step_3(&mut word);
        step_4(&mut word);
        step_5(&mut word);
    }
    for c in &mut word.w {
        if *c == b'Y' {
            *c = b'y';
        }
    }
    String::from_utf8(word.w).expect("stem: ASCII in, ASCII out")
}

fn step_1a(word: &mut Word) {
    if let Some(suffix) = word.longest(&[b"'s'", b"'s", b"'"]) {
        word.replace(suffix.len(), b"");
    }
    let Some(suffix) = word.longest(&[b"sses", b"ied", b"ies", b"s", b"us", b"ss"]) else {
        return;
    };
    let start = word.start_of(suffix);
    match suffix {
        b"sses" => word.replace(4, b"ss"),
        b"ied" | b"ies" => word.replace(3, if start >= 2 { b"i" } else { b"ie" }),
        // Deleted when a vowel comes before the letter just before the s ("gaps", not "gas").
        b"s" if start >= 1 && word.w[..start - 1].iter().any(|&c| is_vowel(c)) => {
            word.replace(1, b"");
        }
        _ => {}
    }
}

fn step_1b(word: &mut Word) {
    let Some(suffix) = word.longest(&[b"eed", b"eedly", b"ed", b"edly", b"ing", b"ingly"]) else {
        return;
    };
    let start = word.start_of(suffix);
    if matches!(suffix, b"eed" | b"eedly") {
        if start >= word.p1 {
            word.replace(suffix.len(), b"ee");
        }
        return;
    }
    if !word.w[..start].iter().any(|&c| is_vowel(c)) {
        return;
    }
    word.replace(suffix.len(), b"");
    let n = word.w.len();
    let ends_doubled =
        n >= 2 && word.w[n - 1] == word.w[n - 2] && b"bdfgmnprt".contains(&word.w[n - 1]);
    if [b"at", b"bl", b"iz"].iter().any(|s| word.ends(*s)) {
        word.w.push(b'e');
    } else if ends_doubled {
        // bb dd ff gg mm nn pp rr tt lose their last letter.
        word.w.pop();
    } else if n == word.p1 && word.short_syllable_before(n) {
        word.w.push(b'e');
    }
}

fn step_1c(word: &mut Word) {
    let n = word.w.len();
    if n >= 3 && matches!(word.w[n - 1], b'y' | b'Y') && !is_vowel(word.w[n - 2]) {
        word.w[n - 1] = b'i';
    }
}

fn step_2(word: &mut Word) {
    const SUFFIXES: [&[u8]; 24] = [
        b"tional", b"enci", b"anci", b"abli", b"entli", b"izer", b"ization", b"ational", b"ation",
        b"ator", b"alism", b"aliti", b"alli", b"fulness", b"ousli", b"ousness", b"iveness",
        b"iviti", b"biliti", b"bli", b"ogi", b"fulli", b"lessli", b"li",
    ];
    let Some((suffix, start)) = word.longest_in(&SUFFIXES, word.p1) else {
        return;
    };
    let replacement: &[u8] = match suffix {
        b"tional" => b"tion",
        b"enci" => b"ence",
        b"anci" => b"ance",
        b"abli" => b"able",
        b"entli" => b"ent",
        b"izer" | b"ization" => b"ize",
        b"ational" | b"ation" | b"ator" => b"ate",
        b"alism" | b"aliti" | b"alli" => b"al",
        b"fulness" | b"fulli" => b"ful",
        b"ousli" | b"ousness" => b"ous",
        b"iveness" | b"iviti" => b"ive",
        b"biliti" | b"bli" => b"ble",
        b"lessli" => b"less",
        b"ogi" => {
            if start == 0 || word.w[start - 1] != b'l' {
                return;
            }
            b"og"
        }
        // "li" after one of c d e g h k m n r t.
        _ => {
            if start == 0 || !b"cdeghkmnrt".contains(&word.w[start - 1]) {
                return;
            }
            b""
        }
    };
    word.replace(suffix.len(), replacement);
}

fn step_3(word: &mut Word) {
    const SUFFIXES: [&[u8]; 9] = [
        b"tional", b"ational", b"alize", b"icate", b"iciti", b"ical", b"ful", b"ness", b"ative",
    ];
    let Some((suffix, start)) = word.longest_in(&SUFFIXES, word.p1) else {
        return;
    };
    let replacement: &[u8] = match suffix {
        b"tional" => b"tion",
        b"ational" => b"ate",
        b"alize" => b"al",
        b"icate" | b"iciti" | b"ical" => b"ic",
        b"ative" if start < word.p2 => return,
        _ => b"",
    };
    word.replace(suffix.len(), replacement);
}

fn step_4(word: &mut Word) {
    const SUFFIXES: [&[u8]; 18] = [
        b"al", b"ance", b"ence", b"er", b"ic", b"able", b"ible", b"ant", b"ement", b"ment", b"ent",
        b"ism", b"ate", b"iti", b"ous", b"ive", b"ize", b"ion",
    ];
    let Some((suffix, start)) = word.longest_in(&SUFFIXES, word.p2) else {
        return;
    };
    if suffix == b"ion" && (start == 0 || !matches!(word.w[start - 1], b's' | b't')) {
        return;
    }
    word.replace(suffix.len(), b"");
}

fn step_5(word: &mut Word) {
    let n = word.w.len();
    let start = n.saturating_sub(1);
    match word.w.last() {
        Some(b'e')
            if start >= word.p2 || (start >= word.p1 && !word.short_syllable_before(start)) =>
        {
            word.w.pop();
        }
        Some(b'l') if start >= word.p2 && n >= 2 && word.w[n - 2] == b'l' => {
            word.w.pop();
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn snowball(word: &str) -> String {
        SNOWBALL.stem(word).into_owned()
    }

    #[test]
    fn agrees_with_snowball_on_words_that_exercise_every_step() {
        let words = "consign consigned consigning consignment consist consisted consistency \
            consistent consistently consisting consists consolation consolations consolatory \
            console consoled consoles consolidate consolidated consolidating consoling \
            knack knackeries knacks knag knave knaves knavish kneaded kneading knee kneel \
            kneeled kneeling kneels knees knell knelt knew knick knif knife knight knights \
            caresses ponies ties cries caress cats gas gaps kiwis this feed agreed plastered \
            bled motoring sing conflated troubled sized hopping tanned falling hissing fizzed \
            failing filing cry by say happy sky skies dying lying tying idly gently ugly early \
            only singly news howe atlas atlantic cosmos bias andes inning innings outing canning \
            herring earring proceed exceed succeed generous generously generate communism \
            communities arsenal relational conditional rational valenci hesitanci digitizer \
            conformabli radicalli differentli vileli analogousli vietnamization predication \
            operator feudalism decisiveness hopefulness callousness formaliti sensitiviti \
            sensibiliti analogi geology fluentli lessli hopelessli formalize electriciti \
            electrical hopeful goodness formative revival allowance inference airliner \
            gyroscopic adjustable defensible irritant replacement adjustment dependent \
            adoption adoptions communism activate angulariti homologous effective bowdlerize \
            controll roll generate generates generated generating general generally \
            generic generically generous generously eyed eying yes year yield youth \
            played playing ploy ploys sayings employee employees agreement agreements \
            president presidential officials countries caliphate coalition's generously \
            it's don't o'clock '90s rock'n'roll 1990s 3d covid19 mp3s a ab abc aaa \
            bus buses census focus focuses yacht yachts ay ayy yyy syzygy fly flies \
            universal universe later emerge organ past pasta news's dogs' dog's bbc \
            ied ies sses s ss us eed ing ed ly ingly edly eedly tion ation ational";
        for word in words.split_whitespace() {
            assert_eq!(stem(word), snowball(word), "{word}");
        }
    }

    #[test]
    fn non_ascii_words_go_to_snowball() {
        for word in ["ärzte", "café", "naïve", "résumés", "中国"] {
            assert_eq!(stem(word), snowball(word), "{word}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_snowball_on_random_words(word in "[a-z']{1,14}") {
            prop_assert_eq!(stem(&word), snowball(&word));
        }

        #[test]
        fn agrees_with_snowball_on_word_like_strings(word in "(un|re|in|con|gener|commun|arsen)?[bcdfghlmnprstvwy]?[aeiouy]{1,2}[bcdfgklmnprstvxyz]{1,2}(y|e|ed|ing|ly|ies|ied|s|ness|ful|tional|ation|ement|ize|ive|ous|al|ance|ence|er|ic|able|ible|ant|ent|ism|ate|iti|ion|bli|ogi|li|ally|ingly|edly|eedly|eed|sses|ss|us|'s)?") {
            prop_assert_eq!(stem(&word), snowball(&word));
        }
    }
}
