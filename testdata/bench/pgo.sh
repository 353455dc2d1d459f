#!/usr/bin/env bash
# pgo.sh records cmd/newsann/default.pgo, the CPU profile the Go compiler
# optimises the CLI with (profile-guided optimisation: `go build` reads a
# main package's default.pgo by itself). The profile is of what users run
# most: `annotate` and `check` over a corpus built from our test articles
# (testdata/gencorpus), dated and undated, by a build made without a
# profile so that one profile does not shape the next.
#
#   make pgo                  # or testdata/bench/pgo.sh
#   SIZE=16MB make pgo
#
# Record it anew when the hot code changes much (a new rule engine, a new
# stage); a stale profile still helps where the code it names is left, and
# costs nothing where it is not. Review the change in speed with
# testdata/bench/paired.sh before committing a new one.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZE=${SIZE:-8MB}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -pgo=off -o "$tmp/newsann" ./cmd/newsann
go run ./testdata/gencorpus -size "$SIZE" -o "$tmp/corpus.jsonl"
go run ./testdata/gencorpus -size "$SIZE" -articles testdata/check/mistakes -seed 2 -o "$tmp/check.jsonl"

profile() { # profile NAME ARGS...: one run of the CLI, its profile in $tmp/NAME.prof
  local name=$1
  shift
  NEWSANN_CPUPROFILE="$tmp/$name.prof" "$tmp/newsann" "$@" >/dev/null
}
profile dated annotate -j 1 -o jsonl --date 2025-11-14 "$tmp/corpus.jsonl"
profile undated annotate -j 1 -o jsonl "$tmp/corpus.jsonl"
profile check check -j 1 -o jsonl --fail-on none --date 2025-11-14 "$tmp/corpus.jsonl"
profile check-mistakes check -j 1 -o jsonl --fail-on none --date 2025-11-14 "$tmp/check.jsonl"

go tool pprof -proto "$tmp"/*.prof >cmd/newsann/default.pgo
echo "wrote cmd/newsann/default.pgo ($(wc -c <cmd/newsann/default.pgo) bytes)"
