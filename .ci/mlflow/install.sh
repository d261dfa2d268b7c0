#!/usr/bin/env bash
# Installs MLflow (pinned) into a virtual environment of its own, never into the system Python, and prints the
# environment's directory. The MLflow tests (unit tests in io.github.mlmaven.monitoring.mlflow, the mlflow-* ITs and
# .ci/mlflow-e2e) start `<dir>/bin/mlflow server` from it; without it they are skipped with a note.
#
#   bash .ci/mlflow/install.sh                           # MLflow 3.18.0 into ~/.cache/ml-maven-plugin/mlflow-3.18.0
#   bash .ci/mlflow/install.sh 2.9.2 'sqlalchemy<2.1'    # another version beside it, with a pin for what it predates
#                                                        # (docs/mlflow.md, "Compatibility")
#   bash .ci/mlflow/install.sh --optional                # as the Maven build runs it: a failed install is a note
#   bash .ci/mlflow/install.sh --optional --offline=true # (mvn -o) use an installed one, never call pip
#
# MLflow comes with its `auth` extra (Flask-WTF), without which `mlflow server --app-name basic-auth` of MLflow 3 does
# not start; the authentication tests need it. Arguments after the version are extra requirements for pip: a 2.x
# MLflow declares open upper bounds that today's releases of its dependencies no longer meet (SQLAlchemy 2.1 removed a
# class it imports).
#
# The directory is a cache: a complete environment is reused when it was installed with the same requirements.
set -euo pipefail

OPTIONAL=false
OFFLINE=false
POSITIONAL=()
for arg in "$@"; do
  case "${arg}" in
    --optional) OPTIONAL=true ;;
    --offline | --offline=true) OFFLINE=true ;;
    --offline=*) ;;
    -*)
      echo "install.sh: unknown option ${arg} (--optional, --offline[=true|false], a version, extra requirements)" >&2
      exit 2
      ;;
    *) POSITIONAL+=("${arg}") ;;
  esac
done

MLFLOW_VERSION="${POSITIONAL[0]:-${MLFLOW_VERSION:-3.18.0}}"
CACHE="${ML_MLFLOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ml-maven-plugin}"
VENV="${CACHE}/mlflow-${MLFLOW_VERSION}"
REQUIREMENTS=("mlflow[auth]==${MLFLOW_VERSION}" "${POSITIONAL[@]:1}")

# The marker is written last, and names the requirements: an interrupted install is started again, never used
# half-made, and an environment made with other requirements is made again.
if [ -f "${VENV}/.installed" ] && [ -x "${VENV}/bin/mlflow" ] \
  && [ "$(cat "${VENV}/.installed")" = "${REQUIREMENTS[*]}" ]; then
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
  # offline, a complete environment made with other requirements is better than none
  if [ -f "${VENV}/.installed" ] && [ -x "${VENV}/bin/mlflow" ]; then
    echo "${VENV}"
    exit 0
  fi
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
echo "Installing ${REQUIREMENTS[*]} into ${VENV} (once: later builds reuse it)" >&2
# In the build, a network that does not answer fails in about a minute rather than pip's default of five retries.
PIP_NETWORK=()
if [ "${OPTIONAL}" = true ]; then
  PIP_NETWORK=(--retries 1 --timeout 20)
fi
if ! "${VENV}/bin/pip" install --disable-pip-version-check --quiet "${PIP_NETWORK[@]}" "${REQUIREMENTS[@]}" >&2; then
  rm -rf "${VENV}"
  give_up "pip could not install ${REQUIREMENTS[*]}"
fi
"${VENV}/bin/mlflow" --version >&2
echo "${REQUIREMENTS[*]}" > "${VENV}/.installed"
echo "${VENV}"
