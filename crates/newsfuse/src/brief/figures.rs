//! Figures: every number with what it measures, and where articles disagree about one.
//!
//! A mention is a number with its hedge ("about", "more than"), currency and scale ("$1.5
//! billion") and unit ("per cent", "countries"). What it measures is read from its context: the
//! head noun ("per cent *of territory*", "23 *countries*"), the proper nouns right after it ("in
//! *Syria*") and the content stems around it. A coordinated percentage without its own head
//! ("40 per cent of territory in Iraq and 30 per cent in Syria") borrows the head and context of the
//! one before it.
//!
//! Mentions are bucketed by (kind, currency, head). Across articles, two are linked when their
//! qualifiers are compatible and their contexts share enough stems, or rare ones (weighted by
//! inverse sentence frequency in the cluster), unless the cluster gives three or more values in
//! that same context; links are one-to-one per article pair, agreeing ones first. Shared rare
//! context alone links only equal values; with one verb governing both figures ("lost $2.1
//! billion", "lost $5.2 billion") it links differing ones too. A figure without a head ("only
//! seven have ...") or a remainder ("11 others") is compared only in a sentence written twice
//! with that figure at the same place. Each connected
//! group is one quantity. A direct link
//! whose values do not agree (allowing for hedges, bounds and rounding) is a disagreement; within
//! one article too. A figure at the same place of one sentence written twice (only the number
//! changed) is matched first, and such a disputed pair stays a quantity even in a group that
//! otherwise falls apart into several. A disagreement needs more than a link (`conflict_supported`): among other
//! checks, the two figures are objects or subjects of one verb, unless one sentence rewrites the
//! other or uses the other's verb ("has received $1.5 billion" and "has secured $2 billion" are
//! two quantities). Years and calendar dates are listed but never compared. Precision over recall:
//! a missing link costs a missed disagreement, a wrong one costs the reader's trust.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::{Arc, LazyLock};

use regex::Regex;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::{Doc, Excerpt};
use crate::calendar::{MONTH_WORDS, WEEKDAY_WORDS};
use crate::model::{Sentence, Span, Token};

// Every map and set here hashes with FxHash: nothing read from one depends on its iteration
// order (sums over sets run in sorted order, groups are sorted before use), and SipHash on
// the stems of every sentence with a figure cost more than the rest of its reading.
type HashMap<K, V> = FxHashMap<K, V>;
type HashSet<T> = FxHashSet<T>;

/// The figures analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Figures {
    /// Every number mention, in article then text order.
    pub mentions: Vec<FigureMention>,
    /// Quantities reported more than once (across or within articles).
    pub quantities: Vec<Quantity>,
    /// Indices into `quantities` of those whose values disagree.
    pub disagreements: Vec<usize>,
    /// Indices into `quantities` of those revised by a later report (status `update`): the values
    /// differ only between articles published on different dates.
    pub updates: Vec<usize>,
}

/// One number in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureMention {
    /// The number phrase as written (hedge, currency, scale and unit included).
    pub excerpt: Excerpt,
    /// The sentence it is in.
    pub sentence: Excerpt,
    /// The value, scale applied (a percentage is its number: 30 for "30 per cent").
    pub value: f64,
    /// `percent`, `money`, `count`, `number`, `year` or `date`.
    pub kind: String,
    /// `exact`, `approximate` ("about"), `at_least` ("more than") or `at_most` ("up to").
    pub hedge: String,
    /// The currency for money (`USD`, `EUR`, `GBP`, `JPY`, ...).
    pub currency: Option<String>,
    /// What it measures, as words: head noun and qualifiers ("per cent of territory · Syria").
    pub measure: String,
    /// Index into [`Figures::quantities`] when this mention is one of a reported-more-than-once quantity.
    pub quantity: Option<usize>,
}

/// One quantity reported by several mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// What it measures.
    pub measure: String,
    /// Mention kind (see [`FigureMention::kind`]).
    pub kind: String,
    /// Indices into [`Figures::mentions`].
    pub mentions: Vec<usize>,
    /// Distinct values with who reports them, most-reported first.
    pub values: Vec<ValueReport>,
    /// `agree`, `disagree`, or `update` (the values differ only between articles published on
    /// different dates: a later report revising the figure).
    pub status: String,
    /// Articles that give this quantity two conflicting values themselves.
    pub within_article: Vec<usize>,
    /// Number of distinct articles reporting it.
    pub n_articles: usize,
    /// A hint for the reader, e.g. that a conflicting value matches another quantity (a likely slip).
    pub note: Option<String>,
}

/// One value of a quantity and who reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueReport {
    /// The value.
    pub value: f64,
    /// How the articles wrote it (distinct forms).
    pub written: Vec<String>,
    /// Articles reporting it.
    pub articles: Vec<usize>,
    /// Indices into [`Figures::mentions`].
    pub mentions: Vec<usize>,
    /// Publication dates (`YYYY-MM-DD`) of those articles, where known; distinct, sorted.
    pub dates: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Percent,
    Money,
    Count,
    Number,
    Year,
    Date,
    /// An age: "82-year-old", "Smith, 67,".
    Age,
    /// A number that names: "Game 2", "Category 4"; listed, never compared.
    Label,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Percent => "percent",
            Kind::Money => "money",
            Kind::Count => "count",
            Kind::Number => "number",
            Kind::Year => "year",
            Kind::Date => "date",
            Kind::Age => "age",
            Kind::Label => "label",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hedge {
    Exact,
    Approximate,
    AtLeast,
    AtMost,
}

impl Hedge {
    fn name(self) -> &'static str {
        match self {
            Hedge::Exact => "exact",
            Hedge::Approximate => "approximate",
            Hedge::AtLeast => "at_least",
            Hedge::AtMost => "at_most",
        }
    }
}

/// A mention with the internals used for linking. Its flags are independent readings of the
/// text around one figure, not states of one machine.
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)]
struct Mention {
    article: usize,
    sentence: usize,
    span: Span,
    number_start: usize,
    value: f64,
    /// Half the rounding unit of the written number ("10,000" -> 5,000; "10,500" -> 50).
    precision: f64,
    kind: Kind,
    hedge: Hedge,
    currency: Option<&'static str>,
    head: Option<String>,
    head_compound: Option<String>,
    head_surface: Option<String>,
    /// Surface and end of the two-word head, used when the compound is another mention's head.
    compound_surface: Option<(String, usize)>,
    qualifiers: Vec<String>,
    qualifier_surface: Vec<String>,
    context: HashSet<String>,
    elided: bool,
    /// Whose figure it is, for ages and durations: the names nearest it (stems).
    owners: Vec<String>,
    /// For an age right after its sentence's first word ("Smith, 67, said"): that word's stem.
    /// A sentence's first word is no name by its capital alone; it owns the age when the
    /// cluster writes it capitalised mid-sentence too ([`analyze`]).
    lead_owner: Option<String>,
    /// Content stems of the whole sentence.
    sentence_stems: Arc<HashSet<Arc<str>>>,
    /// Stems of the sentence's capitalised words, its first word left out.
    sentence_names: Arc<HashSet<Arc<str>>>,
    /// A remainder or an addition ("the other 14", "another 187", "43 more") or one line of a
    /// breakdown by place ("six people in Northtown and one in Westfield"): compared with
    /// nothing but an equal value.
    partial: bool,
    /// Dimension words right around it ("long", "wide", "surplus"), see [`DIMENSION_STEMS`].
    dimensions: Vec<&'static str>,
    /// One end of a range or of a change written in one sentence ("between 10 and 15", "0.6 to
    /// 1.2 degrees", "to 60 percent from 45 percent"): no value of its own, compared with
    /// nothing but an equal value.
    range_end: bool,
    /// A figure per period ("$4 billion a year", "$15 a month", "annually"): a rate, never the
    /// same quantity as a total.
    rate: bool,
    /// Its clause is negated ("60 percent did not want"): the complement of a share that is
    /// not, never the same quantity as one without.
    negated: bool,
    /// The verb the figure is the object or subject of in its clause, as a base stem ("killed
    /// 11 people" and "11 people were killed" -> `kill`; "has received $2 billion" ->
    /// `receiv`), when the clause shows one ([`predicate_of`]).
    predicate: Option<String>,
    /// What a count or sum is of, when an "of" phrase right after it says ("3,000 tons of rice",
    /// "$2 million of fresh aid"): the base stem of that phrase's last word (`rice`, `aid`).
    of_kind: Option<String>,
}

const NUMBER_PATTERN: &str = r"(?x)
        (?:(?P<cur>US\$|A\$|C\$|[$€£¥])\s?)?
        (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?:[\s-]?(?i:(?P<scale>thousand|million|billion|trillion|bn|mln)\b))?
        (?:\s?(?P<pct>%|(?i:per\s?cent\b|percent\b|percentage\s+points?\b)))?";
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(NUMBER_PATTERN).expect("valid regex"));
/// [`NUMBER`] with ASCII word boundaries: what the hand-written scanner ([`next_number`]) is
/// tested against where those boundaries fall where Unicode ones do.
#[cfg(test)]
static NUMBER_ASCII: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&NUMBER_PATTERN.replace(r"\b", r"(?-u:\b)")).expect("valid regex"));

/// Characters outside ASCII that news text often holds and that are no word characters for
/// a regular expression (quote marks, dashes, spaces, currency signs): with only these, a
/// Unicode word boundary falls where an ASCII one does.
const NON_WORD_CHARS: &[char] = &[
    '\u{a0}', '£', '¥', '«', '»', '°', '‐', '‑', '‒', '–', '—', '―', '‘', '’', '‚', '‛', '“', '”',
    '„', '‟', '…', '•', '€',
];

/// The matches of `exact` in `text`. `ascii` is the same pattern with ASCII word boundaries,
/// which the regex engine's lazy DFA runs on any text (a Unicode boundary makes it give up at
/// the first character outside ASCII); it runs instead when every character of `text` outside
/// ASCII is one of [`NON_WORD_CHARS`], where both boundaries fall alike.
fn captures_as<'r>(exact: &'r Regex, ascii: &'r Regex, text: &str) -> CaptureRun<'r> {
    CaptureRun::new(if ascii_boundaries_hold(text) {
        ascii
    } else {
        exact
    })
}

/// Whether every character of `text` outside ASCII is one of [`NON_WORD_CHARS`]: there ASCII
/// word boundaries fall where Unicode ones do.
fn ascii_boundaries_hold(text: &str) -> bool {
    text.is_ascii()
        || text
            .chars()
            .all(|c| c.is_ascii() || NON_WORD_CHARS.contains(&c))
}

/// One match of [`NUMBER_PATTERN`]: the whole and its groups, as byte ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NumberMatch {
    whole: std::ops::Range<usize>,
    cur: Option<std::ops::Range<usize>>,
    num: std::ops::Range<usize>,
    scale: Option<std::ops::Range<usize>>,
    pct: Option<std::ops::Range<usize>>,
}

/// A word character for an ASCII word boundary (`(?-u:\b)`): any byte outside ASCII is none.
fn ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether [`next_number`] finds the matches of [`NUMBER`] in `text`: every character outside
/// ASCII is a letter (a word character for `\b`), a space or one of [`NON_WORD_CHARS`] (no
/// word character), and none is a digit (`\d` takes any) or a letter that case-folds to an
/// ASCII one of the pattern's words (the long s, the Kelvin sign). Where every such character
/// is one of [`NON_WORD_CHARS`] ([`ascii_boundaries_hold`]) this holds too.
fn scanner_holds(text: &str) -> bool {
    text.is_ascii()
        || text.chars().all(|c| {
            c.is_ascii()
                || c.is_alphabetic() && !c.is_numeric() && !matches!(c, 'ſ' | '\u{212a}')
                || c.is_whitespace()
                || NON_WORD_CHARS.contains(&c)
        })
}

/// The first match of [`NUMBER`] in `text` starting at `from` or later, found without the
/// regex engine; the same as the regex on a text where [`scanner_holds`] (so no digit outside
/// ASCII, and any other character outside ASCII a letter or no word character), which is the
/// only text it is given.
fn next_number(text: &str, from: usize) -> Option<NumberMatch> {
    let bytes = text.as_bytes();
    (from..bytes.len())
        .filter(|&at| {
            matches!(
                bytes[at],
                b'0'..=b'9' | b'U' | b'A' | b'C' | b'$' | 0xC2 | 0xE2
            )
        })
        .find_map(|at| number_at(text, at))
}

/// The match of [`NUMBER`] that starts at byte `at`, if one does (see [`next_number`]).
fn number_at(text: &str, at: usize) -> Option<NumberMatch> {
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    // `\s?`: the length of a whitespace character at `i`, or 0.
    let space_at = |i: usize| {
        text.get(i..)
            .and_then(|rest| rest.chars().next())
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8)
    };
    let rest = &text[at..];
    let cur_len = ["US$", "A$", "C$", "$", "€", "£", "¥"]
        .iter()
        .find(|sign| rest.starts_with(*sign))
        .map_or(0, |sign| sign.len());
    let mut cur = None;
    let mut start = at;
    if cur_len > 0 {
        let after = at + cur_len;
        let space = space_at(after);
        if space > 0 && digit_at(after + space) {
            start = after + space;
        } else if digit_at(after) {
            start = after;
        } else {
            return None;
        }
        cur = Some(at..after);
    }
    let run = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let lead = run(start);
    if lead == 0 {
        return None;
    }
    // `\d{1,3}(?:,\d{3})+` first, else `\d+`; then `(?:\.\d+)?`.
    let group_at = |i: usize| bytes.get(i) == Some(&b',') && (1..=3).all(|k| digit_at(i + k));
    let mut end = start + lead;
    if lead <= 3 && group_at(end) {
        while group_at(end) {
            end += 4;
        }
    }
    if bytes.get(end) == Some(&b'.') && digit_at(end + 1) {
        end += 1 + run(end + 1);
    }
    let num = start..end;
    // The boundary after a word ending in a letter: no word character follows (outside ASCII,
    // where [`scanner_holds`], a letter is one and any other character none).
    let bounded = |i: usize| {
        bytes.get(i).is_none_or(|&b| {
            if b.is_ascii() {
                !ascii_word_byte(b)
            } else {
                !text[i..].chars().next().is_some_and(char::is_alphabetic)
            }
        })
    };
    let word_at = |i: usize, word: &str| {
        bytes
            .get(i..i + word.len())
            .is_some_and(|got| got.eq_ignore_ascii_case(word.as_bytes()))
    };
    let scale_at = |i: usize| {
        ["thousand", "million", "billion", "trillion", "bn", "mln"]
            .iter()
            .find(|word| word_at(i, word) && bounded(i + word.len()))
            .map(|word| i..i + word.len())
    };
    let sep = if bytes.get(end) == Some(&b'-') {
        1
    } else {
        space_at(end)
    };
    let scale = (sep > 0)
        .then(|| scale_at(end + sep))
        .flatten()
        .or_else(|| scale_at(end));
    if let Some(found) = &scale {
        end = found.end;
    }
    let pct_at = |i: usize| -> Option<usize> {
        if bytes.get(i) == Some(&b'%') {
            return Some(i + 1);
        }
        // "per cent" or "percent" (no "cent" can follow "per" where a space does).
        let cent = i + 3 + space_at(i + 3);
        if word_at(i, "per") && word_at(cent, "cent") && bounded(cent + 4) {
            return Some(cent + 4);
        }
        if word_at(i, "percent") && bounded(i + 7) {
            return Some(i + 7);
        }
        if word_at(i, "percentage") {
            let mut j = i + 10;
            let first = space_at(j);
            if first == 0 {
                return None;
            }
            while space_at(j) > 0 {
                j += space_at(j);
            }
            if word_at(j, "point") {
                let k = j + 5;
                if bytes.get(k).is_some_and(|b| b.eq_ignore_ascii_case(&b's')) && bounded(k + 1) {
                    return Some(k + 1);
                }
                if bounded(k) {
                    return Some(k);
                }
            }
        }
        None
    };
    let space = space_at(end);
    let pct = (space > 0)
        .then(|| pct_at(end + space).map(|e| end + space..e))
        .flatten()
        .or_else(|| pct_at(end).map(|e| end..e));
    if let Some(found) = &pct {
        end = found.end;
    }
    Some(NumberMatch {
        whole: at..end,
        cur,
        num,
        scale,
        pct,
    })
}

/// The matches of one regular expression in one text, in text order, as `captures_iter` gives
/// them, with one set of capture locations read again for each (no allocation per match). The
/// patterns it runs never match an empty string.
struct CaptureRun<'r> {
    regex: &'r Regex,
    locations: regex::CaptureLocations,
    at: usize,
}

impl<'r> CaptureRun<'r> {
    fn new(regex: &'r Regex) -> Self {
        CaptureRun {
            locations: regex.capture_locations(),
            regex,
            at: 0,
        }
    }

    /// The next match's groups (as byte ranges of `text`, the text searched: the same on every
    /// call).
    fn next(&mut self, text: &str) -> Option<&regex::CaptureLocations> {
        if self.at > text.len() {
            return None;
        }
        let found = self
            .regex
            .captures_read_at(&mut self.locations, text, self.at)?;
        debug_assert!(found.end() > found.start(), "no empty match");
        self.at = found.end().max(found.start() + 1);
        Some(&self.locations)
    }
}

/// Group `index` of a match as a byte range.
fn group(caps: &regex::CaptureLocations, index: usize) -> Option<std::ops::Range<usize>> {
    caps.get(index).map(|(start, end)| start..end)
}

/// The groups of [`NUMBER_PATTERN`] by number.
const NUMBER_CUR: usize = 1;
const NUMBER_NUM: usize = 2;
const NUMBER_SCALE: usize = 3;
const NUMBER_PCT: usize = 4;
/// The groups of [`SPELLED_NUMBER_PATTERN`] by number.
const SPELLED_NUM: usize = 1;
const SPELLED_SCALE: usize = 2;
const SPELLED_PCT: usize = 3;

/// Numbers written as words: "four men", "twenty-five", "two million", "ten percent". "One" only
/// with a scale ("one million"): alone it is mostly a pronoun or an article.
static SPELLED_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(SPELLED_NUMBER_PATTERN).expect("valid regex"));
/// [`SPELLED_NUMBER`] with ASCII word boundaries (see [`captures_as`]).
static SPELLED_NUMBER_ASCII: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&SPELLED_NUMBER_PATTERN.replace(r"\b", r"(?-u:\b)")).expect("valid regex")
});
const SPELLED_NUMBER_PATTERN: &str = r"(?xi)
        \b(?P<num>
            (?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)
                (?:-(?:one|two|three|four|five|six|seven|eight|nine))?
          | two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen
          | fifteen|sixteen|seventeen|eighteen|nineteen
          | one
        )\b
        (?:[\s-](?P<scale>hundred|thousand|million|billion)\b)?
        (?:\s(?P<pct>percent\b|per\s?cent\b))?";

/// Where the first word starts at which [`SPELLED_NUMBER`] may find a number in `text` that
/// [`scan_numbers`] keeps (`None` for no such word; 0 for a text it cannot tell): a word
/// (a run of ASCII letters, digits and underscores, which is where an ASCII word boundary falls
/// on each side) that is one of [`TENS`] or [`UNITS`] but "zero", in any ASCII case ("one" only
/// before a scale: alone it is dropped). A cheap test that spares the regex most sentences
/// ("someone", "often", "one of" hold none). A character outside ASCII may be a boundary or a
/// space; the long s, which case-folds to "s", sends every text to the regex.
fn first_spelled_number(text: &str) -> Option<usize> {
    if text.contains('ſ') {
        return Some(0);
    }
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if !WORD_BYTE[usize::from(bytes[at])] {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && WORD_BYTE[usize::from(bytes[at])] {
            at += 1;
        }
        // Every spelled number opens with one of these letters and has three to nine: most
        // words stop here, before any copy.
        if (3..="seventeen".len()).contains(&(at - start))
            && matches!(
                bytes[start].to_ascii_lowercase(),
                b'e' | b'f' | b'n' | b'o' | b's' | b't'
            )
            && spelled_number_word(&bytes[start..at])
            && (at - start != 3 || one_before_scale(bytes, at))
        {
            return Some(start);
        }
    }
    None
}

/// The bytes of a word for an ASCII word boundary: ASCII letters, digits and the underscore.
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        #[allow(clippy::cast_possible_truncation)]
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || byte == b'_';
        b += 1;
    }
    table
};

/// Whether `word` is one of [`TENS`] or [`UNITS`] but "zero", in any ASCII case.
fn spelled_number_word(word: &[u8]) -> bool {
    if !(3..="seventeen".len()).contains(&word.len()) {
        return false;
    }
    let mut buffer = [0u8; 9];
    let lower = &mut buffer[..word.len()];
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    let lower = &*lower;
    TENS.iter()
        .chain(&UNITS[1..])
        .any(|w| w.as_bytes() == lower)
}

/// For a three-letter spelled word ending at `end` (only "one", "two", "six" and "ten" have
/// three letters): whether it may be kept. "two", "six" and "ten" always; "one" only before a
/// space or a hyphen (any character outside ASCII may be a space) and a scale ("one million").
fn one_before_scale(bytes: &[u8], end: usize) -> bool {
    if !bytes[end - 3..end].eq_ignore_ascii_case(b"one") {
        return true;
    }
    let Some(&gap) = bytes.get(end) else {
        return false;
    };
    if !gap.is_ascii() {
        return true;
    }
    if !(gap == b'-' || (gap as char).is_whitespace()) {
        return false;
    }
    let after = &bytes[end + 1..];
    ["hundred", "thousand", "million", "billion"]
        .iter()
        .any(|scale| {
            after
                .get(..scale.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(scale.as_bytes()))
        })
}

/// Spelled-out numbers from zero to nineteen, by value.
const UNITS: &[&str] = &[
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
/// Spelled-out tens from twenty, by value.
const TENS: &[&str] = &[
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The value of a spelled-out number ("twenty-five" -> 25).
fn spelled_value(word: &str) -> Option<f64> {
    // Every spelled number is ASCII, and no other character lower-cases to an ASCII letter of
    // one ("K", the Kelvin sign, gives "k"): a word with any other character is none.
    if !word.is_ascii() || word.len() > "seventy-seven".len() {
        return None;
    }
    // Every spelled number opens with one of these letters: most words stop here.
    if !matches!(
        word.as_bytes().first().map(u8::to_ascii_lowercase),
        Some(b'e' | b'f' | b'n' | b'o' | b's' | b't' | b'z')
    ) {
        return None;
    }
    // Lower-cased on the stack: this runs for every content word of a sentence with a figure.
    let mut buffer = [0u8; 13];
    let lower = buffer.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).unwrap_or_default();
    let (tens, unit) = lower.split_once('-').unwrap_or((lower, ""));
    let index = |list: &[&str], w: &str| list.iter().position(|x| *x == w);
    if unit.is_empty() {
        if let Some(i) = index(UNITS, tens) {
            return Some(i as f64);
        }
        return index(TENS, tens).map(|i| (i as f64 + 2.0) * 10.0);
    }
    Some((index(TENS, tens)? as f64 + 2.0) * 10.0 + index(UNITS, unit)? as f64)
}

/// A number found in a sentence, before its context is read.
struct RawNumber {
    /// Currency, scale, number and percent sign (relative to the sentence).
    whole: std::ops::Range<usize>,
    /// The number itself.
    num: std::ops::Range<usize>,
    number: f64,
    scale: f64,
    /// Half the rounding unit of the number as written (before the scale).
    precision: f64,
    currency: Option<&'static str>,
    percent: bool,
    spelled: bool,
}

fn scale_value(word: &str) -> f64 {
    match word.to_lowercase().as_str() {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" => 1e6,
        "trillion" => 1e12,
        _ => 1e9,
    }
}

/// The matches of [`NUMBER`] in `text`, by the hand-written scanner where it finds them
/// ([`scanner_holds`]), else by the regex.
fn number_matches(text: &str) -> Vec<NumberMatch> {
    let mut numbers: Vec<NumberMatch> = Vec::new();
    if scanner_holds(text) {
        let mut at = 0;
        while let Some(found) = next_number(text, at) {
            at = found.whole.end;
            numbers.push(found);
        }
    } else {
        // Where the scanner does not hold, neither do ASCII boundaries ([`scanner_holds`]):
        // the Unicode pattern.
        let mut run = CaptureRun::new(&NUMBER);
        while let Some(caps) = run.next(text) {
            if let (Some(whole), Some(num)) = (group(caps, 0), group(caps, NUMBER_NUM)) {
                numbers.push(NumberMatch {
                    whole,
                    cur: group(caps, NUMBER_CUR),
                    num,
                    scale: group(caps, NUMBER_SCALE),
                    pct: group(caps, NUMBER_PCT),
                });
            }
        }
    }
    numbers
}

/// Every number of a sentence, digits and words, in text order, not overlapping.
fn scan_numbers(text: &str) -> Vec<RawNumber> {
    let mut found: Vec<RawNumber> = Vec::new();
    // Only ASCII digits parse below, so a text without one has no number in digits.
    let digits = text.bytes().any(|b| b.is_ascii_digit());
    let numbers = if digits {
        number_matches(text)
    } else {
        // None to read.
        Vec::new()
    };
    for NumberMatch {
        whole,
        cur,
        num,
        scale,
        pct,
    } in numbers
    {
        let before = text[..whole.start].chars().next_back();
        let number_before = text[..num.start].chars().next_back();
        let after = text[whole.end..].chars().next();
        let after2 = text[whole.end..].chars().nth(1);
        let glued_before = cur.is_none()
            && (number_before.is_some_and(|c| {
                c.is_alphanumeric() || matches!(c, ':' | '/' | '.' | '-' | '_' | '#')
            }) || before.is_some_and(char::is_alphanumeric));
        let glued_after =
            after.is_some_and(char::is_alphabetic) && pct.is_none() && scale.is_none()
                || (matches!(after, Some(':' | '/' | '.'))
                    && after2.is_some_and(|c| c.is_ascii_digit()));
        if glued_before || glued_after {
            continue;
        }
        let digits = text[num.clone()].replace(',', "");
        let Ok(number) = digits.parse::<f64>() else {
            continue;
        };
        found.push(RawNumber {
            whole,
            num,
            number,
            scale: scale.map_or(1.0, |s| scale_value(&text[s])),
            precision: rounding_half_unit(&digits),
            currency: cur.map(|c| match &text[c] {
                "€" => "EUR",
                "£" => "GBP",
                "¥" => "JPY",
                _ => "USD",
            }),
            percent: pct.is_some(),
            spelled: false,
        });
    }
    let spelled_from = first_spelled_number(text);
    let spelled_text = if spelled_from.is_some() { text } else { "" };
    let mut run = captures_as(&SPELLED_NUMBER, &SPELLED_NUMBER_ASCII, spelled_text);
    // Any match before the first word the test lets through is a lone "one", dropped below.
    run.at = spelled_from.unwrap_or(0);
    while let Some(caps) = run.next(spelled_text) {
        let (Some(whole), Some(num)) = (group(caps, 0), group(caps, SPELLED_NUM)) else {
            continue;
        };
        if found
            .iter()
            .any(|f| f.whole.start < whole.end && whole.start < f.whole.end)
        {
            continue;
        }
        let Some(number) = spelled_value(&text[num.clone()]) else {
            continue;
        };
        let scale = group(caps, SPELLED_SCALE);
        if number < 2.0 && scale.is_none() {
            continue;
        }
        found.push(RawNumber {
            whole,
            num,
            number,
            scale: scale.map_or(1.0, |s| scale_value(&text[s])),
            precision: 0.5,
            currency: None,
            percent: group(caps, SPELLED_PCT).is_some(),
            spelled: true,
        });
    }
    found.sort_by_key(|f| f.whole.start);
    found
}

fn num_text<'t>(text: &'t str, num: &std::ops::Range<usize>) -> &'t str {
    text.get(num.clone()).unwrap_or("")
}

/// Where an age ends: "82-year-old", "82 years old", "Smith, 67, said", "aged 67" (relative
/// to the sentence), or `None` when the number is no age.
fn age_suffix(text: &str, end: usize, prev_word: Option<&str>) -> Option<usize> {
    let rest = &text[end..];
    // The suffixes are ASCII without a "k", and no character outside ASCII lowercases to one
    // of their letters: comparing bytes in ASCII case is the same test as on `to_lowercase`.
    for suffix in [
        "-year-old",
        " year old",
        "-years-old",
        " years old",
        "-year old",
    ] {
        if rest
            .as_bytes()
            .get(..suffix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(suffix.as_bytes()))
        {
            return Some(end + suffix.len());
        }
    }
    if matches!(prev_word, Some("aged" | "age")) {
        return Some(end);
    }
    // Apposition: "the president, 67, said"; a word before, a comma after.
    let before = text[..end].trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = end - before.len();
    if (1..=3).contains(&digits)
        && before.ends_with(", ")
        && before[..before.len() - 2]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
        && rest.starts_with(',')
        && rest[1..].starts_with(' ')
        && rest[2..].chars().next().is_some_and(char::is_alphabetic)
    {
        let value: u32 = text[before.len()..end].parse().ok()?;
        if (5..=115).contains(&value) {
            return Some(end);
        }
    }
    None
}

