//! Quotes: direct quotations with their speaker, merged across articles.
//!
//! Quotations are found per paragraph between curly (“ ”) or straight (") double quotes; spans of
//! fewer than three words are scare quotes and skipped. Straight marks pair by shape (an opening
//! mark has a space before it, a closing one a space or punctuation after it), so a quotation
//! never runs past a closing mark into narration, also in wire text without paragraph breaks; a
//! quotation left open at a paragraph end is kept when the next paragraph opens with a quote mark.
//! The speaker comes from the attribution after the quote (`, Kerry said`, `Fabius told
//! reporters`, `said U.S. Secretary of State John Kerry`, `said sports agent X`, `X, head of the
//! union, said`, `X was quoted as saying`, `the paper quoted X as saying`, `as X put it`,
//! `according to X`), else before it in the same sentence (`Kerry said: "...`, `X wrote: "...`),
//! else from the sentence before when the quote opens its sentence and that sentence names one
//! speaker. "he"/"she" resolve only when the text makes the referent clear (see
//! `resolve_pronoun`), else the speaker is `unresolved`; "it"/"they" go to a body or group. A
//! quote followed by its attribution and then by an unattributed quote in the same paragraph is
//! one quote in pieces (`"...," he said. "..."`), and a paragraph that is only an unattributed
//! quote continues the previous paragraph's speaker. Speakers are mapped onto the entity list
//! ("Kerry" is "John Kerry"). Across articles, quotes whose words mostly overlap and whose
//! speakers agree are one quote; every outlet's wording is kept as a variant.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::entities::Entity;
use super::narrow::NarrowRegex;
use super::{Doc, Excerpt};
use crate::model::Span;

/// A quotation as reported by one or more articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteGroup {
    /// The speaker's name, when found (mapped to the entity's full name).
    pub speaker: Option<String>,
    /// Roles given to the speaker in the attributions; for a `role` speaker, the role itself.
    pub speaker_roles: Vec<String>,
    /// What the speaker is: `person` (a name), `organization` (a body: "Ministry of Defence",
    /// "the coalition", shown without a leading "the"), `role` (a role that no person in the
    /// cluster is known to hold: `speaker` is null and the role is in `speaker_roles`),
    /// `unresolved` (attributed to "he"/"she"/"they" when the text does not make clear who that
    /// is: `speaker` is null) or `none`.
    pub speaker_kind: String,
    /// The fullest wording.
    pub text: String,
    /// Articles quoting it.
    pub articles: Vec<usize>,
    /// Every occurrence; `variant` says which wording it uses.
    pub occurrences: Vec<QuoteOccurrence>,
    /// Distinct wordings (after case and punctuation folding), fullest first.
    pub variants: Vec<String>,
}

/// One article's quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteOccurrence {
    /// Article index.
    pub article: usize,
    /// The quoted pieces (inside the quote marks); several when split around "he said".
    pub pieces: Vec<Excerpt>,
    /// The attribution as written ("Kerry told reporters in Rome"), when found.
    pub attribution: Option<Excerpt>,
    /// Speaker as written in the attribution ("he", "Kerry", "U.S. Secretary of State John Kerry").
    pub speaker_as_written: Option<String>,
    /// How the speaker was found: `after`, `before`, `pronoun`, `continued` or `none`.
    pub speaker_source: String,
    /// Index into [`QuoteGroup::variants`].
    pub variant: usize,
}

/// Speech verbs, past and present tense ("cautions" as well as "cautioned"; not present forms
/// that are also plural nouns, "comments", "remarks", "jokes", "vows").
const VERBS: &str = "said|says|told|tells|added|adds|asked|asks|stressed|warned|warns|noted|notes|explained|explains|declared|insisted|wrote|writes|tweeted|replied|continued|argued|stated|urged|recalled|recalls|acknowledged|conceded|admitted|announced|suggested|predicted|reiterated|cautioned|complained|quipped|observed|remarked|emphasized|emphasised|maintained|countered|responded|testified|confirmed|demanded|whispered|shouted|asserted|claimed|contended|concluded|pleaded|joked|vowed|promised|lamented|agreed|posted|chanted|sang|sings|cried|yelled|screamed|exclaimed|elaborated|commented|recounted|boasted|mused|speculated|implored|pledged|states|claims|replies|stresses|insists|argues|acknowledges|concedes|admits|announces|predicts|cautions|complains|observes|emphasizes|emphasises|maintains|responds|testifies|asserts|contends|concludes|pleads|exclaims|elaborates|recounts|declares|reiterates|say|write|add|note|tell|explain|argue|warn|insist|claim|conclude|read";

/// A name: capitalised words with inner "of", "of the", "al-", "de", "and" ("United Solar
/// President and Chief Executive Stanford Ovshinsky").
const NAME: &str =
    r"(?:[\p{Lu}][\p{L}.'’-]*\s+(?:of\s+(?:the\s+)?|al-|de\s+|and\s+)?){0,7}[\p{Lu}][\p{L}.'’-]*";
/// An unnamed speaker: "the newspaper", "a White House official", "a spokesman of the bank",
/// "a diplomat from Cairo", "one protester", "another witness".
/// The article is a list of literals in the order the classes (`[Aa]n?|[Tt]he|...`) try them,
/// which compiles to one trie (the same matches; a test compares the two).
const ROLE_NP: &str = r"(?:An|A|an|a|The|the|One|one|Another|another)\s+(?:[\p{L}.'’-]+\s+){0,3}?\p{Ll}[\p{Ll}-]*(?:\s+(?:of|for|at|from)\s+(?:the\s+)?[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*){0,3})?";
/// A crowd that speaks without a name or article ("protesters chanted", "officers announced",
/// "analysts said", "witnesses said").
/// Also bodies written as a bare plural ("police said", "investigators say") and documents
/// filed or released as a bare plural ("according to papers filed at the court").
/// Each word is written in both cases rather than with a class (`[Oo]fficers`), so that the
/// group is all literals and compiles to one trie (the same matches; a test compares the two).
const CROWD: &str = r"(?:Officers|officers|Witnesses|witnesses|Analysts|analysts|Protesters|protesters|Demonstrators|demonstrators|Marchers|marchers|Crowds|crowds|Supporters|supporters|Fans|fans|Strikers|strikers|Rioters|rioters|Mourners|mourners|Police|police|Investigators|investigators|Prosecutors|prosecutors|Authorities|authorities|Papers|papers|Documents|documents|Records|records|Filings|filings)";
/// A bare plural body or document after "according to", with one lower-case word before it
/// ("according to local police", "according to court records").
const ACCORDING_CROWD: &str = r"(?:\p{Ll}[\p{Ll}-]*\s+)?(?:police|investigators|prosecutors|authorities|papers|documents|records|filings)";
/// A participle clause after a document ("papers filed at the High Court", "records obtained by
/// the paper"), read up to the comma.
const DOCUMENT_CLAUSE: &str = r#"(?:\s+(?:filed|obtained|released|seen|published|submitted|reviewed|made\s+public)\s+[^,"“”.!?;]{1,80}?)?"#;
/// A time word between a speaker and the verb ("Juppe today reiterated").
const TIME: &str = r"(?:\s+(?:on\s+)?(?:today|yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|also|later|simply|then|again|recently|once|further|earlier|first|finally|quietly|firmly|flatly|openly|publicly|privately|repeatedly|reportedly|angrily|bluntly|frankly|sharply|strongly|emphatically|calmly|initially|previously))?";
/// An appositive between a speaker and the verb ("Rajinder Singh, manager of the squad, said"),
/// in one or two comma-separated pieces ("X, director of the Y, the legal arm of Z, said").
const APPOSITIVE: &str = r#"(?:,\s+[^,"“”!?;]{1,90},(?:\s+[^,"“”!?;]{1,90},)?)?"#;

/// Verbs that give a quotation to their subject only when it follows them in the sentence ("X
/// accused the government of trying "..."", "X condemned the attack as an "...""): a judgement
/// in the speaker's words, not a report of speech that could follow a quote.
const BEFORE_VERBS: &str = "ruled|accused|condemned|denounced|criticized|criticised|branded|hailed|praised|blamed|called|termed|dubbed|charged|released|issued";

/// An adverb between an auxiliary and its verb ("has also said", "had previously criticized").
const AUX_ADVERB: &str = r"(?:\s+(?:also|previously|already|repeatedly|earlier|recently))?";

/// The speech verb of a pattern. Its words stand in a group of their own (an unnamed capture,
/// which the regex syntax does not merge into the alternation around it), so that they compile to
/// one literal trie rather than to an alternation that the backtracking engine tries word by
/// word at every place a verb may start; the same matches (a test compares it with the flat
/// alternation).
fn speech_verb() -> String {
    format!(
        r"(?:(?:has|have|had){AUX_ADVERB}\s+)?(?P<verb>({VERBS}|described)|put\s+it|thought\s+to\s+(?:himself|herself)|was\s+quoted(?:\s+[^.!?\x22“”]{{0,60}}?)?\s+as\s+saying)"
    )
}

/// "X and his team wrote": a speaker with the group they lead or work in speaks as the speaker.
const AND_TEAM: &str = r"(?:\s+and\s+(?:his|her|their)\s+(?:\p{Ll}[\p{Ll}-]*\s+)?(?:team|colleagues|co-authors|coauthors|collaborators|co-workers|students|staff))?";

/// Verbs that give the quote before them to their subject only there: a text or a speaker that
/// goes on (`"...," the letter continues`, `"...," begins the advert`).
const AFTER_ONLY_VERBS: &str = "continues|begins";

static AFTER_NAME_VERB: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"^[\s,'’]*(?:as\s+)?(?P<who>(?:[Tt]he\s+)?{NAME}|[Tt]he\s+\d{{1,3}}-year-old|{ROLE_NP}|{CROWD}|he|she|they|it|He|She|They|It){AND_TEAM}{APPOSITIVE}{TIME}\s+(?:{verb}|(?P<after_verb>{AFTER_ONLY_VERBS}))\b(?P<rest>[^.!?"“”]*)"#,
        verb = speech_verb()
    ))
});
/// "said X", "comments X" ("comments" a verb only here, before its subject: "His comments came
/// ..." is a noun).
static AFTER_VERB_NAME: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"^[\s,'’]*(?P<verb>{VERBS}|comments)\s+(?:(?:[Tt]he|[Aa])\s+\d{{1,3}}-year-old\s+)?(?P<who>(?:[Tt]he\s+)?{NAME}|he|she)\b(?P<rest>[^.!?"“”]*)"#
    ))
});
/// "said sports agent Leigh Steinberg": lower-case title words before the name (checked to hold
/// no function word, so "said in Rome" is not a title and a name).
static AFTER_VERB_TITLE_NAME: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"^[\s,'’]*(?P<verb>{VERBS})\s+(?P<title>(?:\p{{Ll}}[\p{{Ll}}-]*\s+){{1,3}})(?P<who>{NAME})(?P<rest>[^.!?"“”]*)"#
    ))
});
/// "lead singer Bono said", "Palestinian leader Yasser Arafat later told": lower-case title words
/// (after at most two capitalised ones) before the name that speaks (checked to hold no function
/// word).
/// Two titles joined by "and" also ("lead researcher and agency scientist Jane Roe said").
static AFTER_TITLE_NAME_VERB: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"^[\s,'’]*(?P<title>(?:[\p{{Lu}}][\p{{L}}'’-]*\s+){{0,2}}(?:\p{{Ll}}[\p{{Ll}}-]*\s+){{1,3}}(?:and\s+(?:[\p{{Lu}}][\p{{L}}'’-]*\s+){{0,2}}(?:\p{{Ll}}[\p{{Ll}}-]*\s+){{1,3}})?)(?P<who>{NAME}){APPOSITIVE}{TIME}\s+{verb}\b(?P<rest>[^.!?"“”]*)"#,
        verb = speech_verb()
    ))
});
/// "the leader of the movement, Jane Roe, wrote", "Roe's lawyer, John Doe, told", "her
/// mother, Jane, said": a role phrase (opened by an article, a possessive name or a possessive
/// pronoun), then the name in apposition.
static AFTER_ROLE_NAME_VERB: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"^[\s,'’]*(?P<role>(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|\p{{Lu}}[\p{{L}}.-]*(?:'s|’s|'|’))\s+[^,"“”.!?;]{{1,80}}?),\s+(?P<who>{NAME}),{TIME}\s+{verb}\b(?P<rest>[^.!?"“”]*)"#,
        verb = speech_verb()
    ))
});
/// "said the statement released by the Union", "said a report from Roe Securities", "said a
/// statement from the department": the body that issued the document.
static AFTER_VERB_DOCUMENT_BY: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r"^[\s,'’]*(?P<verb>{VERBS})\s+(?:[Tt]he|[Aa]n?)\s+(?:[\p{{L}}-]+\s+){{0,2}}(?:statement|report|letter|release|communique|message|note)\s+(?:(?:released|issued|published|sent|signed)\s+by|from|by)\s+(?P<who>(?:the\s+)?{NAME}|the\s+{BODY_NOUN})\b"
    ))
});
/// "The tweet from Roe Magazine reads:", "a statement from the ministry said": a document
/// issued by a body, before the quote, speaks for that body.
static BEFORE_DOCUMENT_FROM: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r"\b(?:[Tt]he|[Aa]n?|[Aa]nother)\s+(?:\p{{Ll}}[\p{{Ll}}-]*\s+){{0,2}}?(?:statement|report|letter|release|communique|message|note|tweet|post|email|memo)\s+(?:(?:released|issued|published|sent|signed|posted)\s+by|from|by)\s+(?P<who>(?:the\s+)?{NAME}(?:\s+(?:magazine|newspaper|paper|website|agency))?|the\s+{BODY_NOUN})\s+(?:also\s+)?(?:{VERBS}|reads)[,:]?\s*$"
    ))
});
/// "published Sunday in the independent Roe newspaper": the paper that carried a document
/// (its name may open with a lower-case article, "al-").
static PUBLISHED_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:published|printed|carried|run)\s+(?:[^,;.!?\s]+\s+){0,3}?in\s+(?:the\s+)?(?:\p{Ll}+\s+){0,2}(?P<who>(?:al-|el-)?\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3})\s+(?:newspaper|paper|daily|magazine|weekly|journal)\b")
        .expect("valid regex")
});
/// "John and Jane Roe": two given names joined by "and" before one surname.
#[cfg(test)]
static COUPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<first>\p{Lu}\p{Ll}+) and (?P<second>\p{Lu}\p{Ll}+) (?P<surname>\p{Lu}\p{Ll}[\p{L}'’-]+)\b")
        .expect("valid regex")
});
/// [`COUPLE`] anchored at the start of its haystack, without the leading `\b` (see [`couples`]).
static COUPLE_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<first>\p{Lu}\p{Ll}+) and (?P<second>\p{Lu}\p{Ll}+) (?P<surname>\p{Lu}\p{Ll}[\p{L}'’-]+)\b")
        .expect("valid regex")
});

/// The (first, second, surname) of each match of [`COUPLE`] in `text`, as `captures_iter`
/// finds them, read from each " and " rather than by scanning the whole text with the
/// pattern. A match's first name is letters only and ends at its " and ", and the `\b` before
/// it puts its start at the start of the run of word characters ending there: one start per
/// " and ", tried with the anchored [`COUPLE_AT`] (the `\b` holds there in the text, as at
/// the start of the slice; the `\b` at the end sees the same text). Those starts rise with the
/// " and "s, and one at or before the end of the last match is skipped, as the iterator goes
/// on from there.
fn couples(text: &str) -> Vec<(&str, &str, &str)> {
    let mut out = Vec::new();
    let mut last_end = 0;
    let mut from = 0;
    while let Some(found) = text[from..].find(" and ") {
        let at = from + found;
        // " and " can overlap itself (" and and "): look again one byte on.
        from = at + 1;
        let Some(start) = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| regex_syntax::is_word_character(c))
            .last()
            .map(|(i, _)| i)
        else {
            continue;
        };
        // Every `\p{Lu}` letter is upper case: a name opens both sides of " and ".
        let upper = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
        if start < last_end || !upper(&text[start..]) || !upper(&text[at + " and ".len()..]) {
            continue;
        }
        if let Some(caps) = COUPLE_AT.captures(&text[start..]) {
            let part = |name: &str| {
                caps.name(name)
                    .map_or("", |m| &text[start + m.start()..start + m.end()])
            };
            last_end = start + caps.get(0).map_or(0, |m| m.end());
            out.push((part("first"), part("second"), part("surname")));
        }
    }
    out
}
/// Lower-case nouns that name a body ("the department", "the ministry"), for documents issued
/// by one.
const BODY_NOUN: &str = "(?:department|ministry|agency|company|government|office|council|commission|committee|board|court|military|army|embassy|bank|firm|group|university|school|hospital|campaign|party|team|club|network|union|organi[sz]ation|foundation|institute|center|centre|administration|police)";
/// "said a government spokesman", "said the statement", "said one legal expert": an unnamed
/// speaker after the verb, as
/// many words as reach a comma, a lower-case word or the end (cut at a function word after).
static AFTER_VERB_ROLE: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"^[\s,'’]*(?P<verb>{VERBS}|{AFTER_ONLY_VERBS})\s+(?P<who>(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother)\s+(?:[\p{{L}}.'’-]+\s+){{0,3}}\p{{Ll}}[\p{{Ll}}-]*)(?P<rest>(?:[,;:.!?]|\s+\p{{Ll}}|$)[^.!?"“”]*)"#
    ))
});
/// "said his wife, Jane Roe": a possessive role with the name in apposition (the role alone,
/// "said his wife", names nobody here).
static AFTER_VERB_POSSESSIVE_NAME: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"^[\s,'’]*(?P<verb>{VERBS})\s+(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:\p{{Ll}}[\p{{Ll}}-]*\s+){{0,2}}\p{{Ll}}[\p{{Ll}}-]*,\s+(?P<who>(?:(?:Dr|Mr|Mrs|Ms)\.\s+)?\p{{Lu}}[\p{{L}}'’-]*(?:\s+\p{{Lu}}[\p{{L}}'’-]*){{0,3}})(?P<rest>[^.!?"“”]*)"#
    ))
});
/// "X, an officer at the college told the paper": an appositive opened by an article and
/// without its closing comma (checked to describe who speaks) between the name and the verb.
static AFTER_NAME_OPEN_APPOSITIVE: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"^[\s,'’]*(?P<who>{NAME}),\s+(?P<app>(?:[Tt]he|[Aa]n?)\s+[^,"“”.!?;]{{1,100}}?){TIME}\s+{verb}\b(?P<rest>[^.!?"“”]*)"#,
        verb = speech_verb()
    ))
});
/// "X, a climatologist and research professor at the School of Y at Z, said": an appositive
/// opened by an article and closed by a comma right before the verb, of any length within the
/// sentence (longer than [`APPOSITIVE`] reads).
/// A lower-case title may stand before the name ("study lead author X, a planetary scientist at
/// Y in Washington, D.C., said"), checked to hold no function word; a capital with a full stop
/// ("D.C.") is an abbreviation inside the appositive, no sentence end.
static AFTER_NAME_LONG_APPOSITIVE: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"^[\s,'’]*(?P<title>(?:\p{{Ll}}[\p{{Ll}}-]*\s+){{1,3}})?(?P<who>{NAME}),\s+(?:[Tt]he|[Aa]n?)\s+(?:[^"“”.!?;]|\p{{Lu}}\.)+?,{TIME}\s+{verb}\b(?P<rest>[^.!?"“”]*)"#,
        verb = speech_verb()
    ))
});
/// "X, professor of geology at the University of Y, Z said": an appositive that opens with a
/// lower-case title (checked), may hold commas and lacks its closing comma before the verb.
static AFTER_NAME_TITLE_APPOSITIVE: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"^[\s,'’]*(?P<who>{NAME}),\s+(?P<app>\p{{Ll}}[\p{{Ll}}-]*)\s[^"“”.!?;]*?\s+{verb}\b(?P<rest>[^.!?"“”]*)"#,
        verb = speech_verb()
    ))
});
/// ""...," Jane Roe of Leeds deadpanned": after a quote that ends in a comma (its sentence goes
/// on to say who spoke), a name and a verb in the past tense that the speech verbs do not list.
static AFTER_NAME_OTHER_VERB: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"^[\s,'’]*(?P<who>{NAME})\s+(?P<verb>\p{{Ll}}{{3,}}ed)\b(?P<rest>[^.!?"“”]*)"#
    ))
});
/// "the newspaper quoted Zhang Xiong, the team's coach, as saying", "NTV quoted him as saying".
static AFTER_QUOTED: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r"^[\s,'’]*(?:[\p{{L}}.'’-]+\s+){{0,4}}quoted\s+(?P<who>{NAME}|him|her){APPOSITIVE}\s+as\s+saying\b"
    ))
});
/// "..., according to X".
static AFTER_ACCORDING: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r"^[\s,'’]*according\s+to\s+(?P<who>{NAME}|{ROLE_NP}|{ACCORDING_CROWD}\b)"
    ))
});
static BEFORE: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::without_lazy_dfa(&format!(
        r#"(?P<who>(?:\b[Tt]he\s+)?{NAME}|\b(?:[Tt]he\s+\d{{1,3}}-year-old|{ROLE_NP}|({CROWD})|[Hh]e|[Ss]he|[Tt]hey|[Ii]t)){APPOSITIVE}{TIME}\s+(?:{verb}|(?:(?:has|have|had){AUX_ADVERB}\s+)?(?P<judge>{BEFORE_VERBS}))\b[^.!?"“”]{{0,120}}$"#,
        verb = speech_verb()
    ))
    // The word boundary before the speakers other than a name is tested once for all of them,
    // and the crowd words stand in a group of their own (an unnamed capture), which keeps
    // their trie: the same matches as one alternative each (a test compares the two).
    // No lazy DFA: run backwards from the end, this pattern's bounded repeats (appositives of up
    // to 90 characters, names of up to eight words) give it new states on almost every new
    // sentence, so it kept building them: 37% of the brief's instructions on Multi-News dev
    // and DUC 2003 went to it (callgrind), the same matches without. A size limit of 0 leaves
    // the regex engine without one; its other engines run in time linear in the text read,
    // so it reads only the last [`BEFORE_READS_CHARS`] characters.
});
/// Every word [`BEFORE`] and [`BEFORE_OPEN_APPOSITIVE`] can end on ([`speech_verb`]'s and
/// [`BEFORE_VERBS`]), for [`may_end_in_speech_verb`].
static BEFORE_VERB_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let words: Vec<&str> = VERBS
        .split('|')
        .chain(BEFORE_VERBS.split('|'))
        .chain(["described", "put", "quoted", "thought"])
        .collect();
    AhoCorasick::new(words).expect("valid words")
});

/// Whether `piece` may match [`BEFORE`] or [`BEFORE_OPEN_APPOSITIVE`]: both end in a speech verb
/// after white space (`\s+{verb}`), followed by a word boundary and at most 120 characters that
/// are no sentence end and no quote mark (`\b[^.!?"“”]{0,120}$`). So one of
/// [`BEFORE_VERB_WORDS`] must stand after the piece's last such character, opening after a
/// white-space character, and, unless it opens a longer verb phrase ("put it", "thought to
/// himself", "was quoted ... as saying"), end before no letter, digit or underscore and at most
/// 120 characters before the piece's end. A cheap test that spares the regexes most pieces (a
/// verb early in a long sentence, "read" in "already", "tell" in "satellite").
fn may_end_in_speech_verb(piece: &str) -> bool {
    let tail = piece
        .rfind(['.', '!', '?', '"', '“', '”'])
        .map_or(piece, |at| &piece[at..]);
    // Overlapping matches: "say" and "says" both start where "says" does.
    BEFORE_VERB_WORDS.find_overlapping_iter(tail).any(|found| {
        let opens_after_space = tail[..found.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_whitespace);
        if !opens_after_space {
            return false;
        }
        if matches!(&tail[found.range()], "put" | "thought" | "quoted") {
            return true;
        }
        let after = &tail[found.end()..];
        let boundary = after
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphabetic() || c.is_ascii_digit() || c == '_'));
        boundary && after.chars().nth(120).is_none()
    })
}
/// "Jane Roe, the city's mayor said, "..."": an appositive opened by an article and ending in a
/// title, without its closing comma; the name before it speaks.
/// How much of the text before a quotation [`BEFORE`] reads: its longest match (eight-word
/// name, two appositives of 90 characters, a time word, the verb and 120 characters after it)
/// is well under this.
const BEFORE_READS_CHARS: usize = 800;
/// Characters no match of [`BEFORE`] holds (checked by a test): its speakers, appositives,
/// verbs and the words after them exclude these.
const NOT_IN_BEFORE: [char; 5] = ['"', '“', '”', '!', '?'];

/// Where [`BEFORE`]'s search in `piece` may start with the same match as from
/// [`before_reads_from`]: after the last of [`NOT_IN_BEFORE`] there, when there is one. Every
/// match of [`BEFORE`] ends at the piece's end (`$`) and holds none of them, so each starts
/// after that character, and the leftmost one is the same.
fn before_search_from(piece: &str) -> usize {
    let from = before_reads_from(piece);
    piece[from..].rfind(NOT_IN_BEFORE).map_or(from, |at| {
        from + at + piece[from + at..].chars().next().map_or(1, char::len_utf8)
    })
}

/// Where [`BEFORE`]'s search in `piece` starts: [`BEFORE_READS_CHARS`] characters before its end.
fn before_reads_from(piece: &str) -> usize {
    piece
        .char_indices()
        .rev()
        .nth(BEFORE_READS_CHARS - 1)
        .map_or(0, |(at, _)| at)
}
static BEFORE_OPEN_APPOSITIVE: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"\b(?P<who>{NAME}),\s+(?P<app>(?:[Tt]he|[Aa]n?)\s+[^,"“”!?;]{{1,80}}?){TIME}\s+{verb}\b[^.!?"“”]{{0,120}}$"#,
        verb = speech_verb()
    ))
});
/// "According to X, ..." or "As X put it, ..." before the quote; also "According to
/// <title> X, this was "..."": a clause of the sentence between (checked to hold no speech
/// verb of its own), a lower-case title before the name (checked to hold no function word).
static BEFORE_ACCORDING: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"\b[Aa]ccording\s+to\s+(?P<who>(?:(?:[\p{{Lu}}][\p{{L}}.'’-]*\s+){{0,2}}(?P<title>(?:\p{{Ll}}[\p{{Ll}}-]*\s+){{1,2}}))?{NAME}|{ROLE_NP}|{ACCORDING_CROWD}\b{DOCUMENT_CLAUSE})(?:,?\s*|,\s+(?P<clause>[^.!?"“”]{{1,120}}))$"#
    ))
});
/// "A source close to the family said": the unnamed speaker before "close to" / "familiar
/// with", not the people named after it (read on the text before the name found).
static ROLE_CLOSE_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<role>\b(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother)\s+(?:\p{Ll}[\p{Ll}-]*\s+){0,2}\p{Ll}[\p{Ll}-]*)\s+(?:close\s+to|familiar\s+with)\s+(?:[Tt]he\s+)?$",
    )
    .expect("valid regex")
});
/// "X gave a clear answer by saying in the speech that ... "...": the subject of "by saying";
/// also after a longer first clause that "and" joins to the verb ("He was asked if he could say
/// more and responded by saying that "..."").
static BY_SAYING: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"\b(?P<who>{NAME})\s+(?:(?:\p{{Ll}}[\p{{L}}-]*\s+){{1,6}}|(?:\p{{Ll}}[\p{{L}}-]*\s+){{1,16}}and\s+\p{{Ll}}[\p{{L}}-]*\s+)by\s+saying\b[^.!?"“”]{{0,160}}$"#
    ))
});
/// "As X said, "...", "As X, the city's mayor, stated, "...", "as X and Y (1997) point out:
/// "...", "As indicated by Professor X, "...": a clause opened by "as" that names who says it,
/// right before the quote (the pair of a citation speaks as written).
static BEFORE_AS: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"(?P<lead>^|[\s,;:(])[Aa]s\s+(?:(?:indicated|noted|stated|observed|explained|argued|suggested|pointed\s+out|reported|described|written|put|said)\s+by\s+(?P<by>(?:the\s+)?{NAME})|(?P<who>{NAME})(?:\s+\(\d{{4}}[a-z]?\))?(?:,\s+[^,"“”!?;]{{1,100}}?,?)?{TIME}\s+(?:{verb}|(?:points?|pointed)\s+out|indicates|indicated|observes))\s*[,:]?\s*$"#,
        verb = speech_verb()
    ))
});
/// "Jane Roe- "...", "Jane Roe — "...": a caption or a line of quotes that opens with the
/// speaker's name and a dash, two or three capitalised words (not a capitals-only dateline).
static CAPTION_NAME_DASH: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(
        r"^\s*(?P<who>\p{Lu}\p{Ll}[\p{L}'’-]*(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}\p{Ll}[\p{L}'’-]*){1,2})\s*(?:-|–|—)\s*$",
    )
});
/// "Said Kessel: "...": the verb before its subject, right before the quote.
static BEFORE_VERB_FIRST: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r"^\s*(?:Said|Says|Added|Wrote|Writes)\s+(?P<who>(?:the\s+)?{NAME}|{ROLE_NP})\s*[:,]?\s*$"
    ))
});
/// "Asked by the radio's Jane Roe on Friday, "...": the quote is the question of the one who asks.
static ASKED_BY: LazyLock<NarrowRegex> =
    LazyLock::new(|| NarrowRegex::new(r#"^\s*Asked\s+by\s+(?P<who>[^,"“”.!?;]{1,80}?)\s*,\s*$"#));
/// "X welcomed the offer and said Y "...", "X, who called it a "duty" and warned that "...": a
/// speech verb coordinated with an earlier verb of the subject, or in a relative clause on a
/// name, gives the quote that follows in its clause to that subject.
static COORDINATED_SPEECH: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::without_lazy_dfa(&format!(
        r#"\b(?P<who>{NAME})(?:\s+(?:\p{{Ll}}+(?:ed|s))\b[^.!?"“”]{{0,200}}?\s+and|,\s+who\s+[^.!?]{{0,200}}?)\s+(?:(?:has|have|had)\s+)?(?:{VERBS})(?:\s+that)?\b[^.!?"“”]{{0,150}}$"#
    ))
    // No lazy DFA, as for [`BEFORE`]: its bounded repeats give it new states on most pieces.
});
/// "X opposed the plan, saying, "...": the subject that opens the sentence speaks
/// through a participle right before the quote, or before a clause of reported speech that holds
/// the quote ("X withdrew it, adding that the response was "..."").
static SUBJECT_SAYING: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"^\s*(?P<who>(?:[Tt]he\s+)?{NAME}|{ROLE_NP}|He|She|They|It)\s+\p{{Ll}}[^.!?"“”]{{0,200}}?,\s+(?:adding|saying|writing|telling\s+[^,.!?"“”]{{1,60}}?)(?:\s+that(?:\s+[^.!?"“”]{{1,150}})?)?[:,]?\s*$"#
    ))
});
static CROWD_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{CROWD}$")).expect("valid regex"));
/// "X ... in a statement confirmed": the speech of a document; the speaker is the sentence's
/// subject, a name that opens it.
static SUBJECT_AT_START: LazyLock<NarrowRegex> =
    LazyLock::new(|| NarrowRegex::new(&format!(r"^\s*(?P<who>(?:[Tt]he\s+)?{NAME})\s+\p{{Ll}}")));
/// "the man who describes himself as "..."": the reflexive names the speaker's gender.
static DESCRIBES_SELF: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r"(?:\b(?P<who>{NAME})|\b(?:[Hh]e|[Ss]he|(?:[Tt]he\s+(?:man|woman)\s+)?who))\s+(?:\p{{Ll}}+\s+)?describe[sd]?\s+(?P<refl>himself|herself)\s+as,?\s*$"
    ))
});
/// A speech verb with its named subject anywhere in a sentence ("Woolsey said she was ...",
/// "..., Smith said.").
static SAID_IN_SENTENCE: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r"(?P<who>{NAME}|\b{ROLE_NP}){APPOSITIVE}{TIME}\s+(?P<verb>{VERBS})\b"
    ))
});

/// Characters no match of [`SAID_IN_SENTENCE`] holds (checked by a test): its names, nouns, time
/// words and verbs are letters, name marks and spaces, and its appositives exclude these. So a
/// match lies inside one stretch of text between them.
const NOT_IN_SAID: [char; 6] = ['"', '“', '”', '!', '?', ';'];

/// The matches of [`SAID_IN_SENTENCE`] in `text` from the last to the first: those of
/// `captures_iter(text)` reversed, read one stretch between [`NOT_IN_SAID`] characters at a time
/// from the end, so that a caller that stops early does not read the whole text. The matches
/// in a stretch are the whole text's there: none crosses its ends, a search resumed after one
/// of these characters finds the next match of the whole text, and none is a word character,
/// so `\b` reads a stretch's ends as it reads them in the whole text.
fn said_from_last(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    let mut end = Some(text.len());
    let mut pending = Vec::new().into_iter();
    std::iter::from_fn(move || {
        loop {
            if let Some(caps) = pending.next_back() {
                return Some(caps);
            }
            let stop = end?;
            let found = text[..stop].rfind(NOT_IN_SAID);
            end = found;
            let start = found.map_or(0, |at| {
                at + text[at..].chars().next().map_or(1, char::len_utf8)
            });
            pending = SAID_IN_SENTENCE.captures_iter(&text[start..stop]);
        }
    })
}

/// "..." by refusing to pay, she said in her statement.": the attribution closes the sentence
/// that the quote opens, after narration that continues it; read up to the sentence end.
static AFTER_CLOSING_CLAUSE: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"^[^.!?"“”]*?,\s+(?P<who>{NAME}|he|she|they){TIME}\s+(?:(?:has|have|had)\s+)?(?P<verb>{VERBS})\b[^.!?"“”,]*(?:[.!?]|$)"#
    ))
});

/// ", Dr. Jane Roe of the clinic": a name of two words or more in apposition after an unnamed
/// speaker ("said the study's lead author, Dr. Jane Roe").
static NAME_IN_APPOSITION: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(
        r"^,\s+(?P<name>(?:(?:Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Rep|Col|Capt)\.\s+)?\p{Lu}[\p{L}'’-]*(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]*)){1,3})",
    )
});

/// "said Acme spokesman Jo Roe", "said Acme chief executive Dr. Jo Roe": up to three lower-case
/// title words (the last a role, checked), an honorific, then the name.
static TITLE_THEN_NAME: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(
        r"^\s*(?P<title>\p{Ll}+(?:\s+\p{Ll}+){0,2}),?\s+(?:(?:Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Rep|Col|Capt)\.\s+)?(?P<name>\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){1,3})",
    )
});

/// [`TITLE_THEN_NAME`] with title words that are no function words ("in a statement" is no
/// title).
fn title_then_name(text: &str) -> Option<regex::Captures<'_>> {
    TITLE_THEN_NAME.captures(text).filter(|c| {
        c["title"]
            .split_whitespace()
            .all(|w| !crate::stopwords::is_stopword(w))
    })
}

