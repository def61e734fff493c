/** Messages between the file worker pool (main thread) and worker.ts. Types only. */
import type { FileErrorCode, FileErrorDetails } from '../domain/errors';
import type { ImportOptions, ImportProgress, ImportResult } from './import-table';
import type { ExportInfo, NationalRow } from './national-table';
import type { BilanFileInfo, BilanSheet } from './bilan-workbook';
import type { CorrespondentRow, CorrespondentsInfo } from './correspondents-table';

export type JobRequest =
  | { id: number; kind: 'export'; rows: readonly NationalRow[]; info: ExportInfo }
  | { id: number; kind: 'import'; file: Uint8Array; options: ImportOptions }
  | {
      id: number;
      kind: 'bilan';
      sheets: readonly BilanSheet[];
      info: BilanFileInfo;
      generatedAt: Date;
    }
  | {
      id: number;
      kind: 'correspondents';
      rows: readonly CorrespondentRow[];
      info: CorrespondentsInfo;
    };

/** The export result as it crosses the thread boundary (the file's memory is transferred). */
export interface ExportPayload {
  file: Uint8Array;
  password: string;
  fileName: string;
  rowCount: number;
}

export type JobReply =
  | { id: number; type: 'progress'; progress: ImportProgress }
  | { id: number; type: 'done'; kind: 'export'; result: ExportPayload }
  | { id: number; type: 'done'; kind: 'import'; result: ImportResult }
  | {
      id: number;
      type: 'done';
      kind: 'bilan';
      result: { file: Uint8Array; password: string; fileName: string };
    }
  | { id: number; type: 'done'; kind: 'correspondents'; result: ExportPayload }
  | { id: number; type: 'error'; code: FileErrorCode; details: FileErrorDetails };
