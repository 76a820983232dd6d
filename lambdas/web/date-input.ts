// Dates typed into the workbench's forms: year-month-day as an RM writes it in either language, read into an ISO date on the server.
import * as z from 'zod';
import { isoDate, type IsoDate } from '../core/model.ts';

/** The issue message of a date field that could not be read; the page names the field and shows the format in the RM's language. */
export const DATE_ISSUE = 'date-input';

/**
 * Year, month and day in that order, with `-`, `/`, `.` or 年/月/日 between them, full-width digits and
 * signs alike: `2026-03-12`, `2026/3/12`, `2026年3月12日`, `２０２６－０３－１２`. Day-first and month-first
 * forms (12/03/2026) are refused rather than guessed, since they mean different days in different places.
 */
export function readDateInput(text: string): IsoDate | undefined {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.normalize('NFKC').trim());
  if (!match) return undefined;
  const candidate = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return isoDate.safeParse(candidate).success ? candidate : undefined;
}

/** A date field of a form: read as above, or an issue that names the field. */
export const dateInput = z.string().transform((text, ctx) => {
  const date = readDateInput(text);
  if (date) return date;
  ctx.addIssue({ code: 'custom', message: DATE_ISSUE });
  return z.NEVER;
});

/** An optional date field: left empty, it is absent. */
export const optionalDateInput = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined)
  .pipe(dateInput.optional());
