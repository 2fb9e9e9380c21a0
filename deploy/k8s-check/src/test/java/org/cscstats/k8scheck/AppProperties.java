package org.cscstats.k8scheck;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code src/main/resources/application.properties} as the prod profile sees it, with
 * {@code ${NAME:default}} expressions resolved against a container's environment, as SmallRye Config does.
 */
final class AppProperties {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    final String module;
    /** prod-profile properties, raw (unresolved) */
    final Map<String, String> raw = new TreeMap<>();

    private AppProperties(String module) {
        this.module = module;
    }

    static AppProperties of(String module) {
        AppProperties p = new AppProperties(module);
        Properties all = new Properties();
        try {
            all.load(new StringReader(Repo.read(Repo.applicationProperties(module))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> prod = new LinkedHashMap<>();
        for (String key : all.stringPropertyNames()) {
            if (key.startsWith("%prod.")) {
                prod.put(key.substring("%prod.".length()), all.getProperty(key));
            } else if (!key.startsWith("%")) {
                p.raw.putIfAbsent(key, all.getProperty(key));
            }
        }
        p.raw.putAll(prod);
        return p;
    }

    /** Environment variables the file reads, each with whether it has a default. */
    Map<String, Boolean> environmentVariables() {
        Map<String, Boolean> vars = new TreeMap<>();
        for (String value : raw.values()) {
            Matcher m = EXPRESSION.matcher(value);
            while (m.find()) {
                String name = m.group(1);
                if (!name.contains(".")) {
                    vars.merge(name, m.group(2) != null, Boolean::logicalOr);
                }
            }
        }
        return vars;
    }

    /** Required variables: referenced without a default. */
    Set<String> requiredVariables() {
        Set<String> out = new LinkedHashSet<>();
        environmentVariables().forEach((k, hasDefault) -> {
            if (!hasDefault) {
                out.add(k);
            }
        });
        return out;
    }

    /** A property's value with expressions resolved against {@code env} (then defaults); null if absent. */
    String resolve(String key, Map<String, String> env) {
        String value = raw.get(key);
        if (value == null) {
            return null;
        }
        return resolveValue(value, env, 0);
    }

    private String resolveValue(String value, Map<String, String> env, int depth) {
        if (depth > 10) {
            throw new IllegalStateException("expression loop in " + value);
        }
        Matcher m = EXPRESSION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (env.containsKey(name)) {
                replacement = env.get(name);
            } else if (raw.containsKey(name)) {
                replacement = resolveValue(raw.get(name), env, depth + 1);
            } else if (m.group(2) != null) {
                replacement = resolveValue(m.group(2), env, depth + 1);
            } else {
                throw new AssertionError(module + ": " + name + " is required but not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Incoming or outgoing messaging channels: channel name to its Kafka topic (resolved). */
    Map<String, String> channels(String direction, Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        String prefix = "mp.messaging." + direction + ".";
        for (String key : raw.keySet()) {
            if (key.startsWith(prefix) && key.endsWith(".connector") && raw.get(key).equals("smallrye-kafka")) {
                String channel = key.substring(prefix.length(), key.length() - ".connector".length());
                String topic = resolve(prefix + channel + ".topic", env);
                out.put(channel, topic == null ? channel : topic);
            }
        }
        return out;
    }

    String groupId(String channel, Map<String, String> env) {
        return resolve("mp.messaging.incoming." + channel + ".group.id", env);
    }
}
