package org.cscstats.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cscstats.k8scheck.NetworkPolicies.Endpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The network: default deny; only ingest-service and suppression-service reachable from outside the namespace;
 * everything else (stats-service above all) reachable only by Prometheus on its management port (health and
 * metrics, issue 16), which is on every service and open to Prometheus alone; each service
 * sends only to the Kafka brokers, its own PostgreSQL and DNS. Checked by evaluating the policies (plus the one
 * Strimzi generates for the Kafka listener) for every pair of pods and a set of ports.
 */
class NetworkPolicyTest {
    static final Set<String> PUBLIC = Set.of("ingest-service", "suppression-service");
    static final List<Integer> OTHER_PORTS = List.of(22, 80, 443, 5005, 8000, 8443, 9000, 9090, 9092);

    static List<String> overlays() {
        return Rendered.overlays();
    }

    /** The world around the namespace. */
    record World(Rendered rendered, NetworkPolicies policies, Map<String, Endpoint> apps, Endpoint prometheus,
                 List<Endpoint> outsiders, Endpoint stranger, Endpoint kafkaBroker, Map<String, Endpoint> databases,
                 Endpoint dns, Endpoint cnpgOperator) {
    }

    static World world(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        String ns = r.namespace();
        List<JsonNode> policies = new ArrayList<>(r.ofKind("NetworkPolicy"));
        policies.add(strimziListenerPolicy(r));
        Map<String, Endpoint> apps = new LinkedHashMap<>();
        for (ObjectNode d : r.deployments()) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (JsonNode c : Rendered.containers(d)) {
                c.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            }
            apps.put(Rendered.name(d), Endpoint.pod(Rendered.name(d), ns, Rendered.podLabels(d), ports));
        }
        String kafka = Rendered.name(r.ofKind("Kafka").get(0));
        Endpoint broker = Endpoint.pod("Kafka broker", ns, Map.of("strimzi.io/cluster", kafka,
                "strimzi.io/kind", "Kafka", "strimzi.io/name", kafka + "-kafka", "strimzi.io/pool-name", "dual-role",
                "strimzi.io/broker-role", "true", "strimzi.io/controller-role", "true"));
        Map<String, Endpoint> dbs = new LinkedHashMap<>();
        for (ObjectNode c : r.ofKind("Cluster")) {
            dbs.put(Rendered.name(c), Endpoint.pod("PostgreSQL " + Rendered.name(c), ns, Map.of(
                    "cnpg.io/cluster", Rendered.name(c), "cnpg.io/podRole", "instance", "role", "primary")));
        }
        return new World(r, new NetworkPolicies(policies, ns), apps,
                Endpoint.pod("Prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus",
                        "prometheus", "k8s")),
                List.of(Endpoint.external("203.0.113.7"),
                        Endpoint.pod("ingress controller", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx")),
                        Endpoint.pod("a pod in another namespace", "other", Map.of("app", "x")),
                        Endpoint.pod("a pod labelled like Prometheus in another namespace", "other",
                                Map.of("app.kubernetes.io/name", "prometheus", "prometheus", "k8s"))),
                Endpoint.pod("an unknown pod in the namespace", ns, Map.of("app", "debug")),
                broker, dbs,
                Endpoint.pod("cluster DNS", "kube-system", Map.of("k8s-app", "kube-dns")),
                Endpoint.pod("CloudNativePG operator", "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg")));
    }

    /**
     * The NetworkPolicy Strimzi creates for the Kafka pods: each listener admits its networkPolicyPeers (or
     * everyone when there are none); the control plane and replication ports admit the cluster's own pods.
     */
    static JsonNode strimziListenerPolicy(Rendered r) {
        ObjectNode kafka = r.ofKind("Kafka").get(0);
        String name = Rendered.name(kafka);
        ObjectNode policy = Yaml.MAPPER.createObjectNode();
        policy.put("kind", "NetworkPolicy").putObject("metadata").put("name", name + "-network-policy-kafka");
        ObjectNode spec = policy.putObject("spec");
        spec.putObject("podSelector").putObject("matchLabels").put("strimzi.io/cluster", name)
                .put("strimzi.io/kind", "Kafka").put("strimzi.io/name", name + "-kafka");
        spec.putArray("policyTypes").add("Ingress");
        ArrayNode ingress = spec.putArray("ingress");
        for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
            ObjectNode rule = ingress.addObject();
            if (listener.has("networkPolicyPeers")) {
                rule.set("from", listener.get("networkPolicyPeers").deepCopy());
            }
            rule.putArray("ports").addObject().put("port", listener.path("port").asInt()).put("protocol", "TCP");
        }
        ObjectNode internal = ingress.addObject();
        internal.putArray("from").addObject().putObject("podSelector").putObject("matchLabels")
                .put("strimzi.io/cluster", name);
        ArrayNode ports = internal.putArray("ports");
        ports.addObject().put("port", 9090).put("protocol", "TCP");
        ports.addObject().put("port", 9091).put("protocol", "TCP");
        return policy;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everythingIsDeniedByDefault(String overlay) {
        boolean denyAll = Rendered.overlay(overlay).ofKind("NetworkPolicy").stream().map(p -> p.path("spec"))
                .anyMatch(s -> s.path("podSelector").isEmpty()
                        && NetworkPolicies.types(s).containsAll(List.of("Ingress", "Egress"))
                        && s.path("ingress").isEmpty() && s.path("egress").isEmpty());
        assertTrue(denyAll, overlay + ": needs a policy selecting every pod that allows nothing in either direction");
        World w = world(overlay);
        assertFalse(w.policies().allowed(w.stranger(), w.kafkaBroker(), 9093, "TCP"));
        assertFalse(w.policies().allowed(w.stranger(), Endpoint.external("198.51.100.1"), 443, "TCP"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyIngestAndSuppressionAreReachableFromOutsideTheNamespace(String overlay) {
        World w = world(overlay);
        for (var app : w.apps().entrySet()) {
            int http = app.getValue().namedPorts().get("http");
            int management = app.getValue().namedPorts().get("management");
            for (Endpoint outsider : w.outsiders()) {
                assertFalse(w.policies().allowed(outsider, app.getValue(), management, "TCP"),
                        outsider + " -> " + app.getKey() + " management port " + management);
                assertEquals(PUBLIC.contains(app.getKey()), w.policies().allowed(outsider, app.getValue(), http, "TCP"),
                        outsider + " -> " + app.getKey() + ":" + http);
                for (int port : OTHER_PORTS) {
                    if (port != http) {
                        assertFalse(w.policies().allowed(outsider, app.getValue(), port, "TCP"),
                                outsider + " -> " + app.getKey() + ":" + port);
                    }
                }
            }
            assertFalse(w.policies().allowed(w.kafkaBroker(), app.getValue(), http, "TCP"), "Kafka -> " + app.getKey());
            for (Endpoint db : w.databases().values()) {
                assertFalse(w.policies().allowed(db, app.getValue(), http, "TCP"), db + " -> " + app.getKey());
            }
        }
        for (Endpoint outsider : w.outsiders()) {
            assertFalse(w.policies().allowed(outsider, w.kafkaBroker(), 9093, "TCP"), outsider + " -> Kafka");
            for (Endpoint db : w.databases().values()) {
                assertFalse(w.policies().allowed(outsider, db, 5432, "TCP"), outsider + " -> " + db);
            }
        }
    }

    /** stats-service (and every other non-public pod) only by Prometheus, and only on its management port. */
    @ParameterizedTest
    @MethodSource("overlays")
    void statsServiceIsReachableOnlyByPrometheusOnItsMetricsPort(String overlay) {
        World w = world(overlay);
        assertTrue(w.apps().containsKey("stats-service"));
        for (var app : w.apps().entrySet()) {
            if (PUBLIC.contains(app.getKey())) {
                continue;
            }
            Endpoint target = app.getValue();
            int metrics = target.namedPorts().get("management");
            assertTrue(w.policies().allowed(w.prometheus(), target, metrics, "TCP"), "Prometheus -> " + app.getKey());
            assertFalse(w.policies().allowed(w.prometheus(), target, target.namedPorts().get("http"), "TCP"),
                    "Prometheus -> " + app.getKey() + "'s HTTP port");
            for (int port : OTHER_PORTS) {
                if (port != metrics) {
                    assertFalse(w.policies().allowed(w.prometheus(), target, port, "TCP"),
                            "Prometheus -> " + app.getKey() + ":" + port);
                }
            }
            List<Endpoint> others = new ArrayList<>(w.apps().values());
            others.remove(target);
            others.add(w.stranger());
            for (Endpoint other : others) {
                assertFalse(w.policies().allowed(other, target, metrics, "TCP"), other + " -> " + app.getKey());
            }
        }
    }

    /**
     * Every service's management port (health, metrics: the consumer's counts move with each event) admits
     * Prometheus and nobody else — not the public, not the other services, not an unknown pod of the namespace.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyManagementPortIsOpenToPrometheusOnly(String overlay) {
        World w = world(overlay);
        for (var app : w.apps().entrySet()) {
            Endpoint target = app.getValue();
            Integer management = target.namedPorts().get("management");
            assertTrue(management != null, app.getKey() + " has no port named management");
            assertFalse(management.equals(target.namedPorts().get("http")), app.getKey() + ": management is its own port");
            assertTrue(w.policies().allowed(w.prometheus(), target, management, "TCP"), "Prometheus -> " + app.getKey());
            List<Endpoint> others = new ArrayList<>(w.outsiders());
            others.addAll(w.apps().values());
            others.remove(target);
            others.add(w.stranger());
            others.add(w.kafkaBroker());
            for (Endpoint other : others) {
                assertFalse(w.policies().allowed(other, target, management, "TCP"),
                        other + " -> " + app.getKey() + ":" + management);
            }
        }
    }

    /** Each service: the Kafka listener, its own database (from its DB_REACTIVE_URL), DNS; nothing else. */
    @ParameterizedTest
    @MethodSource("overlays")
    void eachServiceSendsOnlyToWhatItNeeds(String overlay) {
        World w = world(overlay);
        Rendered r = w.rendered();
        Map<String, Endpoint> destinations = new LinkedHashMap<>();
        for (int port : List.of(9090, 9091, 9092, 9093)) {
            destinations.put("kafka:" + port, w.kafkaBroker());
        }
        w.databases().forEach((name, db) -> destinations.put(name + ":5432", db));
        destinations.put("dns:53/UDP", w.dns());
        destinations.put("dns:53/TCP", w.dns());
        destinations.put("internet:443", Endpoint.external("198.51.100.1"));
        destinations.put("internet:80", Endpoint.external("198.51.100.1"));
        destinations.put("prometheus:9090", w.prometheus());
        w.apps().forEach((name, app) -> destinations.put(name + ":" + app.namedPorts().get("http"), app));
        w.apps().forEach((name, app) -> destinations.put(name + ":" + app.namedPorts().get("management"), app));
        for (ObjectNode d : r.deployments()) {
            JsonNode container = Rendered.containers(d).get(0);
            Map<String, String> env = r.environment(container);
            Set<String> expected = new TreeSet<>(Set.of("kafka:9093", "dns:53/UDP", "dns:53/TCP"));
            if (env.containsKey("DB_REACTIVE_URL")) {
                String host = URI.create(env.get("DB_REACTIVE_URL")).getHost();
                expected.add(host.substring(0, host.length() - "-rw".length()) + ":5432");
            }
            Set<String> allowed = new TreeSet<>();
            Endpoint self = w.apps().get(Rendered.name(d));
            destinations.forEach((key, dest) -> {
                String portPart = key.substring(key.lastIndexOf(':') + 1);
                String protocol = portPart.contains("/") ? portPart.substring(portPart.indexOf('/') + 1) : "TCP";
                int port = Integer.parseInt(portPart.contains("/") ? portPart.substring(0, portPart.indexOf('/')) : portPart);
                if (dest != self && w.policies().allowed(self, dest, port, protocol)) {
                    allowed.add(key);
                }
            });
            assertEquals(expected, allowed, overlay + ": what " + Rendered.name(d) + " may reach");
        }
    }

    /** The operator-managed pods keep working under default deny. */
    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaAndPostgresStillTalkAmongThemselves(String overlay) {
        World w = world(overlay);
        Endpoint otherBroker = w.kafkaBroker();
        assertTrue(w.policies().allowed(w.kafkaBroker(), otherBroker, 9091, "TCP"), "broker replication");
        assertTrue(w.policies().allowed(w.kafkaBroker(), otherBroker, 9090, "TCP"), "KRaft controllers");
        assertTrue(w.policies().allowed(w.kafkaBroker(), w.dns(), 53, "UDP"), "Kafka DNS");
        for (Endpoint db : w.databases().values()) {
            assertTrue(w.policies().allowed(db, db, 5432, "TCP"), db + " replication");
            assertTrue(w.policies().allowed(w.cnpgOperator(), db, 8000, "TCP"), "operator -> " + db);
            assertTrue(w.policies().allowed(db, Endpoint.external("198.51.100.1"), 443, "TCP"),
                    db + " -> Kubernetes API / object store");
        }
    }
}
