# Passkey service: multi-stage build of the Quarkus aot-jar with a JDK 25 AOT cache.
#   docker build -t passkey-service:latest .
# Build runs on JDK 25 (the code targets Java 17); the image runs on JRE 25, the
# runtime the service is benchmarked on. The aot-jar packaging loads every class
# through the JDK's own class loaders, so the AOT cache (JEP 483/514/515) can hold
# them. The cache is recorded in a training stage that runs the image's own files
# against a PostgreSQL and a Redis of its own, with real sign-ups and logins from the
# benchmark's load driver: start to ready in about half the time (1.3-2.2 s instead of
# 3.3-3.8 s on the faster machines measured, 2.4-5.0 s on slower ones), and the
# first minute under load closer to its warm speed (README, Performance).

########## build ##########
FROM eclipse-temurin:25-jdk AS build
WORKDIR /build

# Dependencies first: this layer is reused until pom.xml or the wrapper changes.
# dependency:go-offline fetches plugins and declared dependencies;
# quarkus:go-offline adds the Quarkus deployment artifacts the build resolves,
# so the package step below downloads nothing. mvnw fetches Maven itself (with
# Java, as this image has no curl or wget).
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
RUN chmod +x mvnw \
 && ./mvnw -B -q dependency:go-offline quarkus:go-offline

COPY src/ src/
RUN ./mvnw -B package -DskipTests -Dquarkus.package.jar.type=aot-jar
# The load driver that trains the AOT cache (bench/: a project of its own).
COPY bench/pom.xml bench/pom.xml
COPY bench/src/ bench/src/
RUN ./mvnw -B -q -f bench/pom.xml package -DskipTests

########## app: the image's files, without their AOT cache ##########
FROM eclipse-temurin:25-jre AS app

# uid/gid 185, as in Quarkus' own images; the files stay root-owned and read-only.
RUN groupadd --system --gid 185 passkey \
 && useradd --system --uid 185 --gid 185 --home-dir /deployments --no-create-home \
      --shell /usr/sbin/nologin passkey

WORKDIR /deployments
# Four copies, least to most often changed, so that a code change rebuilds only app/.
COPY --from=build /build/target/quarkus-app/lib/ /deployments/lib/
COPY --from=build /build/target/quarkus-app/*.jar /deployments/
COPY --from=build /build/target/quarkus-app/app/ /deployments/app/
COPY --from=build /build/target/quarkus-app/quarkus/ /deployments/quarkus/
# The default JVM settings (a small fixed heap; an OutOfMemoryError ends the
# process so the orchestrator restarts it instead of leaving it half-alive).
COPY deployment/jvm.options /deployments/jvm.options

ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080

########## training: records the AOT cache ##########
# The same files and JRE as the image (the cache is only valid with both), plus a
# throwaway PostgreSQL and Redis: the service starts against them as it will in
# production, and the load driver runs a few seconds of each ceremony through it;
# the JVM writes what it loaded, linked and profiled as it exits. Nothing of this
# stage but app.aot reaches the image.
FROM app AS training
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql redis-server openssl curl \
      > /dev/null
COPY --from=build /build/bench/target/loaddriver.jar /training/loaddriver.jar
COPY deployment/record-aot-cache.sh /training/record-aot-cache.sh
RUN pg_ctlcluster "$(ls /etc/postgresql)" main start \
 && su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'training'\"" \
 && su postgres -c "createdb aot_training" \
 && redis-server --daemonize yes --bind 127.0.0.1 --save "" --appendonly no \
 && QUARKUS_DATASOURCE_PASSWORD=training JVM_OPTIONS=/deployments/jvm.options \
      bash /training/record-aot-cache.sh /deployments /training/loaddriver.jar

########## run ##########
FROM app
COPY --from=training /deployments/app.aot /deployments/app.aot

USER 185:185
EXPOSE 8080

# The Temurin JRE image has neither curl nor wget (its build purges wget), and
# adding one would grow the image and its attack surface. bash is there, so the
# check speaks HTTP/1.1 over bash's /dev/tcp and accepts only a 200 status line
# (exit 1 otherwise, the code Docker expects for "unhealthy").
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${QUARKUS_HTTP_PORT:-8080} && printf 'GET /q/health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r -t 2 proto status rest <&3 && [ \"$status\" = 200 ] || exit 1"]

ENTRYPOINT ["java", "@/deployments/jvm.options", "-XX:AOTCache=/deployments/app.aot", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/deployments/quarkus-run.jar"]
