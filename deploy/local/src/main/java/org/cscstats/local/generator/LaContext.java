package org.cscstats.local.generator;

/**
 * What every child of one LA shares.
 *
 * @param from    first day anything is recorded (epoch day)
 * @param horizon last day anything is recorded (epoch day)
 */
record LaContext(LaProfile la, long laSeed, long from, long horizon, Messiness messiness, Delivery delivery) {
}
