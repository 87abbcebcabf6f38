//! How a summary reads: two rule-based checks on its sentences, used by
//! [`summary::summarize_prepared`](crate::summary::summarize_prepared) to keep them out and by
//! the brief evaluation to count them.
//!
//! - **Dangling subject** ([`dangles`]): a sentence whose subject is a pronoun ("He", "They",
//!   "It was ...") or a definite description ("The radical group has ...", "This decision ...",
//!   "The two ...") whose referent is not in the summary before it. Either is introduced when
//!   the summary sentence before comes from the same article, at most [`PRONOUN_REACH`]
//!   sentences earlier (its source's own context comes along), except that a "he"/"she"/"his"/
//!   "her"/"him" not right after its article's sentence before is introduced only when the
//!   summary has named the word its article last capitalised before it (not opening a sentence
//!   or quotation, no month, weekday or bracketed credit): a pronoun from elsewhere points at
//!   whoever its own article named last, not at the summary's last-named person. The speaker of
//!   a quotation that opens the sentence (`"...," he said`) is its subject. Further back or from
//!   another article, a demonstrative or pointing description ("these frameworks", "the other
//!   heir", "the two") is introduced when the stem of one of its words occurs in an earlier
//!   summary sentence.
//!   A plain "the `<noun>`" dangles only as the summary's first sentence: later, it most often
//!   names what the summary gave in other words ("the law" after "a bill"). A description with a modifier after its head
//!   ("The man convicted in ...", "The policy for ...", "The company Netflix") introduces itself.
//!   Expletive "it" ("It is not clear ...", "It appears ...") is no pronoun.
//! - **Repeated fact** ([`repeats_fact`]): two sentences that give the same figure (equal within
//!   1 %, of the same kind: a percentage, an amount of money, or a count of at least 10; years
//!   excluded) and share at least two other content stems: "$973,000 in costs" and "$972,814 in
//!   legal costs".
//!
//! Both look only at tokens and the sentence text; neither knows any topic.

use crate::model::Sentence;

/// How many sentences back in the same article a subject's referent may be.
pub const PRONOUN_REACH: usize = 3;

/// One summary sentence as the checks see it.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// The text of the sentence's article.
    pub text: &'a str,
    /// The sentence.
    pub sentence: &'a Sentence,
    /// Its article.
    pub article: usize,
}

impl Line<'_> {
    fn has_stem(&self, stem: &str) -> bool {
        self.sentence.tokens.iter().any(|t| &*t.stem == stem)
    }

    /// Whether one of its words, possessive and punctuation aside, is `name`.
    fn names(&self, name: &str) -> bool {
        self.sentence.tokens.iter().any(|t| {
            self.text
                .get(t.span.start..t.span.end)
                .is_some_and(|w| bare_name(w) == name)
        })
    }
}

/// A month, a month's abbreviation or a weekday: capitalised, but no one a pronoun points at.
fn is_calendar_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    let lower = lower.trim_end_matches('.');
    crate::calendar::MONTH_WORDS.contains(&lower) || crate::calendar::WEEKDAY_WORDS.contains(&lower)
}

/// How far back in its article a pronoun's referent is looked for (bytes).
const REFERENT_WINDOW: usize = 600;

/// A word without a possessive ending or the punctuation around it.
fn bare_name(word: &str) -> &str {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word)
}

