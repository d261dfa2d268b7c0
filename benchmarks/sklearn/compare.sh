#!/usr/bin/env bash
# Benchmark of issue 19: the plugin side by side with scikit-learn (and Weka's CLI) on the generator's data, the same
# job each way, interleaved, on the same rows:
#   plugin:       mvn -B -o -Dml.train.force ml:train ml:validate (evaluation=test) in a throwaway project
#   scikit-learn: benchmarks/sklearn/jobs.py JOB train.csv test.csv, in a virtual environment made here with the
#                 current scikit-learn, numpy and pandas from the package index (benchmarks/sklearn/requirements.txt)
#   Weka's CLI:   java -cp <weka> <classifier> <options> -t train.arff -T test.arff -v -o (unless --no-cli)
# Jobs: NaiveBayes / GaussianNB, J48 / DecisionTreeClassifier, Logistic / StandardScaler + LogisticRegression(lbfgs),
# RandomForest -I 50 / RandomForestClassifier(n_estimators=50, n_jobs=-1). Prints one Markdown table (median wall
# time, maximum peak RSS over the runs, both sides' metrics of the class yes), appends it to
# benchmarks/target/sklearn-results.md and one line per job to benchmarks/target/sklearn-results.tsv (drawn by
# java benchmarks/chart/Chart.java benchmarks/target/sklearn-results.tsv sklearn.svg). On demand only; see
# docs/performance.md. --format gives the plugin the ARFF files (default; the ones Weka's CLI reads) or the CSV ones
# (the ones scikit-learn reads; RandomForest's model then differs from the CLI's: the CSV header does not give the nominal
# values in the ARFF header's order). --new-venv makes the virtual environment again (the newest releases).
# MVN_ARGS adds arguments to the plugin's mvn command (e.g. -Dmaven.repo.local=<a repository with the plugin>).
set -euo pipefail

ROWS=1000000
SEED=1
JOBS=NaiveBayes,J48,Logistic,RandomForest
REPEAT=3
CLI=yes
FORMAT=arff
NEW_VENV=""
usage() {
  echo "usage: benchmarks/sklearn/compare.sh [--rows N] [--seed S] [--jobs NaiveBayes,J48,Logistic,RandomForest] [--repeat K] [--no-cli] [--format arff|csv] [--new-venv]" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --jobs) JOBS="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --no-cli) CLI=""; shift ;;
    --format) FORMAT="$2"; shift 2 ;;
    --new-venv) NEW_VENV=--new; shift ;;
    *) usage ;;
  esac
done
case "$FORMAT" in arff|csv) ;; *) usage ;; esac
for job in ${JOBS//,/ }; do
  case "$job" in NaiveBayes|J48|Logistic|RandomForest) ;; *) usage ;; esac
done

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"
BENCH_TARGET="$(cd "$HERE/.." && pwd)/target"
mkdir -p "$BENCH_TARGET"
bench_need_time

bench_sklearn_venv $NEW_VENV
VERSIONS="$(cat "$BENCH_TARGET/sklearn-versions.txt")"
echo "scikit-learn side: $VERSIONS" >&2
DATA="$(bench_data "$ROWS" "$SEED")"
[ -z "$CLI" ] || WEKA_CP="$(bench_weka_classpath)"
PROJECT="$BENCH_TARGET/project"
bench_plugin_command -o
TOOLS="plugin sklearn${CLI:+ weka}"

# --- the runs -------------------------------------------------------------------------------------------------------
weka_options() { [ "$1" = RandomForest ] && echo "-I 50" || true; }
logs_of() { echo "$BENCH_TARGET/logs/sklearn-compare/$1-$ROWS-$SEED-$FORMAT"; }
for job in ${JOBS//,/ }; do
  algorithm="$(bench_algorithm "$job")"
  options="$(weka_options "$job")"
  logs="$(logs_of "$job")"
  mkdir -p "$logs"; : >"$logs/results.txt"
  bench_project "$PROJECT" "$DATA/train.$FORMAT" "$DATA/test.$FORMAT" test 10 "$algorithm" "$options"
  # shellcheck disable=SC2206
  opts=($options)
  for i in $(seq 1 "$REPEAT"); do
    for tool in $TOOLS; do
      echo "$job: $tool run $i of $REPEAT ($(date -u +%H:%M:%S))" >&2
      case "$tool" in
        plugin) (cd "$PROJECT" && bench_run "$logs/results.txt" "$logs" plugin "$i" "${BENCH_PLUGIN_CMD[@]}") ;;
        sklearn) bench_run "$logs/results.txt" "$logs" sklearn "$i" \
                   "$BENCH_VENV_PYTHON" "$HERE/jobs.py" "$job" "$DATA/train.csv" "$DATA/test.csv" ;;
        weka) bench_run "$logs/results.txt" "$logs" weka "$i" \
                java -cp "$WEKA_CP" "$algorithm" "${opts[@]}" -t "$DATA/train.arff" -T "$DATA/test.arff" -v -o ;;
      esac
    done
  done
  cp "$PROJECT/target/ml/bench/validation.json" "$logs/validation.json"
