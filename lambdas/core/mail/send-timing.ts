// How long one send may take, and so the shortest claim lease that can cover it (config refuses less).

/** The SES client gives up connecting after this long; nothing was written, so the email was not sent. */
export const SES_CONNECTION_TIMEOUT_MS = 5_000;
/** The SES client gives up on the whole call after this long (connecting included); the outcome is then unclear. */
export const SES_REQUEST_TIMEOUT_MS = 30_000;
/** How long sendOnce keeps retrying the write that records what happened (accepted, or maybe sent). */
export const OUTCOME_WRITE_BUDGET_MS = 20_000;
/** Room for the rest of one send: composing the MIME message, the claim and the address check. */
const MARGIN_MS = 10_000;

/**
 * The shortest SEND_LEASE_SECONDS: a claim must still be its owner's when the SES call and the write
 * after it are done, or another run could take it over and send the same email again.
 */
export const MIN_SEND_LEASE_SECONDS = Math.ceil((SES_REQUEST_TIMEOUT_MS + OUTCOME_WRITE_BUDGET_MS + MARGIN_MS) / 1000);
