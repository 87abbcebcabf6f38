#!/usr/bin/env python3
"""Regenerate the rouge-score fixtures of newsfuse-rouge (mode 1).

    python3 -m venv /tmp/rougevenv && /tmp/rougevenv/bin/pip install rouge-score==0.1.2 nltk
    /tmp/rougevenv/bin/python make_fixture.py [--tac PATH/tac2011_multiling_en.jsonl]

Writes, next to this script:
- rouge_score_pairs.json: {"cases": [{name, use_stemmer, references, prediction, expected}]}
  where expected = rouge_scorer.RougeScorer(["rouge1","rouge2","rougeL","rougeLsum"],
  use_stemmer).score_multi(references, prediction), as {type: [P, R, F]}.
- nltk_porter_words.json: {"words": [[word, PorterStemmer().stem(word)], ...]}.

Texts: the hand-written cases below, plus texts from the TAC 2011 MultiLing English set
(WikiNews articles, CC BY 2.5; the corpus is CC BY 3.0; see /work/shared/eval/PROVENANCE.md):
each cluster's three reference summaries are the references, and the predictions are the lead
of the first article, the first sentence of every article, and a reference scored against the
others. For ROUGE-Lsum every text is put one sentence per line (split after [.!?] + space).
The Rust tests read only the JSON files; Python is needed only to regenerate them.
"""
import argparse, json, os, re, sys

import nltk
import rouge_score
from nltk.stem import porter
from rouge_score import rouge_scorer, tokenize

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TAC = "/work/shared/eval/tac2011_multiling_en.jsonl"
KEYS = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
SPLIT = re.compile(r"(?<=[.!?])\s+")

HANDWRITTEN = [
    ("plain", ["The cat sat on the mat."], "The cat was sitting on the mat."),
    ("reordered", ["police arrested the suspect on monday"], "on monday the suspect arrested police"),
    ("empty_prediction", ["Something happened here."], ""),
    ("empty_reference", [""], "Something happened here."),
    ("both_empty", [""], ""),
    ("punctuation_only", ["!!! ... ???"], "--- ,,, ;;;"),
    ("numbers", ["The quake of 7.9 magnitude killed 1,200 people in 2008."],
     "A 7.9-magnitude quake in 2008 killed 1200 people."),
    ("hyphens_apostrophes", ["The co-operative's long-term plan wasn't approved."],
     "Co-operative members didn't approve the long term plan."),
    ("non_ascii", ["Zürich's café served crème brûlée; naïve Ångström fans queued."],
     "In Zurich, a cafe served creme brulee to naive fans of Angstrom."),
    ("kelvin_and_dotted_i", ["\u212aelvin met \u0130stanbul officials"],
     "kelvin met istanbul officials"),
    ("cjk_and_emoji", ["東京 2020 Olympics 🎉 were delayed"], "The 2020 Olympics in Tokyo were delayed 🎉"),
    ("short_words_not_stemmed", ["Cats dogs ties lies was has his its"],
     "cat dog tie lie wa ha hi it"),
    ("stemming_matters", ["The companies were generously connecting nationalized networks."],
     "A company generously connected its national network."),
    ("repeated_tokens", ["the the the cat"], "the cat the cat the cat"),
    ("multi_line", ["The storm hit the coast.\nThousands fled their homes.\nPower was cut."],
     "Thousands fled.\nThe storm hit the coast and power was cut."),
    ("multi_line_blank_lines", ["\n\nFirst line here.\n\n\nSecond line there.\n"],
     "Second line here.\n\nFirst line there."),
    ("lsum_double_count", ["a b c d\na b c d"], "a b c d a b c d\nd c b a"),
    ("lsum_ties", ["a b a b a\nb a b"], "b a b a\na b b a a\nb"),
    ("crlf", ["Line one.\r\nLine two."], "line two\r\nline one"),
    ("tabs_spaces", ["words\tseparated   by\u00a0odd\u2003spaces"], "words separated by odd spaces"),
    ("multiple_refs_first_best", ["the cat sat", "the cat sat"], "the cat sat down"),
    ("multiple_refs_differ_per_type",
     ["the mayor opened the new bridge on friday",
      "friday bridge new opened mayor the",
      "on friday the city opened a bridge"],
     "the mayor opened a new bridge on friday"),
    ("multiple_refs_with_empty", ["", "Rain fell in the north."], "Heavy rain fell in the north."),
    ("case_folding", ["NASA LAUNCHED The ROCKET"], "nasa launched the rocket"),
    ("underscores_digits", ["snake_case and x86_64 or 3rd-party v2.0"], "snake case x86 64 3rd party v2 0"),
]


def lsum(text):
    return "\n".join(s for s in SPLIT.split(text.strip()) if s)


def tac_cases(path):
    cases = []
    for line in open(path, encoding="utf-8"):
        ex = json.loads(line)
        refs = [lsum(r) for r in ex["summaries"]]
        docs = ex["documents"]
        lead_words = " ".join(docs[0].split()[:250])
        firsts = [SPLIT.split(d.strip().split("\n\n")[-1].strip())[0] for d in docs]
        cases.append((f"tac_{ex['id']}_lead250", refs, lsum(lead_words)))
        cases.append((f"tac_{ex['id']}_first_sentences", refs, "\n".join(firsts)))
        cases.append((f"tac_{ex['id']}_ref0_vs_rest", refs[1:], refs[0]))
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tac", default=DEFAULT_TAC)
    a = ap.parse_args()
    scorers = {b: rouge_scorer.RougeScorer(KEYS, use_stemmer=b) for b in (False, True)}
    out = []
    for name, refs, pred in HANDWRITTEN + tac_cases(a.tac):
        for stem in (False, True):
            s = scorers[stem].score_multi(refs, pred)
            out.append({
                "name": name, "use_stemmer": stem, "references": refs, "prediction": pred,
                "expected": {k: [s[k].precision, s[k].recall, s[k].fmeasure] for k in KEYS},
            })
    meta = {"generator": "make_fixture.py", "rouge_score": "0.1.2", "nltk": nltk.__version__,
            "text_sources": "hand-written; TAC 2011 MultiLing English (WikiNews, CC BY 2.5)"}
    with open(os.path.join(HERE, "rouge_score_pairs.json"), "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "cases": out}, f, ensure_ascii=False, indent=0)
        f.write("\n")

    words = set()
    for line in open(a.tac, encoding="utf-8"):
        ex = json.loads(line)
        for t in ex["documents"] + ex["summaries"]:
            words.update(tokenize.tokenize(t, None))
    words.update(["dying", "skies", "sky", "ties", "died", "cried", "spied", "enjoy", "analogi",
                  "generalizations", "controlling", "feed", "agreed", "hopping", "tanned",
                  "falling", "hissing", "fizzed", "failing", "filing", "yyyy", "syzygy", "toy",
                  "innings", "succeed", "proceeding", "exceedingly", "happily", "fully",
                  "fulli", "conditionally", "archaeology", "relativity", "sensibiliti"])
    stemmer = porter.PorterStemmer()
    pairs = [[w, stemmer.stem(w)] for w in sorted(words)]
    with open(os.path.join(HERE, "nltk_porter_words.json"), "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "words": pairs}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{len(out)} pair cases, {len(pairs)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
