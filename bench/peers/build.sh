#!/usr/bin/env bash
# Builds the C and C++ peers (SLEEF kernels, the SLEEF seed gradient, Ceres's Jet)
# with -O3 -march=native.
#
#   build.sh            build into bench/peers/bin/
#   build.sh --check    compile into a temporary directory only (CI: the peers compile)
#
# Needs gcc, g++ and Debian's libsleef-dev, libceres-dev and libeigen3-dev
# (apt-get install -y libsleef-dev libceres-dev libeigen3-dev); it installs nothing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

case "${1:-}" in
  "") out="$here/bin"; mkdir -p "$out" ;;
  --check) out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT ;;
  -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "build.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
esac

if [ "$(uname -m)" != x86_64 ]; then
  echo "build.sh: the C peers use AVX2/AVX-512 intrinsics; nothing to build on $(uname -m)" >&2
  exit 0
fi
missing=()
echo '#include <sleef.h>' | "${CC:-gcc}" -E -x c - >/dev/null 2>&1 || missing+=(libsleef-dev)
echo '#include <ceres/jet.h>' | "${CXX:-g++}" -I/usr/include/eigen3 -E -x c++ - >/dev/null 2>&1 ||
  missing+=(libceres-dev libeigen3-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "build.sh: headers not found: apt-get install -y ${missing[*]}" >&2
  exit 1
fi

cflags=(-O3 -march=native -std=gnu11 -Wall -Wextra -Werror)
for peer in sleef_kernels sleef_seed; do
  "${CC:-gcc}" "${cflags[@]}" -o "$out/$peer" "$here/$peer.c" -lsleef -lm
done
"${CXX:-g++}" -O3 -march=native -std=c++17 -Wall -Wextra -Werror -I/usr/include/eigen3 \
  -o "$out/ceres_jet" "$here/ceres_jet.cc"
echo "built sleef_kernels sleef_seed ceres_jet in $out"
