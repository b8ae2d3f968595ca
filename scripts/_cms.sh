# Sourced by build.sh, serve.sh and test.sh (run by the publish workflow): installs the web editor the site carries at /admin/,
# Decap CMS, into cms/node_modules/decap-cms from the npm registry at the exact version and integrity that
# cms/package-lock.json locks. Only that package is fetched (`npm pack`): its dist/ bundle already holds
# everything it runs, so the 630 packages `npm ci` would add (380 MB) are not needed.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cms_package=cms/node_modules/decap-cms
if [ ! -f "$cms_package/dist/decap-cms.js" ] || [ cms/package-lock.json -nt "$cms_package/package.json" ]; then
  if ! command -v npm >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
  fi
  cms_tmp="$(mktemp -d)"
  read -r cms_version cms_integrity < <(python3 -c '
import json; entry = json.load(open("cms/package-lock.json"))["packages"]["node_modules/decap-cms"]
print(entry["version"], entry["integrity"])')
  (cd "$cms_tmp" && npm pack "decap-cms@$cms_version" --silent >/dev/null)
  python3 - "$cms_tmp/decap-cms-$cms_version.tgz" "$cms_integrity" <<'PY'
import base64, hashlib, sys
digest = "sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode()
if digest != sys.argv[2]:
    sys.exit(f"decap-cms: the registry's package is not the one cms/package-lock.json locks ({digest})")
PY
  rm -rf "$cms_package" && mkdir -p "$cms_package"
  tar -xzf "$cms_tmp/decap-cms-$cms_version.tgz" -C "$cms_package" --strip-components=1 --no-same-owner
  touch "$cms_package/package.json"
  rm -rf "$cms_tmp"
fi
