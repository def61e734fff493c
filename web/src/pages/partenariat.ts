/** The team tab *Partenariat* (?partenariat=<id>): the partnership's year, no person's data. */
import { apiGet, messageOf } from '../common/api';
import { boot } from '../common/boot';
import { h } from '../common/dom';
import { header } from '../common/layout';
import type { Partnership } from '../common/types';
import { partnershipView } from '../partenariat/render';

async function main(): Promise<void> {
  const { session, me, main } = await boot('Partenariat');
  const fromEntity = /^partenariat-(.+)$/.exec(session.context?.page.id ?? '')?.[1];
  const id = new URLSearchParams(location.search).get('partenariat') ?? fromEntity ?? '';
  if (!id) {
    main.append(
      header('Partenariat', me, false),
      h('p', { role: 'alert' }, "Cet onglet n'est lié à aucun partenariat : reconfigurez-le."),
    );
    return;
  }
  try {
    const p = await apiGet<Partnership>(session, `/api/tab/partenariats/${encodeURIComponent(id)}`);
    document.title = `${p.partnership.name} — Passerelle CIR`;
    main.append(header(p.partnership.name, me, false), ...partnershipView(p));
  } catch (err) {
    main.append(
      header('Partenariat', me, false),
      h('div', { class: 'alert', role: 'alert' }, messageOf(err)),
    );
  }
}

void main().catch((err: unknown) => console.error(err));
