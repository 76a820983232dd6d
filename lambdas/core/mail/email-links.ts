// The one-tap links an email carries for each call-list line and reminder ("done", "snooze a week", "open").
import type { IsoDate } from '../model.ts';

export interface ActionLinks {
  done: string;
  snooze: string;
  open: string;
}

/** Builds signed workbench links; the jobs get one when a workbench URL and a signing key are configured. */
export interface EmailLinks {
  forLine(rmId: string, clientId: string, businessDate: IsoDate): ActionLinks;
  forReminder(rmId: string, clientId: string, reminderKey: string, businessDate: IsoDate): ActionLinks;
}

export const linkLabels = {
  en: { done: 'Done', snooze: 'Snooze a week', open: 'Open' },
  'zh-CN': { done: '已完成', snooze: '推迟一周', open: '查看' },
} as const;
