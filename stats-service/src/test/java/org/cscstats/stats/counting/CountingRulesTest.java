package org.cscstats.stats.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.FinancialYear;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The counting rules of {@code docs/measures.md}, each with a small history whose answer is worked out here. */
class CountingRulesTest {
    private static final FinancialYear CURRENT = new FinancialYear(2024);

    static ChildContribution count(CaseEvent... events) {
        return count(CURRENT, events);
    }

    static ChildContribution count(FinancialYear current, CaseEvent... events) {
        return ChildContribution.of(ChildHistory.of("331", "X", Arrays.asList(events)), current);
    }

    static long get(ChildContribution c, String measure, String fy, String cell) {
        return c.get(new CubeCell(measure, fy, cell));
    }

    static CaseEvent ref(String id, String referralId, String date) {
        return Ev.referral(id, referralId, date, "1A").build();
    }

    @Nested
    class Characteristics_ {
        @Test
        void latestValueFieldByField() {
            ChildContribution c = count(
                    Ev.referral("e1", "R1", "2022-05-01", "1A").born("2010-01-01").sex("M").ethnicity("WBRI").build(),
                    Ev.details("e2", "2022-06-01").ethnicity("AIND").build(),
                    Ev.details("e3", "2021-01-01").sex("F").born("2012-01-01").build());
            // ethnicity from the later record, sex and birth from the referral (later than e3)
            assertEquals(1, get(c, "referrals", "2022/23", "ethnicity=AIND"));
            assertEquals(1, get(c, "referrals", "2022/23", "ethnic-group=asian"));
            assertEquals(1, get(c, "referrals", "2022/23", "sex=M"));
            assertEquals(1, get(c, "referrals", "2022/23", "age-band=10-15"));
        }

        @Test
        void sameDateRecordsTakeTheGreatestValue() {
            ChildContribution c = count(
                    Ev.referral("e1", "R1", "2022-05-01", "1A").ethnicity("MWBC").sex("F").build(),
                    Ev.details("e2", "2022-05-01").ethnicity("WBRI").sex("M").build());
            assertEquals(1, get(c, "referrals", "2022/23", "ethnicity=WBRI"));
            assertEquals(1, get(c, "referrals", "2022/23", "sex=M"));
        }

        @Test
        void nothingRecordedIsNotStatedAndUnknown() {
            ChildContribution c = count(ref("e1", "R1", "2022-05-01"));
            assertEquals(1, get(c, "referrals", "2022/23", "ethnicity=not-stated"));
            assertEquals(1, get(c, "referrals", "2022/23", "ethnic-group=not-known"));
            assertEquals(1, get(c, "referrals", "2022/23", "sex=unknown"));
            assertEquals(1, get(c, "referrals", "2022/23", "age-band=unknown"));
        }

        @Test
        void beforeTheExpectedBirthIsUnborn() {
            ChildContribution c = count(Ev.referral("e1", "R1", "2022-05-01", "1A").expected("2022-08-01").build(),
                    ref("e2", "R2", "2022-09-01"));
            assertEquals(1, get(c, "referrals", "2022/23", "age-band=unborn"));
            assertEquals(1, get(c, "referrals", "2022/23", "age-band=0-4"));
        }

        @Test
        void earlyHelpAssessmentsCarryCharacteristicsToo() {
            ChildContribution c = count(ref("e1", "R1", "2022-05-01"),
                    Ev.of("early-help-assessment", "e2", "2023-01-01").ethnicity("BAFR").build());
            assertEquals(1, get(c, "referrals", "2022/23", "ethnicity=BAFR"));
        }
    }

    @Nested
    class Referrals {
        @Test
        void theEarliestReferralEventThenTheSmallerIdDefinesAReferral() {
            ChildContribution c = count(
                    Ev.referral("e2", "R1", "2022-05-01", "1A").build(),
                    Ev.referral("e1", "R1", "2022-05-01", "6").build(),
                    Ev.referral("e0", "R1", "2022-06-01", "2A").build());
            assertEquals(1, get(c, "referrals", "2022/23", ""));
            assertEquals(1, get(c, "referrals", "2022/23", "referral-source=6"));
            assertEquals(1, get(c, "children-in-need-started", "2022/23", ""));
        }

