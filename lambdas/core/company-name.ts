// The lookup keys of a company name: legal suffixes, brackets, case and punctuation removed, so news and client records meet.
import { toSimplified } from './chinese-script.ts';

/** Legal-form and group suffixes, longest first; stripped repeatedly from the end (Simplified and Traditional). */
const CHINESE_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '有限責任公司',
  '有限公司',
  '集团',
  '集團',
  '控股',
  '股份',
  '公司',
];

/** English legal forms, matched as whole trailing words. */
const ENGLISH_SUFFIXES =
  /(?:\s|^)(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|group|holdings?|sa|ag|gmbh|nv|bv|pte|pty)\.?$/;

/**
 * The key a company is filed and looked up under: NFKC (full-width → half-width), lower case,
 * bracketed parts such as （上海） or (China) removed, legal suffixes (有限公司, 股份有限公司, 集团,
 * Inc., Corp., Ltd. …) stripped, spaces and punctuation dropped. The script is kept as it is:
 * callers that want 集團 and 集团 to meet convert Traditional to Simplified first.
 * Returns '' for a name that is nothing but a suffix or punctuation.
 */
export function companyKey(name: string): string {
  let text = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, ' ')
    .replace(/[,，、.;；:：'"“”‘’&]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (let changed = true; changed && text.length > 0; ) {
    changed = false;
    const english = ENGLISH_SUFFIXES.exec(text);
    if (english && english.index > 0) {
      text = text.slice(0, english.index).trim();
      changed = true;
      continue;
    }
    for (const suffix of CHINESE_SUFFIXES) {
      if (text.endsWith(suffix) && text.length > suffix.length) {
        text = text.slice(0, -suffix.length).trim();
        changed = true;
        break;
      }
    }
  }
  return text.replace(/[\s\p{P}\p{S}]/gu, '');
}

/** A prospect's id: the key of the Simplified form of its name, so 華南汽車集團 and 华南汽车集团 are one company. */
export function prospectKey(name: string): string {
  return companyKey(toSimplified(name));
}

/**
 * The keys a name is known by in the client-name index: as written and in Simplified script (one key when
 * they agree), so a Traditional client record meets Simplified news and the other way round.
 */
export function companyNameKeys(name: string): string[] {
  return [...new Set([companyKey(name), prospectKey(name)])].filter(Boolean);
}
