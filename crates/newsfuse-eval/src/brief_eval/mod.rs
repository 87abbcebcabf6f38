//! `newsfuse eval-brief`: how far a reader can trust the brief, measured on evaluation sets built
//! before tuning (issue "A brief a reader can trust").
//!
//! One module per figure of the issue's targets; each reads the research-only texts from
//! `../shared` (passed in as [`BriefEvalConfig::shared`]) and the project's own judgements of them
//! (ids, values, verdicts; never text) from `eval/brief/` in the repository
//! ([`BriefEvalConfig::labels`]). Every module reports [`Figure`]s for the tune part and the
//! holdout part of a fixed split ([`crate::quality::Subset`], a hash of the cluster id) and for
//! both together, each with its count and a 95% interval.
//!
//! | target | module |
//! |---|---|
//! | 1. disagreements (planted changes, flag precision, updates) | [`disagreements`] |
//! | 2. quote speakers | [`quotes`] |
//! | 3. entities | [`entities`] |
//! | 4. event date | [`when`] |
//! | 5. support, copies, furniture and repeated facts | [`support`] |
//! | 6. summary openings that point outside the summary | [`openings`] |
//! | 7. cost of a brief against its summary | [`cost`] |

pub mod cost;
pub mod disagreements;
pub mod entities;
pub mod openings;
pub mod quotes;
pub mod support;
pub mod when;

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use crate::quality::Subset;

/// Where the evaluation data lives.
#[derive(Debug, Clone)]
pub struct BriefEvalConfig {
    /// The shared folder (`../shared`): `eval/` and `seeds/` below it. Read only.
    pub shared: PathBuf,
    /// The repository's `eval/brief/` folder: hand judgements and planted-change specs.
    pub labels: PathBuf,
}

/// Which part of the fixed split a figure is computed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// The part methods were tuned on.
    Tune,
    /// The held-apart part, never tuned on.
    Holdout,
    /// Extra tuning clusters outside the fixed evaluation set (disagreements: more unchanged news
    /// to judge flags on than the tune part holds; event dates: more event clusters). Never part
    /// of `All`.
    Tune2,
    /// A third tuning part outside the fixed evaluation set (entities: more tune-part clusters
    /// judged with the code as it stood before any rule was fitted to them). Never part of `All`.
    Tune3,
    /// A fourth tuning part outside the fixed evaluation set (entities: tune-part clusters judged
    /// with the code as it stood before any rule was fitted to them). Never part of `All`.
    Tune4,
    /// A fifth tuning part outside the fixed evaluation set (entities: tune-part clusters judged
    /// with the code as it stood before any rule was fitted to them). Never part of `All`.
    Tune5,
    /// A sixth tuning part outside the fixed evaluation set (entities: tune-part clusters judged
    /// with the code as it stood before any rule was fitted to them). Never part of `All`.
    Tune6,
    /// A seventh tuning part outside the fixed evaluation set (entities: tune-part clusters
    /// judged with the code as it stood before any rule was fitted to them). Never part of `All`.
    Tune7,
    /// An eighth tuning part outside the fixed evaluation set (entities: tune-part clusters
    /// judged with the code as it stood before any rule was fitted to them). Never part of `All`.
    Tune8,
    /// A ninth tuning part outside the fixed evaluation set (entities: tune-part clusters
    /// judged with the code as it stood before any rule was fitted to them). Never part of `All`.
    Tune9,
    /// A tenth tuning part outside the fixed evaluation set (entities: tune-part clusters
    /// judged with the code as it stood before any rule was fitted to them). Never part of `All`.
    Tune10,
    /// An eleventh tuning part outside the fixed evaluation set (entities: tune-part clusters
    /// judged with the code as it stood before any rule was fitted to them). Never part of `All`.
    Tune11,
    /// A twelfth tuning part outside the fixed evaluation set (entities: tune-part clusters
    /// judged with the code as it stood before any rule was fitted to them). Never part of `All`.
    Tune12,
    /// A thirteenth tuning part outside the fixed evaluation set (entities: tune-part clusters
    /// judged with the code as it stood before any rule was fitted to them). Never part of `All`.
    Tune13,
    /// A fourteenth tuning part outside the fixed evaluation set (entities: tune-part clusters
    /// judged with the code as it stood before any rule was fitted to them). Never part of `All`.
    Tune14,
    /// Quotes: the labels of selection rule `M` (pages of a source no earlier rule drew from),
    /// measured with the code as it stands and never tuned on. Never part of `Tune`, `Holdout` or
    /// `All`.
    M,
    /// Quotes: the labels of selection rule `N` (pages of a source no earlier rule drew from,
    /// then unlabelled tune-part web clusters), measured before any rule was fitted to them.
    /// Never part of `Tune`, `Holdout` or `All`.
    N,
    /// Quotes: the labels of selection rule `O` (news: unlabelled tune-part Multi-News dev clusters,
    /// then unlabelled articles of tune-part DUC clusters), measured before any rule was fitted to
    /// them. Never part of `Tune`, `Holdout` or `All`.
    O,
    /// Quotes: the labels of selection rule `P` (pages of an extraction benchmark after rule `L`'s,
    /// then unlabelled tune-part web clusters), measured before any rule was fitted to them.
    /// Never part of `Tune`, `Holdout` or `All`.
    P,
    /// Quotes: the labels of selection rule `Q` (pages of an extraction benchmark after rule `P`'s,
    /// then unlabelled tune-part web clusters), measured before any rule was fitted to them.
    /// Never part of `Tune`, `Holdout` or `All`.
    Q,
    /// Quotes: the labels of selection rule `R` (pages of an extraction benchmark after rule `K`'s,
    /// then unlabelled tune-part web clusters), measured before any rule was fitted to them.
    /// Never part of `Tune`, `Holdout` or `All`.
    R,
    /// Quotes: the labels of selection rule `S` (pages of an extraction benchmark after rule `R`'s,
    /// then unlabelled tune-part web clusters), measured before any rule was fitted to them.
    /// Never part of `Tune`, `Holdout` or `All`.
    S,
    /// Both parts together.
    All,
}

