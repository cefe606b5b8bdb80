/**
 * An endpoint that keeps failing is disabled instead of being retried for ever (issue 25): after
 * this many failed attempts in a row (WEBHOOK_DISABLE_AFTER_FAILURES, 0 = never), provided the run
 * of failures has lasted at least FAILING_FOR_MINUTES — a burst of events meeting a receiver that
 * restarts for a minute does not disable it.
 */
export const disableAfterFailures = () => Number(process.env.WEBHOOK_DISABLE_AFTER_FAILURES ?? 20);
export const FAILING_FOR_MINUTES = 10;

