# Passkey service: multi-stage build of the Quarkus aot-jar with a JDK 25 AOT cache.
#   docker build -t passkey-service:latest .
# Build runs on JDK 25 (the code targets Java 17); the image runs on JRE 25, the
# runtime the service is benchmarked on. The aot-jar packaging loads every class
# through the JDK's own class loaders, so the AOT cache made in the run stage
# (JEP 483/514) can hold them: start to ready in about 2 s instead of 3.

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

########## run ##########
FROM eclipse-temurin:25-jre

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

# The AOT cache is recorded here, by the JVM and at the paths that will run it:
# the application starts with no database or Redis to reach and stops at the
# first connection (the exit status says so, hence the "|| true"); the JVM
# writes what it loaded and linked on exit (about 2.5 s to ready instead of 3.5;
# a cache recorded by a whole start against a database gets it under 2 s, see
# bench/startup.sh). A cache the JVM cannot use is ignored with a warning.
RUN QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:1/none QUARKUS_REDIS_HOSTS=redis://127.0.0.1:1 \
      java @/deployments/jvm.options -XX:AOTCacheOutput=/deployments/app.aot -Dquarkus.appcds.generate=true \
      -jar /deployments/quarkus-run.jar > /dev/null 2>&1 || true; test -s /deployments/app.aot

ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080

USER 185:185
EXPOSE 8080

# The Temurin JRE image has neither curl nor wget (its build purges wget), and
# adding one would grow the image and its attack surface. bash is there, so the
# check speaks HTTP/1.1 over bash's /dev/tcp and accepts only a 200 status line
# (exit 1 otherwise, the code Docker expects for "unhealthy").
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${QUARKUS_HTTP_PORT:-8080} && printf 'GET /q/health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r -t 2 proto status rest <&3 && [ \"$status\" = 200 ] || exit 1"]

ENTRYPOINT ["java", "@/deployments/jvm.options", "-XX:AOTCache=/deployments/app.aot", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/deployments/quarkus-run.jar"]
