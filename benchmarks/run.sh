#!/usr/bin/env bash
# Benchmark of issue 6: the same job (train on train.*, evaluate on test.*) three ways on the same files:
#   1. mvn ml:train ml:validate (evaluation=test), retraining each time (-Dml.train.force)
#   2. Weka's CLI: java -cp <weka> <classifier> <options> -t train.arff -T test.arff -v -o
#   3. numpy + scikit-learn GaussianNB (NaiveBayes only, where Debian's python3-sklearn is installed)
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
case "$CLASSIFIER" in
  NaiveBayes) ALGO=weka.classifiers.bayes.NaiveBayes ;;
  J48) ALGO=weka.classifiers.trees.J48 ;;
  Logistic) ALGO=weka.classifiers.functions.Logistic ;;
  RandomForest) ALGO=weka.classifiers.trees.RandomForest ;;
  *.*) ALGO="$CLASSIFIER" ;;
  *) usage ;;
esac
case "$EVALUATION" in test|cv) ;; *) usage ;; esac
case "$FORMAT" in arff|csv|parquet) ;; *) usage ;; esac

HERE="$(cd "$(dirname "$0")" && pwd)"
TARGET="$HERE/target"
DATA="$TARGET/data-$ROWS-$SEED"
PROJECT="$TARGET/project"
OPTIONS_TAG=""
[ -z "$OPTIONS" ] || OPTIONS_TAG="$(printf '%s' "$OPTIONS" | tr -c 'A-Za-z0-9.-' '_')"
LOGS="$TARGET/logs/${ALGO##*.}$OPTIONS_TAG-$ROWS-$SEED-$EVALUATION-$FORMAT"
mkdir -p "$TARGET" "$LOGS"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "GNU time is needed (apt-get install time)" >&2; exit 1; }
PYTHON=/usr/bin/python3

# --- data -----------------------------------------------------------------------------------------------------------
if [ ! -f "$DATA/test.arff" ]; then
  java "$HERE/generator/Generate.java" --rows "$ROWS" --seed "$SEED" --out "$DATA.tmp"
  rm -rf "$DATA"; mv "$DATA.tmp" "$DATA"
fi
TRAIN_FILE="$DATA/train.$FORMAT"; TEST_FILE="$DATA/test.$FORMAT"
if [ "$FORMAT" = parquet ]; then
  # the same rows as the CSV files, written by pyarrow with its defaults (SNAPPY, row groups of 1,048,576 rows)
  PYARROW_PYTHON="${PYARROW_PYTHON:-python3}"
  for part in train test; do
    [ -f "$DATA/$part.parquet" ] || "$PYARROW_PYTHON" "$HERE/csv_to_parquet.py" "$DATA/$part.csv" "$DATA/$part.parquet" \
      || { echo "cannot write $DATA/$part.parquet: $PYARROW_PYTHON needs pyarrow (pip install pyarrow)" >&2; exit 1; }
  done
fi

# --- Weka's classpath, from the local repository ---------------------------------------------------------------------
WEKA_VERSION=3.8.7
CP_PROJECT="$TARGET/weka-classpath"
mkdir -p "$CP_PROJECT"
cat > "$CP_PROJECT/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>weka-classpath</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>nz.ac.waikato.cms.weka</groupId><artifactId>weka-stable</artifactId><version>$WEKA_VERSION</version></dependency>
  </dependencies>
</project>
POM
if [ ! -s "$CP_PROJECT/cp.txt" ]; then
  (cd "$CP_PROJECT" && { mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=cp.txt >resolve.log 2>&1 \
      || mvn -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt >resolve.log 2>&1; }) \
    || { echo "cannot resolve Weka's classpath; see $CP_PROJECT/resolve.log" >&2; exit 1; }
fi
WEKA_CP="$(cat "$CP_PROJECT/cp.txt")"

# --- the throwaway Maven project ------------------------------------------------------------------------------------
xml_escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' <<<"$1"; }
mkdir -p "$PROJECT"
cat > "$PROJECT/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>bench</artifactId><version>1</version><packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.mlmaven</groupId>
        <artifactId>ml-maven-plugin</artifactId>
        <version>0.1.0-SNAPSHOT</version>
        <configuration>
          <modelName>bench</modelName>
          <trainingData><file>$TRAIN_FILE</file></trainingData>
