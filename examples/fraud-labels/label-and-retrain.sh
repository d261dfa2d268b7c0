#!/usr/bin/env bash
# The life of a model trained from a database, in a throwaway copy of this example (target/label-demo/): a git
# repository with a local bare "origin" and a file:// release repository, the SQLite database beside it (not in git:
# in production it is the labelling tool's database, not a file of the project). Then:
#   1. mvn verify: extracts every labelled row into snapshot part 1, trains, validates; ml:promote publishes 1.0.0
#      with the part it was trained on;
#   2. scripts/label.py --rows 200: analysts label 200 more transactions;
#   3. mvn verify: extracts only those 200 rows (part 2), counts them per class against production 1.0.0, retrains
#      (200 >= <retrainWhen><newRows>100) and validates; ml:promote publishes 1.0.1 with parts 1 and 2;
#   4. mvn verify with nothing new: no part, training skipped;
#   5. a fresh checkout (no target/): the parts come back from production 1.0.1, nothing new is extracted, training
#      skipped again;
#   6. scripts/label.py --rows 50, then mvn verify: 50 new rows, fewer than 100: extracted, counted, not trained on yet;
#   7. the database gone (a clone of the commit 1.0.1 was trained from, which has no data/labels.db): the parts
#      published with 1.0.1, trained on through the POM's profile published-data, give 1.0.1's model byte for byte.
# Each step checks what it shows; the script fails when a step does not do what it says.
#
# Usage (after `mvn -B -e -ntp install` at the repository root): examples/fraud-labels/label-and-retrain.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
demo="${here}/target/label-demo"
model_dir="target/ml/fraud-labels"
mvn_args=(-B -ntp)
if [[ ! -t 1 ]]; then
  mvn_args+=(-Dstyle.color=never)
  export MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true"
fi

rm -rf "${demo}"
# a model version is immutable, so Maven keeps what it once resolved in the local repository; this demo makes a new
# release repository each run, so the versions an earlier run left there are removed first
local_repo="$(mvn "${mvn_args[@]}" -q help:evaluate -Dexpression=settings.localRepository -DforceStdout)"
rm -rf "${local_repo}/io/github/mlmaven/examples/fraud-labels-model"
mkdir -p "${demo}"
git init -q --bare "${demo}/origin.git"
mkdir -p "${demo}/project"
cp -r "${here}/pom.xml" "${here}/.mvn" "${here}/data" "${here}/scripts" "${demo}/project/"
cd "${demo}/project"
printf 'target/\ndata/labels.db\n__pycache__/\n' > .gitignore
git init -q -b main
git config user.name "Demo"
git config user.email "demo@example.invalid"
git remote add origin "${demo}/origin.git"
git add -A
git commit -q -m "fraud-labels model project"
git push -q origin main
mvn_args+=(-Dml.promote.repository="demo::file://${demo}/release-repo")

echo "== 0. the committed database holds exactly the rows scripts/create_db.py makes"
python3 scripts/create_db.py --db "${demo}/rebuilt.db" > /dev/null
dump() { python3 -c 'import sqlite3, sys; print("\n".join(sqlite3.connect(sys.argv[1]).iterdump()))' "$1"; }
if ! cmp -s <(dump data/labels.db) <(dump "${demo}/rebuilt.db"); then
  echo "data/labels.db differs from what scripts/create_db.py makes: run python3 scripts/create_db.py and commit" >&2
  exit 1
fi
echo "  same rows"

log="${demo}/build.log"
# build <expected pattern>...: mvn verify, its log kept in build.log; fails unless every pattern is in the log
build() {
  if ! mvn "${mvn_args[@]}" verify > "${log}" 2>&1; then
    cat "${log}"
    echo "mvn verify failed" >&2
    exit 1
  fi
  grep -E '(Extract|extract|snapshot|Restor|Data:|Retraining|Skipping|Trained|up to date|recall |rocAuc|prAuc|BUILD)' "${log}" \
    | sed -E 's/^\[(INFO|WARNING)\] /  /'
  local pattern
  for pattern in "$@"; do
    grep -qE -- "${pattern}" "${log}" || { echo "expected /${pattern}/ in the log of this build" >&2; exit 1; }
  done
}
promote() {
  mvn "${mvn_args[@]}" ml:promote -Dml.promote.approver="fraud-lead" -Dml.promote.reason="$1" > "${log}" 2>&1 \
    || { cat "${log}"; echo "ml:promote failed" >&2; exit 1; }
  grep -E 'Promoted|training-data|BUILD' "${log}" | sed -E 's/^\[(INFO|WARNING)\] /  /'
}
parts() { find "${model_dir}/data" -name 'part-*.csv' | sort | sed 's#^#  #'; }

echo "== 1. the first build: every labelled row, then promotion"
build "Extracted 3000 rows" "Trained fraud-labels"
parts
promote "first fraud model"

echo "== 2. analysts label 200 more transactions"
python3 scripts/label.py --rows 200

echo "== 3. the next build extracts and counts only those, and retrains"
build "Extracted 200 rows" "200 new labelled rows since production 1\.0\.0" "Trained fraud-labels"
parts
promote "200 new labels"

echo "== 4. nothing new: no part, no training"
build "no new snapshot part" "Skipping training of fraud-labels"
parts

echo "== 5. a fresh checkout: the parts come back from production 1.0.1"
rm -rf target
build "Restored 2 snapshot parts of the production version 1\.0\.1" "no new snapshot part" \
  "Skipping training of fraud-labels"
parts

echo "== 6. 50 new labels: extracted and counted, fewer than <retrainWhen><newRows>100"
python3 scripts/label.py --rows 50
build "Extracted 50 rows" "50 new labelled rows < newRows 100" "Skipping training of fraud-labels"
parts

echo "== 7. the database gone: 1.0.1 rebuilt from the parts published with it, the same model bytes"
release="${demo}/release-repo/io/github/mlmaven/examples/fraud-labels-model/1.0.1"
git clone -q -b main "${demo}/origin.git" "${demo}/rebuild"
cd "${demo}/rebuild"
git checkout -q ml/fraud-labels/1.0.1
[[ ! -e data/labels.db ]] || { echo "the clone should have no database" >&2; exit 1; }
python3 -m zipfile -e "${release}/fraud-labels-model-1.0.1-training-data.zip" target/published-data
log="${demo}/rebuild.log"
mvn "${mvn_args[@]}" -Ppublished-data ml:train -Dml.train.force=true > "${log}" 2>&1 \
  || { cat "${log}"; echo "the rebuild failed" >&2; exit 1; }
grep -E 'Read |Trained' "${log}" | sed -E 's/^\[(INFO|WARNING)\] /  /'
model_sha() { python3 -c 'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())'; }
published="$(python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(
    "META-INF/ml-models/fraud-labels/fraud-labels.model"))' "${release}/fraud-labels-model-1.0.1.jar" | model_sha)"
rebuilt="$(model_sha < "${model_dir}/fraud-labels.model")"
echo "  model SHA-256: published 1.0.1 ${published}, rebuilt ${rebuilt}"
[[ "${published}" == "${rebuilt}" ]] || { echo "the rebuilt model differs from the published one" >&2; exit 1; }

echo "== the model's versions and the snapshot parts published with them"
find "${demo}/release-repo/io/github/mlmaven/examples/fraud-labels-model" -name '*.zip' | sort | sed "s#^${demo}/#  #"
