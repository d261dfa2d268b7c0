#!/usr/bin/env bash
# Small data (issue 19 §1): what the plugin adds to a build when the data are small. For each data set × classifier,
# one throwaway project (packaging pom, ml:train + ml:validate bound, 10-fold cross-validation) is timed, interleaved
# and --repeat times, three ways:
#   1. mvn -B -o -q verify              (target/ deleted before each run: a fresh checkout, as CI builds it)
#   2. mvn -B -o -q verify -Dml.skip    (the same project, the plugin skipped: Maven's own cost)
#   3. Weka's CLI: java -cp <weka> <classifier> -t data.arff -x 10 -s 1 -v -o (cross-validates and trains the full model)
# and a Markdown table of medians is printed. Run on demand, not in CI. See docs/performance.md.
# MVN_ARGS adds arguments to both mvn commands (e.g. -Dmaven.repo.local=<a repository with the plugin>); MAVEN_OPTS is
# passed through unchanged (e.g. for a profile of the Maven JVM).
set -euo pipefail

REPEAT=5
DATASETS="credit-g diabetes gen10k"
CLASSIFIERS="NaiveBayes J48 Logistic"
usage() {
  echo "usage: benchmarks/small/run.sh [--repeat K] [--datasets 'credit-g diabetes gen10k'] [--classifiers 'NaiveBayes J48 Logistic']" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) REPEAT="$2"; shift 2 ;;
    --datasets) DATASETS="$2"; shift 2 ;;
    --classifiers) CLASSIFIERS="$2"; shift 2 ;;
    *) usage ;;
  esac
done

HERE="$(cd "$(dirname "$0")" && pwd)"
BENCH="$(dirname "$HERE")"
ROOT="$(dirname "$BENCH")"
TARGET="$BENCH/target/small"
DATASETS_DIR="$ROOT/maven-plugin/src/test/resources/datasets"
PLUGIN_VERSION=0.1.0-SNAPSHOT
WEKA_VERSION=3.8.7
PYTHON=/usr/bin/python3
mkdir -p "$TARGET"
# shellcheck source=../lib.sh
. "$BENCH/lib.sh"
BENCH_TARGET="$TARGET"
BENCH_WEKA_VERSION="$WEKA_VERSION"
bench_need_time

algorithm() { # Weka's class name of a classifier the script knows; stops on another name
  local name
  name="$(bench_algorithm "$1")"
  [ -n "$name" ] || { echo "unknown classifier $1" >&2; exit 2; }
  echo "$name"
}
# class attribute and positive class of each data set
class_of() { case "$1" in credit-g) echo "class bad" ;; diabetes) echo "class tested_positive" ;; gen10k) echo "fraud yes" ;; esac; }
rows_of() { grep -cv '^\s*\(@\|%\|$\)' "$1"; }

# --- data: the two test data sets as they are; 10,000 generated rows (train and test files of the generator, one file)
data_file() { # prints the ARFF file of a data set, creating it once
  local out="$TARGET/data/$1.arff"
  if [ ! -f "$out" ]; then
    mkdir -p "$TARGET/data"
    case "$1" in
      credit-g|diabetes) cp "$DATASETS_DIR/$1.arff" "$out" ;;
      gen10k)
        local gen="$TARGET/data/generated-10000-1"
        [ -f "$gen/test.arff" ] || java "$BENCH/generator/Generate.java" --rows 10000 --seed 1 --out "$gen" >/dev/null
        { cat "$gen/train.arff"; sed '1,/^@data/d' "$gen/test.arff"; } >"$out.tmp" && mv "$out.tmp" "$out" ;;
      *) echo "unknown data set $1" >&2; exit 2 ;;
    esac
  fi
  echo "$out"
}

# --- Weka's classpath, from the local repository (as benchmarks/run.sh resolves it) ----------------------------------
WEKA_CP="$(bench_weka_classpath)"
# shellcheck disable=SC2206
EXTRA_MVN=(${MVN_ARGS:-})

# --- one throwaway project per data set × classifier: a git repository with its data, as a user's project is ---------
project() { # project <data set> <classifier>: creates it (once) and prints its directory
  local dir="$TARGET/projects/$1-$2" data
  data="$(data_file "$1")"
  read -r class positive <<<"$(class_of "$1")"
  mkdir -p "$dir/data"
  cp "$data" "$dir/data/$1.arff"
  cat >"$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>small-$1-$2</artifactId><version>1</version><packaging>pom</packaging>
  <properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.mlmaven</groupId>
        <artifactId>ml-maven-plugin</artifactId>
        <version>$PLUGIN_VERSION</version>
        <configuration>
          <modelName>small</modelName>
          <trainingData><file>data/$1.arff</file></trainingData>
          <evaluation>cv</evaluation>
          <folds>10</folds>
          <classAttribute>$class</classAttribute>
          <positiveClass>$positive</positiveClass>
          <algorithm>$(algorithm "$2")</algorithm>
        </configuration>
        <executions>
          <execution>
            <goals><goal>train</goal><goal>validate</goal></goals>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
POM
  if [ ! -d "$dir/.git" ]; then
    git -C "$dir" init -q
    printf 'target/\n' >"$dir/.gitignore"
  fi
  git -C "$dir" add pom.xml .gitignore data
  git -C "$dir" -c user.name=bench -c user.email=bench@localhost commit -q -m "benchmark project" --allow-empty >/dev/null
  echo "$dir"
}

