#!/usr/bin/env bash
# Installs MLflow (pinned) into a virtual environment of its own, never into the system Python, and prints the
# environment's directory. The MLflow tests (unit tests in io.github.mlmaven.monitoring.mlflow, the mlflow-* ITs and
# .ci/mlflow-e2e) start `<dir>/bin/mlflow server` from it; without it they are skipped with a note.
#
#   bash .ci/mlflow/install.sh            # MLflow 3.18.0 into ~/.cache/ml-maven-plugin/mlflow-3.18.0
#   bash .ci/mlflow/install.sh 2.9.2 'sqlalchemy<2.1'   # another version beside it, with a pin for what it predates
#                                                        # (docs/mlflow.md, "Compatibility")
#
# MLflow comes with its `auth` extra (Flask-WTF), without which `mlflow server --app-name basic-auth` of MLflow 3 does
# not start; the authentication tests need it. Further arguments are extra requirements for pip: a 2.x MLflow declares
# open upper bounds that today's releases of its dependencies no longer meet (SQLAlchemy 2.1 removed a class it
# imports).
#
# The directory is a cache: a complete environment is reused when it was installed with the same requirements.
set -euo pipefail

MLFLOW_VERSION="${1:-${MLFLOW_VERSION:-3.18.0}}"
shift || true
CACHE="${ML_MLFLOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ml-maven-plugin}"
VENV="${CACHE}/mlflow-${MLFLOW_VERSION}"
REQUIREMENTS=("mlflow[auth]==${MLFLOW_VERSION}" "$@")

# The marker is written last, and names the requirements: an interrupted install is started again, never used
# half-made, and an environment made with other requirements is made again.
if [ -f "${VENV}/.installed" ] && [ -x "${VENV}/bin/mlflow" ] \
  && [ "$(cat "${VENV}/.installed")" = "${REQUIREMENTS[*]}" ]; then
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
if ! "${VENV}/bin/pip" install --disable-pip-version-check --quiet "${REQUIREMENTS[@]}" >&2; then
  echo "install.sh: pip could not install ${REQUIREMENTS[*]}" >&2
  exit 1
fi
"${VENV}/bin/mlflow" --version >&2
echo "${REQUIREMENTS[*]}" > "${VENV}/.installed"
echo "${VENV}"
