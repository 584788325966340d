#!/usr/bin/env bash
# The main job on the embedded default, end to end. Filled in as the issues land.
set -euo pipefail
echo "iamra demo: nothing to show yet"
