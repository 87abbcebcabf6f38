//! What part of a whole a figure covers, read from the words around it: a figure that is one
//! line of a breakdown by place ("six people in Northtown and one in Westfield"), a figure of
//! places coordinated in its own clause ("settlers in the North Bank and Southstrip") against one
//! of the first place alone, and a total against a figure that is not one ("the total $22 billion
//! market", "the combined toll of 370"). Two values of different scopes are two quantities, never
//! a disagreement (`figures::conflict_supported`); a line of a breakdown is a part, compared with
//! nothing but an equal value.
//!
//! Plain text functions: the caller passes the text of the figure's sentence after the figure
//! (its head included in the figure) or before it.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

/// "… in New York City and one in Westchester": a place after the figure, then another figure
/// (digits or a small spelled number, maybe "another" or "others") in another place.
static BREAKDOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[^,;:.]{0,40}?\b(?:in|at)\s+(?:the\s+)?[A-Z][^,;:]{0,40}?\s+and\s+(?:another\s+)?(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:others?\s+|more\s+)?(?:in|at)\s+(?:the\s+)?[A-Z]",
    )
    .expect("valid regex")
});

/// Whether a figure is one line of a breakdown by place: right after it, "in <place> and <n> in
/// <another place>" ("killed six people in Northtown and one in Westfield"). Such a figure is a
/// part of the whole the other reports give.
pub(crate) fn breakdown_part(after: &str) -> bool {
    may_be_breakdown(after) && BREAKDOWN.is_match(after)
}

/// A cheap test that [`BREAKDOWN`] may match: "in" or "at" as a word within its first 40
/// characters (before any of `,;:.`), and "and" somewhere after. Every match passes it; most
/// figures fail it, and the regex, far costlier, is left unrun.
fn may_be_breakdown(after: &str) -> bool {
    // The regex's `[^,;:.]{0,40}?` then "in"/"at": the word starts within 40 characters.
    // The word's own two characters make 42; the window ends there or at the first of `,;:.`.
    let window_end = after
        .char_indices()
        .enumerate()
        .find(|&(n, (_, c))| n == 42 || matches!(c, ',' | ';' | ':' | '.'))
        .map_or(after.len(), |(_, (i, _))| i);
    let window = &after[..window_end];
    let place_word = window
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "in" || w == "at");
    place_word && after.contains("and")
}

/// "… and an equal amount to …": the rest of the sentence gives another share the same.
static EQUAL_SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^;:.]{0,120}?\band\s+(?:an?\s+|the\s+)?(?:equal|same|matching)\s+(?:amount|sum|share)\b")
        .expect("valid regex")
});

/// Whether a figure is one of two equal shares: after it, in its sentence, "and an equal
/// amount" ("$500,000 to the winner, and an equal amount to charity"). Such a figure is a part
/// of the whole the other reports give.
pub(crate) fn equal_share(after: &str) -> bool {
    EQUAL_SHARE_WORDS.is_match(after) && EQUAL_SHARE.is_match(after)
}

/// The words one of which every [`EQUAL_SHARE`] match holds, in any ASCII case, and the long s
/// ("ſ") that the regex's case-insensitive "s" also matches: a text without any of them is no
/// match, and the regex, far costlier, is left unrun.
static EQUAL_SHARE_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["equal", "same", "matching", "\u{17f}"])
        .expect("valid patterns")
});

/// "in the West Bank and Gaza": a place preposition, then two runs of capitalised words joined
/// by "and".
static COORDINATED_PLACES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:in|throughout|across|from)\s+(?:the\s+)?((?:[A-Z][\w'.-]*\s+)*?[A-Z][\w'.-]*)\s+and\s+(?:the\s+)?((?:[A-Z][\w'.-]*)(?:\s+[A-Z][\w'.-]*)*)",
    )
    .expect("valid regex")
});

/// Whether `word` is written in `sentence` as a word of its own (case kept).
fn has_word(sentence: &str, word: &str) -> bool {
    sentence
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .any(|w| w == word || w.trim_end_matches("'s") == word)
}

