// Festivals: lunar dates computed for any year, configured lists, reminders early enough for a gift.
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../../lambdas/core/dates/calendar.ts';
import { loadConfig } from '../../../lambdas/core/config.ts';
import { festivalDatesBetween, festivalsDue, festivalsFromConfig } from '../../../lambdas/touch-reminders/festivals.ts';
import { reminderWindow } from '../../../lambdas/touch-reminders/occasions.ts';

const defaults = festivalsFromConfig(loadConfig({ TABLE_NAME: 'rm-radar', SENDER_EMAIL: 'radar@bank.example' }).reminders.festivals);
const byId = (id: string) => defaults.find((f) => f.id === id)!;
const china = new BusinessCalendar({ market: 'CN' });
const weekendsOnly = new BusinessCalendar({ market: 'weekends-only' });

describe('festival dates', () => {
  it('are computed for 2026 and 2027 from the lunar calendar', () => {
    const datesIn = (year: number) =>
      Object.fromEntries(defaults.map((f) => [f.id, festivalDatesBetween(f, `${year}-01-01`, `${year}-12-31`)]));
    expect(datesIn(2026)).toEqual({
      'new-year': ['2026-01-01'],
      'spring-festival': ['2026-02-17'],
      lantern: ['2026-03-03'],
      'dragon-boat': ['2026-06-19'],
      'mid-autumn': ['2026-09-25'],
      'double-ninth': ['2026-10-18'],
    });
    expect(datesIn(2027)).toEqual({
      'new-year': ['2027-01-01'],
      'spring-festival': ['2027-02-06'],
      lantern: ['2027-02-20'],
      'dragon-boat': ['2027-06-09'],
      'mid-autumn': ['2027-09-15'],
      'double-ninth': ['2027-10-08'],
    });
    expect(festivalDatesBetween(byId('spring-festival'), '2040-01-01', '2040-12-31')).toEqual(['2040-02-12']);
  });

  it('take custom lunar and Gregorian entries from the config, and reject unknown ones at start-up', () => {
    const config = loadConfig({
      TABLE_NAME: 'rm-radar',
      SENDER_EMAIL: 'radar@bank.example',
      FESTIVALS: 'mid-autumn, lunar:12-08:腊八节, gregorian:03-08:Women’s Day',
    });
    const festivals = festivalsFromConfig(config.reminders.festivals);
    expect(festivals.map((f) => f.id)).toEqual(['mid-autumn', 'lunar-12-08', 'gregorian-03-08']);
    // Lunar 2026-12-08 falls in January 2027.
    expect(festivalDatesBetween(festivals[1]!, '2027-01-01', '2027-12-31')).toEqual(['2027-01-15']);
    expect(() => loadConfig({ TABLE_NAME: 'rm-radar', SENDER_EMAIL: 'radar@bank.example', FESTIVALS: 'christmas' })).toThrow(/FESTIVALS/);
    expect(() => loadConfig({ TABLE_NAME: 'rm-radar', SENDER_EMAIL: 'radar@bank.example', FESTIVALS: 'gregorian:02-30:x' })).toThrow(/FESTIVALS/);
  });
});

describe('festival reminders', () => {
  it('come the lead days ahead for a gift (Mid-Autumn 2026, lead 10: Tuesday 15 September)', () => {
    const due = festivalsDue(defaults, reminderWindow('2026-09-15', china), 10);
    expect(due.map((d) => [d.festival.id, d.occasionDate, d.daysUntil])).toEqual([['mid-autumn', '2026-09-25', 10]]);
    expect(festivalsDue(defaults, reminderWindow('2026-09-14', china), 10)).toEqual([]);
  });

  it("come on the next run when the run of their day failed (Mid-Autumn 2026: 15 September's email did not go out)", () => {
    const due = festivalsDue(defaults, reminderWindow('2026-09-16', china, '2026-09-14'), 10);
    expect(due).toMatchObject([{ festival: { id: 'mid-autumn' }, occasionDate: '2026-09-25', daysUntil: 9, dueLeads: [10] }]);
    expect(festivalsDue(defaults, reminderWindow('2026-09-16', china), 10)).toEqual([]);
  });

  it('move to the business day before when the reminder day is a day off (Mid-Autumn 2027: lead day is a Sunday)', () => {
    // 2027-09-15 minus 10 days is Sunday 5 September: the gift reminder comes on Friday the 3rd.
    const friday = festivalsDue(defaults, reminderWindow('2027-09-03', weekendsOnly), 10);
    expect(friday.map((d) => [d.festival.id, d.daysUntil])).toEqual([['mid-autumn', 12]]);
    expect(festivalsDue(defaults, reminderWindow('2027-09-06', weekendsOnly), 10)).toEqual([]);
    // On the day (a Wednesday) the greeting reminder comes.
    expect(festivalsDue(defaults, reminderWindow('2027-09-15', weekendsOnly), 10).map((d) => d.daysUntil)).toEqual([0]);
  });

  it('greet before a festival that falls in a public holiday (Spring Festival 2026, holiday 15–23 February)', () => {
    // Saturday 14 February 2026 is a make-up working day, the last before the holiday.
    const due = festivalsDue(defaults, reminderWindow('2026-02-14', china), 10);
    expect(due.map((d) => [d.festival.id, d.occasionDate, d.daysUntil])).toEqual([['spring-festival', '2026-02-17', 3]]);
    // The gift reminder came earlier (its lead day, Saturday 7 February, on Friday the 6th): now the greeting, on a day off.
    expect(due[0]).toMatchObject({ dueLeads: [0], dayOff: true });
    expect(festivalsDue(defaults, reminderWindow('2026-02-06', china), 10).map((d) => [d.festival.id, d.dueLeads])).toEqual([['spring-festival', [10]]]);
    // Nothing is sent late for it after the holiday.
    expect(festivalsDue(defaults, reminderWindow('2026-02-24', china), 10).map((d) => d.festival.id)).not.toContain('spring-festival');
  });

  it('greet on the day only, without a gift lead, for greeting festivals (Lantern 2026 on Tuesday 3 March)', () => {
    expect(festivalsDue(defaults, reminderWindow('2026-02-20', weekendsOnly), 10)).toEqual([]);
    expect(festivalsDue(defaults, reminderWindow('2026-03-03', china), 10).map((d) => [d.festival.id, d.daysUntil])).toEqual([['lantern', 0]]);
  });
});
