#!/usr/bin/env bash
# Records the JDK AOT cache (JEP 483/514/515) of the aot-jar from a training run: a whole start against a real
# PostgreSQL and Redis, then 20 s each of real sign-ups, logins and usernameless logins from the benchmark's load
# driver, so that the cache holds every class a ceremony loads and links and the JIT's profiles of the ceremonies. A
# start with it is ready in about half the time (1.3-2.2 s on the faster machines measured, 2.4-5.0 s on slower
# ones; bench/RESULTS.md), and the first minutes under load run closer to their warm speed (with 5 s
# each, sign-ups just after a minute of logins ran 4-6 % slower, at a fifth more CPU each).
#
#   deployment/record-aot-cache.sh APP_DIR LOADDRIVER_JAR
#
# APP_DIR holds the aot-jar (./mvnw package -Dquarkus.package.jar.type=aot-jar); the cache is written to
# APP_DIR/app.aot and used with `java @jvm.options -XX:AOTCache=APP_DIR/app.aot -jar APP_DIR/quarkus-run.jar`, by
# the same JDK at the same paths (the JVM ignores, with a warning, a cache that does not match).
# LOADDRIVER_JAR is bench/target/loaddriver.jar (./mvnw -f bench/pom.xml package).
#
# Environment: JAVA (a JDK 24 or later; default `java`), JVM_OPTIONS (default deployment/jvm.options beside this
# script), and the training database and Redis, which the run fills with throwaway accounts: never production's.
#   QUARKUS_DATASOURCE_REACTIVE_URL (postgresql://127.0.0.1:5432/aot_training), QUARKUS_DATASOURCE_USERNAME
#   (postgres), QUARKUS_DATASOURCE_PASSWORD, QUARKUS_REDIS_HOSTS (redis://127.0.0.1:6379/15), TRAINING_PORT (18191);
# TRAINING_SECONDS (20), the load per ceremony.
set -euo pipefail
APP_DIR="$(cd "${1:?APP_DIR}" && pwd)"
DRIVER="${2:?LOADDRIVER_JAR}"
HERE="$(cd "$(dirname "$0")" && pwd)"
JAVA="${JAVA:-java}"
JVM_OPTIONS="${JVM_OPTIONS:-$HERE/jvm.options}"
PORT="${TRAINING_PORT:-18191}"
SECONDS_EACH="${TRAINING_SECONDS:-20}"
URL="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# A throwaway ES256 signing key: the JWT signing is part of what a login loads.
"$JAVA" -version 2>&1 | sed -n 1p   # sed reads to the end: no broken pipe under pipefail
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/key.pem" 2>/dev/null

rm -f "$APP_DIR/app.aot"
# The training compiles at the JIT's default counts, not jvm.options' raised ones: a cache recorded with those made
# starts 0.1 s slower than one recorded without them (alternating starts, bench/RESULTS.md).
PASSKEY_RP_ID=localhost PASSKEY_ORIGINS=http://localhost:8080 PASSKEY_JWT_ISSUER="$URL" PASSKEY_JWT_AUDIENCE=aot-training \
PASSKEY_JWT_SIGNING_KEY_FILE="$WORK/key.pem" PASSKEY_RATE_LIMIT_ENABLED=false QUARKUS_HTTP_PORT="$PORT" \
QUARKUS_DATASOURCE_REACTIVE_URL="${QUARKUS_DATASOURCE_REACTIVE_URL:-postgresql://127.0.0.1:5432/aot_training}" \
QUARKUS_DATASOURCE_USERNAME="${QUARKUS_DATASOURCE_USERNAME:-postgres}" \
QUARKUS_REDIS_HOSTS="${QUARKUS_REDIS_HOSTS:-redis://127.0.0.1:6379/15}" \
  "$JAVA" "@$JVM_OPTIONS" -XX:CompileThresholdScaling=1 -XX:AOTCacheOutput="$APP_DIR/app.aot" -jar "$APP_DIR/quarkus-run.jar" \
  > "$WORK/service.log" 2>&1 &
service=$!
stop() { kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; }

ready=0
for _ in $(seq 1 600); do
  if ! kill -0 "$service" 2>/dev/null; then tail -20 "$WORK/service.log" >&2; echo "the service did not start" >&2; exit 1; fi
  curl -fsS -o /dev/null "$URL/q/health/ready" 2>/dev/null && { ready=1; break; }
  sleep 0.1
done
[ "$ready" = 1 ] || { stop; tail -20 "$WORK/service.log" >&2; echo "the service was not ready within 60 s" >&2; exit 1; }

# Each ceremony the service serves, the way clients call it; a failed first ceremony stops the training.
for scenario in signup login login-usernameless; do
  "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$DRIVER" --url "$URL" --origin http://localhost:8080 --scenario "$scenario" --users 50 \
    --concurrency 8 --warmup 1 --duration "$SECONDS_EACH" | grep '^peak:' || { stop; echo "training $scenario failed" >&2; exit 1; }
done

stop   # the JVM writes the cache as it exits
test -s "$APP_DIR/app.aot" || { tail -20 "$WORK/service.log" >&2; echo "no AOT cache was written" >&2; exit 1; }
echo "recorded $APP_DIR/app.aot ($(( $(wc -c < "$APP_DIR/app.aot") / 1048576 )) MB)"
