# Sourced by the scripts: makes .venv with the package and the given extras installed.
# Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NO_MKDOCS_2_WARNING=1 PYTHONDONTWRITEBYTECODE=1
extras="${KONKURSI_EXTRAS:-}"
stamp=".venv/.installed${extras:+-$extras}"
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
# requirements.lock pins every package to the version the test suite passed with (a constraints file:
# pyproject.toml still says what is needed, the lock says which version).
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements.lock -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".${extras:+[$extras]}"
  touch "$stamp"
fi
