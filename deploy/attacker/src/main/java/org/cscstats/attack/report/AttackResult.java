package org.cscstats.attack.report;

import java.util.ArrayList;
import java.util.List;
import org.cscstats.attack.api.ReleaseReading;
import org.cscstats.attack.model.AttackModel;
import org.cscstats.attack.model.ModelBuilder;
import org.cscstats.attack.solve.Attack;
import org.cscstats.attack.solve.TargetResult;

/** The attack on every release of one LA: the model, each withheld figure's interval, and per-release figures. */
public record AttackResult(String la, AttackModel model, List<TargetResult> results, Attack.Effort effort) {

    public static AttackResult of(String la, List<ReleaseReading> releases) {
        AttackModel model = ModelBuilder.build(releases);
        Attack.Outcome outcome = Attack.run(model);
        return new AttackResult(la, model, outcome.results(), outcome.effort());
    }

    public List<TargetResult> of(int release) {
        return results.stream().filter(r -> r.target().release() == release).toList();
    }

    public List<ReleaseFigures> figures() {
        List<ReleaseFigures> out = new ArrayList<>();
        for (int k = 0; k < model.releases().size(); k++) {
            out.add(ReleaseFigures.of(model.releases().get(k), model.policies().get(k).protection(), of(k)));
        }
        return out;
    }
}
