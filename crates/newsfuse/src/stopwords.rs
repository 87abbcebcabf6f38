//! Stopwords: function words that carry no topic, used to weight terms.
//!
//! A short English list written for this project (pronouns, articles, auxiliaries, prepositions,
//! conjunctions and a few reporting fillers), checked on the lowercased surface form. For Chinese
//! and Japanese, where each character is a token ([`crate::script`]), every hiragana character
//! (Japanese particles and inflections) and a few Chinese function characters (的, 了, 是, 在…) are
//! stopwords; characters that also start content words (中 in 中国, 不, 有) are not.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use crate::script::{is_cjk_character, is_hiragana};

const WORDS: &str = "a about above after again against all also am an and any are aren't as at be because been \
before being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down \
during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers \
herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most \
mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't she \
she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then there \
there's these they they'd they'll they're they've this those through to too under until up very was wasn't we we'd \
we'll we're we've were weren't what what's when when's where where's which while who who's whom why why's will with \
won't would wouldn't you you'd you'll you're you've your yours yourself yourselves s t just now also yet however \
may might must shall since upon via per whether though although either neither";

/// Chinese characters that are function words: particles, the copula, prepositions, conjunctions
/// and pronouns.
const CHINESE_FUNCTION_CHARACTERS: &str =
    "的了是在和与及也都而就这那之其于为以着被把对从将我你他她它们吗呢吧";

static STOPWORDS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| WORDS.split_whitespace().collect());

/// True when `lowercase_word` is an English stopword, a hiragana character or a Chinese function
/// character.
pub fn is_stopword(lowercase_word: &str) -> bool {
    let mut chars = lowercase_word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && is_cjk_character(c)
    {
        return is_hiragana(c) || CHINESE_FUNCTION_CHARACTERS.contains(c);
    }
    STOPWORDS.contains(lowercase_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_cjk_function_words() {
        assert!(is_stopword("the") && is_stopword("wouldn't"));
        assert!(!is_stopword("rome"));
        assert!(is_stopword("的") && is_stopword("の") && is_stopword("は"));
        assert!(!is_stopword("中") && !is_stopword("罗") && !is_stopword("ロ"));
    }
}
