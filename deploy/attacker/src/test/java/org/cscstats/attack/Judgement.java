package org.cscstats.attack;

import java.util.ArrayList;
import java.util.List;
import org.cscstats.attack.api.PolicyView;
import org.cscstats.attack.model.AttackModel;
import org.cscstats.attack.model.Constraint;
import org.cscstats.attack.report.AttackResult;
import org.cscstats.attack.solve.Interval;
import org.cscstats.attack.solve.TargetResult;

/**
 * The attack held against the truth. A leak is a primary figure (true value 1..t−1) whose interval is narrower
 * than p and contains the true value; an interval that excludes it is a wrong inference (a count that shrank,
 * e.g. a retraction, fooled the attacker's "counts do not shrink"), counted apart.
 */
record Judgement(List<Row> rows, List<Finding> leaks, List<Finding> wrong, List<Constraint> modelErrors,
        int beliefsFalse) {

    record Row(String council, String scope, String release, int children, int withheld, int primary,
            int primaryNarrow, int primaryExact, int undecided, int leaks, int wrongInferences, int withheldNarrow) {
    }

    record Finding(String release, TargetResult result, long truth) {
    }

    /** {@code scope} names which releases were attacked together (the releases of {@code attack.model()}). */
    static Judgement of(String council, String scope, AttackResult attack, TrueCubes truth, List<Integer> children) {
        AttackModel model = attack.model();
        long[] x = new long[model.variables().size()];
        for (int v = 0; v < x.length; v++) {
            x[v] = truth.of(model.releases().get(model.variables().release(v)), model.variables().cell(v));
        }
        List<Constraint> violated = model.violatedBy(x);
        List<Constraint> modelErrors = violated.stream().filter(c -> !c.kind().belief()).toList();
        int beliefsFalse = violated.size() - modelErrors.size();
        List<Row> rows = new ArrayList<>();
        List<Finding> leaks = new ArrayList<>();
        List<Finding> wrong = new ArrayList<>();
        for (int k = 0; k < model.releases().size(); k++) {
            String release = model.releases().get(k);
            PolicyView policy = model.policies().get(k);
            int primary = 0;
            int narrow = 0;
            int exact = 0;
            int leak = 0;
            int wrongHere = 0;
            int withheldNarrow = 0;
            int undecided = 0;
            List<TargetResult> results = attack.of(k);
            for (TargetResult r : results) {
                long value = 0;
                for (int v : r.target().variables()) {
                    value += x[v];
                }
                Interval i = r.interval();
                boolean isPrimary = value >= policy.primaryMin() && value <= policy.primaryMax();
                boolean isNarrow = i != null && i.narrowerThan(policy.protection());
                withheldNarrow += isNarrow ? 1 : 0;
                undecided += i != null && i.undecided() ? 1 : 0;
                if (i != null && !i.allows(value)) {
                    wrongHere++;
                    wrong.add(new Finding(release, r, value));
                }
                if (isPrimary) {
                    primary++;
                    narrow += isNarrow ? 1 : 0;
                    exact += i != null && i.exact() ? 1 : 0;
                    if (isNarrow && i.allows(value)) {
                        leak++;
                        leaks.add(new Finding(release, r, value));
                    }
                }
            }
            rows.add(new Row(council, scope, release, k < children.size() ? children.get(k) : -1, results.size(),
                    primary, narrow, exact, undecided, leak, wrongHere, withheldNarrow));
        }
        return new Judgement(rows, leaks, wrong, modelErrors, beliefsFalse);
    }
}
