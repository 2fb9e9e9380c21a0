package org.cscstats.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every file under deploy/k8s: parses, is used, and commits no secret. */
class ManifestFilesTest {
    /** Names of settings that are secrets wherever they appear (env vars, ConfigMap keys). */
    static final Pattern SECRET_NAME = Pattern.compile(".*(KEY|KEYS|PASSWORD|SECRET|TOKEN|JAAS|CREDENTIAL).*",
            Pattern.CASE_INSENSITIVE);

    static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Repo.k8s())) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    static boolean isKustomization(Path f) {
        return f.getFileName().toString().startsWith("kustomization.");
    }

    @Test
    void everyManifestParsesAndNamesItsObject() throws IOException {
        List<Path> files = yamlFiles();
        assertFalse(files.isEmpty());
        for (Path f : files) {
            List<ObjectNode> docs = Yaml.readAll(f);
            assertFalse(docs.isEmpty(), f + " is empty");
            if (isKustomization(f)) {
                continue;
            }
            for (ObjectNode d : docs) {
                assertTrue(d.hasNonNull("apiVersion") && d.hasNonNull("kind") && d.path("metadata").hasNonNull("name"),
                        f + ": every object needs apiVersion, kind and metadata.name: " + d);
                assertFalse(d.path("metadata").has("namespace"),
                        f + ": " + Kustomize.id(d) + " sets a namespace; the overlays set it");
            }
        }
    }

    /** A file no kustomization lists is a file an operator applying an overlay never gets. */
    @Test
    void everyManifestIsUsedByExactlyOneKustomization() throws IOException {
        Map<Path, Integer> uses = new HashMap<>();
        for (Path f : yamlFiles()) {
            if (isKustomization(f)) {
                ObjectNode k = Yaml.readAll(f).get(0);
                for (String field : List.of("resources", "patchesStrategicMerge")) {
                    for (String entry : Kustomize.strings(k, field)) {
                        uses.merge(f.getParent().resolve(entry).normalize(), 1, Integer::sum);
                    }
                }
            }
        }
        for (Path f : yamlFiles()) {
            if (!isKustomization(f)) {
                assertEquals(1, uses.getOrDefault(f.normalize(), 0),
                        Repo.k8s().relativize(f) + " must be listed by exactly one kustomization");
            }
        }
    }

    /** Secrets are created by the operator (or by Strimzi/CloudNativePG), never committed. */
    @Test
    void noSecretValuesAreCommitted() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path f : yamlFiles()) {
            for (ObjectNode d : Yaml.readAll(f)) {
                String where = Repo.k8s().relativize(f) + " " + Kustomize.id(d);
                if (d.path("kind").asText().equals("Secret")) {
                    problems.add(where + ": a Secret object; create secrets out of band (deploy/README.md)");
                }
                if (d.path("kind").asText().equals("ConfigMap")) {
                    d.path("data").fieldNames().forEachRemaining(key -> {
                        if (SECRET_NAME.matcher(key).matches()) {
                            problems.add(where + ": " + key + " looks like a secret and belongs in a Secret");
                        }
                    });
                }
                walk(d, "", (path, node) -> {
                    if (path.endsWith("/env[]") && node.has("value")
                            && SECRET_NAME.matcher(node.path("name").asText()).matches()) {
                        problems.add(where + ": env " + node.path("name").asText()
                                + " has an inline value; use valueFrom.secretKeyRef");
                    }
                    if (node.has("stringData") || (node.has("data") && node.path("kind").asText().equals("Secret"))) {
                        problems.add(where + ": secret data at " + path);
                    }
                });
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    interface Visitor {
        void visit(String path, JsonNode node);
    }

    static void walk(JsonNode node, String path, Visitor v) {
        if (node.isObject()) {
            v.visit(path, node);
            node.fields().forEachRemaining(e -> walk(e.getValue(), path + "/" + e.getKey(), v));
        } else if (node.isArray()) {
            node.forEach(n -> walk(n, path + "[]", v));
        }
    }

    /** ConfigMap values must be strings (Kubernetes refuses numbers and booleans there). */
    @Test
    void configMapValuesAreStrings() throws IOException {
        for (Path f : yamlFiles()) {
            for (ObjectNode d : Yaml.readAll(f)) {
                if (d.path("kind").asText().equals("ConfigMap")) {
                    d.path("data").fields().forEachRemaining(e -> assertTrue(e.getValue().isTextual(),
                            f + ": " + e.getKey() + " must be quoted, it is not a string: " + e.getValue()));
                }
            }
        }
    }
}
