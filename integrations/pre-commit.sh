#!/usr/bin/env bash
# Entry of the hooks in .pre-commit-hooks.yaml. pre-commit installs a `language: node` hook by
# running `npm install` with devDependencies and a build in a clone of this repository (a browser
# driver, Mermaid, DuckDB, a compiler); this `language: script` hook instead runs the published
# journey-maps package of the same version through npx, which installs only what `journey lint`
# needs, once, into npm's cache. Needs Node.js 20.19+ and npm on the machine.
# JOURNEY_PACKAGE overrides what runs (a version, or a packed tarball in this repository's tests).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
version=$(node -p "require(process.argv[1]).version" "$here/package.json")
exec npx --yes --package "${JOURNEY_PACKAGE:-journey-maps@$version}" -- journey "$@"