/// The last capitalised word of the article text before a line's sentence that does not open a
/// sentence, a quotation or a paragraph (the name its pronoun most likely points at), within
/// [`REFERENT_WINDOW`] bytes.
fn last_name_before<'a>(line: &Line<'a>) -> Option<&'a str> {
    let end = line.sentence.span.start.min(line.text.len());
    let mut start = end.saturating_sub(REFERENT_WINDOW);
    while !line.text.is_char_boundary(start) {
        start += 1;
    }
    let window = line.text.get(start..end)?;
    let words: Vec<&str> = window.split_whitespace().collect();
    // Words inside brackets (a photo credit, "(Image: X)") name no one the text speaks of.
    let mut depth = 0i32;
    let mut outside = vec![true; words.len()];
    for (i, word) in words.iter().enumerate().rev() {
        depth += i32::from(word.ends_with(')')) - i32::from(word.starts_with('('));
        depth = depth.max(0);
        outside[i] = depth == 0 && !word.starts_with('(') && !word.ends_with(')');
    }
    (1..words.len()).rev().find_map(|i| {
        let word = bare_name(words[i]);
        let opens = words[i].starts_with(|c: char| !c.is_alphanumeric())
            || words[i - 1].ends_with(['.', '!', '?', ':', '"', '\u{201d}']);
        (outside[i]
            && word.chars().count() > 1
            && word.starts_with(|c: char| c.is_uppercase())
            && !opens
            && !is_calendar_word(word))
        .then_some(word)
    })
}

/// What a sentence's subject is, when it points back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anaphor {
    /// A personal pronoun; `person` for he/she/his/her/him.
    Pronoun {
        /// True for a pronoun that names one person (he, she, his, her, him).
        person: bool,
    },
    /// A definite or demonstrative description.
    Description {
        /// The stems of the description's words, the head last.
        words: Vec<String>,
        /// True for a demonstrative ("these frameworks") or a description that says it points
        /// back ("the other heir", "the two"); a plain "the `<noun>`" is not.
        strong: bool,
    },
}

const SKIP_OPENERS: &[&str] = &[
    "but",
    "and",
    "yet",
    "so",
    "still",
    "however",
    "meanwhile",
    "now",
    "also",
    "instead",
];
const PERSON_PRONOUNS: &[&str] = &["he", "she", "his", "her", "him"];
const OTHER_PRONOUNS: &[&str] = &["they", "them", "their", "it", "its"];
const DEMONSTRATIVES: &[&str] = &["this", "these", "those", "that"];
/// Words right after "the" that always point back ("The two ...", "The latter ...").
const BACK_POINTERS: &[&str] = &[
    "two", "three", "four", "both", "pair", "couple", "latter", "former", "same", "other", "trio",
];
/// After "It is/was": an expletive "it", not a pronoun.
const EXPLETIVE_AFTER_IT_IS: &[&str] = &[
    "not",
    "unclear",
    "clear",
    "possible",
    "likely",
    "unlikely",
    "expected",
    "believed",
    "thought",
    "hard",
    "difficult",
    "important",
    "true",
    "said",
    "reported",
    "understood",
    "estimated",
    "feared",
    "known",
    "worth",
    "time",
    "easy",
    "impossible",
    "necessary",
    "also",
    "still",
    "too",
    "now",
    "illegal",
    "uncertain",
    "with",
];
const EXPLETIVE_VERBS: &[&str] = &[
    "appears", "appeared", "seems", "seemed", "remains", "remained",
];
/// Heads that need no antecedent: time words ("This week"), and things there is only one of.
const SELF_EVIDENT_HEADS: &[&str] = &[
    "week",
    "year",
    "month",
    "morning",
    "afternoon",
    "evening",
    "night",
    "weekend",
    "time",
    "season",
    "summer",
    "winter",
    "spring",
    "autumn",
    "fall",
    "day",
    "decade",
    "century",
    "world",
    "internet",
    "web",
    "public",
    "sun",
    "moon",
    "earth",
    "past",
    "future",
    "way",
    "latest",
    "first",
    "last",
    "next",
    "following",
    "answer",
    "question",
    "truth",
    "problem",
];
/// Words after a description's head that make it self-contained (a modifier follows).
const MODIFIER_OPENERS: &[&str] = &[
    "of", "for", "in", "at", "from", "on", "who", "that", "which", "with", "to", "into", "near",
    "about", "over", "under", "between", "behind", "whose", "where", "when", "after", "before",
    "by", "against", "among", "across", "outside", "inside", "within", "behind", "called", "named",
    "known", "dubbed",
];

