//! Regular expressions compiled for the characters a haystack holds.
//!
//! A Unicode class (`\p{L}`, `\p{Lu}`, `\s`, a negated class such as `[^.!?"]`) compiles to a
//! UTF-8 automaton of hundreds of states; the quote patterns hold dozens of them, many under
//! bounded repeats (a name of up to eight words), so compiling them cost about half the quote
//! stage's instructions on a one-shot brief. Yet a pattern's matches on a haystack depend only
//! on which of the haystack's characters each class holds, and on whether `\b` sees a word
//! character on either side. So [`NarrowRegex`] compiles a pattern with every class cut down to
//! the characters it can meet: ASCII, a few common punctuation marks outside ASCII
//! ([`is_common_mark`]: curly quotes, dashes, ...), and the other characters of the haystack at
//! hand, if any; and with ASCII word boundaries unless one of those other characters is a word
//! character. On any haystack whose characters lie in that set the cut pattern matches exactly
//! where the full one does (same leftmost-first choices, same captures), and it compiles to a
//! small automaton whose lazy DFA does not give up at the first byte outside ASCII. Most news
//! text needs only the first cut (ASCII and the common marks). A haystack with other characters
//! ("é") gets a cut that also covers every other character of the texts being read
//! ([`with_alphabet`]: a cluster's articles), so that one more compile serves all of them; a
//! pattern keeps at most [`MAX_CUTS`] such cuts, then merges them into one.

use std::cell::RefCell;
use std::sync::{Arc, Mutex, OnceLock};

use regex::{Captures, Regex, RegexBuilder};
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

/// Cuts kept per pattern for haystacks with characters beyond the common set; one more merges
/// them.
const MAX_CUTS: usize = 8;

/// A haystack with more distinct characters than this beyond ASCII and the common marks runs
/// the pattern uncut: a class cut to thousands of scattered characters (Chinese, Korean) holds
/// more ranges than the Unicode class it came from and can compile past the regex size limit.
const MAX_OTHER_CHARS: usize = 256;

/// Characters outside ASCII common in news text that are no word character, no letter, no
/// digit and no space (checked by a test): a haystack holding only these and ASCII runs the
/// first cut. All are three bytes long and start with the same two, so they add few states to
/// a class (the pound, euro or degree signs would add more).
const COMMON_MARKS: [char; 10] = ['‘', '’', '“', '”', '–', '—', '…', '•', '′', '″'];

fn is_common_mark(c: char) -> bool {
    COMMON_MARKS.contains(&c)
}

thread_local! {
    /// The characters outside ASCII and the common marks of the texts being read.
    static ALPHABET: RefCell<Vec<char>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with `texts` as the texts being read: a cut compiled for one of their haystacks also
/// covers the characters of all of them.
pub(crate) fn with_alphabet<'t, R>(
    texts: impl IntoIterator<Item = &'t str>,
    f: impl FnOnce() -> R,
) -> R {
    let mut chars: Vec<char> = texts
        .into_iter()
        .filter_map(other_chars)
        .flatten()
        .collect();
    chars.sort_unstable();
    chars.dedup();
    let previous = ALPHABET.with(|a| a.replace(chars));
    let out = f();
    ALPHABET.with(|a| a.replace(previous));
    out
}

/// A regular expression compiled, on first use, for the characters of the haystacks it meets
/// (see the module documentation). Its methods are [`Regex`]'s and return the same matches.
pub(crate) struct NarrowRegex {
    pattern: String,
    lazy_dfa: bool,
    hir: OnceLock<Hir>,
    /// For haystacks of ASCII and common marks.
    common: OnceLock<Regex>,
    /// The pattern as written, for haystacks with too many other characters to cut for.
    full: OnceLock<Regex>,
    /// For haystacks with other characters: the characters each cut covers (sorted), and the cut.
    cuts: Mutex<Vec<(Vec<char>, Arc<Regex>)>>,
}

/// The regex a haystack runs: the common cut, or one for more characters.
enum Chosen<'r> {
    Common(&'r Regex),
    Cut(Arc<Regex>),
}

impl std::ops::Deref for Chosen<'_> {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        match self {
            Chosen::Common(regex) => regex,
            Chosen::Cut(regex) => regex,
        }
    }
}

