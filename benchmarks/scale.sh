#!/usr/bin/env bash
# The large-data checks of issue 6, run on demand (docs/performance.md, "At scale"):
#   stream    10M rows of CSV (about 1.8 GB) through NaiveBayesUpdateable with MAVEN_OPTS=-Xmx256m: ml:train and
#             ml:validate stream the files, so the heap does not grow with the rows; prints time, peak RSS, metrics
#   uptodate  ml:train on a data set of about 1 GB, then again unchanged: the plugin's time for the up-to-date check
#   badinput  a 2 GB CSV whose line 9,900,001 (near the end) has a field too many: the error names the line, streamed
#             (NaiveBayesUpdateable, MAVEN_OPTS=-Xmx256m: nothing is built in memory) and batch (NaiveBayes)
#   growing   a CSV that another process appends to while ml:train reads it: reported as changed while read
# usage: benchmarks/scale.sh [stream|uptodate|badinput|growing]...   (default: all four)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
TARGET="$HERE/target"
PLUGIN=io.github.mlmaven:ml-maven-plugin:0.1.0-SNAPSHOT
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "GNU time is needed (apt-get install time)" >&2; exit 1; }
mkdir -p "$TARGET"

data() { # data <rows>: generated once into target/data-<rows>-1
  local dir="$TARGET/data-$1-1"
  if [ ! -f "$dir/test.csv" ]; then
    java "$HERE/generator/Generate.java" --rows "$1" --seed 1 --out "$dir.tmp" >&2
    rm -rf "$dir"; mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

project() { # project <dir> <algorithm> <train file> [test file]: a throwaway Maven project
  mkdir -p "$1"
  cat >"$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>scale</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>io.github.mlmaven</groupId><artifactId>ml-maven-plugin</artifactId><version>0.1.0-SNAPSHOT</version>
    <configuration>
      <modelName>scale</modelName>
      <trainingData><file>$3</file></trainingData>
      $([ -n "${4:-}" ] && echo "<testData><file>$4</file></testData><evaluation>test</evaluation>")
      <classAttribute>fraud</classAttribute><positiveClass>yes</positiveClass>
      <algorithm>$2</algorithm>
    </configuration>
  </plugin></plugins></build>
</project>
POM
  # a git repository of its own, as a user's project is (not a folder of this repository's large working tree)
  [ -d "$1/.git" ] || { git -C "$1" init -q && printf 'target/\n' >"$1/.gitignore"; }
  git -C "$1" add pom.xml .gitignore
  git -C "$1" -c user.name=bench -c user.email=bench@localhost commit -q --allow-empty -m "scale check" >/dev/null
}

mvn_timed() { # mvn_timed <log> <args...>: runs mvn with log timestamps; prints "wall_s rss_mb exit"
  local log="$1"; shift
  local t0 t1 rc=0
  t0=$(date +%s.%N)
  "$TIME" -f '%M' -o "$log.rss" mvn -B -Dorg.slf4j.simpleLogger.showDateTime=true \
    -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS "$@" >"$log" 2>&1 || rc=$?
  t1=$(date +%s.%N)
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') $(( $(tail -1 "$log.rss") / 1024 )) $rc"
}

stream() {
  local dir p
  dir=$(data 10000000)
  p="$TARGET/scale-stream"
  project "$p" weka.classifiers.bayes.NaiveBayesUpdateable "$dir/train.csv" "$dir/test.csv"
  echo "## Streaming: NaiveBayesUpdateable, 10M rows of CSV ($(du -h "$dir/train.csv" | cut -f1) train, $(du -h "$dir/test.csv" | cut -f1) test), MAVEN_OPTS=-Xmx256m"
  read -r wall rss rc <<<"$(cd "$p" && MAVEN_OPTS=-Xmx256m mvn_timed "$p/run.log" -Dml.train.force "$PLUGIN:train" "$PLUGIN:validate")"
  [ "$rc" = 0 ] || { echo "FAILED (exit $rc); see $p/run.log"; tail -30 "$p/run.log"; return 1; }
  echo "wall ${wall} s, peak RSS ${rss} MB (heap capped at 256 MB)"
  grep -E "Read .*rows in|Trained|Evaluating|recall|precision|rocAuc" "$p/run.log" | sed 's/^/    /'
}

uptodate() {
  local dir p
  dir=$(data 6000000) # train.csv + test.csv: about 1.1 GB
  p="$TARGET/scale-uptodate"
  project "$p" weka.classifiers.bayes.NaiveBayes "$dir/train.csv"
  echo "## Up-to-date check on $(du -ch "$dir"/train.csv | tail -1 | cut -f1) of training data"
  # a file written within 2 s of its hashing is re-hashed on the next run by design (see docs/goals.md), so give a
  # freshly generated file time to age first
  sleep 3
  read -r wall rss rc <<<"$(cd "$p" && mvn_timed "$p/first.log" -Dml.train.force "$PLUGIN:train")"
  echo "first run (trains): ${wall} s, rc $rc"
  read -r wall rss rc <<<"$(cd "$p" && mvn_timed "$p/second.log" "$PLUGIN:train")"
  echo "second run, nothing changed: ${wall} s in all (Maven included), rc $rc"
  awk '
    function secs(ts,  a) { split(ts, a, ":"); return a[1]*3600 + a[2]*60 + a[3] }
    /--- ml-maven-plugin:.*:train/ { s = secs($1) } /is up to date/ { e = secs($1) }
    END { printf "    plugin time from goal start to the up-to-date verdict: %.3f s\n", e - s }' "$p/second.log"
  grep "is up to date" "$p/second.log" | cut -c1-160 | sed 's/^/    /'
}

badinput() {
  local dir p bad algorithm run
  dir=$(data 10000000)
  bad="$TARGET/scale-bad/train.csv"
  p="$TARGET/scale-bad"
  mkdir -p "$p"
  if [ ! -f "$bad" ]; then
    # the 10M-row data set's train CSV (8M rows, 1.5 GB) plus its first 2M rows again: 1.9 GB, 10,000,001 lines; line 9,900,001 gets a field too many
    { cat "$dir/train.csv"; sed -n '2,2000001p;2000001q' "$dir/train.csv"; } \
      | awk 'NR == 9900001 { $0 = $0 ",extra" } { print }' >"$bad.tmp"
    mv "$bad.tmp" "$bad"
  fi
  echo "## A malformed row near the end of a $(du -h "$bad" | cut -f1) CSV (line 9,900,001 of $(wc -l <"$bad"))"
  # streamed (an updateable classifier) under a 256 MB heap, and batch (NaiveBayes) with Maven's default heap
  for run in "weka.classifiers.bayes.NaiveBayesUpdateable:-Xmx256m" "weka.classifiers.bayes.NaiveBayes:"; do
    algorithm=${run%%:*}
    project "$p" "$algorithm" "$bad"
    read -r wall rss rc <<<"$(cd "$p" && MAVEN_OPTS="${run#*:}" mvn_timed "$p/$algorithm.log" -Dml.train.force "$PLUGIN:train")"
    echo "$algorithm${run#*:}: exit $rc after ${wall} s, peak RSS ${rss} MB; the error:"
    grep -m1 "ERROR.*line" "$p/$algorithm.log" | cut -c1-300 | sed 's/^/    /'
  done
}

growing() {
  local dir p file writer
  dir=$(data 1000000)
  p="$TARGET/scale-growing"
  mkdir -p "$p"
  file="$p/train.csv"
  cp "$dir/train.csv" "$file"
  project "$p" weka.classifiers.bayes.NaiveBayes "$file"
  echo "## A training file that grows while it is read"
  # another process appends rows, slowly, for the length of the run
  ( for _ in $(seq 1 200); do tail -n 1000 "$dir/train.csv" >>"$file"; sleep 0.05; done ) &
  writer=$!
  read -r wall rss rc <<<"$(cd "$p" && mvn_timed "$p/run.log" -Dml.train.force "$PLUGIN:train")"
  kill "$writer" 2>/dev/null || true; wait "$writer" 2>/dev/null || true
  echo "exit $rc after ${wall} s; the error:"
  grep -m1 "ERROR.*changed" "$p/run.log" | cut -c1-300 | sed 's/^/    /'
}

[ $# -gt 0 ] || set -- stream uptodate badinput growing
for check in "$@"; do
  case "$check" in
    stream|uptodate|badinput|growing) "$check" ;;
    *) echo "unknown check $check; use stream, uptodate, badinput or growing" >&2; exit 2 ;;
  esac
  echo
done
