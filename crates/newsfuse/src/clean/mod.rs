//! Stage 1, clean: finds the article's real text among web clutter.
//!
//! [`clean`] owns one decision per line: keep it (as a [`BlockKind::Headline`] or
//! [`BlockKind::Body`] block) or drop it as clutter (with a [`Clutter`] reason). A line is a
//! paragraph: every non-empty line is one candidate block, its span trimmed of surrounding
//! whitespace. Text is never rewritten or merged; spans point into the input.
//!
//! The stage is a filter chain in two halves, both explicit ordered lists.
//!
//! **Line rules** (`LINE_RULES`) look at one line alone; the first that fires decides. Most only
//! look at short lines (clutter is short; a long line is a paragraph), so a paragraph joined into
//! one huge line is never dropped for a stray phrase.
//!
//! 0. `page_furniture`, the one rule that also looks at long lines: a video teaser opening with
//!    the player's upper-case "CLOSE " before a capital, a gallery line ("Enlarge image …",
//!    "Image 2 of 9"), a gallery slide `"3/18 <caption> <agency credit>"`, the Internet Archive's
//!    crawl notice → Widget, Caption or Boilerplate.
//! 1. `separator`: no letter or digit at all (`___`, `|`, `* * *`, zero-width spaces) → Widget.
//! 2. `number`: a lone number or a share/comment count (`154`, `2)`, `1.2K shares`) → Number.
//! 3. `duration`: video-player times (`1:23`, `0:00 0:00:40 0:00`) → Widget.
//! 4. `url`: a bare URL or domain, or a URL with a few words around it
//!    (`Read or Share this story: https://…`) → Url.
//! 5. `contact`: a short line with an e-mail address or a social handle → Boilerplate.
//! 6. `furniture`: the whole line is made of known site-furniture phrases ("Accessibility
//!    links", "Skip to content", "Breaking News", "Share Tweet Email", "XS SM MD LG",
//!    "Advertisement", "Video Loading", "Replay", "Up next", "Related", "Updated", …); each phrase
//!    carries its reason, and link-list and player headers open a run (see context rule 1).
//! 7. `boilerplate_phrase`: a not-too-long line containing a phrase that never occurs in news
//!    prose (cookie banners, subscription forms, "Image copyright", "toggle caption", "All rights
//!    reserved", web-archive notices, tweet-embed text, reprint notices, error pages, share-by-email
//!    forms, reader-tip prompts) → the phrase's reason.
//! 8. `header`: a link-list or player header with its teaser ("More from World", "Related:",
//!    "Read more: …", "SEE ALSO: …", "WATCH: …", "[Related: …]", "… Read more") → LinkList or
//!    Widget; one with nothing after its colon opens a run.
//! 9. `byline`: bylines and credits ("By Jane Doe", "-- Jane Doe", "(Reporting by …)", "…
//!    contributed to this report", "© 2016 …", subscription prompts) → Boilerplate.
//! 10. `caption`: photo credits and captions ("(Photo: …)", "Image: …", "FILE - In this … file
//!     photo", "AP Photo/…", "… Getty Images", "Jay Reed/NPR", a trailing "(Name / Agency)",
//!     "… REUTERS/Name", "… | Reuters", "1 of 6. …", "This image provided by …", "(2nd L)") →
//!     Caption.
//! 11. `timestamp`: "Last update: …", "Updated 3:45 p.m. ET", "Published …", "2 hours ago", a
//!     line that is only a date or time → Timestamp.
//!
//! Everything else is kept. A dateline alone on its line ("TEHRAN |") is kept as body.
//!
//! **Context rules** (`CONTEXT_RULES`) then look at neighbouring lines, in this order:
//!
//! 1. `link_run`: after a header that opens a run ("More from World", "Related:", "WATCH: …"),
//!    the headline-like teaser lines that follow (no sentence punctuation, or cut off with "…")
//!    are dropped with the header's reason, until a line of real body text resumes.
//! 2. `twin_caption`: a sentence line immediately repeated by the next non-empty line is a photo
//!    caption printed twice (alt text and caption) → both Caption.
//! 3. `repeated`: a kept line identical to an earlier kept line → Repeated.
//! 4. `masthead`: at the top (the first 8 lines, before the first body paragraph), short (≤ 3
//!    words) title-like lines above the first longer title-like line (the headline) are the site
//!    name or a section label ("Daily Example Review", "USA") → Navigation.
//!
//! Finally each kept line gets its kind: a line without sentence-final punctuation of at most
//! 20 words is a [`BlockKind::Headline`] (a title or subheading), unless it is a hard-wrapped
//! fragment (it starts in lowercase, or the next line continues it in lowercase); anything else
//! is [`BlockKind::Body`]. Case is never the only evidence for a drop: the rules work on
//! lowercased text too.
//!
//! The stage is linear in the text: one pass to split lines, one cheap check per rule per line
//! (regexes are compiled once, in statics; unanchored phrase searches run on one ASCII-lowercased
//! copy of each short line with case-sensitive patterns, behind literal pre-checks), one pass
//! per context rule. Lines of more than 80 words skip the line rules, except `page_furniture`. On web-scraped
//! Multi-News articles it runs at roughly 60 MB/s (release build, one core).
//!
//! Precision comes first: a rule that is not sure keeps the line. Known misses are captions
//! without a credit marker and related-link lists without a header.

