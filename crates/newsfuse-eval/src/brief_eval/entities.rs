//! Target 3, entities: of the top 15 entities the brief lists per cluster, how many are real
//! names, correctly delimited, typed right (person, place, organisation) with whole roles; how
//! many banned words (months, weekdays, time zones, nationality adjectives) are listed; how many
//! alias pairs the judge saw are merged.
//!
//! The judged set (`entities.jsonl` in the labels folder) was built by reading the text around
//! each listed entity of [`CLUSTERS`] before the entity code was tuned. Lines are either an
//! entity judgement (`cluster`, `name`, `kind` as listed, `real`, `delimited`, `correct_kind`,
//! `bad_roles`, `reason`) or an alias pair (`cluster`, `alias: [a, b]`, `reason`). A listed
//! entity whose name was never judged, or whose roles include one never judged, is counted as
//! unjudged and left out of `top15_right`.

use std::collections::HashMap;
use std::path::Path;

use newsfuse::brief::build_brief_prepared;
use newsfuse::brief::entities::Entity;
use newsfuse::ingest::{IngestNote, article_from_text};
use newsfuse::model::{Article, Cluster};
use serde::Deserialize;

use super::{BriefEvalConfig, Figure, Part};
use crate::quality::Subset;

/// The judged clusters: (file under `eval/`, or `seeds` for the seeds folder as one cluster; ids).
pub const CLUSTERS: &[(&str, &[&str])] = &[
    (
        "duc2003_task2.jsonl",
        &[
            "D30003", "D30005", "D30010", "D30012", "D30016", "D30020", "D30040", "D30042",
        ],
    ),
    ("duc2006.jsonl", &["D0601A", "D0602B", "D0603C", "D0638B"]),
    (
        "duc2007_update.jsonl",
        &["D0703A-A", "D0706B-A", "D0711C-A"],
    ),
    (
        "multinews_full_dev.jsonl",
        &[
            "multinews-test-5615",
            "multinews-test-5464",
            "multinews-test-1051",
            "multinews-test-1138",
            "multinews-test-367",
            "multinews-test-618",
        ],
    ),
    (
        "tac2011_multiling_en.jsonl",
        &["M000", "M001", "M002", "M003"],
    ),
    ("seeds", &["seeds"]),
];

/// Extra tuning clusters (part `tune2`), judged after the rules of [`CLUSTERS`] were tuned, to
/// measure them on tune-part text they were not fitted to before any rule was fitted to these:
/// in each of the four files below, the first tune-part clusters in file order that are not in
/// [`CLUSTERS`] and whose topic (DUC 2007: the id before `-A`/`-B`/`-C`) has no cluster there;
/// one per DUC file, two of Multi-News. Never part of `all`.
pub const TUNE2_CLUSTERS: &[(&str, &[&str])] = &[
    ("duc2003_task2.jsonl", &["D30028"]),
    ("duc2006.jsonl", &["D0619A"]),
    ("duc2007_update.jsonl", &["D0716D-B"]),
    (
        "multinews_full_dev.jsonl",
        &["multinews-test-3262", "multinews-test-2197"],
    ),
];

/// A third tuning part (part `tune3`), judged with the code as it stood before any rule was
/// fitted to it: in each of the three DUC files the first tune-part cluster in file order that is
/// in neither [`CLUSTERS`] nor [`TUNE2_CLUSTERS`] and whose topic (DUC 2007: the id before
/// `-A`/`-B`/`-C`) has no cluster there; the first three such clusters of `multinews_full_dev`
/// (web text). Never part of `all`.
pub const TUNE3_CLUSTERS: &[(&str, &[&str])] = &[
    ("duc2003_task2.jsonl", &["D30044"]),
    ("duc2006.jsonl", &["D0628A"]),
    ("duc2007_update.jsonl", &["D0721E-A"]),
    (
        "multinews_full_dev.jsonl",
        &[
            "multinews-test-1174",
            "multinews-test-261",
            "multinews-test-5149",
        ],
    ),
];

