/**
 * Binding channels (issue 3 §3): `annuaire boite [structure]`, `annuaire canal [partenariat]`
 * and `annuaire detacher [nom]` typed in a channel; and what Teams tells us when the bot leaves
 * a team or a channel disappears, so that a structure's messages fall back to personal chats.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { ChannelPlace } from '../../domain/directory-bindings';
import { format, fr } from '../../i18n/fr';
import type { BotServices, CommandContext } from '../feature';
import { listCard } from './views';
import { baseConversationId } from '../edge/conversation-id';

const d = fr.directory;

interface TeamsChannelData {
  team?: { id?: string };
  channel?: { id?: string };
  eventType?: string;
}

/** The channel an activity comes from, as the bindings store it. */
export function placeOf(activity: Activity): ChannelPlace {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  return {
    conversationId: baseConversationId(activity.conversation.id),
    teamId: channelData.team?.id ?? null,
    conversationType: activity.conversation.conversationType ?? '',
  };
}

/** `annuaire boite [structure]`: this channel becomes the structure's inbox. */
export async function bindInboxHere({ caller, activity, services }: CommandContext, rest: string) {
  const structure = await services.directory.bindings.bindInbox(caller, rest, placeOf(activity));
  return listCard(d.search.inbox, {
    text: format(d.bindings.inboxBound, { name: structure.name }),
    color: 'Good' as const,
  });
}

/** `annuaire canal [partenariat]`: this channel becomes the partnership's channel. */
export async function bindChannelHere(
  { caller, activity, services }: CommandContext,
  rest: string,
) {
  const partnership = await services.directory.bindings.bindChannel(
    caller,
    rest,
    placeOf(activity),
  );
  return listCard(d.admin.channel, {
    text: format(d.bindings.channelBound, { name: partnership.name ?? partnership.id }),
    color: 'Good' as const,
  });
}

/** `annuaire detacher [nom]`: unbinds this channel, or the named inbox or partnership channel. */
export async function unbindHere({ caller, activity, services }: CommandContext, rest: string) {
  const unbound = await services.directory.bindings.unbind(caller, rest, placeOf(activity));
  return listCard(d.admin.title, {
    text: format(d.bindings.unbound, { names: unbound.map((u) => u.id).join(', ') }),
    color: 'Good' as const,
  });
}

/**
 * Teams removed the bot from a team or a group (installationUpdate "remove", or a
 * conversationUpdate whose membersRemoved holds the bot), or deleted a channel or team: what
 * was bound there is unbound. Other conversation updates change nothing.
 */
export async function onChannelLost(context: TurnContext, services: BotServices): Promise<void> {
  const a = context.activity;
  const channelData = (a.channelData ?? {}) as TeamsChannelData;
  const teamId = channelData.team?.id ?? null;
  const conversationId = a.conversation?.id ? baseConversationId(a.conversation.id) : null;
  let lost: { conversationId: string | null; teamId: string | null } | null = null;
  if (a.type === 'installationUpdate' && (a.action === 'remove' || a.action === 'remove-upgrade'))
    lost = { conversationId, teamId };
  else if (a.membersRemoved?.some((m) => m.id === a.recipient?.id))
    lost = { conversationId, teamId };
  else if (channelData.eventType === 'channelDeleted')
    lost = { conversationId: channelData.channel?.id ?? null, teamId: null };
  else if (channelData.eventType === 'teamDeleted' || channelData.eventType === 'teamHardDeleted')
    lost = { conversationId, teamId };
  if (!lost) return;
  const unbound = await services.directory.bindings.channelLost(lost.conversationId, lost.teamId);
  if (unbound.length)
    services.logger.info(
      { unbound, event: a.type, eventType: channelData.eventType },
      'channel bindings lost',
    );
}
