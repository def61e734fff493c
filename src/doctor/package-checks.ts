/**
 * The doctor's checks of the Teams app package against the environment: the bot id it carries
 * and the domains it lists. The package is the built zip when there is one (what was, or will
 * be, uploaded to each tenant), otherwise appPackage/manifest.json filled as `npm run package`
 * would fill it.
 */
import { isLocal, problemsOf, publicUrlOf, type Env } from './env-checks';
import { GUID, verdict, type CheckResult } from './report';

/** The package's manifest, as scripts/doctor.ts found it. */
export type PackageView =
  | { source: 'zip'; file: string; manifest: unknown }
  | { source: 'zip' | 'template'; file: string; error: string }
  | { source: 'template'; manifest: unknown };

interface ManifestShape {
  id?: unknown;
  bots?: { botId?: unknown }[];
  validDomains?: unknown;
  developer?: { privacyUrl?: unknown; termsOfUseUrl?: unknown; websiteUrl?: unknown };
}

const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';

function where(view: PackageView): string {
  return view.source === 'zip' ? view.file : 'appPackage/manifest.json as npm run package fills it';
}

/** PUBLIC_URL: https outside local mode, and the package's domains and links pointing at it. */
export function checkPublicUrl(env: Env, view: PackageView): CheckResult {
  const { url, problem } = publicUrlOf(env);
  // One message per problem: the doctor's own wording first, else the bot's validation.
  const errors = problem ? [problem] : problemsOf(env, 'public-url');
  if (!url || errors.length) {
    return verdict(
      'public-url',
      errors,
      [],
      'local mode: unset, links point at http://127.0.0.1 (never for a deployment)',
    );
  }
  const base = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  if (!isLocal(env) && 'manifest' in view) {
    const m = (view.manifest ?? {}) as ManifestShape;
    const domains = Array.isArray(m.validDomains) ? m.validDomains.map(String) : [];
    if (!domains.includes(url.hostname))
      errors.push(
        `${where(view)} lists validDomains [${domains.join(', ')}], not ${url.hostname}: run npm run package with this PUBLIC_URL and upload the new package to each tenant`,
      );
    const links = [m.developer?.privacyUrl, m.developer?.termsOfUseUrl].map((v) => String(v ?? ''));
    const stray = links.filter((l) => !l.startsWith(`${base}/`));
    if (stray.length && !errors.length)
      errors.push(`${where(view)} links to ${stray.join(', ')}, not under ${base}`);
  }
  return verdict(
    'public-url',
    errors,
    [],
    isLocal(env) ? `local mode: ${base}` : `${base}, matching the package's validDomains`,
  );
}

/** The package's app id and bot id: both MicrosoftAppId, never the placeholder. */
export function checkAppPackage(env: Env, view: PackageView): CheckResult {
  if ('error' in view)
    return {
      name: 'app-package',
      status: 'error',
      detail: `cannot read ${view.file}: ${view.error}`,
    };
  const appId = (env.MicrosoftAppId ?? '').trim().toLowerCase();
  if (view.source === 'template' && isLocal(env))
    return {
      name: 'app-package',
      status: 'ok',
      detail: 'local mode: no package built (the Playground needs none)',
    };
  if (!GUID.test(appId))
    return {
      name: 'app-package',
      status: 'skip',
      detail: 'no valid MicrosoftAppId to compare with (see credentials)',
    };
  const m = (view.manifest ?? {}) as ManifestShape;
  const ids = [
    { field: 'id', value: m.id },
    ...(m.bots ?? []).map((b, i) => ({ field: `bots[${i}].botId`, value: b.botId })),
  ];
  const errors: string[] = [];
  if (!m.bots?.length) errors.push(`${where(view)} declares no bot`);
  for (const { field, value } of ids) {
    const v = String(value ?? '').toLowerCase();
    if (v === PLACEHOLDER_ID)
      errors.push(
        `${where(view)}: ${field} is the placeholder ${PLACEHOLDER_ID} (built with --allow-placeholder): run npm run package with MicrosoftAppId set`,
      );
    else if (v !== appId)
      errors.push(
        `${where(view)}: ${field} is ${String(value)}, MicrosoftAppId is ${appId}: run npm run package again and update the app in each tenant's catalogue`,
      );
  }
  return verdict(
    'app-package',
    errors,
    [],
    view.source === 'zip'
      ? `${view.file}: app and bot id ${appId}`
      : `not built yet: npm run package will write app and bot id ${appId}`,
  );
}