/// A fourth tuning part (part `tune4`), selected by the rule of [`TUNE3_CLUSTERS`] with the
/// clusters of [`TUNE3_CLUSTERS`] added to those excluded, and judged with the code as it stood
/// before any rule was fitted to it. Never part of `all`.
pub const TUNE4_CLUSTERS: &[(&str, &[&str])] = &[
    ("duc2003_task2.jsonl", &["D30048"]),
    ("duc2006.jsonl", &["D0629B"]),
    ("duc2007_update.jsonl", &["D0726F-A"]),
    (
        "multinews_full_dev.jsonl",
        &[
            "multinews-test-2810",
            "multinews-test-1635",
            "multinews-test-5347",
        ],
    ),
];

/// A fifth tuning part (part `tune5`), selected by the rule of [`TUNE3_CLUSTERS`] with the
/// clusters of [`TUNE3_CLUSTERS`] and [`TUNE4_CLUSTERS`] added to those excluded, and judged with
/// the code as it stood before any rule was fitted to it. Never part of `all`.
pub const TUNE5_CLUSTERS: &[(&str, &[&str])] = &[
    ("duc2003_task2.jsonl", &["D30051"]),
    ("duc2006.jsonl", &["D0637A"]),
    ("duc2007_update.jsonl", &["D0727G-A"]),
    (
        "multinews_full_dev.jsonl",
        &[
            "multinews-test-597",
            "multinews-test-4452",
            "multinews-test-1952",
        ],
    ),
];

/// A sixth tuning part (part `tune6`), selected by the rule of [`TUNE3_CLUSTERS`] with the
/// clusters of [`TUNE3_CLUSTERS`] to [`TUNE5_CLUSTERS`] added to those excluded, two of
/// `multinews_full_dev` instead of three, and judged with the code as it stood before any rule
/// was fitted to it. Never part of `all`.
pub const TUNE6_CLUSTERS: &[(&str, &[&str])] = &[
    ("duc2003_task2.jsonl", &["D31001"]),
    ("duc2006.jsonl", &["D0639C"]),
    ("duc2007_update.jsonl", &["D0736H-B"]),
    (
        "multinews_full_dev.jsonl",
        &["multinews-test-315", "multinews-test-1761"],
    ),
];

/// A seventh tuning part (part `tune7`), selected by the rule of [`TUNE6_CLUSTERS`] with the
/// clusters of [`TUNE6_CLUSTERS`] added to those excluded, and judged with the code as it stood
/// before any rule was fitted to it. Never part of `all`.
pub const TUNE7_CLUSTERS: &[(&str, &[&str])] = &[
    ("duc2003_task2.jsonl", &["D31009"]),
    ("duc2006.jsonl", &["D0646A"]),
    ("duc2007_update.jsonl", &["D0740I-B"]),
    (
        "multinews_full_dev.jsonl",
        &["multinews-test-3354", "multinews-test-4557"],
    ),
];

/// An eighth tuning part (part `tune8`), selected by the rule of [`TUNE6_CLUSTERS`] with the
/// clusters of [`TUNE6_CLUSTERS`] and [`TUNE7_CLUSTERS`] added to those excluded, weighted like
/// the holdout (two of DUC 2003, one each of DUC 2006 and DUC 2007, the first unjudged tune-part
/// WikiNews cluster of TAC 2011, one of Multi-News), and judged with the code as it stood before
/// any rule was fitted to it. Never part of `all`.
pub const TUNE8_CLUSTERS: &[(&str, &[&str])] = &[
    ("duc2003_task2.jsonl", &["D31010", "D31027"]),
    ("duc2006.jsonl", &["D0647B"]),
    ("duc2007_update.jsonl", &["D0743J-B"]),
    ("tac2011_multiling_en.jsonl", &["M004"]),
    ("multinews_full_dev.jsonl", &["multinews-test-2915"]),
];

