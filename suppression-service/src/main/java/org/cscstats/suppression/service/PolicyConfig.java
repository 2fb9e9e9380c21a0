package org.cscstats.suppression.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.policy.Zeros;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The deployment's policy: a named preset ({@code foi}, {@code dfe}, {@code nhs}) with any setting overridden
 * by configuration ({@code suppression.threshold}, {@code .zeros}, {@code .primary-symbol},
 * {@code .secondary-symbol}, {@code .rounding}, {@code .protection}, {@code .group-disclosure}).
 */
@ApplicationScoped
public class PolicyConfig {
    private final Policy policy;

    public PolicyConfig(@ConfigProperty(name = "suppression.policy", defaultValue = "foi") String name,
                        @ConfigProperty(name = "suppression.threshold") Optional<Integer> threshold,
                        @ConfigProperty(name = "suppression.zeros") Optional<String> zeros,
                        @ConfigProperty(name = "suppression.primary-symbol") Optional<String> primary,
                        @ConfigProperty(name = "suppression.secondary-symbol") Optional<String> secondary,
                        @ConfigProperty(name = "suppression.rounding") Optional<Integer> rounding,
                        @ConfigProperty(name = "suppression.protection") Optional<Integer> protection,
                        @ConfigProperty(name = "suppression.group-disclosure") Optional<Integer> groupDisclosure) {
        Policy preset = Policy.PRESETS.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("suppression.policy: unknown policy '" + name
                        + "' (choose foi, dfe or nhs)"));
        int t = threshold.orElse(preset.threshold());
        Zeros z = zeros.map(v -> Zeros.valueOf(v.toUpperCase())).orElse(preset.zeros());
        this.policy = new Policy(preset.name(), t, z, primary.orElse(preset.primarySymbol()),
                secondary.orElse(preset.secondarySymbol()), rounding.isPresent() ? rounding.get() : preset.rounding(),
                protection.orElse(threshold.isPresent() || zeros.isPresent() ? Policy.defaultProtection(t, z) : preset.protection()),
                preset.cadence(), groupDisclosure.orElse(preset.groupDisclosure()));
    }

    public Policy get() {
        return policy;
    }

    /** A policy from its description as a release stored it ({@link #describe()}): how that release was printed. */
    @SuppressWarnings("unchecked")
    public static Policy parse(Map<String, Object> d) {
        Map<String, Object> symbols = (Map<String, Object>) d.get("symbols");
        Policy preset = Policy.byName((String) d.get("name"));
        return new Policy(preset.name(), ((Number) d.get("threshold")).intValue(),
                Zeros.valueOf(((String) d.get("zeros")).toUpperCase()), (String) symbols.get("primary"),
                (String) symbols.get("secondary"), d.get("rounding") == null ? null : ((Number) d.get("rounding")).intValue(),
                ((Number) d.get("protection")).intValue(), preset.cadence(),
                // Releases stored before the group-disclosure rule were made without it.
                d.get("groupDisclosure") == null ? 0 : ((Number) d.get("groupDisclosure")).intValue());
    }

    /** The policy object of docs/api.md › Releases, symbols and rounding included. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", policy.name());
        out.put("threshold", policy.threshold());
        out.put("zeros", policy.zeros().name().toLowerCase());
        out.put("protection", policy.protection());
        out.put("rounding", policy.rounding());
        out.put("groupDisclosure", policy.groupDisclosure());
        out.put("symbols", Map.of("primary", policy.primarySymbol(), "secondary", policy.secondarySymbol()));
        return out;
    }
}
