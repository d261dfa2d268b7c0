#!/usr/bin/env bash
# Benchmark of issue 6: the same job (train on train.*, evaluate on test.*) three ways on the same files:
#   1. mvn ml:train ml:validate (evaluation=test), retraining each time (-Dml.train.force)
#   2. Weka's CLI: java -cp <weka> <classifier> <options> -t train.arff -T test.arff -v -o
#   3. scikit-learn's GaussianNB (NaiveBayes only, once benchmarks/sklearn/compare.sh has made its virtual environment)
# Runs are interleaved and repeated; the median wall time is reported. Run on demand, not in CI.
# See docs/performance.md. --format csv or parquet gives the plugin those files instead of the ARFF ones (Weka's CLI
# reads ARFF); parquet needs a Python with pyarrow ($PYARROW_PYTHON, default python3) to write them from the CSV files.
# MVN_ARGS adds arguments to the plugin's mvn command (e.g. -o -Dmaven.repo.local=<a repository with the plugin>).
set -euo pipefail

ROWS=200000
SEED=1
CLASSIFIER=NaiveBayes
OPTIONS=""
REPEAT=3
EVALUATION="test"
FOLDS=10
FORMAT=arff
usage() {
  echo "usage: benchmarks/run.sh [--rows N] [--seed S] [--classifier NaiveBayes|J48|Logistic|RandomForest|<class>] [--options '<weka options>'] [--repeat K] [--evaluation test|cv] [--folds F] [--format arff|csv|parquet]" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --classifier) CLASSIFIER="$2"; shift 2 ;;
    --options) OPTIONS="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --evaluation) EVALUATION="$2"; shift 2 ;;
    --folds) FOLDS="$2"; shift 2 ;;
    --format) FORMAT="$2"; shift 2 ;;
    *) usage ;;
  esac
done
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"
ALGO="$(bench_algorithm "$CLASSIFIER")"
[ -n "$ALGO" ] || usage
case "$EVALUATION" in test|cv) ;; *) usage ;; esac
case "$FORMAT" in arff|csv|parquet) ;; *) usage ;; esac

BENCH_TARGET="$HERE/target"
TARGET="$BENCH_TARGET"
PROJECT="$TARGET/project"
OPTIONS_TAG=""
[ -z "$OPTIONS" ] || OPTIONS_TAG="$(printf '%s' "$OPTIONS" | tr -c 'A-Za-z0-9.-' '_')"
LOGS="$TARGET/logs/${ALGO##*.}$OPTIONS_TAG-$ROWS-$SEED-$EVALUATION-$FORMAT"
mkdir -p "$TARGET" "$LOGS"
bench_need_time

# --- data -----------------------------------------------------------------------------------------------------------
DATA="$(bench_data "$ROWS" "$SEED")"
TRAIN_FILE="$DATA/train.$FORMAT"; TEST_FILE="$DATA/test.$FORMAT"
if [ "$FORMAT" = parquet ]; then
  # the same rows as the CSV files, written by pyarrow with its defaults (SNAPPY, row groups of 1,048,576 rows)
  PYARROW_PYTHON="${PYARROW_PYTHON:-python3}"
  for part in train test; do
    [ -f "$DATA/$part.parquet" ] || "$PYARROW_PYTHON" "$HERE/csv_to_parquet.py" "$DATA/$part.csv" "$DATA/$part.parquet" \
      || { echo "cannot write $DATA/$part.parquet: $PYARROW_PYTHON needs pyarrow (pip install pyarrow)" >&2; exit 1; }
  done
fi

WEKA_CP="$(bench_weka_classpath)"
bench_project "$PROJECT" "$TRAIN_FILE" "$TEST_FILE" "$EVALUATION" "$FOLDS" "$ALGO" "$OPTIONS"
bench_plugin_command

RESULTS="$LOGS/results.txt"; : >"$RESULTS"
TOOLS="plugin weka"
# scikit-learn's GaussianNB beside NaiveBayes, with the virtual environment that benchmarks/sklearn/compare.sh made
SKLEARN_PYTHON="$TARGET/sklearn-venv/bin/python"
if [ "$ALGO" = weka.classifiers.bayes.NaiveBayes ] && [ -z "$OPTIONS" ] && [ "$EVALUATION" = test ] \
   && [ -x "$SKLEARN_PYTHON" ]; then
  TOOLS="$TOOLS sklearn"
fi
# shellcheck disable=SC2206
OPTS=($OPTIONS)
for i in $(seq 1 "$REPEAT"); do
  for tool in $TOOLS; do
    case "$tool" in
      plugin) (cd "$PROJECT" && bench_run "$RESULTS" "$LOGS" plugin "$i" "${BENCH_PLUGIN_CMD[@]}") ;;
      weka) if [ "$EVALUATION" = test ]; then
              bench_run "$RESULTS" "$LOGS" weka "$i" java -cp "$WEKA_CP" "$ALGO" "${OPTS[@]}" -t "$DATA/train.arff" -T "$DATA/test.arff" -v -o
            else
              bench_run "$RESULTS" "$LOGS" weka "$i" java -cp "$WEKA_CP" "$ALGO" "${OPTS[@]}" -t "$DATA/train.arff" -x "$FOLDS" -s 1 -v -o
            fi ;;
      sklearn) bench_run "$RESULTS" "$LOGS" sklearn "$i" "$SKLEARN_PYTHON" "$HERE/sklearn/jobs.py" NaiveBayes \
                 "$DATA/train.csv" "$DATA/test.csv" ;;
    esac
  done
