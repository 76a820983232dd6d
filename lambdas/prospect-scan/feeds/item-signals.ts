// The signals of one feed item: an EDGAR filing's form type, else what the headline classifier finds.
import { classify } from '../signals/classify.ts';
import type { Signal } from '../signals/types.ts';
import { filingSignal } from './edgar.ts';
import type { FeedItem } from './types.ts';

export function signalsOf(item: FeedItem): Signal[] {
  if (item.filing) {
    // A filing is the signal itself; its title ("S-1 - Acme Inc. (0001…) (Filer)") is not news prose.
    const signal = filingSignal(item.filing);
    return signal ? [signal] : [];
  }
  return classify({ title: item.title, summary: item.summary || undefined, lang: item.lang });
}