/// A quote found in one article, before grouping.
#[derive(Debug, Clone)]
struct Raw {
    article: usize,
    pieces: Vec<Span>,
    attribution: Option<Span>,
    speaker_written: Option<String>,
    speaker: Option<String>,
    role: Option<String>,
    kind: &'static str,
    source: &'static str,
    words: Vec<String>,
}

pub(crate) fn analyze(docs: &[Doc<'_>], entities: &[Entity]) -> Vec<QuoteGroup> {
    // A pattern that meets a character outside ASCII and the common marks compiles once for
    // all such characters of the cluster (see `narrow`).
    super::narrow::with_alphabet(docs.iter().map(|doc| doc.text), || {
        analyze_docs(docs, entities)
    })
}

fn analyze_docs(docs: &[Doc<'_>], entities: &[Entity]) -> Vec<QuoteGroup> {
    let people = PersonIndex::new(entities, docs);
    let mut raws: Vec<Raw> = Vec::new();
    for doc in docs {
        let first = raws.len();
        let mut context_start = 0;
        let blocks = doc.block_spans();
        for (i, block) in blocks.iter().enumerate() {
            // A quotation left open at a paragraph end runs on when the next paragraph opens
            // with a quote mark (the wire convention for a quotation over several paragraphs).
            let runs_on = blocks
                .get(i + 1)
                .is_some_and(|next| doc.slice(*next).trim_start().starts_with(['"', '“']));
            extract_block(
                doc,
                *block,
                runs_on,
                context_start,
                &people,
                &mut raws,
                first,
            );
            context_start = block.start;
        }
    }
    group(docs, &raws)
}

/// A quotation's inner span and whether a closing mark ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct QuoteSpan {
    span: Span,
    closed: bool,
}

/// Whether a straight quote mark at `idx` looks like an opening mark (nothing or a space or an
/// opening bracket before it, a non-space after it) and whether it looks like a closing mark (a
/// non-space before it; a space, punctuation or the end after it).
fn straight_mark_shape(text: &str, idx: usize) -> (bool, bool) {
    let prev = text[..idx].chars().next_back();
    let next = text[idx + 1..].chars().next();
    let opens = next.is_some_and(|c| !c.is_whitespace())
        && prev.is_none_or(|c| c.is_whitespace() || "([{—–-/:".contains(c));
    let closes = prev.is_some_and(|c| !c.is_whitespace())
        && next.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}'’—–-".contains(c));
    (opens, closes)
}

/// Quote-mark pairs in a paragraph, as spans of the text inside the marks. A curly opening mark
/// closes with a curly closing mark or a straight mark shaped like a closing mark; a straight
/// opening mark with a straight or a curly closing mark (mismatched marks are a typing slip, not
/// two quotations). A straight mark shaped like a closing mark with nothing open is a stray and
/// skipped. A straight mark written with a space before it right after a comma inside an open
/// straight quotation (`"..., "but`) closes it (the comma that ends a quoted clause is followed
/// by its closing mark). An opening mark met while a quotation is open means that quotation was
/// never closed (paragraphs run together without a break): it ends before the new mark when it
/// ends a sentence there, else it is dropped, so quotation text never runs past a mark into
/// narration. A quotation still open at the end is kept (to the end) only when `runs_on` (the
/// next paragraph continues it). A quotation left open that holds a single closing mark after a
/// sentence's punctuation (`... child abuse.'`), with no single quotation open inside it, ends
/// at that mark instead: a double quotation closed by a single mark.
/// The first bytes of the characters [`quote_spans`] acts on: `"`, `'`, the curly marks
/// (`“”‘’`, all opening with 0xE2) and U+FFFD (opening with 0xEF).
const MARK_BYTES: [u8; 4] = [b'"', b'\'', 0xE2, 0xEF];

/// The first index at or after `from` of a byte of `bytes` that is one of `set`, reading eight
/// bytes at a time where none is.
fn next_byte_of(bytes: &[u8], from: usize, set: [u8; 4]) -> Option<usize> {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // A byte of `word ^ (b * LOW)` is zero where `word` holds `b`: the classic test flags
        // every word holding one (and may flag a word without, read byte by byte below).
        let has = |b: u8| {
            let x = word ^ (u64::from(b) * LOW);
            x.wrapping_sub(LOW) & !x & HIGH
        };
        if has(set[0]) | has(set[1]) | has(set[2]) | has(set[3]) != 0 {
            break;
        }
        at += 8;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|b| set.contains(b))
        .map(|offset| at + offset)
}

fn quote_spans(text: &str, base: usize, runs_on: bool) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    // (start, curly)
    let mut open: Option<(usize, bool)> = None;
    // Inside the open quotation: whether a single quotation is open in it, and the offset of
    // the last single closing mark after a sentence's punctuation while none was.
    let mut nested_single = false;
    let mut single_close: Option<usize> = None;
    let unclosed = |out: &mut Vec<QuoteSpan>, start: usize, end: usize, single: Option<usize>| {
        if let Some(at) = single {
            out.push(QuoteSpan {
                span: Span::new(base + start, base + at),
                closed: true,
            });
            return;
        }
        let inner = text[start..end].trim_end();
        if inner.ends_with(['.', '!', '?']) {
            out.push(QuoteSpan {
                span: Span::new(base + start, base + start + inner.len()),
                closed: false,
            });
        }
    };
    let close = |out: &mut Vec<QuoteSpan>, start: usize, idx: usize| {
        out.push(QuoteSpan {
            span: Span::new(base + start, base + idx),
            closed: true,
        });
    };
    // Only the quote marks and U+FFFD do anything below: every other character is stepped over
    // by bytes (each of those marks opens with one of `MARK_BYTES`).
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(idx) = next_byte_of(bytes, from, MARK_BYTES) {
        let Some(c) = text[idx..].chars().next() else {
            break;
        };
        from = idx + c.len_utf8();
        match c {
            '“' => {
                if let Some((start, _)) = open {
                    unclosed(&mut out, start, idx, single_close);
                }
                open = Some((idx + c.len_utf8(), true));
                (nested_single, single_close) = (false, None);
            }
            '”' => {
                if let Some((start, _)) = open {
                    close(&mut out, start, idx);
                    open = None;
                }
            }
            // A closing curly mark garbled in transcoding ("�?": its last byte lost): it closes
            // a curly quotation, never a straight one.
            '\u{fffd}' if text[idx + c.len_utf8()..].starts_with('?') => {
                if let Some((start, true)) = open {
                    close(&mut out, start, idx);
                    open = None;
                }
            }
            '"' => {
                let (opens, closes) = straight_mark_shape(text, idx);
                match open {
                    None if closes && !opens => {}
                    Some((start, true)) if closes && !opens => {
                        close(&mut out, start, idx);
                        open = None;
                    }
                    None | Some((_, true)) => {
                        if let Some((start, _)) = open {
                            unclosed(&mut out, start, idx, single_close);
                        }
                        open = Some((idx + 1, false));
                        (nested_single, single_close) = (false, None);
                    }
                    Some((start, false))
                        if opens && !closes && text[start..idx].trim_end().ends_with(',') =>
                    {
                        close(&mut out, start, idx);
                        open = None;
                    }
                    Some((start, false)) if opens && !closes => {
                        unclosed(&mut out, start, idx, single_close);
                        open = Some((idx + 1, false));
                        (nested_single, single_close) = (false, None);
                    }
                    Some((start, false)) => {
                        close(&mut out, start, idx);
                        open = None;
                    }
                }
            }
            '‘' if open.is_some() => nested_single = true,
            '\'' | '’' if open.is_some() => {
                let mut before = text[..idx].chars().rev();
                let (prev, prev2) = (before.next(), before.next());
                let next = text[idx + c.len_utf8()..].chars().next();
                if c == '\''
                    && prev.is_none_or(char::is_whitespace)
                    && next.is_some_and(char::is_alphanumeric)
                {
                    nested_single = true;
                } else if nested_single {
                    if prev.is_some_and(|p| !p.is_alphanumeric())
                        || next.is_none_or(|n| !n.is_alphanumeric())
                    {
                        nested_single = false;
                    }
                } else if prev.is_some_and(|p| ".!?,".contains(p))
                    && prev2.is_some_and(char::is_alphanumeric)
                    && next.is_none_or(char::is_whitespace)
                {
                    single_close = Some(idx);
                }
            }
            _ => {}
        }
    }
    if let Some((start, _)) = open
        && (runs_on || single_close.is_some())
    {
        unclosed(&mut out, start, text.len(), single_close);
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn extract_block(
    doc: &Doc<'_>,
    block: Span,
    runs_on: bool,
    context_start: usize,
    people: &PersonIndex,
    raws: &mut Vec<Raw>,
    article_first: usize,
) {
    let block_text = doc.slice(block);
    let spans: Vec<QuoteSpan> = quote_spans(block_text, block.start, runs_on)
        .into_iter()
        .filter(|q| doc.slice(q.span).split_whitespace().nth(2).is_some())
        .collect();
    let block_first = raws.len();
    let mut previous_end = block.start;
    let mut merged_into_previous = false;
    for (i, quote) in spans.iter().enumerate() {
        let span = &quote.span;
        let close_end = if quote.closed {
            garbled_close_end(doc.text, span.end)
        } else {
            span.end
        };
        let next_quote_start = spans
            .get(i + 1)
            .map_or(block.end, |s| prev_char_start(doc.text, s.span.start));
        let after_text = if quote.closed {
            doc.text
                .get(close_end..next_quote_start.max(close_end))
                .unwrap_or("")
        } else {
            ""
        };
        let open_start = prev_char_start(doc.text, span.start);
        let before_text = doc
            .text
            .get(previous_end..open_start.max(previous_end))
            .unwrap_or("");
        let before_base = previous_end;
        previous_end = close_end;

        let comma_closed = doc.slice(*span).trim_end().ends_with(',');
        // The attribution before the quote, looked for once however many rules below ask.
        let mut before_found: Option<Option<(Span, String)>> = None;
        let mut attribution_before = || {
            before_found
                .get_or_insert_with(|| {
                    before_attribution(
                        before_text,
                        before_base,
                        before_base != block.start,
                        &people.piece_memo,
                    )
                })
                .clone()
        };
        let (mut attribution, mut who, mut source) =
            after_attribution(after_text, close_end, comma_closed);
        // A quote that opens its sentence and does not end it, narration, then ", she said."
        // (the literal check spares the regex most narration).
        // Also a partial quote inside its sentence when nothing before it in the sentence
        // attributes it and a name speaks ("The town needs "...," not new rules, X told the
        // council."); a pronoun there could point at a name earlier in the sentence.
        let opens_sentence = before_text[sentence_start(before_text)..].trim().is_empty();
        if who.is_none()
            && after_text.contains(", ")
            && !doc.slice(*span).trim_end().ends_with(['.', '!', '?'])
            && let Some(caps) = AFTER_CLOSING_CLAUSE.captures(after_text)
            && let (Some(whole), Some(w)) = (caps.get(0), caps.name("who"))
            && (opens_sentence
                || (!matches!(w.as_str(), "he" | "she" | "they")
                    && attribution_before().is_none_or(|(att, _)| {
                        att.start < before_base + sentence_start(before_text)
                    })))
        {
            attribution = Some(Span::new(close_end + w.start(), close_end + whole.end()));
            who = Some(w.as_str().to_string());
            source = "after";
        }
        // "X said Libya "..." , the news agency said": a medium that relays the quote yields to
        // the speaker its own sentence names before the quote. So does a capitalised subject
        // after a quote that ends its sentence ("X said "... ." The Y also confirmed ..."): it
        // opens the next sentence.
        let quote_ends_sentence = doc.slice(*span).trim_end().ends_with(['.', '!', '?'])
            && after_text
                .trim_start()
                .starts_with(|c: char| c.is_uppercase());
        if who
            .as_deref()
            .is_some_and(|w| quote_ends_sentence || is_medium(w))
            && let Some((att, w)) = attribution_before().filter(|(att, w)| {
                att.start >= before_base + sentence_start(before_text) && !is_medium(w)
            })
        {
            attribution = Some(att);
            who = Some(w);
            source = "before";
        }
        let previous_attribution_end = raws[block_first..]
            .last()
            .and_then(|r| r.attribution)
            .map_or(0, |a| a.end);
        if who.is_none()
            && !merged_into_previous
            && let Some((att, w)) =
                attribution_before().filter(|(att, _)| att.start >= previous_attribution_end)
        {
            attribution = Some(att);
            who = Some(w);
            source = "before";
        }
        // "The authority released this statement: ¶ "...": a paragraph that opens with the quote after
        // a paragraph ending in a colon takes that paragraph's attribution.
        let previous_block = doc
            .text
            .get(context_start..block.start)
            .unwrap_or("")
            .trim_end();
        if who.is_none()
            && i == 0
            && context_start < block.start
            && previous_block.ends_with(':')
            && block_text.trim_start().starts_with(['"', '“'])
            && let Some((att, w)) =
                before_attribution(previous_block, context_start, false, &people.piece_memo)
        {
            attribution = Some(att);
            who = Some(w);
            source = "before";
        }
        // "Ann Roe, a chemist, told the paper it was a risk. ¶ "...": a paragraph that is only a
        // quote, after a paragraph of reported speech (no quote marks) whose last sentence opens
        // with one speaker, is that speaker's.
        if who.is_none()
            && i == 0
            && spans.len() == 1
            && context_start < block.start
            && block_text.trim_start().starts_with(['"', '“'])
            && !after_text.contains(char::is_alphanumeric)
            && let Some((att, w)) = reported_speaker(previous_block, context_start)
        {
            attribution = Some(att);
            who = Some(w);
            source = "before";
        }
        let who = who.and_then(|w| clean_speaker(&w));
        let words = normalized_words(doc.slice(*span));
        // "...," he said. "..." : an unattributed quote right after an attributed one continues it.
        if who.is_none()
            && raws.len() > block_first
            && let Some(last) = raws.last_mut()
            && last.attribution.is_some()
        {
            last.pieces.push(*span);
            last.words.extend(words);
            merged_into_previous = true;
            continue;
        }
        let (speaker_written, role, speaker, kind, source) = match who {
            Some(written) => {
                let mut lower = written.to_lowercase();
                let mut owner: Option<String> = None;
                // "said the statement": a document speaks for the body last said to speak, else
                // for the body that names it ("the Nordex policy", "the bank's report").
                // "an editorial, published in the independent Roe newspaper, said": the paper
                // that carried it speaks.
                if is_document(&written)
                    && let Some(a) = attribution
                    && let Some(caps) = PUBLISHED_IN.captures(doc.slice(a))
                {
                    owner = Some(caps["who"].to_string());
                } else if lower.starts_with("the ") && is_document(&written) {
                    let before = attribution.map_or(span.start, |a| a.start).min(span.start);
                    let text = doc.text.get(context_start..before).unwrap_or("");
                    let earlier = doc.text.get(..context_start).unwrap_or("");
                    if last_body_speaker(text, earlier, people, doc.index).is_some() {
                        lower = "it".to_string();
                    } else {
                        let noun = lower.rsplit(' ').next().unwrap_or("");
                        owner = document_owner(doc.text.get(..before).unwrap_or(""), noun, people);
                        // "The statement continued: "...": with no body in reach, the document
                        // goes on with the article's previous quote when a body spoke it.
                        if owner.is_none()
                            && let Some(r) = raws[article_first..].last()
                            && r.kind == "organization"
                        {
                            owner.clone_from(&r.speaker);
                        }
                    }
                }
                if matches!(lower.as_str(), "he" | "she" | "they" | "it") {
                    let pronoun = Gender::of_pronoun(&lower);
                    let excluded: Vec<String> = attribution
                        .map(|a| people.named_in(doc.slice(a)))
                        .unwrap_or_default();
                    let fits = |name: &String| {
                        !excluded.contains(name) && people.gender(name).fits(pronoun)
                    };
                    let attribution_start = attribution.map_or(span.start, |a| a.start);
                    let before = attribution_start.min(span.start);
                    let last_quote = raws[article_first..].last();
                    let mut pronoun_role: Option<String> = None;
                    let (previous, kind) = if matches!(lower.as_str(), "they" | "it") {
                        // "it"/"they" name a body or a group: the previous quote's body or role
                        // in reach, else the last body or role said to speak in reach.
                        match last_quote {
                            Some(r)
                                if matches!(r.kind, "organization" | "role")
                                    && r.pieces[0].start >= context_start =>
                            {
                                pronoun_role.clone_from(&r.role);
                                (r.speaker.clone(), r.kind)
                            }
                            _ => {
                                let text = doc.text.get(context_start..before).unwrap_or("");
                                let earlier = doc.text.get(..context_start).unwrap_or("");
                                match last_body_speaker(text, earlier, people, doc.index) {
                                    Some(resolved) => {
                                        pronoun_role = resolved.role;
                                        (resolved.name, resolved.kind)
                                    }
                                    None => (None, "unresolved"),
                                }
                            }
                        }
                    } else {
                        let window = Window {
                            from: context_start,
                            to: before,
                        };
                        let earlier = &raws[article_first..];
                        if let Some(role) = unnamed_speaker(doc, people, window, &fits) {
                            pronoun_role = Some(role);
                            (None, "role")
                        } else {
                            match resolve_pronoun(doc, people, window, pronoun, &fits, earlier) {
                                // A one-word name that several people's names share ("Chen"):
                                // the one of them the article quoted last or named in full.
                                Some(name) => (
                                    Some(
                                        people
                                            .one_mentioned_before(&name, doc, span.start, earlier)
                                            .unwrap_or(name),
                                    ),
                                    "person",
                                ),
                                None => (None, "unresolved"),
                            }
                        }
                    };
                    (Some(written), pronoun_role, previous, kind, "pronoun")
                } else {
                    let mut resolved = people.resolve_speaker(&written, doc.index);
                    // "the group said": the one organisation named in reach.
                    if is_generic_body(&lower)
                        && let Some(org) = people.one_organization_in(
                            doc.text.get(context_start..span.start).unwrap_or(""),
                        )
                    {
                        resolved = Resolved {
                            role: None,
                            name: Some(org),
                            kind: "organization",
                        };
                    }
                    // "the newspaper said", "the group said" with several bodies in reach: the
                    // last body of that kind said to speak.
                    else if (is_generic_body(&lower) || is_press_noun(&lower))
                        && let Some(org) = people.last_body_said(
                            doc.text.get(context_start..span.start).unwrap_or(""),
                            is_press_noun(&lower),
                        )
                    {
                        resolved = Resolved {
                            role: None,
                            name: Some(org),
                            kind: "organization",
                        };
                    }
                    // "The paper had criticized ..." with no newspaper said to speak in reach:
                    // the one newspaper named there ("a letter published in the X Journal").
                    else if is_press_noun(&lower)
                        && let Some(org) = people.one_press_name_in(
                            doc.text.get(context_start..span.start).unwrap_or(""),
                        )
                    {
                        resolved = Resolved {
                            role: None,
                            name: Some(org),
                            kind: "organization",
                        };
                    }
                    if let Some(org) = owner {
                        resolved = Resolved {
                            role: None,
                            name: Some(org),
                            kind: "organization",
                        };
                    }
                    if let Some(full) = people.one_mentioned_before(
                        &written,
                        doc,
                        span.start,
                        &raws[article_first..],
                    ) {
                        resolved.name = Some(full);
                        resolved.kind = "person";
                    }
                    // "said the actor": a person named by a noun alone points back like "he".
                    if resolved.kind != "person"
                        && let Some(noun) = person_noun(&lower)
                            .map(str::to_string)
                            .or_else(|| modified_person_noun(&written))
                    {
                        let excluded: Vec<String> = attribution
                            .map(|a| people.named_in(doc.slice(a)))
                            .unwrap_or_default();
                        // "the Missouri lawmaker", "the IMF chief": only a person the article
                        // ties to the modifier is that noun; the last man named is not.
                        // The tie is read before the attribution, which holds the modifier.
                        let before = attribution.map_or(span.start, |a| a.start).min(span.start);
                        let modifier = person_noun(&lower)
                            .is_none()
                            .then(|| noun.rsplit_once(' ').map(|(m, _)| m))
                            .flatten();
                        let earlier_text = doc.text.get(..before).unwrap_or("");
                        let fits = |name: &String| {
                            !excluded.contains(name)
                                && modifier.is_none_or(|m| {
                                    is_party_word(m) || tied_to_modifier(earlier_text, name, m)
                                })
                        };
                        let window = Window {
                            from: context_start,
                            to: before,
                        };
                        let earlier = &raws[article_first..];
                        // "the 56-year-old said": the one person the article gives that age
                        // ("Ann Roe, 56,", "56-year-old Ann Roe") is the speaker.
                        let name = aged_person(doc.text, &noun, people).or_else(|| {
                            resolve_pronoun(doc, people, window, Gender::Unknown, &fits, earlier)
                        });
                        resolved = Resolved {
                            role: Some(noun),
                            kind: if name.is_some() { "person" } else { "role" },
                            name,
                        };
                    }
                    (
                        Some(written),
                        resolved.role,
                        resolved.name,
                        resolved.kind,
                        source,
                    )
                }
            }
            None if i == 0
                && spans.len() == 1
                && block_text.trim_start().starts_with(['"', '“'])
                && (!after_text.contains(char::is_alphanumeric)
                    || explains_the_quote(after_text)) =>
            {
                // A paragraph that is only a quote continues the previous speaker; so does one
                // whose quote is followed only by the writer's gloss on it (""...," because
                // running kicks up embers.").
                // The gloss continues only a speaker quoted in the paragraph just before.
                let glossed = after_text.contains(char::is_alphanumeric);
                let last = raws[article_first..].last().filter(|r| {
                    r.speaker.is_some() && (!glossed || r.pieces[0].start >= context_start)
                });
                match last {
                    Some(r) => (None, r.role.clone(), r.speaker.clone(), r.kind, "continued"),
                    None => (None, None, None, "none", "none"),
                }
            }
            None => (None, None, None, "none", "none"),
        };
        raws.push(Raw {
            article: doc.index,
            pieces: vec![*span],
            attribution,
            speaker_written,
            speaker,
            role,
            kind,
            source,
            words,
        });
    }
}

/// The attribution after a quote: `, X said`, `said X`, `said <title> X`, `X quoted Y as
/// saying`, `according to X`. Returns (attribution span, speaker as written, source).
fn after_attribution(
    after_text: &str,
    close_end: usize,
    comma_closed: bool,
) -> (Option<Span>, Option<String>, &'static str) {
    // Looked for only when the patterns before it find nothing.
    // "lamented one U.S. official": "one" or "another" opens an unnamed speaker, never a title.
    let titled = || {
        AFTER_VERB_TITLE_NAME.captures(after_text).filter(|caps| {
            caps.name("title").is_some_and(|t| {
                let mut words = t.as_str().split_whitespace().peekable();
                !words
                    .peek()
                    .is_some_and(|w| matches!(*w, "one" | "another"))
                    && words.all(|w| !crate::stopwords::is_stopword(w))
            })
        })
    };
    // One "and" may join two titles ("lead researcher and agency scientist").
    let title_words_ok = |caps: &regex::Captures<'_>| {
        caps.name("title").is_some_and(|t| {
            let words: Vec<&str> = t.as_str().split_whitespace().collect();
            words.first().is_some_and(|w| *w != "and")
                && words
                    .iter()
                    .filter(|w| w.starts_with(char::is_lowercase) && **w != "and")
                    .all(|w| !crate::stopwords::is_stopword(w))
        })
    };
    let caps = AFTER_ROLE_NAME_VERB
        .captures(after_text)
        .or_else(|| {
            // "..." The trial begins on Monday.": a subject before "begins"/"continues" speaks
            // only in the sentence of a quote that ends in a comma.
            AFTER_NAME_VERB
                .captures(after_text)
                .filter(|c| comma_closed || c.name("after_verb").is_none())
        })
        .or_else(|| {
            AFTER_TITLE_NAME_VERB
                .captures(after_text)
                .filter(|c| title_words_ok(c))
        })
        .or_else(|| {
            // "said the Bavarian lawmaker": a capitalised modifier of a role, no name (unless
            // a name follows the role: "said the Port Office spokesman, Lev Ostrov").
            AFTER_VERB_NAME.captures(after_text).filter(|c| {
                !(c["who"].starts_with(['T', 't'])
                    && c["who"][1..].starts_with("he ")
                    && c.name("rest").is_some_and(|r| {
                        let r = r.as_str();
                        let noun = r
                            .split(|c: char| !(c.is_alphabetic() || c == '-'))
                            .find(|w| !w.is_empty())
                            .unwrap_or("");
                        r.starts_with(' ')
                            && noun.starts_with(char::is_lowercase)
                            && person_noun(&format!("the {noun}")).is_some()
                            && title_then_name(r).is_none()
                    }))
            })
        })
        .or_else(titled)
        .or_else(|| {
            // The literal checks spare these regexes (which need them) most texts.
            let head = after_text
                .trim_start_matches([' ', ',', '\'', '’', '\n'])
                .split_whitespace()
                .nth(1)
                .unwrap_or("");
            matches!(
                head,
                "his" | "her" | "their" | "its" | "His" | "Her" | "Their" | "Its"
            )
            .then(|| AFTER_VERB_POSSESSIVE_NAME.captures(after_text))
            .flatten()
        })
        .or_else(|| {
            let head = after_text
                .get(..after_text.floor_char_boundary(300))
                .unwrap_or(after_text);
            [", the ", ", a ", ", an ", ", The ", ", A ", ", An "]
                .iter()
                .any(|article| head.contains(article))
                .then(|| {
                    AFTER_NAME_OPEN_APPOSITIVE
                        .captures(after_text)
                        .filter(|c| open_appositive_describes(&c["app"]))
                        .or_else(|| {
                            AFTER_NAME_LONG_APPOSITIVE.captures(after_text).filter(|c| {
                                c.name("title").is_none_or(|t| {
                                    t.as_str()
                                        .split_whitespace()
                                        .all(|w| !crate::stopwords::is_stopword(w))
                                })
                            })
                        })
                })
                .flatten()
        })
        .or_else(|| {
            // The literal check spares the regex most texts.
            after_text
                .trim_start_matches([' ', ',', '\'', '’'])
                .starts_with(char::is_uppercase)
                .then(|| AFTER_NAME_TITLE_APPOSITIVE.captures(after_text))
                .flatten()
                .filter(|c| is_role(&c["app"]))
        })
        .or_else(|| AFTER_QUOTED.captures(after_text))
        .or_else(|| AFTER_ACCORDING.captures(after_text))
        .or_else(|| AFTER_VERB_DOCUMENT_BY.captures(after_text))
        .or_else(|| {
            comma_closed
                .then(|| AFTER_NAME_OTHER_VERB.captures(after_text))
                .flatten()
                .filter(|c| {
                    !matches!(&c["verb"], "quoted" | "asked" | "reported")
                        && !crate::stopwords::is_stopword(
                            &c["who"]
                                .split_whitespace()
                                .next()
                                .unwrap_or("")
                                .to_lowercase(),
                        )
                })
        });
    let (caps, unnamed) = match caps {
        Some(caps) => (caps, false),
        None => match AFTER_VERB_ROLE.captures(after_text) {
            Some(caps) => (caps, true),
            None => return (None, None, "none"),
        },
    };
    let (Some(whole), Some(w)) = (caps.get(0), caps.name("who")) else {
        return (None, None, "none");
    };
    let lead = whole.as_str().len()
        - whole
            .as_str()
            .trim_start_matches([' ', ',', '\'', '’'])
            .len();
    let attribution = Some(Span::new(close_end + lead, close_end + whole.end()));
    let mut who = match w.as_str() {
        "him" => "he".to_string(),
        "her" => "she".to_string(),
        other => other.to_string(),
    };
    if unnamed {
        // "said the company in a statement": the speaker ends before a function word.
        let words: Vec<&str> = who.split_whitespace().collect();
        let keep = 1 + words[1..]
            .iter()
            .take_while(|w| !crate::stopwords::is_stopword(&w.to_lowercase()))
            .count();
        who = words[..keep].join(" ");
    }
    // "said the study's lead author, Dr. Jane Roe": the name in apposition speaks.
    if unnamed
        && let Some(rest) = caps.name("rest")
        && let Some(named) = NAME_IN_APPOSITION.captures(&after_text[rest.start()..])
    {
        who = named["name"].to_string();
    }
    // "said Iran's Foreign Ministry spokesman, Mohammad Ali Hosseini": the body and a lower-case
    // title are the role of the name after them.
    if let Some(rest) = caps.name("rest")
        && let Some(named) = title_then_name(&after_text[rest.start()..])
        && is_role(&named["title"])
    {
        who = format!("{} {} {}", w.as_str(), &named["title"], &named["name"]);
    }
    (attribution, Some(who), "after")
}

/// The attribution before a quote, in the sentence that holds it (`X said: "..."`, `According
/// to X, "..."`), else, when the quote opens its sentence, in the sentence before it when that
/// sentence has no quotation and names exactly one speaker (`X said she was ... . "..."`).
fn before_attribution(
    before_text: &str,
    base: usize,
    after_quote: bool,
    memo: &PieceMemo,
) -> Option<(Span, String)> {
    let sentence_start = sentence_start(before_text);
    // "That said, the agency says that ...": the idiom that opens the sentence attributes
    // nothing; the attribution is read after it.
    let idiom = idiom_opening_len(&before_text[sentence_start..]);
    let piece = &before_text[sentence_start + idiom..];
    let at = base + sentence_start + idiom;
    // The same sentence before a quotation recurs in copies of a story: what it says is looked
    // up once per analysis.
    let known = memo.borrow().get(piece).cloned();
    let found = known.unwrap_or_else(|| {
        let found = attribution_in_piece(piece);
        memo.borrow_mut().insert(piece.to_string(), found.clone());
        found
    });
    if let Some((span, who)) = found {
        return Some((Span::new(at + span.start, at + span.end), who));
    }
    // The quote opens its sentence, or follows a short subject ("It "was a surprise."").
    if piece.split_whitespace().nth(2).is_some() || sentence_start == 0 {
        return None;
    }
    // The sentence before, wholly after the previous quotation.
    let head = &before_text[..sentence_start - 1];
    let previous_start = self::sentence_start(head);
    if previous_start == 0 && after_quote {
        return None;
    }
    let previous = &before_text[previous_start..sentence_start];
    let found: Vec<(Span, String)> = SAID_IN_SENTENCE
        .captures_iter(previous)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let who = caps.name("who")?.as_str().to_string();
            let at = base + previous_start;
            Some((Span::new(at + whole.start(), at + whole.end()), who))
        })
        .collect();
    let mut names: Vec<&str> = found.iter().map(|(_, w)| w.as_str()).collect();
    names.dedup();
    match names.as_slice() {
        [_] => found.into_iter().next(),
        _ => None,
    }
}

/// Whether the narration after a quote that opens its paragraph only explains it: a clause
/// opened by "because" or "since" that holds no speech verb (which would attribute the quote).
fn explains_the_quote(after: &str) -> bool {
    let rest = after.trim_start();
    (rest.starts_with("because ") || rest.starts_with("since ")) && !SPEECH_WORD.is_match(rest)
}

/// "Ann Roe, a chemist at the lab told the paper": a name that opens the sentence, an apposition
/// opened by a lower-case word and left without its closing comma, then a speech verb.
static OPEN_APPOSITION_SPEAKS: LazyLock<NarrowRegex> = LazyLock::new(|| {
    NarrowRegex::new(&format!(
        r#"^\s*(?P<who>\p{{Lu}}[\p{{L}}.'’-]*(?:\s+\p{{Lu}}[\p{{L}}.'’-]*){{1,3}}),\s+\p{{Ll}}[^,"“”!?;:]{{1,90}}?\s+(?:{VERBS})\b"#
    ))
});

/// The speaker of a paragraph of reported speech (`paragraph`, at `base`): the one subject of a
/// speech verb ([`SAID_IN_SENTENCE`]) that opens its last sentence, after at most a short
/// opening phrase set off by a comma ("In the morning, Ann Roe told the paper it was a risk.").
/// `None` when the paragraph holds a quote mark (its quotes have their own attributions), when
/// the subject is a pronoun or when the sentence names several speakers.
fn reported_speaker(paragraph: &str, base: usize) -> Option<(Span, String)> {
    if paragraph.contains(['"', '“', '”']) {
        return None;
    }
    let body = paragraph.trim_end().trim_end_matches(['.', '!', '?']);
    let start = sentence_start(body);
    let sentence = &body[start..];
    // The sentence itself, then what follows a short opening phrase ("In the morning, ").
    let mut froms = vec![0];
    if let Some(comma) = sentence.find(", ")
        && sentence[..comma].split_whitespace().count() <= 6
    {
        froms.push(comma + 2);
    }
    for from in froms {
        let rest = &sentence[from..];
        let lead = rest.len() - rest.trim_start().len();
        let at = base + start + from;
        // "Ann Roe, a chemist at the lab told the paper ...": web copy often drops the comma
        // that closes an apposition after the opening name.
        if let Some(caps) = OPEN_APPOSITION_SPEAKS.captures(rest)
            && let (Some(whole), Some(who)) = (caps.get(0), caps.name("who"))
        {
            return Some((
                Span::new(at + whole.start(), at + whole.end()),
                who.as_str().to_string(),
            ));
        }
        let mut found = SAID_IN_SENTENCE.captures_iter(rest).filter_map(|caps| {
            let whole = caps.get(0)?;
            Some((whole.start(), whole.end(), caps.name("who")?.as_str()))
        });
        let Some((s, e, who)) = found.next() else {
            continue;
        };
        if s != lead {
            continue;
        }
        if found.any(|(_, _, other)| other != who) {
            return None;
        }
        let pronoun = matches!(
            who.to_lowercase().as_str(),
            "he" | "she" | "they" | "it" | "we" | "i" | "you"
        );
        // "However, ... gratitude, says X.": a word that names no one ([`clean_speaker`]) is
        // no subject.
        let names_someone = clean_speaker(who).is_some();
        return (!pronoun && names_someone).then(|| (Span::new(at + s, at + e), who.to_string()));
    }
    None
}

/// The length of a discourse idiom built on a speech verb that opens `piece` ("That said, ",
/// "Having said that, "), with the white space after it; 0 when none does.
fn idiom_opening_len(piece: &str) -> usize {
    const IDIOMS: [&str; 4] = [
        "That said,",
        "That being said,",
        "Having said that,",
        "Needless to say,",
    ];
    let lead = piece.len() - piece.trim_start().len();
    IDIOMS
        .iter()
        .find(|i| piece[lead..].starts_with(*i))
        .map_or(0, |i| {
            let rest = &piece[lead + i.len()..];
            lead + i.len() + rest.len() - rest.trim_start().len()
        })
}

/// [`attribution_in_piece`]'s answers in one analysis, by piece (a pure function of the piece,
/// so the memo only saves work).
type PieceMemo = RefCell<FxHashMap<String, Option<(Span, String)>>>;

