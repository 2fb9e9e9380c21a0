package org.cscstats.ingest.census;

/** The file is not well-formed XML, or not a CIN census: nothing of it may be published (HTTP 400). */
public class CensusFormatException extends RuntimeException {
    public CensusFormatException(String message) {
        super(message);
    }
}
