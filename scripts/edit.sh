#!/usr/bin/env bash
# The web editor on this folder: http://127.0.0.1:8000/admin/ (Decap CMS) with the live preview beside it,
# on this machine only. Saves go into the record files here; publish them with git (content/ka-publicet.md).
source "$(dirname "$0")/_env.sh"
source scripts/_cms.sh
exec .venv/bin/konkursi edit "$@"
