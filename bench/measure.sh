#!/usr/bin/env bash
# Runs every benchmark of this module and the peers with the counts the README's tables
# use, writing raw output, benchstat summaries and the targets table into a directory.
#
#   measure.sh [outdir]     default: results/<UTC date>
#
# Takes about 15 minutes on an idle 2-core machine. Needs the peers' packages (see
# README); without them the peer rows and targets are left out.
set -euo pipefail
cd "$(dirname "$0")"
out="${1:-results/$(date -u +%Y-%m-%d)}"
mkdir -p "$out"
benchstat() { go run golang.org/x/perf/cmd/benchstat@latest "$@"; }
gobench() { # name pattern flags...
  local name=$1 pattern=$2; shift 2
  echo "== $name: go test -run '^\$' -bench '$pattern' $*" >&2
  go test -run '^$' -bench "$pattern" "$@" . > "$out/$name.txt"
}

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) logical CPUs)"
  echo "kernel: $(uname -srm)"
  echo "go: $(go version)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"

gobench seedpoint SeedPoint -count 10
gobench rosenbrock RosenbrockGradient -count 10 -benchtime 500ms
gobench seedbatch SeedBatch -count 10 -benchtime 10x
gobench kernel 'BenchmarkKernel$' -count 3 -benchtime 100ms
gobench stream KernelStream -count 3 -benchtime 20x

if peers/build.sh >/dev/null 2>&1; then
  { peers/bin/sleef_kernels; peers/bin/sleef_seed; } > "$out/peers.txt"
  if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    /usr/bin/python3 peers/torch_seed.py > "$out/torch.txt"
  fi
else
  echo "peers not built (apt-get install -y libsleef-dev)" >&2
fi

for f in seedpoint rosenbrock seedbatch kernel stream; do
  benchstat "$out/$f.txt" > "$out/$f.benchstat.txt"
done
peers=()
[ -f "$out/peers.txt" ] && peers=(-peers "$out/peers.txt")
cat "$out"/{seedpoint,seedbatch,kernel,stream}.txt | go run ./cmd/targets "${peers[@]}" > "$out/targets.md" || true
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
cat "$out/targets.md"
