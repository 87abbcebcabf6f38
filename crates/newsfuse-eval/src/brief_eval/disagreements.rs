//! Target 1 (disagreements) and the figure part of target 5 (a sentence giving a different
//! figure is no support).
//!
//! **Plants.** A fixed set of clusters (WikiNews TAC 2011, DUC 2003, DUC 2006, DUC 2007 update,
//! Multi-News dev, the seed cluster) is scanned for figures written the same way in two or more
//! articles, in six forms: digits ("212 people"), money ("$2.5 million", "40 dlrs", "300
//! euros"), percentages, spelled-out numbers ("four men"), ages ("Smith, 67,", "an 82-year-old")
//! and hedged values ("about 300 homes"). A figure is planted only where the occurrence changed
//! and its witness in another article are one quantity by this module's own reading
//! (`not_one_quantity`: words in common right around both figures, one owner for an age, one
//! verb for two figures each right after a past-tense verb), never by the brief's linking. A
//! number that is no figure of its own (`not_a_figure_of_its_own`: an end of a range, a street
//! address, the denominator of a rate) is neither changed nor a witness. For
//! each such figure one occurrence in one article is
//! changed by a factor outside any hedge or bound (x2.5 or x0.4; ages x1.3 or x0.7, percentages
//! x1.5 or x0.6), chosen by a seeded generator, so the plants are the same on every run. A plant
//! is found when the brief of the changed cluster reports a quantity, as a disagreement or an
//! update, with the new value in the changed article and the old value in another article.
//!
//! **Precision.** Every disagreement flag is judged. On the unchanged clusters the judgements are
//! hand-made by reading the text and kept in `disagreements_judgements.tsv` (cluster id, the
//! flag's values with their articles, the measure, a verdict and a short reason; no text). On the
//! changed clusters a flag that holds the planted value is true when its other value is the
//! original one; a flag also raised on the unchanged cluster takes that judgement; any other new
//! flag counts as false. A flag without a judgement is reported as unjudged and counts as false.
//!
//! **Support.** For each plant, the sentence holding the unchanged figure in another article is
//! given to the brief as a summary sentence; the plant counts against the brief when the changed
//! article is still listed as support.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::LazyLock;

use newsfuse::brief::{Brief, build_brief};
use newsfuse::model::{Article, Cluster};
use rayon::prelude::*;
use regex::Regex;

use super::{BriefEvalConfig, Figure, Part};
use crate::quality::Subset;

/// The file of hand judgements, in `config.labels`.
pub const JUDGEMENTS_FILE: &str = "disagreements_judgements.tsv";
/// The hand judgements of the flags on the tune2 clusters, in `config.labels`.
pub const TUNE2_JUDGEMENTS_FILE: &str = "disagreements_tune2_judgements.tsv";
/// The hand judgements of the flags on the tune3 clusters, in `config.labels`.
pub const TUNE3_JUDGEMENTS_FILE: &str = "disagreements_tune3_judgements.tsv";
/// The hand judgements of the flags on the tune4 clusters, in `config.labels`.
pub const TUNE4_JUDGEMENTS_FILE: &str = "disagreements_tune4_judgements.tsv";
/// The hand judgements of the flags on the tune5 clusters, in `config.labels`.
pub const TUNE5_JUDGEMENTS_FILE: &str = "disagreements_tune5_judgements.tsv";
/// The generator's seed: the plants are the same on every run.
const SEED: u64 = 0x5EED_F16E;
/// At most this many plants of one form per cluster.
const PER_CLUSTER_FORM: usize = 3;

/// The forms of a figure, each measured separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    /// "212 people".
    Digits,
    /// "$2.5 million", "40 dlrs", "300 euros".
    Money,
    /// "45 percent".
    Percent,
    /// "four men".
    Spelled,
    /// "Smith, 67,", "82-year-old".
    Age,
    /// "about 300 homes".
    Hedged,
}

impl Form {
    const ALL: [Form; 6] = [
        Form::Digits,
        Form::Money,
        Form::Percent,
        Form::Spelled,
        Form::Age,
        Form::Hedged,
    ];

    fn name(self) -> &'static str {
        match self {
            Form::Digits => "digits",
            Form::Money => "money",
            Form::Percent => "percent",
            Form::Spelled => "spelled",
            Form::Age => "age",
            Form::Hedged => "hedged",
        }
    }
}

/// One occurrence of a figure in an article's text.
#[derive(Debug, Clone)]
struct Occurrence {
    article: usize,
    /// Byte range of the number as written (digits or number words), the part a plant rewrites.
    start: usize,
    end: usize,
    value: f64,
    /// The scale the written number is multiplied by ("million").
    scale: f64,
    key: String,
    form: Form,
}

/// One planted change.
#[derive(Debug, Clone)]
pub struct Plant {
    /// Cluster id.
    pub cluster: String,
    /// The form of the changed figure.
    pub form: Form,
    /// The article changed.
    pub article: usize,
    /// Byte range replaced in that article.
    pub start: usize,
    /// End of the byte range replaced.
    pub end: usize,
    /// The number as written, and its replacement.
    pub old_text: String,
    /// The replacement text.
    pub new_text: String,
    /// Value before (scale applied).
    pub old_value: f64,
    /// Value after (scale applied).
    pub new_value: f64,
    /// Another article with the unchanged figure, and the byte offset of it there.
    pub witness: (usize, usize),
}

const NUM: &str = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)";
const SPELLED: &[(&str, u32)] = &[
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];
/// Words after a number that make it no plain count (scales, units handled by other forms, times).
const NOT_A_COUNT_WORD: &[&str] = &[
    "percent", "per", "million", "billion", "thousand", "trillion", "hundred", "dollars", "dlrs",
    "euros", "yen", "and", "or", "to", "of", "the", "a", "an", "in", "on", "at", "by", "for",
    "from", "with", "was", "were", "is", "are", "who", "that", "which", "p.m", "a.m", "year",
    "years", "old", "more", "less", "than", "times", "out",
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
const HEDGES: &[&str] = &[
    "about",
    "around",
    "some",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "estimated",
];
const BOUNDS: &[&str] = &[
    "than",
    "least",
    "over",
    "under",
    "to",
    "up",
    "as",
    "most",
    "exceeding",
    "upwards",
];

static MONEY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(US\$|\$|£|€)\s?{NUM}(?:\s(million|billion|trillion))?\b"
    ))
    .expect("valid regex")
});
static MONEY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b{NUM}(?:\s(million|billion|trillion))?\s(dollars|dlrs|pounds|euros|yen)\b(\s+of\b)?"
    ))
    .expect("valid regex")
});
static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b{NUM}\s?(%|percent\b|per cent\b)")).expect("valid regex")
});
static AGE_HYPHEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,3})-year-old\b").expect("valid regex"));
static AGE_APPOSITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z]{2,}, (\d{2}), [a-z]").expect("valid regex"));
static HEDGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?i:about|around|some|nearly|almost|approximately|roughly|an estimated) {NUM} ([a-z]{{3,}})\b"
    ))
    .expect("valid regex")
});
static SPELLED_RE: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<&str> = SPELLED.iter().map(|(w, _)| *w).collect();
    Regex::new(&format!(r"\b((?i:{}))\s([a-z]{{3,}})\b", words.join("|"))).expect("valid regex")
});
static DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b{NUM} ([a-z][a-z.]{{2,}})")).expect("valid regex"));

/// A deterministic generator (`SplitMix64`).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            usize::try_from(self.next() % n as u64).unwrap_or(0)
        }
    }
}

fn parse_number(text: &str) -> Option<f64> {
    text.replace(',', "").parse().ok()
}

