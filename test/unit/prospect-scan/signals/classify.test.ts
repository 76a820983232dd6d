// Unit tests of the signal classifier: IPO stages, both Chinese scripts, English, company extraction, hard negatives.
import { describe, expect, it } from 'vitest';
import { classify, normaliseChinese } from '../../../../lambdas/prospect-scan/signals/classify.ts';
import { ipoStages, signalTypes } from '../../../../lambdas/prospect-scan/signals/types.ts';

const ipoOf = (title: string, summary?: string) => classify({ title, summary }).find((signal) => signal.type === 'ipo');

describe('IPO stages', () => {
  it.each([
    ['华东钢贸有限公司拟冲刺创业板IPO', 'preparing'],
    ['盛源环境在江苏证监局完成辅导备案', 'preparing'],
    ['Zephyr Mobility hires banks for Hong Kong IPO', 'preparing'],
    ['华泰钢构递表港交所，拟主板上市', 'filed'],
    ['深交所受理星辰智造创业板IPO申请', 'filed'],
    ['Meridian Cloud files S-1, revealing $80 million loss', 'filed'],
    ['Velo Systems confidentially submits draft registration statement', 'filed'],
    ['科达电子IPO成功过会', 'approved'],
    ['中科微电获证监会同意注册，即将发行', 'approved'],
    ['SEC declares Tellurian Devices IPO registration effective', 'approved'],
    ['华瑞生物今日启动招股，招股价区间为8.5至9.8港元', 'offering'],
    ['Everlane Robotics prices IPO above range at $24 a share', 'offering'],
    ['Sterling Oil launches $500 million IPO roadshow', 'offering'],
    ['金利华钢贸今日在上交所主板挂牌上市', 'listed'],
    ['Lakeshore Semiconductor shares soar 60% in trading debut', 'listed'],
  ])('%s → %s', (title, stage) => {
    expect(ipoOf(title)?.stage).toBe(stage);
  });

  it('reads the event from the first clause, not the next step it announces', () => {
    expect(ipoOf('南方油品聆讯通过，下周招股')?.stage).toBe('approved');
    expect(ipoOf('安芯半导体辅导备案获受理，最快明年申报')?.stage).toBe('preparing');
  });

  it('treats a planned step as preparing ("计划明年申报")', () => {
    expect(ipoOf('瀚辰科技计划明年申报科创板')?.stage).toBe('preparing');
  });

  it('lists stages from the earliest (most valuable) to the latest', () => {
    expect(ipoStages).toEqual(['preparing', 'filed', 'approved', 'offering', 'listed']);
  });

  it('does not take a bond approval for an IPO approval', () => {
    const signals = classify({ title: '宏达电子可转债获证监会核准发行' });
    expect(signals.map((signal) => signal.type)).toEqual(['bond']);
  });

  it('drops a denied or shelved listing', () => {
    expect(classify({ title: 'Acme Foods says it has no plans for an IPO' })).toEqual([]);
    expect(classify({ title: '华东钢贸回应：公司暂无上市计划' })).toEqual([]);
  });
});

describe('Traditional Chinese', () => {
  it('normalises Traditional to Simplified with the same length', () => {
    expect(normaliseChinese('遞表')).toBe('递表');
    expect(normaliseChinese('聆訊')).toBe('聆讯');
    expect(normaliseChinese('華東鋼貿有限公司')).toBe('华东钢贸有限公司');
    expect(normaliseChinese('Acme files for IPO')).toBe('Acme files for IPO');
  });

  it('classifies Traditional headlines and keeps the company in the original script', () => {
    const [filed] = classify({ title: '華星電動向港交所遞表 擬主板上市', lang: 'zh' });
    expect(filed).toMatchObject({ type: 'ipo', stage: 'filed', company: '華星電動' });
    const [approved] = classify({ title: '昇暉控股通過上市聆訊' });
    expect(approved).toMatchObject({ type: 'ipo', stage: 'approved', company: '昇暉控股' });
  });

  it('gives the same signals for both scripts of one headline', () => {
    const simplified = classify({ title: '永丰钢铁启动上市辅导 目标创业板' });
    const traditional = classify({ title: '永豐鋼鐵啟動上市輔導 目標創業板' });
    expect(traditional.map(({ company: _company, ...rest }) => rest)).toEqual(simplified.map(({ company: _company, ...rest }) => rest));
    expect(traditional[0]?.company).toBe('永豐鋼鐵');
    expect(simplified[0]?.company).toBe('永丰钢铁');
  });

  it('folds full-width letters (ＩＰＯ, Ｆ－１)', () => {
    expect(ipoOf('云杉医疗拟冲刺ＩＰＯ')).toMatchObject({ stage: 'preparing', company: '云杉医疗' });
  });
});

