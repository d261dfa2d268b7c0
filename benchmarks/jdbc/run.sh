#!/usr/bin/env bash
# Benchmark of training from a database (docs/performance.md, "Training from PostgreSQL"): a real PostgreSQL server
# (Debian's binaries, a throwaway cluster on a loopback port) holding the generator's training rows in a table, then
# the same job two ways, interleaved and repeated:
#   a. jdbc: mvn ml:train ml:validate, the plugin extracting the table itself (a <jdbc> source, full extraction into an
#      empty snapshot folder each run);
#   b. csv:  psql \copy of the table to a CSV file, then mvn ml:train ml:validate on that file.
# NaiveBayes by default, evaluated on the generator's test file in both. Prints the median wall time of each step and
# the peak RSS (GNU time: the largest single process) of each route; the server's own memory is the same for both and
# not counted. Run on demand, not in CI.
# The plugin is the one installed in the local repository (~/.m2). --maven-args passes options to both routes' mvn, to
# measure a plugin that is not installed: e.g. the one an invoker run put into the module's own repository,
#   mvn -B -pl maven-plugin -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
#       -Dinvoker.test=jdbc-full-extraction
#   sed "s#@localRepositoryUrl@#file://$HOME/.m2/repository#" src-it/settings.xml > /tmp/bench-settings.xml
#   benchmarks/jdbc/run.sh --maven-args "-s /tmp/bench-settings.xml -Dmaven.repo.local=$PWD/maven-plugin/target/local-repo"
# (the settings read what that repository lacks from ~/.m2, as the ITs do).
set -euo pipefail

ROWS=1000000
SEED=1
REPEAT=3
CLASSIFIER=weka.classifiers.bayes.NaiveBayes
MAVEN_ARGS=""
usage() {
  echo "usage: benchmarks/jdbc/run.sh [--rows N (table rows)] [--seed S] [--repeat K] [--classifier <Weka class>]" \
    "[--maven-args '<options of mvn>']" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --classifier) CLASSIFIER="$2"; shift 2 ;;
    --maven-args) MAVEN_ARGS="$2"; shift 2 ;;
    *) usage ;;
  esac
done
[[ "$ROWS" =~ ^[0-9]+$ && "$ROWS" -ge 4 ]] || usage
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || usage

HERE="$(cd "$(dirname "$0")" && pwd)"
BENCH="$(cd "$HERE/.." && pwd)"
TARGET="$BENCH/target"
# the generator splits its rows 80/20: ROWS training rows (the table) need ROWS * 5 / 4 generated rows
GENERATED=$((ROWS * 5 / 4))
DATA="$TARGET/data-$GENERATED-$SEED"
WORK="$TARGET/jdbc"
LOGS="$WORK/logs/${CLASSIFIER##*.}-$ROWS-$SEED"
mkdir -p "$WORK" "$LOGS"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "GNU time is needed (apt-get install time)" >&2; exit 1; }
PLUGIN=io.github.mlmaven:ml-maven-plugin:0.1.0-SNAPSHOT
PG_DRIVER_VERSION=42.7.14

# --- PostgreSQL: Debian's server binaries ----------------------------------------------------------------------------
pg_bin() { find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin)" ] && [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql postgresql-client > /dev/null
fi
PG_BIN="$(pg_bin)"
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL is needed (apt-get install postgresql)" >&2
  exit 1
fi
command -v psql > /dev/null || { echo "psql is needed (apt-get install postgresql-client)" >&2; exit 1; }

# --- data ------------------------------------------------------------------------------------------------------------
if [ ! -f "$DATA/test.csv" ]; then
  java "$BENCH/generator/Generate.java" --rows "$GENERATED" --seed "$SEED" --out "$DATA.tmp"
  rm -rf "$DATA"; mv "$DATA.tmp" "$DATA"
fi

# --- a throwaway cluster ---------------------------------------------------------------------------------------------
# PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's postgres user. Its folder is under /tmp,
# which that user can reach (the checkout may not be).
PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ml-bench-pg.XXXXXX")"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$PG_DIR"
  as_pg=(runuser -u postgres --)
