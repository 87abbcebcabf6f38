//! When: the event's date, from explicit dates and relative ones ("Tuesday", "yesterday").
//!
//! Each article gets a reference date: its `published` metadata, else a date in its URL or origin
//! (`/2016/02/03/`), else a dated dateline (one of its first lines is a date and little else:
//! "Saturday, January 8, 2005"); a date elsewhere in the text is never a reference. Articles
//! without one borrow the cluster's most common, when at least half the articles have one of their
//! own (one dated article among many undated ones lends them nothing). Each article then names
//! dates: in its lead sentences (first three) explicit dates, month-and-day dates ("Oct. 12", year
//! from the reference), weekdays (the latest such day on or before the reference) and
//! "today"/"yesterday"; anywhere in it, month-and-day and full dates; an article whose lead names a
//! day earlier in the week than its own reference date drops its reference date (an evening's
//! event, reported the next day "police said Saturday", keeps its own day). The event date is the
//! date the most articles name (then the higher weighted vote, first lead date counting most, then
//! the earlier date), given only when at least two articles (in a cluster of three or more) and a
//! quarter of those with dates name it, when the cluster's first report is at most six days after
//! it (a later story that looks back to a date is not its report), when no more than half the
//! articles were written before it (a story leading up to a date, a forecast, is not its report
//! either), when at least two articles (one in a cluster with one dated article) were written in
//! the week after it (a day much named among
//! months of a running story, its reports long before or after, is not the story's event), and
//! only when some article has a reference date. When the most named date fails these tests (a
//! crash months back that every report of the inquiry's findings repeats), the runner-up is the
//! event date if half the dated articles name it and it passes them. A wire service's publishing
//! note ("said in an editorial on Tuesday, June 8:") names no date. An event told over two days
//! (a flight completed one evening and landed the next morning) is dated by its first day: the
//! day before the most named date wins when at least two articles name it, one of them written
//! that day. Without a
//! reference date no date is given: the dates a text writes out in full are as often background
//! as the event's, and a background year ("in 1995") is never a date at all.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::{Doc, Excerpt};
use crate::model::{Cluster, Span};

/// The event date analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct When {
    /// The event's date (ISO 8601, `YYYY-MM-DD`), when one could be resolved.
    pub event_date: Option<String>,
    /// How many articles' lead dates agree with `event_date`, out of those with any.
    pub agreeing_articles: usize,
    /// Articles with a resolved lead date.
    pub dated_articles: usize,
    /// Each article's reference date and where it came from.
    pub article_dates: Vec<ArticleDate>,
    /// The date expressions used, with what they resolved to.
    pub evidence: Vec<DateEvidence>,
}

/// An article's reference ("dateline") date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDate {
    /// Article index.
    pub article: usize,
    /// The date, `YYYY-MM-DD`.
    pub date: String,
    /// `metadata`, `url`, `text` or `cluster` (borrowed from the other articles).
    pub source: String,
}

/// A date expression in a lead sentence and its resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateEvidence {
    /// The expression as written.
    pub excerpt: Excerpt,
    /// What it resolved to, `YYYY-MM-DD`.
    pub resolved: String,
    /// `explicit` or `relative`.
    pub kind: String,
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Day, 1..=31.
    pub day: u32,
}

impl Date {
    /// A validated date.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && (1..=9999).contains(&year);
        valid.then_some(Self { year, month, day })
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01.
    fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `z` days after 1970-01-01 (negative: before it); `None` outside `i32` years.
    pub fn from_days(z: i64) -> Option<Self> {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self::new(
            i32::try_from(year).ok()?,
            u32::try_from(month).ok()?,
            u32::try_from(day).ok()?,
        )
    }

    /// 0 = Monday .. 6 = Sunday.
    fn weekday(self) -> i64 {
        (self.days() + 3).rem_euclid(7)
    }

    fn add_days(self, delta: i64) -> Option<Self> {
        Self::from_days(self.days() + delta)
    }
}

