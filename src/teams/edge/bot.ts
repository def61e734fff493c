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
import { DomainError } from '../../domain/errors';
import type { Metrics, TurnOutcome } from '../../http/metrics';
import type { Caller, Clock } from '../../domain/model';
import { format, fr } from '../../i18n/fr';
import { callerOf } from './caller';
import { cardAttachment, isRenderedCard, type Card } from '../cards/render';
import { parseCommand } from '../commands';
import { commands, droppedFile } from '../command-table';
import { onChannelLost } from '../directory/channels';
import type { BotServices } from '../feature';
import { messageCard } from '../cards/messages';
import { ConversationReferences } from './references';
import { refuseTenantless, tenantProblem } from './tenant-gate';
import { verbs } from '../verbs';
import { errorText } from '../error-text';
import { callerProfile, greetingText } from '../help';
import { auditRefusal } from './audit-refusal';

export interface BotOptions {
  services: BotServices;
  clock: Clock;
  logger: Logger;
  adminIds: string[];
  /** The operator's counters (issue 16 §5); absent in unit tests of the bot alone. */
  metrics?: Metrics;
}

/** Turn-state keys: this personal chat is new to the bot; who is acting (read once per turn). */
const FIRST_CONTACT = Symbol('passerelle.firstContact');
const CALLER = Symbol('passerelle.caller');
/** How the turn ended for its user, for the metrics: set by refusal(). */
const OUTCOME = Symbol('passerelle.outcome');

export class PasserelleBot extends TeamsActivityHandler {
  private readonly references: ConversationReferences;

  constructor(private readonly o: BotOptions) {
    super();
    const { store, config } = o.services;
    this.references = new ConversationReferences({
      store,
      clock: o.clock,
      logger: o.logger,
      local: config.local,
      allowedTenants: config.allowedTenants,
    });
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
    if (
      a.conversation.conversationType !== 'personal' ||
      !aad ||
      context.turnState.get(FIRST_CONTACT) !== true
    )
      return;
    if (this.greeted.has(aad)) return;
    if (this.greeted.size > 10_000) this.greeted.clear();
    this.greeted.add(aad);
    const caller = await this.callerOf(context);
    await context.sendActivity(greetingText(await callerProfile(this.o.services.store, caller)));
  }

  override async run(context: TurnContext): Promise<void> {
    const a = context.activity;
    // Before the caller is looked up, any reference kept or any handler run (issue 16 §2).
    const problem = tenantProblem(a);
    if (problem) {
      this.o.metrics?.refused('E_TENANT_MISSING');
      this.o.metrics?.turn(a.type, 'refused');
      await refuseTenantless(context, problem, this.o.logger);
      return;
    }
    const caller = await callerOf(
      a,
      this.o.services.store,
      this.o.adminIds,
      this.o.services.config.local,
    );
    context.turnState.set(CALLER, caller);
    if (await this.references.isFirstContact(a)) context.turnState.set(FIRST_CONTACT, true);
    // References only for people the bot trusts with them (issue 11 §3): checked, then stored.
    const refused = await this.references.refusal(a, caller);
    if (refused)
      this.o.logger.debug(
        {
          reason: refused,
          activityType: a.type,
          userId: caller.aadObjectId,
          tenantId: caller.tenantId,
        },
        'conversation reference not stored',
      );
    else await this.references.remember(a);
    try {
      await super.run(context);
      this.o.metrics?.turn(a.type, (context.turnState.get(OUTCOME) as TurnOutcome) ?? 'ok');
    } catch (err) {
      this.o.metrics?.turn(a.type, 'error');
      throw err;
    }
  }

