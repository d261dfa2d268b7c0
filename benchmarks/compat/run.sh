#!/usr/bin/env bash
# The outputs of the credit-risk example in five configurations (Logistic on the test split, NaiveBayes, J48 with
# cross-validation, RandomForest on a holdout split, NaiveBayes with cross-validation), built with the plugin installed
# in the local repository; each target/ml kept in OUTDIR. Run it once per plugin version, then compare.sh BEFORE AFTER.
# usage: run.sh OUTDIR
set -uo pipefail
OUT="$1"; rm -rf "$OUT"; mkdir -p "$OUT"
SRC="$(cd "$(dirname "$0")/../.." && pwd)/examples/credit-risk"
run() { # name, algorithm, options, evaluation (test|cv|holdout), thresholds on/off
  local name="$1" algo="$2" opts="$3" eval="$4"
  local dir="${TMPDIR:-/tmp}/ml-compat-$name"; rm -rf "$dir"; cp -r "$SRC" "$dir"; rm -rf "$dir/target"
  sed -i "s|<algorithm>.*</algorithm>|<algorithm>$algo</algorithm><evaluation>$eval</evaluation>|; s|<options></options>|<options>$opts</options>|" "$dir/pom.xml"
  if [ "$name" != default ]; then sed -i '/<thresholds>/,/<\/thresholds>/d' "$dir/pom.xml"; fi
  (cd "$dir" && mvn -B -o -ntp verify ml:report > "$OUT/$name.log" 2>&1) || echo "$name: build failed" >>"$OUT/$name.log"
  cp -r "$dir/target/ml" "$OUT/$name"
}
run default weka.classifiers.functions.Logistic "" test
run nb weka.classifiers.bayes.NaiveBayes "" test
run j48cv weka.classifiers.trees.J48 "" cv
run rfho weka.classifiers.trees.RandomForest "-I 20" holdout
run nbcsv weka.classifiers.bayes.NaiveBayes "" cv
