package org.cscstats.suppression.catalogue;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A row or column of a table: the dimension code, its label, and whether it is the year in progress. */
public record Header(String code, String label,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean partial) {

    public static final Header TOTAL = new Header("total", "Total", false);

    public Header(String code, String label) {
        this(code, label, false);
    }
}