use std::collections::HashSet;

use crate::model::{Block, BlockKind, CleanArticle, Clutter, DroppedLine, Span};

use self::furniture::rule_furniture;
use self::rules::{
    is_dateline, rule_boilerplate_phrase, rule_byline, rule_caption, rule_contact, rule_duration,
    rule_header, rule_number, rule_page_furniture, rule_separator, rule_timestamp, rule_url,
};

pub use sentence::is_site_sentence;

/// Splits `text` into kept blocks and dropped clutter lines. Never fails, never rewrites text.
///
/// Each non-empty line (after trimming whitespace) is either a kept [`Block`] or a
/// [`DroppedLine`]; both lists are in text order and their spans never overlap. See the module
/// docs for the rules, in order.
pub fn clean(text: &str) -> CleanArticle {
    ENGINES.get_or_init(rules::compile_all);
    let lines = split_lines(text);
    let mut verdicts: Vec<Verdict> = lines.iter().map(classify_line).collect();
    for (_name, rule) in CONTEXT_RULES {
        rule(&lines, &mut verdicts);
    }
    let mut out = CleanArticle::default();
    for (i, (line, verdict)) in lines.iter().zip(verdicts).enumerate() {
        match verdict {
            Verdict::Keep => out.blocks.push(Block {
                span: line.span,
                kind: block_kind_in_context(text, &lines, i),
            }),
            Verdict::Drop(reason) | Verdict::Opener(reason) => {
                out.dropped.push(DroppedLine {
                    span: line.span,
                    reason,
                });
            }
        }
    }
    out
}

/// Set once every rule's regexes are compiled (on the first call of [`clean`]).
static ENGINES: std::sync::OnceLock<()> = std::sync::OnceLock::new();

/// A rule that looks at one line alone: `Some(verdict)` decides the line, `None` passes it on.
type LineRule = fn(&Line<'_>) -> Option<Verdict>;

/// A rule that looks at neighbouring lines and may change their verdicts.
type ContextRule = fn(&[Line<'_>], &mut [Verdict]);

/// The line rules, by name, in the order they are tried; the first that fires decides.
static LINE_RULES: &[(&str, LineRule)] = &[
    ("page_furniture", rule_page_furniture),
    ("separator", rule_separator),
    ("number", rule_number),
    ("duration", rule_duration),
    ("url", rule_url),
    ("contact", rule_contact),
    ("furniture", rule_furniture),
    ("boilerplate_phrase", rule_boilerplate_phrase),
    ("header", rule_header),
    ("byline", rule_byline),
    ("caption", rule_caption),
    ("timestamp", rule_timestamp),
];

/// The context rules, by name, applied in this order after the line rules.
static CONTEXT_RULES: &[(&str, ContextRule)] = &[
    ("link_run", rule_link_run),
    ("twin_caption", rule_twin_caption),
    ("repeated", rule_repeated),
    ("masthead", rule_masthead),
];

/// Longest line (in words) that a headline may have.
const HEADLINE_MAX_WORDS: usize = 20;
/// Longest line (in words) that the short-line rules look at.
const SHORT_MAX_WORDS: usize = 40;
/// Longest line (in words) that any line rule looks at; longer lines are always kept.
const ANY_MAX_WORDS: usize = 80;

/// What the line rules decided for one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Kept (its kind is decided at the end).
    Keep,
    /// Dropped.
    Drop(Clutter),
    /// Dropped, and the teaser lines after it are dropped too (see `rule_link_run`).
    Opener(Clutter),
}

impl Verdict {
    fn is_keep(self) -> bool {
        self == Verdict::Keep
    }
}

/// How a line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// With sentence punctuation (`.`, `!`, `?`, `:`, `;`, `,`, or CJK full stops), possibly
    /// inside closing quotes or brackets.
    Sentence,
    /// Cut off with an ellipsis (`...`, `…`): a teaser.
    Ellipsis,
    /// With no punctuation: a title, a label or a fragment.
    Open,
}

/// One non-empty line with the facts the rules need.
struct Line<'a> {
    span: Span,
    /// The trimmed text.
    text: &'a str,
    /// Whitespace-separated words, counted up to `ANY_MAX_WORDS + 1`.
    words: usize,
    ending: Ending,
    /// The text ASCII-lowercased, for the unanchored phrase searches (case-sensitive patterns
    /// keep the regex prefilters fast); empty for lines no line rule looks at.
    lower: String,
}

