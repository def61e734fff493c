/**
 * `GET /api/tab/annuaire?q=`: the people of the caller's partnerships (everyone for global admins)
 * matching the text, as `/annuaire` finds them, with links to reach them: a Teams chat, a mail, a
 * phone call. Structures themselves are found through their people.
 */
import { displayPhone } from '../domain/contact-fields';
import { searchDirectory } from '../domain/directory-search';
import type { Caller } from '../domain/model';
import { format } from '../i18n/fr';
import { frDirectory } from '../i18n/fr-directory';
import { frTab } from '../i18n/fr-tab';
import type { BotServices } from '../teams/feature';
import { TabError } from './http';

export interface TabPerson {
  name: string;
  role: string;
  structure: string;
  email: string | null;
  phone: string | null;
  /** E.164, for a `tel:` link. */
  phoneLink: string | null;
  chatUrl: string | null;
}

const MAX_RESULTS = 100;

export async function searchPeople(
  services: BotServices,
  caller: Caller,
  q: string,
): Promise<{ items: TabPerson[]; total: number }> {
  if (q.length > 100)
    throw new TabError(400, 'bad-query', format(frTab.errors.badQuery, { param: 'q' }));
  const hits = await searchDirectory(
    services.store,
    { allowedTenants: services.config.allowedTenants },
    caller,
    q,
  );
  const people = hits.flatMap((h) => (h.type === 'person' ? [h] : []));
  await services.store.audit.record({
    at: services.clock.now().toISOString(),
    actor: caller.aadObjectId,
    action: 'tab.annuaire.chercher',
    detail: `${people.length} people`,
  });
  return {
    total: people.length,
    items: people.slice(0, MAX_RESULTS).map(({ person: p, structure }) => ({
      name: p.name,
      role: frDirectory.roles[p.role] ?? p.role,
      structure: structure?.name ?? p.structureId,
      email: p.email,
      phone: p.phone ? displayPhone(p.phone) : null,
      phoneLink: p.phone,
      chatUrl: p.email
        ? `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(p.email)}`
        : null,
    })),
  };
}
