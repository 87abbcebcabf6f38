//! Words, terms and the online document frequency: what the clusterer reads from an article.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use whatlang::{Lang, Script};

/// A word that is not a term: a stopword, a number or a single character.
const NO_TERM: u32 = u32::MAX;
/// Term ids from here on are hashed word pairs (two content words in a row, stopwords between
/// them skipped), in `1 << BIGRAM_BITS` buckets, so their document frequencies take fixed memory.
const BIGRAM_BASE: u32 = 1 << 31;
const BIGRAM_BITS: u32 = 20;

#[derive(Clone, Copy, Serialize, Deserialize)]
struct Word {
    hash: u64,
    term: u32,
    stop: bool,
}

/// Interned words and stems, and how many articles each term has appeared in so far.
///
/// The document frequency is online: it counts the articles added before (and including) the one
/// being placed, never the rest of the stream.
#[derive(Default, Serialize, Deserialize)]
pub(crate) struct Vocabulary {
    words: FxHashMap<Box<str>, Word>,
    stems: FxHashMap<Box<str>, u32>,
    df: Vec<u32>,
    /// `ln(1 + df)` of each term, kept with `df` so that an idf costs no logarithm.
    ln_df: Vec<f32>,
    bigram_df: Vec<u32>,
    bigram_ln_df: Vec<f32>,
    docs: u32,
    ln_docs: f32,
    /// Added to every idf (sklearn's smoothing adds 1).
    pub idf_offset: f32,
    #[serde(skip)]
    lower: String,
}

/// The language of an article, as far as it can be told: its script and, when the detection is
/// reliable, its language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Language {
    /// The writing system of most of its letters.
    pub script: Option<Script>,
    /// The language, when whatlang (or the English function-word share) is sure of it.
    pub lang: Option<Lang>,
}

impl Language {
    /// False when the two are known to differ in script or in language.
    pub fn compatible(self, other: Language) -> bool {
        fn differ<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
            matches!((a, b), (Some(x), Some(y)) if x != y)
        }
        !differ(self.script, other.script) && !differ(self.lang, other.lang)
    }
}

/// What the clusterer reads from one article.
pub(crate) struct Features {
    /// Term id and raw (title-weighted) count, sorted by term id.
    pub counts: Vec<(u32, f32)>,
    /// How many of `counts` are words (not word pairs, `bigram_weight`).
    pub words: usize,
    /// The smallest `sketch_size` hashes of the article's word 4-shingles, ascending.
    pub sketch: Vec<u64>,
    /// How many distinct shingles the article has.
    pub shingles: usize,
    /// Terms written as names in the body (capitalised inside a sentence), sorted, distinct.
    pub names: Vec<u32>,
    pub language: Language,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    })
}

/// A 64-bit hash of a string, stable across platforms and releases (FNV-1a, then mixed).
pub(crate) fn stable_hash(text: &str) -> u64 {
    mix(fnv(text.as_bytes()))
}

/// splitmix64's finaliser: spreads FNV's low-entropy high bits.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// True for a term that stands for a pair of words (`bigram_weight`), not a word.
pub(crate) fn is_pair(term: u32) -> bool {
    term >= BIGRAM_BASE
}

impl Vocabulary {
    /// Articles counted in the document frequency so far.
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// Smoothed inverse document frequency of a term now: `ln((1 + N) / (1 + df)) + idf_offset`.
    pub fn idf(&self, term: u32) -> f32 {
        let ln_df = if term >= BIGRAM_BASE {
            self.bigram_ln_df.get((term - BIGRAM_BASE) as usize)
        } else {
            self.ln_df.get(term as usize)
        };
        self.ln_docs - ln_df.copied().unwrap_or(0.0) + self.idf_offset
    }

    /// Counts an article's terms in the document frequency.
    pub fn count_document(&mut self, counts: &[(u32, f32)]) {
        self.docs += 1;
        self.ln_docs = (1.0 + self.docs as f32).ln();
        for &(term, _) in counts {
            let (df, ln_df) = if term >= BIGRAM_BASE {
                let at = (term - BIGRAM_BASE) as usize;
                (&mut self.bigram_df[at], &mut self.bigram_ln_df[at])
            } else {
                (&mut self.df[term as usize], &mut self.ln_df[term as usize])
            };
            *df += 1;
            *ln_df = (1.0 + *df as f32).ln();
        }
    }

    /// Distinct words interned so far (the vocabulary grows with the stream, sublinearly).
    pub fn words(&self) -> usize {
        self.words.len()
    }