/// A number that names rather than measures: "Game 2", "Category 4", "Flight 103", "No. 1":
/// right after a capitalised word that is not the sentence's first, or after "no."/"number".
fn is_label<'d>(
    text: &str,
    before: &[Token],
    start: usize,
    base: usize,
    lower: &dyn Fn(&Token) -> Cow<'d, str>,
) -> bool {
    let Some(previous) = before.last() else {
        return false;
    };
    // Only a space between the word and the number.
    if text.get(previous.span.end - base..start) != Some(" ") {
        return false;
    }
    let word = lower(previous);
    if matches!(
        &*word,
        "no" | "no." | "number" | "nos" | "flight" | "game" | "category"
    ) {
        return true;
    }
    let surface = text
        .get(previous.span.start - base..previous.span.end - base)
        .unwrap_or("");
    let capital = surface.chars().next().is_some_and(char::is_uppercase);
    let first = before.len() == 1;
    capital
        && !first
        && surface.chars().any(char::is_lowercase)
        && !MONTH_WORDS.contains(&word.trim_end_matches('.'))
        && !WEEKDAY_WORDS.contains(&&*word)
}

/// The smallest value that two reports write by more than chance: smaller ones ("two", "five",
/// "12") recur in any report for other things.
const DISTINCTIVE_VALUE: f64 = 100.0;

/// The kinds whose values [`analyze`] compares across articles for "each report gives both
/// figures": a count with or without a head is one family.
fn value_family(kind: Kind) -> Option<Kind> {
    match kind {
        Kind::Count | Kind::Number => Some(Kind::Count),
        Kind::Money | Kind::Percent | Kind::Age => Some(kind),
        _ => None,
    }
}

/// A time of day, however the text spaces it: a number followed by "a.m."/"p.m." ("3 p.m.",
/// "1: 30 p. m."), written right after an hour and a colon ("1:30", "1: 30", "1 : 30"), or an
/// hour (up to 24) that a colon and two digits follow ("the 4: 15 train"). Neither the hour nor
/// the minutes of a clock time count anything.
fn clock_time(text: &str, start: usize, end: usize) -> bool {
    let after: String = text
        .get(end..)
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(4)
        .flat_map(char::to_lowercase)
        .collect();
    let meridiem = ["a.m.", "p.m.", "a.m", "p.m"]
        .iter()
        .any(|m| after.starts_with(m));
    let before = text.get(..start).unwrap_or("").trim_end_matches(' ');
    let after_hour = before.strip_suffix(':').is_some_and(|b| {
        b.trim_end_matches(' ')
            .ends_with(|c: char| c.is_ascii_digit())
    });
    let hour = text
        .get(start..end)
        .is_some_and(|h| (1..=2).contains(&h.len()) && h.parse::<u8>().is_ok_and(|v| v <= 24))
        && text
            .get(end..)
            .unwrap_or("")
            .trim_start_matches(' ')
            .strip_prefix(':')
            .is_some_and(|m| {
                let m = m.trim_start_matches(' ').as_bytes();
                m.len() >= 2
                    && m[..2].iter().all(u8::is_ascii_digit)
                    && m.get(2).is_none_or(|b| !b.is_ascii_digit())
            });
    meridiem || after_hour || hour
}

