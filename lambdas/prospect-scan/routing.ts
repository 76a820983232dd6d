// Which RMs a story goes to and why: a client's own RM, else the RMs whose industries or watch-list match.
import type { Rm } from '../core/model.ts';
import { prospectKey } from '../core/company-name.ts';
import { normaliseChinese } from './signals/classify.ts';
import type { ClientMatch, DigestCategory, MatchReason, Route, Story } from './model.ts';

/** Text prepared once for keyword matching: Simplified script, NFKC, lower case. */
export function matchableText(...parts: Array<string | undefined>): string {
  return normaliseChinese(parts.filter(Boolean).join(' \n ')).normalize('NFKC').toLowerCase();
}

/** Chinese keywords match anywhere; Latin ones as whole words (a plural s/es allowed), so "oil" does not match "toil". */
export function containsKeyword(text: string, keyword: string): boolean {
  return keywordMatcher(keyword)(text);
}

/** Compiled matchers by keyword: RMs' keywords are few and are matched against every story. */
const matchers = new Map<string, (text: string) => boolean>();

function keywordMatcher(keyword: string): (text: string) => boolean {
  let matcher = matchers.get(keyword);
  if (matcher) return matcher;
  const needle = matchableText(keyword).trim();
  if (!needle) matcher = () => false;
  else if (!/^[\p{Script=Latin}\d\s.&'-]+$/u.test(needle)) matcher = (text) => text.includes(needle);
  else {
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    const pattern = new RegExp(`(?<![\\p{L}\\d])${escaped}(?:s|es)?(?![\\p{L}\\d])`, 'u');
    matcher = (text) => pattern.test(text);
  }
  if (matchers.size > 10_000) matchers.clear();
  matchers.set(keyword, matcher);
  return matcher;
}

/**
 * Routes a story. A company that is already a client goes only to its own RM (marked as a client),
 * and negative news about a client with loans is a risk alert. Negative news about a company that is
 * not a client is no prospect: it reaches only RMs watching that company. Anything else goes to every
 * RM whose industry keywords appear in the story, whose industries the feed covers, or whose
 * watch-list names the company.
 */
export function routeStory(story: Story, rms: Rm[], clients: ClientMatch[]): Route[] {
  const isRisk = story.signals.some((signal) => signal.type === 'risk');
  const baseCategory: DigestCategory = story.primary.type === 'ipo' ? 'ipo' : 'other';
  if (clients.length > 0) {
    const byRm = new Map<string, ClientMatch>();
    for (const match of clients) if (!byRm.has(match.rmId) || match.hasLoans) byRm.set(match.rmId, match);
    return [...byRm.values()].map((match) => ({
      rmId: match.rmId,
      clientId: match.clientId,
      category: isRisk && match.hasLoans ? 'risk-alert' : story.primary.type === 'risk' ? 'other' : baseCategory,
      reasons: [{ kind: 'client', clientId: match.clientId, hasLoans: match.hasLoans }],
    }));
  }

  const text = matchableText(story.title, story.summary, story.company);
  const routes: Route[] = [];
  for (const rm of rms) {
    const watched = watchListReasons(rm, story, text);
    const reasons = story.primary.type === 'risk' ? watched : [...industryReasons(rm, story, text), ...watched];
    if (reasons.length > 0) routes.push({ rmId: rm.rmId, category: baseCategory, reasons });
  }
  return routes;
}

function industryReasons(rm: Rm, story: Story, text: string): MatchReason[] {
  const reasons: MatchReason[] = [];
  const feedIndustries = story.industries.map((industry) => matchableText(industry).trim());
  for (const industry of rm.industries) {
    const names = [industry.name, ...industry.keywords].map((name) => matchableText(name).trim());
    const keyword = industry.keywords.find((candidate) => containsKeyword(text, candidate));
    if (keyword) reasons.push({ kind: 'industry', industry: industry.name, keyword });
    else if (feedIndustries.some((feedIndustry) => names.includes(feedIndustry))) {
      reasons.push({ kind: 'feed-industry', industry: industry.name });
    }
  }
  return reasons;
}

function watchListReasons(rm: Rm, story: Story, text: string): MatchReason[] {
  return rm.watchList
    .filter((entry) => (story.companyKey && prospectKey(entry) === story.companyKey) || containsKeyword(text, entry))
    .map((entry) => ({ kind: 'watch-list', entry }));
}

/** For a story whose company the classifier could not name: the first watch-list entry it mentions, if any. */
export function watchListCompany(story: Story, rms: Rm[]): string | undefined {
  const text = matchableText(story.title, story.summary);
  for (const rm of rms) {
    const entry = rm.watchList.find((candidate) => containsKeyword(text, candidate));
    if (entry) return entry;
  }
  return undefined;
}
