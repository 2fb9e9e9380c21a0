/**
 * Synthetic children's social care case histories, for load tests, demos and end-to-end checks.
 * <p>
 * {@link org.cscstats.local.generator.CaseHistoryGenerator} turns a
 * {@link org.cscstats.local.generator.GeneratorConfig} into raw {@code CaseEvent}s (every type of
 * {@code docs/events.md}), calibrated to Coventry's FOI replies and delivered in a realistic, untidy order
 * ({@link org.cscstats.local.generator.Messiness}). {@link org.cscstats.local.generator.NdjsonWriter} writes them
 * as NDJSON, {@link org.cscstats.local.generator.IngestSender} posts them to the ingest service, and
 * {@link org.cscstats.local.generator.GenerateMain} does either from the command line.
 * <p>
 * How a run is built: each LA ({@link org.cscstats.local.generator.LocalAuthorities}) is generated day by day
 * ({@code LaEventSource}); each day brings new children ({@code ChildSimulator}), whose whole history — early
 * help, referrals, re-referrals, and each referral's course ({@code EpisodeSimulator}) — is decided at once and
 * queued by delivery time ({@code Delivery}, {@code DeliveryQueue}); events leave the queue once no child still
 * to come could be sent before them. Every random choice derives from the seed, per LA and per child.
 */
package org.cscstats.local.generator;
