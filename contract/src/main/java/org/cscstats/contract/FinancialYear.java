package org.cscstats.contract;

import java.time.LocalDate;
import java.time.Month;

/** A financial year, 1 April to 31 March, labelled {@code 2023/24}. */
public record FinancialYear(int startYear) implements Comparable<FinancialYear> {

    public static FinancialYear of(LocalDate date) {
        return new FinancialYear(date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1);
    }

    /** Parses {@code 2023/24} (or the table-id form {@code 2023-24}). */
    public static FinancialYear parse(String label) {
        if (!label.matches("\\d{4}[/-]\\d{2}")) {
            throw new IllegalArgumentException("not a financial year: '" + label + "'");
        }
        int start = Integer.parseInt(label.substring(0, 4));
        if ((start + 1) % 100 != Integer.parseInt(label.substring(5))) {
            throw new IllegalArgumentException("not a financial year: '" + label + "'");
        }
        return new FinancialYear(start);
    }

    public LocalDate firstDay() {
        return LocalDate.of(startYear, Month.APRIL, 1);
    }

    /** 31 March, the snapshot date. */
    public LocalDate lastDay() {
        return LocalDate.of(startYear + 1, Month.MARCH, 31);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
    }

    public FinancialYear next() {
        return new FinancialYear(startYear + 1);
    }

    public String label() {
        return String.format("%d/%02d", startYear, (startYear + 1) % 100);
    }

    /** The form used in table ids: {@code 2023-24}. */
    public String slug() {
        return label().replace('/', '-');
    }

    @Override
    public int compareTo(FinancialYear o) {
        return Integer.compare(startYear, o.startYear);
    }

    @Override
    public String toString() {
        return label();
    }
}
