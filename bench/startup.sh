#!/usr/bin/env bash
# Start to ready, JVM launch included, with the default JVM settings (deployment/jvm.options), three starts each
# against an already migrated database and a private Redis, of:
#   fast-jar       the package `./mvnw package` builds,
#   aot-trained    the aot-jar with the JDK 25 AOT cache the image records (deployment/record-aot-cache.sh: a whole
#                  start against a database and Redis, then a few seconds of real ceremonies from the load driver).
#
#   bench/startup.sh                    from the project's root, after ./mvnw package -DskipTests
#                                       and ./mvnw -f bench/pom.xml package (the load driver)
# Environment: JAVA (default: JAVA_HOME's java, else the one on the PATH; the AOT cache needs JDK 24 or later), STARTS=3
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
[ -x "$JAVA" ] || JAVA=java
STARTS="${STARTS:-3}"; PORT=18185; REDIS_PORT=6396; DB="startup_$$"
URL="http://127.0.0.1:$PORT"; WORK="$(mktemp -d)"; AOT_APP="$PWD/target/aot-app"

cleanup() {
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# The aot-jar beside the fast-jar.
./mvnw -B -q package -DskipTests -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=aot-app

psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$WORK/redis.log"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/key.pem" 2>/dev/null

start_ms() { # JVM arguments…; prints milliseconds from launch to a ready health check
  local started pid
  started=$(date +%s%N)
  PASSKEY_RP_ID=localhost PASSKEY_ORIGINS=http://localhost:8080 PASSKEY_JWT_ISSUER="$URL" PASSKEY_JWT_AUDIENCE=startup \
  PASSKEY_JWT_SIGNING_KEY_FILE="$WORK/key.pem" QUARKUS_HTTP_PORT=$PORT \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:5432/$DB" QUARKUS_DATASOURCE_USERNAME=postgres \
  QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT" "$JAVA" @deployment/jvm.options "$@" > "$WORK/service.log" 2>&1 &
  pid=$!
  until curl -fsS -o /dev/null "$URL/q/health/ready" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { tail -5 "$WORK/service.log" >&2; exit 1; }
    sleep 0.02
  done
  echo $(( ($(date +%s%N) - started) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

JAVA="$JAVA" QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:5432/$DB" \
  QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT" deployment/record-aot-cache.sh "$AOT_APP" bench/target/loaddriver.jar \
  > "$WORK/training.log" 2>&1 || { tail -20 "$WORK/training.log" >&2; exit 1; }   # migrates the database too
for variant in fast-jar aot-trained; do
  times=()
  for _ in $(seq 1 "$STARTS"); do
    case "$variant" in
      fast-jar) times+=("$(start_ms -jar target/quarkus-app/quarkus-run.jar)") ;;
      aot-trained) times+=("$(start_ms -XX:AOTCache="$AOT_APP/app.aot" -jar "$AOT_APP/quarkus-run.jar")") ;;
    esac
  done
  echo "$variant: start to ready ${times[*]} ms"
done