        @Test
        void aReferralCountsInTheYearOfItsDateWithAgeOnThatDate() {
            ChildContribution c = count(
                    Ev.referral("e1", "R1", "2022-03-31", "1A").born("2017-03-31").build(),
                    ref("e2", "R2", "2022-04-01"));
            assertEquals(1, get(c, "referrals", "2021/22", "age-band=5-9"));
            assertEquals(1, get(c, "referrals", "2022/23", "age-band=5-9"));
        }

        @Test
        void referralsAssessedNeedsAnAssessmentOnThatReferral() {
            ChildContribution c = count(ref("e1", "R1", "2022-05-01"), ref("e2", "R2", "2022-06-01"),
                    Ev.assessment("e3", "R1", "2023-07-01"), Ev.assessment("e4", "R1", "2023-08-01"));
            assertEquals(2, get(c, "referrals", "2022/23", ""));
            // by the referral's year, once per referral, whenever the assessment is dated
            assertEquals(1, get(c, "referrals-assessed", "2022/23", ""));
            assertEquals(1, get(c, "assessments", "2023/24", ""));
        }
    }

    @Nested
    class Outcomes {
        String outcomeOf(CaseEvent... onR1) {
            List<CaseEvent> events = new ArrayList<>(List.of(ref("r", "R1", "2022-05-01")));
            events.addAll(List.of(onR1));
            ChildContribution c = count(events.toArray(CaseEvent[]::new));
            List<String> outcomes = new ArrayList<>();
            c.cells().forEach((cell, v) -> {
                if (cell.measure().equals("referral-outcomes") && cell.cell().startsWith("outcome=")
                        && !cell.cell().contains("|")) {
                    outcomes.add(cell.cell().substring("outcome=".length()));
                }
            });
            assertEquals(1, outcomes.size(), outcomes::toString);
            return outcomes.get(0);
        }

        @Test
        void theFirstOutcomeThatAppliesWins() {
            assertEquals("strategy-discussion", outcomeOf(Ev.strategy("a", "R1", "2022-05-02"),
                    Ev.cpStart("b", "R1", "2022-05-03", "p", "NEG"), Ev.assessment("c", "R1", "2022-05-02")));
            assertEquals("strategy-discussion", outcomeOf(Ev.section47("a", "R1", "2022-05-02", "q")));
            assertEquals("cin-plan", outcomeOf(Ev.cinPlan("a", "R1", "2022-05-02", "p", "start"),
                    Ev.stepDown("b", "R1", "2022-06-01", "early-help")));
            assertEquals("cin-plan", outcomeOf(Ev.cpStart("a", "R1", "2022-05-02", "p", "PHY"),
                    Ev.closure("b", "R1", "2022-06-01", "RC9")));
            assertEquals("step-down", outcomeOf(Ev.stepDown("a", "R1", "2022-05-02", "other-agency")));
            assertEquals("step-down", outcomeOf(Ev.closure("a", "R1", "2022-05-02", "RC9")));
            assertEquals("no-assessment", outcomeOf());
            assertEquals("no-assessment", outcomeOf(Ev.closure("a", "R1", "2022-05-02", "RC8")));
            assertEquals("nfa", outcomeOf(Ev.assessment("a", "R1", "2022-05-02"),
                    Ev.closure("b", "R1", "2022-05-03", "RC8")));
            assertEquals("other", outcomeOf(Ev.assessment("a", "R1", "2022-05-02")));
            assertEquals("other", outcomeOf(Ev.assessment("a", "R1", "2022-05-02"),
                    Ev.closure("b", "R1", "2022-05-03", "RC3")));
            // an end without a start is no plan
            assertEquals("nfa", outcomeOf(Ev.cinPlan("a", "R1", "2022-05-02", "p", "end"),
                    Ev.assessment("b", "R1", "2022-05-02"), Ev.closure("c", "R1", "2022-05-03", "RC8")));
        }

