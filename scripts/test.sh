#!/usr/bin/env bash
# Run the whole test suite; installs everything it needs first. Extra arguments go to pytest.
KONKURSI_EXTRAS=test source "$(dirname "$0")/_env.sh"
# The browser tests (tests/test_browser.py) drive Debian's Chromium with axe-core from npm.
if ! command -v chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# The benchmark's instruction counts (tests/test_bench.py) run under Valgrind.
if ! command -v valgrind >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null
fi
# The HTML checker (tests/test_html_valid.py) is vnu.jar from npm, run by a system Java (11 or later).
if ! command -v java >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi
if ! command -v npm >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
fi
# --ignore-scripts: vnu-jar's install script would download its own Java when it finds none; Java comes from apt above.
if [ ! -f tests/browser/node_modules/axe-core/axe.min.js ] || [ ! -f tests/browser/node_modules/vnu-jar/build/dist/vnu.jar ] \
   || [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
  npm ci --prefix tests/browser --no-audit --no-fund --silent --ignore-scripts
fi
# The web editor at /admin/ (tests/test_cms*.py), as the build installs it.
source scripts/_cms.sh
exec .venv/bin/python -m pytest "$@"