/// The word before byte `at` (lower case, punctuation trimmed).
fn word_before(text: &str, at: usize) -> String {
    text[..at]
        .trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Whether the line holding byte `at` reads as body text (ends like a sentence), not a headline.
fn in_body_line(text: &str, at: usize) -> bool {
    let end = text[at..].find('\n').map_or(text.len(), |p| at + p);
    let line = text[..end].trim_end();
    line.ends_with(['.', '"', '”', '!', '?', '\'', ')'])
}

fn overlaps(taken: &[(usize, usize)], start: usize, end: usize) -> bool {
    taken.iter().any(|&(s, e)| start < e && s < end)
}

/// Every figure occurrence of an article, each in one form.
fn occurrences(article: usize, text: &str) -> Vec<Occurrence> {
    let mut out: Vec<Occurrence> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let push = |out: &mut Vec<Occurrence>,
                taken: &mut Vec<(usize, usize)>,
                whole: (usize, usize),
                number: regex::Match<'_>,
                value: f64,
                scale: f64,
                key: String,
                form: Form| {
        if overlaps(taken, whole.0, whole.1)
            || !in_body_line(text, number.start())
            || not_a_figure_of_its_own(text, number.start(), number.end()).is_some()
        {
            taken.push(whole);
            return;
        }
        taken.push(whole);
        out.push(Occurrence {
            article,
            start: number.start(),
            end: number.end(),
            value,
            scale,
            key,
            form,
        });
    };
    let scale_of = |m: Option<regex::Match<'_>>| match m.map(|m| m.as_str()) {
        Some("million") => 1e6,
        Some("billion") => 1e9,
        Some("trillion") => 1e12,
        _ => 1.0,
    };
    for caps in MONEY_BEFORE.captures_iter(text) {
        let (Some(whole), Some(num)) = (caps.get(0), caps.get(2)) else {
            continue;
        };
        let Some(n) = parse_number(num.as_str()) else {
            continue;
        };
        let scale = scale_of(caps.get(3));
        let currency = match &caps[1] {
            "£" => "GBP",
            "€" => "EUR",
            _ => "USD",
        };
        let key = format!("money:{}:{currency}", n * scale);
        push(
            &mut out,
            &mut taken,
            (whole.start(), whole.end()),
            num,
            n * scale,
            scale,
            key,
            Form::Money,
        );
    }
    for caps in MONEY_AFTER.captures_iter(text) {
        let (Some(whole), Some(num)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        // "70,000 pounds of cargo" is a weight.
        if caps.get(4).is_some() {
            continue;
        }
        let Some(n) = parse_number(num.as_str()) else {
            continue;
        };
        let scale = scale_of(caps.get(2));
        let currency = match &caps[3] {
            "pounds" => "GBP",
            "euros" => "EUR",
            "yen" => "JPY",
            _ => "USD",
        };
        let key = format!("money:{}:{currency}", n * scale);
        push(
            &mut out,
            &mut taken,
            (whole.start(), whole.end()),
            num,
            n * scale,
            scale,
            key,
            Form::Money,
        );
    }
    for caps in PERCENT.captures_iter(text) {
        let (Some(whole), Some(num)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let Some(n) = parse_number(num.as_str()) else {
            continue;
        };
        let key = format!("percent:{n}");
        push(
            &mut out,
            &mut taken,
            (whole.start(), whole.end()),
            num,
            n,
            1.0,
            key,
            Form::Percent,
        );
    }
    for re in [&*AGE_HYPHEN, &*AGE_APPOSITION] {
        for caps in re.captures_iter(text) {
            let (Some(_), Some(num)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let Some(n) = parse_number(num.as_str()) else {
                continue;
            };
            if !(10.0..=110.0).contains(&n) {
                continue;
            }
            let key = format!("age:{n}");
            push(
                &mut out,
                &mut taken,
                (num.start(), num.end()),
                num,
                n,
                1.0,
                key,
                Form::Age,
            );
        }
    }
    for caps in HEDGED.captures_iter(text) {
        let (Some(whole), Some(num), Some(word)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue;
        };
        let Some(n) = parse_number(num.as_str()) else {
            continue;
        };
        let w = word.as_str();
        if NOT_A_COUNT_WORD.contains(&w) || is_year(num.as_str()) || n < 2.0 {
            continue;
        }
        let key = format!("hedged:{n}:{w}");
        push(
            &mut out,
            &mut taken,
            (whole.start(), whole.end()),
            num,
            n,
            1.0,
            key,
            Form::Hedged,
        );
    }
    for caps in SPELLED_RE.captures_iter(text) {
        let (Some(whole), Some(num), Some(word)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue;
        };
        let w = word.as_str();
        let glued = text[..num.start()].ends_with('-') || text[num.end()..].starts_with('-');
        let before = word_before(text, num.start());
        if glued
            || NOT_A_COUNT_WORD.contains(&w)
            || HEDGES.contains(&before.as_str())
            || BOUNDS.contains(&before.as_str())
            || matches!(w, "days" | "weeks" | "months" | "hours" | "minutes")
        {
            continue;
        }
        let lower = num.as_str().to_lowercase();
        let Some(&(_, n)) = SPELLED.iter().find(|(s, _)| *s == lower) else {
            continue;
        };
        let key = format!("spelled:{n}:{w}");
        push(
            &mut out,
            &mut taken,
            (whole.start(), whole.end()),
            num,
            f64::from(n),
            1.0,
            key,
            Form::Spelled,
        );
    }
    for caps in DIGITS.captures_iter(text) {
        let (Some(whole), Some(num), Some(word)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue;
        };
        let w = word.as_str().trim_end_matches('.');
        let Some(n) = parse_number(num.as_str()) else {
            continue;
        };
        let before = word_before(text, num.start());
        let prev_char = text[..num.start()].chars().next_back();
        if NOT_A_COUNT_WORD.contains(&w)
            || w == "pounds" && !text[whole.end()..].trim_start().starts_with("of")
            || MONTHS.contains(&w)
            || MONTHS.contains(&before.as_str())
            || HEDGES.contains(&before.as_str())
            || BOUNDS.contains(&before.as_str())
            || is_year(num.as_str())
            || prev_char.is_some_and(|c| matches!(c, '$' | '-' | '/' | '.' | ':' | '#'))
            || n < 2.0
            || num.as_str().starts_with('0')
            || matches!(w, "gmt" | "utc" | "est" | "edt" | "bst")
            || names_before(text, num.start())
        {
            continue;
        }
        let key = format!("digits:{n}:{w}");
        push(
            &mut out,
            &mut taken,
            (whole.start(), whole.end()),
            num,
            n,
            1.0,
            key,
            Form::Digits,
        );
    }
    out
}

/// A currency sign that may open a number.
const SIGN: &str = r"(?:US\$|\$|£|€)?";
/// A unit that may follow a number inside a range ("25 percent to 40 percent", "$2 million-$3
/// million").
const RANGE_UNIT: &str = r"(?:\s?%|\s(?:percent|per cent|million|billion|trillion))?";

/// The text before a number that is the upper end of a range: "between 25 and", "from 10 to",
/// "25 to", "25-", "25 percent to".
static RANGE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:\bbetween\s+{SIGN}{NUM}{RANGE_UNIT}\s+and\s+|\d{RANGE_UNIT}\s*(?:-|–|—|\bto\b|\bthrough\b)\s*){SIGN}$"
    ))
    .expect("valid regex")
});
/// The text after a number that is the lower end of a range: " to 40", "-40", " percent to 40".
static RANGE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^{RANGE_UNIT}\s*(?:-|–|—|\bto\b|\bthrough\b)\s*{SIGN}\d"
    ))
    .expect("valid regex")
});
/// The text after the lower end of a range opened by "between": " and 40".
static RANGE_START_AND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^{RANGE_UNIT}\s+and\s+{SIGN}\d")).expect("valid regex")
});
static BETWEEN_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\bbetween\s+{SIGN}$")).expect("valid regex"));
/// The text after a number that is a street address: "6600 block", "123 Main Street", "40 W.
/// Elm Ave.".
static STREET_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\s+block\b|(?:\s+(?:[NSEW]\.?|North|South|East|West))?(?:\s+[A-Z][A-Za-z'.-]*){1,3}\s+(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Place|Pl|Court|Ct|Highway|Hwy|Parkway|Pkwy|Terrace|Circle|Square)\b)",
    )
    .expect("valid regex")
});
/// The text before a number that is the denominator of a rate: "per", "for every", "one in",
/// "3 out of".
static RATE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<&str> = SPELLED.iter().map(|(w, _)| *w).collect();
    Regex::new(&format!(
        r"(?i)(?:\bper|\bevery|(?:\d|\b(?:one|{}))\s+(?:in|out\s+of))\s+$",
        words.join("|")
    ))
    .expect("valid regex")
});

/// Why the number at `start..end` is no figure of its own, one a correct brief would not flag
/// when it alone changes: an end of a range, a street-address number, the denominator of a rate.
fn not_a_figure_of_its_own(text: &str, start: usize, end: usize) -> Option<&'static str> {
    let mut from = start.saturating_sub(80);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = &text[from..start];
    let after = &text[end..];
    if RANGE_END.is_match(before)
        || RANGE_START.is_match(after)
        || BETWEEN_BEFORE.is_match(before) && RANGE_START_AND.is_match(after)
    {
        return Some("range end");
    }
    if STREET_AFTER.is_match(after) {
        return Some("street address");
    }
    if RATE_BEFORE.is_match(before) {
        return Some("rate denominator");
    }
    None
}

/// A number right after a capitalised word or a label word names something ("Flight 103", "Game
/// 2"): no figure to plant.
fn names_before(text: &str, at: usize) -> bool {
    let before = text[..at].strip_suffix(' ').unwrap_or("");
    let word = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    matches!(
        lower.trim_end_matches('.'),
        "flight" | "no" | "number" | "game" | "category" | "route" | "chapter" | "article"
    ) || word.chars().next().is_some_and(char::is_uppercase) && !MONTHS.contains(&lower.as_str())
}

fn is_year(digits: &str) -> bool {
    digits.len() == 4
        && digits
            .parse::<u32>()
            .is_ok_and(|y| (1800..=2100).contains(&y))
}

/// The changed number: a factor clearly outside any hedge or bound, written like the original.
fn changed(occ: &Occurrence, written: &str, up: bool) -> Option<(String, f64)> {
    let factor = match occ.form {
        Form::Age => {
            if up {
                1.3
            } else {
                0.7
            }
        }
        Form::Percent => {
            if up && occ.value <= 60.0 {
                1.5
            } else {
                0.6
            }
        }
        // A count of things stays plural: "two men" becomes "five men", never "one men".
        Form::Digits | Form::Spelled | Form::Hedged if occ.value * 0.4 < 1.5 => 2.5,
        _ => {
            if up {
                2.5
            } else {
                0.4
            }
        }
    };
    let number = occ.value / occ.scale;
    if occ.form == Form::Spelled {
        let new = (number * factor).round().max(1.0);
        if (new - number).abs() < 1.0 {
            return None;
        }
        // Capitalisation as written.
        let mut words = spell(new as u32)?;
        if written.chars().next().is_some_and(char::is_uppercase) {
            let mut chars = words.chars();
            words = chars.next().map_or_else(String::new, |c| {
                c.to_uppercase().collect::<String>() + chars.as_str()
            });
        }
        return Some((words, new));
    }
    let decimals = written.split_once('.').map_or(0, |(_, d)| d.len());
    let new = if decimals == 0 {
        (number * factor).round()
    } else {
        let p = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
        (number * factor * p).round() / p
    };
    if new <= 0.0 || (new - number).abs() < f64::EPSILON {
        return None;
    }
    let mut text = if decimals == 0 {
        format!("{}", new as i64)
    } else {
        format!("{new:.decimals$}")
    };
    if written.contains(',') && decimals == 0 && new >= 1000.0 {
        text = with_commas(new as i64);
    }
    Some((text, new * occ.scale))
}

