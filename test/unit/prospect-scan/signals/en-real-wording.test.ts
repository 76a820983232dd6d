// English wording from the real headline set (dev split only) that the rules of the 2026b batch were written for, with look-alikes.
import { describe, expect, it } from 'vitest';
import { classify } from '../../../../lambdas/prospect-scan/signals/classify.ts';
import { readReal } from '../../../../scripts/eval-signals.ts';
import type { SignalType } from '../../../../lambdas/prospect-scan/signals/types.ts';

const real = new Map(readReal().map((example) => [example.title, example]));
const prospectTypes: readonly SignalType[] = ['ipo', 'funding', 'm_and_a', 'expansion', 'leadership', 'risk'];
const typesOf = (title: string) => classify({ title, lang: 'en' }).filter((signal) => prospectTypes.includes(signal.type));

/** Every headline here must be a dev line of the real set: the held-back split is never used to write rules. */
function devLine(title: string): string {
  expect(real.get(title)?.split, title).toBe('dev');
  return title;
}

describe('English business-press wording (real dev headlines)', () => {
  it.each([
    ['AB InBev\'s Latest Bid Said Unlikely to Win SABMiller\'s Approval', 'm_and_a', 'en.m_and_a.offer', 'AB InBev'],
    ['DBS, Julius Baer emerge as potential bidders for Barclays Asia wealth unit ...', 'm_and_a', 'en.m_and_a.offer', 'DBS'],
    ['Weir Group offloads two renewables units', 'm_and_a', 'en.m_and_a.sale', 'Weir Group'],
    ['Tata Steel working with StanChart for UK unit sale - source', 'm_and_a', 'en.m_and_a.sale', 'Tata Steel'],
    ['Shell and BG Shareholders to Vote on Deal at End of January', 'm_and_a', 'en.m_and_a.deal-approval', 'Shell'],
    ['Lloyds Banking Group eyes return to dealmaking with MBNA bid', 'm_and_a', 'en.m_and_a.named-bid', 'Lloyds Banking Group'],
    ['Tesco is torn apart as watchdog finds supermarket repeatedly withheld payments from suppliers', 'risk', 'en.risk.misconduct', 'Tesco'],
    ['Four former Barclays bankers jailed over Libor', 'risk', 'en.risk.former-staff', 'Barclays'],
    ['Sports Direct boss Mike Ashley summoned to Westminster for questioning over the treatment of workers', 'risk', 'en.risk.prosecution', 'Sports Direct'],
    ['UK Serious Fraud Office Seeks Retrial of Two Former Barclays Libor Traders', 'risk', 'en.risk.former-staff', 'Barclays'],
    ['Australia clears AB Inbev\'s $100 billion SABMiller buyout plan', 'm_and_a', 'en.m_and_a.deal-cleared', 'AB Inbev'],
    ['UPDATE 1-Shire steps up drive to get Baxalta talking after $30 bln bid', 'm_and_a', 'en.m_and_a.offer', 'Shire'],
    ['Coutts raids JPMorgan Chase for new CEO', 'leadership', 'en.leadership.appointment', 'Coutts'],
    ['Barclays, Credit Suisse strike record deals with SEC, NY over dark pools', 'risk', 'en.risk.settlement', 'Barclays'],
    ['Tesco Cut to Junk at Moody\'s on Concern Revival to Take Time', 'risk', 'en.risk.rating', 'Tesco'],
    ['SSE to Shut Coal-Fired Plant Amid Shift to Gas, Renewable Energy', 'risk', 'en.risk.operations', 'SSE'],
    ['Tati, much-loved French retailer, shuts up shop in Paris after 70 years', 'risk', 'en.risk.insolvency', 'Tati'],
    ['Pizza Express to close up to 75 restaurants, risking 1,000 jobs', 'risk', 'en.risk.jobs', 'Pizza Express'],
    ['Tesco\'s boardroom clearout continues', 'leadership', 'en.leadership.board', 'Tesco'],
    ['Barclays Said to Cut 150 at Investment Bank as McCormick Departs', 'leadership', 'en.leadership.named-exit', 'Barclays'],
    ['RBS will reportedly appoint Howard Davies as its next chairman', 'leadership', 'en.leadership.appointment', 'RBS'],
    ['Travis Perkins to create 4000 jobs', 'expansion', 'en.expansion.growth', 'Travis Perkins'],
    ['Primark plots expansion in US and Europe', 'expansion', 'en.expansion.growth', 'Primark'],
    ['Mongolia and Rio Tinto agree $5bn Oyu Tolgoi mine expansion', 'expansion', 'en.expansion.facility', 'Rio Tinto'],
    ['UPDATE 3-Auto Trader shares leap in UK\'s biggest private equity-backed listing', 'ipo', 'en.ipo.listed.first-trade', 'Auto Trader'],
    ['Metro Bank raises £400m ahead of London listing', 'funding', 'en.funding.raise', 'Metro Bank'],
    ['Virgin Atlantic agrees £1.2bn rescue deal amid coronavirus slump', 'funding', 'en.funding.valuation', 'Virgin Atlantic'],
  ])('%s → %s by %s', (title, type, rule, company) => {
    const signal = typesOf(devLine(title)).find((candidate) => candidate.type === type);
    expect(signal?.rule).toBe(rule);
    expect(signal?.company).toBe(company);
  });

  // Look-alikes: analyst ratings, placings, background deals, a decision not to bid, shop closures, write-downs, a new chief as
  // background, a shelved expansion; public cases, sovereign debt, officials, a regulator dropping a threat, blaming the weather.
  it.each([
    'UBS ups RBS to \'buy\' as it re-initiates coverage on UK banks',
    'Analyst Corner: Maintain ?Buy? with Target Price of Rs 1,255 on HCL Technologies - The Financial Express',
    'Glencore raises $2.5bn through share placing to help cut debt load',
    'Aston Martin raises £207m in equity and debt after sales slump',
    'Friends Life lifts profits 38% and hikes divi ahead of proposed Aviva takeover',
    'Intercontinental Exchange Opts Not to Bid for London Stock Exchange',
    'Halfords to close up to 60 sites despite rise in bike sales in lockdown',
    'Glencore slashes 2015 capex budget as annual profits slip 2%',
    'Shell to cut £18bn from value of assets amid coronavirus crisis',
    'Tesco turnaround gathers pace under new CEO',
    'LONDON MIDDAY BRIEFING: Kingfisher\'s French Expansion Hits The Rocks',
    'Leicester residents could be fined up to £3,200 for breaching new lockdown laws',
    'Man arrested in Solihull over suspected £500k furlough fraud',
    'World Bank calls on creditors to cut poorest nations\' debt payments',
    'US consumer watchdog chief can be fired by president, supreme court rules',
    'Banking watchdog drops threat of inquiry into overdraft charges',
    'Bunzl blames weakness in United States for first-half revenue slowdown',
  ])('%s → no signal', (title) => {
    expect(typesOf(devLine(title))).toEqual([]);
  });
});

describe('English kinds the issue names, in wording of our own', () => {
  it('reads ALL CAPS wire headlines with the verb ending the name', () => {
    expect(classify({ title: 'ACME STEEL CORP FILES FOR INITIAL PUBLIC OFFERING' }).find((signal) => signal.type === 'ipo')).toMatchObject({ stage: 'filed', company: 'ACME STEEL CORP' });
  });

  it('does not read funds listing, follow-on offerings, emerging from bankruptcy, fine statistics or deal rules as events', () => {
    for (const title of [
      'Vanguard ETF lists on Nasdaq',
      'Acme Steel prices secondary offering of 5 million shares',
      'Acme Retail emerges from bankruptcy',
      'FCA fines total £400m in 2019',
      'EU to tighten merger rules',
      'Acme Holdings files for personal bankruptcy protection for its founder',
    ]) expect(typesOf(title), title).toEqual([]);
  });
});
