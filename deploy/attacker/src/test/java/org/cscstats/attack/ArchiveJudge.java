package org.cscstats.attack;

import java.nio.file.Path;
import java.util.List;
import org.cscstats.attack.api.PublicApi;
import org.cscstats.attack.model.AttackModel;
import org.cscstats.attack.model.Constraint;
import org.cscstats.attack.model.ModelBuilder;
import org.cscstats.attack.solve.Attack;
import org.cscstats.attack.report.AttackResult;
import org.cscstats.attack.report.MarkdownReport;

/**
 * Test tool: attacks an archive of responses ({@code AttackMain --save}) and judges it against a directory of
 * true cube lists ({@code <release>.json}), without a running system: {@code ArchiveJudge DIR LA TRUTH_DIR [FROM TO]}
 * (releases FROM..TO, counted from 1, attacked jointly; all of them by default).
 *
 * <p>{@code -Dattack.truthBeliefs=true} replaces the outsider's "counts do not shrink" by the beliefs of
 * docs/disclosure.md › The attacker, rule 5, taken from the truth: per cell and consecutive pair, an equality where the true
 * value is unchanged, new ≥ old where it grew, nothing where it shrank. {@code -Dattack.truthBeliefs=dropFalse}
 * keeps new ≥ old wherever the cell did not shrink and drops only the false ones (does a leak need a false belief?).
 *
 * <p>{@code -Dattack.trueBeliefsOnly=true} drops, before solving, every belief (growth or note) the truth violates:
 * a leak that survives rests only on true beliefs and relations, so it is a gap in the protection, not a lucky guess.
 */
public final class ArchiveJudge {
    private ArchiveJudge() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        var releases = new PublicApi("file:" + Path.of(args[0]).toAbsolutePath()).releases(args[1]);
        if (args.length == 5) {
            releases = releases.subList(Integer.parseInt(args[3]) - 1, Integer.parseInt(args[4]));
        }
        TrueCubes truth = TrueCubes.fromFiles(Path.of(args[2]));
        String mode = System.getProperty("attack.truthBeliefs", "false");
        boolean trueBeliefsOnly = Boolean.getBoolean("attack.trueBeliefsOnly");
        AttackResult attack;
        if (mode.equals("false") && !trueBeliefsOnly) {
            attack = AttackResult.of(args[1], releases);
        } else {
            AttackModel m = ModelBuilder.build(releases);
            if (!mode.equals("false")) {
                m = new AttackModel(m.releases(), m.policies(), m.variables(), truthGrowth(m, truth, mode.equals("true")),
                        m.targets(), m.noteBounds());
            }
            if (trueBeliefsOnly) {
                List<Constraint> kept = TrueBeliefs.only(m, truth);
                System.out.println("true beliefs only: " + (m.constraints().size() - kept.size())
                        + " false beliefs dropped");
                m = new AttackModel(m.releases(), m.policies(), m.variables(), kept, m.targets(), m.noteBounds());
            }
            Attack.Outcome o = Attack.run(m);
            attack = new AttackResult(args[1], m, o.results(), o.effort());
        }
        System.out.println(MarkdownReport.of(attack));
        Judgement j = Judgement.of(args[1], "joint", attack, truth, List.of());
        j.rows().forEach(System.out::println);
        System.out.println("model errors: " + j.modelErrors().size() + " " + j.modelErrors().stream().limit(5).toList());
        System.out.println("false beliefs: " + j.beliefsFalse() + "; leaks " + j.leaks().size() + "; wrong " + j.wrong().size());
        j.leaks().stream().limit(40).forEach(f -> System.out.println("LEAK " + f.release() + " " + f.result().target().positions()
                + " " + f.result().target().display() + " " + f.result().interval() + " true " + f.truth()));
        j.wrong().stream().limit(40).forEach(f -> System.out.println("WRONG " + f.release() + " " + f.result().target().positions()
                + " " + f.result().target().display() + " " + f.result().interval() + " true " + f.truth()));
        System.out.printf("%.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** The growth beliefs restricted to the truth: equal where unchanged (if {@code equalities}), ≥ where grew, none where shrank. */
    private static List<Constraint> truthGrowth(AttackModel m, TrueCubes truth, boolean equalities) {
        List<Constraint> out = new java.util.ArrayList<>();
        int eq = 0;
        int grew = 0;
        int shrank = 0;
        for (Constraint c : m.constraints()) {
            if (c.kind() != Constraint.Kind.GROWTH) {
                out.add(c);
                continue;
            }
            int later = c.variables()[0];
            int before = c.variables()[1];
            long now = truth.of(m.releases().get(m.variables().release(later)), m.variables().cell(later));
            long then = truth.of(m.releases().get(m.variables().release(before)), m.variables().cell(before));
            if (now < then) {
                shrank++;
                System.out.println("SHRANK " + m.variables().cell(later) + " " + then + " -> " + now);
            } else if (now == then && equalities) {
                eq++;
                out.add(Constraint.equal(c.variables(), c.coefficients(), 0, Constraint.Kind.GROWTH,
                        "unchanged: " + m.variables().cell(later)));
            } else {
                grew += now > then ? 1 : 0;
                eq += now == then ? 1 : 0;
                out.add(c);
            }
        }
        System.out.println("truth beliefs: " + eq + " unchanged (" + (equalities ? "equalities" : "kept as >=") + "), "
                + grew + " grew (>=), " + shrank + " shrank (dropped)");
        return out;
    }
}