$(if [ "$EVALUATION" = test ]; then echo "          <testData><file>$TEST_FILE</file></testData>"; fi)
          <evaluation>$EVALUATION</evaluation>
          <folds>$FOLDS</folds>
          <classAttribute>fraud</classAttribute>
          <positiveClass>yes</positiveClass>
          <algorithm>$ALGO</algorithm>
          <options>$(xml_escape "$OPTIONS")</options>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM

# The project is a git repository of its own, as a user's project is: ml:train records its commit, ml:validate looks up
# the registry branch. (Inside this repository it would pay for git status over the plugin's whole working tree.)
if [ ! -d "$PROJECT/.git" ]; then
  git -C "$PROJECT" init -q
  printf 'target/\n' >"$PROJECT/.gitignore"
fi
git -C "$PROJECT" add pom.xml .gitignore
git -C "$PROJECT" -c user.name=bench -c user.email=bench@localhost commit -q -m "benchmark configuration" \
  --allow-empty >/dev/null

# --- one measured run -----------------------------------------------------------------------------------------------
# run <tool> <i> <command...>: wall time (s) and peak RSS (KB, GNU time: the largest single process in the tree)
run() {
  local tool="$1" i="$2"; shift 2
  local out="$LOGS/$tool-$i.log" tv="$LOGS/$tool-$i.time"
  local t0 t1
  t0=$(date +%s.%N)
  if ! "$TIME" -v -o "$tv" "$@" >"$out" 2>&1; then
    echo "$tool run $i failed; see $out" >&2; tail -20 "$out" >&2; exit 1
  fi
  t1=$(date +%s.%N)
  echo "$tool $i $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}') $(awk -F': ' '/Maximum resident set size/{print $2}' "$tv")" >>"$RESULTS"
}

RESULTS="$LOGS/results.txt"; : >"$RESULTS"
TOOLS="plugin weka"
if [ "$ALGO" = weka.classifiers.bayes.NaiveBayes ] && [ -z "$OPTIONS" ] && [ "$EVALUATION" = test ] \
   && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PYTHON" -c 'import numpy, sklearn' 2>/dev/null; then
  TOOLS="$TOOLS sklearn"
fi
# shellcheck disable=SC2206
OPTS=($OPTIONS)
# shellcheck disable=SC2206
EXTRA_MVN=(${MVN_ARGS:-})
for i in $(seq 1 "$REPEAT"); do
  for tool in $TOOLS; do
    case "$tool" in
      plugin) (cd "$PROJECT" && run plugin "$i" mvn -B "${EXTRA_MVN[@]}" -Dml.train.force \
                -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
                io.github.mlmaven:ml-maven-plugin:0.1.0-SNAPSHOT:train io.github.mlmaven:ml-maven-plugin:0.1.0-SNAPSHOT:validate) ;;
      weka) if [ "$EVALUATION" = test ]; then
              run weka "$i" java -cp "$WEKA_CP" "$ALGO" "${OPTS[@]}" -t "$DATA/train.arff" -T "$DATA/test.arff" -v -o
            else
              run weka "$i" java -cp "$WEKA_CP" "$ALGO" "${OPTS[@]}" -t "$DATA/train.arff" -x "$FOLDS" -s 1 -v -o
            fi ;;
      sklearn) run sklearn "$i" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PYTHON" "$HERE/sklearn_nb.py" \
                 "$DATA/train.csv" "$DATA/test.csv" ;;
    esac
  done
done

# --- metrics of the positive class ----------------------------------------------------------------------------------
metrics() { # prints "recall precision rocArea prcArea" of the class yes from the last run of a tool ("?" if absent)
  local log="$LOGS/$1-$REPEAT.log"
  case "$1" in
    plugin) "$PYTHON" - "$PROJECT/target/ml/bench/validation.json" <<'PY' ;;
import json, sys
d = json.load(open(sys.argv[1]))
m, c = d["metrics"], d.get("perClass", {}).get("yes", {})
f = lambda v: "null" if v is None else repr(v)
print(f(c.get("recall")), f(c.get("precision")), f(m.get("rocAuc")), f(m.get("prAuc")))
PY
    weka) awk -v section="$([ "$EVALUATION" = test ] && echo '=== Error on test data ===' || echo '=== Stratified cross-validation ===')" \
            'index($0, section){t=1} t && /Detailed Accuracy By Class/{d=1} d && $NF=="yes"{print $4, $3, $7, $8; exit}' "$log" ;;
    sklearn) sed -n 's/^precision=\([^ ]*\) recall=\(.*\)$/\2 \1 ? ?/p' "$log" ;;
  esac
}

