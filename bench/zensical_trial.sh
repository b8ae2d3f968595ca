#!/usr/bin/env bash
# Zensical trial (issue 17): builds the bundled example's pages, as `konkursi generate --out` writes them,
# with Zensical, builds the same example with konkursi, and prints what differs (bench/zensical_compare.py).
# Not part of the test suite; it installs Zensical into a throwaway venv, never into .venv.
#
# Usage: bench/zensical_trial.sh [RUNS [CALLS...]]   RUNS timed builds of the example (default 3); each CALLS
#        adds one timed build of a synthetic project of that many calls (bench/bench.py's) both ways.
# Environment: ZENSICAL_VENV (default /tmp/zensical-venv), ZENSICAL_SPEC (default "zensical": the newest
# release that installs), WORK (default /tmp/zensical-trial, replaced), PYTHON (konkursi's Python,
# default .venv/bin/python; the repository's src/ goes first on its path).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
calls=("${@:2}")
venv="${ZENSICAL_VENV:-/tmp/zensical-venv}"
work="${WORK:-/tmp/zensical-trial}"
python="${PYTHON:-$repo/.venv/bin/python}"
konkursi() { konkursi_in "$repo" "$@"; }
konkursi_in() { local dir="$1"; shift; (cd "$dir" && PYTHONPATH="$repo/src" NO_MKDOCS_2_WARNING=1 "$python" -m konkursi "$@"); }

if [ ! -x "$venv/bin/zensical" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${ZENSICAL_SPEC:-zensical}"
fi
echo "Zensical $("$venv/bin/pip" show zensical 2>/dev/null | sed -n 's/^Version: //p'), $("$python" -c 'import mkdocs, material, importlib.metadata as m; print("konkursi with MkDocs", mkdocs.__version__, "and mkdocs-material", m.version("mkdocs-material"))')"

rm -rf "$work" && mkdir -p "$work"
# The Zensical project: the project's mkdocs.yml, theme/ and content/ unchanged, with the generated
# pages and files laid over content/ (generate refuses to write into the project's own content/).
compose() {  # compose [PROJECT [OUT]]
  local src="${1:-$repo}" out="${2:-$work}"
  rm -rf "$out/proj" "$out/gen"
  konkursi_in "$src" generate --out "$out/gen" >/dev/null
  mkdir -p "$out/proj"
  cp -r "$src/mkdocs.yml" "$src/theme" "$src/content" "$out/proj/"
  cp -r "$out/gen/." "$out/proj/content/"
  rm -f "$out/proj/content/.konkursi-site"
}
compose
echo "generated: $(find "$work/gen" -name '*.md' | wc -l) pages, $(find "$work/gen" -type f ! -name '*.md' ! -name .konkursi-site | wc -l) other files"

echo "--- Zensical on the overrides as they are:"
(cd "$work/proj" && "$venv/bin/zensical" build 2>&1 | grep -E 'Error|error' | tail -1) || true
# The one port Zensical needs to build at all: its template engine (MiniJinja) has no dict.get().
port() { sed -i 's/konkursi_texts\.get(key)/konkursi_texts[key]/' "${1:-$work}/proj/theme/overrides/partials/language.html"; }
port
echo "--- with partials/language.html ported (konkursi_texts.get(key) -> konkursi_texts[key]):"
(cd "$work/proj" && "$venv/bin/zensical" build --clean 2>&1 | grep -vE '^\s' | tail -3)

konkursi build -d "$work/ref" >/dev/null 2>&1

# timed NAME COMMAND...: runs COMMAND quietly and appends "wall user sys" seconds to $work/times-NAME.
timed() {
  local name="$1"; shift
  local TIMEFORMAT='%R %U %S'
  { time "$@" >/dev/null 2>&1; } 2>> "$work/times-$name"
}
median() { sort -n | awk '{a[NR]=$1} END {printf "%.2f", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
report() { echo "$(awk '{print $1}' "$work/times-$1" | median) s wall, $(awk '{print $2 + $3}' "$work/times-$1" | median) s CPU"; }
zbuild() { (cd "$1/proj" && "$venv/bin/zensical" build "${@:2}"); }
regenerate() { compose "$@"; port "${2:-$work}"; }
rm -f "$work"/times-*
for _ in $(seq "$runs"); do
  timed ref konkursi build -d "$work/ref"
  timed gen regenerate
  timed zen zbuild "$work" --clean
  timed warm zbuild "$work"
done
echo "--- medians of $runs runs: konkursi build $(report ref); konkursi generate + compose $(report gen);"
echo "    zensical build --clean $(report zen); zensical build with its cache $(report warm)"
echo "--- comparison (konkursi's build / Zensical's build):"
"$venv/bin/python" "$repo/bench/zensical_compare.py" "$work/ref" "$work/proj/site"

for n in "${calls[@]}"; do
  synth="$work/synth-$n"
  PYTHONPATH="$repo/src" "$python" -c 'import sys, importlib.util, pathlib
spec = importlib.util.spec_from_file_location("bench", sys.argv[1]); bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench); bench.write_project(pathlib.Path(sys.argv[2]), int(sys.argv[3]))' "$repo/bench/bench.py" "$synth/src" "$n"
  timed "ref-$n" konkursi_in "$synth/src" build -d "$synth/ref"
  timed "gen-$n" regenerate "$synth/src" "$synth"
  timed "zen-$n" zbuild "$synth" --clean
  timed "warm-$n" zbuild "$synth"
  echo "--- $n calls ($(find "$synth/ref" -name '*.html' | wc -l) / $(find "$synth/proj/site" -name '*.html' | wc -l) pages), one run:" \
    "konkursi build $(report "ref-$n"); generate + compose $(report "gen-$n");"
  echo "    zensical build --clean $(report "zen-$n"); zensical build with its cache $(report "warm-$n")"
done