done

# --- the table ------------------------------------------------------------------------------------------------------
sklearn_json() { # LOG FIELD...: the fields of jobs.py's JSON line in LOG (dotted paths), space separated
  local log="$1"; shift
  grep "^{" "$log" | tail -1 | python3 -c 'import json, sys
d = json.load(sys.stdin)
def get(path):
    v = d
    for k in path.split("."):
        v = v.get(k) if isinstance(v, dict) else None
    return "null" if v is None else str(v)
print(" ".join(get(p) for p in sys.argv[1:]))' "$@"
}
mb() { [ -n "$1" ] && echo $(( $1 / 1024 )) || echo ""; }
f3() { bench_num3 "$1"; }
metrics_cell() { # recall precision roc prc accuracy [trapezoid]
  local cell
  cell="recall $(f3 "$1"), precision $(f3 "$2"), ROC $(f3 "$3"), PRC $(f3 "$4")"
  [ -z "${6:-}" ] || cell="$cell (trapezoids $(f3 "$6"))"
  echo "$cell, accuracy $([[ "$5" =~ ^[0-9.]+$ ]] && printf "%.4f" "$5" || echo "$5")"
}
seconds_mb() { [ -n "$1" ] && printf '%.2f s (CPU %.1f s), %s MB' "$1" "$3" "$2" || echo "—"; }

