/** Builders for the offers tests: commands and files sent in Teams, the publish form's submits. */
import { strict as assert } from 'node:assert';
import type { TestBot } from './app';
import { invoke } from './committees';
import { cardOf, fileMessage, text } from './tableau';
import { messageActivity, post, type Persona } from './teams';

/** Types a command in the personal chat; the cards the bot answered, as JSON text. */
export async function say(bot: TestBot, p: Persona, words: string): Promise<string> {
  const before = bot.connector.recorded.length;
  const res = await post(bot.url, messageActivity(p, bot.serviceUrl, words));
  assert.equal(res.status, 200);
  return bot.connector.recorded
    .slice(before)
    .map((r) => text(cardOf(r)))
    .join('\n');
}

/** Sends a file in the personal chat (Teams' download info), with optional words. */
export async function sendFile(
  bot: TestBot,
  p: Persona,
  name: string,
  bytes: Buffer,
  words = '',
): Promise<string> {
  const key = `${Math.random().toString(36).slice(2)}-${name}`;
  bot.connector.files.set(key, bytes);
  const before = bot.connector.recorded.length;
  const res = await post(bot.url, {
    ...fileMessage(p, bot.serviceUrl, name, `${bot.serviceUrl}files/${encodeURIComponent(key)}`),
    text: words,
  });
  assert.equal(res.status, 200);
  return bot.connector.recorded
    .slice(before)
    .map((r) => text(cardOf(r)))
    .join('\n');
}

/** Opens the publish form; returns the id its submit carries. */
export async function openForm(
  bot: TestBot,
  p: Persona,
): Promise<{ formId: string; text: string }> {
  const form = await invoke(bot, p, 'offres.nouveau', { cardVersion: 1 });
  const submit = JSON.parse(form.text) as {
    actions: { verb: string; data: Record<string, string> }[];
  };
  const data = submit.actions.find((a) => a.verb === 'offres.enregistrer')?.data;
  assert.ok(data, form.text);
  return { formId: data.formId, text: form.text };
}

/** A complete publish submit. */
export function sheetData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    offerId: '',
    cardVersion: 1,
    titre: 'Ateliers sociolinguistiques à Lyon',
    public: 'Signataires du CIR, niveau inférieur à A2',
    orienter: 'Envoyer un courriel avec le n° de demande ; réponse sous 8 jours.',
    contact: 'Pôle intégration, 04 00 00 00 10',
    lien: 'https://ofii.example.org/ateliers',
    ...overrides,
  };
}

/** A small but well-formed PDF. */
export function tinyPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
}
