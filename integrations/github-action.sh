#!/usr/bin/env bash
# The script behind action.yml (the GitHub Action). It installs the published journey-maps
# package of the action's own version (the small lint install: no browser, no build), then runs
# lint with annotations, writes the job summary, optionally SARIF, and optionally render --check.
# Inputs come as INPUT_* variables; JOURNEY_PACKAGE overrides what is installed (a version, or a
# packed tarball in this repository's tests).
set -uo pipefail

action_dir="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
version=$(node -p "require(process.argv[1]).version" "$action_dir/package.json") || exit 2
package="${JOURNEY_PACKAGE:-journey-maps@$version}"
prefix="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/journey-maps-action"

echo "::group::Install $package"
mkdir -p "$prefix"
if ! npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$prefix" "$package"; then
  echo "::error title=journey::could not install $package"
  exit 2
fi
echo "::endgroup::"
journey="$prefix/node_modules/.bin/journey"

# Paths: one per line (or separated by spaces when on one line); none means the config's include.
paths=()
while IFS= read -r line; do
  [ -n "$line" ] && paths+=("$line")
done < <(printf '%s\n' "${INPUT_PATHS:-}" | tr -s ' \t' '\n\n')

common=()
[ -n "${INPUT_CONFIG:-}" ] && common+=(--config "$INPUT_CONFIG")
lint_options=()
[ -n "${INPUT_MAX_WARNINGS:-}" ] && lint_options+=(--max-warnings "$INPUT_MAX_WARNINGS")

status=0
"$journey" lint "${common[@]}" "${lint_options[@]}" --format github "${paths[@]}" || status=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  "$journey" lint "${common[@]}" --format markdown "${paths[@]}" >> "$GITHUB_STEP_SUMMARY" || true
fi
if [ -n "${INPUT_SARIF:-}" ]; then
  "$journey" lint "${common[@]}" --format sarif -o "$INPUT_SARIF" "${paths[@]}" || true
  [ -f "$INPUT_SARIF" ] || { echo "::error title=journey::no SARIF file was written to $INPUT_SARIF"; status=2; }
fi
case "${INPUT_RENDER_CHECK:-false}" in
  true | yes | 1)
    render_status=0
    "$journey" render "${common[@]}" --check "${paths[@]}" || render_status=$?
    [ "$render_status" -gt "$status" ] && status=$render_status
    ;;
esac
exit "$status"
