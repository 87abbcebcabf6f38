//! The line rules other than `furniture`: each looks at one line alone.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexSet};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

use super::{Ending, Line, Verdict, ending};
use crate::model::Clutter;

pub(super) fn rule_separator(line: &Line<'_>) -> Option<Verdict> {
    (!line.text.chars().any(char::is_alphanumeric)).then_some(Verdict::Drop(Clutter::Widget))
}

regex!(
    NUMBER,
    r"(?i)^[#(\[]?[+\-]?\d[\d,.\s]*[km]?[)\].]?(\s+(shares?|comments?|views?|likes?|retweets?|reactions?|responses?|replies|reads?|points?))?$"
);

pub(super) fn rule_number(line: &Line<'_>) -> Option<Verdict> {
    (line.words <= 4 && NUMBER.is_match(line.text)).then_some(Verdict::Drop(Clutter::Number))
}

regex!(
    DURATION,
    r"^(\d{1,2}:)?\d{1,2}:\d{2}(\s*[/|]?\s*(\d{1,2}:)?\d{1,2}:\d{2})*$"
);

pub(super) fn rule_duration(line: &Line<'_>) -> Option<Verdict> {
    (line.words <= 6 && DURATION.is_match(line.text)).then_some(Verdict::Drop(Clutter::Widget))
}

regex!(URL, r"(?i)(?-u:\b)(https?://|www\.)\S+");
regex!(
    BARE_DOMAIN,
    r"(?i)^[\w-]+(\.[\w-]+)*\.(com|org|net|ly|co|uk|gov|edu|io|info|news|tv|me|ws|gl)(/\S*)?$"
);

pub(super) fn rule_url(line: &Line<'_>) -> Option<Verdict> {
    if line.words > 14 {
        return None;
    }
    if BARE_DOMAIN.is_match(line.text) {
        return Some(Verdict::Drop(Clutter::Url));
    }
    let mut urls = 0;
    let mut url_bytes = 0;
    for m in URL.find_iter(line.text) {
        urls += 1;
        url_bytes += m.len();
    }
    let other_words = line.words.saturating_sub(urls);
    (urls > 0 && (other_words <= 6 || url_bytes * 2 >= line.text.len()))
        .then_some(Verdict::Drop(Clutter::Url))
}

regex!(EMAIL, r"[\w.+-]+@[\w-]+\.[\w.-]+");
regex!(
    HANDLE,
    r"(?i)^(twitter|instagram|facebook|follow)?:?\s*@\w+(\s+(on|via)\s+\w+)?$"
);
regex!(HANDLE_ANY, r"(^|\s)@\w{2,}");

pub(super) fn rule_contact(line: &Line<'_>) -> Option<Verdict> {
    if line.words > 16 {
        return None;
    }
    let email = line.words <= 16 && EMAIL.is_match(line.text);
    let handle = HANDLE.is_match(line.text)
        || (line.words <= 4 && line.ending == Ending::Open && HANDLE_ANY.is_match(line.text));
    (email || handle).then_some(Verdict::Drop(Clutter::Boilerplate))
}

// ----- boilerplate phrases anywhere in a not-too-long line.

/// Phrases that never occur in news prose, with their reasons (lowercase patterns).
static BOILERPLATE_PHRASES: &[(&str, Clutter)] = &[
    (
        r"image copyright|image caption|toggle caption|enlarge this image|hide caption",
        Clutter::Caption,
    ),
    (
        r"alexa internet has been donating|crawl data|these crawls are part of|web collections curated by|archive-it service|warczone is a collection|collection of outsider-uploaded",
        Clutter::Boilerplate,
    ),
    (
        r"for your personal,? non-?commercial use only|order reprints|the page you requested (was|could) not (be )?found|check the url for proper spelling|thank you for your interest in spreading the word|we only request your email address|we('|’)d (like|love) to hear from you|send us a (secure )?tip|check back (tomorrow|later) for more|if you need (more|further) assistance",
        Clutter::Boilerplate,
    ),
    (
        r"thank you for subscribing|invalid email|you must select a newsletter|verify you('|’)re not a robot|newsletter sign ?up|sign up for (our|the) (?-u:[\w ]){0,30}newsletter|get daily news updates|subscribe to our|sign up to receive|you agree to receive occasional updates",
        Clutter::Boilerplate,
    ),
    (
        r"we use cookies|this (site|website) uses cookies|use of cookies|cookie policy|accept (all )?cookies|by continuing to (use|browse)|all rights reserved",
        Clutter::Boilerplate,
    ),
    (
        r"enable javascript|javascript is (disabled|required)|your browser does not support|media playback is unsupported|interactive transcript could not be loaded|rating is available when the video|this feature is not available right now|video is not available|press play to|this video is",
        Clutter::Widget,
    ),
    (
        r"add location information to your tweets|add a location to your tweets|tweet with a location|this field is for validation purposes|this iframe contains|opens in new window|(?-u:\b)i understand the terms of service|(?-u:\b)just watched(?-u:\b)|(?-u:\b)must watch(?-u:\b)|more (news )?videos(?-u:\b)|video unavailable|click to play|tap to play|the video will start in",
        Clutter::Widget,
    ),
];