TSV="$BENCH_TARGET/sklearn-results.tsv"
TSV_HEADER='job\toptions\trows\tseed\tformat\trepeat\tplugin_wall_s\tplugin_rss_mb\tsklearn_wall_s\tsklearn_rss_mb\tcli_wall_s\tcli_rss_mb\tplugin_own_s\tsklearn_load_s\tsklearn_fit_s\tsklearn_predict_s\tplugin_recall\tplugin_precision\tplugin_roc\tplugin_prc\tplugin_accuracy\tsklearn_recall\tsklearn_precision\tsklearn_roc\tsklearn_average_precision\tsklearn_accuracy\tplugin_same_as_cli\tplugin_cpu_s\tsklearn_cpu_s\tcli_cpu_s\tsklearn_import_s\tversions\n'
# a file of an older column layout is kept aside, not mixed with this one's lines
if [ -s "$TSV" ] && [ "$(head -1 "$TSV")" != "$(printf '%b' "${TSV_HEADER%\\n}")" ]; then mv "$TSV" "$TSV.$(date +%s)"; fi
[ -s "$TSV" ] || printf '%b' "$TSV_HEADER" >"$TSV"
MD="$BENCH_TARGET/sklearn-results.md"
{
  echo
  echo "## Plugin, scikit-learn and Weka's CLI: $ROWS rows ($((ROWS * 4 / 5)) train / $((ROWS / 5)) test), seed $SEED, plugin reads $FORMAT, median of $REPEAT"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores; $(java -version 2>&1 | head -1); $(mvn -B -v 2>/dev/null | head -1 | sed -e "s/\x1b\[[0-9;]*m//g" -e "s/ (.*//"); $VERSIONS"
  echo
  echo "| job | plugin: wall, peak RSS | scikit-learn: wall, peak RSS | Weka CLI: wall, peak RSS | wall plugin / sklearn | RSS plugin / sklearn | RSS plugin / CLI | plugin's metrics (class yes) | scikit-learn's metrics (class yes) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|---|"
  PHASES=""
  for job in ${JOBS//,/ }; do
    logs="$(logs_of "$job")"; results="$logs/results.txt"
    p_wall=$(bench_col "$results" plugin 3 | bench_median); p_rss=$(mb "$(bench_col "$results" plugin 4 | bench_max)")
    p_cpu=$(bench_col "$results" plugin 5 | bench_median); s_cpu=$(bench_col "$results" sklearn 5 | bench_median)
    w_cpu=$(bench_col "$results" weka 5 | bench_median)
    s_wall=$(bench_col "$results" sklearn 3 | bench_median); s_rss=$(mb "$(bench_col "$results" sklearn 4 | bench_max)")
    w_wall=$(bench_col "$results" weka 3 | bench_median); w_rss=$(mb "$(bench_col "$results" weka 4 | bench_max)")
    read -r p_rec p_prec p_roc p_prc p_acc <<<"$(bench_plugin_metrics "$logs/validation.json")"
    read -r s_rec s_prec s_roc s_ap s_trap s_acc s_children <<<"$(sklearn_json "$logs/sklearn-$REPEAT.log" \
      metrics.recall metrics.precision metrics.rocAuc metrics.averagePrecision metrics.prAucTrapezoid metrics.accuracy \
      peak_rss_mb.children)"
    same=""
    if [ -n "$CLI" ]; then
      same=$(bench_same_as_weka "$p_rec $p_prec $p_roc $p_prc" "$(bench_weka_metrics "$logs/weka-$REPEAT.log" test)")
    fi
    # shellcheck disable=SC2046
    bench_plugin_times $(for i in $(seq 1 "$REPEAT"); do echo "$logs/plugin-$i.log"; done) >"$logs/plugin-times.txt"
    own=$(awk '{print $1+$2+$3+$4}' "$logs/plugin-times.txt" | bench_median)
    for i in $(seq 1 "$REPEAT"); do
      sklearn_json "$logs/sklearn-$i.log" seconds.load seconds.fit seconds.predict seconds.import
    done \
      >"$logs/sklearn-times.txt"
    s_load=$(awk '{print $1}' "$logs/sklearn-times.txt" | bench_median)
    s_fit=$(awk '{print $2}' "$logs/sklearn-times.txt" | bench_median)
    s_pred=$(awk '{print $3}' "$logs/sklearn-times.txt" | bench_median)
    s_import=$(awk '$4 != "null" {print $4}' "$logs/sklearn-times.txt" | bench_median)
    label="$job"; [ "$job" != RandomForest ] || label="RandomForest -I 50"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s%s | %s |\n' "$label" \
      "$(seconds_mb "$p_wall" "$p_rss" "$p_cpu")" "$(seconds_mb "$s_wall" "$s_rss" "$s_cpu")" "$(seconds_mb "$w_wall" "$w_rss" "$w_cpu")" \
      "$(bench_ratio "$p_wall" "$s_wall")" "$(bench_ratio "$p_rss" "$s_rss")" "$(bench_ratio "$p_rss" "$w_rss")" \
      "$(metrics_cell "$p_rec" "$p_prec" "$p_roc" "$p_prc" "$p_acc")" \
      "$([ "$same" = yes ] && echo "; = CLI" || { [ "$same" = no ] && echo "; DIFFERENT from CLI" || true; })" \
      "$(metrics_cell "$s_rec" "$s_prec" "$s_roc" "$s_ap" "$s_acc" "$s_trap")"
    # shellcheck disable=SC2046
    PHASES="$PHASES$(printf '\n| %s | %.2f s (read train %.2f, read test %.2f, train %.2f, evaluate %.2f) | %.2f s (load %.2f, fit %.2f, predict and metrics %.2f); imports before them %.2f s |' \
      "$label" "$own" $(for c in 1 2 3 4; do awk -v c="$c" '{print $c}' "$logs/plugin-times.txt" | bench_median; done) \
      "$(awk -v a="$s_load" -v b="$s_fit" -v c="$s_pred" 'BEGIN{print a+b+c}')" "$s_load" "$s_fit" "$s_pred" "${s_import:-0}")"
    [ "$s_children" = "0.0" ] || echo "note: the scikit-learn run of $job had child processes (largest $s_children MB)" >&2
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
      "$job" "$(weka_options "$job")" "$ROWS" "$SEED" "$FORMAT" "$REPEAT" "$p_wall" "$p_rss" "$s_wall" "$s_rss" \
      "$w_wall" "$w_rss" "$own" "$s_load" "$s_fit" "$s_pred" "$p_rec" "$p_prec" "$p_roc" "$p_prc" "$p_acc" \
      "$s_rec" "$s_prec" "$s_roc" "$s_ap" "$s_acc" "$same" "$p_cpu" "$s_cpu" "$w_cpu" "$s_import" "$VERSIONS" >>"$TSV"
  done
  echo
  echo "Wall: median over the runs, date +%s.%N around the whole command (JVM, Maven and interpreter start-up included);"
  echo "CPU: median user + system time of the command (all threads and waited-for children), as GNU time reports it;"
  echo "peak RSS: the largest over the runs of GNU time's maximum resident set size. Metrics from the last run: the"
  echo "plugin's validation.json (= CLI: its recall, precision, ROC and PRC area rounded to 3 decimals are the ones Weka's"
  echo "CLI prints); scikit-learn's PRC is average_precision_score, the same step sum as Weka's PRC area (the trapezoids"
  echo "in brackets are not Weka's)."
  echo
  echo "| job | plugin's own time, as logged | scikit-learn's phases, as jobs.py times them |"
  echo "|---|---|---|"
  echo "${PHASES#?}"
} | tee -a "$MD"
echo "Table appended to $MD, lines to $TSV; logs in $(dirname "$(logs_of x)")" >&2
