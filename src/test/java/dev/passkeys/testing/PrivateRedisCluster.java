package dev.passkeys.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A Redis Cluster of the test's own: three masters with a replica each, on free ports, created with
 * {@code redis-cli --cluster create}. A short node timeout makes a replica take over a killed master within
 * seconds. The application is pointed at every node ({@code quarkus.redis.client-type=cluster}).
 */
public class PrivateRedisCluster implements QuarkusTestResourceLifecycleManager {

    private static final int NODES = 6;
    private static final List<PrivateRedis> nodes = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("redis-cluster");
            for (int i = 0; i < NODES; i++) {
                Path nodeDir = Files.createDirectories(dir.resolve("node-" + i));
                // A replica may take over however long it has been apart from its master (validity factor 0):
                // the failover under test must not depend on how fast the initial sync went.
                nodes.add(PrivateRedis.start(List.of("--cluster-enabled", "yes", "--cluster-node-timeout", "1000",
                        "--cluster-replica-validity-factor", "0",
                        "--cluster-config-file", nodeDir.resolve("nodes.conf").toString(), "--dir", nodeDir.toString(),
                        "--logfile", nodeDir.resolve("redis.log").toString())));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.forEach(node -> create.add("127.0.0.1:" + node.port()));
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        run(create);
        awaitHealthy(Duration.ofSeconds(30));
        String hosts = nodes.stream().map(PrivateRedis::url).collect(Collectors.joining(","));
        return Map.of("quarkus.redis.client-type", "cluster", "quarkus.redis.hosts", hosts,
                "%test.quarkus.redis.hosts", hosts);
    }

    @Override
    public void stop() {
        nodes.forEach(PrivateRedis::kill);
        nodes.clear();
    }

    /** Kills (SIGKILL) one of the masters, and returns it. */
    public static PrivateRedis killAMaster() {
        PrivateRedis master = nodes.stream().filter(node -> "master".equals(info(node, "role:")))
                .findFirst().orElseThrow();
        master.kill();
        return master;
    }

    /** How many nodes answer as masters now. */
    public static long masters() {
        return nodes.stream().filter(node -> "master".equals(info(node, "role:"))).count();
    }

    /**
     * Waits until the cluster serves every slot (state ok) as seen from each live node, and every live replica
     * has completed its sync with its master (a replica still syncing cannot take over).
     */
    public static void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!nodes.stream().filter(PrivateRedis::isRunning)
                .allMatch(node -> "ok".equals(clusterInfo(node, "cluster_state:"))
                        && ("master".equals(info(node, "role:")) || "up".equals(info(node, "master_link_status:"))))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the private Redis Cluster did not become healthy");
            }
            PrivateRedis.sleep(Duration.ofMillis(200));
        }
    }

    private static String info(PrivateRedis node, String field) {
        return field(run(List.of("redis-cli", "-p", String.valueOf(node.port()), "info", "replication")), field);
    }

    private static String clusterInfo(PrivateRedis node, String field) {
        return field(run(List.of("redis-cli", "-p", String.valueOf(node.port()), "cluster", "info")), field);
    }

    private static String field(String text, String name) {
        return text.lines().map(String::strip).filter(line -> line.startsWith(name))
                .map(line -> line.substring(name.length())).findFirst().orElse("");
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
