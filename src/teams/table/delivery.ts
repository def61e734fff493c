/**
 * Where a protected file goes (DESIGN.md §7): the channel's files through Graph when configured
 * and asked in a team's channel, else a signed link. Shared by the national table and the
 * correspondent list.
 */
import type { Activity } from 'botbuilder';
import type { ChannelTarget } from '../../files/channel-upload';
import { baseConversationId } from '../edge/conversation-id';
import type { BotServices } from '../feature';

/** The channel as Graph names it, when the command or button came from a team's channel. */
export function channelTarget(activity: Activity): ChannelTarget | null {
  if (activity.conversation.conversationType !== 'channel') return null;
  const cd = (activity.channelData ?? {}) as {
    team?: { aadGroupId?: string };
    channel?: { id?: string };
    tenant?: { id?: string };
  };
  const teamId = cd.team?.aadGroupId;
  const channelId = cd.channel?.id ?? baseConversationId(activity.conversation.id);
  const tenantId = cd.tenant?.id ?? activity.conversation.tenantId;
  return teamId && channelId && tenantId ? { teamId, channelId, tenantId } : null;
}

/**
 * The channel's files through Graph when configured; null means "use the link" (also when Graph
 * fails).
 */
export async function uploadToChannel(
  s: BotServices,
  job: { id: string; channel: ChannelTarget | null },
  fileName: string,
  file: Buffer,
) {
  const uploader = s.tableau.uploader;
  if (!uploader || !job.channel) return null;
  try {
    return await uploader.upload(job.channel, fileName, file);
  } catch (err) {
    s.logger.warn(
      { code: 'E_TABLEAU_GRAPH_FAILED', jobId: job.id, err: (err as Error)?.message },
      'graph upload failed: the download link is used instead',
    );
    return null;
  }
}