/// Parses the date at the start of an ISO 8601 string (`2016-02-02`, `2016-02-02T10:00Z`).
pub fn parse_iso_date(text: &str) -> Option<Date> {
    static ISO: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\d{4})-(\d{1,2})-(\d{1,2})").expect("valid regex"));
    let caps = ISO.captures(text.trim())?;
    Date::new(
        caps[1].parse().ok()?,
        caps[2].parse().ok()?,
        caps[3].parse().ok()?,
    )
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?-u:\b)")
        .expect("valid regex")
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})(?-u:\b)")
        .expect("valid regex")
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?-u:\b)(,?\s+\d{4}(?-u:\b))?")
        .expect("valid regex")
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})/(\d{1,2})/(\d{4})(?-u:\b)").expect("valid regex")
});
static ISO_IN_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)").expect("valid regex"));
static NEXT_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^,?\s+(?:of\s+)?next\s+year").expect("valid regex"));
/// A wire service's note about its own publishing ("The New York Times said in an editorial on
/// Tuesday, June 8:", "for editions of Tuesday, Nov. 16"): its dates are not the news'.
static PUBLISHING_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:in an editorial|editorial (?:for|on)|editions of|attention editors)(?-u:\b)")
        .expect("valid regex")
});
static URL_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/(\d{4})/(\d{1,2})/(\d{1,2})(?:/|$)").expect("valid regex"));
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)(?-u:\b)")
        .expect("valid regex")
});

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    MONTHS
        .iter()
        .position(|m| lower.starts_with(m))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Whether `text` may hold a digit (`\d`, any decimal digit): an ASCII digit or any character
/// outside ASCII. Every date pattern needs one.
fn may_hold_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit() || !b.is_ascii())
}

/// Whether `text` has a hyphen between two bytes that may belong to digits (an ASCII digit, or
/// a byte of a non-ASCII character, which `\d` may match): what [`ISO_IN_TEXT`] needs.
fn may_hold_digit_dash_digit(text: &str) -> bool {
    let maybe_digit = |b: u8| b.is_ascii_digit() || !b.is_ascii();
    let bytes = text.as_bytes();
    text.match_indices('-').any(|(at, _)| {
        at > 0 && maybe_digit(bytes[at - 1]) && bytes.get(at + 1).is_some_and(|&b| maybe_digit(b))
    })
}

/// Explicit dates in `text`, with their byte ranges.
fn explicit_dates(text: &str) -> Vec<(Span, Date)> {
    let mut found = Vec::new();
    if !may_hold_digit(text) {
        return found;
    }
    for caps in MONTH_DAY_YEAR.captures_iter(text) {
        let whole = caps
            .get(0)
            .map_or(Span::default(), |m| Span::new(m.start(), m.end()));
        let date = month_number(&caps[1])
            .and_then(|m| Date::new(caps[3].parse().ok()?, m, caps[2].parse().ok()?));
        found.extend(date.map(|d| (whole, d)));
    }
    for caps in DAY_MONTH_YEAR.captures_iter(text) {
        let whole = caps
            .get(0)
            .map_or(Span::default(), |m| Span::new(m.start(), m.end()));
        let date = month_number(&caps[2])
            .and_then(|m| Date::new(caps[3].parse().ok()?, m, caps[1].parse().ok()?));
        found.extend(date.map(|d| (whole, d)));
    }
    // The numeric forms need their separators: most articles skip one regex or both.
    let numeric = text.contains('/').then(|| NUMERIC.captures_iter(text));
    for caps in numeric.into_iter().flatten() {
        let whole = caps
            .get(0)
            .map_or(Span::default(), |m| Span::new(m.start(), m.end()));
        let (a, b): (u32, u32) = (caps[1].parse().unwrap_or(0), caps[2].parse().unwrap_or(0));
        let year: i32 = caps[3].parse().unwrap_or(0);
        // Month first unless that cannot be a date (an ambiguous day/month pair reads US-style).
        let date = Date::new(year, a, b).or_else(|| Date::new(year, b, a));
        found.extend(date.map(|d| (whole, d)));
    }
    let iso = may_hold_digit_dash_digit(text).then(|| ISO_IN_TEXT.captures_iter(text));
    for caps in iso.into_iter().flatten() {
        let whole = caps
            .get(0)
            .map_or(Span::default(), |m| Span::new(m.start(), m.end()));
        let date = Date::new(
            caps[1].parse().unwrap_or(0),
            caps[2].parse().unwrap_or(0),
            caps[3].parse().unwrap_or(0),
        );
        found.extend(date.map(|d| (whole, d)));
    }
    found.sort_by_key(|(span, _)| span.start);
    found
}