/// The boilerplate phrases, compiled once: a gate of literals and the set itself.
struct Boilerplate {
    /// Every literal a phrase can start with, in one Aho-Corasick automaton. A line that holds
    /// none of them cannot match the set, so the set (whose own prefilter works on shortened
    /// prefixes such as "th", and so wakes its automaton on most lines) only runs on the rare
    /// line that does. `None` when some phrase has no finite set of prefixes: then the set runs
    /// on every line.
    gate: Option<AhoCorasick>,
    /// The phrases as one set, matched against the ASCII-lowercased line (case-sensitive
    /// patterns keep the literal prefilters fast).
    set: RegexSet,
}

static BOILERPLATE: LazyLock<Boilerplate> = LazyLock::new(|| {
    let patterns = || BOILERPLATE_PHRASES.iter().map(|(pattern, _)| *pattern);
    Boilerplate {
        gate: literal_gate(patterns()),
        set: RegexSet::new(patterns()).expect("clean: built-in boilerplate patterns are valid"),
    }
});

/// An automaton over the full prefix literals of `patterns`, as `regex_syntax` extracts them
/// (every match of a pattern starts with one of its prefixes), or `None` when a pattern has no
/// finite set of non-empty prefixes.
fn literal_gate<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Option<AhoCorasick> {
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Prefix)
        .limit_literal_len(64)
        .limit_total(512);
    let mut literals: Vec<Vec<u8>> = Vec::new();
    for pattern in patterns {
        let seq = extractor.extract(&regex_syntax::parse(pattern).ok()?);
        for literal in seq.literals()? {
            if literal.as_bytes().is_empty() {
                return None;
            }
            literals.push(literal.as_bytes().to_vec());
        }
    }
    AhoCorasick::new(literals).ok()
}

pub(super) fn rule_boilerplate_phrase(line: &Line<'_>) -> Option<Verdict> {
    let boilerplate = &*BOILERPLATE;
    if let Some(gate) = &boilerplate.gate
        && !gate.is_match(&line.lower)
    {
        return None;
    }
    let index = boilerplate.set.matches(&line.lower).iter().next()?;
    Some(Verdict::Drop(BOILERPLATE_PHRASES[index].1))
}

// ----- page furniture: lines that are site widgets whatever their length.

regex!(VIDEO_CLOSE, r"^CLOSE\s+\p{Lu}");
regex!(
    GALLERY,
    r"(?i)^enlarge (this )?image(?-u:\b)|(?-u:\b)image \d{1,3} of\s*/?\s*\d{1,3}(?-u:\b)"
);
regex!(
    GALLERY_SLIDE,
    r"^\d{1,3}/\d{1,3}\s+\p{Lu}.*(Getty Images|Reuters|AFP|EPA|Shutterstock|Rex Features|AP Photo|PA Wire)\s*$"
);
regex!(
    WEB_ARCHIVE,
    r"(?i)these crawls are part of an effort to archive"
);

/// A line that is a site widget or a page notice, at any length (paragraphs of gallery captions
/// and archive notices are often joined into one long line): a video teaser that starts with
/// the player's upper-case "CLOSE" ("CLOSE Police say ... USA TODAY"), a gallery ("Enlarge
/// image ...", "Image 2 of 9"), a slide "3/18 <caption> <agency credit>", or the Internet
/// Archive's crawl notice.
pub(super) fn rule_page_furniture(line: &Line<'_>) -> Option<Verdict> {
    // Literal checks first: the regexes only run on the rare line that could match.
    let text = line.text;
    if text.starts_with("CLOSE") && VIDEO_CLOSE.is_match(text) {
        return Some(Verdict::Drop(Clutter::Widget));
    }
    let image = text.contains("mage") || text.contains("MAGE");
    if image && GALLERY.is_match(text)
        || text.starts_with(|c: char| c.is_ascii_digit()) && GALLERY_SLIDE.is_match(text)
    {
        return Some(Verdict::Drop(Clutter::Caption));
    }
    ((text.contains("rawls") || text.contains("RAWLS")) && WEB_ARCHIVE.is_match(text))
        .then_some(Verdict::Drop(Clutter::Boilerplate))
}

