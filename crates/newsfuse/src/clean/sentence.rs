//! Site text inside a paragraph of prose: sentences that clean, deciding whole lines, keeps, but
//! that no summary should carry. These are checked per sentence by the analysis (a sentence that
//! is site text is never a summary candidate); the article text and its spans are untouched.
//!
//! Four forms, each a convention of web pages rather than of any one site:
//! - a contact line: the sentence holds an e-mail address ("Reach her at … or name@paper.com.");
//! - a media widget's label opening the sentence ("VIDEO:", "Watch:", "Read more:", "TRAILER:");
//! - a photo credit opening the sentence, a name and a picture agency joined by a slash
//!   ("Jane Doe / Getty Images The …", "AP Photo/Jane Doe");
//! - a question put to the reader: it ends in a question mark, is not inside quotation marks and
//!   speaks to "you" ("What do you think?", "Want stories like these in your inbox?");
//! - a line in title case: a teaser headline glued into the paragraph ("Court Papers: Star's Dad
//!   Asks Judge For More"), a caption's tail or a byline; prose has lowercase words;
//! - a section label glued to the sentence it heads ("Analysis The letter shows …"): a label
//!   such as "Analysis" or "Opinion" directly followed by a capitalised determiner, pronoun or
//!   preposition, which prose never writes;
//! - a link card run into the sentence, closed by its upper-case "MORE" ("… criticized
//!   President Smith Jane Ann Smith Headline one Headline two MORE for bashing …");
//! - text damaged by extraction: a function word glued to the capitalised word after it
//!   ("known asWinnipeg"), where a link's text was lost with its spaces; such a sentence has
//!   lost words and reads as nonsense.

/// Labels of media widgets and link boxes that open a sentence, followed by a colon. Matched
/// case-insensitively on whole words, the first letter a capital ("VIDEO:", "Video:").
const MEDIA_LABELS: &[&str] = &[
    "also read",
    "audio",
    "gallery",
    "listen",
    "photo",
    "photos",
    "podcast",
    "read also",
    "read more",
    "related",
    "see also",
    "slideshow",
    "trailer",
    "video",
    "watch",
];

/// Picture agencies and wire photo desks, lowercased, as they close a "name / agency" credit.
const PICTURE_AGENCIES: &[&str] = &[
    "abaca",
    "afp",
    "ap",
    "ap photo",
    "associated press",
    "bloomberg",
    "corbis",
    "epa",
    "filmmagic",
    "getty",
    "getty images",
    "newscom",
    "reuters",
    "rex features",
    "shutterstock",
    "sipa",
    "splash news",
    "the associated press",
    "wireimage",
    "xinhua",
    "zuma",
];

/// Most bytes before the slash of an opening credit ("Alexander Demianchuk / Reuters").
const CREDIT_NAME_MAX_BYTES: usize = 48;

/// True when `sentence` is site text that a summary should never carry (see the module's text).
pub fn is_site_sentence(sentence: &str) -> bool {
    let text = sentence.trim();
    has_email_address(text)
        || opens_with_media_label(text)
        || opens_with_photo_credit(text)
        || asks_the_reader(text)
        || in_title_case(text)
        || opens_with_section_label(text)
        || holds_link_card(text)
        || has_glued_function_word(text)
}

/// Labels of newspaper sections and story kinds that head a story, lowercased.
const SECTION_LABELS: &[&str] = &[
    "advertisement",
    "analysis",
    "breaking",
    "commentary",
    "editorial",
    "exclusive",
    "explainer",
    "obituary",
    "opinion",
    "perspective",
    "sponsored",
];

/// Capitalised words that open a clause: a label followed by one of these is glued to the
/// sentence after it ("Analysis The …"); a name after a label ("Opinion Research Corp.") is not.
const CLAUSE_OPENERS: &[&str] = &[
    "A", "After", "An", "As", "At", "For", "He", "In", "It", "On", "She", "The", "These", "They",
    "This", "We", "When", "While",
];

