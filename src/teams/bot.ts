/**
 * The botbuilder edge: keeps conversation references, parses commands, routes invokes through
 * the verb table. Domain refusals become French cards for the user and English log lines
 * (codes and ids, never personal data) for the operator.
 */
import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { DomainError } from '../domain/errors';
import type { Caller, Clock } from '../domain/model';
import { format, fr } from '../i18n/fr';
import { callerOf } from './caller';
import { cardAttachment, type Card } from './cards';
import { parseCommand } from './commands';
import { commands, droppedFile } from './command-table';
import { onChannelLost } from './features/directory-channels';
import type { BotServices } from './feature';
import { messageCard } from './request-views';
import { baseConversationId, verbs } from './verbs';

export interface BotOptions {
  services: BotServices;
  clock: Clock;
  logger: Logger;
  adminIds: string[];
}

/** Turn-state key: this personal chat is new to the bot. */
const FIRST_CONTACT = Symbol('passerelle.firstContact');

export class PasserelleBot extends TeamsActivityHandler {
  /** Last reference written per key: most turns change nothing, so most turns write nothing. */
  private readonly remembered = new Map<string, string>();

  constructor(private readonly o: BotOptions) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.greetOnce(context);
      await next();
    });
    // A bound channel the bot was removed from falls back to personal chats (issue 3).
    this.onInstallationUpdateRemove(async (context, next) => {
      await onChannelLost(context, this.o.services);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      await this.greetOnce(context);
      await onChannelLost(context, this.o.services);
      await next();
    });
  }

  /** Users greeted by this process: installation and conversation events may come together. */
  private readonly greeted = new Set<string>();

  /**
   * Greets a person the first time the bot meets their personal chat, whichever event comes
   * first (clients replay both on every load; the Playground sends them together).
   */
  private async greetOnce(context: TurnContext): Promise<void> {
    const a = context.activity;
    const aad = a.from?.aadObjectId?.toLowerCase();
    if (a.conversation.conversationType !== 'personal' || !aad || context.turnState.get(FIRST_CONTACT) !== true) return;
    if (this.greeted.has(aad)) return;
    this.greeted.add(aad);
    await context.sendActivity(fr.commands.greeting);
  }

  override async run(context: TurnContext): Promise<void> {
    await this.remember(context);
    await super.run(context);
  }

  /** Stores the conversation reference per user (personal chat) and per conversation. */
  private async remember(context: TurnContext): Promise<void> {
    const a = context.activity;
    if (!a.conversation?.id || !a.serviceUrl) return;
    const tenantId = (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? a.conversation.tenantId;
    const reference = {
      serviceUrl: a.serviceUrl,
      channelId: a.channelId,
      bot: a.recipient ? { id: a.recipient.id, name: a.recipient.name } : undefined,
      conversation: { id: a.conversation.id, conversationType: a.conversation.conversationType, isGroup: a.conversation.isGroup, tenantId },
    };
    const at = this.o.clock.now().toISOString();
    const keys: ['user' | 'conversation', string, Record<string, unknown>][] = [['conversation', a.conversation.id, reference]];
    const base = baseConversationId(a.conversation.id);
    if (base !== a.conversation.id) keys.push(['conversation', base, { ...reference, conversation: { ...reference.conversation, id: base } }]);
    const aad = a.from?.aadObjectId?.toLowerCase();
    if (aad && a.conversation.conversationType === 'personal') {
      keys.push(['user', aad, reference]);
      if (!this.remembered.has(`user:${aad}`) && !(await this.o.services.store.getReference('user', aad))) {
        context.turnState.set(FIRST_CONTACT, true);
      }
    }
    for (const [kind, key, ref] of keys) {
      const json = JSON.stringify(ref);
      if (this.remembered.get(`${kind}:${key}`) === json) continue;
      await this.o.services.store.saveReference(kind, key, ref, at);
      this.remembered.set(`${kind}:${key}`, json);
    }
    if (aad && a.from.id && this.remembered.get(`teams:${aad}`) !== a.from.id) {
      await this.o.services.store.setTeamsUserId(aad, a.from.id);
      this.remembered.set(`teams:${aad}`, a.from.id);
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const caller = await callerOf(context.activity, this.o.services.store, this.o.adminIds);
    const command = parseCommand(context.activity.text ?? '');
    let cards: Card | Card[];
    try {
      const ctx = { caller, args: command.args, activity: context.activity, turn: context, services: this.o.services };
      const handler = command.name ? commands[command.name] : undefined;
      if (handler) {
        cards = await handler(ctx);
      } else if (command.name) {
        cards = messageCard(fr.commands.helpTitle, format(fr.commands.notYet, { command: command.name }));
      } else {
        cards = (await droppedFile(ctx)) ?? messageCard(fr.commands.helpTitle, format(fr.errors.E_UNKNOWN_COMMAND, { command: command.word || '…' }));
      }
    } catch (err) {
      cards = this.refusal(err, caller, `command:${command.name ?? 'unknown'}`);
    }
    // One message per card: each request card keeps its own refresh audience.
    for (const card of Array.isArray(cards) ? cards : [cards]) await context.sendActivity({ attachments: [cardAttachment(card)] });
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const verb = invokeValue.action?.verb ?? '';
    const caller = await callerOf(context.activity, this.o.services.store, this.o.adminIds);
    const handler = (verbs as Record<string, (typeof verbs)[keyof typeof verbs]>)[verb];
    let card: Card;
    if (!handler) {
      this.o.logger.warn({ code: 'E_UNKNOWN_VERB', verb, userId: caller.aadObjectId }, 'unknown card verb');
      card = messageCard(fr.commands.helpTitle, fr.errors.E_UNKNOWN_VERB, true);
    } else {
      try {
        const data = (invokeValue.action?.data ?? {}) as Record<string, unknown>;
        card = await handler({ caller, data, activity: context.activity, services: this.o.services });
      } catch (err) {
        card = this.refusal(err, caller, verb);
      }
    }
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  }

  /** A refusal card for the user and a log line for the operator. */
  private refusal(err: unknown, caller: Caller, action: string): Card {
    if (err instanceof DomainError) {
      this.o.logger.warn({ code: err.code, ...err.details, action, userId: caller.aadObjectId, tenantId: caller.tenantId }, 'refused');
      return messageCard('Passerelle CIR', fr.errors[err.code], true);
    }
    this.o.logger.error({ code: 'E_INTERNAL', action, userId: caller.aadObjectId, err: (err as Error)?.message }, 'turn failed');
    return messageCard('Passerelle CIR', fr.errors.E_INTERNAL, true);
  }
}