// ----- link-list and player headers.

regex!(
    LINK_HEADER,
    r"(?i)^[\[(]?\s*(related( stories| articles| coverage| content| links| story| video| videos| news| topics)?( on [\w.]+)?|read more|read next|more|see also|also|also read|also see|recommended|full coverage|more on this( story)?|further reading|trending|most read|most popular|top stories|more (from|on|in|about) [^:]{1,40}|photos|photo gallery|gallery|slideshow|listen|podcast|opinion|explainer|related reading|don't miss|do not miss|must read|must see|check out)\s*[:|—–-]\s*(?P<rest>.*)$"
);
regex!(MORE_FROM, r"(?i)^more (from|on|in|about) \S.{0,40}$");
regex!(
    PLAYER_HEADER,
    r"(?i)^[\[(]?\s*(watch|video|videos|now playing|up next|watch now|watch live|live video)\s*[:|—–-]\s*(?P<rest>.*)$"
);
regex!(
    READ_MORE_TAIL,
    r"(?i)\s(read more\s*(»|›|>>|→)?|more\s*(»|›|>>|→))$"
);
regex!(
    CLICK,
    r"(?i)^(>>\s*)?(click (here|to|for|on)|tap here|for more \w+ news, |for (the )?latest)"
);
regex!(
    CHEVRON_LINK,
    r"(?i)^(>>|»|›)\s*(read|more|see|watch|click)(?-u:\b)"
);
regex!(CLICK_TAIL, r"(?i)(?-u:\b)click here\.?$");
regex!(RELATED_TITLE, r"^Related [A-Z0-9‘'“\x22]");

pub(super) fn rule_header(line: &Line<'_>) -> Option<Verdict> {
    if line.words > 30 {
        return None;
    }
    // A whole line in brackets without a sentence inside is an inline teaser link:
    // "[Related: ...]", "[How to find ...]".
    let bracketed = line.text.starts_with('[') && line.text.ends_with(']') && line.text.len() > 4;
    if bracketed {
        let inner = &line.text[1..line.text.len() - 1];
        if !inner.contains(']') && (ending(inner) != Ending::Sentence || inner.ends_with('?')) {
            return Some(Verdict::Drop(Clutter::LinkList));
        }
    }
    for (re, reason) in [
        (&*LINK_HEADER, Clutter::LinkList),
        (&*PLAYER_HEADER, Clutter::Widget),
    ] {
        if let Some(caps) = re.captures(line.text) {
            let rest = caps.name("rest").map_or("", |m| m.as_str()).trim();
            let empty = rest.trim_matches(|c: char| !c.is_alphanumeric()).is_empty();
            // A player header is followed by the player's furniture even when it has a title.
            return Some(if empty || reason == Clutter::Widget {
                Verdict::Opener(reason)
            } else {
                Verdict::Drop(reason)
            });
        }
    }
    if line.words <= 7 && line.ending != Ending::Sentence && MORE_FROM.is_match(line.text) {
        return Some(Verdict::Opener(Clutter::LinkList));
    }
    if line.words <= 25 && READ_MORE_TAIL.is_match(line.text) && line.text.len() > 12 {
        return Some(Verdict::Drop(Clutter::LinkList));
    }
    if line.words <= 20
        && (CLICK.is_match(line.text)
            || CLICK_TAIL.is_match(line.text)
            || CHEVRON_LINK.is_match(line.text))
    {
        return Some(Verdict::Drop(Clutter::LinkList));
    }
    if line.ending == Ending::Open && RELATED_TITLE.is_match(line.text) {
        return Some(Verdict::Drop(Clutter::LinkList));
    }
    None
}

// ----- captions and photo credits.