/// "Analysis The …": a section label, a space, a clause opener.
fn opens_with_section_label(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let (Some(label), Some(next)) = (words.next(), words.next()) else {
        return false;
    };
    label.starts_with(|c: char| c.is_ascii_uppercase())
        && SECTION_LABELS
            .iter()
            .any(|known| label.eq_ignore_ascii_case(known))
        && CLAUSE_OPENERS.contains(&next)
}

/// A link card's "MORE" inside the sentence: the word in capitals after at least three words and
/// before a lowercase word or the sentence's end, in a sentence not itself in capitals, after a
/// card's opening: a capitalised word, one to three capitalised words (the person's other
/// names), the first word again ("Smith Jane Ann Smith").
fn holds_link_card(text: &str) -> bool {
    if !text.contains("MORE") {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let lowercase_words = words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
        .count();
    if lowercase_words * 3 < words.len() {
        return false;
    }
    let Some(more) = (3..words.len()).find(|&i| {
        words[i] == "MORE"
            && words
                .get(i + 1)
                .is_none_or(|next| next.starts_with(|c: char| c.is_lowercase()))
    }) else {
        return false;
    };
    let before = &words[..more];
    let capitalised = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    (0..before.len()).any(|i| {
        capitalised(before[i])
            && (2..=4).any(|gap| {
                before.get(i + gap) == Some(&before[i])
                    && before[i + 1..i + gap].iter().all(|w| capitalised(w))
            })
    })
}

/// Short function words that, glued to a capitalised word after them, show lost link text.
const GLUED_FUNCTION_WORDS: &[&str] = &[
    "and", "as", "at", "by", "for", "from", "in", "of", "on", "to", "with",
];

/// A word such as "asWinnipeg": a lowercase function word and then a capitalised word of three
/// letters or more, with no other capital; words with "@", "#", "/" or "." (handles, tags, web
/// addresses) are left alone.
fn has_glued_function_word(text: &str) -> bool {
    // Most sentences hold no lower-case letter followed by a capital: one pass over the bytes
    // (without an early exit, which lets the compiler vectorise it) before any word is looked at.
    let bytes = text.as_bytes();
    let lower_then_capital = bytes
        .iter()
        .zip(bytes.iter().skip(1))
        .fold(false, |seen, (a, b)| {
            seen | (a.is_ascii_lowercase() & b.is_ascii_uppercase())
        });
    if !lower_then_capital {
        return false;
    }
    text.split_whitespace().any(|raw| {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if raw.contains(['@', '#', '/'])
            || word.contains('.')
            || !word.starts_with(|c: char| c.is_ascii_lowercase())
        {
            return false;
        }
        let Some(cap) = word.find(|c: char| c.is_ascii_uppercase()) else {
            return false;
        };
        let (head, tail) = word.split_at(cap);
        GLUED_FUNCTION_WORDS.contains(&head)
            && tail.len() >= 3
            && tail[1..].chars().all(char::is_lowercase)
    })
}

/// Words that title case leaves in lowercase.
const TITLE_CASE_MINOR: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "per", "the", "to", "via", "vs", "with",
];

/// Fewest capitalised words of a sentence read as title case.
const TITLE_CASE_MIN_CAPITALISED: usize = 5;

/// Every word that starts with a letter starts with a capital, or is a minor word that title
/// case leaves in lowercase, and at least five are capitalised. Words in scripts without case
/// (Han, Arabic, ...) are neither, so such text is never title case.
fn in_title_case(text: &str) -> bool {
    let mut capitalised = 0;
    for word in text.split_whitespace() {
        let Some(first) = word.chars().find(|c| {
            !matches!(
                c,
                '"' | '\'' | '(' | '[' | '\u{201c}' | '\u{2018}' | '-' | '\u{2014}'
            )
        }) else {
            continue;
        };
        if !first.is_alphabetic() {
            continue;
        }
        if first.is_uppercase() {
            capitalised += 1;
            continue;
        }
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if !TITLE_CASE_MINOR
            .iter()
            .any(|minor| bare.eq_ignore_ascii_case(minor))
        {
            return false;
        }
    }
    capitalised >= TITLE_CASE_MIN_CAPITALISED
}