fn reference_date(doc: &Doc<'_>, cluster: &Cluster) -> Option<(Date, &'static str)> {
    let article = cluster.articles.get(doc.index)?;
    if let Some(date) = article.published.as_deref().and_then(parse_iso_date) {
        return Some((date, "metadata"));
    }
    let in_url = |s: &str| {
        URL_DATE
            .captures(s)
            .and_then(|c| Date::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))
    };
    if let Some(date) = article
        .url
        .as_deref()
        .and_then(in_url)
        .or_else(|| in_url(&article.origin))
    {
        return Some((date, "url"));
    }
    // A URL line near the top of the text (web captures often start with one).
    // Its first 600 characters (a slice, not a copy).
    let head = doc
        .text
        .char_indices()
        .nth(600)
        .map_or(doc.text, |(end, _)| &doc.text[..end]);
    if let Some(date) = head
        .split_whitespace()
        .filter(|w| w.starts_with("http"))
        .find_map(in_url)
    {
        return Some((date, "url"));
    }
    dateline_date(doc.text).map(|date| (date, "text"))
}

/// A dated dateline: one of the first three lines is a date with its year and little else
/// ("Saturday, January 8, 2005"). A date elsewhere in the text is never the article's date.
fn dateline_date(text: &str) -> Option<Date> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
        .find_map(|line| {
            if line.len() > 60 {
                return None;
            }
            let (span, date) = explicit_dates(line).into_iter().next()?;
            let letters = line
                .get(..span.start)
                .into_iter()
                .chain(line.get(span.end..))
                .flat_map(str::chars)
                .filter(|c| c.is_alphabetic())
                .count();
            (letters <= 10).then_some(date)
        })
}

/// Month-and-day mentions without a year ("Sept. 2", "on Oct. 12"), resolved against the
/// reference date: its year, or the year before when that would put the day more than a week
/// after the reference. Mentions with a year are left to [`explicit_dates`].
fn month_day_dates(text: &str, reference: Date) -> Vec<(Span, Date)> {
    if !may_hold_digit(text) {
        return Vec::new();
    }
    MONTH_DAY
        .captures_iter(text)
        .filter(|caps| caps.get(3).is_none())
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let month = month_number(&caps[1])?;
            let day: u32 = caps[2].parse().ok()?;
            let this_year = Date::new(reference.year, month, day)?;
            // "April 15 of next year", "by March 1 next year": the year after the reference.
            let after = text.get(whole.end()..).unwrap_or("");
            let after = after.get(..after.len().min(16)).unwrap_or(after);
            if NEXT_YEAR.is_match(after) {
                return Some((
                    Span::new(whole.start(), whole.end()),
                    Date::new(reference.year + 1, month, day)?,
                ));
            }
            let date = if this_year.days() > reference.days() + 7 {
                Date::new(reference.year - 1, month, day)?
            } else {
                this_year
            };
            Some((Span::new(whole.start(), whole.end()), date))
        })
        .collect()
}

