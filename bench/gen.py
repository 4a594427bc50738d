#!/usr/bin/env python3
"""Generate a synthetic corpus of incident postmortems for benchmarks.

usage: gen.py N OUTDIR [--seed S]

Writes N markdown files (2-6 KB each) into OUTDIR/000/, OUTDIR/001/, ...
(1000 files per folder). The files follow the house styles of corpus/:
bold **Field**: headers with tables, plain summaries with a Stats section,
YAML front matter with prose and a checklist, and Google SRE book headings.

The output depends only on (i, seed): file i is the same whatever N is, so
a 10k corpus is the first ten folders of the 100k one. Python stdlib only.
"""

import argparse
import os
import random
import sys
from datetime import date, timedelta

# Action item statuses are decided against this fixed day, not today, so
# the output never depends on when the generator runs.
REFERENCE_DAY = date(2026, 6, 30)
FIRST_DAY = date(2019, 1, 1)
N_DAYS = (date(2026, 12, 31) - FIRST_DAY).days + 1
PER_FOLDER = 1000

SERVICES = [
    "auth-service", "payment-api", "orders-api", "checkout-web", "ledger-db",
    "orders-db", "kafka-cluster", "redis-cache", "session-cache",
    "notification-worker", "inventory-sync", "search-indexer", "edge-proxy",
    "webhook-dispatcher", "shipment-tracker", "billing-cron", "k8s-prod",
    "coredns", "pgbouncer", "merchant-dashboard", "templates-api",
    "fraud-scorer", "pricing-service", "tax-service", "object-storage",
    "cdn-edge", "api-gateway", "reporting-etl", "data-warehouse",
    "recommendation-api", "email-sender", "sms-gateway", "feature-flags",
    "vault", "ci-runners", "artifact-registry", "log-pipeline",
    "metrics-store", "tracing-collector", "load-balancer", "refund-service",
    "payout-service", "catalog-api", "image-resizer", "address-lookup",
    "settlement-batch", "risk-engine", "customer-portal", "mobile-bff",
    "identity-provider",
]
DATASTORES = [
    "ledger-db", "orders-db", "auth-db", "catalog-db", "redis-cache",
    "session-cache", "kafka-cluster", "elasticsearch", "object-storage",
    "reporting-db", "inventory-db", "billing-db",
]
TEAMS = [
    "platform-team", "payments-team", "sre-team", "data-team",
    "identity-team", "checkout-team", "security-team", "infra-team",
    "growth-team", "logistics-team",
]
FIRST = [
    "Alice", "Ben", "Priya", "Omar", "Lena", "Yuki", "Marcus", "Sam",
    "Grace", "Rafael", "Nadia", "Dev", "Hannah", "Tomás", "Inês", "Chen",
    "Fatima", "Jonas", "Aisha", "Mateo", "Sofia", "Kwame", "Elena", "Arjun",
    "Mei", "Lucas", "Zara", "Noah", "Ingrid", "Diego",
]
LAST = [
    "Johnson", "Carter", "Raman", "Haddad", "Fischer", "Tanaka", "Chen",
    "Okafor", "Liu", "Moreno", "Kowalski", "Patel", "Berg", "Rivera",
    "Duarte", "Nguyen", "Schmidt", "Rossi", "Mensah", "Ivanova", "Singh",
    "Kim", "Novak", "Silva", "Andersen", "Costa", "Müller", "Dubois",
    "Yamamoto", "O'Brien",
]
HANDLES = ["@sre-oncall", "@platform-oncall", "@payments-oncall", "@db-oncall"]
REGIONS = [
    "eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-2",
    "ap-northeast-1",
]
CUSTOMERS = ["merchants", "shoppers", "partners", "carriers", "API clients"]