        @Test
        void onlyTheLatestClosureCountsAndOnOneDateTheGreaterReason() {
            assertEquals("other", outcomeOf(Ev.assessment("a", "R1", "2022-05-02"),
                    Ev.closure("b", "R1", "2022-07-01", "RC8"), Ev.closure("c", "R1", "2022-08-01", "RC3")));
            assertEquals("step-down", outcomeOf(Ev.assessment("a", "R1", "2022-05-02"),
                    Ev.closure("b", "R1", "2022-07-01", "RC8"), Ev.closure("c", "R1", "2022-07-01", "RC9")));
        }

        @Test
        void outcomesCrossEveryDimensionAndSumToTheMargins() {
            ChildContribution c = count(Ev.referral("e1", "R1", "2022-05-01", "3A").ethnicity("CHNE").build(),
                    Ev.referral("e2", "R2", "2022-06-01", "3A").build(), Ev.assessment("e3", "R2", "2022-06-02"));
            String fy = "2022/23";
            assertEquals(2, get(c, "referral-outcomes", fy, ""));
            assertEquals(1, get(c, "referral-outcomes", fy, "outcome=no-assessment|ethnicity=CHNE"));
            assertEquals(1, get(c, "referral-outcomes", fy, "outcome=other|ethnic-group=other"));
            assertEquals(1, get(c, "referral-outcomes", fy, "outcome=other|referral-source=3A"));
            assertEquals(1, get(c, "referral-outcomes", fy, "outcome=other|age-band=unknown"));
            assertEquals(2, get(c, "referral-outcomes", fy, "referral-source=3A"));
            assertEquals(2, get(c, "referral-outcomes", fy, "ethnicity=CHNE"));
        }
    }

    @Nested
    class PreviousReferral {
        @Test
        void aSameDayReferralIsNotAPreviousOne() {
            ChildContribution c = count(ref("e1", "R1", "2022-01-10"), ref("e2", "R2", "2022-06-01"),
                    ref("e3", "R3", "2022-06-01"));
            assertEquals(2, get(c, "rereferrals", "2022/23", ""));
            assertEquals(0, get(c, "rereferrals", "2021/22", ""));
            assertEquals(0, get(count(ref("e2", "R2", "2022-06-01"), ref("e3", "R3", "2022-06-01")),
                    "rereferrals", "2022/23", ""));
        }

        @Test
        void betweenEarlierOnesOnOneDayTheGreaterReferralId() {
            // ra and rb both on 2022-01-10; the new referral's previous one is rb
            CaseEvent[] rbClosedRc7 = {ref("e1", "ra", "2022-01-10"), ref("e2", "rb", "2022-01-10"),
                Ev.closure("e3", "ra", "2022-02-01", "RC8"), Ev.closure("e4", "rb", "2022-02-01", "RC7"),
                ref("e5", "rn", "2022-06-01")};
            assertEquals(0, get(count(rbClosedRc7), "rereferrals-after-closure", "2022/23", ""));
            CaseEvent[] rbClosedRc8 = {ref("e1", "ra", "2022-01-10"), ref("e2", "rb", "2022-01-10"),
                Ev.closure("e3", "ra", "2022-02-01", "RC7"), Ev.closure("e4", "rb", "2022-02-01", "RC8"),
                ref("e5", "rn", "2022-06-01")};
            assertEquals(1, get(count(rbClosedRc8), "rereferrals-after-closure", "2022/23", ""));
        }

        @Test
        void within365DaysNot366EvenAcrossALeapDay() {
            // 2020-03-01 → 2021-03-01 is 365 days; 2019-03-01 → 2020-03-01 is 366 (29 Feb 2020)
            ChildContribution in = count(ref("e1", "R1", "2020-03-01"), Ev.assessment("e2", "R1", "2020-03-02"),
                    Ev.closure("e3", "R1", "2020-03-03", "RC8"), ref("e4", "R2", "2021-03-01"));
            assertEquals(1, get(in, "rereferrals", "2020/21", ""));
            assertEquals(1, get(in, "rereferrals-after-closure", "2020/21", ""));
            ChildContribution out = count(ref("e1", "R1", "2019-03-01"), Ev.assessment("e2", "R1", "2019-03-02"),
                    Ev.closure("e3", "R1", "2019-03-03", "RC8"), ref("e4", "R2", "2020-03-01"));
            assertEquals(0, get(out, "rereferrals", "2019/20", ""));
            assertEquals(0, get(out, "rereferrals-after-closure", "2019/20", ""));
        }

