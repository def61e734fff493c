/**
 * A built protected file's delivery after the turn (DESIGN.md §7), shared by the bilan and the
 * audit journal: the encrypted file kept behind a signed link, its password sealed for the
 * requester's personal chat (`tableau.motdepasse`), the audit line, the two cards — one
 * transaction.
 */
import type { Caller } from '../../domain/model';
import { fr, frDateTime } from '../../i18n/fr';
import type { BotServices } from '../feature';
import { conversationIdOf } from '../requests/notifier';
import { newId } from './jobs';
import { passwordCard, statusCard } from './views';
import { DOWNLOAD_PATH, enqueueCard, type CardPlace } from './wiring';

export interface ProtectedDelivery {
  caller: Caller;
  /** Where it was asked: the link card goes there. */
  place: CardPlace;
  /** The requester's personal chat reference: the password card goes there. */
  personal: Record<string, unknown>;
  /** The structure the file is filed under (table_files.structure_id). */
  structureId: string;
  built: { file: Buffer; password: string; fileName: string };
  title: string;
  /** The ready card's text, from the link's end and its uses. */
  ready: (until: string, uses: number) => string;
  downloadTitle: string;
  audit: { action: string; detail: string };
}

/** Stores the file and its sealed password, audits, and queues the link and password cards. */
export async function deliverProtectedFile(s: BotServices, d: ProtectedDelivery): Promise<void> {
  const t = s.tableau;
  const now = s.clock.now();
  const at = now.toISOString();
  const fileId = newId();
  const secretId = newId();
  const { token, expiresAt } = t.links.sign(fileId, now);
  const until = new Date(now.getTime() + t.settings.passwordRevealMinutes * 60_000);
  await s.store.transaction(async (tx) => {
    await tx.tableFiles.saveFile({
      id: fileId,
      owner: d.caller.aadObjectId,
      structureId: d.structureId,
      conversationId: d.place.conversationId,
      fileName: d.built.fileName,
      content: d.built.file,
      createdAt: at,
      expiresAt: expiresAt.toISOString(),
      maxUses: t.settings.downloadMaxUses,
    });
    await tx.tableFiles.saveSecret({
      id: secretId,
      owner: d.caller.aadObjectId,
      fileName: d.built.fileName,
      sealed: t.box.seal(secretId, d.built.password),
      createdAt: at,
      expiresAt: until.toISOString(),
    });
    await tx.audit.record({ at, actor: d.caller.aadObjectId, ...d.audit });
    const passwordHere = conversationIdOf(d.personal) === d.place.conversationId;
    const ready = statusCard({
      title: d.title,
      text: d.ready(frDateTime(expiresAt.toISOString()), t.settings.downloadMaxUses),
      color: 'Good',
      notes: [
        d.built.fileName,
        passwordHere ? fr.tableau.export.passwordBelow : fr.tableau.export.passwordInPersonalChat,
      ],
      url: `${s.config.publicUrl}${DOWNLOAD_PATH}/${token}`,
      urlTitle: d.downloadTitle,
    });
    await enqueueCard(tx, d.place, ready, d.title, at);
    await enqueueCard(
      tx,
      { conversationId: conversationIdOf(d.personal), activityId: null, reference: d.personal },
      passwordCard({ secretId, fileName: d.built.fileName, until: until.toISOString() }),
      fr.tableau.password.title,
      at,
    );
  });
}

/** A file that could not be built: logged for the operator, said where it was asked. */
export async function fileFailed(
  s: BotServices,
  o: { place: CardPlace; title: string; text: string; log: object; message: string },
  err: unknown,
): Promise<void> {
  s.logger.error({ ...o.log, code: 'E_INTERNAL', err: (err as Error)?.name }, o.message);
  const at = s.clock.now().toISOString();
  await s.store.transaction((tx) =>
    enqueueCard(
      tx,
      o.place,
      statusCard({ title: o.title, text: o.text, color: 'Attention' }),
      o.title,
      at,
    ),
  );
}
