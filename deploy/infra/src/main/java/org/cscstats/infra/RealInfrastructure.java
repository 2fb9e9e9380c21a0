package org.cscstats.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource shared by the three services: a real Kafka broker and a real PostgreSQL server, started
 * once per test JVM on free loopback ports, with the topics and one database per service.
 * Tests reach the servers through {@link #kafka()} and {@link #postgres()} to stop, kill or restart them.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {
    private static LocalKafka kafka;
    private static LocalPostgres postgres;

    public static synchronized LocalKafka kafka() {
        if (kafka == null) {
            Path base = baseDir();
            kafka = LocalKafka.start(base.resolve("kafka"), FreePorts.next(), base.resolve("kafka.log"));
            kafka.createTopics(LocalKafka.systemTopics());
        }
        return kafka;
    }

    public static synchronized LocalPostgres postgres() {
        if (postgres == null) {
            postgres = LocalPostgres.start(baseDir().resolve("postgres"), FreePorts.next());
            postgres.createDatabase("stats");
            postgres.createDatabase("suppression");
        }
        return postgres;
    }

    /** The configuration a service needs to use these servers (database = the service's own). */
    public static Map<String, String> config(String database) {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka().bootstrapServers());
        if (database != null) {
            LocalPostgres pg = postgres();
            config.put("quarkus.datasource.username", LocalPostgres.USER);
            config.put("quarkus.datasource.password", LocalPostgres.PASSWORD);
            config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
            config.put("quarkus.datasource.reactive.url", pg.reactiveUrl(database));
        }
        return config;
    }

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        return config(database);
    }

    @Override
    public void stop() {
        // Servers live for the whole test JVM (several test classes share them); a shutdown hook stops them.
    }

    private static Path baseDir;

    private static synchronized Path baseDir() {
        if (baseDir == null) {
            try {
                baseDir = Files.createTempDirectory("cscstats-test-");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(RealInfrastructure::shutdown, "test-infra-shutdown"));
        }
        return baseDir;
    }

    private static synchronized void shutdown() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        deleteRecursively(baseDir);
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a temporary directory
        }
    }
}