/// The attribution before a quote that the part of its sentence before it (`piece`) holds, with
/// its span in `piece`.
fn attribution_in_piece(piece: &str) -> Option<(Span, String)> {
    let at = 0;
    // The literal checks spare the regexes (which need these words) most pieces.
    if piece.contains("describe")
        && let Some(caps) = DESCRIBES_SELF.captures(piece)
        && let Some(whole) = caps.get(0)
    {
        let who = caps.name("who").map_or_else(
            || {
                if &caps["refl"] == "herself" {
                    "she"
                } else {
                    "he"
                }
                .to_string()
            },
            |w| w.as_str().to_string(),
        );
        return Some((Span::new(at + whole.start(), at + whole.end()), who));
    }
    if piece.contains("saying")
        && let Some(caps) = BY_SAYING.captures(piece)
        && let (Some(whole), Some(w)) = (caps.get(0), caps.name("who"))
    {
        return Some((
            Span::new(at + whole.start(), at + whole.end()),
            w.as_str().to_string(),
        ));
    }
    if (piece.contains("as ") || piece.contains("As "))
        && let Some(caps) = BEFORE_AS.captures(piece)
        && let (Some(whole), Some(w)) = (caps.get(0), caps.name("who").or(caps.name("by")))
        // "groups such as X said", "as well as X": "as" compares, it opens no attribution.
        && !{
            let before = piece[..whole.start() + caps["lead"].len()]
                .trim_end()
                .to_lowercase();
            before.ends_with("such") || before.ends_with("well")
        }
        && !opens_with_stopword(w.as_str())
    {
        return Some((
            Span::new(at + w.start(), at + whole.end()),
            w.as_str().to_string(),
        ));
    }
    if let Some(caps) = CAPTION_NAME_DASH.captures(piece)
        && let Some(w) = caps.name("who")
        && w.as_str()
            .split_whitespace()
            .all(|word| !crate::stopwords::is_stopword(&word.to_lowercase()))
        && !super::places::is_known_place(w.as_str())
        && !is_body(w.as_str())
        && !is_institution(w.as_str())
    {
        return Some((
            Span::new(at + w.start(), at + piece.len()),
            w.as_str().to_string(),
        ));
    }
    if piece.trim_start().starts_with(['S', 'A', 'W'])
        && let Some(caps) = BEFORE_VERB_FIRST.captures(piece)
        && let (Some(whole), Some(w)) = (caps.get(0), caps.name("who"))
    {
        return Some((
            Span::new(at + whole.start(), at + whole.end()),
            w.as_str().to_string(),
        ));
    }
    if ["saying", "adding", "writing", "telling"]
        .iter()
        .any(|participle| piece.contains(participle))
        && let Some(caps) = SUBJECT_SAYING.captures(piece)
        && let (Some(whole), Some(w)) = (caps.get(0), caps.name("who"))
        && (matches!(w.as_str(), "He" | "She" | "They" | "It")
            || !crate::stopwords::is_stopword(&w.as_str().to_lowercase()))
    {
        return Some((
            Span::new(at + whole.start(), at + whole.end()),
            w.as_str().to_string(),
        ));
    }
    if piece.contains("Asked by")
        && let Some(caps) = ASKED_BY.captures(piece)
        && let (Some(whole), Some(w)) = (caps.get(0), caps.name("who"))
    {
        // "the radio's Jane Roe on Friday": the asker follows the last possessive; a time
        // after the name is no part of it.
        let who = w.as_str();
        let who = ["'s ", "’s "]
            .iter()
            .filter_map(|p| who.rfind(p).map(|at| &who[at + p.len()..]))
            .min_by_key(|rest| rest.len())
            .unwrap_or(who);
        let mut words: Vec<&str> = who.split_whitespace().collect();
        while words.len() > 1
            && words
                .last()
                .is_some_and(|w| w.starts_with(char::is_lowercase) || clean_speaker(w).is_none())
        {
            words.pop();
        }
        return Some((
            Span::new(at + whole.start(), at + whole.end()),
            words.join(" "),
        ));
    }
    if [" from ", " by "].iter().any(|p| piece.contains(p))
        && let Some(caps) = BEFORE_DOCUMENT_FROM.captures(piece)
        && let (Some(whole), Some(w)) = (caps.get(0), caps.name("who"))
    {
        return Some((
            Span::new(at + whole.start(), at + whole.end()),
            w.as_str().to_string(),
        ));
    }
    let speech_verb = may_end_in_speech_verb(piece);
    if speech_verb
        && [", the ", ", a ", ", an ", ", The ", ", A ", ", An "]
            .iter()
            .any(|article| piece.contains(article))
        && let Some(caps) = BEFORE_OPEN_APPOSITIVE.captures(piece)
        && let (Some(whole), Some(w)) = (caps.get(0), caps.name("who"))
        && open_appositive_describes(&caps["app"])
        && !opens_with_stopword(w.as_str())
    {
        return Some((
            Span::new(at + whole.start(), at + whole.end()),
            w.as_str().to_string(),
        ));
    }
    if let Some(caps) = speech_verb
        .then(|| BEFORE.captures_at(piece, before_search_from(piece)))
        .flatten()
        .filter(|caps| {
            caps.name("who").is_none_or(|w| {
                !(w.as_str().starts_with(char::is_uppercase) && after_preposition(piece, w.start()))
            })
        })
        .filter(|caps| {
            caps.name("who")
                .is_none_or(|w| !ends_in_conjunction(w.as_str()))
        })
        .or_else(|| {
            piece
                .contains("ccording")
                .then(|| BEFORE_ACCORDING.captures(piece))
                .flatten()
                .filter(|caps| {
                    caps.name("title").is_none_or(|t| {
                        t.as_str()
                            .split_whitespace()
                            .all(|w| !crate::stopwords::is_stopword(w))
                    }) && caps
                        .name("clause")
                        .is_none_or(|c| !BEFORE_VERB_WORDS.is_match(c.as_str()))
                })
        })
        && let (Some(whole), Some(w)) = (caps.get(0), caps.name("who"))
    {
        // "Syria ... in a government statement confirmed": the document speaks for the
        // sentence's subject.
        let mut who = w.as_str().to_string();
        // "A source close to the family said": the source speaks.
        let lead = &piece[..w.start()];
        // "doctors at a research group said": the people before the preposition speak, not the
        // body after it.
        if w.as_str().starts_with(char::is_lowercase)
            && let Some(noun_at) = plural_person_before_preposition(lead)
        {
            let noun = lead[noun_at..].split_whitespace().next().unwrap_or("");
            return Some((Span::new(at + noun_at, at + whole.end()), noun.to_string()));
        }
        if (lead.ends_with(" to ") || lead.ends_with(" with ") || lead.ends_with(" the "))
            && let Some(role) = ROLE_CLOSE_TO.captures(lead).and_then(|c| c.name("role"))
        {
            return Some((
                Span::new(at + role.start(), at + whole.end()),
                role.as_str().to_string(),
            ));
        }
        // "A foreign ministry spokesman, Jane Roe, said ... "...": the name in apposition to an
        // unnamed speaker speaks.
        if role_np_opening(&who)
            && let Some(named) = NAME_IN_APPOSITION.captures(&piece[w.end()..])
            && piece[w.end() + named.get(0).map_or(0, |m| m.end())..].starts_with(',')
        {
            who = named["name"].to_string();
        }
        if is_document(&who)
            && piece[..w.start()]
                .trim_end()
                .to_lowercase()
                .ends_with(" in")
            && let Some(subject) = SUBJECT_AT_START.captures(piece).and_then(|c| c.name("who"))
            && subject.end() <= w.start()
        {
            who = subject.as_str().to_string();
            return Some((Span::new(at + subject.start(), at + whole.end()), who));
        }
        return Some((Span::new(at + whole.start(), at + whole.end()), who));
    }
    if speech_verb
        && (and_speech_verb(piece) || piece.contains(", who "))
        && let Some(caps) = COORDINATED_SPEECH.captures_at(piece, before_reads_from(piece))
        && let (Some(whole), Some(w)) = (caps.get(0), caps.name("who"))
        && !after_preposition(piece, w.start())
        && !opens_with_stopword(w.as_str())
    {
        return Some((
            Span::new(at + whole.start(), at + whole.end()),
            w.as_str().to_string(),
        ));
    }
    None
}

/// Where a bare plural person noun ("doctors", "researchers") starts in `lead`, the text before
/// a lower-case speaker, when `lead` ends in it and a preposition ("doctors at ", "experts from
/// "): the noun names the speakers, the words after the preposition where they work.
fn plural_person_before_preposition(lead: &str) -> Option<usize> {
    let (rest, preposition) = lead.trim_end().rsplit_once(' ')?;
    if !matches!(preposition, "at" | "from" | "with" | "of" | "for") {
        return None;
    }
    let rest = rest.trim_end();
    let start = after_last_whitespace(rest);
    let noun = &rest[start..];
    let singular = noun.strip_suffix('s')?;
    (!singular.ends_with('s')
        && singular.chars().all(|c| c.is_ascii_lowercase())
        && person_noun(&format!("the {singular}")).is_some())
    .then_some(start)
}

/// Whether `who` opens like an unnamed speaker ("a spokesman", "The foreign ministry
/// spokesman"): an article, then a lower-case word.
fn role_np_opening(who: &str) -> bool {
    let mut words = who.split_whitespace();
    words.next().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "a" | "an" | "the" | "one" | "another"
        )
    }) && words
        .next()
        .is_some_and(|w| w.starts_with(char::is_lowercase))
}

/// Whether `piece` holds "and" followed by a speech verb ("and said", "and has warned"), which
/// [`COORDINATED_SPEECH`] needs unless a relative clause opens: a cheap test that spares the
/// regex most pieces.
fn and_speech_verb(piece: &str) -> bool {
    piece.match_indices(" and ").any(|(at, _)| {
        let mut words = piece[at + 5..].split_whitespace();
        let mut next = words.next().unwrap_or("");
        if matches!(next, "has" | "have" | "had") {
            next = words.next().unwrap_or("");
        }
        let next = next.trim_end_matches(|c: char| !c.is_alphabetic());
        VERBS.split('|').any(|verb| verb == next)
    })
}

/// Whether a speaker phrase of several words ends in a conjunction ("the offer and" of "the
/// offer and said"): a role does not, so it is no speaker.
fn ends_in_conjunction(who: &str) -> bool {
    who.contains(' ')
        && who
            .rsplit(' ')
            .next()
            .is_some_and(|last| matches!(last, "and" | "or" | "but" | "then"))
}

/// Whether the word before `at` is a preposition: a name there ("lawyers for Jane Roe
/// charged") is no subject of the verb after it.
fn after_preposition(text: &str, at: usize) -> bool {
    let word = text[..at]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    matches!(
        word,
        "for" | "of" | "to" | "with" | "by" | "from" | "against" | "on" | "at" | "in"
    )
}

/// The last body or unnamed role said to speak in `text` ("the ministry said", "the report
/// said"), for an "it"/"they" attribution; `None` when the last such subject is a person.
/// A document ("the report said") speaks for its author: an earlier body said to speak, in
/// `text` or else in the article's `earlier` text, is preferred to it.
fn last_body_speaker(
    text: &str,
    earlier: &str,
    people: &PersonIndex,
    article: usize,
) -> Option<Resolved> {
    let found = last_body_in(text, people, article)?;
    if found.1 {
        return last_body_in(earlier, people, article)
            .filter(|(_, document)| !document)
            .map(|(r, _)| r)
            .or(Some(found.0));
    }
    Some(found.0)
}

/// The last body or role said to speak in `text`, skipping documents when an earlier body is
/// there; with whether it is a document. `None` when a person speaks last.
fn last_body_in(text: &str, people: &PersonIndex, article: usize) -> Option<(Resolved, bool)> {
    let mut document: Option<Resolved> = None;
    for caps in said_from_last(text) {
        let Some(written) = caps.name("who").and_then(|w| clean_speaker(w.as_str())) else {
            continue;
        };
        let mut resolved = people.resolve_speaker(&written, article);
        // "the group warned": the one organisation named in reach.
        if is_generic_body(&written.to_lowercase())
            && let Some(org) = people.one_organization_in(text)
        {
            resolved = Resolved {
                role: None,
                name: Some(org),
                kind: "organization",
            };
        }
        if !matches!(resolved.kind, "organization" | "role") {
            return document.map(|d| (d, true));
        }
        if !is_document(&written) {
            return Some((resolved, false));
        }
        if document.is_none() {
            document = Some(resolved);
        }
    }
    document.map(|d| (d, true))
}

/// Whether an appositive opened by an article describes who speaks: it ends in a title ("the
/// city's mayor") or its head, among its first three words, is a title, a body or a medium ("a
/// news website run by ...").
fn open_appositive_describes(appositive: &str) -> bool {
    is_role(appositive)
        || appositive
            .split_whitespace()
            .skip(1)
            .take(3)
            .any(|w| is_role(w) || is_body(w) || is_medium(w))
}

/// An age given with a name: "Ann Roe, 56," or "56-year-old Ann Roe".
static NAME_WITH_AGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<who>{NAME}),\s+(?P<age>\d{{1,3}}),|\b(?P<age2>\d{{1,3}})-year-old\s+(?P<who2>{NAME})"
    ))
    .expect("valid regex")
});

/// An age written for an unnamed person ("a 56-year-old man"): another person of that age.
static UNNAMED_AGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[Aa]n?\s+(?P<age>\d{1,3})-year-old\b").expect("valid regex"));

/// The one known person `text` gives the age of a speaker written as `noun` ("56-year-old"):
/// none when the noun is no age, when no person or several are given that age, or when the text
/// also gives it to someone unnamed ("a 56-year-old man").
fn aged_person(text: &str, noun: &str, people: &PersonIndex) -> Option<String> {
    let age = noun.strip_suffix("-year-old")?;
    if UNNAMED_AGE.captures_iter(text).any(|c| &c["age"] == age) {
        return None;
    }
    let mut found: Option<String> = None;
    for c in NAME_WITH_AGE.captures_iter(text) {
        let (who, given) = match (c.name("who"), c.name("age"), c.name("who2"), c.name("age2")) {
            (Some(w), Some(a), _, _) | (_, _, Some(w), Some(a)) => (w.as_str(), a.as_str()),
            _ => continue,
        };
        if given != age {
            continue;
        }
        let (_, name) = people.resolve(who);
        if !people.full.contains(&name) {
            return None;
        }
        match &found {
            Some(f) if *f != name => return None,
            _ => found = Some(name),
        }
    }
    found
}

/// The noun of a speaker written as "the" and one lower-case noun that names a person by what
/// they do ("the actor", "the senator", "the prosecutor"): a title, or an agent noun in "-er",
/// "-or", "-ist", "-ian", "-ant", "-ent"; not a body, a medium, a document or an institution.
fn person_noun(lower: &str) -> Option<&str> {
    let noun = lower.strip_prefix("the ")?;
    // "the 48-year-old": a person named by their age.
    if noun
        .strip_suffix("-year-old")
        .is_some_and(|n| (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(noun);
    }
    // "the singer and guitarist": two person nouns joined by "and" name one person.
    if let Some((first, second)) = noun.split_once(" and ") {
        return (person_noun(&format!("the {first}")).is_some()
            && person_noun(&format!("the {second}")).is_some())
        .then_some(noun);
    }
    let agent = ["er", "or", "ist", "ian", "ant", "ent"]
        .iter()
        .any(|suffix| noun.ends_with(suffix))
        && !noun.ends_with("ment");
    let described = matches!(
        noun,
        "native" | "resident" | "veteran" | "star" | "actress" | "icon" | "legend"
    );
    (noun.chars().all(|c| c.is_alphabetic() || c == '-')
        && (agent || described || is_role(noun))
        && !is_body(noun)
        && !is_medium(noun)
        && !is_institution(noun)
        && !is_generic_body(lower))
    .then_some(noun)
}

/// A speaker written as "the", one to three capitalised words and a lower-case person noun
/// ("the New York native", "the Missouri lawmaker"; not a title such as "the Fleet Commander"):
/// the noun phrase without "the", when [`person_noun`] takes its last word.
fn modified_person_noun(written: &str) -> Option<String> {
    let rest = written
        .strip_prefix("the ")
        .or_else(|| written.strip_prefix("The "))?;
    // "the Republican senator from Ohio": the place the person comes from is no modifier.
    let rest = rest
        .split_once(" from ")
        .filter(|(_, place)| place.starts_with(char::is_uppercase))
        .map_or(rest, |(head, _)| head);
    let words: Vec<&str> = rest.split_whitespace().collect();
    let (noun, modifiers) = words.split_last()?;
    ((1..=3).contains(&modifiers.len())
        && noun.starts_with(char::is_lowercase)
        && modifiers.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && !w.ends_with(['\'', '’'])
                && !w.ends_with("'s")
                && !w.ends_with("’s")
        })
        && person_noun(&format!("the {noun}")).is_some())
    .then(|| rest.to_string())
}

/// Whether a modifier is a party's adjective ("Republican", "Labour"): it qualifies a person noun
/// the way a lower-case adjective does and names no body the text must tie the person to.
fn is_party_word(modifier: &str) -> bool {
    matches!(
        modifier,
        "Republican" | "Democratic" | "Democrat" | "GOP" | "Labour" | "Conservative" | "Tory"
    )
}

/// Whether `text` names the person `name` (by its last word) in one sentence (at most 200 bytes
/// either side) with `modifier`: the modifier itself ("Missouri"), a state abbreviation that
/// spells it ("D-Mo."), or, for an acronym ("IMF", "U.N."), capitalised words whose initials
/// spell it ("International Monetary Fund"; "of", "the", "and", "for" skipped).
fn tied_to_modifier(text: &str, name: &str, modifier: &str) -> bool {
    const REACH: usize = 200;
    let surname = name.rsplit(' ').next().unwrap_or(name);
    if surname.is_empty() {
        return false;
    }
    // "IMF", "U.N.": the capitals of an acronym, without its full stops.
    let letters: String = modifier.chars().filter(|&c| c != '.').collect();
    let acronym = letters.len() >= 2
        && !letters.contains(' ')
        && letters.bytes().all(|b| b.is_ascii_uppercase());
    text.match_indices(surname).any(|(at, _)| {
        let whole = !text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && !text[at + surname.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        if !whole {
            return false;
        }
        let mut from = at.saturating_sub(REACH);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (at + surname.len() + REACH).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        // Within the name's sentence: from the last sentence end before it to the next after;
        // an abbreviation's full stop ("U.N. envoy", "Sen.") ends none.
        let ends = |piece: &str| -> Vec<usize> {
            piece
                .match_indices(['\n', '.', '!', '?'])
                .filter(|(i, m)| {
                    *m == "\n"
                        || (piece[i + 1..].starts_with(' ')
                            && !(*m == "."
                                && is_abbreviation(
                                    piece[..=*i]
                                        .rsplit(char::is_whitespace)
                                        .next()
                                        .unwrap_or(""),
                                )))
                })
                .map(|(i, _)| i + 1)
                .collect()
        };
        from += ends(&text[from..at]).last().copied().unwrap_or(0);
        let after = at + surname.len();
        to = ends(&text[after..to]).first().map_or(to, |e| after + e);
        let near = &text[from..to];
        if contains_word(near, modifier) {
            return true;
        }
        let words: Vec<&str> = near
            .split(|c: char| !(c.is_alphanumeric() || c == '.'))
            .filter(|w| !w.is_empty())
            .collect();
        if words
            .iter()
            .any(|w| super::places::state_of_abbreviation(w) == Some(modifier))
        {
            return true;
        }
        acronym && {
            let initials: Vec<u8> = words
                .iter()
                .filter(|w| !matches!(**w, "of" | "the" | "and" | "for"))
                .map(|w| {
                    if w.starts_with(char::is_uppercase) {
                        w.as_bytes()[0]
                    } else {
                        b'.'
                    }
                })
                .collect();
            initials
                .windows(letters.len())
                .any(|run| run == letters.as_bytes())
        }
    })
}

/// Whether a written speaker is a web address without its scheme ("Rajanews.com",
/// "example.co.uk"): one word whose last dot-separated part is two to four lower-case letters
/// after a part of letters, digits or hyphens.
fn is_web_domain(name: &str) -> bool {
    let Some((host, tld)) = name.rsplit_once('.') else {
        return false;
    };
    let label = host.rsplit('.').next().unwrap_or(host);
    (2..=4).contains(&tld.len())
        && tld.bytes().all(|b| b.is_ascii_lowercase())
        && label.len() >= 2
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// Whether a written speaker is a body named only by its kind ("the group", "the organisation").
fn is_generic_body(lower: &str) -> bool {
    matches!(
        lower,
        "the group"
            | "the organization"
            | "the organisation"
            | "the movement"
            | "the alliance"
            | "the front"
            | "the association"
    )
}

/// Whether a written speaker is a newspaper named by its kind ("the newspaper", "the paper").
fn is_press_noun(lower: &str) -> bool {
    matches!(lower, "the newspaper" | "the paper" | "the daily")
}

/// Whether a name is a newspaper's ("Harbor Daily", "The Lakeside Post", "Valley Journal").
fn is_press_name(name: &str) -> bool {
    name.split_whitespace().last().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "daily"
                | "times"
                | "post"
                | "news"
                | "journal"
                | "herald"
                | "tribune"
                | "gazette"
                | "telegraph"
                | "guardian"
                | "newspaper"
        )
    })
}

/// The body that owns a document named by `noun` ("policy"), from its last mention with the
/// body before it in `text`: "the Nordex policy", "Nordex's privacy policy" -> "Nordex"
/// (mentions without a body before them, "the policy", are passed over). The body must be a
/// name of the entity list that is not a person's.
fn document_owner(text: &str, noun: &str, people: &PersonIndex) -> Option<String> {
    if noun.is_empty() {
        return None;
    }
    for (pos, _) in text.rmatch_indices(noun) {
        if !is_word_at(text, pos, noun.len()) {
            continue;
        }
        let words: Vec<&str> = text[..pos].split_whitespace().rev().take(7).collect();
        // Up to two lower-case words ("privacy", "new") between the body and the noun.
        let skip = words
            .iter()
            .take(2)
            .take_while(|w| w.starts_with(char::is_lowercase) && w.chars().all(char::is_alphabetic))
            .count();
        let mut name: Vec<&str> = Vec::new();
        for (i, word) in words[skip..].iter().enumerate() {
            let word = if i == 0 {
                word.trim_end_matches("'s").trim_end_matches("’s")
            } else {
                word
            };
            if !word.starts_with(char::is_uppercase) || (i > 0 && word.ends_with([',', '.'])) {
                break;
            }
            name.insert(0, word);
        }
        while !name.is_empty() {
            let candidate = name.join(" ");
            if people.not_people.contains(&candidate) {
                return Some(candidate);
            }
            name.remove(0);
        }
    }
    None
}

/// Whether a written speaker is a medium that relays what others say ("the official news
/// agency", "state television", "the newspaper"), or a document.
fn is_medium(written: &str) -> bool {
    let last = written
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    is_document(written)
        || matches!(
            last.as_str(),
            "agency"
                | "newspaper"
                | "paper"
                | "daily"
                | "radio"
                | "television"
                | "tv"
                | "broadcaster"
                | "station"
                | "channel"
                | "network"
                | "magazine"
                | "website"
        )
}

/// Whether a written speaker is a document ("the report", "a government statement").
fn is_document(written: &str) -> bool {
    let last = written
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    written.split_whitespace().count() <= 4
        && matches!(
            last.as_str(),
            "report"
                | "statement"
                | "speech"
                | "interview"
                | "letter"
                | "release"
                | "communique"
                | "message"
                | "address"
                | "editorial"
                | "article"
                | "commentary"
                | "policy"
        )
}

/// A byte range of an article: the text a pronoun may point back into.
#[derive(Debug, Clone, Copy)]
struct Window {
    from: usize,
    to: usize,
}

/// Where an attribution that ends at `end` reaches: `end`, or, when it stops at the full stop of
/// an abbreviation ("U.S."), no sentence end, the end of its paragraph.
fn attribution_reach(text: &str, end: usize) -> usize {
    let Some(head) = text.get(..end) else {
        return end;
    };
    let word = head.rsplit(char::is_whitespace).next().unwrap_or("");
    if text[end..].starts_with('.') && !word.is_empty() && is_abbreviation(&format!("{word}.")) {
        text[end..].find("\n\n").map_or(text.len(), |p| end + p)
    } else {
        end
    }
}

/// The person a "he"/"she" before or after a quote refers to, only when the text makes it
/// unambiguous; the window is this paragraph up to the quote and the paragraph before. People
/// `fits` rejects (wrong gender, named in the attribution itself) are not candidates; an unnamed
/// person of the pronoun's gender ("a woman") after the last candidate makes it ambiguous.
///
/// 1. No candidate: the speaker of the article's previous quote, when it fits and that quote is
///    in the window.
/// 2. One candidate: that person.
/// 3. Several: the previous quote's speaker when that quote is in the window and is one of
///    them; else the nearest sentence naming a candidate decides when it names one, or names
///    one first, near its start (the subject); else the one candidate who is the subject of a
///    speech verb in the window ("X said ..."); else nobody.
fn resolve_pronoun(
    doc: &Doc<'_>,
    people: &PersonIndex,
    window: Window,
    pronoun: Gender,
    fits: &dyn Fn(&String) -> bool,
    earlier: &[Raw],
) -> Option<String> {
    let last_quote = earlier.last();
    let mut mentions = people.mentions(doc, window.from, window.to, fits);
    // Earlier named speakers of the article count as people even when the entity list does not
    // type them as persons.
    let text = doc.text.get(window.from..window.to).unwrap_or("");
    for raw in earlier
        .iter()
        .filter(|r| r.kind == "person" && r.source != "pronoun")
    {
        let Some(name) = &raw.speaker else { continue };
        if mentions.iter().any(|(_, n)| n == name) || !fits(name) {
            continue;
        }
        let surname = name.rsplit(' ').next().unwrap_or(name);
        if let Some(pos) = last_word_match(text, surname) {
            mentions.push((window.from + pos, name.clone()));
        } else if let Some((first, _)) = name.split_once(' ')
            && first.len() > 2
            && first.starts_with(char::is_uppercase)
            && !first.ends_with('.')
            && let Some(pos) = last_word_match(text, first)
            && !text[pos + first.len()..]
                .trim_start()
                .starts_with(char::is_uppercase)
        {
            // The speaker's first word alone: a name written surname first ("Geng Shuang",
            // then "Geng"), or a given name.
            mentions.push((window.from + pos, name.clone()));
        }
    }
    // Nobody named: "the judge said ..." names the one person the cluster gives that role.
    if mentions.is_empty() {
        for caps in SAID_IN_SENTENCE.captures_iter(text) {
            let Some(who) = caps.name("who") else {
                continue;
            };
            let lower = who.as_str().to_lowercase();
            if person_noun(&lower).is_some()
                && let resolved = people.resolve_speaker(who.as_str(), doc.index)
                && resolved.kind == "person"
                && let Some(name) = resolved.name.filter(|n| fits(n))
            {
                mentions.push((window.from + who.start(), name));
            }
        }
    }
    mentions.sort();
    mentions.dedup_by(|a, b| a.1 == b.1);
    // A name in a sentence whose subject is the pronoun, written before the name ("she can see
    // why Roe's saw ..."), is no referent of it.
    let word = match pronoun {
        Gender::Male => "he",
        Gender::Female => "she",
        Gender::Unknown => "",
    };
    // Unless the name is also written in an earlier sentence of the window ("X had family there.
    // Even though he lives elsewhere, X was born here."): that mention stands.
    if !word.is_empty() {
        mentions.retain_mut(|(pos, name)| {
            let i = doc.sentences.partition_point(|s| s.span.end <= *pos);
            let Some(sentence) = doc.sentences.get(i).filter(|s| s.span.start <= *pos) else {
                return true;
            };
            let lead = doc.text.get(sentence.span.start..*pos).unwrap_or("");
            if !lead
                .split(|c: char| !c.is_alphabetic())
                .any(|w| w.eq_ignore_ascii_case(word))
            {
                return true;
            }
            let surname = name.rsplit(' ').next().unwrap_or(name);
            match doc
                .text
                .get(window.from..sentence.span.start.max(window.from))
                .and_then(|earlier| last_word_match(earlier, surname))
            {
                Some(p) => {
                    *pos = window.from + p;
                    true
                }
                None => false,
            }
        });
        mentions.sort();
    }
    // The previous quote's speaker, when it was given the same pronoun ("he asked. ... he
    // continued"), fits whatever gender the cluster suggested. Only "he" and "she" are such
    // pronouns: any other word reads as `Unknown` and matches nothing.
    let previous_speaker = last_quote
        .filter(|r| r.kind == "person")
        .filter(|r| {
            r.speaker.as_ref().is_some_and(fits)
                || pronoun != Gender::Unknown
                    && r.speaker_written
                        .as_deref()
                        .is_some_and(|w| Gender::of_pronoun(&w.to_lowercase()) == pronoun)
        })
        .and_then(|r| r.speaker.clone());
    if let (Some(r), Some(name)) = (last_quote, &previous_speaker)
        && r.pieces[0].start >= window.from
        && !mentions.iter().any(|(_, n)| n == name)
    {
        mentions.push((r.pieces[0].start, name.clone()));
        mentions.sort();
    }
    let last_pos = mentions.last().map_or(window.from, |(pos, _)| *pos);
    if unnamed_after(doc, last_pos, window.to, pronoun) {
        return None;
    }
    match mentions.as_slice() {
        // Nobody named in reach: the previous quote's speaker, when that quote is in reach too.
        [] => {
            return previous_speaker
                .filter(|_| last_quote.is_some_and(|r| r.pieces[0].start >= window.from))
                .or_else(|| chained_referent(doc, people, window, pronoun, fits))
                .or_else(|| untyped_subject(doc, people, window, pronoun))
                .or_else(|| apposed_subject(doc, window, pronoun).filter(|n| fits(n)));
        }
        // A name that looks like a person's (not typed one) nearer the pronoun makes it a guess;
        // not one whose last word is part of a body's or a place's name ("Occupy Lindenfeld").
        [(pos, one)] => {
            // Not a name after a determiner ("on the Cold War"), unless it ends in a word for a
            // person ("the Fort Worth Democrat").
            let words = WordStarts::of(text);
            // A name inside the attribution of the previous quote, when that quote is the
            // candidate's ("X, deputy head of the Roe Directorate, said"), describes the speaker
            // and is no rival.
            // An attribution read up to an abbreviation's full stop ("X, an official with the
            // U.S. Space Agency, said") runs on to its paragraph's end.
            let in_own_attribution = |p: usize| {
                last_quote
                    .filter(|r| r.speaker.as_ref() == Some(one))
                    .and_then(|r| r.attribution)
                    .is_some_and(|a| {
                        a.start <= window.from + p
                            && window.from + p < attribution_reach(doc.text, a.end)
                    })
            };
            let rival = people.other_by_surname.iter().any(|(surname, full)| {
                let personal = || {
                    let lower = surname.to_lowercase();
                    super::entities::is_group_word(surname)
                        || super::entities::is_person_noun(&lower)
                        || is_role(surname)
                        || person_noun(&format!("the {lower}")).is_some()
                };
                full != one
                    && !people.non_person_words.contains(surname)
                    && words.last_match(text, surname).is_some_and(|p| {
                        window.from + p > *pos
                            && !inside_quotation(text, p)
                            && !in_own_attribution(p)
                    })
                    && (personal()
                        || last_word_match(text, full).is_none_or(|p| {
                            !text[..p]
                                .trim_end()
                                .rsplit(' ')
                                .next()
                                .is_some_and(|w| matches!(w, "the" | "The" | "a" | "an"))
                        }))
            });
            return (!rival).then(|| one.clone());
        }
        _ => {}
    }
    let names: Vec<&String> = mentions.iter().map(|(_, n)| n).collect();
    let sentences: Vec<Span> = doc
        .sentences
        .iter()
        .map(|s| Span::new(s.span.start.max(window.from), s.span.end.min(window.to)))
        .filter(|s| s.start < s.end)
        .collect();
    // The subject of the nearest sentence of the pronoun's own paragraph that names a
    // candidate, when the previous quote is in an earlier paragraph ("X said ... ¶ Y described
    // it as unfortunate. He would not say, adding: "...": Y).
    let block_start = doc
        .text
        .get(..window.to)
        .and_then(|t| t.rfind("\n\n"))
        .map_or(0, |p| p + 2);
    let subject_of = |sentence: &Span| {
        let mut firsts: Vec<(usize, &String)> = names
            .iter()
            .map(|name| (PersonIndex::first_mention(doc, *sentence, name), *name))
            .filter(|(pos, _)| *pos < sentence.end)
            .collect();
        firsts.sort();
        firsts.first().map(|(first, name)| {
            let start = written_name_start(doc.text, *first, name).max(sentence.start);
            let lead = doc.text.get(sentence.start..start).unwrap_or("");
            subject_lead(lead).then_some(*name)
        })
    };
    // The nearest sentence naming candidates makes two of them subjects of coordinated clauses
    // ("X said ... and Y dismissed ..."): the pronoun could be either, so nobody is guessed.
    if let Some(sentence) = sentences.iter().rev().find(|s| {
        names
            .iter()
            .any(|n| PersonIndex::first_mention(doc, **s, n) < s.end)
    }) && two_clause_subjects(doc, *sentence, &names)
    {
        return None;
    }
    if last_quote.is_some_and(|r| r.pieces[0].start < block_start)
        && let Some(Some(name)) = sentences
            .iter()
            .rev()
            .take_while(|s| s.start >= block_start)
            .find_map(subject_of)
    {
        return Some(name.clone());
    }
    if let Some(r) = last_quote
        && r.pieces[0].start >= window.from
        && let Some(name) = &r.speaker
        && names.contains(&name)
    {
        return Some(name.clone());
    }
    // The nearest sentence (or the part of the quote's own sentence before it) naming a
    // candidate.
    let surname = |name: &str| name.rsplit(' ').next().unwrap_or(name).to_string();
    for sentence in sentences.iter().rev() {
        let mut firsts: Vec<(usize, &String)> = names
            .iter()
            .map(|name| (PersonIndex::first_mention(doc, *sentence, name), *name))
            .filter(|(pos, _)| *pos < sentence.end)
            .collect();
        firsts.sort();
        match firsts.as_slice() {
            [] => {}
            [(_, one)] => return Some((*one).clone()),
            [(first, name), ..] => {
                let start = written_name_start(doc.text, *first, name).max(sentence.start);
                let lead = doc.text.get(sentence.start..start).unwrap_or("");
                if subject_lead(lead) {
                    return Some((*name).clone());
                }
                break;
            }
        }
    }
    // The one candidate who is the subject of a speech verb in reach ("X said he ...").
    let text = doc.text.get(window.from..window.to).unwrap_or("");
    let mut speakers: Vec<&String> = SAID_IN_SENTENCE
        .captures_iter(text)
        .filter_map(|caps| {
            let who = caps.name("who")?.as_str();
            let last = who.split_whitespace().last()?;
            names.iter().copied().find(|n| surname(n) == last)
        })
        .collect();
    speakers.sort();
    speakers.dedup();
    match speakers.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    }
}