impl Line<'_> {
    fn is_short(&self) -> bool {
        self.words <= SHORT_MAX_WORDS
    }

    /// Title-like: no sentence punctuation at the end and short.
    fn is_title_like(&self) -> bool {
        self.ending == Ending::Open
            && self.words <= HEADLINE_MAX_WORDS
            && self.text.chars().any(char::is_alphabetic)
    }
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            let start = offset + (raw.len() - raw.trim_start().len());
            let words = count_words(trimmed);
            let lower = if words <= ANY_MAX_WORDS {
                trimmed.to_ascii_lowercase()
            } else {
                String::new()
            };
            lines.push(Line {
                span: Span::new(start, start + trimmed.len()),
                text: trimmed,
                words,
                ending: ending(trimmed),
                lower,
            });
        }
        offset += raw.len();
    }
    lines
}

/// Counts ASCII-whitespace-separated words, up to `ANY_MAX_WORDS + 1` (a byte loop: this runs on
/// every line).
fn count_words(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let space = b.is_ascii_whitespace();
        if !space && !in_word {
            words += 1;
            if words > ANY_MAX_WORDS {
                break;
            }
        }
        in_word = !space;
    }
    words
}

fn ending(text: &str) -> Ending {
    let core = text.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*') || c.is_whitespace()
    });
    if core.ends_with("...") || core.ends_with('…') {
        return Ending::Ellipsis;
    }
    if core.ends_with('.') && ends_with_initialism(core) {
        return Ending::Open;
    }
    // A closing attribution does not end the sentence: "... Abu Zuhri said. (Reuters)".
    if text.ends_with(')')
        && let Some(open) = text.rfind('(')
        && open > 0
    {
        let before = ending(&text[..open]);
        if before != Ending::Open {
            return before;
        }
    }
    match core.chars().next_back() {
        Some('.' | '!' | '?' | ':' | ';' | ',' | '。' | '！' | '？' | '；' | '：' | '、' | '।') => {
            Ending::Sentence
        }
        _ => Ending::Open,
    }
}

/// A short line ending in an initialism ("… in the U.S."), with no sentence break inside: the
/// final dot is not a full stop, so the line reads as a title.
fn ends_with_initialism(core: &str) -> bool {
    let last = core.rsplit(char::is_whitespace).next().unwrap_or(core);
    let initialism = last.len() >= 4
        && last.split_terminator('.').all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
        });
    initialism
        && core
            .split_whitespace()
            .nth(HEADLINE_MAX_WORDS / 2 + 2)
            .is_none()
        && !core[..core.len() - last.len()].contains(". ")
}

fn classify_line(line: &Line<'_>) -> Verdict {
    if line.words > ANY_MAX_WORDS {
        return rule_page_furniture(line).unwrap_or(Verdict::Keep);
    }
    LINE_RULES
        .iter()
        .find_map(|(_name, rule)| rule(line))
        .unwrap_or(Verdict::Keep)
}

