package org.cscstats.attack.model;

import org.cscstats.contract.Measure;

/** One underlying cube cell: a measure, a financial year ({@code 2023/24}) and its canonical cell key. */
public record Cell(Measure measure, String fy, String key) {

    @Override
    public String toString() {
        return measure.id() + "|" + fy + "|" + key;
    }
}