fi
PG_PASSWORD="bench-$RANDOM$RANDOM"
PG_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
stop_pg() {
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop > /dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_pg EXIT
printf '%s\n' "$PG_PASSWORD" > "$PG_DIR/pwfile"
[ "$(id -u)" != 0 ] || chown postgres: "$PG_DIR/pwfile"
"${as_pg[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U bench --pwfile="$PG_DIR/pwfile" --auth=scram-sha-256 -E UTF8 \
  --locale=C > "$LOGS/initdb.log" 2>&1 || { cat "$LOGS/initdb.log" >&2; exit 1; }
rm -f "$PG_DIR/pwfile"
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR" start > /dev/null \
  || { cat "$PG_DIR/server.log" >&2; exit 1; }
export PGPASSWORD="$PG_PASSWORD"
psql_bench() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U bench -d postgres "$@"; }
"$PG_BIN/postgres" --version

COLUMNS_SQL="$(for i in $(seq 1 20); do printf 'f%d double precision, ' "$i"; done)channel text, fraud text"
echo "== loading $ROWS rows into the table transactions"
t0=$(date +%s.%N)
psql_bench -c "CREATE TABLE transactions ($COLUMNS_SQL)" \
  -c "\\copy transactions FROM '$DATA/train.csv' WITH (FORMAT csv, HEADER)" -c "VACUUM ANALYZE transactions"
echo "loaded in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s:" \
  "$(psql_bench -t -A -c 'SELECT count(*) FROM transactions') rows," \
  "$(psql_bench -t -A -c "SELECT pg_size_pretty(pg_total_relation_size('transactions'))")"

# --- the two throwaway Maven projects --------------------------------------------------------------------------------
# project <dir> <trainingData XML> [plugin dependencies XML]
project() {
  mkdir -p "$1"
  cat > "$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>bench</artifactId><version>1</version><packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.mlmaven</groupId>
        <artifactId>ml-maven-plugin</artifactId>
        <version>0.1.0-SNAPSHOT</version>
        <dependencies>${3:-}</dependencies>
        <configuration>
          <modelName>bench</modelName>
          <trainingData>$2</trainingData>
          <testData><file>$DATA/test.csv</file></testData>
          <classAttribute>fraud</classAttribute>
          <positiveClass>yes</positiveClass>
          <algorithm>$CLASSIFIER</algorithm>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
  # a git repository of its own, as a user's project is (ml:train records its commit)
  if [ ! -d "$1/.git" ]; then
    git -C "$1" init -q
    printf 'target/\n*.csv\n' > "$1/.gitignore"
  fi
  git -C "$1" add pom.xml .gitignore
  git -C "$1" -c user.name=bench -c user.email=bench@localhost commit -q -m "benchmark configuration" --allow-empty
}
JDBC_PROJECT="$WORK/project-jdbc"
CSV_PROJECT="$WORK/project-csv"
EXPORT="$CSV_PROJECT/transactions.csv"
project "$JDBC_PROJECT" "
            <jdbc>
              <url>jdbc:postgresql://127.0.0.1:$PG_PORT/postgres</url>
              <table>transactions</table>
              <usernameEnv>BENCH_PG_USER</usernameEnv>
              <passwordEnv>BENCH_PG_PASSWORD</passwordEnv>
            </jdbc>" "
          <dependency>
            <groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>$PG_DRIVER_VERSION</version>
          </dependency>"
project "$CSV_PROJECT" "<file>$EXPORT</file>"

