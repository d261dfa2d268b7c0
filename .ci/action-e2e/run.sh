#!/usr/bin/env bash
# End-to-end test of the GitHub Action (action.yml): runs its steps as GitHub's runner would (run-action.mjs) on a
# copy of examples/credit-risk, with a pull_request event from GitHub's documented example payload, against a local
# stand-in for GitHub's REST API (fake-github.mjs, loopback only, a free port), and checks the job summary, the step
# outputs, the pull-request comment (created once, then edited), the gate, the annotations, the permission hint, the
# recorded approver of a promotion and the one-line errors for bad input.
#
# Needs: the plugin installed in the local Maven repository (`mvn -B -e -ntp install` at the root) and the npm
# packages of .ci/lint (`npm ci` there). Usage: bash .ci/action-e2e/run.sh   (about two minutes)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/../.." && pwd)"
work="${root}/target/action-e2e"
rm -rf "${work}"
mkdir -p "${work}/workspace"

if [ ! -d "${root}/.ci/lint/node_modules/yaml" ]; then
  echo "action-e2e: run 'npm ci' in .ci/lint first (the YAML parser comes from there)" >&2
  exit 1
fi

# ------------------------------------------------------------------------------------------- the fake API
node "${here}/fake-github.mjs" "${work}/port" --max-seconds=900 > "${work}/fake-github.log" 2>&1 &
server_pid=$!
trap 'kill "${server_pid}" 2> /dev/null || true' EXIT
for _ in $(seq 1 100); do
  [ -s "${work}/port" ] && break
  sleep 0.1
done
if [ ! -s "${work}/port" ]; then
  echo "action-e2e: the fake GitHub API did not start:" >&2
  cat "${work}/fake-github.log" >&2
  exit 1
fi
port="$(cat "${work}/port")"
server="http://127.0.0.1:${port}"
api="${server}/api/v3"
token="ghs_e2eTestToken0000000000000000000000"
repository="Codertocat/Hello-World"

control() { # control reset '<json>' | control state > file
  node -e '
    const [what, base, body] = process.argv.slice(1);
    const init = what === "reset" ? { method: "POST", body } : {};
    fetch(base + "/_control/" + what, init)
      .then(async (r) => { if (!r.ok) throw new Error(r.status + " " + await r.text()); return r.text(); })
      .then((t) => { if (what === "state") process.stdout.write(t); })
      .catch((e) => { console.error(e.message); process.exit(1); });' "$1" "${server}" "${2:-}"
}

# q FILE 'js expression over d' : prints the value (strings raw, the rest as JSON)
q() {
  node -e '
    const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const v = new Function("d", "return (" + process.argv[2] + ");")(d);
    process.stdout.write(typeof v === "string" ? v : JSON.stringify(v) ?? "undefined");' "$1" "$2"
}

# ------------------------------------------------------------------------------------------- assertions
passed=0
failed=0
check() { # check 'what' command...
  local what="$1"
  shift
  if "$@" > /dev/null 2>&1; then
    passed=$((passed + 1))
    echo "  ok   ${what}"
  else
    failed=$((failed + 1))
    echo "  FAIL ${what}"
  fi
}
equals() { [ "$1" = "$2" ] || { echo "expected '$2', got '$1'" >&2; return 1; }; }
contains() { grep -qF -- "$2" <<< "$1"; }
is_true() { [ "$1" = true ]; }

# ------------------------------------------------------------------------------------------- fixtures
# the project under test: a copy of the example, in a git repository with a local bare origin (for ml:promote)
project="${work}/workspace/credit-risk"
mkdir -p "${project}"
cp -r "${root}/examples/credit-risk/pom.xml" "${root}/examples/credit-risk/data" "${project}/"
git init -q --bare "${work}/origin.git"
(
  cd "${project}"
  printf 'target/\n' > .gitignore
  git init -q -b main
  git config user.name "E2E"
  git config user.email "e2e@example.invalid"
  git remote add origin "${work}/origin.git"
  git add -A
  git commit -q -m "credit-risk model project"
  git push -q origin main
)
# a Maven project that does not declare the plugin
mkdir -p "${work}/workspace/no-plugin"
cat > "${work}/workspace/no-plugin/pom.xml" << 'EOF'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example</groupId>
  <artifactId>no-plugin</artifactId>
  <version>1.0-SNAPSHOT</version>
  <packaging>pom</packaging>
</project>
EOF

# events: GitHub's documented pull_request "opened" example, with the hosts replaced by the fake API's
sed -e "s#@API_URL@#${api}#g" -e "s#@SERVER_URL@#${server}#g" "${here}/events/pull_request.opened.json" \
  > "${work}/pull_request.json"
