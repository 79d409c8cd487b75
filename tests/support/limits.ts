// The one time limit of the test suites: a guard against a hang, not a speed requirement.
// Generous so that a machine busy with other work (two cores shared with builds) never trips
// it; every wait in the tests is for an event, never for an amount of time.
export const HANG_GUARD_MS = 10 * 60_000;
