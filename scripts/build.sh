#!/usr/bin/env bash
# Build the bundled example site into site/ (replaced only when the whole build succeeds).
# Usage: scripts/build.sh [--now "2020-04-20 12:00"]
source "$(dirname "$0")/_env.sh"
source scripts/_cms.sh
exec .venv/bin/konkursi build "$@"
