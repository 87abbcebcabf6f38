use super::*;
use crate::testutil::analysed;
use proptest::prelude::*;

fn check_selection(analysis: &Analysis, algorithm: Algorithm, budget: Budget) -> Vec<usize> {
    let config = SelectConfig {
        algorithm,
        budget,
        ..SelectConfig::default()
    };
    let picks = select(analysis, &config);
    let total: usize = picks
        .iter()
        .map(|&i| budget.cost(&analysis.sentences[i]))
        .sum();
    assert!(
        total <= budget.limit(),
        "{algorithm:?} spent {total} of {budget:?}"
    );
    assert!(
        picks.iter().all(|&i| analysis.sentences[i].candidate),
        "{algorithm:?} picked a non-candidate"
    );
    let mut distinct = picks.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        picks.len(),
        "{algorithm:?} picked a sentence twice"
    );
    assert_eq!(
        select(analysis, &config),
        picks,
        "{algorithm:?} is not deterministic"
    );
    picks
}

fn story() -> Vec<String> {
    vec![
        "Officials from twenty countries met in Rome on Tuesday to review the campaign against the militants. \
         The militants have lost much of their territory in the north, the officials said after the talks. \
         A separate meeting on finances will take place in Brussels next week, a spokesman for the group said."
            .into(),
        "Ministers from twenty countries met in Rome on Tuesday and reviewed the campaign against the militants. \
         The talks ended with a promise of more help for the unity government being formed this month. \
         Weather in the city was mild and sunny for the whole afternoon of the visit, reporters noted."
            .into(),
        "The campaign against the militants was reviewed in Rome on Tuesday by ministers from twenty countries. \
         The militants have lost much of their territory in the north, according to the ministers at the talks."
            .into(),
    ]
}

#[test]
fn every_method_respects_budgets() {
    let analysis = analysed(&story());
    for algorithm in Algorithm::ALL {
        for budget in [
            Budget::Words(0),
            Budget::Words(20),
            Budget::Words(60),
            Budget::Chars(200),
            Budget::Sentences(2),
        ] {
            check_selection(&analysis, algorithm, budget);
        }
    }
}

#[test]
fn repeats_across_articles_are_not_both_chosen() {
    let analysis = analysed(&story());
    for algorithm in Algorithm::ALL {
        let picks = check_selection(&analysis, algorithm, Budget::Words(200));
        let openers = picks
            .iter()
            .filter(|&&i| analysis.sentences[i].position == 0)
            .count();
        assert!(
            openers <= 2,
            "{algorithm:?} chose {openers} near-identical opening sentences"
        );
    }
}

#[test]
fn coverage_prefers_what_several_articles_report() {
    let analysis = analysed(&story());
    let picks = check_selection(&analysis, Algorithm::Coverage, Budget::Words(20));
    assert_eq!(picks.len(), 1);
    // The chosen sentence is one of the three reports of the meeting, not the weather or finance aside.
    assert_eq!(analysis.sentences[picks[0]].position, 0);
}

#[test]
fn lead_takes_openers_first() {
    let analysis = analysed(&story());
    let picks = check_selection(&analysis, Algorithm::Lead, Budget::Sentences(2));
    // The first article's opener, then (the other openers repeating it) a second sentence.
    assert_eq!(
        (
            analysis.sentences[picks[0]].article,
            analysis.sentences[picks[0]].position
        ),
        (0, 0)
    );
    assert_eq!(analysis.sentences[picks[1]].position, 1);
}

#[test]
fn empty_cluster_selects_nothing() {
    let analysis = analysed::<&str>(&[]);
    for algorithm in Algorithm::ALL {
        assert!(check_selection(&analysis, algorithm, Budget::Words(100)).is_empty());
    }
}

#[test]
fn names_round_trip() {
    for algorithm in Algorithm::ALL {
        assert_eq!(Algorithm::from_name(algorithm.name()), Some(algorithm));
    }
    assert_eq!(Algorithm::from_name("nope"), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn budgets_hold_on_arbitrary_clusters(
        words in proptest::collection::vec(proptest::collection::vec("[a-e]{1,6}", 6..30), 1..12),
        limit in 0usize..120,
        algorithm_idx in 0usize..7,
    ) {
        let texts: Vec<String> = words.chunks(3).map(|chunk| {
            chunk.iter().map(|w| format!("{}.", w.join(" "))).collect::<Vec<_>>().join(" ")
        }).collect();
        let analysis = analysed(&texts);
        check_selection(&analysis, Algorithm::ALL[algorithm_idx], Budget::Words(limit));
    }
}

#[test]
fn caller_given_concept_weights_steer_coverage() {
    let analysis = analysed(&[
        "Ministers from twenty countries met in Rome on Tuesday to discuss the crisis. \
         Heavy rain flooded the old harbour district overnight, officials in the port said.",
        "The ministers met in Rome to discuss the crisis and the next steps of the campaign.",
    ]);
    let config = SelectConfig {
        budget: Budget::Sentences(1),
        ..SelectConfig::default()
    };
    let rain = analysis
        .sentences
        .iter()
        .position(|s| s.candidate && s.position == 1)
        .expect("the rain sentence is a candidate");
    // Only the rain sentence's words weigh anything: it must be the pick, although the default
    // objective (cross-article support, lead prior) prefers the Rome sentences.
    let rain_terms = analysis.sentences[rain].terms.clone();
    let picks = coverage::select_weighted(
        &analysis,
        &config,
        |concept| match concept {
            coverage::Concept::Term(t) if rain_terms.contains(&t) => 1.0,
            _ => 0.0,
        },
        |_| 0.0,
    );
    assert_eq!(picks, vec![rain]);
    assert_ne!(select(&analysis, &config), vec![rain]);
    let none = coverage::select_weighted(
        &analysis,
        &SelectConfig {
            budget: Budget::Words(0),
            ..config
        },
        |_| 1.0,
        |_| 1.0,
    );
    assert!(none.is_empty());
}
