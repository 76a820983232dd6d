// The digest email: order of sections and lines, locales, escaping of feed text, link filtering, the failing-feeds footer.
import { describe, expect, it } from 'vitest';
import { formatInstant, orderEntries, renderDigest } from '../../../lambdas/prospect-scan/digest.ts';
import type { DigestEntry } from '../../../lambdas/prospect-scan/model.ts';

function entry(overrides: Partial<DigestEntry>): DigestEntry {
  return {
    rmId: 'rm-steel',
    foundOn: '2026-11-20',
    storyId: Math.random().toString(36).slice(2),
    category: 'ipo',
    company: '沪上钢联',
    companyKey: '沪上钢联',
    reasons: [{ kind: 'industry', industry: '钢材贸易', keyword: '钢材' }],
    primary: { type: 'ipo', stage: 'filed' },
    signals: [{ type: 'ipo', stage: 'filed', rule: 'zh.ipo.filed', confidence: 0.9 }],
    title: '沪上钢联递表港交所',
    summary: '',
    sources: [{ feedName: '钢铁日报', link: 'https://steel.example/a/1', published: '2026-11-19T23:30:00.000Z' }],
    ...overrides,
  };
}

const zhRm = { rmId: 'rm-steel', name: '王敏', email: 'wang@bank.example', locale: 'zh-CN' as const };
const enRm = { rmId: 'rm-auto', name: 'Grace', email: 'grace@bank.example', locale: 'en' as const };

describe('orderEntries', () => {
  it('puts risk alerts first, then IPO prospects earliest stage first, then other triggers', () => {
    const ordered = orderEntries([
      entry({ storyId: 'other', category: 'other', primary: { type: 'leadership' } }),
      entry({ storyId: 'listed', primary: { type: 'ipo', stage: 'listed' } }),
      entry({ storyId: 'risk', category: 'risk-alert', primary: { type: 'risk' } }),
      entry({ storyId: 'preparing', primary: { type: 'ipo', stage: 'preparing' } }),
      entry({ storyId: 'funding', category: 'other', primary: { type: 'funding' } }),
      entry({ storyId: 'filed', primary: { type: 'ipo', stage: 'filed' } }),
    ]);
    expect(ordered.map((e) => e.storyId)).toEqual(['risk', 'preparing', 'filed', 'listed', 'funding', 'other']);
  });
});

