//! The Porter stemmer of ROUGE-1.5.5 (Martin Porter's Perl version, "Release
//! 1", with Chin-Yew Lin's 2004 change to step 4), plus the WordNet exception
//! lookup that `-m` does first (`MorphStem`).
//!
//! The Perl code works with regular expressions; the same expressions are
//! used here through the `regex` crate, whose leftmost-first semantics give
//! the same matches as Perl's for these patterns. The one backreference
//! (`([^aeiouylsz])\1$`) is checked by hand.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// `-m` stemming of one lowercased token: the WordNet exception's base form
/// when there is one, else the Porter stem.
///
/// ROUGE calls this only for tokens longer than three bytes.
pub(crate) fn morph_stem(token: &str) -> String {
    thread_local! {
        static CACHE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    CACHE.with(|cache| {
        if let Some(s) = cache.borrow().get(token) {
            return s.clone();
        }
        let stemmed = match EXCEPTIONS.get(token) {
            Some(base) => (*base).to_owned(),
            None => stem(token),
        };
        let mut cache = cache.borrow_mut();
        if cache.len() > 1 << 20 {
            cache.clear();
        }
        cache.insert(token.to_owned(), stemmed.clone());
        stemmed
    })
}

/// WordNet 2.0 exceptions: inflected form -> base form (`data/`).
static EXCEPTIONS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    include_str!("../../data/wordnet_2.0_exceptions.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(' '))
        .collect()
});

struct Patterns {
    mgr0: Regex,
    meq1: Regex,
    mgr1: Regex,
    has_vowel: Regex,
    cvc: Regex,
    step2: Regex,
    step3: Regex,
    step4: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let c = "[^aeiou]";
    let v = "[aeiouy]";
    let cc = format!("{c}[^aeiouy]*");
    let vv = format!("{v}[aeiou]*");
    let re = |p: &str| Regex::new(p).expect("the Porter patterns are valid regexes");
    Patterns {
        mgr0: re(&format!("^({cc})?{vv}{cc}")),
        meq1: re(&format!("^({cc})?{vv}{cc}({vv})?$")),
        mgr1: re(&format!("^({cc})?{vv}{cc}{vv}{cc}")),
        has_vowel: re(&format!("^({cc})?{v}")),
        cvc: re(&format!("^{cc}{v}[^aeiouwxy]$")),
        step2: re(
            "(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|\
             iveness|fulness|ousness|aliti|iviti|biliti|logi)$",
        ),
        step3: re("(icate|ative|alize|iciti|ical|ful|ness)$"),
        step4: re("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$"),
    }
});

fn step2_replacement(suffix: &str) -> &'static str {
    match suffix {
        "ational" | "ation" | "ator" => "ate",
        "tional" => "tion",
        "enci" => "ence",
        "anci" => "ance",
        "izer" | "ization" => "ize",
        "bli" | "biliti" => "ble",
        "alli" | "alism" | "aliti" => "al",
        "entli" => "ent",
        "eli" => "e",
        "ousli" | "ousness" => "ous",
        "iveness" | "iviti" => "ive",
        "fulness" => "ful",
        "logi" => "log",
        _ => "",
    }
}

fn step3_replacement(suffix: &str) -> &'static str {
    match suffix {
        "icate" | "iciti" | "ical" => "ic",
        "alize" => "al",
        _ => "",
    }
}

/// `$w =~ /suffix$/` with a literal suffix: the text before it (`` $` ``).
fn before<'a>(w: &'a str, suffix: &str) -> Option<&'a str> {
    w.strip_suffix(suffix)
}

