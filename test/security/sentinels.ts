/**
 * Sentinel secrets: the bot runs with them configured, and no answer, message or log may carry
 * them.
 */
import type { TestBot } from '../helpers/app';

export const SENTINELS = {
  MicrosoftAppPassword: 'sentinel-app-password-7f3a9c51e2',
  DOWNLOAD_SECRET: 'sentinel-download-secret-0123456789abcdef',
  GRAPH_CLIENT_SECRET: 'sentinel-graph-secret-5b8e1d04',
};

/** Environment for startTestBot: local mode, with every secret set to its sentinel. */
export const sentinelEnv = (): Record<string, string> => ({
  MicrosoftAppPassword: SENTINELS.MicrosoftAppPassword,
  DOWNLOAD_SECRET: SENTINELS.DOWNLOAD_SECRET,
  GRAPH_ENABLED: '1',
  GRAPH_CLIENT_ID: '00000000-0000-4000-8000-0000000000aa',
  GRAPH_CLIENT_SECRET: SENTINELS.GRAPH_CLIENT_SECRET,
});

/** Every sentinel found in `text`. */
export function leakedSecrets(text: string): string[] {
  return Object.values(SENTINELS).filter((s) => text.includes(s));
}

/** Whatever the bot ever said: sent activities and log lines. */
export function everythingSaid(bot: TestBot): string {
  return JSON.stringify(bot.connector.recorded) + JSON.stringify(bot.logs);
}