impl NarrowRegex {
    pub(crate) fn new(pattern: &str) -> Self {
        Self {
            pattern: pattern.to_string(),
            lazy_dfa: true,
            hir: OnceLock::new(),
            common: OnceLock::new(),
            full: OnceLock::new(),
            cuts: Mutex::new(Vec::new()),
        }
    }

    /// The pattern as written.
    #[cfg(test)]
    pub(crate) fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The same, compiled without a lazy DFA (`dfa_size_limit(0)`).
    pub(crate) fn without_lazy_dfa(pattern: &str) -> Self {
        Self {
            lazy_dfa: false,
            ..Self::new(pattern)
        }
    }

    /// The pattern cut for `others`, or `None` when the cut compiles past the size limit.
    fn compile(&self, others: &[char]) -> Option<Regex> {
        let hir = self.hir.get_or_init(|| {
            regex_syntax::Parser::new()
                .parse(&self.pattern)
                .expect("valid regex")
        });
        self.build(&cut(hir, others).to_string()).ok()
    }

    fn build(&self, pattern: &str) -> Result<Regex, regex::Error> {
        let mut builder = RegexBuilder::new(pattern);
        if !self.lazy_dfa {
            builder.dfa_size_limit(0);
        }
        builder.build()
    }

    /// The pattern uncut: the same matches on every haystack.
    fn full(&self) -> &Regex {
        self.full
            .get_or_init(|| self.build(&self.pattern).expect("valid regex"))
    }

    /// The regex for a haystack whose characters are those of `hay`.
    fn for_haystack(&self, hay: &str) -> Chosen<'_> {
        let Some(mut others) = other_chars(hay) else {
            return Chosen::Common(
                self.common
                    .get_or_init(|| self.compile(&[]).unwrap_or_else(|| self.full().clone())),
            );
        };
        let mut cuts = self
            .cuts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, regex)) = cuts
            .iter()
            .find(|(chars, _)| others.iter().all(|c| chars.binary_search(c).is_ok()))
        {
            return Chosen::Cut(Arc::clone(regex));
        }
        ALPHABET.with(|a| others.extend(a.borrow().iter()));
        others.sort_unstable();
        others.dedup();
        if others.len() > MAX_OTHER_CHARS {
            return Chosen::Common(self.full());
        }
        if cuts.len() >= MAX_CUTS {
            for (chars, _) in cuts.drain(..) {
                others.extend(chars);
            }
        }
        others.sort_unstable();
        others.dedup();
        if others.len() > MAX_OTHER_CHARS {
            return Chosen::Common(self.full());
        }
        let Some(regex) = self.compile(&others) else {
            return Chosen::Common(self.full());
        };
        let regex = Arc::new(regex);
        cuts.push((others, Arc::clone(&regex)));
        Chosen::Cut(regex)
    }

    pub(crate) fn is_match(&self, hay: &str) -> bool {
        self.for_haystack(hay).is_match(hay)
    }

    pub(crate) fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        self.for_haystack(hay).captures(hay)
    }

    /// [`Regex::captures_at`]: the search reads `hay` from the character before `start` on.
    pub(crate) fn captures_at<'h>(&self, hay: &'h str, start: usize) -> Option<Captures<'h>> {
        let from = hay
            .get(..start)
            .and_then(|before| before.char_indices().next_back())
            .map_or(0, |(at, _)| at);
        self.for_haystack(&hay[from..]).captures_at(hay, start)
    }

    /// [`Regex::captures_iter`], collected.
    pub(crate) fn captures_iter<'h>(&self, hay: &'h str) -> std::vec::IntoIter<Captures<'h>> {
        self.for_haystack(hay)
            .captures_iter(hay)
            .collect::<Vec<_>>()
            .into_iter()
    }
}

/// The characters of `hay` outside ASCII and the common marks, sorted; `None` when there are
/// none.
fn other_chars(hay: &str) -> Option<Vec<char>> {
    // Runs of ASCII are skipped eight bytes at a time: only the characters outside ASCII are
    // decoded (every call of a narrowed pattern reads its haystack here first).
    let bytes = hay.as_bytes();
    let mut others: Vec<char> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        while let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            if word & 0x8080_8080_8080_8080 != 0 {
                break;
            }
            at += 8;
        }
        let Some(&byte) = bytes.get(at) else {
            break;
        };
        if byte.is_ascii() {
            at += 1;
            continue;
        }
        // `at` is a character boundary: it only ever moves by whole characters.
        let Some(c) = hay.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        at += c.len_utf8();
        if !is_common_mark(c) {
            others.push(c);
        }
    }
    if others.is_empty() {
        return None;
    }
    others.sort_unstable();
    others.dedup();
    Some(others)
}

