/**
 * adaptivecards-templating, loaded on first use: with adaptive-expressions it takes about a
 * quarter of a second to load, which the bot's start-up (until /healthz answers) need not wait
 * for. app.ts loads it two seconds after the server listens, so the first card rarely pays for it.
 */
import type * as ACData from 'adaptivecards-templating';

let library: typeof ACData | undefined;

/** The templating library, loaded once. */
export function templating(): typeof ACData {
  // A synchronous load on purpose: cards are rendered synchronously.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  library ??= require('adaptivecards-templating') as typeof ACData;
  return library;
}
