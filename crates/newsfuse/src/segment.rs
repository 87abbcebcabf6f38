//! Stage 2, segment: kept blocks into sentences, sentences into word tokens.
//!
//! Paragraphs come from the clean stage; each body block is split into sentences with `sentencex`
//! (Wikimedia's rule-based splitter, which knows "U.S.", "Feb. 2", "Mr.", initials and decimals), a
//! headline block is one sentence. Tokens are runs of letters and digits, keeping the inner dots of
//! acronyms and decimals ("U.S.", "3.5") and inner apostrophes and digit-group commas ("don't",
//! "10,000"); a Han character or kana, written without spaces, is a token of its own (see
//! [`crate::script`]). Each token carries its lowercased Snowball stem and a stopword flag.
//!
//! An inline wire dateline at the start of one of the article's first body paragraphs ("LONDON (AP)
//! _ ", "AUSTIN, Texas (Reuters) - ", "(CNN) ") is not part of the sentence that follows it: it is
//! cut from that sentence and kept in [`SegmentedArticle::dateline`]. It names where the story was
//! filed and who filed it, says nothing about the event, and would cost a summary four or five of
//! its words each time a lead sentence is picked.
//!
//! Architecture invariant: segmentation is lossless. A sentence span is its text in the article with
//! surrounding whitespace trimmed; the sentences of a block, together with the whitespace between them
//! and the article's dateline when it lies in that block, give back the block exactly.

use std::cell::RefCell;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use crate::model::{BlockKind, CleanArticle, SegmentedArticle, Sentence, Span, Token};
use crate::script::is_cjk_character;
use crate::stopwords::is_stopword;

/// Most words a thread's stem cache holds before it starts over (bounds memory on huge inputs).
const STEM_CACHE_LIMIT: usize = 200_000;

/// A surface form's stem and stopword flag.
type Form = (Arc<str>, bool);

/// Surface forms already normalised, by spelling. A form of up to 16 bytes (most words) is keyed
/// by its bytes packed into a `u128`, so a lookup hashes and compares one integer instead of a
/// string; longer forms are keyed by their text. Token text holds no NUL byte, so the zero padding
/// of a packed key cannot make two spellings equal.
#[derive(Default)]
struct FormCache {
    short: rustc_hash::FxHashMap<u128, Form>,
    long: rustc_hash::FxHashMap<Box<str>, Form>,
}

impl FormCache {
    /// The packed key of a form of up to 16 bytes.
    fn packed(surface: &str) -> Option<u128> {
        let bytes = surface.as_bytes();
        let mut packed = [0u8; 16];
        packed.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(u128::from_le_bytes(packed))
    }

    fn get(&self, surface: &str) -> Option<&Form> {
        match Self::packed(surface) {
            Some(key) => self.short.get(&key),
            None => self.long.get(surface),
        }
    }

    fn insert(&mut self, surface: &str, form: Form) {
        match Self::packed(surface) {
            Some(key) => self.short.insert(key, form),
            None => self.long.insert(surface.into(), form),
        };
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

thread_local! {
    /// News vocabulary repeats heavily within and across articles: normalising and stemming each
    /// distinct surface form once per thread is several times faster than doing it for every token.
    static FORM_CACHE: RefCell<FormCache> = RefCell::new(FormCache::default());
}

/// The stem and stopword flag of a token's surface form, cached per thread.
///
/// A miss first looks for the form's lowercase spelling ("The" finds "the"), so that each word is
/// stemmed once however it is capitalised; an ASCII lowercase spelling is its own normal form.
fn normalised_form(surface: &str) -> Form {
    FORM_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((stem, is_stopword)) = cache.get(surface) {
            return (Arc::clone(stem), *is_stopword);
        }
        if cache.len() >= STEM_CACHE_LIMIT {
            cache.clear();
        }
        let lower = lowercase_form(surface);
        let lower_is_own_form = lower.is_ascii() && lower != surface;
        if lower_is_own_form && let Some((stem, is_stopword)) = cache.get(&lower) {
            let found = (Arc::clone(stem), *is_stopword);
            cache.insert(surface, (Arc::clone(&found.0), found.1));
            return found;
        }
        let is_stopword = is_stopword(&lower);
        let stem: Arc<str> = if lower.bytes().all(|b| b.is_ascii_digit()) {
            lower.as_str().into()
        } else {
            crate::stem::stem(&lower).into()
        };
        cache.insert(surface, (Arc::clone(&stem), is_stopword));
        if lower_is_own_form {
            cache.insert(&lower, (Arc::clone(&stem), is_stopword));
        }
        (stem, is_stopword)
    })
}