/// A ninth tuning part (part `tune9`), selected by the rule of [`TUNE8_CLUSTERS`] with the
/// clusters of [`TUNE8_CLUSTERS`] added to those excluded (DUC 2007 has no tune-part topic left,
/// so a second DUC 2006 cluster takes its place), and judged with the code as it stood before any
/// rule was fitted to it. Never part of `all`.
pub const TUNE9_CLUSTERS: &[(&str, &[&str])] = &[
    ("duc2003_task2.jsonl", &["D31038", "D31041"]),
    ("duc2006.jsonl", &["D0648C", "D0649D"]),
    ("tac2011_multiling_en.jsonl", &["M006"]),
    ("multinews_full_dev.jsonl", &["multinews-test-1880"]),
];

/// A tenth tuning part (part `tune10`), selected by the rule of [`TUNE9_CLUSTERS`] with the
/// clusters of [`TUNE9_CLUSTERS`] added to those excluded. The wire sets are nearly spent (one
/// DUC 2003 cluster left, none of DUC 2006 or DUC 2007), so web text takes their places: the
/// DUC 2003 cluster, the one tune-part WikiNews cluster left, and the first three such clusters
/// of Multi-News dev. Judged with the code as it stood before any rule was fitted to it. Never
/// part of `all`.
pub const TUNE10_CLUSTERS: &[(&str, &[&str])] = &[
    ("duc2003_task2.jsonl", &["D31050"]),
    ("tac2011_multiling_en.jsonl", &["M008"]),
    (
        "multinews_full_dev.jsonl",
        &[
            "multinews-test-1990",
            "multinews-test-195",
            "multinews-test-2407",
        ],
    ),
];

/// An eleventh tuning part (part `tune11`), from a source no entities part had used: the first
/// five tune-part clusters (`Subset::Tune` on the id; file order) of Multi-News sample100 (web
/// text) that hold no quotation labelled in `quotes.jsonl` and share no run of ten words
/// (lower-cased, split at white space) with any article of a holdout cluster of [`CLUSTERS`].
/// Judged with the code as it stood before any rule was fitted to it. Never part of `all`.
pub const TUNE11_CLUSTERS: &[(&str, &[&str])] = &[(
    "multinews_full_sample100.jsonl",
    &[
        "multinews-train-10206",
        "multinews-train-24861",
        "multinews-train-27756",
        "multinews-train-29499",
        "multinews-train-29774",
    ],
)];

/// A twelfth tuning part (part `tune12`), selected by the rule of [`TUNE11_CLUSTERS`] with the
/// clusters of every entities part added to those excluded: the next five tune-part clusters
/// (file order) of Multi-News sample100 (web text) that hold no quotation labelled in
/// `quotes.jsonl`, share no run of ten words with any article of a holdout cluster of
/// [`CLUSTERS`] and are in no other entities part. Judged with the code as it stood before any
/// rule was fitted to it. Never part of `all`.
pub const TUNE12_CLUSTERS: &[(&str, &[&str])] = &[(
    "multinews_full_sample100.jsonl",
    &[
        "multinews-train-35210",
        "multinews-train-36248",
        "multinews-train-36851",
        "multinews-train-37908",
        "multinews-train-38772",
    ],
)];

/// A thirteenth tuning part (part `tune13`), selected by the rule of [`TUNE12_CLUSTERS`]: the
/// next five tune-part clusters (file order) of Multi-News sample100 (web text) that hold no
/// quotation labelled in `quotes.jsonl`, share no run of ten words with any article of a holdout
/// cluster of [`CLUSTERS`] and are in no other entities part. Judged with the code as it stood
/// before any rule was fitted to it. Never part of `all`.
pub const TUNE13_CLUSTERS: &[(&str, &[&str])] = &[(
    "multinews_full_sample100.jsonl",
    &[
        "multinews-train-39528",
        "multinews-train-40612",
        "multinews-train-41277",
        "multinews-train-41987",
        "multinews-train-43422",
    ],
)];

