#!/bin/sh
# Runs ml:promote in this folder (clone A) and in clone-b/ at the same time, as two Maven processes, each with its own
# log in target/race/. Exits non-zero when either build failed.
# usage: sh race.sh <mvn> <settings.xml> <local repository> <release repository as id::url>
mvn=$1 settings=$2 repository=$3 release=$4
mkdir -p target/race
echo "race: mvn $mvn, settings $settings, local repository $repository, release repository $release"
promote() { # <folder> <approver>
    "$mvn" -B -ntp -s "$settings" -Dmaven.repo.local="$repository" -f "$1/pom.xml" ml:promote \
        -Dml.promote.repository="$release" -Dml.promote.approver="$2" > "target/race/$2.log" 2>&1
}
promote . clone-a &
a=$!
promote clone-b clone-b &
b=$!
wait $a
exit_a=$?
wait $b
exit_b=$?
echo "race: clone-a exit $exit_a, clone-b exit $exit_b"
[ "$exit_a" -eq 0 ] && [ "$exit_b" -eq 0 ]