# --- one measured run: lib.sh's bench_run appends "<job>-<tool> <i> <wall s> <peak RSS KB> <cpu s>" to $RESULTS ------
run() {
  local job="$1" tool="$2" i="$3"; shift 3
  bench_run "$RESULTS" "$LOGS" "$job-$tool" "$i" "$@"
}

LOGS="$TARGET/logs"
rm -rf "$LOGS"; mkdir -p "$LOGS"
RESULTS="$LOGS/results.txt"; : >"$RESULTS"
JOBS=()
for d in $DATASETS; do for c in $CLASSIFIERS; do JOBS+=("$d-$c"); project "$d" "$c" >/dev/null; done; done

for i in $(seq 1 "$REPEAT"); do
  for job in "${JOBS[@]}"; do
    dir="$TARGET/projects/$job"; d="${job%-*}"; c="${job##*-}"
    # target/ deleted before every Maven run: each plugin run trains and validates from scratch, as on a fresh
    # checkout (-Dml.train.force would also retrain, but keep the previous run's card and reports in place)
    rm -rf "$dir/target"
    (cd "$dir" && run "$job" plugin "$i" mvn -B -o -q "${EXTRA_MVN[@]}" verify)
    rm -rf "$dir/target"
    (cd "$dir" && run "$job" skip "$i" mvn -B -o -q "${EXTRA_MVN[@]}" verify -Dml.skip)
    run "$job" weka "$i" java -cp "$WEKA_CP" "$(algorithm "$c")" -t "$dir/data/$d.arff" -x 10 -s 1 -v -o
  done
done
# the last plugin run's reports, for the metrics check
for job in "${JOBS[@]}"; do
  dir="$TARGET/projects/$job"
  rm -rf "$dir/target"; (cd "$dir" && mvn -B -o -q "${EXTRA_MVN[@]}" verify >"$LOGS/$job-check.log" 2>&1)
  cp "$dir/target/ml/small/validation.json" "$LOGS/$job-validation.json"
done

# --- the table ---------------------------------------------------------------------------------------------------------
median() { sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2 }'; }
col() { awk -v k="$1-$2" -v c="$3" '$1==k {print $c}' "$RESULTS"; }
# accuracy (%, 4 decimals) and the positive class's ROC area (3 decimals), as Weka's CLI prints them
weka_metrics() {
  awk '/=== Stratified cross-validation ===/{t=1} t && /^Correctly Classified Instances/{acc=$(NF-1)}
       t && /Detailed Accuracy By Class/{d=1} d && $NF==pos {roc=$(NF-2); exit} END{printf "%.4f %s\n", acc, roc}' pos="$2" "$1"
}
plugin_metrics() {
  "$PYTHON" - "$1" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["metrics"]
print("%.4f %.3f" % (100 * m["accuracy"], m["rocAuc"]))
PY
}

echo
echo "## Small data: mvn verify with ml:train + ml:validate (10-fold cv) — median of $REPEAT, interleaved"
echo
echo "| data set | rows | classifier | mvn verify | mvn verify -Dml.skip | plugin's extra | Weka CLI | extra / CLI | CPU s: plugin / skip / CLI | peak RSS MB: plugin / skip / CLI | accuracy, ROC (plugin = CLI) |"
echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"
for job in "${JOBS[@]}"; do
  d="${job%-*}"; c="${job##*-}"
  read -r _ positive <<<"$(class_of "$d")"
  p=$(col "$job" plugin 3 | median); s=$(col "$job" skip 3 | median); w=$(col "$job" weka 3 | median)
  pc=$(col "$job" plugin 5 | median); sc=$(col "$job" skip 5 | median); wc=$(col "$job" weka 5 | median)
  pr=$(col "$job" plugin 4 | sort -g | tail -1); sr=$(col "$job" skip 4 | sort -g | tail -1); wr=$(col "$job" weka 4 | sort -g | tail -1)
  # the extra is the median of the per-round differences (each round's two Maven runs are back to back)
  extra=$(for i in $(seq 1 "$REPEAT"); do
            awk -v a="$(awk -v k="$job-plugin" -v i="$i" '$1==k && $2==i {print $3}' "$RESULTS")" \
                -v b="$(awk -v k="$job-skip" -v i="$i" '$1==k && $2==i {print $3}' "$RESULTS")" 'BEGIN{print a-b}'
          done | median)
  read -r pacc proc <<<"$(plugin_metrics "$LOGS/$job-validation.json")"
  read -r wacc wroc <<<"$(weka_metrics "$LOGS/$job-weka-$REPEAT.log" "$positive")"
  same="DIFFERENT: plugin $pacc %, $proc; CLI $wacc %, $wroc"; [ "$pacc" = "$wacc" ] && [ "$proc" = "$wroc" ] && same="$pacc %, $proc: same"
  printf '| %s | %s | %s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f | %s / %s / %s | %d / %d / %d | %s |\n' \
    "$d" "$(rows_of "$TARGET/projects/$job/data/$d.arff")" "$c" "$p" "$s" "$extra" "$w" \
    "$(awk -v a="$extra" -v b="$w" 'BEGIN{print a/b}')" "$pc" "$sc" "$wc" \
    "$((pr / 1024))" "$((sr / 1024))" "$((wr / 1024))" "$same"
done
echo
echo "plugin's extra: the median over the rounds of (mvn verify) - (mvn verify -Dml.skip), run back to back. CPU: user +"
echo "sys of the whole process tree (GNU time). Peak RSS: the largest single process, the maximum over the runs."
echo "Accuracy and the positive class's ROC area as Weka's CLI prints them (4 and 3 decimals). Logs: $LOGS"
