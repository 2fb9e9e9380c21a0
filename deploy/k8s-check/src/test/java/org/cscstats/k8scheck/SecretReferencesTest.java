package org.cscstats.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Secrets are referenced, never inlined: each reference names a secret that either an operator creates from a
 * resource in the same rendering (Strimzi for a KafkaUser and the cluster CA, CloudNativePG for a Cluster), with
 * a key that operator writes, or one deploy/README.md tells the operator to create, by name and key.
 */
class SecretReferencesTest {
    /** Settings that are secrets: they must come from a secretKeyRef. */
    static final Set<String> SECRET_SETTINGS = Set.of("INGEST_PSEUDONYM_KEY", "INGEST_KEYS", "OPERATOR_KEYS",
            "DB_USER", "DB_PASSWORD", "KAFKA_SASL_JAAS_CONFIG");

    static List<String> overlays() {
        return Rendered.overlays();
    }

    record Ref(String secret, String key, String where) {
    }

    static List<Ref> references(Rendered r) {
        List<Ref> refs = new ArrayList<>();
        for (ObjectNode o : r.objects) {
            ManifestFilesTest.walk(o, "", (path, node) -> {
                String where = Kustomize.id(o) + " " + path;
                if (path.endsWith("/secretKeyRef") || path.endsWith("Credentials/accessKeyId")
                        || path.endsWith("Credentials/secretAccessKey") || path.endsWith("Credentials/region")
                        || path.endsWith("Credentials/sessionToken")) {
                    refs.add(new Ref(node.path("name").asText(), node.path("key").asText(), where));
                }
                if (path.endsWith("/secret") && node.has("secretName")) {
                    if (node.has("items")) {
                        node.get("items").forEach(i -> refs.add(new Ref(node.get("secretName").asText(),
                                i.path("key").asText(), where)));
                    } else {
                        refs.add(new Ref(node.get("secretName").asText(), null, where));
                    }
                }
                if (path.endsWith("/secretRef") || path.endsWith("/imagePullSecrets[]")) {
                    refs.add(new Ref(node.path("name").asText(), null, where));
                }
            });
        }
        return refs;
    }

    /** Secrets the operators create from this rendering, with the keys they write. */
    static Map<String, Set<String>> operatorSecrets(Rendered r) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (ObjectNode u : r.ofKind("KafkaUser")) {
            assertEquals("scram-sha-512", u.path("spec").path("authentication").path("type").asText());
            out.put(Rendered.name(u), Set.of("password", "sasl.jaas.config"));
        }
        for (ObjectNode k : r.ofKind("Kafka")) {
            out.put(Rendered.name(k) + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
        }
        for (ObjectNode c : r.ofKind("Cluster")) {
            out.put(Rendered.name(c) + "-app", Set.of("username", "password", "host", "port", "dbname", "uri",
                    "jdbc-uri", "pgpass"));
            out.put(Rendered.name(c) + "-ca", Set.of("ca.crt", "ca.key"));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noSecretIsRendered(String overlay) {
        assertTrue(Rendered.overlay(overlay).ofKind("Secret").isEmpty(), "secrets are created out of band");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void secretSettingsComeFromSecrets(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (ObjectNode d : r.deployments()) {
            for (JsonNode c : Rendered.containers(d)) {
                r.environment(c).forEach((name, value) -> {
                    if (SECRET_SETTINGS.contains(name)) {
                        assertTrue(value.startsWith("secret:"), Rendered.name(d) + ": " + name
                                + " must come from a secretKeyRef");
                    }
                });
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everySecretReferenceIsMadeByAnOperatorOrDocumented(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Map<String, Set<String>> generated = operatorSecrets(r);
        String readme = Repo.read(Repo.root().resolve("deploy/README.md"));
        List<Ref> refs = references(r);
        assertFalse(refs.isEmpty());
        Set<String> manual = new TreeSet<>();
        for (Ref ref : refs) {
            if (generated.containsKey(ref.secret())) {
                assertTrue(ref.key() == null || generated.get(ref.secret()).contains(ref.key()),
                        ref.where() + ": " + ref.secret() + " has no key " + ref.key() + " (has "
                                + generated.get(ref.secret()) + ")");
                continue;
            }
            manual.add(ref.secret() + "/" + ref.key());
            assertTrue(ref.key() != null, ref.where() + ": name the key of secret " + ref.secret());
            boolean documented = readme.lines().anyMatch(l -> l.contains("`" + ref.secret() + "`")
                    && l.contains("`" + ref.key() + "`"));
            assertTrue(documented, ref.where() + ": deploy/README.md must tell operators to create secret `"
                    + ref.secret() + "` with key `" + ref.key() + "` (on one line, in backticks)");
        }
        System.out.printf("%s: secrets to create by hand: %s; made by Strimzi/CloudNativePG: %s%n", overlay, manual,
                generated.keySet());
    }
}
