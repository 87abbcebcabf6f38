//! Target 2, quote speakers: the brief's speaker for each hand-labelled quotation of
//! `eval/brief/quotes.jsonl` (see `eval/brief/README.md` for how the set was chosen and labelled).
//!
//! Each labelled quotation is looked up in the brief of its cluster: the occurrence with a piece
//! overlapping the text between the labelled marks. Figures, per split part, and for the labels
//! of selection rules `M` and `N` apart (parts `m` and `n`: sources no earlier rule drew from,
//! measured before any rule was fitted to them and never counted in `tune`, `holdout` or `all`):
//!
//! - `quotes.speaker_right`: of the quotations the text attributes (labelled `person`, `org` or
//!   `role`), the share whose brief speaker is right. No occurrence, or one without a speaker,
//!   counts as wrong. A person is right when the surnames (last words, case, dots and hyphens folded)
//!   are equal and, when both names have two words or more, the first words are too ("Kerry"
//!   matches "John Kerry", "Bill Clinton" does not match "Hillary Clinton"). A body or an unnamed
//!   role is right when the brief's speaker or one of its roles contains the label's head word
//!   ("government", "spokesman"; a plural `s` folded).
//! - `quotes.speaker_wrong` (lower is better): of the same quotations, the share given a speaker
//!   that is not the labelled one: a wrong claim, where `speaker_right`'s misses also count
//!   quotations left without a speaker.
//! - `quotes.runs_past_close` (lower is better): of the labelled quotations with a closing mark,
//!   the share for which a piece of quotation text in the brief crosses the opening or closing
//!   mark, i.e. takes in narration outside the marks.
//! - `quotes.split_joined`: of the labelled split quotes (two pieces around one attribution), the
//!   share whose two pieces are one occurrence in the brief.
//! - `quotes.pronoun_guess` (lower is better): of the quotations labelled `unresolved` (the text
//!   does not make the speaker unambiguous), the share given a speaker anyway.
//!
//! Setting `NEWSFUSE_QUOTES_DEBUG=1` prints every wrong speaker of the tune part and of parts
//! `m` and `n` to stderr (ids, offsets and names only), for tuning; the holdout part is never
//! printed.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use newsfuse::analyze::AnalyzeConfig;
use newsfuse::brief::Brief;
use newsfuse::ingest::article_from_text;
use newsfuse::model::{Article, Cluster};
use newsfuse::summary::prepare;
use serde::Deserialize;

use super::{BriefEvalConfig, Figure, Part};

const TARGET: u8 = 2;

/// One labelled quotation.
#[derive(Debug, Clone, Deserialize)]
pub struct QuoteLabel {
    /// Dataset file under `eval/` of the shared folder.
    pub file: String,
    /// Cluster id.
    pub cluster: String,
    /// Article index in the cluster.
    pub article: usize,
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset of the closing mark; `None` when the quotation runs on past its paragraph.
    pub close: Option<usize>,
    /// The speaker as the cluster names them, or the head word of a body or role.
    pub speaker: Option<String>,
    /// `person`, `org`, `role`, `unresolved` or `none`.
    pub kind: String,
    /// The other piece of a split quote, `[open, close]`.
    pub split_with: Option<[usize; 2]>,
    /// The selection rule that chose the quotation (`A`, `B`, ...; see `eval/brief/README.md`).
    #[serde(default)]
    pub rule: String,
}

/// The selection rules whose labels are reported as their own parts, [`Part::M`], [`Part::N`],
/// [`Part::O`], [`Part::P`], [`Part::Q`], [`Part::R`] and [`Part::S`], and never in `tune`,
/// `holdout` or `all`.
const APART_RULES: [(&str, Part); 7] = [
    ("M", Part::M),
    ("N", Part::N),
    ("O", Part::O),
    ("P", Part::P),
    ("Q", Part::Q),
    ("R", Part::R),
    ("S", Part::S),
];

impl QuoteLabel {
    fn attributed(&self) -> bool {
        matches!(self.kind.as_str(), "person" | "org" | "role")
    }

    /// Whether the label counts in this part: rule `M`'s labels in [`Part::M`] only, rule `N`'s
    /// in [`Part::N`] only, rule `O`'s in [`Part::O`] only, rule `P`'s in [`Part::P`] only, rule `Q`'s in [`Part::Q`] only, rule `R`'s in [`Part::R`] only, rule `S`'s in [`Part::S`] only, the others in the part of the fixed split their cluster falls in.
    fn in_part(&self, part: Part) -> bool {
        match APART_RULES.iter().find(|(rule, _)| *rule == self.rule) {
            Some(&(_, apart)) => part == apart,
            None => {
                !APART_RULES.iter().any(|&(_, apart)| apart == part)
                    && part.subset().contains(&self.cluster)
            }
        }
    }
}

