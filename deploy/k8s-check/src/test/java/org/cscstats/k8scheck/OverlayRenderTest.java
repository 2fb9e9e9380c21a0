package org.cscstats.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The overlays render, to objects Kubernetes would accept, the same as kubectl kustomize renders them. */
class OverlayRenderTest {
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static List<String> overlays() {
        return Rendered.overlays();
    }

    @Test
    void thereAreDevAndProdOverlays() {
        assertEquals(List.of("dev", "prod"), overlays());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void overlayRendersIntoOneNamespaceWithImagesSet(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        assertTrue(r.objects.size() > 30, overlay + " renders " + r.objects.size() + " objects");
        String ns = r.namespace();
        assertFalse(ns.isBlank());
        for (ObjectNode o : r.objects) {
            assertEquals(ns, o.path("metadata").path("namespace").asText(), Kustomize.id(o) + " namespace");
        }
        ObjectNode k = Yaml.readAll(Kustomize.kustomizationFile(Repo.overlay(overlay))).get(0);
        Map<String, JsonNode> rules = new TreeMap<>();
        k.path("images").forEach(i -> rules.put(i.path("name").asText(), i));
        for (ObjectNode d : r.deployments()) {
            for (JsonNode c : Rendered.containers(d)) {
                Kustomize.Image image = Kustomize.Image.parse(c.path("image").asText());
                assertTrue(image.tag() != null || image.digest() != null, Kustomize.id(d) + ": image without tag");
                assertFalse("latest".equals(image.tag()), Kustomize.id(d) + ": image tag latest");
                JsonNode rule = rules.values().stream().filter(i -> image.name().equals(i.path("newName")
                        .asText(i.path("name").asText()))).findFirst().orElse(null);
                assertNotNull(rule, overlay + ": the overlay sets no image for " + c.path("image").asText());
                if (rule.has("newTag")) {
                    assertEquals(rule.get("newTag").asText(), image.tag());
                }
            }
        }
    }

    /**
     * deploy/README.md installs in two steps selected by label: {@code cscstats/layer in (network,data)} (network
     * policies, Kafka, PostgreSQL), then everything. Every object must carry the right layer.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectCarriesItsInstallLayer(String overlay) {
        for (ObjectNode o : Rendered.overlay(overlay).objects) {
            JsonNode labels = o.path("metadata").path("labels");
            String group = Kustomize.group(o);
            String expected = o.path("kind").asText().equals("NetworkPolicy") ? "network"
                    : group.endsWith("strimzi.io") || group.endsWith("cnpg.io") ? "data" : "app";
            assertEquals(expected, labels.path("cscstats/layer").asText(), Kustomize.id(o) + " label cscstats/layer");
            assertEquals("cscstats", labels.path("app.kubernetes.io/part-of").asText(), Kustomize.id(o) + " part-of");
        }
    }

    /**
     * The built-in kinds parse into fabric8's typed Kubernetes model with nothing left over: a misspelt or
     * misplaced field (which the API server would reject, or silently drop) ends up in additionalProperties.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void builtInKindsParseStrictly(String overlay) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode o : Rendered.overlay(overlay).objects) {
            Object typed = SERIALIZATION.unmarshal(Yaml.write(o));
            if (Kustomize.isBuiltin(o)) {
                if (typed instanceof GenericKubernetesResource) {
                    problems.add(Kustomize.id(o) + ": " + o.path("apiVersion").asText() + " is not a known kind");
                } else {
                    leftovers(typed, Kustomize.id(o), problems);
                }
            } else {
                assertTrue(typed instanceof GenericKubernetesResource, Kustomize.id(o));
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    /** Strimzi's kinds parse into Strimzi's own model (io.strimzi:api) with nothing left over. */
    @ParameterizedTest
    @MethodSource("overlays")
    void strimziResourcesParseStrictly(String overlay) {
        Map<String, Class<?>> models = Map.of(
                "Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class,
                "KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class,
                "KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class,
                "KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class);
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> problems = new ArrayList<>();
        int parsed = 0;
        for (ObjectNode o : Rendered.overlay(overlay).objects) {
            if (!Kustomize.group(o).equals("kafka.strimzi.io")) {
                continue;
            }
            assertEquals("kafka.strimzi.io/v1", o.path("apiVersion").asText(),
                    Kustomize.id(o) + ": Strimzi >= 1.0 serves only kafka.strimzi.io/v1");
            Class<?> model = models.get(o.path("kind").asText());
            assertNotNull(model, Kustomize.id(o) + ": a Strimzi kind this check does not know");
            leftovers(mapper.convertValue(o, model), Kustomize.id(o), problems);
            parsed++;
        }
        assertTrue(parsed >= 8, "Kafka, node pool, 3 topics, 3 users");
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    static void leftovers(Object model, String path, List<String> problems) {
        if (model == null) {
            return;
        }
        if (model instanceof Collection<?> c) {
            c.forEach(e -> leftovers(e, path + "[]", problems));
            return;
        }
        if (model instanceof Map<?, ?> m) {
            m.forEach((k, v) -> leftovers(v, path + "." + k, problems));
            return;
        }
        String pkg = model.getClass().getPackageName();
        boolean fabric8 = model instanceof KubernetesResource && pkg.startsWith("io.fabric8");
        boolean strimzi = pkg.startsWith("io.strimzi.api");
        if (!fabric8 && !strimzi) {
            return;
        }
        for (Method m : model.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = m.invoke(model);
                if (m.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add(path + ": unknown or mistyped fields " + extra.keySet());
                    }
                } else {
                    leftovers(value, path + "." + m.getName().substring(3), problems);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Where a kubectl is installed (or $KUBECTL names one), {@code kubectl kustomize} renders each overlay to the
     * same objects as the Java rendering the other checks use. Debian's kubernetes-client (kubectl 1.20) has
     * kustomize v2.0.3, the oldest the overlays keep to; newer kubectls have kustomize v4/v5.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void kubectlKustomizeRendersTheSame(String overlay) throws Exception {
        String kubectl = Kubectl.find();
        // CI sets this (.ci/run installs Debian's kubernetes-client): there a missing kubectl is a failure, not a skip
        if (kubectl == null && "true".equals(System.getenv("CSCSTATS_REQUIRE_KUBECTL"))) {
            fail("CSCSTATS_REQUIRE_KUBECTL=true but no kubectl on PATH (apt-get install -y kubernetes-client)");
        }
        if (kubectl == null) {
            System.out.println(overlay + ": no kubectl, so no comparison with kubectl kustomize (the Java checks ran)");
        }
        Assumptions.assumeTrue(kubectl != null, "no kubectl on PATH (or $KUBECTL=none): the Java rendering alone"
                + " was checked (apt-get install -y kubernetes-client gives kubectl 1.20 with kustomize v2.0.3)");
        Kubectl.Result result = Kubectl.run(kubectl, "kustomize", Repo.overlay(overlay).toString());
        assertEquals(0, result.exit(), kubectl + " kustomize failed: " + result.stderr());
        Map<String, JsonNode> theirs = new TreeMap<>();
        for (ObjectNode o : Yaml.readAll(result.stdout())) {
            theirs.put(Kustomize.id(o), o);
        }
        Map<String, JsonNode> ours = new TreeMap<>();
        Rendered.overlay(overlay).objects.forEach(o -> ours.put(Kustomize.id(o), o));
        assertEquals(theirs.keySet(), ours.keySet(), kubectl + " renders other objects");
        for (String id : ours.keySet()) {
            if (!theirs.get(id).equals(ours.get(id))) {
                fail(id + ": kubectl (" + Kubectl.version(kubectl) + ") renders it differently.\n--- kubectl:\n"
                        + Yaml.write(theirs.get(id)) + "--- Java:\n" + Yaml.write(ours.get(id)));
            }
        }
        System.out.printf("%s: %d objects render identically with %s (%s)%n", overlay, ours.size(), kubectl,
                Kubectl.version(kubectl));
    }

    /** kubectl, if installed: $KUBECTL (none: do not use one), else the first on PATH. */
    static final class Kubectl {
        record Result(int exit, String stdout, String stderr) {
        }

        static String find() {
            String configured = System.getenv("KUBECTL");
            if ("none".equals(configured)) {
                return null;
            }
            if (configured != null && !configured.isBlank()) {
                if (!java.nio.file.Files.isExecutable(Path.of(configured))) {
                    throw new IllegalStateException("$KUBECTL=" + configured + " is not an executable");
                }
                return configured;
            }
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, "kubectl");
                if (java.nio.file.Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
            return null;
        }

        static Result run(String... command) throws Exception {
            Process p = new ProcessBuilder(command).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took too long");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        }

        static String version(String kubectl) {
            try {
                Result r = run(kubectl, "version", "--client");
                return r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty())
                        .reduce((a, b) -> a + "; " + b).orElse("?");
            } catch (Exception e) {
                return "?";
            }
        }
    }
}
