/**
 * An activity must say which Microsoft 365 tenant it comes from (issue 16 §2): without one (or
 * with two that disagree) it is refused before any handler runs and before anything is stored.
 * The user gets a French answer where Teams lets the bot reply; the operator an English line.
 */
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { fr } from '../../i18n/fr';
import { cardAttachment } from '../cards/render';
import { messageCard } from '../cards/messages';

/** Why the activity's tenant cannot be trusted, or null when it names exactly one. */
export function tenantProblem(a: Activity): 'no-tenant' | 'tenant-conflict' | null {
  const fromChannelData = (a.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const fromConversation = a.conversation?.tenantId as unknown;
  const named = [fromChannelData, fromConversation].filter(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );
  if (!named.length) return 'no-tenant';
  const distinct = new Set(named.map((v) => v.trim().toLowerCase()));
  return distinct.size > 1 ? 'tenant-conflict' : null;
}

/** Answers the refused activity: a card for a message or a card action, a bare 403 otherwise. */
export async function refuseTenantless(
  context: TurnContext,
  reason: 'no-tenant' | 'tenant-conflict',
  logger: Logger,
): Promise<void> {
  const a = context.activity;
  logger.warn(
    {
      code: 'E_TENANT_MISSING',
      reason,
      activityType: a.type,
      userId: (a.from?.aadObjectId ?? '').toLowerCase(),
    },
    'activity refused: it names no single tenant',
  );
  const card = messageCard('Passerelle CIR', fr.errors.E_TENANT_MISSING, true);
  if (a.type === ActivityTypes.Message) {
    await context.sendActivity({ attachments: [cardAttachment(card)] });
  } else if (a.type === ActivityTypes.Invoke) {
    const body =
      a.name === 'adaptiveCard/action'
        ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card }
        : undefined;
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: { status: body ? 200 : 403, body },
    });
  }
  // Events (installation, conversation updates) get no answer: there is no one to answer.
}