describe('renderDigest', () => {
  it('writes a Chinese digest with stage, escalation, sources, reasons, next step and products', () => {
    const email = renderDigest({
      rm: zhRm,
      businessDate: '2026-11-20',
      timeZone: 'Asia/Shanghai',
      failingFeeds: [],
      entries: [
        entry({
          company: '滬上鋼聯',
          title: '滬上鋼聯通過港交所上市聆訊',
          primary: { type: 'ipo', stage: 'approved' },
          escalation: { from: 'filed', to: 'approved' },
          knownSince: '2026-11-10',
        }),
        entry({ category: 'risk-alert', company: '沪钢物资贸易有限公司', title: '沪钢物资贸易有限公司被列为被执行人', primary: { type: 'risk' }, reasons: [{ kind: 'client', clientId: 'c-1', hasLoans: true }] }),
      ],
    });
    expect(email.to).toBe('wang@bank.example');
    expect(email.subject).toBe('【潜在客户晨报】2026-11-20：风险预警1条，上市线索1条');
    // Traditional text stays Traditional.
    expect(email.html).toContain('滬上鋼聯通過港交所上市聆訊');
    expect(email.text).toContain('阶段升级：已递表/申报 → 已过会/通过聆讯');
    expect(email.text).toContain('钢铁日报 2026-11-20 07:30 https://steel.example/a/1');
    expect(email.text).toContain('行业“钢材贸易”（关键词“钢材”）');
    expect(email.text).toContain('收款银行');
    expect(email.text).toContain('本行客户（有贷款）');
    expect(email.html.indexOf('风险预警')).toBeLessThan(email.html.indexOf('上市线索'));
    expect(email.text.indexOf('被列为被执行人')).toBeLessThan(email.text.indexOf('通過港交所'));
  });

  it('writes an English digest for an English-speaking RM', () => {
    const email = renderDigest({
      rm: enRm,
      businessDate: '2026-11-20',
      timeZone: 'Asia/Shanghai',
      failingFeeds: [],
      entries: [
        entry({ rmId: 'rm-auto', category: 'other', company: 'Northwind Motors', title: 'Northwind Motors names new CFO', primary: { type: 'leadership' }, reasons: [{ kind: 'watch-list', entry: 'Northwind Motors' }] }),
      ],
    });
    expect(email.subject).toBe('Prospect radar 2026-11-20: 1 other trigger');
    expect(email.text).toContain('introduce our finance team');
    expect(email.text).toContain('watch-list "Northwind Motors"');
    expect(email.html).not.toContain('：');
  });

  it('escapes everything from a feed and links only http(s) URLs', () => {
    const email = renderDigest({
      rm: zhRm,
      businessDate: '2026-11-20',
      timeZone: 'Asia/Shanghai',
      failingFeeds: [{ name: '<b>坏源</b>', url: 'https://bad.example/rss', consecutiveFailures: 3, lastError: 'HTTP 500 <oops>' }],
      entries: [
        entry({
          company: '<img src=x onerror=alert(1)>',
          title: '<script>alert("x")</script>递表',
          summary: '"quoted" & <i>tagged</i>',
          sources: [
            { feedName: 'Evil "feed"', link: 'javascript:alert(1)' },
            { feedName: 'Good', link: 'https://good.example/a?b=1&c=2' },
          ],
        }),
      ],
    });
    expect(email.html).not.toMatch(/<script|<img|<i>|<b>|javascript:/i);
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;递表');
    expect(email.html).toContain('Evil &quot;feed&quot;');
    expect(email.html).toContain('<a href="https://good.example/a?b=1&amp;c=2">Good</a>');
    expect(email.html).toContain('&lt;b&gt;坏源&lt;/b&gt;（连续失败 3 次：HTTP 500 &lt;oops&gt;）');
    expect(email.text).not.toContain('javascript:');
  });

  it('says when there is nothing new, and lists failing feeds in the footer', () => {
    const email = renderDigest({
      rm: enRm,
      businessDate: '2026-11-20',
      timeZone: 'Asia/Shanghai',
      failingFeeds: [{ name: 'Auto Wire', url: 'https://auto.example/rss', consecutiveFailures: 0, lastError: 'HTTP 410', gone: true }],
      entries: [],
    });
    expect(email.subject).toBe('Prospect radar 2026-11-20: nothing new');
    expect(email.text).toContain('Nothing new for you today.');
    expect(email.text).toContain('Auto Wire (stopped: HTTP 410)');
  });
});

describe('long digests', () => {
  it('lists the most valuable lines and counts the rest, risk alerts always first', () => {
    const entries = [
      ...Array.from({ length: 5 }, (_, i) => entry({ storyId: `o${i}`, category: 'other', primary: { type: 'funding' }, title: `融资${i}` })),
      entry({ storyId: 'r', category: 'risk-alert', primary: { type: 'risk' }, title: '风险' }),
      entry({ storyId: 'i', title: '上市' }),
    ];
    const email = renderDigest({ rm: zhRm, businessDate: '2026-11-20', timeZone: 'Asia/Shanghai', failingFeeds: [], entries, maxLines: 3 });
    expect(email.subject).toBe('【潜在客户晨报】2026-11-20：风险预警1条，上市线索1条，其他动向5条');
    expect(email.text).toContain('风险');
    expect(email.text).toContain('上市');
    expect(email.text.match(/融资\d/g)).toHaveLength(1);
    expect(email.text).toContain('另有 4 条线索未列出，可用 rm-radar prospects day --date 2026-11-20 --rm rm-steel 查看。');
    const english = renderDigest({ rm: enRm, businessDate: '2026-11-20', timeZone: 'Asia/Shanghai', failingFeeds: [], entries, maxLines: 6 });
    expect(english.text).toContain('1 more story not shown');
  });
});

describe('formatInstant', () => {
  it('shows instants in the configured zone, and nothing for a bad date', () => {
    expect(formatInstant('2026-11-19T23:30:00Z', 'Asia/Shanghai')).toBe('2026-11-20 07:30');
    expect(formatInstant('not a date', 'Asia/Shanghai')).toBeUndefined();
  });
});
