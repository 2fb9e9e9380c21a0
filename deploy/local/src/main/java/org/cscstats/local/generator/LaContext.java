package org.cscstats.local.generator;

/**
 * What every child of one LA shares.
 *
 * @param from        first day anything is recorded (epoch day)
 * @param referralEnd last day a referral is made, or an early-help-only child appears (epoch day)
 * @param horizon     last day anything is recorded: today (epoch day)
 */
record LaContext(LaProfile la, long laSeed, long from, long referralEnd, long horizon, Messiness messiness,
                 Delivery delivery) {
}
