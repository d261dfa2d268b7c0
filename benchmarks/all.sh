#!/usr/bin/env bash
# Every figure of docs/performance.md in one run (on demand; about an hour on 2 cores): for each size and classifier,
# benchmarks/run.sh (mvn ml:train ml:validate vs Weka's CLI, and sklearn for NaiveBayes), then 10-fold
# cross-validation, then the chart. Results: benchmarks/target/results.md (the tables), results.tsv, performance.svg.
#   SIZES="200000 1000000" REPEAT=3 benchmarks/all.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SIZES="${SIZES:-200000 1000000}"
REPEAT="${REPEAT:-3}"
CV="${CV:-NaiveBayes:1000000 J48:200000}"
mkdir -p "$HERE/target"
OUT="$HERE/target/results.md"
rm -f "$HERE/target/results.tsv"
{
  echo "# Benchmark run of $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  echo "java: $(java -version 2>&1 | head -1); $(mvn -v 2>/dev/null | head -1)"
} >"$OUT"
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
echo "Tables: $OUT; chart: $HERE/target/performance.svg"