/// What the brief says about one labelled quotation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// The speaker of the quote group, with its roles and kind.
    pub speaker: Option<String>,
    /// The group's roles.
    pub roles: Vec<String>,
    /// Whether any piece of quotation text crosses one of the labelled marks.
    pub crosses_mark: bool,
    /// Whether an occurrence overlaps the quotation at all.
    pub found: bool,
    /// (group, occurrence) of the covering occurrence.
    pub occurrence: Option<(usize, usize)>,
}

/// Whether the debug listing may print a part's errors: the tune part and the apart parts
/// (`m` to `s`), never the holdout (nor `all`, which holds it).
fn tuned_on(part: Part) -> bool {
    matches!(
        part,
        Part::Tune | Part::M | Part::N | Part::O | Part::P | Part::Q | Part::R | Part::S
    )
}

/// Loads the labels; a missing or malformed file is an error.
pub fn load_labels(path: &Path) -> Result<Vec<QuoteLabel>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the quote labels {}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| format!("{} line {}: {e}", path.display(), i + 1))
        })
        .collect()
}

/// The parts the quotes figures are reported for.
const QUOTE_PARTS: [Part; 10] = [
    Part::Tune,
    Part::Holdout,
    Part::All,
    Part::M,
    Part::N,
    Part::O,
    Part::P,
    Part::Q,
    Part::R,
    Part::S,
];

/// Runs this part of the brief evaluation.
pub fn run(config: &BriefEvalConfig) -> Result<Vec<Figure>, String> {
    let labels = load_labels(&config.labels.join("quotes.jsonl"))?;
    let mut wanted: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for label in &labels {
        let ids = wanted.entry(label.file.clone()).or_default();
        if !ids.contains(&label.cluster) {
            ids.push(label.cluster.clone());
        }
    }
    let mut briefs: HashMap<(String, String), (Cluster, Brief)> = HashMap::new();
    for (file, ids) in &wanted {
        let path = config.shared.join("eval").join(file);
        for cluster in load_clusters(&path, ids)? {
            let prepared = prepare(&cluster, &AnalyzeConfig::default());
            let brief = newsfuse::brief::build_brief_prepared(&cluster, &prepared, &[]);
            briefs.insert((file.clone(), cluster.id.clone()), (cluster, brief));
        }
    }
    let debug = std::env::var_os("NEWSFUSE_QUOTES_DEBUG").is_some();
    let mut figures = Vec::new();
    for part in QUOTE_PARTS {
        let in_part: Vec<&QuoteLabel> = labels.iter().filter(|l| l.in_part(part)).collect();
        let mut right = (0, 0);
        let mut wrong = 0;
        let mut crossed = (0, 0);
        let mut joined = (0, 0);
        let mut guessed = (0, 0);
        for label in &in_part {
            let Some((cluster, brief)) = briefs.get(&(label.file.clone(), label.cluster.clone()))
            else {
                return Err(format!(
                    "cluster {} not found in {}",
                    label.cluster, label.file
                ));
            };
            let text = &cluster
                .articles
                .get(label.article)
                .ok_or_else(|| format!("{} has no article {}", label.cluster, label.article))?;
            let found = lookup(brief, &text.text, label);
            if label.attributed() {
                right.1 += 1;
                if speaker_matches(label, &found) {
                    right.0 += 1;
                } else if found.speaker.is_some() {
                    wrong += 1;
                }
                if !speaker_matches(label, &found) && debug && tuned_on(part) {
                    let written = found.occurrence.map(|(g, o)| {
                        let occurrence = &brief.quotes[g].occurrences[o];
                        (
                            occurrence.speaker_as_written.clone(),
                            occurrence.speaker_source.clone(),
                        )
                    });
                    eprintln!(
                        "quotes [{}]: {} a{} {}: label {:?} ({}), brief {:?} {:?}{}",
                        part.name(),
                        label.cluster,
                        label.article,
                        label.open,
                        label.speaker,
                        label.kind,
                        found.speaker,
                        found.roles,
                        written.map_or_else(
                            || " (no occurrence)".to_string(),
                            |(w, s)| format!(", written {w:?} ({s})")
                        )
                    );
                }
            }
            if label.kind == "unresolved" {
                guessed.1 += 1;
                if found.speaker.is_some() {
                    guessed.0 += 1;
                }
            }
            if label.close.is_some() {
                crossed.1 += 1;
                if found.crosses_mark {
                    crossed.0 += 1;
                    if debug && tuned_on(part) {
                        eprintln!(
                            "quotes: {} a{} {}: runs past a mark",
                            label.cluster, label.article, label.open
                        );
                    }
                }
            }
            if let Some([other_open, _]) = label.split_with
                && other_open > label.open
            {
                joined.1 += 1;
                let other = in_part.iter().find(|l| {
                    l.file == label.file
                        && l.cluster == label.cluster
                        && l.article == label.article
                        && l.open == other_open
                });
                let other_found = other.map(|o| lookup(brief, &text.text, o));
                if found.occurrence.is_some()
                    && other_found.is_some_and(|o| o.occurrence == found.occurrence)
                {
                    joined.0 += 1;
                } else if debug && tuned_on(part) {
                    eprintln!(
                        "quotes: {} a{} {}: split quote not joined",
                        label.cluster, label.article, label.open
                    );
                }
            }
        }
        figures.push(Figure::proportion(
            TARGET,
            "quotes.speaker_right",
            part,
            right.0,
            right.1,
        ));
        figures.push(
            Figure::proportion(TARGET, "quotes.speaker_wrong", part, wrong, right.1)
                .lower_is_better(),
        );
        figures.push(
            Figure::proportion(TARGET, "quotes.runs_past_close", part, crossed.0, crossed.1)
                .lower_is_better(),
        );
        figures.push(Figure::proportion(
            TARGET,
            "quotes.split_joined",
            part,
            joined.0,
            joined.1,
        ));
        figures.push(
            Figure::proportion(TARGET, "quotes.pronoun_guess", part, guessed.0, guessed.1)
                .lower_is_better(),
        );
    }
    Ok(figures)
}