fn with_commas(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn spell(n: u32) -> Option<String> {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    match n {
        0..=19 => Some(ONES[n as usize].to_string()),
        20..=99 if n.is_multiple_of(10) => Some(TENS[(n / 10) as usize].to_string()),
        20..=99 => Some(format!(
            "{}-{}",
            TENS[(n / 10) as usize],
            ONES[(n % 10) as usize]
        )),
        100..=250 if n.is_multiple_of(100) => Some(format!("{} hundred", ONES[(n / 100) as usize])),
        100..=250 if n.is_multiple_of(10) => Some(format!(
            "{} hundred {}",
            ONES[(n / 100) as usize],
            spell(n % 100)?
        )),
        _ => None,
    }
}

/// Content words (stems) the surroundings of a plant and of its witness must share, the
/// figure's own number and head word left out.
const MIN_SHARED_STEMS: usize = 2;
/// The surroundings: this many words either side of the figure, within its sentence.
const WINDOW_WORDS: usize = 10;
/// A sentence whose content words are this share of another's or more is a copy of it.
const COPY_SHARE: f64 = 0.75;
/// Shared content words (over the sentences) that stand in for a shared name when an age's owner
/// is not named.
const AGE_SHARED_STEMS: usize = 3;

/// Words that carry no content of their own (left out of the shared content words).
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "and",
    "for",
    "with",
    "that",
    "this",
    "these",
    "those",
    "was",
    "were",
    "are",
    "has",
    "have",
    "had",
    "been",
    "being",
    "from",
    "his",
    "her",
    "its",
    "their",
    "our",
    "your",
    "said",
    "says",
    "say",
    "who",
    "whom",
    "whose",
    "which",
    "but",
    "not",
    "than",
    "more",
    "most",
    "about",
    "some",
    "they",
    "them",
    "into",
    "after",
    "before",
    "also",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "does",
    "did",
    "there",
    "then",
    "when",
    "while",
    "where",
    "what",
    "all",
    "any",
    "each",
    "other",
    "such",
    "only",
    "just",
    "very",
    "new",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "per",
    "cent",
    "percent",
    "million",
    "billion",
    "thousand",
    "year",
    "years",
    "old",
    "told",
    "according",
    "over",
    "under",
    "out",
    "you",
    "she",
];
/// Past forms that do not end in "-ed" (and the death words folded into one predicate).
const IRREGULAR_PAST: &[(&str, &str)] = &[
    ("won", "win"),
    ("took", "take"),
    ("made", "make"),
    ("sent", "send"),
    ("paid", "pay"),
    ("gave", "give"),
    ("lost", "lose"),
    ("held", "hold"),
    ("left", "leave"),
    ("got", "get"),
    ("spent", "spend"),
    ("rose", "rise"),
    ("fell", "fall"),
    ("grew", "grow"),
    ("saw", "see"),
    ("brought", "bring"),
    ("bought", "buy"),
    ("sold", "sell"),
    ("found", "find"),
    ("drew", "draw"),
    ("ran", "run"),
    ("became", "become"),
    ("killed", "kill"),
    ("died", "kill"),
];
/// Words skipped between a predicate and the figure it governs ("killed all 212", "won about
/// 40").
const BETWEEN_VERB_AND_FIGURE: &[&str] = &[
    "the",
    "a",
    "an",
    "all",
    "about",
    "some",
    "up",
    "to",
    "only",
    "nearly",
    "more",
    "than",
    "at",
    "least",
    "of",
    "these",
    "those",
    "its",
    "his",
    "her",
    "their",
    "another",
    "just",
    "almost",
    "approximately",
    "around",
    "roughly",
    "over",
    "under",
    "as",
    "many",
    "much",
    "us",
];
/// Capitalised words that name nobody (sentence openers, titles, months, days).
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "He",
    "She",
    "It",
    "They",
    "This",
    "That",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// Abbreviations whose full stop ends no sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "jr",
    "sr", "inc", "corp", "co", "no", "vs", "u.s", "u.n", "jan", "feb", "aug", "sept", "oct", "nov",
    "dec", "rev", "prof", "ft", "mt",
];

/// Whether a full stop (or ! ?) at byte `at` ends a sentence: followed by a space and a capital
/// or a quote (or the end), not after an abbreviation or a single letter.
fn sentence_end_at(text: &str, at: usize) -> bool {
    let after = &text[at + 1..];
    if !(after.is_empty() || after.starts_with([' ', '\t', '\n'])) {
        return false;
    }
    let next = after.trim_start_matches([' ', '\t']).chars().next();
    if !next.is_none_or(|c| c.is_uppercase() || matches!(c, '"' | '\'' | '“' | '\n')) {
        return false;
    }
    let word: String = text[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    word.chars().count() != 1 && !ABBREVIATIONS.contains(&word.as_str())
}

/// The byte range of the sentence holding byte `at` (a line break also ends a sentence).
fn sentence_bounds(text: &str, at: usize) -> (usize, usize) {
    let mut start = 0;
    for (i, c) in text[..at].char_indices().rev() {
        if c == '\n' || matches!(c, '.' | '!' | '?') && sentence_end_at(text, i) {
            start = i + c.len_utf8();
            break;
        }
    }
    let mut end = text.len();
    for (i, c) in text[at..].char_indices() {
        if c == '\n' {
            end = at + i;
            break;
        }
        if matches!(c, '.' | '!' | '?') && sentence_end_at(text, at + i) {
            end = at + i + 1;
            break;
        }
    }
    (start, end)
}

/// A crude stem: possessive and one inflection off, a doubled final consonant and a final "e"
/// dropped ("expelled" and "expels" -> "expel", "raised" and "raise" -> "rais", "killed" ->
/// "kil").
fn crude_stem(word: &str) -> String {
    let mut w = word.to_lowercase();
    w = w.trim_matches(|c| c == '\'' || c == '-').to_string();
    if let Some(x) = w.strip_suffix("'s") {
        w = x.to_string();
    }
    for suffix in ["ing", "ed", "es", "s"] {
        if w.len() >= suffix.len() + 3 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            break;
        }
    }
    let b = w.as_bytes();
    if b.len() >= 4 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiou".contains(&b[b.len() - 1]) {
        w.pop();
    }
    if w.len() >= 4 && w.ends_with('e') {
        w.pop();
    }
    w
}

fn words_of(piece: &str) -> impl Iterator<Item = &str> {
    piece
        .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '-'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '-'))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
}

/// The content stems of a sentence: words of three letters or more, function words left out.
fn content_stems(sentence: &str) -> BTreeSet<String> {
    words_of(sentence)
        .filter(|w| w.chars().count() >= 3 && !FUNCTION_WORDS.contains(&w.to_lowercase().as_str()))
        .map(crude_stem)
        .collect()
}

/// The content stems within [`WINDOW_WORDS`] words either side of the figure at bytes
/// `start..end` of `sentence`.
fn window_stems(sentence: &str, start: usize, end: usize) -> BTreeSet<String> {
    let before: Vec<&str> = words_of(&sentence[..start]).collect();
    let skip = before.len().saturating_sub(WINDOW_WORDS);
    let window = before[skip..]
        .iter()
        .copied()
        .chain(words_of(&sentence[end..]).take(WINDOW_WORDS))
        .collect::<Vec<_>>()
        .join(" ");
    content_stems(&window)
}

/// Capitalised words of a sentence that may name someone.
fn name_words(sentence: &str) -> BTreeSet<String> {
    words_of(sentence)
        .filter(|w| {
            w.chars().count() >= 3
                && w.chars().next().is_some_and(char::is_uppercase)
                && !NOT_NAMES.contains(w)
        })
        .map(str::to_lowercase)
        .collect()
}

/// The predicate stem of a past-tense verb ("-ed" or an irregular past), if `word` is one.
fn past_verb(word: &str) -> Option<String> {
    if !word.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    if let Some((_, base)) = IRREGULAR_PAST.iter().find(|(w, _)| *w == word) {
        return Some(crude_stem(base));
    }
    (word.len() >= 5 && word.ends_with("ed")).then(|| crude_stem(word))
}

/// The past-tense verb right before the figure at byte `at` of `sentence` ("killed all [212]"),
/// skipping determiners and hedges, within its clause.
fn governing_verb(sentence: &str, at: usize) -> Option<String> {
    let before = &sentence[..at];
    let clause = before
        .rfind([',', ';', ':', '(', ')'])
        .map_or(before, |p| &before[p + 1..]);
    let words: Vec<&str> = clause.split_whitespace().collect();
    for (skipped, raw) in words.iter().rev().enumerate() {
        let word = raw.trim_matches(|c: char| !c.is_alphabetic());
        if skipped >= 4 || word.is_empty() {
            return None;
        }
        if BETWEEN_VERB_AND_FIGURE.contains(&word.to_lowercase().as_str()) {
            continue;
        }
        return past_verb(word);
    }
    None
}