describe('other triggers', () => {
  it.each([
    ['智行科技完成数亿元B轮融资', 'funding', '智行科技'],
    ['Zenbolt raises $60 million Series C led by Sequoia', 'funding', 'Zenbolt'],
    ['华盛钢铁拟收购宏达冶金100%股权', 'm_and_a', '华盛钢铁'],
    ['Granger Metals to acquire rival Coldwater Steel in $900 million deal', 'm_and_a', 'Granger Metals'],
    ['宝丰钢铁投资50亿元新建热轧生产线', 'expansion', '宝丰钢铁'],
    ['Hollis Steel to build new $1 billion plant in Ohio', 'expansion', 'Hollis Steel'],
    ['中铁华建中标35亿元地铁项目', 'contract', '中铁华建'],
    ['Bristow Construction wins $1.1 billion rail contract', 'contract', 'Bristow Construction'],
    ['华夏钢铁拟发行不超过30亿元公司债券', 'bond', '华夏钢铁'],
    ['Bridgewater Utilities prices $750 million bond offering', 'bond', 'Bridgewater Utilities'],
    ['华东钢贸有限公司任命王芳为财务总监', 'leadership', '华东钢贸有限公司'],
    ['Acme Steel Corp appoints new CFO', 'leadership', 'Acme Steel Corp'],
    ['天沐乳业投资设立控股子公司', 'new_entity', '天沐乳业'],
    ['Apex Steel sets up trading subsidiary in Singapore', 'new_entity', 'Apex Steel'],
    ['万通油品成失信被执行人，法定代表人被限制高消费', 'risk', '万通油品'],
    ['Harrow Steel files for bankruptcy', 'risk', 'Harrow Steel'],
  ])('%s → %s', (title, type, company) => {
    const signals = classify({ title });
    expect(signals.map((signal) => signal.type)).toEqual([type]);
    expect(signals[0]?.company).toBe(company);
    expect(signals[0]?.rule).toMatch(new RegExp(`^(zh|en)\\.${type}\\.`));
  });

  it('finds several triggers in one headline', () => {
    const types = classify({ title: '瀚海动力完成10亿元C轮融资，将用于新建电机工厂' }).map((signal) => signal.type);
    expect(types.sort()).toEqual(['expansion', 'funding']);
  });

  it('a bond default is a risk, not a bond issue', () => {
    expect(classify({ title: '东盛实业债券违约，未能按期兑付本息' }).map((signal) => signal.type)).toEqual(['risk']);
    expect(classify({ title: 'Milestone Retail misses bond payment, enters grace period' }).map((signal) => signal.type)).toEqual(['risk']);
  });

  it('only uses known signal types', () => {
    for (const signal of classify({ title: 'Kelvin AI files for IPO after raising $400 million from investors' })) {
      expect(signalTypes).toContain(signal.type);
    }
  });
});