fn is_lower_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The sentence's subject when it points back to something before it, else `None`. A sentence
/// opening with a quotation mark is a quotation, not checked here.
pub fn anaphor(text: &str, sentence: &Sentence) -> Option<Anaphor> {
    let span_text = text.get(sentence.span.start..sentence.span.end)?;
    if span_text.starts_with(['"', '“']) {
        // "'...,' he said": the quotation's speaker is the subject.
        let open = span_text.chars().next().map_or(1, char::len_utf8);
        let inside = span_text.get(open..).unwrap_or("");
        let speaker = inside
            .char_indices()
            .find(|&(_, c)| matches!(c, '"' | '”'))
            .and_then(|(close, mark)| inside.get(close + mark.len_utf8()..))
            .and_then(|rest| rest.split_whitespace().next())
            .map(str::to_lowercase);
        return matches!(speaker.as_deref(), Some("he" | "she"))
            .then_some(Anaphor::Pronoun { person: true });
    }
    if span_text.starts_with(['\'', '‘', '(', '[']) {
        return None;
    }
    let tokens = &sentence.tokens;
    let word = |i: usize| -> &str {
        tokens
            .get(i)
            .and_then(|t| text.get(t.span.start..t.span.end))
            .unwrap_or("")
    };
    let mut i = 0;
    if SKIP_OPENERS.contains(&word(0).to_lowercase().as_str()) {
        i = 1;
    }
    let first = word(i).to_lowercase();
    if PERSON_PRONOUNS.contains(&first.as_str()) {
        return Some(Anaphor::Pronoun { person: true });
    }
    if OTHER_PRONOUNS.contains(&first.as_str()) {
        if first == "it" {
            let next = word(i + 1).to_lowercase();
            let after = word(i + 2).to_lowercase();
            let is_be = matches!(next.as_str(), "is" | "was" | "'s" | "’s" | "has" | "had");
            let expletive = EXPLETIVE_VERBS.contains(&next.as_str())
                || is_be && EXPLETIVE_AFTER_IT_IS.contains(&after.as_str())
                || is_be && after == "been" && word(i + 3).ends_with("ed");
            if expletive || next == "s" {
                return None;
            }
        }
        return Some(Anaphor::Pronoun { person: false });
    }
    let demonstrative = DEMONSTRATIVES.contains(&first.as_str());
    if !(first == "the" || demonstrative) {
        return None;
    }
    let next = word(i + 1);
    let next_lower = next.to_lowercase();
    if first == "the" && BACK_POINTERS.contains(&next_lower.as_str()) {
        return Some(Anaphor::Description {
            words: vec![stem_of(tokens, i + 1)],
            strong: true,
        });
    }
    if !is_lower_word(next) {
        // "The Pentagon", "This 2010 file photo", or "That's": a name, or not a description.
        return (demonstrative && (next.is_empty() || !is_capitalised(next)))
            .then_some(Anaphor::Pronoun { person: false });
    }
    if demonstrative && tokens.get(i + 1).is_some_and(|t| t.is_stopword) {
        return Some(Anaphor::Pronoun { person: false });
    }
    // The description: content words after the determiner, up to the first function word or
    // speech verb (at most four; without part-of-speech tags a verb may still end up in it).
    let mut head = None;
    let mut j = i + 1;
    while j < tokens.len() && j <= i + 4 {
        let w = word(j);
        let token = &tokens[j];
        if token.is_stopword
            || SPEECH_VERBS.contains(&w)
            || j > i + 1 && w.ends_with("ed")
            || !(is_lower_word(w) || is_capitalised(w) && j > i + 1)
        {
            break;
        }
        if is_capitalised(w) && j + 1 < tokens.len() && is_capitalised(word(j + 1)) {
            break; // "the group Boko Haram": an appositive name follows.
        }
        head = Some(j);
        j += 1;
    }
    let Some(head) = head else {
        // "The most ...", "This is ...": no description.
        return (demonstrative).then_some(Anaphor::Pronoun { person: false });
    };
    let after = word(j).to_lowercase();
    let gap = text
        .get(
            tokens[head].span.end
                ..tokens
                    .get(j)
                    .map_or(tokens[head].span.end, |t| t.span.start),
        )
        .unwrap_or("");
    if MODIFIER_OPENERS.contains(&after.as_str())
        || is_capitalised(word(j)) && !gap.contains(',')
        || word(j).ends_with("ing") && !gap.contains(',')
        || after.ends_with("ed") && MODIFIER_OPENERS.contains(&word(j + 1).to_lowercase().as_str())
    {
        return None;
    }
    let head_word = word(head).to_lowercase();
    if SELF_EVIDENT_HEADS.contains(&head_word.as_str()) {
        return None;
    }
    Some(Anaphor::Description {
        words: (i + 1..=head).map(|k| stem_of(tokens, k)).collect(),
        strong: demonstrative,
    })
}

