/**
 * `tableau.motdepasse`: the requester reveals (or hides) the open password of their exported
 * table. The password is only ever in this invoke's answer — a user-specific card that Teams
 * does not store in the message — for its owner (checked on the server), within its window.
 * Past the window, the sealed password is erased.
 */
import { fr } from '../../i18n/fr';
import type { VerbHandler } from '../feature';
import { passwordCard, statusCard } from './views';
import type { PasswordReveal } from '../verb-data';

export const revealPassword: VerbHandler<PasswordReveal> = async ({ caller, data, services }) => {
  const t = fr.tableau;
  const { secretId: id, masquer: hide } = data;
  const repo = services.store.tableFiles;
  const secret = id ? await repo.getSecret(id) : undefined;
  if (!secret)
    return statusCard({
      title: t.password.title,
      text: fr.errors.E_TABLEAU_PASSWORD_ERASED,
      color: 'Attention',
    });
  const view = { secretId: id, fileName: secret.fileName, until: secret.expiresAt };
  if (secret.owner !== caller.aadObjectId) {
    services.logger.warn(
      { code: 'E_TABLEAU_PASSWORD_NOT_YOURS', secretId: id, userId: caller.aadObjectId },
      'refused',
    );
    return passwordCard({ ...view, closed: true, message: fr.errors.E_TABLEAU_PASSWORD_NOT_YOURS });
  }
  const now = services.clock.now();
  const open = secret.sealed !== null && now.getTime() < Date.parse(secret.expiresAt);
  // A secret sealed by a previous process (no DOWNLOAD_SECRET) no longer opens: same as erased.
  const password = open && secret.sealed ? services.tableau.box.open(id, secret.sealed) : null;
  if (password === null) {
    if (secret.sealed !== null) await repo.eraseSecret(id, now.toISOString());
    return passwordCard({ ...view, closed: true, message: fr.errors.E_TABLEAU_PASSWORD_ERASED });
  }
  if (hide) return passwordCard(view);
  await services.store.transaction(async (tx) => {
    await tx.tableFiles.markRevealed(id, now.toISOString());
    await tx.audit.record({
      at: now.toISOString(),
      actor: caller.aadObjectId,
      action: 'table.password.reveal',
      detail: `secret=${id}`,
    });
  });
  return passwordCard({ ...view, password });
};
