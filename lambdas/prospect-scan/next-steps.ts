// What an RM should do about each trigger, and which products fit it, in both locales: the bank practice the digest encodes.
import type { Locale } from '../core/model.ts';
import type { IpoStage, SignalType } from './signals/types.ts';
import type { DigestCategory } from './model.ts';

export interface Advice {
  nextStep: string;
  products: string[];
}

type Key = `ipo.${IpoStage}` | Exclude<SignalType, 'ipo'> | 'risk-alert';

const ADVICE: Record<Locale, Record<Key, Advice>> = {
  'zh-CN': {
    'ipo.preparing': {
      nextStep: '约见财务总监办公室，了解上市时间表和中介机构，尽早争取收款银行与募集资金专户',
      products: ['上市前融资（Pre-IPO）', '收款银行', '募集资金监管与托管', '创始人及高管财富管理'],
    },
    'ipo.filed': {
      nextStep: '已递交上市申请：争取担任收款银行，提交募集资金监管与托管方案',
      products: ['收款银行', '募集资金监管与托管', '上市前融资（Pre-IPO）', '员工持股计划账户'],
    },
    'ipo.approved': {
      nextStep: '发行在即：尽快确认收款银行与募资专户安排，预约路演期间的资金服务',
      products: ['收款银行', '募集资金托管', '员工持股计划账户', '现金管理'],
    },
    'ipo.offering': {
      nextStep: '正在发行：跟进募集资金到账后的现金管理与理财安排',
      products: ['募集资金托管', '现金管理', '结构性存款'],
    },
    'ipo.listed': {
      nextStep: '已上市：拜访财务部，推介现金管理、股票质押融资及高管财富管理',
      products: ['现金管理', '股票质押融资', '高管及创始人财富管理'],
    },
    funding: {
      nextStep: '新一轮融资到账：了解资金使用计划，推介现金管理',
      products: ['现金管理', '结构性存款', '流动资金贷款'],
    },
    m_and_a: {
      nextStep: '并购交易：联系财务负责人，了解交易结构和融资需求',
      products: ['并购贷款', '交易资金监管', '跨境结算'],
    },
    expansion: {
      nextStep: '新建或扩大产能：了解项目投资和设备采购的资金需求',
      products: ['项目贷款', '固定资产贷款', '设备融资租赁'],
    },
    contract: {
      nextStep: '中标大额合同：了解履约和备货的资金需求',
      products: ['履约保函', '预付款保函', '流动资金贷款', '应收账款融资'],
    },
    bond: {
      nextStep: '发行债券：争取承销或募集资金监管',
      products: ['债券承销', '募集资金监管', '现金管理'],
    },
    leadership: {
      nextStep: '新任高管（如财务总监）：安排本行财务团队拜访，建立联系',
      products: ['对公综合金融服务介绍', '现金管理', '企业网银'],
    },
    new_entity: {
      nextStep: '新设公司：争取开立基本存款账户和代发工资',
      products: ['基本存款账户', '代发工资', '企业网银'],
    },
    risk: {
      nextStep: '负面消息：了解情况，暂缓新增授信',
      products: [],
    },
    'risk-alert': {
      nextStep: '今日核查：联系企业了解情况，复核抵押和担保，按规定报告风险管理部门',
      products: ['贷后检查'],
    },
  },
  en: {
    'ipo.preparing': {
      nextStep: "Call the CFO's office: learn the listing timetable and advisers; pitch early for receiving bank and escrow",
      products: ['pre-IPO facilities', 'receiving bank', 'escrow and custody of raised funds', "founders' wealth management"],
    },
    'ipo.filed': {
      nextStep: 'Listing application filed: pitch to be the receiving bank with an escrow and custody proposal',
      products: ['receiving bank', 'escrow and custody of raised funds', 'pre-IPO facilities', 'employee share plan accounts'],
    },
    'ipo.approved': {
      nextStep: 'Offering is near: confirm the receiving bank and the proceeds account now',
      products: ['receiving bank', 'custody of raised funds', 'employee share plan accounts', 'cash management'],
    },
    'ipo.offering': {
      nextStep: 'Offering under way: follow up on cash management of the proceeds',
      products: ['custody of raised funds', 'cash management', 'structured deposits'],
    },
    'ipo.listed': {
      nextStep: 'Newly listed: visit the finance team; offer cash management, share-backed lending and executive wealth management',
      products: ['cash management', 'share-backed lending', "executives' wealth management"],
    },
    funding: {
      nextStep: 'New funding round: ask how the money will be used; offer cash management',
      products: ['cash management', 'structured deposits', 'working-capital loans'],
    },
    m_and_a: {
      nextStep: 'M&A deal: call the finance head about the deal structure and financing needs',
      products: ['acquisition finance', 'deal escrow', 'cross-border payments'],
    },
    expansion: {
      nextStep: 'New plant or capacity: ask about project and equipment financing',
      products: ['project loans', 'fixed-asset loans', 'equipment leasing'],
    },
    contract: {
      nextStep: 'Large contract won: ask about performance and working-capital needs',
      products: ['performance guarantees', 'advance-payment guarantees', 'working-capital loans', 'receivables finance'],
    },
    bond: {
      nextStep: 'Bond issue: pitch for underwriting or proceeds monitoring',
      products: ['bond underwriting', 'proceeds monitoring', 'cash management'],
    },
    leadership: {
      nextStep: 'New executive (e.g. CFO): introduce our finance team and arrange a visit',
      products: ['corporate banking introduction', 'cash management', 'online corporate banking'],
    },
    new_entity: {
      nextStep: 'New company set up: win its basic operating account and payroll',
      products: ['basic operating account', 'payroll services', 'online corporate banking'],
    },
    risk: {
      nextStep: 'Negative news: find out more and hold off new credit',
      products: [],
    },
    'risk-alert': {
      nextStep: 'Check today: call the company, review collateral and guarantees, report to credit risk as required',
      products: ['post-loan review'],
    },
  },
};

/** The next step and products for an entry: a risk alert, an IPO stage, or another trigger type. */
export function adviceFor(locale: Locale, category: DigestCategory, type: SignalType, stage?: IpoStage): Advice {
  const table = ADVICE[locale];
  if (category === 'risk-alert') return table['risk-alert'];
  if (type === 'ipo') return table[`ipo.${stage ?? 'preparing'}`];
  return table[type];
}

export const STAGE_LABELS: Record<Locale, Record<IpoStage, string>> = {
  'zh-CN': { preparing: '筹备上市（辅导备案）', filed: '已递表/申报', approved: '已过会/通过聆讯', offering: '招股/发行中', listed: '已上市' },
  en: { preparing: 'preparing to list', filed: 'filed', approved: 'approved / hearing passed', offering: 'offering', listed: 'listed' },
};

export const TYPE_LABELS: Record<Locale, Record<SignalType, string>> = {
  'zh-CN': {
    ipo: '上市',
    funding: '融资',
    m_and_a: '并购',
    expansion: '扩产/新项目',
    contract: '中标/大额合同',
    bond: '发债',
    leadership: '高管变动',
    new_entity: '新设公司',
    risk: '风险',
  },
  en: {
    ipo: 'IPO',
    funding: 'funding',
    m_and_a: 'M&A',
    expansion: 'expansion',
    contract: 'contract won',
    bond: 'bond issue',
    leadership: 'leadership change',
    new_entity: 'new company',
    risk: 'risk',
  },
};