/// Verbs that end a description ("The firm said ...").
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "noted",
    "agreed",
    "announced",
    "reported",
    "stated",
    "wrote",
    "argued",
    "insisted",
    "declined",
    "refused",
];

fn stem_of(tokens: &[crate::model::Token], i: usize) -> String {
    tokens
        .get(i)
        .map(|t| t.stem.to_string())
        .unwrap_or_default()
}

/// True when `line`'s subject points outside `before` (the summary sentences before it, in
/// reading order): see the module docs.
pub fn dangles(line: &Line<'_>, before: &[Line<'_>]) -> bool {
    let Some(anaphor) = anaphor(line.text, line.sentence) else {
        return false;
    };
    let Some(previous) = before.last() else {
        return true;
    };
    let close = previous.article == line.article
        && previous.sentence.index < line.sentence.index
        && line.sentence.index - previous.sentence.index <= PRONOUN_REACH;
    // A "he" from another article, or after sentences the summary leaves out, points at whoever
    // its own article named last: it is introduced only when the summary has named that one too.
    let named_last =
        || last_name_before(line).is_some_and(|name| before.iter().any(|b| b.names(name)));
    if close {
        let next = line.sentence.index - previous.sentence.index == 1;
        return !next && matches!(anaphor, Anaphor::Pronoun { person: true }) && !named_last();
    }
    match anaphor {
        Anaphor::Pronoun { person } => !(person && named_last()),
        // Later in a summary a plain "the <noun>" most often names something the summary has
        // given in other words ("the law" after "a bill"): only the strong kinds count there.
        Anaphor::Description { words, strong } => {
            strong && !before.iter().any(|b| words.iter().any(|w| b.has_stem(w)))
        }
    }
}

/// The kind of a figure, for [`repeats_fact`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Percent,
    Money,
    Count,
}

/// The figures of a sentence: value and kind.
fn figures(text: &str, sentence: &Sentence) -> Vec<(f64, Kind)> {
    let tokens = &sentence.tokens;
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let Some(word) = text.get(token.span.start..token.span.end) else {
            continue;
        };
        let digits_end = word
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(word.len());
        if digits_end == 0 || !word.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let Ok(mut value) = word[..digits_end].replace(',', "").parse::<f64>() else {
            continue;
        };
        let suffix = word[digits_end..].to_lowercase();
        let next = tokens
            .get(i + 1)
            .and_then(|t| text.get(t.span.start..t.span.end))
            .unwrap_or("")
            .to_lowercase();
        let scale = |w: &str| match w {
            "thousand" | "k" => Some(1e3),
            "million" | "m" | "mn" => Some(1e6),
            "billion" | "bn" | "b" => Some(1e9),
            "trillion" | "tn" => Some(1e12),
            _ => None,
        };
        let mut scaled = false;
        if let Some(s) = scale(&suffix).or_else(|| scale(&next)) {
            value *= s;
            scaled = true;
        }
        let before = text[..token.span.start].trim_end();
        let after = &text[token.span.end..];
        let money = before.ends_with(['$', '£', '€', '¥'])
            || matches!(
                next.as_str(),
                "dollars" | "dlrs" | "euros" | "pounds" | "yuan" | "yen"
            );
        let percent = after.starts_with('%')
            || after.trim_start().starts_with('%')
            || next == "percent"
            || next == "per" && after.contains("cent");
        let kind = if percent {
            Kind::Percent
        } else if money {
            Kind::Money
        } else {
            let plain = word[..digits_end].to_string();
            let year_like =
                !plain.contains([',', '.']) && (1900.0..=2100.0).contains(&value) && !scaled;
            if year_like || value < 10.0 {
                continue;
            }
            Kind::Count
        };
        out.push((value, kind));
    }
    out
}

