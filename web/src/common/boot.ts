/** Every page's start: session, then /api/tab/moi, with French messages when either fails. */
import { apiGet, messageOf } from './api';
import { h } from './dom';
import { mainElement } from './layout';
import { startSession, type Session } from './session';
import type { Me } from './types';

export async function boot(
  title: string,
): Promise<{ session: Session; me: Me; main: HTMLElement }> {
  const session = await startSession();
  const main = mainElement();
  try {
    const me = await apiGet<Me>(session, '/api/tab/moi');
    document.title = `${title} — Passerelle CIR`;
    return { session, me, main };
  } catch (err) {
    main.append(h('h1', {}, title), h('div', { class: 'alert', role: 'alert' }, messageOf(err)));
    throw err;
  }
}
