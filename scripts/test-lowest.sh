#!/usr/bin/env bash
# Runs the test suite with every dependency of pyproject.toml at the lowest version it allows (its floor),
# in .venv-lowest/; the test tools and everything else come from requirements.lock. Extra arguments go to
# pytest. Not the README's test command: run it when a floor changes (the closing notes say when it last passed).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 PYTHONDONTWRITEBYTECODE=1 KONKURSI_LOWEST=1
python="${PYTHON:-python3}"
[ -x .venv-lowest/bin/python ] || "$python" -m venv .venv-lowest
constraints="$(mktemp)"
trap 'rm -f "$constraints"' EXIT
.venv-lowest/bin/python - "$constraints" <<'PY'
import re, sys, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
floors = {}
for text in project["dependencies"] + project["optional-dependencies"]["properdocs"]:
    name, floor = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)(?:,<.*)?", text).groups()
    floors[name.lower()] = floor
pins = [line.split("#")[0].strip() for line in open("requirements.lock", encoding="utf-8")]
others = [pin for pin in pins if pin and pin.split("==")[0].lower() not in floors]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("".join(f"{name}=={floor}\n" for name, floor in floors.items()))
    out.write("".join(f"{pin}\n" for pin in others))
PY
.venv-lowest/bin/python -m pip install --quiet --disable-pip-version-check -c "$constraints" -e ".[test]"
.venv-lowest/bin/python -m pip freeze --exclude-editable | sed 's/^/installed: /' | grep -iE "^installed: ($(.venv-lowest/bin/python -c "
import re, tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']
print('|'.join(re.match(r'[A-Za-z0-9_.-]+', t).group(0) for t in p['dependencies']))"))==" || true
exec .venv-lowest/bin/python -m pytest "$@"
