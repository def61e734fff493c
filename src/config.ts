/**
 * The environment, validated once at start-up (DESIGN.md §12). Every bad value is reported by
 * name with what was expected; secrets never appear in the start-up log.
 */
import { z } from 'zod';

const csv = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

const guidList = csv.pipe(
  z.array(z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'expected comma-separated GUIDs')),
);

const positiveInt = (def: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? String(def) : v))
    .pipe(z.string().regex(/^\d+$/, 'expected a whole number'))
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

const envSchema = z
  .object({
    PORT: z.string().optional().transform((v) => (v === undefined || v === '' ? '3978' : v)).pipe(z.string().regex(/^\d+$/, 'expected a port number')).transform(Number).pipe(z.number().int().min(0).max(65535)),
    PASSERELLE_LOCAL: z.enum(['0', '1', '']).optional(),
    MicrosoftAppId: z.string().optional(),
    MicrosoftAppPassword: z.string().optional(),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI', '']).optional(),
    MicrosoftAppTenantId: z.string().optional(),
    SQLITE_FILE: z.string().min(1).default('./data/passerelle.sqlite'),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL').optional(),
    DIRECTORY_FILE: z.string().min(1).optional(),
    ADMIN_IDS: guidList,
    ALLOWED_TENANTS: guidList,
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
    RETENTION_DAYS: positiveInt(365, 3650),
    REFERENTIALS_FILE: z.string().min(1).optional(),
    CIR_PATTERN: z
      .string()
      .optional()
      .refine((v) => v === undefined || isRegExp(v), 'expected a valid regular expression'),
    OUTBOX_MAX_ATTEMPTS: positiveInt(8, 100),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    const local = env.PASSERELLE_LOCAL === '1';
    if (!local && !env.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message: 'Bot Framework credentials are required outside local mode (or set PASSERELLE_LOCAL=1)',
      });
    }
    const type = env.MicrosoftAppType || 'MultiTenant';
    if (!local && env.MicrosoftAppId && type !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: `required with MicrosoftAppType=${type}` });
    }
    if (!local && (type === 'SingleTenant' || type === 'UserAssignedMSI') && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: `required with MicrosoftAppType=${type}` });
    }
  });

function isRegExp(v: string): boolean {
  try {
    new RegExp(v);
    return true;
  } catch {
    return false;
  }
}

export interface Config {
  port: number;
  host: string;
  local: boolean;
  bot: { appId: string; appPassword: string; appType: string; tenantId: string };
  sqliteFile: string;
  databaseUrl?: string;
  directoryFile?: string;
  adminIds: string[];
  allowedTenants: string[];
  publicUrl: string;
  retentionDays: number;
  referentialsFile?: string;
  cirPattern: RegExp;
  outboxMaxAttempts: number;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and checks the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const local = e.PASSERELLE_LOCAL === '1';
  return {
    port: e.PORT,
    // Local mode has no authentication: it must never be reachable from another machine.
    host: local ? '127.0.0.1' : '0.0.0.0',
    local,
    bot: {
      appId: e.MicrosoftAppId ?? '',
      appPassword: e.MicrosoftAppPassword ?? '',
      appType: e.MicrosoftAppType || 'MultiTenant',
      tenantId: e.MicrosoftAppTenantId ?? '',
    },
    sqliteFile: e.SQLITE_FILE,
    databaseUrl: e.DATABASE_URL,
    directoryFile: e.DIRECTORY_FILE,
    adminIds: e.ADMIN_IDS.map((s) => s.toLowerCase()),
    allowedTenants: e.ALLOWED_TENANTS.map((s) => s.toLowerCase()),
    publicUrl: (e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`).replace(/\/$/, ''),
    retentionDays: e.RETENTION_DAYS,
    referentialsFile: e.REFERENTIALS_FILE,
    cirPattern: new RegExp(e.CIR_PATTERN ?? '^[A-Z0-9/-]{4,30}$'),
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    logLevel: e.LOG_LEVEL,
  };
}

/** The configuration as it may be logged: secrets redacted. */
export function describeConfig(c: Config): Record<string, unknown> {
  return {
    ...c,
    cirPattern: c.cirPattern.source,
    bot: { ...c.bot, appPassword: c.bot.appPassword ? '[redacted]' : '' },
    databaseUrl: c.databaseUrl ? c.databaseUrl.replace(/\/\/[^@]*@/, '//[redacted]@') : undefined,
  };
}