/// A surface form lowercased, without the dots, commas and ampersands that may join a token
/// ("U.S." → "us", "10,000" → "10000") and with the typographic apostrophe made plain.
fn lowercase_form(surface: &str) -> String {
    let joiner = |c: char| matches!(c, '.' | ',' | '&');
    if surface.is_ascii() {
        let mut lower = String::with_capacity(surface.len());
        lower.extend(
            surface
                .chars()
                .filter(|&c| !joiner(c))
                .map(|c| c.to_ascii_lowercase()),
        );
        return lower;
    }
    surface
        .chars()
        .filter(|&c| !joiner(c))
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A wire dateline opening a paragraph: a place in capitals with an optional region or date after
/// a comma and an optional agency in brackets, then a dash, bar or underscore ("LONDON (AP) _",
/// "AUSTIN, Texas -", "WASHINGTON, Oct. 5 (Xinhua) --"); or an agency alone in brackets ("(CNN)").
/// Its length and what follows it are checked in [`dateline_end`].
static DATELINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\p{Lu}[\p{Lu}.'’]+(?:[ -]\p{Lu}[\p{Lu}.'’]*)*(?:, *\p{Lu}[\p{L}\d.' ]*?)?(?: *\([^()]+\))? *(?:_|—|–|--?|\|)|\((?:CNN|AP|Reuters|AFP|UPI|Xinhua)[^()]*\) *(?:_|—|–|--?|\|)?)\s+",
    )
    .expect("segment: built-in regex is valid")
});

/// Longest dateline cut from a sentence, in bytes ("DAR ES SALAAM, Tanzania (AP) _ " is 31).
const DATELINE_MAX_BYTES: usize = 60;

/// Body paragraphs, from the top of an article, in which a dateline is looked for.
const DATELINE_BLOCKS: usize = 3;

/// Where an inline dateline at the start of `sentence` ends, when it has one and a sentence
/// (a capital letter, digit or opening quote) follows it.
fn dateline_end(sentence: &str) -> Option<usize> {
    let found = DATELINE_PREFIX.find(sentence)?;
    let rest = &sentence[found.end()..];
    let opens_sentence = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“'‘".contains(c));
    // "US - China talks resumed" is not a dateline: a place needs three capitals ("ROME").
    let place_like = found.as_str().starts_with('(')
        || found.as_str().chars().filter(|c| c.is_uppercase()).count() >= 3;
    (found.end() <= DATELINE_MAX_BYTES
        && place_like
        && opens_sentence
        && rest.split_whitespace().nth(2).is_some())
    .then_some(found.end())
}

/// Splits the kept blocks of `text` into sentences with tokens.
pub fn segment(text: &str, clean: &CleanArticle) -> SegmentedArticle {
    let mut sentences = Vec::new();
    let mut dateline = None;
    let mut body_blocks_seen = 0;
    for (block_idx, block) in clean.blocks.iter().enumerate() {
        let is_headline = block.kind == BlockKind::Headline;
        let look_for_dateline =
            !is_headline && dateline.is_none() && body_blocks_seen < DATELINE_BLOCKS;
        body_blocks_seen += usize::from(!is_headline);
        for (nth, mut span) in split_block(text, block.span, is_headline)
            .into_iter()
            .enumerate()
        {
            if nth == 0
                && look_for_dateline
                && let Some(end) = dateline_end(span.slice(text))
            {
                dateline = Some(Span::new(span.start, span.start + end));
                span.start += end;
            }
            let tokens = tokenize(text, span);
            sentences.push(Sentence {
                span,
                block: block_idx,
                index: sentences.len(),
                is_headline,
                tokens,
            });
        }
    }
    SegmentedArticle {
        sentences,
        dateline,
    }
}

