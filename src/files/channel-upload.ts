/**
 * Puts an exported table in a Teams channel's files (its SharePoint folder) through Microsoft
 * Graph, with app-only tokens from @azure/identity (DESIGN.md §7). Behind an interface, so that
 * tests use a double and the bot falls back to its download link when Graph fails.
 */
import {
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';

/** The channel as Graph names it: the team's Microsoft 365 group id and the channel's thread id. */
export interface ChannelTarget {
  tenantId: string;
  teamId: string;
  channelId: string;
}

export interface UploadedFile {
  name: string;
  webUrl: string;
}

/** Uploads a file to a channel's files folder. */
export interface ChannelFileUploader {
  upload(target: ChannelTarget, fileName: string, content: Buffer): Promise<UploadedFile>;
}

/** A Graph refusal or failure: the status only (bodies may echo file names). */
export class GraphUploadError extends Error {
  constructor(
    readonly status: number,
    step: string,
  ) {
    super(`graph ${step}: HTTP ${status}`);
  }
}

export interface GraphUploaderOptions {
  /** An app-only token for Graph in this tenant. */
  token: (tenantId: string) => Promise<string>;
  baseUrl?: string;
  timeoutMs?: number;
}

/** Graph's limit for a single PUT; larger files go through an upload session. */
const SIMPLE_MAX = 4 * 1024 * 1024;
/** Upload-session chunks must be multiples of 320 KiB. */
const CHUNK = 320 * 1024 * 12;

/** The Graph implementation: filesFolder of the channel, then a PUT (or an upload session). */
export class GraphChannelUploader implements ChannelFileUploader {
  private readonly base: string;

  constructor(private readonly o: GraphUploaderOptions) {
    this.base = (o.baseUrl ?? 'https://graph.microsoft.com/v1.0').replace(/\/+$/, '');
  }

  async upload(target: ChannelTarget, fileName: string, content: Buffer): Promise<UploadedFile> {
    const auth = { authorization: `Bearer ${await this.o.token(target.tenantId)}` };
    const folder = (await this.call(
      'filesFolder',
      `${this.base}/teams/${enc(target.teamId)}/channels/${enc(target.channelId)}/filesFolder`,
      {
        headers: auth,
      },
    )) as { id?: string; parentReference?: { driveId?: string } };
    const driveId = folder.parentReference?.driveId;
    if (!folder.id || !driveId) throw new GraphUploadError(502, 'filesFolder');
    const item = `${this.base}/drives/${enc(driveId)}/items/${enc(folder.id)}:/${enc(fileName)}:`;
    let uploaded: { name?: string; webUrl?: string };
    if (content.length <= SIMPLE_MAX) {
      uploaded = (await this.call(
        'upload',
        `${item}/content?@microsoft.graph.conflictBehavior=rename`,
        {
          method: 'PUT',
          headers: { ...auth, 'content-type': 'application/octet-stream' },
          body: Uint8Array.from(content),
        },
      )) as typeof uploaded;
    } else {
      const session = (await this.call('session', `${item}/createUploadSession`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ item: { '@microsoft.graph.conflictBehavior': 'rename' } }),
      })) as { uploadUrl?: string };
      if (!session.uploadUrl) throw new GraphUploadError(502, 'session');
      uploaded = {};
      for (let at = 0; at < content.length; at += CHUNK) {
        const part = content.subarray(at, Math.min(at + CHUNK, content.length));
        // The session URL is pre-authorised: no bearer token on it.
        uploaded = (await this.call('chunk', session.uploadUrl, {
          method: 'PUT',
          body: Uint8Array.from(part),
          headers: {
            'content-range': `bytes ${at}-${at + part.length - 1}/${content.length}`,
            'content-length': String(part.length),
          },
        })) as typeof uploaded;
      }
    }
    if (!uploaded.webUrl) throw new GraphUploadError(502, 'upload');
    return { name: uploaded.name ?? fileName, webUrl: uploaded.webUrl };
  }

  private async call(step: string, url: string, init: RequestInit): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000) });
    } catch {
      throw new GraphUploadError(0, step);
    }
    const text = await res.text();
    if (!res.ok) throw new GraphUploadError(res.status, step);
    return text ? (JSON.parse(text) as unknown) : {};
  }
}

const enc = encodeURIComponent;

export interface GraphCredentials {
  /** Fixed tenant; null: the tenant of the conversation. */
  tenantId: string | null;
  clientId: string;
  clientSecret: string | null;
  managedIdentity: boolean;
}

/**
 * App-only Graph tokens from @azure/identity: a client secret per tenant, or a managed identity.
 */
export function graphTokenSource(c: GraphCredentials): (tenantId: string) => Promise<string> {
  const credentials = new Map<string, TokenCredential>();
  return async (conversationTenant) => {
    const tenant = c.tenantId ?? conversationTenant;
    let credential = credentials.get(tenant);
    if (!credential) {
      credential = c.managedIdentity
        ? new ManagedIdentityCredential({ clientId: c.clientId })
        : new ClientSecretCredential(tenant, c.clientId, c.clientSecret ?? '');
      credentials.set(tenant, credential);
    }
    const token = await credential.getToken('https://graph.microsoft.com/.default');
    if (!token) throw new GraphUploadError(401, 'token');
    return token.token;
  };
}