/// Why two occurrences with the same number and unit or head word are not one quantity, if they
/// are not. This is the plant script's own reading, independent of the brief's linking:
/// - the words around the two figures ([`WINDOW_WORDS`] either side, within the sentence) share
///   [`MIN_SHARED_STEMS`] content words besides the figure's own head word (what is counted, who
///   did what, where), unless one sentence is a copy of the other ([`COPY_SHARE`]); sharing only
///   topic words further off ("gay", "salmon") is no evidence of one quantity;
/// - an age has its owner named in both sentences (a shared capitalised word), or the two
///   sentences share [`AGE_SHARED_STEMS`] content words ("the 53-year-old father ... chest,
///   stomach and legs");
/// - two figures each right after a past-tense verb have one verb, or each sentence uses the
///   other's: "expelled 14 foreigners" and "arrested 14 foreigners" are two groups.
fn not_one_quantity(
    text: &str,
    occ: &Occurrence,
    other: &str,
    other_occ: &Occurrence,
) -> Option<String> {
    let (s1, e1) = sentence_bounds(text, occ.start);
    let (s2, e2) = sentence_bounds(other, other_occ.start);
    let (a, b) = (&text[s1..e1], &other[s2..e2]);
    let head = match occ.form {
        Form::Digits | Form::Spelled | Form::Hedged => occ.key.rsplit(':').next().map(crude_stem),
        _ => None,
    };
    let without_head = |mut set: BTreeSet<String>| {
        if let Some(h) = &head {
            set.remove(h);
        }
        set
    };
    let (ca, cb) = (
        without_head(content_stems(a)),
        without_head(content_stems(b)),
    );
    if occ.form == Form::Age {
        let shared = ca.intersection(&cb).count();
        if name_words(a).is_disjoint(&name_words(b)) && shared < AGE_SHARED_STEMS {
            return Some(format!("age owner not named in both ({shared} shared)"));
        }
        return None;
    }
    let copy = {
        let shared = ca.intersection(&cb).count() as f64;
        let smaller = ca.len().min(cb.len()).max(1) as f64;
        shared / smaller >= COPY_SHARE
    };
    let near = without_head(window_stems(a, occ.start - s1, occ.end - s1))
        .intersection(&without_head(window_stems(
            b,
            other_occ.start - s2,
            other_occ.end - s2,
        )))
        .count();
    if !copy && near < MIN_SHARED_STEMS {
        return Some(format!("{near} content words shared nearby"));
    }
    if let (Some(va), Some(vb)) = (
        governing_verb(a, occ.start - s1),
        governing_verb(b, other_occ.start - s2),
    ) && va != vb
        && !ca.contains(&vb)
        && !cb.contains(&va)
    {
        return Some(format!("verbs {va} / {vb}"));
    }
    None
}

/// Distinct words (three letters or more, not function words) within 60 bytes either side of an
/// occurrence, the number itself left out.
fn surroundings(text: &str, occ: &Occurrence) -> BTreeSet<String> {
    const FUNCTION: &[&str] = &[
        "the", "and", "for", "with", "that", "this", "was", "were", "are", "has", "have", "had",
        "from", "his", "her", "its", "their", "said", "who", "which", "but", "not", "been", "than",
        "more", "about", "some", "they", "into", "after", "also", "will", "would",
    ];
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(occ.start.saturating_sub(60));
    let end = floor((occ.end + 60).min(text.len()));
    let words = |piece: &str| -> Vec<String> {
        piece
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.len() >= 3)
            .map(str::to_lowercase)
            .filter(|w| !FUNCTION.contains(&w.as_str()))
            .collect()
    };
    let mut out: BTreeSet<String> = words(&text[start..occ.start]).into_iter().collect();
    out.extend(words(&text[occ.end..end]));
    out
}

fn surroundings_shared(text: &str, occ: &Occurrence, other: &str, other_occ: &Occurrence) -> usize {
    surroundings(text, occ)
        .intersection(&surroundings(other, other_occ))
        .count()
}

/// The plants of one cluster.
pub fn plants_for(cluster: &Cluster, rng_seed: u64) -> Vec<Plant> {
    plants_and_rejections(cluster, rng_seed, &mut Vec::new())
}

/// A pair of occurrences rejected as two quantities: the one to change and the witness (article,
/// byte offset), and why.
type Rejection = ((usize, usize), (usize, usize), String);

/// The plants of one cluster, and every pair of occurrences tried and rejected as two quantities
/// (`(changed, witness, reason)`, each occurrence as article and byte offset), for the dump.
fn plants_and_rejections(
    cluster: &Cluster,
    rng_seed: u64,
    rejected: &mut Vec<Rejection>,
) -> Vec<Plant> {
    let mut rng = Rng(rng_seed ^ fnv(&cluster.id));
    let occs: Vec<Occurrence> = cluster
        .articles
        .iter()
        .enumerate()
        .flat_map(|(i, a)| occurrences(i, &a.text))
        .collect();
    let mut by_key: BTreeMap<(Form, String), Vec<&Occurrence>> = BTreeMap::new();
    for occ in &occs {
        by_key
            .entry((occ.form, occ.key.clone()))
            .or_default()
            .push(occ);
    }
    let mut plants = Vec::new();
    for form in Form::ALL {
        let mut keys: Vec<&(Form, String)> = by_key
            .iter()
            .filter(|((f, _), list)| {
                *f == form
                    && list
                        .iter()
                        .map(|o| o.article)
                        .collect::<BTreeSet<_>>()
                        .len()
                        >= 2
            })
            .map(|(k, _)| k)
            .collect();
        // Seeded shuffle.
        for i in (1..keys.len()).rev() {
            keys.swap(i, rng.below(i + 1));
        }
        for key in keys.into_iter().take(PER_CLUSTER_FORM) {
            let list = &by_key[key];
            let mut per_article: BTreeMap<usize, Vec<&Occurrence>> = BTreeMap::new();
            for occ in list {
                per_article.entry(occ.article).or_default().push(occ);
            }
            // Prefer an article that writes the figure once.
            let once: Vec<usize> = per_article
                .iter()
                .filter(|(_, v)| v.len() == 1)
                .map(|(a, _)| *a)
                .collect();
            let candidates: Vec<usize> = if once.is_empty() {
                per_article.keys().copied().collect()
            } else {
                once
            };
            // The changed occurrence: a seeded choice among the candidates, each tried in turn
            // until one has a witness in another article that is the same quantity.
            let first = rng.below(candidates.len());
            let up = rng.below(2) == 0;
            let Some((occ, witness)) = (0..candidates.len()).find_map(|k| {
                let article = candidates[(first + k) % candidates.len()];
                let occ = per_article[&article][0];
                let text = &cluster.articles[article].text;
                list.iter()
                    .filter(|o| o.article != article)
                    .filter(|o| {
                        match not_one_quantity(text, occ, &cluster.articles[o.article].text, o) {
                            None => true,
                            Some(why) => {
                                rejected.push((
                                    (occ.article, occ.start),
                                    (o.article, o.start),
                                    why,
                                ));
                                false
                            }
                        }
                    })
                    .max_by_key(|o| {
                        let other = &cluster.articles[o.article].text;
                        (
                            surroundings_shared(text, occ, other, o),
                            std::cmp::Reverse((o.article, o.start)),
                        )
                    })
                    .map(|w| (occ, *w))
            }) else {
                continue;
            };
            let article = occ.article;
            let text = &cluster.articles[article].text;
            let written = &text[occ.start..occ.end];
            let Some((new_text, new_value)) = changed(occ, written, up) else {
                continue;
            };
            plants.push(Plant {
                cluster: cluster.id.clone(),
                form,
                article,
                start: occ.start,
                end: occ.end,
                old_text: written.to_string(),
                new_text,
                old_value: occ.value,
                new_value,
                witness: (witness.article, witness.start),
            });
        }
    }
    plants
}