/// Sentence spans inside one block (trimmed, in order, within the block).
fn split_block(text: &str, block: Span, is_headline: bool) -> Vec<Span> {
    let block_text = block.slice(text);
    if is_headline {
        return trimmed(block_text, 0, block_text.len())
            .map(|s| shift(s, block.start))
            .into_iter()
            .collect();
    }
    let mut spans = Vec::new();
    // sentencex does not split on newlines: a block is one paragraph, but be safe with inner line breaks.
    let mut line_start = 0;
    for line in block_text.split_inclusive('\n') {
        if is_one_sentence(line) {
            if let Some(span) = trimmed(block_text, line_start, line_start + line.len()) {
                spans.push(shift(span, block.start));
            }
            line_start += line.len();
            continue;
        }
        spans.extend(
            sentencex_spans(block_text, line_start, line).map(|span| shift(span, block.start)),
        );
        line_start += line.len();
    }
    merge_fragments(text, spans)
}

/// sentencex's sentences of `line`, which starts at `line_start` in `block_text`, trimmed, as
/// spans in `block_text`.
fn sentencex_spans<'a>(
    block_text: &'a str,
    line_start: usize,
    line: &'a str,
) -> impl Iterator<Item = Span> + 'a {
    let line_base = line.as_ptr() as usize;
    sentencex::segment("en", line)
        .into_iter()
        .filter_map(move |piece| {
            // sentencex returns slices of its input; recover their offsets from the pointers.
            let piece_start = (piece.as_ptr() as usize).checked_sub(line_base)?;
            if piece_start + piece.len() > line.len() {
                return None;
            }
            let start = line_start + piece_start;
            trimmed(block_text, start, start + piece.len())
        })
}

/// A line that sentencex would not split: nothing before its last letter or digit can end a
/// sentence or open a list item. Such lines skip sentencex, the segment stage's largest cost (on
/// Multi-News dev, 40% of the lines it was given, a sixth of its instructions).
///
/// Allowed before the last letter or digit: ASCII other than `.`, `!`, `?` (sentence ends) and `)`
/// (list items such as "1)" and "(a)"), and non-ASCII letters, digits, curly quotes and dashes.
/// Every other non-ASCII character is refused, which covers sentencex's other sentence ends (`…`,
/// `。`, `।`, ...) and its list bullets (`•`, `▪`, ...). What follows the last letter or digit
/// has neither, so a break there would leave a letterless piece, which [`merge_fragments`] glues
/// back: the line is one sentence either way (a proptest checks this against sentencex).
fn is_one_sentence(line: &str) -> bool {
    let Some(last) = line.rfind(char::is_alphanumeric) else {
        return false;
    };
    line[..last].chars().all(|c| {
        if c.is_ascii() {
            !matches!(c, '.' | '!' | '?' | ')')
        } else {
            c.is_alphanumeric() || matches!(c, '‘' | '’' | '“' | '”' | '–' | '—')
        }
    })
}

/// Glues pieces that cannot stand alone (a closing quote or bracket, a lone attribution fragment
/// with no letters) to the sentence before them.
fn merge_fragments(text: &str, spans: Vec<Span>) -> Vec<Span> {
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        let piece = span.slice(text);
        let has_letter = piece.chars().any(char::is_alphanumeric);
        match merged.last_mut() {
            Some(previous) if !has_letter && text[previous.end..span.start].trim().is_empty() => {
                previous.end = span.end;
            }
            _ => merged.push(span),
        }
    }
    merged
}

fn shift(span: Span, by: usize) -> Span {
    Span::new(span.start + by, span.end + by)
}

/// `start..end` of `text` with surrounding whitespace removed; `None` when nothing is left.
fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let kept = piece.trim();
    (!kept.is_empty()).then(|| Span::new(start + lead, start + lead + kept.len()))
}