pub(crate) fn analyze(docs: &[Doc<'_>], cluster: &Cluster) -> When {
    let mut refs: Vec<Option<(Date, &'static str)>> =
        docs.iter().map(|d| reference_date(d, cluster)).collect();
    let mut counts: HashMap<Date, usize> = HashMap::new();
    for (date, _) in refs.iter().flatten() {
        *counts.entry(*date).or_default() += 1;
    }
    let cluster_ref = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(d, _)| d);
    // Own reference dates, before any are borrowed: the story's first report and how many
    // reports there are to say when it was told.
    let own: Vec<Date> = refs.iter().flatten().map(|(d, _)| *d).collect();
    // Borrowing is safe only when most of the cluster is dated: one dated article among many
    // undated ones (a column over months) says nothing of when the others were written.
    if own.len() * 2 >= refs.len() {
        for slot in &mut refs {
            if slot.is_none() {
                *slot = cluster_ref.map(|d| (d, "cluster"));
            }
        }
    }

    // Each article's dates: those of its lead sentences (explicit, month-and-day, relative to its
    // reference date) and the month-and-day or full dates anywhere in it. An article counts once
    // per date, with its strongest weight: its first lead date 1, other lead dates 0.6, other
    // mentions 0.4.
    let mut evidence = Vec::new();
    let mut per_article: Vec<Vec<(Date, f64)>> = vec![Vec::new(); docs.len()];
    for (doc, reference) in docs.iter().zip(&refs) {
        let reference = reference.map(|(d, _)| d);
        let lead_spans: Vec<Span> = if doc.sentences.is_empty() {
            doc.block_spans().into_iter().take(3).collect()
        } else {
            doc.sentences
                .iter()
                .filter(|s| !s.is_headline)
                .take(3)
                .map(|s| s.span)
                .collect()
        };
        let mut dates: Vec<(Date, f64)> = Vec::new();
        for span in &lead_spans {
            let text = doc.slice(*span);
            if PUBLISHING_NOTE.is_match(text) {
                continue;
            }
            let mut found: Vec<(Span, Date, &str)> = explicit_dates(text)
                .into_iter()
                .map(|(sub, date)| (sub, date, "explicit"))
                .collect();
            if let Some(reference) = reference {
                found.extend(
                    month_day_dates(text, reference)
                        .into_iter()
                        .map(|(sub, date)| (sub, date, "explicit")),
                );
                for m in RELATIVE.find_iter(text) {
                    if let Some(date) = resolve_relative(&m.as_str().to_lowercase(), reference) {
                        found.push((Span::new(m.start(), m.end()), date, "relative"));
                    }
                }
            }
            found.sort_by_key(|(sub, _, _)| sub.start);
            for (sub, date, kind) in found {
                if dates.is_empty() {
                    let abs = Span::new(span.start + sub.start, span.start + sub.end);
                    evidence.push(DateEvidence {
                        excerpt: doc.excerpt(abs),
                        resolved: date.iso(),
                        kind: kind.into(),
                    });
                    note_date(&mut dates, date, 1.0);
                } else {
                    note_date(&mut dates, date, 0.6);
                }
            }
        }
        // The day of the report yields to an earlier day of the same week in the same lead: "shot
        // late Friday ... police said Saturday", an event of one evening reported the next day.
        if let Some(reference) = reference {
            let earlier_this_week = dates
                .iter()
                .any(|(d, _)| *d < reference && reference.days() - d.days() < 7);
            if earlier_this_week {
                dates.retain(|(d, _)| *d != reference);
            }
        }
        // Anywhere in the article, outside its publishing notes.
        let notes: Vec<Span> = if !PUBLISHING_NOTE.is_match(doc.text) {
            Vec::new()
        } else if doc.sentences.is_empty() {
            doc.block_spans()
        } else {
            doc.sentences.iter().map(|s| s.span).collect()
        }
        .into_iter()
        .filter(|span| PUBLISHING_NOTE.is_match(doc.slice(*span)))
        .collect();
        let in_note = |sub: &Span| {
            notes
                .iter()
                .any(|n| n.start <= sub.start && sub.end <= n.end)
        };
        if let Some(reference) = reference {
            for (sub, date) in month_day_dates(doc.text, reference) {
                if !in_note(&sub) {
                    note_date(&mut dates, date, 0.4);
                }
            }
        }
        for (sub, date) in explicit_dates(doc.text) {
            if !in_note(&sub) {
                note_date(&mut dates, date, 0.4);
            }
        }
        per_article[doc.index] = dates;
    }

    let mut votes: HashMap<Date, (f64, usize)> = HashMap::new();
    for dates in &per_article {
        for (date, weight) in dates {
            let slot = votes.entry(*date).or_default();
            slot.0 += weight;
            slot.1 += 1;
        }
    }
    let dated = per_article.iter().filter(|d| !d.is_empty()).count();
    // The date most articles name (then the higher weighted vote, then the earlier date). It
    // needs support: at least two articles (in a cluster of three or more) and a quarter of those
    // with dates, reported after it ([`told_after`]); a
    // story told over weeks, one day per article, has no event date. Without any reference date
    // (no publication date, URL date or dated dateline in the cluster) no date is given: the
    // dates such a text writes out in full are as often background ("the Dec. 21, 1988,
    // bombing") as the event's.
    let mut ranked: Vec<(Date, f64, usize)> = votes
        .iter()
        .map(|(d, (score, n))| (*d, *score, *n))
        .collect();
    ranked.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0)));
    // An event told over two days (a flight completed one evening, landing the next morning):
    // the day before the most named date, named too by at least two articles, one of them
    // written that very day (its own date, not one borrowed), is when the event happened.
    let first_day = |(d, score, n): (Date, f64, usize)| {
        d.add_days(-1)
            .and_then(|prev| {
                let (ps, pn) = votes.get(&prev)?;
                let told_that_day = per_article.iter().zip(&refs).any(|(dates, r)| {
                    matches!(r, Some((own_date, source)) if *own_date == prev && *source != "cluster")
                        && dates.iter().any(|(x, _)| *x == prev)
                });
                (*pn >= 2 && told_that_day).then_some((prev, *ps, *pn))
            })
            .unwrap_or((d, score, n))
    };
    let needed = if dated >= 3 || docs.len() >= 3 { 2 } else { 1 };
    let supports = |(date, _, n): &(Date, f64, usize)| {
        cluster_ref.is_some() && *n >= needed && *n * 4 >= dated && told_after(*date, &own)
    };
    // The most named date when it is the reports' event; else the runner-up, when half the dated
    // articles name it: a background date every report repeats ("the Oct. 31 crash") gives way
    // to the day these reports are about, named by half of them.
    let supported = ranked
        .first()
        .map(|c| first_day(*c))
        .filter(supports)
        .or_else(|| {
            ranked
                .get(1)
                .map(|c| first_day(*c))
                .filter(|c| c.2 * 2 >= dated && supports(c))
        });
    let article_dates = refs
        .iter()
        .enumerate()
        .filter_map(|(article, r)| {
            r.map(|(date, source)| ArticleDate {
                article,
                date: date.iso(),
                source: source.into(),
            })
        })
        .collect();
    When {
        event_date: supported.map(|(d, _, _)| d.iso()),
        agreeing_articles: supported.map_or(0, |(_, _, n)| n),
        dated_articles: dated,
        article_dates,
        evidence,
    }
}

