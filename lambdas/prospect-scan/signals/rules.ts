// The trigger rules: one table per language, each rule a precompiled pattern with an id that explains the signal.
import type { IpoStage, SignalType } from './types.ts';

export interface Rule {
  /** Shown as the signal's `rule`: language.type[.stage].what */
  id: string;
  type: SignalType;
  stage?: IpoStage;
  pattern: RegExp;
  /** How sure a match is when the company is known (0..1). */
  confidence: number;
  /** `object`: the company is the pattern's `co` group (深交所受理X…, SEC declares X effective); otherwise the clause subject. */
  company?: 'object' | 'objectIfNoSubject';
  /** The rule does not fire when the clause also matches this (e.g. bond wording for IPO approval rules). */
  unless?: RegExp;
}

const zhIpoExchange = '上交所|深交所|北交所|港交所|联交所|纳斯达克|纽交所|纽约证券交易所|伦交所|新交所|证交所|柜买中心|科创板|创业板|主板|港股|A股|美股|兴柜|新三板|资本市场';
const zhOfficer = '财务总监|财务负责人|首席财务官|CFO|财务长|总经理|总裁|首席执行官|CEO|行政总裁|董事长|董秘|董事会秘书|副总裁|COO|营运总监|掌门人';
/** Bond, placement and rights-issue wording that makes 发行/核准/注册 something other than an IPO. */
const zhNotIpo = /债|票据|增发|定增|配股|可转|定向发行/;

