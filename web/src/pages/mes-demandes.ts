/** The personal tab *Mes demandes*: the list, and a request's detail at #demande/<id> or #fiche/<id>. */
import { boot } from '../common/boot';
import { header } from '../common/layout';
import { RequestDetail } from '../demandes/detail';
import { RequestList } from '../demandes/list';

async function main(): Promise<void> {
  if (location.hash === '#annuaire') return location.replace('/tab/annuaire');
  const { session, me, main } = await boot('Mes demandes');
  let stale = false;
  const list = new RequestList(session);
  const detail = new RequestDetail(session, () => (stale = true));
  main.append(header('Mes demandes', me, !session.inTeams), list.element, detail.element);
  let opened = '';
  const route = async () => {
    const m = /^#(demande|fiche)\/(.+)$/.exec(location.hash);
    list.element.hidden = !!m;
    detail.element.hidden = !m;
    if (m) {
      opened = location.hash;
      return detail.show(m[1], decodeURIComponent(m[2]));
    }
    if (stale) {
      stale = false;
      await list.load();
    }
    // Back from a detail: the keyboard is where it was, on that row's link.
    if (opened) list.element.querySelector<HTMLElement>(`a[href="${CSS.escape(opened)}"]`)?.focus();
    opened = '';
  };
  window.addEventListener('hashchange', () => void route());
  await list.load();
  await route();
}

void main().catch((err: unknown) => console.error(err));