        @Test
        void thePreviousClosureMustBeOnOrBeforeTheNewReferral() {
            ChildContribution sameDay = count(ref("e1", "R1", "2022-05-01"),
                    Ev.closure("e2", "R1", "2022-06-01", "RC9"), ref("e3", "R2", "2022-06-01"));
            assertEquals(1, get(sameDay, "rereferrals-after-closure", "2022/23", ""));
            ChildContribution later = count(ref("e1", "R1", "2022-05-01"),
                    Ev.closure("e2", "R1", "2022-06-02", "RC9"), ref("e3", "R2", "2022-06-01"));
            assertEquals(0, get(later, "rereferrals-after-closure", "2022/23", ""));
            assertEquals(1, get(later, "rereferrals", "2022/23", ""));
        }

        @Test
        void onlyThePreviousReferralsClosureCounts() {
            // R1 closed RC8, R2 (open) is R3's previous referral: not a re-referral after closure
            ChildContribution c = count(ref("e1", "R1", "2022-05-01"), Ev.closure("e2", "R1", "2022-05-10", "RC8"),
                    ref("e3", "R2", "2022-06-01"), ref("e4", "R3", "2022-07-01"));
            assertEquals(1, get(c, "rereferrals-after-closure", "2022/23", ""));
            assertEquals(2, get(c, "rereferrals", "2022/23", ""));
        }
    }

    @Nested
    class DistinctChildren {
        @Test
        void ageBandComesFromTheFirstQualifyingEventOfTheYear() {
            ChildContribution c = count(Ev.referral("e1", "R1", "2022-04-10", "1A").born("2017-06-01").build(),
                    Ev.assessment("e2", "R1", "2022-07-01"), Ev.assessment("e3", "R1", "2022-05-01"),
                    Ev.assessment("e4", "R1", "2023-05-01"));
            assertEquals(1, get(c, "assessments", "2022/23", ""));
            assertEquals(1, get(c, "assessments", "2022/23", "age-band=0-4"));
            assertEquals(0, get(c, "assessments", "2022/23", "age-band=5-9"));
            assertEquals(1, get(c, "assessments", "2023/24", "age-band=5-9"));
        }

        @Test
        void sameDayClosuresTakeTheReasonThatSortsFirst() {
            ChildContribution c = count(ref("e1", "R1", "2022-05-01"), ref("e2", "R2", "2022-05-02"),
                    Ev.closure("e3", "R1", "2022-06-20", "RC9"), Ev.closure("e4", "R2", "2022-06-20", "RC8"));
            assertEquals(1, get(c, "closures-after-assessment", "2022/23", ""));
            assertEquals(1, get(c, "closures-after-assessment", "2022/23", "reason=RC8"));
            assertEquals(0, get(c, "closures-after-assessment", "2022/23", "reason=RC9"));
            assertEquals(1, get(c, "children-in-need-ended", "2022/23", ""));
            assertEquals(1, get(c, "step-downs", "2022/23", ""));
        }

        @Test
        void aSupersededClosureIsNotCounted() {
            ChildContribution c = count(ref("e1", "R1", "2022-05-01"),
                    Ev.closure("e2", "R1", "2022-06-01", "RC8"), Ev.closure("e3", "R1", "2023-06-01", "RC1"));
            assertEquals(0, get(c, "closures-after-assessment", "2022/23", ""));
            assertEquals(0, get(c, "children-in-need-ended", "2022/23", ""));
            assertEquals(1, get(c, "children-in-need-ended", "2023/24", ""));
            assertEquals(1, get(c, "children-in-need", "2023/24", ""));
        }