export const zhRules: Rule[] = [
  // IPO — preparing: tutoring filing, plans, sponsors hired, joint-stock conversion
  { id: 'zh.ipo.preparing.tutoring', type: 'ipo', stage: 'preparing', pattern: /辅导备案|上市辅导|辅导期|进入辅导|辅导验收|(启动|开启|接受|签约)辅导|签约辅导|辅导工作|辅导机构/, confidence: 0.95 },
  { id: 'zh.ipo.preparing.plan', type: 'ipo', stage: 'preparing', pattern: /(拟|计划|筹划|筹备|准备|谋求|寻求|启动|开启|重启|冲刺|备战|考虑|有意|打算|酝酿|规划|预计)[^，]{0,12}?(上市|上柜|IPO|申报|递表|送件|递交上市申请)/, confidence: 0.9, unless: /暂无|没有|无意|否认|暂不|终止|撤回|放弃|搁置/ },
  { id: 'zh.ipo.preparing.return', type: 'ipo', stage: 'preparing', pattern: /回归A股上市|赴港上市/, confidence: 0.85 },
  { id: 'zh.ipo.filed.attempt', type: 'ipo', stage: 'filed', pattern: /闯关(IPO|上市|港股|A股|科创板|创业板)|[二三四五再]闯(港交所|IPO|A股|科创板|创业板|纳斯达克)/, confidence: 0.85 },
  { id: 'zh.ipo.preparing.sponsor', type: 'ipo', stage: 'preparing', pattern: /(选定|聘请|委任|聘任|选聘|确定)[^，]{0,10}(保荐人|保荐机构|承销商|上市顾问)/, confidence: 0.85 },
  { id: 'zh.ipo.preparing.restructure', type: 'ipo', stage: 'preparing', pattern: /股份制改造|完成股改/, confidence: 0.75 },
  // IPO — filed: application lodged or accepted, prospectus published, under review
  { id: 'zh.ipo.filed.accepted-by', type: 'ipo', stage: 'filed', pattern: /受理(?<co>[^，]{2,20}?)(的)?(科创板|创业板|主板|北交所)?(IPO|首发|上市)申请/d, confidence: 0.95, company: 'object' },
  { id: 'zh.ipo.filed.application', type: 'ipo', stage: 'filed', pattern: /递表|递交[^，]{0,6}申请|提交[^，]{0,8}(上市|IPO|首发)[^，]{0,4}申请|送件|(IPO|上市|首发)[^，]{0,8}获[^，]{0,6}受理|(IPO|上市|首发)申请[^，]{0,4}受理/, confidence: 0.95, unless: /破产|重整|清算|清盘/ },
  { id: 'zh.ipo.filed.prospectus', type: 'ipo', stage: 'filed', pattern: /招股书|招股说明书|预披露/, confidence: 0.9, unless: zhNotIpo },
  { id: 'zh.ipo.filed.declared', type: 'ipo', stage: 'filed', pattern: /申报[^，]{0,8}(上市|IPO|科创板|创业板|北交所|主板)|(IPO|上市)申报/, confidence: 0.9 },
  { id: 'zh.ipo.filed.inquiry', type: 'ipo', stage: 'filed', pattern: /问询(?!函)/, confidence: 0.8 },
  // IPO — approved: hearing passed, committee approval, registration effective
  { id: 'zh.ipo.approved.hearing', type: 'ipo', stage: 'approved', pattern: /聆讯[^，]{0,3}通过|通过[^，]{0,8}聆讯/, confidence: 0.95 },
  { id: 'zh.ipo.approved.committee', type: 'ipo', stage: 'approved', pattern: /过会|上会通过|(上市委|发审委|上市审议委员会)[^，]{0,6}通过|(上市|首发)申请[^，]{0,10}(审议)?通过/, confidence: 0.95, unless: zhNotIpo },
  { id: 'zh.ipo.approved.registered-by', type: 'ipo', stage: 'approved', pattern: /同意(?<co>[^，]{2,20}?)(首次公开发行|首发|IPO)[^，]{0,6}注册/d, confidence: 0.95, company: 'object', unless: zhNotIpo },
  { id: 'zh.ipo.approved.registration', type: 'ipo', stage: 'approved', pattern: /注册生效|同意注册|(IPO|首发|上市)[^，]{0,8}(核准|批文|获批)|获[^，]{0,6}(注册批复|核准批文|批文)|境外上市备案|备案通知书/, confidence: 0.9, unless: zhNotIpo },
  // IPO — offering: book open, price set, subscription
  { id: 'zh.ipo.offering.subscription', type: 'ipo', stage: 'offering', pattern: /招股(?!书|说明书)|公开发售|孖展|暗盘|入场费|超额认购|中签|(今日|开始|启动|开启)申购/, confidence: 0.9, unless: /债|票据/ },
  { id: 'zh.ipo.offering.pricing', type: 'ipo', stage: 'offering', pattern: /发行价|发售价|发行结果|发行市盈率|(IPO|首发|新股)[^，]{0,4}定价|定价[^，]{0,4}(每股|港元)|路演|初步询价|首次公开发行[^，]{0,4}(启动|开启)|发行[^，]{0,6}万股/, confidence: 0.85, unless: zhNotIpo },
  // IPO — listed: first trading day
  { id: 'zh.ipo.listed.debut', type: 'ipo', stage: 'listed', pattern: /挂牌上市|上市首日|首日(大涨|上涨|收涨|破发|涨幅|高开|低开|收跌|下跌|成交|表现|市值)|敲钟|鸣锣|(正式|成功|今日|今天|顺利)(挂牌|上市|上柜)(?!转让)/, confidence: 0.95 },
  { id: 'zh.ipo.listed.first-share', type: 'ipo', stage: 'listed', pattern: /第一股[^，]{0,3}(来了|诞生|上市)/, confidence: 0.8 },
  { id: 'zh.ipo.listed.venue', type: 'ipo', stage: 'listed', pattern: new RegExp(`(登陆|登录)(${zhIpoExchange})|在[^，]{0,8}(${zhIpoExchange})[^，]{0,4}(挂牌)?(上市|上柜)`), confidence: 0.9 },

  // funding
  { id: 'zh.funding.round', type: 'funding', pattern: /轮[^，]{0,4}融资|(天使|种子|Pre-?[A-F]|[A-F]\+*|战略)轮/i, confidence: 0.95, unless: /IPO融资规模|融资融券|融资租赁/ },
  { id: 'zh.funding.investment', type: 'funding', pattern: /(完成|获得?|宣布|迎来)[^，]{0,14}融资(?!规模|市场|事件|融券|租赁)|获投|引入[^，]{0,4}(战略投资者|战投|国有股东|投资者|股东)|获[^，]{0,6}战略投资|增资扩股|领投/, confidence: 0.85, unless: /IPO|上市|债|融资融券|融资租赁/ },
  // M&A
  { id: 'zh.m_and_a.acquisition', type: 'm_and_a', pattern: /收购|并购|兼并|要约收购|借壳|购买资产|吸收合并|合并(?!报表|财务|营收)/, confidence: 0.9, unless: /(粮食|粮|棉花|生猪|农产品|小麦|玉米|稻谷|国家)收购|收购价|收购进度/ },
  { id: 'zh.m_and_a.restructuring', type: 'm_and_a', pattern: /(资产|业务|战略)?重组(?!市场)|控制权[^，]{0,6}变更|实控人[^，]{0,4}(变更|转让)|易主|入主|股权转让|转让[^，]{0,8}(股份|股权)/, confidence: 0.85, unless: /债务重组|破产|重整/ },
  // expansion
  { id: 'zh.expansion.plant', type: 'expansion', pattern: /新建|扩建|扩产|投产|开工|动工|奠基|竣工|建厂|设厂|新厂|新基地|新产线|量产|点火|投资[^，]{0,10}(建设|建|项目|基地|工厂|产线|生产线)/, confidence: 0.9, unless: /停产|停工|延期投产/ },
  { id: 'zh.expansion.capacity', type: 'expansion', pattern: /产能(提升|扩张|扩充|增加|翻番|达到|释放)|(新增|扩充|提升)[^，]{0,4}产能|年产能/, confidence: 0.85, unless: /过剩|去产能|压减|限产/ },
  { id: 'zh.expansion.headquarters', type: 'expansion', pattern: /总部(迁|搬)|迁址|落户|(门店|体验店|旗舰店|工厂)[^，]{0,6}开业|进军/, confidence: 0.8 },
  // contracts won
  { id: 'zh.contract.tender', type: 'contract', pattern: /中标|预中标|入围[^，]{0,10}(采购|集采)/, confidence: 0.95 },
  { id: 'zh.contract.order', type: 'contract', pattern: /签约大单|(获得?|斩获|拿下|签下|签订|签署|接获|夺得|赢得|收获)[^，]{0,20}?(订单|合同|合约|大单|供货协议|采购协议)/, confidence: 0.9, unless: /纠纷|诉讼|仲裁|违约|解除/ },
  // bonds
  { id: 'zh.bond.issue', type: 'bond', pattern: /发债|公司债|企业债|中期票据|中票|短期融资券|短融|可转债|可转换债|美元债|境外债|金融债|绿色债|优先票据|发行[^，]{0,12}(债|票据)/, confidence: 0.9, unless: /违约|逾期|未能|未按期|展期|暴雷|爆雷|国债|地方债|专项债|央票|政府债|债务危机|债务重组/ },
  // leadership
  { id: 'zh.leadership.removed', type: 'leadership', pattern: /免去[^，]{0,14}职务|退居二线|告别[^，]{0,2}(华夏|公司|集团)/, confidence: 0.85 },
  { id: 'zh.leadership.appointment', type: 'leadership', pattern: new RegExp(`(任命|聘任|委任|聘请|选举|当选|出任|接任|履新|到任)[^，]{0,12}?(${zhOfficer})|新任[^，]{0,2}(${zhOfficer})|迎来新(任)?(${zhOfficer})|换帅`), confidence: 0.9 },
  { id: 'zh.leadership.departure', type: 'leadership', pattern: new RegExp(`(${zhOfficer})[^，]{0,6}(辞职|辞任|离任|卸任|异动|变更|接任|换人|到任|换帅|离职)|辞去[^，]{0,8}(${zhOfficer})`), confidence: 0.85 },
  // new entities
  { id: 'zh.new_entity.subsidiary', type: 'new_entity', pattern: /(成立|设立|新设|组建|注册成立|出资设立|投资设立)(?!于|以来|\d|[一二三四五六七八九十]+周年)[^，]{0,12}?(子公司|分公司|新公司|合资公司|公司|合资企业)/, confidence: 0.9 },
  // risk: litigation, default, enforcement, investigations, halts, insolvency
  { id: 'zh.risk.insolvency-by', type: 'risk', pattern: /(裁定|受理)(受理)?(?<co>[^，]{2,15}?)(的)?(破产|重整|清算|清盘)/d, confidence: 0.95, company: 'object' },
  { id: 'zh.risk.sued-by', type: 'risk', pattern: /(?<!被)(起诉|追讨|控告)(?<co>[^，\s]{2,15}?)(?=[，\s]|$|申请|要求|索赔|偿还)/d, confidence: 0.9, company: 'objectIfNoSubject' },
  { id: 'zh.risk.enforcement', type: 'risk', pattern: /被执行人|失信|限制高消费|限高|强制执行|冻结|查封|留置|被捕|被查/, confidence: 0.95 },
  { id: 'zh.risk.default', type: 'risk', pattern: /违约|逾期|未能[^，]{0,6}(兑付|偿还)|未按期|展期|暴雷|爆雷|债务危机|资不抵债|欠薪|拖欠|欠款/, confidence: 0.9 },
  { id: 'zh.risk.litigation', type: 'risk', pattern: /诉讼|起诉|被诉|仲裁|入禀|清盘/, confidence: 0.85 },
  { id: 'zh.risk.regulator', type: 'risk', pattern: /立案调查|立案|处罚|罚款|罚单|警示函|监管函|问询函|无法表示意见|退市风险|\*ST|风险警示/, confidence: 0.9 },
  { id: 'zh.risk.layoffs', type: 'risk', pattern: /裁员|裁撤|辞退|降薪|欠薪/, confidence: 0.85 },
  { id: 'zh.risk.misconduct', type: 'risk', pattern: /下架整改|下架|被判|受贿|行贿|被骗|报案|维权|起火|泄露|隐私|和解|深入调查|被曝/, confidence: 0.8, unless: /商品|新品|下架了/ },
  { id: 'zh.risk.operations', type: 'risk', pattern: /停产|停工|停业|关停|破产|重整|清算|召回|安全事故/, confidence: 0.9 },
];

