#!/bin/sh
# The pre-receive hook of promote-interrupted's origin.git: while the file reject-promotions exists in origin.git,
# a push to the registry branch whose new commit records a promotion ("promote <model> <version> ...") is refused,
# as a protected branch or a lost connection would. Reservations, failures and tags pass.
[ -f reject-promotions ] || exit 0
while read old new ref; do
    if [ "$ref" = refs/heads/ml-registry ] && git log -1 --format=%s "$new" | grep -q '^promote '; then
        echo "promotions are closed in this IT's origin" >&2
        exit 1
    fi
done
exit 0
