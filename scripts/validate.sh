#!/usr/bin/env bash
# Check every record and the links between them (also the pre-commit hook); installs konkursi
# into .venv first. Extra arguments go to `konkursi validate`, e.g. --format json.
source "$(dirname "$0")/_env.sh"
exec .venv/bin/konkursi validate "$@"
