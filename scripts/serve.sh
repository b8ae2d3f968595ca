#!/usr/bin/env bash
# Preview the site at http://127.0.0.1:8000/, rebuilt when a record, template or page changes.
source "$(dirname "$0")/_env.sh"
source scripts/_cms.sh
exec .venv/bin/konkursi serve "$@"
