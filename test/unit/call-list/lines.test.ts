// The words on each line: reasons in both locales, whom to call, talking points, last touch; and the CSV and email built from them.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { contact } from '../../../lambdas/core/model.ts';
import { localTimeToInstant } from '../../../lambdas/core/dates/calendar.ts';
import { selectCallList } from '../../../lambdas/call-list/priority.ts';
import { formatAmount, lastTouchSummary, pickContact, productsNotHeld, toLines } from '../../../lambdas/call-list/lines.ts';
import { callListCsv, callListRows } from '../../../lambdas/call-list/csv.ts';
import { csvField, toCsv } from '../../../lambdas/core/csv-write.ts';
import { renderCallListEmail } from '../../../lambdas/call-list/email.ts';
import type { StoredCallList } from '../../../lambdas/call-list/model.ts';
import { aClient, aLoan, anRm, pastDue, rules, TZ } from './fixtures.ts';

const D = '2026-03-05';
const local = (date: string, time: string) => localTimeToInstant(date, time, TZ).toISOString();

const bigInactive = aClient({
  clientId: 'c-big',
  name: '华东钢贸有限公司',
  lastContactAt: local('2026-01-17', '10:00'),
  balances: { demandDeposits: 4_000_000, timeDeposits: 8_000_000, aum: 0 },
  productsHeld: ['现金管理'],
});
const inArrears = aClient({ clientId: 'c-arrears', name: 'Shencheng Materials', lastContactAt: local('2026-02-25', '10:00') });
const loans = [aLoan({ loanId: 'l-1', clientId: 'c-arrears', amount: 5_000_000, ...pastDue(12, D) })];

function linesFor(locale: 'en' | 'zh-CN', contacts = new Map()) {
  const selection = selectCallList({ rmId: 'rm-1', businessDate: D, timeZone: TZ, rules, capacity: 15, clients: [bigInactive, inArrears], loans });
  return toLines(selection.entries, contacts, { locale, businessDate: D, timeZone: TZ });
}

describe('the reason in words', () => {
  it('says why in English', () => {
    const [arrears, inactive] = linesFor('en');
    expect(arrears!.reason).toBe('loan 5.0M 12 days past due · tier A');
    expect(arrears!.flag).toBe('red');
    expect(inactive!.reason).toBe('no contact for 47 days · deposits 12.0M · tier A');
    expect(inactive!.flag).toBe('red');
  });

  it('says why in Chinese', () => {
    const [arrears, inactive] = linesFor('zh-CN');
    expect(arrears!.reason).toBe('贷款500万逾期12天 · A类');
    expect(inactive!.reason).toBe('距上次联系47天 · 存款1200万 · A类');
  });

  it('formats amounts as people say them', () => {
    expect(formatAmount(12_000_000, 'en')).toBe('12.0M');
    expect(formatAmount(850_000, 'en')).toBe('850K');
    expect(formatAmount(1_500_000_000, 'en')).toBe('1.5B');
    expect(formatAmount(5_000_000, 'en', 'USD')).toBe('USD 5.0M');
    expect(formatAmount(12_000_000, 'zh-CN')).toBe('1200万');
    expect(formatAmount(85_000, 'zh-CN')).toBe('8.5万');
    expect(formatAmount(150_000_000, 'zh-CN')).toBe('1.5亿');
  });

  it('keeps the parts of the priority on the line, so the order can be explained', () => {
    const [, inactive] = linesFor('en');
    expect(inactive!.priority).toMatchObject({ daysSinceContact: 47, value: 12_000_000, overdueFactor: 3.36, valueWeight: 3.08 });
    expect(inactive!.priority.score).toBeCloseTo(3.36 * 3.08, 1);
  });
});

