// The demo book: three RMs and ~60 fictional clients, dated around a chosen demo date, as CSV files.
// Every company and person here is invented for the demo; any likeness to a real one is chance.
import { addDays } from '../lambdas/core/dates/calendar.ts';
import { toCsv } from '../lambdas/core/csv-write.ts';
import type { IsoDate } from '../lambdas/core/model.ts';

export interface DemoCsvFiles {
  rms: string;
  clients: string;
  contacts: string;
  loans: string;
  events: string;
}

/** A follow-up promised in an earlier touch, logged through the store after the import. */
export interface DemoTouch {
  clientId: string;
  channel: 'call' | 'visit' | 'meal';
  daysAgo: number;
  note: string;
  followUpInDays: number;
}

interface DemoClient {
  id: string;
  rm: string;
  kind: 'corporate' | 'individual';
  tier: 'A' | 'B' | 'C';
  name: string;
  company?: string;
  industry: string;
  demand: number;
  time: number;
  aum: number;
  products: string[];
  lastContactDaysAgo?: number;
  doNotContact?: boolean;
  snoozeDays?: number;
  foundedYearsAgo?: number;
  foundedOffsetDays?: number;
  relationshipYearsAgo?: number;
}

const RMS = [
  ['rm-steel', '王敏', 'wang.min@bank.example', 'zh-CN', '钢材贸易:钢材|钢贸|螺纹钢|热轧|钢铁|steel', '华东特钢股份有限公司|沪钢物资贸易有限公司', 12, ''],
  // 王敏 also leads the team: she gets the team's weekly portfolio report.
  ['rm-oil', '陈志远', 'chen.zhiyuan@bank.example', 'zh-CN', '成品油经销:成品油|加油站|油品|柴油|汽油|fuel|oil products', '东海能源集团', 12, 'rm-steel'],
  ['rm-auto', 'Grace Lee', 'grace.lee@bank.example', 'en', 'Car dealers:4S店|汽车经销|汽车销售|car dealer|auto dealership|dealership group', 'Harbor Motors Group', 10, 'rm-steel'],
] as const;