/// The words of a run of capitalised words ("New York", "Gaza"), trailing dots dropped.
fn run_words(run: &str) -> Vec<&str> {
    run.split_whitespace()
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether a figure covers more places than another: its clause after the figure (`after`, up
/// to the first comma, semicolon, colon or parenthesis) names two places joined by "and" ("in
/// the West Bank and Gaza"), and the other figure's whole sentence (`other`) names the first of
/// them and none of the words of the second ("throughout the West Bank"). The two are a whole
/// and a part (one territory against two), not one figure reported twice.
pub(crate) fn wider_places(after: &str, other: &str) -> bool {
    if !may_name_places(after) {
        return false;
    }
    let clause = clause_of(after);
    COORDINATED_PLACES.captures_iter(clause).any(|caps| {
        let (Some(first), Some(second)) = (caps.get(1), caps.get(2)) else {
            return false;
        };
        let (first, second) = (run_words(first.as_str()), run_words(second.as_str()));
        !first.is_empty()
            && !second.is_empty()
            && first.iter().all(|w| has_word(other, w))
            && !second.iter().any(|w| has_word(other, w))
    })
}

/// Whether [`wider_places`] may find two places in `after`, whatever the other sentence: its
/// clause holds an "and" (the pattern needs one; most clauses have none).
pub(crate) fn may_name_places(after: &str) -> bool {
    clause_of(after).contains("and")
}

/// `after` up to its first clause boundary.
fn clause_of(after: &str) -> &str {
    after
        .find([',', ';', ':', '(', ')'])
        .map_or(after, |at| &after[..at])
}

/// Words that make a figure a total of several parts when they stand right before it.
const TOTAL_WORDS: &[&str] = &["total", "combined", "overall", "cumulative"];

/// Whether a figure is given as a total: one of [`TOTAL_WORDS`] among the three words right
/// before it ("the total $22 billion book market", "a combined toll of 370", "the overall
/// figure of 40 percent"), but not "a total of" right before it, which only counts ("a total of
/// seven people died"). `before` is the figure's sentence up to the figure (hedge excluded).
pub(crate) fn given_as_total(before: &str) -> bool {
    // Compared without case, not lower-cased: no letter outside ASCII folds to one of these
    // words' letters.
    let words: Vec<&str> = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    let is = |w: &str, word: &str| w.eq_ignore_ascii_case(word);
    // Nearest first: "a total of 7" reads ["of", "total", "a"].
    let counting =
        words.len() == 3 && is(words[0], "of") && is(words[1], "total") && is(words[2], "a");
    !counting
        && words
            .iter()
            .any(|w| TOTAL_WORDS.iter().any(|total| is(w, total)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Phrases the two regexes read, mixed with words and marks they do not.
    fn phrase() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "in Northtown",
            "at the New York",
            "and one",
            "and 12,000 others",
            "and another 7",
            "in Westfield",
            "at Eastport",
            "and an equal amount",
            "and the SAME sum",
            "and the \u{17f}ame share",
            "and a matching",
            "Equal",
            "in",
            "at",
            "and",
            "the",
            "people",
            "killed",
            "to",
            "within",
            "land",
            "_in",
            "é",
            "xxxxxxxxxx",
            ",",
            ";",
            ":",
            ".",
            "(",
            "\u{a0}",
            "\t",
        ]);
        prop::collection::vec(pieces, 0..12).prop_map(|pieces| {
            let mut text = String::from(" ");
            for piece in pieces {
                text.push_str(piece);
                text.push(' ');
            }
            text
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn cheap_tests_keep_every_regex_match(after in phrase()) {
            prop_assert_eq!(breakdown_part(&after), BREAKDOWN.is_match(&after));
            prop_assert_eq!(equal_share(&after), EQUAL_SHARE.is_match(&after));
        }
    }

    #[test]
    fn cheap_tests_keep_matches_at_their_edges() {
        // "in" as the 41st and 42nd characters: the last place the regex can match it.
        let far = format!("{} in Northtown and one in Westfield", "x".repeat(39));
        assert_eq!(breakdown_part(&far), BREAKDOWN.is_match(&far));
        assert!(breakdown_part(&far));
        let too_far = format!("{} in Northtown and one in Westfield", "x".repeat(40));
        assert!(!breakdown_part(&too_far));
        assert!(equal_share(
            " to one, and the \u{17f}ame amount to another."
        ));
    }

    #[test]
    fn one_of_two_equal_shares_is_a_part() {
        assert!(equal_share(
            " to rebuild the old library, and an equal amount from a foundation."
        ));
        assert!(equal_share(
            " for the school and the same sum for the library"
        ));
        assert!(!equal_share(" to rebuild the old library."));
        // A second count the same is no share of the first.
        assert!(!equal_share(" people and the same number were injured."));
        assert!(!equal_share(
            " to the winner. The runner-up gets an equal amount of praise."
        ));
    }

    #[test]
    fn a_line_of_a_breakdown_by_place_is_a_part() {
        assert!(breakdown_part(
            " in Northtown City and one in Westfield and sickened more than 60."
        ));
        assert!(breakdown_part(
            " at the Lakeside plant and 12 others at Riverton."
        ));
        assert!(!breakdown_part(
            " in Northtown City and sickened more than 60."
        ));
        assert!(!breakdown_part(
            " and 62 were infected in the Northtown area."
        ));
        // A clause boundary ends the breakdown.
        assert!(!breakdown_part(
            ", including one in Westfield and two in Riverton."
        ));
    }

    #[test]
    fn two_places_coordinated_are_wider_than_the_first_alone() {
        let wide = " live in more than 150 settlements scattered in the North Bank and Southstrip, \
                    dividing the areas.";
        assert!(wider_places(
            wide,
            "Today some 150,000 settlers live throughout the North Bank."
        ));
        // The other sentence names both places: the same scope.
        assert!(!wider_places(
            wide,
            "Some 150,000 settlers live in the North Bank and Southstrip."
        ));
        // The other names neither: nothing to compare.
        assert!(!wider_places(wide, "Some 150,000 settlers live there."));
        // A coordination after the clause's comma is about something else.
        assert!(!wider_places(
            " were arrested, officials in Northland and Southmark said.",
            "Five men were arrested in Northland."
        ));
    }

    #[test]
    fn a_total_is_told_from_a_count() {
        assert!(given_as_total("accounted for 5.4 percent of the total "));
        assert!(given_as_total("raising the combined toll to "));
        assert!(given_as_total("the overall figure of "));
        assert!(given_as_total("a combined total of "));
        assert!(!given_as_total("Last year, a total of "));
        assert!(!given_as_total("the nation's "));
    }
}