/// `hir` with every class cut to ASCII, the common marks and `others`, and with ASCII word
/// boundaries unless one of `others` is a word character.
fn cut(hir: &Hir, others: &[char]) -> Hir {
    let kept = ClassUnicode::new(
        std::iter::once(ClassUnicodeRange::new('\0', '\x7f')).chain(
            COMMON_MARKS
                .iter()
                .chain(others)
                .map(|&c| ClassUnicodeRange::new(c, c)),
        ),
    );
    let ascii_words = !others.iter().any(|&c| regex_syntax::is_word_character(c));
    cut_with(hir, &kept, ascii_words)
}

fn cut_with(hir: &Hir, kept: &ClassUnicode, ascii_words: bool) -> Hir {
    let sub = |h: &Hir| Box::new(cut_with(h, kept, ascii_words));
    match hir.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0.clone()),
        HirKind::Class(Class::Unicode(class)) => {
            let mut class = class.clone();
            class.intersect(kept);
            Hir::class(Class::Unicode(class))
        }
        HirKind::Class(Class::Bytes(class)) => Hir::class(Class::Bytes(class.clone())),
        HirKind::Look(look) => Hir::look(if ascii_words {
            ascii_look(*look)
        } else {
            *look
        }),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            min: rep.min,
            max: rep.max,
            greedy: rep.greedy,
            sub: sub(&rep.sub),
        }),
        HirKind::Capture(capture) => Hir::capture(Capture {
            index: capture.index,
            name: capture.name.clone(),
            sub: sub(&capture.sub),
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|h| *sub(h)).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(|h| *sub(h)).collect()),
    }
}