/// Whether the words of a sentence before a name leave the name its subject: at most three
/// words ("Acme manager X"), or an opening phrase closed by a comma ("Following the encore, X
/// ...", "After playing "Song," X ...").
fn subject_lead(lead: &str) -> bool {
    const OPENERS: [&str; 14] = [
        "After",
        "Following",
        "Before",
        "During",
        "In",
        "At",
        "On",
        "With",
        "Despite",
        "Asked",
        "Speaking",
        "Later",
        "Earlier",
        "Upon",
    ];
    if lead.split_whitespace().count() <= 3 {
        return true;
    }
    let closed = lead
        .trim_end()
        .trim_end_matches(['"', '”', '’'])
        .ends_with(',');
    closed
        && lead
            .split_whitespace()
            .next()
            .is_some_and(|first| OPENERS.contains(&first.trim_end_matches(',')))
}

/// Where the name whose surname stands at `surname_at` starts as written: before its given
/// names when the text writes them right before the surname ("Acme manager Jo Roe": at "Jo"), so
/// that the words before a subject count the title, not the name.
fn written_name_start(text: &str, surname_at: usize, name: &str) -> usize {
    let Some((given, _)) = name.rsplit_once(' ') else {
        return surname_at;
    };
    let Some(before) = text.get(..surname_at) else {
        return surname_at;
    };
    let trimmed = before.trim_end();
    match trimmed.strip_suffix(given) {
        Some(rest)
            if trimmed.len() < before.len()
                && rest
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric()) =>
        {
            rest.len()
        }
        _ => surname_at,
    }
}

/// Whether a sentence names two of the candidates as subjects of coordinated clauses: a later
/// candidate whose title and name follow "and", "but" or "while" directly and are followed by a
/// verb in the past tense or a speech verb ("Kerry said ... and Foreign Minister Fabius dismissed ...").
fn two_clause_subjects(doc: &Doc<'_>, sentence: Span, names: &[&String]) -> bool {
    let mut firsts: Vec<(usize, &String)> = names
        .iter()
        .map(|name| (PersonIndex::first_mention(doc, sentence, name), *name))
        .filter(|(pos, _)| *pos < sentence.end)
        .collect();
    if firsts.len() < 2 {
        return false;
    }
    firsts.sort();
    let first = firsts[0].0;
    firsts[1..].iter().any(|(pos, name)| {
        let surname = name.rsplit(' ').next().unwrap_or(name);
        // The coordinator opens the run of capitalised words (a title and the name) that ends
        // in the candidate: "and French Foreign Minister Laurent Fabius".
        let between = doc.text.get(first..*pos).unwrap_or("");
        let coordinated = between
            .split_whitespace()
            .rev()
            .find(|w| !w.starts_with(char::is_uppercase))
            .is_some_and(|w| matches!(w, "and" | "but" | "while" | "whereas"));
        let after = doc
            .text
            .get(pos + surname.len()..sentence.end)
            .unwrap_or("")
            .split_whitespace()
            .next()
            .unwrap_or("");
        let verb = after.chars().all(|c| c.is_ascii_lowercase())
            && (after.len() > 4 && after.ends_with("ed")
                || matches!(after, "said" | "says" | "told" | "denied" | "insisted"));
        coordinated && verb
    })
}

/// The unnamed speaker a he/she points back to: the last sentence of the window that names a
/// candidate or speaks opens with an indefinite role ("An analyst for the survey commented that
/// ... . "...," he said.": a new person, introduced by a role noun, said to speak) and names
/// no candidate. Returns the role noun.
fn unnamed_speaker(
    doc: &Doc<'_>,
    people: &PersonIndex,
    window: Window,
    fits: &dyn Fn(&String) -> bool,
) -> Option<String> {
    let upto = doc.sentences.partition_point(|s| s.span.start < window.to);
    for sentence in doc.sentences[..upto].iter().rev() {
        let span = sentence.span;
        if span.start < window.from {
            break;
        }
        let end = span.end.min(window.to);
        if !people.mentions(doc, span.start, end, fits).is_empty() {
            return None;
        }
        let text = doc.text.get(span.start..end)?;
        let speaks = SPEECH_WORD.is_match(text);
        let mut words = text.split_whitespace();
        if !matches!(words.next(), Some("A" | "An")) {
            if speaks {
                return None;
            }
            continue;
        }
        let noun = words
            .take(4)
            .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
            .take_while(|w| !w.is_empty() && !crate::stopwords::is_stopword(w))
            .find(|w| {
                w.starts_with(char::is_lowercase)
                    && (is_role(w) || person_noun(&format!("the {w}")).is_some())
            });
        if speaks {
            return noun.map(str::to_string);
        }
    }
    None
}

/// A speech verb anywhere ([`VERBS`]).
static SPEECH_WORD: LazyLock<NarrowRegex> =
    LazyLock::new(|| NarrowRegex::new(&format!(r"\b(?:{VERBS})\b")));

/// The referent of a he/she with no typed person in the window: the one name that looks like a
/// person's (two or three capitalised words the entity list did not type) that the window
/// gives in full, when a sentence of the window opens with it and a lower-case word
/// ("Jane Roe spoke Tuesday ... ¶ "...," she said." -> Jane Roe).
fn untyped_subject(
    doc: &Doc<'_>,
    people: &PersonIndex,
    window: Window,
    pronoun: Gender,
) -> Option<String> {
    if pronoun == Gender::Unknown {
        return None;
    }
    let text = doc.text.get(window.from..window.to)?;
    let mut named: Vec<&String> = people
        .other_by_surname
        .values()
        .filter(|full| full.contains(' ') && contains_word(text, full))
        .collect();
    named.sort();
    named.dedup();
    let [one] = named.as_slice() else {
        return None;
    };
    let opens_sentence = doc
        .sentences
        .iter()
        .filter(|s| s.span.start >= window.from && s.span.end <= window.to)
        .any(|s| {
            doc.slice(s.span)
                .trim_start()
                .strip_prefix(one.as_str())
                .and_then(|rest| rest.strip_prefix(' '))
                .is_some_and(|rest| rest.starts_with(char::is_lowercase))
        });
    opens_sentence.then(|| (*one).clone())
}

/// "But the agency's chief, Jane Roe, warned that ... ¶ "...," he said.": with nobody typed in
/// the window, the name in apposition to the subject of the window's last sentence that has
/// one (an article opens the subject; the name has two to four capitalised words and a
/// lower-case word follows it).
fn apposed_subject(doc: &Doc<'_>, window: Window, pronoun: Gender) -> Option<String> {
    if pronoun == Gender::Unknown {
        return None;
    }
    doc.sentences
        .iter()
        .rev()
        .filter(|s| s.span.start >= window.from && s.span.end <= window.to)
        .find_map(|s| {
            let sentence = doc.slice(s.span).trim_start();
            let sentence = sentence
                .strip_prefix("But ")
                .or_else(|| sentence.strip_prefix("And "))
                .unwrap_or(sentence);
            let first = sentence.split_whitespace().next()?;
            if !matches!(first, "A" | "An" | "The" | "the") {
                return None;
            }
            let comma = sentence.find(", ")?;
            let named = NAME_IN_APPOSITION.captures(&sentence[comma..])?;
            let end = comma + named.get(0)?.end();
            sentence[end..]
                .strip_prefix(", ")
                .is_some_and(|rest| rest.starts_with(char::is_lowercase))
                .then(|| named["name"].to_string())
        })
}

/// Paragraphs before the window a pronoun chain may run back over.
const CHAIN_PARAGRAPHS: usize = 3;

/// The referent of a he/she with nobody named in the window, through a chain of the same
/// pronoun: going back paragraph by paragraph (at most [`CHAIN_PARAGRAPHS`]) before the window,
/// while every paragraph passed over uses the pronoun and names nobody who fits, the first
/// paragraph that names someone who fits decides when it names exactly one person who fits
/// and no unnamed person of the pronoun's gender follows ("Roe said ... ¶ Still, she thinks ...
/// ¶ "...," she said." -> Roe).
fn chained_referent(
    doc: &Doc<'_>,
    people: &PersonIndex,
    window: Window,
    pronoun: Gender,
    fits: &dyn Fn(&String) -> bool,
) -> Option<String> {
    if pronoun == Gender::Unknown {
        return None;
    }
    let word = if pronoun == Gender::Male { "he" } else { "she" };
    let uses_pronoun = |from: usize, to: usize| {
        doc.text.get(from..to).is_some_and(|t| {
            t.split(|c: char| !c.is_alphabetic())
                .any(|w| w.eq_ignore_ascii_case(word))
        })
    };
    if !uses_pronoun(window.from, window.to) || unnamed_after(doc, window.from, window.to, pronoun)
    {
        return None;
    }
    let blocks = doc.block_spans();
    let first = blocks.iter().position(|b| b.end > window.from)?;
    for block in blocks[..first].iter().rev().take(CHAIN_PARAGRAPHS) {
        let named = people.mentions(doc, block.start, block.end, fits);
        let mut names: Vec<&String> = named.iter().map(|(_, n)| n).collect();
        names.dedup();
        match names.as_slice() {
            [] if uses_pronoun(block.start, block.end)
                && !unnamed_after(doc, block.start, block.end, pronoun) => {}
            [one] if !unnamed_after(doc, named[named.len() - 1].0, block.end, pronoun) => {
                return Some((*one).clone());
            }
            _ => return None,
        }
    }
    None
}

/// Where the last word of `text` starts: after its last whitespace character, which may be wider
/// than a byte (a no-break space); 0 when there is none.
fn after_last_whitespace(text: &str) -> usize {
    text.char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(w, c)| w + c.len_utf8())
}

/// Where the last sentence of `text` starts: after the last `.`, `!` or `?` that is followed by
/// a space and does not end an abbreviation ("Rep.", "N.C.,", "U.S."); 0 when there is none.
fn sentence_start(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut end = text.len();
    while let Some(p) = text[..end].rfind(['.', '!', '?']) {
        end = p;
        let followed_by_space = bytes.get(p + 1).is_none_or(u8::is_ascii_whitespace);
        if !followed_by_space {
            continue;
        }
        let word_start = after_last_whitespace(&text[..p]);
        let word = &text[word_start..=p];
        if bytes[p] == b'.' && is_abbreviation(word) {
            continue;
        }
        return p + 1;
    }
    0
}

/// Drops leading words that cannot name a speaker ("Tuesday said", "It said"), cuts the span at
/// a sentence end ("Ali Larijani. On Monday" -> "Ali Larijani") and drops a trailing full stop
/// ("Blair." -> "Blair"); `None` when nothing is left. "he", "she", "they" and "the <noun>" are
/// kept.
fn clean_speaker(who: &str) -> Option<String> {
    // Besides the weekdays (`calendar::WEEKDAY_WORDS`).
    const NOT_NAMES: &[&str] = &[
        "today",
        "yesterday",
        "it",
        "this",
        "that",
        "which",
        "who",
        "we",
        "i",
        "you",
        "there",
        "officials",
        "and",
        "but",
        "also",
    ];
    let lower = who.to_lowercase().replace('’', "'");
    // "we're told", "they'll say": a pronoun with a contraction names nobody.
    if ["we'", "i'", "you'", "they'", "it'"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return None;
    }
    // "the letter he wrote": a pronoun ends the match; it is the speaker.
    if let Some(last) = lower.split_whitespace().last()
        && matches!(last, "he" | "she" | "they" | "it")
    {
        return Some(last.to_string());
    }
    let mut words: Vec<&str> = who.split_whitespace().collect();
    // A word ending in a full stop that is no abbreviation ends the sentence: the rest is not
    // part of the speaker.
    if let Some(end) = words
        .iter()
        .position(|w| w.ends_with('.') && !is_abbreviation(w))
    {
        words.truncate(end + 1);
    }
    let cleaned: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i + 1 == words.len() && !is_abbreviation(w) {
                w.trim_end_matches(['.', '\'', '’']).to_string()
            } else {
                (*w).to_string()
            }
        })
        .filter(|w| !w.is_empty())
        .collect();
    // "Apple's Tim Cook", "the paper's Jane Roe": the name after the possessive speaks when it has
    // two capitalised words or more; not when "of" opens the possessive ("Dr. Jane Roe of
    // Acme's Research Center": the centre is where Roe works).
    if let Some(owner) = cleaned
        .iter()
        .rposition(|w| w.ends_with("'s") || w.ends_with("’s"))
        && !(owner >= 2 && cleaned[owner - 1] == "of")
        && cleaned.len() >= owner + 3
        && cleaned[owner + 1..]
            .iter()
            .all(|w| w.starts_with(char::is_uppercase))
    {
        return Some(cleaned[owner + 1..].join(" "));
    }
    if ["the ", "a ", "an ", "one ", "another "]
        .iter()
        .any(|article| lower.starts_with(article))
    {
        return (cleaned.len() > 1).then(|| cleaned.join(" "));
    }
    let not_name =
        |lower: &str| NOT_NAMES.contains(&lower) || crate::calendar::WEEKDAY_WORDS.contains(&lower);
    let mut cleaned = cleaned;
    while cleaned.last().is_some_and(|w| not_name(&w.to_lowercase())) {
        cleaned.pop();
    }
    let skip = cleaned
        .iter()
        .take_while(|w| {
            let lower = w.to_lowercase();
            not_name(&lower) || crate::stopwords::is_stopword(&lower)
        })
        .count();
    (skip < cleaned.len()).then(|| cleaned[skip..].join(" "))
}

/// Whether a word ending in a full stop is an abbreviation rather than a sentence end: an
/// initial or dotted abbreviation ("J.", "U.S."), or a short capitalised title ("Mr.", "Jr.",
/// "Gen.", "Lt.").
fn is_abbreviation(word: &str) -> bool {
    let bare = word.trim_end_matches('.');
    let letters = bare.chars().filter(|c| c.is_alphabetic()).count();
    bare.contains('.')
        || letters <= 1
        || (letters <= 3
            && bare.chars().next().is_some_and(char::is_uppercase)
            && bare.chars().skip(1).all(char::is_lowercase)
            && super::entities::is_title(bare))
        || matches!(bare, "Jr" | "Sr" | "St")
        || (bare.starts_with(char::is_uppercase) && super::entities::is_abbreviated_title(bare))
}

/// Whether a written speaker names a body rather than a person ("Iran's Foreign Ministry").
fn is_body(written: &str) -> bool {
    const BODIES: &[&str] = &[
        "ministry",
        "office",
        "council",
        "government",
        "agency",
        "committee",
        "union",
        "department",
        "police",
        "army",
        "navy",
        "court",
        "parliament",
        "commission",
        "coalition",
        "authorities",
        "embassy",
        "administration",
        "company",
        "group",
    ];
    written
        .split_whitespace()
        .last()
        .is_some_and(|w| BODIES.contains(&w.to_lowercase().as_str()))
}

/// Whether a name ends in a word that names an institution ("Massachusetts General Hospital").
fn is_institution(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "hospital",
        "university",
        "school",
        "college",
        "institute",
        "center",
        "centre",
        "corp",
        "inc",
        "association",
        "foundation",
        "party",
        "bank",
        "daily",
        "times",
        "post",
        "news",
        "agency",
        "campaign",
    ];
    name.split_whitespace()
        .last()
        .is_some_and(|w| WORDS.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
}

/// Whether a written speaker (without "the") names a role rather than a person: its last word
/// is a title ("Foreign Secretary", "President", "Iranian Consul").
fn is_role(written: &str) -> bool {
    const MORE_ROLES: &[&str] = &[
        "consul",
        "official",
        "spokesperson",
        "adviser",
        "advisor",
        "commander",
        "admiral",
        "attorney",
        "head",
        "manager",
        "analyst",
        "source",
        "prosecutor",
        "executive",
        "officer",
    ];
    written.split_whitespace().last().is_some_and(|w| {
        let lower = w.to_lowercase();
        super::entities::is_title(w)
            || MORE_ROLES.contains(&lower.as_str())
            || MORE_ROLES.contains(&lower.trim_end_matches('s'))
    })
}

/// The end of the closing mark at `at`: one character, or two for a garbled curly mark ("�?").
fn garbled_close_end(text: &str, at: usize) -> usize {
    let end = next_char_end(text, at);
    if text[at..].starts_with('\u{fffd}') && text[end..].starts_with('?') {
        end + 1
    } else {
        end
    }
}

fn next_char_end(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(at, |c| at + c.len_utf8())
}

fn prev_char_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|head| head.chars().next_back())
        .map_or(at, |c| at - c.len_utf8())
}

fn normalized_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(|w| super::figures::lower_token(w).into_owned())
        .collect()
}

/// A person's grammatical gender as the cluster refers to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    fn of_pronoun(pronoun: &str) -> Gender {
        match pronoun {
            "he" => Gender::Male,
            "she" => Gender::Female,
            _ => Gender::Unknown,
        }
    }

    /// The gender an honorific gives ("Mrs.", "Mr."); `Unknown` for any other word.
    fn of_honorific(word: &str) -> Gender {
        match word.trim_end_matches('.') {
            "Mr" => Gender::Male,
            "Mrs" | "Ms" | "Miss" => Gender::Female,
            _ => Gender::Unknown,
        }
    }

    /// Whether a person of this gender can be the referent of a pronoun of `pronoun`'s gender.
    fn fits(self, pronoun: Gender) -> bool {
        self == Gender::Unknown || pronoun == Gender::Unknown || self == pronoun
    }
}

/// Unnamed people a pronoun can refer to ("a woman wearing a veil ... she told").
fn unnamed_words(gender: Gender) -> &'static [&'static str] {
    match gender {
        Gender::Female => &[
            "woman",
            "girl",
            "lady",
            "mother",
            "daughter",
            "wife",
            "sister",
            "grandmother",
        ],
        Gender::Male => &[
            "man",
            "boy",
            "father",
            "son",
            "husband",
            "brother",
            "grandfather",
        ],
        Gender::Unknown => &[],
    }
}

/// Whether an unnamed person of the pronoun's gender ("a woman", "the man") is mentioned
/// between `from` and `to`.
fn unnamed_after(doc: &Doc<'_>, from: usize, to: usize, pronoun: Gender) -> bool {
    let Some(text) = doc.text.get(from..to) else {
        return false;
    };
    unnamed_in(text, unnamed_words(pronoun))
}

/// Whether `text` holds one of `words` (lower-case person nouns) right after "a", "an", "the",
/// "one" or "another", in any case.
fn unnamed_in(text: &str, words: &[&str]) -> bool {
    // "a woman", "the man", "another boy"; not "her father" (a named person's relative).
    // Each word in lower case, copied only when it holds a capital or a letter outside ASCII.
    let mut previous: Option<Cow<'_, str>> = None;
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let word = super::figures::lower_word(word);
        if previous
            .as_deref()
            .is_some_and(|p| matches!(p, "a" | "an" | "the" | "one" | "another"))
            && words.contains(&&*word)
        {
            return true;
        }
        previous = Some(word);
    }
    false
}

/// Maps written speaker names onto person entities.
struct PersonIndex {
    /// What the text before a quotation says of its speaker, worked out once per distinct text
    /// in this analysis (the same sentence recurs in copies of a story).
    piece_memo: PieceMemo,
    full: HashSet<String>,
    /// The names of `full` of two words or more by their first word and by their last word
    /// (split at single spaces): the owners of a one-word speaker looked up, not searched for.
    by_first_word: HashMap<String, Vec<String>>,
    by_last_word: HashMap<String, Vec<String>>,
    /// Every name of `full` by its last word (split at a single space) in lower case: the only
    /// names that can [`extends`] a name ending in that word.
    by_last_lower: HashMap<String, Vec<String>>,
    by_surname: HashMap<String, String>,
    /// The keys of `by_surname` that are not [`is_plain_word`]s.
    odd_surnames: Vec<String>,
    /// Surnames of names the entity list did not type ("other") but that look like a person's
    /// (two or three capitalised words, no institution word): only to complete a written
    /// surname ("Dolin" -> "Ivan Dolin"), never as pronoun referents.
    other_by_surname: HashMap<String, String>,
    genders: HashMap<String, Gender>,
    /// Genders from he/she alone (an honorific may name another person of the same surname).
    pronoun_genders: HashMap<String, Gender>,
    /// (role in lower case, person, articles mentioning the person).
    roles: Vec<(String, String, Vec<usize>)>,
    /// Names of organisations and one-word places.
    others: HashSet<String>,
    /// Names of organisations (for "the group said").
    organizations: Vec<String>,
    /// Every word of an organisation's or a place's name ("Lindenfeld", "Nordex" of
    /// "Nordex Corp"): a name ending in one is no rival referent for a pronoun.
    non_person_words: HashSet<String>,
    /// Names of organisations, places and other names the entity list does not type as people.
    not_people: HashSet<String>,
    /// Surnames several people share ("Jane Roe" and "John Roe"), with their names.
    shared: HashMap<String, Vec<String>>,
    /// Common given names that open exactly one person's name and end none ("Jane" of "Jane
    /// Roe"): web text calls people by them.
    by_given: HashMap<String, String>,
    /// The first bytes and the lengths (a bit each, under 64) of the keys of `by_surname` and
    /// `by_given`: a word with another is none of them.
    key_firsts: [bool; 256],
    key_lens: u64,
}

/// A written speaker resolved against the cluster's entities.
struct Resolved {
    role: Option<String>,
    name: Option<String>,
    kind: &'static str,
}

impl PersonIndex {
    fn new(entities: &[Entity], docs: &[Doc<'_>]) -> Self {
        let mut full = HashSet::new();
        let mut by_surname = HashMap::new();
        let mut roles = Vec::new();
        let others = entities
            .iter()
            .filter(|e| {
                // A place typed from a cue such as "according to" is often a person's name;
                // only one-word places ("Syria said") stay bodies here.
                e.kind == "organization" || (e.kind == "place" && !e.name.contains(' '))
            })
            .map(|e| e.name.clone())
            .collect();
        let organizations = entities
            .iter()
            .filter(|e| e.kind == "organization" && e.name.contains(' '))
            .map(|e| e.name.clone())
            .collect();
        let non_person_words = entities
            .iter()
            .filter(|e| matches!(e.kind.as_str(), "organization" | "place"))
            .flat_map(|e| e.name.split_whitespace().map(str::to_string))
            .collect();
        let not_people = entities
            .iter()
            .filter(|e| e.kind != "person")
            .map(|e| e.name.clone())
            .collect();
        let of_the = OfThe::new(docs);
        for entity in entities
            .iter()
            .filter(|e| e.kind == "person" && !is_body(&e.name) && !is_institution(&e.name))
        {
            let name = person_name(&entity.name, &of_the);
            full.insert(name.clone());
            for role in &entity.roles {
                roles.push((
                    role.role.to_lowercase(),
                    name.clone(),
                    entity.articles.clone(),
                ));
            }
            if let Some(last) = name.rsplit(' ').next() {
                // "Marsh" is "Hanna Lou Marsh" when "Lou Marsh" is listed too.
                let entry = by_surname
                    .entry(last.to_string())
                    .or_insert_with(|| name.clone());
                if extends(&name, entry) {
                    entry.clone_from(&name);
                }
                // "Préval" written "Preval" elsewhere: the entity list merges the two spellings.
                let plain = super::entities::without_accents(last);
                if plain != last {
                    by_surname
                        .entry(plain.into_owned())
                        .or_insert_with(|| name.clone());
                }
            }
        }
        // "John and Jane Roe": two given names sharing one surname name two people ("Jane" then
        // speaks as "Jane Roe"). One of the two is a common given name; the other is no
        // listed person's surname (but may be listed alone) and no word of a body's or a
        // place's name.
        let place_or_body_word = |word: &str| {
            entities.iter().any(|e| {
                matches!(e.kind.as_str(), "organization" | "place")
                    && e.name.split_whitespace().any(|w| w == word)
            })
        };
        for doc in docs {
            if !doc.text.contains(" and ") {
                continue;
            }
            for (first, second, surname) in couples(doc.text) {
                let given = |w: &str| super::entities::is_given_name(w);
                let plain = |w: &str| {
                    given(w)
                        || (by_surname.get(w).is_none_or(|listed: &String| listed == w)
                            && !place_or_body_word(w))
                };
                if (given(first) || given(second))
                    && plain(first)
                    && plain(second)
                    && !given(surname)
                    && !is_body(surname)
                    && !is_institution(surname)
                {
                    for given in [first, second] {
                        let name = format!("{given} {surname}");
                        by_surname
                            .entry(surname.to_string())
                            .or_insert_with(|| name.clone());
                        full.insert(name);
                    }
                }
            }
        }
        let mut shared: HashMap<String, Vec<String>> = HashMap::new();
        for name in &full {
            if let Some((_, last)) = name.rsplit_once(' ') {
                shared
                    .entry(last.to_string())
                    .or_default()
                    .push(name.clone());
            }
        }
        for owners in shared.values_mut() {
            let all = owners.clone();
            owners.retain(|short| !all.iter().any(|long| extends(long, short)));
            owners.sort();
        }
        shared.retain(|_, owners| owners.len() >= 2);
        let mut given_count: HashMap<&str, usize> = HashMap::new();
        for name in &full {
            if let Some((first, _)) = name.split_once(' ') {
                *given_count.entry(first).or_default() += 1;
            }
        }
        let by_given: HashMap<String, String> = full
            .iter()
            .filter_map(|name| {
                let (first, _) = name.split_once(' ')?;
                (given_count.get(first) == Some(&1)
                    && !by_surname.contains_key(first)
                    && super::entities::is_given_name(first))
                .then(|| (first.to_string(), name.clone()))
            })
            .collect();
        let (genders, pronoun_genders) = infer_genders(&by_surname, docs);
        let mut by_first_word: HashMap<String, Vec<String>> = HashMap::new();
        let mut by_last_word: HashMap<String, Vec<String>> = HashMap::new();
        let mut by_last_lower: HashMap<String, Vec<String>> = HashMap::new();
        for name in &full {
            let last = name.rsplit(' ').next().unwrap_or(name);
            by_last_lower
                .entry(last.to_lowercase())
                .or_default()
                .push(name.clone());
            if let (Some((first, _)), Some((_, last))) =
                (name.split_once(' '), name.rsplit_once(' '))
            {
                by_first_word
                    .entry(first.to_string())
                    .or_default()
                    .push(name.clone());
                by_last_word
                    .entry(last.to_string())
                    .or_default()
                    .push(name.clone());
            }
        }
        let mut other_by_surname = HashMap::new();
        for entity in entities.iter().filter(|e| e.kind == "other") {
            let words: Vec<&str> = entity.name.split_whitespace().collect();
            let looks_personal = (2..=3).contains(&words.len())
                && words.iter().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars()
                            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                })
                && !is_body(&entity.name)
                && !is_institution(&entity.name)
                && !is_role(&entity.name);
            if looks_personal && let Some(last) = words.last() {
                other_by_surname
                    .entry((*last).to_string())
                    .or_insert_with(|| entity.name.clone());
            }
        }
        let odd_surnames = by_surname
            .keys()
            .filter(|surname| !is_plain_word(surname))
            .cloned()
            .collect();
        let mut key_firsts = [false; 256];
        let mut key_lens = 0u64;
        for key in by_surname.keys().chain(by_given.keys()) {
            if let Some(&first) = key.as_bytes().first() {
                key_firsts[usize::from(first)] = true;
            }
            if key.len() < 64 {
                key_lens |= 1 << key.len();
            }
        }
        Self {
            key_firsts,
            key_lens,
            piece_memo: PieceMemo::default(),
            full,
            by_first_word,
            by_last_word,
            by_last_lower,
            by_surname,
            odd_surnames,
            other_by_surname,
            genders,
            pronoun_genders,
            roles,
            others,
            organizations,
            non_person_words,
            not_people,
            shared,
            by_given,
        }
    }

    /// The last organisation of the entity list said to speak in `text` ("the Lake Students
    /// Front, an exiles group, said"), a newspaper's name when `press`; `None` when a person of the
    /// entity list is said to speak after it.
    fn last_body_said(&self, text: &str, press: bool) -> Option<String> {
        for caps in SAID_IN_SENTENCE
            .captures_iter(text)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
        {
            let Some(written) = caps.name("who").and_then(|w| clean_speaker(w.as_str())) else {
                continue;
            };
            let bare = written
                .strip_prefix("the ")
                .or_else(|| written.strip_prefix("The "))
                .unwrap_or(&written);
            if self.others.contains(bare) || self.organizations.iter().any(|o| o == bare) {
                if press && !is_press_name(bare) {
                    continue;
                }
                return Some(bare.to_string());
            }
            if self.full.contains(&self.resolve(bare).1) {
                return None;
            }
            // "In addition, the X Front, an exiles group, said": the body sits in what the
            // match took for an appositive.
            let whole = caps.get(0).map_or("", |m| m.as_str());
            if let Some((_, org)) = self
                .organizations
                .iter()
                .filter_map(|o| whole.rfind(o.as_str()).map(|at| (at, o)))
                .filter(|(_, o)| !press || is_press_name(o))
                .max()
            {
                return Some(org.clone());
            }
        }
        None
    }

    /// The one organisation (a name of two words or more) that `text` names, if exactly one.
    fn one_organization_in(&self, text: &str) -> Option<String> {
        let mut named = self
            .organizations
            .iter()
            .filter(|name| contains_word(text, name));
        match (named.next(), named.next()) {
            (Some(one), None) => Some(one.clone()),
            _ => None,
        }
    }

    /// The one newspaper ([`is_press_name`]) of the organisations that `text` names, if exactly
    /// one.
    fn one_press_name_in(&self, text: &str) -> Option<String> {
        let mut named = self
            .organizations
            .iter()
            .filter(|name| is_press_name(name) && contains_word(text, name));
        match (named.next(), named.next()) {
            (Some(one), None) => Some(one.clone()),
            _ => None,
        }
    }

    /// A written speaker (cleaned by [`clean_speaker`]) as a person, a role or an organisation.
    /// A leading "the" is dropped. A role alone ("Foreign Secretary", "the President") goes to
    /// the person the cluster gives that role (or a longer one ending in it), preferring people
    /// mentioned in `article`; when no single person fits it stays a role.
    fn resolve_speaker(&self, written: &str, article: usize) -> Resolved {
        // "Brandt and Keller": two surnames joined by "and" or "&" (a citation's authors) speak
        // as the pair, not as anyone who shares one of the surnames.
        if let Some((first, second)) = written
            .split_once(" and ")
            .or_else(|| written.split_once(" & "))
            && [first, second].iter().all(|w| {
                !w.contains(' ')
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
                    && w.chars().count() > 1
                    && !super::entities::is_given_name(w)
            })
        {
            return Resolved {
                role: None,
                name: Some(written.to_string()),
                kind: "person",
            };
        }
        // "Rajanews.com said": a website speaks for its publisher, never as a person.
        if is_web_domain(written) {
            return Resolved {
                role: None,
                name: Some(written.to_string()),
                kind: "organization",
            };
        }
        if CROWD_WORD.is_match(written) {
            return Resolved {
                role: Some(written.to_lowercase()),
                name: None,
                kind: "role",
            };
        }
        // "doctors said", "nurses at the clinic said": a bare plural person noun is people
        // named by what they do, never a person's name.
        if !written.contains(' ')
            && written.starts_with(char::is_lowercase)
            && written.strip_suffix('s').is_some_and(|one| {
                !one.ends_with('s') && person_noun(&format!("the {one}")).is_some()
            })
        {
            return Resolved {
                role: Some(written.to_string()),
                name: None,
                kind: "role",
            };
        }
        // "according to court records", "according to papers filed at the court": the bare
        // plural speaks, without its lower-case modifier or participle clause.
        if written.starts_with(char::is_lowercase)
            && !written
                .split_whitespace()
                .next()
                .is_some_and(|first| ["the", "a", "an", "one", "another"].contains(&first))
            && let Some(plural) = written
                .split_whitespace()
                .take(2)
                .find(|w| CROWD_WORD.is_match(w))
        {
            return Resolved {
                role: Some(plural.to_lowercase()),
                name: None,
                kind: "role",
            };
        }
        let (had_the, bare) = match written.split_once(' ') {
            Some((first, rest))
                if ["the", "a", "an", "one", "another"]
                    .iter()
                    .any(|a| first.eq_ignore_ascii_case(a)) =>
            {
                (true, rest)
            }
            _ => (false, written),
        };
        // "spokesman of the bank": the head before "of"/"for"/"at" says whether it is a role.
        let head = [" of ", " for ", " at "]
            .iter()
            .filter_map(|sep| bare.find(sep))
            .min()
            .map_or(bare, |cut| &bare[..cut]);
        if had_the && head != bare && is_role(head) {
            // "the Prime Minister of the Kingdom Jane Roe": a person's name ends the phrase.
            // Not "the lawyer of Jane Roe": a capitalised word (the end of the place's
            // name) stands before the person's.
            let (role, name) = self.resolve(bare);
            let words: Vec<&str> = bare.split_whitespace().collect();
            let last_two = words[words.len().saturating_sub(2)..].join(" ");
            let after_capital = |n: usize| {
                words.len() > n && words[words.len() - n - 1].starts_with(char::is_uppercase)
            };
            let name_words = name.split_whitespace().count();
            if self.full.contains(&name)
                && bare.ends_with(name.rsplit(' ').next().unwrap_or(&name))
                && after_capital(name_words)
            {
                return Resolved {
                    role,
                    name: Some(name),
                    kind: "person",
                };
            }
            if words.len() >= 5
                && after_capital(2)
                && (super::entities::is_given_name(words[words.len() - 2])
                    || words
                        .last()
                        .and_then(|w| self.other_by_surname.get(*w))
                        .is_some_and(|full| *full == last_two))
            {
                return Resolved {
                    role: Some(words[..words.len() - 2].join(" ")),
                    name: Some(last_two),
                    kind: "person",
                };
            }
            return Resolved {
                role: Some(bare.to_string()),
                name: None,
                kind: "role",
            };
        }
        // "Bob Lord", "Ann Bishop": a given name before a title word makes it a surname.
        let given_then_title = {
            let words: Vec<&str> = bare.split_whitespace().collect();
            words.len() >= 2
                && super::entities::is_given_name(words[0])
                && words.iter().all(|w| w.starts_with(char::is_uppercase))
        };
        if is_role(bare) && !given_then_title {
            let wanted = bare.to_lowercase();
            let holders = |in_article: bool| {
                let mut names: Vec<&str> = self
                    .roles
                    .iter()
                    .filter(|(r, _, articles)| {
                        (*r == wanted || r.ends_with(&format!(" {wanted}")))
                            && (!in_article || articles.contains(&article))
                    })
                    .map(|(_, n, _)| n.as_str())
                    .collect();
                names.sort_unstable();
                names.dedup();
                names
            };
            let mut found = holders(true);
            if found.is_empty() {
                found = holders(false);
            }
            return match found.as_slice() {
                [one] => Resolved {
                    role: Some(bare.to_string()),
                    name: Some((*one).to_string()),
                    kind: "person",
                },
                _ => Resolved {
                    role: Some(bare.to_string()),
                    name: None,
                    kind: "role",
                },
            };
        }
        let (role, name) = self.resolve(bare);
        let of_split = name != bare && bare.starts_with(name.as_str()) && bare.contains(" of ");
        if self.full.contains(&name) || of_split {
            return Resolved {
                role,
                name: Some(name),
                kind: "person",
            };
        }
        if self.others.contains(bare) {
            return Resolved {
                role: None,
                name: Some(bare.to_string()),
                kind: "organization",
            };
        }
        if role.is_some() {
            return Resolved {
                role,
                name: Some(name),
                kind: "person",
            };
        }
        // "one servicemen said", "another resident said": one unnamed member of a group, never
        // an organisation (whose name is capitalised).
        if written
            .split_whitespace()
            .next()
            .is_some_and(|first| first.eq_ignore_ascii_case("one") || first == "another")
            && !bare.contains(char::is_uppercase)
        {
            return Resolved {
                role: Some(bare.to_string()),
                name: None,
                kind: "role",
            };
        }
        Resolved {
            role: None,
            name: Some(if had_the { bare.to_string() } else { name }),
            kind: if had_the || is_body(bare) {
                "organization"
            } else {
                "person"
            },
        }
    }

    /// A one-word speaker (or an honorific, a title or a rank and one word: "Mrs. Roe", "SSP
    /// Roe") that is the first or last word of several people's names ("Chen" for "Chen Li" and
    /// "Chen Bo", "Roe" for "Jane Roe" and her husband "John Roe"): of those the honorific's
    /// gender allows, the one who spoke the article's last quote given to one of them (`earlier`)
    /// unless another of them, named in full, opens a sentence after that quote, else the one this article names
    /// in full last before `at` (the writer shortens the name
    /// just given in full). A name that another of them extends is that one ("Kirk Roe" of
    /// "Jane Kirk Roe").
    fn one_mentioned_before(
        &self,
        written: &str,
        doc: &Doc<'_>,
        at: usize,
        earlier: &[Raw],
    ) -> Option<String> {
        let (honorific, word) = match written.split_once(' ') {
            None => (Gender::Unknown, written),
            Some((first, rest)) if !rest.contains(' ') => {
                let gender = Gender::of_honorific(first);
                if gender == Gender::Unknown && !is_rank_abbreviation(first) && !is_role(first) {
                    return None;
                }
                (gender, rest)
            }
            Some(_) => return None,
        };
        let before = doc.text.get(..at)?;
        let mut owners: Vec<&String> = names_by_word(&self.by_first_word, word).iter().collect();
        for full in names_by_word(&self.by_last_word, word) {
            if !owners.contains(&full) {
                owners.push(full);
            }
        }
        let owners: Vec<&String> = owners
            .iter()
            .copied()
            .filter(|short| !owners.iter().any(|long| extends(long, short)))
            .collect();
        if owners.len() < 2 {
            return None;
        }
        let named_last = owners
            .iter()
            .copied()
            .filter(|full| {
                // After an honorific, only someone the text gives that gender.
                honorific == Gender::Unknown
                    || self.pronoun_genders.get(*full).copied() == Some(honorific)
            })
            .filter_map(|full| last_word_match(before, full).map(|pos| (pos, full)))
            .max();
        if let Some((spoke, spoke_end)) = earlier.iter().rev().find_map(|r| {
            r.speaker
                .as_ref()
                .filter(|s| owners.contains(s))
                .map(|s| (s, r.pieces.last().map_or(0, |p| p.end)))
        }) {
            // Another of them named in full after that quote, as the subject opening a sentence
            // ("X, who runs the shop, said ..."), is the one the writer shortens; named as an
            // object ("the town thanked X") they are not.
            return match named_last {
                Some((pos, full))
                    if pos > spoke_end
                        && full != spoke
                        && before[sentence_start(&before[..pos])..pos]
                            .trim()
                            .is_empty() =>
                {
                    Some(full.clone())
                }
                _ => Some(spoke.clone()),
            };
        }
        named_last.map(|(_, full)| full.clone())
    }

    /// The one longer person's name that `name` ends ("Lou Marsh" -> "Hanna Lou
    /// Marsh", "De Vries" -> "Paula de Vries"), else `name`.
    ///
    /// A surname alone of five letters or more that no longer name ends in is a misspelling of
    /// the one longer name whose surname it misses by one letter ("Lockart" -> "Joe Lockhart").
    fn extend(&self, name: &str) -> String {
        let last = name.rsplit(' ').next().unwrap_or(name).to_lowercase();
        let mut longer = names_by_word(&self.by_last_lower, &last)
            .iter()
            .filter(|full| extends(full, name));
        match (longer.next(), longer.next()) {
            (Some(one), None) => one.clone(),
            (None, _) if !name.contains(' ') && name.chars().count() >= 5 => {
                let mut near = self.full.iter().filter(|full| {
                    full.rsplit_once(' ').is_some_and(|(_, surname)| {
                        surname != name
                            && surname.chars().next() == name.chars().next()
                            && super::one_edit_apart(surname, name)
                    })
                });
                match (near.next(), near.next()) {
                    (Some(one), None) => one.clone(),
                    _ => name.to_string(),
                }
            }
            _ => name.to_string(),
        }
    }

    fn gender(&self, name: &str) -> Gender {
        self.genders.get(name).copied().unwrap_or(Gender::Unknown)
    }

    /// The people whose surname occurs in `text` (e.g. the object of "she told Kerry").
    fn named_in(&self, text: &str) -> Vec<String> {
        self.by_surname
            .iter()
            .filter(|(surname, _)| contains_word(text, surname))
            .map(|(_, full)| full.clone())
            .collect()
    }

    /// Every person accepted by `fits` whose surname (or unique given name, see `by_given`)
    /// occurs as a word in the article between `from` and `to`, with the position of its last
    /// occurrence there, in text order. A surname several people share is the one of them the
    /// article last names in full before it.
    fn mentions(
        &self,
        doc: &Doc<'_>,
        from: usize,
        to: usize,
        fits: &dyn Fn(&String) -> bool,
    ) -> Vec<(usize, String)> {
        let Some(head) = doc.text.get(from..to) else {
            return Vec::new();
        };
        let words = self.key_word_starts(head);
        let mut found: HashMap<&String, usize> = HashMap::new();
        // A surname of letters and digits only is found where it is one of the text's words:
        // the text's words are looked up (fewer than the cluster's people); any other surname
        // is searched for.
        let plain = words.iter().filter_map(|(word, &pos)| {
            self.by_surname
                .get_key_value(*word)
                .map(|(surname, full)| (surname, full, pos))
        });
        let odd = self.odd_surnames.iter().filter_map(|surname| {
            let (surname, full) = self.by_surname.get_key_value(surname)?;
            last_word_match(head, surname).map(|pos| (surname, full, pos))
        });
        for (surname, full, pos) in plain.chain(odd) {
            let full = self.shared.get(surname).map_or(full, |owners| {
                let before = doc.text.get(..from + pos + surname.len()).unwrap_or("");
                owners
                    .iter()
                    .filter_map(|o| last_word_match(before, o).map(|p| (p, o)))
                    .max()
                    .map_or(full, |(_, o)| o)
            });
            if !fits(full) {
                continue;
            }
            let entry = found.entry(full).or_insert(pos);
            *entry = (*entry).max(pos);
        }
        let plain = words
            .iter()
            .filter_map(|(word, &pos)| self.by_given.get(*word).map(|full| (full, pos)));
        let odd = self.by_given.iter().filter_map(|(given, full)| {
            (!is_plain_word(given))
                .then(|| last_word_match(head, given))
                .flatten()
                .map(|pos| (full, pos))
        });
        for (full, pos) in plain.chain(odd) {
            if fits(full) {
                let entry = found.entry(full).or_insert(pos);
                *entry = (*entry).max(pos);
            }
        }
        let mut out: Vec<(usize, String)> = found
            .into_iter()
            .map(|(name, pos)| (from + pos, name.clone()))
            .collect();
        out.sort();
        out
    }

    /// Where `name`'s surname first occurs in `span` (its end when it does not).
    /// [`WordStarts::of`]`(text)` less the words that are no key of `by_surname` or `by_given`
    /// (told apart first by their first byte and length): where each of the others last
    /// starts.
    fn key_word_starts<'t>(&self, text: &'t str) -> FxHashMap<&'t str, usize> {
        let mut last = FxHashMap::default();
        for_each_word_opening_with(text, &self.key_firsts, |word| {
            if word.len() >= 64 || self.key_lens & (1 << word.len()) != 0 {
                last.insert(word, word.as_ptr() as usize - text.as_ptr() as usize);
            }
        });
        last
    }

    fn first_mention(doc: &Doc<'_>, span: Span, name: &str) -> usize {
        let text = doc.slice(span);
        let surname = name.rsplit(' ').next().unwrap_or(name);
        text.match_indices(surname)
            .find(|(pos, _)| is_word_at(text, *pos, surname.len()))
            .map_or(span.end, |(pos, _)| span.start + pos)
    }

    /// (role, name) of a written speaker: "U.S. Secretary of State John Kerry" -> the role and
    /// "John Kerry"; "Kerry" -> "John Kerry".
    fn resolve(&self, written: &str) -> (Option<String>, String) {
        // "Dr. Joseph Biederman of Massachusetts General Hospital", "Leigh Steinberg of Newport
        // Beach": a name of two words or more before "of" is the person; what follows is where
        // they are from.
        if let Some(cut) = written.find(" of ") {
            let prefix = &written[..cut];
            let last = prefix.split_whitespace().last().unwrap_or("");
            if prefix.split_whitespace().count() >= 2 && !is_role(last) && !is_role(prefix) {
                return self.resolve(prefix);
            }
        }
        let words: Vec<&str> = written.split_whitespace().collect();
        // "Zhang" for "Zhang Xiong", "Sarah" for "Sarah Lee": a single word that is the first
        // word of exactly one longer person's name and the last word of none.
        if let [only] = words.as_slice() {
            let mut owners = names_by_word(&self.by_first_word, only).iter();
            let surname_of_longer = self.by_last_word.contains_key(*only);
            if let (Some(full), None) = (owners.next(), owners.next())
                && !surname_of_longer
            {
                return (None, full.clone());
            }
        }
        for cut in 0..words.len() {
            let name = words[cut..].join(" ");
            if self.full.contains(&name) {
                // "Dr. Ann T. Quist" for "T. Quist": a name listed from its initial on takes
                // the given name written before it.
                let mut start = cut;
                if start > 0
                    && words[cut].len() == 2
                    && words[cut].ends_with('.')
                    && words[start - 1].starts_with(char::is_uppercase)
                    && !words[start - 1].ends_with(['.', ',', '\'', '’'])
                    && !words[start - 1].ends_with("'s")
                    && !words[start - 1].ends_with("’s")
                    && !is_role(words[start - 1])
                {
                    start -= 1;
                }
                let role = (start > 0).then(|| words[..start].join(" "));
                if start < cut {
                    return (role, words[start..].join(" "));
                }
                return (role, self.extend(&name));
            }
        }
        // "Mrs. Roe" is not the man "John Roe": an honorific of the other gender keeps the
        // surname as written.
        if let ([honorific, .., last], Some(full)) = (
            words.as_slice(),
            words.last().and_then(|w| self.by_surname.get(*w)),
        ) && !self
            .pronoun_genders
            .get(full)
            .copied()
            .unwrap_or(Gender::Unknown)
            .fits(Gender::of_honorific(honorific))
        {
            return (Some((*honorific).to_string()), (*last).to_string());
        }
        if let Some(last) = words.last()
            && let Some(full) = self.by_surname.get(*last)
        {
            let role = words
                .len()
                .gt(&1)
                .then(|| words[..words.len() - 1].join(" "));
            let role = role.filter(|r| !full.starts_with(r.as_str()));
            return (role, full.clone());
        }
        // "David Smith of the Rights Campaign": a known person before "of".
        if let Some(cut) = written.find(" of ") {
            let (name_part, rest) = (&written[..cut], &written[cut + 1..]);
            let (role, name) = self.resolve(name_part);
            if self.full.contains(&name) {
                let role = Some(role.map_or_else(|| rest.to_string(), |r| format!("{r} {rest}")));
                return (role, name);
            }
        }
        if let [only] = words.as_slice()
            && let Some(full) = self.other_by_surname.get(*only)
        {
            return (None, full.clone());
        }
        // "Director of the European Movement Ann Wolt": a role with "of" and two capitalised
        // words after it: those are the name.
        if words.len() >= 4
            && is_role(words[0])
            && written.contains(" of ")
            && words[words.len() - 2..]
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && words[words.len() - 3] != "of"
        {
            let cut = words.len() - 2;
            return (Some(words[..cut].join(" ")), words[cut..].join(" "));
        }
        // "<role> <title> <Name>" for a name the entity list lacks: split after the last title.
        if let Some(cut) = words.iter().rposition(|w| is_role(w))
            && cut + 1 < words.len()
            && words[cut + 1..]
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            return (Some(words[..=cut].join(" ")), words[cut + 1..].join(" "));
        }
        // A misspelt surname ("Lockart").
        if let [only] = words.as_slice() {
            return (None, self.extend(only));
        }
        (None, written.to_string())
    }
}

