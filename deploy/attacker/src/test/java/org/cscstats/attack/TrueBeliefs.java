package org.cscstats.attack;

import java.util.ArrayList;
import java.util.List;
import org.cscstats.attack.model.AttackModel;
import org.cscstats.attack.model.Constraint;
import org.cscstats.attack.report.AttackResult;
import org.cscstats.attack.solve.Attack;

/**
 * The attacker of the disclosure rules, rule 5: it knows, per figure and consecutive pair of releases, whether the
 * count stayed, grew or shrank, so it holds only beliefs that are true. Built here from the outsider's model by
 * dropping, before solving, every belief (growth or note) the truth violates; relations and displays are kept. A
 * leak of this attack rests on true beliefs and relations only: a gap in the protection, not a lucky guess.
 */
final class TrueBeliefs {
    private TrueBeliefs() {
    }

    /** The attack on {@code outsider}'s releases with its false beliefs dropped. */
    static AttackResult attack(String la, AttackModel outsider, TrueCubes truth) {
        AttackModel m = new AttackModel(outsider.releases(), outsider.policies(), outsider.variables(),
                only(outsider, truth), outsider.targets(), outsider.noteBounds());
        Attack.Outcome o = Attack.run(m);
        return new AttackResult(la, m, o.results(), o.effort());
    }

    /** The model's constraints less every belief the true cube values violate. */
    static List<Constraint> only(AttackModel m, TrueCubes truth) {
        long[] x = new long[m.variables().size()];
        for (int v = 0; v < x.length; v++) {
            x[v] = truth.of(m.releases().get(m.variables().release(v)), m.variables().cell(v));
        }
        List<Constraint> out = new ArrayList<>();
        for (Constraint c : m.constraints()) {
            if (!c.kind().belief() || c.holds(x)) {
                out.add(c);
            }
        }
        return out;
    }
}