fn fnv(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A slice of one data file: `(file, skip, take, id suffix)`; `skip` and `take` count the clusters
/// whose id has the suffix.
type SetSlice = (&'static str, usize, usize, Option<&'static str>);

/// The evaluation clusters (split into tune and holdout by id): every WikiNews and DUC 2003
/// cluster, the first set of the first DUC 2007 update topics, the first DUC 2006 topics, the
/// first Multi-News dev clusters, and the seed cluster.
const EVAL_SETS: [SetSlice; 5] = [
    ("tac2011_multiling_en.jsonl", 0, 10, None),
    ("duc2003_task2.jsonl", 0, 30, None),
    ("duc2007_update.jsonl", 0, 8, Some("-A")),
    ("duc2006.jsonl", 0, 4, None),
    ("multinews_full_dev.jsonl", 0, 20, None),
];

/// The second tuning set (part `tune2`), every cluster of it tuned on: clusters of the same
/// files that the evaluation set leaves out, so that rules meet more unchanged news than the tune
/// half of the evaluation set holds.
const TUNE2_SETS: [SetSlice; 3] = [
    ("duc2006.jsonl", 4, 30, None),
    ("duc2007_update.jsonl", 8, 2, Some("-A")),
    ("multinews_full_dev.jsonl", 20, 40, None),
];

/// The third tuning set (part `tune3`), fixed before its text or the brief's output on it was
/// read, to measure the rules fitted to tune and tune2 on news they were not fitted to: of the
/// clusters of these files that no other part holds (DUC 2006 beyond its first 34 topics,
/// Multi-News dev beyond its first 60 clusters), every one in the tune part
/// (`Subset::Tune` on the cluster id): 7 DUC 2006 topics and 21 Multi-News dev clusters.
const TUNE3_SETS: [SetSlice; 2] = [
    ("duc2006.jsonl", 34, usize::MAX, None),
    ("multinews_full_dev.jsonl", 60, usize::MAX, None),
];

/// The fourth tuning set (part `tune4`), fixed and committed before its text or the brief's
/// output on it was read, to measure the rules fitted to tune, tune2 and tune3 on news they were
/// not fitted to: of the clusters no other part holds, every one in the tune part (`Subset::Tune`
/// on the cluster id) of Multi-News sample100 (web text) and of the DUC 2007 update B and C sets
/// (wire text), these last only when their topic's A set (the id before `-B`/`-C`, with `-A`) is
/// no holdout cluster of the evaluation set.
const TUNE4_SETS: [SetSlice; 3] = [
    ("multinews_full_sample100.jsonl", 0, usize::MAX, None),
    ("duc2007_update.jsonl", 0, usize::MAX, Some("-B")),
    ("duc2007_update.jsonl", 0, usize::MAX, Some("-C")),
];

/// The fifth tuning set (part `tune5`), fixed and committed before its text or the brief's output
/// on it was read, to measure the rules fitted to tune to tune4 on news they were not fitted to.
/// Every cluster of the summarization files is held by another part but those of the Multi-News
/// validation split (`multinews_trunc_val.jsonl`: sources truncated to about 500 tokens in all and
/// lower-cased): every cluster of the tune part (`Subset::Tune` on the cluster id) with two or
/// more non-empty documents that shares no run of ten words (lower-cased, split at white space)
/// with any article of a holdout cluster of the evaluation set (2,643 clusters). The rule first
/// took the first 100 such clusters; their brief raised no flag and no plant could be made in
/// them (truncated sources rarely repeat a figure), so it was widened to all of them before any
/// of their text or per-cluster output was read.
const TUNE5_FILE: &str = "multinews_trunc_val.jsonl";

/// The evaluation clusters of [`EVAL_SETS`] and the seed cluster. Publication dates come from the
/// data's `doc_dates`, else from a DUC document id.
pub fn load_clusters(shared: &Path) -> Result<Vec<Cluster>, String> {
    let mut clusters = load_sets(shared, &EVAL_SETS)?;
    let seeds = shared.join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(&seeds)
        .map_err(|e| format!("{}: {e}", seeds.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut articles = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        articles.push(Article {
            origin: format!("seeds#{i}"),
            text,
            ..Article::default()
        });
    }
    if !articles.is_empty() {
        clusters.push(Cluster {
            id: "seeds".to_string(),
            articles,
        });
    }
    Ok(clusters)
}

/// The clusters of the tune2 part ([`TUNE2_SETS`]).
pub fn load_tune2(shared: &Path) -> Result<Vec<Cluster>, String> {
    load_sets(shared, &TUNE2_SETS)
}

/// The clusters of the tune3 part ([`TUNE3_SETS`], tune-part ids only).
pub fn load_tune3(shared: &Path) -> Result<Vec<Cluster>, String> {
    Ok(load_sets(shared, &TUNE3_SETS)?
        .into_iter()
        .filter(|c| Subset::Tune.contains(&c.id))
        .collect())
}

/// The clusters of the tune4 part ([`TUNE4_SETS`], tune-part ids only, no DUC 2007 set whose
/// topic's A set is a holdout cluster of the evaluation set).
pub fn load_tune4(shared: &Path) -> Result<Vec<Cluster>, String> {
    let holdout: BTreeSet<String> = load_sets(shared, &EVAL_SETS)?
        .into_iter()
        .map(|c| c.id)
        .filter(|id| Subset::Holdout.contains(id))
        .collect();
    Ok(load_sets(shared, &TUNE4_SETS)?
        .into_iter()
        .filter(|c| Subset::Tune.contains(&c.id))
        .filter(|c| {
            let topic = c.id.strip_suffix("-B").or_else(|| c.id.strip_suffix("-C"));
            topic.is_none_or(|t| !holdout.contains(&format!("{t}-A")))
        })
        .collect())
}

/// The clusters of the tune5 part ([`TUNE5_FILE`]).
pub fn load_tune5(shared: &Path) -> Result<Vec<Cluster>, String> {
    fn runs(text: &str) -> impl Iterator<Item = u64> + '_ {
        let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        (0..words.len().saturating_sub(9)).map(move |i| fnv(&words[i..i + 10].join(" ")))
    }
    let holdout: BTreeSet<u64> = load_sets(shared, &EVAL_SETS)?
        .iter()
        .filter(|c| Subset::Holdout.contains(&c.id))
        .flat_map(|c| {
            c.articles
                .iter()
                .flat_map(|a| runs(&a.text).collect::<Vec<_>>())
        })
        .collect();
    Ok(load_sets(shared, &[(TUNE5_FILE, 0, usize::MAX, None)])?
        .into_iter()
        .filter(|c| Subset::Tune.contains(&c.id))
        .filter(|c| {
            c.articles
                .iter()
                .filter(|a| !a.text.trim().is_empty())
                .count()
                >= 2
        })
        .filter(|c| {
            !c.articles
                .iter()
                .any(|a| runs(&a.text).any(|r| holdout.contains(&r)))
        })
        .collect())
}

fn load_sets(shared: &Path, sets: &[SetSlice]) -> Result<Vec<Cluster>, String> {
    let mut clusters = Vec::new();
    for &(file, skip, limit, suffix) in sets {
        let path = shared.join("eval").join(file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e} (pass --shared)", path.display()))?;
        let (mut seen, mut taken) = (0, 0);
        for (line_no, line) in text.lines().enumerate() {
            if taken >= limit {
                break;
            }
            if line.trim().is_empty() {
                continue;
            }
            let value: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| format!("{} line {}: {e}", path.display(), line_no + 1))?;
            let id = match &value["id"] {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if suffix.is_some_and(|s| !id.ends_with(s)) {
                continue;
            }
            seen += 1;
            if seen <= skip {
                continue;
            }
            let empty = Vec::new();
            let docs = value["documents"].as_array().unwrap_or(&empty);
            let dates = value["doc_dates"].as_array();
            let doc_ids = value["doc_ids"].as_array();
            let articles = docs
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let published = dates
                        .and_then(|d| d.get(i))
                        .and_then(|d| d.as_str())
                        .and_then(|d| d.get(..10))
                        .map(str::to_string)
                        .or_else(|| {
                            doc_ids
                                .and_then(|d| d.get(i))
                                .and_then(|d| d.as_str())
                                .and_then(date_of_doc_id)
                        });
                    Article {
                        origin: format!("{id}#{i}"),
                        text: d.as_str().unwrap_or("").to_string(),
                        published,
                        ..Article::default()
                    }
                })
                .collect();
            clusters.push(Cluster { id, articles });
            taken += 1;
        }
    }
    Ok(clusters)
}

/// "APW19981017.0151" -> "1998-10-17".
fn date_of_doc_id(id: &str) -> Option<String> {
    let start = id.find(|c: char| c.is_ascii_digit())?;
    let digits = id.get(start..start + 8)?;
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(format!(
        "{}-{}-{}",
        &digits[..4],
        &digits[4..6],
        &digits[6..8]
    ))
}

/// One flag as the harness compares it: a disagreement with its values and their articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    /// What it measures.
    pub measure: String,
    /// (value, articles) pairs, sorted by value.
    pub values: Vec<(f64, Vec<usize>)>,
    /// `disagree` or `update`.
    pub status: String,
}

impl Flag {
    /// `value@a,b;value@c`, articles numbered from 0: the key of a judgement.
    pub fn signature(&self) -> String {
        self.values
            .iter()
            .map(|(v, arts)| {
                let arts: Vec<String> = arts.iter().map(ToString::to_string).collect();
                format!("{}@{}", fmt(*v), arts.join(","))
            })
            .collect::<Vec<_>>()
            .join(";")
    }
}

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn prepare_brief(cluster: &Cluster, summary: &[(usize, usize)]) -> Brief {
    let cleaned: Vec<_> = cluster
        .articles
        .iter()
        .map(|a| newsfuse::clean::clean(&a.text))
        .collect();
    let segmented: Vec<_> = cluster
        .articles
        .iter()
        .zip(&cleaned)
        .map(|(a, c)| newsfuse::segment::segment(&a.text, c))
        .collect();
    build_brief(cluster, &cleaned, &segmented, summary)
}

