package org.cscstats.infra;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.cscstats.contract.Topics;

/**
 * A real single-node KRaft Kafka broker, run as its own JVM from the {@code deploy/kafka-node} module's jars, on
 * loopback. Used by the services' integration tests and by the local run: a test may stop, kill and restart it.
 */
public final class LocalKafka implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Path logFile;
    private Process process;

    private LocalKafka(Path dataDir, int port, int controllerPort, Path logFile) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.logFile = logFile;
    }

    /** Starts a broker keeping its data in {@code dataDir} (created and formatted on first use). */
    public static LocalKafka start(Path dataDir, int port, Path logFile) {
        LocalKafka kafka = new LocalKafka(dataDir, port, FreePorts.next(), logFile);
        kafka.startProcess();
        return kafka;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** The broker's process id while it runs (for memory readings). */
    public OptionalLong pid() {
        return running() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    /** Creates topics if absent: name → {partitions, compacted?}. */
    public void createTopics(Map<String, TopicSpec> topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> newTopics = new ArrayList<>();
            topics.forEach((name, spec) -> newTopics.add(new NewTopic(name, spec.partitions(), (short) 1)
                    .configs(spec.compacted() ? Map.of("cleanup.policy", "compact") : Map.of())));
            for (NewTopic t : newTopics) {
                try {
                    admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + t.name(), e.getCause());
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics on " + bootstrapServers(), e);
        }
    }

    /** The end offset of every partition of a topic (what has been written so far). */
    public Map<Integer, Long> endOffsets(String topic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()),
                    OffsetSpec.latest()));
            Map<Integer, Long> out = new HashMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp.partition(), info.offset()));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the end offsets of " + topic, e);
        }
    }

    public record TopicSpec(int partitions, boolean compacted) {
    }

    /** The system's topics: events keyed by child, a dead-letter topic, and the compacted cube topic. */
    public static Map<String, TopicSpec> systemTopics() {
        return Map.of(
                Topics.CASE_EVENTS, new TopicSpec(8, false),
                Topics.CASE_EVENTS_DEAD_LETTER, new TopicSpec(1, false),
                Topics.CUBES, new TopicSpec(4, true));
    }

    /** Graceful stop (SIGTERM), as an operator would; data stays. */
    public void stop() {
        if (process != null) {
            process.destroy();
            ServerProcesses.awaitExit(process, 30);
            process = null;
        }
    }

    /** Starts the broker again on the same port and data. */
    public void restart() {
        stop();
        startProcess();
    }

    @Override
    public void close() {
        stop();
    }

    private void startProcess() {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logFile.getParent());
            Path home = kafkaNodeHome();
            String classpath = home.resolve("target/classes") + File.pathSeparator + home.resolve("target/lib") + File.separator + "*";
            List<String> cmd = List.of(ServerProcesses.javaBinary(), "-Xms256m", "-Xmx1g", "-XX:+UseG1GC",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info",
                    "-cp", classpath, "org.cscstats.kafkanode.KafkaNode",
                    dataDir.toString(), Integer.toString(port), Integer.toString(controllerPort));
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            try {
                awaitReady(Duration.ofSeconds(90));
            } catch (RuntimeException | Error e) {
                // a broker that never became ready must not outlive the failed start (it would hold the data directory)
                process.destroyForcibly();
                ServerProcesses.awaitExit(process, 20);
                throw e;
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not start Kafka: " + e.getMessage(), e);
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see " + logFile);
            }
            try (Admin admin = Admin.create(props)) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                ServerProcesses.pause(200);
            }
        }
        throw new IllegalStateException("Kafka not ready within " + timeout + "; see " + logFile);
    }

    /** The kafka-node module: $CSCSTATS_KAFKA_NODE_HOME, or found walking up from the working directory. */
    static Path kafkaNodeHome() {
        String configured = System.getenv("CSCSTATS_KAFKA_NODE_HOME");
        if (configured != null) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("deploy/kafka-node");
            if (Files.isDirectory(candidate.resolve("target/lib"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("deploy/kafka-node/target/lib not found above " + Path.of("").toAbsolutePath()
                + ": build it first (./mvnw -pl deploy/kafka-node package) or set CSCSTATS_KAFKA_NODE_HOME");
    }
}
