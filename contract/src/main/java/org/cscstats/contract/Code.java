package org.cscstats.contract;

/** One code of a dimension, with the label readers see. */
public record Code(String code, String label) {
}