  private callerOf(context: TurnContext): Promise<Caller> {
    const known = context.turnState.get(CALLER) as Caller | undefined;
    return known
      ? Promise.resolve(known)
      : callerOf(
          context.activity,
          this.o.services.store,
          this.o.adminIds,
          this.o.services.config.local,
        );
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const caller = await this.callerOf(context);
    const command = parseCommand(context.activity.text ?? '');
    let cards: Card | Card[];
    try {
      const ctx = {
        caller,
        args: command.args,
        activity: context.activity,
        turn: context,
        services: this.o.services,
      };
      const handler = command.name ? commands.get(command.name) : undefined;
      if (handler) {
        cards = await handler(ctx);
      } else if (command.name) {
        cards = messageCard(
          fr.commands.helpTitle,
          format(fr.commands.notYet, { command: command.name }),
        );
      } else {
        cards =
          (await droppedFile(ctx)) ??
          messageCard(
            fr.commands.helpTitle,
            format(fr.errors.E_UNKNOWN_COMMAND, { command: command.word || '…' }),
          );
      }
    } catch (err) {
      cards = await this.refusal(err, caller, `command:${command.name ?? 'unknown'}`, context);
    }
    // One message per card: each request card keeps its own refresh audience.
    for (const card of this.checked(
      Array.isArray(cards) ? cards : [cards],
      caller,
      `command:${command.name ?? 'unknown'}`,
    )) {
      await context.sendActivity({ attachments: [cardAttachment(card)] });
    }
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const rawVerb: unknown = invokeValue?.action?.verb;
    const verb = typeof rawVerb === 'string' ? rawVerb : '';
    const caller = await this.callerOf(context);
    const route = verbs.get(verb);
    const started = performance.now();
    const named = (invokeValue?.action?.data as { requestId?: unknown } | undefined)?.requestId;
    let card: Card;
    if (!route) {
      this.o.logger.warn(
        { code: 'E_UNKNOWN_VERB', verb: verb.slice(0, 80), userId: caller.aadObjectId },
        'unknown card verb',
      );
      this.o.metrics?.refused('E_UNKNOWN_VERB');
      context.turnState.set(OUTCOME, 'refused');
      await this.audit(caller, { action: 'unknown', code: 'E_UNKNOWN_VERB', outcome: 'refused' });
      card = messageCard(fr.commands.helpTitle, fr.errors.E_UNKNOWN_VERB, true);
    } else {
      try {
        // The route parses the card's data with the verb's schema (verb-data.ts) before its handler
        // runs.
        const answer = route.run(
          { caller, activity: context.activity, services: this.o.services },
          invokeValue.action?.data ?? {},
        );
        if (answer === null) {
          this.o.logger.warn(
            { code: 'E_CARD_DATA_INVALID', verb, userId: caller.aadObjectId },
            'card data does not fit the verb',
          );
          this.o.metrics?.refused('E_CARD_DATA_INVALID');
          context.turnState.set(OUTCOME, 'refused');
          await this.audit(caller, {
            action: verb,
            code: 'E_CARD_DATA_INVALID',
            outcome: 'refused',
          });
          card = messageCard('Passerelle CIR', fr.errors.E_CARD_DATA_INVALID, true);
        } else {
          [card] = this.checked([await answer], caller, verb);
        }
      } catch (err) {
        card = await this.refusal(err, caller, verb, context, named);
      }
    }
    this.o.metrics?.invoke(route ? verb : 'unknown', (performance.now() - started) / 1000);
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  }

  /**
   * Only cards built by the views reach a user: anything else a handler returned (a context, a
   * record, a config) is replaced by the internal-error card and logged.
   */
  private checked(cards: unknown[], caller: Caller, action: string): Card[] {
    return cards.map((card) => {
      if (isRenderedCard(card)) return card;
      this.o.logger.error(
        { code: 'E_INTERNAL', action, userId: caller.aadObjectId },
        'a handler returned something that is not a rendered card',
      );
      return messageCard('Passerelle CIR', fr.errors.E_INTERNAL, true);
    });
  }

  private audit(caller: Caller, e: Parameters<typeof auditRefusal>[2]): Promise<void> {
    return auditRefusal(
      { store: this.o.services.store, clock: this.o.clock, logger: this.o.logger },
      caller,
      e,
    );
  }

  /** A refusal card for the user, a log line for the operator, an audit event for the DPO. */
  private async refusal(
    err: unknown,
    caller: Caller,
    action: string,
    context?: TurnContext,
    named?: unknown,
  ): Promise<Card> {
    const code = err instanceof DomainError ? err.code : 'E_INTERNAL';
    this.o.metrics?.refused(code);
    context?.turnState.set(OUTCOME, err instanceof DomainError ? 'refused' : 'error');
    await this.audit(caller, {
      action,
      code,
      outcome: err instanceof DomainError ? 'refused' : 'error',
      requestId: err instanceof DomainError ? (err.details.requestId ?? named) : named,
    });
    if (err instanceof DomainError) {
      this.o.logger.warn(
        {
          code: err.code,
          ...err.details,
          action,
          userId: caller.aadObjectId,
          tenantId: caller.tenantId,
        },
        'refused',
      );
      return messageCard('Passerelle CIR', errorText(err), true);
    }
    this.o.logger.error(
      { code: 'E_INTERNAL', action, userId: caller.aadObjectId, err: (err as Error)?.message },
      'turn failed',
    );
    return messageCard('Passerelle CIR', fr.errors.E_INTERNAL, true);
  }
}
