//! ILP: the exact concept-coverage optimum.
//!
//! What it does: maximises the same objective as `coverage` (weighted concepts counted once, plus
//! the lead prior) exactly, as an integer linear program: binary `x_s` per sentence and `c_k` per
//! concept, `c_k ≤ Σ_{s∋k} x_s`, `Σ cost_s x_s ≤ budget`. Solved with microlp through good_lp under
//! a wall-clock time limit: on timeout the solver's best solution so far is used (so the result
//! can depend on machine speed), and the greedy answer when it has none or fails. The candidate pool is
//! first cut to the sentences with the best greedy ratios so that the program stays small.
//! When to use: an exact reference for the greedy default; slower by orders of magnitude.
//! Reference: Gillick & Favre, "A Scalable Global Model for Summarization", ILP-NLP 2009.

use good_lp::{
    Expression, ProblemVariables, Solution, SolverModel, Variable, WithTimeLimit, constraint,
    microlp, variable,
};

use super::SelectConfig;
use super::coverage::{Objective, greedy, objective};
use crate::analyze::{Analysis, cosine};

/// Most sentences given to the solver.
const MAX_ILP_SENTENCES: usize = 120;

pub(super) fn select(analysis: &Analysis, config: &SelectConfig) -> Vec<usize> {
    let full = objective(analysis);
    let fallback = greedy(analysis, &full, config);
    let reduced = reduce(analysis, &full, config);
    solve(analysis, &reduced, config).unwrap_or(fallback)
}

/// Keeps the sentences with the highest standalone value per word.
fn reduce(analysis: &Analysis, full: &Objective, config: &SelectConfig) -> Objective {
    let mut order: Vec<usize> = (0..full.candidates.len()).collect();
    let value = |c: usize| {
        let standalone: f32 = full.prior[c]
            + full.concepts_of[c]
                .iter()
                .map(|&k| full.concept_weight[k])
                .sum::<f32>();
        standalone
            / config
                .budget
                .cost(&analysis.sentences[full.candidates[c]])
                .max(1) as f32
    };
    order.sort_by(|&a, &b| value(b).total_cmp(&value(a)).then(a.cmp(&b)));
    order.truncate(MAX_ILP_SENTENCES);
    order.sort_unstable();
    Objective {
        candidates: order.iter().map(|&c| full.candidates[c]).collect(),
        concept_weight: full.concept_weight.clone(),
        concepts_of: order.iter().map(|&c| full.concepts_of[c].clone()).collect(),
        prior: order.iter().map(|&c| full.prior[c]).collect(),
    }
}

fn solve(analysis: &Analysis, objective: &Objective, config: &SelectConfig) -> Option<Vec<usize>> {
    if objective.candidates.is_empty() {
        return Some(Vec::new());
    }
    let mut vars = ProblemVariables::new();
    let sentence_vars: Vec<Variable> = objective
        .candidates
        .iter()
        .map(|_| vars.add(variable().binary()))
        .collect();
    // Only concepts that occur in the reduced pool.
    let mut containing: Vec<Vec<usize>> = vec![Vec::new(); objective.concept_weight.len()];
    for (c, concepts) in objective.concepts_of.iter().enumerate() {
        for &k in concepts {
            containing[k].push(c);
        }
    }
    let used_concepts: Vec<usize> = (0..containing.len())
        .filter(|&k| !containing[k].is_empty())
        .collect();
    let concept_vars: Vec<Variable> = used_concepts
        .iter()
        .map(|_| vars.add(variable().binary()))
        .collect();
    let mut goal = Expression::from(0.0);
    for (c, &var) in sentence_vars.iter().enumerate() {
        goal += f64::from(objective.prior[c]) * var;
    }
    for (slot, &k) in used_concepts.iter().enumerate() {
        goal += f64::from(objective.concept_weight[k]) * concept_vars[slot];
    }
    let mut model = vars
        .maximise(goal)
        .using(microlp)
        .with_time_limit(config.ilp_seconds);
    let mut length = Expression::from(0.0);
    for (c, &var) in sentence_vars.iter().enumerate() {
        length += config
            .budget
            .cost(&analysis.sentences[objective.candidates[c]]) as f64
            * var;
    }
    model = model.with(constraint!(length <= config.budget.limit() as f64));
    for (slot, &k) in used_concepts.iter().enumerate() {
        let mut cover = Expression::from(0.0);
        for &c in &containing[k] {
            cover += sentence_vars[c];
        }
        model = model.with(constraint!(concept_vars[slot] <= cover));
    }
    // Sentences that say the same thing exclude each other, as in the greedy methods.
    for a in 0..sentence_vars.len() {
        for b in a + 1..sentence_vars.len() {
            let (sa, sb) = (
                &analysis.sentences[objective.candidates[a]],
                &analysis.sentences[objective.candidates[b]],
            );
            if cosine(&sa.vector, &sb.vector) > config.redundancy {
                model = model.with(constraint!(sentence_vars[a] + sentence_vars[b] <= 1));
            }
        }
    }
    let solution = model.solve().ok()?;
    let chosen: Vec<usize> = sentence_vars
        .iter()
        .enumerate()
        .filter(|&(_, &var)| solution.value(var) > 0.5)
        .map(|(c, _)| objective.candidates[c])
        .collect();
    Some(chosen)
}
