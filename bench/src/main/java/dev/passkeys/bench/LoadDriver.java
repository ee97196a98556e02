package dev.passkeys.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs real passkey ceremonies against a running service over HTTP (the contract's four ceremony endpoints),
 * with its own software authenticator, in a closed loop of N concurrent virtual users, and prints ceremonies
 * per second, errors and HdrHistogram latency percentiles of whole ceremonies.
 *
 * <pre>
 * java -jar bench/target/loaddriver.jar --url http://127.0.0.1:8080 --scenario login --users 200 \
 *      --concurrency 1,2,4,8,16,32 --warmup 3 --duration 10
 * </pre>
 *
 * A virtual user is an asynchronous loop (JDK {@code HttpClient}, no thread per user): one ceremony after the
 * other, no think time. A registered user is checked out for the whole of a ceremony, so one user's signature
 * counter always reaches the service in order. Only loopback targets are accepted.
 */
public final class LoadDriver {

    private static final String API = "/api/auth/passkey";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);

    enum Scenario {
        LOGIN("login"), LOGIN_USERNAMELESS("login-usernameless"), SIGNUP("signup");

        final String name;

        Scenario(String name) {
            this.name = name;
        }

        static Scenario of(String name) {
            for (Scenario scenario : values()) {
                if (scenario.name.equals(name)) {
                    return scenario;
                }
            }
            throw new IllegalArgumentException("--scenario must be login, login-usernameless or signup, not " + name);
        }
    }

    record Options(URI url, String origin, int users, int durationSeconds, int warmupSeconds, int[] levels,
            Scenario scenario, int timeoutSeconds, long serverPid, String clientProvider) {
    }

    /** A registered user and its passkey; one ceremony at a time. */
    record User(String username, Passkey passkey) {
    }

    /** A ceremony that did not end as the contract says a good one does. */
    static final class CeremonyFailure extends RuntimeException {
        final String kind;

        CeremonyFailure(String kind, String detail) {
            super(kind + (detail == null ? "" : ": " + detail), null, false, false);
            this.kind = kind;
        }
    }

    /** What one concurrency level measured. */
    record Level(int concurrency, double seconds, long ok, long errors, Histogram latency,
            Map<String, Long> errorKinds, double clientCpuMicrosPerCeremony, double serverCpuMicrosPerCeremony) {

        double throughput() {
            return ok / seconds;
        }
    }

    private final Options options;
    private final HttpClient http;
    private final ExecutorService executor;
    private final String rpIdFallback;
    private final String runId;
    private final AtomicLong signUps = new AtomicLong();
    private final ConcurrentLinkedQueue<User> freeUsers = new ConcurrentLinkedQueue<>();

    LoadDriver(Options options) {
        this.options = options;
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "loaddriver");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
        this.rpIdFallback = URI.create(options.origin()).getHost();
        byte[] run = new byte[3];
        new SecureRandom().nextBytes(run);
        this.runId = "jb" + HexFormat.of().formatHex(run);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("loaddriver: " + e.getMessage());
            System.err.println();
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(usage());
            return;
        }
        installHardDeadline(options);
        int code = new LoadDriver(options).run();
        System.exit(code);
    }

    static String usage() {
        return """
                Usage: java -jar bench/target/loaddriver.jar [options]
                  --url URL            the service (loopback only)                 default http://127.0.0.1:8080
                  --origin ORIGIN      one of the service's PASSKEY_ORIGINS        default http://localhost:8080
                  --scenario S         login | login-usernameless | signup         default login
                  --users U            users signed up before the load             default 200 (raised to the highest concurrency)
                  --concurrency LIST   virtual users, e.g. 16 or 1,2,4,8,16,32     default 16
                  --warmup SECONDS     unmeasured load before each level           default 5
                  --duration SECONDS   measured load per level                     default 10
                  --timeout SECONDS    per HTTP request                            default 10
                  --server-pid PID     also report the service's CPU per ceremony (from /proc)
                  --client-provider P  ACCP | JDK: the driver's own signatures     default ACCP when it loads
                One line per concurrency level (ceremonies/s, errors, latency percentiles of whole ceremonies in ms,
                the driver's and the service's CPU per ceremony), then the peak.""";
    }

    static Options parse(String[] args) {
        URI url = URI.create("http://127.0.0.1:8080");
        String origin = "http://localhost:8080";
        Integer users = null;
        int duration = 10;
        int warmup = 5;
        int timeout = 10;
        int[] levels = { 16 };
        Scenario scenario = Scenario.LOGIN;
        long serverPid = 0;
        String clientProvider = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                return null;
            }
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--url" -> url = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
                case "--origin" -> origin = value;
                case "--users" -> users = positive(name, value, 100_000);
                case "--duration" -> duration = positive(name, value, 600);
                case "--warmup" -> warmup = nonNegative(name, value, 600);
                case "--timeout" -> timeout = positive(name, value, 120);
                case "--concurrency" -> levels = Arrays.stream(value.split(","))
                        .mapToInt(level -> positive("--concurrency", level.trim(), 4096)).toArray();
                case "--scenario" -> scenario = Scenario.of(value);
                case "--server-pid" -> serverPid = positive(name, value, Integer.MAX_VALUE);
                case "--client-provider" -> clientProvider = value.toUpperCase(Locale.ROOT);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("--url must be an http(s) URL, not " + url);
        }
        requireLoopback(url.getHost());
        URI originUri = URI.create(origin);
        if (originUri.getScheme() == null || originUri.getHost() == null) {
            throw new IllegalArgumentException("--origin must be an origin such as http://localhost:8080, not " + origin);
        }
        int highest = Arrays.stream(levels).max().orElse(1);
        int userCount = scenario == Scenario.SIGNUP ? (users == null ? 0 : users) : Math.max(users == null ? 200 : users, highest);
        if (users != null && userCount > users) {
            System.err.printf("note: --users raised from %d to %d (at least one user per virtual user)%n", users, userCount);
        }
        return new Options(url, origin, userCount, duration, warmup, levels, scenario, timeout, serverPid, clientProvider);
    }

    private static int positive(String name, String value, int max) {
        int parsed = nonNegative(name, value, max);
        if (parsed == 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return parsed;
    }

    private static int nonNegative(String name, String value, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0 || parsed > max) {
                throw new IllegalArgumentException(name + " must be between 0 and " + max + ", not " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not " + value);
        }
    }

    /** Load goes to this machine only. */
    private static void requireLoopback(String host) {
        try {
            String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            for (InetAddress address : InetAddress.getAllByName(bare)) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException("--url must be a loopback address (127.0.0.1, localhost, [::1]), not " + host);
                }
            }
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("--url host " + host + " does not resolve");
        }
    }

    /** Whatever happens, the process ends: set-up, every level, the drains, and a margin. */
    private static void installHardDeadline(Options options) {
        long perLevel = options.warmupSeconds() + options.durationSeconds() + 2L * options.timeoutSeconds() + 5;
        long setup = 120 + options.users() / 10;
        long seconds = setup + perLevel * options.levels().length + 30;
        Thread deadline = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                System.err.printf("loaddriver: hard deadline of %d s reached, stopping%n", seconds);
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "deadline");
        deadline.setDaemon(true);
        deadline.start();
    }

    int run() throws Exception {
        String provider = clientProvider();
        System.out.printf("scenario %s, %s, origin %s, %d users, warm-up %d s + %d s measured per level, client ES256 via %s%n",
                options.scenario().name, options.url(), options.origin(), options.users(), options.warmupSeconds(),
                options.durationSeconds(), provider);

        long setupStart = System.nanoTime();
        if (options.users() > 0) {
            setUpUsers();
            System.out.printf("signed up %d users in %.1f s%n", options.users(), (System.nanoTime() - setupStart) / 1e9);
        }
        try {
            ceremony().get(options.timeoutSeconds() * 2L + 1, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.out.println("preflight ceremony failed, stopping: " + rootMessage(e));
            return 1;
        }

        System.out.printf("%5s %9s %7s %8s %8s %8s %8s %8s %11s %11s%n", "conc", "ok/s", "errors",
                "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "cli µs/cer", "srv µs/cer");
        List<Level> results = new ArrayList<>();
        for (int concurrency : options.levels()) {
            Level level = runLevel(concurrency);
            results.add(level);
            System.out.println(line(level));
            level.errorKinds().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                    .forEach(kind -> System.out.printf("      %d × %s%n", kind.getValue(), kind.getKey()));
        }
        Level peak = results.stream().max(Comparator.comparingDouble(Level::throughput)).orElseThrow();
        Histogram h = peak.latency();
        System.out.printf("peak: %.0f ceremonies/s at concurrency %d (p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, %d errors)%s%n",
                peak.throughput(), peak.concurrency(), ms(h, 50), ms(h, 99), ms(h, 99.9), peak.errors(),
                results.size() > 1 && peak == results.get(results.size() - 1) ? "; the highest level: the peak may lie beyond it" : "");
        long errors = results.stream().mapToLong(Level::errors).sum();
        return errors > 0 && results.stream().allMatch(level -> level.ok() == 0) ? 1 : 0;
    }

    private String clientProvider() {
        String wanted = options.clientProvider();
        if (wanted == null) {
            try {
                Providers.use(Providers.ACCP);
                return Providers.ACCP;
            } catch (RuntimeException | LinkageError e) {
                Providers.use(Providers.JDK);
                return Providers.JDK + " (ACCP does not load here)";
            }
        }
        Providers.use(wanted);
        return wanted;
    }

    // ---- set-up ----

    private void setUpUsers() throws InterruptedException {
        int parallel = 8;
        AtomicLong next = new AtomicLong();
        ConcurrentHashMap<String, LongAdder> failures = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(parallel);
        for (int i = 0; i < parallel; i++) {
            signUpNext(next, failures, done, 0);
        }
        if (!done.await(120 + options.users() / 10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("set-up did not finish in time; signed up " + freeUsers.size());
        }
        if (freeUsers.size() < options.users()) {
            throw new IllegalStateException("set-up signed up " + freeUsers.size() + " of " + options.users()
                    + " users; failures: " + failures);
        }
    }

    private void signUpNext(AtomicLong next, Map<String, LongAdder> failures, CountDownLatch done, int attempt) {
        if (attempt == 0 && next.getAndIncrement() >= options.users()) {
            done.countDown();
            return;
        }
        signUp().whenCompleteAsync((user, failure) -> {
            if (failure == null) {
                freeUsers.add(user);
                signUpNext(next, failures, done, 0);
            } else {
                failures.computeIfAbsent(kind(failure), k -> new LongAdder()).increment();
                if (attempt < 3) {
                    signUpNext(next, failures, done, attempt + 1);
                } else {
                    System.err.println("set-up sign-up failed: " + rootMessage(failure));
                    done.countDown();
                }
            }
        }, executor);
    }

    // ---- ceremonies ----

    private CompletableFuture<?> ceremony() {
        return switch (options.scenario()) {
            case LOGIN -> withUser(user -> login(user, false));
            case LOGIN_USERNAMELESS -> withUser(user -> login(user, true));
            case SIGNUP -> signUp();
        };
    }

    private CompletableFuture<?> withUser(java.util.function.Function<User, CompletableFuture<?>> ceremony) {
        User user = freeUsers.poll();
        if (user == null) {
            return CompletableFuture.failedFuture(new CeremonyFailure("no free user", null));
        }
        CompletableFuture<?> running;
        try {
            running = ceremony.apply(user);
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        return running.whenComplete((result, failure) -> freeUsers.add(user));
    }

    /** login-options (with the username, or {} for usernameless), the authenticator signs, login-verify. */
    private CompletableFuture<JsonNode> login(User user, boolean usernameless) {
        ObjectNode start = JSON.createObjectNode();
        if (!usernameless) {
            start.put("username", user.username());
        }
        return post("login-options", start, 200).thenCompose(requestOptions -> {
            String challenge = requestOptions.path("challenge").asText(null);
            if (challenge == null) {
                throw new CeremonyFailure("login-options no challenge", null);
            }
            if (!usernameless && !allows(requestOptions.path("allowCredentials"), user.passkey().id())) {
                throw new CeremonyFailure("login-options credential not in allowCredentials", null);
            }
            ObjectNode verify = JSON.createObjectNode();
            verify.set("credential", user.passkey().authenticate(challenge, options.origin()));
            return post("login-verify", verify, 200);
        }).thenApply(LoadDriver::requireToken);
    }

    /** register-options for a fresh username, a new credential with "none" attestation, register-verify. */
    private CompletableFuture<User> signUp() {
        String username = runId + "-" + signUps.incrementAndGet();
        ObjectNode start = JSON.createObjectNode().put("username", username).put("displayName", "Bench " + username);
        return post("register-options", start, 200).thenCompose(creationOptions -> {
            String challenge = creationOptions.path("challenge").asText(null);
            String userHandle = creationOptions.path("user").path("id").asText(null);
            if (challenge == null || userHandle == null) {
                throw new CeremonyFailure("register-options no challenge or user.id", null);
            }
            String rpId = creationOptions.path("rp").path("id").asText(rpIdFallback);
            Passkey passkey = new Passkey(rpId, userHandle);
            ObjectNode verify = JSON.createObjectNode().put("name", "loaddriver");
            verify.set("credential", passkey.register(challenge, options.origin()));
            return post("register-verify", verify, 201)
                    .thenApply(LoadDriver::requireToken)
                    .thenApply(signedIn -> new User(username, passkey));
        });
    }

    private static boolean allows(JsonNode allowCredentials, String credentialId) {
        for (JsonNode descriptor : allowCredentials) {
            if (credentialId.equals(descriptor.path("id").asText().replace("=", ""))) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode requireToken(JsonNode signedIn) {
        if (!signedIn.path("access_token").isTextual()) {
            throw new CeremonyFailure("no access_token in the answer", null);
        }
        return signedIn;
    }

    private CompletableFuture<JsonNode> post(String step, JsonNode body, int expected) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.url() + API + "/" + step))
                .timeout(Duration.ofSeconds(options.timeoutSeconds()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Origin", options.origin())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        throw new CeremonyFailure(step + " network " + cause.getClass().getSimpleName(), cause.getMessage());
                    }
                    JsonNode json = null;
                    try {
                        json = JSON.readTree(response.body());
                    } catch (IOException e) {
                        // reported below
                    }
                    if (response.statusCode() != expected || json == null) {
                        String code = json == null ? "not JSON" : json.path("code").asText("");
                        throw new CeremonyFailure(step + " " + response.statusCode() + " " + code,
                                json == null ? null : json.path("detail").asText(null));
                    }
                    return json;
                });
    }

    // ---- the closed loop ----

    private Level runLevel(int concurrency) throws InterruptedException {
        long start = System.nanoTime();
        long measureStart = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long measureEnd = measureStart + TimeUnit.SECONDS.toNanos(options.durationSeconds());
        ConcurrentHistogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        LongAdder ok = new LongAdder();
        LongAdder errors = new LongAdder();
        ConcurrentHashMap<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        long[] cpuAtMeasureStart = new long[2];
        var sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cpu-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.schedule(() -> {
            cpuAtMeasureStart[0] = OS.getProcessCpuTime();
            cpuAtMeasureStart[1] = serverCpuNanos();
        }, measureStart - System.nanoTime(), TimeUnit.NANOSECONDS);

        for (int i = 0; i < concurrency; i++) {
            loop(measureStart, measureEnd, latency, ok, errors, errorKinds, done);
        }
        long drain = TimeUnit.SECONDS.toNanos(2L * options.timeoutSeconds() + 5);
        boolean drained = done.await(measureEnd + drain - System.nanoTime(), TimeUnit.NANOSECONDS);
        // CPU over the measured window and the drain of the ceremonies it started
        long clientCpu = OS.getProcessCpuTime() - cpuAtMeasureStart[0];
        long serverCpu = options.serverPid() > 0 ? serverCpuNanos() - cpuAtMeasureStart[1] : -1;
        sampler.shutdownNow();
        if (!drained) {
            errorKinds.computeIfAbsent("ceremony incomplete after the drain", k -> new LongAdder()).add(done.getCount());
            errors.add(done.getCount());
        }
        long count = Math.max(1, ok.sum());
        Map<String, Long> kinds = new java.util.TreeMap<>();
        errorKinds.forEach((kind, n) -> kinds.put(kind, n.sum()));
        return new Level(concurrency, options.durationSeconds(), ok.sum(), errors.sum(), latency.copy(), kinds,
                clientCpu / 1000.0 / count, serverCpu < 0 ? Double.NaN : serverCpu / 1000.0 / count);
    }

    /** One virtual user: ceremony after ceremony until the measured window has passed. */
    private void loop(long measureStart, long measureEnd, Histogram latency, LongAdder ok, LongAdder errors,
            Map<String, LongAdder> errorKinds, CountDownLatch done) {
        long began = System.nanoTime();
        if (began >= measureEnd) {
            done.countDown();
            return;
        }
        CompletableFuture<?> ceremony;
        try {
            ceremony = ceremony();
        } catch (RuntimeException e) {
            ceremony = CompletableFuture.failedFuture(e);
        }
        ceremony.whenCompleteAsync((result, failure) -> {
            long ended = System.nanoTime();
            if (began >= measureStart) {
                if (failure == null) {
                    ok.increment();
                    latency.recordValue(Math.min(HIGHEST_MICROS, (ended - began) / 1000));
                } else {
                    errors.increment();
                    errorKinds.computeIfAbsent(kind(failure), k -> new LongAdder()).increment();
                }
            }
            loop(measureStart, measureEnd, latency, ok, errors, errorKinds, done);
        }, executor);
    }

    /** The service's CPU time (user + system) from /proc, in ns; 0 without --server-pid. */
    private long serverCpuNanos() {
        if (options.serverPid() <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(options.serverPid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    // ---- output ----

    private static String line(Level level) {
        Histogram h = level.latency();
        return String.format(Locale.ROOT, "%5d %9.0f %7d %8.2f %8.2f %8.2f %8.2f %8.2f %11.0f %11s",
                level.concurrency(), level.throughput(), level.errors(), ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9),
                h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0, level.clientCpuMicrosPerCeremony(),
                Double.isNaN(level.serverCpuMicrosPerCeremony()) ? "-"
                        : String.format(Locale.ROOT, "%.0f", level.serverCpuMicrosPerCeremony()));
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String kind(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof CeremonyFailure ceremony ? ceremony.kind : cause.getClass().getSimpleName();
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
