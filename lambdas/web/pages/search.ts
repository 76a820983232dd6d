// The search page: the signed-in RM's own clients matching a name, company or alias.
import type { Client } from '../../core/model.ts';
import { copy } from '../copy.ts';
import { html, layout, type Html, type PageContext } from './layout.ts';

export interface SearchView {
  query: string;
  clients: Client[];
}

export function searchPage(ctx: PageContext, view: SearchView): Html {
  const t = copy[ctx.locale];
  return layout(
    ctx,
    t.search,
    html`<h1>${t.search}</h1>
${view.query ? html`<p>${t.searchResults(view.query, view.clients.length)}</p>` : ''}
<ul class="plain">${view.clients.map(
      (c) => html`<li><a href="/clients/${c.clientId}">${c.name}</a>${c.companyName && c.companyName !== c.name ? html` · ${c.companyName}` : ''} <span class="muted">${t.tier(c.tier)}</span></li>`,
    )}</ul>`,
  );
}