impl Part {
    /// The clusters of this part, by the fixed split of [`Subset`].
    pub fn subset(self) -> Subset {
        match self {
            Part::Tune => Subset::Tune,
            Part::Holdout => Subset::Holdout,
            // Its clusters are a separate list, every one of them tuned on.
            Part::All
            | Part::Tune2
            | Part::Tune3
            | Part::Tune4
            | Part::Tune5
            | Part::Tune6
            | Part::Tune7
            | Part::Tune8
            | Part::Tune9
            | Part::Tune10
            | Part::Tune11
            | Part::Tune12
            | Part::Tune13
            | Part::Tune14
            | Part::M
            | Part::N
            | Part::O
            | Part::P
            | Part::Q
            | Part::R
            | Part::S => Subset::All,
        }
    }

    /// The name printed in the table.
    pub fn name(self) -> &'static str {
        match self {
            Part::Tune => "tune",
            Part::Holdout => "holdout",
            Part::Tune2 => "tune2",
            Part::Tune3 => "tune3",
            Part::Tune4 => "tune4",
            Part::Tune5 => "tune5",
            Part::Tune6 => "tune6",
            Part::Tune7 => "tune7",
            Part::Tune8 => "tune8",
            Part::Tune9 => "tune9",
            Part::Tune10 => "tune10",
            Part::Tune11 => "tune11",
            Part::Tune12 => "tune12",
            Part::Tune13 => "tune13",
            Part::Tune14 => "tune14",
            Part::M => "m",
            Part::N => "n",
            Part::O => "o",
            Part::P => "p",
            Part::Q => "q",
            Part::R => "r",
            Part::S => "s",
            Part::All => "all",
        }
    }
}