regex!(
    CAPTION_PREFIX,
    r"(?i)^[(\[]?\s*(image|images|photo|photos|photograph|picture|pic|caption|credit|photo credit|image source|source)\s*:|^[(\[]?\s*(photo|picture|image|photograph)s?\s+(by|courtesy|credit)(?-u:\b)|^file\s*[-–—:]\s|^\(?(ap|afp|reuters|epa|getty) photo(?-u:\b)|^\d+/\d+\s"
);
regex!(
    CAPTION_TAIL,
    r"(?i)((getty images?|getty|shutterstock|wireimage|filmmagic|ap images|ap photo|afp photo)|[/,]\s*(epa|reuters|associated press|afp|ap))\s*\)?(\s*\(\d+\))?$"
);
regex!(
    CREDIT_KEYWORD,
    r"(?i)\p{L}\s*/\s*\p{L}|photographer|photo|image|getty|credit|(?-u:\b)pic(?-u:\b)|(?-u:\b)file(?-u:\b)"
);

/// Most characters of a bracketed credit on either side of its keyword.
const CREDIT_CONTEXT_CHARS: usize = 80;

/// A bracketed group closes the line and names a credit: "(AP Photo/John Doe)", "[Getty]". The
/// group holds no other bracket, and its keyword (a "name/agency" slash, photo, image, getty,
/// credit, pic, file) has at most 80 characters on either side.
///
/// Written out rather than as one regex: the bounded repeats of `[^()]{0,80}` make the lazy DFA
/// build new states on almost every line, which cost more than the rest of the clean stage.
fn credit_in_brackets(text: &str) -> bool {
    let body = text.strip_suffix('.').unwrap_or(text);
    let Some(body) = body.strip_suffix([')', ']']) else {
        return false;
    };
    let Some(open) = body.rfind(['(', ')', '[', ']']) else {
        return false;
    };
    if !matches!(body.as_bytes()[open], b'(' | b'[') {
        return false;
    }
    let inner = &body[open + 1..];
    // Every start, not just non-overlapping matches: "a/b/c" has keywords at "a/b" and "b/c".
    let mut from = 0;
    while let Some(keyword) = CREDIT_KEYWORD.find_at(inner, from) {
        let before = inner[..keyword.start()].chars().count();
        if before > CREDIT_CONTEXT_CHARS {
            return false;
        }
        if inner[keyword.end()..].chars().count() <= CREDIT_CONTEXT_CHARS {
            return true;
        }
        from = keyword.start()
            + inner[keyword.start()..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
    }
    false
}

// A bare agency name closes a caption only after a cut-off or a date; after a sentence it is a
// live blog's source attribution ("... Abu Zuhri said. (Reuters)"), which is body.
regex!(
    AGENCY_AFTER_CAPTION,
    r"(?i)(\.\.\.|…|\d{4}\.?)\s*\((reuters|ap|afp|epa|associated press)\)$"
);
regex!(
    CREDIT_WORDS,
    r"(?i)(?-u:\b)(photo|picture|credit|pic|image)s?(\s+by|\s*:)\s+[^.!?:]{2,60}$|(?-u:\b)in this [^.]{0,40}file photo(?-u:\b)|\(pictured\)|(?-u:\b)slideshow\s*\(\d+|\(\d+ (images|photos|pictures)\)"
);
regex!(SLASH_CREDIT, r"\p{L}\.?\s*/\s*\p{L}");
regex!(
    NAME_SLASH_AGENCY,
    r"^\p{Lu}[\p{L}.'-]*(\s+\p{Lu}[\p{L}.'-]*){0,3}\s+/\s+(Reuters|Getty|AP|AFP|EPA|Via|Bloomberg|NPR|Associated|Shutterstock|Flickr|Wikimedia|Instagram|Twitter|YouTube)"
);

regex!(
    CAPTION_MARKERS,
    r"^\d{1,2} of \d{1,2}\.\s+\p{Lu}|^This (undated )?(image|photo|picture) (provided|released|taken|obtained|made available|courtesy)(?-u:\b)|\(\d(st|nd|rd|th) (L|R|C|left|right|center)\)|\((L|R)\).*\((L|R)\)|(?-u:\b)(REUTERS|AFP|EPA)/\p{Lu}[\p{L} .'-]{1,40}$|\|\s*(Reuters|AP|AFP|Getty Images|EPA)\s*$"
);

pub(super) fn rule_caption(line: &Line<'_>) -> Option<Verdict> {
    if !line.is_short() {
        return None;
    }
    let (text, lower) = (line.text, line.lower.as_str());
    // Cheap literal checks first: the regexes below only run where they could match.
    let credit_word = ["photo", "pic", "credit", "image", "slideshow"]
        .iter()
        .any(|word| lower.contains(word));
    let closes = text.ends_with(')') || text.ends_with(']') || text.ends_with(").");
    let caption = (line.words <= 30 && CAPTION_PREFIX.is_match(text))
        || CAPTION_TAIL.is_match(text) && (line.words <= 8 || line.ending != Ending::Open)
        || closes && (credit_in_brackets(text) || AGENCY_AFTER_CAPTION.is_match(text))
        || credit_word && CREDIT_WORDS.is_match(text)
        || (line.words <= 7 && line.ending == Ending::Open && SLASH_CREDIT.is_match(text))
        || lower.contains(" / ") && NAME_SLASH_AGENCY.is_match(text)
        || (text.contains(['(', '|', '/'])
            || text.starts_with(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'T']))
            && CAPTION_MARKERS.is_match(text);
    caption.then_some(Verdict::Drop(Clutter::Caption))
}