fn content_stems<'a>(line: &Line<'a>) -> Vec<&'a str> {
    let mut stems: Vec<&str> = line
        .sentence
        .tokens
        .iter()
        .filter(|t| !t.is_stopword && t.stem.chars().any(char::is_alphabetic))
        .map(|t| &*t.stem)
        .collect();
    stems.sort_unstable();
    stems.dedup();
    stems
}

/// Fewest content stems, besides the figure, that two sentences stating one fact share.
pub const FACT_SHARED_STEMS: usize = 2;

/// True when `a` and `b` give the same figure about the same thing: see the module docs.
pub fn repeats_fact(a: &Line<'_>, b: &Line<'_>) -> bool {
    let fa = figures(a.text, a.sentence);
    if fa.is_empty() {
        return false;
    }
    let fb = figures(b.text, b.sentence);
    let same_figure = fa.iter().any(|&(va, ka)| {
        fb.iter()
            .any(|&(vb, kb)| ka == kb && (va - vb).abs() <= 0.01 * va.abs().max(vb.abs()))
    });
    if !same_figure {
        return false;
    }
    let sa = content_stems(a);
    let sb = content_stems(b);
    sa.iter().filter(|s| sb.binary_search(s).is_ok()).count() >= FACT_SHARED_STEMS
}

