#!/usr/bin/env bash
# End-to-end test of the MLflow integration as a user meets it: a real MLflow server (the pinned version of
# .ci/mlflow/install.sh) on a free loopback port, the credit-risk example validated against it, then
# examples/credit-risk/promote-locally.sh with MLFLOW_TRACKING_URI set, so that its promotions, its rollback and its
# ml:monitor pass land in MLflow too. Then .ci/report-e2e/mlflow-e2e.mjs reads everything back through MLflow's REST
# API (the example's metrics must equal its validation.json, the registry's production alias the version rolled back
# to) and opens MLflow's own web UI in headless Chromium: the experiment, the run with its metrics and params, the
# registered model with its production alias; screenshots go to target/mlflow-e2e/.
#
# Needs: the plugin installed in the local Maven repository (`mvn -B -e -ntp install` at the root); MLflow is
# installed by .ci/mlflow/install.sh when missing, and the npm packages of .ci/report-e2e by `npm ci` there; without
# /usr/bin/chromium the UI part is skipped, with a note. Usage: bash .ci/mlflow-e2e/run.sh   (about two minutes; the
# server is stopped on exit, whatever happens)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/../.." && pwd)"
work="${root}/target/mlflow-e2e"
example="${root}/examples/credit-risk"

# MLflow itself: where it cannot be installed (no python3, no network), install.sh --optional prints a note and no
# directory, and this test is skipped, as the ITs are.
mlflow_home="$(bash "${root}/.ci/mlflow/install.sh" --optional)"
if [ -z "${mlflow_home}" ] || [ ! -x "${mlflow_home}/bin/mlflow" ]; then
  echo "note: MLflow is not installed; the MLflow end-to-end test is skipped"
  exit 0
fi

rm -rf "${work}"
mkdir -p "${work}/server"

# ------------------------------------------------------------------------------------------- the server
# A free port: the kernel picks one for a socket bound to port 0 (another program could take it before the server
# binds it; the server then exits and the wait below says so).
port="$("${mlflow_home}/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
tracking="http://127.0.0.1:${port}"
# In a session of its own (setsid), so that the trap stops the server and the uvicorn worker it starts as one process
# group. The job runner (GenAI scorer jobs, eight more Python processes) is not needed, and nothing is sent home.
MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false MLFLOW_DISABLE_TELEMETRY=true DO_NOT_TRACK=true setsid "${mlflow_home}/bin/mlflow" server \
  --host 127.0.0.1 --port "${port}" --workers 1 \
  --backend-store-uri "sqlite:///${work}/server/mlflow.db" \
  --artifacts-destination "${work}/server/artifacts" > "${work}/server/server.log" 2>&1 &
server_pid=$!
stop_server() {
  kill -TERM -- "-${server_pid}" 2> /dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "${server_pid}" 2> /dev/null || return 0
    sleep 0.2
  done
  kill -KILL -- "-${server_pid}" 2> /dev/null || true
}
trap stop_server EXIT

started="$(date +%s)"
until curl -fsS "${tracking}/health" > /dev/null 2>&1; do
  if ! kill -0 "${server_pid}" 2> /dev/null; then
    echo "mlflow-e2e: the MLflow server exited; the end of ${work}/server/server.log:" >&2
    tail -30 "${work}/server/server.log" >&2
    exit 1
  fi
  if [ $(($(date +%s) - started)) -gt 120 ]; then
    echo "mlflow-e2e: the MLflow server did not answer /health within 120 s" >&2
    tail -30 "${work}/server/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "mlflow-e2e: MLflow $("${mlflow_home}/bin/mlflow" --version | sed 's/.*version //') at ${tracking} ($(($(date +%s) - started)) s to start)"

# ------------------------------------------------------------------------------------------- the builds
# The example's own build, as README.md runs it, with the server named on the command line ...
mvn -B -e -ntp -f "${example}/pom.xml" clean verify -Dml.mlflow.trackingUri="${tracking}" | tee "${work}/example.log"
grep -q "to MLflow run" "${work}/example.log" \
  || { echo "mlflow-e2e: the example's build logged no MLflow run" >&2; exit 1; }
cp "${example}/target/ml/credit-risk/validation.json" "${example}/target/ml/credit-risk/mlflow-run.json" "${work}/"

# ... then the promotion demo, with the server in the environment, as a CI job would set it: two promotions, a
# refused model, a rollback to 1.0.0, ml:monitor and the retraining build, all logged to MLflow.
MLFLOW_TRACKING_URI="${tracking}" bash "${example}/promote-locally.sh" > "${work}/promote-locally.log" 2>&1 \
  || { tail -60 "${work}/promote-locally.log" >&2; echo "mlflow-e2e: promote-locally.sh failed" >&2; exit 1; }
if grep -n 'WARNING.*MLflow' "${work}/promote-locally.log"; then
  echo "mlflow-e2e: an MLflow step of promote-locally.sh failed (above; the whole log: ${work}/promote-locally.log)" >&2
  exit 1
fi
# what the checks compare MLflow with: ml:monitor's monitoring.json, and the validation.json released in the 1.0.0 jar
demo="${example}/target/promote-demo"
cp "${demo}/project/target/ml/credit-risk/monitoring.json" "${work}/"
"${mlflow_home}/bin/python" - "${demo}/release-repo/io/github/mlmaven/examples/credit-risk-model/1.0.0/credit-risk-model-1.0.0.jar" \
  "${work}/validation-1.0.0.json" << 'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as jar, open(sys.argv[2], "wb") as out:
    out.write(jar.read("META-INF/ml-models/credit-risk/validation.json"))
PY

# ------------------------------------------------------------------------------------------- read back, and the UI
browser=()
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "note: /usr/bin/chromium is absent; MLflow's web UI is not opened, only its REST API is checked"
  browser=(--no-browser)
elif [ ! -d "${root}/.ci/report-e2e/node_modules/playwright-core" ]; then
  (cd "${root}/.ci/report-e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
node "${root}/.ci/report-e2e/mlflow-e2e.mjs" "${tracking}" "${work}" "${browser[@]}"
echo "mlflow-e2e: passed in $(($(date +%s) - started)) s"