/// Word tokens of `span` in `text`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let piece = span.slice(text);
    // About one token per six bytes of English prose: one allocation for most sentences.
    let mut tokens = Vec::with_capacity(piece.len() / 6 + 1);
    let mut chars = piece.char_indices().peekable();
    // Letters and digits that join into words; a Han character or kana is a token of its own.
    let word_char = |ch: char| ch.is_alphanumeric() && !is_cjk_character(ch);
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        if is_cjk_character(c) {
            tokens.push(make_token(
                &piece[start..end],
                Span::new(span.start + start, span.start + end),
            ));
            continue;
        }
        while let Some(&(idx, next)) = chars.peek() {
            if word_char(next) {
                end = idx + next.len_utf8();
                chars.next();
                continue;
            }
            // Inner joiners: "U.S", "3.5", "don't", "10,000". Keep them only when a letter or digit follows.
            let joins = matches!(next, '.' | '\'' | '\u{2019}' | ',' | '&');
            if !joins {
                break;
            }
            let after = piece[idx + next.len_utf8()..].chars().next();
            let keep = match (next, after) {
                (',', Some(a)) => {
                    a.is_ascii_digit() && piece[start..end].chars().all(|ch| ch.is_ascii_digit())
                }
                ('.', Some(a)) => {
                    word_char(a) && !piece[start..end].chars().any(char::is_lowercase)
                }
                (_, Some(a)) => word_char(a),
                _ => false,
            };
            if !keep {
                break;
            }
            end = idx + next.len_utf8();
            chars.next();
        }
        // An acronym keeps its final dot ("U.S."), so that it reads as one unit.
        let surface = &piece[start..end];
        tokens.push(make_token(
            surface,
            Span::new(span.start + start, span.start + end),
        ));
    }
    tokens
}

