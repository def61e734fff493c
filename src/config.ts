/**
 * The environment, validated once at start-up (DESIGN.md §12). Every bad value is reported by
 * name with what was expected; secrets never appear in the start-up log.
 */
import { z } from 'zod';
import {
  DEFAULT_REMINDER_OFFSETS,
  parseReminderOffsets,
  type ReminderOffset,
} from './domain/reminders';
import {
  DEFAULT_UPLOAD_SETTINGS as UPLOADS,
  uploadLimits,
  type UploadLimits,
} from './files/upload-guard';
import { isIsoDate } from './domain/calendar/iso-date';

/** The accord-cadre of the roadmap (seed): "pour la période mars 2021 – février 2025". */
export const DEFAULT_ACCORD_CADRE_END = '2025-02-28';

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const guidList = csv.pipe(
  z.array(
    z
      .string()
      .regex(
        /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
        'expected comma-separated GUIDs',
      ),
  ),
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
    PORT: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v === '' ? '3978' : v))
      .pipe(z.string().regex(/^\d+$/, 'expected a port number'))
      .transform(Number)
      .pipe(z.number().int().min(0).max(65535)),
    PASSERELLE_LOCAL: z.enum(['0', '1', '']).optional(),
    MicrosoftAppId: z.string().optional(),
    MicrosoftAppPassword: z.string().optional(),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI', '']).optional(),
    MicrosoftAppTenantId: z.string().optional(),
    SQLITE_FILE: z.string().min(1).default('./data/passerelle.sqlite'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
      .optional(),
    DIRECTORY_FILE: z.string().min(1).optional(),
    ADMIN_IDS: guidList,
    // `*` (alone) allows any tenant; outside local mode the variable is required (issue 16 §2).
    ALLOWED_TENANTS: csv.pipe(
      z.array(
        z
          .string()
          .regex(
            /^(\*|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/,
            'expected comma-separated tenant ids (GUIDs), or * alone for any tenant',
          ),
      ),
    ),
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
    RETENTION_DAYS: positiveInt(365, 3650),
    // Issue 16 §1: audit events are kept this long (the CNIL's 6–12 months; README).
    AUDIT_RETENTION_DAYS: positiveInt(365, 3650),
    REFERENTIALS_FILE: z.string().min(1).optional(),
    CIR_PATTERN: z
      .string()
      .optional()
      .refine((v) => v === undefined || isRegExp(v), 'expected a valid regular expression'),
    OUTBOX_MAX_ATTEMPTS: positiveInt(8, 100),
    DOWNLOAD_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
    // Issue 4: the national table's delivery, password reveal and import limits.
    DOWNLOAD_TTL_MINUTES: positiveInt(15, 1440),
    DOWNLOAD_MAX_USES: positiveInt(3, 100),
    PASSWORD_REVEAL_MINUTES: positiveInt(10, 1440),
    IMPORT_MAX_ROWS: positiveInt(5000, 100_000),
    // Issue 19: the upload guard's limit per kind of file, and the file workers' heap.
    IMPORT_MAX_BYTES: positiveInt(UPLOADS.nationalTableBytes, 100 * 1024 * 1024),
    IMPORT_MAX_UNZIPPED_BYTES: positiveInt(UPLOADS.nationalTableUnzippedBytes, 1024 * 1024 * 1024),
    DIRECTORY_IMPORT_MAX_BYTES: positiveInt(UPLOADS.directoryFileBytes, 100 * 1024 * 1024),
    OFFER_PDF_MAX_BYTES: positiveInt(UPLOADS.offerSheetBytes as number, 50 * 1024 * 1024),
    FILE_WORKER_MAX_HEAP_MB: positiveInt(512, 16_384),
    GRAPH_ENABLED: z.enum(['0', '1', '']).optional(),
    GRAPH_TENANT_ID: z
      .string()
      .regex(/^[0-9a-fA-F-]{36}$/, 'expected a tenant id (GUID)')
      .optional(),
    GRAPH_CLIENT_ID: z
      .string()
      .regex(/^[0-9a-fA-F-]{36}$/, 'expected an application (client) id (GUID)')
      .optional(),
    GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
    REMINDER_OFFSETS: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v.trim() === '' ? DEFAULT_REMINDER_OFFSETS : v))
      .transform((v, ctx) => {
        const parsed = parseReminderOffsets(v);
        if (parsed.ok) return parsed.offsets;
        ctx.addIssue({
          code: 'custom',
          message: `${OFFSET_PROBLEMS[parsed.code]} (at "${parsed.item}"); expected e.g. 14d,1d,08:30 — Nd days before, Nh hours before, HH:mm on the day`,
        });
        return z.NEVER;
      }),
    REMINDER_WORKING_DAYS: positiveInt(5, 60),
    ESCALATION_WORKING_DAYS: positiveInt(5, 60),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    // Issue 16 §4: how long a SIGTERM waits for the turns in flight before cutting them.
    SHUTDOWN_TIMEOUT_SECONDS: positiveInt(10, 600),
    // Issue 16 §5: the bearer token /metrics asks for (required for /metrics outside local mode).
    METRICS_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
    // Issue 14 §5: the shared figures' form, like REFERENTIALS_FILE.
    SHARED_FIGURES_FILE: z.string().min(1).optional(),
    // Issue 14 §3: the national accord-cadre the seed names runs "mars 2021 – février 2025".
    ACCORD_CADRE_END_DATE: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v.trim() === '' ? DEFAULT_ACCORD_CADRE_END : v.trim()))
      .refine(isIsoDate, 'expected a date AAAA-MM-JJ (e.g. 2025-02-28)'),
  })
  .superRefine((env, ctx) => {
    const local = env.PASSERELLE_LOCAL === '1';
    if (!local && !env.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message:
          'Bot Framework credentials are required outside local mode (or set PASSERELLE_LOCAL=1)',
      });
    }
    if (env.ALLOWED_TENANTS.includes('*') && env.ALLOWED_TENANTS.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['ALLOWED_TENANTS'],
        message: '* allows any tenant: give it alone, or list tenant ids',
      });
    }
    if (!local && env.ALLOWED_TENANTS.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['ALLOWED_TENANTS'],
        message:
          'required outside local mode: comma-separated tenant ids allowed to use the bot, or * for any tenant',
      });
    }
    const type = env.MicrosoftAppType || 'MultiTenant';
    if (!local && env.MicrosoftAppId && type !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: `required with MicrosoftAppType=${type}`,
      });
    }
    if (
      !local &&
      (type === 'SingleTenant' || type === 'UserAssignedMSI') &&
      !env.MicrosoftAppTenantId
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: `required with MicrosoftAppType=${type}`,
      });
    }
    if (env.GRAPH_ENABLED === '1') {
      if (!env.GRAPH_CLIENT_ID && !env.MicrosoftAppId) {
        ctx.addIssue({
          code: 'custom',
          path: ['GRAPH_CLIENT_ID'],
          message: 'required with GRAPH_ENABLED=1 (or set MicrosoftAppId)',
        });
      }
      const msi = !env.GRAPH_CLIENT_ID && type === 'UserAssignedMSI';
      if (
        !msi &&
        !env.GRAPH_CLIENT_SECRET &&
        !(env.GRAPH_CLIENT_ID === undefined && env.MicrosoftAppPassword)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['GRAPH_CLIENT_SECRET'],
          message: "required with GRAPH_ENABLED=1 (or the bot's MicrosoftAppPassword)",
        });
      }
    }
  });