describe('company extraction', () => {
  it.each([
    ['华东钢贸有限公司拟冲刺创业板IPO', '华东钢贸有限公司'],
    ['据悉，锦程物流已选定中金、华泰为上市保荐人', '锦程物流'],
    ['华东钢贸有限公司：关于首次公开发行股票并上市申请获受理的公告', '华东钢贸有限公司'],
    ['【上市】银河钢铁今日挂牌，首日涨幅32%', '银河钢铁'],
    ['证监会同意天禧食品首次公开发行股票注册', '天禧食品'],
    ['法院裁定受理江北纺织破产重整申请', '江北纺织'],
    ['银行起诉远洋钢铁，申请冻结其资产', '远洋钢铁'],
    ['冲刺IPO！天宇航材完成股份制改造', '天宇航材'],
    ['“星火智造”递表港交所', '星火智造'],
    ['Acme Steel Corp files for IPO', 'Acme Steel Corp'],
    ['EXCLUSIVE: Nexa Payments picks underwriters for New York listing', 'Nexa Payments'],
    ['Fintech firm Orbis Pay publicly files F-1 with the SEC', 'Orbis Pay'],
    ['Granite Peak Minerals Files For IPO', 'Granite Peak Minerals'],
    ['Harbor Point Bank CEO to step down at year-end', 'Harbor Point Bank'],
    ["SEC declares Redfin Aerospace's registration statement effective", 'Redfin Aerospace'],
    ['Lenders sue Horizon Textiles over unpaid loans', 'Horizon Textiles'],
  ])('%s → %s', (title, company) => {
    expect(classify({ title })[0]?.company).toBe(company);
  });

  it('lowers the confidence of a signal with no identifiable company', () => {
    const [anonymous] = classify({ title: '拟冲刺创业板IPO' });
    const [named] = classify({ title: '华东钢贸拟冲刺创业板IPO' });
    expect(anonymous?.company).toBeUndefined();
    expect(anonymous!.confidence).toBeLessThan(named!.confidence);
  });

  it('reads the summary when the headline has no trigger, with lower confidence', () => {
    const signals = classify({ title: '华东钢贸：重要公告', summary: '华东钢贸有限公司今日向港交所递交上市申请。公司主营钢材贸易。' });
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ type: 'ipo', stage: 'filed', company: '华东钢贸有限公司' });
    expect(signals[0]!.confidence).toBeLessThan(0.95);
  });
});

describe('what the real set taught (issue 15)', () => {
  const typesAndCompanies = (title: string) => classify({ title }).map((signal) => [signal.type, signal.company]);

  it.each([
    ['Nimbus Robotics in Talks to Raise At Least $2 Billion', 'Nimbus Robotics'],
    ['Orbital Freight Seeking Over $500 Million at $4 Billion Valuation', 'Orbital Freight'],
    ['Quanta Labs raises $40 million ahead of its planned IPO', 'Quanta Labs'],
  ])('reads funding in Title Case and beside a coming IPO: %s', (title, company) => {
    expect(typesAndCompanies(title)).toEqual([['funding', company]]);
  });

  it('names the company invested in or valued, not the investor', () => {
    expect(typesAndCompanies('Harbor Motors to Invest $300 Million in EV Startup Voltaro')).toEqual([['funding', 'Voltaro']]);
    expect(typesAndCompanies('Investors Float Deal Valuing Wingtip at More Than $5 Billion')).toEqual([['funding', 'Wingtip']]);
    expect(typesAndCompanies('Acme Steel to invest $300 million in Ohio plant')).toEqual([['expansion', 'Acme Steel']]);
  });

  it('money raised in the IPO itself is no funding round', () => {
    expect(classify({ title: 'Quanta Labs raises $400 million in IPO' }).map((signal) => signal.type)).toEqual(['ipo']);
  });

  it('takes the subject of the clause the trigger is in', () => {
    expect(typesAndCompanies('Contoso Builds New Feature as Northwind Eyes IPO')).toEqual([['ipo', 'Northwind']]);
    expect(typesAndCompanies('Contoso Says Northwind Will Build Three Data Centers')).toEqual([['expansion', 'Northwind']]);
  });

  it('keeps the owner of a possessive when what follows is a place or a figure', () => {
    expect(classify({ title: "Tailspin's Shanghai listing tests investors' appetite" })[0]).toMatchObject({ type: 'ipo', stage: 'listed', company: 'Tailspin' });
    expect(typesAndCompanies('Fourth Coffee Lab’s $2B Seed Round Is the Largest Yet')).toEqual([['funding', 'Fourth Coffee Lab']]);
    expect(typesAndCompanies("Ruritania's troubled Bank Vestra names new CFO")).toEqual([['leadership', 'Bank Vestra']]);
  });

  it('takes the object when the subject is a state or a group of banks', () => {
    expect(typesAndCompanies('Italy plans listing for Autopista Norte by 2027')).toEqual([['ipo', 'Autopista Norte']]);
    expect(typesAndCompanies('UBS, Morgan Stanley expected to lead Wingtip Towers IPO')).toEqual([['ipo', 'Wingtip Towers']]);
    expect(typesAndCompanies('China to sanction Fabrikam Defense over arms sale')).toEqual([['risk', 'Fabrikam']]);
  });

  it('a figure or a head count is no company', () => {
    expect(classify({ title: '115股获融资买入超亿元，某龙头获买入居首' })).toEqual([]);
    expect(classify({ title: '高价倒卖纪念品非法牟利，3人被行政处罚' })).toEqual([]);
    expect(classify({ title: '100亿锂电铜箔项目落户南昌' })).toMatchObject([{ type: 'expansion' }]);
    expect(classify({ title: '100亿锂电铜箔项目落户南昌' })[0]?.company).toBeUndefined();
  });

  it('a function word is no company', () => {
    expect(classify({ title: 'Cloudflare Said To Pursue September IPO' })[0]?.company).toBe('Cloudflare');
    expect(classify({ title: 'AI Is Eliminating Jobs for Younger Workers' })[0]?.company).toBeUndefined();
  });
});