/// A Unicode word-boundary assertion as its ASCII one (the same where no character outside
/// ASCII is a word character).
fn ascii_look(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The scan that skips ASCII eight bytes at a time finds the characters a plain scan
        /// of every character finds, wherever the others stand among the ASCII bytes.
        #[test]
        fn other_chars_equals_a_plain_scan(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "abcdefgh", "Roe said ", " ", "\n", "é", "’", "“", "—", "日本", "ß", "\u{a0}",
                "x1234567", "🙂",
            ]),
            0..30,
        )) {
            let hay: String = pieces.concat();
            let mut plain: Vec<char> = hay
                .chars()
                .filter(|&c| !c.is_ascii() && !is_common_mark(c))
                .collect();
            plain.sort_unstable();
            plain.dedup();
            let want = (!plain.is_empty()).then_some(plain);
            proptest::prop_assert_eq!(other_chars(&hay), want);
        }
    }

    #[test]
    fn common_marks_are_no_letters_digits_spaces_or_word_characters() {
        let class = Regex::new(r"^[\p{L}\p{N}\p{M}\s\w\d]$").expect("valid regex");
        for c in COMMON_MARKS {
            assert!(is_common_mark(c));
            assert!(!regex_syntax::is_word_character(c), "{c}");
            assert!(!class.is_match(&c.to_string()), "{c}");
        }
        assert!(!is_common_mark('é') && !is_common_mark('\u{a0}') && !is_common_mark('a'));
    }

    /// Every match and capture of the cut patterns is the full pattern's, on haystacks with
    /// and without characters outside the common set, and past the cuts kept.
    #[test]
    fn cut_patterns_match_as_the_full_ones() {
        let patterns = [
            r"(?P<who>(?:[\p{Lu}][\p{L}.'’-]*\s+){0,3}[\p{Lu}][\p{L}.'’-]*)\s+said\b(?P<rest>[^.!?“”]*)",
            r"\b(?P<w>\p{Ll}+)\b\s*$",
            r"^[\s,'’]*according\s+to\s+(?P<who>\p{Lu}\w*)",
        ];
        let hays = [
            "Jane Roe said the plan “was dead” . And John O’Neil said so.",
            "José Álvarez said no. Then Zoë Ünal said yes, according to Éric",
            "according to\u{a0}Éric, the Mayor Ann said\u{a0}it",
            "  according to Ann’s aide, “no”",
            "über straße said",
            "Ω said и так далее",
            "Ανν said — 東京 said",
            "naïve café said",
            "Ann said à la carte",
            "Jürgen Klopp said",
            "Łukasz said",
            "Ðoàn said",
            "Ñandú said ok",
        ];
        for pattern in patterns {
            let full = Regex::new(pattern).expect("valid regex");
            let narrow = NarrowRegex::new(pattern);
            for hay in hays {
                let spans = |caps: Captures<'_>| -> Vec<Option<(usize, usize)>> {
                    caps.iter()
                        .map(|m| m.map(|m| (m.start(), m.end())))
                        .collect()
                };
                let want: Vec<_> = full.captures_iter(hay).map(spans).collect();
                let got: Vec<_> = narrow.captures_iter(hay).map(spans).collect();
                assert_eq!(want, got, "{pattern} on {hay}");
                assert_eq!(full.is_match(hay), narrow.is_match(hay));
                for start in hay.char_indices().map(|(at, _)| at) {
                    assert_eq!(
                        full.captures_at(hay, start).map(spans),
                        narrow.captures_at(hay, start).map(spans),
                        "{pattern} on {hay} from {start}"
                    );
                }
            }
            assert!(narrow.cuts.lock().expect("lock").len() <= MAX_CUTS);
        }
    }

    #[test]
    fn a_cut_covers_the_texts_being_read() {
        let pattern = r"\b\p{Lu}\p{Ll}+\b";
        let narrow = NarrowRegex::new(pattern);
        let full = Regex::new(pattern).expect("valid regex");
        let texts = ["José said", "Zoë said", "Łukasz said", "Ann said"];
        with_alphabet(texts, || {
            for hay in texts {
                let want: Vec<_> = full.find_iter(hay).map(|m| m.range()).collect();
                let got: Vec<_> = narrow
                    .captures_iter(hay)
                    .map(|c| c.get(0).expect("whole").range())
                    .collect();
                assert_eq!(want, got, "{hay}");
            }
        });
        assert_eq!(narrow.cuts.lock().expect("lock").len(), 1);
        assert!(ALPHABET.with(|a| a.borrow().is_empty()));
    }

    #[test]
    fn cuts_drop_unicode_classes_and_word_boundaries() {
        let hir = regex_syntax::Parser::new()
            .parse(r"\b\p{Lu}\p{L}*\s")
            .expect("valid regex");
        let ascii = cut(&hir, &[]).to_string();
        assert!(ascii.contains(r"(?-u:\b)"), "{ascii}");
        assert!(!ascii.contains('é'));
        let accented = cut(&hir, &['é']).to_string();
        assert!(
            accented.contains('é') && !accented.contains(r"(?-u:\b)"),
            "{accented}"
        );
    }

    /// A haystack with thousands of distinct characters outside ASCII (Chinese and Korean
    /// text) runs the uncut pattern: cut to them, a pattern of bounded repeats over classes
    /// compiles past the size limit. The matches stay the full pattern's.
    #[test]
    fn many_other_characters_run_the_uncut_pattern() {
        let pattern = r#"(?P<who>(?:[\p{Lu}][\p{L}.'’-]*\s+){0,7}[\p{Lu}][\p{L}.'’-]*)\s+said\b[^.!?"“”]{0,120}"#;
        let scattered: String = (0x4E00u32..0x9FFF)
            .chain(0xAC00..0xD7A3)
            .step_by(3)
            .filter_map(char::from_u32)
            .collect();
        let hay = format!("“We will,” said Jane Roe {scattered} and Ann Lee said so.");
        let full = Regex::new(pattern).expect("valid regex");
        let narrow = NarrowRegex::new(pattern);
        // The premise: cut to these characters, the pattern does not compile.
        let others = other_chars(&hay).expect("characters beyond the common set");
        assert!(others.len() > MAX_OTHER_CHARS);
        assert!(narrow.compile(&others).is_none());
        let found = |caps: Option<Captures<'_>>| {
            caps.map(|c| {
                (
                    c.get(0).map(|m| m.range()),
                    c.name("who").map(|m| m.range()),
                )
            })
        };
        assert_eq!(found(full.captures(&hay)), found(narrow.captures(&hay)));
        with_alphabet([hay.as_str()], || {
            assert_eq!(
                found(full.captures("Ann Lee said so")),
                found(narrow.captures("Ann Lee said so"))
            );
            assert_eq!(found(full.captures(&hay)), found(narrow.captures(&hay)));
        });
    }
}