/** Every variable the configuration reads (issue 17: the README must name each one). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

const OFFSET_PROBLEMS: Record<string, string> = {
  E_OFFSETS_EMPTY: 'no offset given',
  E_OFFSETS_TOO_MANY: 'at most 10 offsets',
  E_OFFSET_INVALID: 'not an offset',
  E_OFFSET_RANGE: 'out of range (1–365 days, 1–72 hours, 00:00–23:59)',
  E_OFFSET_DUPLICATE: 'given twice',
};

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
  /** Tenant ids allowed to use the bot; empty: any tenant (ALLOWED_TENANTS=*, or unset locally). */
  allowedTenants: string[];
  /** ALLOWED_TENANTS=*: any tenant, said plainly in the start-up log. */
  anyTenant: boolean;
  publicUrl: string;
  retentionDays: number;
  /** Audit events older than this are deleted by the nightly retention job. */
  auditRetentionDays: number;
  /** SIGTERM/SIGINT: the longest the turns in flight are waited for. */
  shutdownTimeoutSeconds: number;
  /** /metrics' bearer token; without one, /metrics exists in local mode only. */
  metricsToken: string | null;
  referentialsFile?: string;
  cirPattern: RegExp;
  outboxMaxAttempts: number;
  logLevel: string;
  /**
   * Signs download links (DOWNLOAD_SECRET); unset: a random one per process (links die with it).
   */
  downloadSecret: string | null;
  /** When committees are reminded in the partnership channel (REMINDER_OFFSETS). */
  reminderOffsets: ReminderOffset[];
  /** Working days before an unanswered request is reminded to the DT inbox. */
  reminderWorkingDays: number;
  /** Further working days before it is escalated to the DT's admins. */
  escalationWorkingDays: number;
  /** The national table (issue 4): delivery, password reveal, import limits, Microsoft Graph. */
  tableau: TableauConfig;
  /** What each kind of upload may cost (issue 19): one row per kind, read by the upload guard. */
  uploads: UploadLimits;
  /** The shared figures' form (SHARED_FIGURES_FILE); unset: the project's versioned file. */
  sharedFiguresFile?: string;
  /**
   * End of the national accord-cadre for partnerships that recorded none (ACCORD_CADRE_END_DATE,
   * AAAA-MM-JJ).
   */
  accordCadreEndDate: string;
}

