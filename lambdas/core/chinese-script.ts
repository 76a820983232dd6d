// Traditional → Simplified Chinese, so that 華南汽車 in a Hong Kong feed and 华南汽车 in a client file meet.
import * as OpenCC from 'opencc-js/t2cn';

const cjk = /[\u3400-\u9fff]/;

/** Built on first use, once per process: building a converter costs far more than converting a headline. */
let convert: ((text: string) => string) | undefined;

/** The text with Traditional characters (Hong Kong and Taiwan usage) written in Simplified; other text unchanged. */
export function toSimplified(text: string): string {
  if (!cjk.test(text)) return text;
  convert ??= OpenCC.Converter({ from: 'hk', to: 'cn' }) as (text: string) => string;
  return convert(text);
}