/** A capitalised company name (used for names that follow the verb). */
const enName = String.raw`[A-Z][\w&.'’-]*(?:\s+(?:[A-Z0-9][\w&.'’-]*|&|of))*`;
const enOfficer = String.raw`CEO|CFO|COO|chief executive(?: officer)?|chief financial officer|chief operating officer|finance chief|finance director|finance head|president|chairman|chairwoman|chair`;
const enIpo = String.raw`IPO|initial public offering|listing|go(?:ing)? public|float|flotation`;
const enPlace = String.raw`India|China|U\.?S\.?|US|America|Europe|Japan|Mexico|Brazil|Canada|Germany|France|Britain|UK|Vietnam|Indonesia|Texas|Arizona|Ohio|Virginia|North Carolina|California|London|Seoul|Tokyo|Dallas|Miami|Austin|Warsaw|Washington|Russia|Singapore|Saudi Arabia|Africa|Asia`;
/** Fund and asset managers whose "Buys X, Y, …" headlines are portfolio trades, not acquisitions. */
const enPortfolioTrade = /\b(Capital|Management|Asset|Fund|Partners|Advisors|Advisers|Trust|Wealth|Planning|Retirement|System|LLC|L\.P\.|Lp|Ltd\.?|Holdings Inc|Holdings Ltd|Department)\b[^;]{0,20}\bBuys\b|\bBuys\b[^;,]+,[^;,]+,|\b(buys?|buying) (stock|shares|back|one|his way)\b|\bbuys? (surge|of)\b|\bto buy now\b|\b(laptop|back-to-school)\b/i;

