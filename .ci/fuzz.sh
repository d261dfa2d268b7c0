#!/usr/bin/env bash
# Coverage-guided fuzzing of the plugin's readers and loaders (Jazzer's JUnit integration; docs/fuzzing.md).
#
# Every @FuzzTest method of every *FuzzTest class in maven-plugin and model-runtime is fuzzed in a Maven run of its
# own (Jazzer fuzzes one method per JVM), for an equal share of FUZZ_SECONDS (default 60; at least 5 s each):
#
#   .ci/fuzz.sh                          # about a minute of fuzzing in all (plus Maven's start-up for each method)
#   FUZZ_SECONDS=600 .ci/fuzz.sh         # a longer campaign
#   FUZZ_ONLY=CsvReaderFuzzTest .ci/fuzz.sh   # the methods of the classes whose name contains this
#   FUZZ_MAVEN_ARGS=-o .ci/fuzz.sh       # extra Maven arguments (offline, say)
#   FUZZ_SEED=1 .ci/fuzz.sh              # libFuzzer's random seed, fixed (CI does this, so that its inputs are a
#                                        # prefix of what a longer run with the same seed has already tried)
#
# A finding fails the script. Jazzer keeps the input that caused it as crash-<hash> in the method's seed directory
# (src/test/resources/<package>/<Class>Inputs/<method>/), where plain `mvn test` then replays it as a regression test;
# the script lists those files and copies them to target/fuzz/findings/. The corpus the fuzzer grows is kept in
# <module>/.cifuzz-corpus/ (git-ignored) and resumed by the next run. Logs: target/fuzz/<Class>.<method>.log.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

total_seconds="${FUZZ_SECONDS:-60}"
only="${FUZZ_ONLY:-}"
seed_args=()
if [ -n "${FUZZ_SEED:-}" ]; then
  seed_args=("-Djazzer.internal.arg.2=-seed=${FUZZ_SEED}")
fi
read -r -a maven_args <<< "${FUZZ_MAVEN_ARGS:-}"
out=target/fuzz
mkdir -p "$out/findings"

# module|fully.qualified.Class|method for every @FuzzTest method (the annotation's next method declaration)
targets=()
for module in maven-plugin model-runtime; do
  [ -d "$module/src/test/java" ] || continue
  while IFS= read -r file; do
    class="${file#"$module"/src/test/java/}"
    class="${class%.java}"
    class="${class//\//.}"
    if [ -n "$only" ] && [[ "${class##*.}" != *"$only"* ]]; then
      continue
    fi
    while IFS= read -r method; do
      targets+=("$module|$class|$method")
    done < <(awk '/@FuzzTest/ { pending = 1; next }
      pending && match($0, /void[ \t]+[A-Za-z0-9_]+[ \t]*\(/) {
        name = substr($0, RSTART, RLENGTH); sub(/void[ \t]+/, "", name); sub(/[ \t]*\($/, "", name)
        print name; pending = 0 }' "$file")
  done < <(find "$module/src/test/java" -name '*FuzzTest.java' | sort)
done

if [ "${#targets[@]}" -eq 0 ]; then
  echo "fuzz: no @FuzzTest method found in *FuzzTest classes${only:+ matching '$only'}" >&2
  exit 1
fi

per_test=$((total_seconds / ${#targets[@]}))
if [ "$per_test" -lt 5 ]; then
  per_test=5
fi
echo "== fuzz: ${#targets[@]} fuzz tests, ${per_test} s each (FUZZ_SECONDS=${total_seconds})"

stamp="$out/.started"
touch "$stamp"
failed=()
for target in "${targets[@]}"; do
  IFS='|' read -r module class method <<< "$target"
  simple="${class##*.}"
  log="$out/$simple.$method.log"
  echo "== fuzz: $simple#$method ($module)"
  # -max_total_time given to libFuzzer overrides the annotation's maxDuration; argument 0 stands for the program name.
  # Jazzer's hooks (its sanitizers, and guidance through comparisons) are off in plain test runs (maven-plugin/pom.xml).
  # The hard limit stops a run that hangs outside the fuzzer's own clock (Maven, the JVM).
  if JAZZER_FUZZ=1 timeout $((per_test + 600)) mvn -B -ntp "${maven_args[@]}" -pl "$module" -am test \
    -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false -Dinvoker.skip=true -Djazzer.hooks=true \
    -Djazzer.internal.arg.0=fuzz "-Djazzer.internal.arg.1=-max_total_time=$per_test" "${seed_args[@]}" \
    > "$log" 2>&1; then
    grep -E '^Done [0-9]+ runs' "$log" | tail -n 1 | sed 's/^/   /' || true
  else
    echo "   FAILED: see $log"
    grep -E 'FuzzTestFindingException|^== Java Exception|AssertionError|ended in|hung' "$log" | head -n 5 | sed 's/^/   /' || true
    failed+=("$simple#$method")
  fi
done

# the inputs Jazzer kept for the findings of this run
findings=()
while IFS= read -r crash; do
  findings+=("$crash")
  cp "$crash" "$out/findings/"
done < <(find maven-plugin/src/test/resources model-runtime/src/test/resources -newer "$stamp" -type f \
  \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) 2> /dev/null)
rm -f "$stamp"

if [ "${#failed[@]}" -gt 0 ]; then
  echo "== fuzz: ${#failed[@]} fuzz test(s) failed: ${failed[*]}"
  for crash in "${findings[@]}"; do
    echo "   input kept: $crash (replayed by mvn test; commit it with the fix)"
  done
  exit 1
fi
echo "== fuzz: no finding"
