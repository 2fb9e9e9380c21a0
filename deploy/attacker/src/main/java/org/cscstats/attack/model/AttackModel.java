package org.cscstats.attack.model;

import java.util.ArrayList;
import java.util.List;
import org.cscstats.attack.api.PolicyView;

/**
 * The outsider's integer model of every release of one LA (docs/disclosure.md › The attacker): variables, what the
 * displays, relations, notes and growth across releases say about them, the withheld figures to attack, and the
 * note bounds found.
 */
public record AttackModel(List<String> releases, List<PolicyView> policies, VariableSpace variables,
        List<Constraint> constraints, List<Target> targets, List<NoteBound> noteBounds) {

    public AttackModel {
        releases = List.copyOf(releases);
        policies = List.copyOf(policies);
        constraints = List.copyOf(constraints);
        targets = List.copyOf(targets);
        noteBounds = List.copyOf(noteBounds);
    }

    /** The constraints an assignment (e.g. the true cube values) violates. */
    public List<Constraint> violatedBy(long[] assignment) {
        List<Constraint> out = new ArrayList<>();
        for (Constraint c : constraints) {
            if (!c.holds(assignment)) {
                out.add(c);
            }
        }
        return out;
    }
}
