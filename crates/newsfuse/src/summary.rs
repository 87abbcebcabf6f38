//! The summary pipeline: runs clean → segment → analyze → select → order for one cluster and
//! assembles the [`Summary`], with cross-article support for every sentence and warnings for
//! anything skipped.

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;

use crate::analyze::{Analysis, AnalyzeConfig, analyze};
use crate::clean::clean;
use crate::model::{CleanArticle, Cluster, SegmentedArticle, Span};
use crate::order::order;
use crate::reading;
use crate::script::{LetterCensus, is_cjk_character};
use crate::segment::segment;
use crate::select::{Algorithm, Budget, SelectConfig, select};

/// Everything the summary pipeline needs to know.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SummaryConfig {
    /// Which sentences may be extracted.
    pub analyze: AnalyzeConfig,
    /// How they are chosen.
    pub select: SelectConfig,
}

impl SummaryConfig {
    /// The default settings with a word budget (words are whitespace-separated; each Han
    /// character or kana counts as one).
    ///
    /// ```
    /// let config = newsfuse::SummaryConfig::default().words(120);
    /// assert_eq!(config.select.budget, newsfuse::Budget::Words(120));
    /// ```
    #[must_use]
    pub fn words(mut self, n: usize) -> Self {
        self.select.budget = Budget::Words(n);
        self
    }

    /// The same settings with a character budget (sentence separators count as one each).
    #[must_use]
    pub fn chars(mut self, n: usize) -> Self {
        self.select.budget = Budget::Chars(n);
        self
    }

    /// The same settings with a sentence budget.
    #[must_use]
    pub fn sentences(mut self, n: usize) -> Self {
        self.select.budget = Budget::Sentences(n);
        self
    }

    /// The same settings with another selection method.
    ///
    /// ```
    /// use newsfuse::{Algorithm, SummaryConfig};
    /// let config = SummaryConfig::default().algorithm(Algorithm::Lead).sentences(3);
    /// assert_eq!(config.select.algorithm, Algorithm::Lead);
    /// ```
    #[must_use]
    pub fn algorithm(mut self, algorithm: Algorithm) -> Self {
        self.select.algorithm = algorithm;
        self
    }

    /// The same settings with other limits on the length of an extracted sentence, in words.
    #[must_use]
    pub fn sentence_words(mut self, min_words: usize, max_words: usize) -> Self {
        self.analyze.min_words = min_words;
        self.analyze.max_words = max_words;
        self
    }
}

/// A cluster after the text stages: what the summary and the brief are built from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prepared {
    /// Clean output per article.
    pub cleaned: Vec<CleanArticle>,
    /// Segment output per article.
    pub segmented: Vec<SegmentedArticle>,
    /// Analysis of the whole cluster.
    pub analysis: Analysis,
}

/// One sentence of a summary, pointing back into its article.
#[derive(Debug, Clone, Serialize)]
pub struct SummarySentence {
    /// Index of the article it was taken from.
    pub article: usize,
    /// Index of the sentence in that article's segmentation.
    pub sentence: usize,
    /// Byte span in the article's text.
    pub span: Span,
    /// The sentence text, exactly as in the article.
    pub text: String,
    /// Other articles that report the same thing (a sentence with a close match), ascending.
    pub also_in: Vec<usize>,
    /// [`Analysis::corroborating`](crate::analyze::Analysis::corroborating) of this sentence in
    /// the analysis it was chosen from, before `also_in` leaves out the articles that give one of
    /// its figures a different value: the brief's corroboration reads it rather than matching
    /// again. `None` where the sentences were renumbered after the match (an update). Not
    /// serialized.
    #[serde(skip)]
    pub(crate) corroborating: Option<Vec<crate::analyze::Corroboration>>,
}

/// Two summary sentences are equal when what they say is (`corroborating` is a cache, kept or
/// not by how the summary was made).
impl PartialEq for SummarySentence {
    fn eq(&self, other: &Self) -> bool {
        self.article == other.article
            && self.sentence == other.sentence
            && self.span == other.span
            && self.text == other.text
            && self.also_in == other.also_in
    }
}