/// Whether a cluster whose articles were written on `own` (their own reference dates) reports
/// an event of `date`: the first report comes within [`FIRST_REPORT_DAYS`] of it (a later story
/// that looks back to a date, an anniversary, a trial, an inquiry, names it but is not its
/// report), at most half the articles were written before it (a story leading up to a date,
/// a forecast or a launch announced weeks ahead, is not an event's report either), and at least
/// two articles were written within [`REPORT_WEEK_DAYS`] after it.
fn told_after(date: Date, own: &[Date]) -> bool {
    let Some(first) = own.iter().min() else {
        return false;
    };
    let before = own.iter().filter(|d| **d < date).count();
    // Reported when it happened: at least two reports (one in a cluster with a single dated
    // article) written within a week of it. A day much named among months of a running story,
    // its reports long before or after, is not the story's event.
    let that_week = own
        .iter()
        .filter(|d| (0..=REPORT_WEEK_DAYS).contains(&(d.days() - date.days())))
        .count();
    first.days() - date.days() <= FIRST_REPORT_DAYS
        && before * 2 <= own.len()
        && that_week >= own.len().min(2)
}

/// The days after an event in which its reports count as written when it happened.
const REPORT_WEEK_DAYS: i64 = 7;

/// The most days between an event and the cluster's first report of it.
const FIRST_REPORT_DAYS: i64 = 6;

fn note_date(dates: &mut Vec<(Date, f64)>, date: Date, weight: f64) {
    match dates.iter_mut().find(|(d, _)| *d == date) {
        Some(slot) => slot.1 = slot.1.max(weight),
        None => dates.push((date, weight)),
    }
}

