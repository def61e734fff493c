/**
 * A small pool of file worker threads with bounded concurrency and a bounded queue. Exports and
 * imports run there, so the bot's event loop only copies messages; a worker that crashes, runs
 * out of memory or overruns its time is replaced, and its job fails with a FileError.
 */
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FileError } from '../domain/errors';
import type { ExportResult } from './export-table';
import type { ImportOptions, ImportProgress, ImportResult } from './import-table';
import type { ExportInfo, NationalRow } from './national-table';
import type { BilanFile, BilanFileInfo, BilanSheet } from './bilan-workbook';
import type { CorrespondentRow, CorrespondentsInfo } from './correspondents-table';
import { checkUploadSize } from './upload-guard';
import type { JobReply, JobRequest } from './worker-protocol';

export interface FileWorkerPoolOptions {
  /** Worker threads at most (default: one per spare core, 1 to 2). */
  size?: number;
  /** Jobs waiting for a worker at most; beyond, E_FILE_BUSY (default 16). */
  maxQueue?: number;
  /** A job running longer is stopped with E_FILE_TIMEOUT (default 120 s). */
  jobTimeoutMs?: number;
  /** Idle workers beyond `keepWarm` are stopped after this, to give memory back (default 60 s). */
  idleTimeoutMs?: number;
  /** Workers kept alive while idle, so that the next export starts warm (default 1). */
  keepWarm?: number;
  /** Heap limit of each worker: a hostile file kills the worker, not the bot (default 512 MiB). */
  maxOldGenerationSizeMb?: number;
}

export const DEFAULT_MAX_OLD_GENERATION_MB = 512;

/** Exports and imports of national tables, run in worker threads. */
export interface FileWorkerPool {
  /** Builds, protects and encrypts the national table of these rows. */
  exportNationalTable(rows: readonly NationalRow[], info: ExportInfo): Promise<ExportResult>;
  /** Decrypts (when needed), checks and validates an uploaded national table. */
  importNationalTable(
    file: Buffer,
    options: ImportOptions,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportResult>;
  /** Builds, protects and encrypts a partnership's correspondent list (issue 14 §7). */
  exportCorrespondents(
    rows: readonly CorrespondentRow[],
    info: CorrespondentsInfo,
  ): Promise<ExportResult>;
  /** Workers alive, workers busy, jobs waiting: for health checks and logs. */
  stats(): { workers: number; busy: number; queued: number };
  /** Builds, locks and encrypts a bilan's xlsx (issue 14 §6). */
  buildBilanFile(
    sheets: readonly BilanSheet[],
    info: BilanFileInfo,
    generatedAt: Date,
  ): Promise<BilanFile>;
  /**
   * Starts the workers now, keys derived and code warmed up, rather than on the first job (at bot
   * start-up).
   */
  warm(): void;
  /** Stops every worker; jobs still running or queued fail with E_FILE_INTERNAL. */
  close(): Promise<void>;
}

type Request = JobRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

interface Job {
  id: number;
  request: Request;
  transfer: ArrayBuffer[];
  resolve: (reply: Extract<JobReply, { type: 'done' }>) => void;
  reject: (error: FileError) => void;
  onProgress?: (progress: ImportProgress) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/** The worker file next to this one: worker.ts under tsx (tests), worker.js from dist/. */
function workerEntry(): { file: string; execArgv: string[] } {
  const ext = extname(__filename);
  const file = join(__dirname, `worker${ext}`);
  // A .ts worker needs tsx's require hook (Node 20 workers do not inherit --import loaders);
  // resolved here so that it does not depend on the cwd.
  const execArgv = ext === '.ts' ? ['--require', require.resolve('tsx/cjs')] : [];
  return { file, execArgv };
}

/** Creates the pool; workers start lazily, on the first job or on warm(). */
export function createFileWorkerPool(options: FileWorkerPoolOptions = {}): FileWorkerPool {
  const size = Math.max(1, options.size ?? Math.min(2, availableParallelism() - 1));
  const maxQueue = options.maxQueue ?? 16;
  const jobTimeoutMs = options.jobTimeoutMs ?? 120_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  const keepWarm = options.keepWarm ?? 1;
  const entry = workerEntry();
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(warmUp = false): Slot {
    const worker = new Worker(entry.file, {
      execArgv: entry.execArgv,
      workerData: { warmUp },
      // Only the JavaScript heap is bounded here: Buffers live outside it, which is why uploads
      // are inflated under the upload guard's byte caps before anything else reads them.
      resourceLimits: {
        maxOldGenerationSizeMb: options.maxOldGenerationSizeMb ?? DEFAULT_MAX_OLD_GENERATION_MB,
        stackSizeMb: 4,
      },
    });
    const slot: Slot = { worker, job: null, timer: null };
    worker.on('message', (reply: JobReply) => onReply(slot, reply));
    worker.on('error', (error: NodeJS.ErrnoException) => {
      // The worker is gone (its heap limit reached, or an uncaught error): its job is answered
      // and the next job gets a fresh worker; the bot's own thread is not affected.
      const cause = error.code ?? error.name;
      const oom = cause === 'ERR_WORKER_OUT_OF_MEMORY';
      const code = oom ? 'E_FILE_OUT_OF_MEMORY' : 'E_FILE_WORKER_CRASHED';
      void retire(slot, new FileError(code, { cause }));
    });
    worker.on('exit', (exitCode: number) => {
      const crashed = new FileError('E_FILE_WORKER_CRASHED', { cause: `worker exit ${exitCode}` });
      void retire(slot, crashed);
    });
    worker.unref();
    slots.push(slot);
    return slot;
  }

  function onReply(slot: Slot, reply: JobReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    if (reply.type === 'progress') {
      job.onProgress?.(reply.progress);
      return;
    }
    release(slot);
    if (reply.type === 'error') job.reject(new FileError(reply.code, reply.details));
    else job.resolve(reply);
    dispatch();
  }

  /** Removes a dead or stopped worker and fails its job. */
  async function retire(slot: Slot, error: FileError): Promise<void> {
    const at = slots.indexOf(slot);
    if (at < 0) return;
    slots.splice(at, 1);
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    job?.reject(error);
    dispatch();
    await slot.worker.terminate();
  }

  function release(slot: Slot): void {
    slot.job = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.worker.unref();
    // A worker started on demand under load costs ~2 s before its first file: keep some.
    slot.timer = setTimeout(() => {
      if (slot.job === null && slots.length > keepWarm)
        void retire(slot, new FileError('E_FILE_INTERNAL'));
    }, idleTimeoutMs);
    slot.timer.unref();
  }

  function dispatch(): void {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => s.job === null) ?? (slots.length < size ? spawn() : null);
      if (!slot) return;
      const job = queue.shift() as Job;
      slot.job = job;
      if (slot.timer) clearTimeout(slot.timer);
      // While it works, the worker keeps the process alive; idle, it does not.
      slot.worker.ref();
      slot.timer = setTimeout(
        () => void retire(slot, new FileError('E_FILE_TIMEOUT', { timeoutMs: jobTimeoutMs })),
        jobTimeoutMs,
      );
      slot.worker.postMessage({ id: job.id, ...job.request }, job.transfer);
    }
  }

