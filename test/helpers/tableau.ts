/**
 * Builders for the national table tests: stored requests, `/tableau` round trips, files sent in
 * Teams.
 */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { RequestRecord } from '../../src/domain/model';
import type { Store } from '../../src/storage/store';
import type { Recorded } from './connector-stand-in';
import type { TestBot } from './app';
import { inPersonal, messageActivity, personalChat, post, type Persona, type Where } from './teams';

/** The card a recorded message carries. */
export function cardOf(r: Recorded): Record<string, any> {
  return (r.activity.attachments as { content: Record<string, any> }[])[0].content;
}

export const text = (card: unknown): string => JSON.stringify(card);

let counter = 0;

/** Stores a request as flow 1 would, without its cards (for exports). */
export async function seedRequest(
  store: Store,
  o: {
    mlId?: string;
    dtId?: string;
    nom: string;
    numeroCir: string;
    createdAt?: string;
    status?: RequestRecord['status'];
    createdBy?: string;
  },
): Promise<RequestRecord> {
  const at = o.createdAt ?? new Date().toISOString();
  const r: RequestRecord = {
    id: randomUUID(),
    number: `2000-${String(++counter).padStart(6, '0')}`,
    status: o.status ?? 'transmise',
    mlId: o.mlId ?? 'ml-villeurbanne',
    dtId: o.dtId ?? 'dt-lyon',
    partnershipId: 'rhone',
    createdBy: o.createdBy ?? 'seed',
    createdAt: at,
    updatedAt: at,
    identity: {
      civilite: 'Mme',
      nom: o.nom,
      prenom: 'Awa',
      dateNaissance: '2004-02-29',
      numeroCir: o.numeroCir,
    },
    answer: null,
    answeredBy: null,
    answeredByName: null,
    answeredAt: null,
    prescriptionML: null,
    prescribedAt: null,
  };
  await store.transaction((tx) => tx.requests.insert(r, null));
  return r;
}

export interface ExportRun {
  progress: Recorded;
  ready: Recorded;
  password: Recorded;
  secretId: string;
  url: string | undefined;
}

/** Types `/tableau <args>` and waits for the updated progress card and the password card. */
export async function runExport(
  bot: TestBot,
  p: Persona,
  args = '',
  where: Where = inPersonal(p),
  extra: object = {},
): Promise<ExportRun> {
  const before = bot.connector.recorded.length;
  const res = await post(bot.url, {
    ...messageActivity(p, bot.serviceUrl, `/tableau ${args}`.trim(), where),
    ...extra,
  });
  assert.equal(res.status, 200);
  const progress = bot.connector.recorded[before];
  assert.ok(progress, 'the progress card is answered at once');
  assert.match(text(cardOf(progress)), /Préparation du tableau/);
  const personal = personalChat(p);
  const isPassword = (r: Recorded) =>
    r.method === 'POST' &&
    r.conversationId === personal &&
    /tableau\.motdepasse/.test(text(r.activity));
  await bot.connector.waitFor(
    () =>
      bot.connector.recorded.some(
        (r) => r.method === 'PUT' && r.activityId === progress.activityId,
      ) && bot.connector.recorded.slice(before).some(isPassword),
    15_000,
  );
  const ready = bot.connector.recorded.find(
    (r) => r.method === 'PUT' && r.activityId === progress.activityId,
  ) as Recorded;
  const password = bot.connector.recorded.slice(before).find(isPassword) as Recorded;
  const card = cardOf(ready);
  const open = (card.actions ?? []).find((a: { type: string }) => a.type === 'Action.OpenUrl') as
    { url: string } | undefined;
  const execute = (cardOf(password).actions as { verb: string; data: { secretId: string } }[])[0];
  return { progress, ready, password, secretId: execute.data.secretId, url: open?.url };
}

/** A message carrying a file as Teams sends it in a personal chat (file download info). */
export function fileMessage(
  p: Persona,
  serviceUrl: string,
  name: string,
  downloadUrl: string,
  where: Where = inPersonal(p),
  textValue = '',
) {
  return {
    ...messageActivity(p, serviceUrl, textValue, where),
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        contentUrl:
          'https://contoso.sharepoint.com/personal/x/Documents/Fichiers%20de%20conversation/' +
          encodeURIComponent(name),
        name,
        content: { downloadUrl, uniqueId: randomUUID(), fileType: name.split('.').pop() },
      },
    ],
  };
}