// ----- timestamps.

regex!(
    TIMESTAMP_PREFIX,
    r"(?i)^(last updated?|updated|update|published|posted|first posted|first published|last modified|originally published|posted on|published on|updated on|date)(?-u:\b)\s*(:|on(?-u:\b)|at(?-u:\b)|\d|(mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?-u:\b))"
);
regex!(
    AGO,
    r"(?i)^(posted |updated |published )?(about |an? |\d+\s*)(seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|months?|years?)\s+ago$"
);
regex!(
    DATE_TOKEN,
    r"(?i)^(\d{1,4}([/.:-]\d{1,4}){0,2}(st|nd|rd|th|am|pm|h)?|jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?|mon(day)?|tues?(day)?|wed(nesday)?|thu(rs)?(day)?|fri(day)?|sat(urday)?|sun(day)?|today|yesterday|[ap]\.?m\.?|noon|midnight|et|est|edt|ct|cst|cdt|mt|pt|pst|pdt|gmt|utc|bst|cet|cest|ist|aest|at|on|of|the|[|•·,-]|—|–)$"
);
regex!(
    DATE_CORE,
    r"(?i)\d{1,2}:\d{2}|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|(?-u:\b)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
);

pub(super) fn rule_timestamp(line: &Line<'_>) -> Option<Verdict> {
    if line.words > 14 {
        return None;
    }
    let text = line.text;
    let stamp = TIMESTAMP_PREFIX.is_match(text) && line.words <= 12 && !ends_in_prose(line)
        || AGO.is_match(text)
        || is_date_only(text);
    stamp.then_some(Verdict::Drop(Clutter::Timestamp))
}

/// True when a short line still ends like a sentence of prose (not like "p.m." or "ET.").
fn ends_in_prose(line: &Line<'_>) -> bool {
    if line.ending != Ending::Sentence {
        return false;
    }
    let lower = line.text.to_ascii_lowercase();
    !(lower.ends_with("m.") || lower.ends_with(':') || lower.ends_with(','))
}

/// A line that is only a date or time, maybe with a trailing "by <name>" ("March 10, 2012 10:54
/// am ET by Staff").
fn is_date_only(text: &str) -> bool {
    let head = match text.to_ascii_lowercase().find(" by ") {
        Some(at) => &text[..at],
        None => text,
    };
    DATE_CORE.is_match(head)
        && head
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|t| !t.is_empty())
            .all(|t| DATE_TOKEN.is_match(t.trim_end_matches('.')))
}

// ----- bylines, credits, copyright.

regex!(
    BYLINE,
    r"(?i)^(posted |written |words )?by\s+(?P<next>[\p{L}'’.-]+)"
);
regex!(SIGNATURE, r"^(--|—|–|-)\s*\p{L}");
regex!(
    CREDIT_LINE,
    r"(?i)^\(?\s*((additional )?reporting|writing|editing|edited|compiled|produced|research|with assistance|contributing|additional reporting)\s*(by|:)|contributed (reporting )?to this (report|story|article)|^(tags|topics|filed under)\s*:|^—\s*with assistance|^\(?(reporting|editing) by(?-u:\b)"
);
regex!(
    COPYRIGHT,
    r"(?i)^(©|\(c\)|copyright\s*(©|\(c\)|\d{4})|copyright(?-u:\b).{0,40}\d{4})"
);
regex!(
    PROMPT,
    r"(?i)^subscribe(?-u:\b)|(?-u:\b)subscribe\.?$|^(sign up|newsletter)(?-u:\b)|^follow (us|me|@|\S+ on (twitter|facebook|instagram))|^(to contact|write to|to reach|contact) (the )?(reporter|editor|author|\S+ \S+ at)|^have a (news )?tip|^submit your|^get (the|our) (free )?\w+ (app|newsletter)|^download (the|our) app"
);

