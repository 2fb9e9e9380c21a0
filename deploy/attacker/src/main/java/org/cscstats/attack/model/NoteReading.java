package org.cscstats.attack.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cscstats.attack.api.PolicyView;

/**
 * Reads what a table note claims about a symbol, as a reader would: "between a and b", "n or more", "at most n",
 * and "zeros are never withheld" (then no withheld cell is 0). Notes are attacker knowledge (docs/disclosure.md › Symbols).
 */
final class NoteReading {
    private static final Pattern BETWEEN = Pattern.compile("between (\\d+) and (\\d+)");
    private static final Pattern AT_LEAST = Pattern.compile("(?:(\\d+) or more|at least (\\d+))");
    private static final Pattern AT_MOST = Pattern.compile("(?:(\\d+) or (?:fewer|less)|at most (\\d+))");

    private NoteReading() {
    }

    static Optional<NoteBound> read(String release, String note, PolicyView policy) {
        int colon = note.indexOf(": ");
        if (colon <= 0) {
            return Optional.empty();
        }
        String symbol = note.substring(0, colon).trim();
        String text = note.substring(colon + 2);
        if (symbol.equals("0")) {
            return text.contains("never withheld")
                    ? Optional.of(new NoteBound(release, "*", 1, Constraint.OPEN_ABOVE, note, true))
                    : Optional.empty();
        }
        // "either a small number (between 1 and 5) or ..." states no bound
        if (text.matches("(?s).*\\beither\\b.*\\bor\\b.*")) {
            return Optional.empty();
        }
        long lower = 0;
        long upper = Constraint.OPEN_ABOVE;
        Matcher m = BETWEEN.matcher(text);
        if (m.find()) {
            lower = Long.parseLong(m.group(1));
            upper = Long.parseLong(m.group(2));
        } else {
            m = AT_LEAST.matcher(text);
            if (m.find()) {
                lower = Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
            }
            m = AT_MOST.matcher(text);
            if (m.find()) {
                upper = Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        if (lower == 0 && upper == Constraint.OPEN_ABOVE) {
            return Optional.empty();
        }
        boolean spec = policy.primaryStatesRange() && symbol.equals(policy.primarySymbol())
                && lower == policy.primaryMin() && upper == policy.primaryMax();
        return Optional.of(new NoteBound(release, symbol, lower, upper, note, !spec));
    }

    static List<NoteBound> readAll(String release, List<String> notes, PolicyView policy) {
        List<NoteBound> out = new ArrayList<>();
        for (String n : notes) {
            read(release, n, policy).ifPresent(out::add);
        }
        return out;
    }
}