/// A fourteenth tuning part (part `tune14`), selected by the rule of [`TUNE13_CLUSTERS`]: the
/// next five tune-part clusters (file order) of Multi-News sample100 (web text) that hold no
/// quotation labelled in `quotes.jsonl`, share no run of ten words with any article of a holdout
/// cluster of [`CLUSTERS`] and are in no other entities part. Judged with the code as it stood
/// before any rule was fitted to it. Never part of `all`.
pub const TUNE14_CLUSTERS: &[(&str, &[&str])] = &[(
    "multinews_full_sample100.jsonl",
    &[
        "multinews-train-44438",
        "multinews-train-44887",
        "multinews-val-873",
        "multinews-val-1115",
        "multinews-val-3391",
    ],
)];

/// How many entities per cluster are judged.
pub const TOP: usize = 15;

#[derive(Deserialize)]
struct Line {
    id: serde_json::Value,
    #[serde(default)]
    documents: Vec<serde_json::Value>,
    #[serde(default)]
    doc_ids: Vec<String>,
    #[serde(default)]
    doc_dates: Vec<String>,
}

/// One cluster of an evaluation file, with the publication date of each article where the file
/// gives one (DUC `doc_dates`, else the date in a DUC document id such as `APW19981017.0151`).
pub struct LoadedCluster {
    /// The articles (no publication dates set).
    pub cluster: Cluster,
    /// `YYYY-MM-DD` per article, when known.
    pub dates: Vec<Option<String>>,
}

/// The date in a DUC/TDT document id (`APW19981017.0151`, `NYT19981017.0123`, `XIE19960123.0270`).
pub fn date_from_doc_id(id: &str) -> Option<String> {
    let digits: String = id
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.len() < 8 {
        return None;
    }
    let (y, rest) = digits.split_at(4);
    let (m, d) = rest.split_at(2);
    let d = &d[..2];
    let (yn, mn, dn): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1900..2100).contains(&yn) && (1..=12).contains(&mn) && (1..=31).contains(&dn))
        .then(|| format!("{y}-{m}-{d}"))
}

/// Loads the named clusters of `file` (under `shared/eval`), or the seeds folder as one cluster
/// called `seeds` when `file` is `seeds`.
pub fn load(shared: &Path, file: &str, ids: &[&str]) -> Result<Vec<LoadedCluster>, String> {
    let mut notes: Vec<IngestNote> = Vec::new();
    if file == "seeds" {
        let dir = shared.join("seeds");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        let mut articles = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            articles.push(article_from_text(&text, &name, &mut notes));
        }
        let n = articles.len();
        return Ok(vec![LoadedCluster {
            cluster: Cluster {
                id: "seeds".into(),
                articles,
            },
            dates: vec![None; n],
        }]);
    }
    let path = shared.join("eval").join(file);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut found: HashMap<String, LoadedCluster> = HashMap::new();
    for (i, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(raw)
            .map_err(|e| format!("{} line {}: {e}", path.display(), i + 1))?;
        let id = match line.id {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        if !ids.contains(&id.as_str()) {
            continue;
        }
        let articles: Vec<Article> = line
            .documents
            .iter()
            .enumerate()
            .map(|(k, doc)| {
                let text = match doc {
                    serde_json::Value::String(s) => s.as_str(),
                    serde_json::Value::Object(map) => {
                        map.get("text").and_then(|t| t.as_str()).unwrap_or("")
                    }
                    _ => "",
                };
                article_from_text(text, &format!("{id}#{k}"), &mut notes)
            })
            .collect();
        let dates = (0..articles.len())
            .map(|k| {
                // The id's date first: `doc_dates` mixes formats ("08/12/1998", "1998-24-06").
                line.doc_ids
                    .get(k)
                    .and_then(|d| date_from_doc_id(d))
                    .or_else(|| {
                        line.doc_dates
                            .get(k)
                            .and_then(|d| d.get(..10))
                            .filter(|d| newsfuse::brief::when::parse_iso_date(d).is_some())
                            .map(str::to_string)
                    })
            })
            .collect();
        found.insert(
            id.clone(),
            LoadedCluster {
                cluster: Cluster { id, articles },
                dates,
            },
        );
    }
    ids.iter()
        .map(|id| {
            found
                .remove(*id)
                .ok_or_else(|| format!("{}: cluster {id} not found", path.display()))
        })
        .collect()
}