/// The names `index` files under `word` (none when it files none).
fn names_by_word<'s>(index: &'s HashMap<String, Vec<String>>, word: &str) -> &'s [String] {
    index.get(word).map_or(&[], Vec::as_slice)
}

/// Whether byte `pos` of `text` lies inside a quotation of its paragraph (an odd number of
/// straight marks before it, or a curly opening mark not yet closed).
fn inside_quotation(text: &str, pos: usize) -> bool {
    let paragraph = text[..pos].rfind("\n\n").map_or(0, |p| p + 2);
    let head = &text[paragraph..pos];
    let curly_open = match (head.rfind('“'), head.rfind('”')) {
        (Some(open), Some(close)) => open > close,
        (open, _) => open.is_some(),
    };
    head.matches('"').count() % 2 == 1 || curly_open
}

/// Whether `long` is `short` with words before it ("Paula de Vries" extends "De Vries"; case
/// folded).
fn extends(long: &str, short: &str) -> bool {
    if long.len() <= short.len() {
        return false;
    }
    // ASCII lower-cases byte for byte: compare in place, without the two allocations.
    if long.is_ascii() && short.is_ascii() {
        let at = long.len() - short.len();
        return long.as_bytes()[at - 1] == b' ' && long[at..].eq_ignore_ascii_case(short);
    }
    long.to_lowercase()
        .ends_with(&format!(" {}", short.to_lowercase()))
}

/// A person's name as the entity list gives it, less a leading word that belongs to a title:
/// a title or role word ("Prosecutor Mara Quist" from "Deputy Prosecutor Mara Quist"),
/// or the object of a title's "of the" ("Interior Gideon Marsh" from "Minister of the
/// Interior Gideon Marsh"). Only names of three words or more lose a word, but for a rank
/// written in capitals ("SSP Roe" -> "Roe").
fn person_name(listed: &str, of_the: &OfThe<'_, '_>) -> String {
    let words: Vec<&str> = listed.split_whitespace().collect();
    // "SSP Roe": a short all-capitals abbreviation before a capitalised word is a rank.
    if let [first, last] = words.as_slice()
        && is_rank_abbreviation(first)
        && last.chars().nth(1).is_some_and(char::is_lowercase)
    {
        return (*last).to_string();
    }
    if words.len() < 3 {
        return listed.to_string();
    }
    // "SSP Jane Roe": a short all-capitals abbreviation before a given name is a rank.
    let rank =
        is_rank_abbreviation(words[0]) && words[1].chars().nth(1).is_some_and(char::is_lowercase);
    if is_role(words[0]) || rank || of_the.precedes(listed) {
        words[1..].join(" ")
    } else {
        listed.to_string()
    }
}

/// A rank written as a short all-capitals abbreviation ("SSP", "DSP") before a name.
fn is_rank_abbreviation(word: &str) -> bool {
    (2..=4).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase())
}

/// The cluster's " of the " (for [`person_name`]): where each ends in each article, found once
/// on first use rather than by searching the whole cluster's text for every name.
struct OfThe<'d, 'a> {
    docs: &'d [Doc<'a>],
    /// The text right after each " of the ", cut to at most [`OF_THE_PREFIX`] bytes, sorted.
    ends: std::cell::OnceCell<Vec<&'a str>>,
}

/// How many bytes after " of the " [`OfThe`] keeps: longer names are searched for in the text.
const OF_THE_PREFIX: usize = 64;

impl<'d, 'a> OfThe<'d, 'a> {
    fn new(docs: &'d [Doc<'a>]) -> Self {
        Self {
            docs,
            ends: std::cell::OnceCell::new(),
        }
    }

    /// Whether an occurrence of `listed` that `match_indices` finds in an article's text follows
    /// " of the ". A name that no proper prefix of ends with (no self-overlap, e.g. any name
    /// that does not open and end with the same letters) has no two overlapping occurrences, so
    /// `match_indices` finds every one and the answer is whether one starts where " of the "
    /// ends; any other name is searched for as before.
    fn precedes(&self, listed: &str) -> bool {
        let bytes = listed.as_bytes();
        let overlaps = (1..bytes.len()).any(|k| bytes[..k] == bytes[bytes.len() - k..]);
        // A cut keeps at least `OF_THE_PREFIX - 3` bytes where the text goes on (it ends on a
        // character boundary), so it starts with any name that short exactly when the text does.
        if overlaps || listed.is_empty() || listed.len() > OF_THE_PREFIX - 3 {
            return self.docs.iter().any(|doc| {
                doc.text
                    .match_indices(listed)
                    .any(|(pos, _)| doc.text[..pos].ends_with(" of the "))
            });
        }
        let ends = self.ends.get_or_init(|| {
            let mut ends = Vec::new();
            for doc in self.docs {
                // "of the " does not overlap itself either: every occurrence is found.
                for (pos, _) in doc.text.match_indices("of the ") {
                    if pos > 0 && doc.text.as_bytes()[pos - 1] == b' ' {
                        let rest = &doc.text[pos + "of the ".len()..];
                        let mut cut = rest.len().min(OF_THE_PREFIX);
                        while !rest.is_char_boundary(cut) {
                            cut -= 1;
                        }
                        ends.push(&rest[..cut]);
                    }
                }
            }
            ends.sort_unstable();
            ends
        });
        // The texts that start with `listed` sort together, from the first not below it.
        ends.get(ends.partition_point(|rest| *rest < listed))
            .is_some_and(|rest| rest.starts_with(listed))
    }
}

/// Whether the `len` bytes at `pos` of `text` are a whole word.
fn is_word_at(text: &str, pos: usize, len: usize) -> bool {
    let before = text[..pos].chars().next_back();
    let after = text[pos + len..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The position of the last whole-word occurrence of `word` in `text`.
fn last_word_match(text: &str, word: &str) -> Option<usize> {
    text.rmatch_indices(word)
        .find(|(pos, _)| is_word_at(text, *pos, word.len()))
        .map(|(pos, _)| pos)
}

/// Where each word (maximal run of letters and digits) of a text last starts: a text's last
/// whole-word match of many names, looked up rather than searched for name by name.
struct WordStarts<'t>(FxHashMap<&'t str, usize>);

impl<'t> WordStarts<'t> {
    fn of(text: &'t str) -> Self {
        let mut last = FxHashMap::default();
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if !word.is_empty() {
                last.insert(word, word.as_ptr() as usize - text.as_ptr() as usize);
            }
        }
        Self(last)
    }

    /// [`last_word_match`]`(text, word)`, `text` being the text these are the words of: a word
    /// of letters and digits only is a whole word exactly where it is one of the text's words;
    /// any other is searched for.
    fn last_match(&self, text: &str, word: &str) -> Option<usize> {
        if is_plain_word(word) {
            self.0.get(word).copied()
        } else {
            last_word_match(text, word)
        }
    }
}

/// Whether `word` occurs in `text` as a whole word.
fn contains_word(text: &str, word: &str) -> bool {
    let whole = |pos: usize| {
        let before = text[..pos].chars().next_back();
        let after = text[pos + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    };
    // The matches `match_indices` gives (left to right, not overlapping), found by the first
    // byte and a compare: this runs for every sentence and name, and a sentence is short, so
    // setting up a substring searcher for each call costs more than the search. A match of
    // valid UTF-8 in valid UTF-8 starts and ends on character boundaries.
    let (haystack, needle) = (text.as_bytes(), word.as_bytes());
    let Some(&first) = needle.first() else {
        return text.match_indices(word).any(|(pos, _)| whole(pos));
    };
    let mut from = 0;
    while let Some(offset) = haystack
        .get(from..)
        .and_then(|rest| rest.iter().position(|&b| b == first))
    {
        let pos = from + offset;
        if haystack[pos..].starts_with(needle) {
            if whole(pos) {
                return true;
            }
            from = pos + needle.len();
        } else {
            from = pos + 1;
        }
    }
    false
}

/// Calls `f` on each non-empty maximal run of characters that `keep` holds in `text`: the
/// non-empty pieces of `text.split(|c| !keep(c))`. `ascii_keep` must be the same test on ASCII
/// characters; an ASCII text is scanned by bytes with it.
fn for_each_run<'t>(
    text: &'t str,
    keep: impl Fn(char) -> bool,
    ascii_keep: impl Fn(&u8) -> bool,
    mut f: impl FnMut(&'t str),
) {
    if !text.is_ascii() {
        text.split(|c: char| !keep(c))
            .filter(|word| !word.is_empty())
            .for_each(f);
        return;
    }
    let bytes = text.as_bytes();
    let mut start = None;
    for (at, b) in bytes.iter().enumerate() {
        match (ascii_keep(b), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                f(&text[from..at]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        f(&text[from..]);
    }
}

/// Calls `f` on each non-empty maximal run of letters and digits in `text` (a piece of
/// `text.split(|c: char| !c.is_alphanumeric())`) whose first byte `firsts` marks, in order. An
/// ASCII text is read for marked bytes that open a run, stepping over the others.
fn for_each_word_opening_with<'t>(text: &'t str, firsts: &[bool; 256], mut f: impl FnMut(&'t str)) {
    if !text.is_ascii() {
        for_each_run(
            text,
            char::is_alphanumeric,
            u8::is_ascii_alphanumeric,
            |word| {
                if word
                    .as_bytes()
                    .first()
                    .is_some_and(|&b| firsts[usize::from(b)])
                {
                    f(word);
                }
            },
        );
        return;
    }
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if !firsts[usize::from(b)]
            || !b.is_ascii_alphanumeric()
            || (at > 0 && bytes[at - 1].is_ascii_alphanumeric())
        {
            at += 1;
            continue;
        }
        let end = bytes[at..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |len| at + len);
        f(&text[at..end]);
        at = end;
    }
}

/// A non-empty word of letters and digits only (what `contains_word` bounds a match by).
fn is_plain_word(word: &str) -> bool {
    !word.is_empty() && word.chars().all(char::is_alphanumeric)
}

/// Each person's gender from the cluster's own text: "Mr."/"Mrs."/"Ms." before the surname, and
/// he/his/him against she/her in sentences that name that person and nobody else. Unknown when
/// the evidence is absent or mixed. Returns that, and the same from he/she alone.
fn infer_genders(
    by_surname: &HashMap<String, String>,
    docs: &[Doc<'_>],
) -> (HashMap<String, Gender>, HashMap<String, Gender>) {
    // A surname of letters and digits only occurs as a whole word exactly when it is one of the
    // sentence's maximal runs of letters and digits, so those are looked up by the sentence's
    // words (one pass per sentence, whatever the number of people); any other surname is
    // searched for with `contains_word`.
    type Named<'a> = (&'a String, &'a String);
    let (plain, other): (Vec<Named<'_>>, Vec<Named<'_>>) = by_surname
        .iter()
        .partition(|(surname, _)| is_plain_word(surname));
    let plain: FxHashMap<&str, Named<'_>> = plain
        .into_iter()
        .map(|pair| (pair.0.as_str(), pair))
        .collect();
    // The lengths (under 64) of the plain surnames: a word of another length is none of them.
    let plain_lens: u64 = plain
        .keys()
        .filter(|s| s.len() < 64)
        .fold(0, |mask, s| mask | (1 << s.len()));
    // Their first bytes: a word opening with another byte is none of them (most words, lower
    // case, where surnames are capitalised).
    let mut plain_firsts = [false; 256];
    for surname in plain.keys() {
        if let Some(&first) = surname.as_bytes().first() {
            plain_firsts[usize::from(first)] = true;
        }
    }
    // (male, female) votes from honorifics and pronouns, and from pronouns alone.
    // Looked up, never iterated but into the maps returned (whose order is their own).
    let mut votes: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
    let mut pronoun_votes: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
    let mut named: Vec<Named<'_>> = Vec::new();
    // The phrase looked for, built in one buffer rather than allocated per look.
    let mut phrase = String::new();
    let mut other_here: Vec<Named<'_>> = Vec::new();
    for doc in docs {
        // A surname the article's text does not hold is in none of its sentences.
        other_here.clear();
        other_here.extend(
            other
                .iter()
                .filter(|(surname, _)| doc.text.contains(surname.as_str()))
                .copied(),
        );
        for sentence in doc.sentences {
            let text = doc.slice(sentence.span);
            named.clear();
            if !plain.is_empty() {
                for_each_word_opening_with(text, &plain_firsts, |word| {
                    if (word.len() >= 64 || plain_lens & (1 << word.len()) != 0)
                        && let Some(&pair) = plain.get(word)
                    {
                        named.push(pair);
                    }
                });
                named.sort_unstable();
                named.dedup();
            }
            named.extend(
                other_here
                    .iter()
                    .filter(|(surname, _)| contains_word(text, surname))
                    .copied(),
            );
            let mut distinct: Vec<&String> = named.iter().map(|(_, full)| *full).collect();
            distinct.sort();
            distinct.dedup();
            // Every honorific below holds "Mr", "Ms" or "Miss": a sentence without them needs
            // no look for any.
            let honorific = has_honorific_letters(text);
            for (surname, full) in named.iter().filter(|_| honorific) {
                for title_male in ["Mr ", "Mr. "] {
                    if text.contains(joined(&mut phrase, &[title_male, surname])) {
                        votes.entry(full.as_str()).or_default().0 += 3;
                    }
                }
                for title_female in ["Mrs ", "Mrs. ", "Ms ", "Ms. ", "Miss "] {
                    if text.contains(joined(&mut phrase, &[title_female, surname])) {
                        votes.entry(full.as_str()).or_default().1 += 3;
                    }
                }
            }
            // "his wife, Jane Roe", "Amber, his girlfriend": a gendered noun in apposition.
            if !named.is_empty() && GENDERED_NOUNS.is_match(text) {
                for_each_run(text, char::is_alphabetic, u8::is_ascii_alphabetic, |word| {
                    let gender = gendered_noun(word);
                    if gender == Gender::Unknown {
                        return;
                    }
                    for (surname, full) in &named {
                        let named_here = [full.as_str(), surname.as_str()].iter().any(|name| {
                            text.contains(joined(&mut phrase, &[word, ", ", name]))
                                || text.contains(joined(&mut phrase, &[word, " ", name]))
                                || ["his", "her", "their", "a", "the"].iter().any(|det| {
                                    text.contains(joined(
                                        &mut phrase,
                                        &[name, ", ", det, " ", word],
                                    ))
                                })
                        });
                        if named_here {
                            let entry = votes.entry(full.as_str()).or_default();
                            if gender == Gender::Male {
                                entry.0 += 3;
                            } else {
                                entry.1 += 3;
                            }
                        }
                    }
                });
            }
            if distinct.len() != 1 {
                continue;
            }
            // No subject pronoun before the name: one before it in its sentence ("she trails
            // behind Roe") is someone else.
            let first = named
                .iter()
                .filter_map(|(surname, _)| {
                    text.match_indices(surname.as_str())
                        .find(|(pos, _)| is_word_at(text, *pos, surname.len()))
                        .map(|(pos, _)| pos)
                })
                .min()
                .unwrap_or(0);
            let (mut male, mut female) = (0, 0);
            // `at` is where a word of `text.split(|c: char| !c.is_alphabetic())` would be
            // counted from: the pieces' lengths, each plus one.
            let mut tally = |word: &str, at: usize| {
                // Every pronoun below opens with "h" or "s" and is 2 to 7 letters long.
                if !(2..=7).contains(&word.len())
                    || !matches!(word.as_bytes()[0], b'h' | b'H' | b's' | b'S')
                {
                    return;
                }
                let before_name = at < first;
                if before_name
                    && (word.eq_ignore_ascii_case("he") || word.eq_ignore_ascii_case("she"))
                {
                    return;
                }
                // No non-ASCII letter lowercases to one of these words' ASCII letters, so an
                // ASCII case-insensitive comparison is the same test as lowercasing.
                if ["he", "his", "him", "himself"]
                    .iter()
                    .any(|w| word.eq_ignore_ascii_case(w))
                {
                    male += 1;
                } else if ["she", "her", "hers", "herself"]
                    .iter()
                    .any(|w| word.eq_ignore_ascii_case(w))
                {
                    female += 1;
                }
            };
            if text.is_ascii() {
                // Every separator is one byte: a piece is counted from where it starts, and an
                // empty piece is no pronoun. `tally` turns away a word not opening with "h" or
                // "s": a byte that is neither, or that does not open a run of letters, is
                // stepped over.
                let bytes = text.as_bytes();
                let mut start = 0;
                while start < bytes.len() {
                    if !matches!(bytes[start], b'h' | b'H' | b's' | b'S')
                        || (start > 0 && bytes[start - 1].is_ascii_alphabetic())
                    {
                        start += 1;
                        continue;
                    }
                    let end = bytes[start..]
                        .iter()
                        .position(|b| !b.is_ascii_alphabetic())
                        .map_or(bytes.len(), |len| start + len);
                    tally(&text[start..end], start);
                    start = end;
                }
            } else {
                let mut at = 0;
                for word in text.split(|c: char| !c.is_alphabetic()) {
                    let word_at = at;
                    at += word.len() + 1;
                    tally(word, word_at);
                }
            }
            let entry = votes.entry(distinct[0].as_str()).or_default();
            entry.0 += male;
            entry.1 += female;
            let entry = pronoun_votes.entry(distinct[0].as_str()).or_default();
            entry.0 += male;
            entry.1 += female;
        }
    }
    let decide = |votes: FxHashMap<&str, (usize, usize)>| -> HashMap<String, Gender> {
        votes
            .into_iter()
            .filter_map(|(name, (male, female))| {
                let gender = if male > 2 * female {
                    Gender::Male
                } else if female > 2 * male {
                    Gender::Female
                } else {
                    return None;
                };
                Some((name.to_string(), gender))
            })
            .collect()
    };
    (decide(votes), decide(pronoun_votes))
}

/// `parts` written one after another into `buffer` (what `format!` of them gives), returned.
fn joined<'b>(buffer: &'b mut String, parts: &[&str]) -> &'b str {
    buffer.clear();
    for part in parts {
        buffer.push_str(part);
    }
    buffer
}

/// `text.contains("Mr") || text.contains("Ms") || text.contains("Miss")`, in one pass.
fn has_honorific_letters(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(at, &b)| {
        b == b'M'
            && (matches!(bytes.get(at + 1), Some(b'r' | b's'))
                || bytes[at + 1..].starts_with(b"iss"))
    })
}

/// The gender a noun for a relative or a gendered role gives the name in apposition with it
/// ("his wife, Jane Roe"); `Unknown` for any other word.
fn gendered_noun(word: &str) -> Gender {
    if MALE_NOUNS.contains(&word) {
        Gender::Male
    } else if FEMALE_NOUNS.contains(&word) {
        Gender::Female
    } else {
        Gender::Unknown
    }
}

/// The nouns [`gendered_noun`] gives a man.
const MALE_NOUNS: [&str; 12] = [
    "husband",
    "boyfriend",
    "father",
    "son",
    "brother",
    "widower",
    "grandfather",
    "uncle",
    "nephew",
    "fiance",
    "stepfather",
    "stepson",
];

/// The nouns [`gendered_noun`] gives a woman.
const FEMALE_NOUNS: [&str; 17] = [
    "wife",
    "girlfriend",
    "mother",
    "daughter",
    "sister",
    "widow",
    "grandmother",
    "aunt",
    "niece",
    "fiancee",
    "stepmother",
    "stepdaughter",
    "actress",
    "spokeswoman",
    "chairwoman",
    "congresswoman",
    "businesswoman",
];

/// Every noun of [`MALE_NOUNS`] and [`FEMALE_NOUNS`]: a text none of them is part of holds no
/// word that [`gendered_noun`] gives a gender.
static GENDERED_NOUNS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(MALE_NOUNS.iter().chain(FEMALE_NOUNS.iter())).expect("valid words")
});

const SAME_QUOTE: f64 = 0.6;
/// Fewer words than this make a quotation a fragment unless it is attributed (see [`is_fragment`]).
const MIN_STATEMENT_WORDS: usize = 6;
/// Unattributed quotations opening in lower case need this many words to count as statements.
const MIN_UNATTRIBUTED_PHRASE: usize = 8;
const MAX_POSTINGS: usize = 200;

