// SEC EDGAR feeds: form types and companies from getcurrent and getcompany Atom feeds, and the signal each form carries.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filingSignal, isSecHost, parseFilingTitle } from '../../../../lambdas/prospect-scan/feeds/edgar.ts';
import { parseFeedBody } from '../../../../lambdas/prospect-scan/feeds/parse.ts';
import { signalsOf } from '../../../../lambdas/prospect-scan/stories.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url));
const source = { feedId: 'sec', feedName: 'EDGAR', industries: [] };

describe('parseFilingTitle', () => {
  it('splits form, company and CIK', () => {
    expect(parseFilingTitle('S-1 - Acme Robotics Inc. (0001987654) (Filer)')).toEqual({
      form: 'S-1',
      company: 'Acme Robotics Inc.',
      cik: '0001987654',
      role: 'Filer',
    });
    expect(parseFilingTitle('SC 13G - Cedar Point Capital LP (0001555000) (Filed by)')).toMatchObject({ form: 'SC 13G', company: 'Cedar Point Capital LP' });
    expect(parseFilingTitle('F-1/A - Jade - River Holdings Ltd (0002012345) (Filer)')).toMatchObject({ form: 'F-1/A', company: 'Jade - River Holdings Ltd' });
  });

  it('is undefined for titles without a company', () => {
    expect(parseFilingTitle('S-1  - General form for registration of securities')).toBeUndefined();
  });
});

describe('isSecHost', () => {
  it('recognises sec.gov and its subdomains only', () => {
    expect(isSecHost('https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=S-1&output=atom')).toBe(true);
    expect(isSecHost('https://sec.gov/x')).toBe(true);
    expect(isSecHost('https://sec.gov.example.com/x')).toBe(false);
    expect(isSecHost('https://notsec.gov/x')).toBe(false);
  });
});

describe('EDGAR getcurrent feed', () => {
  it('is recognised from its content, with one item per filing and the form and company', async () => {
    const feed = await parseFeedBody(fixture('edgar-getcurrent.atom'), undefined, source);
    expect(feed.kind).toBe('sec-edgar');
    expect(feed.items.map((item) => item.filing)).toEqual([
      { form: 'S-1', company: 'Acme Robotics Inc.', cik: '0001987654' },
      { form: 'S-1/A', company: 'Blue Harbor Biosciences, Inc.', cik: '0001954321' },
      { form: 'F-1', company: 'Jade River Holdings Ltd', cik: '0002012345' },
      { form: '424B4', company: 'Northwind Semiconductor Corp', cik: '0001876543' },
      { form: 'F-1/A', company: 'Société Lumière Holdings S.A.', cik: '0002023456' },
      { form: '8-K', company: 'Greenfield Utilities Co', cik: '0000712345' },
      // The SC 13G appears twice (Subject, Filed by) under one accession number: kept once.
      { form: 'SC 13G', company: 'Northwind Semiconductor Corp', cik: '0001876543' },
    ]);
    expect(feed.items[0]).toMatchObject({
      summary: 'Filed: 2026-03-05 AccNo: 0001193125-26-081234 Size: 3 MB',
      link: 'https://www.sec.gov/Archives/edgar/data/1987654/000119312526081234/0001193125-26-081234-index.htm',
      guid: 'urn:tag:sec.gov,2008:accession-number=0001193125-26-081234',
      published: '2026-03-05T14:58:41.000Z',
      lang: 'en',
    });
  });

  it('gives each IPO form its stage and no signal to other forms', async () => {
    const feed = await parseFeedBody(fixture('edgar-getcurrent.atom'), undefined, source);
    const signals = feed.items.map((item) => signalsOf(item).map((signal) => `${signal.type}/${signal.stage}/${signal.company}/${signal.rule}`));
    expect(signals).toEqual([
      ['ipo/filed/Acme Robotics Inc./edgar.form.registration:S-1'],
      ['ipo/filed/Blue Harbor Biosciences, Inc./edgar.form.amendment:S-1/A'],
      ['ipo/filed/Jade River Holdings Ltd/edgar.form.registration:F-1'],
      ['ipo/offering/Northwind Semiconductor Corp/edgar.form.priced:424B4'],
      ['ipo/filed/Société Lumière Holdings S.A./edgar.form.amendment:F-1/A'],
      [],
      [],
    ]);
  });
});

describe('EDGAR getcompany feed', () => {
  it('takes the company from the feed, the form from each entry', async () => {
    const feed = await parseFeedBody(fixture('edgar-getcompany.atom'), undefined, { ...source, kind: 'sec-edgar' });
    expect(feed.items.map((item) => item.filing)).toEqual([
      { form: 'S-1/A', company: 'ACME ROBOTICS INC.', cik: '0001987654' },
      { form: 'S-1', company: 'ACME ROBOTICS INC.', cik: '0001987654' },
    ]);
  });
});

describe('filingSignal', () => {
  it('maps forms to IPO stages', () => {
    const stage = (form: string) => filingSignal({ form, company: 'X' })?.stage;
    expect(stage('S-1')).toBe('filed');
    expect(stage('F-1')).toBe('filed');
    expect(stage('S-1/A')).toBe('filed');
    expect(stage('DRS')).toBe('filed');
    expect(stage('EFFECT')).toBe('approved');
    expect(stage('424B4')).toBe('offering');
    expect(stage('10-K')).toBeUndefined();
    expect(filingSignal({ form: 'S-1/A', company: 'X' })?.rule).toBe('edgar.form.amendment:S-1/A');
  });
});
