/** What command and verb handlers receive; each feature adds its service here and in app.ts. */
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { CommitteeService } from '../domain/committee-service';
import type { DirectoryService } from '../domain/directory-service';
import type { Caller, Clock } from '../domain/model';
import type { Referentials } from '../domain/referentials';
import type { PathwayService } from '../domain/pathway';
import type { RequestService } from '../domain/requests';
import type { RequestLifeService } from '../domain/request-life';
import type { DirectoryDownloads } from '../http/directory-download';
import type { TableFeature } from './table/wiring';
import type { RecordsFeature } from './records/wiring';
import type { OfferFeature } from './offers/wiring';
import type { LiaisonFeature } from './liaison/wiring';
import type { Store } from '../storage/store';
import type { Card } from './cards/render';

export interface BotServices {
  config: Config;
  clock: Clock;
  logger: Logger;
  store: Store;
  referentials: Referentials;
  requests: RequestService;
  pathway: PathwayService;
  /** Something was queued in the outbox: send it now. */
  wakeOutbox: () => void;
  committees: CommitteeService;
  /** Something was scheduled: re-arm the scheduler's timer. */
  wakeScheduler: () => void;
  /** The directory: search, admin changes, channel bindings, file round trip (issue 3). */
  directory: DirectoryService;
  /** Signed links to exported directory files. */
  directoryDownloads: DirectoryDownloads;
  /**
   * The national table: worker pool, links, sealed passwords, Graph upload, background jobs (issue
   * 4).
   */
  tableau: TableFeature;
  /** Committees' minutes and the partners' shared figures (issue 14 §2, §5). */
  records: RecordsFeature;
  /** The partners' offers of service and their PDF links (issue 14 §4). */
  offers: OfferFeature;
  /** The fiche de liaison (flow 5): its service and the signatory's PDF links. */
  liaison: LiaisonFeature;
  /** A request's life: correct, cancel, update the DT's figures, their history (issue 13). */
  requestLife: RequestLifeService;
}

export interface VerbContext<D = Record<string, unknown>> {
  caller: Caller;
  /** The card's data, as the verb's schema (verb-data.ts) parsed it. */
  data: D;
  activity: Activity;
  services: BotServices;
}

/** Returns the card that answers the invoke (replaces the card for the person who acted). */
export type VerbHandler<D = Record<string, unknown>> = (ctx: VerbContext<D>) => Promise<Card>;

export interface CommandContext {
  caller: Caller;
  /** What followed the command word. */
  args: string;
  activity: Activity;
  turn: TurnContext;
  services: BotServices;
}

/** Returns the card(s) the bot replies with, one message each. */
export type CommandHandler = (ctx: CommandContext) => Promise<Card | Card[]>;
