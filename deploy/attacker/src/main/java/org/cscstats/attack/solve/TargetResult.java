package org.cscstats.attack.solve;

import org.cscstats.attack.model.Target;

/** A withheld figure and what the attacker derives for it; {@code interval} is null where its component contradicts itself. */
public record TargetResult(Target target, Interval interval) {
}
