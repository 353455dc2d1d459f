#!/usr/bin/env bash
# paired.sh compares one Go benchmark between a commit and the working
# tree, on a shared machine: it builds both test binaries, runs them in
# turn (A B, B A, A B, ...) pinned to one core, and prints each side's median
# ns/op and their ratio (above 1: the working tree is faster). Pairing
# keeps the ratio meaningful when the machine's speed drifts; a single
# run's MB/s does not.
#
#   testdata/bench/paired.sh HEAD~1                          # BenchmarkAnnotate, 5 pairs
#   testdata/bench/paired.sh HEAD~1 'BenchmarkStage/rules$' 7
#   NEWSANN_BENCH_CORPUS=../shared/eval/news-raw/articles-2023-03.jsonl \
#     testdata/bench/paired.sh main
#   PKG=./annotate/check testdata/bench/paired.sh HEAD~3 'BenchmarkAnnotateAndCheck$'
#   CPU=1 testdata/bench/paired.sh HEAD~1    # pinned to core 1 (default 0)
#
# A change to a rules or time YAML file must be followed by `go generate`
# before it is measured: the binaries embed the generated .bin files.
#
# Both sides are built with their own tree's cmd/newsann/default.pgo when
# it has one, as `make bench` and the CLI are; PGO=off builds both
# without it, to measure a code change alone.
set -euo pipefail
cd "$(dirname "$0")/../.."

rev=${1:?usage: paired.sh REV [BENCH-REGEXP] [PAIRS]}
bench=${2:-'BenchmarkAnnotate$'}
pairs=${3:-5}
pkg=${PKG:-./annotate}

tmp=$(mktemp -d)
cleanup() {
  git worktree remove --force "$tmp/base" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

git worktree add -q --detach "$tmp/base" "$rev"
# Each side is built as its CLI is: with the profile its tree keeps for
# profile-guided optimisation, cmd/newsann/default.pgo, if it has one
# (PGO=off builds both without).
pgo() {
  if [ "${PGO:-}" != off ] && [ -f "$1/cmd/newsann/default.pgo" ]; then
    echo "-pgo=$1/cmd/newsann/default.pgo"
  else
    echo "-pgo=off"
  fi
}
(cd "$tmp/base" && go test "$(pgo "$tmp/base")" -c -o "$tmp/a.test" "$pkg")
go test "$(pgo "$PWD")" -c -o "$tmp/b.test" "$pkg"

one=()
if command -v taskset >/dev/null; then one=(taskset -c "${CPU:-0}"); fi
dir=$(go list -f '{{.Dir}}' "$pkg")

# run BIN: one benchmark run's ns/op.
run() {
  (cd "$dir" && "${one[@]}" "$1" -test.run '^$' -test.bench "$bench" -test.cpu 1 -test.benchtime 3x) |
    awk '/^Benchmark/ {print $3; exit}'
}

# Each side goes first in every other pair: the second of two runs in a
# row measured 1-3 % faster (a build against itself gave 1.012-1.035).
for k in $(seq "$pairs"); do
  if ((k % 2)); then
    run "$tmp/a.test" >>"$tmp/a"
    run "$tmp/b.test" >>"$tmp/b"
  else
    run "$tmp/b.test" >>"$tmp/b"
    run "$tmp/a.test" >>"$tmp/a"
  fi
done
if [ ! -s "$tmp/a" ] || [ ! -s "$tmp/b" ]; then
  echo "paired.sh: no benchmark of $pkg matches $bench" >&2
  exit 1
fi
median() { sort -g "$1" | sed -n "$(((pairs + 1) / 2))p"; }
a=$(median "$tmp/a")
b=$(median "$tmp/b")
printf '%s %s, %d pairs: %s %.0f ns/op, working tree %.0f ns/op, ratio %.3f\n' \
  "$pkg" "$bench" "$pairs" "$rev" "$a" "$b" "$(echo "$a / $b" | bc -l)"