/// The flags of a brief: quantities with status `disagree` or `update` (both tell the reader two
/// reports differ, so both are judged).
pub fn flags(brief: &Brief) -> Vec<Flag> {
    brief
        .figures
        .disagreements
        .iter()
        .chain(&brief.figures.updates)
        .filter_map(|&q| brief.figures.quantities.get(q))
        .map(|quantity| {
            let mut values: Vec<(f64, Vec<usize>)> = quantity
                .values
                .iter()
                .map(|v| {
                    let mut arts = v.articles.clone();
                    arts.sort_unstable();
                    (v.value, arts)
                })
                .collect();
            values.sort_by(|a, b| a.0.total_cmp(&b.0));
            Flag {
                measure: quantity.measure.clone(),
                values,
                status: quantity.status.clone(),
            }
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// Whether the brief reports the plant: a quantity (disagreement or update) with the new value in
/// the changed article and the old value in another one.
fn found(brief: &Brief, plant: &Plant) -> bool {
    brief.figures.quantities.iter().any(|q| {
        q.status != "agree"
            && q.values
                .iter()
                .any(|v| close(v.value, plant.new_value) && v.articles.contains(&plant.article))
            && q.values.iter().any(|v| {
                close(v.value, plant.old_value) && v.articles.iter().any(|&a| a != plant.article)
            })
    })
}

/// Whether a flag holds the planted value in the changed article.
fn holds_plant(flag: &Flag, plant: &Plant) -> bool {
    flag.values
        .iter()
        .any(|(v, arts)| close(*v, plant.new_value) && arts.contains(&plant.article))
}

/// Whether a flag holding a plant is a flag of the unchanged cluster judged true with the plant
/// added: its values other than the planted one are those of such a flag, the original value
/// among them (a price given as $10,000 and "up to $11,000", the plant a third value of it).
fn extends_true_flag(
    flag: &Flag,
    plant: &Plant,
    baseline: &[Flag],
    verdicts: &HashMap<String, Option<bool>>,
) -> bool {
    let others: Vec<f64> = flag
        .values
        .iter()
        .filter(|(v, arts)| !(close(*v, plant.new_value) && arts == &vec![plant.article]))
        .map(|(v, _)| *v)
        .collect();
    baseline.iter().any(|b| {
        verdicts.get(&b.signature()) == Some(&Some(true))
            && b.values.len() == others.len()
            && b.values.iter().any(|(v, _)| close(*v, plant.old_value))
            && others
                .iter()
                .all(|o| b.values.iter().any(|(v, _)| close(*v, *o)))
    })
}

/// A hand judgement of one flag on an unchanged cluster, or of a flag on a planted cluster that
/// the plant alone does not settle.
#[derive(Debug, Clone)]
pub struct Judgement {
    /// Cluster id.
    pub cluster: String,
    /// [`Flag::signature`].
    pub signature: String,
    /// True when the flag is a real disagreement about one quantity measured the same way.
    pub verdict: bool,
}

/// Reads `cluster<TAB>signature<TAB>measure<TAB>true|false<TAB>reason` lines (`#` comments).
pub fn parse_judgements(text: &str) -> Result<Vec<Judgement>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 {
            return Err(format!(
                "line {}: expected cluster, signature, measure, verdict, reason",
                i + 1
            ));
        }
        let verdict = match cols[3].trim() {
            "true" => true,
            "false" => false,
            other => {
                return Err(format!(
                    "line {}: verdict {other:?} is not true/false",
                    i + 1
                ));
            }
        };
        out.push(Judgement {
            cluster: cols[0].trim().to_string(),
            signature: cols[1].trim().to_string(),
            verdict,
        });
    }
    Ok(out)
}

/// Per-part tallies.
#[derive(Default, Clone)]
struct Tally {
    hits: BTreeMap<Form, (usize, usize)>,
    flags_true: usize,
    flags: usize,
    unchanged_true: usize,
    unchanged: usize,
    planted_true: usize,
    planted: usize,
    unjudged: usize,
    updates: usize,
    support_wrong: usize,
    support_n: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        for (form, (k, n)) in &other.hits {
            let e = self.hits.entry(*form).or_default();
            e.0 += k;
            e.1 += n;
        }
        self.flags_true += other.flags_true;
        self.flags += other.flags;
        self.unchanged_true += other.unchanged_true;
        self.unchanged += other.unchanged;
        self.planted_true += other.planted_true;
        self.planted += other.planted;
        self.unjudged += other.unjudged;
        self.updates += other.updates;
        self.support_wrong += other.support_wrong;
        self.support_n += other.support_n;
    }
}

/// The sentence index holding byte `at` of an article.
fn sentence_at(brief_cluster: &Cluster, article: usize, at: usize) -> Option<usize> {
    let text = &brief_cluster.articles.get(article)?.text;
    let clean = newsfuse::clean::clean(text);
    let segmented = newsfuse::segment::segment(text, &clean);
    segmented
        .sentences
        .iter()
        .position(|s| s.span.start <= at && at < s.span.end)
}

/// The sentences behind a flag, for the person judging it (written only to the dump file, never
/// to the repository).
fn write_context(dump: &mut String, brief: &Brief, flag: &Flag) {
    let Some(quantity) = brief
        .figures
        .disagreements
        .iter()
        .chain(&brief.figures.updates)
        .find_map(|&q| {
            let quantity = brief.figures.quantities.get(q)?;
            (quantity.measure == flag.measure
                && quantity.values.len() == flag.values.len()
                && quantity
                    .values
                    .iter()
                    .all(|v| flag.values.iter().any(|(x, _)| close(*x, v.value))))
            .then_some(quantity)
        })
    else {
        return;
    };
    for v in &quantity.values {
        for &m in &v.mentions {
            if let Some(mention) = brief.figures.mentions.get(m) {
                let _ = writeln!(
                    dump,
                    "    [{}] {} <{}> :: {}",
                    mention.excerpt.article,
                    fmt(v.value),
                    mention.excerpt.text,
                    mention.sentence.text.replace('\n', " ")
                );
            }
        }
    }
}

/// Evaluates one cluster: its unchanged flags, then every plant.
fn evaluate_cluster(
    cluster: &Cluster,
    tune: bool,
    judgements: &HashMap<(String, String), bool>,
    dump: &mut String,
) -> Tally {
    let mut tally = Tally::default();
    let baseline_brief = prepare_brief(cluster, &[]);
    let baseline = flags(&baseline_brief);
    let baseline_sigs: HashMap<String, Option<bool>> = baseline
        .iter()
        .map(|f| {
            let sig = f.signature();
            let verdict = judgements.get(&(cluster.id.clone(), sig.clone())).copied();
            (sig, verdict)
        })
        .collect();
    // Every unchanged flag with its context, for the tune parts only (holdout flags are not read
    // when deciding rules; an unjudged one is listed below either way).
    for flag in &baseline {
        let sig = flag.signature();
        if tune {
            let verdict = match baseline_sigs[&sig] {
                Some(true) => "true",
                Some(false) => "false",
                None => "unjudged",
            };
            let _ = writeln!(
                dump,
                "FLAG\t{}\t{sig}\t{}\t{verdict}\t{}",
                cluster.id, flag.measure, flag.status
            );
            write_context(dump, &baseline_brief, flag);
        }
        tally.flags += 1;
        tally.unchanged += 1;
        match baseline_sigs[&sig] {
            Some(true) => {
                tally.flags_true += 1;
                tally.unchanged_true += 1;
            }
            Some(false) => {}
            None => {
                tally.unjudged += 1;
                let _ = writeln!(dump, "UNJUDGED\t{}\t{sig}\t{}", cluster.id, flag.measure);
                write_context(dump, &baseline_brief, flag);
            }
        }
    }
    let mut rejected = Vec::new();
    let plants = plants_and_rejections(cluster, SEED, &mut rejected);
    for ((a, at), (w, wat), why) in &rejected {
        let _ = writeln!(
            dump,
            "REJECTED\t{}\tart {a} at {at}\twitness art {w} at {wat}\t{why}",
            cluster.id
        );
    }
    let results: Vec<(Plant, Tally, String)> = plants
        .into_par_iter()
        .map(|plant| {
            let mut local = Tally::default();
            let mut note = String::new();
            let mut changed = cluster.clone();
            let text = &mut changed.articles[plant.article].text;
            text.replace_range(plant.start..plant.end, &plant.new_text);
            let summary: Vec<(usize, usize)> =
                sentence_at(&changed, plant.witness.0, plant.witness.1)
                    .map(|s| vec![(plant.witness.0, s)])
                    .unwrap_or_default();
            let brief = prepare_brief(&changed, &summary);
            let hit = found(&brief, &plant);
            let e = local.hits.entry(plant.form).or_default();
            e.1 += 1;
            if hit {
                e.0 += 1;
                if brief.figures.quantities.iter().any(|q| {
                    q.status == "update" && q.values.iter().any(|v| close(v.value, plant.new_value))
                }) {
                    local.updates += 1;
                }
            }
            let _ = writeln!(
                note,
                "PLANT\t{}\t{}\t{}\t{}->{}\tart {} at {}\t{}\twitness art {} at {}",
                plant.cluster,
                plant.form.name(),
                if hit { "hit" } else { "MISS" },
                plant.old_text,
                plant.new_text,
                plant.article,
                plant.start,
                fmt(plant.old_value),
                plant.witness.0,
                plant.witness.1
            );
            if !hit {
                let at = |article: usize, offset: usize| {
                    brief.figures.mentions.iter().find(|m| {
                        m.excerpt.article == article
                            && m.excerpt.span.start <= offset
                            && offset < m.excerpt.span.end.max(m.excerpt.span.start + 1)
                    })
                };
                for (label, article, offset) in [
                    ("changed", plant.article, plant.start),
                    ("witness", plant.witness.0, plant.witness.1),
                ] {
                    match at(article, offset) {
                        Some(m) => {
                            let _ = writeln!(
                                note,
                                "    {label} [{article}] <{}> {} {} q={:?} :: {}",
                                m.excerpt.text,
                                m.kind,
                                m.measure,
                                m.quantity.map(|q| &brief.figures.quantities[q].status),
                                m.sentence.text.replace('\n', " ")
                            );
                        }
                        None => {
                            let _ = writeln!(note, "    {label} [{article}] not extracted");
                        }
                    }
                }
            }
            // Support: the witness sentence is the summary sentence.
            if let Some(sentence) = brief.summary.first() {
                local.support_n += 1;
                if let Some(by_changed) = sentence
                    .support
                    .iter()
                    .find(|s| s.excerpt.article == plant.article)
                {
                    local.support_wrong += 1;
                    let _ = writeln!(
                        note,
                        "SUPPORTWRONG\t{}\tart {} at {}\n    summary :: {}\n    support :: {}",
                        plant.cluster,
                        plant.article,
                        plant.start,
                        sentence.excerpt.text.replace('\n', " "),
                        by_changed.excerpt.text.replace('\n', " ")
                    );
                }
            }
            for flag in flags(&brief) {
                let sig = flag.signature();
                if holds_plant(&flag, &plant) {
                    local.flags += 1;
                    local.planted += 1;
                    let others_old = flag.values.iter().all(|(v, arts)| {
                        close(*v, plant.new_value) && arts == &vec![plant.article]
                            || close(*v, plant.old_value)
                    });
                    let judged = judgements.get(&(cluster.id.clone(), sig.clone())).copied();
                    if others_old
                        || judged == Some(true)
                        || judged.is_none()
                            && extends_true_flag(&flag, &plant, &baseline, &baseline_sigs)
                    {
                        local.flags_true += 1;
                        local.planted_true += 1;
                    } else {
                        let _ = writeln!(
                            note,
                            "PLANTFALSE\t{}\t{sig}\t{}",
                            plant.cluster, flag.measure
                        );
                        write_context(&mut note, &brief, &flag);
                    }
                } else if !baseline_sigs.contains_key(&sig) {
                    // A new flag the plant caused elsewhere: false, unless judged true by reading
                    // (sources that already disagreed, a group the plant no longer breaks up).
                    local.flags += 1;
                    local.planted += 1;
                    if judgements.get(&(cluster.id.clone(), sig.clone())) == Some(&true) {
                        local.flags_true += 1;
                        local.planted_true += 1;
                        continue;
                    }
                    let _ = writeln!(note, "NEWFALSE\t{}\t{sig}\t{}", plant.cluster, flag.measure);
                    write_context(&mut note, &brief, &flag);
                }
            }
            (plant, local, note)
        })
        .collect();
    for (_, local, note) in results {
        tally.add(&local);
        dump.push_str(&note);
    }
    tally
}