# One entry per incident type. Placeholders: {svc} the failing service,
# {dep} a datastore, {svc2} another service, {n} {m} {k} counts,
# {pct} a percentage, {ver} a version, {alert} an alert name, {region},
# {who} a person, {ticket} a tracker id, {mins} the outage length.
INCIDENTS = [
    dict(
        key="pool", tags=["database", "connection-pool", "capacity"],
        alert="DbPoolExhausted",
        titles=["{svc} connection pool exhaustion",
                "Database connection pool exhausted on {svc}",
                "{svc} requests time out waiting for {dep} connections"],
        summary=["`{svc}` could not check out connections from its `{dep}` pool and rejected {pct}% of requests.",
                 "A batch job shared the PgBouncer pool with request traffic and held {k} of {m} server connections in long transactions.",
                 "Handlers waited on `pool.Acquire()` until the 2-second context deadline and failed."],
        errors=["failed to acquire connection: context deadline exceeded",
                "sorry, too many clients already",
                "QueuePool limit of size {k} overflow {m} reached, connection timed out"],
        causes=["The pool size of {m} was sized for request traffic only; the new `{svc2}` job opened {k} connections through the same PgBouncer pool and kept them `idle in transaction` for up to {n} seconds.",
                "A slow query on `{dep}` held each connection for {n} ms instead of 4 ms, so the pool of {m} connections saturated at a fraction of normal throughput.",
                "Scaling `{svc}` from {k} to {m} pods multiplied client connections beyond `max_connections` on `{dep}`; PgBouncer queued clients (`cl_waiting` up to {n})."],
        fixes=["Suspended the CronJob with `kubectl patch cronjob` and killed idle transactions.",
               "Scaled `{svc}` back down and raised the PgBouncer `default_pool_size`.",
               "Terminated the blocking sessions with `pg_terminate_backend` and restarted the pods."],
        actions=["Give batch jobs their own PgBouncer pool",
                 "Set `idle_in_transaction_session_timeout = 30s` on {dep}",
                 "Alert on pool saturation above 80% for 5 minutes",
                 "Add pool saturation panel to the {svc} dashboard",
                 "Load test connection usage before changing replica counts"],
        lessons=["Background jobs that share a connection pool share its outage.",
                 "Never do network calls inside a database transaction.",
                 "Connection budgets must be planned per client, not per service."]),
    dict(
        key="cert", tags=["tls", "certificate", "expiry"],
        alert="TlsHandshakeFailures",
        titles=["Expired TLS certificate on {svc}",
                "{svc} certificate expiry breaks partner traffic",
                "Internal mTLS certificate expired for {svc}"],
        summary=["The certificate served by `{svc}` expired and clients failed the TLS handshake.",
                 "The certificate was issued by hand and never moved to cert-manager, so no renewal ran.",
                 "Expiry monitoring did not cover this listener."],
        errors=["x509: certificate has expired or is not yet valid",
                "SSL routines:ssl3_read_bytes:sslv3 alert certificate expired",
                "tls: failed to verify certificate: x509: certificate signed by unknown authority"],
        causes=["The certificate for the `{svc}` listener was a manually bought certificate stored as a static Kubernetes secret; the reminder lived in a spreadsheet owned by someone who had left.",
                "The internal CA rotated its intermediate, but `{svc2}` pinned the old intermediate and rejected the new chain.",
                "`probe_ssl_earliest_cert_expiry` covered only hostnames in the public probe config, which did not include port {k}."],
        fixes=["Issued a new certificate through cert-manager with a DNS-01 solver and reloaded the listener.",
               "Rolled the CA bundle to all clients and restarted `{svc}`.",
               "Replaced the static secret and removed the pinned intermediate."],
        actions=["Add every listener to blackbox TLS probes",
                 "Alert when certificate expiry is under 21 days",
                 "Inventory all certificates not managed by cert-manager",
                 "Stop pinning intermediate certificates in clients",
                 "Automate CA bundle distribution"],
        lessons=["Anything not in cert-manager is a future incident.",
                 "Monitor what you serve, not what you remember.",
                 "Certificate ownership must survive people leaving."]),
    dict(
        key="disk", tags=["disk", "capacity", "database"],
        alert="DiskWillFillIn4h",
        titles=["{dep} runs out of disk",
                "Disk full on {dep} primary stops writes",
                "{dep} volume fills with WAL from an abandoned replication slot"],
        summary=["The `{dep}` data volume filled and the database stopped accepting writes.",
                 "`{svc}` could not record writes for {mins} minutes.",
                 "The volume filled with WAL retained by an inactive replication slot."],
        errors=["PANIC: could not write to file \"pg_wal/xlogtemp.{n}\": No space left on device",
                "ENOSPC: no space left on device, write",
                "disk usage above 99% on /var/lib/postgresql"],
        causes=["A logical replication slot left behind by a decommissioned CDC connector kept every WAL segment for {k} days; `max_slot_wal_keep_size` was unset.",
                "Log rotation on `{dep}` hosts was disabled during a migration and debug logs grew {n} GB per day.",
                "A bulk backfill wrote {n} GB of temporary files while the disk alert threshold was a fixed 90%."],
        fixes=["Resized the volume online and dropped the abandoned replication slot.",
               "Deleted rotated logs and re-enabled logrotate.",
               "Cancelled the backfill and ran a checkpoint to recycle WAL."],
        actions=["Set `max_slot_wal_keep_size` on all PostgreSQL clusters",
                 "Predictive disk alert with `predict_linear` over 6h",
                 "Alert on inactive replication slots",
                 "Add slot cleanup to the connector decommission checklist",
                 "Give #db-alerts an owner and a triage rotation"],
        lessons=["Replication slots are a retention promise.",
                 "Disk alerts must be based on time-to-full, not a percentage.",
                 "Warning alerts nobody owns are the same as no alerts."]),
    dict(
        key="oom", tags=["memory-leak", "oom", "kubernetes"],
        alert="PodOOMKilled",
        titles=["{svc} memory leak and pod restarts",
                "{svc} OOMKilled crash loop",
                "Unbounded cache in {svc} exhausts memory"],
        summary=["`{svc}` {ver} leaked memory and pods were OOM-killed by Kubernetes.",
                 "All pods had been started by the same deploy, so they reached the memory limit together.",
                 "Restarts bought time; the fix was a bounded LRU cache."],
        errors=["OOMKilled (exit code 137)",
                "java.lang.OutOfMemoryError: Java heap space",
                "fatal error: runtime: out of memory"],
        causes=["A new cache in `{svc}` was keyed by request id and never evicted entries; memory grew {n} MiB per hour per pod.",
                "A goroutine leak in the `{svc2}` client kept {k} goroutines per minute alive after timeouts.",
                "The JVM heap was sized at {pct}% of the container limit, leaving no headroom for off-heap buffers."],
        fixes=["Scheduled rolling restarts every 4 hours and raised the HPA minimum.",
               "Rolled back `{svc}` to the previous release.",
               "Shipped a bounded LRU cache with {m} entries."],
        actions=["Alert on OOMKilled restarts for any production pod",
                 "Soak test {svc} for 8 hours before release",
                 "Continuous profiling for all services",
                 "Alert on memory growth trend instead of a static threshold",
                 "Lint rule for unbounded maps used as caches"],
        lessons=["Every cache needs a bound.",
                 "Synchronized restarts synchronize failures.",
                 "Alerts must be able to fire before the failure they predict."]),
    dict(
        key="deploy", tags=["deploy", "rollback", "release"],
        alert="HighErrorRate",
        titles=["Bad deploy of {svc} {ver}",
                "{svc} release {ver} breaks checkout",
                "Rollback of {svc} after a faulty release"],
        summary=["Release {ver} of `{svc}` shipped a change that failed for {pct}% of requests.",
                 "The rollback started {k} minutes after errors began because the first responders looked at `{svc2}`.",
                 "CI tests did not cover the failing path."],
        errors=["SyntaxError: Invalid regular expression: invalid group specifier name",
                "panic: runtime error: invalid memory address or nil pointer dereference",
                "422 Unprocessable Entity: missing field `currency`"],
        causes=["The release changed a serialization format that `{svc2}` still consumed in the old shape; contract tests were not run for that consumer.",
                "A dependency upgrade pulled a transitive version with a breaking change in its default timeout.",
                "The canary stage was skipped because the deploy was marked as a hotfix."],
        fixes=["Rolled back with `kubectl rollout undo deployment/{svc}`.",
               "Reverted the commit and redeployed {ver}.",
               "Disabled the new code path with a feature flag and rolled back."],
        actions=["Run browser tests on Safari and Firefox in CI",
                 "Make canary analysis mandatory for hotfixes",
                 "Add consumer contract tests for {svc2}",
                 "One-click rollback in the deploy tool",
                 "Show recent deploys on the incident dashboard"],
        lessons=["Roll back first, debug later.",
                 "Hotfixes need the same safety net as regular releases.",
                 "The most recent change is the most likely cause."]),
    dict(
        key="dns", tags=["dns", "kubernetes", "networking"],
        alert="CoreDNSErrorsHigh",
        titles=["DNS resolution outage in k8s-prod",
                "node-local DNS cache forwards to an unreachable upstream",
                "CoreDNS upgrade breaks service discovery for {svc}"],
        summary=["Pods in k8s-prod could not resolve hostnames for {mins} minutes.",
                 "Calls from `{svc}` and `{svc2}` failed with DNS timeouts.",
                 "With `ndots:5` every lookup was multiplied by the search domains."],
        errors=["dial tcp: lookup {dep}.db.svc.cluster.local: i/o timeout",
                "getaddrinfo EAI_AGAIN",
                "SERVFAIL for {svc}.default.svc.cluster.local"],
        causes=["A Corefile template change removed the cluster zone upstream, so `cluster.local` queries went to the VPC resolver, which answered NXDOMAIN after a 2 s timeout.",
                "The DaemonSet rolled to all nodes at once because `maxUnavailable` was 100%.",
                "A DNS record TTL of {k} seconds made a migration take effect long after the cut-over window."],
        fixes=["Rolled back the node-local-dns DaemonSet and restarted CoreDNS to flush negative cache entries.",
               "Restored the previous Corefile and lowered the TTL.",
               "Pointed resolvers back at the cluster DNS service."],
        actions=["Canary node pool for DaemonSet changes",
                 "CI check that renders the Corefile and resolves cluster names in kind",
                 "Set `ndots: 2` in the default pod dnsConfig",
                 "Alert on SERVFAIL rate and forward errors",
                 "Document DNS debugging with dig in the runbook"],
        lessons=["It is always DNS until proven otherwise.",
                 "Cluster-wide add-ons need a staged rollout.",
                 "Retries on DNS failure multiply resolver load."]),
    dict(
        key="stampede", tags=["cache", "redis", "thundering-herd"],
        alert="CacheHitRatioLow",
        titles=["Cache stampede on {dep} after failover",
                "Redis eviction storm slows {svc}",
                "{svc} thundering herd after cache flush"],
        summary=["The `{dep}` cluster failed over and the empty cache sent every request to the database.",
                 "Cache hit ratio fell from {pct}% to near zero and `{svc}` latency rose tenfold.",
                 "Request coalescing was not enabled for the hot keys."],
        errors=["OOM command not allowed when used memory > 'maxmemory'",
                "READONLY You can't write against a read only replica",
                "redis: connection pool timeout"],
        causes=["All keys were written with the same TTL, so they expired together and {n} clients recomputed the same price lists.",
                "`maxmemory-policy allkeys-lru` evicted session keys under a burst of large report payloads.",
                "The failover left the new primary cold; nothing warmed it."],
        fixes=["Enabled request coalescing and added TTL jitter.",
               "Raised `maxmemory` and moved large payloads to a separate instance.",
               "Throttled traffic at the edge until the cache warmed."],
        actions=["Add jitter to cache TTLs",
                 "Request coalescing (single flight) for hot keys",
                 "Alert on cache hit ratio below 80%",
                 "Separate cache instances for sessions and reports",
                 "Failover game day for the cache cluster"],
        lessons=["A cache you cannot lose is a database.",
                 "Synchronized expiry is a synchronized outage.",
                 "Warm standbys must actually be warm."]),
    dict(
        key="lag", tags=["kafka", "queue", "backlog"],
        alert="ConsumerGroupLagHigh",
        titles=["Kafka consumer lag delays {svc}",
                "{svc} backlog grows after {ver}",
                "Queue backlog in {svc} delays notifications"],
        summary=["The `{svc}` consumer group fell behind on the `{svc2}.events` topic; lag peaked at {big} messages.",
                 "Messages were processed late but none were lost.",
                 "Adding consumers did not help because the topic has {k} partitions."],
        errors=["consumer group rebalance in progress",
                "CommitFailedException: commit cannot be completed since the group has already rebalanced",
                "ApproximateAgeOfOldestMessage above 3600"],
        causes=["Release {ver} added a synchronous call per message to `{svc2}` with a p99 of {n} ms; throughput dropped below the produce rate.",
                "A poison message caused the consumer to retry forever on one partition.",
                "Consumer rebalances every few minutes paused consumption because `max.poll.interval.ms` was too low."],
        fixes=["Rolled back the consumer and let the backlog drain.",
               "Skipped the poison message to a dead-letter topic.",
               "Raised `max.poll.interval.ms` and reduced batch size."],
        actions=["Alert on consumer lag growth for 10 minutes",
                 "Throughput benchmark in CI for {svc}",
                 "Dead-letter topic for messages that fail 5 times",
                 "Increase partitions and partition by region",
                 "Document the replay procedure"],
        lessons=["Partition count caps consumer parallelism.",
                 "A lag alert with a long `for:` hides slow degradation.",
                 "Per-message synchronous calls do not belong in a consumer."]),
    dict(
        key="migration", tags=["database", "migration", "locking"],
        alert="PgLockWaitsHigh",
        titles=["Schema migration locks the {dep} table",
                "{svc} migration queues behind a long transaction",
                "Table lock during deploy of {svc}"],
        summary=["A routine migration took an `ACCESS EXCLUSIVE` lock and every query on the table queued behind it.",
                 "`{svc}` failed requests for {mins} minutes until the lock was released.",
                 "The migration had no `lock_timeout`."],
        errors=["canceling statement due to lock timeout",
                "ERROR: deadlock detected",
                "still waiting for AccessExclusiveLock on relation {n}"],
        causes=["`CREATE INDEX` without `CONCURRENTLY` ran in the same transaction as `ALTER TABLE`, holding the lock for {k} minutes on a {n} GB table.",
                "The migration waited behind a {k}-hour analytics query, and all writes queued behind the migration.",
                "The migration linter ran only in another repository."],
        fixes=["Cancelled the migration with `pg_cancel_backend` and re-ran it concurrently at night.",
               "Waited for the index build to finish.",
               "Killed the analytics query holding the lock."],
        actions=["Enable squawk in CI for {svc}",
                 "Set `lock_timeout` and `statement_timeout` for the migration role",
                 "Indexes always `CONCURRENTLY`",
                 "Run migrations on large tables in a scheduled window",
                 "Lock wait dashboard with blocking PIDs"],
        lessons=["Fast DDL is about lock duration, not execution time.",
                 "Migrations must fail fast on locks.",
                 "Linters only help in repositories where they run."]),
    dict(
        key="clock", tags=["time", "ntp", "clock-skew"],
        alert="ClockSkewDetected",
        titles=["Clock skew causes {svc} auth failures",
                "Bogus leap second from NTP",
                "Leap day breaks {svc}"],
        summary=["Nodes drifted {k} seconds and tokens issued by `{svc}` were rejected as not yet valid.",
                 "Date arithmetic failed on a calendar edge case.",
                 "The batch aborted as a whole instead of per record."],
        errors=["token used before issued (iat)",
                "ValueError: day is out of range for month",
                "clock offset exceeds 500ms"],
        causes=["chrony on the new node image pointed at an unreachable NTP pool; clocks drifted for {k} hours.",
                "A hand-written `add_years()` built 29 February in a non-leap year.",
                "An upstream NTP server announced a leap second that did not exist."],
        fixes=["Fixed chrony configuration and stepped the clocks.",
               "Hotfixed the date helper and re-ran the batch.",
               "Ignored leap indicators from the faulty server."],
        actions=["Alert on clock offset above 100 ms",
                 "Property-based tests for date logic",
                 "Use relativedelta for calendar arithmetic",
                 "Leap-day game day in staging",
                 "Allow 60 s leeway on token validation"],
        lessons=["Calendar arithmetic is never just add one.",
                 "Time is a dependency; monitor it.",
                 "Batch jobs should fail per record, not per batch."]),
    dict(
        key="secret", tags=["security", "credentials", "third-party"],
        alert="SecretDetected",
        titles=["API key exposed in CI logs",
                "Leaked credentials for {svc}",
                "Compromised npm dependency in {svc}"],
        summary=["A live secret for `{svc}` was printed in a public build log.",
                 "We rotated the key and reviewed every call made with it; no unauthorized use was found.",
                 "Secret masking missed an encoded copy of the key."],
        errors=["secret scanning alert: kp_live_ prefix found",
                "npm ERR! integrity checksum failed",
                "401 invalid_api_key"],
        causes=["A debugging step ran `env | sort` in a workflow that had a production key by mistake.",
                "A transitive dependency published a malicious patch release that read environment variables.",
                "The key was base64-encoded into a header, so the CI masking did not match it."],
        fixes=["Rotated the key through vault and revoked the old one.",
               "Pinned the dependency and rebuilt all images.",
               "Deleted the log and reverted the workflow."],
        actions=["Rotate all secrets readable by public workflows",
                 "Require approval for first-time contributor workflows",
                 "Lockfile and provenance checks for npm packages",
                 "Secret scanning on CI logs",
                 "Quarterly review of secrets per repository"],
        lessons=["Secrets in public CI will leak eventually.",
                 "Masking is a safety net, not a control.",
                 "Dependencies are code you did not review."]),
    dict(
        key="ddos", tags=["ddos", "edge", "rate-limiting"],
        alert="EdgeRequestRateAnomaly",
        titles=["DDoS on {svc} during peak sales",
                "Rate limiter misconfiguration blocks {svc}",
                "Bot traffic overwhelms {svc}"],
        summary=["A layer 7 flood of {big} requests per second hit `{svc}`.",
                 "The rate limiter rules were keyed wrongly and blocked legitimate {cust}.",
                 "WAF rules were deployed {k} minutes after the attack began."],
        errors=["429 Too Many Requests",
                "upstream connect error or disconnect/reset before headers",
                "503 rate limited by policy global-default"],
        causes=["The rate limit was keyed by the load balancer IP after a proxy change, so all clients shared one bucket.",
                "A botnet targeted the search endpoint, which bypassed the CDN cache.",
                "The autoscaler scaled on CPU while the bottleneck was connection count."],
        fixes=["Enabled the WAF challenge for the attacked paths.",
               "Fixed the rate limiter key to use `X-Forwarded-For` from trusted proxies.",
               "Blocked the attacking ASNs at the edge."],
        actions=["Pre-approved WAF playbook for peak events",
                 "Rate limiter config tests with realistic client IPs",
                 "Cache search results at the CDN for anonymous users",
                 "Alert on request rate anomalies per path",
                 "DDoS drill before Black Friday"],
        lessons=["Peak events need pre-approved defences.",
                 "Rate limits keyed on the wrong identity punish everyone.",
                 "Scale on the resource that actually saturates."]),
    dict(
        key="cloud", tags=["cloud-provider", "availability-zone", "third-party"],
        alert="NodeNotReady",
        titles=["{region} availability zone failure",
                "Cloud provider API degradation in {region}",
                "Object storage degradation delays {svc}"],
        summary=["An availability zone in {region} lost power and a third of k8s-prod nodes went `NotReady`.",
                 "`{dep}` had its primary and standby in the same zone, so failover took {k} minutes.",
                 "The cluster autoscaler could not get capacity in the remaining zones."],
        errors=["InsufficientInstanceCapacity for m6i.2xlarge",
                "RequestLimitExceeded: Request limit exceeded",
                "503 SlowDown: Please reduce your request rate"],
        causes=["A standby replacement placed the new replica in the wrong subnet, breaking the zone spread.",
                "The provider's control plane throttled API calls, so the autoscaler could not launch nodes.",
                "Retries from {n} workers against a degraded storage endpoint multiplied the load."],
        fixes=["Promoted the replica in another zone after accepting the data loss risk.",
               "Switched node groups to mixed instance types.",
               "Paused retries and drained the queue after the provider recovered."],
        actions=["Placement check for one replica per zone",
                 "Mixed instance types in every node group",
                 "Zone failure game day every half year",
                 "Move {dep} to a managed multi-AZ offering",
                 "Backoff with jitter for storage clients"],
        lessons=["A replica in the same zone is not disaster recovery.",
                 "Capacity in surviving zones is not guaranteed.",
                 "Retries against a degraded dependency amplify the outage."]),
    dict(
        key="cron", tags=["cron", "batch", "data-integrity"],
        alert="JobFailed",
        titles=["{svc} cron overlap creates duplicate invoices",
                "Overlapping {svc} runs double-process records",
                "Nightly {svc} batch failure"],
        summary=["Two runs of the `{svc}` job overlapped and both processed the same {n} records.",
                 "Customers received duplicate invoices until the second run was stopped.",
                 "The job had no lock and `concurrencyPolicy` was `Allow`."],
        errors=["duplicate key value violates unique constraint \"invoices_period_key\"",
                "Job has reached the specified backoff limit",
                "lock not acquired, another run in progress"],
        causes=["The job ran longer than its schedule interval after data volume grew {pct}%, and the CronJob allowed concurrent runs.",
                "A retry after a timeout re-ran a non-idempotent step.",
                "The job's advisory lock was taken on a connection that PgBouncer returned to the pool."],
        fixes=["Stopped the second run and voided the duplicate invoices.",
               "Set `concurrencyPolicy: Forbid` and re-ran the job.",
               "Added an idempotency key to the write path."],
        actions=["Set `concurrencyPolicy: Forbid` on every CronJob",
                 "Idempotency keys for money-moving jobs",
                 "Alert on job duration above 80% of the interval",
                 "Page on failed settlement jobs",
                 "Reconciliation report after each batch"],
        lessons=["Every scheduled job will eventually overlap with itself.",
                 "Money-moving jobs must be idempotent.",
                 "A failed batch at night deserves a page."]),
    dict(
        key="flag", tags=["config", "feature-flag", "deploy"],
        alert="ConversionDrop",
        titles=["Feature flag misconfiguration in {svc}",
                "{svc} flag rollout breaks checkout for some countries",
                "Global config push takes down {svc}"],
        summary=["A feature flag rolled from {k}% to 100% enabled a code path that failed for part of the traffic.",
                 "Global alerts did not fire because the failures were concentrated in a few countries.",
                 "Disabling the flag stopped new failures at once."],
        errors=["422 {{\"error\":\"shipping_address.city is required\"}}",
                "config rejected: cluster has no hosts; serving empty route table",
                "unknown flag variant"],
        causes=["The flag targeting rule was evaluated before the country rule, so the exclusion never applied.",
                "A config push reached every region at once without a canary stage.",
                "The config was validated in CI with a different binary than production."],
        fixes=["Excluded the affected segment with a flag rule.",
               "Rolled back the config to the last known good version.",
               "Turned the flag off and purged cached values."],
        actions=["Per-country error alerts for checkout",
                 "Staged config rollout with a canary region",
                 "Keep last known good config on validation failure",
                 "Flag rollout policy: hold at 25% for 48 hours",
                 "Refresh flag values in open sessions within 60 s"],
        lessons=["Global averages hide local outages.",
                 "Config is code and needs a rollout strategy.",
                 "Fail open on config errors where safety allows."]),
    dict(
        key="cpu", tags=["database", "performance", "query-plan"],
        alert="CpuSaturation",
        titles=["{dep} CPU saturation from a plan flip",
                "{svc} latency spike from a slow query",
                "Autovacuum on {dep} triggers a bad query plan"],
        summary=["The `{dep}` primary ran at {pct}% CPU and `{svc}` p99 latency rose to {k} s.",
                 "A query plan flipped from an index scan to a sequential scan after statistics changed.",
                 "`ANALYZE` with a larger sample restored the old plan."],
        errors=["canceling statement due to statement timeout",
                "upstream request timeout",
                "context deadline exceeded"],
        causes=["Autovacuum updated statistics on a skewed column and the planner chose a sequential scan over {k} million rows.",
                "A new report query ran on the primary instead of a replica.",
                "A missing index on a foreign key made every delete scan the child table."],
        fixes=["Ran `ANALYZE` with a higher statistics target and pinned the plan.",
               "Moved the report to a read replica.",
               "Created the missing index concurrently."],
        actions=["Track query plans with pg_stat_statements and auto_explain",
                 "Route reports to replicas",
                 "Alert on CPU above 85% for 10 minutes on database primaries",
                 "Review statistics targets for skewed columns",
                 "Query review for new endpoints"],
        lessons=["Plans change without deploys.",
                 "Reporting traffic does not belong on the primary.",
                 "Statistics are configuration."]),
    dict(
        key="provider", tags=["third-party", "payments", "failover"],
        alert="AuthSuccessRateLow",
        titles=["Payment provider outage",
                "Acquirer degradation fails card authorizations",
                "{svc} webhook delays from a third party"],
        summary=["Our primary acquirer had a partial outage and card authorizations failed.",
                 "Failover to the secondary provider was manual and took {k} minutes to decide.",
                 "The provider's status page was green for most of the incident."],
        errors=["acquirer_timeout",
                "gateway_error 502",
                "webhook delivery delayed: provider queue backlog"],
        causes=["The provider's authorization gateway failed over internally and timed out for {pct}% of calls.",
                "`{svc}` retried timed-out calls twice against the same provider, tripling slow calls and exhausting the outbound HTTP pool.",
                "There was no pre-agreed threshold for failing over."],
        fixes=["Switched routing to the secondary provider with a feature flag.",
               "Disabled retries to the failing provider.",
               "Routed traffic back gradually after the provider recovered."],
        actions=["Pre-approved failover policy with thresholds",
                 "Automatic provider failover with a circuit breaker",
                 "No retries on timeouts to the same provider",
                 "Send 5% of traffic to the secondary provider monthly",
                 "Provider latency panels per region"],
        lessons=["The provider's status page is a lagging indicator.",
                 "Decide costly failovers before the incident.",
                 "Retries against a struggling dependency amplify the outage."]),
    dict(
        key="autoscale", tags=["autoscaling", "capacity", "kubernetes"],
        alert="HpaMaxedOut",
        titles=["Flash sale hits {svc} autoscaling limits",
                "{svc} cannot scale during peak traffic",
                "HPA max replicas reached on {svc}"],
        summary=["Traffic rose {k}x in {m} minutes and `{svc}` reached its HPA maximum.",
                 "Requests queued and timed out while nodes were being provisioned.",
                 "The capacity plan assumed a linear ramp."],
        errors=["upstream request timeout",
                "0/48 nodes are available: insufficient cpu",
                "HPA reached maxReplicas"],
        causes=["`maxReplicas` was set to {m} two years ago and never revisited.",
                "New nodes took {k} minutes to join because the image was pulled from another region.",
                "The pod disruption budget blocked the scale-down that would have freed resources for `{svc}`."],
        fixes=["Raised `maxReplicas` and pre-scaled the node group.",
               "Enabled the waiting room at the edge.",
               "Mirrored the image registry into the region."],
        actions=["Pre-scale for announced sales",
                 "Review HPA limits every quarter",
                 "Regional image registry mirror",
                 "Load test at 5x peak before sales",
                 "Waiting room for checkout"],
        lessons=["Limits set once become outages later.",
                 "Scaling takes minutes; traffic spikes take seconds.",
                 "Marketing calendars are capacity inputs."]),
    dict(
        key="network", tags=["networking", "partition", "load-balancer"],
        alert="ProbeFailure",
        titles=["Network partition between {region} and {svc}",
                "Load balancer health check misconfiguration drains {svc}",
                "MTU mismatch drops large packets to {svc}"],
        summary=["Traffic between two availability zones was dropped for {mins} minutes.",
                 "The load balancer marked all `{svc}` targets unhealthy.",
                 "Small requests succeeded, which made the failure hard to see."],
        errors=["connection reset by peer",
                "no healthy upstream",
                "read: connection timed out"],
        causes=["A security group change removed the rule for port {k} between subnets.",
                "The health check path was changed to one that requires authentication, so every target failed it.",
                "A VPN tunnel with a lower MTU dropped packets above {n} bytes with DF set."],
        fixes=["Restored the security group rule.",
               "Pointed the health check back at `/healthz`.",
               "Lowered the MTU on the affected interfaces."],
        actions=["Terraform plan review for security group changes",
                 "Synthetic probes between every pair of zones",
                 "Health check paths under contract tests",
                 "Path MTU discovery checks in the network runbook",
                 "Alert on target health per load balancer"],
        lessons=["Health checks are production code.",
                 "Partial failures hide behind averages.",
                 "Network changes need the same review as code."]),
    dict(
        key="split", tags=["database", "replication", "split-brain"],
        alert="ReplicationLagHigh",
        titles=["Replica lag shows stale balances in {svc}",
                "Split brain in the {dep} cluster",
                "{dep} replication lag after a bulk load"],
        summary=["`{dep}` read replicas fell {k} minutes behind the primary.",
                 "`{svc}` showed stale data to {cust} until replicas caught up.",
                 "Nothing routed reads back to the primary when lag grew."],
        errors=["replication lag above 300 seconds",
                "ERROR: canceling statement due to conflict with recovery",
                "two primaries detected for cluster {dep}"],
        causes=["A long-running transaction on a replica with `hot_standby_feedback` held back replay for {k} minutes.",
                "A network blip made the consensus store lose quorum and two nodes promoted themselves.",
                "A bulk load of {k} million rows produced WAL faster than the replicas could replay."],
        fixes=["Cancelled the long transaction and let replay catch up.",
               "Fenced the old primary and reconciled writes.",
               "Throttled the bulk load."],
        actions=["Route reads to the primary when replica lag exceeds 30 s",
                 "Fencing for old primaries in Patroni",
                 "Throttle backfills to keep replica lag under 30 s",
                 "Show data freshness in the merchant dashboard",
                 "Alert on replication lag per replica"],
        lessons=["Replicas are eventually consistent; the product must know it.",
                 "Fencing is what makes failover safe.",
                 "Bulk loads are production traffic."]),
]