/// The positions in `lines` (a summary in reading order) of sentences that dangle or repeat a
/// fact of an earlier one.
pub fn problems(lines: &[Line<'_>]) -> Vec<usize> {
    (0..lines.len())
        .filter(|&k| {
            dangles(&lines[k], &lines[..k]) || lines[..k].iter().any(|b| repeats_fact(&lines[k], b))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean;
    use crate::segment::segment;

    /// The sentences of one invented article, as summary lines of article `article`.
    fn sentences(text: &str) -> Vec<Sentence> {
        segment(text, &clean(text)).sentences
    }

    fn line<'a>(text: &'a str, sentence: &'a Sentence, article: usize) -> Line<'a> {
        Line {
            text,
            sentence,
            article,
        }
    }

    fn opening_dangles(text: &str) -> bool {
        let s = sentences(text);
        dangles(&line(text, &s[0], 0), &[])
    }

    #[test]
    fn pronoun_and_bare_description_openings_dangle() {
        assert!(opening_dangles(
            "He was freed shortly after the hearing on a quiet afternoon."
        ));
        assert!(opening_dangles(
            "The militant group has made inroads in the desert country this year."
        ));
        assert!(opening_dangles(
            "The two were covering twin blasts in the capital and the fighting after."
        ));
        assert!(opening_dangles(
            "This decision angered many of the town's residents."
        ));
        assert!(opening_dangles(
            "But they said the bridge would stay closed until spring."
        ));
        // The speaker of a quotation is its sentence's subject.
        assert!(opening_dangles(
            "\"We are leaving,\" she said as the water rose around the houses."
        ));
        assert!(opening_dangles(
            "“We are leaving,” he said as the water rose around the houses."
        ));
        assert!(!opening_dangles(
            "“We are leaving,” the mayor said as the water rose around the houses."
        ));
    }

    #[test]
    fn names_modified_descriptions_and_expletives_do_not_dangle() {
        assert!(!opening_dangles(
            "The Harbour Authority closed the bridge on Monday."
        ));
        assert!(!opening_dangles(
            "The man convicted in the oldest case ever tried was released on Friday."
        ));
        assert!(!opening_dangles(
            "The new policy for smart televisions lets the maker record what users say."
        ));
        assert!(!opening_dangles(
            "It is not clear why the bridge was closed on Monday."
        ));
        assert!(!opening_dangles(
            "This week the council voted to close the bridge."
        ));
        assert!(!opening_dangles(
            "\"We are leaving,\" the mayor said as the water rose around the houses."
        ));
        assert!(!opening_dangles(
            "A storm closed the bridge across the river on Monday."
        ));
    }

    #[test]
    fn a_referent_before_in_the_summary_introduces_the_subject() {
        let text = "A militant group attacked the border post on Monday. Officials met on \
                    Tuesday to talk about the road. Farmers sold their grain at the market. \
                    Traders left early. This group has made inroads in the north.";
        let main = sentences(text);
        assert_eq!(main.len(), 5);
        let elsewhere = "Officials met on Tuesday to talk about the new road.";
        let away = sentences(elsewhere);
        let (first, second, fifth) = (
            line(text, &main[0], 0),
            line(elsewhere, &away[0], 1),
            line(text, &main[4], 0),
        );
        // Named before (four sentences back in its article, so only the word introduces it).
        assert!(!dangles(&fifth, &[first, second]));
        assert!(dangles(&fifth, &[second]));
        // Right after its own article's sentence before it: the source's context comes along.
        assert!(!dangles(&fifth, &[line(text, &main[3], 0)]));
        // A plain "the <noun>" dangles only as an opening.
        let plain = "The group has made inroads in the north of the country.";
        let bare = sentences(plain);
        assert!(dangles(&line(plain, &bare[0], 2), &[]));
        assert!(!dangles(&line(plain, &bare[0], 2), &[second]));
        let other = "Rain fell on the capital for a third day on Monday afternoon.";
        let rain = sentences(other);
        let pronoun = "They closed the schools and the markets in the region.";
        let they = sentences(pronoun);
        // A pronoun right after a sentence of its own article, a few sentences back, is introduced;
        // after another article's sentence it is not.
        let text2 = "Teachers met the mayor on Monday morning. They closed the schools at noon.";
        let s2 = sentences(text2);
        assert!(!dangles(&line(text2, &s2[1], 0), &[line(text2, &s2[0], 0)]));
        assert!(dangles(
            &line(pronoun, &they[0], 1),
            &[line(other, &rain[0], 0)]
        ));
    }

    /// A "he" whose article last named someone the summary has not named does not point at the
    /// summary's last-named man: the sentence dangles; once the summary names that one, it does
    /// not.
    #[test]
    fn a_pronoun_is_introduced_only_by_its_own_articles_last_name() {
        let text = "Mayor Ola Brandt said the bridge would close on Monday. Traffic was heavy \
                    all week. The council met on Tuesday. Buses ran late again. Brandt said \
                    the repairs would take a month and councillor Piet Varga dismissed talk of \
                    a delay. \"That is wrong,\" he told reporters at the town hall.";
        let s = sentences(text);
        assert_eq!(s.len(), 6);
        let quote = line(text, &s[5], 0);
        // The summary named Brandt only (the article's first sentence, far back): "he" would
        // read as Brandt, but the article last named Varga.
        assert!(dangles(&quote, &[line(text, &s[0], 0)]));
        let elsewhere = "Councillor Piet Varga opposed the plan at a meeting on Tuesday.";
        let other = sentences(elsewhere);
        assert!(!dangles(
            &quote,
            &[line(text, &s[0], 0), line(elsewhere, &other[0], 1)]
        ));
        // Two sentences back in its own article, with the naming sentence left out: the same.
        assert!(dangles(&quote, &[line(text, &s[3], 0)]));
        // Right after the sentence that names the speaker: introduced.
        assert!(!dangles(&quote, &[line(text, &s[4], 0)]));
    }

    #[test]
    fn the_same_figure_about_the_same_thing_is_a_repeated_fact() {
        let seeks = "Acme Holdings is seeking to recover about $973,000 in costs from the trial.";
        let filed = "Acme Holdings filed papers on Wednesday seeking $972,814 in legal costs.";
        let revenue = "Acme Holdings said its revenue rose to $972,814 last year in new markets.";
        let bridge = "The city spent $973,000 on the new bridge, officials said.";
        let (sa, sb, sc, sd) = (
            sentences(seeks),
            sentences(filed),
            sentences(revenue),
            sentences(bridge),
        );
        let (la, lb, lc, ld) = (
            line(seeks, &sa[0], 0),
            line(filed, &sb[0], 1),
            line(revenue, &sc[0], 2),
            line(bridge, &sd[0], 3),
        );
        assert!(repeats_fact(&la, &lb));
        assert!(repeats_fact(&lb, &la));
        // Same figure, shared stems only in the name: still two sentences about Acme Holdings,
        // so this counts; a figure in another context does not.
        assert!(repeats_fact(&lb, &lc));
        assert!(!repeats_fact(&la, &ld));
        // Years and small counts are not figures.
        let founded = "The firm was founded in 1999 and seeks costs from the trial.";
        let sued = "The firm sued in 1999 and seeks costs from the trial again.";
        let (sy, sz) = (sentences(founded), sentences(sued));
        assert!(!repeats_fact(
            &line(founded, &sy[0], 0),
            &line(sued, &sz[0], 1)
        ));
        assert_eq!(problems(&[la, lb]), vec![1]);
    }

    fn summary_lines(
        texts: &[&str],
        words: usize,
    ) -> (
        crate::model::Cluster,
        crate::summary::Summary,
        crate::summary::Prepared,
    ) {
        let cluster = crate::testutil::cluster_of(texts);
        let mut config = crate::summary::SummaryConfig::default();
        config.select.budget = crate::select::Budget::Words(words);
        let prepared = crate::summary::prepare(&cluster, &config.analyze);
        let summary = crate::summary::summarize_prepared(&cluster, &prepared, &config);
        (cluster, summary, prepared)
    }

    /// The summary never opens with a sentence whose subject points outside it, even when that
    /// sentence leads its article, and gives no figure twice (invented articles).
    #[test]
    fn summaries_open_with_a_referent_and_state_a_figure_once() {
        let texts = [
            "The militant group has made inroads in the desert country this spring, officials said.\n\n\
             Fighters of the militant group seized two oil towns near the coast in the desert country.\n\n\
             The oil towns produce most of the desert country's exports, the oil minister said.",
            "A militant group seized two oil towns near the coast of the desert country on Monday.\n\n\
             The militant group threatens the oil exports of the desert country, the oil minister said.\n\n\
             Leaders of the desert country met in the capital to discuss the oil towns on Tuesday.",
            "Acme Holdings is seeking to recover about $973,000 in legal costs from the oil trial.\n\n\
             Acme Holdings filed papers on Wednesday seeking $972,814 in legal costs from the oil trial.",
        ];
        let (cluster, summary, prepared) = summary_lines(&texts, 120);
        assert!(!summary.sentences.is_empty());
        let lines: Vec<Line<'_>> = summary
            .sentences
            .iter()
            .map(|s| Line {
                text: &cluster.articles[s.article].text,
                sentence: &prepared.segmented[s.article].sentences[s.sentence],
                article: s.article,
            })
            .collect();
        assert!(problems(&lines).is_empty(), "{}", summary.text());
        assert!(
            !summary.text().starts_with("The militant group has"),
            "{}",
            summary.text()
        );
        let acme = summary
            .sentences
            .iter()
            .filter(|s| s.text.starts_with("Acme"))
            .count();
        assert!(acme <= 1, "{}", summary.text());
    }
}
