/**
 * The tabs' JSON API (docs/tab-api.md), registered on the bot's own restify server. Every route
 * verifies the bearer token, maps it to the directory, applies the bot's role rules through the
 * same domain services as the cards, and records each read of a person's data in the audit log.
 */
import type restify from 'restify';
import { DomainError } from '../domain/errors';
import { partnershipAccess } from '../domain/partnership-access';
import { LogThrottle } from '../http/log-throttle';
import type { BotServices } from '../teams/feature';
import { tabCaller } from './caller';
import { auditTabRefusal, queryParam, sendError, sendJson, TabError } from './http';
import { callerSide, ficheItem, requestItem, structureNames } from './items';
import { pageOf, parseListQuery } from './list';
import { registerSignIn } from './sign-in';
import { TabTokens } from './tokens';
import { itemDetail } from './detail';
import { runAction } from './actions';
import { searchPeople } from './annuaire';
import { partnershipOverview } from './partnership';
import { frTab } from '../i18n/fr-tab';
import type { Caller } from '../domain/model';

export interface TabApiOptions {
  services: BotServices;
  /** Where tenants' signing keys are published (tests: a local stand-in). */
  keysBaseUrl?: string;
}

export type TabHandler = (ctx: {
  req: restify.Request;
  caller: Caller;
  services: BotServices;
}) => Promise<unknown>;

/** Registers the tabs' routes (the sign-in page and session route in local mode only). */
export function tabRoutes(o: TabApiOptions): (server: restify.Server) => void {
  const { services } = o;
  const { config, logger, store } = services;
  const tokens = new TabTokens({
    appId: config.bot.appId,
    publicHost: new URL(config.publicUrl).host,
    allowedTenants: config.allowedTenants,
    local: config.local,
    clock: services.clock,
    keysBaseUrl: o.keysBaseUrl,
  });
  const throttle = new LogThrottle();
  const callerOptions = {
    adminIds: config.adminIds,
    allowedTenants: config.allowedTenants,
    local: config.local,
  };

  const authed =
    (route: string, handler: TabHandler) => async (req: restify.Request, res: restify.Response) => {
      let actor: string | undefined;
      let known = false;
      try {
        const identity = await tokens.verify(req.headers.authorization);
        actor = identity.oid;
        const caller = await tabCaller(store, identity, callerOptions);
        known = true;
        sendJson(res, 200, await handler({ req, caller, services }));
      } catch (err) {
        // A refusal of someone the directory knows is an audit event (issue 16 §1), stored
        // before the answer; strangers and bad tokens get the throttled log line only, so they
        // cannot grow the table.
        if (known && actor)
          await auditTabRefusal(store, services.clock, logger, actor, route, req, err);
        sendError(res, err, logger, { route, actor, throttle });
      }
    };

  return (server) => {
    registerSignIn(server, { store, tokens, logger, local: config.local });

    server.get(
      '/api/tab/moi',
      authed('tab.moi', async ({ caller }) => {
        const person = caller.person;
        const structure = person ? await store.directory.getStructure(person.structureId) : null;
        // A person of no partnership (or a refused tenant) still learns who they are.
        const partnerships = await partnershipAccess(store, caller, config.allowedTenants).catch(
          (err: unknown) => {
            if (err instanceof DomainError) return [];
            throw err;
          },
        );
        const role = !person
          ? 'admin'
          : structure?.kind === 'DDETS' && person.role !== 'admin'
            ? 'ddets'
            : person.role;
        return {
          person: {
            id: caller.aadObjectId,
            name: person?.name ?? '',
            role,
            globalAdmin: caller.isGlobalAdmin,
            structure: structure
              ? { id: structure.id, name: structure.name, kind: structure.kind.toLowerCase() }
              : null,
          },
          partnerships: partnerships.map((p) => ({
            id: p.partnership.id,
            name: p.partnership.name ?? p.partnership.id,
            isAdmin: p.admin,
          })),
          local: config.local,
        };
      }),
    );

    server.get(
      '/api/tab/demandes',
      authed('tab.demandes', async ({ req, caller }) => {
        const query = parseListQuery((name) => queryParam(req, name));
        const { side, structure } = await callerSide(store, caller, config.allowedTenants);
        const names = await structureNames(store);
        const now = services.clock.now();
        const items = [
          ...(await store.tabList.requestsOf(side, structure.id)).map((r) =>
            requestItem(r, names, now),
          ),
          ...(await store.tabList.fichesOf(side, structure.id)).map((f) =>
            ficheItem(f, names, now),
          ),
        ];
        const page = pageOf(items, query);
        // The list shows names and n° CIR: a read of people's data. Counts only, never the query.
        await store.audit.record({
          at: now.toISOString(),
          actor: caller.aadObjectId,
          action: 'tab.demandes.lire',
          detail: `structure ${structure.id}, page ${page.page}, ${page.items.length} of ${page.total}`,
        });
        return page;
      }),
    );

    server.get(
      '/api/tab/demandes/:kind/:id',
      authed('tab.demande', async ({ req, caller }) =>
        itemDetail(services, caller, kindOf(req), String(req.params.id ?? '')),
      ),
    );

    server.post(
      '/api/tab/demandes/:kind/:id/actions/:action',
      authed('tab.demande.action', async ({ req, caller }) =>
        runAction(services, caller, {
          kind: kindOf(req),
          id: String(req.params.id ?? ''),
          action: String(req.params.action ?? ''),
          body: jsonBody(req),
        }),
      ),
    );

    server.get(
      '/api/tab/annuaire',
      authed('tab.annuaire', async ({ req, caller }) =>
        searchPeople(services, caller, queryParam(req, 'q')),
      ),
    );

    server.get(
      '/api/tab/partenariats/:id',
      authed('tab.partenariat', async ({ req, caller }) =>
        partnershipOverview(services, caller, String(req.params.id ?? '')),
      ),
    );
  };
}

function kindOf(req: restify.Request): 'demande' | 'fiche' {
  const kind = String(req.params.kind ?? '');
  if (kind !== 'demande' && kind !== 'fiche')
    throw new TabError(404, 'E_REQUEST_NOT_FOUND', frTab.errors.notFound);
  return kind;
}

/** The action's JSON body: `{ values: { … }, version? }`; anything else is a 400. */
function jsonBody(req: restify.Request): Record<string, unknown> {
  if (!req.is('json')) throw new TabError(400, 'bad-body', frTab.errors.badBody);
  const body = req.body as unknown;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new TabError(400, 'bad-body', frTab.errors.badBody);
  return body as Record<string, unknown>;
}
