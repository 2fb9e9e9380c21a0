package org.cscstats.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pod the overlays run: probes on the real Quarkus endpoints, limits, non-root, a JVM sized by its limits. */
class WorkloadTest {
    /** SmallRye Health's endpoints under Quarkus' default root path /q. */
    static final Map<String, String> PROBE_PATHS = Map.of(
            "startupProbe", "/q/health/started",
            "livenessProbe", "/q/health/live",
            "readinessProbe", "/q/health/ready");

    static final Set<String> AUTOSCALED = Set.of("ingest-service", "suppression-service");

    static List<String> overlays() {
        return Rendered.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void thereIsADeploymentPerServiceAndTheScheduler(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        assertEquals(Set.of("ingest-service", "stats-service", "suppression-service", "suppression-scheduler"),
                Set.copyOf(r.deployments().stream().map(Rendered::name).toList()));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasProbesOnTheQuarkusHealthEndpointsOfItsManagementPort(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        List<String> problems = new ArrayList<>();
        for (ObjectNode d : r.deployments()) {
            for (JsonNode c : Rendered.containers(d)) {
                String where = overlay + " " + Rendered.name(d) + "/" + c.path("name").asText();
                String module = module(c);
                AppProperties props = AppProperties.of(module);
                int httpPort = Integer.parseInt(props.resolve("quarkus.http.port", r.environment(c)));
                JsonNode http = null;
                JsonNode management = null;
                for (JsonNode p : c.path("ports")) {
                    if (p.path("name").asText().equals("http")) {
                        http = p;
                    }
                    if (p.path("name").asText().equals("management")) {
                        management = p;
                    }
                }
                if (http == null || http.path("containerPort").asInt() != httpPort) {
                    problems.add(where + ": needs a port named http = " + httpPort
                            + " (quarkus.http.port of " + module + ")");
                    continue;
                }
                // health and metrics are served on the management interface only (issue 16)
                if (!"true".equals(props.resolve("quarkus.management.enabled", r.environment(c)))) {
                    problems.add(where + ": " + module + " must set quarkus.management.enabled=true");
                    continue;
                }
                int managementPort = Integer.parseInt(props.resolve("quarkus.management.port", r.environment(c)));
                if (management == null || management.path("containerPort").asInt() != managementPort) {
                    problems.add(where + ": needs a port named management = " + managementPort
                            + " (quarkus.management.port of " + module + ")");
                    continue;
                }
                for (var e : PROBE_PATHS.entrySet()) {
                    JsonNode probe = c.path(e.getKey());
                    JsonNode get = probe.path("httpGet");
                    if (probe.isMissingNode() || get.isMissingNode()) {
                        problems.add(where + ": no httpGet " + e.getKey());
                        continue;
                    }
                    if (!get.path("path").asText().equals(e.getValue())) {
                        problems.add(where + ": " + e.getKey() + " path " + get.path("path") + ", expected " + e.getValue());
                    }
                    JsonNode port = get.path("port");
                    if (!(port.asText().equals("management") || port.asInt() == managementPort)) {
                        problems.add(where + ": " + e.getKey() + " port " + port + " is not the management port "
                                + managementPort + " (the only one serving /q/health)");
                    }
                    if (probe.path("periodSeconds").asInt(10) * probe.path("failureThreshold").asInt(3) < 10) {
                        problems.add(where + ": " + e.getKey() + " gives up within 10 s");
                    }
                }
                // the startup probe covers a slow start (Flyway migrations); liveness must not kill it meanwhile
                JsonNode startup = c.path("startupProbe");
                if (startup.path("periodSeconds").asInt(10) * startup.path("failureThreshold").asInt(3) < 120) {
                    problems.add(where + ": startupProbe allows less than 2 minutes to start");
                }
            }
        }
        failIf(problems);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasRequestsAndLimits(String overlay) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode d : Rendered.overlay(overlay).deployments()) {
            for (JsonNode c : Rendered.containers(d)) {
                String where = overlay + " " + Rendered.name(d) + "/" + c.path("name").asText();
                JsonNode res = c.path("resources");
                for (String resource : List.of("cpu", "memory")) {
                    JsonNode request = res.path("requests").path(resource);
                    JsonNode limit = res.path("limits").path(resource);
                    if (request.isMissingNode() || limit.isMissingNode()) {
                        problems.add(where + ": needs requests and limits for " + resource);
                        continue;
                    }
                    if (amount(request).compareTo(amount(limit)) > 0) {
                        problems.add(where + ": " + resource + " request above its limit");
                    }
                }
                // a JVM heap of 75% of the limit leaves room for metaspace, threads and buffers only above ~512Mi
                if (!res.path("limits").path("memory").isMissingNode()
                        && amount(res.path("limits").path("memory")).compareTo(amount("512Mi")) < 0) {
                    problems.add(where + ": memory limit below 512Mi");
                }
            }
        }
        failIf(problems);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodRunsAsNonRootOnAReadOnlyRootWithAWritableTmp(String overlay) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode d : Rendered.overlay(overlay).deployments()) {
            JsonNode pod = Rendered.podSpec(d);
            JsonNode podSc = pod.path("securityContext");
            if (pod.path("automountServiceAccountToken").asBoolean(true)) {
                problems.add(Rendered.name(d) + ": mounts a service account token it does not need");
            }
            for (JsonNode c : Rendered.containers(d)) {
                String where = overlay + " " + Rendered.name(d) + "/" + c.path("name").asText();
                JsonNode sc = c.path("securityContext");
                boolean nonRoot = sc.path("runAsNonRoot").asBoolean(podSc.path("runAsNonRoot").asBoolean(false));
                int uid = sc.path("runAsUser").asInt(podSc.path("runAsUser").asInt(-1));
                if (!nonRoot || uid == 0) {
                    problems.add(where + ": must run as non-root (runAsNonRoot: true, runAsUser not 0)");
                }
                if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                    problems.add(where + ": allowPrivilegeEscalation must be false");
                }
                if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                    problems.add(where + ": readOnlyRootFilesystem must be true");
                }
                boolean dropsAll = false;
                for (JsonNode cap : sc.path("capabilities").path("drop")) {
                    dropsAll |= cap.asText().equals("ALL");
                }
                if (!dropsAll) {
                    problems.add(where + ": must drop ALL capabilities");
                }
                if (sc.path("privileged").asBoolean(false)) {
                    problems.add(where + ": privileged");
                }
                String tmpVolume = null;
                for (JsonNode m : c.path("volumeMounts")) {
                    if (m.path("mountPath").asText().equals("/tmp")) {
                        tmpVolume = m.path("name").asText();
                    }
                }
                boolean emptyDir = false;
                for (JsonNode v : pod.path("volumes")) {
                    if (v.path("name").asText().equals(tmpVolume) && v.has("emptyDir")) {
                        emptyDir = true;
                    }
                }
                if (!emptyDir) {
                    problems.add(where + ": /tmp must be an emptyDir (the root filesystem is read-only)");
                }
            }
        }
        failIf(problems);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theJvmIsSizedByTheContainerLimits(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (ObjectNode d : r.deployments()) {
            for (JsonNode c : Rendered.containers(d)) {
                String options = r.environment(c).getOrDefault("JAVA_TOOL_OPTIONS", "");
                assertTrue(options.contains("-XX:MaxRAMPercentage="), Rendered.name(d) + ": JAVA_TOOL_OPTIONS "
                        + "must size the heap from the memory limit (-XX:MaxRAMPercentage)");
                assertFalse(options.matches(".*-Xmx\\S+.*|.*-XX:MaxHeapSize.*"),
                        Rendered.name(d) + ": a fixed heap ignores the container limit: " + options);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentHasAServiceAndADisruptionBudget(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (ObjectNode d : r.deployments()) {
            Map<String, String> labels = Rendered.podLabels(d);
            assertTrue(NetworkPolicies.Selectors.matches(d.path("spec").path("selector"), labels),
                    Rendered.name(d) + ": its selector does not select its own pods");
            List<ObjectNode> services = r.ofKind("Service").stream().filter(s -> !s.path("spec").path("selector").isEmpty()
                    && NetworkPolicies.Selectors.matches(selectorOf(s.path("spec").path("selector")), labels)).toList();
            assertEquals(1, services.size(), Rendered.name(d) + ": exactly one Service should select its pods");
            JsonNode port = services.get(0).path("spec").path("ports").get(0);
            assertEquals("http", port.path("name").asText());
            assertEquals("http", port.path("targetPort").asText(), "the Service targets the container port by name");
            List<ObjectNode> pdbs = r.ofKind("PodDisruptionBudget").stream()
                    .filter(p -> NetworkPolicies.Selectors.matches(p.path("spec").path("selector"), labels)).toList();
            assertEquals(1, pdbs.size(), Rendered.name(d) + ": exactly one PodDisruptionBudget should cover it");
            JsonNode pdb = pdbs.get(0).path("spec");
            if (pdb.has("minAvailable")) {
                assertTrue(pdb.path("minAvailable").asInt() < r.maxPods(d),
                        Rendered.name(d) + ": minAvailable would block every node drain");
            }
        }
    }

    /** ingest-service and suppression-service scale with load; the count belongs to their autoscaler. */
    @ParameterizedTest
    @MethodSource("overlays")
    void ingestAndSuppressionAreAutoscaled(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (ObjectNode d : r.deployments()) {
            boolean hpa = r.hpaFor(d).isPresent();
            assertEquals(AUTOSCALED.contains(Rendered.name(d)), hpa, Rendered.name(d) + ": autoscaled?");
            if (hpa) {
                JsonNode spec = r.hpaFor(d).get().path("spec");
                assertFalse(d.path("spec").has("replicas"),
                        Rendered.name(d) + ": replicas would fight the autoscaler on every apply");
                assertTrue(spec.path("minReplicas").asInt(1) >= 1
                        && spec.path("minReplicas").asInt(1) <= spec.path("maxReplicas").asInt());
                assertFalse(spec.path("metrics").isEmpty(), "an HPA needs a metric");
            }
        }
    }

    /**
     * suppression-service makes its scheduled (quarterly) releases in-process: with several pods each would make
     * them. Exactly one pod, never two at once, runs with the cron on; every other suppression pod has it "off".
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void exactlyOnePodMakesTheScheduledReleases(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        AppProperties props = AppProperties.of("suppression-service");
        List<String> schedulers = new ArrayList<>();
        for (ObjectNode d : r.deploymentsRunning("suppression-service")) {
            for (JsonNode c : Rendered.containers(d)) {
                String cron = props.resolve("suppression.release-cron", r.environment(c));
                if (!Set.of("off", "disabled").contains(cron)) {
                    schedulers.add(Rendered.name(d));
                    assertEquals(1, d.path("spec").path("replicas").asInt(1), Rendered.name(d) + " replicas");
                    assertTrue(r.hpaFor(d).isEmpty(), Rendered.name(d) + " must not be autoscaled");
                    assertEquals("Recreate", d.path("spec").path("strategy").path("type").asText(),
                            Rendered.name(d) + ": a rolling update would run two schedulers for a while");
                }
            }
        }
        assertEquals(List.of("suppression-scheduler"), schedulers);
    }

    static JsonNode selectorOf(JsonNode serviceSelector) {
        ObjectNode s = Yaml.MAPPER.createObjectNode();
        s.set("matchLabels", serviceSelector);
        return s;
    }

    static String module(JsonNode container) {
        String name = Kustomize.Image.parse(container.path("image").asText()).name();
        return name.substring(name.lastIndexOf('/') + 1);
    }

    static BigDecimal amount(JsonNode quantity) {
        return amount(quantity.asText());
    }

    static BigDecimal amount(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity));
    }

    static void failIf(List<String> problems) {
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }
}