/// Runs this part of the brief evaluation.
pub fn run(config: &BriefEvalConfig) -> Result<Vec<Figure>, String> {
    let mut judgements: HashMap<(String, String), bool> = HashMap::new();
    for file in [
        JUDGEMENTS_FILE,
        TUNE2_JUDGEMENTS_FILE,
        TUNE3_JUDGEMENTS_FILE,
        TUNE4_JUDGEMENTS_FILE,
        TUNE5_JUDGEMENTS_FILE,
    ] {
        let path = config.labels.join(file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e} (the hand judgements of flags)", path.display()))?;
        judgements.extend(
            parse_judgements(&text)
                .map_err(|e| format!("{file}: {e}"))?
                .into_iter()
                .map(|j| ((j.cluster, j.signature), j.verdict)),
        );
    }
    let clusters: Vec<(Part, Cluster)> = load_clusters(&config.shared)?
        .into_iter()
        .map(|c| {
            let part = if Subset::Tune.contains(&c.id) {
                Part::Tune
            } else {
                Part::Holdout
            };
            (part, c)
        })
        .chain(
            load_tune2(&config.shared)?
                .into_iter()
                .map(|c| (Part::Tune2, c)),
        )
        .chain(
            load_tune3(&config.shared)?
                .into_iter()
                .map(|c| (Part::Tune3, c)),
        )
        .chain(
            load_tune4(&config.shared)?
                .into_iter()
                .map(|c| (Part::Tune4, c)),
        )
        .chain(
            load_tune5(&config.shared)?
                .into_iter()
                .map(|c| (Part::Tune5, c)),
        )
        .collect();
    let results: Vec<(Part, Tally, String)> = clusters
        .par_iter()
        .map(|(part, cluster)| {
            // Each cluster's block opens with its part, so a reader can leave holdout out.
            let mut dump = format!("CLUSTER\t{}\t{}\n", part.name(), cluster.id);
            let tally = evaluate_cluster(cluster, *part != Part::Holdout, &judgements, &mut dump);
            (*part, tally, dump)
        })
        .collect();
    let (mut tune, mut holdout, mut tune2, mut tune3, mut tune4, mut tune5) = (
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
    );
    let mut dump = String::new();
    for (part, tally, d) in &results {
        match part {
            Part::Tune => tune.add(tally),
            Part::Tune2 => tune2.add(tally),
            Part::Tune3 => tune3.add(tally),
            Part::Tune4 => tune4.add(tally),
            Part::Tune5 => tune5.add(tally),
            _ => holdout.add(tally),
        }
        dump.push_str(d);
    }
    if let Ok(out) = std::env::var("NEWSFUSE_DISAGREEMENTS_DUMP") {
        std::fs::write(&out, &dump).map_err(|e| format!("{out}: {e}"))?;
    }
    let mut all = tune.clone();
    all.add(&holdout);
    let mut figures = Vec::new();
    for (part, t) in [
        (Part::Tune, &tune),
        (Part::Holdout, &holdout),
        (Part::All, &all),
        (Part::Tune2, &tune2),
        (Part::Tune3, &tune3),
        (Part::Tune4, &tune4),
        (Part::Tune5, &tune5),
    ] {
        let (mut k_all, mut n_all) = (0, 0);
        for form in Form::ALL {
            let (k, n) = t.hits.get(&form).copied().unwrap_or_default();
            k_all += k;
            n_all += n;
            figures.push(Figure::proportion(
                1,
                &format!("disagreements.recall.{}", form.name()),
                part,
                k,
                n,
            ));
        }
        figures.push(Figure::proportion(
            1,
            "disagreements.recall",
            part,
            k_all,
            n_all,
        ));
        figures.push(
            Figure::proportion(1, "disagreements.found_as_update", part, t.updates, k_all)
                .lower_is_better(),
        );
        figures.push(Figure::proportion(
            1,
            "disagreements.precision",
            part,
            t.flags_true,
            t.flags,
        ));
        figures.push(Figure::proportion(
            1,
            "disagreements.precision.unchanged",
            part,
            t.unchanged_true,
            t.unchanged,
        ));
        figures.push(Figure::proportion(
            1,
            "disagreements.precision.planted",
            part,
            t.planted_true,
            t.planted,
        ));
        figures.push(
            Figure::proportion(1, "disagreements.unjudged", part, t.unjudged, t.unchanged)
                .lower_is_better(),
        );
        figures.push(
            Figure::proportion(
                5,
                "disagreements.different_figure_supports",
                part,
                t.support_wrong,
                t.support_n,
            )
            .lower_is_better(),
        );
    }
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(texts: &[&str]) -> Cluster {
        Cluster {
            id: "t".to_string(),
            articles: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Article {
                    origin: format!("t#{i}"),
                    text: (*t).to_string(),
                    ..Article::default()
                })
                .collect(),
        }
    }

    #[test]
    fn trillions_are_read_with_their_scale() {
        let keys: Vec<String> = occurrences(0, "Congress passed a $2 trillion budget.")
            .into_iter()
            .map(|o| o.key)
            .collect();
        assert!(
            keys.contains(&"money:2000000000000:USD".to_string()),
            "{keys:?}"
        );
    }

    #[test]
    fn occurrences_take_each_form_once() {
        let text = "The storm killed 212 people and cost $2.5 million, or 40 dlrs a head. \
                    Some 45 percent of homes, about 300 buildings, were hit; four men died. \
                    Smith, 67, said the 82-year-old was safe. A ship carried 70,000 pounds of cargo.";
        let forms: Vec<(Form, String)> = occurrences(0, text)
            .into_iter()
            .map(|o| (o.form, o.key))
            .collect();
        let has = |f: Form, k: &str| forms.iter().any(|(g, key)| *g == f && key == k);
        assert!(has(Form::Digits, "digits:212:people"), "{forms:?}");
        assert!(has(Form::Money, "money:2500000:USD"), "{forms:?}");
        assert!(has(Form::Money, "money:40:USD"), "{forms:?}");
        assert!(has(Form::Percent, "percent:45"), "{forms:?}");
        assert!(has(Form::Hedged, "hedged:300:buildings"), "{forms:?}");
        assert!(has(Form::Spelled, "spelled:4:men"), "{forms:?}");
        assert!(has(Form::Age, "age:67"), "{forms:?}");
        assert!(has(Form::Age, "age:82"), "{forms:?}");
        assert!(
            !forms.iter().any(|(_, k)| k.starts_with("money:70000")),
            "{forms:?}"
        );
    }

    #[test]
    fn plants_are_deterministic_and_change_one_occurrence() {
        let c = cluster(&[
            "The quake killed 212 people. Four men were rescued from the hotel.",
            "Officials said the quake killed 212 people. Four men were rescued from the hotel.",
        ]);
        let a = plants_for(&c, SEED);
        let b = plants_for(&c, SEED);
        assert_eq!(a.len(), 2, "{a:?}");
        assert_eq!(
            a.iter().map(|p| &p.new_text).collect::<Vec<_>>(),
            b.iter().map(|p| &p.new_text).collect::<Vec<_>>()
        );
        for p in &a {
            assert_ne!(p.old_value, p.new_value);
            let ratio = p.new_value / p.old_value;
            assert!(!(0.5..=2.0).contains(&ratio), "{p:?}");
        }
    }

    /// The occurrence of `key` in `text`.
    fn occ(article: usize, text: &str, key: &str) -> Occurrence {
        occurrences(article, text)
            .into_iter()
            .find(|o| o.key == key)
            .unwrap_or_else(|| panic!("{key} not in {text}"))
    }

    fn one_quantity(a: &str, b: &str, key: &str) -> Option<String> {
        not_one_quantity(a, &occ(0, a, key), b, &occ(1, b, key))
    }

    #[test]
    fn one_quantity_told_two_ways_is_kept() {
        // Another predicate, but what happened and where is shared.
        let a = "The quake killed 212 people in the northern province on Monday.";
        let b = "Officials said 212 people died in the northern province.";
        assert_eq!(one_quantity(a, b, "digits:212:people"), None);
        let a = "Romanians have raised the equivalent of 395,000 euro in a telethon.";
        let b = "Officials said the 395,000 euro raised by the telethon will buy tents.";
        assert_eq!(one_quantity(a, b, "digits:395000:euro"), None);
    }

    #[test]
    fn two_quantities_written_alike_are_rejected() {
        // Two predicates, each right before the figure: two groups.
        let a = "Tanzania expelled 14 foreigners questioned over the embassy bombing.";
        let b = "Police arrested 14 foreigners over the embassy bombing.";
        let why = one_quantity(a, b, "digits:14:foreigners").expect("two quantities");
        assert!(why.contains("verbs"), "{why}");
        // Nothing in common but the figure and its head word.
        let a = "The school enrolled 40 students this autumn.";
        let b = "A bus carrying 40 students overturned near the border.";
        let why = one_quantity(a, b, "digits:40:students").expect("two quantities");
        assert!(why.contains("content words"), "{why}");
        // Words in common, but only topic words far from the figures.
        let a = "Frank is one of two openly gay members of Congress in Washington today, and he \
                 has long argued in public that sexual orientation is not chosen.";
        let b = "Texas has two openly gay candidates for the House this year, and both say that \
                 sexual orientation is not chosen.";
        let why = one_quantity(a, b, "spelled:2:openly").expect("two quantities");
        assert!(why.contains("nearby"), "{why}");
        // A copied sentence is one quantity however short.
        let a = "The Smiths have three boys.";
        assert_eq!(one_quantity(a, a, "spelled:3:boys"), None);
        // A share of one thing and the same share of another.
        let a = "About 80 percent of eligible voters cast ballots in the election.";
        let b = "More than 80 percent of the residents speak French.";
        assert!(one_quantity(a, b, "percent:80").is_some());
    }

    #[test]
    fn ages_need_one_owner() {
        let a = "Gilberto da Silva, 40, owns an ice cream parlor.";
        let b = "Da Silva, 40, expected the adjustments to hurt him.";
        assert_eq!(one_quantity(a, b, "age:40"), None);
        let a = "Her 14-year-old son was pulled out of school.";
        let b = "A 14-year-old student laughed at the joke.";
        assert!(one_quantity(a, b, "age:14").is_some());
    }

    #[test]
    fn plants_pick_a_witness_that_is_the_same_quantity() {
        // Article 1 gives "14 foreigners" twice: as arrested (another group) and as expelled; the
        // witness must be the expelled one, whichever article is changed.
        let c = cluster(&[
            "Tanzania expelled 14 foreigners questioned over the embassy bombing.",
            "Police arrested 14 foreigners in Nairobi on Friday. \
             Officials said Tanzania expelled 14 foreigners over the embassy bombing.",
        ]);
        let plants = plants_for(&c, SEED);
        assert_eq!(plants.len(), 1, "{plants:?}");
        let p = &plants[0];
        let (w_article, w_at) = p.witness;
        let w_text = &c.articles[w_article].text;
        let (s, e) = sentence_bounds(w_text, w_at);
        assert!(w_text[s..e].contains("expelled"), "{}", &w_text[s..e]);
        // No witness at all: no plant.
        let c = cluster(&[
            "Tanzania expelled 14 foreigners questioned over the embassy bombing.",
            "Police arrested 14 foreigners over the embassy bombing.",
        ]);
        assert!(plants_for(&c, SEED).is_empty());
    }

    #[test]
    fn sentences_stems_and_verbs() {
        let text = "Mr. Smith flew to the U.S. Army base. He said 212 people died.\nNext line.";
        let at = text.find("212").unwrap();
        let (s, e) = sentence_bounds(text, at);
        assert_eq!(&text[s..e], " He said 212 people died.");
        let (s, e) = sentence_bounds(text, text.find("Army").unwrap());
        assert_eq!(&text[s..e], "Mr. Smith flew to the U.S. Army base.");
        assert_eq!(crude_stem("expelled"), crude_stem("expel"));
        assert_eq!(crude_stem("raised"), crude_stem("raise"));
        assert_eq!(crude_stem("killing"), crude_stem("killed"));
        let sentence = "The blast killed all 212 people.";
        assert_eq!(
            governing_verb(sentence, sentence.find("212").unwrap()),
            Some(crude_stem("kill"))
        );
        let sentence = "The storm, the worst in years, left 212 people homeless.";
        assert_eq!(
            governing_verb(sentence, sentence.find("212").unwrap()),
            Some(crude_stem("leave"))
        );
        let sentence = "Officials counted, with care, 212 people.";
        assert_eq!(
            governing_verb(sentence, sentence.find("212").unwrap()),
            None
        );
    }

    #[test]
    fn a_count_of_two_is_never_changed_to_one() {
        for (text, key) in [
            ("Police said two men were rescued.", "spelled:2:men"),
            ("Police said 2 men were rescued.", "digits:2:men"),
        ] {
            let o = occ(0, text, key);
            let written = &text[o.start..o.end];
            for up in [true, false] {
                let (new_text, value) = changed(&o, written, up).expect("a change");
                assert!(value > 2.0, "{new_text} {value}");
            }
        }
        // Larger counts still go down as well as up.
        let text = "Police said 40 men were rescued.";
        let o = occ(0, text, "digits:40:men");
        assert_eq!(changed(&o, "40", false).map(|c| c.1), Some(16.0));
    }

    /// Why the first `number` in `text` is no figure of its own.
    fn why_not(text: &str, number: &str) -> Option<&'static str> {
        let at = text.find(number).expect("number in text");
        not_a_figure_of_its_own(text, at, at + number.len())
    }

    #[test]
    fn range_ends_addresses_and_rate_denominators_are_no_figures() {
        for (text, number, why) in [
            (
                "Between 25 and 40 percent of voters stayed home.",
                "40",
                "range end",
            ),
            (
                "Between 25% and 40% of voters stayed home.",
                "25",
                "range end",
            ),
            ("Prices rose from 200 to 500 dollars.", "500", "range end"),
            ("Prices rose from 200 to 500 dollars.", "200", "range end"),
            ("Turnout of 30-40 percent is expected.", "40", "range end"),
            ("Turnout of 30–40 percent is expected.", "30", "range end"),
            ("It will cost $2 million to $3 million.", "3", "range end"),
            ("It will cost $2 million to $3 million.", "2", "range end"),
            (
                "The fire began in the 6600 block of the road.",
                "6600",
                "street address",
            ),
            (
                "He lived at 123 Main Street, police said.",
                "123",
                "street address",
            ),
            (
                "Shots were fired at 40 W. Elm Ave. on Sunday.",
                "40",
                "street address",
            ),
            (
                "The rate was 12 deaths per 100,000 people.",
                "100,000",
                "rate denominator",
            ),
            ("One in 10 children was hurt.", "10", "rate denominator"),
            (
                "Three out of 20 towns were flooded.",
                "20",
                "rate denominator",
            ),
            (
                "There is one doctor for every 5,000 residents.",
                "5,000",
                "rate denominator",
            ),
        ] {
            assert_eq!(why_not(text, number), Some(why), "{number} in {text}");
        }
        for (text, number) in [
            ("The rate was 12 deaths per 100,000 people.", "12"),
            ("Turnout rose to 40 percent.", "40"),
            ("Police said 212 people and 30 horses were hurt.", "212"),
            ("Police said 212 people and 30 horses were hurt.", "30"),
            ("The 40 men who came to the city were tired.", "40"),
            ("Some 300 homes in 12 towns were destroyed.", "12"),
            ("He gave 500 dollars to 30 families.", "30"),
        ] {
            assert_eq!(why_not(text, number), None, "{number} in {text}");
        }
        // None of them is an occurrence to plant.
        let text = "Between 25 and 40 percent of voters stayed home. \
                    The fire began in the 6600 block of the road. \
                    The rate was 12 deaths per 100,000 people.";
        let keys: Vec<String> = occurrences(0, text).into_iter().map(|o| o.key).collect();
        assert_eq!(keys, vec!["digits:12:deaths".to_string()]);
    }

    #[test]
    fn a_range_end_is_neither_changed_nor_a_witness() {
        // The figure stands alone in one article and ends a range in the other: no plant.
        let c = cluster(&[
            "Officials said turnout in the city was 40 percent on Sunday.",
            "Officials said turnout in the city was between 25 and 40 percent on Sunday.",
        ]);
        assert!(plants_for(&c, SEED).is_empty());
        // Shared range ends, block numbers and denominators are left alone; the count is planted.
        let c = cluster(&[
            "Police arrested 212 protesters in the 6600 block of the road. \
             Between 25 and 40 percent of voters stayed home.",
            "Police said they arrested 212 protesters in the 6600 block of the road. \
             Officials said between 25 and 40 percent of voters stayed home.",
        ]);
        let plants = plants_for(&c, SEED);
        assert_eq!(
            plants
                .iter()
                .map(|p| p.old_text.as_str())
                .collect::<Vec<_>>(),
            vec!["212"],
            "{plants:?}"
        );
    }

    #[test]
    fn spelled_numbers_and_commas() {
        assert_eq!(spell(10).as_deref(), Some("ten"));
        assert_eq!(spell(25).as_deref(), Some("twenty-five"));
        assert_eq!(with_commas(1_234_567), "1,234,567");
        assert_eq!(
            date_of_doc_id("APW19981017.0151").as_deref(),
            Some("1998-10-17")
        );
    }

    #[test]
    fn judgements_parse_and_reject_bad_verdicts() {
        let ok = parse_judgements("# c\nM001\t14@0;15@1\tsailors\tfalse\tremainder\n").unwrap();
        assert_eq!(ok.len(), 1);
        assert!(!ok[0].verdict);
        assert!(parse_judgements("M001\t14@0\tx\tmaybe\tr\n").is_err());
        assert!(parse_judgements("M001\t14@0\n").is_err());
    }

    #[test]
    fn missing_judgements_file_is_an_error() {
        let config = BriefEvalConfig {
            shared: "/nonexistent".into(),
            labels: "/nonexistent".into(),
        };
        assert!(run(&config).is_err());
    }
}
