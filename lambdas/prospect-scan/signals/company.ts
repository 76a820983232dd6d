// Finds the company a headline is about: the subject before the trigger (or the object for rules like 受理X…申请), as offsets.

/** A half-open span [start, end) of the (normalised) text; `generic` when it names a market, a regulator or a count, not a company. */
export interface NameSpan { start: number; end: number; generic: boolean }

const zhLeading = /^(【[^】]*】|\[[^\]]*\]|对(?=[\u4e00-\u9fa5A-Za-z]{2})|港股新股|新股(?=N[\u4e00-\u9fa5])|N(?=[\u4e00-\u9fa5]{2})|\d+连板|\d+天\d+板|据悉|据报道?|据报|据了解|消息称|网?曝(?!光)(?=[\u4e00-\u9fa5A-Za-z]{2})|记者获悉|快讯|独家|重磅|突发|最新|日前|近日|近期|今日|今天|今起|昨日|昨天|本周|刚刚|_|\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月\d{1,2}日|关于|(证监会|金融监管总局|银保监会|国家金融监督管理总局|交易所|港交所|上交所|深交所)(核准|批准|同意)|[，,：:\s！!、□])+/;
/** What commonly sits between a Chinese company name and its trigger (time words, places, modal verbs, the thing affected). */
const zhStop = /拟|将|计划|正式|宣布|今日|今天|今晚|今夜|明日|明天|本周|下周|今起|昨日|日前|近日|近期|再度|再次|继续|持续|首次|第[一二三四五六七八九十\d]+[次度]|成功|顺利|已经|已|在|于|向|赴|来港|获|被|与|和|及|、|携手|联手|联合|新增|以(?=[\d每约近超])|等|旗下|全资|控股子|子公司|公告|发布|披露|启动|开启|完成|通过|今年|明年|年内|即将|正在|开始|进行|更新|回复|重启|IPO|上市|科创板|创业板|北交所|港股|A股|H股|B股|主板|首发|(美国|香港)(?=IPO|上市|首次公开)|上交所|深交所|港交所|联交所|纳斯达克|纽交所|美股|的(?=美股|港股|A股|IPO)|深市|沪市|下令|据悉|据报|考虑|预计|寻求|秘密|高管|现身|亮相|宣告|遭|因|涉嫌|收到|多个|多笔|实控人|股价|股权|股票|银行贷款|银行账户|贷款|债券|美元债|可转债|商票|控制权|筹划|筹备|冲刺|连续|共同|投资(?!等|集团|控股|管理|有限|[：:])|出资|对外|新建|[\u4e00-\u9fa5](?!新)[\u4e00-\u9fa5](?=工厂|基地|新厂|项目|产线|生产线)|新(?=工厂|基地|园区)|总部|董事长|董事会|董事局|总经理|总裁|行长|财务|首席|CEO|CFO|COO|CTO|创始人|表示|声称|宣称|辟谣|签署|签订|新任|原(?=总|董|财|首|C|副|党|行|执|监)|副(?=总|董|行长|主席|CEO|首席)|回应|为何|为什么|迎来|选举|聘任|任命|委任|引入|引进|公布|举行|今起|招股|上会|再(?=递|获|启|融|冲|发)|重大|年产|扩产|员工|注册|申请|\d/;
const zhTrailing = /(公告|的|成|为|遭|被|获|将|拟|已|再|又|也|均|正|首|于|在|与|和|等|称|[□\s，,：:、“”「」"'《》()（）_])+$/;
const zhHeadTrailing = /(公告|[□\s，,：:、“”「」"'《》()（）_])+$/;
const zhGeneric = /^(公司|该公司|本公司|企业|英国|美国|中国|日本|韩国|德国|法国|欧盟|印度|俄罗斯|澳大利亚|加拿大|政府|一家|多家|数家|港股|A股|美股|中概股|新股|IPO|今年|全球|市场|行业|板块|券商|投行|监管|证监会|证监局|交易所|上交所|深交所|北交所|港交所|联交所|证交所|专家|分析师|机构|数据|报告|统计局|央行|财政部|国资委|法院|银行|投资者|股民|两市|沪深两市|快讯|独家|观察|观点|评论|那些|这些|哪些|标的公司|标的|我国|全国|中基协|中证协|协会)$|\d+家|多家|数家|几家|[一二三四五六七八九十]+家|^(部分|个别|多名|多位|若干)|^(国内|行业|全球|海外)?(头部|龙头)(企业|厂商|公司)|^(伊朗|以色列|阿曼|沙特|阿联酋|卡塔尔|科威特|巴林|伊拉克|乌克兰|巴西|墨西哥|越南|泰国|新加坡|马来西亚|印尼|土耳其|埃及|南非|意大利|西班牙|荷兰|瑞士|瑞典|挪威|波兰|委内瑞拉|阿根廷|菲律宾|巴基斯坦|蒙古|朝鲜|北京|上海|天津|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆|特朗普|拜登|普京)$|(总统|总理|首相|部长|外长|防长|财长|大使|发言人|议长|国务卿)$|(受害者|网友|用户|消费者|股民|散户|市民|居民|家庭|患者|乘客|业主)$/;

/** A column label or a source before a colon (港股IPO：, 投资避雷针：, 快讯：, 知情人士：) is no subject: the name follows it. */
const zhColumn = /^(观察|观点|评论|快讯|独家|重磅|公告|解读)|^(知情人士|消息人士|知情者|消息|路透社?|彭博社?|外媒|媒体|财联社)$|^(上交所|深交所|北交所)?(上市委|上市委员会|上市审核委员会|发审委)([^：:]{0,16}(会议|公告))?$|^((港股|美股|A股|中概股)?IPO|新股|打新)$|(避雷针|早报|晚报|速递|日报|周报|精选|要闻|热点|前瞻)$/;

/** A teaser that counts IPOs before the colon (又一家车企IPO：奇瑞汽车递表…) is a column label too, though it counts. */
const zhTeaser = /^[又再]?[一二三四五六七八九十\d]+家[^：:]{0,8}IPO$/;

/**
 * A clause that starts with a verb or modal (after a time word: 年内将在巴西开设首家门店) has no subject of its own; nor has one
 * that starts with the company's own controller (贝因美：控股股东重整计划获法院批准 实控人拟变更为…).
 */
const zhOpensWithVerb = /^(今年|明年|年内|年底|近期)?(正在?|拟|将|筹划|计划|规划|预计|已经?|并|同时|另|且|还|将于|被|遭|收到|实控人|实际控制人|控股股东)/;

const zhFigure = /^["“「]?[\d.%\-—~+，,]+[人股只个名位年月]?$/;

/** A Chinese name without the particles after it (公告, 的, 将, 被 …), keeping two characters at least (华为被 → 华为, not 华). */
function trimParticles(name: string): string {
  const trailing = zhTrailing.exec(name);
  return trailing ? name.slice(0, Math.max(trailing.index, Math.min(2, name.length))) : name;
}

/** The subject of a Chinese clause: the text before the trigger, stripped of lead-ins, time words and modal verbs. */
export function zhSubject(text: string, clauseStart: number, triggerStart: number): NameSpan | undefined {
  // A later clause that opens with a verb (天地源：股票交易异常波动 正筹划…资产出售, SK电信正在评估…，拟至2035年前建成…) has no
  // subject of its own: it is the headline's, named before the announcement's colon or in the first clause.
  if (clauseStart > 0 && (triggerStart === clauseStart || zhOpensWithVerb.test(text.slice(clauseStart, Math.max(triggerStart, clauseStart + 5))))) {
    const colon = text.search(/[：:]/);
    const first = text.search(/[，,；;。！!？?\s]/);
    // Up to and with the colon, so that the name keeps its last character (芯联集成：…, not 芯联集).
    const headEnd = colon > 0 && colon < clauseStart ? colon + 1 : first > 0 && first < clauseStart ? first : -1;
    if (headEnd > 0) return zhSubject(text, 0, headEnd);
  }
  // 杭州跑出一个IPO, 北京杀出超级IPO: the place that brings forth an IPO is no company (and not a generic subject either).
  if (/^(跑|杀|喝)出/.test(text.slice(triggerStart))) return undefined;
  let start = clauseStart;
  let end = triggerStart;
  const lead = () => {
    const match = zhLeading.exec(text.slice(start, end));
    if (match) start += match[0].length;
  };
  lead();
  const colon = text.slice(start, end).search(/[：:]/);
  let headed = false;
  if (colon >= 0) {
    const head = trimParticles(text.slice(start, start + colon));
    if (head.length >= 2 && !zhGeneric.test(head) && !zhColumn.test(head) && !zhTeaser.test(head)) {
      end = start + colon;
      headed = true;
    }
    else if (zhGeneric.test(head) && !zhTeaser.test(head)) return { start, end: start + colon, generic: true };
    else {
      start += colon + 1;
      lead();
    }
  }
  const quoted = /[「“"]([^」”"]{2,30})[」”"]/.exec(text.slice(start, end));
  // A quoted nickname right before the name ("辣条大王"卫龙三闯港交所) is not the name.
  const afterQuote = quoted ? text.slice(start + quoted.index + quoted[0].length, end) : '';
  if (quoted && quoted.index === 0 && /^[\u4e00-\u9fa5A-Za-z]{2}/.test(afterQuote) && !zhStop.test(afterQuote.slice(0, 2))) {
    start += quoted[0].length;
  } else if (quoted) {
    const at = start + quoted.index + 1;
    return { start: at, end: at + quoted[1]!.length, generic: false };
  }
  // 马斯克旗下SpaceX计划…: the unit named after its owner is the one the news is about (not a bare 旗下投资公司); so is the
  // parent named after its brand (蜜雪冰城母公司蜜雪集团递表…).
  const owner = /^[^，\s]{2,12}?(旗下|母公司)(?=[\u4e00-\u9fa5A-Za-z]{2})(?![\u4e00-\u9fa5]{0,4}(公司|企业))/.exec(text.slice(start, end));
  if (owner && start + owner[0].length + 2 <= end) start += owner[0].length;
  // 德国天然气发动机与发电系统制造商INNIO顶格定价…: a Latin name right after a maker's descriptor is the name, even when the
  // descriptor holds a stop word (与).
  const describedLatin = /^[^，\s]{2,24}?(公司|巨头|企业|厂商|制造商|生产商|运营商|供应商|开发商|服务商|独角兽)(?=[A-Za-z][\w&.'’-]*(?: [A-Z][\w&.'’-]*)*$)/.exec(text.slice(start, end));
  if (describedLatin) start += describedLatin[0].length;
  // Searched past the trigger's start so that look-aheads (…基地, 再递表) see what follows.
  const stop = zhStop.exec(text.slice(start + 2));
  if (stop && start + 2 + stop.index < end) {
    end = start + 2 + stop.index;
    // A board or market word ends the name (海光芯正港股IPO…): the character before it is the name's own, not 正/成.
    if (/^(IPO|上市|科创板|创业板|北交所|上交所|深交所|港交所|联交所|纳斯达克|纽交所|港股|A股|H股|B股|美股|主板|首发|美国|香港|深市|沪市)/.test(stop[0])) headed = true;
  }
  // The name before an announcement's colon ends there (芯联集成：…): only punctuation and 公告 are trimmed, not 成/为.
  // 映恩生物（Duality Biotherapeutics Inc）IPO…: a Latin name in brackets after the Chinese one is no part of it.
  const latinAfter = /[（(][A-Za-z][^（()）]*[）)]?$/.exec(text.slice(start, end));
  if (latinAfter && latinAfter.index >= 2) end = start + latinAfter.index;
  const trailing = (headed ? zhHeadTrailing : zhTrailing).exec(text.slice(start, end));
  // A name has two characters at least, so a particle is trimmed only after them (华为被…: 华为, not 华).
  if (trailing) end = start + Math.max(trailing.index, Math.min(2, end - start));
  // 麦科医药-B, 礼邦医药-B(09637): the share-class suffix and the stock code are no part of the name.
  const suffix = /-(B|W|U|SW|WR|S|P)$/.exec(text.slice(start, end));
  if (suffix) end -= suffix[0].length;
  // "北京18家中介机构被查处"上热搜: a quote that opens the headline and closes after the trigger is no part of the name.
  if (/^["“「]/.test(text.slice(start, end)) && !/["”」]/.test(text.slice(start + 1, end))) start += 1;
  let name = text.slice(start, end);
  // 阿根廷可再生能源公司Genneia SA: a Chinese descriptor before a Latin name is no part of it.
  const described = /^([\u4e00-\u9fa5]{1,16}(公司|巨头|企业|厂商|制造商|生产商|运营商|供应商|开发商|服务商|品牌|独角兽)|[\u4e00-\u9fa5A-Za-z的]{1,16}?基金)(?=[A-Za-z])/.exec(name);
  if (described) {
    start += described[0].length;
    name = text.slice(start, end);
  }
  // AI芯片独角兽壁仞科技, 光互连创业企业光联芯科: a descriptor that ends in a kind of company is dropped before a Chinese name too
  // (not a group's own 企业集团, nor a bare 公司, which ends many names).
  const describedZh = /^[\u4e00-\u9fa5A-Za-z\d]{2,16}?(独角兽|巨头|龙头企业|初创企业|初创公司|创业企业|创业公司|创企|厂商|制造商|生产商|运营商|供应商|开发商|服务商)(?=[\u4e00-\u9fa5]{2})(?!集团|公司|有限|股份)/.exec(name);
  if (describedZh && name.length - describedZh[0].length >= 2) {
    start += describedZh[0].length;
    name = text.slice(start, end);
  }
  if (name.length < 2 || name.length > 30) return undefined;
  // 公司原董事长被立案调查: a pronoun names no company, but the event is still one company's.
  if (/^(该|本)?公司$|^其|^(该|本)?项目$/.test(name)) return undefined;
  // 国内第二大晶圆代工厂将回归A股: a rank describes the company without naming it.
  if (/^(国内|全球|中国)第?[一二三四五六七八九十\d]+大/.test(name)) return undefined;
  // 国产晶圆代工龙头冲刺港交所: a trade's leader is a description, not a name.
  if (/龙头$/.test(name)) return undefined;
  // 国产DPU第一股获得受理: a "first listed X" describes the company without naming it.
  if (/第一股$/.test(name) || text.startsWith('第一股', end)) return undefined;
  // An amount ("100亿锂电铜箔项目落户…") leaves the project unnamed; it does not make the headline commentary.
  if (/^["“「]?[\d.]+\s*(亿|万|千万|元)/.test(text.slice(start, triggerStart))) return undefined;
  // A figure, a year or a head count ("115股获…", "2022汽车科技公司…", "3人被…") is no company: the headline is about many.
  return { start, end, generic: zhGeneric.test(name) || zhFigure.test(name) };
}

const enTag = /^\s*((EXCLUSIVE|UPDATE ?\d*|BRIEF|BREAKING|REPORT|SOURCES?|CORRECTED|CORRECTION|WRAPUP ?\d*|RPT|REFILE|PRESS|MOVES|BUZZ|TOP NEWS|INSIGHT|DEALTALK|IFR|LPC|TRLPC)\s*[:\-–—]\s*)+/i;
/** Wire tags without a separator, as a crawl that dropped punctuation stores them ("UPDATE 2 Adobe …", "CORRECTED UPDATE 1 …", "BRIEF …"). */
const enBareTag = /^\s*((CORRECTED|REFILE|RPT|UPDATE \d+|BRIEF|EXCLUSIVE|Exclusive|PRESS DIGEST|COLUMN|TIMELINE)\s+)+(?=[A-Z0-9])/;
const enDescriptor = /^(issuer|seller|retailer|reseller|exchange|chipmaker|automaker|carmaker|lender|insurer|online|stablecoin|startup|start-up|fintech|chinese|china's|u\.s\.|us|american|japanese|german|british|indian|french|korean|taiwanese|singaporean|australian|canadian|european|asian|global|hong|kong|kong-based|[a-z]+-based|ev|ai|biotech|tech|maker|firm|company|giant|developer|operator|producer|supplier|retailer|lender|platform|brand|chain|manufacturer|specialist|provider|rival|owner|unit|subsidiary|group's|exclusive)$/i;
/** More nationalities and people described before a name ("Indonesian tycoon Salim"); kept apart so that each pattern stays small and fast. */
const enMoreDescriptor = /^(indonesian|malaysian|thai|vietnamese|brazilian|mexican|russian|italian|spanish|swiss|dutch|swedish|norwegian|danish|finnish|irish|scottish|israeli|saudi|turkish|nigerian|kenyan|egyptian|argentine|chilean|polish|tycoon|billionaire|former|ex)$/i;
const enTrailingWord = /^(IPO|IPOs|CEO|CFO|COO|Chairman|Shares|Stock|Inc's|Startup|Deal|Deals|Sale|Bid|Offer|Merger|Takeover|Buyout)$/;
const enGeneric = /^(Lenders?|Investors?|Shareholders?|Creditors?|Banks?|Regulators?|SEC|Nasdaq|NYSE|HKEX|LSE|Court|Judge|Prosecutors?|Government|Analysts?|Shares|Stocks?|Dealmakers?|Global|The|A|An|Startups?|Companies|Firms|Officials?|Sources?|Report|Moody's|S&P|Fitch|Workers|Staff|Employees|Unions?|Man|Woman|Men|Women|Residents|People)$/;
/** A conjunction that opens a clause with its own capitalised subject. */
const enSubordinate = /\s(?:[Aa]s|[Ww]hile|[Aa]fter|[Ww]hen|[Bb]ecause|[Ss]ince|[Ss]ays|[Ss]aid)\s+(?=(?!(?:To|That|It|Its|The|A|An|This)\s)[A-Z][\w&.'’-]*\s[^,;]*$)/g;
/** Capitalised words of a Title Case headline that are no name on their own. */
const enNotName = /^(That|This|These|Those|To|It|Its|The|A|An|Is|Are|Was|Were|Has|Have|Will|Who|Which|What)$/;
/** A word after a possessive that says where or how big, not which company ("SMIC's Shanghai listing", "X’s $2B round"). */
const enPossessedModifier = /^([$€£]?\d|U\.S\.|US|UK|Hong|Shanghai|Shenzhen|New|London|Nasdaq|NYSE|Tokyo|Mumbai|Planned|Proposed|Upcoming|Long-awaited|Stock|Share|Market)/;
/** Goods and people in the plural after a possessive ("Volkswagen's Self-Driving Cars", "Apple's Engineers"). */
const enPossessedPlural = /^(Cars|Vehicles|Phones|Chips|Trucks|Robotaxis|Glasses|Devices|Products|Models|Apps|Games|Stores|Plants|Factories|Engineers|Workers|Employees|Drivers|Customers|Users)$/;
const enConnector = /^(&|of|de|du|la|van|von|and)$/;
/** A subject that starts with a country, an institution or a whole field ("U.S. Senator …", "EU regulators", "AI Is …") is no company. */
/** More countries, generic only on their own or with an institution ("Argentina", "Lebanon Central Bank"), since many company names start with one ("Malaysia Airlines"). */
const enCountryOnly = /^(Argentina|Lebanon|Zambia|Ecuador|Venezuela|Greece|Ukraine|Sri Lanka|Pakistan|Egypt|Nigeria|Ghana|Ireland|Portugal|Mongolia|Chile|Peru|Colombia|Poland|Romania|Norway|Sweden|Switzerland|Netherlands|Israel|Iran|Iraq|Qatar|UAE|Taiwan|Malaysia|Thailand|Philippines|New Zealand|South Africa|Kenya|Scotland|Wales|England)( (Government|Ministry|Central Bank|Police|Court|Parliament|Regulators?|Authorities|Officials))?$/;
const enGenericLead = /^(U\.S\.|US|UK|EU|Republicans|Democrats|Lawmakers|China|India|Britain|Germany|France|Japan|Europe|Italy|Spain|Russia|Brazil|Mexico|Canada|Australia|Korea|South Korea|Indonesia|Vietnam|Turkey|Saudi Arabia|Government|Senator|Internal|Federal|Fed|AI|Startups?|Investors?|Trump administration|Trump officials|White House|Congress|Pentagon)(\s|$)/;
/** Words that end a Title Case name: the verb or adverb that follows it ("Unity Is Said", "Slack Actively Preparing", "Meta First Wants"). */
const enTitleVerb = /^(Is|Are|Was|Were|Has|Have|Had|Said|Says|To|Set|Sets|Plans|Planning|Actively|Reportedly|First|Now|Also|Quietly|Finally|Officially|Still|Eyes|Files|Filed|Targets|Weighs|Considering|Considers|Prepares|Preparing|Readies|Seeks|Looks|Aims|Nears|Explores|In|For|At|On|With|After|Ahead|Will|Could|May|Might|Raises|Prices|Pops|Soars|Climbs|Slides|Falls|Tumbles|Jumps|Gets|Wins|Names|Hires|Buys|Sells|Strikes|Agrees|Launches|Opens|Cuts|Sues|Faces|Boosts|Shows|Building|Moves|Makes|Takes|Becomes|Teams|Partners|Joins|Unveils|Announces|Expands|Invests|Acquires|Signs|Inks|Tells|Reports|Discusses|Pushes|Scores|Hits|Tops|Lands|Secures|Closes|Completes|Bets|Doubles|Puts|Lays|Starts|Begins|Debuts|Taps|Picks|Wants|Nabs|Slows|Shuts|Halts|Drops|Adds|Loses|Posts|Sees|Expects|Asks|Agrees|Gives|Lets|Offers|Turns|Backs|Approves|Clears|Blocks|Offloads|Sheds|Settles|Pays|Warns|Denies|Confirms|Mulls|Promotes|Appoints|Poaches|Quits|Resigns|Retires|Departs|Leaves|Snaps|Axes|Slashes|Shuts|Hit|Threatens|Urges|Swallows|Races|Rallies|Plunges|Surges|Sinks|Rises|Gains|Slumps|Leaps|Rockets|Crashes|Scrambles|Rushes|Struggles|Fights|Battles|Intensifies|Accuses|Blames|Bans|Blocks|Scraps|Delays|Pulls|Shelves|Scraped|Hacked|Fined|Sued|Charged|Accused|Poached|Acquired|Bought|Sold|Ousted)$/;
/** A lower-case word that describes the company before its name ("Stablecoin issuer Circle", "Intel unit Mobileye", "Facebook parent Meta"). */
const enLowerDescriptor = /^(issuer|startup|start-up|maker|chipmaker|automaker|carmaker|firm|company|platform|exchange|provider|retailer|reseller|seller|giant|unit|owner|lender|bank|operator|developer|group|app|miner|airline|insurer|supplier|rival|specialist|leader|arm|subsidiary|brand|chain|parent)$/;
/** Titles of people inside a Title Case run: the company comes before them ("Spotify Founder Daniel Ek", "Snap CEO Evan Spiegel"). */
const enPersonTitle = /^(Founder|Co-[Ff]ounder|Cofounder|CEO|CFO|COO|CTO|Chief|Boss|Chairman|Chairwoman|Chair|President|Executive|Director|Head|Founders)$/;
/** Counts and ordinals that open a headline ("Two former …", "Second …"). */
const enCountWord = /^(One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Several|Many|Some|Thousands|Hundreds|Dozens|First|Second|Third|Fourth|Fifth)$/;
/** Plural common nouns that name a whole field ("startups", "data centers"), not one company. */
const enFieldPlural = /^(startups|start-ups|companies|firms|banks|lenders|insurers|investors|shares|stocks|makers|carmakers|automakers|retailers|brands|groups|centers|centres|hotels|airlines|workers)$/i;
/** The last word of a name that makes it a field ("AI Data Centers"). */
const enFieldLast = /^(Startups|Start-ups|Companies|Firms|Stocks|Shares|Centers|Centres),?$/;
const enNameWord = /^[A-Z0-9$][\w&.'’-]*,?$/;

function titleCase(word: string): string {
  return word.length > 1 && word === word.toUpperCase() ? word[0] + word.slice(1).toLowerCase() : word;
}

/** The subject of an English clause: the first run of capitalised words before the trigger. */
export function enSubject(text: string, clauseStart: number, triggerStart: number): NameSpan | undefined {
  let start = clauseStart;
  const tag = enTag.exec(text.slice(start, triggerStart));
  if (tag) start += tag[0].length;
  const bareTag = enBareTag.exec(text.slice(start, triggerStart));
  if (bareTag) start += bareTag[0].length;
  // "To Build the Metaverse, Meta First Wants …": a purpose that opens the headline is no subject; the name follows its comma.
  const purpose = /^To [A-Za-z][^,;]{0,40},\s+(?=[A-Z])/.exec(text.slice(start, triggerStart));
  if (purpose) start += purpose[0].length;
  // "Facebook builds a feature as Nextdoor eyes IPO": a trigger in a clause of its own ("as", "while", "after" + a name) has its own subject.
  const subordinate = [...text.slice(start, triggerStart).matchAll(enSubordinate)].at(-1);
  if (subordinate && start + subordinate.index + subordinate[0].length < triggerStart) start += subordinate.index + subordinate[0].length;
  const tokens: { word: string; at: number }[] = [];
  for (const m of text.slice(start, triggerStart).matchAll(/\S+/g)) {
    const previous = tokens.at(-1);
    // A crawl that stripped apostrophes leaves "Adobe s revenue", "UK s Partnerships": the lone s is a possessive; "Alarm com" is one name.
    if (previous && (m[0] === 's' || m[0] === 'com') && /^[A-Z0-9][\w&.-]*$/.test(previous.word) && previous.at + previous.word.length === start + m.index - 1) {
      previous.word = m[0] === 's' ? `${previous.word}'s` : `${previous.word}.com`;
      continue;
    }
    tokens.push({ word: m[0], at: start + m.index });
  }
  let i = 0;
  // Skip leading descriptors ("Chinese EV maker …", "Fintech firm …") when a name follows them.
  while (i < tokens.length - 1 && (enDescriptor.test(tokens[i]!.word.replace(/,$/, '')) || enMoreDescriptor.test(tokens[i]!.word))) i += 1;
  // "Four former Barclays bankers jailed", "Second administrator to …": a count before a lower-case word is no name
  // ("Fourth Coffee Lab" is one).
  while (i < tokens.length && enCountWord.test(tokens[i]!.word) && (i === tokens.length - 1 || /^[a-z]/.test(tokens[i + 1]!.word))) i += 1;
  // "AI Is Eliminating Jobs": a verb right after the descriptor makes the descriptor itself the subject.
  if (i > 0 && i < tokens.length && enTitleVerb.test(titleCase(tokens[i]!.word))) i -= 1;
  // "Fintech startups raised …": the subject is a whole field, not a company.
  if (i < tokens.length && enFieldPlural.test(tokens[i]!.word)) return { start: tokens[i]!.at, end: tokens[i]!.at + tokens[i]!.word.length, generic: true };
  if (i < tokens.length && !enNameWord.test(tokens[i]!.word)) {
    // The subject is not at the start ("Lenders sue …" handled by object rules); take the first capitalised run later on.
    while (i < tokens.length && !enNameWord.test(tokens[i]!.word)) i += 1;
  }
  const run: typeof tokens = [];
  for (; i < tokens.length; i += 1) {
    const { word } = tokens[i]!;
    if (enNameWord.test(word)) {
      run.push(tokens[i]!);
      if (word.endsWith(',')) break;
    } else if (run.length > 0 && enConnector.test(word) && word !== 'and' && i + 1 < tokens.length && enNameWord.test(tokens[i + 1]!.word)) {
      run.push(tokens[i]!);
    } else break;
  }
  // "Stablecoin issuer Circle": a lower-case descriptor after the first run introduces the real name.
  if (run.length > 0) {
    const after = tokens.indexOf(run.at(-1)!) + 1;
    // Up to two lower-case words, the last a descriptor ("Secretive data startup Palantir").
    for (const gap of [1, 2]) {
      const nameAt = after + gap;
      if (after === 0 || nameAt >= tokens.length) break;
      const lower = tokens.slice(after, nameAt);
      // … or a possessor ("Australia's scandal-hit Westpac"): the name after it is the company.
      const possessor = /['’]s$/.test(run.at(-1)!.word);
      if (!lower.every((t) => /^[a-z][\w-]*$/.test(t.word)) || !(possessor || enLowerDescriptor.test(lower.at(-1)!.word)) || !enNameWord.test(tokens[nameAt]!.word)) continue;
      run.length = 0;
      for (let k = nameAt; k < tokens.length && enNameWord.test(tokens[k]!.word); k += 1) run.push(tokens[k]!);
      break;
    }
  }
  // "Musk’s xAI Startup …": a name that starts lower-case (xAI, eBay) after a possessive is the company.
  if (run.length > 0 && /['’]s$/.test(run.at(-1)!.word)) {
    const after = tokens.indexOf(run.at(-1)!) + 1;
    if (after < tokens.length && /^[a-z]+[A-Z][\w&.'’-]*$/.test(tokens[after]!.word)) {
      run.length = 0;
      for (let k = after; k < tokens.length && (k === after || enNameWord.test(tokens[k]!.word)); k += 1) run.push(tokens[k]!);
    }
  }
  // Title Case headlines: the name ends at the verb that follows it ("Gaming Startup Unity Is Said …").
  // ALL CAPS wire headlines ("ACME CORP FILES FOR IPO") are compared in Title Case.
  const verbAt = run.findIndex((t, k) => k > 0 && enTitleVerb.test(titleCase(t.word.replace(/[,:]$/, ''))));
  if (verbAt > 0) run.length = verbAt;
  // Title Case headlines: cut after a descriptor inside the run ("Chinese EV Maker Voltaro"), not before "of" ("Bank of America").
  const lastDescriptor = run.findLastIndex((t, k) => k < run.length - 1 && enDescriptor.test(t.word) && !enConnector.test(run[k + 1]!.word));
  if (lastDescriptor >= 0) run.splice(0, lastDescriptor + 1);
  // "SoftBank's Arm": the possessor owns the company the headline is about.
  // But "SMIC's Shanghai listing", "Thinking Machines Lab’s $2B Seed Round": a place, a market or a figure is no company.
  const possessive = run.findIndex((t, k) => k < run.length - 1 && /['’]s$/.test(t.word));
  // … and "Volkswagen's Self-Driving Cars": things in the plural are the owner's goods or people, not a company.
  if (possessive >= 0 && (enPossessedModifier.test(run[possessive + 1]!.word) || enPossessedPlural.test(run.at(-1)!.word))) run.length = possessive + 1;
  else if (possessive >= 0) run.splice(0, possessive + 1);
  // "Spotify Founder Daniel Ek Leaving CEO Job": the person's title ends the company's name ("Hugo Boss" alone stays whole).
  const personTitle = run.findIndex((t, k) => k > 0 && k < run.length - 1 && enPersonTitle.test(t.word));
  if (personTitle > 0) run.length = personTitle;
  while (run.length > 0 && enTrailingWord.test(run.at(-1)!.word.replace(/[,:]$/, ''))) run.pop();
  if (run.length === 0) return undefined;
  const first = run[0]!;
  const last = run.at(-1)!;
  let end = last.at + last.word.length;
  const raw = text.slice(first.at, end);
  const stripped = raw.replace(/('s|’s| s)?[,:]?$/, '');
  if (enNotName.test(stripped)) return undefined;
  end -= raw.length - stripped.length;
  // "900 jobs to go": a count of jobs, shops or staff as the subject leaves the company unnamed (another clause may name it).
  if (/^\d/.test(stripped) && /^\s+(jobs|staff|workers|employees|stores|shops|branches|roles|posts)\b/.test(text.slice(last.at + last.word.length))) return undefined;
  // "AI Data Centers … Are Building", "Fintech startups raised": a field in the plural names no company.
  const after = tokens.indexOf(last) + 1;
  const next = tokens[after]?.word;
  // … but "Twitter's shares slump": after a possessive the plural is the company's own.
  // … nor "Raspberry Pi shares jump on first day of trading": on a listing's day, the shares after a name are that company's.
  const ownShares = next !== undefined && /^(shares|stock)$/.test(next) && /^[^;]*\b(debut|first day|first trading|(begins?|began|starts?|started|commences?) trading|listing|IPO|flotation)\b/i.test(text.slice(triggerStart));
  const field = enFieldLast.test(last.word) || (next !== undefined && !/['’]s$/.test(last.word) && enFieldPlural.test(next) && !ownShares);
  // "Mongolia and Rio Tinto agree …": a country and a company acting together; the company is the subject.
  if (next === 'and' && after + 1 < tokens.length && enNameWord.test(tokens[after + 1]!.word) && (enGenericLead.test(stripped) || enCountryOnly.test(stripped))) {
    let k = after + 1;
    while (k + 1 < tokens.length && enNameWord.test(tokens[k + 1]!.word) && !enTitleVerb.test(titleCase(tokens[k + 1]!.word))) k += 1;
    const name = text.slice(tokens[after + 1]!.at, tokens[k]!.at + tokens[k]!.word.length).replace(/[,:]$/, '');
    return { start: tokens[after + 1]!.at, end: tokens[after + 1]!.at + name.length, generic: enGeneric.test(name) || enGenericLead.test(name) };
  }
  // "Amaya spin out Innova s IPO prices …": a name owning the IPO named right before the trigger is the company listing, not the first name.
  const owner = /(?:^|\s)([A-Z][\w&.-]*(?: [A-Z][\w&.-]*)?)(?:['’]s| s)\s+$/.exec(text.slice(end, triggerStart));
  if (owner && enIpoNoun.test(text.slice(triggerStart)) && !enGeneric.test(owner[1]!) && !enGenericLead.test(owner[1]!)) {
    const at = end + owner.index + owner[0].indexOf(owner[1]!);
    return { start: at, end: at + owner[1]!.length, generic: false };
  }
  return { start: first.at, end, generic: field || enGeneric.test(stripped) || enGenericLead.test(stripped) || enCountryOnly.test(stripped) || /^\d/.test(stripped) };
}

/** A trigger that opens with the listing itself ("IPO prices …"), whose owner before it is the company listing. */
const enIpoNoun = /^(IPO|I\.P\.O|initial public offering|listing|flotation|float)\b/i;

/** Column labels before a colon, which name no company ("Market Report: …", "Analysis: …"). */
const enColumnLabel = /\b(Report|Analysis|Update|Review|Watch|Briefing|Factbox|Column|Opinion|Explainer|Comment|Live|News|Markets?|Stocks?|Share Price|Insight|Preview|Recap)$/;

/**
 * "ABN Amro: Bank that brought down RBS poised for return to the market": a headline that opens with a bare name and a
 * colon is about that name, when the clause after it has only a generic subject ("Bank").
 */
export function enHeadName(text: string, firstClauseEnd: number): NameSpan | undefined {
  if (text.slice(firstClauseEnd, firstClauseEnd + 1) !== ':') return undefined;
  const head = text.slice(0, firstClauseEnd);
  if (!/^[A-Z][\w&.'’-]*(\s+(?:[A-Z][\w&.'’-]*|&|of))*$/.test(head) || head.split(/\s+/).length > 4) return undefined;
  if (enGeneric.test(head) || enGenericLead.test(head) || enCountryOnly.test(head) || enColumnLabel.test(head) || enTag.test(`${head}:`)) return undefined;
  return { start: 0, end: head.length, generic: false };
}

/** A name captured by a rule's `co` group, trimmed of possessives and trailing ticker words. */
export function objectName(text: string, start: number, end: number, lang: 'zh' | 'en'): NameSpan | undefined {
  let name = text.slice(start, end);
  if (lang === 'en') {
    // A person's title ends the company ("charges against Amaya CEO David Baazov" → Amaya).
    name = name.replace(/\s+(CEO|CFO|COO|Chief|Chairman|Chairwoman|Founder|Co-founder|President|Boss)\b.*$/, '');
    name = name.replace(/(\s+(IPO|IPOs|CEO|CFO|Inc's))+$/, '').replace(/('s|’s| s)$/, '');

    if (enNotName.test(name)) return undefined;
  } else {
    name = trimParticles(name);
    const cut = /(科创板|创业板|主板|北交所|首次公开发行|首发|IPO|收购|并购)/.exec(name);
    if (cut && cut.index >= 2) name = name.slice(0, cut.index);
  }
  // One letter is a name only in English and in capitals (Musk's X).
  if (name.length < 2 && !(lang === 'en' && /^[A-Z]$/.test(name))) return undefined;
  return { start, end: start + name.length, generic: (lang === 'en' ? enGeneric : zhGeneric).test(name) };
}