describe('hard negatives give no signals', () => {
  it.each([
    'IPO market cools as rate worries weigh on investors',
    '港股IPO数量同比下降三成，市场情绪仍偏谨慎',
    'A股IPO节奏放缓，多家券商投行业务收入下滑',
    '钢铁板块午后走强，多只上市公司股价上涨',
    'Shares of Pellham Group rise 5% on listing anniversary',
    '星辰科技上市五周年，股价累计上涨3倍',
    '5 IPOs to watch this week',
    '本周新股申购日历：5只新股可申购',
    'Explainer: What is a direct listing and how does it work?',
    '一文看懂：香港IPO的聆訊流程是怎樣的？',
    '新款电动SUV正式上市，售价19.98万元起',
    'Corvin Motors debuts new electric pickup at auto show',
    '财政部发行1000亿元特别国债',
    '港交所：上半年共有30家公司递表',
    'Nasdaq says 50 companies filed for IPOs in March',
    'Bankruptcy filings rise across the U.S. retail sector',
    '收购价格上调，粮食收购进度加快',
  ])('%s', (title) => {
    expect(classify({ title })).toEqual([]);
  });

  it('does not look at the summary of a commentary headline', () => {
    expect(classify({ title: 'Week ahead: a busy IPO calendar', summary: 'Acme Steel Corp files for IPO on Monday.' })).toEqual([]);
  });
});

// Real published headlines from the dev split of test/fixtures/signals/real-headlines.jsonl (sources in SOURCE.md).
describe('real headlines', () => {
  const only = (title: string) => classify({ title }).map(({ type, stage, company, rule }) => ({ type, stage, company, rule }));

  it.each([
    ['Stablecoin issuer Circle files for IPO as public markets open to crypto', 'filed', 'Circle'],
    ['Figma confidentially files for IPO more than a year after ditching Adobe deal', 'filed', 'Figma'],
    ['Stablecoin Issuer Circle Internet Considering 2024 IPO', 'preparing', 'Circle Internet'],
    ["Chip giant Arm raises nearly $5 billion in year's largest IPO", 'offering', 'Arm'],
    ['PagerDuty pops more than 50% in debut as tech IPO market heats up', 'listed', 'PagerDuty'],
    ['"辣条大王"卫龙三闯港交所, "5毛辣条"能否撑起估值预期', 'filed', '卫龙'],
  ])('%s → ipo %s, %s', (title, stage, company) => {
    expect(ipoOf(title)).toMatchObject({ stage, company });
  });

  it('names the rule that fired', () => {
    expect(only('Microsoft laying off about 9,000 employees in latest round of cuts')).toEqual([{ type: 'risk', stage: undefined, company: 'Microsoft', rule: 'en.risk.jobs' }]);
  });

  it.each([
    'Parnassus Fund Buys KLA Corp, Agilent Technologies Inc, Square Inc, Sells Alliance Data Systems ...',
    'Figma’s Pursuit of Long-Term Backers Kept IPO Price in Check',
    'Silicon Valley start-ups revive listing plans as Arm reignites IPO market',
    'Lyft Shows Financial Improvement Ahead of IPO Filing',
  ])('no prospect signal: %s', (title) => {
    expect(classify({ title }).filter((signal) => signal.type !== 'contract' && signal.type !== 'bond')).toEqual([]);
  });
});
