/**
 * The file worker thread: builds, encrypts and parses national tables off the main event loop,
 * so that a 10,000-row export or a 100,000-round key derivation never delays another user's turn.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FileError } from '../domain/errors';
import { prepareExportSecrets, runExport, type ExportSecrets } from './export-table';
import { parseNationalTable } from './import-table';
import { runCorrespondentsExport } from './correspondents-table';
import { buildNationalTable, type NationalRow } from './national-table';
import { buildBilanFile } from './bilan-workbook';
import type { JobReply, JobRequest } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('files/worker must run in a worker thread');

/**
 * Secrets for the next export, derived while the worker has nothing else to do. This is the
 * worker's only state; it dies with the thread and never leaves it except in the export result.
 */
let spare: ExportSecrets | null = null;

function prepareSpareLater(): void {
  setImmediate(() => {
    spare ??= prepareExportSecrets();
  });
}

async function handle(job: JobRequest): Promise<void> {
  try {
    if (job.kind === 'export') {
      const secrets = spare ?? prepareExportSecrets();
      spare = null;
      const result = await runExport(job.rows, job.info, secrets);
      // A copy in its own ArrayBuffer: Node may hand out Buffers that share a pooled one.
      const file = new Uint8Array(result.file);
      reply({ id: job.id, type: 'done', kind: 'export', result: { ...result, file } }, [
        file.buffer,
      ]);
      prepareSpareLater();
    } else if (job.kind === 'bilan') {
      const secrets = spare ?? prepareExportSecrets();
      spare = null;
      const result = await buildBilanFile(job.sheets, job.info, job.generatedAt, secrets);
      const file = new Uint8Array(result.file);
      reply({ id: job.id, type: 'done', kind: 'bilan', result: { ...result, file } }, [
        file.buffer,
      ]);
      prepareSpareLater();
    } else if (job.kind === 'correspondents') {
      const secrets = spare ?? prepareExportSecrets();
      spare = null;
      const result = await runCorrespondentsExport(job.rows, job.info, secrets);
      const file = new Uint8Array(result.file);
      reply({ id: job.id, type: 'done', kind: 'correspondents', result: { ...result, file } }, [
        file.buffer,
      ]);
      prepareSpareLater();
    } else {
      const result = await parseNationalTable(
        Buffer.from(job.file.buffer, job.file.byteOffset, job.file.byteLength),
        job.options,
        (progress) => reply({ id: job.id, type: 'progress', progress }),
      );
      reply({ id: job.id, type: 'done', kind: 'import', result });
    }
  } catch (error) {
    if (error instanceof FileError) {
      reply({ id: job.id, type: 'error', code: error.code, details: error.details });
    } else {
      reply({
        id: job.id,
        type: 'error',
        code: 'E_FILE_INTERNAL',
        details: { cause: describe(error) },
      });
    }
  }
}

/** The error's class and where it was thrown; never its message, which may quote a cell. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const frame = (error.stack ?? '').split('\n').find((line) => line.trim().startsWith('at '));
  return frame ? `${error.name} ${frame.trim()}` : error.name;
}

function reply(message: JobReply, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

/**
 * A throw-away build of made-up rows, so that the first real export does not also pay for V8
 * compiling exceljs's code paths. Only done for workers started by warm(); no real data involved.
 */
async function warmUp(): Promise<void> {
  const rows: NationalRow[] = Array.from({ length: 300 }, (_, i) => ({
    civilite: 'Mme',
    nom: 'Exemple',
    prenom: 'Exemple',
    dateNaissance: '2000-01-01',
    numeroCir: `X${i}`,
  }));
  const info = {
    structureName: '-',
    period: { from: '2000-01-01', to: '2000-01-01' },
    generatedAt: new Date(),
    generatedBy: '-',
  };
  const protection = (spare ??= prepareExportSecrets()).protection;
  for (let round = 0; round < 3; round += 1) await buildNationalTable(rows, info, protection);
}

port.on('message', (job: JobRequest) => {
  void handle(job);
});
if ((workerData as { warmUp?: boolean } | undefined)?.warmUp) {
  setImmediate(() => void warmUp().catch(() => undefined));
} else {
  prepareSpareLater();
}
