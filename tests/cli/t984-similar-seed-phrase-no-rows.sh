#!/bin/sh
# t984: on a large index, similar seeds its ranking with the rarest terms;
# a thesaurus phrase's document count is its rarest word's, an upper bound,
# so "integration partners" (an expansion of "api") could be the seed and
# match no row at all. At 100k generated postmortems "pool exhausted api"
# and an Alertmanager alert on payment-api found nothing ("new"). Here every
# term is in more than 3000 of 3400 postmortems, "integration" in fewer than
# the others, "partners" in all, and "integration partners" in none: the
# answer must still come.
. "$REPO/tests/cli/lib.sh"

python3 - <<'PY'
import os
os.makedirs("r", exist_ok=True)
for i in range(3400):
    extra = " integration tests ran." if i < 3200 else ""
    with open("r/pm-%04d.md" % i, "w") as f:
        f.write("# Api pool exhausted %d\n\nThe api pool was exhausted "
                "again.%s Partners were told.\n" % (i, extra))
PY
hs index r
assert_exit 0
hs similar --json --limit 3 "pool exhausted api"
assert_exit 0
assert_json out 'len(j["results"]) == 3' "similar finds the postmortems whose words the input wrote"
assert_json out 'j["novelty"] != "new"' "a question whose words are in every postmortem is not new"
