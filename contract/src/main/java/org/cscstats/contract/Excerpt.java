package org.cscstats.contract;

/**
 * How an error message quotes what a caller sent: at most {@link #MAX_CODE_POINTS} characters, with control
 * characters, quotes, backslashes and anything outside printable ASCII written as {@code \\uXXXX}, so a hostile
 * value can neither flood an answer or a log nor smuggle NULs, line breaks or look-alike characters into either.
 */
public final class Excerpt {
    public static final int MAX_CODE_POINTS = 40;

    private Excerpt() {
    }

    /** The value quoted in single quotes, cut to the bound with its full length said; "(none)" for null. */
    public static String of(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(MAX_CODE_POINTS + 16).append('\'');
        int shown = 0;
        int i = 0;
        while (i < value.length() && shown < MAX_CODE_POINTS) {
            int cp = value.codePointAt(i);
            if (cp >= 0x20 && cp < 0x7f && cp != '\'' && cp != '"' && cp != '\\') {
                out.append((char) cp);
            } else {
                for (char c : Character.toChars(cp)) {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
            i += Character.charCount(cp);
            shown++;
        }
        out.append('\'');
        if (i < value.length()) {
            out.append("… (").append(value.codePointCount(0, value.length())).append(" characters)");
        }
        return out.toString();
    }
}
