// Key builders for every item type: the only place that knows how keys are spelled.
import type { IsoDate, MonthDay, Tier } from '../model.ts';

export const keys = {
  rm: (rmId: string) => ({ PK: `RM#${rmId}`, SK: 'RM' }),
  rmRegistry: (rmId: string) => ({ GSI1PK: 'RMS', GSI1SK: `RM#${rmId}` }),

  client: (clientId: string) => ({ PK: `CLIENT#${clientId}`, SK: 'CLIENT' }),
  clientPartition: (clientId: string) => `CLIENT#${clientId}`,
  /** Clients of an RM per tier, oldest contact first; never-contacted clients sort before all. */
  clientsByLastContact: (rmId: string, tier: Tier, lastContactAt: string | undefined, clientId: string) => ({
    GSI1PK: clientsOfRmPartition(rmId, tier),
    GSI1SK: `${lastContactAt ?? NEVER_CONTACTED}#${clientId}`,
  }),

  contact: (clientId: string, contactId: string) => ({ PK: `CLIENT#${clientId}`, SK: `CONTACT#${contactId}` }),
  loan: (clientId: string, loanId: string) => ({ PK: `CLIENT#${clientId}`, SK: `LOAN#${loanId}` }),
  lifeEvent: (clientId: string, eventId: string) => ({ PK: `CLIENT#${clientId}`, SK: `EVENT#${eventId}` }),
  anniversary: (clientId: string, kind: AnniversaryKind) => ({ PK: `CLIENT#${clientId}`, SK: `ANNIV#${kind}` }),
  touch: (clientId: string, at: string, touchId: string) => ({ PK: `CLIENT#${clientId}`, SK: `TOUCH#${at}#${touchId}` }),
  followUp: (clientId: string, touchId: string) => ({ PK: `CLIENT#${clientId}`, SK: `FOLLOWUP#${touchId}` }),

  /** Loans in arrears of an RM, earliest past-due date (most days past due) first (sparse: only loans past due). */
  loansInArrears: (rmId: string, pastDueSince: IsoDate, loanId: string) => ({
    GSI1PK: `RM#${rmId}#ARREARS`,
    GSI1SK: `${pastDueSince}#${loanId}`,
  }),
  /**
   * The arrears entry of a loan stored before pastDueSince existed (only a days-past-due snapshot):
   * the old spelling, `<99999 − days>#<loanId>`, kept when such a loan is re-indexed (client moved).
   */
  loansInArrearsSnapshot: (rmId: string, daysPastDue: number, loanId: string) => ({
    GSI1PK: `RM#${rmId}#ARREARS`,
    GSI1SK: `${String(99_999 - Math.min(daysPastDue, 99_999)).padStart(5, '0')}#${loanId}`,
  }),
  loansByMaturity: (rmId: string, maturityDate: IsoDate, loanId: string) => ({
    GSI3PK: `RM#${rmId}#MATURITY`,
    GSI3SK: `${maturityDate}#${loanId}`,
  }),
  /** Open follow-ups of an RM by due date (sparse: removed when done). */
  openFollowUps: (rmId: string, dueOn: IsoDate, clientId: string, touchId: string) => ({
    GSI3PK: `RM#${rmId}#FOLLOWUP`,
    GSI3SK: `${dueOn}#${clientId}#${touchId}`,
  }),

  /** Calendar index entries: yearly things by (lunar) month-day, one-off things by date. */
  yearlyOn: (rmId: string, monthDay: MonthDay, itemRef: string) => ({ GSI2PK: `RM#${rmId}#MD#${monthDay}`, GSI2SK: itemRef }),
  lunarYearlyOn: (rmId: string, lunarMonthDay: MonthDay, itemRef: string) => ({
    GSI2PK: `RM#${rmId}#LMD#${lunarMonthDay}`,
    GSI2SK: itemRef,
  }),
  onceOn: (rmId: string, date: IsoDate, itemRef: string) => ({ GSI2PK: `RM#${rmId}#DAY#${date}`, GSI2SK: itemRef }),

  /**
   * That an RM's touch-reminders email carried one reminder (lead time) of one occasion (touch-reminders/store.ts):
   * one partition per RM and occasion date, so a run reads exactly the marks it could repeat.
   */
  reminded: (rmId: string, occasionDate: IsoDate, occasionRef: string, step: string) => ({
    PK: `REMINDED#${rmId}#${occasionDate}`,
    SK: `${occasionRef}#${step}`,
  }),

  /** Client name index: one item per company-name key (companyKey) of a client, so news finds clients by name. */
  clientName: (nameKey: string, clientId: string) => ({ PK: `CLIENTNAME#${nameKey}`, SK: `CLIENT#${clientId}` }),
  clientNamePartition: (nameKey: string) => `CLIENTNAME#${nameKey}`,

  /** The drop zone's import record of one object version (exactly once per version). */
  dropZoneImport: (objectKey: string, versionId: string) => ({ PK: `DROPOBJECT#${objectKey}`, SK: `VERSION#${versionId}` }),
  /** A file content the drop zone imported, by its hash, so that an identical re-upload is recognised. */
  dropZoneContent: (contentHash: string) => ({ PK: `DROPCONTENT#${contentHash}`, SK: 'CONTENT' }),
};

export type AnniversaryKind = 'founded' | 'relationship';

export const NEVER_CONTACTED = '0000';

export function clientsOfRmPartition(rmId: string, tier: Tier): string {
  return `RM#${rmId}#TIER#${tier}`;
}

/** The item types, stored in every item's `type` attribute. */
export const itemTypes = {
  rm: 'RM',
  client: 'CLIENT',
  contact: 'CONTACT',
  loan: 'LOAN',
  lifeEvent: 'EVENT',
  anniversary: 'ANNIVERSARY',
  touch: 'TOUCH',
  followUp: 'FOLLOWUP',
  clientName: 'CLIENT_NAME',
  dropZoneImport: 'DROPZONE_IMPORT',
  dropZoneContent: 'DROPZONE_CONTENT',
} as const;
