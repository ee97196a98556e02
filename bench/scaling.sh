#!/usr/bin/env bash
# Does cost grow with the data? Runs the packaged service (production profile) on a fresh database and a
# private Redis, and measures with the shared load generator:
#   1. login throughput with 1,000 and then 100,000 accounts in the database (the extra accounts are inserted
#      with SQL: a user and a passkey each, with random IDs),
#   2. the Redis memory of 100,000 abandoned logins (login-options never followed by login-verify), and that
#      nothing is left once the challenge TTL has passed,
#   3. the service's resident memory after the run, and its start-to-ready time.
#
#   bench/scaling.sh                    from the project's root, after ./mvnw package -DskipTests
# Environment: LOADGEN (default ../shared/bench/loadgen.sh), JAVA (default: JAVA_HOME's java, else the one on the PATH),
#   CONCURRENCY=16 DURATION=20 ABANDONED=100000
set -euo pipefail
cd "$(dirname "$0")/.."

LOADGEN="${LOADGEN:-../shared/bench/loadgen.sh}"
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
[ -x "$JAVA" ] || JAVA=java
CONCURRENCY="${CONCURRENCY:-16}"; DURATION="${DURATION:-20}"; ABANDONED="${ABANDONED:-100000}"
PORT=18181; REDIS_PORT=6392; DB="scaling_$$"; TTL_S=120
ORIGIN=http://localhost:8080; URL="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"; PID=""

cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$WORK/redis.log"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/key.pem" 2>/dev/null

started=$(date +%s%N)
PASSKEY_RP_ID=localhost PASSKEY_ORIGINS="$ORIGIN" PASSKEY_JWT_ISSUER="$URL" PASSKEY_JWT_AUDIENCE=scaling \
PASSKEY_JWT_SIGNING_KEY_FILE="$WORK/key.pem" QUARKUS_HTTP_PORT=$PORT PASSKEY_RATE_LIMIT_ENABLED=false \
PASSKEY_CHALLENGE_TTL=PT${TTL_S}S QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:5432/$DB" \
QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT" \
  "$JAVA" @deployment/jvm.options -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
PID=$!
until curl -fsS -o /dev/null "$URL/q/health/ready" 2>/dev/null; do sleep 0.05; done
echo "start to ready: $(( ($(date +%s%N) - started) / 1000000 )) ms (JVM launch included; Quarkus says: $(grep -o 'started in [0-9.]*s' "$WORK/service.log" | head -1))"

login_rate() {
  "$LOADGEN" --url "$URL" --origin "$ORIGIN" --scenario login --concurrency "$CONCURRENCY" --duration "$DURATION" \
    --warmup 5 --users 200 --json "$WORK/login.json" > /dev/null 2>&1
  node -e 'const j=require(process.argv[1]);const p=j.phases.at(-1);console.log(p.throughput+" logins/s, p99 "+p.latencyMs.p99+" ms, errors "+p.failed)' "$WORK/login.json"
}

seed() { # total accounts wanted in the database
  psql -h 127.0.0.1 -U postgres -d "$DB" -q <<SQL
INSERT INTO users (id, username, username_key, display_name, user_handle, created_at)
SELECT gen_random_uuid(), 'seed-' || g, 'seed-' || g, 'Seed ' || g, translate(encode(gen_random_bytes(32), 'base64'), '+/=', '-_'), now()
FROM generate_series((SELECT count(*) FROM users) + 1, $1) g;
INSERT INTO passkeys (credential_id, user_id, public_key_cose, signature_count, aaguid, attestation_format,
                      backup_eligible, backed_up, user_verified, created_at)
SELECT translate(encode(gen_random_bytes(32), 'base64'), '+/=', '-_'), u.id, gen_random_bytes(77), 0,
       '00000000-0000-0000-0000-000000000000', 'none', true, true, true, now()
FROM users u WHERE NOT EXISTS (SELECT 1 FROM passkeys p WHERE p.user_id = u.id);
ANALYZE;
SQL
}

psql -h 127.0.0.1 -U postgres -d "$DB" -qc "CREATE EXTENSION IF NOT EXISTS pgcrypto"
seed 1000
login_rate > /dev/null   # warm-up: the JIT compiles the login path, so that both measurements below are warm
echo "login with $(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc 'SELECT count(*) FROM users') accounts: $(login_rate)"
seed 100000
echo "login with $(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc 'SELECT count(*) FROM users') accounts: $(login_rate)"

# 100,000 abandoned logins: usernameless, known usernames and unknown usernames in turns.
before=$(redis-cli -p "$REDIS_PORT" info memory | tr -d '\r' | sed -n 's/^used_memory://p')
node - "$URL" "$ABANDONED" <<'EOF'
const [url, total] = [process.argv[2], Number(process.argv[3])];
let next = 0;
async function worker() {
  while (next < total) {
    const i = next++;
    const body = i % 3 === 0 ? {} : { username: i % 3 === 1 ? `seed-${1 + (i % 90000)}` : `nobody-${i}@example.com` };
    const r = await fetch(`${url}/api/auth/passkey/login-options`, { method: 'POST',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (r.status !== 200) throw new Error(`login-options answered ${r.status}`);
    await r.arrayBuffer();
  }
}
await Promise.all(Array.from({ length: 32 }, worker));
EOF
after=$(redis-cli -p "$REDIS_PORT" info memory | tr -d '\r' | sed -n 's/^used_memory://p')
echo "$ABANDONED abandoned logins: $(redis-cli -p "$REDIS_PORT" dbsize) keys, $(( (after - before) / 1024 / 1024 )) MB of Redis memory"
echo "resident memory of the service: $(( $(awk '/VmRSS/{print $2}' /proc/$PID/status) / 1024 )) MB"
sleep $((TTL_S + 2))
echo "after the ${TTL_S} s challenge TTL: $(redis-cli -p "$REDIS_PORT" dbsize) keys left"
