package org.cscstats.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cscstats.attack.api.PublicApi;
import org.cscstats.attack.api.ReleaseReading;
import org.cscstats.attack.model.Position;
import org.cscstats.attack.report.AttackResult;
import org.cscstats.attack.report.MarkdownReport;
import org.cscstats.infra.LocalPostgres;
import org.cscstats.local.LocalSystem;
import org.cscstats.local.generator.GeneratorConfig;
import org.cscstats.local.generator.IngestSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/disclosure.md › Guarantees, checked through the running system, measured as an outsider would: synthetic councils' events
 * POSTed to ingest in slices, a release over the operator API after each, then every release of each LA read
 * through the public API and attacked with integer programming (deploy/attacker, no code of the suppression
 * service). The truth (the cubes each release was made from) is read from the suppression database only to judge
 * the attack: once with the outsider's own beliefs (reported), once with only the true ones (asserted: no leak), the
 * attacker of docs/disclosure.md › The attacker. Writes target/attack-report.md.
 */
class PublicApiAttackIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Four releases of the small LA: enough history for the attack across releases, within CI's time. */
    private static final int SLICES = Integer.getInteger("attack.slices", 4);
    private static final boolean JOINT = Boolean.getBoolean("attack.joint");
    private static Path data;
    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("cscstats-attack-");
        system = LocalSystem.start(LocalSystem.projectRoot(), data, LocalSystem.Ports.ANY, Map.of());
        // a killed test run must not leave Kafka, PostgreSQL and the services behind
        Runtime.getRuntime().addShutdownHook(new Thread(PublicApiAttackIT::stop, "attack-it-shutdown"));
    }

    @AfterAll
    static synchronized void stop() {
        if (system != null) {
            system.close();
            system = null;
        }
        System.err.println("[PublicApiAttackIT] the system's data and logs are in " + data);
    }

    @Test
    void noReleaseOfAnyCouncilLetsAnOutsiderNarrowASmallCount() throws Exception {
        GeneratorConfig base = GeneratorConfig.defaults().withYears(2023, 2026);
        List<Council> councils = new ArrayList<>();
        councils.add(Council.of("331", "small LA", base.withLas(1).withReferralsPerLaPerYear(200), SLICES));
        if (Boolean.getBoolean("attack.medium")) {
            // ≈ 3,000 children: longer than CI allows on two cores, so only on request
            councils.add(Council.of("856", "medium LA", base.withLas(2).withReferralsPerLaPerYear(670), SLICES));
        }
        StringBuilder report = new StringBuilder("# Public API attack (PublicApiAttackIT)\n\n");
        report.append(JOINT ? "Every release attacked alone, every pair of consecutive releases jointly, and all "
                + "releases jointly.\n\n" : "Every release attacked alone and every pair of consecutive releases "
                + "jointly. The joint attack over all releases is too slow for CI on this machine: it runs in the CLI "
                + "(AttackMain), or here with -Dattack.joint=true.\n\n");
        List<Judgement> outsider = new ArrayList<>();
        List<Judgement> trueOnly = new ArrayList<>();
        StringBuilder details = new StringBuilder();
        for (Council council : councils) {
            List<Integer> children = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (int s = 0; s < council.slices(); s++) {
                new IngestSender(URI.create(system.ingest().url()), LocalSystem.INGEST_KEY)
                        .send(council.slice(s).iterator());
                system.awaitCounted(Duration.ofSeconds(180));
                int status = makeRelease(council.la());
                if (status == 201) {
                    children.add(council.childrenUpTo(s + 1));
                } else {
                    refused.add("slice " + (s + 1) + ": " + status);
                }
            }
            List<ReleaseReading> releases = new PublicApi(system.suppression().url())
                    .archivingTo(Path.of("target", "attack-archive")).releases(council.la());
            TrueCubes truth = TrueCubes.read(system.postgres().jdbcUrl("suppression"), LocalPostgres.USER,
                    LocalPostgres.PASSWORD, council.la());
            // with target/attack-archive, ArchiveJudge reruns the attack offline
            truth.save(Path.of("target", "attack-truth"));
            if (!refused.isEmpty()) {
                details.append("\n").append(council.label()).append(": releases refused (fail closed): ")
                        .append(refused).append("\n");
            }
            // scopes: [from, to) of the releases attacked together
            List<int[]> scopes = new ArrayList<>();
            for (int k = 0; k < releases.size(); k++) {
                scopes.add(new int[] {k, k + 1});
            }
            for (int k = 0; k + 1 < releases.size(); k++) {
                scopes.add(new int[] {k, k + 2});
            }
            if (JOINT && releases.size() > 2) {
                scopes.add(new int[] {0, releases.size()});
            }
            for (int[] sc : scopes) {
                String scope = sc[1] - sc[0] == 1 ? "alone" : sc[1] - sc[0] == 2 ? "pair " + (sc[0] + 1) + "–" + sc[1]
                        : "joint 1–" + sc[1];
                Instant started = Instant.now();
                AttackResult attack = AttackResult.of(council.la(), releases.subList(sc[0], sc[1]));
                System.out.println("[PublicApiAttackIT] " + council.label() + " " + scope + " from release "
                        + (sc[0] + 1) + ": attack took " + Duration.between(started, Instant.now()).toMillis() + " ms");
                List<Integer> counted = children.subList(Math.min(sc[0], children.size()),
                        Math.min(sc[1], children.size()));
                Judgement j = Judgement.of(council.label(), scope, attack, truth, counted);
                outsider.add(j);
                // The guarantee's attacker holds only true beliefs (TrueBeliefs): the same attack without the
                // outsider's false ones, or the same judgement where it held none.
                AttackResult held = attack;
                Judgement t = j;
                if (j.beliefsFalse() > 0) {
                    held = TrueBeliefs.attack(council.la(), attack.model(), truth);
                    t = Judgement.of(council.label(), scope, held, truth, counted);
                }
                trueOnly.add(t);
                String where = council.label() + ", " + scope + " from release " + (sc[0] + 1);
                if (!j.leaks().isEmpty() || !j.wrong().isEmpty() || !j.modelErrors().isEmpty()
                        || j.rows().stream().anyMatch(r -> r.undecided() > 0)) {
                    details.append("\n").append(findings(where + ", the outsider's beliefs", j)).append("\n")
                            .append(MarkdownReport.of(attack));
                }
                if (t != j && (!t.leaks().isEmpty() || t.rows().stream().anyMatch(r -> r.undecided() > 0))) {
                    details.append("\n").append(findings(where + ", true beliefs only", t)).append("\n")
                            .append(MarkdownReport.of(held));
                }
            }
        }
        report.append("Each scope is judged twice: with the outsider's own beliefs (counts do not shrink, notes), some of "
                + "which the truth contradicts, and with true beliefs only, the attacker of the disclosure rules (rule 5: "
                + "it knows which figures stayed, grew or shrank). The test asserts no leak under the second.\n\n");
        report.append("| beliefs | council | scope | release | children | withheld | primary cells | narrower than p "
                + "| exact | undecided | leaks | wrong inferences | withheld narrower than p |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < 2 * outsider.size(); i++) {
            Judgement j = i % 2 == 0 ? outsider.get(i / 2) : trueOnly.get(i / 2);
            for (Judgement.Row r : j.rows()) {
                report.append("| ").append(i % 2 == 0 ? "outsider's" : "true only").append(" | ")
                        .append(r.council()).append(" | ").append(r.scope()).append(" | ")
                        .append(r.release()).append(" | ").append(r.children()).append(" | ").append(r.withheld())
                        .append(" | ").append(r.primary()).append(" | ").append(r.primaryNarrow()).append(" | ")
                        .append(r.primaryExact()).append(" | ").append(r.undecided()).append(" | ")
                        .append(r.leaks()).append(" | ").append(r.wrongInferences()).append(" | ")
                        .append(r.withheldNarrow()).append(" |\n");
            }
        }
        report.append(details);
        Path out = Path.of("target", "attack-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        System.out.println(report);

        for (Judgement j : outsider) {
            assertTrue(j.modelErrors().isEmpty(), "the attacker's model contradicts the true cubes (a relation or "
                    + "display it assumes does not hold): " + j.modelErrors().stream().limit(10).toList());
        }
        int outsiderLeaks = outsider.stream().mapToInt(j -> j.leaks().size()).sum();
        System.out.println("[PublicApiAttackIT] leaks with the outsider's own beliefs (some false, reported only): "
                + outsiderLeaks);
        int leaks = trueOnly.stream().mapToInt(j -> j.leaks().size()).sum();
        assertEquals(0, leaks, "small counts an attacker holding only true beliefs narrows below p (see "
                + "target/attack-report.md)");
        // undecided is not a pass: a figure the attack could neither show wide nor narrow is unmeasured
        int undecided = trueOnly.stream().flatMap(j -> j.rows().stream()).mapToInt(Judgement.Row::undecided).sum();
        assertEquals(0, undecided, "withheld figures the attack could not decide (see target/attack-report.md)");
    }

    private static String findings(String council, Judgement j) {
        StringBuilder md = new StringBuilder("## " + council + ": leaks and wrong inferences\n\n");
        md.append(j.beliefsFalse()).append(" of the attacker's beliefs (growth, notes) are false of the truth.\n\n");
        md.append("| kind | release | table | row | column | shown | interval | true |\n|---|---|---|---|---|---|---|---|\n");
        for (Judgement.Finding f : j.leaks()) {
            md.append(row("leak", f));
        }
        for (Judgement.Finding f : j.wrong()) {
            md.append(row("wrong", f));
        }
        return md.toString();
    }

    private static String row(String kind, Judgement.Finding f) {
        Position p = f.result().target().positions().get(0);
        return "| " + kind + " | " + f.release() + " | " + p.table() + " | " + p.rowLabel() + " | " + p.columnLabel()
                + " | `" + f.result().target().display() + "` | " + f.result().interval() + " | " + f.truth() + " |\n";
    }

    /** POSTs a release; retries while one is being made or figures are still arriving (bounded). */
    private static int makeRelease(String la) throws Exception {
        // only a guard against a hung service (the protection of a later release can take minutes), not a measure
        Instant deadline = Instant.now().plusSeconds(900);
        int status;
        do {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(system.suppression().url()
                            + "/v1/las/" + la + "/releases")).timeout(Duration.ofSeconds(900))
                    .header("Authorization", "Bearer " + LocalSystem.OPERATOR_KEY)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            status = r.statusCode();
            if (status == 201 || status == 422) {
                if (status == 422) {
                    System.out.println("[PublicApiAttackIT] release of " + la + " refused: " + r.body());
                }
                return status;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no release of LA " + la + " within 900 s: last status " + status);
    }
}
