#!/bin/sh
# t056: output that cannot be written (stdout on /dev/full, or closed) is
# said once, with the system's reason, by every command. report said it
# twice ('No space left on device', then 'write error' from the last
# flush at exit, which found the stream's error still set), and check said
# only 'write error', the reason lost by then.
. "$REPO/tests/cli/lib.sh"
keep_going
index_copy

# one line 'cannot write output: REASON' and exit 1
once() {
    reason=$1
    shift
    run sh -c "$*"
    last_cmd="$*"
    assert_exit 1
    n=$(grep -c 'cannot write output' err)
    assert_eq "$n" 1 "messages about the output"
    assert_contains err "cannot write output: $reason"
}

for cmd in "report overdue" "report weekly --format json" \
    "report overdue --format csv" "check corpus" "check --format json corpus" \
    "search pool" "show 2024-07-16-payment-provider-outage"; do
    if [ -w /dev/full ]; then
        once "No space left on device" "\"\$HINDSIGHT\" $cmd >/dev/full"
    fi
    once "Bad file descriptor" "\"\$HINDSIGHT\" $cmd >&-"
done
finish