        @Test
        void stepDownsCountEarlyHelpStepDownsAndRc9Closures() {
            ChildContribution c = count(ref("e1", "R1", "2022-05-01"),
                    Ev.stepDown("e2", "R1", "2022-06-01", "other-agency"),
                    Ev.stepDown("e3", "R1", "2023-06-01", "early-help"),
                    ref("e4", "R2", "2024-05-01"), Ev.closure("e5", "R2", "2024-06-01", "RC9"));
            assertEquals(0, get(c, "step-downs", "2022/23", ""));
            assertEquals(1, get(c, "step-downs", "2023/24", ""));
            assertEquals(1, get(c, "step-downs", "2024/25", ""));
        }

        @Test
        void earlyHelpAssessmentsNeedNoReferral() {
            ChildContribution c = count(Ev.earlyHelp("e1", "2022-05-01"), Ev.earlyHelp("e2", "2022-09-01"));
            assertEquals(1, get(c, "early-help-assessments", "2022/23", ""));
            assertEquals(1, get(c, "early-help-assessments", "2022/23", "ethnicity=not-stated"));
        }

        @Test
        void inNeedQualifiesOnTheLaterOfReferralDateAndFirstApril() {
            // 4 on the referral date, 5 on 1 April 2019
            ChildContribution c = count(Ev.referral("e1", "R1", "2019-03-01", "1A").born("2014-03-15").build());
            assertEquals(1, get(c, "children-in-need", "2018/19", "age-band=0-4"));
            assertEquals(1, get(c, "children-in-need", "2019/20", "age-band=5-9"));
            for (int y = 2018; y <= 2024; y++) {
                assertEquals(1, get(c, "children-in-need", new FinancialYear(y).label(), ""));
            }
        }

        @Test
        void anEpisodeClosedOnFirstAprilIsInNeedThatYear() {
            ChildContribution onFirst = count(ref("e1", "R1", "2019-05-01"),
                    Ev.closure("e2", "R1", "2020-04-01", "RC7"));
            assertEquals(1, get(onFirst, "children-in-need", "2020/21", ""));
            assertEquals(0, get(onFirst, "children-in-need", "2021/22", ""));
            ChildContribution onLast = count(ref("e1", "R1", "2019-05-01"),
                    Ev.closure("e2", "R1", "2020-03-31", "RC7"));
            assertEquals(1, get(onLast, "children-in-need", "2019/20", ""));
            assertEquals(0, get(onLast, "children-in-need", "2020/21", ""));
        }

        @Test
        void severalEpisodesInAYearCountTheChildOnce() {
            ChildContribution c = count(Ev.referral("e1", "R1", "2023-01-01", "1A").born("2018-02-01").build(),
                    Ev.closure("e2", "R1", "2023-05-01", "RC7"), ref("e3", "R2", "2023-04-20"),
                    ref("e4", "R3", "2023-09-01"));
            // 2023/24: R1 qualifies on 1 April (age 5), before R2 and R3
            assertEquals(1, get(c, "children-in-need", "2023/24", ""));
            assertEquals(1, get(c, "children-in-need", "2023/24", "age-band=5-9"));
            assertEquals(1, get(c, "children-in-need-started", "2023/24", "age-band=5-9"));
            assertEquals(1, get(c, "children-in-need-started", "2022/23", "age-band=0-4"));
        }
    }

    @Nested
    class PlansAndEnquiries {
        @Test
        void enquiriesAreDistinctByIdWithinTheReferral() {
            ChildContribution c = count(ref("e1", "R1", "2022-05-01"), ref("e2", "R2", "2022-05-01"),
                    Ev.section47("e3", "R1", "2022-06-01", "q1"), Ev.section47("e4", "R1", "2023-06-01", "q1"),
                    Ev.section47("e5", "R1", "2022-07-01", "q2"), Ev.section47("e6", "R2", "2022-07-01", "q1"));
            assertEquals(3, get(c, "section47-enquiries", "2022/23", ""));
            assertEquals(0, get(c, "section47-enquiries", "2023/24", ""));
        }

        @Test
        void theEarliestStartDefinesAPlanAndItsCategory() {
            ChildContribution c = count(ref("e1", "R1", "2022-04-01"),
                    Ev.cpStart("e2", "R1", "2022-05-01", "p1", "PHY"), Ev.cpStart("e3", "R1", "2022-04-15", "p1", "NEG"));
            assertEquals(1, get(c, "cp-plans-started", "2022/23", ""));
            assertEquals(1, get(c, "cp-plans-started", "2022/23", "category=NEG"));
        }

