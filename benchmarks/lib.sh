# Functions shared by benchmarks/run.sh (plugin vs Weka's CLI) and benchmarks/sklearn/compare.sh (plugin vs
# scikit-learn vs Weka's CLI). Sourced, not run. See docs/performance.md.
# The caller sets BENCH_TARGET (benchmarks/target) before calling them.

BENCH_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_TIME=/usr/bin/time
BENCH_PLUGIN=io.github.mlmaven:ml-maven-plugin:0.1.0-SNAPSHOT
BENCH_WEKA_VERSION=3.8.7
BENCH_VENV_PYTHON=""

bench_need_time() {
  [ -x "$BENCH_TIME" ] || { echo "GNU time is needed (apt-get install time)" >&2; exit 1; }
}

# bench_data ROWS SEED: generates the data into $BENCH_TARGET/data-ROWS-SEED once (reused while it is there); prints
# the folder
bench_data() {
  local data="$BENCH_TARGET/data-$1-$2"
  if [ ! -f "$data/test.arff" ]; then
    java "$BENCH_HOME/generator/Generate.java" --rows "$1" --seed "$2" --out "$data.tmp" >&2
    rm -rf "$data"; mv "$data.tmp" "$data"
  fi
  echo "$data"
}

# bench_weka_classpath: Weka's classpath from the local repository (a one-dependency POM resolved once); prints it
bench_weka_classpath() {
  local cp_project="$BENCH_TARGET/weka-classpath"
  mkdir -p "$cp_project"
  cat > "$cp_project/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>weka-classpath</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>nz.ac.waikato.cms.weka</groupId><artifactId>weka-stable</artifactId><version>$BENCH_WEKA_VERSION</version></dependency>
  </dependencies>
</project>
POM
  if [ ! -s "$cp_project/cp.txt" ]; then
    (cd "$cp_project" && { mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=cp.txt >resolve.log 2>&1 \
        || mvn -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt >resolve.log 2>&1; }) \
      || { echo "cannot resolve Weka's classpath; see $cp_project/resolve.log" >&2; exit 1; }
  fi
  cat "$cp_project/cp.txt"
}

# bench_algorithm NAME: Weka's class name of NaiveBayes, J48, Logistic, RandomForest or a class name; empty otherwise
bench_algorithm() {
  case "$1" in
    NaiveBayes) echo weka.classifiers.bayes.NaiveBayes ;;
    J48) echo weka.classifiers.trees.J48 ;;
    Logistic) echo weka.classifiers.functions.Logistic ;;
    RandomForest) echo weka.classifiers.trees.RandomForest ;;
    *.*) echo "$1" ;;
  esac
}

# bench_project DIR TRAIN_FILE TEST_FILE EVALUATION FOLDS ALGORITHM OPTIONS: writes the throwaway Maven project, a git
# repository of its own as a user's project is: ml:train records its commit, ml:validate looks up the registry branch.
# (Inside this repository it would pay for git status over the plugin's whole working tree.)
bench_project() {
  local dir="$1" train="$2" test="$3" evaluation="$4" folds="$5" algorithm="$6" options="$7"
  local escaped
  escaped="$(sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' <<<"$options")"
  mkdir -p "$dir"
  cat > "$dir/pom.xml" <<POM
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
          <trainingData><file>$train</file></trainingData>
$(if [ "$evaluation" = test ]; then echo "          <testData><file>$test</file></testData>"; fi)
          <evaluation>$evaluation</evaluation>
          <folds>$folds</folds>
          <classAttribute>fraud</classAttribute>
          <positiveClass>yes</positiveClass>
          <algorithm>$algorithm</algorithm>
          <options>$escaped</options>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
  if [ ! -d "$dir/.git" ]; then
    git -C "$dir" init -q
    printf 'target/\n' >"$dir/.gitignore"
  fi
  git -C "$dir" add pom.xml .gitignore
  git -C "$dir" -c user.name=bench -c user.email=bench@localhost commit -q -m "benchmark configuration" \
    --allow-empty >/dev/null
}

# bench_plugin_command [ARG...]: the plugin's command in the project, into the array BENCH_PLUGIN_CMD. Not -q: the plugin's own
# timings are read from the log (with Maven's log timestamps). -Dml.train.force: every run trains. MVN_ARGS adds
# arguments (e.g. -o -Dmaven.repo.local=<a repository with the plugin>).
bench_plugin_command() {
  # shellcheck disable=SC2206
  local extra=(${MVN_ARGS:-})
  BENCH_PLUGIN_CMD=(mvn -B "$@" "${extra[@]}" -Dml.train.force
    -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS
    "$BENCH_PLUGIN:train" "$BENCH_PLUGIN:validate")
}

# bench_run RESULTS LOGS TOOL I COMMAND...: runs COMMAND once, measured; appends "TOOL I wall_s peak_rss_kb cpu_s" to
# RESULTS.
# Wall time: date +%s.%N around the command (start-up included). Peak RSS: GNU time's "Maximum resident set size", the
# largest single process among the command and the children it waited for (getrusage's ru_maxrss), not a sum. CPU:
# GNU time's user + system time of the command and its waited-for children, all threads (less noisy than wall time
# on a loaded machine).
bench_run() {
  local results="$1" logs="$2" tool="$3" i="$4"; shift 4
  local out="$logs/$tool-$i.log" tv="$logs/$tool-$i.time"
  local t0 t1
  t0=$(date +%s.%N)
  if ! "$BENCH_TIME" -v -o "$tv" "$@" >"$out" 2>&1; then
    echo "$tool run $i failed; see $out" >&2; tail -20 "$out" >&2; exit 1
  fi
  t1=$(date +%s.%N)
  echo "$tool $i $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}') $(awk -F': ' '/Maximum resident set size/{print $2}' "$tv")" \
    "$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/{s += $2} END{printf "%.2f", s}' "$tv")" >>"$results"
}

