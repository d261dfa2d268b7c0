#!/usr/bin/env bash
# Trains, validates and promotes the credit-risk model twice into a local file:// Maven repository, with the model
# registry on a branch of a throwaway git repository whose "origin" is a local bare repository; then prints the
# history, rolls production back, and predicts with the promoted artifact through the runtime library.
# Everything happens under target/promote-demo/, so this checkout's own git repository is never touched.
#
# Usage (after `mvn -B -e -ntp install` at the repository root): examples/credit-risk/promote-locally.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
demo="${here}/target/promote-demo"
mvn_args=(-B -ntp)

rm -rf "${demo}"
mkdir -p "${demo}"
git init -q --bare "${demo}/origin.git"
mkdir -p "${demo}/project"
cp -r "${here}/pom.xml" "${here}/data" "${demo}/project/"
cd "${demo}/project"
printf 'target/\n' > .gitignore
git init -q -b main
git config user.name "Demo"
git config user.email "demo@example.invalid"
git remote add origin "${demo}/origin.git"

# the release repository the model artifacts go to; ml:validate resolves the production model from it too
mvn_args+=(-Dml.promote.repository="demo::file://${demo}/release-repo")

git add -A
git commit -q -m "credit-risk model project"
git push -q origin main

echo "== first promotion"
mvn "${mvn_args[@]}" verify
mvn "${mvn_args[@]}" ml:promote \
  -Dml.promote.approver="release-manager" -Dml.promote.reason="first credit-risk model"

echo "== a tuned model (stronger ridge): compared with production 1.0.0, then promoted as 1.0.1"
sed -i 's#<options></options>#<options>-R 1.0</options>#' pom.xml
git commit -q -am "Logistic: ridge 1.0"
mvn "${mvn_args[@]}" verify
mvn "${mvn_args[@]}" ml:promote \
  -Dml.promote.approver="release-manager" -Dml.promote.reason="ridge 1.0: better precision, same recall"

echo "== a worse model (NaiveBayes): the champion gate refuses it (this build is expected to fail)"
sed -i 's#weka.classifiers.functions.Logistic#weka.classifiers.bayes.NaiveBayes#; s#<options>-R 1.0</options>#<options></options>#' pom.xml
git commit -q -am "try NaiveBayes"
if mvn "${mvn_args[@]}" verify; then
  echo "expected the champion gate to refuse NaiveBayes" >&2
  exit 1
fi
git revert --no-edit HEAD > /dev/null

echo "== history, then roll production back to 1.0.0"
mvn "${mvn_args[@]}" ml:history
mvn "${mvn_args[@]}" ml:rollback -Dml.rollback.version=1.0.0 \
  -Dml.promote.approver="release-manager" -Dml.promote.reason="demo rollback"
mvn "${mvn_args[@]}" ml:history

echo "== registry branch and tags in origin"
git --git-dir="${demo}/origin.git" log --format='  %h %s' ml-registry
git --git-dir="${demo}/origin.git" tag -l 'ml/*' | sed 's/^/  /'
ls "${demo}/release-repo/io/github/mlmaven/examples/credit-risk/"
