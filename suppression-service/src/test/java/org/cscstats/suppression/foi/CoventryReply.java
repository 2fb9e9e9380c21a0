package org.cscstats.suppression.foi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cscstats.contract.Code;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Measure;
import org.cscstats.suppression.catalogue.Header;
import org.cscstats.suppression.catalogue.PublishedCell;
import org.cscstats.suppression.catalogue.PublishedTable;

/**
 * Reads Coventry's reply FOI633495667 (Markdown, tab-separated tables) into printed tables in our own shape, linked
 * per {@code docs/measures.md}: question 1 is referrals by year, 2 referrals by ethnicity and year, 3 referrals
 * resulting in an assessment by year, 4 those by ethnicity and year, 5 referral outcomes by ethnicity for each
 * year (its "Grand Total" row holds column totals, its "Total" line the year's referrals).
 */
public final class CoventryReply {

    public static final String LA = "331";
    private static final Pattern QUESTION = Pattern.compile("^\\*\\*(\\d)\\)");
    private static final Map<String, String> ETHNICITY_ALIASES = Map.of(
            "not yet obtained", "NOBT", "not stated", "not-stated");

    private CoventryReply() {
    }

    public static List<PublishedTable> parse(String markdown) {
        List<PublishedTable> out = new ArrayList<>();
        List<String> lines = List.of(markdown.split("\\R"));
        int question = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher q = QUESTION.matcher(lines.get(i));
            if (q.find()) {
                question = Integer.parseInt(q.group(1));
                continue;
            }
            if (!lines.get(i).contains("\t")) {
                continue;
            }
            List<String[]> block = new ArrayList<>();
            while (i < lines.size() && lines.get(i).contains("\t")) {
                block.add(cells(lines.get(i)));
                i++;
            }
            out.add(table(question, block));
        }
        return out;
    }

    private static String[] cells(String line) {
        String[] parts = line.replaceAll("</?b>", "").split("\t", -1);
        for (int k = 0; k < parts.length; k++) {
            parts[k] = parts[k].trim();
        }
        return parts;
    }

    private static PublishedTable table(int question, List<String[]> block) {
        return switch (question) {
            case 1 -> byYear("coventry-referrals-by-year", Measure.REFERRALS, block);
            case 2 -> byEthnicity("coventry-referrals-by-ethnicity", Measure.REFERRALS, block);
            case 3 -> byYear("coventry-referrals-assessed-by-year", Measure.REFERRALS_ASSESSED, block);
            case 4 -> byEthnicity("coventry-referrals-assessed-by-ethnicity", Measure.REFERRALS_ASSESSED, block);
            case 5 -> outcomes(block);
            default -> throw new IllegalArgumentException("a table under no known question");
        };
    }

    /** Header lines "\tYear" and "\t2021/22\t…", then one line of figures. */
    private static PublishedTable byYear(String id, Measure m, List<String[]> block) {
        List<Header> years = years(block.get(1), 1);
        String[] data = block.get(2);
        List<PublishedCell> row = new ArrayList<>();
        for (int c = 0; c < years.size(); c++) {
            row.add(cell(data[c + 1]));
        }
        return new PublishedTable(LA, id, m.id(), data[0], Map.of(), null, Dimension.FY.id(), List.of(Header.TOTAL),
                years, List.of(row), null, null, null, List.of());
    }

    /** "Ethnicity\tYear", "\t2021/22\t…", a line per ethnicity, then the total line. */
    private static PublishedTable byEthnicity(String id, Measure m, List<String[]> block) {
        List<Header> years = years(block.get(1), 1);
        List<Header> rows = new ArrayList<>();
        List<List<PublishedCell>> cells = new ArrayList<>();
        List<PublishedCell> totals = null;
        for (String[] line : block.subList(2, block.size())) {
            List<PublishedCell> row = new ArrayList<>();
            for (int c = 0; c < years.size(); c++) {
                row.add(cell(line[c + 1]));
            }
            if (isTotal(line[0])) {
                totals = row;
            } else {
                rows.add(ethnicity(line[0]));
                cells.add(row);
            }
        }
        return new PublishedTable(LA, id, m.id(), m.title() + " by ethnicity", Map.of(), Dimension.ETHNICITY.id(),
                Dimension.FY.id(), rows, years, cells, null, totals, null, List.of());
    }

    /** "Ethnicity\t2021/22", the outcome labels, a line per ethnicity, "Grand Total" (by outcome), "Total". */
    private static PublishedTable outcomes(List<String[]> block) {
        String year = block.get(0)[1];
        FinancialYear.parse(year);
        String[] labels = block.get(1);
        List<Header> columns = new ArrayList<>();
        for (int c = 1; c < labels.length && !labels[c].isEmpty(); c++) {
            columns.add(code(Dimension.OUTCOME, labels[c]));
        }
        List<Header> rows = new ArrayList<>();
        List<List<PublishedCell>> cells = new ArrayList<>();
        List<PublishedCell> columnTotals = null;
        PublishedCell total = null;
        for (String[] line : block.subList(2, block.size())) {
            if (line[0].equalsIgnoreCase("Total")) {
                total = cell(line[1]);
                continue;
            }
            List<PublishedCell> row = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                row.add(cell(line[c + 1]));
            }
            if (isTotal(line[0])) {
                columnTotals = row;
            } else {
                rows.add(ethnicity(line[0]));
                cells.add(row);
            }
        }
        Measure m = Measure.REFERRAL_OUTCOMES;
        String id = "coventry-referral-outcomes-by-ethnicity-" + FinancialYear.parse(year).slug();
        return new PublishedTable(LA, id, m.id(), m.title() + " by ethnicity, " + year, Map.of("fy", year),
                Dimension.ETHNICITY.id(), Dimension.OUTCOME.id(), rows, columns, cells, null, columnTotals, total,
                List.of());
    }

    private static boolean isTotal(String label) {
        return label.equalsIgnoreCase("Grand Total") || label.equalsIgnoreCase("Total");
    }

    private static List<Header> years(String[] line, int from) {
        List<Header> out = new ArrayList<>();
        for (int c = from; c < line.length && !line[c].isEmpty(); c++) {
            String y = FinancialYear.parse(line[c]).label();
            out.add(new Header(y, y));
        }
        return out;
    }

    private static PublishedCell cell(String s) {
        if (s.startsWith("<")) {
            return PublishedCell.withheld(s);
        }
        return PublishedCell.shown(Long.parseLong(s.replace(",", "")));
    }

    private static Header ethnicity(String label) {
        String alias = ETHNICITY_ALIASES.get(label.toLowerCase(Locale.ROOT));
        if (alias != null) {
            return new Header(alias, label);
        }
        return code(Dimension.ETHNICITY, label);
    }

    private static Header code(Dimension d, String label) {
        for (Code c : d.codes()) {
            if (c.label().equalsIgnoreCase(label)) {
                return new Header(c.code(), label);
            }
        }
        throw new IllegalArgumentException("no " + d.id() + " labelled '" + label + "'");
    }
}