/// [`block_kind`], except that a hard-wrapped fragment (a line starting in lowercase, or one
/// directly followed by a line starting in lowercase) is body, never a headline.
fn block_kind_in_context(text: &str, lines: &[Line<'_>], i: usize) -> BlockKind {
    let line = &lines[i];
    let kind = block_kind(line);
    if kind == BlockKind::Body {
        return kind;
    }
    let starts_lower = |t: &str| t.chars().next().is_some_and(char::is_lowercase);
    let continued = lines.get(i + 1).is_some_and(|next| {
        starts_lower(next.text) && !text[line.span.end..next.span.start].contains("\n\n")
    });
    if starts_lower(line.text) || continued {
        BlockKind::Body
    } else {
        kind
    }
}

fn block_kind(line: &Line<'_>) -> BlockKind {
    if line.is_title_like() && !is_dateline(line.text) {
        BlockKind::Headline
    } else {
        BlockKind::Body
    }
}

/// Builds a lazily compiled regex from a pattern known to be valid.
macro_rules! regex {
    ($name:ident, $pattern:expr) => {
        static $name: LazyLock<Regex> =
            LazyLock::new(|| Regex::new($pattern).expect("clean: built-in regex is valid"));
    };
}

mod furniture;
mod rules;
mod sentence;
#[cfg(test)]
mod tests;

// ---------------------------------------------------------------------------------------------
// Context rules.

/// Teaser lines after a link-list or player header, up to the next line of body text.
fn rule_link_run(lines: &[Line<'_>], verdicts: &mut [Verdict]) {
    let mut run: Option<Clutter> = None;
    for (line, verdict) in lines.iter().zip(verdicts.iter_mut()) {
        match *verdict {
            Verdict::Opener(reason) => run = Some(reason),
            Verdict::Drop(_) => {}
            Verdict::Keep => {
                let Some(reason) = run else { continue };
                let teaser =
                    line.ending == Ending::Ellipsis && line.words <= 60 || line.is_title_like();
                if teaser {
                    *verdict = Verdict::Drop(reason);
                } else {
                    run = None;
                }
            }
        }
    }
}

/// A sentence line printed twice in a row is a photo caption (alt text, then caption).
fn rule_twin_caption(lines: &[Line<'_>], verdicts: &mut [Verdict]) {
    for i in 1..lines.len() {
        let (prev, line) = (&lines[i - 1], &lines[i]);
        if prev.text == line.text
            && prev.ending == Ending::Sentence
            && prev.words <= SHORT_MAX_WORDS * 2
            && verdicts[i - 1].is_keep()
        {
            verdicts[i - 1] = Verdict::Drop(Clutter::Caption);
            verdicts[i] = Verdict::Drop(Clutter::Caption);
        }
    }
}

/// Later copies of a kept line are dropped.
fn rule_repeated(lines: &[Line<'_>], verdicts: &mut [Verdict]) {
    let mut seen: HashSet<&str> = HashSet::with_capacity(lines.len());
    for (line, verdict) in lines.iter().zip(verdicts.iter_mut()) {
        if verdict.is_keep() && !seen.insert(line.text) {
            *verdict = Verdict::Drop(Clutter::Repeated);
        }
    }
}

/// Longest site name or section label (in words) the masthead rule drops.
const MASTHEAD_MAX_WORDS: usize = 3;
/// How many non-empty lines from the top the masthead rule looks at for the headline.
const MASTHEAD_ZONE_LINES: usize = 8;

/// Site names and section labels above the headline.
fn rule_masthead(lines: &[Line<'_>], verdicts: &mut [Verdict]) {
    let top = lines
        .iter()
        .zip(verdicts.iter())
        .position(|(line, verdict)| verdict.is_keep() && block_kind(line) == BlockKind::Body)
        .unwrap_or(lines.len());
    // The first long title-like line near the top is the headline; short ones above it go.
    let Some(headline) = (0..top.min(MASTHEAD_ZONE_LINES))
        .find(|&i| verdicts[i].is_keep() && lines[i].is_title_like() && lines[i].words > 3)
    else {
        return;
    };
    for i in 0..headline {
        let text = lines[i].text;
        if verdicts[i].is_keep()
            && lines[i].is_title_like()
            && lines[i].words <= MASTHEAD_MAX_WORDS
            && !text.starts_with(|c: char| c.is_ascii_digit())
            && !is_dateline(text)
        {
            verdicts[i] = Verdict::Drop(Clutter::Navigation);
        }
    }
}