// Company stems per industry, combined with a place name so that each client is distinct.
const PLACES = ['沪', '苏', '浙', '甬', '锡', '杭', '嘉', '常', '扬', '徽', '闽', '鲁', '宁', '通', '金', '温', '台', '湖', '绍', '舟'];
const STEEL = ['钢物资贸易有限公司', '钢材贸易有限公司', '金属材料有限公司', '钢铁物流有限公司', '螺纹钢经营部'];
const OIL = ['石化销售有限公司', '能源贸易有限公司', '加油站管理有限公司', '油品经销有限公司', '燃料有限公司'];
const AUTO_EN = ['Motors', 'Auto Group', 'Car Trading Co.', 'Automotive Services', 'Dealership Holdings'];
const AUTO_PLACES = ['Pudong', 'Minhang', 'Jiading', 'Songjiang', 'Qingpu', 'Baoshan', 'Fengxian', 'Jinshan', 'Chongming', 'Xuhui'];
const CN_PEOPLE = ['张伟', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄蕾', '周杰', '吴芳', '徐强', '孙丽', '马骏', '朱敏', '胡斌', '郭婷', '何军', '高雅', '林峰', '罗琳', '梁晨'];
const EN_PEOPLE = ['David Chen', 'Emily Wong', 'Michael Zhang', 'Sophie Liu', 'Daniel Xu', 'Olivia Huang', 'Kevin Zhou', 'Grace Tan', 'Jason Wu', 'Linda Ma'];

/** A small deterministic generator, so the demo book is the same on every machine. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function buildClients(): DemoClient[] {
  const random = seeded(20_261_130);
  const amount = (min: number, max: number) => Math.round((min + random() * (max - min)) / 10_000) * 10_000;
  const clients: DemoClient[] = [];
  const industries = [
    { rm: 'rm-steel', industry: '钢材贸易', stems: STEEL, prefix: 'S' },
    { rm: 'rm-oil', industry: '成品油经销', stems: OIL, prefix: 'O' },
    { rm: 'rm-auto', industry: 'Car dealers', stems: AUTO_EN, prefix: 'A' },
  ];
  for (const { rm, industry, stems, prefix } of industries) {
    for (let i = 0; i < 20; i++) {
      const tier = i < 5 ? 'A' : i < 12 ? 'B' : 'C';
      const corporate = i % 4 !== 3;
      const id = `${prefix}${String(i + 1).padStart(3, '0')}`;
      const person = rm === 'rm-auto' ? EN_PEOPLE[i % EN_PEOPLE.length]! : CN_PEOPLE[(i + (rm === 'rm-oil' ? 10 : 0)) % CN_PEOPLE.length]!;
      const company =
        rm === 'rm-auto'
          ? `${AUTO_PLACES[i % AUTO_PLACES.length]} ${stems[(i + Math.floor(i / AUTO_PLACES.length)) % stems.length]}`
          : `${PLACES[(i * 3 + prefix.charCodeAt(0)) % PLACES.length]}${['钢', '海', '通', '恒', '鑫', '顺', '盛', '达'][i % 8]}${stems[i % stems.length]!.replace(/^钢/, '')}`;
      const scale = tier === 'A' ? 10 : tier === 'B' ? 3 : 1;
      clients.push({
        id,
        rm,
        kind: corporate ? 'corporate' : 'individual',
        tier,
        name: corporate ? company : person,
        company: corporate ? company : undefined,
        industry,
        demand: amount(200_000 * scale, 2_000_000 * scale),
        time: amount(0, 3_000_000 * scale),
        aum: corporate ? 0 : amount(500_000 * scale, 5_000_000 * scale),
        products: corporate ? (['结算账户', '票据贴现', '代发工资', '国际结算'] as string[]).slice(0, 1 + (i % 3)) : ['理财', '借记卡'].slice(0, 1 + (i % 2)),
        lastContactDaysAgo: i === 7 ? undefined : Math.round(3 + random() * (tier === 'A' ? 60 : tier === 'B' ? 120 : 250)),
        doNotContact: i === 11,
        snoozeDays: i === 9 ? 10 : undefined,
        foundedYearsAgo: corporate ? [5, 10, 12, 20, 8][i % 5] : undefined,
        foundedOffsetDays: i % 6 === 0 ? 0 : i % 6 === 1 ? 7 : 40 + i,
        relationshipYearsAgo: [3, 5, 10, 2, 7][i % 5],
      });
    }
  }
  // The borrower the demo risk news is about (see demo/feeds): a steel trader with an overdue loan.
  const borrower = clients.find((c) => c.id === 'S002')!;
  Object.assign(borrower, { name: '沪钢物资贸易有限公司', company: '沪钢物资贸易有限公司', kind: 'corporate', tier: 'A' });
  return clients;
}

const csv = (rows: Array<Array<string | number | undefined>>) =>
  toCsv(rows.map((row) => row.map((cell) => (cell === undefined ? '' : String(cell)))));

/** The demo book dated around `demoDate`: birthdays, maturities and follow-ups fall in the next days. */
export function demoBook(demoDate: IsoDate): { files: DemoCsvFiles; touches: DemoTouch[] } {
  const clients = buildClients();
  const date = (offsetDays: number) => addDays(demoDate, offsetDays);
  const yearsBefore = (years: number, offsetDays: number) => {
    const shifted = date(offsetDays);
    return `${Number(shifted.slice(0, 4)) - years}${shifted.slice(4)}`.replace(/-02-29$/, '-02-28');
  };

  const rms = csv([
    ['rm_id', 'name', 'email', 'locale', 'industries', 'watch_list', 'daily_capacity', 'manager_id'],
    ...RMS.map((r) => [...r]),
  ]);

  const clientRows = csv([
    ['client_id', 'rm_id', 'kind', 'tier', 'name', 'industry', 'company_name', 'aliases', 'founded_on', 'relationship_since', 'demand_deposits', 'time_deposits', 'aum', 'products', 'last_contact_at', 'do_not_contact', 'snoozed_until'],
    ...clients.map((c) => [
      c.id,
      c.rm,
      c.kind,
      c.tier,
      c.name,
      c.industry,
      c.company,
      c.id === 'S002' ? '沪钢物资|沪钢贸易' : '',
      c.foundedYearsAgo ? yearsBefore(c.foundedYearsAgo, c.foundedOffsetDays ?? 40) : '',
      c.relationshipYearsAgo ? yearsBefore(c.relationshipYearsAgo, 20 + (c.foundedOffsetDays ?? 0)) : '',
      c.demand,
      c.time,
      c.aum,
      c.products.join('|'),
      c.lastContactDaysAgo === undefined ? '' : `${date(-c.lastContactDaysAgo)} 10:30`,
      c.doNotContact ? 'yes' : 'no',
      c.snoozeDays ? date(c.snoozeDays) : '',
    ]),
  ]);

  // Contacts: the finance head of each corporate client, the client themself for individuals.
  const contactRows: Array<Array<string | number | undefined>> = [
    ['contact_id', 'client_id', 'name', 'role', 'phone', 'email', 'birthday', 'birthday_calendar'],
  ];
  clients.forEach((c, i) => {
    const pool = c.rm === 'rm-auto' ? EN_PEOPLE : CN_PEOPLE;
    const name = c.kind === 'individual' ? c.name : pool[(i + 5) % pool.length]!;
    const role = c.kind === 'individual' ? '' : c.rm === 'rm-auto' ? 'CFO' : '财务总监';
    const birthdayOffset = [0, 1, 3, 5, -1, -2, 12, 30][i % 8]!;
    const birthday = i % 3 === 0 ? date(birthdayOffset).slice(5) : `${1965 + (i % 25)}-${date(birthdayOffset).slice(5)}`;
    contactRows.push([`${c.id}-P1`, c.id, name, role, `138${String(10_000_000 + i * 7919).slice(0, 8)}`, '', birthday.replace(/^(\d{4})-02-29$/, '$1-02-28'), 'gregorian']);
  });
  contactRows.push(['S001-P2', 'S001', '周建国', '董事长', '13900001111', '', '1960-02-29', 'gregorian']);
  contactRows.push(['O001-P2', 'O001', '钱秀英', '董事长', '13900002222', '', '08-15', 'lunar']);

  const loanRows = csv([
    ['loan_id', 'client_id', 'amount', 'currency', 'start_date', 'maturity_date', 'collateral', 'days_past_due', 'last_checked_on'],
    ['L-S002-01', 'S002', '5000000', 'CNY', date(-300), date(65), '存货质押', 12, date(-40)],
    ['L-S004-01', 'S004', '800000', 'CNY', date(-200), date(160), '保证', 4, date(-20)],
    ['L-O003-01', 'O003', '3000000', 'CNY', date(-358), date(7), '房产抵押', 0, date(-30)],
    ['L-O005-01', 'O005', '1200000', 'CNY', date(-335), date(30), '保证', 0, date(-60)],
    ['L-A001-01', 'A001', '8000000', 'CNY', date(-180), date(185), 'Vehicle inventory pledge', 0, date(-120)],
    ['L-A004-01', 'A004', '2500000', 'CNY', date(-90), date(275), 'Guarantee', 0, date(-100)],
    ['L-S001-01', 'S001', '12000000', 'CNY', date(-150), date(215), '房产抵押', 0, date(-95)],
    ['L-O002-01', 'O002', '60000', 'CNY', date(-100), date(265), '信用', 0, ''],
    ['L-A006-01', 'A006', '450000', 'CNY', date(-60), date(20), 'Guarantee', 0, date(-10)],
  ]);

  const eventRows = csv([
    ['event_id', 'client_id', 'date', 'kind', 'recurrence', 'note'],
    ['E-S003-1', 'S003', date(7), 'wedding', 'once', '董事长女儿婚礼'],
    ['E-O004-1', 'O004', yearsBefore(3, 7), 'new_company', 'yearly', '新设立的物流子公司成立纪念日'],
    ['E-A002-1', 'A002', date(0), 'birth', 'once', "The finance head's first child is due today"],
    ['E-A005-1', 'A005', yearsBefore(1, 7), 'listing', 'yearly', 'First anniversary of the dealership group listing'],
    ['E-S006-1', 'S006', date(-1), 'custom', 'once', '新仓库开业'],
  ]);

  const touches: DemoTouch[] = [
    { clientId: 'S001', channel: 'visit', daysAgo: 10, note: '承诺提供供应链融资方案', followUpInDays: 10 },
    { clientId: 'O001', channel: 'call', daysAgo: 20, note: '答复加油站扩建贷款额度', followUpInDays: 17 },
    { clientId: 'A003', channel: 'meal', daysAgo: 6, note: 'Send the floor-plan financing term sheet', followUpInDays: 8 },
  ];

  return {
    files: { rms, clients: clientRows, contacts: csv(contactRows), loans: loanRows, events: eventRows },
    touches,
  };
}
