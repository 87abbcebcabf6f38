#!/usr/bin/env bash
# Runs sumy's summarizers (../shared/peers/peer_sumy.py) and newsfuse on the same clusters, scores
# both with newsfuse's ROUGE (equal to rouge-score / ROUGE-1.5.5, see crates/newsfuse-rouge), and
# prints one table plus the single-thread CPU ratio of each peer to newsfuse's default method.
#
#   bench/compare_peers.sh [DATA.jsonl] [WORDS] [ALGOS...]
#   e.g. bench/compare_peers.sh ../shared/eval/multinews_full_dev.jsonl 300 lead lexrank sumbasic
#
# Needs Python 3 (a venv with sumy is made under ${PEERS_VENV:-/tmp/peers} if missing) and the
# ../shared folder. Peer summaries and newsfuse outputs go to ${OUT:-/tmp/newsfuse-compare}; only
# numbers are printed (the news text is research-use only and must not be committed).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/eval/multinews_full_dev.jsonl}
words=${2:-300}
shift $(( $# > 2 ? 2 : $# ))
algos=("${@:-lead lexrank textrank lsa luhn sumbasic}")
read -r -a algos <<< "${algos[*]}"
venv=${PEERS_VENV:-/tmp/peers}
out=${OUT:-/tmp/newsfuse-compare}
mkdir -p "$out"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet sumy==0.13.0 nupunkt==0.8.0
fi
# sumy's LexRank, TextRank and LSA need NumPy, which sumy does not install itself.
"$venv/bin/python" -c 'import numpy' 2>/dev/null || "$venv/bin/pip" install --quiet numpy==2.4.6
cargo build --release --quiet -p newsfuse-cli

peers="$out/peers.jsonl"
: > "$peers"
for algo in "${algos[@]}"; do
  system=$([ "$algo" = lead ] && echo lead || echo "sumy-$algo")
  "$venv/bin/python" ../shared/peers/peer_sumy.py --algo "$algo" --budget-words "$words" < "$data" \
    | "$venv/bin/python" -c '
import json, sys
name, failed = sys.argv[1], 0
for line in sys.stdin:
    row = json.loads(line); row["system"] = name; print(json.dumps(row))
    failed += not row.get("summary", "").strip()
if failed:
    sys.exit(f"compare_peers: {name} gave no summary for {failed} clusters (see its errors above)")
' "$system" >> "$peers"
done

rouge=(--rouge score)
case "$data" in *duc*) rouge=(--rouge perl155 --rouge-flags "-n 4 -m -a -l $words -x -c 95 -r 1000 -f A -p 0.5 -t 0 -2 4 -u");; esac
./target/release/newsfuse eval --data "$data" --words "$words" --algorithm all --threads 1 \
  "${rouge[@]}" --peers "$peers" --out "$out" --json > "$out/table.json"
./target/release/newsfuse eval --data "$data" --words "$words" --algorithm all --threads 1 \
  "${rouge[@]}" --peers "$peers" | tee "$out/table.txt"

# The speed ratio comes from seven separate runs of the default method alone (their median: the
# shared 2-core machine swings a single 0.1 s run by +-25%), each in a fresh process:
# in the table's one-process run, the methods after the first find the per-thread stem cache and
# the regex automata already filled by the others (warm), which flatters them.
for run in 1 2 3 4 5 6 7; do
  ./target/release/newsfuse eval --data "$data" --words "$words" --algorithm coverage --threads 1 \
    "${rouge[@]}" --json > "$out/speed_$run.json"
done

python3 - "$out/table.json" "$out"/speed_*.json <<'PY'
import json, statistics, sys
rows = json.load(open(sys.argv[1]))
cpu = {r["system"]: r["total_seconds"] for r in rows if r.get("total_seconds")}
runs = [json.load(open(path))[0] for path in sys.argv[2:]]
fresh = sorted(run["total_seconds"] for run in runs)
startup = sorted(run.get("startup_seconds") or 0.0 for run in runs)
ours = statistics.median(fresh)
print("\nsingle-thread CPU, whole run (summarizing only); newsfuse-coverage = median of",
      len(fresh), "fresh-process runs", [round(s, 4) for s in fresh])
lexrank = cpu.get("sumy-lexrank")
print("newsfuse start-up (regex compilation and the first cluster, untimed, once per process):",
      [round(s, 4) for s in startup], "s" + (
          f"; counting it too, sumy LexRank / newsfuse = "
          f"{lexrank / (ours + statistics.median(startup)):.1f}x" if lexrank else ""))
cpu["newsfuse-coverage"] = ours
for name, seconds in sorted(cpu.items(), key=lambda kv: kv[1]):
    ratio = f"{seconds / ours:8.1f}x newsfuse-coverage" if ours else ""
    print(f"  {name:<22} {seconds:9.4f} s  {ratio}")
PY
