#!/usr/bin/env bash
# Benchmark of issue 18, on demand only (never in CI): the same ml:train (+ ml:validate) on the generator's data with
#   local          engine local, in Maven's JVM (today's path)
#   spark-local    engine spark, master local[2], in the forked driver JVM
#   spark-cluster  engine spark on a Spark standalone cluster on 127.0.0.1 (a master and --workers workers of 1 core,
#                  started afresh for each run by spark-driver's test helper SparkCluster, from the module's jars)
# recording the wall time, the peak RSS of every JVM involved (Maven's, the driver's, the master's, the workers', the
# executors': VmHWM polled every 0.2 s over the process trees by spark-bench-rss.py), the plugin's own training time,
# the per-partition fit times the driver logs, the model's SHA-256 and the metrics of validation.json.
#
#   .ci/bench/spark-bench.sh [--rows 10000000,50000000] [--seed 1] [--classifier NaiveBayes|J48|Logistic|RandomForest|<class>]
#                            [--options '<weka options>'] [--engines local,spark-local,spark-cluster] [--partitions N]
#                            [--workers 2] [--executor-memory 2g] [--driver-memory 4g] [--repeat 1] [--format csv|arff]
#                            [--no-validate]
#
# Smoke run of the plumbing: .ci/bench/spark-bench.sh --rows 200000 --engines local
#
# Needs: the plugin and ml-spark-driver installed in the local repository (mvn install from the root), GNU coreutils,
# python3. The data goes to benchmarks/target/data-<rows>-<seed>/ (shared with benchmarks/run.sh; CSV and ARFF:
# about 3.8 GB for 10M rows, 19 GB for 50M), everything else to benchmarks/target/spark-bench/: results.csv,
# results.md, and per run the Maven log, the peak RSS of each process (rss-*.tsv) and the cluster's logs.
#
# Defaults sized for 2 cores and 24 GB: --partitions is the smallest even count with at most 2M training rows each;
# --executor-memory gives each partition about 500 bytes a row plus 512 MB; --driver-memory holds two of them (local[2]
# runs two tasks at once in the driver) plus 1 GB. All three are estimates: set them when a run fails for memory.
# MVN_ARGS adds arguments to every mvn command (e.g. -o); MAVEN_OPTS is passed on as it is (default: none, so Maven's JVM
# takes the JVM's default heap, a quarter of the RAM).
set -euo pipefail

ROWS_LIST="10000000,50000000"
SEED=1
CLASSIFIER=NaiveBayes
OPTIONS=""
ENGINES="local,spark-local,spark-cluster"
PARTITIONS=""
WORKERS=2
EXECUTOR_MEMORY=""
DRIVER_MEMORY=""
REPEAT=1
FORMAT=csv
GOALS_VALIDATE=yes
PLUGIN="io.github.mlmaven:ml-maven-plugin:0.1.0-SNAPSHOT"

usage() {
  sed -n '12,16p' "$0" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS_LIST="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --classifier) CLASSIFIER="$2"; shift 2 ;;
    --options) OPTIONS="$2"; shift 2 ;;
    --engines) ENGINES="$2"; shift 2 ;;
    --partitions) PARTITIONS="$2"; shift 2 ;;
    --workers) WORKERS="$2"; shift 2 ;;
    --executor-memory) EXECUTOR_MEMORY="$2"; shift 2 ;;
    --driver-memory) DRIVER_MEMORY="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --format) FORMAT="$2"; shift 2 ;;
    --no-validate) GOALS_VALIDATE=no; shift ;;
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
case "$FORMAT" in csv|arff) ;; *) usage ;; esac
for engine in ${ENGINES//,/ }; do
  case "$engine" in local|spark-local|spark-cluster) ;; *) echo "unknown engine '$engine' in --engines" >&2; usage ;; esac
