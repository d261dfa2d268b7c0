#!/usr/bin/env bash
# Installs MLflow (pinned) into a virtual environment of its own, never into the system Python, and prints the
# environment's directory. The MLflow tests (unit tests in io.github.mlmaven.monitoring.mlflow, the mlflow-* ITs and
# .ci/mlflow-e2e) start `<dir>/bin/mlflow server` from it; without it they are skipped with a note.
#
#   bash .ci/mlflow/install.sh            # MLflow 3.18.0 into ~/.cache/ml-maven-plugin/mlflow-3.18.0
#   bash .ci/mlflow/install.sh 2.22.0     # another version beside it (docs/mlflow.md, "Compatibility")
#
# The directory is a cache: a complete environment is reused.
set -euo pipefail

MLFLOW_VERSION="${1:-${MLFLOW_VERSION:-3.18.0}}"
CACHE="${ML_MLFLOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ml-maven-plugin}"
VENV="${CACHE}/mlflow-${MLFLOW_VERSION}"

# The marker is written last: an interrupted install is started again, never used half-made.
if [ -f "${VENV}/.installed" ] && [ -x "${VENV}/bin/mlflow" ]; then
  echo "${VENV}"
  exit 0
fi

PYTHON="${PYTHON:-python3}"
if ! command -v "${PYTHON}" > /dev/null 2>&1; then
  echo "install.sh: ${PYTHON} is not on the PATH; MLflow cannot be installed" >&2
  exit 1
fi
rm -rf "${VENV}"
mkdir -p "${CACHE}"
"${PYTHON}" -m venv "${VENV}" >&2
if ! "${VENV}/bin/pip" install --disable-pip-version-check --quiet "mlflow==${MLFLOW_VERSION}" >&2; then
  echo "install.sh: pip could not install mlflow==${MLFLOW_VERSION}" >&2
  exit 1
fi
"${VENV}/bin/mlflow" --version >&2
touch "${VENV}/.installed"
echo "${VENV}"