/// The entities the library lists for a cluster, most widely mentioned first.
pub fn entities_of(cluster: &Cluster) -> Vec<Entity> {
    let prepared =
        newsfuse::summary::prepare(cluster, &newsfuse::analyze::AnalyzeConfig::default());
    build_brief_prepared(cluster, &prepared, &[]).entities
}

/// Every judged cluster of [`CLUSTERS`] with the entities listed for it now.
pub fn listed(shared: &Path) -> Result<Vec<(Cluster, Vec<Entity>)>, String> {
    listed_from(shared, CLUSTERS)
}

/// The clusters of [`TUNE2_CLUSTERS`] with the entities listed for them now.
pub fn listed_tune2(shared: &Path) -> Result<Vec<(Cluster, Vec<Entity>)>, String> {
    listed_from(shared, TUNE2_CLUSTERS)
}

/// The clusters of [`TUNE3_CLUSTERS`] with the entities listed for them now.
pub fn listed_tune3(shared: &Path) -> Result<Vec<(Cluster, Vec<Entity>)>, String> {
    listed_from(shared, TUNE3_CLUSTERS)
}

/// The clusters of [`TUNE4_CLUSTERS`] with the entities listed for them now.
pub fn listed_tune4(shared: &Path) -> Result<Vec<(Cluster, Vec<Entity>)>, String> {
    listed_from(shared, TUNE4_CLUSTERS)
}

/// The clusters of [`TUNE5_CLUSTERS`] with the entities listed for them now.
pub fn listed_tune5(shared: &Path) -> Result<Vec<(Cluster, Vec<Entity>)>, String> {
    listed_from(shared, TUNE5_CLUSTERS)
}

/// The clusters of [`TUNE6_CLUSTERS`] with the entities listed for them now.
pub fn listed_tune6(shared: &Path) -> Result<Vec<(Cluster, Vec<Entity>)>, String> {
    listed_from(shared, TUNE6_CLUSTERS)
}

/// The clusters of [`TUNE7_CLUSTERS`] with the entities listed for them now.
pub fn listed_tune7(shared: &Path) -> Result<Vec<(Cluster, Vec<Entity>)>, String> {
    listed_from(shared, TUNE7_CLUSTERS)
}

/// The clusters of [`TUNE8_CLUSTERS`] with the entities listed for them now.
pub fn listed_tune8(shared: &Path) -> Result<Vec<(Cluster, Vec<Entity>)>, String> {
    listed_from(shared, TUNE8_CLUSTERS)
}

/// The clusters of [`TUNE9_CLUSTERS`] with the entities listed for them now.
pub fn listed_tune9(shared: &Path) -> Result<Vec<(Cluster, Vec<Entity>)>, String> {
    listed_from(shared, TUNE9_CLUSTERS)
}

/// The clusters of [`TUNE10_CLUSTERS`] with the entities listed for them now.
pub fn listed_tune10(shared: &Path) -> Result<Vec<(Cluster, Vec<Entity>)>, String> {
    listed_from(shared, TUNE10_CLUSTERS)
}

/// The clusters of [`TUNE11_CLUSTERS`] with the entities listed for them now.
pub fn listed_tune11(shared: &Path) -> Result<Vec<(Cluster, Vec<Entity>)>, String> {
    listed_from(shared, TUNE11_CLUSTERS)
}

