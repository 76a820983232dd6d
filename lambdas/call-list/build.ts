// Builds one RM's call list for a business date: the reads (queries and batched gets only), then the pure selection.
import pLimit from 'p-limit';
import type { AppConfig } from '../core/config.ts';
import { tiers, type Contact, type IsoDate, type Rm } from '../core/model.ts';
import type { RadarStore } from '../core/store/radar-store.ts';
import type { StoredCallList } from './model.ts';
import { contactCutoff, loanExceptionsOf, selectCallList } from './priority.ts';
import { toLines } from './lines.ts';

/** Far enough ahead that a maturity query from the business date returns every live loan of the RM. */
const END_OF_TIME: IsoDate = '9999-12-31';
const CONTACT_QUERY_CONCURRENCY = 8;

export interface BuildStats {
  /** Clients read by the per-tier queries: only those already past their tier's ideal interval. */
  inactiveCandidates: number;
  /** Clients read because one of their loans raised an exception (in arrears, check due, maturing). */
  exceptionClients: number;
  /** Loans read: the RM's loans in arrears and live loans (for exceptions and for the clients' value). */
  loans: number;
  /** Clients whose contacts were queried: only those on the list. */
  contactLookups: number;
  eligible: number;
  lines: number;
}

export async function buildCallList(
  deps: { store: RadarStore; config: AppConfig },
  rm: Rm,
  businessDate: IsoDate,
  now: Date,
): Promise<{ list: StoredCallList; stats: BuildStats }> {
  const { store, config } = deps;
  const rules = config.callList;
  const timeZone = config.timeZone;

  // Each tier's query stops at that tier's cutoff, so it reads only clients that are already due.
  const [byTier, inArrears, live] = await Promise.all([
    Promise.all(
      tiers.map((tier) =>
        store.listClientsByLastContact(rm.rmId, tier, { contactedBefore: contactCutoff(businessDate, tier, rules, timeZone) }),
      ),
    ),
    store.listLoansInArrears(rm.rmId),
    // The maturity index holds every live loan of the RM: it serves the maturity window, the large-loan
    // checks and each client's loan value with one query, so no extra index is needed.
    store.listLoansMaturing(rm.rmId, businessDate, END_OF_TIME),
  ]);
  const candidates = byTier.flat();
  const loans = [...new Map([...inArrears, ...live].map((loan) => [loan.loanId, loan])).values()];

  const known = new Set(candidates.map((c) => c.clientId));
  const exceptionClientIds = [
    ...new Set(loans.filter((loan) => loanExceptionsOf(loan, businessDate, rules).length > 0).map((loan) => loan.clientId)),
  ].filter((id) => !known.has(id));
  const exceptionClients = exceptionClientIds.length > 0 ? await store.getClients(exceptionClientIds) : [];

  const selection = selectCallList({
    rmId: rm.rmId,
    businessDate,
    timeZone,
    rules,
    capacity: rm.dailyCallCapacity,
    clients: [...candidates, ...exceptionClients],
    loans,
  });

  // Contacts are read for the listed clients only (a capacity's worth of small queries in parallel).
  const limit = pLimit(CONTACT_QUERY_CONCURRENCY);
  const contactLists = await Promise.all(
    selection.entries.map((entry) => limit(async () => [entry.client.clientId, await store.getContacts(entry.client.clientId)] as const)),
  );
  const contactsByClient = new Map<string, Contact[]>(contactLists);

  const lines = toLines(selection.entries, contactsByClient, { locale: rm.locale, businessDate, timeZone });
  return {
    list: {
      rmId: rm.rmId,
      businessDate,
      locale: rm.locale,
      builtAt: now.toISOString(),
      candidatesConsidered: candidates.length + exceptionClients.length,
      eligible: selection.eligible,
      overflow: selection.overflow,
      lines,
    },
    stats: {
      inactiveCandidates: candidates.length,
      exceptionClients: exceptionClients.length,
      loans: loans.length,
      contactLookups: selection.entries.length,
      eligible: selection.eligible,
      lines: lines.length,
    },
  };
}
