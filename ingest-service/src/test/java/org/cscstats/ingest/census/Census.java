package org.cscstats.ingest.census;

import java.time.LocalDate;
import java.util.List;

/**
 * The parts of a CIN census that {@link CinCensusWriter} writes (and the synthetic-data generator fills):
 * only what the event mapping reads, plus the header. Codes are the census's own (sex as M/F/U, written as
 * {@code Sex} or {@code GenderCurrent}); null means "element absent".
 */
public final class Census {
    private Census() {
    }

    /** {@code year} is the collection year: the one containing {@code referenceDate} (31 March). */
    public record Header(String la, int year, LocalDate referenceDate) {
        public static Header forYear(String la, int year) {
            return new Header(la, year, LocalDate.of(year, 3, 31));
        }
    }

    public record Child(String laChildId, LocalDate birthDate, LocalDate expectedBirthDate, String sex,
            String ethnicity, List<CinDetails> cinDetails) {
        public Child {
            cinDetails = List.copyOf(cinDetails);
        }
    }

    public record CinDetails(LocalDate referralDate, String referralSource, LocalDate closureDate,
            String reasonForClosure, List<Assessment> assessments, List<CinPlan> cinPlans, List<Section47> section47s,
            List<CpPlan> cpPlans) {
        public CinDetails {
            assessments = List.copyOf(assessments);
            cinPlans = List.copyOf(cinPlans);
            section47s = List.copyOf(section47s);
            cpPlans = List.copyOf(cpPlans);
        }

        /** A referral with nothing else yet. */
        public static CinDetails referral(LocalDate date, String source) {
            return new CinDetails(date, source, null, null, List.of(), List.of(), List.of(), List.of());
        }
    }

    /** {@code authorisationDate} null: an assessment still in progress. */
    public record Assessment(LocalDate startDate, LocalDate authorisationDate, List<String> factors) {
        public Assessment {
            factors = List.copyOf(factors);
        }
    }

    public record CinPlan(LocalDate start, LocalDate end) {
    }

    public record Section47(LocalDate start) {
    }

    public record CpPlan(LocalDate start, LocalDate end, String initialCategory) {
    }
}