/// One measured figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The issue's target number, 1..=7.
    pub target: u8,
    /// A stable name, used by the floors file (e.g. `disagreements.recall.digits`).
    pub name: String,
    /// The split part.
    pub part: Part,
    /// The value (a proportion in 0..=1, a ratio, or milliseconds, as `unit` says).
    pub value: f64,
    /// What `value` counts: `k/n` for a proportion (`successes`, `n`), else `n` items.
    pub successes: Option<usize>,
    /// How many items the figure is computed over.
    pub n: usize,
    /// 95% interval, when one is meaningful.
    pub interval: Option<(f64, f64)>,
    /// Unit, for the table: `""` for proportions, `"x"` for ratios, `"ms"` and so on.
    pub unit: &'static str,
    /// True when a larger value is better (a floor), false when smaller is better (a ceiling).
    pub higher_is_better: bool,
}

impl Figure {
    /// A proportion `k / n` with its Wilson 95% interval. `n == 0` gives a value of 0 with no
    /// interval.
    pub fn proportion(target: u8, name: &str, part: Part, k: usize, n: usize) -> Figure {
        let value = if n == 0 { 0.0 } else { k as f64 / n as f64 };
        Figure {
            target,
            name: name.to_string(),
            part,
            value,
            successes: Some(k),
            n,
            interval: (n > 0).then(|| wilson(k, n)),
            unit: "",
            higher_is_better: true,
        }
    }

    /// The same figure where smaller is better (a share of errors).
    #[must_use]
    pub fn lower_is_better(mut self) -> Figure {
        self.higher_is_better = false;
        self
    }
}

/// Wilson score interval for `k` successes in `n` trials at 95%.
pub fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let z = 1.959_963_984_540_054_f64;
    let n_f = n as f64;
    let p = k as f64 / n_f;
    let denom = 1.0 + z * z / n_f;
    let centre = p + z * z / (2.0 * n_f);
    let half = z * (p * (1.0 - p) / n_f + z * z / (4.0 * n_f * n_f)).sqrt();
    (
        ((centre - half) / denom).max(0.0),
        ((centre + half) / denom).min(1.0),
    )
}

/// A module that could not run (its data is missing or malformed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvalProblem {
    /// Which module.
    pub module: &'static str,
    /// What went wrong.
    pub message: String,
}

/// The names of the modules, in table order; `--only` takes these.
pub const MODULES: [&str; 7] = [
    "disagreements",
    "quotes",
    "entities",
    "when",
    "support",
    "openings",
    "cost",
];

/// Runs the named modules (all when `only` is empty) and gathers their figures.
pub fn run(config: &BriefEvalConfig, only: &[String]) -> (Vec<Figure>, Vec<EvalProblem>) {
    let mut figures = Vec::new();
    let mut problems = Vec::new();
    for module in MODULES {
        if !only.is_empty() && !only.iter().any(|m| m == module) {
            continue;
        }
        let outcome = match module {
            "disagreements" => disagreements::run(config),
            "quotes" => quotes::run(config),
            "entities" => entities::run(config),
            "when" => when::run(config),
            "support" => support::run(config),
            "openings" => openings::run(config),
            _ => cost::run(config),
        };
        match outcome {
            Ok(mut f) => figures.append(&mut f),
            Err(message) => problems.push(EvalProblem { module, message }),
        }
    }
    (figures, problems)
}

/// The figures as a plain-text table, grouped by target.
pub fn render_table(figures: &[Figure]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<3} {:<44} {:<8} {:>9} {:>11} {:>17}",
        "#", "figure", "part", "value", "count", "95% interval"
    );
    for f in figures {
        let count = match f.successes {
            Some(k) => format!("{k}/{}", f.n),
            None => f.n.to_string(),
        };
        let interval = f
            .interval
            .map(|(lo, hi)| format!("[{lo:.3}, {hi:.3}]"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<3} {:<44} {:<8} {:>9} {:>11} {:>17}",
            f.target,
            f.name,
            f.part.name(),
            format!("{:.3}{}", f.value, f.unit),
            count,
            interval
        );
    }
    out
}

/// A floor (or ceiling) from `eval/brief/floors.tsv`: `name<TAB>part<TAB>bound` per line, `#`
/// comments. A figure missing from the run fails too.
#[derive(Debug, Clone, PartialEq)]
pub struct Floor {
    /// Figure name.
    pub name: String,
    /// Split part.
    pub part: Part,
    /// The bound: a minimum for higher-is-better figures, a maximum otherwise.
    pub bound: f64,
}