node -e '
  const fs = require("fs");
  const e = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  delete e.number;
  delete e.pull_request.number;
  fs.writeFileSync(process.argv[2], JSON.stringify(e, null, 2));' "${work}/pull_request.json" "${work}/pull_request.no-number.json"
cat > "${work}/workflow_dispatch.json" << EOF
{"inputs": {}, "ref": "refs/heads/main", "repository": {"id": 186853002, "full_name": "${repository}"},
 "sender": {"login": "Codertocat", "id": 21031067, "type": "User"}, "workflow": ".github/workflows/ml.yml"}
EOF

# run_action NAME EVENT-NAME EVENT-FILE RUN-ID [--input name=value]...: result in $work/NAME.json, log in NAME.log
run_action() {
  local name="$1" event="$2" payload="$3" run_id="$4"
  shift 4
  echo "== ${name}"
  env -u GITHUB_TOKEN -u GITHUB_OUTPUT -u GITHUB_STEP_SUMMARY -u GITHUB_ENV -u GITHUB_PATH -u MAVEN_ARGS \
    GITHUB_EVENT_NAME="${event}" GITHUB_EVENT_PATH="${payload}" GITHUB_REPOSITORY="${repository}" \
    GITHUB_RUN_ID="${run_id}" GITHUB_API_URL="${api}" GITHUB_SERVER_URL="${server}" E2E_GITHUB_TOKEN="${token}" \
    node "${here}/run-action.mjs" --action "${root}/action.yml" --workspace "${work}/workspace" \
    --result "${work}/${name}.json" "$@" > "${work}/${name}.log" 2>&1 || true
  if [ ! -s "${work}/${name}.json" ]; then
    echo "  (the runner failed; its log:)"
    sed 's/^/  | /' "${work}/${name}.log"
    echo '{"steps":[],"annotations":[],"summary":"","outputs":{},"conclusion":"runner-error"}' > "${work}/${name}.json"
  fi
}
r() { q "${work}/$1.json" "$2"; }                 # query a run's result
s() { control state > "${work}/state.json" && q "${work}/state.json" "$1"; } # query the fake API's state
step() { r "$1" "d.steps.find(s => s.id === '$2')?.outcome ?? 'absent'"; }
errors() { r "$1" "d.annotations.filter(a => a.level === '${2:-error}' && !a.runner).map(a => a.message).join('\n')"; }
marked="c => c.body.startsWith('<!-- ml-maven-plugin:model=credit-risk -->')"
start=$(date +%s)

# ------------------------------------------------------------------------------------------- pull request, twice
# 120 comments on the pull request already (people, another bot, another model's comment): the model's comment goes
# to page 2 of the listing, so the second run finds it only by following the Link header
control reset "{\"seedComments\": 120, \"token\": \"${token}\"}"

run_action pr-first pull_request "${work}/pull_request.json" 30433642 --input working-directory=credit-risk
check "first run: the action succeeds" equals "$(r pr-first d.conclusion)" success
check "first run: build, report and verdict steps succeed" equals \
  "$(r pr-first "['inputs','build','report'].map(i => d.steps.find(s => s.id === i).outcome).join()")" \
  success,success,success
check "first run: setup-java is a uses: step (not run here)" contains "$(cat "${work}/pr-first.log")" "actions/setup-java@"
check "first run: the job summary holds the metrics table" contains "$(r pr-first d.summary)" "| recall | 0.4844 | ≥ 0.4500 | ✅ pass |"
check "first run: output passed=true" equals "$(r pr-first d.outputs.passed)" true
check "first run: output metrics is one line of JSON with the recall" equals \
  "$(r pr-first "JSON.parse(d.outputs.metrics)['credit-risk'].recall.toFixed(4) + (d.outputs.metrics.includes('\n') ? ' multi-line' : '')")" 0.4844
# shellcheck disable=SC2016 # backticks are Markdown here
check "first run: output summary is the Markdown summary" contains "$(r pr-first d.outputs.summary)" '### Model `credit-risk`'
check "first run: output model-version is empty (no promotion)" equals "$(r pr-first "d.outputs['model-version']")" ""
check "first run: exactly one comment carries the model's marker" equals "$(s "d.comments.filter(${marked}).length")" 1
check "first run: it was created by one POST" equals "$(s "d.requests.filter(r => r.method === 'POST').length")" 1
check "first run: the other 120 comments are untouched" equals "$(s "d.comments.length + ':' + d.requests.filter(r => r.method === 'PATCH').length")" 121:0
check "first run: the comment holds the metrics table" contains "$(s "d.comments.find(${marked}).body")" "| recall | 0.4844 |"
check "first run: requests carry GitHub's media type and API version" equals \
  "$(s "d.requests.filter(r => r.path.includes('/issues/')).every(r => r.accept === 'application/vnd.github+json' && r.apiVersion === '2022-11-28')")" true
