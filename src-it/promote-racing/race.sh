#!/bin/sh
# Runs ml:promote in two clones at the same time, as two Maven processes with this build's Maven, settings and local
# repository; each build's output goes to <log folder>/<clone>.log, and the clone's name is the approver. First it
# arms the latch in origin.git (fixtures/latch-pre-receive.sh), so that their first registry pushes overlap. Prints
# both exit codes and exits 0: the verify script judges the outcome.
# usage: sh race.sh <log folder> <mvn> <settings.xml> <local repository> <clone> <clone>
logs=$1 mvn=$2 settings=$3 repository=$4
mkdir -p "$logs"
echo "race: mvn $mvn, settings $settings, local repository $repository"
touch "$(git -C "$5" remote get-url origin)/race-armed" || exit 1
promote() { # <clone>
    "$mvn" -B -ntp -s "$settings" -Dmaven.repo.local="$repository" -f "$1/pom.xml" ml:promote \
        -Dml.promote.approver="$(basename "$1")" > "$logs/$(basename "$1").log" 2>&1
}
promote "$5" &
first=$!
promote "$6" &
second=$!
wait $first
exit_first=$?
wait $second
exit_second=$?
echo "race: $(basename "$5") exit $exit_first, $(basename "$6") exit $exit_second"
