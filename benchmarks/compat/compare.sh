#!/usr/bin/env bash
# Compares two output trees of run.sh: model files byte for byte, the rest with timestamps, durations and commit ids
# masked. The card's inputsKey differs between two builds of the plugin by design (it includes the plugin's code).
B="$1"; A="$2"
mask() { sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/<time>/g; s/"(commit|commitTime|trainedAt|validatedAt|evaluatedAt|createdAt|durationMillis|trainingMillis|[a-zA-Z]*Millis|[a-zA-Z]*Nanos|seconds)" *: *("[^"]*"|[0-9.]+)/"\1":<x>/g; s/time="[0-9.]+"/time="<x>"/g; s/[0-9]+(\.[0-9]+)? ?(ms|s)\b/<dur>/g; s/\b[0-9a-f]{40}\b/<sha1>/g' "$1"; }
for f in $(cd "$B" && find . -type f -not -name '*.log' | sort); do
  if [ ! -f "$A/$f" ]; then echo "MISSING after: $f"; continue; fi
  case "$f" in
    *.model) cmp -s "$B/$f" "$A/$f" && echo "same bytes: $f" || echo "DIFFERENT bytes: $f";;
    *) if diff -q <(mask "$B/$f") <(mask "$A/$f") >/dev/null; then echo "same (masked): $f"; else echo "DIFFERENT: $f"; diff <(mask "$B/$f") <(mask "$A/$f") | head -${LINES_SHOWN:-12}; fi;;
  esac
done
for f in $(cd "$A" && find . -type f -not -name '*.log' | sort); do [ -f "$B/$f" ] || echo "NEW after: $f"; done