  function submit(request: Request, transfer: ArrayBuffer[], onProgress?: Job['onProgress']) {
    return new Promise<Extract<JobReply, { type: 'done' }>>((resolve, reject) => {
      if (closed) return reject(new FileError('E_FILE_INTERNAL', { cause: 'pool closed' }));
      if (queue.length >= maxQueue)
        return reject(new FileError('E_FILE_BUSY', { queued: queue.length }));
      queue.push({ id: nextId++, request, transfer, resolve, reject, onProgress });
      dispatch();
    });
  }

  return {
    async exportNationalTable(rows, info) {
      const reply = await submit({ kind: 'export', rows, info }, []);
      if (reply.kind !== 'export')
        throw new FileError('E_FILE_INTERNAL', { cause: 'unexpected reply' });
      const { file, ...rest } = reply.result;
      return { ...rest, file: Buffer.from(file.buffer, file.byteOffset, file.byteLength) };
    },

    async importNationalTable(file, importOptions, onProgress) {
      // Checked here too, so that an oversized upload is not even copied to a worker.
      const maxBytes = importOptions.limits?.maxBytes;
      if (maxBytes !== undefined) checkUploadSize({ maxBytes }, file.length);
      const copy = new Uint8Array(file);
      const reply = await submit(
        { kind: 'import', file: copy, options: importOptions },
        [copy.buffer],
        onProgress,
      );
      if (reply.kind !== 'import')
        throw new FileError('E_FILE_INTERNAL', { cause: 'unexpected reply' });
      return reply.result;
    },

    async buildBilanFile(sheets, info, generatedAt) {
      const reply = await submit({ kind: 'bilan', sheets, info, generatedAt }, []);
      if (reply.kind !== 'bilan')
        throw new FileError('E_FILE_INTERNAL', { cause: 'unexpected reply' });
      const { file, ...rest } = reply.result;
      return { ...rest, file: Buffer.from(file.buffer, file.byteOffset, file.byteLength) };
    },

    async exportCorrespondents(rows, info) {
      const reply = await submit({ kind: 'correspondents', rows, info }, []);
      if (reply.kind !== 'correspondents')
        throw new FileError('E_FILE_INTERNAL', { cause: 'unexpected reply' });
      const { file, ...rest } = reply.result;
      return { ...rest, file: Buffer.from(file.buffer, file.byteOffset, file.byteLength) };
    },

    stats() {
      return {
        workers: slots.length,
        busy: slots.filter((s) => s.job !== null).length,
        queued: queue.length,
      };
    },

    warm() {
      while (!closed && slots.length < size) release(spawn(true));
    },

    async close() {
      closed = true;
      for (const job of queue.splice(0))
        job.reject(new FileError('E_FILE_INTERNAL', { cause: 'pool closed' }));
      const closing = new FileError('E_FILE_INTERNAL', { cause: 'pool closed' });
      await Promise.all([...slots].map((slot) => retire(slot, closing)));
    },
  };
}
