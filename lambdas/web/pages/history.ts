// The History page: the RM's recent call lists, each line with what was done on it (status, outcome, note).
import type { IsoDate } from '../../core/model.ts';
import type { CallListLine, StoredCallList } from '../../call-list/model.ts';
import { copy, type Copy } from '../copy.ts';
import { html, layout, type Html, type PageContext } from './layout.ts';

export interface HistoryView {
  lists: StoredCallList[];
  /** How many lists a page shows. */
  count: number;
  /** The day before the oldest list shown, when there may be older ones. */
  olderFrom?: IsoDate;
}

export function historyPage(ctx: PageContext, view: HistoryView): Html {
  const t = copy[ctx.locale];
  return layout(
    ctx,
    t.history,
    html`<h1>${t.history}</h1>
<p class="summary">${view.lists.length > 0 ? t.historyIntro(view.count) : t.noHistory}</p>
${view.lists.map((list) => listSection(t, list))}
${view.olderFrom ? html`<p><a href="/history?before=${view.olderFrom}">${t.olderLists}</a></p>` : ''}`,
  );
}

function listSection(t: Copy, list: StoredCallList): Html {
  const done = list.lines.filter((line) => line.status === 'done').length;
  return html`<section class="history-list" aria-labelledby="list-${list.businessDate}">
  <h2 id="list-${list.businessDate}">${t.callList(list.businessDate)}</h2>
  <p class="muted">${t.listDone(done, list.lines.length)}</p>
  <ul class="plain">${list.lines.map((line) => lineItem(t, line))}</ul>
</section>`;
}

function lineItem(t: Copy, line: CallListLine): Html {
  const said = [line.outcome, line.note].filter(Boolean).join(' · ');
  return html`<li data-client="${line.clientId}"><a href="/clients/${line.clientId}">${line.clientName}</a>
  <span class="badge status-${line.status}" data-status="${line.status}">${t.status[line.status]}</span>${said ? html` <span class="muted">${said}</span>` : ''}</li>`;
}
