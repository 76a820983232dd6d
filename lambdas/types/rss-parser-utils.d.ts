// Types for the one rss-parser internal we replace (see lambdas/prospect-scan/feeds/parse.ts).
declare module 'rss-parser/lib/utils.js' {
  const utils: { getSnippet: (html: string) => string };
  export default utils;
}