first_id="$(s "d.comments.find(${marked}).id")"

run_action pr-second pull_request "${work}/pull_request.json" 30433643 --input working-directory=credit-risk
check "second run: the action succeeds" equals "$(r pr-second d.conclusion)" success
check "second run: still exactly one comment with the marker, the same one" equals \
  "$(s "d.comments.filter(${marked}).map(c => c.id).join()")" "${first_id}"
check "second run: it was edited (PATCH of that comment), no comment added" equals \
  "$(s "d.requests.filter(r => r.method === 'PATCH').map(r => r.path.split('/').pop()).join() + ':' + d.requests.filter(r => r.method === 'POST').length + ':' + d.comments.length")" \
  "${first_id}:1:121"
check "second run: the edited comment links the second run" contains "$(s "d.comments.find(${marked}).body")" "30433643"
check "second run: the listing followed the Link header to page 2" equals \
  "$(s "d.requests.some(r => r.method === 'GET' && r.path.startsWith('/api/v3/repositories/186853002/') && r.query.includes('page=2'))")" true

# ------------------------------------------------------------------------------------------- a breached gate
run_action gate pull_request "${work}/pull_request.json" 30433644 --input working-directory=credit-risk \
  --input "maven-args=-Dml.thresholds=\"recall>=0.99\""
check "breached gate: the action fails" equals "$(r gate d.conclusion)" failure
check "breached gate: the build failed on the gate only" equals \
  "$(r gate "d.steps.find(s => s.id === 'build').outputs['gate-only'] + ',' + d.steps.find(s => s.id === 'build').outputs.outcome")" true,failure
check "breached gate: an ::error annotation names the breached threshold" contains "$(errors gate)" "recall = 0.4844 (required >= 0.99)"
check "breached gate: the annotation points at the POM" equals \
  "$(r gate "d.annotations.find(a => a.message.includes('required >= 0.99')).file")" credit-risk/pom.xml
check "breached gate: the report step succeeds, the last step fails" equals \
  "$(r gate "d.steps.find(s => s.id === 'report').outcome + ',' + d.steps[d.steps.length - 1].outcome")" success,failure
check "breached gate: the last step says fail-on-gate" contains "$(errors gate)" "fail-on-gate: true"
check "breached gate: output passed=false" equals "$(r gate d.outputs.passed)" false
check "breached gate: the job summary shows the breach with the numbers" contains "$(r gate d.summary)" "| recall | 0.4844 | ≥ 0.9900 | ❌ **breach** |"
check "breached gate: the comment was edited to show the breach, still one" equals \
  "$(s "d.comments.filter(${marked}).length + ':' + d.comments.find(${marked}).body.includes('❌ **breach**')")" 1:true

run_action gate-no-fail pull_request "${work}/pull_request.json" 30433645 --input working-directory=credit-risk \
  --input "maven-args=-Dml.thresholds=recall>=0.99" --input fail-on-gate=false
check "fail-on-gate false: the action passes with a warning" equals \
  "$(r gate-no-fail "d.conclusion + ',' + d.annotations.some(a => a.level === 'warning' && a.message.includes('fail-on-gate is false'))")" success,true
check "fail-on-gate false: output passed=false" equals "$(r gate-no-fail d.outputs.passed)" false

# ------------------------------------------------------------------------------------------- token problems
control reset "{\"seedComments\": 0, \"token\": \"${token}\", \"forbidComments\": [\"POST\", \"PATCH\"]}"
run_action forbidden pull_request "${work}/pull_request.json" 30433646 --input working-directory=credit-risk
check "403: the action fails in the report step" equals \
  "$(r forbidden "d.conclusion + ',' + d.steps.find(s => s.id === 'report').outcome")" failure,failure
check "403: the annotation says which permission the token needs" contains "$(errors forbidden)" "pull-requests: write"
check "403: the job summary and outputs are still written" equals "$(r forbidden "d.outputs.passed + ',' + d.summary.includes('| recall |')")" true,true
check "403: no comment was made" equals "$(s "d.comments.length")" 0

control reset "{\"token\": \"${token}\"}"
run_action bad-token pull_request "${work}/pull_request.json" 30433647 --input working-directory=credit-risk \
  --input github-token=ghs_notTheRightOne
check "invalid token: a one-line error says the token was refused (401)" contains "$(errors bad-token)" "the GitHub token was refused (401)"

run_action no-token pull_request "${work}/pull_request.json" 30433648 --input working-directory=credit-risk \
  --input github-token=
