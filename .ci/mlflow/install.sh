#!/usr/bin/env bash
# Installs MLflow (pinned) into a virtual environment of its own, never into the system Python, and prints the
# environment's directory. The MLflow tests (unit tests in io.github.mlmaven.monitoring.mlflow, the mlflow-* ITs and
# .ci/mlflow-e2e) start `<dir>/bin/mlflow server` from it; without it they are skipped with a note.
#
#   bash .ci/mlflow/install.sh            # MLflow 3.18.0 into ~/.cache/ml-maven-plugin/mlflow-3.18.0
#   bash .ci/mlflow/install.sh 2.22.0     # another version beside it (docs/mlflow.md, "Compatibility")
#   bash .ci/mlflow/install.sh --optional # as the Maven build runs it: a failed install is a note, exit status 0
#   bash .ci/mlflow/install.sh --optional --offline=true   # (mvn -o) use an installed one, never call pip
#
# The directory is a cache: a complete environment is reused.
set -euo pipefail

OPTIONAL=false
OFFLINE=false
VERSION_ARG=""
for arg in "$@"; do
  case "${arg}" in
    --optional) OPTIONAL=true ;;
    --offline | --offline=true) OFFLINE=true ;;
    --offline=*) ;;
    -*)
      echo "install.sh: unknown option ${arg} (--optional, --offline[=true|false], or a version)" >&2
      exit 2
      ;;
    *) VERSION_ARG="${arg}" ;;
  esac
done

MLFLOW_VERSION="${VERSION_ARG:-${MLFLOW_VERSION:-3.18.0}}"
CACHE="${ML_MLFLOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ml-maven-plugin}"
VENV="${CACHE}/mlflow-${MLFLOW_VERSION}"

# The marker is written last: an interrupted install is started again, never used half-made.
if [ -f "${VENV}/.installed" ] && [ -x "${VENV}/bin/mlflow" ]; then
  echo "${VENV}"
  exit 0
fi

# What could not be done: an error for a direct call, a note (and success) for the build, whose verdict must not
# depend on the network; the tests that need MLflow then say they are skipped.
give_up() {
  if [ "${OPTIONAL}" = true ]; then
    echo "note: $1; the tests against a real MLflow server will be skipped (run bash .ci/mlflow/install.sh to install it)" >&2
    exit 0
  fi
  echo "install.sh: $1" >&2
  exit 1
}

if [ "${OFFLINE}" = true ]; then
  give_up "MLflow ${MLFLOW_VERSION} is not installed in ${VENV} and this is an offline build"
fi
PYTHON="${PYTHON:-python3}"
if ! command -v "${PYTHON}" > /dev/null 2>&1; then
  give_up "${PYTHON} is not on the PATH; MLflow cannot be installed"
fi
rm -rf "${VENV}"
mkdir -p "${CACHE}"
if ! "${PYTHON}" -m venv "${VENV}" >&2; then
  rm -rf "${VENV}"
  give_up "${PYTHON} -m venv failed (Debian: apt-get install python3-venv)"
fi
echo "Installing MLflow ${MLFLOW_VERSION} into ${VENV} (once: later builds reuse it)" >&2
# In the build, a network that does not answer fails in about a minute rather than pip's default of five retries.
PIP_NETWORK=()
if [ "${OPTIONAL}" = true ]; then
  PIP_NETWORK=(--retries 1 --timeout 20)
fi
if ! "${VENV}/bin/pip" install --disable-pip-version-check --quiet "${PIP_NETWORK[@]}" "mlflow==${MLFLOW_VERSION}" >&2; then
  rm -rf "${VENV}"
  give_up "pip could not install mlflow==${MLFLOW_VERSION}"
fi
"${VENV}/bin/mlflow" --version >&2
touch "${VENV}/.installed"
echo "${VENV}"