/// The clusters of [`TUNE12_CLUSTERS`] with the entities listed for them now.
pub fn listed_tune12(shared: &Path) -> Result<Vec<(Cluster, Vec<Entity>)>, String> {
    listed_from(shared, TUNE12_CLUSTERS)
}

/// The clusters of [`TUNE13_CLUSTERS`] with the entities listed for them now.
pub fn listed_tune13(shared: &Path) -> Result<Vec<(Cluster, Vec<Entity>)>, String> {
    listed_from(shared, TUNE13_CLUSTERS)
}

/// The clusters of [`TUNE14_CLUSTERS`] with the entities listed for them now.
pub fn listed_tune14(shared: &Path) -> Result<Vec<(Cluster, Vec<Entity>)>, String> {
    listed_from(shared, TUNE14_CLUSTERS)
}

fn listed_from(
    shared: &Path,
    clusters: &[(&str, &[&str])],
) -> Result<Vec<(Cluster, Vec<Entity>)>, String> {
    let mut out = Vec::new();
    for (file, ids) in clusters {
        for loaded in load(shared, file, ids)? {
            let entities = entities_of(&loaded.cluster);
            out.push((loaded.cluster, entities));
        }
    }
    Ok(out)
}

/// One line of `entities.jsonl` (its fields are the judge's yes/no verdicts, hence the bools).
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Deserialize)]
pub struct Judgement {
    /// Cluster id.
    pub cluster: String,
    /// The entity's name as listed (absent on alias lines).
    #[serde(default)]
    pub name: Option<String>,
    /// The kind listed when judged.
    #[serde(default)]
    pub kind: Option<String>,
    /// A real name (not a common word, month, adjective, fragment of a sentence).
    #[serde(default)]
    pub real: bool,
    /// The name is whole and nothing more (no word cut off, no extra word).
    #[serde(default)]
    pub delimited: bool,
    /// The kind it is: `person`, `place`, `organization`, or `other` (events, works, products,
    /// nationalities, anything else).
    #[serde(default)]
    pub correct_kind: Option<String>,
    /// Roles given to it that were judged whole.
    #[serde(default)]
    pub good_roles: Vec<String>,
    /// Roles given to it that are cut or wrong.
    #[serde(default)]
    pub bad_roles: Vec<String>,
    /// A month, weekday, time zone or nationality adjective.
    #[serde(default)]
    pub banned: bool,
    /// An alias pair that should be one entity: merged when exactly one of the two is listed and,
    /// unless `either`, it is the second (the fuller name).
    #[serde(default)]
    pub alias: Option<[String; 2]>,
    /// Either name of the alias pair may name the merged entity ("Myanmar"/"Burma", "EU"/
    /// "European Union").
    #[serde(default)]
    pub either: bool,
    /// Why, in the judge's words.
    #[serde(default)]
    pub reason: String,
}

/// Reads the judgements file.
pub fn read_judgements(labels: &Path) -> Result<Vec<Judgement>, String> {
    let path = labels.join("entities.jsonl");
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "cannot read {} (the entity judgements): {e}",
            path.display()
        )
    })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(
            serde_json::from_str(line)
                .map_err(|e| format!("{} line {}: {e}", path.display(), i + 1))?,
        );
    }
    Ok(out)
}

const BANNED: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "gmt",
    "utc",
    "est",
    "edt",
    "pst",
    "pdt",
    "cst",
    "cdt",
    "mst",
    "mdt",
    "bst",
    "cet",
];

/// True when a listed name is a month, weekday or time zone (nationality adjectives are judged
/// by reading: `banned` in the judgement).
pub fn is_banned_word(name: &str) -> bool {
    let lower = name.to_lowercase();
    let lower = lower.trim_end_matches('.');
    BANNED.contains(&lower)
}

#[derive(Default, Clone, Copy)]
struct Tally {
    right: usize,
    judged: usize,
    unjudged: usize,
    listed: usize,
    banned: usize,
    aliases: usize,
    merged: usize,
}

