#!/bin/sh
# pre-receive hook of promote-racing's origin.git: a latch. A push to the registry branch waits here until a second
# one has arrived too (at most 60 s), then both go on. Both promotions have then read the branch before either
# changed it, so both push against the same tip and exactly one of them wins: the race happens on every run instead
# of by chance. Later pushes, and pushes of other refs (tags), pass at once.
registry=no
while read old new ref; do
    if [ "$ref" = refs/heads/ml-registry ]; then registry=yes; fi
done
[ "$registry" = yes ] || exit 0
mkdir -p race-arrivals && touch "race-arrivals/$$"
waited=0
while [ "$(ls race-arrivals | wc -l)" -lt 2 ] && [ "$waited" -lt 600 ]; do
    sleep 0.1
    waited=$((waited + 1))
done
exit 0