/// Porter stem of one word, as ROUGE-1.5.5's `stem` subroutine.
///
/// ```
/// # use newsfuse_rouge::rouge155::porter_stem as stem;
/// assert_eq!(stem("generalizations"), "gener");
/// assert_eq!(stem("happy"), "happi");
/// assert_eq!(stem("enjoyment"), "enjoy");
/// ```
pub fn stem(word: &str) -> String {
    if word.len() < 3 {
        return word.to_owned();
    }
    let p = &*PATTERNS;
    // An initial y is made upper case so that no pattern treats it as a vowel.
    let initial_y = word.starts_with('y');
    let mut w = if initial_y {
        format!("Y{}", &word[1..])
    } else {
        word.to_owned()
    };

    // Step 1a.
    if w.ends_with("sses") || w.ends_with("ies") {
        w.truncate(w.len() - 2);
    } else if w.len() >= 2 && w.ends_with('s') && !w[..w.len() - 1].ends_with('s') {
        w.pop();
    }

    // Step 1b.
    if let Some(stem) = before(&w, "eed") {
        if p.mgr0.is_match(stem) {
            w.pop();
        }
    } else if let Some(stem) = before(&w, "ed").or_else(|| before(&w, "ing"))
        && p.has_vowel.is_match(stem)
    {
        w = stem.to_owned();
        let b = w.as_bytes();
        let n = b.len();
        if w.ends_with("at") || w.ends_with("bl") || w.ends_with("iz") {
            w.push('e');
        } else if n >= 2 && b[n - 1] == b[n - 2] && !b"aeiouylsz".contains(&b[n - 1]) {
            w.pop();
        } else if p.cvc.is_match(&w) {
            w.push('e');
        }
    }

    // Step 1c.
    if let Some(stem) = before(&w, "y")
        && p.has_vowel.is_match(stem)
    {
        w = format!("{stem}i");
    }

    // Step 2.
    if let Some(m) = p.step2.find(&w) {
        let stem = &w[..m.start()];
        if p.mgr0.is_match(stem) {
            w = format!("{stem}{}", step2_replacement(m.as_str()));
        }
    }

    // Step 3.
    if let Some(m) = p.step3.find(&w) {
        let stem = &w[..m.start()];
        if p.mgr0.is_match(stem) {
            w = format!("{stem}{}", step3_replacement(m.as_str()));
        }
    }

    // Step 4, as modified by CYL (02/14/2004): three tests in a row.
    if let Some(m) = p.step4.find(&w) {
        let stem = &w[..m.start()];
        if p.mgr1.is_match(stem) {
            w = stem.to_owned();
        }
    }
    if let Some(stem) = before(&w, "ment")
        && p.mgr1.is_match(stem)
    {
        w = stem.to_owned();
    }
    if let Some(stem) = before(&w, "ent") {
        if p.mgr1.is_match(stem) {
            w = stem.to_owned();
        }
    } else if w.ends_with("sion") || w.ends_with("tion") {
        let stem = &w[..w.len() - 3];
        if p.mgr1.is_match(stem) {
            w = stem.to_owned();
        }
    }

    // Step 5.
    if let Some(stem) = before(&w, "e")
        && (p.mgr1.is_match(stem) || (p.meq1.is_match(stem) && !p.cvc.is_match(stem)))
    {
        w = stem.to_owned();
    }
    if w.ends_with("ll") && p.mgr1.is_match(&w) {
        w.pop();
    }

    if initial_y {
        w.replace_range(..1, "y");
    }
    w
}

#[cfg(test)]
mod tests {
    use super::{morph_stem, stem};

    #[test]
    fn porter_examples() {
        for (w, e) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("cats", "cat"),
            ("agreed", "agre"),
            ("feed", "feed"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("hopping", "hop"),
            ("falling", "fall"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("replacement", "replac"),
            ("adoption", "adopt"),
            ("yelling", "yell"),
            ("controlling", "control"),
        ] {
            assert_eq!(stem(w), e, "{w}");
        }
    }

    #[test]
    fn exceptions_come_first() {
        assert_eq!(morph_stem("went"), "go");
        assert_eq!(morph_stem("children"), "child");
        assert_eq!(morph_stem("running"), "run");
    }
}
