#!/usr/bin/env bash
# Runs every benchmark of this module and the peers with the counts the README's tables
# use, writing raw output, benchstat summaries and the targets table into a directory.
#
#   measure.sh [outdir]     default: results/<UTC date>
#
# Every benchmark runs with -count 1, round after round (10 rounds for SeedPoint,
# RosenbrockGradient and SeedBatch, 3 for the kernels), so that load from other
# processes spreads over all sub-benchmarks instead of skewing one.
# Takes about 15 minutes on an idle 2-core machine. Needs the peers' packages (see
# README); without them the peer rows and targets are left out.
set -euo pipefail
cd "$(dirname "$0")"
out="${1:-results/$(date -u +%Y-%m-%d)}"
mkdir -p "$out"
benchstat() { go run golang.org/x/perf/cmd/benchstat@latest "$@"; }
testbin="$(mktemp -d)/bench.test"
trap 'rm -rf "$(dirname "$testbin")"' EXIT
go test -c -o "$testbin" .
# run name rounds pattern flags...: the benchmarks run one count at a time, round after
# round, so that a change in the machine's load hits every sub-benchmark alike.
run() {
  local name=$1 rounds=$2 pattern=$3; shift 3
  echo "== $name: $rounds rounds of bench.test -test.bench '$pattern' -test.count 1 $*" >&2
  : > "$out/$name.txt"
  for _ in $(seq "$rounds"); do
    "$testbin" -test.run '^$' -test.bench "$pattern" -test.count 1 "$@" >> "$out/$name.txt"
  done
}

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) logical CPUs)"
  echo "kernel: $(uname -srm)"
  echo "go: $(go version)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"

peers=false
if peers/build.sh >/dev/null 2>&1; then peers=true; else echo "peers not built (apt-get install -y libsleef-dev)" >&2; fi
: > "$out/peers.txt"

# The peers run inside the same rounds as the Go benchmarks they are compared with.
for round in $(seq 10); do
  echo "== round $round of 10: SeedPoint, RosenbrockGradient, SeedBatch, sleef_seed" >&2
  for spec in "seedpoint SeedPoint" "rosenbrock RosenbrockGradient -test.benchtime 500ms" \
    "seedbatch SeedBatch -test.benchtime 10x"; do
    set -- $spec
    name=$1 pattern=$2; shift 2
    [ "$round" = 1 ] && : > "$out/$name.txt"
    "$testbin" -test.run '^$' -test.bench "$pattern" -test.count 1 -test.benchmem "$@" >> "$out/$name.txt"
  done
  if $peers; then peers/bin/sleef_seed >> "$out/peers.txt"; fi
done
for round in $(seq 3); do
  echo "== round $round of 3: BenchmarkKernel, sleef_kernels" >&2
  [ "$round" = 1 ] && : > "$out/kernel.txt"
  "$testbin" -test.run '^$' -test.bench 'BenchmarkKernel$' -test.count 1 -test.benchtime 100ms >> "$out/kernel.txt"
  if $peers; then peers/bin/sleef_kernels sin cos exp log >> "$out/peers.txt"; fi
done
run stream 3 KernelStream -test.benchtime 20x
if $peers && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  /usr/bin/python3 peers/torch_seed.py > "$out/torch.txt"
fi

for f in seedpoint rosenbrock seedbatch kernel stream; do
  benchstat "$out/$f.txt" > "$out/$f.benchstat.txt"
done
cat "$out"/{seedpoint,seedbatch,kernel,stream}.txt | go run ./cmd/targets -peers "$out/peers.txt" > "$out/targets.md" || true
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
cat "$out/targets.md"