/// Words that make "By …" a prepositional phrase, not a byline.
const NOT_A_NAME: &[&str] = &[
    "the",
    "a",
    "an",
    "then",
    "now",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "our",
    "its",
    "all",
    "far",
    "contrast",
    "comparison",
    "law",
    "way",
    "default",
    "design",
    "some",
    "most",
    "late",
    "early",
    "mid",
    "noon",
    "midnight",
    "next",
    "last",
    "friday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "saturday",
    "sunday",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "january",
    "february",
    "car",
    "bus",
    "train",
    "plane",
    "air",
    "sea",
    "land",
    "phone",
    "email",
    "mail",
    "hand",
    "chance",
    "accident",
    "mistake",
    "night",
    "day",
    "comparison",
    "and",
    "being",
    "doing",
    "making",
    "using",
    "taking",
    "having",
    "giving",
    "getting",
    "going",
    "not",
];

pub(super) fn rule_byline(line: &Line<'_>) -> Option<Verdict> {
    if line.words > 25 {
        return None;
    }
    let text = line.text;
    let byline = line.words <= 14
        && line.ending != Ending::Sentence
        && BYLINE.captures(text).is_some_and(|caps| {
            caps.name("next").is_some_and(|next| {
                let next = next.as_str().to_lowercase();
                !NOT_A_NAME.contains(&next.as_str())
            })
        });
    let signature = line.words <= 6 && line.ending == Ending::Open && SIGNATURE.is_match(text);
    let bare_by = text.eq_ignore_ascii_case("by");
    let boiler = byline
        || signature
        || bare_by
        || CREDIT_LINE.is_match(text)
        || (line.words <= 20 && COPYRIGHT.is_match(text))
        || (line.words <= 16 && PROMPT.is_match(text));
    boiler.then_some(Verdict::Drop(Clutter::Boilerplate))
}

regex!(
    DATELINE,
    r"^\p{Lu}[\p{Lu}\s.'’-]*(,\s*[\p{L}.\s]+)?\s*(\([^)]+\))?\s*[|—–-]{1,2}$"
);

/// A dateline alone on its line ("TEHRAN |", "CASSELBERRY, Fla. -"): the opening of the first
/// body sentence, kept as body. (The line's length bounds the pattern's repeats: bounded repeats
/// of Unicode classes such as `[\p{L}]{1,30}` cost milliseconds to compile.)
pub(super) fn is_dateline(text: &str) -> bool {
    text.len() <= 60 && DATELINE.is_match(text)
}