/// An e-mail address: a local part, "@", a domain with a dot and a final label of two letters or
/// more.
fn has_email_address(text: &str) -> bool {
    let bytes = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'+' | b'-');
    let domain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-');
    text.match_indices('@').any(|(at, _)| {
        if at == 0 || !local(bytes[at - 1]) {
            return false;
        }
        let end = bytes[at + 1..]
            .iter()
            .position(|&b| !domain(b))
            .map_or(bytes.len(), |n| at + 1 + n);
        let host = text[at + 1..end].trim_end_matches(['.', '-']);
        match host.rsplit_once('.') {
            Some((name, tld)) => {
                !name.is_empty() && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())
            }
            None => false,
        }
    })
}

/// "VIDEO: …", "Read more: …": a widget label, its first letter a capital, then a colon.
fn opens_with_media_label(text: &str) -> bool {
    if !text.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let Some(colon) = text.get(..20).unwrap_or(text).find(':') else {
        return false;
    };
    let label = text[..colon].trim_end();
    MEDIA_LABELS.iter().any(|known| {
        label.len() == known.len()
            && label
                .bytes()
                .zip(known.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    })
}

/// "Jane Doe / Getty Images The …", "REUTERS/Jane Doe", "AP Photo/Jane Doe": a slash within the
/// first few words, a picture agency on one side of it, and capitalised words only before it.
fn opens_with_photo_credit(text: &str) -> bool {
    let Some(slash) = text
        .bytes()
        .take(CREDIT_NAME_MAX_BYTES + 1)
        .position(|b| b == b'/')
    else {
        return false;
    };
    let before = text[..slash].trim_end();
    let after = text[slash + 1..].trim_start();
    let words: Vec<&str> = before.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 4
        || !words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
    {
        return false;
    }
    // The agency before the slash is a credit in capitals ("REUTERS/", "EPA/") or a photo desk
    // ("AP Photo/"); "Reuters/Ipsos polling" and "AP/NORC" are pollsters' names.
    let lower_before = before.to_lowercase();
    let desk_form = lower_before.ends_with(" photo")
        || before.len() >= 3 && before.bytes().all(|b| b.is_ascii_uppercase());
    if desk_form && PICTURE_AGENCIES.contains(&lower_before.trim_end_matches(" photo")) {
        return true;
    }
    PICTURE_AGENCIES.iter().any(|agency| {
        after.len() >= agency.len()
            && after.is_char_boundary(agency.len())
            && after[..agency.len()].eq_ignore_ascii_case(agency)
            && after[agency.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// A question to the reader: it ends in "?", holds no quotation mark, and says "you" or "your".
fn asks_the_reader(text: &str) -> bool {
    if !text.ends_with('?') {
        return false;
    }
    if text.contains(['"', '\u{201c}', '\u{201d}', '\u{2018}']) {
        return false;
    }
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .any(|word| {
            ["you", "your", "you're", "you\u{2019}re", "yours"]
                .iter()
                .any(|w| word.eq_ignore_ascii_case(w))
        })
}

#[cfg(test)]
mod tests {
    use super::is_site_sentence;

    /// Every sentence of `site` is site text, and none of `prose` is.
    fn check(site: &[&str], prose: &[&str]) {
        for s in site {
            assert!(is_site_sentence(s), "should be site text: {s}");
        }
        for s in prose {
            assert!(!is_site_sentence(s), "should be prose: {s}");
        }
    }

    #[test]
    fn contact_lines_with_an_email_address_are_site_text() {
        check(
            &[
                "Reach her at 555-0100, extension 12, or jdoe@example-paper.com.",
                "Write to the reporter at a.b.c@news.example.org",
                "jsmith@example.net",
            ],
            &[
                "The company said it would raise prices @ 5% a year.",
                "Shares fell 3% @home and abroad.",
                "He posted the message under the handle @example on the site.",
            ],
        );
    }

    #[test]
    fn a_widget_label_opening_the_sentence_is_site_text() {
        check(
            &[
                "VIDEO: The mayor speaks to reporters after the vote.",
                "Watch: the rescue as it happened.",
                "Read more: Council approves the new budget.",
                "TRAILER: Get a first look at the film before it opens.",
                "SEE ALSO: The ten best phones of the year",
            ],
            &[
                "Video footage showed the crowd gathering: about 200 people.",
                "The trailer: a two-minute clip released on Monday.",
                "Watchers said: it was the biggest crowd in years.",
            ],
        );
    }

    #[test]
    fn a_photo_credit_opening_the_sentence_is_site_text() {
        check(
            &[
                "Jane Doe / Getty Images The senator arrives at the hearing on Tuesday.",
                "REUTERS/Jane Doe",
                "AP Photo/John Roe",
                "Alex Roe / Reuters A ski lift runs at the venue.",
            ],
            &[
                "An ABC News/Washington Post poll found 58 percent disapproved.",
                "JAKARTA/SURABAYA, Indonesia Search teams found the wreck on Sunday.",
                "The Smith/Jones texts were released on Friday.",
                "He left 24/7 coverage to the network.",
                "Reuters/Ipsos polling shows a tight race.",
                "AP/NORC surveys found the same.",
            ],
        );
    }

    #[test]
    fn title_case_lines_are_site_text_but_prose_is_not() {
        check(
            &[
                "COURT PAPERS: Star\u{2019}s Dad To Judge: I Want More Money!",
                "Mayor Jane Roe with the City Council of Springfield.",
                "Follow Jane Roe on Twitter and Facebook.",
            ],
            &[
                "Present were Jane Roe, John Doe and Mary Major of the city council.",
                "The Senate voted 52 to 48 on Tuesday.",
                "Jane Roe and John Doe.",
                "\u{5e02}\u{9577}\u{306f} Tokyo Osaka Kyoto Nara Kobe \u{3067}\u{3059}\u{3002}",
            ],
        );
    }

    #[test]
    fn section_labels_link_cards_and_glued_words_are_site_text() {
        check(
            &[
                "Analysis The letter gives an insight into the mind of its writer.",
                "OPINION In a city of this size, the budget matters.",
                "Exclusive A former aide says the plan was dropped.",
                "The anchor criticized Mayor Roe Jane Ann Roe Council votes on budget Roe wins award MORE for bashing reporters.",
                "He was the news director at, now known asWinnipeg, beginning in the early.",
                "The show moved toChannel Four last year.",
                "The report was filed inParis.",
            ],
            &[
                "Analysis of the data shows a rise in cases.",
                "Opinion Research Corp. found 58 percent disapproved.",
                "Analysts The Economist spoke to were divided.",
                "Editorials in three papers called for his resignation.",
                "Jane Roe and John Roe came, and MORE were expected.",
                "More than 200 people came, and MORE were expected.",
                "The phone runs iOS and the company sells it on eBay and in McDonald's.",
                "She writes for theGrio and posts as #inMemoriam and @atLarge.",
            ],
        );
    }

    #[test]
    fn questions_put_to_the_reader_are_site_text_but_quoted_questions_are_not() {
        check(
            &[
                "What do you think?",
                "Want stories like these delivered straight to your inbox?",
                "Have you been affected by the storm?",
            ],
            &[
                "\"What are you doing?\" the officer asked.",
                "\u{201c}Where are you now?",
                "Will the council approve the budget?",
                "The minister asked whether you could trust the figures.",
            ],
        );
    }
}
