package org.cscstats.suppression.protect;

import org.cscstats.contract.Relation;

/** {@code Σ coefs[k]·x[vars[k]] (sense) rhs}, a relation the attacker knows; {@code origin} says which. */
public record Constraint(int[] vars, int[] coefs, Relation.Sense sense, long rhs, String origin) {
}
