//! English stopwords: function words that carry no topic, used to weight terms.
//!
//! A short list written for this project (pronouns, articles, auxiliaries, prepositions,
//! conjunctions and a few reporting fillers), checked on the lowercased surface form.

use std::collections::HashSet;
use std::sync::LazyLock;

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

static STOPWORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| WORDS.split_whitespace().collect());

/// True when `lowercase_word` is an English stopword.
pub fn is_stopword(lowercase_word: &str) -> bool {
    STOPWORDS.contains(lowercase_word)
}