# --- one measured step -----------------------------------------------------------------------------------------------
# step <name> <i> <command...>: appends "name i wall_s peak_rss_kb" to RESULTS
step() {
  local name="$1" i="$2"; shift 2
  local out="$LOGS/$name-$i.log" tv="$LOGS/$name-$i.time" t0 t1
  t0=$(date +%s.%N)
  if ! "$TIME" -v -o "$tv" "$@" > "$out" 2>&1; then
    echo "$name run $i failed; see $out" >&2; tail -20 "$out" >&2; exit 1
  fi
  t1=$(date +%s.%N)
  echo "$name $i $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}') $(awk -F': ' '/Maximum resident set size/{print $2}' "$tv")" >> "$RESULTS"
}
RESULTS="$LOGS/results.txt"; : > "$RESULTS"
# shellcheck disable=SC2206 # --maven-args is split into words on purpose
MVN=(mvn -B -Dstyle.color=never $MAVEN_ARGS "$PLUGIN:train" "$PLUGIN:validate")
for i in $(seq 1 "$REPEAT"); do
  echo "== run $i of $REPEAT"
  rm -rf "$JDBC_PROJECT/target"
  (cd "$JDBC_PROJECT" && export BENCH_PG_USER=bench BENCH_PG_PASSWORD="$PG_PASSWORD" && step jdbc "$i" "${MVN[@]}")
  rm -rf "$CSV_PROJECT/target" "$EXPORT"
  step export "$i" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U bench -d postgres \
    -c "\\copy transactions TO '$EXPORT' WITH (FORMAT csv, HEADER)"
  (cd "$CSV_PROJECT" && step csv "$i" "${MVN[@]}")
done

# --- report ----------------------------------------------------------------------------------------------------------
median() { sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2 }'; }
col() { awk -v t="$1" -v c="$2" '$1==t{print $c}' "$RESULTS"; }
# the metrics of the class yes, to 6 decimals, from a project's validation.json
metrics() {
  python3 - "$1/target/ml/bench/validation.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m, c = d["metrics"], d.get("perClass", {}).get("yes", {})
print(" ".join("%.6f" % v if isinstance(v, (int, float)) else str(v)
               for v in (c.get("recall"), c.get("precision"), m.get("rocAuc"), m.get("prAuc"))))
PY
}
J_WALL=$(col jdbc 3 | median); J_RSS=$(col jdbc 4 | sort -g | tail -1)
E_WALL=$(col export 3 | median); E_RSS=$(col export 4 | sort -g | tail -1)
C_WALL=$(col csv 3 | median); C_RSS=$(col csv 4 | sort -g | tail -1)
# the CSV route's total per run, then its median (not the sum of the two medians)
CSV_TOTAL=$(paste <(col export 3) <(col csv 3) | awk '{print $1 + $2}' | median)
CSV_RSS=$((E_RSS > C_RSS ? E_RSS : C_RSS))
J_METRICS="$(metrics "$JDBC_PROJECT")"; C_METRICS="$(metrics "$CSV_PROJECT")"
EXTRACT_LINE="$(grep -m1 -E 'Extracted|extracted' "$LOGS/jdbc-$REPEAT.log" | sed -E 's/^\[INFO\] *//' || true)"

echo
echo "## ${CLASSIFIER##*.} from a $ROWS-row PostgreSQL table (test: $((GENERATED / 5)) rows from a file), median of $REPEAT"
echo
printf '| route | step | wall s | peak RSS MB |\n|---|---|---:|---:|\n'
printf '| a. jdbc | mvn ml:train ml:validate (extracts the table) | %.2f | %d |\n' "$J_WALL" "$((J_RSS / 1024))"
printf '| b. csv | psql \\copy to CSV | %.2f | %d |\n' "$E_WALL" "$((E_RSS / 1024))"
printf '| b. csv | mvn ml:train ml:validate (reads the CSV) | %.2f | %d |\n' "$C_WALL" "$((C_RSS / 1024))"
printf '| b. csv | whole route | %.2f | %d |\n' "$CSV_TOTAL" "$((CSV_RSS / 1024))"
echo
printf 'jdbc / csv route, wall: %.3f (%s); peak RSS: %.2f\n' \
  "$(awk -v a="$J_WALL" -v b="$CSV_TOTAL" 'BEGIN{print a/b}')" \
  "$(awk -v a="$J_WALL" -v b="$CSV_TOTAL" 'BEGIN{print (a <= b) ? "at most the CSV route" : "SLOWER than the CSV route"}')" \
  "$(awk -v a="$J_RSS" -v b="$CSV_RSS" 'BEGIN{print a/b}')"
echo "recall, precision, ROC area, PR area of yes: jdbc $J_METRICS; csv $C_METRICS ($([ "$J_METRICS" = "$C_METRICS" ] && echo identical || echo DIFFERENT))"
[ -z "$EXTRACT_LINE" ] || echo "the plugin's extraction (last run): $EXTRACT_LINE"
echo "Logs: $LOGS"