/// Compiles every line-rule regex and the boilerplate automata now rather than on first use, so
/// that a run pays all of its start-up at once, before the first article (a rule that only
/// rare lines reach would otherwise compile in the middle of a run).
pub(super) fn compile_all() {
    for regex in [
        &NUMBER,
        &DURATION,
        &URL,
        &BARE_DOMAIN,
        &EMAIL,
        &HANDLE,
        &HANDLE_ANY,
        &LINK_HEADER,
        &MORE_FROM,
        &PLAYER_HEADER,
        &READ_MORE_TAIL,
        &CLICK,
        &CHEVRON_LINK,
        &CLICK_TAIL,
        &RELATED_TITLE,
        &CAPTION_PREFIX,
        &CAPTION_TAIL,
        &CREDIT_KEYWORD,
        &AGENCY_AFTER_CAPTION,
        &CREDIT_WORDS,
        &SLASH_CREDIT,
        &NAME_SLASH_AGENCY,
        &TIMESTAMP_PREFIX,
        &AGO,
        &DATE_TOKEN,
        &DATE_CORE,
        &BYLINE,
        &SIGNATURE,
        &CREDIT_LINE,
        &COPYRIGHT,
        &PROMPT,
        &DATELINE,
        &VIDEO_CLOSE,
        &GALLERY,
        &GALLERY_SLIDE,
        &WEB_ARCHIVE,
        &CAPTION_MARKERS,
    ] {
        LazyLock::force(regex);
    }
    LazyLock::force(&BOILERPLATE);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `compile_all` lists every regex defined in this file.
    #[test]
    fn compile_all_lists_every_regex() {
        let source = include_str!("rules.rs");
        let listed = &source[source.find("fn compile_all").expect("defined")..];
        let listed = &listed[..listed.find("LazyLock::force(regex)").expect("loop")];
        let mut defined = 0;
        for definition in source.split("regex!(").skip(1) {
            let name = definition.trim_start().split(',').next().expect("name");
            if name.chars().all(|c| c.is_ascii_uppercase() || c == '_') && !name.is_empty() {
                defined += 1;
                assert!(listed.contains(&format!("&{name},")), "{name} missing");
            }
        }
        assert!(defined >= 30, "{defined}");
        compile_all();
    }

    /// The gate in front of the boilerplate set is built for the shipped phrases, lets through
    /// every line the set matches (one per alternative, mid-line), and has no gate for a pattern
    /// whose matches have no finite set of prefixes.
    #[test]
    fn boilerplate_gate_passes_every_phrase_the_set_matches() {
        let gate = BOILERPLATE
            .gate
            .as_ref()
            .expect("the shipped phrases have literal prefixes");
        let phrases = [
            "image copyright",
            "toggle caption",
            "crawl data",
            "verify you’re not a robot",
            "newsletter signup",
            "sign up for our weekly politics newsletter",
            "sign up for the newsletter",
            "accept all cookies",
            "by continuing to browse",
            "javascript is required",
            "this video is",
            "i understand the terms of service",
            "just watched",
            "more news videos",
            "the video will start in",
        ];
        for phrase in phrases {
            let line = format!("a line where {phrase} sits in the middle");
            assert!(BOILERPLATE.set.is_match(&line), "{line}");
            assert!(gate.is_match(&line), "{line}");
        }
        let prose = "the minister said the talks would resume next week";
        assert!(!gate.is_match(prose) && !BOILERPLATE.set.is_match(prose));
        assert!(literal_gate([r"\w+ing"]).is_none());
        assert!(literal_gate([r"cookie|x*"]).is_none());
    }

    /// `credit_in_brackets` decides exactly as the one-regex form it replaced, on lines built to
    /// sit on every boundary: keyword at 0, 79, 80, 81 characters from either bracket, overlapping
    /// keywords, mixed brackets, multi-byte letters, a final dot.
    #[test]
    fn credit_in_brackets_equals_the_bounded_regex() {
        let reference = Regex::new(
            r"(?i)[(\[]([^()\[\]]{0,80}(\p{L}\s*/\s*\p{L}|photo|photographer|image|getty|credit|(?-u:\b)pic(?-u:\b)|(?-u:\b)file(?-u:\b))[^()\[\]]{0,80})[)\]]\.?$",
        )
        .expect("valid");
        let keywords = [
            "photo",
            "Photographer",
            "IMAGE",
            "getty",
            "credit",
            "pic",
            "pics",
            "file",
            "profile",
            "A/B",
            "a / b",
            "é/ü",
            "1/2",
            "a/b/c",
            "x",
        ];
        let filler = ['a', 'b', ' ', 'é', ','];
        let mut state = 7u64;
        let mut fill = |n: usize| -> String {
            (0..n)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                    filler[(state >> 33) as usize % filler.len()]
                })
                .collect()
        };
        let (mut lines, mut credits) = (0, 0);
        for before in [0, 1, 40, 79, 80, 81, 120] {
            for after in [0, 1, 40, 78, 79, 80, 81, 120] {
                for keyword in keywords {
                    for (open, close) in [('(', ')'), ('[', ']'), ('(', ']'), ('[', ')')] {
                        for prefix in ["Caption text ", "x) y ", ""] {
                            for tail in ["", "."] {
                                let line = format!(
                                    "{prefix}{open}{}{keyword}{}{close}{tail}",
                                    fill(before),
                                    fill(after)
                                );
                                let expected = reference.is_match(&line);
                                assert_eq!(credit_in_brackets(&line), expected, "{line}");
                                lines += 1;
                                credits += usize::from(expected);
                            }
                        }
                    }
                }
            }
        }
        assert!(
            credits > 1000 && lines - credits > 1000,
            "{credits} of {lines}"
        );
    }
}
