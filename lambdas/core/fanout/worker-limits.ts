// The worker's batch and timeout, and how many paced workers fit them: shared by the stack (synth-time check) and the planner (the SES quota it reads). No runtime imports.

/** Work items per worker invocation (the event source's batch size): the worker sends them one after another, paced. */
export const WORKER_BATCH_SIZE = 10;
/** The worker Lambda's timeout. */
export const WORKER_TIMEOUT_SECONDS = 120;
/** Of that timeout, what a batch may spend waiting between its sends; the rest is its RMs' own work (under a second each, measured). */
export const PACED_BATCH_SECONDS = 90;

/**
 * The most workers that can share `rate` (messages a second) while a batch still finishes in time: each
 * waits workers ÷ rate seconds between its sends (sendIntervalMs), so a batch waits
 * (WORKER_BATCH_SIZE − 1) × workers ÷ rate. More workers than this time out mid-batch, and their unsent
 * items come back, one receive more each time, until they are dead-lettered.
 */
export const mostPacedWorkers = (rate: number): number => Math.floor((rate * PACED_BATCH_SECONDS) / (WORKER_BATCH_SIZE - 1));