/// The clusters with these ids from a dataset file, ingested as `newsfuse eval` ingests them.
///
/// # Errors
/// A file that cannot be read or parsed, or an id it does not hold.
pub fn load_clusters(path: &Path, ids: &[String]) -> Result<Vec<Cluster>, String> {
    #[derive(Deserialize)]
    struct Line {
        id: serde_json::Value,
        #[serde(default)]
        documents: Vec<serde_json::Value>,
        /// An extraction benchmark's page (`extraction/*.jsonl`): its gold text (line ends `\r\n`
        /// read as `\n`) is a cluster of one article.
        #[serde(default)]
        gold_text: Option<String>,
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = serde_json::from_str(line)
            .map_err(|e| format!("{} line {}: {e}", path.display(), i + 1))?;
        let id = match parsed.id {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        if !ids.contains(&id) {
            continue;
        }
        let mut notes = Vec::new();
        if parsed.documents.is_empty()
            && let Some(gold) = &parsed.gold_text
        {
            // Some pages write `\r\n` line ends; paragraphs are split at blank lines.
            let gold = gold.replace("\r\n", "\n");
            let article = article_from_text(&gold, &format!("{id}#0"), &mut notes);
            out.push(Cluster {
                id,
                articles: vec![article],
            });
            continue;
        }
        let articles: Vec<Article> = parsed
            .documents
            .iter()
            .enumerate()
            .map(|(k, doc)| {
                let body = match doc {
                    serde_json::Value::String(s) => s.as_str(),
                    serde_json::Value::Object(map) => {
                        map.get("text").and_then(|t| t.as_str()).unwrap_or("")
                    }
                    _ => "",
                };
                article_from_text(body, &format!("{id}#{k}"), &mut notes)
            })
            .collect();
        out.push(Cluster { id, articles });
    }
    if let Some(missing) = ids.iter().find(|id| !out.iter().any(|c| &c.id == *id)) {
        return Err(format!("cluster {missing} not found in {}", path.display()));
    }
    Ok(out)
}

/// Byte length of the quote mark at `at` (1 for `"`, 3 for a curly mark).
fn mark_len(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(1, char::len_utf8)
}

/// The inside of a labelled quotation: after the opening mark up to the closing mark (or the
/// paragraph end for an unclosed one).
fn inside(text: &str, label: &QuoteLabel) -> (usize, usize) {
    let start = label.open + mark_len(text, label.open);
    let end = label.close.unwrap_or_else(|| {
        text.get(start..)
            .and_then(|rest| rest.find("\n\n"))
            .map_or(text.len(), |p| start + p)
    });
    (start, end)
}

/// What the brief says about one labelled quotation.
pub fn lookup(brief: &Brief, text: &str, label: &QuoteLabel) -> Found {
    let (start, end) = inside(text, label);
    let mut found = Found::default();
    for (g, group) in brief.quotes.iter().enumerate() {
        for (o, occurrence) in group.occurrences.iter().enumerate() {
            if occurrence.article != label.article {
                continue;
            }
            for piece in &occurrence.pieces {
                let (ps, pe) = (piece.span.start, piece.span.end);
                // A piece crossing the opening or the closing mark holds narration.
                let crosses = (ps < label.open && pe > label.open)
                    || label.close.is_some_and(|c| ps <= c && pe > c);
                if crosses {
                    found.crosses_mark = true;
                }
                if ps < end && pe > start && !found.found {
                    found.found = true;
                    found.speaker.clone_from(&group.speaker);
                    found.roles.clone_from(&group.speaker_roles);
                    found.occurrence = Some((g, o));
                }
            }
        }
    }
    found
}

fn fold(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '.' || c == '-')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    // "James Roe Jr.": a generational suffix after a name is no part of its surname.
    if words.len() > 1
        && words
            .last()
            .is_some_and(|w| matches!(w.as_str(), "jr" | "sr" | "ii" | "iii" | "iv"))
    {
        words.pop();
    }
    words
}

