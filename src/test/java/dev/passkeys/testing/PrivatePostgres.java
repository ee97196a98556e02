package dev.passkeys.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own ({@code initdb} into a temporary directory, a free port), that a
 * test may crash and bring back (never the shared one on 5432). PostgreSQL refuses to run as root, so as
 * root its tools run as the {@code postgres} user.
 */
public final class PrivatePostgres {

    private final int port;
    private final Path directory;
    private final Path data;
    private final Path bin;

    private PrivatePostgres(int port, Path directory, Path bin) {
        this.port = port;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.bin = bin;
    }

    /** A new cluster, initialised and started. */
    public static PrivatePostgres start() {
        try {
            Path directory = Files.createTempDirectory("passkeys-pg-");
            PrivatePostgres postgres = new PrivatePostgres(PrivateRedis.freePort(), directory, binaries());
            if (asRoot()) {
                run(List.of("chown", "postgres", directory.toString()));
            }
            postgres.tool("initdb", "-D", postgres.data.toString(), "-U", "postgres", "-A", "trust", "--no-sync",
                    "-E", "UTF8", "--locale=C");
            postgres.restart();
            return postgres;
        } catch (IOException e) {
            throw new IllegalStateException("A private PostgreSQL cluster cannot be created", e);
        }
    }

    public int port() {
        return port;
    }

    /** The reactive client's URL of the cluster's {@code postgres} database. */
    public String url() {
        return "postgresql://127.0.0.1:" + port + "/postgres";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:" + url(), "postgres", "postgres");
    }

    /** Starts the cluster (after a crash: with recovery) and waits until it accepts connections. */
    public void restart() {
        if (running()) {
            return;
        }
        tool("pg_ctl", "-D", data.toString(), "-l", directory.resolve("server.log").toString(), "-w", "-t", "60",
                // fsync off is safe here (a crash kills processes, not the machine); synchronous_commit stays on, so that
                // a commit acknowledged before the crash survives it, as in production.
                "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c full_page_writes=off",
                "start");
    }

    /** Whether the cluster's postmaster is up ({@code pg_ctl status}). */
    public boolean running() {
        try {
            tool("pg_ctl", "-D", data.toString(), "status");
            return true;
        } catch (IllegalStateException notRunning) {
            return false;
        }
    }

    /** Stops the cluster like a crash: every backend is killed at once, nothing is shut down cleanly. */
    public void crash() {
        tool("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    /** Stops the cluster and deletes its files. */
    public void destroy() {
        try {
            tool("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (IllegalStateException alreadyStopped) {
            // nothing to stop
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left for the system to clean
        }
    }

    private void tool(String name, String... arguments) {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(name).toString());
        command.addAll(List.of(arguments));
        run(command);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " cannot run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest installed PostgreSQL's programs (Debian keeps them out of PATH). */
    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var newest = versions.map(version -> version.resolve("bin"))
                        .filter(dir -> Files.isExecutable(dir.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(dir -> versionOf(dir.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        throw new IllegalStateException("No PostgreSQL server programs found under /usr/lib/postgresql/*/bin");
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name.replaceAll("[^0-9]", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
