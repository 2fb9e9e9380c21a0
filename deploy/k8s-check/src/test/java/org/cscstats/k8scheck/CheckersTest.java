package org.cscstats.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cscstats.k8scheck.NetworkPolicies.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkers themselves: each must catch what it is there to catch. */
class CheckersTest {
    @TempDir
    Path dir;

    void write(String file, String text) throws Exception {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void kustomizeMergesLikeKubectl() throws Exception {
        write("base/kustomization.yaml", "resources:\n  - deploy.yaml\n  - pool.yaml\n");
        write("base/deploy.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                        - name: app
                          image: cscstats/app:1
                          env: [{name: A, value: "1"}, {name: B, value: "2"}]
                          ports: [{name: http, containerPort: 8080}]
                        - name: sidecar
                          image: other/sidecar:3
                """);
        write("base/pool.yaml", """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaNodePool
                metadata: {name: pool}
                spec: {replicas: 3, roles: [controller, broker], storage: {size: 100Gi}}
                """);
        write("overlay/kustomization.yaml", """
                namespace: ns1
                bases: [../base]
                patchesStrategicMerge: [patch.yaml]
                images:
                  - {name: cscstats/app, newName: registry.example.org/app, newTag: "2"}
                """);
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  replicas: null
                  template:
                    spec:
                      containers:
                        - name: app
                          env: [{name: B, value: "3"}, {name: C, value: "4"}]
                ---
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaNodePool
                metadata: {name: pool}
                spec: {roles: [broker]}
                """);
        List<ObjectNode> out = Kustomize.render(dir.resolve("overlay"));
        ObjectNode d = out.get(0);
        assertEquals("ns1", d.at("/metadata/namespace").asText());
        assertFalse(d.path("spec").has("replicas"), "null deletes");
        JsonNode containers = d.at("/spec/template/spec/containers");
        assertEquals(2, containers.size(), "containers merge by name");
        assertEquals("registry.example.org/app:2", containers.get(0).path("image").asText());
        assertEquals("other/sidecar:3", containers.get(1).path("image").asText());
        assertEquals("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"3\"},{\"name\":\"C\",\"value\":\"4\"}]",
                containers.get(0).path("env").toString(), "env merges by name, new ones appended");
        assertEquals(8080, containers.get(0).at("/ports/0/containerPort").asInt());
        ObjectNode pool = out.get(1);
        assertEquals("[\"broker\"]", pool.at("/spec/roles").toString(), "custom resources: lists are replaced");
        assertEquals(3, pool.at("/spec/replicas").asInt());
    }

    @Test
    void kustomizeRefusesWhatItDoesNotImplement() throws Exception {
        write("k/kustomization.yaml", "resources: [a.yaml]\ncommonLabels: {a: b}\n");
        write("k/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        assertThrows(UnsupportedOperationException.class, () -> Kustomize.render(dir.resolve("k")));
        write("d/kustomization.yaml", "resources: [sub]\n");
        Files.createDirectories(dir.resolve("d/sub"));
        assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir.resolve("d")),
                "kustomize v2.0.3 takes directories only under bases");
    }

    @Test
    void strictParsingFindsMisspeltFields() {
        ObjectNode deployment = Yaml.readAll("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: app
                          image: x:1
                          readinesProbe: {httpGet: {path: /q/health/ready, port: http}}
                          resources: {limits: {memory: 1Gi}}
                """).get(0);
        List<String> problems = new ArrayList<>();
        OverlayRenderTest.leftovers(OverlayRenderTest.SERIALIZATION.unmarshal(Yaml.write(deployment)), "d", problems);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("readinesProbe"), problems.get(0));
    }

    @Test
    void networkPoliciesAreEvaluatedAsKubernetesDoes() {
        List<JsonNode> policies = new ArrayList<>(Yaml.readAll("""
                kind: NetworkPolicy
                metadata: {name: deny}
                spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
                ---
                kind: NetworkPolicy
                metadata: {name: stats}
                spec:
                  podSelector: {matchLabels: {app: stats}}
                  policyTypes: [Ingress]
                  ingress:
                    - from:
                        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
                          podSelector: {matchLabels: {app: prometheus}}
                      ports: [{port: http}]
                ---
                kind: NetworkPolicy
                metadata: {name: web}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  ingress: [{ports: [{port: 8080}]}]
                  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]}]
                  policyTypes: [Ingress, Egress]
                """));
        NetworkPolicies np = new NetworkPolicies(policies, "ns");
        Endpoint stats = Endpoint.pod("stats", "ns", Map.of("app", "stats"), Map.of("http", 8091));
        Endpoint web = Endpoint.pod("web", "ns", Map.of("app", "web"));
        Endpoint prometheus = Endpoint.pod("prom", "monitoring", Map.of("app", "prometheus"));
        Endpoint prometheusElsewhere = Endpoint.pod("prom", "other", Map.of("app", "prometheus"));
        Endpoint internet = Endpoint.external("203.0.113.1");
        assertTrue(np.allowed(prometheus, stats, 8091, "TCP"), "named port resolves");
        assertFalse(np.allowed(prometheus, stats, 8080, "TCP"));
        assertFalse(np.allowed(prometheus, stats, 8091, "UDP"));
        assertFalse(np.allowed(prometheusElsewhere, stats, 8091, "TCP"), "namespace and pod selector are ANDed");
        assertFalse(np.allowed(web, stats, 8091, "TCP"), "web's egress and stats' ingress both deny");
        assertTrue(np.allowed(internet, web, 8080, "TCP"), "no from = everyone");
        assertTrue(np.allowed(web, Endpoint.external("10.2.3.4"), 443, "TCP"));
        assertFalse(np.allowed(web, Endpoint.external("10.1.3.4"), 443, "TCP"), "except");
        assertFalse(np.allowed(stats, web, 8080, "TCP"), "default deny egress");
    }

    @Test
    void applicationPropertiesResolveLikeSmallRyeConfig() {
        AppProperties stats = AppProperties.of("stats-service");
        assertEquals("8091", stats.resolve("quarkus.http.port", Map.of()));
        assertEquals("9999", stats.resolve("quarkus.http.port", Map.of("STATS_HTTP_PORT", "9999")));
        assertTrue(stats.environmentVariables().containsKey("DB_REACTIVE_URL"));
        AppProperties ingest = AppProperties.of("ingest-service");
        assertTrue(ingest.requiredVariables().contains("INGEST_PSEUDONYM_KEY"), "no default outside dev/test");
        assertThrows(AssertionError.class, () -> ingest.resolve("ingest.pseudonym-key", Map.of()));
    }
}