check "missing token: the input check fails before the build" equals \
  "$(r no-token "d.steps.find(s => s.id === 'inputs').outcome + ',' + d.steps.find(s => s.id === 'build').outcome")" failure,skipped
check "missing token: one error line naming github-token and comment-on-pr" contains \
  "$(r no-token "d.annotations.filter(a => a.step === 'inputs').map(a => a.message).join('|')")" \
  "github-token is empty, so the pull-request comment cannot be written; pass a token with pull-requests: write (the default is the job's GITHUB_TOKEN) or set comment-on-pr: false."

# ------------------------------------------------------------------------------------------- bad input
run_action no-number pull_request "${work}/pull_request.no-number.json" 30433649 --input working-directory=credit-risk
check "no pull request number: the report fails with a one-line error" contains "$(errors no-number)" "has no pull request number"
check "no pull request number: the message says how to avoid it" contains "$(errors no-number)" "comment-on-pr: false"

run_action no-dir pull_request "${work}/pull_request.json" 30433650 --input working-directory=does-not-exist
check "missing working-directory: one error line, nothing built" equals \
  "$(r no-dir "d.annotations.filter(a => a.step === 'inputs' && a.level === 'error' && !a.runner).length + ',' + d.steps.find(s => s.id === 'build').outcome")" 1,skipped
check "missing working-directory: the error says what to change" contains "$(errors no-dir)" "working-directory 'does-not-exist' does not exist"

run_action no-plugin pull_request "${work}/pull_request.json" 30433651 --input working-directory=no-plugin
check "project without the plugin: the action fails" equals "$(r no-plugin d.conclusion)" failure
check "project without the plugin: the error says to declare it" contains "$(errors no-plugin)" \
  "does not declare ml-maven-plugin; add io.github.mlmaven:ml-maven-plugin to <build><plugins> of its pom.xml"

run_action unknown-goal pull_request "${work}/pull_request.json" 30433652 --input working-directory=credit-risk \
  --input goals=verfy
check "unknown goal: the action fails" equals "$(r unknown-goal d.conclusion)" failure
check "unknown goal: the error names the goal and what to use" contains "$(errors unknown-goal)" \
  "goals: 'verfy' is neither a Maven lifecycle phase nor a plugin goal; use a phase such as verify or a goal such as ml:promote."

# ------------------------------------------------------------------------------------------- promotion
control reset "{\"token\": \"${token}\", \"approvals\": [{\"login\": \"release-manager\", \"comment\": \"Ship it\"}]}"
run_action promote workflow_dispatch "${work}/workflow_dispatch.json" 30433700 --input working-directory=credit-risk \
  --input "goals=verify ml:promote" \
  --input "maven-args=-Dml.promote.repository=e2e::file://${work}/release-repo -Dml.promote.requireApproval=true"
check "promotion: the action succeeds" equals "$(r promote d.conclusion)" success
check "promotion: the run's approvals were read" equals \
  "$(s "d.requests.some(r => r.method === 'GET' && r.path === '/api/v3/repos/${repository}/actions/runs/30433700/approvals')")" true
check "promotion: a ::notice names the approver" contains \
  "$(r promote "d.annotations.filter(a => a.level === 'notice').map(a => a.message).join('|')")" "approved by release-manager"
check "promotion: output model-version" equals "$(r promote "d.outputs['model-version']")" 1.0.0
check "promotion: the registry records the approver" contains \
  "$(git --git-dir="${work}/origin.git" log --format=%B ml-registry 2> /dev/null)" "release-manager"

control reset "{\"token\": \"${token}\", \"approvals\": []}"
run_action promote-unapproved workflow_dispatch "${work}/workflow_dispatch.json" 30433701 \
  --input working-directory=credit-risk --input goals=ml:promote \
  --input "maven-args=-Dml.promote.repository=e2e::file://${work}/release-repo -Dml.promote.requireApproval=true"
check "promotion without approval: refused, the action fails" equals "$(r promote-unapproved d.conclusion)" failure
check "promotion without approval: the error says so" contains "$(errors promote-unapproved)" "no approval found for run 30433701"

# ------------------------------------------------------------------------------------------- every run
for result in "${work}"/*.json; do
  case "$(basename "${result}")" in state.json | pull_request*.json | workflow_dispatch.json) continue ;; esac
  check "$(basename "${result}" .json): every annotation is one line" equals \
    "$(q "${result}" "d.annotations.filter(a => /[\r\n]/.test(a.message)).length")" 0
done

echo "action-e2e: logs and results in ${work}; $(($(date +%s) - start)) s"
echo "action-e2e: ${passed} passed, ${failed} failed"
[ "${failed}" -eq 0 ]
