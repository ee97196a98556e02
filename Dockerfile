# Passkey service: multi-stage build of the Quarkus fast-jar.
#   docker build -t passkey-service:latest .
# Build runs on JDK 21 (the code targets Java 17); the image runs on JRE 25,
# the runtime the service is benchmarked on.

########## build ##########
FROM eclipse-temurin:21-jdk AS build
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
RUN ./mvnw -B package -DskipTests

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

# JAVA_TOOL_OPTIONS is read by the JVM itself, so it works with the exec-form
# ENTRYPOINT below (no shell to expand $JAVA_OPTS). The heap follows the
# container's memory limit; an OutOfMemoryError ends the process so the
# orchestrator restarts it instead of leaving it half-alive.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080

USER 185:185
EXPOSE 8080

# The Temurin JRE image has neither curl nor wget (its build purges wget), and
# adding one would grow the image and its attack surface. bash is there, so the
# check speaks HTTP/1.1 over bash's /dev/tcp and accepts only a 200 status line
# (exit 1 otherwise, the code Docker expects for "unhealthy").
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${QUARKUS_HTTP_PORT:-8080} && printf 'GET /q/health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r -t 2 proto status rest <&3 && [ \"$status\" = 200 ] || exit 1"]

ENTRYPOINT ["java", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/deployments/quarkus-run.jar"]