/// A number joined by a hyphen to a capitalised word names a model or a series ("3-Series",
/// "5-Series"), it counts nothing.
fn named_after(text: &str, end: usize) -> bool {
    let mut rest = text.get(end..).unwrap_or("").chars();
    rest.next() == Some('-') && rest.next().is_some_and(char::is_uppercase)
}

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Lowercase words inside personal names ("van Dorn", "bin Said", "de la Cruz").
const NAME_PARTICLES: &[&str] = &[
    "da", "de", "do", "dos", "das", "di", "del", "della", "van", "von", "der", "den", "bin", "ibn",
    "al", "el", "la", "le", "du",
];
/// Words saying that a figure is a reading at one moment of something still changing ("the toll
/// now stands at", "so far", "the latest count"): two such readings are at most an update.
const TIME_CHANGE_WORDS: &[&str] = &[
    "now",
    "latest",
    "updated",
    "update",
    "rose",
    "risen",
    "rising",
    "climbed",
    "climbing",
    "jumped",
    "mounted",
    "mounting",
    "revised",
    "grew",
    "increased",
    "reached",
];
/// Two-word phrases with the same sense as [`TIME_CHANGE_WORDS`].
#[cfg(test)]
const TIME_CHANGE_PHRASES: &[&str] = &["so far", "thus far", "to date", "as of", "has risen"];
/// [`TIME_CHANGE_PHRASES`] split at their space, for [`time_changing`] (a test checks they match).
const TIME_CHANGE_PAIRS: &[(&str, &str)] = &[
    ("so", "far"),
    ("thus", "far"),
    ("to", "date"),
    ("as", "of"),
    ("has", "risen"),
];
const DETERMINERS: &[&str] = &[
    "the", "its", "their", "his", "her", "a", "an", "all", "this", "that", "these", "those", "our",
    "your", "some",
];
/// Adjectives that stand between a count and its noun ("two rival governments"): a head that
/// opens with one is labelled with the noun after it too.
const HEAD_ADJECTIVES: &[&str] = &[
    "rival",
    "different",
    "separate",
    "additional",
    "new",
    "further",
    "main",
    "major",
    "unidentified",
    "unnamed",
    "suspected",
    "alleged",
    "former",
];
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("usd", "USD"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("eur", "EUR"),
    ("pound", "GBP"),
    ("pounds", "GBP"),
    ("sterling", "GBP"),
    ("gbp", "GBP"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("rupees", "INR"),
    ("rupee", "INR"),
    ("francs", "CHF"),
    ("dlrs", "USD"),
    ("dlr", "USD"),
];
/// Currency words written before the number in wire style: "dlrs 100 million".
const CURRENCY_BEFORE: &[(&str, &str)] = &[
    ("dlrs", "USD"),
    ("dlr", "USD"),
    ("usd", "USD"),
    ("us$", "USD"),
    ("eur", "EUR"),
    ("gbp", "GBP"),
    ("yen", "JPY"),
];
/// Whether `stem` is a reporting verb or a unit word: present around almost every figure, so no
/// evidence of sameness. A `match`, as this runs for every content word of a sentence with a
/// figure.
fn generic_stem(stem: &str) -> bool {
    matches!(
        stem,
        "said"
            | "say"
            | "told"
            | "tell"
            | "report"
            | "accord"
            | "ad"
            | "per"
            | "cent"
            | "percent"
            | "percentag"
            | "point"
    )
}
/// General-English measure nouns that name the same thing (stems).
const SYNONYMS: &[&[&str]] = &[
    &["territori", "land"],
    &["countri", "nation"],
    &["troop", "soldier"],
    &["peopl", "person"],
    &["death", "fatal"],
    &["injur", "wound"],
    &["airstrik", "air strike", "strike"],
];
/// Words between two numbers of one sentence that signal a change or comparison, not a conflict.
const CHANGE_WORDS: &[&str] = &[
    "from",
    "to",
    "rose",
    "risen",
    "rise",
    "fell",
    "fallen",
    "fall",
    "increase",
    "increased",
    "decrease",
    "decreased",
    "up",
    "down",
    "compared",
    "versus",
    "vs",
    "than",
    "before",
    "after",
    "previous",
    "previously",
    "earlier",
    "grew",
    "dropped",
    "doubled",
    "halved",
    "between",
];

/// `dates[i]` is article `i`'s publication date (`YYYY-MM-DD`) when known.
pub(crate) fn analyze(docs: &[Doc<'_>], dates: &[Option<String>]) -> Figures {
    let mut mentions: Vec<Mention> = Vec::new();
    for doc in docs {
        for (sentence_idx, sentence) in doc.sentences.iter().enumerate() {
            if sentence.is_headline {
                continue;
            }
            extract_sentence(doc, sentence_idx, sentence, &mut mentions);
        }
    }
    resolve_compounds(&mut mentions);
    let several_in_sentence = several_in_sentence(&mentions);
    // Bucket by (kind, currency, head); link within buckets.
    let mut buckets: HashMap<BucketKey, Vec<usize>> = HashMap::default();
    for (idx, mention) in mentions.iter().enumerate() {
        if matches!(mention.kind, Kind::Year | Kind::Date | Kind::Label) {
            continue;
        }
        buckets
            .entry((mention.kind, mention.currency, mention.head.clone()))
            .or_default()
            .push(idx);
    }
    let mut idf = Idf::new(docs);
    idf.index_sentences(&mentions, docs);
    idf.index_contexts(&mentions);
    // What `conflict_supported` reads from each mention's sentence words, worked out on first
    // use, once per sentence (the figures of one sentence share it).
    let words = WordCache::new(&mentions);
    let around = Around::new(&mentions);
    // Names the cluster writes mid-sentence: a sentence's first word that is one of them is a
    // name too.
    // The figures of one sentence are consecutive and share its names: each set is read once.
    let mut known_names: HashSet<String> = HashSet::default();
    let mut last_names: Option<&Arc<HashSet<Arc<str>>>> = None;
    for mention in &mentions {
        if last_names.is_some_and(|last| Arc::ptr_eq(last, &mention.sentence_names)) {
            continue;
        }
        last_names = Some(&mention.sentence_names);
        for name in mention.sentence_names.iter() {
            if !known_names.contains(&**name) {
                known_names.insert(name.to_string());
            }
        }
    }
    // "Smith, 67, said ...": the sentence's first word owns the age when the cluster writes it
    // as a name elsewhere.
    for mention in &mut mentions {
        if mention.owners.is_empty()
            && let Some(lead) = mention.lead_owner.take()
            && known_names.contains(&lead)
        {
            mention.owners.push(lead);
        }
    }
    // The values each article writes, by kind and currency: two articles that each write both
    // of two values tell the same two quantities, whatever heads their figures read.
    let mut written_values: HashMap<(usize, Kind, Option<&'static str>), Vec<f64>> =
        HashMap::default();
    for m in &mentions {
        if let Some(family) = value_family(m.kind) {
            written_values
                .entry((m.article, family, m.currency))
                .or_default()
                .push(m.value);
        }
    }
    let writes = |article: usize, like: &Mention| {
        like.value >= DISTINCTIVE_VALUE
            && value_family(like.kind).is_some_and(|family| {
                written_values
                    .get(&(article, family, like.currency))
                    .is_some_and(|values| values.contains(&like.value))
            })
    };
    // Pairs read as one quantity; the union-find runs once all are known.
    let mut links: Vec<(usize, usize)> = Vec::new();
    let mut edges: Vec<(usize, usize)> = Vec::new();
    // Edges between one sentence and its copy with the figure changed ([`aligned`]): a
    // crowded group keeps them.
    let mut copied: HashSet<(usize, usize)> = HashSet::default();
    let mut bucket_list: Vec<Vec<usize>> = buckets.into_values().collect();
    bucket_list.sort_unstable();
    for mut bucket in bucket_list {
        bucket.sort_by(|&a, &b| {
            mentions[a]
                .qualifiers
                .cmp(&mentions[b].qualifiers)
                .then(a.cmp(&b))
        });
        // Cross-article candidates, matched one-to-one per article pair below.
        let mut candidates: Vec<Candidate> = Vec::new();
        for (pos, &a) in bucket.iter().enumerate() {
            // Bounded comparisons keep huge buckets near-linear.
            for &b in bucket.iter().skip(pos + 1).take(MAX_COMPARE) {
                let (ma, mb) = (&mentions[a], &mentions[b]);
                if ma.article != mb.article {
                    let agree = values_agree(ma, mb);
                    // The ends of a range are no figures of their own, except in one sentence
                    // copied with only numbers changed: there the end that changed ("the 7- to
                    // 35-year-old market", "the 7- to 25-year-old market") is the copy's other
                    // value of it.
                    if !agree
                        && ma.range_end
                        && mb.range_end
                        && aligned((a, ma), (b, mb), &around, docs)
                        && copy_with_numbers_changed(
                            &copy_words(sentence_text(ma, docs)),
                            &copy_words(sentence_text(mb, docs)),
                        )
                        && owners_compatible(ma, mb, true)
                    {
                        candidates.push(Candidate {
                            a: a.min(b),
                            b: a.max(b),
                            agree,
                            weight: 1.0,
                            aligned: true,
                            by_sentence: true,
                        });
                        continue;
                    }
                    // Most pairs of a bucket are two values that cannot be one quantity: no
                    // link, no agreement, nothing more to read.
                    if !agree && never_linked(ma, mb) && !same_predicate(ma, mb) {
                        continue;
                    }
                    let strength = link_strength((a, ma), (b, mb), &idf, &around, docs);
                    let linked = strength.is_some()
                        || (agree || same_predicate(ma, mb))
                            && cross_article_link((a, ma), (b, mb), &idf);
                    if linked
                        && owners_compatible(ma, mb, strength.is_some_and(|s| s.by_sentence))
                        && (strength.is_some_and(|s| s.by_sentence || s.by_name)
                            || distinctive(a, b, &bucket, &mentions, &idf))
                    {
                        candidates.push(Candidate {
                            a: a.min(b),
                            b: a.max(b),
                            agree,
                            weight: strength.map_or(0.0, |s| s.similarity),
                            aligned: strength.is_some_and(|s| s.by_sentence)
                                && aligned((a, ma), (b, mb), &around, docs),
                            by_sentence: strength.is_some_and(|s| s.by_sentence),
                        });
                        continue;
                    }
                } else if ma.sentence == mb.sentence
                    // Two sentences of one article are never one quantity (`same_quantity`).
                    && same_quantity(ma, mb, docs)
                    && (values_agree(ma, mb)
                        || conflict_supported(
                            (a, ma),
                            (b, mb),
                            false,
                            docs,
                            dates,
                            &idf,
                            &known_names,
                            &words,
                        ))
                {
                    edges.push((a.min(b), a.max(b)));
                    links.push((a, b));
                    continue;
                }
                if likely_agreement(ma, mb) {
                    // Agreement only: never a source of disagreement.
                    links.push((a, b));
                }
            }
        }
        // One-to-one per article pair: agreeing pairs first, then by context weight. A figure
        // already matched to an equal one in the other article cannot also contradict another
        // figure there (two distinct quantities of one kind, not one reported twice).
        candidates.sort_by(|x, y| {
            y.aligned
                .cmp(&x.aligned)
                .then(y.weight.total_cmp(&x.weight))
                .then(y.agree.cmp(&x.agree))
                .then((x.a, x.b).cmp(&(y.a, y.b)))
        });
        let mut used: HashSet<(usize, usize)> = HashSet::default();
        for candidate in candidates {
            let (a, b) = (candidate.a, candidate.b);
            // A sentence that itself gives two values of this head ("12 vents had temperatures
            // of 2,200 degrees and one vent was as hot as 3,100 degrees", "killed 4 people
            // here and 224 there") tells several quantities apart: which of them another
            // report's figure is, only a rewrite of the sentence says.
            // Two such sentences written alike ("agreements with 25 countries and treaties with
            // six countries", "... with 28 countries and ... with 10 countries") pair their
            // figures in order.
            let (sa, sb) = (several_in_sentence[a], several_in_sentence[b]);
            if !candidate.agree
                && !candidate.by_sentence
                && (sa.is_some() || sb.is_some())
                && sa != sb
            {
                continue;
            }
            // "About 1,750 of the world's 4,800 rhinos" and "1,750 rhinos, out of 4,800": each
            // report gives both figures, so they are two quantities both agree on, however
            // the heads read.
            if !candidate.agree
                && writes(mentions[a].article, &mentions[b])
                && writes(mentions[b].article, &mentions[a])
            {
                continue;
            }
            if !candidate.agree
                && !conflict_supported(
                    (a, &mentions[a]),
                    (b, &mentions[b]),
                    candidate.aligned,
                    docs,
                    dates,
                    &idf,
                    &known_names,
                    &words,
                )
            {
                continue;
            }
            let (article_a, article_b) = (mentions[a].article, mentions[b].article);
            if used.contains(&(a, article_b)) || used.contains(&(b, article_a)) {
                if candidate.agree {
                    links.push((a, b));
                }
                continue;
            }
            used.insert((a, article_b));
            used.insert((b, article_a));
            if candidate.aligned {
                copied.insert((a, b));
            }
            edges.push((a, b));
            links.push((a, b));
        }
    }
    drop_conflicts_with_unnamed_subjects(
        &mentions,
        &mut links,
        &mut edges,
        &copied,
        docs,
        &known_names,
        &words,
    );
    // A group of three or more different values for one head describes several quantities
    // (tolls of several places, ages of several people), not one figure reported three ways:
    // its disagreeing links are dropped and it falls apart into its agreeing parts.
    let mut parent = components_of(mentions.len(), &links);
    let mut crowded: HashSet<usize> = HashSet::default();
    {
        let mut classes: HashMap<usize, Vec<usize>> = HashMap::default();
        for idx in 0..mentions.len() {
            let root = find(&mut parent, idx);
            let reps = classes.entry(root).or_default();
            if !reps
                .iter()
                .any(|&r| one_value_or_age(&mentions[r], &mentions[idx]))
            {
                reps.push(idx);
            }
        }
        for (root, reps) in classes {
            if reps.len() >= 3 {
                crowded.insert(root);
            }
        }
        // The same count over the exact figures alone: a bound ("more than 200") agrees with
        // every value above it and would hold several quantities together.
        let mut exact: HashMap<usize, Vec<usize>> = HashMap::default();
        for (idx, mention) in mentions.iter().enumerate() {
            if mention.hedge != Hedge::Exact {
                continue;
            }
            let root = find(&mut parent, idx);
            let reps = exact.entry(root).or_default();
            if !reps
                .iter()
                .any(|&r| one_value_or_age(&mentions[r], mention))
            {
                reps.push(idx);
            }
        }
        for (root, reps) in exact {
            if reps.len() >= 3 {
                crowded.insert(root);
            }
        }
        // An article that itself gives two different values of the group in separate places
        // treats them as two quantities (a toll of this crash and of an earlier one, two
        // altitudes of one descent): the group is several quantities, not one in dispute. A
        // conflict within one sentence that the article links as one figure is its own slip
        // and stays; two values of one sentence it does not link ("a $1 million prize --
        // $500,000 to the winner") are a whole and a part, or two things: several quantities.
        let linked_within: HashSet<(usize, usize)> = edges
            .iter()
            .filter(|&&(a, b)| mentions[a].article == mentions[b].article)
            .map(|&(a, b)| (a.min(b), a.max(b)))
            .collect();
        let mut seen: HashMap<(usize, usize), Vec<usize>> = HashMap::default();
        for (idx, mention) in mentions.iter().enumerate() {
            let root = find(&mut parent, idx);
            seen.entry((root, mention.article)).or_default().push(idx);
        }
        for ((root, _), members) in seen {
            let two_values = members.iter().enumerate().any(|(i, &x)| {
                members[i + 1..].iter().any(|&y| {
                    if mentions[x].sentence == mentions[y].sentence {
                        !values_agree(&mentions[x], &mentions[y])
                            && !linked_within.contains(&(x.min(y), x.max(y)))
                    } else {
                        !written_alike(&mentions[x], &mentions[y])
                    }
                })
            });
            if two_values {
                crowded.insert(root);
            }
        }
    }
    if !crowded.is_empty() {
        let in_crowded: Vec<bool> = (0..mentions.len())
            .map(|idx| crowded.contains(&find(&mut parent, idx)))
            .collect();
        // A sentence copied with only its figure changed is one quantity told two ways
        // whatever else the group holds: the pair stays, as a quantity of its own (its two
        // figures lose their other links, which would pull the group's other quantities in).
        // Copies giving three or more values among them ("killed 30", "45", "60 people") are
        // several quantities like any other group, and are dropped.
        let copy_candidate = |a: usize, b: usize| {
            in_crowded[a]
                && in_crowded[b]
                && copied.contains(&(a, b))
                && !values_agree(&mentions[a], &mentions[b])
        };
        let copy_edges: Vec<(usize, usize)> = edges
            .iter()
            .copied()
            .filter(|&(a, b)| copy_candidate(a, b))
            .collect();
        let mut copy_parent = components_of(mentions.len(), &copy_edges);
        let mut copy_values: HashMap<usize, Vec<usize>> = HashMap::default();
        for &idx in copy_edges.iter().flat_map(|(a, b)| [a, b]) {
            let reps = copy_values.entry(find(&mut copy_parent, idx)).or_default();
            if !reps
                .iter()
                .any(|&r| values_agree(&mentions[r], &mentions[idx]))
            {
                reps.push(idx);
            }
        }
        let two_valued: Vec<bool> = (0..mentions.len())
            .map(|idx| {
                copy_values
                    .get(&find(&mut copy_parent, idx))
                    .is_some_and(|reps| reps.len() == 2)
            })
            .collect();
        let disputed_copy = |a: usize, b: usize| copy_candidate(a, b) && two_valued[a];
        let isolated: HashSet<usize> = edges
            .iter()
            .filter(|&&(a, b)| disputed_copy(a, b))
            .flat_map(|&(a, b)| [a, b])
            .collect();
        let keep = |&(a, b): &(usize, usize)| {
            if disputed_copy(a, b) {
                return true;
            }
            !(isolated.contains(&a) && in_crowded[b] || isolated.contains(&b) && in_crowded[a])
                && !(in_crowded[a] && in_crowded[b] && !values_agree(&mentions[a], &mentions[b]))
        };
        links.retain(keep);
        edges.retain(keep);
        parent = components_of(mentions.len(), &links);
    }

    let mut components: HashMap<usize, Vec<usize>> = HashMap::default();
    for idx in 0..mentions.len() {
        let root = find(&mut parent, idx);
        components.entry(root).or_default().push(idx);
    }
    let mut groups: Vec<Vec<usize>> = components
        .into_values()
        .filter(|members| members.len() > 1)
        .collect();
    groups.sort_unstable();
    // Two values that only one article gives are that writer's list or slip, not sources that
    // disagree (footnote markers, two items of one listing): such a group is no quantity.
    let disagreeing: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| !values_agree(&mentions[a], &mentions[b]))
        .collect();
    let mut disputed = vec![false; mentions.len()];
    for &(a, b) in &disagreeing {
        disputed[a] = true;
        disputed[b] = true;
    }
    groups.retain(|members| {
        let first = mentions[members[0]].article;
        !members.iter().all(|&m| mentions[m].article == first)
            || !members.iter().any(|&m| disputed[m])
    });

    let mut mention_quantity: Vec<Option<usize>> = vec![None; mentions.len()];
    for (quantity_idx, members) in groups.iter().enumerate() {
        for &m in members {
            mention_quantity[m] = Some(quantity_idx);
        }
    }
    let mut conflicts: Vec<Vec<(usize, usize)>> = vec![Vec::new(); groups.len()];
    for &(a, b) in &disagreeing {
        if let Some(q) = mention_quantity[a] {
            conflicts[q].push((a, b));
        }
    }

    let mut quantities: Vec<Quantity> = groups
        .iter()
        .zip(&conflicts)
        .map(|(members, conflict_pairs)| {
            build_quantity(members, conflict_pairs, &mentions, docs, dates)
        })
        .collect();
    add_slip_notes(&mut quantities, &groups, &conflicts, &mentions);
    let disagreements = quantities
        .iter()
        .enumerate()
        .filter(|(_, q)| q.status == "disagree")
        .map(|(i, _)| i)
        .collect();
    let updates = quantities
        .iter()
        .enumerate()
        .filter(|(_, q)| q.status == "update")
        .map(|(i, _)| i)
        .collect();
    let out_mentions = mentions
        .iter()
        .zip(&mention_quantity)
        .map(|(m, quantity)| FigureMention {
            excerpt: docs[m.article].excerpt(m.span),
            sentence: docs[m.article].excerpt(docs[m.article].sentences[m.sentence].span),
            value: m.value,
            kind: m.kind.name().to_string(),
            hedge: m.hedge.name().to_string(),
            currency: m.currency.map(str::to_string),
            measure: describe(m),
            quantity: *quantity,
        })
        .collect();
    Figures {
        mentions: out_mentions,
        quantities,
        disagreements,
        updates,
    }
}

/// For each mention whose sentence gives another value of the same kind, currency and named
/// unit (not an end of a range or change written there, whose two values are one figure's): its
/// place among the sentence's figures of that unit and their number. Such a sentence tells
/// several quantities of one unit apart.
fn several_in_sentence(mentions: &[Mention]) -> Vec<Option<(usize, usize)>> {
    let mut out = vec![None; mentions.len()];
    let counted = |m: &Mention| {
        // Only a named unit counts: sums of money without one ("her $10.6 million fortune, a
        // $10,000 bequest") and ages (whose owners are checked) often sit together.
        !m.range_end
            && m.head.is_some()
            && !matches!(
                m.kind,
                Kind::Year | Kind::Date | Kind::Label | Kind::Number | Kind::Age
            )
    };
    let mut start = 0;
    while start < mentions.len() {
        let key = (mentions[start].article, mentions[start].sentence);
        let end = start
            + mentions[start..]
                .iter()
                .take_while(|m| (m.article, m.sentence) == key)
                .count();
        let same_unit = |a: &Mention, b: &Mention| {
            a.kind == b.kind && a.currency == b.currency && a.head == b.head
        };
        for i in start..end {
            let a = &mentions[i];
            if !counted(a) {
                continue;
            }
            let unit: Vec<usize> = (start..end)
                .filter(|&j| counted(&mentions[j]) && same_unit(a, &mentions[j]))
                .collect();
            if unit.iter().any(|&j| !values_agree(a, &mentions[j])) {
                let place = unit.iter().position(|&j| j == i).unwrap_or(0);
                out[i] = Some((place, unit.len()));
            }
        }
        start = end;
    }
    out
}

/// Whether two sentences give one figure different values: a count, sum, percentage or age of
/// the same kind, currency and head noun, with compatible qualifiers, whose values disagree
/// (beyond hedges, bounds and rounding) while the other sentence has no value agreeing with it.
/// Remainders ("the other 14") are left out. Such a sentence does not support the other.
pub(crate) fn sentences_conflict(
    a: &Doc<'_>,
    a_sentence: usize,
    b: &Doc<'_>,
    b_sentence: usize,
) -> bool {
    let ma = SentenceFigures::of(a, a_sentence);
    ma.comparable() && ma.conflicts_with(&SentenceFigures::of(b, b_sentence))
}

/// The figures of one sentence, for [`sentences_conflict`] with several others, and its words
/// (for [`copy_with_numbers_changed`]) when it may hold a number word ([`may_hold_number_word`]).
pub(crate) struct SentenceFigures(Vec<Mention>, Vec<String>);

impl SentenceFigures {
    /// The figures of sentence `idx` of `doc`.
    pub(crate) fn of(doc: &Doc<'_>, idx: usize) -> Self {
        let mut out = Vec::new();
        let mut words = Vec::new();
        if let Some(sentence) = doc.sentences.get(idx) {
            extract_sentence(doc, idx, sentence, &mut out);
            let text = doc.slice(sentence.span);
            // A sentence without a number word is no copy with a number changed: no words.
            if may_hold_number_word(text) {
                words = copy_words(text);
            }
        }
        SentenceFigures(out, words)
    }

    /// Whether one of them may conflict with another sentence's ([`sentences_conflict`]).
    pub(crate) fn comparable(&self) -> bool {
        self.0.iter().any(comparable) || self.1.iter().any(|w| number_word(w))
    }

    /// [`sentences_conflict`] of the two sentences.
    pub(crate) fn conflicts_with(&self, other: &SentenceFigures) -> bool {
        // One sentence copied with only a number changed ("29 nations have ratified it and 11
        // others have accepted it" and "... and 28 others ..."): whatever the number counts,
        // with a head or none, a remainder or an end of a range, the copy gives it another value.
        if copy_with_numbers_changed(&self.1, &other.1) {
            return true;
        }
        let (ma, mb) = (&self.0, &other.0);
        ma.iter().filter(|m| comparable(m)).any(|x| {
            let same: Vec<&Mention> = mb
                .iter()
                .filter(|m| comparable(m))
                .filter(|y| {
                    y.kind == x.kind
                        && y.rate == x.rate
                        && y.negated == x.negated
                        && y.currency == x.currency
                        && y.head == x.head
                        && qualifiers_compatible(x, y)
                        && dimensions_compatible(x, y)
                })
                .collect();
            !same.is_empty() && !same.iter().any(|y| values_agree(x, y))
        })
    }
}

/// The text of a figure's sentence.
fn sentence_text<'d>(m: &Mention, docs: &'d [Doc<'_>]) -> &'d str {
    let doc = &docs[m.article];
    doc.slice(doc.sentences[m.sentence].span)
}

/// Words of a sentence shared with its copy that make it a copy, not a short formula ("He was
/// 5."): [`copy_with_numbers_changed`] needs at least this many.
const COPY_SHARED_WORDS: usize = 6;

/// The lower-case words of a sentence for [`copy_with_numbers_changed`]: runs of letters and
/// digits, a number's separators (",", ".") between digits kept inside it ("2,600", "5.9").
fn copy_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    let mut previous = None;
    while let Some(c) = chars.next() {
        let inner_separator = matches!(c, ',' | '.')
            && previous.is_some_and(|p: char| p.is_ascii_digit())
            && chars.peek().is_some_and(char::is_ascii_digit);
        if c.is_alphanumeric() || inner_separator {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        previous = Some(c);
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Whether some word of [`copy_words`] of `text` may be a [`number_word`], read without building
/// them: a digit anywhere, or an alphanumeric run that is a spelled number or a scale word in any
/// case (no spelled number or scale holds a letter that lower-cases to ASCII from outside it).
fn may_hold_number_word(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
        || text.split(|c: char| !c.is_alphanumeric()).any(|w| {
            spelled_value(w).is_some()
                || ["hundred", "thousand", "million", "billion", "trillion"]
                    .iter()
                    .any(|scale| w.eq_ignore_ascii_case(scale))
        })
}

/// Whether a word of [`copy_words`] is (part of) a number: digits, a spelled number or a scale.
fn number_word(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        || spelled_value(word).is_some()
        || matches!(
            word,
            "hundred" | "thousand" | "million" | "billion" | "trillion"
        )
}

/// The value of a run of [`number_word`]s: a number ("2,600", "seven", "twenty five"), then
/// scales ("2 million"); `None` for anything else.
fn run_value(run: &[String]) -> Option<f64> {
    let scale = |w: &str| match w {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    };
    let (first, rest) = run.split_first()?;
    let mut value = spelled_value(first).or_else(|| first.replace(',', "").parse().ok())?;
    let mut rest = rest;
    // "twenty five" (written "twenty-five"): a tens word and a unit.
    if let Some((unit, after)) = rest.split_first()
        && value >= 20.0
        && value % 10.0 == 0.0
        && let Some(u) = spelled_value(unit).filter(|&u| u < 10.0)
    {
        value += u;
        rest = after;
    }
    for word in rest {
        value *= scale(word)?;
    }
    Some(value)
}

/// Whether two sentences are one sentence written twice with only numbers changed: word for
/// word the same (ignoring case and punctuation), at least [`COPY_SHARED_WORDS`] words shared,
/// except runs of number words standing in the same place, one of which at least gives
/// another value ("approved by 40 other countries" and "approved by 16 other countries", "the 7-
/// to 35-year-old market" and "the 7- to 25-year-old market").
fn copy_with_numbers_changed(a: &[String], b: &[String]) -> bool {
    let (mut i, mut j) = (0, 0);
    let (mut shared, mut changed) = (0, false);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            shared += 1;
            i += 1;
            j += 1;
            continue;
        }
        if !number_word(&a[i]) || !number_word(&b[j]) {
            return false;
        }
        let (start_a, start_b) = (i, j);
        while i < a.len() && number_word(&a[i]) {
            i += 1;
        }
        while j < b.len() && number_word(&b[j]) {
            j += 1;
        }
        let (run_a, run_b) = (&a[start_a..i], &b[start_b..j]);
        let same_value =
            matches!((run_value(run_a), run_value(run_b)), (Some(va), Some(vb)) if va == vb);
        changed |= !same_value;
    }
    i == a.len() && j == b.len() && changed && shared >= COPY_SHARED_WORDS
}

/// A figure [`sentences_conflict`] compares: a count, sum, percentage or age, no remainder and
/// no end of a range.
fn comparable(m: &Mention) -> bool {
    matches!(
        m.kind,
        Kind::Count | Kind::Money | Kind::Percent | Kind::Age
    ) && !m.partial
        && !m.range_end
}

/// A possible cross-article link.
struct Candidate {
    a: usize,
    b: usize,
    agree: bool,
    weight: f64,
    /// One sentence copied with the figure changed ([`aligned`]).
    aligned: bool,
    /// The two sentences say nearly the same thing ([`Strength::by_sentence`]).
    by_sentence: bool,
}

/// Inverse sentence frequency of content stems within the cluster: a stem that few sentences use
/// is better evidence that two figures talk about the same thing.
struct Idf<'a> {
    /// Each stem's weight (and its slot while counting), computed once:
    /// `link_strength` looks weights up for every stem of two sentences, for up to
    /// [`MAX_COMPARE`] pairs per figure.
    weights: FxHashMap<&'a str, (f64, usize)>,
    /// The weight of a stem no sentence has.
    unseen: f64,
    /// The figures' sentence stem sets as weighted id lists, one per shared set (see
    /// [`Idf::sentence_similarity`]).
    sentences: Vec<WeightedStems>,
    /// Each mention's slot of `sentences`, by mention index.
    sentence_of: Vec<u32>,
    /// Whether each mention's figure is a multiplier ("three times the rate"), by mention index.
    multiplier: Vec<bool>,
    /// Each mention's context and qualifier stems as ids (see [`Idf::index_contexts`]), by
    /// mention index.
    contexts: Vec<ContextIds>,
    /// [`Idf::weight`] of each context id.
    context_weights: Vec<f64>,
    /// [`Idf::weight`] plus [`JACCARD_FLOOR`] of each context id.
    context_floored: Vec<f64>,
}

/// A mention's context stems and qualifiers, one entry per distinct stem: ids ascending, and
/// whether the stem is in its context, its qualifiers, or both.
#[derive(Default)]
struct ContextIds {
    ids: Vec<u32>,
    in_context: Vec<bool>,
    in_qualifiers: Vec<bool>,
}

/// A stem set with [`Idf::jaccard`]'s weights: ids ascending, each stem's weight with the floor,
/// and their sum; and the same weights in the stems' alphabetical order, by the stems' ranks in
/// that order.
struct WeightedStems {
    ids: Vec<u32>,
    weights: Vec<f64>,
    total: f64,
    ranks: Vec<u32>,
    ranked_weights: Vec<f64>,
}

impl<'a> Idf<'a> {
    fn new(docs: &[Doc<'a>]) -> Self {
        const NO_SLOT: usize = usize::MAX;
        // Each stem's slot of `counts`: its sentence count and the last sentence that counted
        // it (a stem counts once per sentence without a set of the sentence's stems). The
        // count is kept as a float (exact far beyond any cluster's sentences).
        let mut df: FxHashMap<&'a str, (f64, usize)> = FxHashMap::default();
        // Tokens of one surface form share one stem string: each string's slot of `counts` (or
        // `NO_SLOT` for a stem that is no word) is found by its address, its text read once.
        let mut slot_of: FxHashMap<usize, usize> = FxHashMap::default();
        let mut counts: Vec<(f64, usize)> = Vec::new();
        let mut n_sentences = 0;
        for doc in docs {
            for sentence in doc.sentences {
                n_sentences += 1;
                for token in &sentence.tokens {
                    if token.is_stopword {
                        continue;
                    }
                    let address = Arc::as_ptr(&token.stem).cast::<u8>().addr();
                    let slot = *slot_of.entry(address).or_insert_with(|| {
                        if !is_wordy(token) {
                            return NO_SLOT;
                        }
                        let next = counts.len();
                        let (_, slot) = df.entry(base_form(&token.stem)).or_insert((0.0, next));
                        if *slot == next {
                            counts.push((0.0, 0));
                        }
                        *slot
                    });
                    let Some((count, last)) = counts.get_mut(slot) else {
                        continue;
                    };
                    if *last != n_sentences {
                        *count += 1.0;
                        *last = n_sentences;
                    }
                }
            }
        }
        let weight = |df: f64| ((n_sentences as f64 + 1.0) / (df + 1.0)).ln().max(0.0);
        for (value, slot) in df.values_mut() {
            *value = weight(counts[*slot].0);
        }
        Idf {
            unseen: weight(0.0),
            weights: df,
            sentences: Vec::new(),
            sentence_of: Vec::new(),
            multiplier: Vec::new(),
            contexts: Vec::new(),
            context_weights: Vec::new(),
            context_floored: Vec::new(),
        }
    }

    /// Gives every context and qualifier stem of the mentions an id, in alphabetical order over
    /// all of them, so that a merge of two mentions' id lists visits their stems in the order
    /// [`sum_in_order`] adds them: [`link_strength`] then compares contexts without building
    /// or hashing string sets, with the same sums to the bit.
    fn index_contexts(&mut self, mentions: &[Mention]) {
        // Distinct first: the mentions repeat most stems.
        let distinct: HashSet<&str> = mentions
            .iter()
            .flat_map(|m| m.context.iter().chain(m.qualifiers.iter()))
            .map(String::as_str)
            .collect();
        let mut stems: Vec<&str> = distinct.into_iter().collect();
        stems.sort_unstable();
        let ids: FxHashMap<&str, u32> = stems
            .iter()
            .enumerate()
            .map(|(id, &stem)| (stem, u32::try_from(id).unwrap_or(u32::MAX)))
            .collect();
        self.context_weights = stems.iter().map(|stem| self.weight(stem)).collect();
        self.context_floored = stems
            .iter()
            .map(|stem| self.weight(stem) + JACCARD_FLOOR)
            .collect();
        self.contexts = mentions
            .iter()
            .map(|m| {
                let mut entries: Vec<(u32, bool, bool)> = m
                    .context
                    .iter()
                    .map(|stem| (ids[stem.as_str()], true, false))
                    .chain(m.qualifiers.iter().map(|q| (ids[q.as_str()], false, true)))
                    .collect();
                entries.sort_unstable();
                let mut out = ContextIds::default();
                for (id, context, qualifier) in entries {
                    if out.ids.last() == Some(&id) {
                        if let Some(last) = out.in_context.last_mut() {
                            *last |= context;
                        }
                        if let Some(last) = out.in_qualifiers.last_mut() {
                            *last |= qualifier;
                        }
                    } else {
                        out.ids.push(id);
                        out.in_context.push(context);
                        out.in_qualifiers.push(qualifier);
                    }
                }
                out
            })
            .collect();
    }

    /// The context ids of mention `idx` (empty before [`Idf::index_contexts`]).
    fn context(&self, idx: usize) -> &ContextIds {
        static EMPTY: ContextIds = ContextIds {
            ids: Vec::new(),
            in_context: Vec::new(),
            in_qualifiers: Vec::new(),
        };
        self.contexts.get(idx).unwrap_or(&EMPTY)
    }

    /// Turns every mention's sentence stem set into a [`WeightedStems`] once: the sentence
    /// similarity of two figures is then a merge of two id lists, not a weight look-up per stem
    /// and pair.
    fn index_sentences(&mut self, mentions: &[Mention], docs: &[Doc<'_>]) {
        const NO_ID: u32 = u32::MAX;
        // Each distinct stem text once, with its slot of `texts`; each stem string's slot by its
        // address: sentences share most stem strings with their tokens, and an address hashes
        // cheaper than a text.
        let mut slot_of_text: FxHashMap<&str, u32> = FxHashMap::default();
        let mut slot_of_address: FxHashMap<usize, u32> = FxHashMap::default();
        let mut texts: Vec<&str> = Vec::new();
        let mut slots: FxHashMap<usize, u32> = FxHashMap::default();
        // Each distinct sentence's stems as slots of `texts`.
        let mut sentence_slots: Vec<Vec<u32>> = Vec::new();
        let mut sentence_of = Vec::with_capacity(mentions.len());
        for mention in mentions {
            let key = Arc::as_ptr(&mention.sentence_stems).addr();
            let next = u32::try_from(sentence_slots.len()).unwrap_or(u32::MAX);
            let slot = *slots.entry(key).or_insert(next);
            sentence_of.push(slot);
            if slot != next {
                continue;
            }
            sentence_slots.push(
                mention
                    .sentence_stems
                    .iter()
                    .map(|stem| {
                        let address = Arc::as_ptr(stem).cast::<u8>().addr();
                        *slot_of_address.entry(address).or_insert_with(|| {
                            let next = u32::try_from(texts.len()).unwrap_or(u32::MAX);
                            let text_slot = *slot_of_text.entry(&**stem).or_insert(next);
                            if text_slot == next {
                                texts.push(&**stem);
                            }
                            text_slot
                        })
                    })
                    .collect(),
            );
        }
        // Every stem's rank in the alphabetical order of all of them, by slot: one sort of the
        // texts, then sentences sort their slots by rank (each stem once per sentence, so in
        // the texts' alphabetical order).
        let mut alphabetical: Vec<u32> =
            (0..u32::try_from(texts.len()).unwrap_or(u32::MAX)).collect();
        alphabetical.sort_unstable_by_key(|&slot| texts[slot as usize]);
        let mut rank_of_slot = vec![0u32; texts.len()];
        for (r, &slot) in alphabetical.iter().enumerate() {
            rank_of_slot[slot as usize] = u32::try_from(r).unwrap_or(u32::MAX);
        }
        // Ids are given in alphabetical order within a sentence, sentence by sentence, so sums
        // in id order are the same from run to run.
        let mut id_of_slot = vec![NO_ID; texts.len()];
        let mut weight_of_slot = vec![0.0; texts.len()];
        let mut next_id = 0u32;
        let mut sentences = Vec::with_capacity(sentence_slots.len());
        for mut stems in sentence_slots {
            stems.sort_unstable_by_key(|&slot| rank_of_slot[slot as usize]);
            let mut pairs: Vec<(u32, f64)> = stems
                .iter()
                .map(|&slot| {
                    let slot = slot as usize;
                    if id_of_slot[slot] == NO_ID {
                        id_of_slot[slot] = next_id;
                        next_id += 1;
                        weight_of_slot[slot] = self.weight(texts[slot]) + JACCARD_FLOOR;
                    }
                    (id_of_slot[slot], weight_of_slot[slot])
                })
                .collect();
            // The alphabetical order, by rank.
            let (ranks, ranked_weights): (Vec<u32>, Vec<f64>) = stems
                .iter()
                .zip(&pairs)
                .map(|(&slot, &(_, w))| (rank_of_slot[slot as usize], w))
                .unzip();
            pairs.sort_unstable_by_key(|&(id, _)| id);
            sentences.push(WeightedStems {
                total: pairs.iter().map(|&(_, w)| w).sum(),
                ids: pairs.iter().map(|&(id, _)| id).collect(),
                weights: pairs.iter().map(|&(_, w)| w).collect(),
                ranks,
                ranked_weights,
            });
        }
        self.sentences = sentences;
        self.sentence_of = sentence_of;
        // "three times the rate" is a multiplier, not a count.
        self.multiplier = mentions
            .iter()
            .map(|m| {
                docs[m.article]
                    .text
                    .get(m.span.end..)
                    .is_some_and(|rest| rest.trim_start().starts_with("times"))
            })
            .collect();
    }

    /// [`Idf::jaccard`] of the sentence stems of mentions `a` and `b` (indices), from their
    /// [`WeightedStems`] (the same value up to the order of the additions).
    fn sentence_similarity(&self, a: usize, b: usize) -> f64 {
        let (wa, wb) = (
            &self.sentences[self.sentence_of[a] as usize],
            &self.sentences[self.sentence_of[b] as usize],
        );
        let (mut i, mut j, mut shared) = (0, 0, 0.0);
        while i < wa.ids.len() && j < wb.ids.len() {
            match wa.ids[i].cmp(&wb.ids[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += wa.weights[i];
                    i += 1;
                    j += 1;
                }
            }
        }
        let all = wa.total + wb.total - shared;
        if all <= 0.0 { 0.0 } else { shared / all }
    }

    /// Whether [`Idf::sentence_similarity`] of mentions `a` and `b` may reach
    /// [`SENTENCE_SIMILARITY`]: it is at most the ratio of the lighter sentence's weight to the
    /// heavier's (every weight is positive), checked here with a margin far above rounding.
    fn may_be_similar(&self, a: usize, b: usize) -> bool {
        let (wa, wb) = (
            &self.sentences[self.sentence_of[a] as usize],
            &self.sentences[self.sentence_of[b] as usize],
        );
        let (low, high) = (wa.total.min(wb.total), wa.total.max(wb.total));
        low >= 0.9 * SENTENCE_SIMILARITY * high
    }

    fn weight(&self, stem: &str) -> f64 {
        self.weights
            .get(stem)
            .map_or(self.unseen, |&(weight, _)| weight)
    }

    /// [`Idf::jaccard`] of the sentence stems of mentions `a` and `b` (indices), from their
    /// [`WeightedStems`] in alphabetical order: the same sums, added in the same order.
    fn sentence_jaccard(&self, first: usize, second: usize) -> f64 {
        let (wa, wb) = (
            &self.sentences[self.sentence_of[first] as usize],
            &self.sentences[self.sentence_of[second] as usize],
        );
        let mut shared: f64 = std::iter::empty::<f64>().sum();
        let mut all: f64 = std::iter::empty::<f64>().sum();
        walk_sorted(&wa.ranks, &wb.ranks, |step| match step {
            Step::First(pa) => all += wa.ranked_weights[pa],
            Step::Second(pb) => all += wb.ranked_weights[pb],
            Step::Both(pa, _) => {
                shared += wa.ranked_weights[pa];
                all += wa.ranked_weights[pa];
            }
        });
        if all <= 0.0 { 0.0 } else { shared / all }
    }

    /// Weighted Jaccard similarity of two stem sets.
    #[cfg(test)]
    fn jaccard(&self, a: &HashSet<Arc<str>>, b: &HashSet<Arc<str>>) -> f64 {
        // A small floor keeps words every sentence uses from weighing nothing (a cluster of
        // near-identical reports).
        let w = |s: &Arc<str>| self.weight(s) + JACCARD_FLOOR;
        let shared = sum_in_order(a.intersection(b), w);
        let all = sum_in_order(a.union(b), w);
        if all <= 0.0 { 0.0 } else { shared / all }
    }

    /// How many context stems mentions `a` and `b` share, and how many they have together.
    fn context_counts(&self, first: usize, second: usize) -> (usize, usize) {
        let (ca, cb) = (self.context(first), self.context(second));
        let (mut shared, mut union) = (0, 0);
        walk_sorted(&ca.ids, &cb.ids, |step| match step {
            Step::First(pa) => union += usize::from(ca.in_context[pa]),
            Step::Second(pb) => union += usize::from(cb.in_context[pb]),
            Step::Both(pa, pb) => {
                let (in_a, in_b) = (ca.in_context[pa], cb.in_context[pb]);
                shared += usize::from(in_a && in_b);
                union += usize::from(in_a || in_b);
            }
        });
        (shared, union)
    }

    /// Summed weight of the context stems mentions `a` and `b` share, added in alphabetical
    /// order.
    fn shared_weight(&self, a: usize, b: usize) -> f64 {
        let (ca, cb) = (self.context(a), self.context(b));
        let mut shared: f64 = std::iter::empty::<f64>().sum();
        let (mut i, mut j) = (0, 0);
        while i < ca.ids.len() && j < cb.ids.len() {
            match ca.ids[i].cmp(&cb.ids[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    if ca.in_context[i] && cb.in_context[j] {
                        shared += self.context_weights[ca.ids[i] as usize];
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        shared
    }
}

/// The sum of `weight` over `stems`, added in the stems' alphabetical order: a set's own order
/// changes from run to run, and a sum that lands on a threshold must not.
#[cfg(test)]
fn sum_in_order<'a>(
    stems: impl Iterator<Item = &'a Arc<str>>,
    weight: impl Fn(&'a Arc<str>) -> f64,
) -> f64 {
    let mut stems: Vec<&Arc<str>> = stems.collect();
    stems.sort_unstable();
    stems.into_iter().map(weight).sum()
}

/// Added to every stem's weight in [`Idf::jaccard`].
const JACCARD_FLOOR: f64 = 0.1;

/// Summed inverse sentence frequency of shared context stems that links two figures of different
/// articles on its own (about one stem used by one sentence in twenty).
const LINK_WEIGHT: f64 = 3.0;
/// Two reports of one quantity rarely differ by more than this factor; beyond it the figures are
/// more likely two quantities with a shared context.
const MAX_RATIO: f64 = 3.0;

fn qualifiers_compatible(a: &Mention, b: &Mention) -> bool {
    a.qualifiers.is_empty()
        || b.qualifiers.is_empty()
        || a.qualifiers.iter().any(|q| b.qualifiers.contains(q))
}

/// Whether two figures of different articles (same bucket) are one quantity: compatible
/// qualifiers, and contexts that share enough stems or enough rare ones.
fn cross_article_link((ia, a): (usize, &Mention), (ib, b): (usize, &Mention), idf: &Idf) -> bool {
    if a.kind == Kind::Number || !qualifiers_compatible(a, b) {
        return false;
    }
    // A part (a remainder, a line of a breakdown: [`Mention::partial`]) is compared with
    // nothing but an equal value of a whole; two remainders ("55 others", "62 others") can be.
    if a.partial != b.partial && !values_agree(a, b) {
        return false;
    }
    let (low, high) = (
        a.value.abs().min(b.value.abs()),
        a.value.abs().max(b.value.abs()),
    );
    if high > low * MAX_RATIO && !values_agree(a, b) {
        return false;
    }
    let (shared, union) = idf.context_counts(ia, ib);
    let union = union.max(1);
    let jaccard = shared as f64 / union as f64;
    let by_count = match (
        a.head.is_some(),
        !a.qualifiers.is_empty() && !b.qualifiers.is_empty(),
    ) {
        (true, true) => shared >= 1,
        (true, false) | (false, true) => shared >= 2 && jaccard >= 0.2,
        (false, false) => shared >= 3 && jaccard >= 0.3,
    };
    let needed = if a.head.is_some() {
        LINK_WEIGHT
    } else {
        1.5 * LINK_WEIGHT
    };
    by_count || idf.shared_weight(ia, ib) >= needed
}

/// For two figures of different articles whose values disagree ([`values_agree`]): whether
/// [`link_strength`] gives them none for what it reads first (an end of a range, a part beside a
/// whole, values too far apart).
/// Whether two figures of one group count as one value when a group's values are counted
/// ([`analyze`]'s crowded groups): equal values, or a person's age given a year apart (the
/// reports were written either side of a birthday, or one slipped). "21, 21, 22 and once 15" is
/// one person's age and one report that differs from it, while "32, 44 and 50" are the ages of
/// several people sharing a name.
fn one_value_or_age(a: &Mention, b: &Mention) -> bool {
    values_agree(a, b)
        || a.kind == Kind::Age
            && b.kind == Kind::Age
            && person_age(a)
            && person_age(b)
            && (a.value - b.value).abs() <= 1.0
}

fn never_linked(a: &Mention, b: &Mention) -> bool {
    let (low, high) = (
        a.value.abs().min(b.value.abs()),
        a.value.abs().max(b.value.abs()),
    );
    a.range_end
        || b.range_end
        || a.partial != b.partial
        || a.kind != Kind::Number && !a.partial && high > low * MAX_RATIO
}

/// Whether two figures are the objects or subjects of one verb ([`Mention::predicate`]): with
/// shared rare context ([`cross_article_link`]) that makes them one quantity whatever their values
/// ("the company lost $2.1 billion" and "when the company lost $5.2 billion").
fn same_predicate(a: &Mention, b: &Mention) -> bool {
    a.predicate.is_some() && a.predicate == b.predicate
}

/// How strongly two figures of different articles read as one quantity, whatever their values.
#[derive(Debug, Clone, Copy)]
struct Strength {
    /// The larger of the sentence and the context similarity.
    similarity: f64,
    /// True when the sentences themselves say nearly the same thing (a rewrite of one report).
    by_sentence: bool,
    /// True for two ages of one named person.
    by_name: bool,
}

/// IDF-weighted Jaccard similarity of the two sentences at which a figure counts as the same
/// report rewritten.
const SENTENCE_SIMILARITY: f64 = 0.5;
/// The least similarity given to two ages of one named person.
const AGE_BY_NAME: f64 = 0.1;
/// IDF-weighted Jaccard similarity of the two figures' own clauses (with head and qualifiers).
const CONTEXT_SIMILARITY: f64 = 0.2;

/// A link that does not depend on the values: same bucket (the caller's), compatible qualifiers,
/// values within [`MAX_RATIO`], and either nearly the same sentence or nearly the same clause
/// with enough rare words shared.
fn link_strength(
    (ia, a): (usize, &Mention),
    (ib, b): (usize, &Mention),
    idf: &Idf,
    around: &Around,
    docs: &[Doc<'_>],
) -> Option<Strength> {
    let (ca, cb) = (idf.context(ia), idf.context(ib));
    if a.range_end
        || b.range_end
        || a.partial != b.partial
        || !qualifiers_compatible(a, b)
        || !dimensions_compatible(a, b)
    {
        return None;
    }
    // A figure with no head of its own ("only seven have carried out ...") or a remainder ("and
    // 11 others have accepted it") says what it counts only through its sentence: it is one
    // quantity with the figure at the same place of the same sentence written again, and with
    // nothing else.
    if a.kind == Kind::Number || a.partial {
        // "three times the rate" is a multiplier, not a count.
        let multiplier = |idx: usize| idf.multiplier[idx];
        // A bare number that is no verb's subject or object names something ("won stage 13",
        // "chapter 11"): it is no count.
        let bare_name = |m: &Mention| m.kind == Kind::Number && m.predicate.is_none();
        if multiplier(ia) || multiplier(ib) || bare_name(a) || bare_name(b) {
            return None;
        }
        if !idf.may_be_similar(ia, ib) {
            return None;
        }
        let sentence = idf.sentence_similarity(ia, ib);
        return (sentence >= SENTENCE_SIMILARITY
            && a.sentence_names == b.sentence_names
            && aligned((ia, a), (ib, b), around, docs))
        .then_some(Strength {
            similarity: sentence,
            by_sentence: true,
            by_name: false,
        });
    }
    let (low, high) = (
        a.value.abs().min(b.value.abs()),
        a.value.abs().max(b.value.abs()),
    );
    if high > low * MAX_RATIO && !values_agree(a, b) {
        return None;
    }
    // One person has one age: a shared name links two ages.
    if a.kind == Kind::Age && person_age(a) && person_age(b) && same_owner(a, b) {
        let sentence = idf.sentence_similarity(ia, ib);
        return Some(Strength {
            similarity: sentence.max(AGE_BY_NAME),
            by_sentence: sentence >= SENTENCE_SIMILARITY,
            by_name: true,
        });
    }
    // One merge of the two id lists (context and qualifiers together) gives the weighted
    // Jaccard similarity, the shared weight, and whether a shared stem is not one of `a`'s
    // qualifiers; sums run in id order, which is alphabetical.
    let mut shared_floored: f64 = std::iter::empty::<f64>().sum();
    let mut all_floored: f64 = std::iter::empty::<f64>().sum();
    let mut shared: f64 = std::iter::empty::<f64>().sum();
    let mut shares_non_qualifier = false;
    let (mut pa, mut pb) = (0, 0);
    while pa < ca.ids.len() || pb < cb.ids.len() {
        let order = match (ca.ids.get(pa), cb.ids.get(pb)) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        match order {
            std::cmp::Ordering::Less => {
                all_floored += idf.context_floored[ca.ids[pa] as usize];
                pa += 1;
            }
            std::cmp::Ordering::Greater => {
                all_floored += idf.context_floored[cb.ids[pb] as usize];
                pb += 1;
            }
            std::cmp::Ordering::Equal => {
                let id = ca.ids[pa] as usize;
                all_floored += idf.context_floored[id];
                shared_floored += idf.context_floored[id];
                shared += idf.context_weights[id];
                shares_non_qualifier |= !ca.in_qualifiers[pa];
                pa += 1;
                pb += 1;
            }
        }
    }
    let context = if all_floored <= 0.0 {
        0.0
    } else {
        shared_floored / all_floored
    };
    // Nearly the same sentence about different named things ("In Norland, 32 people died" and
    // "In Southmark, 21 people died") is two quantities.
    let names_differ = || {
        a.sentence_names
            .difference(&b.sentence_names)
            .next()
            .is_some()
            && b.sentence_names
                .difference(&a.sentence_names)
                .next()
                .is_some()
    };
    let needed = if a.head.is_some() {
        LINK_WEIGHT
    } else {
        1.5 * LINK_WEIGHT
    };
    // Same head noun and the same named qualifier ("per cent of territory ... in Southmark"),
    // with some context shared.
    let named = a.head.is_some()
        && a.qualifiers.iter().any(|q| b.qualifiers.contains(q))
        && shares_non_qualifier;
    let by_context = context >= CONTEXT_SIMILARITY && shared >= needed;
    // Most pairs link by nothing: their sentences' similarity is read only when it may count.
    if !named && !by_context && !idf.may_be_similar(ia, ib) {
        return None;
    }
    let sentence = idf.sentence_similarity(ia, ib);
    // A sentence of one or two content words ("That was seven years ago") is too short to be
    // recognised as a rewrite unless its figure stands in the same place ([`aligned`]).
    let by_sentence = sentence >= SENTENCE_SIMILARITY
        && !names_differ()
        && (a.sentence_stems.len().min(b.sentence_stems.len()) >= 3
            || aligned((ia, a), (ib, b), around, docs));
    (by_sentence || named || by_context).then_some(Strength {
        similarity: sentence.max(context),
        by_sentence,
        by_name: false,
    })
}

/// Words of a figure's sentence compared on each side of it by [`aligned`].
const ALIGN_WORDS: usize = 4;

/// Whether two figures stand in the same place of one sentence written twice: the
/// [`ALIGN_WORDS`] words before the figure (hedge included) and after it (head included) are
/// the same in both sentences, and there are at least three of them ("the company will offer
/// it at about 400 dealerships, officials said" and "... at about 1,000 dealerships, ..."). The
/// caller has checked that the sentences are nearly the same.
fn aligned(
    (ia, a): (usize, &Mention),
    (ib, b): (usize, &Mention),
    around: &Around,
    docs: &[Doc<'_>],
) -> bool {
    let (wa, wb) = (around.of(ia, a, docs), around.of(ib, b, docs));
    // Spans differ when one head runs longer ("400 dealerships" vs "$400"): then the words
    // differ too and the figures are not aligned.
    wa.before == wb.before && wa.after == wb.after && wa.before.len() + wa.after.len() >= 3
}

/// The words (runs of letters and digits) nearest a figure on each side of it in its sentence,
/// nearest first, at most [`ALIGN_WORDS`] each, lower-cased. Two ASCII words are equal ignoring
/// ASCII case exactly when their lower-case forms are equal, so comparing these is comparing
/// the words as written, ignoring case.
struct AroundWords {
    before: Vec<String>,
    after: Vec<String>,
}

/// [`AroundWords`] of each mention (by its index in `analyze`'s list), worked out on first use:
/// [`aligned`] runs for many pairs of one figure.
struct Around {
    words: Vec<OnceCell<AroundWords>>,
}

impl Around {
    fn new(mentions: &[Mention]) -> Self {
        Around {
            words: mentions.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    fn of(&self, idx: usize, m: &Mention, docs: &[Doc<'_>]) -> &AroundWords {
        self.words[idx].get_or_init(|| around_words(m, docs))
    }
}

fn around_words(m: &Mention, docs: &[Doc<'_>]) -> AroundWords {
    let doc = &docs[m.article];
    let sentence = doc.sentences[m.sentence].span;
    let is_gap = |c: char| !c.is_alphanumeric();
    AroundWords {
        before: doc
            .text
            .get(sentence.start..m.span.start)
            .unwrap_or("")
            .rsplit(is_gap)
            .filter(|w| !w.is_empty())
            .take(ALIGN_WORDS)
            .map(str::to_lowercase)
            .collect(),
        after: doc
            .text
            .get(m.span.end..sentence.end)
            .unwrap_or("")
            .split(is_gap)
            .filter(|w| !w.is_empty())
            .take(ALIGN_WORDS)
            .map(str::to_lowercase)
            .collect(),
    }
}

/// Ages and durations belong to someone: two named owners must share a name, and without a name
/// on one side only a rewritten sentence links them.
fn owners_compatible(a: &Mention, b: &Mention, by_sentence: bool) -> bool {
    let owned = |m: &Mention| {
        m.kind == Kind::Age
            || m.head
                .as_deref()
                .is_some_and(|h| DURATION_STEMS.contains(&h))
    };
    if !owned(a) && !owned(b) {
        return true;
    }
    if !a.owners.is_empty() && !b.owners.is_empty() && person_age(a) && person_age(b) {
        return same_owner(a, b);
    }
    by_sentence
}

/// The oldest age a person is given; an older one is a thing's (a site, a fossil, a building).
const MAX_PERSON_AGE: f64 = 125.0;

/// Whether a figure can be a person's age, whose owner's name says which age it is: a thing's
/// age ("the 160,000-year-old site of X") has around it names of periods and places shared by
/// several things, so only a rewrite of one sentence links two of them.
fn person_age(m: &Mention) -> bool {
    m.kind != Kind::Age || m.value <= MAX_PERSON_AGE
}

/// Words that say which of several quantities in one unit a figure is: length or width, surplus
/// or deficit, exports or imports (stems).
const DIMENSION_STEMS: &[&str] = &[
    "long", "length", "wide", "width", "high", "height", "tall", "deep", "depth", "thick",
    "surplus", "deficit", "profit", "loss", "export", "import", "revenu", "debt", "sale",
];

/// Two figures naming different dimensions in their clauses ("120 metres long", "80 metres
/// wide") are different quantities.
fn dimensions_compatible(a: &Mention, b: &Mention) -> bool {
    let (da, db) = (&a.dimensions, &b.dimensions);
    da.is_empty() || db.is_empty() || da.iter().any(|d| db.contains(d))
}

/// Whether two figures' owners are one person: every name of the shorter is in the longer
/// ("Wang" and "Wang Youcai"; not "Chris Bergoch" and "Chris Chaplin"). One name of a full
/// name may be spelled another way ([`spelled_alike`]: "Siavaash Mohseni" and "Siavash
/// Mohseni", a transliteration) when another name is the same.
fn same_owner(a: &Mention, b: &Mention) -> bool {
    let (short, long) = if a.owners.len() <= b.owners.len() {
        (&a.owners, &b.owners)
    } else {
        (&b.owners, &a.owners)
    };
    if short.is_empty() {
        return false;
    }
    let exact = short.iter().filter(|o| long.contains(o)).count();
    exact == short.len()
        || exact + 1 == short.len()
            && exact >= 1
            && short
                .iter()
                .filter(|o| !long.contains(o))
                .all(|o| long.iter().any(|l| spelled_alike(o, l)))
}

/// Two name stems that differ by one letter added, dropped or changed after the same first
/// letter, three letters or more each ("siavaash" and "siavash", "tza" and "tze").
fn spelled_alike(x: &str, y: &str) -> bool {
    x.chars().count().min(y.chars().count()) >= 3
        && x.chars().next() == y.chars().next()
        && super::one_edit_apart(x, y)
}

/// Whether the shared context singles out one quantity: when the cluster gives three or more
/// different values in that same context (depths of several aftershocks, lengths of several
/// stages), it describes a kind of measurement, not one figure, and is no evidence of sameness.
/// Mentions are `mentions[a]` and `mentions[b]`; contexts are compared as [`Idf::context`] ids.
fn distinctive(a: usize, b: usize, bucket: &[usize], mentions: &[Mention], idf: &Idf) -> bool {
    // The context stems `a` and `b` share, as ids, ascending.
    let (ca, cb) = (idf.context(a), idf.context(b));
    let mut shared: Vec<u32> = Vec::new();
    let (mut pa, mut pb) = (0, 0);
    while pa < ca.ids.len() && pb < cb.ids.len() {
        match ca.ids[pa].cmp(&cb.ids[pb]) {
            std::cmp::Ordering::Less => pa += 1,
            std::cmp::Ordering::Greater => pb += 1,
            std::cmp::Ordering::Equal => {
                if ca.in_context[pa] && cb.in_context[pb] {
                    shared.push(ca.ids[pa]);
                }
                pa += 1;
                pb += 1;
            }
        }
    }
    // Whether every shared stem is in mention `m`'s context.
    let has_shared = |m: usize| {
        let cm = idf.context(m);
        let mut p = 0;
        shared.iter().all(|&id| {
            while p < cm.ids.len() && cm.ids[p] < id {
                p += 1;
            }
            p < cm.ids.len() && cm.ids[p] == id && cm.in_context[p]
        })
    };
    let (a, b) = (&mentions[a], &mentions[b]);
    let mut classes: Vec<&Mention> = Vec::new();
    for &m in bucket.iter().take(MAX_COMPARE) {
        let mention = &mentions[m];
        // Figures in the same sentence as either share its words by adjacency, not by meaning.
        let beside = |x: &Mention| {
            (x.article, x.sentence) == (mention.article, mention.sentence) && x.span != mention.span
        };
        if beside(a)
            || beside(b)
            || !qualifiers_compatible(mention, a)
            || !qualifiers_compatible(mention, b)
            || !has_shared(m)
        {
            continue;
        }
        if !classes.iter().any(|c| values_agree(c, mention)) {
            classes.push(mention);
            if classes.len() > 2 {
                return false;
            }
        }
    }
    true
}

const MAX_COMPARE: usize = 400;

/// (kind, currency, head): mentions in different buckets never measure the same thing.
type BucketKey = (Kind, Option<&'static str>, Option<String>);

fn extract_sentence(
    doc: &Doc<'_>,
    sentence_idx: usize,
    sentence: &Sentence,
    out: &mut Vec<Mention>,
) {
    let text = doc.slice(sentence.span);
    if text.is_empty() {
        return;
    }
    let base = sentence.span.start;
    let matches = scan_numbers(text);
    if matches.is_empty() {
        return;
    }
    // The numbers themselves are left out, spelled ones too: two copies of one sentence that
    // give "two buoys" and "five buoys" say the same thing about different values.
    // Each set holds the tokens' own shared stems (a copy only for a stem `base_form` rewrites);
    // the stem set is sized for the sentence's tokens.
    let mut stems: HashSet<Arc<str>> =
        HashSet::with_capacity_and_hasher(sentence.tokens.len(), rustc_hash::FxBuildHasher);
    for t in &sentence.tokens {
        if !t.is_stopword
            && is_wordy(t)
            && !generic_stem(&t.stem)
            && spelled_value(doc.slice(t.span)).is_none()
        {
            let stem = base_form(&t.stem);
            if !stems.contains(stem) {
                stems.insert(if stem == &*t.stem {
                    Arc::clone(&t.stem)
                } else {
                    Arc::from(stem)
                });
            }
        }
    }
    let sentence_stems: Arc<HashSet<Arc<str>>> = Arc::new(stems);
    let first_token = sentence.tokens.first().map(|t| t.span.start);
    let mut names: HashSet<Arc<str>> = HashSet::default();
    for t in &sentence.tokens {
        let surface = doc.slice(t.span);
        if Some(t.span.start) != first_token
            && !t.is_stopword
            && surface.chars().next().is_some_and(char::is_uppercase)
            && !month_or_weekday(surface)
            && !names.contains(&*t.stem)
        {
            names.insert(Arc::clone(&t.stem));
        }
    }
    let sentence_names: Arc<HashSet<Arc<str>>> = Arc::new(names);
    let first_in_sentence = out.len();
    let mut previous_end = 0usize;
    for (match_idx, raw) in matches.iter().enumerate() {
        let whole = raw.whole.clone();
        let num = raw.num.clone();
        let number = raw.number;
        let scale = raw.scale;
        let value = number * scale;
        let precision = raw.precision * scale;
        let abs_start = base + whole.start;
        let mut abs_end = base + whole.end;
        let number_start = base + num.start;

        // Tokens are in text order and never overlap: those after the number are a suffix of
        // the sentence's, those before it a prefix.
        let tokens_after: &[Token] =
            &sentence.tokens[sentence.tokens.partition_point(|t| t.span.start < abs_end)..];
        let tokens_before: &[Token] =
            &sentence.tokens[..sentence.tokens.partition_point(|t| t.span.end <= abs_start)];
        let lower = |t: &Token| lower_token(doc.slice(t.span));
        let (hedge, hedge_start) = read_hedge(tokens_before, &lower);

        let mut currency = raw.currency;
        let mut consumed_after = 0;
        let mut span_start = abs_start;
        if currency.is_none() {
            // "350 million U.S. dollars", "500 euros", "40 dlrs".
            for (skip, token) in tokens_after.iter().take(2).enumerate() {
                let word = lower(token);
                if let Some((_, code)) = CURRENCY_WORDS.iter().find(|(w, _)| *w == word) {
                    currency = Some(code);
                    consumed_after = skip + 1;
                    break;
                }
                if !matches!(
                    &*word,
                    "u.s." | "us" | "u.s" | "american" | "canadian" | "australian"
                ) {
                    break;
                }
            }
            // "70,000 pounds of cargo", "weighing 10 pounds": a weight, not money.
            if currency == Some("GBP") {
                let unit = lower(&tokens_after[consumed_after - 1]);
                let after_unit = tokens_after.get(consumed_after).map(&lower);
                let weight_verb = tokens_before.iter().rev().take(4).any(|t| {
                    matches!(
                        &*lower(t),
                        "weigh"
                            | "weighs"
                            | "weighed"
                            | "weighing"
                            | "weight"
                            | "gained"
                            | "lost"
                            | "gain"
                            | "lose"
                            | "heavy"
                    )
                });
                if unit.starts_with("pound") && (after_unit.as_deref() == Some("of") || weight_verb)
                {
                    currency = None;
                    consumed_after = 0;
                }
            }
        }
        if currency.is_none()
            && let Some(previous) = tokens_before.last()
            && let previous_lower = lower(previous)
            && let Some((_, code)) = CURRENCY_BEFORE.iter().find(|(w, _)| *w == previous_lower)
        {
            // "U.S. dlrs 3.7 billion", "dlrs 100 million".
            currency = Some(code);
            span_start = previous.span.start;
        }
        if consumed_after > 0 {
            abs_end = tokens_after[consumed_after - 1].span.end;
        }
        let prev_lower = tokens_before.last().map(&lower);
        let prev_word = prev_lower.as_deref().map(|w| w.trim_end_matches('.'));
        let next_lower = tokens_after.first().map(&lower);
        let next_word = next_lower.as_deref().map(|w| w.trim_end_matches('.'));
        let age_end = if currency.is_none() && !raw.percent {
            age_suffix(text, whole.end, prev_word)
        } else {
            None
        };
        let kind = if raw.percent {
            Kind::Percent
        } else if currency.is_some() {
            Kind::Money
        } else if prev_word.is_some_and(|w| MONTH_WORDS.contains(&w))
            || next_word.is_some_and(|w| MONTH_WORDS.contains(&w))
            || next_word.is_some_and(|w| matches!(w, "am" | "a.m" | "pm" | "p.m" | "gmt" | "utc"))
            || clock_time(text, whole.start, whole.end)
        {
            Kind::Date
        } else if next_word == Some("block")
            && tokens_after.get(1).is_some_and(|t| lower(t) == "of")
        {
            // "the 7000 block of West Avenue": a street address, not a count of blocks.
            Kind::Label
        } else if !raw.spelled
            && scale == 1.0
            && !num_text(text, &num).contains([',', '.'])
            && num.len() == 4
            && (1800.0..=2100.0).contains(&number)
        {
            Kind::Year
        } else if let Some(end) = age_end {
            abs_end = base + end;
            Kind::Age
        } else if is_label(text, tokens_before, whole.start, base, &lower)
            || named_after(text, whole.end)
        {
            Kind::Label
        } else {
            Kind::Count
        };
        let abs_start = span_start;

        // Head noun.
        let rest = &tokens_after[consumed_after..];
        let (head_tokens, head_end) = read_head(rest, kind, &lower);
        let kind = if kind == Kind::Count && head_tokens.is_empty() {
            Kind::Number
        } else {
            kind
        };
        let (mut head, head_compound, mut head_surface) = head_keys(&head_tokens, &lower);
        // "15 British sailors", "ten United Nations staff": a capitalised word after the number
        // qualifies the noun; the label names the first lower-case word after the capitalised
        // run (the key stays the first word).
        if kind == Kind::Count
            && let Some(first) = head_tokens.first()
            && doc.slice(first.span).starts_with(char::is_uppercase)
            && let Some(at) = rest.iter().position(|t| t.span == first.span)
            && let Some(noun) = rest[at..]
                .iter()
                .take(4)
                .find(|t| !doc.slice(t.span).starts_with(char::is_uppercase))
                .filter(|t| !t.is_stopword && is_wordy(t))
        {
            head_surface = Some(lower(noun).into_owned());
        }
        let head_is_duration = head.as_deref().is_some_and(|h| DURATION_STEMS.contains(&h));
        if kind == Kind::Age {
            head = Some("age".to_string());
            head_surface = Some("age".to_string());
        }
        let compound_surface = (head_tokens.len() == 2).then(|| {
            let surface = head_tokens
                .iter()
                .map(|t| lower(t))
                .collect::<Vec<_>>()
                .join(" ");
            (surface, head_end.unwrap_or(abs_end))
        });
        if kind == Kind::Count
            && let Some(first) = head_tokens.first()
        {
            abs_end = abs_end.max(first.span.end);
        }

        // Qualifiers and context after: up to the next number or a clause boundary.
        let next_start = matches
            .get(match_idx + 1)
            .map_or(text.len(), |m| m.whole.start);
        let boundary = text[whole.end..]
            .find([',', ';', ':', '"', '“', '”', '(', ')', '—', '–'])
            .map_or(text.len(), |p| whole.end + p);
        let window_end = base + next_start.min(boundary);
        let mut qualifiers = Vec::new();
        let mut qualifier_surface = Vec::new();
        let mut context = HashSet::default();
        let first_token_start = sentence.tokens.first().map(|t| t.span.start);
        for token in rest.iter().filter(|t| t.span.end <= window_end).take(12) {
            if head_tokens.iter().any(|h| h.span == token.span) || !is_wordy(token) {
                continue;
            }
            let surface = doc.slice(token.span);
            let word = lower(token);
            let capital = surface.chars().next().is_some_and(char::is_uppercase);
            if capital
                && Some(token.span.start) != first_token_start
                && !MONTH_WORDS.contains(&word.trim_end_matches('.'))
                && !WEEKDAY_WORDS.contains(&&*word)
            {
                qualifiers.push(token.stem.to_string());
                qualifier_surface.push(surface.to_string());
            } else if !token.is_stopword && !generic_stem(&token.stem) {
                context.insert(base_form(&token.stem).to_string());
            }
        }
        qualifiers.sort();
        qualifiers.dedup();
        // Context before: back to the previous number or clause boundary, at most eight content stems.
        let context_start = base + clause_start(text, previous_end.min(num.start), whole.start);
        for token in tokens_before
            .iter()
            .filter(|t| t.span.start >= context_start && t.span.end <= hedge_start)
            .filter(|t| !t.is_stopword && is_wordy(t) && !generic_stem(&t.stem))
            .rev()
            .take(8)
        {
            context.insert(base_form(&token.stem).to_string());
        }
        previous_end = abs_end.saturating_sub(base).min(text.len());

        // "3,000 tons of rice", "$2 million of fresh aid": the last word of the "of" phrase
        // right after the head (a sum's unit) names what is counted.
        let of_kind = if matches!(kind, Kind::Count | Kind::Money) {
            let after_head =
                &rest[rest.partition_point(|t| head_end.is_some_and(|end| t.span.start < end))..];
            of_phrase_kind(doc.text, after_head, &lower)
        } else {
            None
        };
        let mut mention = Mention {
            article: doc.index,
            sentence: sentence_idx,
            span: Span::new(hedge_start.min(abs_start), abs_end),
            number_start,
            value,
            precision,
            kind,
            hedge,
            currency,
            head,
            head_compound,
            head_surface,
            compound_surface,
            qualifiers,
            qualifier_surface,
            context,
            elided: false,
            owners: owners(doc, sentence, kind, abs_start, abs_end, head_is_duration),
            lead_owner: (kind == Kind::Age)
                .then(|| sentence.tokens.first())
                .flatten()
                .filter(|first| {
                    doc.slice(first.span)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                        && doc
                            .text
                            .get(first.span.end..abs_start)
                            .is_some_and(|gap| gap.trim() == ",")
                })
                .map(|first| first.stem.to_string()),
            predicate: predicate_of(
                doc.text,
                tokens_before,
                &rest[rest.partition_point(|t| head_end.is_some_and(|end| t.span.start < end))..],
                base + clause_start(text, 0, whole.start),
                hedge_start.min(abs_start),
                window_end,
                &lower,
            ),
            dimensions: tokens_before
                .iter()
                .rev()
                .take(4)
                .chain(rest.iter().take(4))
                .filter_map(|t| {
                    let base = base_form(&t.stem);
                    DIMENSION_STEMS
                        .iter()
                        .copied()
                        .find(|d| *d == &*t.stem || *d == base)
                })
                .collect(),
            partial: tokens_before
                .iter()
                .rev()
                .find(|t| t.span.end <= hedge_start.min(abs_start))
                .is_some_and(|t| PART_WORDS.contains(&&*lower(t)))
                || next_word.is_some_and(|w| matches!(w, "more" | "others"))
                // One line of a breakdown by place ("six people in Northtown and one in
                // Westfield"): a part of the whole.
                || super::scope::breakdown_part(
                    doc.text.get(abs_end..base + text.len()).unwrap_or(""),
                )
                // One of two equal shares ("$500,000 to the winner, and an equal amount to
                // charity"): half of the whole the other reports give.
                || super::scope::equal_share(
                    doc.text.get(abs_end..base + text.len()).unwrap_or(""),
                ),
            sentence_stems: Arc::clone(&sentence_stems),
            sentence_names: Arc::clone(&sentence_names),
            range_end: false,
            rate: is_rate(&rest.iter().take(6).map(&lower).collect::<Vec<_>>()),
            negated: rest
                .iter()
                .filter(|t| t.span.end <= window_end)
                .take(8)
                .any(|t| {
                    let w = lower(t);
                    matches!(&*w, "not" | "never" | "no") || w.ends_with("n't")
                }),
            of_kind,
        };
        // A range or a change within the sentence: "between 10 and 15", "0.6 to 1.2", "from 45
        // to 60", "to 60 from 45". Both ends are marked.
        if let Some(antecedent) = out[first_in_sentence..].last_mut()
            && (antecedent.kind == mention.kind && antecedent.currency == mention.currency
                || antecedent.kind == Kind::Number)
        {
            let between = doc
                .text
                .get(antecedent.span.end..hedge_start.min(abs_start))
                .unwrap_or("")
                .to_lowercase();
            let words: Vec<&str> = between
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let before_first = doc
                .text
                .get(..antecedent.span.start)
                .unwrap_or("")
                .split(|c: char| !c.is_alphanumeric())
                .rfind(|w| !w.is_empty())
                .unwrap_or("")
                .to_lowercase();
            let dash = between.trim().chars().all(|c| matches!(c, '-' | '–' | '—'))
                && !between.trim().is_empty();
            let range = match words.as_slice() {
                ["to" | "through"] => true,
                ["and"] => before_first == "between",
                // "to 60 percent from 45 percent", "from 45 percent to 60".
                [.., "from"] => before_first == "to",
                [] => dash,
                _ => false,
            };
            if range {
                antecedent.range_end = true;
                mention.range_end = true;
            }
        }
        // Ellipsis: "40 per cent of territory in Iraq and 30 per cent in Syria".
        if mention.kind == Kind::Percent
            && mention.head.is_none()
            && let Some(antecedent) = out[first_in_sentence..]
                .iter()
                .rev()
                .find(|m| m.kind == Kind::Percent)
        {
            let between = doc.text.get(antecedent.span.end..abs_start).unwrap_or("");
            let words = between.split_whitespace().count();
            let joined = between.contains(',')
                || between
                    .split_whitespace()
                    .any(|w| matches!(w, "and" | "but" | "while" | "whereas"));
            if antecedent.head.is_some() && words <= 12 && joined {
                mention.head.clone_from(&antecedent.head);
                mention.head_compound.clone_from(&antecedent.head_compound);
                mention.head_surface.clone_from(&antecedent.head_surface);
                mention
                    .compound_surface
                    .clone_from(&antecedent.compound_surface);
                mention.context.extend(antecedent.context.iter().cloned());
                mention.elided = true;
            }
        }
        // Coordination: "carrying 216 passengers and 12 crew members", "2,000 or 3,000 metres":
        // the second figure shares the first one's verb and context.
        if !mention.elided
            && let Some(antecedent) = out[first_in_sentence..].last()
        {
            let between = doc
                .text
                .get(antecedent.span.end..hedge_start.min(abs_start))
                .unwrap_or("");
            let coordinated = between
                .split_whitespace()
                .all(|w| matches!(w.trim_end_matches(','), "and" | "or" | "to" | ""))
                && between.split_whitespace().count() == 1;
            if coordinated {
                mention.context.extend(antecedent.context.iter().cloned());
            }
        }
        out.push(mention);
    }
}

/// The base stem of the last word of an "of" phrase that opens `after` ("of counterfeit
/// handbags in May" -> `handbag`): at most three content words after "of" and its determiners,
/// up to the first other word. `None` without such a phrase.
fn of_phrase_kind<'d>(
    text: &str,
    after: &[Token],
    lower: &dyn Fn(&Token) -> Cow<'d, str>,
) -> Option<String> {
    let (first, rest) = after.split_first()?;
    if lower(first) != "of" {
        return None;
    }
    let start = rest
        .iter()
        .position(|t| !DETERMINERS.contains(&&*lower(t)))?;
    // Only a space between two words of the phrase: a comma or a dash ends it.
    let mut previous_end = start
        .checked_sub(1)
        .map_or(first.span.end, |d| rest[d].span.end);
    rest[start..]
        .iter()
        .take(3)
        .take_while(|t| {
            let joined = text
                .get(previous_end..t.span.start)
                .is_some_and(|gap| gap.chars().all(char::is_whitespace));
            previous_end = t.span.end;
            joined && !t.is_stopword && is_wordy(t) && !MONTH_WORDS.contains(&&*lower(t))
        })
        .last()
        .filter(|t| !generic_stem(&t.stem))
        .map(|t| base_form(&t.stem).to_string())
}

/// Whether the words after a figure make it a rate per period ("a year", "per month", "each
/// day", "annually").
fn is_rate(after: &[Cow<'_, str>]) -> bool {
    const PERIODS: &[&str] = &["year", "month", "week", "day", "hour", "annum"];
    after.iter().any(|w| {
        matches!(
            &**w,
            "annually" | "yearly" | "monthly" | "weekly" | "daily" | "hourly"
        )
    }) || after.windows(2).any(|pair| {
        matches!(&*pair[0], "a" | "an" | "per" | "each" | "every") && PERIODS.contains(&&*pair[1])
    })
}

/// Head stems of durations: whose duration it is matters ("Xu spent 12 years", "Qin spent 10
/// years").
const DURATION_STEMS: &[&str] = &[
    "year", "month", "week", "day", "hour", "minut", "second", "decad",
];
/// Words that make a figure a part of another ("the other 14", "another 187", "the remaining
/// 20", "43 more"): a remainder or an addition, not a second report of the whole.
const PART_WORDS: &[&str] = &[
    "other",
    "remaining",
    "another",
    "additional",
    "further",
    "extra",
    "rest",
];

/// The names an age or a duration belongs to: for an age the capitalised run right before it
/// ("Zaken, a 23-year-old") or right after it ("67-year-old Smith"); for a duration every
/// capitalised word of the sentence but its first. Empty for other figures.
fn owners(
    doc: &Doc<'_>,
    sentence: &Sentence,
    kind: Kind,
    start: usize,
    end: usize,
    duration: bool,
) -> Vec<String> {
    let is_name = |t: &Token| {
        let surface = doc.slice(t.span);
        surface.chars().next().is_some_and(char::is_uppercase)
            && !t.is_stopword
            && Some(t.span.start) != sentence.tokens.first().map(|f| f.span.start)
            && !month_or_weekday(surface)
    };
    let mut names: Vec<String> = Vec::new();
    if kind == Kind::Age {
        let before: Vec<&Token> = sentence
            .tokens
            .iter()
            .filter(|t| t.span.end <= start)
            .collect();
        let after: Vec<&Token> = sentence
            .tokens
            .iter()
            .filter(|t| t.span.start >= end)
            .collect();
        // Up to three words back ("Zaken, a 23-year-old"), then the run of names.
        // A run of names stops at punctuation: "Crawley, West Sussex, Salahuddin Amin, 31".
        let punctuated = |from: usize, to: usize| {
            doc.text.get(from.min(to)..to.max(from)).is_some_and(|gap| {
                gap.chars()
                    .any(|c| matches!(c, ',' | ';' | ':' | '(' | ')'))
            })
        };
        let mut run: Vec<&Token> = Vec::new();
        for token in before.iter().rev().take(6) {
            if let Some(last) = run.last()
                && punctuated(token.span.end, last.span.start)
            {
                break;
            }
            if is_name(token) {
                run.push(token);
            } else if !run.is_empty()
                && NAME_PARTICLES.contains(&doc.slice(token.span).to_lowercase().as_str())
            {
                // "Ana Maria van Dorn": the particle is inside the name, not its edge.
            } else if !run.is_empty() {
                break;
            }
        }
        if run.is_empty() {
            for token in after.iter().take(6) {
                if let Some(last) = run.last()
                    && punctuated(last.span.end, token.span.start)
                {
                    break;
                }
                // "the six-year-old case of Stephen Lawrence", "the 21-year-old son of Mr.
                // Smith": a name after "of" owns something else, not the age ("a 15-year-old
                // boy in Conyers" still says whose age it is).
                if run.is_empty() && doc.slice(token.span).eq_ignore_ascii_case("of") {
                    break;
                }
                if is_name(token) {
                    run.push(token);
                } else if !run.is_empty() {
                    break;
                }
            }
        }
        names = run.iter().map(|t| t.stem.to_string()).collect();
    } else if duration {
        names = sentence
            .tokens
            .iter()
            .filter(|t| is_name(t))
            .map(|t| t.stem.to_string())
            .collect();
    }
    names.sort();
    names.dedup();
    names
}

/// Where the clause holding a number starts: after the last boundary (punctuation or a
/// coordinating word) between `from` and `to`.
fn clause_start(text: &str, from: usize, to: usize) -> usize {
    let Some(piece) = text.get(from..to) else {
        return from;
    };
    // After the last boundary mark: `,;:()`, or a dash (`—` and `–` are E2 80 94 and
    // E2 80 93 in UTF-8, and each mark's last byte is where the next character starts).
    let bytes = piece.as_bytes();
    let mut start = (0..bytes.len())
        .rev()
        .find(|&i| match bytes[i] {
            b',' | b';' | b':' | b'(' | b')' => true,
            0x93 | 0x94 => i >= 2 && bytes[i - 2..i] == [0xE2, 0x80],
            _ => false,
        })
        .map_or(from, |i| from + i + 1);
    // A word holds no boundary mark, so one after the mark is in the text after it. The clause
    // starts after the end of the last of them: the largest end of any occurrence of any of
    // them (for one word, its last occurrence ends last), found in one pass over the spaces
    // rather than one reverse substring search per word.
    let tail = &piece.as_bytes()[start - from..];
    let tail_start = to - tail.len();
    for (idx, _) in tail.iter().enumerate().filter(|&(_, &b)| b == b' ') {
        // Each word opens with one of these letters after its space: most spaces stop here.
        if !matches!(tail.get(idx + 1), Some(b'a' | b'b' | b'w')) {
            continue;
        }
        for word in [" and ", " but ", " while ", " whereas "] {
            if tail[idx..].starts_with(word.as_bytes()) {
                start = start.max(tail_start + idx + word.len());
            }
        }
    }
    start
}

/// Words after which a plain word is a verb ("will send", "has paid", "to build").
const VERB_MARKERS: &[&str] = &[
    "will", "would", "can", "could", "may", "might", "shall", "should", "must", "to", "did",
    "does", "do", "has", "have", "had",
];
/// Words before which an "-ing" word is a noun ("the bombing", "of building").
const NOUN_MARKERS: &[&str] = &[
    "the", "a", "an", "of", "his", "her", "its", "their", "this", "that", "these", "those", "in",
    "for",
];

/// The verb a figure is the object or subject of: the word right before it (function words
/// skipped: "killed 11 people", "has received $2 billion", "ratified by 13 countries") when that
/// word is a verb form, else, when nothing of content stands between the clause start and the
/// figure, the first word after its head (function words skipped: "29 nations have ratified",
/// "36 people died") when that is one. A verb form is a lower-case word ending in "-ed", an
/// irregular past ("built", "sent"), a word after an auxiliary or "to" ("will send"), or an
/// "-ing" word not after a determiner or preposition ("killing 213 people", not "the bombing").
/// A short apposition between commas right after the head is skipped ("11 people, all of them
/// miners, were killed"). With no verb read there, a figure followed by "aboard" or "on board"
/// is what a vehicle carries ([`ABOARD`]). Returned as a base stem, with killing and dying one
/// predicate (a toll is written either way).
fn predicate_of<'d>(
    text: &str,
    before: &[Token],
    after_head: &[Token],
    clause_from: usize,
    figure_start: usize,
    clause_end: usize,
    lower: &dyn Fn(&Token) -> Cow<'d, str>,
) -> Option<String> {
    let verb = |tokens: &[Token], i: usize| -> Option<String> {
        let token = &tokens[i];
        let word = lower(token);
        if token.is_stopword
            || !word.chars().all(char::is_alphabetic)
            || word.len() < 3
            || word.chars().next().is_some_and(char::is_uppercase)
        {
            return None;
        }
        let previous = i.checked_sub(1).map(|p| lower(&tokens[p]));
        let stem = base_form(&token.stem);
        let irregular = stem != &*token.stem;
        let is_verb = word.len() >= 5 && word.ends_with("ed")
            || irregular
            || previous
                .as_deref()
                .is_some_and(|p| VERB_MARKERS.contains(&p))
            || word.len() >= 6
                && word.ends_with("ing")
                && !previous
                    .as_deref()
                    .is_some_and(|p| NOUN_MARKERS.contains(&p));
        is_verb.then(|| predicate_stem(stem).to_string())
    };
    // Tokens are in text order and never overlap: those of a span are a run of them.
    let in_clause = before
        .get(
            before.partition_point(|t| t.span.start < clause_from)
                ..before.partition_point(|t| t.span.end <= figure_start),
        )
        .unwrap_or(&[]);
    let following = &after_head[..after_head.partition_point(|t| t.span.end <= clause_end)];
    // Carried on a vehicle ("with 228 people on board", "200 passengers aboard"): when no verb
    // is read, the figure is what the vehicle carries.
    let aboard = || {
        let word = |i: usize| following.get(i).map(lower);
        (word(0).as_deref() == Some("aboard")
            || word(0).as_deref() == Some("on") && word(1).as_deref() == Some("board"))
        .then(|| ABOARD.to_string())
    };
    // Object position: the nearest word before the figure that is not a function word.
    if let Some(i) = in_clause.iter().rposition(|t| !t.is_stopword) {
        return verb(in_clause, i).or_else(aboard);
    }
    // Subject position: the figure opens its clause.
    if let Some(i) = following.iter().position(|t| !t.is_stopword) {
        return verb(following, i).or_else(aboard);
    }
    // An apposition between commas right after the head ("11 people, all of them miners, were
    // killed"): the verb after it.
    let sentence_end = after_head.last().map_or(clause_end, |t| t.span.end);
    let rest = text.get(clause_end..sentence_end)?.trim_start();
    let inside = rest.strip_prefix(',')?;
    let close = sentence_end - inside.len() + inside.find(',')?;
    let between = after_head
        .iter()
        .filter(|t| t.span.start >= clause_end && t.span.end <= close)
        .count();
    if between == 0 || between > APPOSITION_WORDS {
        return None;
    }
    let after = &after_head[after_head.partition_point(|t| t.span.start < close)..];
    let i = after.iter().position(|t| !t.is_stopword)?;
    verb(after, i)
}

/// The predicate of a figure carried on a vehicle ("with 228 people on board").
const ABOARD: &str = "board";
/// The most words an apposition after a figure's head holds for [`predicate_of`] to read the
/// verb after it ("11 people, all of them miners, were killed").
const APPOSITION_WORDS: usize = 4;

/// A predicate's stem with killing and dying folded together.
fn predicate_stem(stem: &str) -> &str {
    match stem {
        "kill" | "slain" | "perish" => "die",
        other => other,
    }
}

/// Irregular past forms of verbs common around figures, mapped to their base stem.
fn base_form(stem: &str) -> &str {
    match stem {
        "lost" => "lose",
        "won" => "win",
        "fell" | "fallen" => "fall",
        "rose" | "risen" => "rise",
        "left" => "leav",
        "held" => "hold",
        "took" | "taken" => "take",
        "gave" | "given" => "give",
        "sold" => "sell",
        "paid" => "pay",
        "spent" => "spend",
        "brought" => "bring",
        "built" => "build",
        "met" => "meet",
        "sent" => "send",
        "struck" => "strike",
        "fought" => "fight",
        "drove" | "driven" => "drive",
        "fled" => "flee",
        "grew" | "grown" => "grow",
        "hit" => "hit",
        "dead" | "death" | "di" => "die",
        _ => stem,
    }
}

/// A token's surface in lower case with curly apostrophes straight (borrowed when it is
/// lower-case ASCII already).
pub(super) fn lower_token(surface: &str) -> Cow<'_, str> {
    if surface.is_ascii() {
        if surface.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(surface.to_ascii_lowercase())
        } else {
            Cow::Borrowed(surface)
        }
    } else {
        Cow::Owned(surface.to_lowercase().replace('\u{2019}', "'"))
    }
}

fn is_wordy(token: &Token) -> bool {
    token.stem.chars().any(char::is_alphabetic)
}

/// Hedge words right before a number (and where the hedge starts).
fn read_hedge<'d>(before: &[Token], lower: &dyn Fn(&Token) -> Cow<'d, str>) -> (Hedge, usize) {
    let n = before.len();
    let word = |back: usize| -> Cow<'d, str> {
        if back <= n && back > 0 {
            lower(&before[n - back])
        } else {
            Cow::Borrowed("")
        }
    };
    let start = |back: usize| {
        before
            .get(n.wrapping_sub(back))
            .map_or(usize::MAX, |t| t.span.start)
    };
    // Tokens hold no space, so the words compare one by one.
    let (w1, w2, w3) = (word(1), word(2), word(3));
    let (w1, w2, w3) = (&*w1, &*w2, &*w3);
    if matches!(
        (w3, w2, w1),
        ("no", "more" | "fewer", "than") | ("as", "many" | "much", "as")
    ) {
        let hedge = if (w3, w2) == ("no", "fewer") {
            Hedge::AtLeast
        } else {
            Hedge::AtMost
        };
        return (hedge, start(3));
    }
    match (w2, w1) {
        ("more", "than") | ("at", "least") | ("upwards", "of") | ("just" | "well", "over") => {
            return (Hedge::AtLeast, start(2));
        }
        ("less" | "fewer", "than") | ("up", "to") | ("just" | "well", "under") => {
            return (Hedge::AtMost, start(2));
        }
        ("close", "to") | ("an", "estimated") => return (Hedge::Approximate, start(2)),
        _ => {}
    }
    match w1 {
        "about" | "around" | "approximately" | "roughly" | "some" | "nearly" | "almost"
        | "estimated" | "approx" | "circa" | "~" => (Hedge::Approximate, start(1)),
        "over" | "exceeding" => (Hedge::AtLeast, start(1)),
        "under" => (Hedge::AtMost, start(1)),
        _ => (Hedge::Exact, usize::MAX),
    }
}

/// The head noun tokens after a number, and where they end.
fn read_head<'t, 'd>(
    rest: &'t [Token],
    kind: Kind,
    lower: &dyn Fn(&Token) -> Cow<'d, str>,
) -> (Vec<&'t Token>, Option<usize>) {
    let mut pos = 0;
    let first = rest.first().map(lower);
    match kind {
        Kind::Percent => {
            if first.as_deref() != Some("of") {
                return (Vec::new(), None);
            }
            pos = 1;
        }
        Kind::Count => {
            // "three times as many", "seven times the rate": a multiplier, not a count.
            if first.as_deref() == Some("times") {
                return (Vec::new(), None);
            }
            // "23 of the nations"
            if first.as_deref() == Some("of")
                && rest
                    .get(1)
                    .is_some_and(|t| DETERMINERS.contains(&&*lower(t)))
            {
                pos = 1;
            }
        }
        _ => return (Vec::new(), None),
    }
    while rest
        .get(pos)
        .is_some_and(|t| DETERMINERS.contains(&&*lower(t)))
    {
        pos += 1;
    }
    let mut head = Vec::new();
    for token in rest.iter().skip(pos).take(2) {
        let word = lower(token);
        if token.is_stopword || !is_wordy(token) || MONTH_WORDS.contains(&&*word) {
            break;
        }
        head.push(token);
    }
    let end = head.last().map(|t| t.span.end);
    (head, end)
}

/// (first-word key, two-word compound key, surface) of a head.
fn head_keys<'d>(
    head: &[&Token],
    lower: &dyn Fn(&Token) -> Cow<'d, str>,
) -> (Option<String>, Option<String>, Option<String>) {
    let Some(first) = head.first() else {
        return (None, None, None);
    };
    let first_lower = lower(first);
    let key = canonical(&stem_word(&first_lower));
    let compound = head
        .get(1)
        .map(|second| canonical(&stem_word(&format!("{first_lower}{}", lower(second)))));
    // "two rival governments": the label names the noun too (the key stays the first word).
    let surface = match head.get(1) {
        Some(second) if HEAD_ADJECTIVES.contains(&&*first_lower) => {
            format!("{first_lower} {}", lower(second))
        }
        _ => first_lower.into_owned(),
    };
    (Some(key), compound, Some(surface))
}

/// The Snowball (Porter2) stem of a lower-case word: [`crate::stem::stem`], several times
/// cheaper, on the words its tests check against `rust-stemmers` (ASCII letters and
/// apostrophes), `rust-stemmers` on any other.
fn stem_word(word: &str) -> String {
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
        crate::stem::stem(word)
    } else {
        STEMMER.stem(word).into_owned()
    }
}

fn canonical(stem: &str) -> String {
    SYNONYMS
        .iter()
        .find(|group| group.contains(&stem))
        .map_or_else(|| stem.to_string(), |group| group[0].to_string())
}

/// A two-word head whose joined form is another mention's one-word head ("air strikes" and
/// "airstrikes") uses the joined form.
fn resolve_compounds(mentions: &mut [Mention]) {
    let singles: HashSet<String> = mentions.iter().filter_map(|m| m.head.clone()).collect();
    for mention in mentions.iter_mut() {
        if let Some(compound) = mention
            .head_compound
            .as_ref()
            .filter(|c| singles.contains(*c))
        {
            mention.head = Some(compound.clone());
            if let Some((surface, end)) = mention.compound_surface.clone() {
                mention.head_surface = Some(surface);
                if mention.kind == Kind::Count && !mention.elided {
                    mention.span.end = mention.span.end.max(end);
                }
            }
        }
    }
}

/// Half the unit of the last significant digit of a written number (trailing zeros of an
/// integer are not significant): "10000" -> 5000, "10500" -> 50, "3.5" -> 0.05.
fn rounding_half_unit(digits: &str) -> f64 {
    if let Some((_, decimals)) = digits.split_once('.') {
        return 0.5 * 10f64.powi(-i32::try_from(decimals.len()).unwrap_or(i32::MAX));
    }
    let zeros = digits.len() - digits.trim_end_matches('0').len();
    if zeros == digits.len() {
        0.5
    } else {
        0.5 * 10f64.powi(i32::try_from(zeros).unwrap_or(i32::MAX))
    }
}

fn same_quantity(a: &Mention, b: &Mention, docs: &[Doc<'_>]) -> bool {
    if a.kind != b.kind || a.currency != b.currency || a.head != b.head || a.kind == Kind::Number {
        return false;
    }
    // Within one article only coordinated values in one sentence can conflict: elsewhere an article
    // giving two values is usually giving two quantities (two distances, two aftershocks).
    if a.article == b.article && a.sentence != b.sentence {
        return false;
    }
    // Qualifiers: both empty, or overlapping.
    // One side may leave the qualifier out ("8.8 magnitude" / "8.8 on the Richter scale").
    let qualifiers_ok = if a.qualifiers.is_empty() || b.qualifiers.is_empty() {
        true
    } else {
        a.qualifiers.iter().any(|q| b.qualifiers.contains(q))
    };
    if !qualifiers_ok {
        return false;
    }
    if a.article == b.article && a.sentence == b.sentence {
        // Two values in one sentence conflict only when both name their measure fully and nothing
        // between them reads as a change or comparison.
        if a.elided
            || b.elided
            || a.head.is_none()
            || a.qualifiers.is_empty()
            || a.qualifiers != b.qualifiers
        {
            return false;
        }
        let (first, second) = if a.span.start <= b.span.start {
            (a, b)
        } else {
            (b, a)
        };
        let between = docs.get(a.article).map_or("", |d| {
            d.text
                .get(first.span.end..second.number_start)
                .unwrap_or("")
        });
        let lower = between.to_lowercase();
        if lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| CHANGE_WORDS.contains(&w))
        {
            return false;
        }
        return true;
    }
    let shared = a.context.intersection(&b.context).count();
    let union = a.context.union(&b.context).count().max(1);
    let jaccard = shared as f64 / union as f64;
    match (
        a.head.is_some(),
        !a.qualifiers.is_empty() && !b.qualifiers.is_empty(),
    ) {
        (true, true) => shared >= 1,
        (true, false) | (false, true) => shared >= 2 && jaccard >= 0.2,
        (false, false) => shared >= 3 && jaccard >= 0.3,
    }
}

/// A looser link for equal values: same head and compatible qualifiers in different sentences.
/// Showing two equal figures as one quantity is harmless; these links never flag a conflict.
///
/// `a` and `b` are of one bucket (kind, currency and head alike), which is not tested again.
fn likely_agreement(a: &Mention, b: &Mention) -> bool {
    debug_assert!(a.kind == b.kind && a.currency == b.currency && a.head == b.head);
    if (a.article, a.sentence) == (b.article, b.sentence) {
        return false;
    }
    // The cheap value tests first: most pairs of a bucket differ in value.
    a.kind != Kind::Number
        && (a.value - b.value).abs() <= a.precision.max(b.precision)
        && values_agree(a, b)
        && (a.qualifiers == b.qualifiers || a.qualifiers.iter().any(|q| b.qualifiers.contains(q)))
        && (a.head.is_some() || a.context.intersection(&b.context).count() >= 2)
        && owners_compatible(a, b, false)
}

/// One step of a walk over two sorted lists: an item only in the first, only in the second, or
/// in both (by index into each).
enum Step {
    First(usize),
    Second(usize),
    Both(usize, usize),
}

/// Walks two sorted lists in order, as a merge does, calling `f` once per step.
fn walk_sorted<T: Ord>(first: &[T], second: &[T], mut visit: impl FnMut(Step)) {
    let (mut pa, mut pb) = (0, 0);
    loop {
        let step = match (first.get(pa), second.get(pb)) {
            (Some(left), Some(right)) => match left.cmp(right) {
                std::cmp::Ordering::Less => Step::First(pa),
                std::cmp::Ordering::Greater => Step::Second(pb),
                std::cmp::Ordering::Equal => Step::Both(pa, pb),
            },
            (Some(_), None) => Step::First(pa),
            (None, Some(_)) => Step::Second(pb),
            (None, None) => break,
        };
        match step {
            Step::First(_) => pa += 1,
            Step::Second(_) => pb += 1,
            Step::Both(..) => {
                pa += 1;
                pb += 1;
            }
        }
        visit(step);
    }
}

/// Whether two figures are one value as written, allowing for approximation and rounding but not
/// for bounds: one article writing "more than 37 million" and "nearly 40 million" gives two.
fn written_alike(a: &Mention, b: &Mention) -> bool {
    let (x, y) = (a.value, b.value);
    let largest = x.abs().max(y.abs());
    if largest == 0.0 {
        return true;
    }
    let relative = (x - y).abs() / largest;
    // A bound written beside an approximate figure ("more than 37 million", "nearly 40
    // million") is written near its own value: the approximation's leeway is not the bound's.
    let bound = |m: &Mention| matches!(m.hedge, Hedge::AtLeast | Hedge::AtMost);
    relative <= 0.005
        || (a.hedge == Hedge::Approximate || b.hedge == Hedge::Approximate)
            && !bound(a)
            && !bound(b)
            && relative <= 0.1
        || (x - y).abs() <= a.precision.max(b.precision) && relative <= 0.05
}

/// Whether two values of one quantity are consistent, allowing for hedges, bounds and rounding.
fn values_agree(a: &Mention, b: &Mention) -> bool {
    let (x, y) = (a.value, b.value);
    let largest = x.abs().max(y.abs());
    if largest == 0.0 {
        return true;
    }
    let relative = (x - y).abs() / largest;
    if relative <= 0.005 {
        return true;
    }
    if (a.hedge == Hedge::Approximate || b.hedge == Hedge::Approximate) && relative <= 0.1 {
        return true;
    }
    let bound_ok = |bound: &Mention, other: f64| match bound.hedge {
        Hedge::AtLeast => other >= bound.value && other <= bound.value * 2.0,
        Hedge::AtMost => other <= bound.value && other >= bound.value / 2.0,
        _ => false,
    };
    // Two bounds the same way ("more than 24 percent", "more than 40 percent") are each
    // written near the value they bound: they agree as two figures do, not as a bound and a
    // value within it.
    if a.hedge != b.hedge && (bound_ok(a, y) || bound_ok(b, x)) {
        return true;
    }
    // Two bounds the same way whose looser one is a round figure ("more than 150", "at least
    // 156"; "under 2,000", "fewer than 1,870") are both true at once: the round one is a floor
    // (or ceiling) written loosely, the precise one a count within it. Round means a rounding
    // unit of 5 % of the value or more: "more than 20,500 miles" against "more than 21,625
    // miles" is a distance read on two days, not a loose floor.
    if a.hedge == b.hedge && matches!(a.hedge, Hedge::AtLeast | Hedge::AtMost) {
        let (low, high) = if x <= y { (a, b) } else { (b, a) };
        let loose = if a.hedge == Hedge::AtLeast { low } else { high };
        let tight = if a.hedge == Hedge::AtLeast { high } else { low };
        if loose.precision > tight.precision
            && 2.0 * loose.precision >= 0.05 * loose.value.abs()
            && high.value <= low.value * 1.5
        {
            return true;
        }
    }
    // Rounding: the rounder figure covers the more precise one.
    let precision = a.precision.max(b.precision);
    (x - y).abs() <= precision && relative <= 0.05
}

fn build_quantity(
    members: &[usize],
    conflicts: &[(usize, usize)],
    mentions: &[Mention],
    docs: &[Doc<'_>],
    dates: &[Option<String>],
) -> Quantity {
    let date_of = |article: usize| dates.get(article).cloned().flatten();
    let mut values: Vec<ValueReport> = Vec::new();
    for &m in members {
        let mention = &mentions[m];
        let written = docs[mention.article].slice(mention.span).to_string();
        if let Some(report) = values
            .iter_mut()
            .find(|r| (r.value - mention.value).abs() <= 1e-9 * mention.value.abs().max(1.0))
        {
            if !report.written.contains(&written) {
                report.written.push(written);
            }
            if !report.articles.contains(&mention.article) {
                report.articles.push(mention.article);
            }
            if let Some(date) = date_of(mention.article)
                && !report.dates.contains(&date)
            {
                report.dates.push(date);
                report.dates.sort();
            }
            report.mentions.push(m);
        } else {
            values.push(ValueReport {
                value: mention.value,
                written: vec![written],
                articles: vec![mention.article],
                mentions: vec![m],
                dates: date_of(mention.article).into_iter().collect(),
            });
        }
    }
    values.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(a.value.total_cmp(&b.value))
    });
    let mut within_article: Vec<usize> = conflicts
        .iter()
        .filter(|(a, b)| mentions[*a].article == mentions[*b].article)
        .map(|(a, _)| mentions[*a].article)
        .collect();
    within_article.sort_unstable();
    within_article.dedup();
    let articles: HashSet<usize> = members.iter().map(|&m| mentions[m].article).collect();
    // Describe by the most explicit member (not an elided one).
    let describer = members
        .iter()
        .map(|&m| &mentions[m])
        .find(|m| !m.elided)
        .unwrap_or(&mentions[members[0]]);
    Quantity {
        measure: describe(describer),
        kind: describer.kind.name().to_string(),
        mentions: members.to_vec(),
        values,
        status: if conflicts.is_empty() {
            "agree"
        } else if conflicts.iter().all(|&(a, b)| {
            let (x, y) = (date_of(mentions[a].article), date_of(mentions[b].article));
            x.is_some() && y.is_some() && x != y
        }) {
            // Every conflict is between reports of different days: a revision, not a dispute.
            "update"
        } else {
            "disagree"
        }
        .to_string(),
        within_article,
        n_articles: articles.len(),
        note: None,
    }
}

/// When an article gives one quantity two values and one of them is the value of a sibling
/// quantity (same head, other qualifiers), say so: it is likely a slip for that one.
fn add_slip_notes(
    quantities: &mut [Quantity],
    groups: &[Vec<usize>],
    conflicts: &[Vec<(usize, usize)>],
    mentions: &[Mention],
) {
    for q in 0..quantities.len() {
        if quantities[q].within_article.is_empty() {
            continue;
        }
        let mut notes = Vec::new();
        for &(a, b) in &conflicts[q] {
            if mentions[a].article != mentions[b].article {
                continue;
            }
            for &m in &[a, b] {
                let mention = &mentions[m];
                let sibling = groups.iter().enumerate().find(|(other, members)| {
                    *other != q
                        && members.iter().any(|&o| {
                            let other_mention = &mentions[o];
                            other_mention.kind == mention.kind
                                && other_mention.head == mention.head
                                && other_mention.qualifiers != mention.qualifiers
                                && other_mention.article != mention.article
                                && values_agree(other_mention, mention)
                        })
                });
                if let Some((other, _)) = sibling {
                    notes.push(format!(
                        "article [{}] gives two values; its {} matches \"{}\", likely a slip",
                        mention.article + 1,
                        fmt_value(mention.value),
                        quantities[other].measure
                    ));
                }
            }
        }
        notes.dedup();
        if !notes.is_empty() {
            quantities[q].note = Some(notes.join("; "));
        }
    }
}

fn describe(m: &Mention) -> String {
    let mut out = match (m.kind, m.head_surface.as_deref()) {
        (Kind::Percent, Some(head)) => format!("per cent of {head}"),
        (Kind::Percent, None) => "per cent".to_string(),
        (Kind::Money, _) => format!("money ({})", m.currency.unwrap_or("?")),
        (Kind::Count, Some(head)) => head.to_string(),
        (kind, _) => kind.name().to_string(),
    };
    if !m.qualifier_surface.is_empty() {
        out.push_str(" · ");
        out.push_str(&m.qualifier_surface.join(" "));
    }
    out
}

/// A value as a person writes it: no trailing ".0".
pub(crate) fn fmt_value(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// Union-find parents of `n` items joined by `links`.
fn components_of(n: usize, links: &[(usize, usize)]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..n).collect();
    for &(a, b) in links {
        union(&mut parent, a, b);
    }
    parent
}

/// The lowercase words (runs of letters and digits) of `text`.
fn lower_words(text: &str) -> Vec<Cow<'_, str>> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(lower_word)
        .collect()
}

/// `word.to_lowercase()`, borrowed when that is `word` itself (lower-case ASCII).
pub(super) fn lower_word(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Whether a word as written, lower-cased, is a month (its trailing dots left out: "Sept.")
/// or a weekday word.
fn month_or_weekday(surface: &str) -> bool {
    let mut buffer = [0u8; 16];
    let lower = match buffer.get_mut(..surface.len()) {
        Some(lower) if surface.is_ascii() => {
            lower.copy_from_slice(surface.as_bytes());
            lower.make_ascii_lowercase();
            Cow::Borrowed(std::str::from_utf8(lower).unwrap_or_default())
        }
        _ => Cow::Owned(surface.to_lowercase()),
    };
    MONTH_WORDS.contains(&lower.trim_end_matches('.')) || WEEKDAY_WORDS.contains(&&*lower)
}

/// Whether a sentence reads a figure at one moment of something still changing ("now",
/// "so far", "the latest").
fn time_changing(words: &[Cow<'_, str>]) -> bool {
    words.iter().any(|w| word_flags(w) & TIME_CHANGE != 0)
        || words.windows(2).any(|pair| {
            // "first second" without building the string (words hold no spaces).
            word_flags(&pair[0]) & TIME_CHANGE_FIRST != 0
                && TIME_CHANGE_PAIRS
                    .iter()
                    .any(|&(first, second)| pair[0] == first && pair[1] == second)
        })
}

/// [`word_flags`]: one of [`TIME_CHANGE_WORDS`].
const TIME_CHANGE: u8 = 1;
/// [`word_flags`]: the first word of one of [`TIME_CHANGE_PAIRS`].
const TIME_CHANGE_FIRST: u8 = 2;
/// [`word_flags`]: one of [`FORECAST_WORDS`].
const FORECAST: u8 = 4;
/// [`word_flags`]: one of [`WEEKDAY_WORDS`].
const WEEKDAY: u8 = 8;

/// Which of the word lists read for every word of a sentence in dispute hold `word`: one
/// look-up instead of a scan of each list.
fn word_flags(word: &str) -> u8 {
    static FLAGS: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| {
        let mut flags: HashMap<&'static str, u8> = HashMap::default();
        let lists: [(&[&'static str], u8); 3] = [
            (TIME_CHANGE_WORDS, TIME_CHANGE),
            (FORECAST_WORDS, FORECAST),
            (WEEKDAY_WORDS, WEEKDAY),
        ];
        for (list, flag) in lists {
            for &word in list {
                *flags.entry(word).or_default() |= flag;
            }
        }
        for &(first, _) in TIME_CHANGE_PAIRS {
            *flags.entry(first).or_default() |= TIME_CHANGE_FIRST;
        }
        flags
    });
    FLAGS.get(word).copied().unwrap_or(0)
}

/// Whether the clause holding a figure reads it at one moment of something changing
/// ([`time_changing`]): "has killed 212 people so far", not "two buoys were recovered, but are
/// now believed to be from a ship".
fn clause_changing(m: &Mention, docs: &[Doc<'_>]) -> bool {
    let doc = &docs[m.article];
    let span = doc.sentences[m.sentence].span;
    let text = doc.slice(span);
    let at = m.number_start.saturating_sub(span.start).min(text.len());
    let end = m.span.end.saturating_sub(span.start).clamp(at, text.len());
    let start = clause_start(text, 0, at);
    let stop = text
        .get(end..)
        .and_then(|rest| rest.find([',', ';', ':', '(', ')', '—', '–']))
        .map_or(text.len(), |p| end + p);
    time_changing(&lower_words(text.get(start..stop).unwrap_or(text)))
}

/// What [`conflict_supported`] reads from a mention's sentence words ([`sentence_words`]),
/// worked out once per mention rather than per compared pair.
struct SentenceWords {
    /// [`time_changing`].
    changing: bool,
    /// [`forecast`].
    forecast: bool,
    /// The weekdays the sentence names.
    weekdays: HashSet<String>,
    /// The months the sentence names (capitalised: "may" is a verb), by their first three
    /// letters ("Sept." and "September" are one).
    months: HashSet<String>,
}

impl SentenceWords {
    fn of(m: &Mention, docs: &[Doc<'_>]) -> Self {
        let doc = &docs[m.article];
        let text = doc.slice(doc.sentences[m.sentence].span);
        let words = lower_words(text);
        SentenceWords {
            changing: time_changing(&words),
            forecast: forecast(&words),
            weekdays: words
                .iter()
                .filter(|w| word_flags(w) & WEEKDAY != 0)
                .map(ToString::to_string)
                .collect(),
            months: text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .map(str::to_lowercase)
                .filter(|w| MONTH_WORDS.contains(&w.as_str()))
                .map(|w| w.chars().take(3).collect())
                .collect(),
        }
    }
}

/// What [`conflict_supported`] works out on first use: [`SentenceWords`] once per sentence
/// (they depend on the sentence alone, and a sentence often holds several figures), and each
/// mention's [`subject_names`].
struct WordCache {
    /// For each mention, the first mention of its sentence, whose slot of `words` holds it.
    first_of_sentence: Vec<usize>,
    words: Vec<OnceCell<SentenceWords>>,
    subjects: Vec<OnceCell<HashSet<String>>>,
    /// Each mention's [`super::scope::given_as_total`] of the words before it, for [`same_scope`].
    totals: Vec<OnceCell<bool>>,
    /// Each mention's [`super::scope::may_name_places`] of the words after it, for
    /// [`same_scope`].
    coordinated: Vec<OnceCell<bool>>,
}

impl WordCache {
    fn new(mentions: &[Mention]) -> Self {
        let mut first: HashMap<(usize, usize), usize> = HashMap::default();
        let first_of_sentence = mentions
            .iter()
            .enumerate()
            .map(|(idx, m)| *first.entry((m.article, m.sentence)).or_insert(idx))
            .collect();
        WordCache {
            first_of_sentence,
            words: mentions.iter().map(|_| OnceCell::new()).collect(),
            subjects: mentions.iter().map(|_| OnceCell::new()).collect(),
            totals: mentions.iter().map(|_| OnceCell::new()).collect(),
            coordinated: mentions.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    fn words(&self, idx: usize, m: &Mention, docs: &[Doc<'_>]) -> &SentenceWords {
        self.words[self.first_of_sentence[idx]].get_or_init(|| SentenceWords::of(m, docs))
    }

    fn subjects(
        &self,
        idx: usize,
        m: &Mention,
        docs: &[Doc<'_>],
        known_names: &HashSet<String>,
    ) -> &HashSet<String> {
        self.subjects[idx].get_or_init(|| subject_names(m, docs, known_names))
    }
}

/// The stronger evidence a disagreement needs beyond a link: neither sentence reads a changing
/// figure at one moment (then two values are at most an update, between two known publication
/// dates), and the sentences do not name different days ("on Sunday" and "on Wednesday" are two
/// readings, not two accounts of one). `copy`: one sentence is the other copied with its figure
/// changed ([`aligned`]); a changing word outside both figures' clauses ("two buoys had been
/// recovered, but are now believed ...") then says nothing about the figure.
#[allow(clippy::too_many_arguments)]
fn conflict_supported(
    (ia, a): (usize, &Mention),
    (ib, b): (usize, &Mention),
    copy: bool,
    docs: &[Doc<'_>],
    dates: &[Option<String>],
    idf: &Idf,
    known_names: &HashSet<String>,
    words: &WordCache,
) -> bool {
    let wa = words.words(ia, a, docs);
    let wb = words.words(ib, b, docs);
    let changing = wa.changing || wb.changing;
    if changing && !(copy && !clause_changing(a, docs) && !clause_changing(b, docs)) {
        // Two readings of a changing figure are at most an update, between two known
        // publication dates; they must still be one quantity (the checks below).
        let date = |m: &Mention| dates.get(m.article).cloned().flatten();
        let (da, db) = (date(a), date(b));
        if da.is_none() || db.is_none() || da == db {
            return false;
        }
    }
    if wa.forecast != wb.forecast || a.rate != b.rate || a.negated != b.negated {
        return false;
    }
    // A bare percentage names no measure of its own: only a rewrite of one sentence says two of
    // them are one share.
    if a.kind == Kind::Percent
        && (a.head.is_none() || b.head.is_none())
        && idf.sentence_jaccard(ia, ib) < SENTENCE_SIMILARITY
    {
        return false;
    }
    // An age told at a moment a year named before it places in the past ("On Oct. 6, 1998,
    // Smith, 21, ...", in a report of 1999) is the age then: it disagrees only with an age told
    // at that moment, and never with one whose sentence names no past year at all (the age
    // now). A year after the age ("Smith, 58, acknowledged it in 1996") dates something else.
    if a.kind == Kind::Age {
        let (ya, yb) = (past_years(a, docs, dates), past_years(b, docs, dates));
        let before = |years: &[(u32, bool)]| -> HashSet<u32> {
            years
                .iter()
                .filter(|&&(_, before)| before)
                .map(|&(year, _)| year)
                .collect()
        };
        let (pa, pb) = (before(&ya), before(&yb));
        if !pa.is_empty() && !pb.is_empty() && pa.is_disjoint(&pb)
            || !pa.is_empty() && yb.is_empty()
            || !pb.is_empty() && ya.is_empty()
        {
            return false;
        }
    }
    // An upper bound and a lower bound ("up to $52,000 a year", "over $150,000 a year") are a
    // limit and a floor (two thresholds of a scale), not one figure reported two ways.
    if matches!(
        (a.hedge, b.hedge),
        (Hedge::AtLeast, Hedge::AtMost) | (Hedge::AtMost, Hedge::AtLeast)
    ) {
        return false;
    }
    // A person's age does not change between the days two sentences name.
    let (da, db) = (&wa.weekdays, &wb.weekdays);
    let (ma, mb) = (&wa.months, &wb.months);
    let named = |d: &HashSet<String>, m: &HashSet<String>| !d.is_empty() || !m.is_empty();
    if !(changing || a.kind == Kind::Age)
        && named(da, ma)
        && named(db, mb)
        && da.is_disjoint(db)
        && ma.is_disjoint(mb)
    {
        return false;
    }
    // A duration of something still going on grows from one report to the next, and two
    // periods ("a six-year separation", "an 18-year marriage") share a unit: only a rewrite of
    // one sentence tells a real difference.
    let duration = |m: &Mention| {
        m.head
            .as_deref()
            .is_some_and(|h| DURATION_STEMS.contains(&h))
    };
    if (duration(a) || duration(b))
        && a.kind != Kind::Age
        && idf.sentence_similarity(ia, ib) < SENTENCE_SIMILARITY
    {
        return false;
    }
    // The same event: two figures that are the objects or subjects of different verbs, neither
    // of which the other sentence uses ("has received $1.5 billion", "has secured $2 billion";
    // "62 people were tested", "40 people were hospitalised"), are two quantities, unless one
    // sentence rewrites the other.
    let uses = |m: &Mention, predicate: &str| {
        m.sentence_stems
            .iter()
            .any(|s| predicate_stem(s) == predicate)
    };
    if a.kind != Kind::Age
        && let (Some(pa), Some(pb)) = (&a.predicate, &b.predicate)
        && pa != pb
        && !uses(b, pa)
        && !uses(a, pb)
        && idf.sentence_similarity(ia, ib) < SENTENCE_SIMILARITY
    {
        return false;
    }
    // Two kinds of goods: a figure that says what it counts ("3,000 tons of rice") against
    // one that does not and whose sentence never names that kind ("5,000 tons were shipped",
    // with wheat the subject), unless one sentence rewrites the other.
    let kind_unnamed = |x: &Mention, y: &Mention| {
        y.of_kind.is_none()
            && x.of_kind
                .as_deref()
                .is_some_and(|k| !y.sentence_stems.contains(k))
    };
    if (kind_unnamed(a, b) || kind_unnamed(b, a))
        && idf.sentence_similarity(ia, ib) < SENTENCE_SIMILARITY
    {
        return false;
    }
    // A whole against a part: a total against a figure that is none, two places against one.
    if a.kind != Kind::Age && !same_scope((ia, a), (ib, b), docs, words) {
        return false;
    }
    // Who or where the figure is about, named before it: two different subjects ("Norland will
    // send 300 athletes", "Southmark will send 500 athletes") are two quantities. An age has its
    // owner checked instead (the names before it may be someone else's).
    if a.kind == Kind::Age {
        return true;
    }
    let (sa, sb) = (
        words.subjects(ia, a, docs, known_names),
        words.subjects(ib, b, docs, known_names),
    );
    // Each side naming someone or somewhere the other does not ("China's Guangdong", "China's
    // Hunan") is two subjects, even with a name in common.
    let differ = |x: &HashSet<String>, y: &HashSet<String>| x.difference(y).next().is_some();
    sa.is_empty() || sb.is_empty() || !(differ(sa, sb) && differ(sb, sa))
}

/// The years (four digits, 1800 on) a figure's sentence names that are earlier than the year its
/// article was published ("On Oct. 6, 1998, Smith, 21, ..." in a report of 1999: the figure is
/// told as it stood then), each with whether it is written before the figure. Empty without a
/// publication date.
fn past_years(m: &Mention, docs: &[Doc<'_>], dates: &[Option<String>]) -> Vec<(u32, bool)> {
    let published: Option<u32> = dates
        .get(m.article)
        .and_then(Option::as_deref)
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok());
    let Some(published) = published else {
        return Vec::new();
    };
    let doc = &docs[m.article];
    doc.sentences[m.sentence]
        .tokens
        .iter()
        .filter_map(|t| {
            let surface = doc.slice(t.span);
            if surface.len() != 4 || !surface.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let year: u32 = surface.parse().ok()?;
            ((1800..published.min(2200)).contains(&year))
                .then_some((year, t.span.end <= m.number_start))
        })
        .collect()
}

/// Articles whose figures must agree on the subject an unnamed figure borrows: the names one
/// report writes before a figure are as often its source ("Reuters said") as its subject.
const MIN_NAMING_REPORTS: usize = 2;

/// A figure whose sentence names no subject before it ("send it to the first 50 people in
/// your address book") is about what the figures it agrees with are about: a disagreement
/// between it and a figure naming a subject ("a second worm, Blip, sends itself to 20 people")
/// is two quantities when the figures of its group giving its value in [`MIN_NAMING_REPORTS`]
/// or more other articles all name one subject before them, and the names they share and the
/// named figure's differ both ways ([`conflict_supported`]'s test on the names before a
/// figure). Copies of one sentence and ages (whose owners are checked) are left alone.
fn drop_conflicts_with_unnamed_subjects(
    mentions: &[Mention],
    links: &mut Vec<(usize, usize)>,
    edges: &mut Vec<(usize, usize)>,
    copied: &HashSet<(usize, usize)>,
    docs: &[Doc<'_>],
    known_names: &HashSet<String>,
    words: &WordCache,
) {
    let subjects = |idx: usize| words.subjects(idx, &mentions[idx], docs, known_names);
    // (named side, unnamed side) of each disagreeing edge that has one of each.
    let mut suspects: Vec<(usize, usize, (usize, usize))> = Vec::new();
    for &(a, b) in edges.iter() {
        let (ma, mb) = (&mentions[a], &mentions[b]);
        if ma.kind == Kind::Age || copied.contains(&(a, b)) || values_agree(ma, mb) {
            continue;
        }
        match (subjects(a).is_empty(), subjects(b).is_empty()) {
            (false, true) => suspects.push((a, b, (a, b))),
            (true, false) => suspects.push((b, a, (a, b))),
            _ => {}
        }
    }
    if suspects.is_empty() {
        return;
    }
    let mut parent = components_of(mentions.len(), links);
    let roots: HashSet<usize> = suspects
        .iter()
        .map(|&(_, unnamed, _)| find(&mut parent, unnamed))
        .collect();
    let mut members: HashMap<usize, Vec<usize>> = HashMap::default();
    for idx in 0..mentions.len() {
        let root = find(&mut parent, idx);
        if roots.contains(&root) {
            members.entry(root).or_default().push(idx);
        }
    }
    let differ = |x: &HashSet<String>, y: &HashSet<String>| x.difference(y).next().is_some();
    let mut dropped: HashSet<(usize, usize)> = HashSet::default();
    for (named, unnamed, edge) in suspects {
        let root = find(&mut parent, unnamed);
        let names = subjects(named);
        let partners: Vec<usize> = members[&root]
            .iter()
            .copied()
            .filter(|&c| {
                c != unnamed
                    && mentions[c].article != mentions[named].article
                    && mentions[c].article != mentions[unnamed].article
                    && values_agree(&mentions[c], &mentions[unnamed])
                    && !subjects(c).is_empty()
            })
            .collect();
        let mut articles: Vec<usize> = partners.iter().map(|&c| mentions[c].article).collect();
        articles.sort_unstable();
        articles.dedup();
        if articles.len() < MIN_NAMING_REPORTS {
            continue;
        }
        let mut common: HashSet<String> = subjects(partners[0]).clone();
        for &c in &partners[1..] {
            common.retain(|name| subjects(c).contains(name));
        }
        if !common.is_empty() && differ(names, &common) && differ(&common, names) {
            dropped.insert(edge);
        }
    }
    if !dropped.is_empty() {
        let keep =
            |&(a, b): &(usize, usize)| !dropped.contains(&(a, b)) && !dropped.contains(&(b, a));
        links.retain(keep);
        edges.retain(keep);
    }
}

/// Whether two figures cover the same whole ([`super::scope`]): neither is given as a total
/// ("the total $22 billion market") when the other is not, and neither names more places in its
/// clause than the other's sentence does ("in the West Bank and Gaza" against "throughout the
/// West Bank").
fn same_scope(
    (ia, a): (usize, &Mention),
    (ib, b): (usize, &Mention),
    docs: &[Doc<'_>],
    words: &WordCache,
) -> bool {
    let sentence = |m: &Mention| docs[m.article].sentences[m.sentence].span;
    let text = |m: &Mention| docs[m.article].slice(sentence(m));
    let before = |m: &Mention| {
        docs[m.article]
            .text
            .get(sentence(m).start..m.span.start)
            .unwrap_or("")
    };
    let after = |m: &Mention| {
        docs[m.article]
            .text
            .get(m.span.end..sentence(m).end)
            .unwrap_or("")
    };
    // What each side reads of its own text alone is worked out once per mention.
    let total = |idx: usize, m: &Mention| {
        *words.totals[idx].get_or_init(|| super::scope::given_as_total(before(m)))
    };
    let coordinated = |idx: usize, m: &Mention| {
        *words.coordinated[idx].get_or_init(|| super::scope::may_name_places(after(m)))
    };
    total(ia, a) == total(ib, b)
        && !(coordinated(ia, a) && super::scope::wider_places(after(a), text(b)))
        && !(coordinated(ib, b) && super::scope::wider_places(after(b), text(a)))
}

/// Whether a sentence gives a projection or expectation rather than a count ("polls project",
/// "is expected to").
fn forecast(words: &[Cow<'_, str>]) -> bool {
    words.iter().any(|w| word_flags(w) & FORECAST != 0)
}

/// Words of a projection or expectation.
const FORECAST_WORDS: &[&str] = &[
    "project",
    "projects",
    "projected",
    "projection",
    "projections",
    "forecast",
    "forecasts",
    "predict",
    "predicts",
    "predicted",
    "expect",
    "expects",
    "expected",
    "estimate",
    "estimates",
    // Still awaited: "awaits test results from some 40 people" is no count of people tested.
    "await",
    "awaits",
    "awaiting",
    "pending",
];

/// Words before a relative clause's comma read as its antecedent by [`subject_names`].
const ANTECEDENT_WORDS: usize = 3;

/// Stems of the capitalised words of a mention's sentence before its number, months and
/// weekdays left out; the sentence's first word only when the cluster writes it capitalised
/// mid-sentence (`known_names`).
///
/// A figure in a relative clause (", which vanished from radar 300 miles off the coast") is
/// about the clause's antecedent: names further back ("The Air Force is confirming the loss of
/// the aircraft, which ...") say who reported it, not what it counts, and are left out; the
/// [`ANTECEDENT_WORDS`] words right before the comma stay ("Hunan, which sent 500 athletes").
fn subject_names(m: &Mention, docs: &[Doc<'_>], known_names: &HashSet<String>) -> HashSet<String> {
    let doc = &docs[m.article];
    let sentence = &doc.sentences[m.sentence];
    let first = sentence.tokens.first().map(|t| t.span.start);
    let relative = doc
        .text
        .get(sentence.span.start..m.number_start)
        .and_then(|before| {
            [", which ", ", who ", ", whose ", ", where "]
                .iter()
                .filter_map(|p| before.rfind(p))
                .max()
        })
        .map(|at| sentence.span.start + at);
    let from = relative.map_or(0, |comma| {
        sentence
            .tokens
            .iter()
            .filter(|t| t.span.end <= comma)
            .rev()
            .nth(ANTECEDENT_WORDS - 1)
            .map_or(0, |t| t.span.start)
    });
    sentence
        .tokens
        .iter()
        .filter(|t| Some(t.span.start) != first || known_names.contains(&*t.stem))
        .filter(|t| t.span.start >= from && t.span.end <= m.number_start && !t.is_stopword)
        .filter(|t| {
            let surface = doc.slice(t.span);
            surface.chars().next().is_some_and(char::is_uppercase) && !month_or_weekday(surface)
        })
        .map(|t| t.stem.to_string())
        .collect()
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

#[cfg(test)]
mod tests {
    use super::super::build_brief;
    use super::super::testutil::cluster_of;
    use super::*;

    #[test]
    fn indexed_similarities_are_those_of_the_stem_sets() {
        let (cluster, cleaned, segmented) = cluster_of(&[
            "Police arrested 40 protesters near the harbour on Sunday, officials said. About 3,000 \
             people marched through the old town, the mayor said, and 12 shops closed.",
            "Police arrested 95 protesters near the old harbour on Sunday. The mayor said 2,500 \
             people marched and that 12 shops in the town closed for the day.",
            "Some 40 people were arrested. Officials said 30 percent of shops closed; the rest \
             opened at 10 a.m. with 4 police officers at each.",
        ]);
        let (empty_clean, empty_segmented) = Default::default();
        let docs = super::super::docs_of(
            &cluster,
            &cleaned,
            &segmented,
            &empty_clean,
            &empty_segmented,
        );
        let mut mentions = Vec::new();
        for doc in &docs {
            for (idx, sentence) in doc.sentences.iter().enumerate() {
                extract_sentence(doc, idx, sentence, &mut mentions);
            }
        }
        assert!(mentions.len() >= 8, "{}", mentions.len());
        let mut idf = Idf::new(&docs);
        idf.index_sentences(&mentions, &docs);
        idf.index_contexts(&mentions);
        for (a, ma) in mentions.iter().enumerate() {
            for (b, mb) in mentions.iter().enumerate() {
                let expected = idf.jaccard(&ma.sentence_stems, &mb.sentence_stems);
                assert_eq!(idf.sentence_jaccard(a, b).to_bits(), expected.to_bits());
                let close = idf.sentence_similarity(a, b) - expected;
                assert!(close.abs() < 1e-12, "{close}");
                let shared = ma.context.intersection(&mb.context).count();
                let union = ma.context.union(&mb.context).count();
                assert_eq!(idf.context_counts(a, b), (shared, union));
            }
        }
    }

    /// The matches of a number pattern ([`NUMBER_ASCII`] or [`NUMBER`]) as [`NumberMatch`]es.
    fn pattern_matches(pattern: &Regex, text: &str) -> Vec<NumberMatch> {
        pattern
            .captures_iter(text)
            .map(|caps| NumberMatch {
                whole: caps.get(0).expect("whole").range(),
                cur: caps.name("cur").map(|m| m.range()),
                num: caps.name("num").expect("num").range(),
                scale: caps.name("scale").map(|m| m.range()),
                pct: caps.name("pct").map(|m| m.range()),
            })
            .collect()
    }

    /// The matches of [`NUMBER_ASCII`] as [`NumberMatch`]es.
    fn number_regex_matches(text: &str) -> Vec<NumberMatch> {
        pattern_matches(&NUMBER_ASCII, text)
    }

    fn number_scanner_matches(text: &str) -> Vec<NumberMatch> {
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(m) = next_number(text, at) {
            at = m.whole.end;
            found.push(m);
        }
        found
    }

    #[test]
    fn the_number_scanner_finds_what_the_pattern_does() {
        for text in [
            "US$ 3.5 billion, A$12 and C$ 7bn; $1,234,567.89 million-dollar 1,2345 12,345,67",
            "1234,567 5 -million 5 millions 5 Million 7-BN 8mln",
            "40 per cent 41 percentage  points 42 percentagepoints 43 percentage pointsx 44%",
            "45 per centx 46 Percent 47 PER CENT 48\u{a0}percent €5 £ 6 ¥7\u{a0}thousand",
            "a1b2 3_ 4.5.6 7. .8 $ 9 $x US$ A$ C$ U5 UUS$5 — 10 “11” 12…",
        ] {
            assert!(ascii_boundaries_hold(text));
            assert_eq!(
                number_scanner_matches(text),
                number_regex_matches(text),
                "{text}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn the_number_scanner_matches_the_pattern_on_any_mix(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "0", "1", "7", "12", "345", "6789", ",", ".", "-", "_", "%", " ", "  ", "\u{a0}",
                "\n", "$", "US$", "A$", "C$", "U", "S", "€", "£", "¥", "—", "“", "per", "cent",
                "percent", "Percentage", "point", "s", "thousand", "MILLION", "billion",
                "trillion", "bn", "mln", "x", "a",
            ]),
            0..24,
        )) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(number_scanner_matches(&text), number_regex_matches(&text));
        }
    }

    /// The matches of [`NUMBER`] (Unicode word boundaries) as [`NumberMatch`]es.
    fn unicode_regex_matches(text: &str) -> Vec<NumberMatch> {
        pattern_matches(&NUMBER, text)
    }

    #[test]
    fn numbers_beside_letters_outside_ascii_are_the_patterns_matches() {
        for (text, scanned) in [
            (
                "Zoë paid 5 millionés, 6 million é, 7 millionß and 8 percentà",
                true,
            ),
            (
                "Ärzte: 9 per centÄ, 10 percent Ж, 11 thousandЖ 12 bn€ 13 mln·",
                false,
            ),
            (
                "Café 14 billion\u{301} 15 million\u{200d} 16 trillion‿",
                false,
            ),
            (
                "Straße 17 thouſand 18 perſent 19 percentage\u{a0}points",
                false,
            ),
            ("Øre 20 ٣ 21 million² 22 Ⅻ 23 percentage pointsé", false),
            (
                "Łódź 24 million 25 per cent 26 percentage points 27% €28",
                true,
            ),
        ] {
            assert_eq!(scanner_holds(text), scanned, "{text}");
            assert_eq!(number_matches(text), unicode_regex_matches(text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn number_matches_are_the_patterns_on_any_mix_with_letters_outside_ascii(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "0", "1", "12", "6789", ",", ".", "-", "%", " ", "\u{a0}", "$", "US$", "€",
                    "£", "per", "cent", "percent", "percentage", "point", "s", "thousand",
                    "million", "bn", "x", "é", "ß", "Ж", "Ø", "ſ", "\u{212a}", "\u{301}",
                    "\u{200d}", "‿", "٣", "²", "Ⅻ", "·", "—", "“",
                ]),
                0..24,
            )
        ) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(number_matches(&text), unicode_regex_matches(&text));
        }

        // Words of the pattern right before letters outside ASCII, where the boundary after
        // them falls only on a Unicode reading.
        #[test]
        fn number_words_before_letters_outside_ascii_end_where_the_pattern_does(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "7", "45", " ", "-", "million", "bn", "thousand", "percent", "per", "cent",
                    "percentage", "point", "s", "%", "é", "ß", "Ж", "\u{a0}", "—",
                ]),
                0..12,
            )
        ) {
            let text: String = pieces.concat();
            proptest::prop_assert!(scanner_holds(&text));
            proptest::prop_assert_eq!(number_matches(&text), unicode_regex_matches(&text));
        }
    }

    #[test]
    fn capture_group_numbers_match_the_patterns() {
        fn names(re: &Regex) -> Vec<Option<&str>> {
            re.capture_names().collect()
        }
        for re in [&*NUMBER, &*NUMBER_ASCII] {
            let names = names(re);
            assert_eq!(names[NUMBER_CUR], Some("cur"));
            assert_eq!(names[NUMBER_NUM], Some("num"));
            assert_eq!(names[NUMBER_SCALE], Some("scale"));
            assert_eq!(names[NUMBER_PCT], Some("pct"));
        }
        for re in [&*SPELLED_NUMBER, &*SPELLED_NUMBER_ASCII] {
            let names = names(re);
            assert_eq!(names[SPELLED_NUM], Some("num"));
            assert_eq!(names[SPELLED_SCALE], Some("scale"));
            assert_eq!(names[SPELLED_PCT], Some("pct"));
        }
    }

    fn figures_of(texts: &[&str]) -> Figures {
        let (cluster, cleaned, segmented) = cluster_of(texts);
        build_brief(&cluster, &cleaned, &segmented, &[]).figures
    }

    #[test]
    fn ascii_boundaries_find_what_unicode_ones_do_where_used() {
        let word = Regex::new(r"\w").expect("valid regex");
        for c in NON_WORD_CHARS {
            assert!(!word.is_match(&c.to_string()), "{c:?} is a word character");
        }
        let spans = |regex: &Regex, text: &str| -> Vec<(usize, usize)> {
            regex
                .captures_iter(text)
                .filter_map(|c| c.get(0))
                .map(|m| (m.start(), m.end()))
                .collect()
        };
        for text in [
            "“It’s 5 million—or 12 percent,” she said; six men, 40 per cent… «twenty-two»",
            "About 3 billion\u{a0}euros, seventy-five percent – 2 bn £ and one million.",
        ] {
            assert_eq!(spans(&NUMBER, text), spans(&NUMBER_ASCII, text));
            assert_eq!(
                spans(&SPELLED_NUMBER, text),
                spans(&SPELLED_NUMBER_ASCII, text)
            );
        }
        // A letter outside ASCII after a scale: the Unicode pattern runs.
        let text = "5 millionè and twoé";
        assert_ne!(spans(&NUMBER, text), spans(&NUMBER_ASCII, text));
        assert_eq!(
            scan_numbers(text).len(),
            spans(&NUMBER, text).len() + spans(&SPELLED_NUMBER, text).len()
        );
    }

    #[test]
    fn the_spelled_number_test_lets_every_kept_number_through() {
        for text in [
            "one million people",
            "One-hundred",
            "twenty-one",
            "“two”",
            "Seventeen",
            "x ſix",
        ] {
            assert!(first_spelled_number(text).is_some(), "{text}");
        }
        for text in ["someone often", "one of them", "tone", "one", "tent"] {
            assert!(first_spelled_number(text).is_none(), "{text}");
        }
    }

    #[test]
    fn spelled_numbers_before_the_first_word_let_through_are_lone_ones() {
        for text in [
            "one of the two men",
            "One, then one percent, then twenty-one",
            "someone said one-two and one million",
            "tone one per cent ten",
            "one\u{a0}thousand and one",
            "x one — Five",
        ] {
            let from = first_spelled_number(text).expect("a number");
            for caps in SPELLED_NUMBER.captures_iter(text) {
                let whole = caps.get(0).expect("whole");
                if whole.start() < from {
                    assert!(whole.end() <= from, "{text}");
                    assert!(
                        caps["num"].eq_ignore_ascii_case("one") && caps.name("scale").is_none(),
                        "{text}"
                    );
                }
            }
        }
        assert_eq!(first_spelled_number("tone one per cent ten"), Some(18));
        assert_eq!(first_spelled_number("x ſix"), Some(0));
    }

    type Flag = (String, Vec<(f64, Vec<usize>)>);

    /// (measure, sorted (value, articles)) of each disagreement.
    fn disagreements(figures: &Figures) -> Vec<Flag> {
        figures
            .disagreements
            .iter()
            .map(|&q| {
                let quantity = &figures.quantities[q];
                let mut values: Vec<(f64, Vec<usize>)> = quantity
                    .values
                    .iter()
                    .map(|v| (v.value, v.articles.clone()))
                    .collect();
                values.sort_by(|a, b| a.0.total_cmp(&b.0));
                (quantity.measure.clone(), values)
            })
            .collect()
    }

    #[test]
    fn extracts_value_kind_hedge_and_unit() {
        let figures = figures_of(&[
            "The agency said nearly 1,200 homes were damaged and about 40 per cent of farms in the Delta region flooded. \
             The government pledged $2.5 billion in aid, up from 300 million euros in 2019, on Feb. 3, 2020.",
        ]);
        let got: Vec<(&str, f64, &str, &str)> = figures
            .mentions
            .iter()
            .map(|m| {
                (
                    m.excerpt.text.as_str(),
                    m.value,
                    m.kind.as_str(),
                    m.hedge.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("nearly 1,200 homes", 1200.0, "count", "approximate"),
                ("about 40 per cent", 40.0, "percent", "approximate"),
                ("$2.5 billion", 2.5e9, "money", "exact"),
                ("300 million euros", 3e8, "money", "exact"),
                ("2019", 2019.0, "year", "exact"),
                ("3", 3.0, "date", "exact"),
                ("2020", 2020.0, "year", "exact"),
            ]
        );
        assert_eq!(figures.mentions[1].measure, "per cent of farms · Delta");
        assert_eq!(figures.mentions[3].currency.as_deref(), Some("EUR"));
    }

    /// "two rival governments": the label names the noun, not only the adjective before it.
    #[test]
    fn a_head_opening_with_an_adjective_is_labelled_with_its_noun() {
        let figures = figures_of(&[
            "Two rival councils have ruled Norland since May.",
            "Norland has two rival councils and 40 new schools.",
        ]);
        let measures: Vec<&str> = figures
            .mentions
            .iter()
            .map(|m| m.measure.as_str())
            .collect();
        assert!(
            measures.contains(&"rival councils · Norland"),
            "{measures:?}"
        );
        assert!(measures.contains(&"new schools"), "{measures:?}");
        // "15 Tovian Coast Guard sailors": a capitalised run qualifies the noun after it.
        let figures = figures_of(&[
            "Police held 15 Tovian Coast Guard sailors on Monday.",
            "The 15 Tovian sailors were freed on Friday.",
        ]);
        assert!(
            figures
                .mentions
                .iter()
                .all(|m| m.measure.starts_with("sailors")),
            "{:?}",
            figures.mentions
        );
    }

    #[test]
    fn a_sentence_telling_several_values_apart_disagrees_only_with_its_rewrite() {
        // One report gives two vents' temperatures, another the lava flows': no one temperature
        // is reported two ways (without the rule, 2,200 and 2,700 are linked as one).
        let figures = figures_of(&[
            "Instruments showed that the vents had temperatures of 2,200 degrees and that one vent was as hot as 3,100 degrees.",
            "Instruments showed that the lava flows had temperatures of 2,700 degrees.",
            "Instruments on the probe showed that the lava flows had temperatures of 2,700 degrees.",
        ]);
        assert!(
            disagreements(&figures).is_empty(),
            "{:?}",
            disagreements(&figures)
        );
        // A rewrite of such a sentence with one figure changed still disagrees.
        let figures = figures_of(&[
            "The survey found that the northern vents had temperatures of 2,200 degrees and that one southern vent was as hot as 3,100 degrees.",
            "The survey found that the northern vents had temperatures of 2,400 degrees and that one southern vent was as hot as 3,100 degrees.",
        ]);
        let got = disagreements(&figures);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, vec![(2200.0, vec![0]), (2400.0, vec![1])]);
    }

    #[test]
    fn a_things_age_is_not_linked_by_the_names_around_it() {
        let figures = figures_of(&[
            "At roughly 320,000 years old, the Early Tessan Age blades are the oldest of their kind, the researchers report.",
            "Blade making went on well into the Early Tessan Age, as at the 160,000-year-old site of Marn.",
        ]);
        assert!(
            disagreements(&figures).is_empty(),
            "{:?}",
            disagreements(&figures)
        );
        // A person's age still is.
        let figures = figures_of(&[
            "Defence lawyers said Oskar Varnell, 41, would plead not guilty.",
            "The judge ordered Oskar Varnell, 44, held without bail.",
        ]);
        assert_eq!(
            disagreements(&figures).len(),
            1,
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn elided_percent_disagreement_across_articles() {
        let figures = figures_of(&[
            "Since the campaign began, the rebels have lost 40 per cent of their territory in Norland and about 30 per cent in Southmark, officials said.",
            "The rebels have lost 40 percent of the territory they held in Norland and 20 percent in Southmark.",
            "Officials say the rebels lost 40 percent of their land in Norland and 20 per cent in Southmark.",
        ]);
        let got = disagreements(&figures);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, vec![(20.0, vec![1, 2]), (30.0, vec![0])]);
        assert!(got[0].0.contains("Southmark"));
        let agreed: Vec<&Quantity> = figures
            .quantities
            .iter()
            .filter(|q| q.status == "agree")
            .collect();
        assert_eq!(agreed.len(), 1);
        assert_eq!(agreed[0].n_articles, 3);
    }

    #[test]
    fn within_article_slip_is_flagged_with_note() {
        let figures = figures_of(&[
            "The rebels lost 40 percent of the territory they held in Norland and 20 percent of their lands in Norland, he said.",
            "The rebels have lost 40 percent of their territory in Norland and 20 percent in Southmark.",
            "The rebels lost 40 percent of the territory in Norland and 20 per cent in Southmark.",
        ]);
        let got = disagreements(&figures);
        assert_eq!(got.len(), 1, "{got:?}");
        let quantity = &figures.quantities[figures.disagreements[0]];
        assert_eq!(quantity.within_article, vec![0]);
        assert!(
            quantity
                .note
                .as_deref()
                .is_some_and(|n| n.contains("Southmark")),
            "{:?}",
            quantity.note
        );
    }

    #[test]
    fn two_values_of_one_article_alone_are_no_disagreement() {
        let figures = figures_of(&[
            "The rebels lost 40 percent of the territory they held in Norland and 20 percent of their lands in Norland, he said.",
            "Talks between the two sides are due to resume in the capital next week.",
            "Aid groups said roads into the region were still closed by snow.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
        assert!(
            figures
                .quantities
                .iter()
                .all(|q| q.n_articles > 1 || q.values.len() == 1),
            "{:?}",
            figures.quantities
        );
    }

    #[test]
    fn hedged_equal_values_and_compounds_agree() {
        let figures = figures_of(&[
            "The alliance said it had conducted almost 10,000 airstrikes against the group.",
            "We have launched nearly 10,000 air strikes against the group, the alliance said.",
            "More than 250,000 people have been killed in the war.",
            "The war has killed at least 250,000 people.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
        assert_eq!(figures.quantities.len(), 2, "{:?}", figures.quantities);
    }

    #[test]
    fn different_measures_are_not_disagreements() {
        let figures = figures_of(&[
            "The talks were attended by 23 nations. Overall, the coalition counts 66 members.",
            "Officials from 23 countries met in the capital. The alliance has 66 members.",
            "Five people were killed and 20 people were injured in the blast.",
            "The blast killed 5 people, police said, and injured 20 people.",
            "Turnout was 61 percent in the north and 48 percent in the south.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn count_disagreement_with_who_says_which() {
        let figures = figures_of(&[
            "The earthquake killed 212 people in the province, officials said.",
            "Officials said the earthquake killed 180 people in the province.",
            "The earthquake killed 212 people, according to the governor.",
        ]);
        let got = disagreements(&figures);
        assert_eq!(
            got,
            vec![(
                "people".to_string(),
                vec![(180.0, vec![1]), (212.0, vec![0, 2])]
            )]
        );
    }

    #[test]
    fn rounding_agrees() {
        let m = |value: f64, digits: &str, hedge: Hedge| Mention {
            article: 0,
            sentence: 0,
            span: Span::default(),
            number_start: 0,
            value,
            precision: rounding_half_unit(digits),
            kind: Kind::Count,
            hedge,
            currency: None,
            head: None,
            head_compound: None,
            head_surface: None,
            compound_surface: None,
            qualifiers: Vec::new(),
            qualifier_surface: Vec::new(),
            context: HashSet::default(),
            elided: false,
            owners: Vec::new(),
            lead_owner: None,
            sentence_stems: Arc::new(HashSet::default()),
            sentence_names: Arc::new(HashSet::default()),
            partial: false,
            dimensions: Vec::new(),
            range_end: false,
            rate: false,
            negated: false,
            predicate: None,
            of_kind: None,
        };
        assert!(values_agree(
            &m(2000.0, "2000", Hedge::Exact),
            &m(2013.0, "2013", Hedge::Exact)
        ));
        assert!(!values_agree(
            &m(212.0, "212", Hedge::Exact),
            &m(180.0, "180", Hedge::Exact)
        ));
        assert!(values_agree(
            &m(90.0, "90", Hedge::AtLeast),
            &m(120.0, "120", Hedge::Exact)
        ));
        assert!(!values_agree(
            &m(90.0, "90", Hedge::AtMost),
            &m(120.0, "120", Hedge::Exact)
        ));
        // One article writing a bound and an approximate figure gives two values ("more than
        // 37 million", "nearly 40 million"); "about 40" and "40" are one.
        assert!(!written_alike(
            &m(37e6, "37", Hedge::AtLeast),
            &m(40e6, "40", Hedge::Approximate)
        ));
        assert!(written_alike(
            &m(38e6, "38", Hedge::Approximate),
            &m(40e6, "40", Hedge::Exact)
        ));
    }

    #[test]
    fn a_part_or_a_wider_whole_is_no_disagreement() {
        // Controls: the same sentences without the scope cue disagree.
        let flagged = |texts: &[&str]| !disagreements(&figures_of(texts)).is_empty();
        assert!(flagged(&[
            "Last year the virus killed seven people in the Northtown area, health officials said.",
            "Last year the virus killed six people in the Northtown area, health officials said.",
        ]));
        // One line of a breakdown by place is a part of the whole.
        assert!(!flagged(&[
            "Last year the virus killed seven people in the Northtown area, health officials said.",
            "Last year the virus killed six people in Northtown City and one in Westfield, health officials said.",
        ]));
        assert!(flagged(&[
            "Some 150,000 settlers live throughout the North Bank, officials said on Monday.",
            "Nearly 200,000 settlers live throughout the North Bank, officials said on Monday.",
        ]));
        // Two places joined against the first alone: a whole and a part.
        assert!(!flagged(&[
            "Some 150,000 settlers live throughout the North Bank, officials said on Monday.",
            "Nearly 200,000 settlers live in the North Bank and Southstrip, officials said on Monday.",
        ]));
        assert!(flagged(&[
            "Book clubs sold titles worth $1.2 billion last year in the $22 billion book market.",
            "Book clubs sold titles worth $1.2 billion last year in the $8 billion book market.",
        ]));
        // A total against a figure that is not one.
        assert!(!flagged(&[
            "Book clubs sold titles worth $1.2 billion last year in the total $22 billion book market.",
            "Book clubs sold titles worth $1.2 billion last year in the $8 billion book market.",
        ]));
    }

    fn kinds(figures: &Figures) -> Vec<(String, f64, String)> {
        figures
            .mentions
            .iter()
            .map(|m| (m.excerpt.text.clone(), m.value, m.kind.clone()))
            .collect()
    }

    #[test]
    fn spelled_out_numbers_and_ages_are_extracted() {
        let figures = figures_of(&[
            "Four men were arrested. Lee Dorn, 67, said the 82-year-old was unhurt and twenty-five homes burned.",
        ]);
        let got = kinds(&figures);
        assert!(
            got.contains(&("Four men".into(), 4.0, "count".into())),
            "{got:?}"
        );
        assert!(got.contains(&("67".into(), 67.0, "age".into())), "{got:?}");
        assert!(
            got.contains(&("82-year-old".into(), 82.0, "age".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("twenty-five homes".into(), 25.0, "count".into())),
            "{got:?}"
        );
    }

    #[test]
    fn a_changed_spelled_number_or_age_is_a_disagreement() {
        let figures = figures_of(&[
            "Police said four men were arrested at the harbour on Sunday. Lee Dorn, 67, runs the harbour.",
            "Police said nine men were arrested at the harbour on Sunday. Lee Dorn, 76, runs the harbour.",
        ]);
        let got = disagreements(&figures);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got.iter()
                .any(|f| f.1 == vec![(4.0, vec![0]), (9.0, vec![1])]),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|f| f.1 == vec![(67.0, vec![0]), (76.0, vec![1])]),
            "{got:?}"
        );
    }

    #[test]
    fn an_age_a_year_apart_does_not_crowd_out_a_different_one() {
        // One person's age given as 31 and once as 32 (a birthday between reports) is one age:
        // the report giving 58 disagrees with it.
        let texts = [
            "Mara Quell, 31, was charged with fraud on Monday in the port city.",
            "Mara Quell, 31, was charged with fraud in the port city, prosecutors said.",
            "Prosecutors said Mara Quell, 32, faces three counts of fraud.",
            "Mara Quell, 58, appeared in court on Monday in the port city.",
        ];
        let figures = figures_of(&texts);
        let got = disagreements(&figures);
        assert!(
            got.iter()
                .any(|f| f.1.iter().any(|v| v.0 == 58.0) && f.1.iter().any(|v| v.0 == 31.0)),
            "{got:?}"
        );
        // Ages two years apart are two people's (or two moments'): three values, several
        // quantities, no disagreement.
        let figures = figures_of(&[
            texts[0],
            texts[1],
            "Prosecutors said Mara Quell, 33, faces three counts of fraud.",
            texts[3],
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn dlrs_are_money_and_pounds_of_cargo_are_weight() {
        let figures = figures_of(&[
            "A ticket costs 40 dlrs and the mine adds U.S. dlrs 3.7 billion. The plane carried 70,000 pounds of cargo; the fine was 5,000 pounds.",
        ]);
        let money: Vec<(f64, Option<String>)> = figures
            .mentions
            .iter()
            .filter(|m| m.kind == "money")
            .map(|m| (m.value, m.currency.clone()))
            .collect();
        assert_eq!(
            money,
            vec![
                (40.0, Some("USD".into())),
                (3.7e9, Some("USD".into())),
                (5000.0, Some("GBP".into()))
            ]
        );
        assert!(
            figures
                .mentions
                .iter()
                .any(|m| m.value == 70_000.0 && m.kind == "count")
        );
    }

    #[test]
    fn labels_are_never_compared() {
        let figures = figures_of(&[
            "The Hawks won Game 2 on Sunday as the Category 2 storm passed the coast.",
            "The Hawks won Game 4 on Sunday as the Category 4 storm passed the coast.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
        assert!(
            figures.mentions.iter().all(|m| m.kind == "label"),
            "{:?}",
            kinds(&figures)
        );
    }

    #[test]
    fn different_peoples_durations_and_ages_are_not_merged() {
        let figures = figures_of(&[
            "Lee Dorn spent 11 years in prison for the attack. Lee Dorn, 45, was freed on Monday.",
            "Ana Park spent 13 years in prison for the attack. Ana Park, 52, was freed on Monday.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn different_things_in_one_unit_are_not_merged() {
        let figures = figures_of(&[
            "In Norland, 32 people died in the cold wave, police said. The new bridge is 120 metres long. The country posted a trade surplus of $5 billion in May.",
            "In Southmark, 21 people died in the cold wave, police said. The new bridge is 80 metres wide. The country posted a trade deficit of $3 billion in May.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn a_remainder_is_not_a_disagreement_with_the_whole() {
        let figures = figures_of(&[
            "Iran seized 15 sailors in the gulf on Friday and said they would be released soon.",
            "Iran freed one sailor and said the other 14 sailors in the gulf would be released soon.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn a_figure_agreed_by_many_is_still_linked_when_one_article_changes_it() {
        let agreeing =
            "The bombing of the airliner over the town killed 270 people, investigators said.";
        let changed =
            "The bombing of the airliner over the town killed 207 people, investigators said.";
        let figures = figures_of(&[
            agreeing, agreeing, agreeing, agreeing, agreeing, agreeing, agreeing, changed,
        ]);
        let got = disagreements(&figures);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1[0], (207.0, vec![7]));
        assert_eq!(got[0].1[1].1.len(), 7);
    }

    #[test]
    fn a_later_revision_is_an_update_with_both_dates() {
        let texts = [
            "The earthquake killed 212 people in the province, officials said.",
            "The earthquake killed 180 people in the province, officials said.",
        ];
        let (mut cluster, cleaned, segmented) = cluster_of(&texts);
        cluster.articles[0].published = Some("2020-03-02".into());
        cluster.articles[1].published = Some("2020-03-01".into());
        let figures = build_brief(&cluster, &cleaned, &segmented, &[]).figures;
        assert!(figures.disagreements.is_empty());
        assert_eq!(figures.updates.len(), 1);
        let quantity = &figures.quantities[figures.updates[0]];
        assert_eq!(quantity.status, "update");
        let dated: Vec<(f64, Vec<String>)> = quantity
            .values
            .iter()
            .map(|v| (v.value, v.dates.clone()))
            .collect();
        assert!(
            dated.contains(&(212.0, vec!["2020-03-02".to_string()])),
            "{dated:?}"
        );
        assert!(
            dated.contains(&(180.0, vec!["2020-03-01".to_string()])),
            "{dated:?}"
        );
        // The same two reports on one day disagree.
        cluster.articles[1].published = Some("2020-03-02".into());
        let figures = build_brief(&cluster, &cleaned, &segmented, &[]).figures;
        assert_eq!(figures.disagreements.len(), 1);
    }

    #[test]
    fn a_sentence_with_a_different_figure_is_not_support() {
        let texts = [
            "Some 3,000 residents were evacuated from the flooded valley on Monday. The repairs to the dam cost 6 million dollars.",
            "2,000 residents were evacuated from the flooded valley on Monday. The repairs to the dam cost 5 million dollars.",
            "About 3,000 residents were evacuated from the flooded valley on Monday. The repairs to the dam cost 6 million dollars.",
        ];
        let (cluster, cleaned, segmented) = cluster_of(&texts);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[(0, 0), (0, 1)]);
        for sentence in &brief.summary {
            let supporters: Vec<usize> =
                sentence.support.iter().map(|s| s.excerpt.article).collect();
            assert_eq!(supporters, vec![0, 2], "{}", sentence.excerpt.text);
        }
    }
    #[test]
    fn a_copy_with_any_number_changed_is_not_support() {
        // A remainder, a headless count and the end of a range, each in a sentence copied with
        // only that number changed: the copy gives the figure another value.
        let texts = [
            "Since then, 31 states have signed the charter and 12 others have joined it by a later vote. \
             Of the 40 towns that allow night markets, only six have held one since 1990: Alton, Brill and Coe. \
             The firm sells bicycles to the 8- to 30-year-old market across the northern region.",
            "Since then, 31 states have signed the charter and 27 others have joined it by a later vote. \
             Of the 40 towns that allow night markets, only nineteen have held one since 1990: Alton, Brill and Coe. \
             The firm sells bicycles to the 8- to 45-year-old market across the northern region.",
            "Since then, 31 states have signed the charter and 12 others have joined it by a later vote. \
             Of the 40 towns that allow night markets, only six have held one since 1990: Alton, Brill and Coe. \
             The firm sells bicycles to the 8- to 30-year-old market across the northern region.",
        ];
        let (cluster, cleaned, segmented) = cluster_of(&texts);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[(0, 0), (0, 1), (0, 2)]);
        assert_eq!(brief.summary.len(), 3);
        for sentence in &brief.summary {
            let supporters: Vec<usize> =
                sentence.support.iter().map(|s| s.excerpt.article).collect();
            assert_eq!(supporters, vec![0, 2], "{}", sentence.excerpt.text);
        }
    }

    #[test]
    fn the_changed_end_of_a_range_in_a_copied_sentence_is_a_disagreement() {
        let flagged = figures_of(&[
            "Mara Quill runs Teen Signal, a research firm studying the 8- to 30-year-old market.",
            "Mara Quill runs Teen Signal, a research firm studying the 8- to 45-year-old market.",
        ]);
        assert_eq!(
            disagreements(&flagged).len(),
            1,
            "{:?}",
            disagreements(&flagged)
        );
        // Rewritten, the sentences give two ranges, not one figure in dispute.
        let rewritten = figures_of(&[
            "Mara Quill runs Teen Signal, a research firm studying the 8- to 30-year-old market.",
            "Teen Signal, the firm of Mara Quill, studies buyers in the 8- to 45-year-old market.",
        ]);
        assert!(disagreements(&rewritten).is_empty());
    }

    #[test]
    fn copies_with_numbers_changed() {
        let copy = |a: &str, b: &str| copy_with_numbers_changed(&copy_words(a), &copy_words(b));
        assert!(copy(
            "It has already been approved by 40 other countries.",
            "It has already been approved by 16 other countries."
        ));
        assert!(copy(
            "The fund had grown to $2,600 million by the end of the year, he said.",
            "The fund had grown to $1,000 million by the end of the year, he said."
        ));
        // The same value written two ways, another word changed, or too short: no such copy.
        assert!(!copy(
            "The fund had grown to two million dollars by the end of the year.",
            "The fund had grown to 2 million dollars by the end of the year."
        ));
        assert!(!copy(
            "The fund had grown to 2 million dollars by the end of the year.",
            "The fund had grown to 3 million dollars by the end of the month."
        ));
        assert!(!copy("He was 5 then.", "He was 7 then."));
        // The cheap test before the words: every sentence with a number word passes it.
        for text in [
            "It was approved by 40 other countries.",
            "Only Nineteen have held one.",
            "A Million people came.",
            "The fund grew to 2,600 million.",
        ] {
            assert!(super::may_hold_number_word(text), "{text}");
            assert!(copy_words(text).iter().any(|w| number_word(w)), "{text}");
        }
        for text in [
            "No figure stands here at all.",
            "Some often tend to go.",
            "",
        ] {
            assert!(!super::may_hold_number_word(text), "{text}");
            assert!(!copy_words(text).iter().any(|w| number_word(w)), "{text}");
        }
        assert!(!copy(
            "The fund had grown to twenty-five million dollars by the end of the year.",
            "The fund had grown to 25 million dollars by the end of the year."
        ));
    }

    #[test]
    fn readings_of_a_changing_figure_are_at_most_an_update() {
        let flagged = figures_of(&[
            "The storm killed 212 people in the province, officials said on the radio.",
            "The storm killed 180 people in the province, officials said on the radio.",
        ]);
        assert_eq!(flagged.disagreements.len(), 1);
        let texts = [
            "The storm has killed 212 people in the province so far, officials said on the radio.",
            "The storm has killed 180 people in the province so far, officials said on the radio.",
        ];
        let figures = figures_of(&texts);
        assert!(
            figures.disagreements.is_empty() && figures.updates.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
        let (mut cluster, cleaned, segmented) = cluster_of(&texts);
        cluster.articles[0].published = Some("2020-03-02".into());
        cluster.articles[1].published = Some("2020-03-01".into());
        let figures = build_brief(&cluster, &cleaned, &segmented, &[]).figures;
        assert!(figures.disagreements.is_empty());
        assert_eq!(figures.updates.len(), 1);
        let latest = figures_of(&[
            "Police said 129 members of the party were arrested in the latest sweep in the city.",
            "Police said 194 members of the party were arrested in the sweep in the city.",
        ]);
        assert!(
            latest.disagreements.is_empty(),
            "{:?}",
            disagreements(&latest)
        );
    }

    #[test]
    fn figures_of_different_days_are_not_compared() {
        let same_day = figures_of(&[
            "Police arrested 40 protesters near the harbour on Sunday, officials said.",
            "Police arrested 95 protesters near the harbour on Sunday, officials said.",
        ]);
        assert_eq!(same_day.disagreements.len(), 1);
        let figures = figures_of(&[
            "Police arrested 40 protesters near the harbour on Sunday, officials said.",
            "Police arrested 95 protesters near the harbour on Wednesday, officials said.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn a_projection_is_not_compared_with_a_count() {
        let counts = figures_of(&[
            "Officials said that Dorn took 24 percent of the vote in the northern provinces.",
            "Officials said that Dorn took 56 percent of the vote in the northern provinces.",
        ]);
        assert_eq!(counts.disagreements.len(), 1);
        let figures = figures_of(&[
            "Officials projected that Dorn would take 24 percent of the vote in the northern provinces.",
            "Officials said that Dorn took 56 percent of the vote in the northern provinces.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn durations_differ_only_in_a_rewritten_sentence() {
        let rewritten = figures_of(&[
            "Ana Park spent 11 years in prison for the attack on the bank.",
            "Ana Park spent 13 years in prison for the attack on the bank.",
        ]);
        assert_eq!(rewritten.disagreements.len(), 1);
        let figures = figures_of(&[
            "Lee Dorn asked a judge to settle his divorce by relying on an agreement reached during a six-year separation that began when the former mayor came home.",
            "Former Mayor Lee Dorn has filed for divorce from his wife of 18 years.",
            "Lee Dorn, the former mayor, is ending his 18-year marriage.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn names_with_particles_are_whole_owners() {
        let one = figures_of(&[
            "The shop owner Ana Maria van Dorn, 40, said the plan would hurt her.",
            "The shop owner Ana Maria van Dorn, 52, said the plan would hurt her.",
        ]);
        assert_eq!(one.disagreements.len(), 1);
        let figures = figures_of(&[
            "The shop owner Ana Maria van Dorn, 40, said the plan would hurt her.",
            "The rival candidate Piet Hals van Dorn, 52, said the plan would hurt the poor.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn a_full_name_spelled_two_ways_owns_one_age() {
        let one = figures_of(&[
            "The voter Siavaash Mohseni, 17, said he stayed at home on polling day.",
            "The voter Siavash Mohseni, 24, said he stayed at home on polling day.",
        ]);
        assert_eq!(one.disagreements.len(), 1, "{:?}", disagreements(&one));
        // A lone name spelled another way, or two first names, are other people.
        for (a, b) in [
            ("Mohseni, 17,", "Mohsen, 24,"),
            ("Siavash Mohseni, 17,", "Parviz Mohseni, 24,"),
            ("Siavaash Mohseni, 17,", "Siavash Mohsen, 24,"),
        ] {
            let figures = figures_of(&[
                &format!("The voter {a} said he stayed at home on polling day."),
                &format!("The voter {b} said he stayed at home on polling day."),
            ]);
            assert!(
                figures.disagreements.is_empty(),
                "{a} / {b}: {:?}",
                disagreements(&figures)
            );
        }
        assert!(spelled_alike("tza", "tze") && spelled_alike("siavaash", "siavash"));
        assert!(!spelled_alike("tza", "tza") && !spelled_alike("tan", "lan"));
        assert!(!spelled_alike("ab", "ac") && !spelled_alike("mohseni", "mohsaen"));
    }

    #[test]
    fn names_before_a_relative_clause_are_not_its_subject() {
        const FILLER: &str = " The weather turned cold in the north. Farmers sold grain at the \
                              port. The old bridge reopened after repairs.";
        let second = "The Vesta Airways jet was last heard from at night, and vanished from radar \
                      about 475 miles off the coast.";
        let pair =
            |first: &str| figures_of(&[&format!("{first}{FILLER}"), &format!("{second}{FILLER}")]);
        let one = pair(
            "The Norland Air Force confirmed the loss of the airliner, which vanished from radar \
             about 190 miles off the coast.",
        );
        assert_eq!(one.disagreements.len(), 1, "{:?}", one.mentions);
        // Without the relative clause the names say whose figure it is: two subjects.
        let two = pair(
            "The Norland Air Force said the airliner vanished from radar about 190 miles off the \
             coast.",
        );
        assert!(two.disagreements.is_empty(), "{:?}", disagreements(&two));
        // The antecedent right before the comma is the subject.
        let figures = figures_of(&[
            "Officials praised the team from Norland, which sent 300 athletes to the games in Vesta.",
            "Officials praised the team from Southmark, which sent 500 athletes to the games in Vesta.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn three_values_of_one_head_are_several_quantities() {
        let two = figures_of(&[
            "The attack on the market killed 30 people, the police said.",
            "The attack on the market killed 45 people, the police said.",
        ]);
        assert_eq!(two.disagreements.len(), 1);
        let figures = figures_of(&[
            "The attack on the market killed 30 people, the police said.",
            "The attack on the market killed 45 people, the police said.",
            "The attack on the market killed 60 people, the police said.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn a_name_after_of_owns_no_age() {
        // "the six-year-old case of X": the case is six years old, not X.
        let figures = figures_of(&[
            "Stephen Lawrence, 18, was stabbed at a bus stop in London.",
            "The impetus is the six-year-old case of Stephen Lawrence, a lawyer said.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
        let named = figures_of(&[
            "Stephen Lawrence, 18, was stabbed at a bus stop in London.",
            "The impetus is the case of 16-year-old Stephen Lawrence, a lawyer said.",
        ]);
        assert_eq!(named.disagreements.len(), 1, "{:?}", disagreements(&named));
    }

    #[test]
    fn different_subjects_named_before_the_figure_are_not_compared() {
        let one = figures_of(&[
            "Despite hunger at home, Norland plans to send 317 athletes and officials to the games in Vesta.",
            "The team leader said Norland will send 596 athletes to Vesta and compete in most sports.",
        ]);
        assert_eq!(one.disagreements.len(), 1, "{:?}", disagreements(&one));
        let figures = figures_of(&[
            "Despite hunger at home, Norland plans to send 317 athletes and officials to the games in Vesta.",
            "The team leader said Southmark will send 596 athletes to Vesta and compete in most sports.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
        // A subject that opens the sentence counts when the cluster names it mid-sentence.
        let first = figures_of(&[
            "Despite hunger at home, Norland plans to send 317 athletes and officials to the games in Vesta.",
            "Southmark, the leader at the last games, will send 596 athletes to Vesta and compete in most sports. Officials in Southmark said 12 coaches will travel.",
        ]);
        assert!(
            first.disagreements.is_empty(),
            "{:?}",
            disagreements(&first)
        );
    }

    #[test]
    fn an_unnamed_figure_is_about_what_the_figures_it_agrees_with_name() {
        // Filler sentences make the shared words of the figures' clauses rare.
        let fill = [
            " Experts at the lab warned users to update their software. The outbreak began on a quiet weekend. Several firms shut their mail servers.",
            " Officials urged calm as the damage was counted. Many offices stayed closed during the day. Banks reported slow networks.",
            " The police opened an inquiry into the attack. Analysts traced the code to a small forum. Schools asked pupils to stay offline.",
            " Insurers began to count the losses. A student wrote the first version. Several universities cut their links.",
        ];
        let article = |i: usize, s: &str| format!("{s}{}", fill[i]);
        let named = article(
            0,
            "A second worm, called Blip, works like Gobbler, sending itself to 20 people in the victim's address book.",
        );
        let unnamed = article(
            1,
            "Copy this note and send it to the first 50 people in your address book.",
        );
        // Alone, the sentence naming nothing is compared with the named one.
        let two = figures_of(&[&named, &unnamed]);
        assert_eq!(two.disagreements.len(), 1, "{:?}", disagreements(&two));
        // The reports giving its value name another subject: two worms, two quantities.
        let other = article(
            2,
            "In Zenmail, Gobbler mails itself to the first 50 people in the address book.",
        );
        let other2 = article(
            3,
            "If the machine runs Zenmail, the worm would send a copy of itself to the first 50 people in the address book.",
        );
        let figures = figures_of(&[&named, &unnamed, &other, &other2]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
        // One report naming another subject is not enough: its names may be a source.
        let one = figures_of(&[&named, &unnamed, &other]);
        assert_eq!(one.disagreements.len(), 1, "{:?}", disagreements(&one));
        // Reports giving its value about the same subject keep the disagreement.
        let same = article(
            2,
            "In Zenmail, Blip mails itself to the first 50 people in the address book.",
        );
        let same2 = article(
            3,
            "Blip would send a copy of itself to the first 50 people in the address book.",
        );
        let kept = figures_of(&[&named, &unnamed, &same, &same2]);
        assert_eq!(kept.disagreements.len(), 1, "{:?}", disagreements(&kept));
    }

    #[test]
    fn a_figure_still_awaited_is_not_one_already_counted() {
        let done = "Sixty-two people have been tested for the marsh fever virus this year, health \
                    officials said.";
        let control = figures_of(&[
            done,
            "Forty people have been tested for the marsh fever virus this year, health officials \
             said.",
        ]);
        assert_eq!(
            control.disagreements.len(),
            1,
            "{:?}",
            disagreements(&control)
        );
        for pending in [
            "The county has ruled out 160 possible cases while it awaits test results from some \
             40 people with marsh fever symptoms.",
            "Health officials said results are pending for 40 people tested for the marsh fever \
             virus this year.",
        ] {
            let figures = figures_of(&[done, pending]);
            assert!(
                figures.disagreements.is_empty(),
                "{pending}: {:?}",
                disagreements(&figures)
            );
        }
    }

    #[test]
    fn one_of_two_equal_shares_is_no_whole() {
        let whole = "The town council will spend $1 million to rebuild the old library on the \
                     market square next year.";
        let control = figures_of(&[
            whole,
            "The town council will spend $1.5 million to rebuild the old library on the market \
             square next year.",
        ]);
        assert_eq!(
            control.disagreements.len(),
            1,
            "{:?}",
            disagreements(&control)
        );
        let share = figures_of(&[
            whole,
            "The town council will spend $500,000 to rebuild the old library on the market \
             square next year, and a matching sum will come from a local foundation.",
        ]);
        assert!(
            share.disagreements.is_empty(),
            "{:?}",
            disagreements(&share)
        );
    }

    #[test]
    fn figures_of_different_verbs_are_not_one_quantity() {
        const FILLER: &str = " The weather turned cold in the north. Farmers sold grain at the \
                              port. The old bridge reopened after repairs.";
        let report = |second: &str| {
            figures_of(&[
                &format!(
                    "Doctors have tested 62 people from the coastal villages for the fever this month, \
                     according to a report released by regional health authorities.{FILLER}"
                ),
                &format!("{second}{FILLER}"),
            ])
        };
        // The same verb: one quantity reported two ways.
        let same = report(
            "Nurses have tested 40 people from the coastal villages for the fever this month, \
             while schools across the province stayed closed.",
        );
        assert_eq!(same.disagreements.len(), 1, "{:?}", disagreements(&same));
        // Killing and dying are one predicate.
        let toll = figures_of(&[
            &format!(
                "The storm killed 62 people in the coastal villages last week, according to a \
                 report released by regional health authorities.{FILLER}"
            ),
            &format!(
                "In the coastal villages, 40 people died in the storm last week, while schools \
                 across the province stayed closed.{FILLER}"
            ),
        ]);
        assert_eq!(toll.disagreements.len(), 1, "{:?}", disagreements(&toll));
        // Tested and hospitalised: two counts, whatever their shared context.
        let other = report(
            "Nurses have hospitalised 40 people from the coastal villages with the fever this \
             month, while schools across the province stayed closed.",
        );
        assert!(
            other.disagreements.is_empty(),
            "{:?}",
            disagreements(&other)
        );
        // A verb the other sentence also uses is no evidence of two events.
        let both = report(
            "Nurses have hospitalised 40 people from the coastal villages after they were tested \
             for the fever this month, while schools across the province stayed closed.",
        );
        assert_eq!(both.disagreements.len(), 1, "{:?}", disagreements(&both));
    }

    #[test]
    fn predicates_are_read_from_object_and_subject_positions() {
        let (cluster, cleaned, segmented) = cluster_of(&[
            "The blast killed 11 people. In all, 20 of the planes were built. The country has \
             received $2 billion in aid. Officials counted 300 homes. 12 people, all of them \
             miners, were killed in the fire. The ferry sank near the port with 80 people on \
             board. The crash killed all 40 people aboard. 30 people, the mayor and his whole \
             family among them, were killed in the town.",
        ]);
        let doc = Doc {
            index: 0,
            text: &cluster.articles[0].text,
            clean: &cleaned[0],
            sentences: &segmented[0].sentences,
        };
        let mut mentions = Vec::new();
        for (i, sentence) in doc.sentences.iter().enumerate() {
            extract_sentence(&doc, i, sentence, &mut mentions);
        }
        let predicates: Vec<Option<String>> = mentions.into_iter().map(|m| m.predicate).collect();
        assert_eq!(
            predicates,
            vec![
                Some("die".to_string()),
                Some("build".to_string()),
                Some("receiv".to_string()),
                Some("count".to_string()),
                Some("die".to_string()),
                Some(ABOARD.to_string()),
                Some("die".to_string()),
                None,
            ]
        );
    }

    #[test]
    fn the_ends_of_a_range_are_not_values_of_their_own() {
        let control = figures_of(&[
            "Most families paid $15,000 to the adoption agency in the capital, the group said.",
            "Most families paid $25,000 to the adoption agency in the capital, the group said.",
        ]);
        assert_eq!(
            control.disagreements.len(),
            1,
            "{:?}",
            disagreements(&control)
        );
        let between = figures_of(&[
            "Most families paid between $10,000 and $15,000 to the adoption agency in the capital, the group said.",
            "Most families paid $25,000 to the adoption agency in the capital, the group said.",
        ]);
        assert!(
            between.disagreements.is_empty(),
            "{:?}",
            disagreements(&between)
        );
        let to = figures_of(&[
            "Mean temperatures on the island rose 0.6 to 1.2 degrees over the century, the agency said.",
            "Mean temperatures on the island rose 2.5 degrees over the century, the agency said.",
        ]);
        assert!(to.disagreements.is_empty(), "{:?}", disagreements(&to));
    }

    #[test]
    fn a_rate_is_not_compared_with_a_total() {
        let control = figures_of(&[
            "The state spends $4 billion a year to run its prisons, officials said.",
            "The state spends $9 billion a year to run its prisons, officials said.",
        ]);
        assert_eq!(
            control.disagreements.len(),
            1,
            "{:?}",
            disagreements(&control)
        );
        let figures = figures_of(&[
            "The state spends $4 billion a year to run its prisons, officials said.",
            "The state has spent $9 billion to run its prisons, officials said.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn a_negated_share_is_not_compared_with_a_plain_one() {
        let control = figures_of(&[
            "Recent polls show 43 percent of voters in the province want another referendum.",
            "Recent polls show 70 percent of voters in the province want another referendum.",
        ]);
        assert_eq!(
            control.disagreements.len(),
            1,
            "{:?}",
            disagreements(&control)
        );
        let figures = figures_of(&[
            "Recent polls show 43 percent of voters in the province want another referendum.",
            "Recent polls show 70 percent of voters in the province do not want another referendum.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn subjects_each_naming_something_the_other_does_not_are_two_quantities() {
        let control = figures_of(&[
            "Police in southern Norland's Vesta province recovered 143,000 dollars stolen by a gang of robbers.",
            "Police in southern Norland's Vesta province recovered 370,000 dollars stolen by a gang of robbers.",
        ]);
        assert_eq!(
            control.disagreements.len(),
            1,
            "{:?}",
            disagreements(&control)
        );
        let figures = figures_of(&[
            "Police in southern Norland's Vesta province recovered 143,000 dollars stolen by a gang of robbers.",
            "Police in central Norland's Ostra province recovered 370,000 dollars stolen by a gang of robbers.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn two_bounds_the_same_way_disagree_when_far_apart() {
        let figures = figures_of(&[
            "With the stock market down more than 24 percent this year, the government has been paralyzed.",
            "With the stock market down more than 40 percent this year, the government has been paralyzed.",
        ]);
        assert_eq!(
            figures.disagreements.len(),
            1,
            "{:?}",
            disagreements(&figures)
        );
        let within = figures_of(&[
            "The bombing of the embassy killed more than 200 people, officials said.",
            "The bombing of the embassy killed 240 people, officials said.",
        ]);
        assert!(
            within.disagreements.is_empty(),
            "{:?}",
            disagreements(&within)
        );
    }

    #[test]
    fn a_copied_sentence_reading_now_is_compared() {
        let figures = figures_of(&[
            "A wooden pallet and two buoys had been recovered, but are now believed to have been from a ship.",
            "A wooden pallet and five buoys had been recovered, but are now believed to have been from a ship.",
        ]);
        assert_eq!(
            figures.disagreements.len(),
            1,
            "{:?}",
            disagreements(&figures)
        );
        // Rewritten rather than copied, two readings of a changing figure stay at most an update.
        let rewritten = figures_of(&[
            "The toll now stands at 40 people after the storm hit the northern coast.",
            "Rescuers said the storm has now killed 95 people on the northern coast of the island.",
        ]);
        assert!(
            rewritten.disagreements.is_empty(),
            "{:?}",
            disagreements(&rewritten)
        );
    }

    #[test]
    fn a_bound_does_not_hold_several_exact_values_together() {
        let figures = figures_of(&[
            "The bombing of the embassy killed more than 200 people, officials said.",
            "The bombing of the embassy killed 213 people, officials said.",
            "The bombing of the embassy killed 247 people, officials said.",
            "The bombing of the embassy killed 253 people, officials said.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn multipliers_and_model_names_are_not_counts() {
        let times = figures_of(&[
            "Blacks in the state are jailed at three times the rate of whites, the report says.",
            "Blacks in the state are jailed at seven times the rate of whites, the report says.",
        ]);
        assert!(
            times.disagreements.is_empty(),
            "{:?}",
            disagreements(&times)
        );
        let series = figures_of(&[
            "The carmaker is including the new engine in its 3-Series sedans this year.",
            "The carmaker is including the new engine in its 5-Series sedans this year.",
        ]);
        assert!(
            series.disagreements.is_empty(),
            "{:?}",
            disagreements(&series)
        );
        assert!(
            series
                .mentions
                .iter()
                .all(|m| m.kind == "label" || m.value != 3.0),
            "{:?}",
            series.mentions
        );
    }

    #[test]
    fn sales_and_profit_are_different_dimensions() {
        let control = figures_of(&[
            "The company reported sales of $4.4 billion last year, the journal said.",
            "The company reported sales of $5.2 billion last year, the journal said.",
        ]);
        assert_eq!(
            control.disagreements.len(),
            1,
            "{:?}",
            disagreements(&control)
        );
        let figures = figures_of(&[
            "The company reported sales of $4.4 billion last year, the journal said.",
            "The company reported a profit of $5.2 billion last year, the journal said.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn a_changing_figure_must_still_be_one_quantity_to_be_an_update() {
        let texts = [
            "Police in Norland's Vesta province have arrested 40 suspects so far, officials said.",
            "Police in Norland's Ostra province have arrested 90 suspects so far, officials said.",
        ];
        let (mut cluster, cleaned, segmented) = cluster_of(&texts);
        cluster.articles[0].published = Some("2020-03-02".into());
        cluster.articles[1].published = Some("2020-03-01".into());
        let figures = build_brief(&cluster, &cleaned, &segmented, &[]).figures;
        assert!(figures.updates.is_empty() && figures.disagreements.is_empty());
        let texts = [
            "Police in Norland's Vesta province have arrested 40 suspects so far, officials said.",
            "Police in Norland's Vesta province have arrested 90 suspects so far, officials said.",
        ];
        let (mut cluster, cleaned, segmented) = cluster_of(&texts);
        cluster.articles[0].published = Some("2020-03-02".into());
        cluster.articles[1].published = Some("2020-03-01".into());
        let figures = build_brief(&cluster, &cleaned, &segmented, &[]).figures;
        assert_eq!(figures.updates.len(), 1);
    }

    #[test]
    fn a_copied_sentence_with_its_figure_changed_survives_a_crowded_group() {
        // Article 0 gives the toll twice, as 100 and as 250 in separate sentences, which makes
        // the group several quantities; its first sentence is article 1's with only the number
        // changed, and that pair is still one quantity in dispute.
        let figures = figures_of(&[
            "The young recruit became a killer who could coolly execute a bombing that left 100 people dead. \
             Officials said 250 people died in the bombing of the embassy.",
            "The young recruit became a killer who could coolly execute a bombing that left 250 people dead.",
            "Officials said 250 people died in the bombing of the embassy.",
        ]);
        let got = disagreements(&figures);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.contains(&(100.0, vec![0])), "{got:?}");
        assert!(
            got[0].1.iter().any(|(v, a)| *v == 250.0 && a.contains(&1)),
            "{got:?}"
        );
    }

    /// [`clause_start`] as one reverse search per word, for comparison.
    fn clause_start_by_rfind(text: &str, from: usize, to: usize) -> usize {
        let Some(piece) = text.get(from..to) else {
            return from;
        };
        let mut start = piece
            .rfind([',', ';', ':', '(', ')', '—', '–'])
            .map_or(from, |i| {
                from + i + piece[i..].chars().next().map_or(1, char::len_utf8)
            });
        let tail = &piece[start - from..];
        for word in [" and ", " but ", " while ", " whereas "] {
            if let Some(idx) = tail.rfind(word) {
                start = start.max(to - tail.len() + idx + word.len());
            }
        }
        start
    }

    #[test]
    fn age_suffixes_match_in_any_case() {
        // The byte test against one on the lowercased text, where case or non-ASCII letters
        // could differ.
        for text in [
            "a 67-year-old man",
            "a 67-YEAR-OLD man",
            "a 67 Years Old man",
            "a 67-year old man",
            "a 67-\u{130}ear-old man",
            "a 67-year-ol\u{212a} man",
            "a 67 years olden man",
            "a 67-year",
            "a 67",
        ] {
            let end = text.find("67").map_or(0, |i| i + 2);
            let by_lowercase = [
                "-year-old",
                " year old",
                "-years-old",
                " years old",
                "-year old",
            ]
            .into_iter()
            .find(|suffix| text[end..].to_lowercase().starts_with(suffix))
            .map(|suffix| end + suffix.len());
            assert_eq!(age_suffix(text, end, None), by_lowercase, "{text:?}");
        }
        assert_eq!(age_suffix("a 67-YEAR-OLD man", 4, None), Some(13));
    }

    #[test]
    fn clause_start_finds_the_last_boundary() {
        for text in [
            "Police said 12 people died",
            "Police said 12 people died and 40 were hurt",
            "It rose, but 40 whereas and 7 fell",
            "one whereas and two and but while 9",
            "a (b) c — d and e – f 10 and",
            "and and and 5",
            " and ",
            "",
            "Brindlewood said, and 40 ships sailed while 12 waited whereas 3 left but 9 came",
            "the quorvak and  the 17 (and 4) \u{2014} and 8 whereas; but 2 a while 6",
            "Ana and Bo but Cy while Di whereas Ed and 5",
            "zebra bands and wand 77 but ",
        ] {
            for from in 0..=text.len() {
                for to in from..=text.len() {
                    if text.is_char_boundary(from) && text.is_char_boundary(to) {
                        assert_eq!(
                            clause_start(text, from, to),
                            clause_start_by_rfind(text, from, to),
                            "{text:?} {from} {to}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn spelled_values() {
        assert_eq!(spelled_value("Twenty-Five"), Some(25.0));
        assert_eq!(spelled_value("seventy-seven"), Some(77.0));
        assert_eq!(spelled_value("nineteen"), Some(19.0));
        assert_eq!(spelled_value("seventy-sevens"), None);
        assert_eq!(spelled_value("eleven-one"), None);
        assert_eq!(spelled_value("ſix"), None);
    }

    #[test]
    fn time_change_pairs_are_the_phrases_split() {
        let split: Vec<(&str, &str)> = TIME_CHANGE_PHRASES
            .iter()
            .filter_map(|p| p.split_once(' '))
            .collect();
        assert_eq!(split, TIME_CHANGE_PAIRS);
        assert!(time_changing(&[Cow::Borrowed("so"), Cow::Borrowed("far")]));
        assert!(!time_changing(&[
            Cow::Borrowed("so"),
            Cow::Borrowed("date")
        ]));
    }

    #[test]
    fn aligned_figures_need_the_same_words_around_them() {
        // Two figures in one copied sentence: the changed one is compared with the one in its
        // own place, never with its neighbour.
        let figures = figures_of(&[
            "The rules require air bags that protect riders in a 25 mph crash test rather than a test at 30 mph favored by critics.",
            "The rules require air bags that protect riders in a 10 mph crash test rather than a test at 30 mph favored by critics.",
        ]);
        let got = disagreements(&figures);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, vec![(10.0, vec![1]), (25.0, vec![0])]);
    }

    #[test]
    fn spelled_numbers_do_not_count_against_a_copied_sentence() {
        let figures = figures_of(&[
            "The two youngest have asthma.",
            "The five youngest have asthma.",
        ]);
        let got = disagreements(&figures);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, vec![(2.0, vec![0]), (5.0, vec![1])]);
        // Two short sentences that share their words but not their shape are no rewrite.
        let figures = figures_of(&[
            "That was seven years ago.",
            "Twenty years ago, we had none.",
        ]);
        assert!(
            figures.disagreements.is_empty() && figures.updates.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn an_age_after_the_first_word_belongs_to_that_name_on_any_day() {
        let figures = figures_of(&[
            "Governor Anna Kolbe won 60 percent of the vote. Kolbe, 58, said on Monday that the plan would pass.",
            "Kolbe, 75, told reporters on Tuesday that she backed the plan.",
            "Voters gave Kolbe 60 percent of the vote.",
        ]);
        let got = disagreements(&figures);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, vec![(58.0, vec![0]), (75.0, vec![1])]);
        // Two people, each first in their sentence: two ages, no dispute.
        let figures = figures_of(&[
            "Governor Anna Kolbe won 60 percent of the vote against Tom Marsh. Kolbe, 58, said on Monday that the plan would pass.",
            "Marsh, 75, told reporters on Tuesday that he opposed the plan.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn one_verb_and_rare_context_link_differing_values() {
        let text_a = "The bonuses follow a year in which the carmaker lost $2.1 billion on its truck business.";
        let figures = figures_of(&[
            text_a,
            "The pay rise came at a time when the carmaker lost $5.2 billion on its truck business, shareholders said.",
        ]);
        let got = disagreements(&figures);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, vec![(2.1e9, vec![0]), (5.2e9, vec![1])]);
        // Another verb: another sum of the same company.
        let figures = figures_of(&[
            text_a,
            "The pay rise came at a time when the carmaker borrowed $5.2 billion on its truck business, shareholders said.",
        ]);
        assert!(
            figures.disagreements.is_empty() && figures.updates.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn headless_figures_and_remainders_compare_only_in_a_copied_sentence() {
        let figures = figures_of(&[
            "Of the 23 states that permit it, only seven have carried out such executions since 1976. \
             Since then, 29 nations have ratified the treaty and 11 others have accepted it by accession.",
            "Of the 23 states that permit it, only eighteen have carried out such executions since 1976. \
             Since then, 29 nations have ratified the treaty and 28 others have accepted it by accession.",
        ]);
        let got = disagreements(&figures);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got.iter()
                .any(|f| f.1 == vec![(7.0, vec![0]), (18.0, vec![1])])
        );
        assert!(
            got.iter()
                .any(|f| f.1 == vec![(11.0, vec![0]), (28.0, vec![1])])
        );
        // A number after a noun names something ("stage 13"), even in a copied sentence.
        let figures = figures_of(&[
            "The rider from Norland has won stage 13 in the mountains, organisers said.",
            "The rider from Norland has won stage 15 in the mountains, organisers said.",
        ]);
        assert!(
            figures.disagreements.is_empty() && figures.updates.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
        // The same figures in sentences told another way say nothing about one quantity.
        let figures = figures_of(&[
            "Only seven states have carried out such executions since 1976, the report said. \
             Since then, 29 nations have ratified the treaty and 11 others have accepted it by accession.",
            "Of the 23 states that permit it, eighteen executed juvenile offenders in the past. \
             Another 28 others are weighing accession to the treaty after the vote.",
        ]);
        assert!(
            figures.disagreements.is_empty() && figures.updates.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn may_the_verb_names_no_month() {
        let figures = figures_of(&[
            "Police arrested 40 protesters near the harbour on Sunday, officials said.",
            "Police may have arrested 95 protesters near the harbour, officials said.",
        ]);
        assert_eq!(
            figures.disagreements.len(),
            1,
            "{:?}",
            disagreements(&figures)
        );
        let figures = figures_of(&[
            "Police arrested 40 protesters near the harbour in March, officials said.",
            "Police arrested 95 protesters near the harbour in May, officials said.",
        ]);
        assert!(
            figures.disagreements.is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    fn dated_figures_of(texts: &[&str], dates: &[&str]) -> Figures {
        let (mut cluster, cleaned, segmented) = cluster_of(texts);
        for (article, date) in cluster.articles.iter_mut().zip(dates) {
            article.published = Some((*date).to_string());
        }
        build_brief(&cluster, &cleaned, &segmented, &[]).figures
    }

    fn flagged(figures: &Figures) -> Vec<Vec<f64>> {
        figures
            .disagreements
            .iter()
            .chain(&figures.updates)
            .map(|&q| {
                figures.quantities[q]
                    .values
                    .iter()
                    .map(|v| v.value)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn an_age_at_a_dated_past_moment_is_not_compared_with_the_age_now() {
        let dates = ["2021-05-03", "2021-05-01", "2021-05-05"];
        let figures = dated_figures_of(
            &[
                "On March 4, 2020, Dana Whitcombe, 31, and Lee Farrow, 33, broke into the \
                 depot outside Norland.",
                "Whitcombe, 32, is charged with burglary and arson over the depot fire.",
                "Prosecutors say Dana Whitcombe, 32, set the fire after the break-in.",
            ],
            &dates,
        );
        assert!(flagged(&figures).is_empty(), "{:?}", figures.quantities);
        // A year after the age dates something else: the ages are compared.
        let figures = dated_figures_of(
            &[
                "Dana Whitcombe, 31, admitted the break-in at the depot in 2020.",
                "Whitcombe, 32, is charged with burglary and arson over the depot fire.",
                "Prosecutors say Dana Whitcombe, 32, set the fire after the break-in.",
            ],
            &dates,
        );
        assert_eq!(flagged(&figures).len(), 1, "{:?}", figures.quantities);
    }

    #[test]
    fn an_upper_and_a_lower_bound_are_not_one_figure() {
        let figures = figures_of(&[
            "Under the plan the city would pay full wages to workers earning up to $52,000 a \
             year during their leave.",
            "Under the plan employers would pay a levy for every worker earning over $140,000 \
             a year during their leave.",
        ]);
        assert!(flagged(&figures).is_empty(), "{:?}", figures.quantities);
    }

    #[test]
    fn a_whole_and_its_part_in_one_sentence_are_two_quantities() {
        let figures = figures_of(&[
            "The Norland company is offering a $2 million prize -- $1 million to the first \
             balloonists to make it, and $1 million to the charity of the winners' choice.",
            "The Norland company is offering $1 million to the first balloonists to fly around \
             the world.",
            "The Norland company is offering a $2 million prize to the first balloonists to fly \
             around the world.",
            "The balloon crossed the coast of Africa on Monday, its control center said.",
            "The two pilots slept in turns as the balloon drifted east over the ocean.",
            "Winds carried the balloon across the ocean faster than expected, the pilots said.",
        ]);
        assert!(flagged(&figures).is_empty(), "{:?}", figures.quantities);
    }

    #[test]
    fn clock_times_are_no_figures() {
        let figures = figures_of(&[
            "Officers answered a call about a fight at the marina around 1: 51 p.m. on Sunday, the \
             harbour police said.",
            "Officers answered a call about a fight at the marina around 1: 30 p.m. on Sunday, the \
             harbour police said.",
        ]);
        assert!(
            flagged(&figures).is_empty(),
            "{:?}",
            disagreements(&figures)
        );
        let minutes = figures_of(&[
            "Firefighters reached the burning warehouse on Dock Road just after 4 p.m., the \
             brigade said.",
            "Firefighters reached the burning warehouse on Dock Road at 4: 09 p.m., the brigade \
             said.",
        ]);
        assert!(
            flagged(&minutes).is_empty(),
            "{:?}",
            disagreements(&minutes)
        );
    }

    #[test]
    fn two_kinds_of_goods_are_two_quantities() {
        const OTHERS: [&str; 2] = [
            "Shoppers were warned that fake goods can be unsafe and fund crime, a trade group said.",
            "Brand owners lose sales to copies every year, the trade group said in a report.",
        ];
        let handbags = "The harbour inspection service seized 2,140 shipments of counterfeit \
                        handbags in 2031, the service said.";
        // One figure says what it counts; the other report's sentence never names that kind.
        let figures = figures_of(&[
            handbags,
            "The harbour inspection service seized 3,870 shipments in 2031, and fake watches were \
             the goods it stopped most often.",
            OTHERS[0],
            OTHERS[1],
        ]);
        assert!(
            flagged(&figures).is_empty(),
            "{:?}",
            disagreements(&figures)
        );
        // Both name the kind: one quantity, two values.
        let same = figures_of(&[
            handbags,
            "The harbour inspection service seized 3,870 shipments of counterfeit handbags in \
             2031, the service said.",
            OTHERS[0],
            OTHERS[1],
        ]);
        assert_eq!(flagged(&same), vec![vec![2140.0, 3870.0]]);
    }

    #[test]
    fn the_hour_of_a_clock_time_is_no_figure() {
        // The hour before a colon, the colon spaced either way: no count of anything.
        for (first, second) in [
            ("on the 7: 45 ferry", "on the 7: 15 ferry"),
            ("on the 7 : 45 ferry", "on the 7 : 15 ferry"),
        ] {
            let figures = figures_of(&[
                &format!(
                    "The crew left the harbour at Portwick {first}, carrying passengers to \
                     the island, the operator said."
                ),
                &format!(
                    "The crew left the harbour at Portwick {second}, carrying passengers to \
                     the island, the operator said."
                ),
            ]);
            assert!(
                flagged(&figures).is_empty(),
                "{first}: {:?}",
                disagreements(&figures)
            );
        }
        assert!(clock_time("at 3 : 45 on", 3, 4));
        assert!(clock_time("at 3 : 45 on", 7, 9));
        assert!(!clock_time("a score of 3: 456 said", 11, 12));
        assert!(!clock_time("he counted 30: 12 of them", 11, 13));
    }

    #[test]
    fn a_street_block_is_an_address() {
        let figures = figures_of(&[
            "The couple had rented the house in the 4100 block of North Elm Street since March, \
             neighbours said.",
            "The couple had rented the house on the 4400 block of North Elm Street since March, \
             neighbours said.",
        ]);
        assert!(
            flagged(&figures).is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn two_reports_giving_both_figures_do_not_disagree() {
        let figures = figures_of(&[
            "Roughly 2,300 snow leopards roam Mongolia, out of a world population of 6,100, the \
             wildlife trust said.",
            "Roughly 2,300 of the planet's 6,100 snow leopards roam Mongolia, the wildlife trust \
             said.",
        ]);
        assert!(
            flagged(&figures).is_empty(),
            "{:?}",
            disagreements(&figures)
        );
    }

    #[test]
    fn a_round_floor_holds_a_precise_one() {
        let figures = figures_of(&[
            "The landslide buried more than 150 people in the valley villages, officials said.",
            "The landslide buried at least 163 people in the valley villages, officials said.",
        ]);
        assert!(
            flagged(&figures).is_empty(),
            "{:?}",
            disagreements(&figures)
        );
        // Two precise floors, or a floor round only to a small share of it, still differ.
        for (x, y) in [("62", "65"), ("20,500", "21,625")] {
            let figures = figures_of(&[
                &format!(
                    "The landslide buried at least {x} people in the valley villages, officials said."
                ),
                &format!(
                    "The landslide buried at least {y} people in the valley villages, officials said."
                ),
            ]);
            assert_eq!(
                flagged(&figures).len(),
                1,
                "{x} {y}: {:?}",
                figures.quantities
            );
        }
    }
}
