#!/usr/bin/env bash
# compare.sh times whole processes over one synthetic corpus (built from
# testdata/articles by testdata/gencorpus) and prints their speed and the
# ratios between them: newsann with one worker and with two, newsann with
# the lexicon alone, the dictionary-scan floor (grep -F -w -o over every
# name of the lexicon), and prose's statistical NER with its model loaded
# once. It also times one article through the CLI, start-up included,
# pinned to one CPU and not.
#
#   testdata/bench/compare.sh              # 4 MB corpus, 3 runs each
#   SIZE=16MB RUNS=5 testdata/bench/compare.sh
#
# Single-worker commands run pinned to one CPU (taskset) when it exists,
# so their wall time is one core's. Figures are medians of RUNS runs.
# Run it on a quiet machine: see docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZE=${SIZE:-4MB}
PROSE_SIZE=${PROSE_SIZE:-256KB} # prose runs at about 0.06 MB/s
RUNS=${RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

make -s build
go run ./testdata/gencorpus -size "$SIZE" -o "$tmp/corpus.jsonl"
go run ./testdata/gencorpus -size "$SIZE" -dir "$tmp/corpus"
go run ./testdata/gencorpus -size "$PROSE_SIZE" -dir "$tmp/small"
cat "$tmp"/corpus/*.txt >"$tmp/corpus.txt"
bin/newsann lexicon names >"$tmp/names.txt"
go build -o "$tmp/prosener" ./testdata/bench/prosener
article=testdata/articles/germany-election-merz.txt # 3.4 KB

one=()
if command -v taskset >/dev/null; then one=(taskset -c 0); fi

bytes() { cat "$@" | wc -c; }

# measure NAME BYTES CMD...: the median wall seconds (clock read around
# the command) and CPU seconds (GNU time, to 10 ms) of RUNS runs, and the
# peak resident memory.
declare -A mbs
measure() {
  local name=$1 size=$2
  shift 2
  local walls=() cpus=() peak=0
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s.%N)
    /usr/bin/time -f '%U %S %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || {
      echo "$name failed:" >&2
      cat "$tmp/err" >&2
      exit 1
    }
    t1=$(date +%s.%N)
    read -r user sys rss <"$tmp/time"
    walls+=("$(echo "$t1 - $t0" | bc)")
    cpus+=("$(echo "$user + $sys" | bc)")
    ((rss > peak)) && peak=$rss
  done
  local wall cpu
  wall=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(((RUNS + 1) / 2))p")
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "$(((RUNS + 1) / 2))p")
  mbs[$name]=$(echo "scale=3; $size / 1000000 / $wall" | bc)
  printf '%-24s %8.2f MB %8.3f s wall %8.3f s cpu %9.3f MB/s %7d MiB\n' \
    "$name" "$(echo "scale=3; $size / 1000000" | bc)" "$wall" "$cpu" "${mbs[$name]}" $((peak / 1024))
}

big=$(bytes "$tmp/corpus.txt")
small=$(bytes "$tmp"/small/*.txt)
echo "corpus: $big bytes ($SIZE), $(wc -l <"$tmp/names.txt") lexicon names; $RUNS runs each, medians"
measure newsann-1 "$big" "${one[@]}" bin/newsann annotate -j 1 -o jsonl "$tmp/corpus.jsonl"
measure newsann-2 "$big" bin/newsann annotate -j 2 -o jsonl "$tmp/corpus.jsonl"
measure newsann-lexicon-only "$big" "${one[@]}" bin/newsann --no-default-rules annotate -j 1 -o jsonl "$tmp/corpus.jsonl"
measure grep-floor "$big" "${one[@]}" grep -F -w -o -f "$tmp/names.txt" "$tmp/corpus.txt"
measure prose-ner "$small" "${one[@]}" "$tmp/prosener" "$tmp"/small/*.txt

ratio() { echo "scale=2; ${mbs[$1]} / ${mbs[$2]}" | bc; }
echo
echo "newsann (1 worker) / prose NER:   $(ratio newsann-1 prose-ner)x"
echo "grep floor / newsann (1 worker):  $(ratio grep-floor newsann-1)x"
echo "newsann 2 workers / 1 worker:     $(ratio newsann-2 newsann-1)x"

# One article through the CLI, start-up included. The shell reads the
# clock itself ($EPOCHREALTIME, bash 5) and the loop is pinned as a
# whole, so a run's figure holds no other process's start: GNU time's,
# taskset's and date's each cost a few milliseconds on a virtual machine,
# as much as what is measured.
article_ms() {
  "$@" bash -c 'for _ in $(seq "$1"); do
      s=$EPOCHREALTIME; bin/newsann annotate "$2" >/dev/null; e=$EPOCHREALTIME
      echo "($e - $s) * 1000" | bc
    done' _ "$((RUNS * 5))" "$article" | sort -g | sed -n "$(((RUNS * 5 + 1) / 2))p"
}
if [ -n "${EPOCHREALTIME:-}" ]; then
  peak=$(/usr/bin/time -f %M bin/newsann annotate "$article" 2>&1 >/dev/null)
  printf 'one article (%d bytes), start-up included: %.1f ms pinned, %.1f ms free (medians of %d); peak %d MiB\n' \
    "$(bytes $article)" "$(article_ms "${one[@]}")" "$(article_ms)" "$((RUNS * 5))" "$((peak / 1024))"
fi

# The two-worker speed-up, and what the machine allows, in runs taken in
# turn: the machine's speed drifts between minutes, so the ratios above,
# of runs taken one command after the other, can mislead. The ceiling is
# two single-worker processes at once, one on each core, against one
# alone: two cores that slow each other (as the siblings of one physical
# core do) cap any program's two-worker speed-up there.
if [ ${#one[@]} -gt 0 ] && [ "$(nproc)" -ge 2 ]; then
  wall() {
    local t0
    t0=$(date +%s.%N)
    "$@" >/dev/null
    echo "$(date +%s.%N) - $t0" | bc
  }
  median() { sort -g | sed -n "$(((RUNS + 1) / 2))p"; }
  speedups=() ceilings=()
  j1=(taskset -c 0 bin/newsann annotate -j 1 -o jsonl "$tmp/corpus.jsonl")
  for _ in $(seq "$RUNS"); do
    alone=$(wall "${j1[@]}")
    two=$(wall bin/newsann annotate -j 2 -o jsonl "$tmp/corpus.jsonl")
    both=$(wall sh -c '"$@" & taskset -c 1 bin/newsann annotate -j 1 -o jsonl "$0" >/dev/null; wait' "$tmp/corpus.jsonl" "${j1[@]}")
    speedups+=("$(echo "scale=3; $alone / $two" | bc)")
    ceilings+=("$(echo "scale=3; 2 * $alone / $both" | bc)")
  done
  echo "newsann 2 workers / 1 worker, in turn:  $(printf '%s\n' "${speedups[@]}" | median)x (median of $RUNS)"
  echo "two 1-worker processes at once / one:   $(printf '%s\n' "${ceilings[@]}" | median)x (the machine's ceiling)"
fi
