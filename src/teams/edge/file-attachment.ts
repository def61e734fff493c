/**
 * A file sent to the bot in Teams: the attachment Teams adds (`file.download.info` with a
 * pre-authorised `downloadUrl`, or a plain attachment with a `contentUrl`), and its download
 * with a size limit, so that an oversized upload is refused before it is read to the end.
 */
import type { Activity } from 'botbuilder';
import { DomainError } from '../../domain/errors';
import { checkUploadSize, type UploadLimit } from '../../files/upload-guard';

const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

export interface SentFile {
  name: string;
  url: string;
  /** Declared by Teams (e.g. "xlsx"), or the name's extension. */
  type: string;
}

/** Every file the message carries (pasted images and cards are not files). */
export function sentFiles(activity: Activity): SentFile[] {
  const files: SentFile[] = [];
  for (const a of activity.attachments ?? []) {
    if (a.contentType === FILE_DOWNLOAD_INFO) {
      const c = (a.content ?? {}) as { downloadUrl?: string; fileType?: string };
      if (c.downloadUrl)
        files.push({
          name: a.name ?? '',
          url: c.downloadUrl,
          type: (c.fileType ?? extension(a.name)).toLowerCase(),
        });
    } else if (
      a.contentUrl &&
      !/^(application\/vnd\.microsoft\.card|text\/html|image\/)/.test(a.contentType)
    ) {
      files.push({
        name: a.name ?? '',
        url: a.contentUrl,
        type: a.contentType === 'application/json' ? 'json' : extension(a.name),
      });
    }
  }
  return files;
}

/**
 * The first file of the message that is not a JSON document (that one is the directory's import).
 */
export function sentFile(activity: Activity): SentFile | null {
  return sentFiles(activity).find((f) => f.type !== 'json') ?? null;
}

function extension(name: string | undefined): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name ?? '');
  return m ? m[1].toLowerCase() : '';
}

/**
 * Downloads the file under the upload guard's size limit for its kind (E_IMPORT_TOO_LARGE as soon
 * as it passes, before it is read to the end). Outside local mode only https URLs are fetched; a
 * failed download is E_TABLEAU_FILE_UNREADABLE.
 */
export async function downloadSentFile(
  url: string,
  limit: UploadLimit,
  local: boolean,
): Promise<Buffer> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError('E_TABLEAU_FILE_UNREADABLE');
  }
  if (parsed.protocol !== 'https:' && !(local && parsed.protocol === 'http:'))
    throw new DomainError('E_TABLEAU_FILE_UNREADABLE');
  let res: Response;
  try {
    res = await fetch(parsed, { signal: AbortSignal.timeout(30_000) });
  } catch {
    throw new DomainError('E_TABLEAU_FILE_UNREADABLE');
  }
  if (!res.ok || !res.body)
    throw new DomainError('E_TABLEAU_FILE_UNREADABLE', { status: res.status });
  const body = res.body;
  const cancel = () => body.cancel().catch(() => undefined);
  const declared = Number(res.headers.get('content-length') ?? 0);
  await guarded(() => checkUploadSize(limit, declared), cancel);
  const reader = body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    let next: { done: boolean; value?: Uint8Array };
    try {
      next = await reader.read();
    } catch {
      throw new DomainError('E_TABLEAU_FILE_UNREADABLE');
    }
    if (next.done || !next.value) break;
    size += next.value.length;
    await guarded(
      () => checkUploadSize(limit, size),
      () => reader.cancel().catch(() => undefined),
    );
    chunks.push(Buffer.from(next.value));
  }
  return Buffer.concat(chunks);
}

/** Runs a check; when it refuses, stops the download before passing the refusal on. */
async function guarded(check: () => void, stop: () => Promise<unknown>): Promise<void> {
  try {
    check();
  } catch (error) {
    await stop();
    throw error;
  }
}