/// Parses the floors file.
pub fn parse_floors(text: &str) -> Result<Vec<Floor>, String> {
    let mut floors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [name, part, bound] = cols[..] else {
            return Err(format!("line {}: expected name<TAB>part<TAB>bound", i + 1));
        };
        let part = match part {
            "tune" => Part::Tune,
            "holdout" => Part::Holdout,
            "tune2" => Part::Tune2,
            "tune3" => Part::Tune3,
            "tune4" => Part::Tune4,
            "tune5" => Part::Tune5,
            "tune6" => Part::Tune6,
            "tune7" => Part::Tune7,
            "tune8" => Part::Tune8,
            "tune9" => Part::Tune9,
            "tune10" => Part::Tune10,
            "tune11" => Part::Tune11,
            "tune12" => Part::Tune12,
            "tune13" => Part::Tune13,
            "tune14" => Part::Tune14,
            "m" => Part::M,
            "n" => Part::N,
            "o" => Part::O,
            "p" => Part::P,
            "q" => Part::Q,
            "r" => Part::R,
            "s" => Part::S,
            "all" => Part::All,
            other => return Err(format!("line {}: unknown part {other:?}", i + 1)),
        };
        let bound: f64 = bound
            .parse()
            .map_err(|_| format!("line {}: bound {bound:?} is not a number", i + 1))?;
        floors.push(Floor {
            name: name.to_string(),
            part,
            bound,
        });
    }
    Ok(floors)
}

/// The floors a run breaks: a figure below its floor (above its ceiling), or missing.
pub fn check_floors(figures: &[Figure], floors: &[Floor]) -> Vec<String> {
    let mut failures = Vec::new();
    for floor in floors {
        match figures
            .iter()
            .find(|f| f.name == floor.name && f.part == floor.part)
        {
            None => failures.push(format!(
                "{} ({}): not measured",
                floor.name,
                floor.part.name()
            )),
            Some(f) if f.higher_is_better && f.value < floor.bound => failures.push(format!(
                "{} ({}): {:.3} is below the floor {:.3}",
                f.name,
                f.part.name(),
                f.value,
                floor.bound
            )),
            Some(f) if !f.higher_is_better && f.value > floor.bound => failures.push(format!(
                "{} ({}): {:.3} is above the ceiling {:.3}",
                f.name,
                f.part.name(),
                f.value,
                floor.bound
            )),
            Some(_) => {}
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_brackets_the_proportion() {
        let (lo, hi) = wilson(45, 50);
        assert!(lo < 0.9 && hi > 0.9 && lo > 0.75 && hi < 0.97, "{lo} {hi}");
        assert_eq!(wilson(0, 0), (0.0, 1.0));
        let (lo, hi) = wilson(10, 10);
        assert!(hi <= 1.0 && lo > 0.65);
    }

    #[test]
    fn floors_parse_and_fail_below_bound_or_when_missing() {
        let floors = parse_floors("# comment\nq.right\tholdout\t0.9\nc.ratio\tall\t3\n").unwrap();
        assert_eq!(floors.len(), 2);
        let mut ratio = Figure::proportion(7, "c.ratio", Part::All, 0, 1).lower_is_better();
        ratio.value = 3.5;
        let figures = vec![
            Figure::proportion(2, "q.right", Part::Holdout, 8, 10),
            ratio,
        ];
        let failures = check_floors(&figures, &floors);
        assert_eq!(failures.len(), 2, "{failures:?}");
        let ok = vec![Figure::proportion(2, "q.right", Part::Holdout, 9, 10)];
        assert_eq!(check_floors(&ok, &floors[..1]), Vec::<String>::new());
        assert_eq!(check_floors(&[], &floors[..1]).len(), 1);
        assert!(parse_floors("a\tsome\t1").is_err());
        assert!(parse_floors("a\tall\tx").is_err());
    }
}
