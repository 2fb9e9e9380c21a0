package org.cscstats.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.Topics;
import org.cscstats.infra.FreePorts;
import org.cscstats.infra.LocalKafka;
import org.cscstats.infra.LocalPostgres;
import org.cscstats.infra.ServerProcesses;

/**
 * The whole system on one machine: a real Kafka broker and PostgreSQL (deploy/infra) and the three services as
 * their own JVMs, all on loopback. Used by the local run and by the end-to-end tests.
 */
public final class LocalSystem implements AutoCloseable {
    /** The local run's keys (docs/api.md › Keys): every LA may send with the ingest key and operate with the operator key. */
    public static final String INGEST_KEY = "local-dev-key";
    public static final String OPERATOR_KEY = "local-ops-key";
    /** Only for the local run and tests: real deployments configure their own secret. */
    static final String LOCAL_PSEUDONYM_KEY = "local-run-pseudonym-key-not-for-any-real-data";

    /** Ports wanted; 0 = any free port (tests), else the port or, if it is taken, a free one. */
    public record Ports(int suppression, int ingest, int stats, int kafka, int postgres) {
        public static final Ports DEFAULT = new Ports(8080, 8090, 8091, 9092, 5432);
        public static final Ports ANY = new Ports(0, 0, 0, 0, 0);

        static int pick(int wanted) {
            return wanted == 0 ? FreePorts.next() : FreePorts.preferring(wanted);
        }
    }

    private final LocalKafka kafka;
    private final LocalPostgres postgres;
    private final ServiceProcess ingest;
    private final ServiceProcess stats;
    private final ServiceProcess suppression;