done
for n in ${ROWS_LIST//,/ } "$REPEAT" "$WORKERS" ${PARTITIONS:+"$PARTITIONS"}; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "not a positive number: '$n'" >&2; usage; }
done

REPO="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$REPO/.ci/bench"
TARGET="$REPO/benchmarks/target"
OUT="$TARGET/spark-bench"
DRIVER_MODULE="$REPO/spark-driver"
mkdir -p "$OUT"
RESULTS_CSV="$OUT/results.csv"
RESULTS_MD="$OUT/results.md"
# shellcheck disable=SC2206
EXTRA_MVN=(${MVN_ARGS:-})

CLUSTER_LAUNCHER_PID=""
CLUSTER_PIDS=""
MASTER_URL=""
CLUSTER_START_S=""
cleanup() {
  stop_cluster
}
trap cleanup EXIT

# --- sizes ----------------------------------------------------------------------------------------------------------
# size_for <rows> sets PARTS, EXEC_MEM and DRV_MEM for that row count (unless given on the command line)
size_for() {
  local train=$(( $1 * 4 / 5 ))
  PARTS="${PARTITIONS:-$(( (train + 1999999) / 2000000 ))}"
  if [ -z "$PARTITIONS" ]; then
    [ "$PARTS" -ge 2 ] || PARTS=2
    PARTS=$(( (PARTS + 1) / 2 * 2 ))
  fi
  local per_part_mb=$(( train * 500 / PARTS / 1048576 ))
  local exec_mb=$(( (per_part_mb + 512 + 255) / 256 * 256 ))
  local drv_mb=$(( (2 * per_part_mb + 1024 + 255) / 256 * 256 ))
  EXEC_MEM="${EXECUTOR_MEMORY:-${exec_mb}m}"
  DRV_MEM="${DRIVER_MEMORY:-${drv_mb}m}"
}

# --- data -----------------------------------------------------------------------------------------------------------
data_for() { # data_for <rows>: generates once, prints the folder
  local data="$TARGET/data-$1-$SEED"
  if [ ! -f "$data/test.arff" ]; then
    echo "generating $1 rows (seed $SEED) into $data ..." >&2
    java "$REPO/benchmarks/generator/Generate.java" --rows "$1" --seed "$SEED" --out "$data.tmp" >&2
    rm -rf "$data"; mv "$data.tmp" "$data"
  fi
  echo "$data"
}

# --- the cluster ----------------------------------------------------------------------------------------------------
cluster_classpath() { # spark-driver's test class path (SparkCluster and the jars the cluster starts from), once
  local cp_file="$OUT/cluster-classpath.txt"
  if [ ! -s "$cp_file" ] || [ ! -f "$DRIVER_MODULE/target/test-classes/io/github/mlmaven/spark/testing/SparkCluster.class" ]; then
    echo "compiling spark-driver's tests and resolving its test class path ..." >&2
    mvn -B -q "${EXTRA_MVN[@]}" -f "$DRIVER_MODULE/pom.xml" -Denforcer.skip=true test-compile \
      dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >"$OUT/cluster-classpath.log" 2>&1 \
      || { echo "cannot build spark-driver's test class path; see $OUT/cluster-classpath.log" >&2; exit 1; }
  fi
  echo "$DRIVER_MODULE/target/test-classes:$(cat "$cp_file")"
}

start_cluster() { # start_cluster <folder> <worker memory>: sets MASTER_URL, CLUSTER_PIDS, CLUSTER_START_S
  local dir="$1" memory="$2" cp
  cp="$(cluster_classpath)"
  rm -rf "$dir"; mkdir -p "$dir"
  mkfifo "$dir/stdin"
  # SparkCluster's main runs until its standard input closes: the fifo, held open by file descriptor 9
  java -cp "$cp" io.github.mlmaven.spark.testing.SparkCluster "$dir" "$WORKERS" "$memory" 1 \
    <"$dir/stdin" >"$dir/launcher.out" 2>&1 &
  CLUSTER_LAUNCHER_PID=$!
  exec 9>"$dir/stdin"
  local waited=0
  until grep -qx ready "$dir/launcher.out" 2>/dev/null; do
    if ! kill -0 "$CLUSTER_LAUNCHER_PID" 2>/dev/null || [ "$waited" -ge 1800 ]; then
      echo "the standalone cluster did not start; see $dir/launcher.out and $dir/logs/" >&2
      tail -30 "$dir/launcher.out" >&2
      exit 1
    fi
    sleep 0.1; waited=$((waited + 1))
  done
  MASTER_URL="$(sed -n 's/^master=//p' "$dir/launcher.out")"
  CLUSTER_PIDS="$(sed -n 's/^\(masterPid\|workerPid\.[0-9]*\)=//p' "$dir/launcher.out" | tr '\n' ' ')"
  CLUSTER_START_S="$(sed -n 's/^startSeconds=//p' "$dir/launcher.out")"
}

stop_cluster() {
  if [ -n "$CLUSTER_LAUNCHER_PID" ]; then
    exec 9>&-
    # SparkCluster kills its processes when its input closes; SIGTERM runs the same through its shutdown hook
    for _ in $(seq 1 300); do kill -0 "$CLUSTER_LAUNCHER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -TERM "$CLUSTER_LAUNCHER_PID" 2>/dev/null || true
    wait "$CLUSTER_LAUNCHER_PID" 2>/dev/null || true
    CLUSTER_LAUNCHER_PID=""; CLUSTER_PIDS=""; MASTER_URL=""
  fi
}

# --- the project ----------------------------------------------------------------------------------------------------
xml_escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' <<<"$1"; }
write_project() { # write_project <folder> <engine> <data folder>
  local dir="$1" engine="$2" data="$3" engine_xml=""
  if [ "$engine" != local ]; then
    # the master comes from -Dbench.master, so that the cluster's fresh port needs no new commit
    engine_xml="          <engine>spark</engine>
          <spark>
            <master>\${bench.master}</master>
            <partitions>$PARTS</partitions>
            <executorMemory>$EXEC_MEM</executorMemory>
            <executorCores>1</executorCores>
            <driverMemory>$DRV_MEM</driverMemory>
            <conf>
              <!-- the cluster listens on 127.0.0.1 only: the driver must be reachable there too -->
              <spark.driver.host>127.0.0.1</spark.driver.host>
            </conf>
          </spark>"
  fi
  mkdir -p "$dir"
  cat >"$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>bench</artifactId><version>1</version><packaging>pom</packaging>
  <properties><bench.master>local[2]</bench.master></properties>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.mlmaven</groupId>
        <artifactId>ml-maven-plugin</artifactId>
        <version>${PLUGIN##*:}</version>
        <configuration>
          <modelName>bench</modelName>
          <trainingData><file>$data/train.$FORMAT</file></trainingData>
          <testData><file>$data/test.$FORMAT</file></testData>
          <evaluation>test</evaluation>
          <classAttribute>fraud</classAttribute>
          <positiveClass>yes</positiveClass>
          <algorithm>$ALGO</algorithm>
          <options>$(xml_escape "$OPTIONS")</options>
$engine_xml
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
  # a git repository of its own, as a user's project is (ml:train records its commit)
  if [ ! -d "$dir/.git" ]; then
    git -C "$dir" init -q
    printf 'target/\n' >"$dir/.gitignore"
  fi
  git -C "$dir" add pom.xml .gitignore
  git -C "$dir" -c user.name=bench -c user.email=bench@localhost commit -q -m "benchmark configuration" --allow-empty \
    >/dev/null
}

# --- one measured run -----------------------------------------------------------------------------------------------
# measure <rows> <engine> <run> <project> <log folder>: one mvn run, then one line of results.csv
measure() {
  local rows="$1" engine="$2" run="$3" project="$4" logs="$5"
  local log="$logs/mvn-$run.log" rss="$logs/rss-$run.tsv" master_url="" status=ok goals=("$PLUGIN:train")
  [ "$GOALS_VALIDATE" = yes ] && goals+=("$PLUGIN:validate")
  case "$engine" in
    local) ;;
    spark-local) master_url="local[2]" ;;
    spark-cluster) start_cluster "$logs/cluster-$run" "$EXEC_MEM"; master_url="$MASTER_URL" ;;
  esac
  rm -rf "$project/target"
  local t0 t1 mvn_pid poller rc=0
  t0=$(date +%s.%N)
  # 9>&-: neither Maven nor the poller may hold the cluster's fifo open (SparkCluster stops when it closes)
  (cd "$project" && exec mvn -B "${EXTRA_MVN[@]}" -Dml.train.force -Dbench.master="$master_url" "${goals[@]}") \
    >"$log" 2>&1 9>&- &
  mvn_pid=$!
  # shellcheck disable=SC2086
  python3 "$HERE/spark-bench-rss.py" "$rss" "$mvn_pid" $CLUSTER_PIDS 9>&- &
  poller=$!
  wait "$mvn_pid" || rc=$?
  t1=$(date +%s.%N)
  kill -TERM "$poller" 2>/dev/null || true
  wait "$poller" || true
  [ "$engine" = spark-cluster ] && stop_cluster
  if [ "$rc" -ne 0 ]; then
    status="failed($rc)"
    echo "  $engine, $rows rows, run $run FAILED (exit $rc); see $log" >&2
    grep -E '^\[ERROR\]' "$log" | head -5 >&2 || true
  fi
  python3 "$HERE/spark-bench-report.py" row "$RESULTS_CSV" \
    rows="$rows" engine="$engine" run="$run" master="$master_url" \
    partitions="$([ "$engine" = local ] && echo "" || echo "$PARTS")" \
    executor_memory="$([ "$engine" = spark-cluster ] && echo "$EXEC_MEM" || echo "")" \
    driver_memory="$([ "$engine" = local ] && echo "" || echo "$DRV_MEM")" \
    wall_s="$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')" \
    cluster_start_s="$([ "$engine" = spark-cluster ] && echo "$CLUSTER_START_S" || echo "")" \
    status="$status" log="$log" rss="$rss" \
    validation="$project/target/ml/bench/validation.json" model="$project/target/ml/bench/bench.model"
}

# --- the runs -------------------------------------------------------------------------------------------------------
echo "spark-bench: rows $ROWS_LIST, $ALGO${OPTIONS:+ ($OPTIONS)}, engines $ENGINES, $REPEAT run(s) each, $FORMAT" >&2
for rows in ${ROWS_LIST//,/ }; do
  data="$(data_for "$rows")"
  size_for "$rows"
  echo "$rows rows: partitions $PARTS, executor memory $EXEC_MEM, driver memory $DRV_MEM" >&2
  for run in $(seq 1 "$REPEAT"); do
    for engine in ${ENGINES//,/ }; do
      tag="${ALGO##*.}-$rows-$SEED-$engine"
      logs="$OUT/logs/$tag"
      mkdir -p "$logs"
      write_project "$OUT/project-$engine" "$engine" "$data"
      echo "  $engine, run $run ..." >&2
      measure "$rows" "$engine" "$run" "$OUT/project-$engine" "$logs"
    done
  done
done
python3 "$HERE/spark-bench-report.py" table "$RESULTS_CSV" "$RESULTS_MD"
cat "$RESULTS_MD"
echo "CSV: $RESULTS_CSV; Markdown: $RESULTS_MD; logs: $OUT/logs" >&2