# the plugin's own times, as it logs them (median over the runs): read train, read test, train, evaluate. The
# evaluation's own line ("Evaluated ... on N test rows in X s", "Cross-validated ... in X s") leaves out the writing of
# the reports; a streamed evaluation ("... as they were read") is inside the test read's time already.
plugin_times() {
  local i f
  for i in $(seq 1 "$REPEAT"); do
    f="$LOGS/plugin-$i.log"
    awk '
      function secs(ts,  a) { split(ts, a, ":"); return a[1]*3600 + a[2]*60 + a[3] }
      function last_in(  k, v) { for (k = 1; k <= NF; k++) if ($k == "in") v = $(k+1); return v }
      / Read .*rows in .* s$/ { v = last_in(); if ($0 ~ /\/test\.(arff|csv|parquet):/) rt += v; else rtr += v }
      /Trained .* in .* s;/ { tr = last_in() }
      / (Evaluated|Cross-validated) .* rows in [0-9.]+ s$/ && !/as they were read/ && logged == "" { logged = last_in() }
      /Evaluating .* test rows|Cross-validating / { e0 = secs($1) }
      /Metrics of / && e0 != "" && ev == "" { ev = secs($1) - e0 }
      END { printf "%.3f %.3f %s %.3f\n", rtr, rt, tr, logged != "" ? logged : ev }' "$f"
  done
}

num6() { # a metric to 6 decimals; null (undefined, e.g. precision with no positive prediction) or "?" as they are
  if [[ "$1" =~ ^-?[0-9.]+([eE][-+]?[0-9]+)?$ ]]; then printf '%.6f' "$1"; else printf '%s' "${1:-?}"; fi
}
num3() { # as Weka prints a figure: 3 decimals (an undefined one is "?" there and null here)
  if [[ "$1" =~ ^-?[0-9.]+([eE][-+]?[0-9]+)?$ ]]; then printf '%.3f' "$1"; else printf '?'; fi
}
median() { sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2 }'; }
col() { awk -v t="$1" -v c="$2" '$1==t{print $c}' "$RESULTS"; }

echo
echo "## $ALGO ${OPTIONS:+($OPTIONS) }— $ROWS rows ($((ROWS * 4 / 5)) train / $((ROWS / 5)) test), seed $SEED, median of $REPEAT"
echo
W_WALL=$(col weka 3 | median); W_RSS=$(col weka 4 | sort -g | tail -1)
read -r W_REC W_PREC W_ROC W_PRC <<<"$(metrics weka)"
plugin_times >"$LOGS/plugin-times.txt"
OWN=$(awk '{print $1+$2+$3+$4}' "$LOGS/plugin-times.txt" | median)
printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' tool "wall s" "peak RSS MB" recall precision "ROC area" "PRC area" \
  "wall / CLI" "RSS / CLI"
printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for tool in $TOOLS; do
  wall=$(col "$tool" 3 | median); rss=$(col "$tool" 4 | sort -g | tail -1)
  read -r rec prec roc prc <<<"$(metrics "$tool")"
  name=$tool; [ "$tool" = weka ] && name="Weka CLI"; [ "$tool" = plugin ] && name="mvn ml:train ml:validate"
  printf '| %s | %.2f | %.0f | %s | %s | %s | %s | %.2f | %.2f |\n' "$name" "$wall" "$((rss / 1024))" \
    "$(num6 "$rec")" "$(num6 "$prec")" "$(num6 "$roc")" "$(num6 "$prc")" \
    "$(awk -v a="$wall" -v b="$W_WALL" 'BEGIN{print a/b}')" "$(awk -v a="$rss" -v b="$W_RSS" 'BEGIN{print a/b}')"
  if [ "$tool" = plugin ]; then
    # Weka prints these to 3 decimals: the plugin's, rounded alike, must be the same numbers
    SAME=yes
    for pair in "$rec:$W_REC" "$prec:$W_PREC" "$roc:$W_ROC" "$prc:$W_PRC"; do
      mine=${pair%%:*}; theirs=${pair#*:}
      [ "$(num3 "$mine")" = "$(num3 "$theirs")" ] || SAME=no
    done
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