    private LocalSystem(LocalKafka kafka, LocalPostgres postgres, ServiceProcess ingest, ServiceProcess stats,
                        ServiceProcess suppression) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.ingest = ingest;
        this.stats = stats;
        this.suppression = suppression;
    }

    /**
     * Starts everything with data under {@code dataDir} (kept between runs) and waits until each service is ready.
     *
     * @param projectRoot the checkout, where each service's built {@code target/quarkus-app} is found
     * @param extraEnv    more configuration for every service (e.g. a policy)
     */
    public static LocalSystem start(Path projectRoot, Path dataDir, Ports ports, Map<String, String> extraEnv) {
        Path logs = dataDir.resolve("logs");
        LocalKafka kafka = LocalKafka.start(dataDir.resolve("kafka"), Ports.pick(ports.kafka()), logs.resolve("kafka.log"));
        LocalPostgres postgres = null;
        try {
            kafka.createTopics(LocalKafka.systemTopics());
            postgres = LocalPostgres.start(dataDir.resolve("postgres"), Ports.pick(ports.postgres()), logs.resolve("postgres.log"));
            postgres.createDatabase("stats");
            postgres.createDatabase("suppression");
        } catch (RuntimeException | Error e) {
            // Error too: a class missing from the classpath must not leave the broker running
            kafka.close();
            if (postgres != null) {
                postgres.close();
            }
            throw e;
        }
        Map<String, String> common = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "DB_USER", LocalPostgres.USER,
                "DB_PASSWORD", LocalPostgres.PASSWORD));
        common.putAll(extraEnv);
        ServiceProcess ingest = new ServiceProcess("ingest-service", app(projectRoot, "ingest-service"),
                Ports.pick(ports.ingest()), "INGEST_HTTP_PORT", with(common, Map.of(
                "INGEST_PSEUDONYM_KEY", LOCAL_PSEUDONYM_KEY,
                "INGEST_KEYS", sha256(INGEST_KEY) + ":*")), logs.resolve("ingest-service.log"));
        ServiceProcess stats = new ServiceProcess("stats-service", app(projectRoot, "stats-service"),
                Ports.pick(ports.stats()), "STATS_HTTP_PORT", with(common, Map.of(
                "DB_REACTIVE_URL", postgres.reactiveUrl("stats"),
                "DB_JDBC_URL", postgres.jdbcUrl("stats"))), logs.resolve("stats-service.log"));
        ServiceProcess suppression = new ServiceProcess("suppression-service", app(projectRoot, "suppression-service"),
                Ports.pick(ports.suppression()), "SUPPRESSION_HTTP_PORT", with(common, Map.of(
                "DB_REACTIVE_URL", postgres.reactiveUrl("suppression"),
                "DB_JDBC_URL", postgres.jdbcUrl("suppression"),
                "OPERATOR_KEYS", sha256(OPERATOR_KEY) + ":*")), logs.resolve("suppression-service.log"));
        LocalSystem system = new LocalSystem(kafka, postgres, ingest, stats, suppression);
        try {
            for (ServiceProcess s : system.services()) {
                s.start();
            }
            for (ServiceProcess s : system.services()) {
                s.awaitReady(Duration.ofSeconds(90));
            }
            return system;
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    /**
     * A second stats-service that rebuilds every cube from the start of {@code case-events} into its own database,
     * consumer group and cube topic: what an operator does to check or replace the live aggregates.
     */
    public ServiceProcess startStatsRebuild(Path projectRoot, Path logs, String name) {
        postgres.createDatabase(name);
        kafka.createTopics(Map.of(name + "-cubes", new LocalKafka.TopicSpec(4, true)));
        ServiceProcess rebuild = new ServiceProcess(name, app(projectRoot, "stats-service"), FreePorts.next(),
                "STATS_HTTP_PORT", Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "DB_USER", LocalPostgres.USER,
                "DB_PASSWORD", LocalPostgres.PASSWORD,
                "DB_REACTIVE_URL", postgres.reactiveUrl(name),
                "DB_JDBC_URL", postgres.jdbcUrl(name),
                "STATS_GROUP_ID", name,
                "CUBES_TOPIC", name + "-cubes"), logs.resolve(name + ".log"));
        rebuild.start();
        rebuild.awaitReady(Duration.ofSeconds(90));
        return rebuild;
    }

    /**
     * Waits until the stats service has counted everything on {@code case-events} (its offsets in PostgreSQL reach
     * the topic's end), published every changed cube, and the suppression service has stored them.
     */
    public void awaitCounted(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        long lastSum = -1;
        while (Instant.now().isBefore(deadline)) {
            try (var stats = connect("stats"); var suppression = connect("suppression")) {
                boolean caughtUp = eventsBehind(stats) == 0;
                long unpublished = single(stats, "SELECT count(*) FROM cube_version WHERE version > published");
                long sum = single(suppression, "SELECT coalesce(sum(version), 0) FROM cube");
                if (caughtUp && unpublished == 0 && sum == lastSum) {
                    return;
                }
                lastSum = caughtUp && unpublished == 0 ? sum : -1;
            } catch (SQLException e) {
                lastSum = -1;
            }
            ServerProcesses.pause(1000);
        }
        throw new IllegalStateException("the events were not all counted within " + timeout.toSeconds() + " s");
    }

    /** Events on {@code case-events} that the stats service has not yet committed to PostgreSQL. */
    public long eventsBehind() throws SQLException {
        try (var stats = connect("stats")) {
            return eventsBehind(stats);
        }
    }

    /** Events up to the given end offsets that the stats service has not yet committed (no Kafka call: cheap to poll). */
    public long eventsBehind(Map<Integer, Long> end) throws SQLException {
        try (var stats = connect("stats")) {
            return eventsBehind(stats, end);
        }
    }

    private long eventsBehind(Connection stats) throws SQLException {
        return eventsBehind(stats, kafka.endOffsets(Topics.CASE_EVENTS));
    }

    private static long eventsBehind(Connection stats, Map<Integer, Long> end) throws SQLException {
        Map<Integer, Long> counted = new HashMap<>();
        try (var rs = stats.createStatement().executeQuery("SELECT partition, next_offset FROM consumer_offset")) {
            while (rs.next()) {
                counted.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return end.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - counted.getOrDefault(e.getKey(), 0L))).sum();
    }

    /** Cube versions the stats service has not yet published to the cube topic. */
    public long cubesUnpublished() throws SQLException {
        try (var stats = connect("stats")) {
            return single(stats, "SELECT count(*) FROM cube_version WHERE version > published");
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public List<ServiceProcess> services() {
        return List.of(ingest, stats, suppression);
    }

    public ServiceProcess ingest() {
        return ingest;
    }

    public ServiceProcess stats() {
        return stats;
    }

    public ServiceProcess suppression() {
        return suppression;
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    @Override
    public void close() {
        for (ServiceProcess s : List.of(ingest, suppression, stats)) {
            s.close();
        }
        kafka.close();
        postgres.close();
    }

    /** The checkout root: the nearest directory above the working directory holding {@code deploy/infra}. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/infra"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run from inside the checkout");
        }
        return dir;
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path app(Path root, String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new HashMap<>(a);
        out.putAll(b);
        return out;
    }
}
