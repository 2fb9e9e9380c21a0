package org.cscstats.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.cscstats.local.generator.CaseHistoryGenerator;
import org.cscstats.local.generator.GeneratorConfig;
import org.cscstats.local.generator.IngestSender;
import org.cscstats.local.generator.SendReport;

/**
 * The local run's demo data: synthetic case histories for a council of Coventry's size (about 5,000 referrals a
 * year) over three financial years, sent through the real ingest API.
 */
final class DemoData {
    /** The demo LA: Coventry's DfE code, whose published FOI figures the generator is calibrated to. */
    static final String LA = "331";

    private DemoData() {
    }

    static void load(LocalSystem system, Path data) {
        // the default mean gives Coventry (weight 1.16) about 5,000 referrals a year; events may not be dated after
        // today, so the last year is the one in progress
        GeneratorConfig config = GeneratorConfig.defaults().withLas(1).withYears(2024, 2026)
                .withToday(LocalDate.now(ZoneId.of("Europe/London")));
        System.out.println("Loading demo data (LA " + LA + ", 2024/25 to 2026/27, about 5,000 referrals a year) through "
                + system.ingest().url() + "/v1/events ...");
        SendReport report = new IngestSender(URI.create(system.ingest().url()), LocalSystem.INGEST_KEY)
                .send(new CaseHistoryGenerator(config).iterator());
        System.out.println("  " + report);
    }
}
