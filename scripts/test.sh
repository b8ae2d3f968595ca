#!/usr/bin/env bash
# Run the whole test suite; installs everything it needs first. Extra arguments go to pytest.
KONKURSI_EXTRAS=test source "$(dirname "$0")/_env.sh"
exec .venv/bin/python -m pytest "$@"