export const enRules: Rule[] = [
  // IPO — preparing
  { id: 'en.ipo.preparing.plan', type: 'ipo', stage: 'preparing', pattern: new RegExp(String.raw`\b(plans?|planned|planning|prepares?|preparing|gears? up|readies|readying|mulls?|mulling|considers?|considering|weighs?|weighing|eyes|eyeing|explores?|exploring|targets?|in talks|seeks?|seeking|pursues?|pursue|launch)\b[^;]{0,40}?\b(${enIpo})\b`, 'i'), confidence: 0.85, unless: /\b(momentum builds|ahead of|sets the stage|after|delay|halt|shelve|freez|kicking)\b|\bdeal to go public\b|\bvaluation\b[^;]{0,40}\bin (its|the) IPO\b/i },
  { id: 'en.ipo.preparing.to-file', type: 'ipo', stage: 'preparing', pattern: /\b(to|will|set to|plans? to|prepares? to|preps? to) file\b[^;]{0,30}\b(IPO|listing|to go public)\b|\b(taps?|hires?|seeks? to hire|seeks?) [^;]{0,20}\b(IPO )?(lawyers|advisers|advisors|banks)\b[^;]{0,30}\b(IPO|go public|listing)\b|\b(lays|laying) groundwork for [^;]{0,20}\bIPO\b|\b(readies|readying|prepares?|preparing|preps?) (itself )?for [^;]{0,20}\b(IPO|listing)\b|\b(readies|readying)\b[^;]{0,30}\blisting\b|\bexplores options\b/i, confidence: 0.85 },
  { id: 'en.ipo.preparing.banks', type: 'ipo', stage: 'preparing', pattern: new RegExp(String.raw`\b(hires?|hired|taps?|tapped|picks?|picked|mandates?|mandated|appoints?|selects?|chooses?|lines? up)\b[^;]{0,50}?\b(banks?|underwriters?|advisers?|advisors?|bookrunners?|sponsors?|JPMorgan|Goldman|Morgan Stanley|Citi|UBS)\b[^;]{0,40}?\b(${enIpo})\b`, 'i'), confidence: 0.9 },
  // IPO — filed
  { id: 'en.ipo.filed.files', type: 'ipo', stage: 'filed', pattern: /\bfil(es?|ed|ing)\b[^;]{0,30}?\b(IPOs?|initial public offering|listing|to go public|S-1|F-1|A1|prospectus|registration statement)\b|\b(registers|unveils|announces)\b[^;]{0,25}\bIPO\b|\bconfidential IPO paperwork\b/i, confidence: 0.95, unless: /\b(ahead of|after|before) (its |the )?IPO filing\b/i },
  { id: 'en.ipo.filed.submits', type: 'ipo', stage: 'filed', pattern: /\bsubmit(s|ted)?\b[^;]{0,30}?\b(draft registration|listing application|IPO application|application to list|registration statement|A1 application)\b|\bIPO (filing|application|prospectus)\b/i, confidence: 0.95, unless: /\b(ahead of|after|before) (its |an |the )?IPO filing\b/i },
  // IPO — approved
  { id: 'en.ipo.approved.hearing', type: 'ipo', stage: 'approved', pattern: /\b(pass(es|ed)?|clear(s|ed)?)\b[^;]{0,25}?\bhearing\b/i, confidence: 0.95 },
  { id: 'en.ipo.approved.effective', type: 'ipo', stage: 'approved', pattern: new RegExp(String.raw`\b[Dd]eclare[sd]?\s+(?<co>${enName})(?:'s|’s)?\b[^;]{0,50}?\beffective\b`, 'd'), confidence: 0.95, company: 'object' },
  { id: 'en.ipo.approved.approval', type: 'ipo', stage: 'approved', pattern: new RegExp(String.raw`\b(wins?|won|gets?|got|receives?|received|obtains?|secures?|granted)\b[^;]{0,30}?\b(approval|green light|nod|registration)\b[^;]{0,30}?\b(${enIpo}|to list)\b|\bregistration (is )?(declared )?effective\b|\b(wins?|won|gets?|got|receives?|received|secures?)\b[^;]{0,20}?\b(IPO|listing) (approval|nod|green light)\b`, 'i'), confidence: 0.9 },
  // IPO — offering
  { id: 'en.ipo.offering.pricing', type: 'ipo', stage: 'offering', pattern: /\bpric(es|ed|ing)\b[^;]{0,20}?\b(IPO|initial public offering|share sale)\b|\bIPO\b[^;]{0,10}?\bpric(ed|es|ing)\b|\bIPO (price )?range\b|\bto price IPO\b|\bsets IPO range\b|\b(seeks?|seeking|aims? for|targets?) (a )?valuation\b[^;]{0,40}\bin (its |the |biggest |year's )?[^;]{0,15}IPO\b|\b(raise|sell)\b[^;]{0,40}\b(in|upcoming) (its |the )?(upcoming )?IPO\b|\bIPO to raise\b|\braises IPO target\b|\bsigns up [^;]{0,25} for IPO\b|\binvest in [A-Z][\w]* as it eyes [^;]{0,20}IPO\b/i, confidence: 0.9 },
  { id: 'en.ipo.offering.books', type: 'ipo', stage: 'offering', pattern: /\broad ?show\b|\bopens? (the )?(order )?books\b|\bsets? (IPO )?terms\b|\bIPO terms\b|\b(raises?|raised|raising|seeks?|seeking)\b[^;]{0,30}?\bin (its |an |the )?((the )?year['’]s )?(largest |biggest |first )?(U\.S\. |US |Hong Kong |Nasdaq |NYSE )?(IPO|initial public offering)\b|\b(launch(es|ed)?|kicks? off|starts?|begins?)\b[^;]{0,30}?\b(IPO|book ?building|share sale)\b/i, confidence: 0.9 },
  // IPO — listed
  { id: 'en.ipo.listed.debut', type: 'ipo', stage: 'listed', pattern: /\b(in|pops?|soars?|slides?|falls?|climbs?)\b[^;]{0,30}\bdebut\b|\b(first|1st) (day of )?trading day\b|\bfirst trading day\b|\bon IPO day\b|\bshares set to double in IPO\b|\b[A-Z][\w]+'s [A-Z][a-z]+ listing\b|\b(trading|market|stock market|exchange|Nasdaq|NYSE|public|bourse|[A-Z][a-z]+ Kong) debut\b|\bdebut(s|ed)? (on|in) (the )?(Nasdaq|NYSE|New York|Hong Kong|London|Shanghai|Shenzhen|stock|exchange|market|Tokyo|Singapore|ASX|TSX)\b|\b(begins?|began|starts?|started|commences?) trading\b|\bfirst day of trading\b|\brings? (the )?(opening |closing )?bell\b|\blists (its shares )?on\b/i, confidence: 0.95 },

  // funding
  { id: 'en.funding.round', type: 'funding', pattern: /\b(raises?|raised|raising|secures?|secured|closes?|closed|lands?|landed|gets?|bags?|nets?|receives?|attracts?|completes?)\b[^;]{0,40}?\b(series [a-h]\d?|seed|pre-seed|funding|financing round|round|venture|investment|growth equity|capital injection)\b|\bseries [a-h]\b/i, confidence: 0.9, unless: /\b(IPO|bonds?|notes|loan)\b/i },
  { id: 'en.funding.raise', type: 'funding', pattern: /\b(rais(es|ed|ing)|adds)\s+(another |nearly |a record |up to |over )?(US)?\$[\d.,]+\s*(million|billion|bn|mn|m|M|B)\b|\braises? \$[\d.]+ ?[MB]\b|\b[Rr]aises (New )?Funds\b|\braise a record\b/i, confidence: 0.8, unless: /\b(IPO|initial public offering|bonds?|notes|debt|loans?|bond sale)\b/i },
  { id: 'en.funding.valuation', type: 'funding', pattern: /\b(raise|raises|raised|raising|fundraising|funding|funds|investment round|seed round|financing|latest raise|new funds)\b[^;]{0,40}\b(valuation|valuing|valued|value)\b|\b(valuation|valuing|valued)\b[^;]{0,40}\b(funding|raise|round|fundraising|investment)\b|\b(doubles|triples|hits|tops|nears|set for)\b[^;]{0,15}\bvaluation\b|\b(in talks|set|seeks?|seeking|looks?|plans?) to raise (\$|€|£|funds|money|capital|at least|up to|tens|new|a )|\b(raising|raises?) (tens|hundreds|\$)|\bscores? funding\b|\bfunding round\b|\bseed round\b|\brescue deal\b|\bto invest\b[^;]{0,25}\b(in|into)\b[^;]{0,30}\b(start-?up|AI company|[A-Z][\w]*AI\b|OpenAI|xAI)|\binvests? in [^;]{0,25}(start-?up)\b|\b(seeking|seeks?) an investment\b|\binvest(s|ment)? (up to )?(\$|€|£)[\d.]+ ?(billion|million|bn|m)\b[^;]{0,15}\b(in|into) [A-Z]/, confidence: 0.8, unless: /^(?![^;]*\bfunding round\b)[^;]*\bIPO\b|\b(bond|bonds|debt|loan|credit)\b|\bin (India|China|the U\.?S\.?)\b/i },
  { id: 'en.funding.investors', type: 'funding', pattern: /\brais(es|ed|ing)\b[^;]{0,30}?\bfrom (investors|backers|venture)\b/i, confidence: 0.85 },
  // M&A
  { id: 'en.m_and_a.deal', type: 'm_and_a', pattern: /\b(acquires?|acquired|acquiring|to acquire|acquisition of|buys?|bought|to buy|buying|agrees? to (buy|acquire|merge)|merges?|merged|merger|takeover|take over|taken over|buyout|buy out|divests?|stakes? in|bid for|to purchase|sold to|sells?\b[^;]{0,30}?\bto\b)\b|\b(strikes?|inks?|clinch) [^;]{0,25}\bdeal (for|with)\b|\bdeal for [A-Z]|\bgo(es)? private\b|\b(sale|sell-off) of (its |the |a )?[^;]{0,25}\b(unit|business|stake|arm|division)\b|\bspin(ning|s)? off\b|\b(go|goes|to go) public (through|via) [^;]{0,20}(SPAC|merger|blank-check)|\bblank-check (company )?deal\b|\b(eyes|in talks for|nears|explores?) (a )?deal to go public\b|\bto pay \$[\d.]+ ?(billion|million) for\b|\bto go public in \$[\d.]+ ?(billion|million) deal\b|\b(buys|takes|take) (a )?(\$[\d.]+ ?(billion|million) )?stake\b|\binvests? in [A-Z][\w]*['’]s\b|\bbacks [A-Z][\w]*['’]s\b|\b(wins|won) auction for\b|\b(Fitbit|Bombardier) deal\b|\b(buy|invest) [^;]{0,30}\b(in|into) [A-Z][\w]*['’]s (digital|unit|arm)\b/i, confidence: 0.9, unless: new RegExp(String.raw`\bbuy ?backs?\b|\bbuys? back\b|${enPortfolioTrade.source}|\bwould buy\b|\bmight buy\b|\bdismisses\b|\bsell (claude|stock)\b|\bsell stock\b`, 'i') },
  // expansion
  { id: 'en.expansion.place', type: 'expansion', pattern: new RegExp(String.raw`\b(invest|invests|investing|commits?|spend)\b[^;]{0,30}\b(in|to accelerate [^;]{0,20} in) (${enPlace})\b|\b(${enPlace}) investment\b|\bexpands? (to|into) [A-Z]|\b(coming|comes|expand|expands|to expand) to (${enPlace}|[a-z ]{0,10}new cities|[A-Z][a-z]+)\b|\b(launch|launches|launched) in (${enPlace})\b|\b(to sell|sells?)\b[^;]{0,40}\b(${enPlace}|Brazil)\b[^;]{0,20}consumer|\b(considers?|weighs?) [^;]{0,25}\bfor (its )?headquarters\b|\bto (move|shift) part of [^;]{0,25}\boffice\b|\b(beefs up|expands) [^;]{0,40}\bin (${enPlace})\b|\b(robotaxi|service) launch\b|\bplans? [^;]{0,15}\blaunch in\b|\bto (begin )?test(ing)? in (${enPlace}|\d+ new cities)\b|\bexpansion plan\b|\bdelivery (network|service)\b|\bsame-day delivery to\b|\bfast delivery into\b|\bdata cent(er|re)s?\b[^;]{0,15}\b(project|venture)\b|\b(build|building|builds) (\d+ )?(new )?[^;]{0,25}\bdata cent(er|re)s?\b|\bexpand [^;]{0,25}\bdata center\b|\bdrive-thru expansion\b|\bdiscussed projects with\b|\b(tax breaks|incentives) for [^;]{0,20}\bfactory\b|\bto open [^;]{0,20}\boffice\b|\bstores? [^;]{0,10}(open|opening)\b`), confidence: 0.8 },
  { id: 'en.expansion.facility', type: 'expansion', pattern: /\b(to build|builds?|building|will build|opens?|opened|opening|breaks? ground|broke ground|starts? (production|construction|output)|begins? (production|construction)|expands?|expanding|invests?|investing|to invest|moves?|relocates?)\b[^;]{0,40}?\b(plant|factory|gigafactory|mill|facility|facilities|capacity|production capacity|headquarters|HQ|campus|warehouse|refinery|smelter|production line)\b|\bnew (plant|factory|mill|facility)\b|\bcapacity expansion\b/i, confidence: 0.9 },
  // contracts won
  { id: 'en.contract.won', type: 'contract', pattern: /\b(wins?|won|awarded|secures?|secured|lands?|landed|bags?|clinches?|signs?|signed|inks?|gets?)\b[^;]{0,40}?\b(contracts?|orders?|tender|supply (deal|agreement|contract)|deal to supply|agreement to supply|purchase agreement)\b/i, confidence: 0.9, unless: /\b(terminat|cancel|lawsuit|dispute)/i },
  // bonds
  { id: 'en.bond.issue', type: 'bond', pattern: /\b(prices?|priced|issues?|issued|sells?|sold|launch(es|ed)?|announces?|plans?|taps?|raises?|completes?|markets?)\b[^;]{0,40}?\b(bonds?|notes offering|senior notes|convertible notes|notes due|debt offering|debt sale|debentures|sukuk|commercial paper)\b/i, confidence: 0.9, unless: /\b(default|defaults|missed|misses|miss|yields?|restructur|downgrad|payment)/i },
  // leadership
  { id: 'en.leadership.appointment', type: 'leadership', pattern: new RegExp(String.raw`\b(appoints?|appointed|names?|named|hires?|hired|taps?|promotes?|elects?|picks?|poaches?)\b[^;]{0,50}?\b(${enOfficer})\b|\bnew (${enOfficer})\b`, 'i'), confidence: 0.9 },
  { id: 'en.leadership.boss', type: 'leadership', pattern: /\b(head|chief|boss|chairman|co-founder|executive|president|leader)s?\b[^;]{0,40}\b(to leave|leaves|leaving|depart(s|ure|ures)?|steps? down|to step down|quits?|retir(e|es|ing)|exits?|ousted)\b|\b(executive|leadership) (departures|shake-?up|overhaul)\b|\boverhauls leadership\b|\b(names|named|appoints?|taps?|hires?|ropes in|promotes?)\b[^;]{0,40}\b(as (its )?(new )?(CEO|chief|head|chairman|president)|new head|head of|chief scientist|chief (operating|technology|financial|executive))\b|\bropes in [^;]{0,30}\bas CEO\b|\b(search|searching) for a (new )?CEO\b|\bto (replace|designate) (its )?(new )?(head|CEO|chief)\b|\b(ousts?|ousted) (co-founder and )?(chairman|CEO|chief)\b|\b(co-)?chief executive\b[^;]{0,10}$|\bexpands [^;]{0,20}\bchief'?s role\b|\bstaff departures\b|\bCEO [A-Z][\w-]+ (Simo )?is joining\b|\b(hires|poaches) [^;]{0,25}\bCEO\b|\bto take expansive role at\b|\bplans to exit\b|\bdeparts for\b/i, confidence: 0.85 },
  { id: 'en.leadership.departure', type: 'leadership', pattern: new RegExp(String.raw`\b(${enOfficer})\b[^;]{0,20}?\b(steps? down|to step down|resigns?|resigned|quits?|departs?|to leave|leaves|retires?|ousted|exits?)\b`, 'i'), confidence: 0.85 },
  // new entities
  { id: 'en.new_entity.setup', type: 'new_entity', pattern: /\b(sets? up|setting up|forms?|formed|forming|establish(es|ed)?|launch(es|ed)?|creates?|incorporates?|registers?)\b[^;]{0,30}?\b(subsidiary|subsidiaries|unit|joint venture|JV|new company|entity|arm|affiliate)\b/i, confidence: 0.85 },
  // risk
  { id: 'en.risk.sued-by', type: 'risk', pattern: new RegExp(String.raw`\b[Ss]u(e|es|ed|ing)\s+(?<co>${enName})`, 'd'), confidence: 0.9, company: 'objectIfNoSubject' },
  { id: 'en.risk.litigation', type: 'risk', pattern: /\b(lawsuits?|sued|sues|class[- ]action|litigation)\b/i, confidence: 0.85, unless: /\bhits? back\b/i },
  { id: 'en.risk.default', type: 'risk', pattern: /\b(default(s|ed)?( on)?|in default|miss(es|ed|ing)? (a |an |its )?[^;]{0,20}?payments?|unpaid|creditors|debt restructuring|going concern)\b/i, confidence: 0.9, unless: /\bas (a|the) default\b|\bby default\b/i },
  { id: 'en.risk.insolvency', type: 'risk', pattern: /\b(bankrupt(cy)?|chapter (11|7)|insolven(cy|t)|liquidation|liquidators?|winding[- ]up|receivership)\b/i, confidence: 0.95, unless: /\bexchange-traded funds?\b|\bETFs?\b|\bon (the )?eve of\b/i },
  { id: 'en.risk.regulator', type: 'risk', pattern: /\b(investigation|investigated|probe[sd]?|fined|fine of|penalty|penali[sz]ed|charged|indicted|fraud|raid(ed)?|arrested|delisting notice)\b/i, confidence: 0.9, unless: /\bwards? off\b|\bwarns of\b|\basks for (a )?probe\b/i },
  { id: 'en.risk.jobs', type: 'risk', pattern: /\b(cut|cuts|cutting|slash(es|ing)?|eliminate|eliminating|axes|axe|trims?|shed|sheds|sack|lay(s|ing)? off|replace)\b[^;]{0,30}\b(jobs|staff|workers|employees|workforce|headcount|roles|cabin crew)\b|\blayoffs?\b|\blaying off\b|\bjob cuts\b|\bfurlough (notices|warnings)\b|\b\d[\d,]* jobs at risk\b|\bshutting down\b|\bis shutting\b/i, confidence: 0.85, unless: /\bavoid (pilot )?furloughs\b|\bno sackings\b/i },
  { id: 'en.risk.legal', type: 'risk', pattern: /\b(fine|fined|fines)\b|\bto pay \$[\d.,]+ ?(million|billion)? (for misleading|to settle|fine|over)\b|\bsettles? [^;]{0,30}\b(lawsuit|suit|charges|claims)\b|\bsubpoenas?\b|\binquiry into\b|\binvestigating\b|\baccuses?\b|\bblames?\b|\bsanction(s)?\b|\bbars imports\b|\bcourt bans\b|\bdata breach\b|\b(grants|orders) [^;]{0,20}\bfreeze\b|\b(graft|corruption|bribery) (trial|case|charges)\b|\bmanufactured['’]? false evidence\b|\bcover-up\b|\bpenalty\b|\bprobing if\b|\bsues? to stop\b|\blose bid to toss\b|\bcopyright infringement\b|\bmisconduct\b|\bconfession\b|\bwildfire\b/i, confidence: 0.8, unless: /\b(hits back|wards? off|ward off|on eve of|warns of)\b/i },
  { id: 'en.risk.banned', type: 'risk', pattern: /\b(?:bans?|bars|excludes|purge|removal of|sanctions?|visa curbs on|contract ban for companies that use) (?:imports of )?(?:[A-Z][a-z]+'s )?(?<co>[A-Z][\w]+)/d, confidence: 0.8, company: 'object' },
  { id: 'en.risk.ban-of', type: 'risk', pattern: /\b(?<co>[A-Z][a-z]+) (?:ban|block|decision)\b/d, confidence: 0.75, company: 'object', unless: /\b(reaction|priority|disappointing|says|vows|warns)\b/i },
  { id: 'en.risk.operations', type: 'risk', pattern: /\b(halts?|halted|suspends?|suspended) (production|operations|output)\b|\bshuts? (down )?(its )?(plant|factory|mill)\b|\brecalls?\b/i, confidence: 0.85 },
];

/** Market commentary, listicles, explainers and opinion: no company event, whatever the trigger words. */
export const zhCommentary = /IPO(市场|数量|节奏|募资|融资规模|融资额|审核节奏|家数|集资额|常态化|观察|前瞻|周报|收紧|放缓|业务)|新股(市场|申购一览|日历|破发|发行节奏|前瞻|收益)|申购日历|申购一览|一览|盘点|汇总|周报|前瞻|观察：|观点：|评论：|社论|解读|科普|一文(读懂|看懂)|什么是|是什么|怎么|如何|为何|为什么|指南|攻略|募资额|集资额|家数|数量同比|IPO[^，]{0,4}(下降|回暖|回升|升温|降温|遇冷)/;
export const enCommentary = /^(opinion|analysis|explainer|commentary|column|editorial|view|breakingviews|podcast|q&a|the week ahead|week ahead|stock of the day|stocks to watch|factbox|timeline|instant view)\b|^(what|why|how|when|should|is|are|can|will)\b|\b(IPO|listing|M&A|deal|bond|funding|venture|dealmaking|issuance|debt)s? (market|window|pipeline|activity|volumes?|drought|boom|frenzy|slump|rush|wave|outlook|calendar|tally|season|fundraising|revival|bonanza|issuance|ETF)\b|\b\d+ (IPOs|stocks|deals|startups|companies|things|ways|reasons|hottest|biggest|best)\b|\btop \d+\b|\bto watch\b|\bguide\b|\bthings to know\b|\b(filings|defaults|listings|IPOs|deals|issuance|fundraising)\s+(slump|slumps|fall|falls|drop|drops|rise|rises|climb|climbs|jump|jumps|surge|surges|hit|hits|expected|seen|set to|soar|soars|dip|dips|plunge|plunges|cool|cools|slow|slows|tumble|tumbles|decline|declines)\b|\b(across|in) the [^;]{0,20}\b(sector|industry)\b/i;

/** Phrases that contain trigger words but are no trigger (listed companies, product launches, anniversaries); blanked before matching. */
export const zhNeutral = /上市(公司|柜公司|企业|银行|房企|券商|以来|后|时|前|.{0,3}周年|地位|平台)|(新款|新车|新品|新机|新茶|春茶|月饼|车型|机型|SUV|手机|产品|系列|新车型|水果|荔枝|新片|专辑)[^，]{0,6}?上市|上市新品|已上市|未上市|非上市|拟上市公司名单|Pre-IPO/gi;
export const enNeutral = /\b(listed compan(y|ies)|newly listed|recently listed|already listed|since (its )?listing|listing anniversary|anniversary of (its )?listing|pre-IPO)\b/gi;

/** Words before a trigger that deny or cancel it ("暂无上市计划", "has no plans for an IPO", "shelves listing"). */
export const zhNegation = /(暂无|没有|并无|无意|否认|暂不|不会|终止|撤回|撤销|放弃|搁置|暂缓|中止|叫停|推迟|失效)[^，]{0,8}$/;
export const enNegation = /\b(no|not|never|denies|deny|denied|scraps?|scrapped|shelves?|shelved|drops?|dropped|withdraws?|withdrew|pulls?|pulled|postpones?|postponed|abandons?|abandoned|cancels?|cancel+ed|delays?|delayed|rules out)\b[^;]{0,30}$/i;