        @Test
        void sameDayStartsOfOnePlanTakeTheSmallerEventId() {
            ChildContribution c = count(ref("e1", "R1", "2022-04-01"),
                    Ev.cpStart("e3", "R1", "2022-05-01", "p1", "EMO"), Ev.cpStart("e2", "R1", "2022-05-01", "p1", "SAB"));
            assertEquals(1, get(c, "cp-plans-started", "2022/23", ""));
            assertEquals(1, get(c, "cp-plans-started", "2022/23", "category=SAB"));
        }

        @Test
        void anEndOnTheStartDayEndsThePlan() {
            ChildContribution c = count(ref("e1", "R1", "2022-04-01"),
                    Ev.cpStart("e2", "R1", "2022-05-01", "p1", "NEG"), Ev.cpEnd("e3", "R1", "2022-05-01", "p1"));
            assertEquals(1, get(c, "cp-plans-ended", "2022/23", "category=NEG"));
            assertEquals(0, get(c, "cp-plans-open", "2022/23", ""));
        }

        @Test
        void anEndBeforeTheStartOrWithoutAStartIsIgnored() {
            ChildContribution c = count(ref("e1", "R1", "2022-04-01"),
                    Ev.cpStart("e2", "R1", "2022-05-01", "p1", "NEG"), Ev.cpEnd("e3", "R1", "2022-04-20", "p1"),
                    Ev.cpEnd("e4", "R1", "2022-06-01", "p2"));
            assertEquals(0, get(c, "cp-plans-ended", "2022/23", ""));
            assertEquals(1, get(c, "cp-plans-started", "2022/23", ""));
            assertEquals(1, get(c, "cp-plans-open", "2022/23", "category=NEG"));
            assertEquals(1, get(c, "cp-plans-open", "2023/24", "category=NEG"));
        }

        @Test
        void theLatestEndEndsAPlanOnce() {
            ChildContribution c = count(ref("e1", "R1", "2022-04-01"),
                    Ev.cpStart("e2", "R1", "2022-05-01", "p1", "SAB"), Ev.cpEnd("e3", "R1", "2022-09-01", "p1"),
                    Ev.cpEnd("e4", "R1", "2023-05-01", "p1"));
            assertEquals(0, get(c, "cp-plans-ended", "2022/23", ""));
            assertEquals(1, get(c, "cp-plans-ended", "2023/24", "category=SAB"));
            assertEquals(1, get(c, "cp-plans-open", "2022/23", ""));
            assertEquals(0, get(c, "cp-plans-open", "2023/24", ""));
        }

        @Test
        void aPlanEndedOn31MarchIsNotOpenOnIt() {
            ChildContribution c = count(ref("e1", "R1", "2022-04-01"),
                    Ev.cpStart("e2", "R1", "2022-05-01", "p1", "SAB"), Ev.cpEnd("e3", "R1", "2023-03-31", "p1"));
            assertEquals(0, get(c, "cp-plans-open", "2022/23", ""));
            assertEquals(1, get(c, "cp-plans-ended", "2022/23", ""));
        }

        @Test
        void theEarliestStartedOpenPlanGivesTheCategoryThenTheSmallerPlanId() {
            ChildContribution c = count(Ev.referral("e1", "R1", "2022-04-01", "1A").born("2012-03-31").build(),
                    Ev.cpStart("e2", "R1", "2022-06-01", "p2", "SAB"), Ev.cpStart("e3", "R1", "2022-05-01", "p9", "EMO"),
                    Ev.cpEnd("e4", "R1", "2023-01-01", "p9"),
                    Ev.cpStart("e5", "R1", "2023-06-01", "p-b", "PHY"), Ev.cpStart("e6", "R1", "2023-06-01", "p-a", "MUL"),
                    Ev.cpEnd("e7", "R1", "2024-01-01", "p2"));
            // 31 March 2023: p2 open (p9 ended) → SAB; 31 March 2024: p-a and p-b started the same day → p-a's MUL
            assertEquals(1, get(c, "cp-plans-open", "2022/23", "category=SAB"));
            assertEquals(1, get(c, "cp-plans-open", "2022/23", ""));
            assertEquals(1, get(c, "cp-plans-open", "2023/24", "category=MUL"));
            assertEquals(1, get(c, "cp-plans-open", "2023/24", "age-band=10-15"));
            assertEquals(4, get(c, "cp-plans-started", "2022/23", "") + get(c, "cp-plans-started", "2023/24", ""));
        }
    }

