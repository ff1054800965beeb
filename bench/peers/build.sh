#!/usr/bin/env bash
# Builds the C peers (SLEEF kernels and the seed gradient) with gcc -O3 -march=native.
#
#   build.sh            build into bench/peers/bin/
#   build.sh --check    compile into a temporary directory only (CI: the peers compile)
#
# Needs gcc and Debian's libsleef-dev (apt-get install -y libsleef-dev).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

case "${1:-}" in
  "") out="$here/bin"; mkdir -p "$out" ;;
  --check) out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT ;;
  -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "build.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
esac

if [ "$(uname -m)" != x86_64 ]; then
  echo "build.sh: the C peers use AVX2/AVX-512 intrinsics; nothing to build on $(uname -m)" >&2
  exit 0
fi
if ! echo '#include <sleef.h>' | "${CC:-gcc}" -E -x c - >/dev/null 2>&1; then
  echo "build.sh: sleef.h not found: apt-get install -y libsleef-dev" >&2
  exit 1
fi

cflags=(-O3 -march=native -std=gnu11 -Wall -Wextra -Werror)
for peer in sleef_kernels sleef_seed; do
  "${CC:-gcc}" "${cflags[@]}" -o "$out/$peer" "$here/$peer.c" -lsleef -lm
done
echo "built sleef_kernels sleef_seed in $out"
