// Routing stories to RMs: industries, feed industries, watch-lists, clients and risk alerts.
import { describe, expect, it } from 'vitest';
import { containsKeyword, matchableText, routeStory, watchListCompany } from '../../../lambdas/prospect-scan/routing.ts';
import { ipo, rm, signal, story } from './fixtures.ts';

const steel = rm({ rmId: 'rm-steel', industries: [{ name: '钢材贸易', keywords: ['钢材', '钢贸', '螺纹钢', 'steel'] }] });
const oil = rm({ rmId: 'rm-oil', industries: [{ name: '成品油', keywords: ['成品油', '加油站', '油品', 'fuel', 'oil products'] }] });
const auto = rm({
  rmId: 'rm-auto',
  locale: 'en',
  industries: [{ name: 'car dealers', keywords: ['4S店', '汽车经销', 'car dealer', 'auto dealership'] }],
  watchList: ['Northwind Motors'],
});
const rms = [steel, oil, auto];

describe('keywords', () => {
  it('matches Chinese anywhere, in either script, and Latin words whole', () => {
    expect(containsKeyword(matchableText('華東鋼材集團遞表'), '钢材')).toBe(true);
    expect(containsKeyword(matchableText('Acme car dealers file for IPO'), 'car dealer')).toBe(true);
    expect(containsKeyword(matchableText('Toil and trouble'), 'oil')).toBe(false);
    expect(containsKeyword(matchableText('STEEL maker lists'), 'steel')).toBe(true);
  });
});

describe('routeStory', () => {
  it('sends a prospect to every RM whose industry keywords appear, saying which keyword', () => {
    const s = story({ title: '远东油品冲刺IPO，旗下加油站超300座' }, [ipo('preparing', '远东油品')]);
    const routes = routeStory(s, rms, []);
    expect(routes).toEqual([{ rmId: 'rm-oil', category: 'ipo', reasons: [{ kind: 'industry', industry: '成品油', keyword: '加油站' }] }]);
  });

  it('uses the feed’s industries when the text names none', () => {
    const s = story({ title: '华联实业完成上市辅导备案', industries: ['钢材贸易'] }, [ipo('preparing', '华联实业')]);
    expect(routeStory(s, rms, [])).toEqual([{ rmId: 'rm-steel', category: 'ipo', reasons: [{ kind: 'feed-industry', industry: '钢材贸易' }] }]);
  });

  it('routes on the watch-list by company', () => {
    const s = story({ title: 'Northwind Motors names a new CFO', lang: 'en' }, [signal('leadership', 'Northwind Motors Inc.')]);
    expect(routeStory(s, rms, [])).toEqual([{ rmId: 'rm-auto', category: 'other', reasons: [{ kind: 'watch-list', entry: 'Northwind Motors' }] }]);
  });

  it('sends a client only to its own RM, marked as a client', () => {
    const s = story({ title: '远东油品获得B轮融资 加油站扩张' }, [signal('funding', '远东油品')]);
    const routes = routeStory(s, rms, [{ clientId: 'c-9', rmId: 'rm-steel', hasLoans: false }]);
    expect(routes).toEqual([{ rmId: 'rm-steel', clientId: 'c-9', category: 'other', reasons: [{ kind: 'client', clientId: 'c-9', hasLoans: false }] }]);
  });

  it('makes negative news about a borrowing client a risk alert for its RM', () => {
    const s = story({ title: '沪钢物资贸易有限公司被列为被执行人' }, [signal('risk', '沪钢物资贸易有限公司')]);
    const routes = routeStory(s, rms, [{ clientId: 'c-1', rmId: 'rm-steel', hasLoans: true }]);
    expect(routes).toMatchObject([{ rmId: 'rm-steel', category: 'risk-alert' }]);
    const noLoans = routeStory(s, rms, [{ clientId: 'c-1', rmId: 'rm-steel', hasLoans: false }]);
    expect(noLoans).toMatchObject([{ rmId: 'rm-steel', category: 'other' }]);
  });

  it('keeps negative news about non-clients out of digests unless the company is watched', () => {
    const s = story({ title: '某钢贸公司涉诉 钢材库存被查封' }, [signal('risk', '某钢贸公司')]);
    expect(routeStory(s, rms, [])).toEqual([]);
    const watched = story({ title: 'Northwind Motors sued by dealers', lang: 'en' }, [signal('risk', 'Northwind Motors')]);
    expect(routeStory(watched, rms, []).map((r) => r.rmId)).toEqual(['rm-auto']);
  });

  it('routes nothing when no industry, watch-list or client matches', () => {
    const s = story({ title: '某生物医药公司递表港交所' }, [ipo('filed', '某生物医药公司')]);
    expect(routeStory(s, rms, [])).toEqual([]);
  });

  it('names a company from a watch-list when the classifier found none', () => {
    const s = story({ title: 'Big week ahead for Northwind Motors', lang: 'en' }, [signal('expansion', undefined)]);
    expect(watchListCompany(s, rms)).toBe('Northwind Motors');
  });
});