done

# --- metrics of the positive class ----------------------------------------------------------------------------------
metrics() { # prints "recall precision rocArea prcArea" of the class yes from the last run of a tool ("?" if absent)
  case "$1" in
    plugin) bench_plugin_metrics "$PROJECT/target/ml/bench/validation.json" | awk '{print $1, $2, $3, $4}' ;;
    weka) bench_weka_metrics "$LOGS/weka-$REPEAT.log" "$EVALUATION" ;;
    sklearn) grep "^{" "$LOGS/sklearn-$REPEAT.log" | tail -1 | python3 -c 'import json, sys
m = json.load(sys.stdin)["metrics"]
print(m["recall"], m["precision"], m["rocAuc"], m["averagePrecision"])' ;;
  esac
}
median() { bench_median; }
col() { bench_col "$RESULTS" "$1" "$2"; }
num6() { bench_num6 "$@"; }

echo
echo "## $ALGO ${OPTIONS:+($OPTIONS) }— $ROWS rows ($((ROWS * 4 / 5)) train / $((ROWS / 5)) test), seed $SEED, median of $REPEAT"
echo
W_WALL=$(col weka 3 | median); W_RSS=$(col weka 4 | bench_max)
read -r W_REC W_PREC W_ROC W_PRC <<<"$(metrics weka)"
bench_plugin_times $(for i in $(seq 1 "$REPEAT"); do echo "$LOGS/plugin-$i.log"; done) >"$LOGS/plugin-times.txt"
OWN=$(awk '{print $1+$2+$3+$4}' "$LOGS/plugin-times.txt" | median)
printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' tool "wall s" "peak RSS MB" recall precision "ROC area" "PRC area" \
  "wall / CLI" "RSS / CLI"
printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for tool in $TOOLS; do
  wall=$(col "$tool" 3 | median); rss=$(col "$tool" 4 | bench_max)
  read -r rec prec roc prc <<<"$(metrics "$tool")"
  name=$tool; [ "$tool" = weka ] && name="Weka CLI"; [ "$tool" = plugin ] && name="mvn ml:train ml:validate"
  printf '| %s | %.2f | %.0f | %s | %s | %s | %s | %.2f | %.2f |\n' "$name" "$wall" "$((rss / 1024))" \
    "$(num6 "$rec")" "$(num6 "$prec")" "$(num6 "$roc")" "$(num6 "$prc")" \
    "$(awk -v a="$wall" -v b="$W_WALL" 'BEGIN{print a/b}')" "$(awk -v a="$rss" -v b="$W_RSS" 'BEGIN{print a/b}')"
  if [ "$tool" = plugin ]; then
    # Weka prints these to 3 decimals: the plugin's, rounded alike, must be the same numbers
    SAME=$(bench_same_as_weka "$rec $prec $roc $prc" "$W_REC $W_PREC $W_ROC $W_PRC")
    P_WALL=$wall; P_RSS=$rss
  fi
done
echo
echo "Peak RSS: the maximum over the $REPEAT runs. The plugin's own times, as logged (median): "
printf '  read train %s s, read test %s s, train %s s, evaluate %s s; total %s s\n' \
  "$(awk '{print $1}' "$LOGS/plugin-times.txt" | median)" "$(awk '{print $2}' "$LOGS/plugin-times.txt" | median)" \
  "$(awk '{print $3}' "$LOGS/plugin-times.txt" | median)" "$(awk '{print $4}' "$LOGS/plugin-times.txt" | median)" "$OWN"
printf '  own time / CLI wall: %.3f; recall, precision, ROC and PRC area as printed by the CLI (3 decimals): %s\n' \
  "$(awk -v a="$OWN" -v b="$W_WALL" 'BEGIN{print a/b}')" "$([ "$SAME" = yes ] && echo identical || echo DIFFERENT)"
# one line per run of this script, for benchmarks/chart.sh and docs/performance.md
RESULTS_TSV="$TARGET/results.tsv"
[ -s "$RESULTS_TSV" ] || printf 'classifier\toptions\trows\tevaluation\tformat\trepeat\tplugin_wall_s\tplugin_rss_mb\tplugin_own_s\tcli_wall_s\tcli_rss_mb\tsame_metrics\n' >"$RESULTS_TSV"
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${ALGO##*.}" "$OPTIONS" "$ROWS" "$EVALUATION" "$FORMAT" "$REPEAT" \
  "$P_WALL" "$((P_RSS / 1024))" "$OWN" "$W_WALL" "$((W_RSS / 1024))" "$SAME" >>"$RESULTS_TSV"
echo "Logs: $LOGS"
