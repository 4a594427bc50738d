#!/bin/sh
# t037: in PostgreSQL an alert is keyed by its fingerprint and start, and
# the start is an instant: 2026-01-01T10:00:00Z, ...+00:00, ....000Z and
# ...T11:00:00+01:00 are one firing, a resolution written one way resolves
# a firing written another. The start was keyed as the sender wrote it,
# so the same firing made four rows and its resolution a fifth, and the
# alert went on firing. A table of an older hindsight (schema version 2)
# with such rows is merged on first start, and a start stored before times
# were checked ('yesterday') is kept as it was.
# (a PostgreSQL of its own, beside other tests as t700-t702 are)
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/pg.sh"
keep_going

# am STATUS STARTS ENDS: an Alertmanager body of one alert
am() {
    printf '{"version":"4","status":"%s","alerts":[{"status":"%s","labels":{"alertname":"DatabaseConnectionPoolExhausted","service":"payment-api"},"startsAt":"%s","endsAt":"%s","fingerprint":"8786cc970a48db34"}]}' \
        "$1" "$1" "$2" "$3"
}
zero=0001-01-01T00:00:00Z
utc=2026-01-01T10:00:00.000000000Z

pg_up
replica_index a

# an alerts table of hindsight's schema version 2, holding one firing
# under three spellings (one resolved) and a start that is no time
pg_sql "CREATE TABLE hindsight_schema(id integer PRIMARY KEY CHECK (id = 1),
  version integer NOT NULL);
INSERT INTO hindsight_schema VALUES (1, 2);
CREATE TABLE hindsight_alerts(id bigserial PRIMARY KEY, key text NOT NULL,
  starts_at text NOT NULL DEFAULT '', source text NOT NULL, title text,
  service text, status text NOT NULL,
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz NOT NULL DEFAULT now(), resolved_at timestamptz,
  deliveries integer NOT NULL DEFAULT 1, symptoms text NOT NULL,
  matches text, UNIQUE (key, starts_at));
CREATE INDEX hindsight_alerts_last_seen ON hindsight_alerts(last_seen);
ALTER TABLE hindsight_alerts ADD COLUMN last_replica text;
INSERT INTO hindsight_alerts(key, starts_at, source, title, status,
  first_seen, last_seen, resolved_at, deliveries, symptoms) VALUES
 ('old:1', '2025-05-05T08:00:00Z', 'alertmanager', 'Old', 'firing',
  '2025-05-05 08:00Z', '2025-05-05 08:01Z', NULL, 2, '[]'),
 ('old:1', '2025-05-05T10:00:00+02:00', 'alertmanager', 'Old', 'resolved',
  '2025-05-05 08:02Z', '2025-05-05 08:09Z', '2025-05-05 08:09Z', 1, '[]'),
 ('old:1', '2025-05-05T08:00:00.000Z', 'alertmanager', 'Old', 'firing',
  '2025-05-05 08:03Z', '2025-05-05 08:05Z', NULL, 4, '[]'),
 ('old:2', 'yesterday', 'alertmanager', 'Odd', 'firing',
  '2025-05-04 08:00Z', '2025-05-04 08:00Z', NULL, 1, '[]');" > /dev/null ||
    fail "cannot make a version 2 table"

replica_start a 0 --alerts-keep 0
base=$a_base
assert_eq "$(pg_sql 'SELECT version FROM hindsight_schema')" 3 \
    "the schema migrated to version 3"
assert_eq "$(pg_sql "SELECT starts_at, status, deliveries, first_seen AT TIME ZONE 'UTC', last_seen AT TIME ZONE 'UTC', resolved_at AT TIME ZONE 'UTC' FROM hindsight_alerts WHERE key = 'old:1'")" \
    "2025-05-05T08:00:00.000000000Z|resolved|7|2025-05-05 08:00:00|2025-05-05 08:09:00|2025-05-05 08:09:00" \
    "three spellings of one start merged into one resolved row"
assert_eq "$(pg_sql "SELECT starts_at FROM hindsight_alerts WHERE key = 'old:2'")" \
    yesterday "a start that is no time is kept"

for start in 2026-01-01T10:00:00Z 2026-01-01T10:00:00+00:00 \
    2026-01-01T10:00:00.000Z 2026-01-01T11:00:00+01:00; do
    assert_eq "$(post_alert "$base" /dev/stdin <<EOF2
$(am firing $start $zero)
EOF2
)" 200 "POST a firing starting $start"
done
curl -s "$base/api/alerts" > alerts.json
assert_json alerts.json "len([a for a in j['alerts'] if a['title'] == 'DatabaseConnectionPoolExhausted']) == 1" \
    "four spellings of one start are one alert"
assert_json alerts.json "[a for a in j['alerts'] if a['title'] == 'DatabaseConnectionPoolExhausted'][0]['deliveries'] == 4" \
    "... delivered four times"
assert_json alerts.json "[a for a in j['alerts'] if a['title'] == 'DatabaseConnectionPoolExhausted'][0]['starts_at'] == '2026-01-01T10:00:00Z'" \
    "... starting at 2026-01-01T10:00:00Z (stored as $utc, listed without the fraction's zeros)"
assert_eq "$(post_alert "$base" /dev/stdin <<EOF2
$(am resolved 2026-01-01T05:00:00-05:00 2026-01-01T10:30:00Z)
EOF2
)" 200 "POST its resolution, the start written -05:00"
curl -s "$base/api/alerts" > alerts.json
assert_json alerts.json "[a['status'] for a in j['alerts'] if a['title'] == 'DatabaseConnectionPoolExhausted'] == ['resolved']" \
    "the resolution resolved the one alert"
replica_stop a
finish