fn norm(name: &str) -> String {
    name.to_lowercase()
}

/// Alias names compare without dots, hyphens or "&" ("U.S." = "U.S" = "US", "al-Assad" =
/// "al Assad").
pub fn alias_key(name: &str) -> String {
    name.to_lowercase()
        .replace(['.', '&'], "")
        .replace('-', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether an alias pair is merged: exactly one of the two listed and, unless `either`, the second
/// (the fuller name). Two spellings that compare alike ("UK", "U.K.") are merged when just one
/// entity is listed under them.
pub fn alias_merged(a: &str, b: &str, either: bool, keys: &[String]) -> bool {
    let (ka, kb) = (alias_key(a), alias_key(b));
    if ka == kb {
        return keys.iter().filter(|k| **k == ka).count() == 1;
    }
    let (has_a, has_b) = (keys.contains(&ka), keys.contains(&kb));
    has_b && !has_a || either && has_a && !has_b
}

/// The verdict on one listed entity: `None` when unjudged, else whether it is fully right and
/// whether it is banned.
fn verdict(entity: &Entity, judgement: Option<&Judgement>) -> (Option<bool>, bool) {
    let banned_word = is_banned_word(&entity.name);
    let Some(j) = judgement else {
        // A banned word is wrong without reading.
        return (banned_word.then_some(false), banned_word);
    };
    let banned = banned_word || j.banned;
    let roles: Vec<&str> = entity.roles.iter().map(|r| r.role.as_str()).collect();
    let role_known = |r: &&str| {
        j.good_roles.iter().any(|g| g.eq_ignore_ascii_case(r))
            || j.bad_roles.iter().any(|b| b.eq_ignore_ascii_case(r))
    };
    let roles_whole = !roles
        .iter()
        .any(|r| j.bad_roles.iter().any(|b| b.eq_ignore_ascii_case(r)));
    if roles_whole && !roles.iter().all(role_known) {
        return (None, banned);
    }
    let kind_right = j.correct_kind.as_deref() == Some(entity.kind.as_str());
    (
        Some(j.real && j.delimited && kind_right && roles_whole && !banned),
        banned,
    )
}

fn tally(listed: &[(Cluster, Vec<Entity>)], judgements: &[Judgement], part: Subset) -> Tally {
    let mut by_name: HashMap<(&str, String), &Judgement> = HashMap::new();
    for j in judgements {
        if let Some(name) = &j.name {
            by_name.insert((j.cluster.as_str(), norm(name)), j);
        }
    }
    let mut t = Tally::default();
    for (cluster, entities) in listed {
        if !part.contains(&cluster.id) {
            continue;
        }
        for entity in entities.iter().take(TOP) {
            t.listed += 1;
            let j = by_name
                .get(&(cluster.id.as_str(), norm(&entity.name)))
                .copied();
            let (right, banned) = verdict(entity, j);
            t.banned += usize::from(banned);
            match right {
                Some(ok) => {
                    t.judged += 1;
                    t.right += usize::from(ok);
                }
                None => t.unjudged += 1,
            }
        }
        let keys: Vec<String> = entities.iter().map(|e| alias_key(&e.name)).collect();
        for j in judgements.iter().filter(|j| j.cluster == cluster.id) {
            if let Some([a, b]) = &j.alias {
                t.aliases += 1;
                t.merged += usize::from(alias_merged(a, b, j.either, &keys));
            }
        }
    }
    t
}

/// Runs this part of the brief evaluation.
pub fn run(config: &BriefEvalConfig) -> Result<Vec<Figure>, String> {
    let judgements = read_judgements(&config.labels)?;
    let listed = listed(&config.shared)?;
    let tune2 = listed_tune2(&config.shared)?;
    let tune3 = listed_tune3(&config.shared)?;
    let tune4 = listed_tune4(&config.shared)?;
    let tune5 = listed_tune5(&config.shared)?;
    let tune6 = listed_tune6(&config.shared)?;
    let tune7 = listed_tune7(&config.shared)?;
    let tune8 = listed_tune8(&config.shared)?;
    let tune9 = listed_tune9(&config.shared)?;
    let tune10 = listed_tune10(&config.shared)?;
    let tune11 = listed_tune11(&config.shared)?;
    let tune12 = listed_tune12(&config.shared)?;
    let tune13 = listed_tune13(&config.shared)?;
    let tune14 = listed_tune14(&config.shared)?;
    let mut figures = Vec::new();
    for (part, subset) in [
        (Part::Tune, Subset::Tune),
        (Part::Holdout, Subset::Holdout),
        (Part::All, Subset::All),
        (Part::Tune2, Subset::All),
        (Part::Tune3, Subset::All),
        (Part::Tune4, Subset::All),
        (Part::Tune5, Subset::All),
        (Part::Tune6, Subset::All),
        (Part::Tune7, Subset::All),
        (Part::Tune8, Subset::All),
        (Part::Tune9, Subset::All),
        (Part::Tune10, Subset::All),
        (Part::Tune11, Subset::All),
        (Part::Tune12, Subset::All),
        (Part::Tune13, Subset::All),
        (Part::Tune14, Subset::All),
    ] {
        let from = match part {
            Part::Tune2 => &tune2,
            Part::Tune3 => &tune3,
            Part::Tune4 => &tune4,
            Part::Tune5 => &tune5,
            Part::Tune6 => &tune6,
            Part::Tune7 => &tune7,
            Part::Tune8 => &tune8,
            Part::Tune9 => &tune9,
            Part::Tune10 => &tune10,
            Part::Tune11 => &tune11,
            Part::Tune12 => &tune12,
            Part::Tune13 => &tune13,
            Part::Tune14 => &tune14,
            _ => &listed,
        };
        let t = tally(from, &judgements, subset);
        figures.push(Figure::proportion(
            3,
            "entities.top15_right",
            part,
            t.right,
            t.judged,
        ));
        figures.push(
            Figure::proportion(3, "entities.top15_unjudged", part, t.unjudged, t.listed)
                .lower_is_better(),
        );
        figures.push(
            Figure::proportion(3, "entities.banned", part, t.banned, t.listed).lower_is_better(),
        );
        figures.push(Figure::proportion(
            3,
            "entities.aliases_merged",
            part,
            t.merged,
            t.aliases,
        ));
    }
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_id_dates() {
        assert_eq!(
            date_from_doc_id("APW19981017.0151").as_deref(),
            Some("1998-10-17")
        );
        assert_eq!(
            date_from_doc_id("XIE19960123.0270").as_deref(),
            Some("1996-01-23")
        );
        assert_eq!(date_from_doc_id("M000"), None);
    }

    #[test]
    fn missing_labels_are_an_error() {
        let dir = std::env::temp_dir().join("newsfuse-no-entity-labels");
        assert!(read_judgements(&dir).is_err());
    }

    #[test]
    fn alias_pairs_spelled_alike_count_when_listed_once() {
        let keys: Vec<String> = ["Tovia", "U.K.", "Ola Brenn"]
            .iter()
            .map(|n| alias_key(n))
            .collect();
        assert!(alias_merged("UK", "U.K.", true, &keys));
        assert!(alias_merged("Brenn", "Ola Brenn", false, &keys));
        assert!(!alias_merged("Ola Brenn", "Brenn", false, &keys));
        let twice: Vec<String> = ["UK", "U.K"].iter().map(|n| alias_key(n)).collect();
        assert!(!alias_merged("UK", "U.K.", true, &twice));
        assert!(!alias_merged("UK", "U.K.", true, &[]));
    }

    #[test]
    fn banned_words() {
        assert!(is_banned_word("July"));
        assert!(is_banned_word("GMT"));
        assert!(!is_banned_word("Mayo"));
    }
}