    @Nested
    class Arrival {
        @Test
        void aReferralScopedEventBeforeItsReferralCountsOnceItArrives() {
            ChildHistory h = new ChildHistory("331", "X");
            h.add(Ev.assessment("e2", "R1", "2022-06-01"));
            h.add(Ev.closure("e3", "R1", "2022-06-20", "RC8"));
            ChildContribution orphan = ChildContribution.of(h, CURRENT);
            assertEquals(ChildContribution.EMPTY, orphan);
            h.add(ref("e1", "R1", "2022-05-10"));
            ChildContribution whole = ChildContribution.of(h, CURRENT);
            assertEquals(count(ref("e1", "R1", "2022-05-10"), Ev.assessment("e2", "R1", "2022-06-01"),
                    Ev.closure("e3", "R1", "2022-06-20", "RC8")), whole);
            assertEquals(1, get(whole, "assessments", "2022/23", ""));
            assertEquals(1, get(whole, "referral-outcomes", "2022/23", "outcome=nfa"));
        }

        @Test
        void anEventOnAnotherReferralOfTheChildDoesNotCount() {
            ChildContribution c = count(ref("e1", "R1", "2022-05-10"), Ev.assessment("e2", "R2", "2022-06-01"));
            assertEquals(0, get(c, "assessments", "2022/23", ""));
            assertEquals(1, get(c, "referral-outcomes", "2022/23", "outcome=no-assessment"));
        }

        @Test
        void snapshotsExistForCompletedYearsOnlyAndNothingAfterTheYearInProgress() {
            CaseEvent[] events = {ref("e1", "R1", "2023-05-01"), Ev.cpStart("e2", "R1", "2023-06-01", "p", "NEG"),
                Ev.allocation("e3", "2023-06-01", "w1", "allocate")};
            ChildContribution during = count(new FinancialYear(2023), events);
            assertEquals(0, get(during, "cp-plans-open", "2023/24", ""));
            assertEquals(0, get(during, "caseload", "2023/24", "worker=w1"));
            assertEquals(1, get(during, "children-in-need", "2023/24", ""));
            assertEquals(0, get(during, "children-in-need", "2024/25", ""));
            ChildContribution after = count(new FinancialYear(2024), events);
            assertEquals(1, get(after, "cp-plans-open", "2023/24", "category=NEG"));
            assertEquals(1, get(after, "caseload", "2023/24", "worker=w1"));
            assertEquals(1, get(after, "children-in-need", "2024/25", ""));
            // a year not yet begun counts nothing
            assertTrue(count(new FinancialYear(2022), events).cells().isEmpty());
        }
    }

