/**
 * Conversation references: where the bot may later write on its own (a person's personal chat,
 * a channel). A reference is stored only for someone the bot trusts with it: an authenticated
 * activity from an allowed tenant, sent by a directory member from their own structure's
 * tenant (or by a configured admin), through a service URL the Bot Connector could own.
 */
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { Caller, Clock } from '../../domain/model';
import type { Store } from '../../storage/store';
import { baseConversationId } from './conversation-id';

export interface ReferenceOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  local: boolean;
  allowedTenants: string[];
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Teams' service URLs are https; in local mode the Playground and tests answer on loopback. */
export function serviceUrlAllowed(serviceUrl: string, local: boolean): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (local)
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)
    );
  return url.protocol === 'https:';
}

/** The tenant an activity comes from, as Teams states it. */
export function activityTenant(a: Activity): string {
  const channelData = a.channelData as { tenant?: { id?: unknown } } | undefined;
  const id = channelData?.tenant?.id ?? a.conversation?.tenantId;
  return typeof id === 'string' ? id.toLowerCase() : '';
}

export type TrustRefusal =
  | 'no-tenant'
  | 'tenant-not-allowed'
  | 'not-in-directory'
  | 'tenant-mismatch'
  | 'structure-without-tenant'
  | 'service-url';

export class ConversationReferences {
  /** Last reference written per key: most turns change nothing, so most turns write nothing. */
  private readonly remembered = new Map<string, string>();
  private warnedStructures = new Set<string>();

  constructor(private readonly o: ReferenceOptions) {}

  /** Why the bot must not keep this activity's references, or null when it may. */
  async refusal(a: Activity, caller: Caller): Promise<TrustRefusal | null> {
    const tenant = activityTenant(a);
    if (!tenant) return 'no-tenant';
    if (this.o.allowedTenants.length && !this.o.allowedTenants.includes(tenant))
      return 'tenant-not-allowed';
    if (!serviceUrlAllowed(a.serviceUrl ?? '', this.o.local)) return 'service-url';
    if (caller.isGlobalAdmin) return null;
    const person = caller.person?.active ? caller.person : null;
    if (!person) return 'not-in-directory';
    const structure = await this.o.store.directory.getStructure(person.structureId);
    const structureTenant = structure?.tenantId?.toLowerCase() ?? '';
    if (!structureTenant) {
      if (this.o.local) return null;
      if (!this.warnedStructures.has(person.structureId) && this.warnedStructures.size < 1_000) {
        this.warnedStructures.add(person.structureId);
        this.o.logger.warn(
          { structureId: person.structureId },
          'structure has no tenant id: its people get no proactive messages until it has one',
        );
      }
      return 'structure-without-tenant';
    }
    return structureTenant === tenant ? null : 'tenant-mismatch';
  }

  /** True when this personal chat has no stored reference yet (the bot has not met the person). */
  async isFirstContact(a: Activity): Promise<boolean> {
    const aad = a.from?.aadObjectId?.toLowerCase();
    if (!aad || a.conversation?.conversationType !== 'personal') return false;
    return !this.remembered.has(`user:${aad}`) && !(await this.o.store.references.get('user', aad));
  }

  /**
   * Stores the reference per conversation and, in a personal chat, per user. Call after `refusal`
   * said null.
   */
  async remember(a: Activity): Promise<void> {
    if (!a.conversation?.id || !a.serviceUrl) return;
    const tenantId = activityTenant(a);
    const reference = {
      serviceUrl: a.serviceUrl,
      channelId: a.channelId,
      bot: a.recipient ? { id: a.recipient.id, name: a.recipient.name } : undefined,
      conversation: {
        id: a.conversation.id,
        conversationType: a.conversation.conversationType,
        isGroup: a.conversation.isGroup,
        tenantId,
      },
    };
    const at = this.o.clock.now().toISOString();
    const keys: ['user' | 'conversation', string, Record<string, unknown>][] = [
      ['conversation', a.conversation.id, reference],
    ];
    const base = baseConversationId(a.conversation.id);
    if (base !== a.conversation.id)
      keys.push([
        'conversation',
        base,
        { ...reference, conversation: { ...reference.conversation, id: base } },
      ]);
    const aad = a.from?.aadObjectId?.toLowerCase();
    if (aad && a.conversation.conversationType === 'personal') keys.push(['user', aad, reference]);
    for (const [kind, key, ref] of keys) {
      const json = JSON.stringify(ref);
      if (this.remembered.get(`${kind}:${key}`) === json) continue;
      await this.o.store.references.save(kind, key, ref, at);
      this.remember1(`${kind}:${key}`, json);
    }
    if (aad && a.from.id && this.remembered.get(`teams:${aad}`) !== a.from.id) {
      await this.o.store.directory.setTeamsUserId(aad, a.from.id);
      this.remember1(`teams:${aad}`, a.from.id);
    }
  }

  private remember1(key: string, value: string): void {
    // Bounded: one entry per conversation and person the bot has met.
    if (this.remembered.size > 50_000) this.remembered.clear();
    this.remembered.set(key, value);
  }
}