# Timeline events in the order they happen; the mitigation goes between.
TIMELINE_EARLY = [
    "{alert} pages {who}",
    "{who} acknowledges the page and opens #inc-{date}",
    "Incident declared, {sevword}; {ic} is incident commander",
    "Status page updated: investigating elevated errors for {cust}",
    "Customer support escalates tickets about failed requests",
    "{who} joins and checks the {svc} dashboard",
    "Error rate in `{svc}` above {pct}%",
    "Suspected `{svc2}`; checked its logs, nothing unusual",
    "Recent deploys reviewed in #deploys",
]
TIMELINE_LATE = [
    "Error rate back under 1%",
    "Status page: monitoring",
    "Incident resolved",
    "Postmortem owner assigned: {who}",
]
WENT_WELL = [
    "Alert fired within minutes of the first errors",
    "The runbook had the right commands",
    "Rollback was a single command",
    "Incident roles were assigned quickly",
    "Customer communication went out early",
    "The dashboard made the cause obvious once someone looked",
    "No data was lost",
    "Responders from three teams joined within 10 minutes",
]
WENT_WRONG = [
    "Detection came from customers, not from our alerts",
    "The first 30 minutes were spent on the wrong service",
    "The runbook was out of date",
    "The alert was warning-only and went to an unowned channel",
    "Nobody knew who owned the component",
    "The status page was updated late",
    "The change was not tested with production-sized data",
    "Retries made the overload worse",
]
LUCKY = [
    "It happened during working hours with most of the team online.",
    "Traffic was low because of a public holiday.",
    "The person who made the change was in the incident channel.",
    "A replica happened to be fully caught up.",
]
DETAIL = [
    "Graphs for `{svc}` showed p99 latency rising from {k}0 ms to {n} ms before errors started.",
    "Logs from pod `{svc}-{hex}` showed `{error}` about {n} times per minute.",
    "The on-call engineer followed the runbook at https://wiki.larkspur.example/runbooks/{svc} but its steps predated the current architecture.",
    "We confirmed the timeline with audit logs from the deploy system and `kubectl get events`.",
    "Tracing in `tracing-collector` showed time spent waiting on `{dep}` rather than in application code.",
    "The same failure mode had been seen in a staging incident ({ticket}) that was closed without follow-up.",
    "Support received {m} tickets from {cust}; most were answered with the status page link.",
    "The error budget for the `{svc}` availability SLO was {pct}% consumed by this incident alone.",
    "During the incident {who} kept notes in the incident document, which made this timeline possible.",
    "We considered a full failover to {region} but rejected it because the dependency was shared.",
    "Requests to `{svc2}` were retried with exponential backoff and lost no data.",
    "After mitigation we watched the metrics for an hour before closing the incident.",
    "The change that triggered the incident was reviewed and approved by two engineers; the risk was not visible in the diff.",
    "Capacity dashboards for `{dep}` had shown the trend for weeks, but nobody reviewed them.",
]
TYPES = ["prevent", "mitigate", "detect", "process", "repair"]
STYLES = ["sre", "bold", "plain", "yaml", "google"]
STYLE_WEIGHTS = [22, 22, 20, 18, 18]