/// Something the pipeline skipped or could not do, reported to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The article concerned, if any.
    pub article: Option<usize>,
    /// What happened.
    pub message: String,
}

/// The summary of one cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The cluster's id.
    pub cluster_id: String,
    /// The method used.
    pub algorithm: Algorithm,
    /// The budget used.
    pub budget: Budget,
    /// Number of articles in the cluster.
    pub n_articles: usize,
    /// The summary sentences, in reading order.
    pub sentences: Vec<SummarySentence>,
    /// Skipped articles and other notes.
    pub warnings: Vec<Warning>,
}

impl Summary {
    /// The summary as plain text, one sentence per line.
    pub fn text(&self) -> String {
        self.sentences
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The `(article, sentence)` of each sentence, in summary order: what
    /// [`build_brief`](crate::brief::build_brief) takes.
    pub fn picks(&self) -> Vec<(usize, usize)> {
        self.sentences
            .iter()
            .map(|s| (s.article, s.sentence))
            .collect()
    }
}

/// Runs the text stages (clean, segment, analyze) over a cluster; articles in parallel.
pub fn prepare(cluster: &Cluster, config: &AnalyzeConfig) -> Prepared {
    let staged: Vec<(CleanArticle, SegmentedArticle)> = cluster
        .articles
        .par_iter()
        .map(|article| {
            let cleaned = clean(&article.text);
            let segmented = segment(&article.text, &cleaned);
            (cleaned, segmented)
        })
        .collect();
    let (cleaned, segmented): (Vec<_>, Vec<_>) = staged.into_iter().unzip();
    let analysis = analyze(cluster, &segmented, config);
    Prepared {
        cleaned,
        segmented,
        analysis,
    }
}

/// Summarizes one cluster.
pub fn summarize(cluster: &Cluster, config: &SummaryConfig) -> Summary {
    let prepared = prepare(cluster, &config.analyze);
    summarize_prepared(cluster, &prepared, config)
}

/// Summarizes a cluster whose text stages have already run.
pub fn summarize_prepared(
    cluster: &Cluster,
    prepared: &Prepared,
    config: &SummaryConfig,
) -> Summary {
    let mut ordered = select_readable(
        cluster,
        prepared,
        Cow::Borrowed(&prepared.analysis),
        |analysis| select(analysis, &config.select),
    );
    let mut warnings = warnings(cluster, prepared);
    // Every sentence that fits was dropped by the reading checks (an article whose sentences
    // all open with "the council" or "he"): the summary keeps what was chosen before them
    // rather than nothing, and says so.
    if ordered.is_empty() {
        let unread = order(
            cluster,
            &prepared.analysis,
            &select(&prepared.analysis, &config.select),
        );
        if !unread.is_empty() {
            ordered = unread;
            warnings.push(Warning {
                article: None,
                message: "every sentence that fits the budget fails a reading check (a \
                          subject such as a pronoun or \"the ...\" whose referent is outside \
                          the summary); the summary keeps them"
                    .to_string(),
            });
        }
    }
    let sentences = summary_sentences(cluster, prepared, &ordered);
    if sentences.is_empty() && prepared.analysis.sentences.iter().any(|s| s.candidate) {
        warnings.push(Warning {
            article: None,
            message: format!(
                "no sentence fits the budget ({:?}); the summary is empty",
                config.select.budget
            ),
        });
    }
    Summary {
        cluster_id: cluster.id.clone(),
        algorithm: config.select.algorithm,
        budget: config.select.budget,
        n_articles: cluster.articles.len(),
        sentences,
        warnings,
    }
}

/// The summary sentences of `ordered` (indices into the analysis's sentences, in reading order),
/// each with its span, text and `also_in`.
pub(crate) fn summary_sentences(
    cluster: &Cluster,
    prepared: &Prepared,
    ordered: &[usize],
) -> Vec<SummarySentence> {
    let analysis = &prepared.analysis;
    ordered
        .iter()
        .map(|&idx| {
            let info = &analysis.sentences[idx];
            let span = prepared.segmented[info.article].sentences[info.sentence].span;
            let corroborating = analysis.corroborating(idx);
            SummarySentence {
                article: info.article,
                sentence: info.sentence,
                span,
                text: span.slice(&cluster.articles[info.article].text).to_string(),
                also_in: corroborating
                    .iter()
                    .filter(|found| {
                        let other = &analysis.sentences[found.sentence];
                        !crate::brief::figures_conflict(
                            cluster,
                            prepared,
                            (info.article, info.sentence),
                            (other.article, other.sentence),
                        )
                    })
                    .map(|found| found.article)
                    .collect(),
                corroborating: Some(corroborating),
            }
        })
        .collect()
}

/// How many times [`select_readable`] selects again after leaving out sentences that read badly.
const READING_ROUNDS: usize = 3;

/// Selects with `select` over `analysis` (the prepared analysis, or a copy with fewer candidates)
/// and orders; then, while the summary has a sentence that [`reading::problems`] finds (a subject
/// pointing outside the summary, or a fact an earlier sentence already gave), those sentences stop
/// being candidates and the selection runs again, at most [`READING_ROUNDS`] times. The analysis
/// is copied only when a sentence has to go.
pub(crate) fn select_readable(
    cluster: &Cluster,
    prepared: &Prepared,
    mut analysis: Cow<'_, Analysis>,
    select: impl Fn(&Analysis) -> Vec<usize>,
) -> Vec<usize> {
    let mut round = 0;
    loop {
        let picks = select(&analysis);
        let ordered = order(cluster, &analysis, &picks);
        if round == READING_ROUNDS {
            return ordered;
        }
        let lines: Vec<reading::Line<'_>> = ordered
            .iter()
            .filter_map(|&idx| {
                let info = &analysis.sentences[idx];
                Some(reading::Line {
                    text: &cluster.articles.get(info.article)?.text,
                    sentence: prepared
                        .segmented
                        .get(info.article)?
                        .sentences
                        .get(info.sentence)?,
                    article: info.article,
                })
            })
            .collect();
        if lines.len() != ordered.len() {
            return ordered;
        }
        let bad = reading::problems(&lines);
        if bad.is_empty() {
            return ordered;
        }
        let owned = analysis.to_mut();
        for k in bad {
            owned.sentences[ordered[k]].candidate = false;
        }
        round += 1;
    }
}

/// English function words (the [`stopwords`](crate::stopwords) list) are about 40% of the words of
/// English news; a cluster where they are rarer than this does not read as English.
const MIN_ENGLISH_FUNCTION_WORD_SHARE: f64 = 0.15;

/// Fewest words on which a cluster's language is judged.
const MIN_WORDS_FOR_LANGUAGE_NOTE: usize = 40;

/// A note when the cluster is not in English, which the sentence rules, stemmer and stopwords are
/// written for: Chinese or Japanese (each character counts as a word), a script without spaces
/// between words that newsfuse cannot split (Thai, Lao, Khmer, Myanmar), or another language.
fn language_note(cluster: &Cluster, segmented: &[SegmentedArticle]) -> Option<String> {
    let (mut tokens, mut function_words, mut cjk) = (0usize, 0usize, 0usize);
    for sentence in segmented.iter().flat_map(|article| &article.sentences) {
        tokens += sentence.tokens.len();
        for token in &sentence.tokens {
            // UTF-8 lead bytes below 0xE3 start no CJK character: most tokens stop at one compare.
            let is_cjk = token.stem.as_bytes().first().is_some_and(|&b| b >= 0xE3)
                && token.stem.chars().next().is_some_and(is_cjk_character);
            cjk += usize::from(is_cjk);
            function_words += usize::from(token.is_stopword && !is_cjk);
        }
    }
    if tokens < MIN_WORDS_FOR_LANGUAGE_NOTE {
        return None;
    }
    let words = tokens - cjk;
    if cjk >= words {
        return Some(
            "the articles are mostly Chinese or Japanese: each character counts as one word \
             (for the budget, --min-words and --max-words), and newsfuse's other rules are \
             written for English"
                .into(),
        );
    }
    let share = function_words as f64 / words as f64;
    if share >= MIN_ENGLISH_FUNCTION_WORD_SHARE {
        return None;
    }
    let mut census = LetterCensus::default();
    for article in &cluster.articles {
        census.add(LetterCensus::of(&article.text));
    }
    if let Some(script) = census.unspaced_script()
        && census.unspaced() * 2 >= census.letters
    {
        return Some(format!(
            "the articles are written in {script} script, which puts no spaces between words; \
             newsfuse cannot find its words, so sentence lengths, terms and the summary are \
             unreliable"
        ));
    }
    Some(format!(
        "the articles do not read as English ({:.0}% of their words are English function words; \
         English news has about 40%): newsfuse's sentence rules, stemming and stopwords are \
         English, so it may choose less well",
        share * 100.0
    ))
}

/// Other articles with a sentence that says the same as sentence `idx`
/// ([`Analysis::corroborating`]: it contains at least half of the sentence, by the mean of the
/// term and content-bigram shares), in ascending order. A summary's `also_in` also leaves out an
/// article whose sentence gives one of the figures a different value; this does not.
pub fn supporting_articles(analysis: &Analysis, idx: usize) -> Vec<usize> {
    analysis
        .corroborating(idx)
        .into_iter()
        .map(|found| found.article)
        .collect()
}

fn warnings(cluster: &Cluster, prepared: &Prepared) -> Vec<Warning> {
    let sentences = &prepared.analysis.sentences;
    article_warnings(
        cluster,
        &prepared.segmented,
        !sentences.is_empty() && sentences.iter().all(|s| !s.candidate),
    )
}

/// The warnings about `cluster`'s articles (`segmented`, one per article) and its language, plus
/// the note that no sentence is long enough when `no_candidate`.
pub(crate) fn article_warnings(
    cluster: &Cluster,
    segmented: &[SegmentedArticle],
    no_candidate: bool,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if cluster.articles.is_empty() {
        warnings.push(Warning {
            article: None,
            message: "the cluster has no articles".into(),
        });
    }
    for (idx, article) in cluster.articles.iter().enumerate() {
        let origin = &article.origin;
        if article.text.trim().is_empty() {
            warnings.push(Warning {
                article: Some(idx),
                message: format!("article {idx} ({origin}) is empty; skipped"),
            });
        } else if segmented[idx].sentences.is_empty() {
            warnings.push(Warning {
                article: Some(idx),
                message: format!(
                    "article {idx} ({origin}) has no text left after removing web clutter; skipped"
                ),
            });
        }
    }
    if let Some(message) = language_note(cluster, segmented) {
        warnings.push(Warning {
            article: None,
            message,
        });
    }
    if no_candidate {
        warnings.push(Warning {
            article: None,
            message: "no sentence is long enough to extract; the summary is empty".into(),
        });
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::word_count;
    use crate::testutil::cluster_of;

    fn notes(summary: &Summary) -> Vec<&str> {
        summary
            .warnings
            .iter()
            .map(|w| w.message.as_str())
            .collect()
    }

    #[test]
    fn an_article_giving_a_different_figure_is_not_in_also_in() {
        let lead = "Some 3,000 residents of the river town were ordered to leave their homes on Monday as the flood waters rose.";
        let texts = |other: &str| {
            [
                format!(
                    "{lead} Officials opened two shelters in the school gymnasium and the church hall."
                ),
                format!("{other} Volunteers carried sandbags to the bridge through the night."),
            ]
        };
        let cited = |other: &str| {
            let summary = summarize(&cluster_of(&texts(other)), &SummaryConfig::default());
            let residents = summary
                .sentences
                .iter()
                .find(|s| s.text.contains("residents"))
                .expect("a sentence about the residents is picked");
            (residents.article, residents.also_in.clone())
        };
        let same = "Some 3,000 residents of the river town were ordered to leave their homes on Monday as flood waters rose.";
        let different = "Some 2,000 residents of the river town were ordered to leave their homes on Monday as flood waters rose.";
        let (source, also_in) = cited(same);
        assert_eq!(also_in, vec![1 - source]);
        let (_, also_in) = cited(different);
        assert_eq!(also_in, Vec::<usize>::new());
    }

    /// An article whose only sentences fail the reading checks (its subject "the council"
    /// points outside the summary) is summarized by them, with a note, rather than not at all.
    #[test]
    fn sentences_that_all_fail_the_reading_checks_are_kept_with_a_note() {
        let text = "The council said on Monday that the old bridge will close for repairs next \
                    week, and that traffic will move to the river road.\n";
        let mut ingest_notes = Vec::new();
        let article = crate::ingest::article_from_text(text, "council.txt", &mut ingest_notes);
        let cluster = Cluster {
            id: "council".into(),
            articles: vec![article],
        };
        let summary = summarize(&cluster, &SummaryConfig::default());
        assert_eq!(summary.sentences.len(), 1, "{:?}", notes(&summary));
        assert!(
            notes(&summary)
                .iter()
                .any(|n| n.contains("fails a reading check")),
            "{:?}",
            notes(&summary)
        );
    }

    #[test]
    fn chinese_cluster_is_summarized_by_characters() {
        let cluster = cluster_of(&[
            "五个国家的外交部长星期二在罗马举行会议，讨论该地区的安全局势。据发言人说，会谈持续了六个多小时，最后发表了联合声明。",
            "星期二，五个国家的外交部长在罗马举行会议，讨论地区安全局势。与会者同意下个月在日内瓦继续磋商。",
            "外交部长们在罗马举行会议后发表了联合声明。声明呼吁各方保持克制，并承诺增加人道主义援助。",
        ]);
        let mut config = SummaryConfig::default();
        config.select.budget = Budget::Words(40);
        let summary = summarize(&cluster, &config);
        assert!(!summary.sentences.is_empty(), "{:?}", notes(&summary));
        let words: usize = summary.sentences.iter().map(|s| word_count(&s.text)).sum();
        assert!(words <= 40, "{words} characters over a budget of 40");
        // The meeting sentence is reported by the first two articles.
        let meeting = summary
            .sentences
            .iter()
            .find(|s| s.text.contains("罗马举行会议，讨论"))
            .expect("the sentence two articles share is picked");
        assert_eq!(meeting.also_in.len(), 1);
        assert!(
            notes(&summary)
                .iter()
                .any(|n| n.contains("Chinese or Japanese"))
        );
    }

    #[test]
    fn language_notes_name_what_newsfuse_cannot_read() {
        let thai = "รัฐมนตรีต่างประเทศห้าประเทศพบกันที่กรุงโรม เมื่อวันอังคาร เพื่อหารือเกี่ยวกับสถานการณ์ในภูมิภาค. ";
        let summary = summarize(&cluster_of(&[thai.repeat(20)]), &SummaryConfig::default());
        assert!(notes(&summary).iter().any(|n| n.contains("Thai script")));

        let spanish = "Los ministros de Asuntos Exteriores de cinco países se reunieron el martes en Roma \
                       para discutir la situación en la región. Según un portavoz, las conversaciones \
                       duraron más de seis horas y terminaron con una declaración conjunta. ";
        let summary = summarize(&cluster_of(&[spanish.repeat(2)]), &SummaryConfig::default());
        let found = notes(&summary);
        assert!(
            found.iter().any(|n| n.contains("do not read as English")),
            "{found:?}"
        );
        assert!(!summary.sentences.is_empty());

        let english = "Foreign ministers from five countries met in Rome on Tuesday to discuss the \
                       situation in the region. According to a spokesman, the talks lasted more than \
                       six hours and ended with a joint statement that all of them signed. ";
        let summary = summarize(&cluster_of(&[english.repeat(2)]), &SummaryConfig::default());
        assert!(summary.warnings.is_empty(), "{:?}", notes(&summary));
    }
}