/// Whether two person names name the same person under the rule in the module docs.
pub fn same_person(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    match (a.last(), b.last()) {
        (Some(x), Some(y)) if x == y => a.len() < 2 || b.len() < 2 || a[0] == b[0],
        _ => false,
    }
}

fn singular(word: &str) -> &str {
    word.strip_suffix('s').unwrap_or(word)
}

/// Whether the brief's speaker is right for an attributed label.
pub fn speaker_matches(label: &QuoteLabel, found: &Found) -> bool {
    let Some(wanted) = label.speaker.as_deref() else {
        return false;
    };
    if label.kind == "person" {
        return found
            .speaker
            .as_deref()
            .is_some_and(|s| same_person(s, wanted));
    }
    let Some(head) = fold(wanted).pop() else {
        return false;
    };
    let head = singular(&head).to_string();
    found
        .speaker
        .iter()
        .chain(&found.roles)
        .any(|s| fold(s).iter().any(|w| singular(w) == head))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_names_match_by_surname_and_first_name() {
        assert!(same_person("John Kerry", "Kerry"));
        assert!(same_person("kerry", "John Kerry"));
        assert!(same_person("Nadine M. Lambert", "Nadine Lambert"));
        assert!(!same_person("Hillary Clinton", "Bill Clinton"));
        assert!(!same_person("Kerry", "Fabius"));
        assert!(!same_person("", "Kerry"));
        assert!(same_person("James Roe Jr.", "James Roe"));
        assert!(same_person("Roe", "James Roe Sr"));
        assert!(!same_person("James Roe Jr.", "Mary Roe"));
    }

    fn label(kind: &str, speaker: &str) -> QuoteLabel {
        QuoteLabel {
            file: "f".into(),
            cluster: "c".into(),
            article: 0,
            open: 0,
            close: Some(10),
            speaker: Some(speaker.into()),
            kind: kind.into(),
            split_with: None,
            rule: "A".into(),
        }
    }

    #[test]
    fn rule_m_to_s_labels_count_in_their_own_part_only() {
        for (rule, own) in [
            ("M", Part::M),
            ("N", Part::N),
            ("O", Part::O),
            ("P", Part::P),
            ("Q", Part::Q),
            ("R", Part::R),
            ("S", Part::S),
        ] {
            let mut l = label("person", "Kerry");
            l.rule = rule.into();
            assert!(l.in_part(own));
            for part in QUOTE_PARTS {
                assert_eq!(l.in_part(part), part == own, "{rule} {part:?}");
            }
        }
        let a = label("person", "Kerry");
        assert!(!a.in_part(Part::M));
        assert!(!a.in_part(Part::N));
        assert!(!a.in_part(Part::O));
        assert!(!a.in_part(Part::P));
        assert!(!a.in_part(Part::Q));
        assert!(!a.in_part(Part::R));
        assert!(!a.in_part(Part::S));
        assert!(a.in_part(Part::All));
        assert_ne!(a.in_part(Part::Tune), a.in_part(Part::Holdout));
    }

    #[test]
    fn bodies_and_roles_match_by_head_word() {
        let found = Found {
            speaker: None,
            roles: vec!["Defence Ministry spokesman".into(), "officials".into()],
            found: true,
            ..Found::default()
        };
        assert!(speaker_matches(&label("role", "spokesman"), &found));
        assert!(speaker_matches(&label("role", "official"), &found));
        assert!(!speaker_matches(&label("role", "minister"), &found));
        let none = Found::default();
        assert!(!speaker_matches(&label("person", "Kerry"), &none));
    }

    #[test]
    fn missing_labels_are_an_error() {
        let err = load_labels(Path::new("/nonexistent/quotes.jsonl")).unwrap_err();
        assert!(err.contains("cannot read"), "{err}");
    }
}
