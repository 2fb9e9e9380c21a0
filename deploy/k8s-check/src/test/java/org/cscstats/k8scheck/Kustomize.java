package org.cscstats.k8scheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the subset of kustomize v2.0.3 (the one in
 * Debian's kubernetes-client, kubectl 1.20) that deploy/k8s uses: {@code resources} (files), {@code bases}
 * (directories), {@code namespace}, {@code patchesStrategicMerge} and {@code images}. Anything else is refused,
 * so a manifest change that needs more of kustomize fails here instead of rendering differently.
 *
 * <p>Strategic merge patches follow Kubernetes' rules for the built-in kinds (maps merge, {@code null} deletes,
 * lists with a merge key such as containers, env, volumes, ports merge by that key, other lists are replaced) and
 * JSON merge patch (RFC 7386) for custom resources, which is what kustomize does for kinds it has no schema of.
 * The test compares this rendering with {@code kubectl kustomize} wherever a kubectl is installed.
 */
final class Kustomize {
    static final Set<String> SUPPORTED_FIELDS = Set.of("apiVersion", "kind", "resources", "bases", "namespace",
            "patchesStrategicMerge", "images");

    /** API groups of the built-in kinds (patched strategically); everything else is a custom resource. */
    private static final Set<String> BUILTIN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy",
            "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io");

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

    private Kustomize() {
    }

    /** The rendered objects of the kustomization in {@code dir}, in resource order. */
    static List<ObjectNode> render(Path dir) {
        Path file = kustomizationFile(dir);
        List<ObjectNode> docs = Yaml.readAll(file);
        if (docs.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one document");
        }
        ObjectNode k = docs.get(0);
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new UnsupportedOperationException(file + ": '" + field + "' is not supported by this check"
                        + " (supported: " + SUPPORTED_FIELDS + ", the kustomize v2.0.3 subset deploy/k8s keeps to)");
            }
        }
        Map<String, ObjectNode> objects = new LinkedHashMap<>();
        for (String base : strings(k, "bases")) {
            Path baseDir = dir.resolve(base).normalize();
            if (!Files.isDirectory(baseDir)) {
                throw new IllegalArgumentException(file + ": base " + base + " is not a directory");
            }
            for (ObjectNode o : render(baseDir)) {
                add(objects, o, file);
            }
        }
        for (String resource : strings(k, "resources")) {
            Path path = dir.resolve(resource).normalize();
            if (Files.isDirectory(path)) {
                throw new IllegalArgumentException(file + ": resource " + resource
                        + " is a directory: kustomize v2.0.3 takes directories only under 'bases'");
            }
            if (!path.startsWith(dir)) {
                throw new IllegalArgumentException(file + ": resource " + resource
                        + " is outside the kustomization's directory, which kustomize refuses");
            }
            for (ObjectNode o : Yaml.readAll(path)) {
                add(objects, o, path);
            }
        }
        for (String patchFile : strings(k, "patchesStrategicMerge")) {
            Path path = dir.resolve(patchFile).normalize();
            for (ObjectNode patch : Yaml.readAll(path)) {
                ObjectNode target = objects.get(matchId(objects, patch, path));
                if (isBuiltin(target)) {
                    strategicMerge(target, patch, "", path);
                } else {
                    jsonMerge(target, patch);
                }
            }
        }
        if (k.hasNonNull("namespace")) {
            String ns = k.get("namespace").asText();
            List<ObjectNode> all = new ArrayList<>(objects.values());
            objects.clear();
            for (ObjectNode o : all) {
                if (!CLUSTER_SCOPED.contains(o.path("kind").asText())) {
                    ((ObjectNode) o.get("metadata")).put("namespace", ns);
                }
                add(objects, o, file);
            }
        }
        if (k.has("images")) {
            for (JsonNode image : k.get("images")) {
                setImage(objects.values(), image);
            }
        }
        return new ArrayList<>(objects.values());
    }

    static Path kustomizationFile(Path dir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalArgumentException("no kustomization in " + dir);
    }

    static List<String> strings(ObjectNode node, String field) {
        List<String> out = new ArrayList<>();
        if (node.has(field)) {
            for (JsonNode n : node.get(field)) {
                out.add(n.asText());
            }
        }
        return out;
    }

    /** kind/namespace/name: what identifies an object in a rendering. */
    static String id(JsonNode o) {
        return o.path("kind").asText() + "/" + o.path("metadata").path("namespace").asText("") + "/"
                + o.path("metadata").path("name").asText();
    }

    static String group(JsonNode o) {
        String apiVersion = o.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    static boolean isBuiltin(JsonNode o) {
        return BUILTIN_GROUPS.contains(group(o));
    }

    private static void add(Map<String, ObjectNode> objects, ObjectNode o, Path from) {
        if (!o.hasNonNull("apiVersion") || !o.hasNonNull("kind") || !o.path("metadata").hasNonNull("name")) {
            throw new IllegalArgumentException(from + ": an object without apiVersion, kind or metadata.name: " + o);
        }
        String id = id(o);
        if (objects.putIfAbsent(id, o) != null) {
            throw new IllegalArgumentException(from + ": " + id + " defined twice");
        }
    }

    private static String matchId(Map<String, ObjectNode> objects, ObjectNode patch, Path from) {
        String kind = patch.path("kind").asText();
        String name = patch.path("metadata").path("name").asText();
        String group = group(patch);
        List<String> matches = new ArrayList<>();
        objects.forEach((id, o) -> {
            if (o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name)
                    && group(o).equals(group)) {
                matches.add(id);
            }
        });
        if (matches.size() != 1) {
            throw new IllegalArgumentException(from + ": patch for " + kind + " " + name + " matches "
                    + matches.size() + " objects");
        }
        return matches.get(0);
    }

    /** RFC 7386: objects merge, null deletes, anything else replaces. */
    static void jsonMerge(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value.isObject() && target.path(e.getKey()).isObject()) {
                jsonMerge((ObjectNode) target.get(e.getKey()), (ObjectNode) value);
            } else {
                target.set(e.getKey(), stripNulls(value.deepCopy()));
            }
        }
    }

    /** Kubernetes strategic merge for the built-in kinds, without the $patch/$setElementOrder directives. */
    static void strategicMerge(ObjectNode target, ObjectNode patch, String path, Path from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.startsWith("$")) {
                throw new UnsupportedOperationException(from + ": strategic merge directive " + key
                        + " is not supported by this check");
            }
            String childPath = path + "/" + key;
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current != null && current.isObject()) {
                strategicMerge((ObjectNode) current, (ObjectNode) value, childPath, from);
            } else if (value.isArray() && current != null && current.isArray() && mergeKey(childPath) != null) {
                mergeList((ArrayNode) current, (ArrayNode) value, mergeKey(childPath), childPath, from);
            } else {
                target.set(key, stripNulls(value.deepCopy()));
            }
        }
    }

    private static void mergeList(ArrayNode current, ArrayNode patch, String mergeKey, String path, Path from) {
        for (JsonNode item : patch) {
            if (!item.isObject() || !item.has(mergeKey)) {
                throw new IllegalArgumentException(from + ": an item of " + path + " has no " + mergeKey);
            }
            ObjectNode existing = null;
            for (JsonNode c : current) {
                if (c.path(mergeKey).equals(item.get(mergeKey))) {
                    existing = (ObjectNode) c;
                }
            }
            if (existing != null) {
                strategicMerge(existing, (ObjectNode) item, path + "[]", from);
            } else {
                current.add(stripNulls(item.deepCopy()));
            }
        }
    }

    /** The patchMergeKey of the built-in list fields deploy/k8s may patch (path: /spec/template/spec/...). */
    static String mergeKey(String path) {
        String field = path.substring(path.lastIndexOf('/') + 1);
        switch (field) {
            case "containers", "initContainers", "ephemeralContainers", "env", "volumes", "imagePullSecrets":
                return "name";
            case "volumeMounts", "volumeDevices":
                return "mountPath";
            case "topologySpreadConstraints":
                return "topologyKey";
            case "hostAliases":
                return "ip";
            case "ports":
                // a container's ports merge by containerPort, a Service's by port
                return path.contains("ontainers[]/") ? "containerPort" : path.equals("/spec/ports") ? "port" : null;
            default:
                return null;
        }
    }

    private static JsonNode stripNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            List<String> nulls = new ArrayList<>();
            o.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else {
                    stripNulls(e.getValue());
                }
            });
            o.remove(nulls);
        } else if (node.isArray()) {
            node.forEach(Kustomize::stripNulls);
        }
        return node;
    }

    /** The images transformer: name, newName, newTag, digest, on every container and init container. */
    private static void setImage(Iterable<ObjectNode> objects, JsonNode rule) {
        String name = rule.path("name").asText();
        for (ObjectNode o : objects) {
            for (String podSpecPath : List.of("/spec", "/spec/template/spec", "/spec/jobTemplate/spec/template/spec")) {
                JsonNode podSpec = o.at(podSpecPath);
                for (String field : List.of("containers", "initContainers")) {
                    for (JsonNode c : podSpec.path(field)) {
                        String image = c.path("image").asText(null);
                        if (image == null) {
                            continue;
                        }
                        Image parsed = Image.parse(image);
                        if (!parsed.name().equals(name)) {
                            continue;
                        }
                        String newName = rule.path("newName").asText(parsed.name());
                        String result;
                        if (rule.hasNonNull("digest")) {
                            result = newName + "@" + rule.get("digest").asText();
                        } else if (rule.hasNonNull("newTag")) {
                            result = newName + ":" + rule.get("newTag").asText();
                        } else {
                            result = newName + parsed.suffix();
                        }
                        ((ObjectNode) c).put("image", result);
                    }
                }
            }
        }
    }

    /** An image reference split into name and tag/digest suffix. */
    record Image(String name, String tag, String digest) {
        static Image parse(String ref) {
            String digest = null;
            int at = ref.indexOf('@');
            if (at >= 0) {
                digest = ref.substring(at + 1);
                ref = ref.substring(0, at);
            }
            String tag = null;
            int colon = ref.lastIndexOf(':');
            if (colon > ref.lastIndexOf('/')) {
                tag = ref.substring(colon + 1);
                ref = ref.substring(0, colon);
            }
            return new Image(ref, tag, digest);
        }

        String suffix() {
            return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
        }
    }
}