    fn word(&mut self, raw: &str) -> Word {
        self.lower.clear();
        if raw.is_ascii() {
            self.lower
                .extend(raw.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            self.lower.extend(raw.chars().flat_map(char::to_lowercase));
        }
        if let Some(word) = self.words.get(self.lower.as_str()) {
            return *word;
        }
        let lower = self.lower.as_str();
        let stop = newsfuse::stopwords::is_stopword(lower);
        let term = if stop
            || lower.chars().nth(1).is_none()
            || lower.bytes().all(|b| b.is_ascii_digit())
        {
            NO_TERM
        } else {
            let stem = newsfuse::stem::stem(lower);
            let next = self.stems.len() as u32;
            let id = *self.stems.entry(stem.into_boxed_str()).or_insert(next);
            if id == next {
                self.df.push(0);
                self.ln_df.push(0.0);
            }
            id
        };
        let word = Word {
            hash: stable_hash(lower),
            term,
            stop,
        };
        self.words.insert(lower.into(), word);
        word
    }

    /// Reads an article: its terms (title words count `title_weight` times), its shingle sketch
    /// and its language.
    pub fn features(
        &mut self,
        title: &str,
        text: &str,
        title_weight: f32,
        name_weight: f32,
        bigram_weight: f32,
        sketch_size: usize,
    ) -> Features {
        if bigram_weight > 0.0 && self.bigram_df.is_empty() {
            self.bigram_df = vec![0; 1 << BIGRAM_BITS];
            self.bigram_ln_df = vec![0.0; 1 << BIGRAM_BITS];
        }
        let mut terms: Vec<(u32, f32)> = Vec::with_capacity(256);
        let mut names: Vec<u32> = Vec::new();
        let mut shingles: Vec<u64> = Vec::with_capacity(512);
        let mut window = [0u64; 4];
        let mut stop = 0usize;
        let mut words = 0usize;
        let mut foreign = 0usize;
        for (part, weight) in [(title, title_weight), (text, 1.0)] {
            let mut seen = 0usize;
            let mut previous = NO_TERM;
            for raw in part
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
            {
                let word = self.word(raw);
                words += 1;
                foreign += usize::from(!raw.is_ascii());
                stop += usize::from(word.stop);
                if word.term != NO_TERM {
                    let name = weight == 1.0 && is_name_like(part, raw);
                    if name {
                        names.push(word.term);
                    }
                    let w = if name { name_weight } else { weight };
                    terms.push((word.term, w));
                    if bigram_weight > 0.0 && previous != NO_TERM {
                        let pair = mix(u64::from(previous) << 32 | u64::from(word.term));
                        let bucket = (pair & ((1 << BIGRAM_BITS) - 1)) as u32;
                        terms.push((BIGRAM_BASE + bucket, weight * bigram_weight));
                    }
                    previous = word.term;
                }
                window.rotate_left(1);
                window[3] = word.hash;
                seen += 1;
                if seen >= 4 && weight == 1.0 {
                    let h = window.iter().fold(0u64, |acc, &w| {
                        (acc.rotate_left(17) ^ w).wrapping_mul(FNV_PRIME)
                    });
                    shingles.push(mix(h));
                }
            }
        }
        terms.sort_unstable_by_key(|&(term, _)| term);
        let mut counts: Vec<(u32, f32)> = Vec::with_capacity(terms.len());
        for (term, weight) in terms {
            match counts.last_mut() {
                Some(last) if last.0 == term => last.1 += weight,
                _ => counts.push((term, weight)),
            }
        }
        shingles.sort_unstable();
        shingles.dedup();
        names.sort_unstable();
        names.dedup();
        let distinct = shingles.len();
        shingles.truncate(sketch_size);
        let language = detect_language(title, text, foreign, stop, words);
        let words = counts.iter().filter(|&&(t, _)| !is_pair(t)).count();
        Features {
            counts,
            words,
            sketch: shingles,
            shingles: distinct,
            names,
            language,
        }
    }
}

/// A capitalised word inside a sentence (not after `.`, `!`, `?`, `:`, a quotation mark or a line
/// start): in mixed-case text, most often a name.
fn is_name_like(part: &str, raw: &str) -> bool {
    if !raw.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let offset = raw.as_ptr() as usize - part.as_ptr() as usize;
    let before = part[..offset].trim_end_matches([' ', '\t']);
    match before.chars().next_back() {
        None
        | Some(
            '.' | '!' | '?' | ':' | '\n' | '"' | '\u{201c}' | '\'' | '\u{2018}' | '(' | '-' | '_',
        ) => false,
        Some(_) => true,
    }
}

/// English when at most one word in ten has a letter outside ASCII and at least a fifth of the
/// words are English function words (English news runs at 34–43%, other Latin-script languages at
/// 3–10% on this list, ARCHITECTURE `script.rs`); otherwise whatlang on the first 600 bytes,
/// trusting the language only when whatlang says the detection is reliable.
fn detect_language(title: &str, text: &str, foreign: usize, stop: usize, words: usize) -> Language {
    if words >= 8 && foreign * 10 <= words && stop * 5 >= words {
        return Language {
            script: Some(Script::Latin),
            lang: Some(Lang::Eng),
        };
    }
    let mut sample = String::with_capacity(640);
    sample.push_str(title);
    sample.push('\n');
    let mut end = text.len().min(600);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    sample.push_str(&text[..end]);
    match whatlang::detect(&sample) {
        Some(info) => Language {
            script: Some(info.script()),
            lang: info.is_reliable().then(|| info.lang()),
        },
        None => Language {
            script: whatlang::detect_script(&sample),
            lang: None,
        },
    }
}