/** Settings of the national table's export and import (issue 4). */
export interface TableauConfig {
  /** Lifetime of a download link (DOWNLOAD_TTL_MINUTES). */
  downloadTtlMinutes: number;
  /** Downloads one link allows (DOWNLOAD_MAX_USES). */
  downloadMaxUses: number;
  /**
   * How long the requester may reveal the open password before it is erased
   * (PASSWORD_REVEAL_MINUTES).
   */
  passwordRevealMinutes: number;
  importMaxRows: number;
  /**
   * Heap of each file worker thread, in MiB (FILE_WORKER_MAX_HEAP_MB): past it the worker dies, not
   * the bot.
   */
  workerMaxHeapMb: number;
  /**
   * Upload to the channel's files through Microsoft Graph (GRAPH_ENABLED=1); null: download links
   * only.
   */
  graph: {
    tenantId: string | null;
    clientId: string;
    clientSecret: string | null;
    managedIdentity: boolean;
  } | null;
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
    allowedTenants: e.ALLOWED_TENANTS.filter((s) => s !== '*').map((s) => s.toLowerCase()),
    anyTenant: e.ALLOWED_TENANTS.includes('*'),
    publicUrl: (e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`).replace(/\/$/, ''),
    retentionDays: e.RETENTION_DAYS,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
    metricsToken: e.METRICS_TOKEN ?? null,
    referentialsFile: e.REFERENTIALS_FILE,
    cirPattern: new RegExp(e.CIR_PATTERN ?? '^[A-Z0-9/-]{4,30}$'),
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    logLevel: e.LOG_LEVEL,
    downloadSecret: e.DOWNLOAD_SECRET ?? null,
    reminderOffsets: e.REMINDER_OFFSETS,
    reminderWorkingDays: e.REMINDER_WORKING_DAYS,
    escalationWorkingDays: e.ESCALATION_WORKING_DAYS,
    tableau: {
      downloadTtlMinutes: e.DOWNLOAD_TTL_MINUTES,
      downloadMaxUses: e.DOWNLOAD_MAX_USES,
      passwordRevealMinutes: e.PASSWORD_REVEAL_MINUTES,
      importMaxRows: e.IMPORT_MAX_ROWS,
      workerMaxHeapMb: e.FILE_WORKER_MAX_HEAP_MB,
      graph:
        e.GRAPH_ENABLED === '1'
          ? {
              tenantId: e.GRAPH_TENANT_ID ?? null,
              clientId: e.GRAPH_CLIENT_ID ?? e.MicrosoftAppId ?? '',
              clientSecret:
                e.GRAPH_CLIENT_SECRET ??
                (e.GRAPH_CLIENT_ID ? null : e.MicrosoftAppPassword || null),
              managedIdentity: !e.GRAPH_CLIENT_ID && e.MicrosoftAppType === 'UserAssignedMSI',
            }
          : null,
    },
    uploads: uploadLimits({
      nationalTableBytes: e.IMPORT_MAX_BYTES,
      nationalTableUnzippedBytes: e.IMPORT_MAX_UNZIPPED_BYTES,
      directoryFileBytes: e.DIRECTORY_IMPORT_MAX_BYTES,
      offerSheetBytes: e.OFFER_PDF_MAX_BYTES,
    }),
    sharedFiguresFile: e.SHARED_FIGURES_FILE,
    accordCadreEndDate: e.ACCORD_CADRE_END_DATE,
  };
}

/** The configuration as it may be logged: secrets redacted. */
export function describeConfig(c: Config): Record<string, unknown> {
  return {
    ...c,
    cirPattern: c.cirPattern.source,
    bot: { ...c.bot, appPassword: c.bot.appPassword ? '[redacted]' : '' },
    downloadSecret: c.downloadSecret ? '[redacted]' : null,
    metricsToken: c.metricsToken ? '[redacted]' : null,
    tableau: {
      ...c.tableau,
      graph: c.tableau.graph && {
        ...c.tableau.graph,
        clientSecret: c.tableau.graph.clientSecret ? '[redacted]' : null,
      },
    },
    databaseUrl: c.databaseUrl ? c.databaseUrl.replace(/\/\/[^@]*@/, '//[redacted]@') : undefined,
  };
}
