#!/usr/bin/env bash
# Fails when an in-framework test run (bnd-testing-maven-plugin) executed no test: a tester that finds
# nothing reports success, which would hide a broken Test-Cases header or a bundle that did not resolve.
set -euo pipefail
reports=${1:?usage: require-tests.sh REPORT_DIR}
total=0
while IFS= read -r -d '' f; do
  n=$(grep -o '<testsuite [^>]*tests="[0-9]*"' "$f" | grep -o 'tests="[0-9]*"' | head -1 | tr -dc 0-9)
  total=$((total + ${n:-0}))
done < <(find "$reports" -name 'TEST-*.xml' -print0 2>/dev/null)
if [ "$total" -eq 0 ]; then
  echo "require-tests: no in-framework test ran (reports in $reports)" >&2
  exit 1
fi
echo "require-tests: $total in-framework tests ran"
