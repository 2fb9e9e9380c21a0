package org.cscstats.k8scheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** One overlay, rendered: the objects an operator's {@code kubectl apply -k} would create. */
final class Rendered {
    private static final Map<String, Rendered> CACHE = new HashMap<>();

    final String overlay;
    final List<ObjectNode> objects;

    private Rendered(String overlay, List<ObjectNode> objects) {
        this.overlay = overlay;
        this.objects = objects;
    }

    static synchronized Rendered overlay(String name) {
        return CACHE.computeIfAbsent(name, n -> new Rendered(n, Kustomize.render(Repo.overlay(n))));
    }

    /** The overlays under deploy/k8s/overlays (dev, prod). */
    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(Repo.k8s().resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name(o).equals(name)).findFirst();
    }

    ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    String namespace() {
        return objects.get(0).path("metadata").path("namespace").asText();
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    /** Deployments (the only workload kind deploy/k8s defines itself). */
    List<ObjectNode> deployments() {
        return ofKind("Deployment");
    }

    static JsonNode podSpec(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec");
    }

    static Map<String, String> podLabels(JsonNode deployment) {
        return labels(deployment.path("spec").path("template").path("metadata").path("labels"));
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    static List<JsonNode> containers(JsonNode deployment) {
        List<JsonNode> out = new ArrayList<>();
        podSpec(deployment).path("initContainers").forEach(out::add);
        podSpec(deployment).path("containers").forEach(out::add);
        return out;
    }

    /** The deployment whose containers run the image of the given service module. */
    List<ObjectNode> deploymentsRunning(String module) {
        return deployments().stream().filter(d -> containers(d).stream()
                .anyMatch(c -> Kustomize.Image.parse(c.path("image").asText()).name().endsWith("/" + module)))
                .toList();
    }

    /** A container's environment: envFrom ConfigMaps, then env; secret values appear as "secret:name/key". */
    Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                ObjectNode cm = get("ConfigMap", from.path("configMapRef").path("name").asText());
                cm.path("data").fields().forEachRemaining(e -> env.put(
                        from.path("prefix").asText("") + e.getKey(), e.getValue().asText()));
            } else {
                throw new AssertionError("only configMapRef envFrom is expected, found " + from);
            }
        }
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asText();
            if (e.has("value")) {
                env.put(name, e.get("value").asText());
            } else if (e.path("valueFrom").has("secretKeyRef")) {
                JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                env.put(name, "secret:" + ref.path("name").asText() + "/" + ref.path("key").asText());
            } else if (e.path("valueFrom").has("configMapKeyRef")) {
                JsonNode ref = e.path("valueFrom").path("configMapKeyRef");
                env.put(name, get("ConfigMap", ref.path("name").asText()).path("data")
                        .path(ref.path("key").asText()).asText());
            } else {
                env.put(name, "fieldRef:" + e.path("valueFrom"));
            }
        }
        return env;
    }

    /** The HorizontalPodAutoscaler scaling a deployment, if any. */
    Optional<ObjectNode> hpaFor(JsonNode deployment) {
        return ofKind("HorizontalPodAutoscaler").stream()
                .filter(h -> h.path("spec").path("scaleTargetRef").path("kind").asText().equals("Deployment")
                        && h.path("spec").path("scaleTargetRef").path("name").asText().equals(name(deployment)))
                .findFirst();
    }

    /** The most pods a deployment may run: its HPA's maximum, else its replicas (default 1). */
    int maxPods(JsonNode deployment) {
        return hpaFor(deployment).map(h -> h.path("spec").path("maxReplicas").asInt())
                .orElse(deployment.path("spec").path("replicas").asInt(1));
    }
}