# bench_plugin_metrics VALIDATION_JSON: "recall precision rocAuc prAuc accuracy" of the class yes (null if undefined)
bench_plugin_metrics() {
  python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m, c = d["metrics"], d.get("perClass", {}).get("yes", {})
f = lambda v: "null" if v is None else repr(v)
print(f(c.get("recall")), f(c.get("precision")), f(m.get("rocAuc")), f(m.get("prAuc")), f(m.get("accuracy")))
PY
}

# bench_weka_metrics LOG test|cv: "recall precision rocArea prcArea" of the class yes as Weka's CLI prints them
bench_weka_metrics() {
  awk -v section="$([ "$2" = test ] && echo '=== Error on test data ===' || echo '=== Stratified cross-validation ===')" \
    'index($0, section){t=1} t && /Detailed Accuracy By Class/{d=1} d && $NF=="yes"{print $4, $3, $7, $8; exit}' "$1"
}

# bench_plugin_times LOG...: per log, the plugin's own times as it logs them: "read_train read_test train evaluate".
# The evaluation's own line ("Evaluated ... on N test rows in X s", "Cross-validated ... in X s") leaves out the writing
# of the reports; a streamed evaluation ("... as they were read") is inside the test read's time already. Logs of an
# older plugin without that line: the time between "Evaluating ..." and "Metrics of ..." (log timestamps).
bench_plugin_times() {
  local f
  for f in "$@"; do
    awk '
      function secs(ts,  a) { split(ts, a, ":"); return a[1]*3600 + a[2]*60 + a[3] }
      function last_in(  k, v) { for (k = 1; k <= NF; k++) if ($k == "in") v = $(k+1); return v }
      / Read .*rows in .* s$/ { v = last_in(); if ($0 ~ /\/test\.(arff|csv|parquet):/) rt += v; else rtr += v }
      /Trained .* in .* s;/ { tr = last_in() }
      / (Evaluated|Cross-validated) .* rows in [0-9.]+ s$/ && !/as they were read/ && logged == "" { logged = last_in() }
      /Evaluating .* test rows|Cross-validating / { e0 = secs($1) }
      /Metrics of / && e0 != "" && ev == "" { ev = secs($1) - e0 }
      END { printf "%.3f %.3f %.3f %.3f\n", rtr, rt, tr, logged != "" ? logged : ev }' "$f"
  done
}

# bench_sklearn_venv [--new]: the virtual environment of benchmarks/sklearn (benchmarks/target/sklearn-venv), created
# with python3 -m venv and filled from benchmarks/sklearn/requirements.txt by pip (the current releases that satisfy
# it) when it is new or the requirements changed; sets BENCH_VENV_PYTHON and writes the versions it has to
# $BENCH_TARGET/sklearn-versions.txt
bench_sklearn_venv() {
  local venv="$BENCH_TARGET/sklearn-venv" req="$BENCH_HOME/sklearn/requirements.txt"
  [ "${1:-}" != --new ] || rm -rf "$venv"
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >&2 || { echo "python3 -m venv failed (Debian: apt-get install python3-venv)" >&2; exit 1; }
  fi
  if [ ! -f "$venv/installed.txt" ] || ! cmp -s "$req" "$venv/installed.txt"; then
    "$venv/bin/pip" install -q --upgrade pip >&2
    "$venv/bin/pip" install -q --upgrade -r "$req" >&2 || { echo "pip install -r $req failed" >&2; exit 1; }
    cp "$req" "$venv/installed.txt"
  fi
  BENCH_VENV_PYTHON="$venv/bin/python"
  "$BENCH_VENV_PYTHON" - >"$BENCH_TARGET/sklearn-versions.txt" <<'PY'
import platform, numpy, pandas, scipy, sklearn
try:
    import pyarrow
    arrow = f", pyarrow {pyarrow.__version__}"
except ImportError:
    arrow = ""
print(f"Python {platform.python_version()}, scikit-learn {sklearn.__version__}, numpy {numpy.__version__},"
      f" scipy {scipy.__version__}, pandas {pandas.__version__}{arrow}")
PY
}

bench_median() { sort -g | awk '{a[NR]=$1} END{ if (NR == 0) print ""; else if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2 }'; }
bench_max() { sort -g | tail -1; }
# bench_col RESULTS TOOL COLUMN: a column of a tool's lines in a results file
bench_col() { awk -v t="$2" -v c="$3" '$1==t{print $c}' "$1"; }
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a == "" || b == "" || b == 0) print "—"; else printf "%.2f", a/b }'; }
bench_num6() { # a metric to 6 decimals; null (undefined, e.g. precision with no positive prediction) or "?" as they are
  if [[ "$1" =~ ^-?[0-9.]+([eE][-+]?[0-9]+)?$ ]]; then printf '%.6f' "$1"; else printf '%s' "${1:-?}"; fi
}
bench_num3() { # as Weka prints a figure: 3 decimals (an undefined one is "?" there and null here)
  if [[ "$1" =~ ^-?[0-9.]+([eE][-+]?[0-9]+)?$ ]]; then printf '%.3f' "$1"; else printf '?'; fi
}
# bench_same_as_weka "r p roc prc" "r p roc prc": yes when the first four figures, rounded as Weka prints them, are
# the second ones
bench_same_as_weka() {
  local mine theirs i
  read -r -a mine <<<"$1"; read -r -a theirs <<<"$2"
  for i in 0 1 2 3; do
    [ "$(bench_num3 "${mine[$i]:-}")" = "$(bench_num3 "${theirs[$i]:-}")" ] || { echo no; return; }
  done
  echo yes
}
