#!/usr/bin/env bash
# Kills a real `mvn ml:promote` with SIGKILL at a random moment, ROUNDS times (default 20), and checks after each kill
# that what it left is reported by ml:history with the command that completes it, that this command completes it, and
# that nothing was lost or shared: every version is promoted or failed, each promoted version has its tag and its
# deployed artifact holds the model the registry recorded, and no two versions share a number.
# On demand only (not in CI): each round trains a model, so 20 rounds take several minutes on a small machine.
# Everything happens under target/crash-demo/, as in promote-locally.sh.
#
# Usage (after `mvn -B -ntp install` at the repository root): examples/credit-risk/crash-promote.sh [ROUNDS] [SEED]
set -euo pipefail

rounds="${1:-20}"
RANDOM="${2:-$$}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
demo="${here}/target/crash-demo"
mvn_args=(-B -ntp)
if [[ ! -t 1 ]]; then
  mvn_args+=(-Dstyle.color=never)
  export MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true"
fi

rm -rf "${demo}"
# a model version is immutable, so Maven keeps the copy it once resolved in the local repository; this demo makes a
# new release repository each run, so the versions that an earlier run left there are removed first
local_repo="$(mvn "${mvn_args[@]}" -q help:evaluate -Dexpression=settings.localRepository -DforceStdout)"
rm -rf "${local_repo}/io/github/mlmaven/examples/credit-risk-model"
mkdir -p "${demo}/project"
git init -q --bare "${demo}/origin.git"
cp -r "${here}/pom.xml" "${here}/data" "${demo}/project/"
cd "${demo}/project"
printf 'target/\n*.log\n' > .gitignore
git init -q -b main
git config user.name "Demo"
git config user.email "demo@example.invalid"
git remote add origin "${demo}/origin.git"
git add -A
git commit -q -m "credit-risk model project"
git push -q origin main
mvn_args+=(-Dml.promote.repository="demo::file://${demo}/release-repo")
registry() { git --git-dir="${demo}/origin.git" show ml-registry:models/credit-risk.json 2>/dev/null || echo '{}'; }

# one promotion that is not killed: production 1.0.0, and how long a promotion takes here; the kills fall in the second
# half of that time, after Maven's start-up, where the registry, the deployment and the tag are written
mvn "${mvn_args[@]}" -q verify > round-0-verify.log
started="$(date +%s%N)"
mvn "${mvn_args[@]}" ml:promote -Dml.promote.approver=crash > round-0-promote.log 2>&1
window="$(( ($(date +%s%N) - started) / 1000000 ))"
echo "== a promotion takes ${window} ms here; each round kills one at a random moment in its second half"

for round in $(seq 1 "${rounds}"); do
  # a model of its own each round (one commit gives a second version only with another configuration); the ridge
  # changes so little that the champion gate passes
  sed -i "s#<options>.*</options>#<options>-R $((round + 1)).0E-8</options>#" pom.xml
  git commit -q -am "round ${round}: ridge $((round + 1)).0E-8"
  mvn "${mvn_args[@]}" -q verify > "round-${round}-verify.log"

  delay="$(( window / 2 + (RANDOM * 32768 + RANDOM) % (window / 2 + 1) ))"
  echo "== round ${round}: ml:promote killed after ${delay} ms"
  mvn "${mvn_args[@]}" ml:promote -Dml.promote.approver=crash > "round-${round}-promote.log" 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  # Maven's launcher script execs java, so this is the JVM itself
  kill -9 "${pid}" 2> /dev/null || true
  wait "${pid}" 2> /dev/null || true

  # what the next ml:history reports, and the command it names, until nothing is left
  for attempt in 1 2 3; do
    mvn "${mvn_args[@]}" ml:history > "round-${round}-history-${attempt}.log" 2>&1 || true
    warnings="$(grep '^\[WARNING\] Registry: ' "round-${round}-history-${attempt}.log" || true)"
    if [[ -z "${warnings}" ]]; then
      break
    fi
    echo "${warnings}" | sed 's/^/   /'
    if grep -q 'holds lock files' <<< "${warnings}"; then
      # the documented fix once no git command runs on origin (none does: the build was killed)
      find "${demo}/origin.git" -name '*.lock' -print -delete | sed 's/^/   removed /'
    fi
    for version in $(grep -o 'ml.promote.finish=[0-9.]*[0-9]' <<< "${warnings}" | cut -d= -f2 | sort -u); do
      echo "   finishing ${version}"
      mvn "${mvn_args[@]}" ml:promote -Dml.promote.finish="${version}" > "round-${round}-finish-${version}.log" 2>&1 \
        || { echo "   finishing ${version} failed: see ${demo}/project/round-${round}-finish-${version}.log" >&2; exit 1; }
    done
  done
  if [[ -n "${warnings}" ]]; then
    echo "round ${round}: still reported after three finishes" >&2
    exit 1
  fi

  # the invariants
  registry > registry.json
  python3 - "${demo}" <<'PY'
import hashlib, json, os, subprocess, sys, zipfile
demo = sys.argv[1]
doc = json.load(open('registry.json'))
versions = [v['version'] for v in doc.get('versions', [])]
assert len(versions) == len(set(versions)), f'a version is listed twice: {versions}'
tags = subprocess.run(['git', '--git-dir', demo + '/origin.git', 'tag', '-l', 'ml/credit-risk/*'],
                      capture_output=True, text=True, check=True).stdout.split()
for v in doc.get('versions', []):
    assert v['status'] in ('promoted', 'failed'), f"{v['version']} is {v['status']} after the finish"
    if v['status'] == 'promoted':
        assert 'ml/credit-risk/' + v['version'] in tags, f"{v['version']} has no tag"
        jar = f"{demo}/release-repo/io/github/mlmaven/examples/{v['artifactId']}/{v['version']}/{v['artifactId']}-{v['version']}.jar"
        with zipfile.ZipFile(jar) as z:
            sha = hashlib.sha256(z.read('META-INF/ml-models/credit-risk/credit-risk.model')).hexdigest()
        assert sha == v['modelSha256'], f"{v['version']}: deployed model {sha}, registry {v['modelSha256']}"
print('   registry: ' + ', '.join(f"{v['version']} {v['status']}" for v in doc.get('versions', [])))
PY
done
echo "== ${rounds} rounds: every state was reported and completed; no version lost or shared"
