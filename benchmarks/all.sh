#!/usr/bin/env bash
# Every figure of docs/performance.md in one run (on demand; about an hour on 2 cores): for each size and classifier,
# benchmarks/run.sh (mvn ml:train ml:validate vs Weka's CLI, and sklearn for NaiveBayes), then 10-fold
# cross-validation, then the chart; then benchmarks/sklearn/compare.sh (the plugin against scikit-learn and the CLI,
# on COMPARE_ROWS rows; COMPARE_ROWS= skips it) and its chart. Results: benchmarks/target/results.md (the tables),
# results.tsv, performance.svg, sklearn-results.md, sklearn-results.tsv, sklearn.svg.
#   SIZES="200000 1000000" REPEAT=3 COMPARE_ROWS=1000000 benchmarks/all.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SIZES="${SIZES:-200000 1000000}"
REPEAT="${REPEAT:-3}"
CV="${CV:-NaiveBayes:1000000 J48:200000}"
COMPARE_ROWS="${COMPARE_ROWS-1000000}"
mkdir -p "$HERE/target"
OUT="$HERE/target/results.md"
rm -f "$HERE/target/results.tsv" "$HERE/target/sklearn-results.tsv"
{
  echo "# Benchmark run of $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  echo "java: $(java -version 2>&1 | head -1); $(mvn -v 2>/dev/null | head -1)"
} >"$OUT"
if [ -n "$COMPARE_ROWS" ]; then
  # scikit-learn's virtual environment first, so that run.sh's NaiveBayes jobs have their GaussianNB column too
  (. "$HERE/lib.sh"; BENCH_TARGET="$HERE/target"; bench_sklearn_venv)
fi
for rows in $SIZES; do
  for job in "NaiveBayes:" "J48:" "Logistic:" "RandomForest:-I 50"; do
    bash "$HERE/run.sh" --rows "$rows" --classifier "${job%%:*}" --options "${job#*:}" --repeat "$REPEAT" | tee -a "$OUT"
  done
done
for job in $CV; do
  bash "$HERE/run.sh" --rows "${job#*:}" --classifier "${job%%:*}" --evaluation cv --folds 10 --repeat "$REPEAT" \
    | tee -a "$OUT"
done
java "$HERE/chart/Chart.java" "$HERE/target/results.tsv" "$HERE/target/performance.svg"
if [ -n "$COMPARE_ROWS" ]; then
  bash "$HERE/sklearn/compare.sh" --rows "$COMPARE_ROWS" --repeat "$REPEAT" | tee -a "$OUT"
  java "$HERE/chart/Chart.java" "$HERE/target/sklearn-results.tsv" "$HERE/target/sklearn.svg"
fi
echo "Tables: $OUT; charts: $HERE/target/performance.svg${COMPARE_ROWS:+, $HERE/target/sklearn.svg}"
