package org.cscstats.k8scheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes NetworkPolicy semantics, enough to answer "may this source reach that pod on that port": a pod
 * selected by no policy of a direction is open in that direction; otherwise traffic must match a rule of one of
 * the policies selecting it (rules are additive), on both the sender's egress and the receiver's ingress side.
 * Namespaces are identified by their automatic label {@code kubernetes.io/metadata.name}.
 */
final class NetworkPolicies {
    /** Something that sends or receives: a pod (namespace + labels + named ports) or an address outside the cluster. */
    record Endpoint(String description, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts,
                    String ip) {
        static Endpoint pod(String description, String namespace, Map<String, String> labels) {
            return new Endpoint(description, namespace, labels, Map.of(), null);
        }

        static Endpoint pod(String description, String namespace, Map<String, String> labels,
                            Map<String, Integer> namedPorts) {
            return new Endpoint(description, namespace, labels, namedPorts, null);
        }

        static Endpoint external(String ip) {
            return new Endpoint("address " + ip, null, Map.of(), Map.of(), ip);
        }

        boolean isPod() {
            return ip == null;
        }

        Map<String, String> namespaceLabels() {
            return Map.of("kubernetes.io/metadata.name", namespace);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private final List<JsonNode> policies;
    private final String namespace;

    NetworkPolicies(Rendered rendered) {
        this.policies = new ArrayList<>(rendered.ofKind("NetworkPolicy"));
        this.namespace = rendered.namespace();
    }

    NetworkPolicies(List<JsonNode> policies, String namespace) {
        this.policies = policies;
        this.namespace = namespace;
    }

    /** May {@code from} open a connection to {@code to} on {@code port}/{@code protocol}? */
    boolean allowed(Endpoint from, Endpoint to, int port, String protocol) {
        boolean egressOk = !from.isPod() || !from.namespace().equals(namespace)
                || sideAllows(from, "Egress", "egress", "to", to, port, protocol, to);
        boolean ingressOk = !to.isPod() || !to.namespace().equals(namespace)
                || sideAllows(to, "Ingress", "ingress", "from", from, port, protocol, to);
        return egressOk && ingressOk;
    }

    private boolean sideAllows(Endpoint subject, String type, String rulesField, String peersField, Endpoint peer,
                               int port, String protocol, Endpoint destination) {
        boolean selected = false;
        for (JsonNode p : policies) {
            JsonNode spec = p.path("spec");
            if (!types(spec).contains(type) || !Selectors.matches(spec.path("podSelector"), subject.labels())) {
                continue;
            }
            selected = true;
            for (JsonNode rule : spec.path(rulesField)) {
                if (peerMatches(rule.path(peersField), peer) && portMatches(rule.path("ports"), port, protocol,
                        destination)) {
                    return true;
                }
            }
        }
        return !selected;
    }

    static List<String> types(JsonNode spec) {
        List<String> out = new ArrayList<>();
        if (spec.has("policyTypes")) {
            spec.get("policyTypes").forEach(t -> out.add(t.asText()));
        } else {
            out.add("Ingress");
            if (spec.has("egress")) {
                out.add("Egress");
            }
        }
        return out;
    }

    private boolean peerMatches(JsonNode peers, Endpoint peer) {
        if (peers.isMissingNode() || peers.isNull() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode p : peers) {
            if (p.has("ipBlock")) {
                if (!peer.isPod() && Cidr.contains(p.path("ipBlock"), peer.ip())) {
                    return true;
                }
                continue;
            }
            if (!peer.isPod()) {
                continue;
            }
            boolean nsOk = p.has("namespaceSelector")
                    ? Selectors.matches(p.get("namespaceSelector"), peer.namespaceLabels())
                    : peer.namespace().equals(namespace);
            boolean podOk = !p.has("podSelector") || Selectors.matches(p.get("podSelector"), peer.labels());
            if (nsOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean portMatches(JsonNode ports, int port, String protocol, Endpoint destination) {
        if (ports.isMissingNode() || ports.isNull() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            if (!p.path("protocol").asText("TCP").equals(protocol)) {
                continue;
            }
            JsonNode value = p.get("port");
            if (value == null) {
                return true;
            }
            int from;
            if (value.isNumber()) {
                from = value.asInt();
            } else {
                Integer named = destination.namedPorts().get(value.asText());
                if (named == null) {
                    continue;
                }
                from = named;
            }
            int to = p.has("endPort") ? p.get("endPort").asInt() : from;
            if (port >= from && port <= to) {
                return true;
            }
        }
        return false;
    }

    /** Label selectors: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist). */
    static final class Selectors {
        private Selectors() {
        }

        static boolean matches(JsonNode selector, Map<String, String> labels) {
            if (selector == null || selector.isMissingNode() || selector.isNull()) {
                return true;
            }
            for (var it = selector.path("matchLabels").fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
            for (JsonNode expr : selector.path("matchExpressions")) {
                String key = expr.path("key").asText();
                List<String> values = new ArrayList<>();
                expr.path("values").forEach(v -> values.add(v.asText()));
                boolean ok = switch (expr.path("operator").asText()) {
                    case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                    case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                    case "Exists" -> labels.containsKey(key);
                    case "DoesNotExist" -> !labels.containsKey(key);
                    default -> throw new IllegalArgumentException("operator " + expr.path("operator"));
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }

    /** IPv4 CIDR blocks with exceptions. */
    static final class Cidr {
        private Cidr() {
        }

        static boolean contains(JsonNode ipBlock, String ip) {
            if (!in(ipBlock.path("cidr").asText(), ip)) {
                return false;
            }
            for (JsonNode except : ipBlock.path("except")) {
                if (in(except.asText(), ip)) {
                    return false;
                }
            }
            return true;
        }

        static boolean in(String cidr, String ip) {
            if (cidr.contains(":") || ip.contains(":")) {
                return false;
            }
            String[] parts = cidr.split("/");
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return (toLong(parts[0]) & mask) == (toLong(ip) & mask);
        }

        private static long toLong(String ip) {
            long v = 0;
            for (String octet : ip.split("\\.")) {
                v = (v << 8) | Integer.parseInt(octet);
            }
            return v;
        }
    }
}