describe('whom to call and what to say', () => {
  const contacts = [
    contact.parse({ contactId: 'p-1', clientId: 'c-big', name: '王总', role: '总经理', phone: '13900000001' }),
    contact.parse({ contactId: 'p-2', clientId: 'c-big', name: '赵会计', role: '财务总监', phone: '13800000002' }),
  ];

  it('calls the finance head of a corporate, and the client of an individual', () => {
    expect(pickContact(bigInactive, contacts)?.name).toBe('赵会计');
    expect(pickContact(aClient({ clientId: 'x' }), [contact.parse({ contactId: 'p', clientId: 'x', name: 'Ann', role: 'CFO' })])?.name).toBe('Ann');
    const person = aClient({ clientId: 'i', kind: 'individual', name: '李强' });
    const family = [
      contact.parse({ contactId: 'a', clientId: 'i', name: '李太太', phone: '1' }),
      contact.parse({ contactId: 'b', clientId: 'i', name: '李强', phone: '2' }),
    ];
    expect(pickContact(person, family)?.name).toBe('李强');
    const [, inactive] = linesFor('zh-CN', new Map([['c-big', contacts]]));
    expect(inactive!.contact).toEqual({ name: '赵会计', role: '财务总监', phone: '13800000002' });
  });

  it('suggests products the client does not hold yet, after what an exception asks for', () => {
    expect(productsNotHeld(bigInactive).map((p) => p.en)).not.toContain('cash management');
    const [arrears, inactive] = linesFor('en');
    expect(arrears!.talkingPoints).toEqual(['agree a repayment plan and date', 'offer cash management (not held yet)']);
    expect(inactive!.talkingPoints).toEqual(['offer payroll services (not held yet)', 'offer trade finance (not held yet)']);
  });

  it('summarises the last touch on its local date', () => {
    const touched = aClient({
      clientId: 't',
      lastContactAt: '2026-02-18T15:30:00.000Z',
      lastTouch: { at: '2026-02-18T15:30:00.000Z', channel: 'visit', outcome: 'met CFO', note: 'x'.repeat(300) },
    });
    const summary = lastTouchSummary(touched, 'zh-CN', TZ)!;
    expect(summary.startsWith('2026-02-18 拜访 — met CFO: xxx')).toBe(true);
    expect(summary.length).toBeLessThan(160);
  });
});

describe('CSV for Excel', () => {
  it('quotes every field, doubles quotes, keeps line breaks and commas inside fields, neutralises formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    const rows = [['id', 'note'], ['1', 'line one\nline two, with comma "quoted"'], ['2', '中文']];
    expect(parse(toCsv(rows), { bom: true })).toEqual(rows);
  });

  it('starts the attachment with a UTF-8 BOM and parses back to the list’s rows', () => {
    const list: StoredCallList = {
      rmId: 'rm-1',
      businessDate: D,
      locale: 'zh-CN',
      builtAt: '2026-03-05T00:00:00.000Z',
      candidatesConsidered: 2,
      eligible: 2,
      overflow: 0,
      lines: linesFor('zh-CN'),
    };
    const csv = callListCsv(list);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parse(csv, { bom: true }) as string[][];
    expect(parsed).toEqual(callListRows(list));
    expect(parsed[0]![0]).toBe('序号');
    expect(parsed[2]![10]).toBe('距上次联系47天 · 存款1200万 · A类');
  });
});

describe('the email', () => {
  const list = (locale: 'en' | 'zh-CN', lines = linesFor(locale)): StoredCallList => ({
    rmId: 'rm-1',
    businessDate: D,
    locale,
    builtAt: '2026-03-05T00:00:00.000Z',
    candidatesConsidered: 2,
    eligible: 5,
    overflow: 3,
    lines,
  });

  it('says what and which date in the subject, in the RM’s locale', () => {
    expect(renderCallListEmail(anRm(), list('en')).subject).toBe('Call list for 2026-03-05: 2 clients (1 must act today)');
    expect(renderCallListEmail(anRm({ locale: 'zh-CN' }), list('zh-CN')).subject).toBe('2026-03-05 客户拜访清单：2位客户（1位今日必须处理）');
  });

  it('escapes untrusted text in the HTML and tells the RM about what did not fit', () => {
    const [first, second] = linesFor('en');
    const hostile = { ...first!, clientName: '<script>alert(1)</script>', lastTouch: 'note & <b>bold</b>' };
    const email = renderCallListEmail(anRm(), list('en', [hostile, second!]));
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('note &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(email.text).toContain('<script>alert(1)</script>');
    expect(email.text).toContain('3 more eligible clients did not fit');
    expect(email.attachments?.[0]).toMatchObject({ filename: 'call-list-rm-1-2026-03-05.csv', contentType: 'text/csv; charset=utf-8' });
  });
});