fn resolve_relative(word: &str, reference: Date) -> Option<Date> {
    match word {
        "today" | "tonight" => Some(reference),
        "yesterday" => reference.add_days(-1),
        _ => {
            let target = i64::try_from(
                crate::calendar::WEEKDAY_WORDS
                    .iter()
                    .position(|w| *w == word)?,
            )
            .ok()?;
            let back = (reference.weekday() - target).rem_euclid(7);
            reference.add_days(-back)
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_dash_test_passes_every_iso_date_and_few_other_texts() {
        use super::{ISO_IN_TEXT, may_hold_digit_dash_digit};
        for text in [
            "on 2024-03-05 the",
            "2024-03-05",
            "x 1-2 y",
            "a \u{0663}\u{0660}\u{0662}\u{0664}-\u{0660}\u{0663}-\u{0660}\u{0665} b",
        ] {
            assert!(may_hold_digit_dash_digit(text), "{text}");
        }
        for text in [
            "",
            "-",
            "1-",
            "-1",
            "well-known",
            "a 10 - 12 b",
            "year-2024",
        ] {
            assert!(!may_hold_digit_dash_digit(text), "{text}");
            assert!(!ISO_IN_TEXT.is_match(text), "{text}");
        }
        assert!(ISO_IN_TEXT.is_match("on 2024-03-05 the"));
    }

    use super::super::build_brief;
    use super::super::testutil::{cluster_of, prepare};
    use super::*;

    #[test]
    fn weekday_arithmetic() {
        let date = Date::new(2016, 2, 3).expect("valid");
        assert_eq!(date.weekday(), 2); // a Wednesday
        assert_eq!(
            resolve_relative("tuesday", date).map(Date::iso).as_deref(),
            Some("2016-02-02")
        );
        assert_eq!(
            resolve_relative("wednesday", date)
                .map(Date::iso)
                .as_deref(),
            Some("2016-02-03")
        );
        assert_eq!(
            resolve_relative("yesterday", date)
                .map(Date::iso)
                .as_deref(),
            Some("2016-02-02")
        );
        assert_eq!(Date::from_days(date.days()), Some(date));
        assert_eq!(Date::new(2015, 2, 29), None);
    }

    #[test]
    fn relative_weekday_resolves_against_metadata_and_cluster() {
        let (mut cluster, _, _) = cluster_of(&[
            "The bridge reopened on Friday after repairs, the city said.",
            "Traffic returned to the bridge Friday.",
            "Bridge open again\n\nSaturday, March 9, 2019\n\nThe bridge is open again.",
        ]);
        cluster.articles[0].published = Some("2019-03-10T08:00:00Z".into());
        let (cleaned, segmented) = prepare(&cluster);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        assert_eq!(brief.when.event_date.as_deref(), Some("2019-03-08"));
        let sources: Vec<&str> = brief
            .when
            .article_dates
            .iter()
            .map(|d| d.source.as_str())
            .collect();
        assert_eq!(sources, vec!["metadata", "cluster", "text"]);
        assert_eq!(brief.when.agreeing_articles, 2);
    }

    #[test]
    fn without_publication_dates_background_dates_are_never_the_event_date() {
        let (cluster, cleaned, segmented) = cluster_of(&[
            "Investigators on Tuesday reopened the case of the Dec. 21, 1988, bombing of a jet.",
            "The case of the Dec. 21, 1988, bombing was reopened Tuesday; the suspect, jailed in 1995, \
             was freed on March 3, 2001.",
            "Families said on Tuesday the Dec. 21, 1988, attack still haunted them.",
        ]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        assert_eq!(brief.when.event_date, None, "{:?}", brief.when);
    }

    #[test]
    fn a_dated_dateline_anchors_relative_dates() {
        let (cluster, cleaned, segmented) = cluster_of(&[
            "Quake hits coast\n\nWednesday, June 3, 2009\n\nA strong earthquake struck the coast on Tuesday, officials said.",
            "Aftershocks continue\n\nThursday, June 4, 2009\n\nAftershocks followed Tuesday's earthquake, which struck on June 2.",
            "Aid arrives\n\nMonday, June 8, 2009\n\nAid reached the towns hit by the June 2 earthquake.",
        ]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        assert_eq!(
            brief.when.event_date.as_deref(),
            Some("2009-06-02"),
            "{:?}",
            brief.when
        );
        assert!(brief.when.article_dates.iter().all(|d| d.source == "text"));
    }

    #[test]
    fn with_publication_dates_the_day_most_articles_name_wins() {
        let (mut cluster, _, _) = cluster_of(&[
            "The dam burst on Sunday night, flooding two villages.",
            "Rescuers searched on Monday for people missing since the dam burst on Sunday.",
            "A week after the Nov. 8 dam failure, officials said on Friday that repairs would start.",
            "Officials on Thursday blamed poor upkeep for the dam failure.",
        ]);
        for (article, date) in cluster.articles.iter_mut().zip([
            "1998-11-09",
            "1998-11-10",
            "1998-11-14",
            "1998-11-20",
        ]) {
            article.published = Some(date.to_string());
        }
        let (cleaned, segmented) = prepare(&cluster);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        assert_eq!(
            brief.when.event_date.as_deref(),
            Some("1998-11-08"),
            "{:?}",
            brief.when
        );
    }

    #[test]
    fn a_story_over_weeks_with_one_day_per_article_has_no_event_date() {
        let (mut cluster, _, _) = cluster_of(&[
            "Talks resumed on Monday in the capital.",
            "Negotiators met again on Tuesday.",
            "A new round opened on Wednesday, officials said.",
            "The talks stalled on Thursday.",
        ]);
        for (article, date) in cluster.articles.iter_mut().zip([
            "1998-10-05",
            "1998-10-13",
            "1998-10-21",
            "1998-10-29",
        ]) {
            article.published = Some(date.to_string());
        }
        let (cleaned, segmented) = prepare(&cluster);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        assert_eq!(brief.when.event_date, None, "{:?}", brief.when);
    }

    fn event_date_with(texts: &[&str], published: &[&str]) -> When {
        let (mut cluster, _, _) = cluster_of(texts);
        for (article, date) in cluster.articles.iter_mut().zip(published) {
            article.published = Some((*date).to_string());
        }
        let (cleaned, segmented) = prepare(&cluster);
        build_brief(&cluster, &cleaned, &segmented, &[]).when
    }

    #[test]
    fn an_evening_event_reported_the_next_day_keeps_its_own_day() {
        let texts = [
            "Police said Saturday that a man was arrested late Friday after the shooting.",
            "A man arrested late Friday was charged on Saturday with the shooting.",
            "Police on Saturday named the man held over the shooting at the mall.",
        ];
        // 1998-10-17 was a Saturday.
        let when = event_date_with(&texts, &["1998-10-17", "1998-10-17", "1998-10-17"]);
        assert_eq!(when.event_date.as_deref(), Some("1998-10-16"), "{when:?}");
        // Without an earlier day in its lead, an article's own day still counts.
        let when = event_date_with(&texts[2..], &["1998-10-17"]);
        assert_eq!(when.event_date.as_deref(), Some("1998-10-17"), "{when:?}");
    }

    #[test]
    fn a_later_story_that_looks_back_to_a_date_has_no_event_date() {
        let texts = [
            "The trial over the Oct. 2 bombing opened on Monday.",
            "Witnesses described the Oct. 2 bombing to the court.",
            "The defence said the Oct. 2 bombing was not planned by the accused.",
        ];
        let when = event_date_with(&texts, &["1998-10-19", "1998-10-20", "1998-10-21"]);
        assert_eq!(when.event_date, None, "{when:?}");
        // The same words written within the week of the bombing report it.
        let when = event_date_with(&texts, &["1998-10-03", "1998-10-04", "1998-10-05"]);
        assert_eq!(when.event_date.as_deref(), Some("1998-10-02"), "{when:?}");
    }

    #[test]
    fn a_story_leading_up_to_a_date_has_no_event_date() {
        let texts = [
            "Astronomers expect the meteor shower to peak on Nov. 17.",
            "Satellite operators are preparing for the Nov. 17 meteor shower.",
            "Skywatchers plan to stay up for the Nov. 17 shower.",
            "The meteor shower of Nov. 17 was weaker than forecast.",
        ];
        let when = event_date_with(
            &texts,
            &["1998-11-02", "1998-11-10", "1998-11-14", "1998-11-18"],
        );
        assert_eq!(when.event_date, None, "{when:?}");
        // Reported after the night, the same date is the event's.
        let when = event_date_with(
            &texts,
            &["1998-11-17", "1998-11-17", "1998-11-18", "1998-11-18"],
        );
        assert_eq!(when.event_date.as_deref(), Some("1998-11-17"), "{when:?}");
    }

    #[test]
    fn one_dated_article_among_many_undated_lends_them_no_date() {
        let texts = [
            "Host cancels show\n\nWednesday, February 9, 2000\n\nThe host cancelled the show on Tuesday.",
            "The host spoke about the show on Tuesday.",
            "Viewers wrote in on Tuesday about the show.",
            "The show returned on Tuesday after a break.",
            "Critics on Tuesday praised the show.",
        ];
        let (cluster, cleaned, segmented) = cluster_of(&texts);
        let when = build_brief(&cluster, &cleaned, &segmented, &[]).when;
        assert_eq!(when.event_date, None, "{when:?}");
        assert_eq!(when.article_dates.len(), 1, "{when:?}");
        // Most of the cluster dated: the undated rest borrow the common date.
        let (cluster, cleaned, segmented) = cluster_of(&[
            texts[0],
            "Host ends show\n\nWednesday, February 9, 2000\n\nThe host ended the show on Tuesday.",
            texts[2],
        ]);
        let when = build_brief(&cluster, &cleaned, &segmented, &[]).when;
        assert_eq!(when.event_date.as_deref(), Some("2000-02-08"), "{when:?}");
    }

    #[test]
    fn an_event_over_two_days_is_dated_by_its_first_day() {
        let texts = [
            "The balloonists completed the first flight around the world on Saturday.",
            "The balloon landed on Sunday in the desert.",
            "The crew landed Sunday, a day after completing the flight on Saturday.",
            "Officials said the March 21 landing ended the voyage.",
            "The balloon that landed on March 21 went on display.",
        ];
        // 1999-03-20 was a Saturday: the flight was reported complete that day.
        let published = [
            "1999-03-20",
            "1999-03-21",
            "1999-03-21",
            "1999-03-22",
            "1999-03-25",
        ];
        let when = event_date_with(&texts, &published);
        assert_eq!(when.event_date.as_deref(), Some("1999-03-20"), "{when:?}");
        // Nothing written on the Saturday: the most named day stands.
        let published = [
            "1999-03-21",
            "1999-03-21",
            "1999-03-21",
            "1999-03-22",
            "1999-03-25",
        ];
        let when = event_date_with(&texts, &published);
        assert_eq!(when.event_date.as_deref(), Some("1999-03-21"), "{when:?}");
    }

    #[test]
    fn a_day_named_in_a_running_story_needs_two_reports_that_week() {
        let texts = [
            "Talks on the plan began in the capital.",
            "Officials met again to discuss the plan.",
            "The court ruled on July 29 against the plan.",
            "Since the July 29 ruling, the plan has stalled.",
            "Appeals of the July 29 ruling continued.",
        ];
        let published = [
            "1999-01-10",
            "1999-03-02",
            "1999-07-30",
            "1999-09-10",
            "1999-09-28",
        ];
        let when = event_date_with(&texts, &published);
        assert_eq!(when.event_date, None, "{when:?}");
        // Two reports in the week after the ruling: it is the story's event.
        let published = [
            "1999-01-10",
            "1999-03-02",
            "1999-07-30",
            "1999-08-02",
            "1999-09-28",
        ];
        let when = event_date_with(&texts, &published);
        assert_eq!(when.event_date.as_deref(), Some("1999-07-29"), "{when:?}");
    }

    #[test]
    fn a_background_date_every_report_repeats_gives_way_to_the_day_half_of_them_name() {
        let texts = [
            "Investigators released their reports on Friday on the Oct. 31 crash of the jet.",
            "The reports on the Oct. 31 crash, released Friday, list the last words in the cockpit.",
            "Officials disputed on Saturday the reports released Friday on the Oct. 31 crash.",
            "Pilots on Sunday questioned the findings on the Oct. 31 crash.",
        ];
        // 2000-08-11 was a Friday; the crash was on 1999-10-31, months before any of these reports.
        let published = ["2000-08-11", "2000-08-11", "2000-08-12", "2000-08-13"];
        let when = event_date_with(&texts, &published);
        assert_eq!(when.event_date.as_deref(), Some("2000-08-11"), "{when:?}");
        // Named by fewer than half of the dated reports, the runner-up is no event date.
        let texts = [
            texts[0],
            "The Oct. 31 crash is still unexplained, officials said on Saturday.",
            texts[3],
            "Families of the Oct. 31 crash victims met on Monday.",
        ];
        let published = ["2000-08-11", "2000-08-12", "2000-08-13", "2000-08-14"];
        let when = event_date_with(&texts, &published);
        assert_eq!(when.event_date, None, "{when:?}");
    }

    #[test]
    fn a_wire_services_publishing_note_names_no_date_of_the_news() {
        let texts = [
            "The New York Times said in an editorial on Tuesday, June 8: The decline of the fish is a disaster.",
            "Scientists said on Tuesday that the fish stocks kept falling.",
            "A report released Wednesday found the fish runs in a dismal state.",
        ];
        // 1999-06-07 was a Monday: the editorial's Tuesday is no news of the cluster.
        let when = event_date_with(&texts, &["1999-06-07", "1999-06-08", "1999-06-09"]);
        assert_eq!(when.event_date, None, "{when:?}");
    }

    #[test]
    fn a_month_and_day_of_next_year_is_in_the_next_year() {
        let reference = Date::new(1998, 11, 28).expect("valid");
        let dates = month_day_dates(
            "The government has until April 15 of next year to act.",
            reference,
        );
        assert_eq!(
            dates.first().map(|(_, d)| d.iso()).as_deref(),
            Some("1999-04-15")
        );
        let dates = month_day_dates("The deadline was April 15.", reference);
        assert_eq!(
            dates.first().map(|(_, d)| d.iso()).as_deref(),
            Some("1998-04-15")
        );
    }
}