def pick(r, seq):
    return seq[int(r.random() * len(seq))]


def sample(r, seq, k):
    return r.sample(seq, min(k, len(seq)))


def person(r):
    return pick(r, FIRST) + " " + pick(r, LAST)


def owner(r):
    x = r.random()
    if x < 0.75:
        return person(r)
    if x < 0.88:
        return pick(r, TEAMS)
    return pick(r, HANDLES)


def hhmm(minute):
    minute %= 1440
    return "%02d:%02d" % (minute // 60, minute % 60)


class Doc:
    """The facts of one incident and helpers to phrase them."""

    def __init__(self, r, i):
        self.r = r
        self.i = i
        self.inc = pick(r, INCIDENTS)
        self.day = FIRST_DAY + timedelta(days=int(r.random() * N_DAYS))
        self.date = self.day.isoformat()
        self.sev = pick(r, (1, 2, 2, 2, 3, 3, 3, 4))
        self.svc = pick(r, SERVICES)
        self.svc2 = pick(r, SERVICES)
        if self.svc2 == self.svc:
            self.svc2 = "api-gateway" if self.svc != "api-gateway" else "orders-api"
        self.dep = pick(r, DATASTORES)
        self.ic = person(r)
        self.responders = [person(r) for _ in range(r.randint(2, 4))]
        self.start = r.randint(0, 1439)
        self.mins = r.randint(6, 300)
        self.tags = sample(r, self.inc["tags"], r.randint(2, 3))
        if r.random() < 0.3:
            self.tags.append(pick(r, ("customer-impact", "on-call", "sla",
                                      "postgres", "payments", "checkout")))
        self.v = dict(
            svc=self.svc, svc2=self.svc2, dep=self.dep, region=pick(r, REGIONS),
            n=r.randint(120, 9000), big=r.randint(10000, 2000000),
            m=r.randint(8, 400), k=r.randint(2, 60),
            pct=r.randint(3, 99), mins=self.mins, cust=pick(r, CUSTOMERS),
            ver="v%d.%d.%d" % (r.randint(1, 9), r.randint(0, 40), r.randint(0, 12)),
            who=pick(r, self.responders), ic=self.ic, date=self.date,
            ticket="LRK-%d" % r.randint(1000, 9999),
            hex="%x" % r.getrandbits(36), sevword="SEV%d" % self.sev,
            alert=self.alert_name(),
        )
        self.v["error"] = self.f(pick(r, self.inc["errors"]))
        self.title = self.f(pick(r, self.inc["titles"]))
        self.title = self.title[0].upper() + self.title[1:]

    def alert_name(self):
        camel = "".join(p.capitalize() for p in self.svc.split("-"))
        return camel + self.inc["alert"]

    def f(self, template):
        return template.format(**self.v)

    def fs(self, seq, k):
        return [self.f(t) for t in sample(self.r, seq, k)]

    def summary(self):
        """Three incident sentences in order, with the window second."""
        tpl = self.inc["summary"]
        s = [self.f(tpl[j]) for j in range(len(tpl))]
        s.insert(1, "From %s to %s UTC on %s (%d minutes) about %d %s were "
                 "affected." % (hhmm(self.start), hhmm(self.start + self.mins),
                                self.date, self.mins,
                                self.r.randint(40, 250000), self.v["cust"]))
        return " ".join(s)

    def cause(self):
        c = self.fs(self.inc["causes"], 2)
        return " ".join(c) + "\n\n```\n" + self.v["error"] + "\n```"

    def impact(self, n):
        r = self.r
        rows = [
            "%d%% of requests to `%s` failed during the window" % (self.v["pct"], self.svc),
            "%d failed %s operations" % (r.randint(100, 90000), self.svc2),
            "p99 latency up to %d ms" % r.randint(800, 30000),
            "%d support tickets, %d escalations" % (r.randint(0, 400), r.randint(0, 9)),
            "No data loss" if r.random() < 0.7 else "%d records needed manual repair" % r.randint(1, 5000),
            "Estimated EUR %d,%03d in delayed volume" % (r.randint(1, 900), r.randint(0, 999)),
        ]
        return sample(r, rows, n)

    def timeline(self, n):
        """n (minute, event) rows in time order."""
        r = self.r
        n_late = min(len(TIMELINE_LATE), max(1, (n - 2) // 3))
        n_early = min(len(TIMELINE_EARLY), n - 2 - n_late)
        early = sorted(r.sample(range(len(TIMELINE_EARLY)), n_early))
        late = sorted(r.sample(range(len(TIMELINE_LATE)), n_late))
        events = ["First `%s` errors in %s logs" % (self.v["error"], self.svc)]
        events += [self.f(TIMELINE_EARLY[j]) for j in early]
        events.append(self.f(pick(r, self.inc["fixes"])).rstrip("."))
        events += [self.f(TIMELINE_LATE[j]) for j in late]
        mins = sorted(r.randint(0, self.mins) for _ in range(len(events)))
        return [(self.start + m, e) for m, e in zip(mins, events)]

    def actions(self, n):
        """(text, owner, due date, status) rows."""
        r = self.r
        out = []
        for t in sample(r, self.inc["actions"], n):
            due = self.day + timedelta(days=r.randint(2, 150))
            if due < REFERENCE_DAY:
                status = pick(r, ("Done", "Done", "Done", "In Progress"))
            else:
                status = pick(r, ("Not Started", "In Progress", "TODO"))
            out.append((self.f(t), owner(r), due.isoformat(), status))
        return out

    def details(self, n):
        return [self.f(t) for t in sample(self.r, DETAIL, n)]

    def lessons(self):
        return self.inc["lessons"]


def bullets(rows):
    return "".join("- %s\n" % x for x in rows)


def style_sre(d, size):
    r = d.r
    nt = 5 + size // 700
    out = ["# Incident Postmortem: %s %s\n\n" % (d.title, d.date),
           "## Summary\n", d.summary(), " Severity: SEV%d.\n\n" % d.sev,
           "## Impact\n", bullets(d.impact(r.randint(3, 5))), "\n",
           "## Timeline\n"]
    for m, e in d.timeline(nt):
        out.append("- %s UTC — %s\n" % (hhmm(m), e))
    out += ["\n## Root Cause\n", d.cause(), "\n\n"]
    out += ["## What Went Well\n", bullets(sample(r, WENT_WELL, 3)), "\n",
            "## What Went Poorly\n", bullets(sample(r, WENT_WRONG, 3)), "\n",
            "## Action Items\n| Action | Owner | Due Date |\n|--------|-------|----------|\n"]
    for a, o, due, _ in d.actions(r.randint(3, 5)):
        out.append("| %s | %s | %s |\n" % (a, o, due))
    out += ["\n## Lessons Learned\n", bullets(d.lessons())]
    return out


MARK = {"Done": "✅ Done", "In Progress": "🟡 In Progress",
        "Not Started": "🔴 Not Started", "TODO": "🔴 Not Started"}


def style_bold(d, size):
    r = d.r
    nt = 5 + size // 650
    hours = d.mins // 60
    out = ["# Incident Postmortem: %s %s\n" % (d.date, d.title),
           "**Date**: %s\n" % d.date,
           "**Duration**: %dh %02dm\n" % (hours, d.mins % 60),
           "**Severity**: %s\n" % pick(r, ("SEV%d", "Sev %d")) % d.sev,
           "**Impact**: %s\n" % d.impact(1)[0],
           "**Incident Commander**: %s\n" % d.ic,
           "**Responders**: %s\n" % ", ".join(d.responders),
           "**Services**: %s, %s\n" % (d.svc, d.svc2),
           "**Tags**: %s\n\n" % ", ".join(d.tags),
           "## Summary\n", d.summary(), "\n\n",
           "## Timeline (all times UTC)\n| Time | Event |\n|-------|-------|\n"]
    for m, e in d.timeline(nt):
        out.append("| %s | %s |\n" % (hhmm(m), e))
    out += ["\n## Root Cause\n", d.cause(), "\n\n",
            "## What Went Well\n", bullets("✅ " + x for x in sample(r, WENT_WELL, 3)), "\n",
            "## What Went Wrong\n", bullets("❌ " + x for x in sample(r, WENT_WRONG, 3)), "\n",
            "## Action Items\n| Action | Owner | Due Date | Status |\n|--------|-------|----------|---------|\n"]
    for a, o, due, st in d.actions(r.randint(3, 5)):
        out.append("| %s | %s | %s | %s |\n" % (a, o, due, MARK[st]))
    out.append("\n## Lessons Learned\n")
    for j, l in enumerate(d.lessons(), 1):
        out.append("%d. **%s**\n" % (j, l))
    out += ["\n## References\n",
            "- Incident channel: #inc-%s-%s\n" % (d.date, d.svc),
            "- PR: https://git.larkspur.example/platform/%s/pull/%d\n" % (d.svc, r.randint(100, 9999))]
    return out


def style_plain(d, size):
    r = d.r
    nt = 4 + size // 700
    out = ["# %s\n\n" % d.title, "## Summary\n", d.summary(), " Severity was set to SEV%d.\n\n" % d.sev,
           "## Timeline\nAll times in UTC.\n\n| Date and Time | Event |\n| :--- | --- |\n"]
    for m, e in d.timeline(nt):
        out.append("| %s %s | %s |\n" % (d.date, hhmm(m), e))
    out += ["\n## Contributing Factors\n", bullets(d.fs(d.inc["causes"], 3)),
            "\n## Action Items\n"]
    for a, o, due, st in d.actions(r.randint(3, 5)):
        tail = " [DONE]" if st == "Done" else (" [IN PROGRESS]" if st == "In Progress" else "")
        out.append("- **%s** (owner: %s, due %s)%s\n" % (a, o, due, tail))
    out += ["\n## Lessons Learned\n", bullets(d.lessons()),
            "\n## Stats\n- Category: %s\n- Time to detection: %d minutes\n- Time to recovery: %d minutes\n"
            % (d.inc["tags"][0].capitalize(), r.randint(1, 90), d.mins)]
    return out


def style_yaml(d, size):
    r = d.r
    out = ["---\n", 'title: "%s"\n' % d.title, "date: %s\n" % d.date,
           "severity: SEV%d\n" % d.sev, "duration_minutes: %d\n" % d.mins,
           "services: [%s, %s]\n" % (d.svc, d.svc2),
           "tags: [%s]\n" % ", ".join(d.tags),
           "incident_commander: %s\n---\n" % d.ic,
           d.summary(), "\n\n", d.cause(), "\n\n"]
    for m, e in d.timeline(3 + size // 1500):
        out.append("At %s UTC: %s. " % (hhmm(m), e))
    out += ["\n\nRoot cause: ", d.f(pick(r, d.inc["causes"])), "\n\n",
            pick(r, ("## Follow-up\n", "## Next steps\n",
                     "## Corrective and Preventative Measures\n"))]
    for a, o, due, st in d.actions(r.randint(3, 5)):
        box = "x" if st == "Done" else " "
        out.append("- [%s] %s (owner: %s, due %s)\n" % (box, a, o, due))
    return out


def style_google(d, size):
    r = d.r
    nt = 5 + size // 700
    rc, trig = d.fs(d.inc["causes"], 2)
    out = ["# %s Postmortem (incident #%d)\n\n" % (d.title, 100 + d.i % 9000),
           "**Date**: %s\n\n" % d.date,
           "**Authors**: %s\n\n" % ", ".join(d.responders[:2]),
           "**Status**: %s\n\n" % pick(r, ("Complete, action items in progress",
                                           "Complete", "Draft")),
           "**Summary**: ", d.summary(), "\n\n",
           "**Impact**: SEV%d. %s.\n\n" % (d.sev, "; ".join(d.impact(3))),
           "**Root Causes**: ", rc, "\n\n",
           "**Trigger**: ", trig, "\n\n",
           "**Resolution**: ", d.f(pick(r, d.inc["fixes"])), "\n\n",
           "**Detection**: `%s` paged %s.\n\n" % (d.v["alert"], d.v["who"]),
           "## Action Items\n\n| Action Item | Type | Owner | Bug |\n|---|---|---|---|\n"]
    for a, o, due, st in d.actions(r.randint(3, 5)):
        bug = "**DONE**" if st == "Done" else pick(r, (d.v["ticket"], "TODO"))
        out.append("| %s | %s | %s | %s |\n" % (a, pick(r, TYPES), o, bug))
    out += ["\n## Lessons Learned\n\n### What went well\n",
            bullets(sample(r, WENT_WELL, 3)),
            "\n### What went wrong\n", bullets(sample(r, WENT_WRONG, 3)),
            "\n### Where we got lucky\n", bullets(sample(r, LUCKY, 1)),
            "\n## Timeline\n\n%s (all times UTC)\n\n" % d.date]
    for m, e in d.timeline(nt):
        out.append("- %s %s\n" % (hhmm(m), e))
    out += ["\n## Supporting information\n\n",
            "- Monitoring dashboard: https://grafana.larkspur.example/d/%s\n" % d.svc]
    return out


BUILD = dict(sre=style_sre, bold=style_bold, plain=style_plain,
             yaml=style_yaml, google=style_google)


def render(i, seed):
    """File i: (relative path, utf-8 bytes)."""
    r = random.Random(seed * 1000003 + i)
    d = Doc(r, i)
    style = r.choices(STYLES, STYLE_WEIGHTS)[0]
    target = r.randint(2200, 5800)
    parts = BUILD[style](d, target)
    text = "".join(parts)
    size = len(text.encode("utf-8"))
    if size < target:
        # Pad with investigation notes, as long postmortems have.
        extra = ["\n## Investigation\n" if style != "yaml" else "\n"]
        pool = d.details(len(DETAIL))
        j = 0
        while size < target and j < len(pool):
            para = pool[j] + "\n\n"
            extra.append(para)
            size += len(para.encode("utf-8"))
            j += 1
        text += "".join(extra)
    data = text.encode("utf-8")
    if len(data) > 6000:
        cut = data.rfind(b"\n", 0, 6000)
        data = data[:cut + 1]
    slug = d.inc["key"]
    name = "%s-%s-%s-%06d.md" % (d.date, d.svc, slug, i)
    return "%03d/%s" % (i // PER_FOLDER, name), data


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of files")
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    if a.n < 0:
        ap.error("N must be >= 0")
    made = set()
    total = 0
    for i in range(a.n):
        rel, data = render(i, a.seed)
        folder = os.path.join(a.outdir, rel[:3])
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(os.path.join(a.outdir, rel), "wb") as fh:
            fh.write(data)
        total += len(data)
    print("gen.py: %d files, %d bytes in %s" % (a.n, total, a.outdir),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