fn make_token(surface: &str, span: Span) -> Token {
    let (stem, is_stopword) = normalised_form(surface);
    Token {
        span,
        stem,
        is_stopword,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean;
    use proptest::prelude::*;

    /// What sentencex and [`merge_fragments`] make of one line, as text.
    fn sentencex_sentences(line: &str) -> Vec<&str> {
        let spans = sentencex_spans(line, 0, line).collect();
        merge_fragments(line, spans)
            .into_iter()
            .map(|span| span.slice(line))
            .collect()
    }

    #[test]
    fn a_line_is_one_sentence_only_when_nothing_before_its_end_can_break_it() {
        for line in [
            "He said the talks would resume on Monday.",
            "“We are not leaving,” she said — and they did not.\n",
            "Officials declined to comment",
            "Is it over?! \"",
        ] {
            assert!(is_one_sentence(line), "{line}");
            assert_eq!(sentencex_sentences(line), [line.trim()], "{line}");
        }
        for line in [
            "He left. She stayed.",
            "Prices rose 3.5 percent",
            "The plan has two parts: 1) taxes and 2) spending",
            "Wait… what happened",
            "Markets • Politics • Sport",
            "",
            "...",
        ] {
            assert!(!is_one_sentence(line), "{line}");
        }
    }

    proptest! {
        #[test]
        fn the_one_sentence_shortcut_agrees_with_sentencex(
            line in prop_oneof![
                "[A-Za-z0-9 ,;:'\"()“”‘’–—.!?…•\n]{0,60}",
                // Mostly shortcut lines: a body without breaks, then any ending.
                "[A-Za-z0-9 ,;:'\"(“”‘’–—]{0,50}[A-Za-z0-9][ .!?…)'\"”’•]{0,5}\n?",
            ]
        ) {
            // `split_block` hands sentencex one line at a time.
            for line in line.split_inclusive('\n').filter(|line| is_one_sentence(line)) {
                let whole: Vec<&str> = trimmed(line, 0, line.len())
                    .map(|span| span.slice(line))
                    .into_iter()
                    .collect();
                prop_assert_eq!(sentencex_sentences(line), whole);
            }
        }

        #[test]
        fn forms_of_any_length_are_cached_under_their_own_spelling(
            word in "[a-z]{1,24}", capital in any::<bool>()
        ) {
            let surface = if capital {
                let mut chars = word.chars();
                chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect()
            } else {
                word.clone()
            };
            let expected = crate::stem::stem(&word);
            // Twice: the first call fills the cache, the second reads it.
            for _ in 0..2 {
                let (stem, _) = normalised_form(&surface);
                prop_assert_eq!(&*stem, expected.as_str());
            }
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        let segmented = segment(text, &clean(text));
        segmented
            .sentences
            .iter()
            .map(|s| s.span.slice(text))
            .collect()
    }

    fn check(text: &str, expected: &[&str]) {
        assert_eq!(sentences(text), expected);
    }

    #[test]
    fn splits_news_sentences() {
        check(
            "ROME (Reuters) - U.S. Secretary of State John Kerry said on Tuesday the group lost ground. \
             Officials met in Rome on Feb. 2 with Mr. Smith. It grew 3.5 percent.",
            &[
                "U.S. Secretary of State John Kerry said on Tuesday the group lost ground.",
                "Officials met in Rome on Feb. 2 with Mr. Smith.",
                "It grew 3.5 percent.",
            ],
        );
    }

    #[test]
    fn cuts_wire_datelines_from_the_first_paragraphs() {
        for (text, dateline, first) in [
            (
                "LONDON (AP) _ British police said Saturday they arrested him.",
                "LONDON (AP) _",
                "British",
            ),
            (
                "DAR ES SALAAM, Tanzania _ The blast killed 11 people.",
                "DAR ES SALAAM, Tanzania _",
                "The",
            ),
            (
                "WASHINGTON, Oct. 5 (Xinhua) -- The talks ended early.",
                "WASHINGTON, Oct. 5 (Xinhua) --",
                "The",
            ),
            ("(CNN) A man was arrested on Friday in Ohio.", "(CNN)", "A"),
            (
                "Headline Here\nAUSTIN, Texas — \"We won,\" she said on Friday.",
                "AUSTIN, Texas —",
                "\"We",
            ),
        ] {
            let segmented = segment(text, &clean(text));
            let cut = segmented.dateline.map(|span| span.slice(text));
            assert_eq!(cut.map(str::trim_end), Some(dateline), "{text}");
            let body = segmented.sentences.iter().find(|s| !s.is_headline).unwrap();
            assert!(body.span.slice(text).starts_with(first), "{text}");
            assert!(body.tokens.iter().all(|t| t.span.start >= body.span.start));
        }
    }

    #[test]
    fn keeps_what_only_looks_like_a_dateline() {
        for text in [
            // Capitals that open a real sentence, a lowercase continuation, a late paragraph.
            "NASA said on Friday it would delay the launch.",
            "US - China talks resumed on Monday in Geneva.",
            "U.S. - Mexico trade grew last year, officials said.",
            "LONDON (AP) _ and then nothing else.",
            "One.\n\nTwo.\n\nThree.\n\nROME (Reuters) - Officials met in Rome on Tuesday.",
        ] {
            let segmented = segment(text, &clean(text));
            assert_eq!(segmented.dateline, None, "{text}");
        }
        // Only the first dateline of an article is cut.
        let text =
            "ROME (Reuters) - Officials met in Rome.\n\nPARIS (Reuters) - Others met in Paris.";
        let segmented = segment(text, &clean(text));
        assert_eq!(
            segmented.sentences[1].span.slice(text),
            "PARIS (Reuters) - Others met in Paris."
        );
    }

    #[test]
    fn keeps_quotes_with_inner_sentence_ends() {
        check(
            "\"That country has resources. The last thing you want is chaos,\" Kerry said. Then he left.",
            &[
                "\"That country has resources. The last thing you want is chaos,\" Kerry said.",
                "Then he left.",
            ],
        );
    }

    #[test]
    fn paragraphs_never_merge() {
        check(
            "First paragraph without a stop\n\nSecond one. Third.",
            &["First paragraph without a stop", "Second one.", "Third."],
        );
    }

    #[test]
    fn tokens_keep_acronyms_decimals_and_numbers() {
        let text = "The U.S. paid $10,000 (3.5%) on Kerry's orders, e-mail says.";
        let tokens = tokenize(text, Span::new(0, text.len()));
        let surfaces: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(
            surfaces,
            [
                "The", "U.S", "paid", "10,000", "3.5", "on", "Kerry's", "orders", "e", "mail",
                "says"
            ]
        );
        let stems: Vec<&str> = tokens.iter().map(|t| &*t.stem).collect();
        assert_eq!(
            stems,
            [
                "the", "us", "paid", "10000", "35", "on", "kerri", "order", "e", "mail", "say"
            ]
        );
        assert!(tokens[0].is_stopword);
        assert!(!tokens[2].is_stopword);
    }

    #[test]
    fn han_characters_and_kana_are_tokens_of_their_own() {
        let text = "会议在Rome举行，U.S.代表说。外務大臣が会談した。";
        let tokens = tokenize(text, Span::new(0, text.len()));
        let surfaces: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(
            surfaces,
            [
                "会", "议", "在", "Rome", "举", "行", "U.S", "代", "表", "说", "外", "務", "大",
                "臣", "が", "会", "談", "し", "た"
            ]
        );
        let function_words: Vec<&str> = tokens
            .iter()
            .filter(|t| t.is_stopword)
            .map(|t| &*t.stem)
            .collect();
        assert_eq!(function_words, ["在", "が", "し", "た"]);
        check(
            "会议在罗马举行。会谈持续了六个小时！",
            &["会议在罗马举行。", "会谈持续了六个小时！"],
        );
    }

    #[test]
    fn a_word_has_one_normal_form_however_it_is_capitalised_or_cached() {
        // Each spelling asked twice: once filling the cache, once reading it.
        for _ in 0..2 {
            for (surface, stem, stopword) in [
                ("Running", "run", false),
                ("RUNNING", "run", false),
                ("running", "run", false),
                ("The", "the", true),
                ("Don’t", "don't", true),
                ("don't", "don't", true),
                ("U.S.", "us", false),
                ("10,000", "10000", false),
                ("Ärzte", "ärzte", false),
            ] {
                let (got, is_stopword) = normalised_form(surface);
                assert_eq!((&*got, is_stopword), (stem, stopword), "{surface}");
            }
        }
    }

    #[test]
    fn empty_and_whitespace_inputs() {
        check("", &[]);
        check(" \n\t\n ", &[]);
    }

    proptest! {
        #[test]
        fn segmentation_is_lossless(text in "\\PC{0,300}") {
            let cleaned = clean(&text);
            let segmented = segment(&text, &cleaned);
            let mut previous_end = 0;
            for sentence in &segmented.sentences {
                prop_assert!(sentence.span.start >= previous_end);
                prop_assert!(sentence.span.end <= text.len());
                prop_assert!(text.is_char_boundary(sentence.span.start) && text.is_char_boundary(sentence.span.end));
                let block = cleaned.blocks[sentence.block].span;
                prop_assert!(block.start <= sentence.span.start && sentence.span.end <= block.end);
                prop_assert!(text[previous_end.max(block.start)..sentence.span.start].trim().is_empty()
                    || previous_end <= block.start);
                for token in &sentence.tokens {
                    prop_assert!(sentence.span.start <= token.span.start && token.span.end <= sentence.span.end);
                }
                previous_end = sentence.span.end;
            }
            // Every kept block is covered: the block text minus whitespace equals its sentences' text minus whitespace.
            for (block_idx, block) in cleaned.blocks.iter().enumerate() {
                let from_block: String = block.span.slice(&text).split_whitespace().collect();
                let dateline = segmented.dateline
                    .filter(|d| block.span.start <= d.start && d.end <= block.span.end)
                    .map(|d| d.slice(&text));
                let from_sentences: String = dateline.into_iter()
                    .chain(segmented.sentences.iter().filter(|s| s.block == block_idx).map(|s| s.span.slice(&text)))
                    .flat_map(str::split_whitespace).collect();
                prop_assert_eq!(from_block, from_sentences);
            }
        }
    }
}