    @Nested
    class Caseload {
        @Test
        void workersHoldingTheChildOn31March() {
            ChildContribution c = count(ref("e1", "R1", "2022-04-01"),
                    Ev.allocation("a1", "2022-05-01", "w1", "allocate"),
                    Ev.allocation("a2", "2022-06-01", "w2", "allocate"),
                    Ev.allocation("a3", "2023-01-01", "w2", "unallocate"),
                    // allocated and unallocated on 31 March: the unallocate comes last
                    Ev.allocation("a4", "2023-03-31", "w3", "allocate"),
                    Ev.allocation("a5", "2023-03-31", "w3", "unallocate"),
                    // unallocated and allocated again on 31 March: still, the unallocate comes last
                    Ev.allocation("a6", "2023-03-01", "w4", "allocate"),
                    Ev.allocation("a7", "2023-03-31", "w4", "unallocate"),
                    Ev.allocation("a8", "2023-03-31", "w4", "allocate"),
                    // allocated twice: one worker, one child
                    Ev.allocation("a9", "2023-02-01", "w1", "allocate"),
                    Ev.allocation("b1", "2023-04-01", "w5", "allocate"));
            assertEquals(1, get(c, "caseload", "2022/23", "worker=w1"));
            assertEquals(0, get(c, "caseload", "2022/23", "worker=w2"));
            assertEquals(0, get(c, "caseload", "2022/23", "worker=w3"));
            assertEquals(0, get(c, "caseload", "2022/23", "worker=w4"));
            assertEquals(0, get(c, "caseload", "2022/23", CaseloadStatistics.UNALLOCATED));
            assertEquals(1, get(c, "caseload", "2023/24", "worker=w1"));
            assertEquals(1, get(c, "caseload", "2023/24", "worker=w5"));
            assertEquals(0, get(c, "caseload", "2023/24", "worker=w4"));
        }

        @Test
        void onlyChildrenWithAnEpisodeOpenOn31March() {
            CaseEvent w = Ev.allocation("a1", "2022-05-01", "w1", "allocate");
            // closed on 31 March: not open on it (snapshot rule, as for CP plans)
            ChildContribution closedOn31 = count(ref("e1", "R1", "2022-04-01"), w,
                    Ev.closure("e2", "R1", "2023-03-31", "RC7"));
            assertTrue(closedOn31.cells().keySet().stream().noneMatch(c -> c.measure().equals("caseload")));
            ChildContribution noEpisode = count(w, Ev.earlyHelp("e3", "2022-06-01"));
            assertTrue(noEpisode.cells().keySet().stream().noneMatch(c -> c.measure().equals("caseload")));
            ChildContribution unallocated = count(ref("e1", "R1", "2022-04-01"),
                    Ev.allocation("a1", "2022-05-01", "w1", "allocate"),
                    Ev.allocation("a2", "2022-06-01", "w1", "unallocate"));
            assertEquals(1, get(unallocated, "caseload", "2022/23", CaseloadStatistics.UNALLOCATED));
            assertEquals(0, get(unallocated, "caseload", "2022/23", "worker=w1"));
        }

        @Test
        void publishedStatisticsOverChildren() {
            InMemoryEngine engine = new InMemoryEngine(CURRENT);
            List<CaseEvent> events = List.of(
                    Ev.referral("e1", "R1", "2022-04-01", "1A").child("A").build(),
                    Ev.forChild(Ev.allocation("a1", "2022-05-01", "w1", "allocate"), "A"),
                    Ev.forChild(Ev.allocation("a2", "2022-05-01", "w2", "allocate"), "A"),
                    Ev.referral("e1", "R1", "2022-04-01", "1A").child("B").build(),
                    Ev.forChild(Ev.allocation("a1", "2022-05-01", "w1", "allocate"), "B"),
                    Ev.referral("e1", "R1", "2022-04-01", "1A").child("C").build());
            events.forEach(engine::accept);
            CubeId caseload = new CubeId("caseload", "2022/23");
            assertEquals(Map.of("worker=w1", 2L, "worker=w2", 1L, "statistic=unallocated", 1L),
                    engine.aggregates().cells("331", caseload));
            assertEquals(Map.of("statistic=workers", 2L, "statistic=highest", 2L,
                    "statistic=allocations", 3L, "statistic=unallocated", 1L),
                    engine.aggregates().published("331", caseload));
        }

        @Test
        void nobodyAllocatedPublishesZeros() {
            assertEquals(Map.of("statistic=workers", 0L, "statistic=highest", 0L,
                    "statistic=allocations", 0L, "statistic=unallocated", 0L),
                    CaseloadStatistics.publish(Map.of()));
        }
    }

    @Test
    void ageBandsUseTheContractRules() {
        Characteristics c = new Characteristics("WBRI", "white", "M", LocalDate.of(2015, 6, 1));
        assertEquals("unborn", c.ageBand(LocalDate.of(2015, 5, 31)));
        assertEquals("5-9", c.ageBand(LocalDate.of(2020, 6, 1)));
    }
}