/// Whether a quotation is a fragment (a scare quote or a quoted phrase inside the reporter's
/// sentence) rather than a statement: shorter than [`MIN_STATEMENT_WORDS`] words unless it has
/// its attribution after it (`"That is inexact," Fabius said`) or is attributed and opens like a
/// sentence, and unattributed lower-case openings shorter than [`MIN_UNATTRIBUTED_PHRASE`].
fn is_fragment(docs: &[Doc<'_>], raw: &Raw) -> bool {
    let n = raw.words.len();
    let opens_upper = raw
        .pieces
        .first()
        .and_then(|p| {
            docs[raw.article]
                .slice(*p)
                .chars()
                .find(|c| c.is_alphanumeric())
        })
        .is_some_and(char::is_uppercase);
    match raw.source {
        "after" => false,
        // Attributed before it, or by a pronoun the text resolves: a partial quotation the text
        // gives to a speaker.
        // A role counts as a speaker here ("Prosecutors have said that ... were "...."").
        _ if (raw.speaker.is_some() || raw.kind == "role")
            && matches!(raw.source, "before" | "pronoun") =>
        {
            false
        }
        "none" => n < MIN_STATEMENT_WORDS || (n < MIN_UNATTRIBUTED_PHRASE && !opens_upper),
        _ => n < MIN_STATEMENT_WORDS && !opens_upper,
    }
}

/// Whether `needle` occurs in `hay` as a contiguous run of words.
fn contains_run(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn group(docs: &[Doc<'_>], raws: &[Raw]) -> Vec<QuoteGroup> {
    let n = raws.len();
    let fragment: Vec<bool> = raws.iter().map(|r| is_fragment(docs, r)).collect();
    let sets: Vec<FxHashSet<&str>> = raws
        .iter()
        .map(|r| r.words.iter().map(String::as_str).collect())
        .collect();
    // Each set's words that are no stopwords, in the set's order (none for a fragment).
    let content: Vec<Vec<&str>> = sets
        .iter()
        .enumerate()
        .map(|(i, set)| {
            if fragment[i] {
                Vec::new()
            } else {
                set.iter()
                    .copied()
                    .filter(|w| !crate::stopwords::is_stopword(w))
                    .collect()
            }
        })
        .collect();
    let mut postings: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (idx, words) in content.iter().enumerate().filter(|(i, _)| !fragment[*i]) {
        for &word in words {
            postings.entry(word).or_default().push(idx);
        }
    }
    // The pairs (a, b), a < b, that share two words or more of a posting list: counted for one
    // `a` at a time in a dense counter, in the order of `a` and then `b`.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut count: Vec<u32> = vec![0; n];
    let mut touched: Vec<usize> = Vec::new();
    for (a, words) in content.iter().enumerate().filter(|(i, _)| !fragment[*i]) {
        for word in words {
            let Some(list) = postings
                .get(word)
                .filter(|l| l.len() > 1 && l.len() <= MAX_POSTINGS)
            else {
                continue;
            };
            // Each list is in increasing order: the members after `a`.
            for &b in &list[list.partition_point(|&m| m <= a)..] {
                if count[b] == 0 {
                    touched.push(b);
                }
                count[b] += 1;
            }
        }
        touched.sort_unstable();
        for &b in &touched {
            if count[b] >= 2 {
                pairs.push((a, b));
            }
            count[b] = 0;
        }
        touched.clear();
    }
    let mut parent: Vec<usize> = (0..n).collect();
    // The speaker of each set so far (kept at its root): two sets whose speakers differ are not
    // joined through a third quotation that resembles both (an unattributed transcript holding
    // one person's words and another's).
    let mut set_speaker: Vec<Option<&str>> = raws.iter().map(|r| r.speaker.as_deref()).collect();
    for (a, b) in pairs {
        let speakers_ok = match (&raws[a].speaker, &raws[b].speaker) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        };
        // The shared words are counted only for a pair whose speakers agree.
        if speakers_ok
            && sets[a].intersection(&sets[b]).count() as f64
                / sets[a].len().min(sets[b].len()).max(1) as f64
                >= SAME_QUOTE
        {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            let conflict = matches!(
                (set_speaker[ra], set_speaker[rb]),
                (Some(x), Some(y)) if x != y
            );
            if ra != rb && !conflict {
                let (root, other) = (ra.min(rb), ra.max(rb));
                parent[other] = root;
                set_speaker[root] = set_speaker[root].or(set_speaker[other]);
            }
        }
    }
    // A fragment is kept only as a wording of a statement it is a piece of (same article first);
    // otherwise it is dropped.
    // A host holds every word of the fragment, so only the statements holding its rarest word
    // (every word, stopwords included, indexed) are tried.
    let mut kept: Vec<bool> = fragment.iter().map(|f| !f).collect();
    let mut word_index: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    if fragment.iter().any(|&f| f) {
        for (idx, set) in sets.iter().enumerate().filter(|(i, _)| !fragment[*i]) {
            for word in set {
                word_index.entry(word).or_default().push(idx);
            }
        }
    }
    for f in (0..n).filter(|&f| fragment[f]) {
        let rarest = raws[f]
            .words
            .iter()
            .map(|w| word_index.get(w.as_str()).map_or(&[][..], Vec::as_slice))
            .min_by_key(|list| list.len())
            .unwrap_or_default();
        let host = rarest
            .iter()
            .copied()
            .filter(|&m| contains_run(&raws[m].words, &raws[f].words))
            .min_by_key(|&m| (raws[m].article != raws[f].article, m));
        if let Some(m) = host {
            let (ra, rb) = (find(&mut parent, f), find(&mut parent, m));
            parent[ra.max(rb)] = ra.min(rb);
            kept[f] = true;
        }
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for idx in (0..n).filter(|&i| kept[i]) {
        let root = find(&mut parent, idx);
        members.entry(root).or_default().push(idx);
    }
    let mut groups: Vec<Vec<usize>> = members.into_values().collect();
    groups.sort_unstable();

    let mut out: Vec<QuoteGroup> = groups
        .into_iter()
        .map(|members| {
            let mut variants: Vec<String> = Vec::new();
            let mut ordered = members.clone();
            ordered.sort_by(|&a, &b| {
                raws[b]
                    .words
                    .len()
                    .cmp(&raws[a].words.len())
                    .then(a.cmp(&b))
            });
            for &m in &ordered {
                let folded = raws[m].words.join(" ");
                if !variants.contains(&folded) {
                    variants.push(folded);
                }
            }
            let fullest = ordered[0];
            let text = raws[fullest]
                .pieces
                .iter()
                .map(|p| docs[raws[fullest].article].slice(*p).trim())
                .collect::<Vec<_>>()
                .join(" … ");
            let mut speaker_counts: HashMap<&str, usize> = HashMap::new();
            for &m in &members {
                if let Some(s) = raws[m].speaker.as_deref() {
                    *speaker_counts.entry(s).or_default() += 1;
                }
            }
            let speaker = speaker_counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
                .map(|(s, _)| s.to_string());
            let speaker_kind = match &speaker {
                Some(s) => members
                    .iter()
                    .find(|&&m| raws[m].speaker.as_deref() == Some(s.as_str()))
                    .map_or("person", |&m| raws[m].kind),
                None if members.iter().any(|&m| raws[m].kind == "role") => "role",
                None if members.iter().any(|&m| raws[m].kind == "unresolved") => "unresolved",
                None => "none",
            }
            .to_string();
            let mut speaker_roles: Vec<String> = members
                .iter()
                .filter(|&&m| raws[m].speaker == speaker)
                .filter_map(|&m| raws[m].role.clone())
                .collect();
            speaker_roles.sort();
            speaker_roles.dedup();
            let mut articles: Vec<usize> = members.iter().map(|&m| raws[m].article).collect();
            articles.sort_unstable();
            articles.dedup();
            let occurrences = members
                .iter()
                .map(|&m| {
                    let raw = &raws[m];
                    let doc = &docs[raw.article];
                    let folded = raw.words.join(" ");
                    QuoteOccurrence {
                        article: raw.article,
                        pieces: raw.pieces.iter().map(|p| doc.excerpt(*p)).collect(),
                        attribution: raw.attribution.map(|a| doc.excerpt(a)),
                        speaker_as_written: raw.speaker_written.clone(),
                        speaker_source: raw.source.to_string(),
                        variant: variants.iter().position(|v| *v == folded).unwrap_or(0),
                    }
                })
                .collect();
            QuoteGroup {
                speaker,
                speaker_roles,
                speaker_kind,
                text,
                articles,
                occurrences,
                variants,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(a.occurrences[0].article.cmp(&b.occurrences[0].article))
    });
    out
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Whether a name found by a pattern opens with a function word ("The", "And"): then it is
/// no name.
fn opens_with_stopword(name: &str) -> bool {
    crate::stopwords::is_stopword(&name.split_whitespace().next().unwrap_or("").to_lowercase())
}

#[cfg(test)]
mod couple_tests {
    use super::{COUPLE, Gender, couples, infer_genders, joined};
    use proptest::prelude::*;
    use std::collections::HashMap;

    fn reference(text: &str) -> Vec<(&str, &str, &str)> {
        COUPLE
            .captures_iter(text)
            .map(|caps| {
                let part = |name: &str| caps.name(name).map_or("", |m| m.as_str());
                (part("first"), part("second"), part("surname"))
            })
            .collect()
    }

    #[test]
    fn pronoun_tally_is_the_same_on_ascii_text() {
        // The ASCII scan (words opening with "h" or "s" only) against the character split: a
        // non-ASCII word after every name sends the second set down the split.
        let texts = |tail: &str| {
            [
                format!(
                    "She said Mr Roe left. Roe said he and his son would stay {tail}. Shelly Roe hid herself, she said {tail}."
                ),
                format!(
                    "He saw Lind. Lind said she told him his shed was hers {tail}. Tom Lind, his husband, said he himself was sure {tail}."
                ),
                format!(
                    "sHe met Roe; Roe's HIS and Hers signs hung there {tail}. Roe, 40, hiss {tail}."
                ),
            ]
        };
        let ascii = texts("cafe");
        let other = texts("café");
        let by_surname: HashMap<String, String> = [("Roe", "Jane Roe"), ("Lind", "Tom Lind")]
            .iter()
            .map(|(s, f)| ((*s).to_string(), (*f).to_string()))
            .collect();
        let genders = |texts: &[String; 3]| {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let (all, pronouns) =
                super::super::testutil::with_docs(&refs, |docs| infer_genders(&by_surname, docs));
            let sorted = |map: HashMap<String, Gender>| {
                let mut list: Vec<(String, String)> = map
                    .into_iter()
                    .map(|(name, gender)| (name, format!("{gender:?}")))
                    .collect();
                list.sort();
                list
            };
            (sorted(all), sorted(pronouns))
        };
        let found = genders(&ascii);
        assert!(!found.0.is_empty());
        assert_eq!(found, genders(&other));
    }

    #[test]
    fn joined_is_format() {
        let mut buffer = String::from("stale");
        for (word, name) in [("wife", "Jane Roe"), ("", "Ölund"), ("son", "")] {
            assert_eq!(
                joined(&mut buffer, &[word, ", ", name]),
                format!("{word}, {name}")
            );
            assert_eq!(
                joined(&mut buffer, &["Mrs. ", name]),
                format!("Mrs. {name}")
            );
        }
    }

    #[test]
    fn couples_are_the_pattern_matches() {
        for text in [
            "Tom and Ann Pike met Joe and Sue Oakes-Hill.",
            "Tom and Ann Pike and Sue Oakes came; Mary and and Jo Lee left",
            "McTom and Ann Pike, xTom and Ann Pike, Tom and ann Pike, Tom and Ann pike",
            "Émile and Zoë Brûlé’s house, Bo and Li Wu-",
            "Ann and Bob Smith-2 and Carl and Dee Jones' car",
            " and Ann Pike and ",
        ] {
            assert_eq!(couples(text), reference(text), "{text}");
        }
        assert_eq!(couples("Tom and Ann Pike"), vec![("Tom", "Ann", "Pike")]);
    }

    /// Whether a match of `hir` may hold `c`: whether one of its literals or classes does.
    fn may_hold(hir: &regex_syntax::hir::Hir, c: char) -> bool {
        use regex_syntax::hir::{Class, HirKind};
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => false,
            HirKind::Literal(literal) => String::from_utf8_lossy(&literal.0).contains(c),
            HirKind::Class(Class::Unicode(class)) => {
                class.iter().any(|r| (r.start()..=r.end()).contains(&c))
            }
            HirKind::Class(Class::Bytes(class)) => u8::try_from(c)
                .is_ok_and(|b| class.iter().any(|r| (r.start()..=r.end()).contains(&b))),
            HirKind::Repetition(rep) => may_hold(&rep.sub, c),
            HirKind::Capture(capture) => may_hold(&capture.sub, c),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                subs.iter().any(|h| may_hold(h, c))
            }
        }
    }

    /// No match of [`super::SAID_IN_SENTENCE`] holds one of [`super::NOT_IN_SAID`], none of
    /// which is a word character; and the premise fails for a character a match may hold.
    #[test]
    fn said_in_sentence_holds_none_of_its_stops() {
        let pattern = format!(
            r"(?P<who>{}|\b{}){}{}\s+(?P<verb>{})\b",
            super::NAME,
            super::ROLE_NP,
            super::APPOSITIVE,
            super::TIME,
            super::VERBS
        );
        let hir = regex_syntax::Parser::new()
            .parse(&pattern)
            .expect("valid regex");
        for c in super::NOT_IN_SAID {
            assert!(!may_hold(&hir, c), "{c}");
            assert!(!regex_syntax::is_word_character(c), "{c}");
        }
        for c in [',', '.', ':', ' ', 'a', '’'] {
            assert!(may_hold(&hir, c), "{c}");
        }
        let said = super::SAID_IN_SENTENCE.captures("Ann Roe said");
        assert_eq!(
            said.map(|c| c["who"].to_string()).as_deref(),
            Some("Ann Roe")
        );
    }

    /// No match of [`super::BEFORE`] holds one of [`super::NOT_IN_BEFORE`]; the premise fails
    /// for a character a match may hold.
    #[test]
    fn before_holds_none_of_its_stops() {
        let hir = regex_syntax::Parser::new()
            .parse(super::BEFORE.as_str())
            .expect("valid regex");
        for c in super::NOT_IN_BEFORE {
            assert!(!may_hold(&hir, c), "{c}");
        }
        for c in [';', '.', ',', ' ', 'a'] {
            assert!(may_hold(&hir, c), "{c}");
        }
    }

    proptest! {
        /// Pieces of names, nouns, speech verbs and punctuation, stops among them: the search
        /// from after the last stop finds what the search from the read limit finds.
        #[test]
        fn before_search_from_finds_the_same_match(words in prop::collection::vec(
            prop::sample::select(vec![
                "Ann", "Roe", "Zoë", "the", "The", "a", "spokesman", "of", "Acme", "said",
                "told", "he", "she", "yesterday", "U.S.", " ", " ", ",", ", ", ".", "\"", "“",
                "”", "!", "?", ";", ":", "-", "é", ", a spokesman for Acme,", ", 45,",
                "was quoted", "as saying", "that", "it",
            ]),
            0..40,
        )) {
            let piece: String = words
                .iter()
                .enumerate()
                .map(|(i, w)| if i % 3 == 0 { (*w).to_string() } else { format!("{w} ") })
                .collect();
            let show = |caps: Option<regex::Captures<'_>>| {
                caps.map(|caps| {
                    caps.iter()
                        .map(|m| m.map(|m| m.range()))
                        .collect::<Vec<_>>()
                })
            };
            let want = show(super::BEFORE.captures_at(&piece, super::before_reads_from(&piece)));
            let got = show(super::BEFORE.captures_at(&piece, super::before_search_from(&piece)));
            prop_assert_eq!(got, want);
        }
    }

    proptest! {
        /// Texts of names, nouns, speech verbs, time words and punctuation, stops among them:
        /// the matches read stretch by stretch from the end are the whole text's, reversed.
        #[test]
        fn said_from_last_equals_captures_iter_reversed(words in prop::collection::vec(
            prop::sample::select(vec![
                "Ann", "Roe", "Zoë", "Émile", "the", "The", "a", "group", "spokesman", "of",
                "Acme", "said", "told", "says", "yesterday", "also", "and", "al-", "it", "U.S.",
                " ", " ", " ", ",", ", ", ".", "\"", "“", "”", "!", "?", ";", ":", "’", "-",
                "\n", "é", "x2", ", a spokesman for Acme,", ", 45,", "Ann Roe, the mayor,",
            ]),
            0..40,
        )) {
            let text: String = words
                .iter()
                .enumerate()
                .map(|(i, w)| if i % 3 == 0 { (*w).to_string() } else { format!("{w} ") })
                .collect();
            let show = |caps: regex::Captures<'_>| {
                (
                    caps.get(0).map(|m| m.as_str().to_string()),
                    caps.name("who").map(|m| m.as_str().to_string()),
                    caps.name("verb").map(|m| m.as_str().to_string()),
                )
            };
            let want: Vec<_> = super::SAID_IN_SENTENCE
                .captures_iter(&text)
                .rev()
                .map(show)
                .collect();
            let got: Vec<_> = super::said_from_last(&text).map(show).collect();
            prop_assert_eq!(got, want);
        }
    }

    proptest! {
        /// Texts of name-like words, "and", spaces and punctuation: the same matches as the
        /// pattern run over the whole text.
        #[test]
        fn couples_equal_captures_iter(words in prop::collection::vec(
            prop::sample::select(vec![
                "Tom", "Ann", "Pike", "Oakes-Hill", "Zoë", "Émile", "ann", "McTom", "O’Neil",
                "and", "and", " ", " ", " ", ",", "-", "’", "2", "x", "É", "Lee'", "Wu-",
            ]),
            0..24,
        )) {
            let text: String = words
                .iter()
                .enumerate()
                .map(|(i, w)| if i % 2 == 0 { format!("{w} ") } else { (*w).to_string() })
                .collect();
            prop_assert_eq!(couples(&text), reference(&text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::build_brief;
    use super::super::testutil::cluster_of;
    use super::{
        OF_THE_PREFIX, OfThe, before_attribution, contains_word, extends, for_each_run,
        inside_quotation, person_name, sentence_start,
    };

    /// The speech-verb test rejects a verb word inside another word ("already", "satellite"),
    /// glued to the word before it, or farther than 120 characters from the piece's end, and
    /// lets through every piece that [`super::BEFORE`] or [`super::BEFORE_OPEN_APPOSITIVE`]
    /// matches.
    #[test]
    fn speech_verb_test_is_a_prefilter_of_the_before_patterns() {
        use super::{BEFORE, BEFORE_OPEN_APPOSITIVE, may_end_in_speech_verb};
        let far = format!(
            "Jane Roe said that the storm {} ",
            "was strong and ".repeat(9)
        );
        for piece in [
            "The satellite had already left the station ",
            "The committee's reputation suffered ",
            "Jane Roe saidx ",
            far.as_str(),
        ] {
            assert!(!may_end_in_speech_verb(piece), "{piece}");
            assert!(!BEFORE.is_match(piece), "{piece}");
        }
        let long_tail = "x".repeat(119);
        let pieces = [
            "Jane Roe said ".to_string(),
            "Jane Roe said: ".to_string(),
            "Jane Roe, the city's mayor, has also said ".to_string(),
            "The minister later says that ".to_string(),
            "John Doe put it this way: ".to_string(),
            "He thought to himself ".to_string(),
            "She was quoted by the paper as saying ".to_string(),
            "The court ruled that ".to_string(),
            "Officials\u{a0}said ".to_string(),
            format!("Jane Roe said {long_tail}"),
            format!("Jane Roe said\n{}", "y ".repeat(200)),
            "Mr. Roe said ".to_string(),
        ];
        for piece in &pieces {
            let matched = BEFORE.is_match(piece) || BEFORE_OPEN_APPOSITIVE.is_match(piece);
            assert!(!matched || may_end_in_speech_verb(piece), "{piece}");
        }
        assert!(may_end_in_speech_verb(&pieces[0]));
        assert!(may_end_in_speech_verb(&format!(
            "Jane Roe said {long_tail}"
        )));
        assert!(!may_end_in_speech_verb(&format!(
            "Jane Roe said x{long_tail}"
        )));
    }

    /// A word after a no-break space (two bytes) is read from the character after it.
    #[test]
    fn sentence_start_steps_over_wide_spaces() {
        assert_eq!(sentence_start("abc\u{a0}Xyz. Y"), 9);
        assert_eq!(sentence_start("He met the Rep.\u{a0}Rep. Kay"), 0);
        assert_eq!(sentence_start("It rained. Then \u{a0}U.S. aid came"), 10);
        assert_eq!(
            super::plural_person_before_preposition("said\u{a0}doctors at "),
            Some(6)
        );
        let (cluster, cleaned, segmented) =
            cluster_of(&["Jan.\u{a0}5 It may be odd.\u{a0}Potato. \"We will see,\" said Ann Lee."]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        assert_eq!(brief.quotes.len(), 1, "{:?}", brief.quotes);
    }

    #[test]
    fn contains_word_is_the_whole_word_test_over_match_indices() {
        let reference = |text: &str, word: &str| {
            text.match_indices(word).any(|(pos, _)| {
                let before = text[..pos].chars().next_back();
                let after = text[pos + word.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        };
        let texts = [
            "",
            "aXaXa",
            "aXa Xa",
            "Roe said Roe's wife, Jane Roe-Smith, and Roeder",
            "José Ruiz, José, Ruizé",
            "éé é",
            "O'Neill and O'Neills",
            "abab ab",
        ];
        let words = [
            "aXa",
            "Xa",
            "Roe",
            "Roe-Smith",
            "José",
            "Ruiz",
            "é",
            "O'Neill",
            "ab",
            "abab",
            "",
        ];
        for text in texts {
            for word in words {
                assert_eq!(
                    contains_word(text, word),
                    reference(text, word),
                    "{text:?} {word:?}"
                );
            }
        }
    }

    #[test]
    fn runs_are_the_non_empty_pieces_of_split() {
        for text in [
            "",
            "Mr. Roe's wife, Jane  Roe -- 42x",
            "  a1b2, c ",
            "José Ruiz, his wife’s brother—Ann",
            "x",
        ] {
            let mut runs = Vec::new();
            for_each_run(
                text,
                char::is_alphanumeric,
                u8::is_ascii_alphanumeric,
                |w| runs.push(w),
            );
            let split: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(runs, split, "{text}");
            let mut runs = Vec::new();
            for_each_run(text, char::is_alphabetic, u8::is_ascii_alphabetic, |w| {
                runs.push(w);
            });
            let split: Vec<&str> = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(runs, split, "{text}");
        }
    }

    /// (speaker, articles, number of variants, first occurrence's source) per quote group.
    fn check(texts: &[&str], expect: &[(Option<&str>, &[usize], usize, &str)]) {
        let (cluster, cleaned, segmented) = cluster_of(texts);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        let got: Vec<(Option<&str>, &[usize], usize, &str)> = brief
            .quotes
            .iter()
            .map(|q| {
                (
                    q.speaker.as_deref(),
                    q.articles.as_slice(),
                    q.variants.len(),
                    q.occurrences[0].speaker_source.as_str(),
                )
            })
            .collect();
        assert_eq!(got, expect, "{:#?}", brief.quotes);
    }

    /// "said the Ohio lawmaker" is a person the article ties to Ohio before the quotation
    /// ("Rep. Ray Dunn of Ohio", "Sen. Ray Dunn, D-Ohio"); the last man named is not, when
    /// nothing ties him to it: the noun stays a role. "The IMF chief" is the person written beside
    /// "International Monetary Fund" or "IMF". A website speaks as an organisation.
    #[test]
    fn modified_nouns_need_a_tie_and_websites_are_organisations() {
        check(
            &[
                "Vice President Tom Hale won the backing of House leader Ray Dunn on Monday.\n\n\
                 With hugs from Dunn, Hale asked the crowd to stand with him.\n\n\
                 Hale then flew to Dayton, his old rival's hometown.\n\n\
                 \"We would all be proud to have him as our leader,\" said the Ohio lawmaker, who left the race in May.",
                "Vice President Tom Hale won the backing of Rep. Ray Dunn of Ohio on Monday.\n\n\
                 With hugs from Dunn, Hale asked the crowd to stand with him in the cold.\n\n\
                 \"Nobody in this state has worked harder for the farmers,\" said the Ohio lawmaker after the rally.",
                "Ana Ruiz, managing director of the International Monetary Fund, spoke in Lisbon. \
                 She met Finance Minister Tom Hale on Tuesday.\n\n\
                 The IMF chief told reporters that \"the two engines of the world economy are still running.\"",
                "U.N. Secretary-General Ana Lind toured the camp on Friday. \
                 Mayor Tom Hale showed her the school.\n\n\
                 \"Nothing is more shameful than attacking children in their sleep,\" the U.N. chief said.",
            ],
            &[
                (None, &[0], 1, "after"),
                (Some("Ray Dunn"), &[1], 1, "after"),
                (Some("Ana Ruiz"), &[2], 1, "before"),
                (Some("Ana Lind"), &[3], 1, "after"),
            ],
        );
        let got = speakers(&[
            "Rajanews.com, a news website run by supporters of the mayor, said on Monday: \
             \"If the charges are brought against them the punishment would be heavy.\"",
        ]);
        assert_eq!(
            got,
            vec![(
                Some("Rajanews.com".to_string()),
                "organization".to_string(),
                "before".to_string()
            )]
        );
    }

    /// News attributions: "X of Y's Z Center" is X (the possessive inside "of" names where X
    /// works); "said Acme chief executive Dr. X": the name after the body and a title of several
    /// words; "a diplomat from Y said": a role; an editorial "published in the Y newspaper" is
    /// the paper's; a he after "said X, an official with the U.S. Space Agency." is X (the
    /// abbreviation's full stop ends no sentence, so the agency's name is no rival referent);
    /// "Bob Lord" is a person (a given name before a title word); the speech verbs' present
    /// tense ("cautions", "maintains") attributes like their past tense.
    #[test]
    fn news_affiliations_titles_and_carried_documents() {
        check(
            &[
                "Grain prices rise.\n\n\"The prices of our grain will rise again before the winter,\" said Dr. Anna Kovel of Norland's Baltic Research Center.",
                "Seed sales open.\n\n\"This is the season when farmers decide what seeds to buy,\" said Vexo chief executive Dr. Paul Marder.",
                "Border tense.\n\n\"This is a fire that has been burning for a long time now,\" a diplomat from Cairo said.",
                "Papers react.\n\nA typical editorial, published Sunday in the independent al-Nahar newspaper in Beirut, said that it was \"notable that the sudden escalation came with the new alliance.\"",
                "Probe lands.\n\n\"The quality of the survey data exceeds all of our predictions,\" said Dr. Ivo Stern, Associate Administrator for Space Science with the U.S. National Aeronautics and Space Administration.\n\n\"It will allow the community to develop new insights into our region,\" he added.",
                "Hack foiled.\n\n\"This attempt is proof that there are threats as we head into the vote,\" said Bob Lord, chief security officer for the party.",
                "Tools found.\n\n\"Smaller tools show we were well on our way to a settled life in the valley,\" cautions archaeologist Mira Dahl of the city museum.",
            ],
            &[
                (Some("Anna Kovel"), &[0], 1, "after"),
                (Some("Paul Marder"), &[1], 1, "after"),
                (Some("diplomat from Cairo"), &[2], 1, "after"),
                (Some("al-Nahar"), &[3], 1, "before"),
                (Some("Ivo Stern"), &[4], 1, "after"),
                (Some("Ivo Stern"), &[4], 1, "pronoun"),
                (Some("Bob Lord"), &[5], 1, "after"),
                (Some("Mira Dahl"), &[6], 1, "after"),
            ],
        );
    }

    /// Attribution forms beyond "X said": a title before the name, a role with the name in
    /// apposition, "said a <body> spokesman", an open appositive before the verb, a judgement verb
    /// before a partial quote, plural present verbs, "they" for the previous quote's role.
    /// The speaker before a quotation is read from the end of a sentence of any length: after
    /// 100 kB without a sentence end, and with text in a script of multi-byte letters.
    #[test]
    fn a_speaker_after_a_long_sentence_is_found() {
        for run in ["and the plan went on ", "и план продолжался "] {
            let before = format!("The council met {}while Jane Roe said: ", run.repeat(5_000));
            let (span, who) = before_attribution(&before, 7, false, &super::PieceMemo::default())
                .expect("a speaker");
            assert_eq!(who, "Jane Roe");
            let at = before.find("Jane Roe").expect("the name");
            assert_eq!((span.start, span.end), (7 + at, 7 + before.len()));
        }
    }

    /// "A <role>, <Name>, said ... "...": the name in apposition to the unnamed speaker speaks;
    /// "has also issued a statement:" attributes like "has issued".
    /// A document issued by a body speaks for it, before the quote ("The tweet from X reads:")
    /// and after it ("said a statement from the department", a lower-case body noun too).
    #[test]
    fn a_document_from_a_body_speaks_for_the_body() {
        let before = "The tweet from Quillon Weekly magazine reads, ";
        let (_, who) =
            before_attribution(before, 0, false, &super::PieceMemo::default()).expect("a speaker");
        assert_eq!(who, "Quillon Weekly magazine");
        let before = "Late on Friday a statement from the ministry said: ";
        let (_, who) =
            before_attribution(before, 0, false, &super::PieceMemo::default()).expect("a speaker");
        assert_eq!(who, "the ministry");
        let (_, who, _) =
            super::after_attribution(" said a statement from the department.", 0, true);
        assert_eq!(who.as_deref(), Some("the department"));
        // Without a body the document itself is the speaker, as before.
        let (_, who, _) = super::after_attribution(" said a statement.", 0, true);
        assert_eq!(who.as_deref(), Some("a statement"));
    }

    /// "her mother, Jane, said": a role opened by a possessive pronoun with the name in
    /// apposition; the name speaks.
    #[test]
    fn a_possessive_role_with_a_name_in_apposition_speaks_as_the_name() {
        let (_, who, _) = super::after_attribution(
            " her mother, Marla, said in a statement on Friday.",
            0,
            true,
        );
        assert_eq!(who.as_deref(), Some("Marla"));
        let (_, who, _) =
            super::after_attribution(" his lawyer, Ivo Brant, told reporters.", 0, true);
        assert_eq!(who.as_deref(), Some("Ivo Brant"));
    }

    /// "Tom and Lorna Quibble": two given names before one surname name two people, so
    /// "says Lorna" is Lorna Quibble.
    #[test]
    fn a_couple_sharing_a_surname_gives_each_their_full_name() {
        check(
            &[
                "That is what Tom and Lorna Quibble have found in five years of painting \
               houses.\n\n\"We paint every room ourselves and we love doing it,\" says Lorna.",
            ],
            &[(Some("Lorna Quibble"), &[0], 1, "after")],
        );
    }

    #[test]
    fn a_name_in_apposition_to_a_role_before_the_quote_speaks() {
        let before = "A foreign ministry spokesman, Jane Roe, said Beijing was ready for ";
        let (_, who) =
            before_attribution(before, 0, false, &super::PieceMemo::default()).expect("a speaker");
        assert_eq!(who, "Jane Roe");
        let before = "A foreign ministry spokesman said Beijing was ready for ";
        let (_, who) =
            before_attribution(before, 0, false, &super::PieceMemo::default()).expect("a speaker");
        assert_eq!(who, "A foreign ministry spokesman");
        let before = "The university has also issued a statement about the case: ";
        let (_, who) =
            before_attribution(before, 0, false, &super::PieceMemo::default()).expect("a speaker");
        assert_eq!(who, "The university");
    }

    /// A closing curly mark garbled in transcoding ("\u{fffd}?"), an appositive that opens with
    /// a lower-case title and holds a comma, "According to <title> X, <clause> "..."", and
    /// "X did Y, adding that ... "..."".
    #[test]
    fn garbled_marks_long_appositives_and_reported_clauses() {
        check(
            &[
                "Storm hits the coast.\n\n\u{201c}The wall of water came over the dunes in minutes,\u{fffd}? said Anna Brisk, the harbour master.",
                "\"The levees held far better than the models said they would,\" Thomas Grell, professor of coastal engineering at the University of Lund, Malmo said.",
                "According to harbour analyst Maria Lund, the surge was \"the highest water on record for this coast\" by far.",
                "Peter Vok later withdrew his remark, adding that the response of the town was \"one of the fastest we have ever seen anywhere.\"",
            ],
            &[
                (Some("Anna Brisk"), &[0], 1, "after"),
                (Some("Thomas Grell"), &[1], 1, "after"),
                (Some("Maria Lund"), &[2], 1, "before"),
                (Some("Peter Vok"), &[3], 1, "before"),
            ],
        );
    }

    /// A surname two people share goes to the one of them who spoke last; a he after a new
    /// unnamed person said to speak ("An engineer ... commented") is that role; a name in a
    /// clause whose subject is the pronoun ("she can see why X's ...") is no referent of it.
    #[test]
    fn shared_surnames_unnamed_speakers_and_pronoun_subjects() {
        let (cluster, cleaned, segmented) = cluster_of(&[
            "Rita Markov and her husband Paul Markov ran the bakery.\n\n\"We never closed a single day, not even in the storm,\" said Paul Markov.\n\nThe town thanked Rita Markov for the bread.\n\n\"The ovens are still warm and the regulars keep calling,\" Markov said.",
            "Anna Berg said the bridge was safe.\n\nAn engineer for the county commented that the cracks were old. \"I think we are going to see more closures next year,\" he said.",
            "Eva Lind sells old things at auction.\n\nLind dismisses most of the lots as junk.\n\nStill, she can see why Karl Dorn's old saw sells.\n\n\"Hype increases value for every single buyer,\" she said.",
        ]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        let of = |article: usize, words: &str| {
            brief
                .quotes
                .iter()
                .find(|q| q.articles == [article] && q.text.contains(words))
                .unwrap_or_else(|| panic!("{words}: {:#?}", brief.quotes))
        };
        assert_eq!(of(0, "ovens").speaker.as_deref(), Some("Paul Markov"));
        let engineer = of(1, "closures");
        assert_eq!(engineer.speaker, None);
        assert_eq!(engineer.speaker_kind, "role");
        assert!(
            engineer.speaker_roles.iter().any(|r| r == "engineer"),
            "{engineer:#?}"
        );
        assert_eq!(of(2, "Hype").speaker.as_deref(), Some("Eva Lind"));
        // "one servicemen said" (sic): one unnamed member of a group, not an organisation.
        let (cluster, cleaned, segmented) = cluster_of(&[
            "The sailors met the president on Friday.\n\n\"We are thankful for the kindness,\" one servicemen said to him.",
        ]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        let member = &brief.quotes[0];
        assert_eq!(member.speaker, None, "{member:#?}");
        assert_eq!(member.speaker_kind, "role", "{member:#?}");
    }

    #[test]
    fn titled_appositive_and_plural_attributions() {
        check(
            &[
                "Rail strike ends.\n\n\"We are glad to be back at work today,\" union leader Tomas Varga later told the crowd.\n\n\
                 \"The deal is fair to every driver here,\" lead driver Ilse said.",
                "\"Reading our findings, most towns grew after the flood,\" the authors write. But, they add, \"few towns kept their old markets open.\"",
                "\"The question is whether the line can ever pay,\" said a transport ministry spokesman, on condition of anonymity.",
                "\"Trust is the root of our troubles,\" the leader of the drivers' movement, Mara Lind, wrote in an essay.",
                "Pavel Orn, the city's mayor said, \"we want the trains running again before the holidays begin.\" \
             Railnews.net, a news website run by friends of Orn said: \"The mayor will win this fight for the town.\"",
                "In his letter, Karl Weiss accused the company of trying \"to break the union and cut every wage it pays.\"",
            ],
            &[
                (Some("Tomas Varga"), &[0], 1, "after"),
                (Some("Ilse"), &[0], 1, "after"),
                (Some("authors"), &[1], 1, "after"),
                (Some("authors"), &[1], 1, "pronoun"),
                (None, &[2], 1, "after"),
                (Some("Mara Lind"), &[3], 1, "after"),
                (Some("Pavel Orn"), &[4], 1, "before"),
                (Some("Railnews.net"), &[4], 1, "before"),
                (Some("Karl Weiss"), &[5], 1, "before"),
            ],
        );
    }

    /// Attribution clauses that are longer or less common: a two-piece appositive, a name in
    /// apposition after an unnamed role, a possessive role, a judgement verb with an auxiliary,
    /// an adverb before the verb, and a pronoun with a contraction that names nobody.
    #[test]
    fn long_appositives_possessive_roles_and_judgement_verbs() {
        check(
            &[
                "\"The vote shows the county wants cleaner rivers,\" said the survey's chief author, Dr. Lena Holm of the Baltic Institute.\n\n\
                 Oskar Brandt, director of the Riverside Trust, the charity that brought the case to court, said the ruling \"opens every county ledger to the public.\"",
                "\"He admits taking the boat and he is sorry for it,\" Brandt's lawyer, Ivo Marek, told the court.\n\n\
                 Judge Nora Falk has called the theft \"a foolish prank by bored teenagers\" in her order.",
                "\"The owners are forcing the matter to court,\" we're told by people close to the case.\n\n\
                 \"We will not give the boat back without a ruling,\" Piet Skov further elaborated.",
            ],
            &[
                (Some("Lena Holm"), &[0], 1, "after"),
                (Some("Oskar Brandt"), &[0], 1, "before"),
                (Some("Ivo Marek"), &[1], 1, "after"),
                (Some("Nora Falk"), &[1], 1, "before"),
                (None, &[2], 1, "none"),
                (Some("Piet Skov"), &[2], 1, "after"),
            ],
        );
    }

    /// A he/she with nobody named in reach follows a chain of the same pronoun back to the one
    /// person who fits, and stays unresolved when two do; "the actor" points back like "he";
    /// "Mrs. Dorn" is not the man "Paul Dorn"; a short partial quote whose pronoun resolves is
    /// kept.
    #[test]
    fn pronoun_chains_definite_nouns_and_honorifics() {
        check(
            &[
                "Mrs. Marta Sills runs a small bakery in the old town.\n\nStill, she worries about the new rents.\n\n\
                 \"We can barely pay the flour bills this winter,\" she said.",
                "Mrs. Marta Sills and Ms. Jonas Rell run a bakery in the old town.\n\nStill, she worries about the new rents.\n\n\
                 \"Nobody told us the landlord would double the rent in spring,\" she said.",
                "Lars Eng says he left the film early, before the last week of shooting.\n\n\
                 The actor told a radio show, \"I could not work with that director any longer.\"",
                "Paul Dorn died in the fire; he was 19. He was a student at the college.\n\n\
                 \"Nothing will ever bring our son back to us,\" Mrs. Dorn said.",
                "Defense lawyer Piet Skov said the trial would be fair.\n\n\
                 He also warned jurors they would see \"really graphic photos\" during the trial.",
            ],
            &[
                (Some("Marta Sills"), &[0], 1, "pronoun"),
                (None, &[1], 1, "pronoun"),
                (Some("Lars Eng"), &[2], 1, "before"),
                (Some("Dorn"), &[3], 1, "after"),
                (Some("Piet Skov"), &[4], 1, "pronoun"),
            ],
        );
    }

    /// "the judge said" in reach names the one person the cluster gives that role, for a "he"
    /// after it; an attribution that closes the sentence a quote opens, after narration.
    #[test]
    fn role_subjects_for_pronouns_and_closing_clauses() {
        check(
            &[
                "State Judge Karl Vance heard the case on Monday in the county court.\n\n\
                 Later the judge said that the defense had offered no evidence at all.\n\n\
                 \"Even if relevant, the evidence would only confuse the jury,\" he stated in a written order.",
                "Mayor Ana Ruiz criticised the council on Friday.\n\n\
                 \"The council keeps ignoring the law of the land\" by refusing to publish its accounts, she said in a statement.",
            ],
            &[
                (Some("Karl Vance"), &[0], 1, "pronoun"),
                (Some("Ana Ruiz"), &[1], 1, "pronoun"),
            ],
        );
    }

    /// A medium that relays a quote yields to the speaker named before it in the sentence; a
    /// paragraph that holds narration after its quote does not continue the previous speaker;
    /// "said the statement" speaks for the body that issued it.
    #[test]
    fn relayed_quotes_and_statements_and_no_continuation_past_narration() {
        let (cluster, cleaned, segmented) = cluster_of(&[
            "The Transport Ministry said the line \"will not reopen before the tunnel is fully repaired,\" the official news agency said Tuesday.",
            "Ana Pell said the repairs were late. \"We were told nothing at all about it,\" she said.\n\n\
             \"Every driver on the line has waited months for this,\" said an unnamed railway ministry official.",
            "The Drivers Union said on Monday it would strike.\n\n\
             \"Nobody will drive a train until the wages are paid in full,\" said the statement, which was sent to reporters.",
            "In a statement, the ministry said that the plan \"would only delay the opening of the line.\"",
            "The Harbour Board backed the drivers. Nina Sato, a spokeswoman for the Harbour Board, said \"we support the drivers in every way we can.\" The Harbour Board also confirmed the date.\n\n\
             \"The union deplores the closure and asks for talks at once,\" said the statement released by the Drivers Union.",
            "The Northern Riders Alliance, a commuter group, counted the delays.\n\n\
             \"Our members have lost whole working days to this closure,\" the group said.",
        ]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        let by_article = |a: usize| {
            brief
                .quotes
                .iter()
                .filter(|q| q.articles.contains(&a))
                .map(|q| {
                    (
                        q.speaker.clone(),
                        q.speaker_roles.clone(),
                        q.speaker_kind.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let relayed = by_article(0);
        assert_eq!(relayed.len(), 1, "{relayed:?}");
        assert_eq!(
            relayed[0].0.as_deref(),
            Some("Transport Ministry"),
            "{relayed:?}"
        );
        let second = by_article(1);
        assert_eq!(second.len(), 2, "{second:?}");
        assert_eq!(second[0].0.as_deref(), Some("Ana Pell"));
        assert_eq!(second[1].0, None, "{second:?}");
        assert!(
            second[1].1.iter().any(|r| r.contains("official")),
            "{second:?}"
        );
        let statement = by_article(2);
        assert_eq!(statement.len(), 1, "{statement:?}");
        assert_eq!(
            statement[0].0.as_deref(),
            Some("Drivers Union"),
            "{statement:?}"
        );
        // "In a statement, the ministry said": the document is not an appositive of a speaker.
        let ministry = by_article(3);
        assert_eq!(ministry.len(), 1, "{ministry:?}");
        assert_eq!(ministry[0].0.as_deref(), Some("ministry"), "{ministry:?}");
        // The capitalised subject after a quote that ends its sentence opens the next sentence.
        let next_sentence = by_article(4);
        assert_eq!(next_sentence.len(), 2, "{next_sentence:?}");
        assert_eq!(
            next_sentence[0].0.as_deref(),
            Some("Nina Sato"),
            "{next_sentence:?}"
        );
        assert_eq!(
            next_sentence[1].0.as_deref(),
            Some("Drivers Union"),
            "{next_sentence:?}"
        );
        let group = by_article(5);
        assert_eq!(group.len(), 1, "{group:?}");
        assert_eq!(
            group[0].0.as_deref(),
            Some("Northern Riders Alliance"),
            "{group:?}"
        );
    }

    #[test]
    fn speakers_after_before_pronoun_and_merged_variants() {
        check(
            &[
                "Health Minister Ana Ruiz visited the ward. \"We will reopen every clinic by spring,\" Ruiz said.\n\n\
                 Later she spoke again. \"There is no shortage of nurses,\" she told reporters.",
                "“We will reopen all clinics by spring,” said Health Minister Ana Ruiz at the hospital.",
                "Ana Ruiz said: \"Budgets are tight this year.\" The opposition disagreed.",
            ],
            &[
                (Some("Ana Ruiz"), &[0, 1], 2, "after"),
                (Some("Ana Ruiz"), &[0], 1, "pronoun"),
                (Some("Ana Ruiz"), &[2], 1, "before"),
            ],
        );
    }

    #[test]
    fn pronoun_speaker_respects_gender_and_told_object() {
        check(
            &[
                "Minister Tom Hale said his talks went well. Senator Vera Lind said her plan was ready.\n\n\
                 At the end, a woman in the crowd shouted at them. She told Hale: \"You have failed us all.\"\n\n\
                 Lind answered the crowd. \"We hear your anger clearly,\" he said.",
            ],
            &[
                (None, &[0], 1, "pronoun"),
                (Some("Tom Hale"), &[0], 1, "pronoun"),
            ],
        );
    }

    #[test]
    fn quote_split_around_he_said_is_one_quote() {
        let (cluster, cleaned, segmented) = cluster_of(&[
            "Coach Tom Ellis praised the team. \"We played with heart,\" he said. \"Nobody gave up tonight.\"\n\n\
             \"The fans carried us in the last minutes.\"",
        ]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        assert_eq!(brief.quotes.len(), 2, "{:#?}", brief.quotes);
        let first = &brief.quotes[0];
        assert_eq!(first.occurrences[0].pieces.len(), 2);
        assert_eq!(first.speaker.as_deref(), Some("Tom Ellis"));
        assert_eq!(brief.quotes[1].occurrences[0].speaker_source, "continued");
        assert_eq!(brief.quotes[1].speaker.as_deref(), Some("Tom Ellis"));
    }

    #[test]
    fn scare_quotes_and_unbalanced_marks_are_skipped() {
        check(
            &["Critics called the plan a \"fig leaf\" and an “open question. It was \"odd"],
            &[],
        );
    }

    #[test]
    fn speaker_spans_stop_at_sentence_end_and_lose_the_full_stop() {
        use super::clean_speaker;
        assert_eq!(clean_speaker("Blair.").as_deref(), Some("Blair"));
        assert_eq!(
            clean_speaker("Deputy Minister Ann Vale. On").as_deref(),
            Some("Deputy Minister Ann Vale")
        );
        assert_eq!(
            clean_speaker("U.S. envoy Jo Park").as_deref(),
            Some("U.S. envoy Jo Park")
        );
        assert_eq!(clean_speaker("Tuesday").as_deref(), None);
    }

    #[test]
    fn roles_and_bodies_as_speakers_and_fragments_dropped() {
        let (cluster, cleaned, segmented) = cluster_of(&[
            "Norland Trade Minister Ann Vale opened the port talks in Vessa on Monday. \
             \"We will reopen the northern port before the winter storms arrive,\" the Trade Minister said. \
             \"The tariffs stay in place until the talks end,\" the Harbour Authority said. \
             \"Our ships will wait for a written guarantee from both sides,\" the Fleet Commander said. \
             \"No vessel may enter the harbour before the inspection,\" said the Norland Port Office \
             spokesman, Lev Ostrov. \
             Critics called it a \"cosmetic gesture\" and \"a cheap trick for voters\".",
        ]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[(0, 0)]);
        let got: Vec<(Option<&str>, &str, Vec<&str>)> = brief
            .quotes
            .iter()
            .map(|q| {
                (
                    q.speaker.as_deref(),
                    q.speaker_kind.as_str(),
                    q.speaker_roles.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("Ann Vale"), "person", vec!["Trade Minister"]),
                (Some("Harbour Authority"), "organization", vec![]),
                (None, "role", vec!["Fleet Commander"]),
                (
                    Some("Lev Ostrov"),
                    "person",
                    vec!["Norland Port Office spokesman"]
                ),
            ],
            "{:#?}",
            brief.quotes
        );
    }

    /// (speaker, kind, source) of the group holding each occurrence, in text order of article 0.
    fn speakers(texts: &[&str]) -> Vec<(Option<String>, String, String)> {
        let (cluster, cleaned, segmented) = cluster_of(texts);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        let mut out: Vec<(usize, Option<String>, String, String)> = brief
            .quotes
            .iter()
            .flat_map(|q| {
                q.occurrences.iter().filter(|o| o.article == 0).map(|o| {
                    (
                        o.pieces[0].span.start,
                        q.speaker.clone(),
                        q.speaker_kind.clone(),
                        o.speaker_source.clone(),
                    )
                })
            })
            .collect();
        out.sort();
        out.into_iter().map(|(_, a, b, c)| (a, b, c)).collect()
    }

    fn person(name: &str, source: &str) -> (Option<String>, String, String) {
        (
            Some(name.to_string()),
            "person".to_string(),
            source.to_string(),
        )
    }

    /// A quotation that resembles two others with different speakers (a transcript holding both)
    /// does not join them into one group.
    #[test]
    fn groups_of_different_speakers_stay_apart_through_a_third_quotation() {
        let (cluster, cleaned, segmented) = cluster_of(&[
            "Health Minister Ana Ruiz spoke on Monday. \"We will reopen every clinic in the region by spring,\" Ruiz said.",
            "Minister Tom Hale spoke later. \"The budget for the roads is spent and nothing is left,\" Hale said.",
            "The radio played the debate.\n\n\"We will reopen every clinic in the region by spring. The budget for the roads is spent and nothing is left.\"",
        ]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        let speaker_in = |article: usize| {
            brief
                .quotes
                .iter()
                .find(|q| q.occurrences.iter().any(|o| o.article == article))
                .and_then(|q| q.speaker.clone())
        };
        assert!(
            speaker_in(0).is_some_and(|s| s.ends_with("Ruiz")),
            "{:#?}",
            brief.quotes
        );
        assert!(
            speaker_in(1).is_some_and(|s| s.ends_with("Hale")),
            "{:#?}",
            brief.quotes
        );
        assert!(
            !brief
                .quotes
                .iter()
                .any(|q| q.articles.contains(&0) && q.articles.contains(&1)),
            "{:#?}",
            brief.quotes
        );
    }

    #[test]
    fn one_before_a_capitalised_modifier_opens_a_role_not_a_title() {
        let got = speakers(&[
            "The depot stayed shut for a year. \"We could build a bridge, but not a shed,\" \
             lamented one Ruritanian official.",
        ]);
        // A role, not the modifier taken for a name.
        assert_eq!(got, vec![(None, "role".to_string(), "after".to_string())]);
    }

    #[test]
    fn a_shared_surname_goes_to_the_one_named_in_full_after_the_last_quote() {
        let got = speakers(&[
            "\"The harvest is late this year,\" said Lin Bao, a farmer near the river.\n\n\
             Officials have promised help. Lin Wei, who runs the village shop, said prices had doubled.\n\n\
             \"Nobody can pay for flour any more,\" Lin said by phone.",
        ]);
        assert_eq!(
            got,
            vec![person("Lin Bao", "after"), person("Lin Wei", "after")]
        );
        // With no full name after the last quote, the surname stays with its last speaker.
        let got = speakers(&[
            "Lin Wei runs the village shop. \"The harvest is late this year,\" said Lin Bao, a farmer.\n\n\
             \"Nobody can pay for flour any more,\" Lin said by phone.",
        ]);
        assert_eq!(
            got,
            vec![person("Lin Bao", "after"), person("Lin Bao", "after")]
        );
    }

    #[test]
    fn administrator_is_a_title_before_the_name() {
        let got = speakers(&[
            "\"The launch will go ahead on Friday as planned,\" agency Administrator Jon Veld said.",
        ]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0.as_deref(), Some("Jon Veld"), "{got:?}");
    }

    #[test]
    fn he_goes_to_the_speaker_not_the_last_named_man() {
        let got = speakers(&[
            "Mayor Paul Brandt spoke after the vote. \"We have won a fair fight,\" Brandt said.\n\n\
             He thanked Council Member Otto Feld and the union leader Hans Gerber for their help. \
             \"Nobody should doubt the result of this vote today,\" he said.",
        ]);
        assert_eq!(
            got,
            vec![
                person("Paul Brandt", "after"),
                person("Paul Brandt", "pronoun")
            ]
        );
    }

    #[test]
    fn ambiguous_pronoun_is_unresolved_never_guessed() {
        let got = speakers(&[
            "Karl Ober met Piet Vanek in the capital on Monday to discuss the border dispute.\n\n\
             Officials from both sides then met Lars Dahl. \"The talks went better than anyone expected,\" he said.",
        ]);
        assert_eq!(
            got,
            vec![(None, "unresolved".to_string(), "pronoun".to_string())]
        );
    }

    #[test]
    fn pronoun_after_two_coordinated_subjects_is_unresolved() {
        // Two men are subjects of the sentence before the quote: "he" could be either.
        let got = speakers(&[
            "\"We will not send troops,\" Karl Ober said on Monday.\n\n             Ober said the plan was final and Interior Minister Piet Vanek dismissed reports of a delay.\n\n             \"That is simply wrong,\" he told reporters.",
        ]);
        assert_eq!(
            got[1],
            (None, "unresolved".to_string(), "pronoun".to_string())
        );
        // One subject, the second name is an object of a clause: still resolved.
        let got = speakers(&[
            "\"We will not send troops,\" Karl Ober said on Monday.\n\n             Ober, an expert on trade and tariffs, said Piet Vanek mishandled the talks.\n\n             \"That is simply wrong,\" he told reporters.",
        ]);
        assert_eq!(got[1], person("Karl Ober", "pronoun"));
    }

    #[test]
    fn second_half_of_a_split_quote_keeps_the_speaker() {
        let got = speakers(&["The minister Ilse Marek closed the session.\n\n\
             \"The longer we wait,\" she continued, \"the more expensive the repairs will become.\""]);
        assert_eq!(got, vec![person("Ilse Marek", "pronoun")]);
        let (cluster, cleaned, segmented) = cluster_of(&[
            "\"The roads are closed,\" said Ilse Marek, the transport minister. \"We will open them on Friday.\"",
        ]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        assert_eq!(brief.quotes.len(), 1, "{:#?}", brief.quotes);
        assert_eq!(brief.quotes[0].occurrences[0].pieces.len(), 2);
    }

    #[test]
    fn wrote_put_it_quoted_as_saying_and_according_to() {
        let got = speakers(&[
            "In a letter to the board, Rena Holt wrote: \"The museum must stay open to everyone.\"\n\n\
             \"We are running out of room for new exhibits,\" as Tomas Lind put it.\n\n\
             \"The budget is fixed for two more years,\" Mira Stolz was quoted as saying.\n\n\
             \"Nobody will lose their job this winter,\" the paper quoted Jan Ruud, the director, as saying.\n\n\
             \"Visitor numbers doubled after the renovation,\" according to Ada Brink.",
        ]);
        assert_eq!(
            got,
            vec![
                person("Rena Holt", "before"),
                person("Tomas Lind", "after"),
                person("Mira Stolz", "after"),
                person("Jan Ruud", "after"),
                person("Ada Brink", "after"),
            ]
        );
    }

    #[test]
    fn speaker_after_appositive_or_lower_case_title() {
        let got = speakers(&[
            "\"The harvest was the best in a decade,\" Nils Berg, head of the growers' union, said on Friday.\n\n\
             \"Prices will fall before the winter,\" said market analyst Vera Moll of Tarn.",
        ]);
        assert_eq!(
            got,
            vec![person("Nils Berg", "after"), person("Vera Moll", "after")]
        );
    }

    #[test]
    fn quotation_never_runs_past_its_closing_mark_without_paragraph_breaks() {
        // Wire text run together: a quotation continued from an earlier paragraph opens again
        // without the earlier one being closed.
        let text = "Ana Pohl spoke at the opening. \"The port will open in spring. It will be busy. \
                    \"We expect many ships this year,\" she said. The council met later that day. \
                    Critics said \"the whole plan was rushed through the council,\" according to a memo.";
        let (cluster, cleaned, segmented) = cluster_of(&[text]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        let narration = text.find("The council met").unwrap();
        for quote in &brief.quotes {
            for occurrence in &quote.occurrences {
                for piece in &occurrence.pieces {
                    assert!(!piece.text.contains('"'), "{:?}", piece.text);
                    assert!(
                        piece.span.end <= narration || piece.span.start > narration,
                        "{:?}",
                        piece.text
                    );
                }
            }
        }
        assert!(
            brief
                .quotes
                .iter()
                .any(|q| q.text.starts_with("We expect many ships")),
            "{:#?}",
            brief.quotes
        );
    }

    #[test]
    fn quote_marks_pair_by_shape() {
        use super::quote_spans;
        let text = "He left.\" Then \"the plan is ready now,\" she said.";
        let spans: Vec<&str> = quote_spans(text, 0, false)
            .iter()
            .map(|q| &text[q.span.start..q.span.end])
            .collect();
        assert_eq!(spans, vec!["the plan is ready now,"]);
        // An opening mark left open runs on only when the next paragraph continues it.
        let open = "She wrote: \"The pain is unbearable.";
        assert_eq!(quote_spans(open, 0, false).len(), 0);
        let spans = quote_spans(open, 0, true);
        assert_eq!(
            &open[spans[0].span.start..spans[0].span.end],
            "The pain is unbearable."
        );
        assert!(!spans[0].closed);
    }

    /// Typing slips in quotation marks: a double quotation closed by a single mark, a closing
    /// mark written with a space before it, straight and curly marks mismatched.
    #[test]
    fn quote_marks_closed_by_a_single_mark_a_spaced_mark_or_the_other_style() {
        use super::quote_spans;
        let pieces = |text: &str| -> Vec<(String, bool)> {
            quote_spans(text, 0, false)
                .iter()
                .map(|q| (text[q.span.start..q.span.end].to_string(), q.closed))
                .collect()
        };
        let single = "Ed Lind spoke. \"It is the most cruel plan of all.'";
        assert_eq!(
            pieces(single),
            vec![("It is the most cruel plan of all.".to_string(), true)]
        );
        // Mid-paragraph too, so the quotation stops at the single mark, not at the next quote.
        let single_mid = "\"We lost the vote today.' Then she left. \"We will be back,\" she said.";
        assert_eq!(
            pieces(single_mid),
            vec![
                ("We lost the vote today.".to_string(), true),
                ("We will be back,".to_string(), true)
            ]
        );
        // A single quotation nested inside, or an apostrophe, is no closing mark.
        assert!(pieces("\"He told me 'stay home.' So I did not go out").is_empty());
        assert!(pieces("\"The players' union will not sign the deal").is_empty());
        let spaced = "Ed Lind says: \"They put on a great performance, \"but it does not add up.\"";
        assert_eq!(
            pieces(spaced),
            vec![("They put on a great performance, ".to_string(), true)]
        );
        // A sentence end before the new mark is still a new quotation (paragraphs run together).
        let run_together = "\"The port opens in spring. \"We expect many ships,\" she said.";
        assert_eq!(
            pieces(run_together),
            vec![
                ("The port opens in spring.".to_string(), false),
                ("We expect many ships,".to_string(), true)
            ]
        );
        let mixed =
            "\"If we wait, it will be too late,” she said. “We stay here all week,\" he said.";
        assert_eq!(
            pieces(mixed),
            vec![
                ("If we wait, it will be too late,".to_string(), true),
                ("We stay here all week,".to_string(), true)
            ]
        );
        // End to end: the speakers are found through the repaired marks.
        let got = speakers(&[
            "\"If we wait, it will be too late for the town,” said Ivo Marek.\n\n\
             Ivo Marek says: \"The council put on a great show for the voters, \"but it changes nothing.\"\n\n\
             \"The plan is the most cruel thing this council has done,\" said Ivo Marek. \
             \"It is a betrayal of every family in the valley.'",
        ]);
        assert_eq!(
            got,
            vec![
                person("Ivo Marek", "after"),
                person("Ivo Marek", "before"),
                person("Ivo Marek", "after"),
            ]
        );
    }

    /// A short partial quotation that a plural role says before it is kept with that role.
    #[test]
    fn role_attributed_partial_quote_is_no_fragment() {
        let got = speakers(&["The camp trial went on in Vessa on Monday.\n\n\
             Prosecutors have said that the guards were \"cruel, violent and brutal.\""]);
        assert_eq!(got, vec![(None, "role".to_string(), "before".to_string())]);
    }

    #[test]
    fn quote_continuing_over_paragraphs_keeps_its_speaker() {
        let got = speakers(&[
            "Old soldier Ivan Dolin sent a letter to the bishop Ruslan Petrov.\n\n\
             In the letter, Dolin wrote: \"My spiritual pain is unbearable.\n\n\
             \"I keep asking the same question about my work and its victims,\" he wrote.\n\n\
             \"The longer I live,\" he continued, \"the more the question troubles me.\"",
        ]);
        assert_eq!(
            got,
            vec![
                person("Ivan Dolin", "before"),
                person("Ivan Dolin", "pronoun"),
                person("Ivan Dolin", "pronoun"),
            ]
        );
    }

    #[test]
    fn speaker_named_in_the_sentence_before_the_quote() {
        let got = speakers(&[
            "Senator Lena Voss said she grew up near the river and swam in it as a child. \
             \"We cannot let the factories poison it again.\"",
        ]);
        assert_eq!(got, vec![person("Lena Voss", "before")]);
    }

    #[test]
    fn partial_quote_after_an_abbreviated_appositive_and_a_short_subject() {
        let got = speakers(&[
            "Rep. Ana Lisk, R-Ore., said the members would defend a group \"as solid as the old oak trees.\"\n\n\
             Eva Nord, a councillor, said she was not told about the vote until Monday evening. \
             It \"was a total surprise to me.\"",
        ]);
        assert_eq!(
            got,
            vec![person("Ana Lisk", "before"), person("Eva Nord", "before")]
        );
    }

    #[test]
    fn a_relative_of_a_named_person_does_not_block_the_pronoun() {
        let got = speakers(&[
            "The inventor Oleg Marin designed the engine. Marin said he wrote to the church. \
             His daughter says a priest helped her father write it.\n\n\
             In the letter he wrote: \"My conscience gives me no rest at night.\"",
        ]);
        // "Marin" or "Oleg Marin", as the entity list merges them.
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].0.as_deref().is_some_and(|s| s.ends_with("Marin")) && got[0].2 == "pronoun",
            "{got:?}"
        );
    }

    #[test]
    fn has_described_as_with_an_appositive() {
        let got = speakers(&[
            "Gen. Rolf Aske, chief of the general staff, has described the border tension as \
             \"an undeclared war on our soil.\"",
        ]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].0.as_deref().is_some_and(|s| s.ends_with("Aske")) && got[0].2 == "before",
            "{got:?}"
        );
    }

    #[test]
    fn it_said_goes_to_the_body_that_spoke() {
        let got = speakers(&[
            "The transport ministry said on Monday that the bridge would stay closed.\n\n\
             \"Repairs will take at least six more weeks,\" it said.",
        ]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, "organization", "{got:?}");
        assert!(
            got[0].0.as_deref().is_some_and(|s| s.contains("ministry")),
            "{got:?}"
        );
    }

    #[test]
    fn pronoun_goes_to_the_one_speech_subject_among_several_people() {
        let got = speakers(&["Critics of Governor Tom Abel met on Monday.\n\n\
             State University political scientist Mark Joss said he doubted that Abel would lose votes. \
             \"The group that minds this is small,\" he said."]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].0.as_deref().is_some_and(|s| s.ends_with("Joss")) && got[0].2 == "pronoun",
            "{got:?}"
        );
    }

    /// "PAU communications manager Amos Ndoro described ... He was not specific, saying: "..."":
    /// the subject's name opens after a title of three words; the words before it are counted up
    /// to its given name, not its surname, so the subject speaks, not the previous speaker.
    #[test]
    fn pronoun_goes_to_a_subject_with_a_title_and_a_given_name() {
        let got = speakers(&["A boy was hurt at the lodge on Friday.\n\n\
             \"He was seated with the maid when it happened,\" said Peter Okello, his father.\n\n\
             \"We expect something reasonable,\" Okello said.\n\n\
             PAU communications manager Amos Ndoro described the incident as unfortunate. He was \
             however not specific on the payment, saying: \"We have an arrangement for our staff \
             who lose their loved ones.\""]);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[2], person("Amos Ndoro", "pronoun"), "{got:?}");
    }

    /// "He was asked if he could elaborate ... and responded by saying that "..."": a long first
    /// clause joined by "and" to the verb before "by saying"; "he" is the previous speaker.
    #[test]
    fn by_saying_after_a_long_clause_joined_by_and() {
        let got = speakers(&[
            "Prime Minister Olaf Berg said on Tuesday that the crew must be freed within days.\n\n\
             \"I hope we manage to get them to see sense. If not, this will move into a different \
             phase,\" said Berg.\n\n\
             He was asked if he could elaborate on what he meant and responded by saying that \
             \"we will just have to see, but what they should understand is that we cannot \
             accept this.\"",
        ]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1], person("Olaf Berg", "pronoun"), "{got:?}");
    }

    #[test]
    fn pronoun_far_from_any_named_person_is_unresolved() {
        let got = speakers(&[
            "\"We will build the new bridge by summer,\" said Mayor Olaf Ries.\n\n\
             The project was approved by the council in May.\n\n\
             The old bridge closed years ago after a failed inspection.\n\n\
             \"It was the right call at the time,\" he said.",
        ]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            got[1],
            (None, "unresolved".to_string(), "pronoun".to_string())
        );
    }

    #[test]
    fn a_statement_speaks_for_the_sentence_subject() {
        let got = speakers(&[
            "Ruritania denies hosting the militia and in a government statement on Monday \
             confirmed \"its wish for calm and friendly relations with its neighbours\" once more.",
        ]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0.as_deref(), Some("Ruritania"));
        assert_eq!(got[0].2, "before");
    }

    #[test]
    fn it_after_a_report_goes_to_the_body_that_published_it() {
        let got = speakers(&[
            "The team hopes to win a medal next month, the daily paper Morning Courier said on Monday.\n\n\
             The squad of nine will travel on Friday, the newspaper said.\n\n\
             The coach picked three new riders this year, the report said.\n\n\
             With strong rivals in the field, \"the team's goal is to win one gold medal,\" it said.",
        ]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0.as_deref(), Some("newspaper"));
        assert_eq!(got[0].2, "pronoun");
    }

    #[test]
    fn describes_himself_as_is_a_pronoun_speaker() {
        let got = speakers(&[
            "The inventor Ivan Petrov wrote a long letter in April. \"My pain is hard to bear \
             and grows every day,\" Petrov wrote.\n\n\
             The letter is signed by the man who describes himself as \"a humble servant and a designer of tools\".",
        ]);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], person("Ivan Petrov", "pronoun"));
    }

    #[test]
    fn a_shared_name_part_goes_to_the_one_the_article_named() {
        let texts = [
            "Head coach Chen Bowen spoke to reporters in the capital on Monday about the games. \
             \"Our rivals will be as many as the trees in a forest,\" Chen was quoted as saying.",
            "World record holder Chen Lihua set a new mark on Sunday, swimmer Chen Lihua said. \
             \"I am very happy with the time today,\" Chen Lihua told reporters. Coach Chen Bowen \
             picked the squad.",
        ];
        let got = speakers(&texts);
        assert_eq!(got, vec![person("Chen Bowen", "after")]);
    }

    #[test]
    fn a_crowd_chanting_is_an_unnamed_speaker() {
        let got = speakers(&[
            "The camp stayed on the square all day. For an hour, protesters chanted slogans such as, \
             \"Whose streets are these? These are our streets.\"",
        ]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, None);
        assert_eq!(got[0].1, "role");
        assert_eq!(got[0].2, "before");
    }

    /// The role of the only unnamed speaker of a one-article brief.
    fn unnamed_roles(text: &str) -> (Option<String>, String, Vec<String>) {
        let (cluster, cleaned, segmented) = cluster_of(&[text]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        assert_eq!(brief.quotes.len(), 1, "{:#?}", brief.quotes);
        let q = &brief.quotes[0];
        (
            q.speaker.clone(),
            q.speaker_kind.clone(),
            q.speaker_roles.clone(),
        )
    }

    #[test]
    fn a_body_written_as_a_bare_plural_speaks() {
        let (speaker, kind, roles) = unnamed_roles(
            "The truck stood in the driveway all day.\n\n\
             \"She removed the child from the truck and began CPR at once,\" police said in the statement.",
        );
        assert_eq!((speaker, kind.as_str()), (None, "role"));
        assert_eq!(roles, vec!["police".to_string()]);
    }

    #[test]
    fn people_before_a_preposition_speak_not_the_body_after_it() {
        let (speaker, kind, roles) = unnamed_roles(
            "Nine cases were found in two valleys.\n\n\
             But researchers at a regional clinic said the chance of it being a coincidence was \"far from negligible\" and asked for a study.",
        );
        assert_eq!((speaker, kind.as_str()), (None, "role"), "{roles:?}");
        assert_eq!(roles, vec!["researchers".to_string()]);
    }

    #[test]
    fn a_name_with_the_middle_initial_a_keeps_its_given_name() {
        assert_eq!(
            speakers(&[
                "Robert Dunn pleaded guilty on Monday, prosecutors said.\n\n\
                 Marta A. Quillfeather, his attorney, told The Post that her client meant no harm.\n\n\
                 \u{201c}Rob Dunn is passionate about his beliefs and his right to express them,\u{201d} she said in an email."
            ]),
            vec![person("Marta A. Quillfeather", "pronoun")]
        );
    }

    #[test]
    fn a_source_close_to_people_is_the_speaker() {
        let (speaker, kind, roles) = unnamed_roles(
            "The search will start next week.\n\n\
             A source close to the Varga family said: \"They have been told the police will dig in three places.\"",
        );
        assert_eq!((speaker, kind.as_str()), (None, "role"), "{roles:?}");
        assert!(roles.iter().any(|r| r.contains("source")), "{roles:?}");
    }

    #[test]
    fn a_long_appositive_closed_by_a_comma_before_the_verb() {
        let got = speakers(&["Cars heat up fast in the sun.\n\n\
             \"These tests show what might happen during a short trip to the shops,\" Nina Selby, a \
             climatologist and research professor at the School of Earth Sciences and Urban Planning \
             at Lund, said in a statement."]);
        assert_eq!(got, vec![person("Nina Selby", "after")]);
    }

    #[test]
    fn the_name_after_a_possessive_speaks() {
        let got = speakers(&["The phone maker showed its plans.\n\n\
             \"We will ship the new phone to every store in the spring,\" said Orbit's Lena Marsh at the launch."]);
        assert_eq!(got, vec![person("Lena Marsh", "after")]);
    }

    #[test]
    fn by_saying_gives_the_subject() {
        let got = speakers(&[
            "Prime Minister Anton Weller spoke in the capital on Monday.\n\n\
             In view of these doubts, Weller gave a firm answer by saying in the speech that only \
             one currency can bring calm, which means \"lower prices and good prospects for jobs.\"",
        ]);
        assert_eq!(got, vec![person("Anton Weller", "before")]);
    }

    #[test]
    fn said_before_a_word_opening_with_he_is_no_pronoun() {
        let got = speakers(&["Few people walk to work.\n\n\
             \"Nationally, few of all trips are made on foot,\" said health scientist Rita Olsen of the Transit Institute in Boston."]);
        assert_eq!(got, vec![person("Rita Olsen", "after")]);
    }

    #[test]
    fn one_or_another_before_a_noun_is_an_unnamed_speaker() {
        let got = speakers(&["The meeting was interrupted twice.\n\n\
             During the melee, one protester cried out: \"Don't you care about our rivers?\""]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, None, "{got:?}");
        assert_eq!(got[0].1, "role", "{got:?}");
        assert_eq!(got[0].2, "before");
    }

    #[test]
    fn a_pronoun_is_not_blocked_by_a_rival_inside_a_quotation() {
        let got = speakers(&[
            "Police had no plans to clear the square, Chief Inspector Karl Brandt said.\n\n\
             \"We look forward to working with Occupy Lindenfeld and the Lindenfeld council on a resolution,\" he said.\n\n\
             \"Most people here have been peaceful and very respectful,\" he said.",
        ]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1], person("Karl Brandt", "pronoun"));
    }

    #[test]
    fn positions_inside_a_quotation() {
        let text = "He said \"we met Roe\" and Roe left.\n\nThen “Doe came” and Doe";
        assert!(inside_quotation(text, text.find("Roe").unwrap()));
        assert!(!inside_quotation(text, text.rfind("Roe").unwrap()));
        assert!(inside_quotation(text, text.find("Doe").unwrap()));
        assert!(!inside_quotation(text, text.rfind("Doe").unwrap()));
    }

    #[test]
    fn listed_names_lose_a_title_word_and_short_forms_extend() {
        let none = OfThe::new(&[]);
        assert_eq!(person_name("Prosecutor Mara Quist", &none), "Mara Quist");
        assert_eq!(person_name("Hanna Lou Marsh", &none), "Hanna Lou Marsh");
        assert_eq!(person_name("Mara Quist", &none), "Mara Quist");
        assert!(extends("Paula de Vries", "De Vries"));
        assert!(extends("Hanna Lou Marsh", "Lou Marsh"));
        assert!(!extends("Lou Marsh", "Lou Marsh"));
        assert!(!extends("Hanna Lou Marsh", "Marsh Lou"));
        // Case folds alike on the ASCII path and beyond it.
        assert!(extends("Ann Roe", "roe") && !extends("AnnRoe", "Roe"));
        assert!(extends("José Álvarez", "ÁLVAREZ") && !extends("José Álvarez", "José"));
    }

    #[test]
    fn a_title_object_before_a_name_is_not_its_first_word() {
        let (cluster, cleaned, segmented) =
            cluster_of(&["The Minister of the Interior Gideon Marsh spoke in Leeds."]);
        let docs = [super::super::Doc {
            index: 0,
            text: &cluster.articles[0].text,
            clean: &cleaned[0],
            sentences: &segmented[0].sentences,
        }];
        let of_the = OfThe::new(&docs);
        assert_eq!(
            person_name("Interior Gideon Marsh", &of_the),
            "Gideon Marsh"
        );
        assert_eq!(
            person_name("Leeds Gideon Marsh", &of_the),
            "Leeds Gideon Marsh"
        );
        // A name that overlaps itself counts only the occurrences `match_indices` finds, as a
        // search of the text would: here the one after " of the " is inside the first.
        let (cluster, cleaned, segmented) =
            cluster_of(&["Then Ana Ana of the Ana Ana of the Ana spoke in Leeds."]);
        let docs = [super::super::Doc {
            index: 0,
            text: &cluster.articles[0].text,
            clean: &cleaned[0],
            sentences: &segmented[0].sentences,
        }];
        let of_the = OfThe::new(&docs);
        assert!(!of_the.precedes("Ana Ana of the Ana"));
        assert!(of_the.precedes("Ana Ana"));
        assert!(of_the.precedes("Ana Ana of"));
        assert!(!of_the.precedes("Ana Bo"));
    }

    #[test]
    fn a_document_speaks_for_the_body_that_names_it() {
        let got = speakers(&[
            "Users compared the Nordex policy with a dystopian novel, and critics of Nordex agreed.\n\n\
             The policy states: \"Please be aware that spoken words will be sent to a third party.\"",
        ]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0.as_deref(), Some("Nordex"), "{got:?}");
    }

    #[test]
    fn of_the_finds_names_of_any_length_after_it() {
        // A name longer than the kept cut is searched for in the text; one whose last letters
        // lie past a multi-byte character near the cut is found too.
        let long = "Bo Bo Bo Bo Bo Bo Bo Bo Bo Bo Bo Bo Bo Bo Bo Bo Bo Bo Bo Bo Bo Bo Bo Cy";
        let near = format!("{}é Roe", "x".repeat(OF_THE_PREFIX - 1));
        let text = format!("The head of the {long} spoke. The chief of the {near} spoke too.");
        let (cluster, cleaned, segmented) = cluster_of(&[text.as_str()]);
        let docs = [super::super::Doc {
            index: 0,
            text: &cluster.articles[0].text,
            clean: &cleaned[0],
            sentences: &segmented[0].sentences,
        }];
        let of_the = OfThe::new(&docs);
        assert!(of_the.precedes(long));
        assert!(!of_the.precedes(&format!("{long}x")));
        assert!(of_the.precedes(&near));
        assert!(of_the.precedes(&"x".repeat(OF_THE_PREFIX - 3)));
        assert!(!of_the.precedes(&format!("{}y", "x".repeat(OF_THE_PREFIX - 4))));
        assert!(!of_the.precedes("Roe"));
        assert!(!of_the.precedes("Bo Cy"));
    }

    #[test]
    fn the_newspaper_said_goes_to_the_paper_last_said_to_speak() {
        let got = speakers(&[
            "The national swim team has many new members, the Harbor Daily said on Monday. \
             The Harbor Swimming Union said the team trained for three weeks in the mountains.\n\n\
             The table tennis team will play without its veterans, the Harbor Daily said.\n\n\
             \"This shows that the team has completed its handover to the young,\" the newspaper said.",
        ]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0.as_deref(), Some("Harbor Daily"), "{got:?}");
    }

    #[test]
    fn age_before_a_name_and_the_verb_before_its_subject() {
        let got = speakers(&[
            "\"The shelters are full every night this winter,\" said the 52-year-old Brandt, \
             wrapped in a heavy coat.\n\n\
             The mediator met both sides. Said Ortwin Kessel: \"The bridge will reopen next spring.\"",
        ]);
        assert_eq!(
            got,
            vec![person("Brandt", "after"), person("Ortwin Kessel", "before")]
        );
    }

    #[test]
    fn a_participle_before_the_quote_gives_the_sentence_subject() {
        let got = speakers(&[
            "Mara Velde opposed the plan at the hearing, saying, \"We cannot afford a second runway.\"",
        ]);
        assert_eq!(got, vec![person("Mara Velde", "before")]);
    }

    #[test]
    fn partial_quote_inside_a_sentence_closed_by_its_attribution() {
        let got = speakers(&[
            "The town needs \"a lot more patience,\" not new rules, Jonas Brell told the council on Monday.\n\n\
             Ulla Brandt claims her neighbour moved \"the whole fence by two metres\" last year.",
        ]);
        assert_eq!(
            got,
            vec![
                person("Jonas Brell", "after"),
                person("Ulla Brandt", "before")
            ]
        );
    }

    #[test]
    fn a_capitalised_modifier_of_a_role_and_a_name_after_a_preposition_are_no_speakers() {
        let got = speakers(&[
            "\"We would all welcome the new plan for the river,\" said the Bavarian lawmaker, who \
             sits on the committee.\n\n\
             Lawyers for Jana Pohl charged in court papers that the landlord \"ignored every single \
             complaint from the tenants.\"",
        ]);
        assert!(
            got.iter()
                .all(|(speaker, _, _)| speaker.as_deref() != Some("Bavarian")
                    && speaker.as_deref() != Some("Jana Pohl")),
            "{got:?}"
        );
    }

    /// Attributions the speech-verb list and the plain patterns miss: a possessive role with
    /// the name in apposition, an appositive without its closing comma after the quote, a verb
    /// the list lacks after a quote ending in a comma (not "quoted ... as saying", which names
    /// the speaker after it), "Asked by X,", a speech verb coordinated with an earlier verb of the
    /// subject or in a relative clause, and a pronoun subject of "..., saying:".
    #[test]
    fn possessive_roles_open_appositives_coordinated_and_relative_speech_verbs() {
        let got = speakers(&["Police arrested Arno Vik in March.\n\n\
             \"My husband is innocent and the court will see it,\" said his wife, Lina Vik.\n\n\
             \"The boy was seated at the door when it happened,\" Omar Sendi, an officer at the \
             police staff college told the Daily Post.\n\n\
             \"So that little puddle is what they call the sea,\" Nils Berg of Oslo deadpanned in a \
             message to the crew.\n\n\
             \"We will act within days if talks fail,\" Radio Nord quoted Per Holt as saying.\n\n\
             Asked by the radio's Tove Dahl on Friday, \"Do you still rule out a run for the top office?\"\n\n\
             In a statement, Karl Weiss welcomed the offer and said Ida Lund \"explained the plan to \
             keep every branch of the bank open.\"\n\n\
             Among those urging a vote was Bishop Emil Sand, who called it a \"holy duty\" and warned \
             that \"the enemies of the church are waiting to strike a blow.\""]);
        let names: Vec<Option<&str>> = got.iter().map(|(s, _, _)| s.as_deref()).collect();
        assert_eq!(
            names,
            [
                Some("Lina Vik"),
                Some("Omar Sendi"),
                Some("Nils Berg"),
                Some("Per Holt"),
                Some("Tove Dahl"),
                Some("Karl Weiss"),
                Some("Emil Sand"),
            ],
            "{got:?}"
        );
        let got = speakers(&[
            "Water officials met on Monday. Transport manager Rolf Dane described the flood as \
             unfortunate.\n\n\
             He was not specific on whether families would be paid, saying: \"We have an \
             arrangement for staff who lose their homes in the line of duty.\"",
        ]);
        assert_eq!(got, [person("Rolf Dane", "pronoun")], "{got:?}");
    }

    /// A gendered noun in apposition ("his girlfriend, Mira Cole") types the name, so a "he"
    /// does not go to her.
    #[test]
    fn a_relative_in_apposition_gives_a_gender() {
        let got = speakers(&[
            "Piet Hale and his girlfriend, Mira Cole, ran up the hill.\n\n\
             Hale turned to Mira Cole, who is a nurse.\n\n\
             \"She told me to grab the rubber gloves,\" he said.",
        ]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_ne!(got[0].0.as_deref(), Some("Mira Cole"), "{got:?}");
    }

    #[test]
    fn a_quote_paragraph_after_a_colon_takes_that_attribution() {
        let got = speakers(&[
            "\"The buses will run again,\" said Petra Lund, a driver.\n\n\
             Later the Harbour Authority released this statement:\n\n\
             \"We are reviewing the contract with the bus company and will decide next week.\"",
        ]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0], person("Petra Lund", "after"));
        assert_eq!(got[1].2, "before", "{got:?}");
        assert_ne!(got[1].0.as_deref(), Some("Petra Lund"), "{got:?}");
    }

    /// A paragraph that is only a quote, after a paragraph of reported speech whose last
    /// sentence opens with its speaker, is that speaker's, even when an earlier quote of the
    /// article had another speaker; a pronoun subject or a quote-marked paragraph gives nothing
    /// this way.
    #[test]
    fn a_quote_paragraph_after_reported_speech_takes_its_speaker() {
        let got = speakers(&["\"The vote was fair,\" said Petra Lund, the mayor.\n\n\
             Emma Stanton, an epidemiologist and director of the Remix group told the Herald it \
             would be remiss to stop the research.\n\n\
             \u{201c}These defects are very rare, but also very specific. We must find the cause.\u{201d}"]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1], person("Emma Stanton", "before"), "{got:?}");
        let got = speakers(&[
            "In the morning, Karl Wendt, the harbour master, said the boats would stay in port.\n\n\
             \"The storm is coming in faster than anyone thought it would this week.\"",
        ]);
        assert_eq!(got, vec![person("Karl Wendt", "before")], "{got:?}");
        assert_eq!(
            super::reported_speaker(
                "However, some parts of modern life get in the way of thanks, says Karl Wendt.",
                0
            ),
            None
        );
        let got = speakers(&["\"The vote was fair,\" said Petra Lund, the mayor.\n\n\
             On Monday, a week after the vote, the council met again and the plan was dropped.\n\n\
             \"We will build the road next year, whatever it costs the town in the end.\""]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_ne!(got[1].2, "before", "{got:?}");
    }

    /// A quote that opens its paragraph and is followed only by the writer's "because" gloss
    /// goes on with the previous paragraph's speaker; a gloss that names a speaker does not.
    #[test]
    fn a_quote_with_a_because_gloss_continues_the_speaker() {
        let got = speakers(&[
            "\"There is little heat on the surface of the coals,\" explains Karl Wendt, a \
             physicist at the state college.\n\n\
             \"You want to walk at a steady pace and you do not want to run,\" because running \
             kicks up embers.",
        ]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].0.as_deref(), Some("Karl Wendt"), "{got:?}");
        assert_eq!(got[1].2, "continued", "{got:?}");
        let got = speakers(&[
            "\"The vote was fair and the count was clean,\" said Petra Lund.\n\n\
             Crews wait down the street until the police clear the scene, said Karl Wendt.\n\n\
             \"When there is a fire we cannot hold back a block away,\" because clearing the scene \
             could take hours.",
        ]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_ne!(got[1].0.as_deref(), Some("Petra Lund"), "{got:?}");
        assert!(!super::explains_the_quote(
            " because, the chief said, running kicks up embers."
        ));
        assert!(!super::explains_the_quote(" and then they left."));
    }

    /// A thought given in quote marks with its thinker: "X thought to herself, "..."", ""...," he
    /// thought to himself".
    #[test]
    fn thought_to_oneself_attributes() {
        check(
            &[
                "While walking home along the river, Lena Dahl thought to herself, \"what a quiet and lovely evening this is.\"",
                "Olaf Berg watched the dark sky over the harbour.\n\n\"Maybe the rain will stop before the boats go out,\" he thought to himself.",
            ],
            &[
                (Some("Lena Dahl"), &[0], 1, "before"),
                (Some("Olaf Berg"), &[1], 1, "pronoun"),
            ],
        );
    }

    /// Before the quote, a clause opened by "as" that names who says it ("As X, <role>, stated,",
    /// "as X and Y (2004) point out:", "As indicated by Professor X,"), and a caption's name
    /// before a dash; after it, a text that "begins" or "continues" (its next paragraph of
    /// quotation goes on with it), but not a subject after a quote that ended its sentence.
    /// A pair of surnames speaks as the pair, not as a person named with one of them.
    #[test]
    fn as_clauses_captions_and_texts_that_go_on() {
        // (article, speaker, roles, source) per occurrence, in text order.
        type Row<'q> = (usize, Option<&'q str>, Vec<&'q str>, &'q str);
        let (cluster, cleaned, segmented) = cluster_of(&[
            "The harbour has a long history. As Lena Dahl, the only woman on the harbour board in 1950 stated, \"Every family on this coast owes its bread to the sea.\"",
            "Maria Keller runs the district board. Schools vary in size and shape. Unfortunately, as Brandt and Keller (2004) point out: \"No single arrangement of grades has been shown to work best for every district.\"",
            "The dispute over the valley is old. As indicated by Professor Olaf Berg, \"it is more a matter of land than of belief in the valleys.\"",
            "Posted on Mar 3, 2019\n\nTomas Wirth- \"The new bridge will carry twice the traffic of the old one and cost less to keep.\"",
            "\"Do you want a bicycle that never lets you down?\" begins the shop advert.\n\nIt was posted online last week.\n\n\"Let's talk about brakes,\" the listing, in a small town, continues.\n\n\"Front brake: fine. Back brake: fine. Bell: loud enough to wake the whole street.\"",
            "\"We will fight this decision in every court of the land.\" The trial begins on Monday.",
        ]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        let mut got: Vec<(usize, Row<'_>)> = brief
            .quotes
            .iter()
            .flat_map(|q| {
                q.occurrences.iter().map(move |o| {
                    (
                        o.pieces[0].span.start,
                        (
                            o.article,
                            q.speaker.as_deref(),
                            q.speaker_roles.iter().map(String::as_str).collect(),
                            o.speaker_source.as_str(),
                        ),
                    )
                })
            })
            .collect();
        got.sort_by_key(|a| (a.1.0, a.0));
        let got: Vec<Row<'_>> = got.into_iter().map(|(_, row)| row).collect();
        assert_eq!(
            got,
            vec![
                (0, Some("Lena Dahl"), vec![], "before"),
                (1, Some("Brandt and Keller"), vec![], "before"),
                (2, Some("Olaf Berg"), vec!["Professor"], "before"),
                (3, Some("Tomas Wirth"), vec![], "before"),
                (4, Some("shop advert"), vec![], "after"),
                (4, Some("listing"), vec![], "after"),
                (4, Some("listing"), vec![], "continued"),
                (5, None, vec![], "none"),
            ],
            "{:#?}",
            brief.quotes
        );
    }

    /// "according to" a bare plural body or document, with a lower-case word before it or a
    /// participle clause after it, before or after the quote: the plural speaks as a role.
    #[test]
    fn according_to_bare_plurals_and_documents() {
        let (cluster, cleaned, segmented) = cluster_of(&[
            "The builder denies any fault.\n\nAccording to documents filed with the county court, the builder left the house \"unsafe and unfit for any family to live in\" last spring.",
            "The lorry hit the barrier at noon.\n\n\"The driver never braked before the crossing at all,\" according to local police.",
            "The plant closed in May.\n\nAccording to court records, the firm \"repeatedly ignored warnings from its own safety staff\" for years.",
        ]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        let got: Vec<(Vec<&str>, &str, &[usize], &str)> = brief
            .quotes
            .iter()
            .map(|q| {
                (
                    q.speaker_roles.iter().map(String::as_str).collect(),
                    q.speaker_kind.as_str(),
                    q.articles.as_slice(),
                    q.occurrences[0].speaker_source.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (vec!["documents"], "role", &[0][..], "before"),
                (vec!["police"], "role", &[1][..], "after"),
                (vec!["records"], "role", &[2][..], "before"),
            ],
            "{:#?}",
            brief.quotes
        );
    }

    /// A rank written abbreviated before the name ("said Maj. Jane Roe, State Police") is no
    /// sentence end; "X ruled there were no "..."" attributes a partial quote to the judge.
    #[test]
    fn rank_abbreviations_and_rulings_attribute() {
        check(
            &[
                "Police are searching for a man wanted in a killing.\n\n\"He may have gotten on a bus yesterday morning, heading south,\" said Maj. Glenn Hall, Vermont State Police.",
                "Circuit Judge Cheryl Higgins ruled there were no \"instances of deliberate misstatements and reckless disregard\" of the truth in the affidavit.",
            ],
            &[
                (Some("Glenn Hall"), &[0], 1, "after"),
                (Some("Cheryl Higgins"), &[1], 1, "before"),
            ],
        );
    }

    /// "he said" after a paragraph that names one man twice, the second time after a clause
    /// that opens with "he" ("Even though he lives elsewhere, Miller ..."): the earlier mention
    /// stands, so the pronoun is his. A one-word name that two people's names share ("Chen" of
    /// "Chen Guangcheng" and "Chen Kegui") reached through a pronoun is the one the article
    /// quoted last.
    #[test]
    fn pronouns_after_a_cataphoric_clause_and_shared_surnames() {
        check(
            &[
                "The commission will vote on the townhouse plan on Tuesday.\n\nPompano Beach resident Benjamin Miller had family buried there. Even though he now lives elsewhere, Miller, 83, was born and raised in Deerfield Beach and saw at least three funerals there when he was a child.\n\n\"I saw it with my own eyes, I am a living eyewitness,\" he said.\n\nMayor Jean Robb said she thinks the bodies were moved.",
                "BEIJING -- Blind activist Chen Guangcheng said on Monday he trusts the government's promise.\n\n\"Since the government has promised to safeguard my rights and my safety, I feel that they will fulfill their commitments,\" Chen said.\n\nChen sounded more relaxed than on Friday, when he told reporters that he was in a \"dangerous situation\" because he had not met officials.\n\nThe activist, who is in a hospital where he was joined by his wife and two children, said he has asked hospital staff to help him with the paperwork.\n\n\"I entrusted the hospital with telling the relevant people that I have asked them to handle it on my behalf,\" he said.\n\nLater Monday, a broadcaster reported that Chen's nephew Chen Kegui had been detained.",
            ],
            &[
                (Some("Benjamin Miller"), &[0], 1, "pronoun"),
                (Some("Chen Guangcheng"), &[1], 1, "after"),
                (Some("Chen Guangcheng"), &[1], 1, "pronoun"),
            ],
        );
    }

    /// (speaker, roles, kind, source) of each group, in order.
    fn groups(texts: &[&str]) -> Vec<(Option<String>, Vec<String>, String, String)> {
        let (cluster, cleaned, segmented) = cluster_of(texts);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        brief
            .quotes
            .iter()
            .map(|q| {
                (
                    q.speaker.clone(),
                    q.speaker_roles.clone(),
                    q.speaker_kind.clone(),
                    q.occurrences[0].speaker_source.clone(),
                )
            })
            .collect()
    }

    /// After the quote: two titles joined by "and" before the name; "X and her colleagues
    /// wrote"; "said one <role>"; a bare plural body ("officers shouted"); "said a report from
    /// <body>"; a lower-case title before a name with a long appositive holding "D.C.".
    #[test]
    fn coordinated_titles_teams_one_role_plural_bodies_and_reports_from_attribute() {
        let texts = [
            "\"We found the missing boat near the northern shore of the bay,\" lead diver and harbor safety officer Tom Becker said in a statement.",
            "\"The samples hold far less salt than the older models predicted,\" Nora Lind and her colleagues wrote in the paper.",
            "\"The council has no power to close the bridge in the winter months,\" said one legal expert, as reported by the local paper.",
            "\"Stop the car and step out with your hands raised high now!\" officers shouted at the driver.",
            "\"Prices will rise by a fifth before the end of next year at the latest,\" said a report from Harlow Capital Markets.",
            "\"The ice over the lake is thinner than at any time since records began,\" study lead author Maria Olsen, a climate scientist at the Polar Institute in Tromso, Norway, and Lake University in Washington, D.C., said in a statement.",
        ];
        let got = groups(&texts);
        let speaker_or_role: Vec<(String, String)> = got
            .iter()
            .map(|(speaker, roles, _, source)| {
                (
                    speaker
                        .clone()
                        .or_else(|| roles.first().cloned())
                        .unwrap_or_default(),
                    source.clone(),
                )
            })
            .collect();
        let after = |s: &str| (s.to_string(), "after".to_string());
        assert_eq!(
            speaker_or_role,
            [
                after("Tom Becker"),
                after("Nora Lind"),
                after("legal expert"),
                after("officers"),
                after("Harlow Capital Markets"),
                after("Maria Olsen"),
            ],
            "{got:#?}"
        );
    }

    /// "he said" right after a quote whose attribution gives the speaker an appositive that names
    /// a firm after a possessive ("X, deputy director at the town's Birch Labs, said"): a name
    /// inside the previous speaker's own attribution is no rival, so the pronoun is that speaker's.
    #[test]
    fn a_name_in_the_previous_speakers_appositive_is_no_rival() {
        let resolved = "The Harbor Light Festival opens on Friday. Last year the Harbor Light Festival drew forty thousand visitors, and the Harbor Light Festival will add a second stage.\n\nThe town hired two more firms, Alder Works and Birch Labs, to build the stages.\n\n\"We needed more builders for the stages we have ordered this spring,\" Paul Wren, deputy director of operations at the town’s Birch Labs, said on a call.\n\n\"This is based on our goal to open the gates as early as we can,\" he said.";
        let got = groups(&[resolved]);
        let sources: Vec<(Option<&str>, &str)> = got
            .iter()
            .map(|(speaker, _, _, source)| (speaker.as_deref(), source.as_str()))
            .collect();
        assert_eq!(
            sources,
            [(Some("Paul Wren"), "after"), (Some("Paul Wren"), "pronoun"),],
            "{got:#?}"
        );
    }

    /// "“...,” comments X in a statement, “...”": "comments" is a speech verb after the quote.
    #[test]
    fn comments_after_a_quote_attributes_it() {
        let text = "The band's singer Ana Lopez announced a tour on Monday.\n\nTickets go on sale Friday.\n\n“We are thrilled to play these songs again,” comments Lopez in a statement, “as it is a celebration of our whole history.”";
        let got = groups(&[text]);
        assert!(
            got.iter()
                .all(|(speaker, _, _, _)| speaker.as_deref() == Some("Ana Lopez")),
            "{got:#?}"
        );
        assert_eq!(got[0].3, "after", "{got:#?}");
        // Before a quote, "comments" is the plural noun: "His comments came ... after X told ...
        // that he "..."" is X's.
        let noun = "“We will not take part in the debate on Thursday night,” Tom Marsh said. His comments came minutes after Jo Kent told reporters during a press conference before a rally in the town of Harbor City, that she “probably won't bother” going.";
        let got = groups(&[noun]);
        assert!(
            got.iter()
                .any(|(speaker, _, _, _)| speaker.as_deref() == Some("Jo Kent")),
            "{got:#?}"
        );
    }

    /// "The paper had previously criticized the plan "..."": an adverb between the auxiliary and
    /// the judgement verb, the subject "the paper" alone; with no newspaper said to speak in
    /// reach, the paper is the one newspaper named there.
    #[test]
    fn the_paper_had_previously_criticized_is_the_newspaper_named_before() {
        let text = "Mayor Jo Kent defended the parking plan in a letter published on Wednesday in the Harbor Journal.\n\nThe paper had previously criticized the city's parking plan \"as bad policy and worse politics\" that would raise fees for everyone.";
        let got = groups(&[text]);
        let paper = got
            .iter()
            .find(|(_, _, _, source)| source == "before")
            .expect("the partial quote is kept");
        assert_eq!(paper.0.as_deref(), Some("Harbor Journal"), "{got:#?}");
        assert_eq!(paper.2, "organization", "{got:#?}");
    }

    /// Role subjects: "the singer and guitarist" (two person nouns) points back like "he"; "the
    /// Republican senator from Ohio" (a party's adjective, a home state) too; "the 48-year-old"
    /// is a person by their age, a role when no one person is in reach, never an organisation.
    #[test]
    fn joined_person_nouns_party_titles_and_ages_point_back_or_stay_roles() {
        let singer = "Pat Moss teased the reunion tour during the band's set on Monday night.\n\nAfter playing their best-known song, the singer and guitarist told the audience, \"that is really good, maybe we should go on the road.\"";
        let senator = "Marco Diaz says checks for buyers are not enough.\n\n\"Tools are what people are using,\" the Republican senator from Ohio said Sunday on a morning show.";
        let age = "Jon Blake has agreed a deal to coach the Harbor City club.\n\nThe club had looked for a coach since March.\n\nThe 48-year-old said after his appointment: \"I am excited to be joining a club with such loyal supporters.\"";
        let got = groups(&[singer]);
        assert_eq!(got[0].0.as_deref(), Some("Pat Moss"), "{got:#?}");
        let got = groups(&[senator]);
        assert_eq!(got[0].0.as_deref(), Some("Marco Diaz"), "{got:#?}");
        let got = groups(&[age]);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(got[0].2, "role", "{got:#?}");
        assert_eq!(got[0].1, ["48-year-old"], "{got:#?}");
    }

    /// "the 56-year-old told reporters": the one person the article gives that age ("Ann Brill,
    /// 56,", "56-year-old Ann Brill") is the speaker, not the last person named; two people of
    /// that age, or an unnamed one, leave the age to the earlier rules.
    #[test]
    fn an_age_as_speaker_is_the_one_person_given_that_age() {
        let one = "Ann Brill, 56, opened a bakery on Elm Street last spring.\n\nHer partner Tom Vale keeps the books.\n\n\"We sell out by noon most days,\" the 56-year-old told reporters.";
        let before = "Bakery owner and 56-year-old Ann Brill opened on Elm Street last spring.\n\nHer partner Tom Vale keeps the books.\n\n\"We sell out by noon most days,\" the 56-year-old told reporters.";
        let two = "Ann Brill, 56, opened a bakery on Elm Street last spring. Lena Ortiz, 56, runs the cafe next door.\n\nHer partner Tom Vale keeps the books.\n\n\"We sell out by noon most days,\" the 56-year-old told reporters.";
        let got = groups(&[one]);
        assert_eq!(got[0].0.as_deref(), Some("Ann Brill"), "{got:#?}");
        let got = groups(&[before]);
        assert_eq!(got[0].0.as_deref(), Some("Ann Brill"), "{got:#?}");
        let got = groups(&[two]);
        assert_ne!(got[0].0.as_deref(), Some("Ann Brill"), "{got:#?}");
    }

    /// "Following a long encore of "Song," X teed up Y's solo. "...," he said": the name after an
    /// opening phrase closed by a comma is the sentence's subject, so "he" is X.
    #[test]
    fn a_subject_after_an_opening_phrase_takes_the_pronoun() {
        let text = "Tom Reed and Carl Vance played together for the first time in years.\n\nFollowing a long encore of their song \"Night Train,\" Reed teed up Vance's solo. \"You might remember him from his own band these days,\" he said.";
        let got = groups(&[text]);
        assert_eq!(got[0].0.as_deref(), Some("Tom Reed"), "{got:#?}");
        assert_eq!(got[0].3, "pronoun", "{got:#?}");
    }

    /// "That said, the agency says that ... "..."": the idiom opening the sentence is no
    /// attribution; the subject after it speaks.
    #[test]
    fn that_said_opening_a_sentence_is_no_attribution() {
        let before = "Seizures rose. That said, the agency says that the border ";
        let (_, who) =
            before_attribution(before, 0, false, &super::PieceMemo::default()).expect("a speaker");
        assert_eq!(who, "the agency");
    }

    /// "@handle Jane Roe arrived": a social-media handle glued before a name is no part of it, so
    /// "Ms Roe" is the woman named, not a longer name holding the handle.
    #[test]
    fn a_handle_before_a_name_is_no_part_of_the_speaker() {
        let text = "Prime Minister Lena Hart gave birth on Thursday.\n\nSkip post by @MariaGomez Lena Hart arrived at the hospital in her own car.\n\n\"I am not the first woman to work and have a baby,\" Ms Hart said.";
        let got = groups(&[text]);
        assert_eq!(got[0].0.as_deref(), Some("Lena Hart"), "{got:#?}");
    }
}

#[cfg(test)]
mod grouped_words_tests {
    use super::{APPOSITIVE, AUX_ADVERB, BEFORE, BEFORE_VERBS, CROWD, NAME, ROLE_NP, TIME, VERBS};
    use proptest::prelude::*;
    use regex::Regex;
    use std::sync::LazyLock;

    /// [`super::speech_verb`] with its words in the alternation around them, as the syntax
    /// flattens it.
    fn flat_speech_verb() -> String {
        format!(
            r"(?:(?:has|have|had){AUX_ADVERB}\s+)?(?P<verb>{VERBS}|described|put\s+it|thought\s+to\s+(?:himself|herself)|was\s+quoted(?:\s+[^.!?\x22“”]{{0,60}}?)?\s+as\s+saying)"
        )
    }

    /// [`CROWD`] with a class for each word's first letter.
    const FLAT_CROWD: &str = r"(?:[Oo]fficers|[Ww]itnesses|[Aa]nalysts|[Pp]rotesters|[Dd]emonstrators|[Mm]archers|[Cc]rowds|[Ss]upporters|[Ff]ans|[Ss]trikers|[Rr]ioters|[Mm]ourners|[Pp]olice|[Ii]nvestigators|[Pp]rosecutors|[Aa]uthorities|[Pp]apers|[Dd]ocuments|[Rr]ecords|[Ff]ilings)";

    /// [`ROLE_NP`] with classes in its article.
    const FLAT_ROLE_NP: &str = r"(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother)\s+(?:[\p{L}.'’-]+\s+){0,3}?\p{Ll}[\p{Ll}-]*(?:\s+(?:of|for|at|from)\s+(?:the\s+)?[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*){0,3})?";

    /// [`BEFORE`] as written, uncut.
    static GROUPED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(BEFORE.as_str()).expect("valid regex"));

    /// [`BEFORE`] built from the flat alternations.
    static FLAT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r#"(?P<who>(?:\b[Tt]he\s+)?{NAME}|\b[Tt]he\s+\d{{1,3}}-year-old|\b{FLAT_ROLE_NP}|\b{FLAT_CROWD}|\b[Hh]e|\b[Ss]he|\b[Tt]hey|\b[Ii]t){APPOSITIVE}{TIME}\s+(?:{verb}|(?:(?:has|have|had){AUX_ADVERB}\s+)?(?P<judge>{BEFORE_VERBS}))\b[^.!?"“”]{{0,120}}$"#,
            verb = flat_speech_verb()
        ))
        .expect("valid regex")
    });

    /// The whole match and the named groups, by position.
    fn named(caps: Option<regex::Captures<'_>>) -> Option<Vec<Option<std::ops::Range<usize>>>> {
        caps.map(|caps| {
            [None, Some("who"), Some("verb"), Some("judge")]
                .iter()
                .map(|name| {
                    name.map_or_else(|| caps.get(0), |n| caps.name(n))
                        .map(|m| m.range())
                })
                .collect()
        })
    }

    #[test]
    fn grouped_words_are_the_flat_alternations() {
        assert!(!CROWD.contains('['));
        assert_eq!(
            ROLE_NP.replace("An|A|an|a|The|the|One|one|Another|another", ""),
            FLAT_ROLE_NP.replace("[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother", "")
        );
        assert!(super::speech_verb().contains(&format!("(?P<verb>({VERBS}|described)|")));
        for piece in [
            "Police said",
            "The police, the city's force, said on Monday",
            "Jane Roe, a spokeswoman, has also said",
            "witnesses says the",
            "the officers was quoted by the paper as saying",
            "He put it",
            "Mourners chanted and sang",
            "Officersaid",
        ] {
            assert_eq!(
                named(GROUPED.captures(piece)),
                named(FLAT.captures(piece)),
                "{piece}"
            );
        }
    }

    proptest! {
        /// Texts of names, crowd words, speech verbs (and words they open), time words and
        /// punctuation: the grouped alternations find the same matches and groups as the flat
        /// ones.
        #[test]
        fn grouped_before_matches_as_the_flat_one(words in prop::collection::vec(
            prop::sample::select(vec![
                "Jane", "Roe", "the", "The", "a", "spokesman", "of", "Acme", "police", "Police",
                "officers", "Witnesses", "fans", "papers", "said", "says", "say", "sayings",
                "told", "tells", "read", "reads", "described", "put", "it", "thought", "to",
                "himself", "was", "quoted", "as", "saying", "has", "had", "also", "accused",
                "called", "he", "She", "they", "It", "an", "An", "another", "One", "on",
                "Monday", "later", "45-year-old", " ", ",", ".", "\"", "!", ";", "é", "Élodie",
            ]),
            0..24,
        )) {
            let piece: String = words
                .iter()
                .enumerate()
                .map(|(i, w)| if i % 4 == 0 { (*w).to_string() } else { format!("{w} ") })
                .collect();
            let want = named(FLAT.captures(&piece));
            prop_assert_eq!(named(GROUPED.captures(&piece)), want.clone());
            prop_assert_eq!(named(BEFORE.captures_at(&piece, 0)), want);
        }
    }
}

#[cfg(test)]
mod unnamed_in_tests {
    use proptest::prelude::*;

    /// The words lower-cased into a vector first, then read in pairs.
    fn by_vector(text: &str, words: &[&str]) -> bool {
        let tokens: Vec<String> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        tokens.windows(2).any(|pair| {
            matches!(pair[0].as_str(), "a" | "an" | "the" | "one" | "another")
                && words.contains(&pair[1].as_str())
        })
    }

    #[test]
    fn unnamed_in_reads_pairs_in_any_case() {
        let words = super::unnamed_words(super::Gender::Female);
        assert!(super::unnamed_in("Then THE Woman left", words));
        assert!(super::unnamed_in("another, girl", words));
        assert!(!super::unnamed_in("her mother said", words));
        assert!(!super::unnamed_in("the", words));
    }

    proptest! {
        /// The same answer as lower-casing every word into a vector first.
        #[test]
        fn unnamed_in_is_the_vector_reading(parts in prop::collection::vec(
            prop::sample::select(vec![
                "a", "A", "an", "AN", "the", "The", "one", "Another", "woman", "Woman", "WOMAN",
                "man", "girl", "mother", "her", "É", "été", "ÉTÉ", "\u{212a}", " ", ", ", "-", "’",
                "1", "\u{130}",
            ]),
            0..16,
        )) {
            let text: String = parts.concat();
            for gender in [super::Gender::Male, super::Gender::Female, super::Gender::Unknown] {
                let words = super::unnamed_words(gender);
                prop_assert_eq!(super::unnamed_in(&text, words), by_vector(&text, words));
            }
        }
    }
}
