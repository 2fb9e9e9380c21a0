package org.cscstats.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests agree with the code: topic names with contract's Topics.java (and their kind with
 * LocalKafka.systemTopics()), and each Deployment's environment, ports, Kafka rights and database with its
 * service's application.properties, all read from the repository.
 */
class ServiceConfigTest {
    static final List<String> SERVICES = List.of("ingest-service", "stats-service", "suppression-service");
    /** JVM and container variables that are no application setting. */
    static final Set<String> NOT_APPLICATION_SETTINGS = Set.of("JAVA_TOOL_OPTIONS");

    static Map<String, String> contractTopics;
    static Map<String, Boolean> localTopicsCompacted;
    static Set<String> kafkaClientSettings;
    static Map<String, String> quarkusRuntimeSettings;

    static List<String> overlays() {
        return Rendered.overlays();
    }

    @BeforeAll
    static void readTheCode() throws IOException {
        contractTopics = new TreeMap<>();
        Matcher m = Pattern.compile("public static final String (\\w+) = \"([^\"]+)\";")
                .matcher(Repo.read(Repo.root().resolve("contract/src/main/java/org/cscstats/contract/Topics.java")));
        while (m.find()) {
            contractTopics.put(m.group(1), m.group(2));
        }
        assertFalse(contractTopics.isEmpty(), "no topic constants found in Topics.java");
        localTopicsCompacted = new TreeMap<>();
        m = Pattern.compile("Topics\\.(\\w+),\\s*new TopicSpec\\(\\d+,\\s*(true|false)\\)")
                .matcher(Repo.read(Repo.root().resolve("deploy/infra/src/main/java/org/cscstats/infra/LocalKafka.java")));
        while (m.find()) {
            localTopicsCompacted.put(contractTopics.get(m.group(1)), Boolean.parseBoolean(m.group(2)));
        }
        assertEquals(Set.copyOf(contractTopics.values()), localTopicsCompacted.keySet(),
                "LocalKafka.systemTopics() and Topics.java should name the same topics");
        kafkaClientSettings = new TreeSet<>();
        kafkaClientSettings.addAll(ProducerConfig.configNames());
        kafkaClientSettings.addAll(ConsumerConfig.configNames());
        kafkaClientSettings.addAll(AdminClientConfig.configNames());
        quarkusRuntimeSettings = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        Enumeration<URL> models = ServiceConfigTest.class.getClassLoader()
                .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json");
        while (models.hasMoreElements()) {
            try (InputStream in = models.nextElement().openStream()) {
                ManifestFilesTest.walk(json.readTree(in), "", (path, node) -> {
                    JsonNode p = node.path("path");
                    if (p.has("environmentVariable") && node.path("phase").asText().equals("RUN_TIME")) {
                        quarkusRuntimeSettings.put(p.get("environmentVariable").asText(), p.path("property").asText());
                    }
                });
            }
        }
        assertTrue(quarkusRuntimeSettings.containsKey("QUARKUS_HTTP_PORT"), "Quarkus configuration model not found");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void topicsAreTheContractsWithRetentionAndCompactionAsEachNeeds(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Map<String, JsonNode> topics = topics(r);
        assertEquals(new TreeSet<>(contractTopics.values()), topics.keySet(), "KafkaTopics vs Topics.java");
        topics.forEach((name, spec) -> {
            String policy = spec.path("config").path("cleanup.policy").asText("delete");
            assertEquals(localTopicsCompacted.get(name), policy.contains("compact"),
                    name + ": compaction should be as in LocalKafka.systemTopics()");
        });
        // case-events is the source of truth for rebuilds: nothing may expire
        JsonNode events = topics.get(contractTopics.get("CASE_EVENTS")).path("config");
        assertEquals(-1L, events.path("retention.ms").asLong(), "case-events retention.ms");
        assertEquals(-1L, events.path("retention.bytes").asLong(-1), "case-events retention.bytes");
        assertFalse(events.path("cleanup.policy").asText("delete").contains("compact"),
                "case-events must keep every event, not the last per key");
        int brokers = brokers(r);
        ObjectNode kafka = r.ofKind("Kafka").get(0);
        JsonNode kafkaConfig = kafka.path("spec").path("kafka").path("config");
        int defaultMinIsr = kafkaConfig.path("min.insync.replicas").asInt(1);
        topics.forEach((name, spec) -> {
            int replicas = spec.path("replicas").asInt(kafkaConfig.path("default.replication.factor").asInt(1));
            assertTrue(replicas <= brokers, name + ": " + replicas + " replicas on " + brokers + " brokers");
            int minIsr = spec.path("config").path("min.insync.replicas").asInt(defaultMinIsr);
            assertTrue(minIsr <= replicas, name + ": min.insync.replicas " + minIsr + " > replicas " + replicas);
            assertTrue(brokers < 3 || minIsr >= 2, name + ": with " + brokers + " brokers, acks=all should mean 2 copies");
        });
        assertTrue(kafkaConfig.path("default.replication.factor").asInt(1) <= brokers);
        assertTrue(kafkaConfig.path("offsets.topic.replication.factor").asInt(3) <= brokers,
                "the consumer offsets topic cannot be created with more replicas than brokers");
        assertFalse(kafkaConfig.path("auto.create.topics.enable").asBoolean(true), "topics come from KafkaTopics");
    }

    /** stats-service runs one consumer per pod: more pods than partitions of case-events would sit idle. */
    @ParameterizedTest
    @MethodSource("overlays")
    void statsServiceHasAPartitionForEveryPod(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        int partitions = topics(r).get(contractTopics.get("CASE_EVENTS")).path("partitions").asInt();
        for (ObjectNode d : r.deploymentsRunning("stats-service")) {
            assertTrue(r.maxPods(d) <= partitions, Rendered.name(d) + ": " + r.maxPods(d) + " pods, " + partitions
                    + " partitions");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void environmentMatchesApplicationProperties(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        List<String> problems = new ArrayList<>();
        for (String module : SERVICES) {
            AppProperties props = AppProperties.of(module);
            Map<String, Boolean> referenced = props.environmentVariables();
            List<ObjectNode> deployments = r.deploymentsRunning(module);
            assertFalse(deployments.isEmpty(), overlay + ": nothing runs " + module);
            for (ObjectNode d : deployments) {
                for (JsonNode c : Rendered.containers(d)) {
                    String where = overlay + " " + Rendered.name(d) + ": ";
                    Map<String, String> env = r.environment(c);
                    for (String required : props.requiredVariables()) {
                        if (!env.containsKey(required)) {
                            problems.add(where + required + " is required by " + module + " and not set");
                        }
                    }
                    for (String name : env.keySet()) {
                        if (referenced.containsKey(name) || NOT_APPLICATION_SETTINGS.contains(name)) {
                            continue;
                        }
                        if (name.startsWith("KAFKA_")) {
                            // Quarkus hands KAFKA_X_Y to every Kafka client as x.y
                            String setting = name.substring("KAFKA_".length()).toLowerCase().replace('_', '.');
                            if (!kafkaClientSettings.contains(setting)) {
                                problems.add(where + name + " is no Kafka client setting (" + setting + ")");
                            }
                        } else if (name.startsWith("QUARKUS_")) {
                            if (!quarkusRuntimeSettings.containsKey(name)) {
                                problems.add(where + name + " is no run-time Quarkus setting of the extensions"
                                        + " k8s-check knows (build-time settings cannot be changed by the environment)");
                            }
                        } else {
                            problems.add(where + name + " is read by nothing in " + module + "'s application.properties");
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    /**
     * Each service's Kafka identity has exactly the rights its channels need: Read on the topics (and the
     * consumer group) it consumes, Write on the topics it produces to, nothing else. ingest-service therefore may
     * only write case-events.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaUsersHaveExactlyTheRightsTheChannelsNeed(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Set<String> topicNames = topics(r).keySet();
        Map<String, Set<String>> expectedByUser = new TreeMap<>();
        for (String module : SERVICES) {
            AppProperties props = AppProperties.of(module);
            for (ObjectNode d : r.deploymentsRunning(module)) {
                Map<String, String> env = r.environment(Rendered.containers(d).get(0));
                String jaas = env.get("KAFKA_SASL_JAAS_CONFIG");
                assertNotNull(jaas, Rendered.name(d) + ": no Kafka credentials (KAFKA_SASL_JAAS_CONFIG)");
                String user = jaas.substring("secret:".length(), jaas.indexOf('/'));
                Set<String> expected = new TreeSet<>();
                props.channels("incoming", env).forEach((channel, topic) -> {
                    expected.add("topic " + topic + " Read");
                    String group = props.groupId(channel, env);
                    assertNotNull(group, module + ": channel " + channel + " has no group.id");
                    expected.add("group " + group + " Read");
                });
                props.channels("outgoing", env).values().forEach(topic -> expected.add("topic " + topic + " Write"));
                String ingestTopic = props.resolve("ingest.topic", env);
                if (ingestTopic != null) {
                    expected.add("topic " + ingestTopic + " Write");
                }
                for (String e : expected) {
                    if (e.startsWith("topic ")) {
                        assertTrue(topicNames.contains(e.split(" ")[1]), module + " uses topic " + e.split(" ")[1]
                                + ", which no KafkaTopic creates");
                    }
                }
                Set<String> previous = expectedByUser.put(user, expected);
                assertTrue(previous == null || previous.equals(expected), "pods sharing Kafka user " + user
                        + " need different rights: " + previous + " vs " + expected);
            }
        }
        assertEquals(expectedByUser.keySet(), new TreeSet<>(r.ofKind("KafkaUser").stream().map(Rendered::name).toList()),
                "one KafkaUser per identity the services use");
        for (ObjectNode u : r.ofKind("KafkaUser")) {
            Set<String> granted = new TreeSet<>();
            JsonNode authz = u.path("spec").path("authorization");
            assertEquals("simple", authz.path("type").asText());
            for (JsonNode acl : authz.path("acls")) {
                JsonNode res = acl.path("resource");
                assertEquals("literal", res.path("patternType").asText("literal"),
                        Rendered.name(u) + ": no prefixed or wildcard rights");
                assertFalse(res.path("name").asText().contains("*"), Rendered.name(u) + ": no wildcard names");
                assertTrue(Set.of("topic", "group").contains(res.path("type").asText()),
                        Rendered.name(u) + ": no cluster or transactional rights: " + res);
                List<String> ops = new ArrayList<>();
                acl.path("operations").forEach(o -> ops.add(o.asText()));
                if (acl.has("operation")) {
                    ops.add(acl.get("operation").asText());
                }
                for (String op : ops) {
                    assertTrue(Set.of("Read", "Write", "Describe").contains(op), Rendered.name(u) + ": " + op);
                    if (!op.equals("Describe")) {
                        granted.add(res.path("type").asText() + " " + res.path("name").asText() + " " + op);
                    }
                }
            }
            assertEquals(expectedByUser.get(Rendered.name(u)), granted, "rights of KafkaUser " + Rendered.name(u));
        }
    }

    /** Every service reaches Kafka on the TLS + SCRAM listener, trusting the cluster CA. */
    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaConnectionsMatchTheListener(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        ObjectNode kafka = r.ofKind("Kafka").get(0);
        JsonNode listener = kafka.path("spec").path("kafka").path("listeners").get(0);
        assertEquals(1, kafka.path("spec").path("kafka").path("listeners").size(), "one listener, for the services");
        assertTrue(listener.path("tls").asBoolean(), "the listener encrypts");
        assertEquals("scram-sha-512", listener.path("authentication").path("type").asText());
        String bootstrap = Rendered.name(kafka) + "-kafka-bootstrap:" + listener.path("port").asInt();
        for (String module : SERVICES) {
            AppProperties props = AppProperties.of(module);
            for (ObjectNode d : r.deploymentsRunning(module)) {
                JsonNode c = Rendered.containers(d).get(0);
                Map<String, String> env = r.environment(c);
                assertEquals(bootstrap, props.resolve("kafka.bootstrap.servers", env), Rendered.name(d));
                assertEquals("SASL_SSL", env.get("KAFKA_SECURITY_PROTOCOL"), Rendered.name(d));
                assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"), Rendered.name(d));
                assertEquals("PEM", env.get("KAFKA_SSL_TRUSTSTORE_TYPE"), Rendered.name(d));
                assertMountedFrom(d, c, env.get("KAFKA_SSL_TRUSTSTORE_LOCATION"),
                        Rendered.name(kafka) + "-cluster-ca-cert", "ca.crt");
            }
        }
    }

    /** stats and suppression each use their own CloudNativePG cluster, its database, its generated credentials. */
    @ParameterizedTest
    @MethodSource("overlays")
    void databasesMatchTheirClusters(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Set<String> used = new TreeSet<>();
        for (String module : SERVICES) {
            AppProperties props = AppProperties.of(module);
            for (ObjectNode d : r.deploymentsRunning(module)) {
                JsonNode c = Rendered.containers(d).get(0);
                Map<String, String> env = r.environment(c);
                if (props.raw.get("quarkus.datasource.db-kind") == null) {
                    assertFalse(env.containsKey("DB_REACTIVE_URL"), module + " has no database");
                    continue;
                }
                URI reactive = URI.create(props.resolve("quarkus.datasource.reactive.url", env));
                URI jdbc = URI.create(props.resolve("quarkus.datasource.jdbc.url", env).substring("jdbc:".length()));
                String host = reactive.getHost();
                assertTrue(host.endsWith("-rw"), Rendered.name(d) + ": use the primary's service <cluster>-rw");
                String cluster = host.substring(0, host.length() - 3);
                ObjectNode db = r.get("Cluster", cluster);
                used.add(cluster);
                String database = db.path("spec").path("bootstrap").path("initdb").path("database").asText();
                assertEquals("/" + database, reactive.getPath(), Rendered.name(d) + " reactive database");
                assertEquals(host, jdbc.getHost(), Rendered.name(d) + " JDBC host");
                assertEquals("/" + database, jdbc.getPath(), Rendered.name(d) + " JDBC database");
                assertEquals("secret:" + cluster + "-app/username", env.get("DB_USER"));
                assertEquals("secret:" + cluster + "-app/password", env.get("DB_PASSWORD"));
                assertTrue(jdbc.getQuery().contains("sslmode=verify-full"), Rendered.name(d) + ": JDBC verifies TLS");
                assertEquals("verify-full", env.get("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE"));
                assertEquals("HTTPS", env.get("QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM"));
                String ca = env.get("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS");
                assertMountedFrom(d, c, ca, cluster + "-ca", "ca.crt");
                assertTrue(jdbc.getQuery().contains("sslrootcert=" + ca), Rendered.name(d) + ": JDBC trusts the same CA");
            }
        }
        assertEquals(Set.of("stats-db", "suppression-db"), used, "each service its own cluster");
        assertEquals(used, new TreeSet<>(r.ofKind("Cluster").stream().map(Rendered::name).toList()));
    }

    /** All the pods of a database's services, at their most, fit in its max_connections. */
    @ParameterizedTest
    @MethodSource("overlays")
    void connectionPoolsFitTheDatabases(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Map<String, Integer> demand = new HashMap<>();
        for (String module : SERVICES) {
            AppProperties props = AppProperties.of(module);
            for (ObjectNode d : r.deploymentsRunning(module)) {
                Map<String, String> env = r.environment(Rendered.containers(d).get(0));
                String url = props.resolve("quarkus.datasource.reactive.url", env);
                if (url == null || props.raw.get("quarkus.datasource.db-kind") == null) {
                    continue;
                }
                String host = URI.create(url).getHost();
                int perPod = Integer.parseInt(props.resolve("quarkus.datasource.reactive.max-size", env))
                        + Integer.parseInt(props.resolve("quarkus.datasource.jdbc.max-size", env));
                // a rolling update runs one extra pod
                demand.merge(host.substring(0, host.length() - 3), perPod * (r.maxPods(d) + 1), Integer::sum);
            }
        }
        demand.forEach((cluster, connections) -> {
            int max = r.get("Cluster", cluster).path("spec").path("postgresql").path("parameters")
                    .path("max_connections").asInt(100);
            assertTrue(connections <= max - 10, cluster + ": up to " + connections + " connections, max_connections "
                    + max + " (less 10 for the operator and superuser)");
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void prometheusScrapesEveryServiceOnQuarkusMetrics(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        List<ObjectNode> monitors = r.ofKind("ServiceMonitor");
        assertEquals(1, monitors.size());
        JsonNode spec = monitors.get(0).path("spec");
        JsonNode endpoint = spec.path("endpoints").get(0);
        assertEquals("/q/metrics", endpoint.path("path").asText());
        assertEquals("management", endpoint.path("port").asText(), "metrics are served on the management port only");
        for (ObjectNode d : r.deployments()) {
            ObjectNode service = r.get("Service", Rendered.name(d));
            assertTrue(NetworkPolicies.Selectors.matches(spec.path("selector"),
                    Rendered.labels(service.path("metadata").path("labels"))), "ServiceMonitor misses " + Rendered.name(d));
            boolean port = false;
            for (JsonNode p : service.path("spec").path("ports")) {
                port |= p.path("name").asText().equals(endpoint.path("port").asText());
            }
            assertTrue(port, Rendered.name(d) + "'s Service has no port " + endpoint.path("port"));
        }
    }

    @Test
    void everyServiceModuleIsDeployed() {
        for (String module : SERVICES) {
            assertTrue(java.nio.file.Files.exists(Repo.applicationProperties(module)), module);
        }
    }

    static Map<String, JsonNode> topics(Rendered r) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (ObjectNode t : r.ofKind("KafkaTopic")) {
            out.put(t.path("spec").path("topicName").asText(Rendered.name(t)), t.path("spec"));
        }
        return out;
    }

    static int brokers(Rendered r) {
        int brokers = 0;
        for (ObjectNode pool : r.ofKind("KafkaNodePool")) {
            for (JsonNode role : pool.path("spec").path("roles")) {
                if (role.asText().equals("broker")) {
                    brokers += pool.path("spec").path("replicas").asInt();
                }
            }
        }
        return brokers;
    }

    /** The file is in a volume mounted from the given key of the given secret. */
    static void assertMountedFrom(JsonNode deployment, JsonNode container, String file, String secret, String key) {
        assertNotNull(file, Rendered.name(deployment) + ": no file for secret " + secret);
        Map<String, String> mounts = new LinkedHashMap<>();
        container.path("volumeMounts").forEach(m -> mounts.put(m.path("name").asText(), m.path("mountPath").asText()));
        for (JsonNode v : Rendered.podSpec(deployment).path("volumes")) {
            String mountPath = mounts.get(v.path("name").asText());
            if (mountPath == null || !v.path("secret").path("secretName").asText().equals(secret)) {
                continue;
            }
            for (JsonNode item : v.path("secret").path("items")) {
                if (item.path("key").asText().equals(key) && file.equals(mountPath + "/" + item.path("path").asText())) {
                    return;
                }
            }
        }
        fail(Rendered.name(deployment) + ": " + file + " is not key " + key + " of a mounted secret " + secret);
    }
}
