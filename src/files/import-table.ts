/**
 * Reads a national table sent by an advisor (DESIGN.md §7): xlsx, encrypted or not. The file is
 * refused as a whole when it is not an xlsx, too large, or when its columns are not the national
 * ones; otherwise every row is validated like flow 1 and reported with its Excel line number.
 */
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { FLOW2_FIELDS, NATIONAL_FIELDS, type NationalField } from '../domain/fields';
import {
  identityShape,
  validate,
  type FieldErrors,
  type Identity,
  type SchemaContext,
} from '../domain/schemas';
import { decrypt, isEncrypted } from './encrypt';
import { REQUEST_NUMBER_KEY, dtRowReader } from './import-dt-rows';
import type { Answer } from '../domain/schemas';
import { FileError, type UnexpectedHeader } from '../domain/errors';
import { cellText, civiliteText, dateText } from './cell-values';
import { NATIONAL_HEADERS, columnLetter, fieldOfHeader, headerKey } from './national-columns';
import { isCompoundFile } from './office-container';
import { checkUploadSize, uploadLimits, type UploadLimit } from './upload-guard';
import { loadXlsx } from './xlsx-package';

/** The upload guard's limits for a national table (size as sent, inflation caps), and rows. */
export interface ImportLimits extends Required<UploadLimit> {
  /** Data rows (the header row excluded). */
  maxRows: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  ...(uploadLimits().nationalTable as Required<UploadLimit>),
  maxRows: 5000,
};

export interface ImportOptions {
  /** Today, the CIR pattern and the referentials, as for flow 1. */
  context: SchemaContext;
  /** The open password, when the file is encrypted. */
  password?: string;
  limits?: Partial<ImportLimits>;
  /**
   * Whose table (issue 13 §5): an ML's rows carry the identity and prescriptionML; a DT's rows
   * carry the n° CIR and the four DT fields. Default 'ml'.
   */
  side?: 'ml' | 'dt';
}

/** A valid row: the identity of flow 1 and, when filled, the ML's prescription (a code). */
export interface AcceptedRow {
  line: number;
  identity: Identity;
  prescriptionML?: string;
  /** The optional "N° de demande" column beside the national ones, when filled. */
  requestNumber?: string;
}

/** A refused row: one stable code per wrong field. */
export interface RefusedRow {
  line: number;
  fieldErrors: FieldErrors;
}

/** A valid row of a DT's table: the n° CIR it is matched by and the four DT fields, if filled. */
export interface AnswerRow {
  line: number;
  numeroCir: string;
  answer?: Answer;
  requestNumber?: string;
}

export interface ImportResult {
  /** An ML's valid rows. */
  accepted: AcceptedRow[];
  /** A DT's valid rows (side 'dt'); the identity cells are not read. */
  answers?: AnswerRow[];
  refused: RefusedRow[];
  /** Columns the caller's side does not write that had values (flow 2 for an ML, flow 3 for a DT). */
  ignoredColumns: NationalField[];
  ignoredCells: number;
}

export interface ImportProgress {
  done: number;
  total: number;
}

const PROGRESS_EVERY = 250;

/**
 * Parses and validates an uploaded national table; throws FileError when the whole file is refused.
 */
export async function parseNationalTable(
  file: Buffer,
  options: ImportOptions,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  checkUploadSize(limits, file.length);
  const workbook = await loadXlsx(await openPackage(file, options.password), limits);
  const { sheet, columns, numberColumn } = nationalSheet(workbook);
  const side = options.side ?? 'ml';
  const dataRows: ExcelJS.Row[] = [];
  sheet.eachRow((row, line) => {
    if (
      line > 1 &&
      NATIONAL_FIELDS.some((f) => cellText(row.getCell(columns[f]).value).trim() !== '')
    )
      dataRows.push(row);
  });
  if (dataRows.length > limits.maxRows) {
    throw new FileError('E_IMPORT_TOO_MANY_ROWS', {
      maxRows: limits.maxRows,
      rows: dataRows.length,
    });
  }
  if (dataRows.length === 0) throw new FileError('E_IMPORT_EMPTY');

  const date1904 = workbook.properties.date1904 === true;
  const schema = z.strictObject(identityShape(options.context));
  const mlChoices = choiceKeys(options.context);
  const result: ImportResult = { accepted: [], refused: [], ignoredColumns: [], ignoredCells: 0 };
  const ignored = new Set<NationalField>();
  const seenCir = new Set<string>();
  const notMine: readonly NationalField[] = side === 'dt' ? ['prescriptionML'] : FLOW2_FIELDS;
  const dtRow = dtRowReader(options.context);

  dataRows.forEach((row, index) => {
    const value = (field: NationalField): ExcelJS.CellValue => row.getCell(columns[field]).value;
    for (const field of notMine) {
      if (cellText(value(field)).trim() !== '') {
        ignored.add(field);
        result.ignoredCells += 1;
      }
    }
    const numberText = numberColumn
      ? cellText(row.getCell(numberColumn).value).replace(/\s+/g, '')
      : '';
    const requestNumber = numberText === '' ? {} : { requestNumber: numberText };
    if (side === 'dt') {
      const read = dtRow(value);
      if (read.row && seenCir.has(read.row.numeroCir))
        read.fieldErrors.numeroCir = 'E_CIR_DUPLICATE_IN_FILE';
      if (read.row && Object.keys(read.fieldErrors).length === 0) {
        seenCir.add(read.row.numeroCir);
        (result.answers ??= []).push({ line: row.number, ...read.row, ...requestNumber });
      } else result.refused.push({ line: row.number, fieldErrors: read.fieldErrors });
      if (onProgress && ((index + 1) % PROGRESS_EVERY === 0 || index + 1 === dataRows.length))
        onProgress({ done: index + 1, total: dataRows.length });
      return;
    }
    const checked = validate(schema, {
      civilite: civiliteText(value('civilite')),
      nom: cellText(value('nom')),
      prenom: cellText(value('prenom')),
      dateNaissance: dateText(value('dateNaissance'), date1904),
      numeroCir: cellText(value('numeroCir')),
    });
    const fieldErrors: FieldErrors = checked.ok ? {} : { ...checked.fieldErrors };
    const mlText = cellText(value('prescriptionML')).trim();
    const prescriptionML = mlText === '' ? undefined : mlChoices.get(headerKey(mlText));
    if (mlText !== '' && !prescriptionML) fieldErrors.prescriptionML = 'E_CHOICE_INVALID';

    if (checked.ok && seenCir.has(checked.value.numeroCir))
      fieldErrors.numeroCir = 'E_CIR_DUPLICATE_IN_FILE';
    if (checked.ok && Object.keys(fieldErrors).length === 0) {
      seenCir.add(checked.value.numeroCir);
      result.accepted.push({
        line: row.number,
        identity: checked.value,
        ...(prescriptionML ? { prescriptionML } : {}),
        ...requestNumber,
      });
    } else {
      result.refused.push({ line: row.number, fieldErrors });
    }
    if (onProgress && ((index + 1) % PROGRESS_EVERY === 0 || index + 1 === dataRows.length)) {
      onProgress({ done: index + 1, total: dataRows.length });
    }
  });
  result.ignoredColumns = notMine.filter((f) => ignored.has(f));
  return result;
}

/** The plain xlsx bytes: decrypted when the file is an encrypted OOXML. */
async function openPackage(file: Buffer, password: string | undefined): Promise<Buffer> {
  if (!isCompoundFile(file)) return file;
  // A compound file without encryption streams is a legacy .xls, which is not the format.
  if (!isEncrypted(file)) throw new FileError('E_IMPORT_NOT_XLSX');
  if (!password) throw new FileError('E_IMPORT_PASSWORD_REQUIRED');
  return decrypt(file, password);
}

/**
 * The sheet whose first row has the national headers, wherever it is in the workbook (a partner
 * may have moved another sheet first). None: the first sheet's differences are reported; several:
 * the file is refused rather than one of them guessed.
 */
function nationalSheet(workbook: ExcelJS.Workbook): { sheet: ExcelJS.Worksheet } & Headers {
  const found: ({ sheet: ExcelJS.Worksheet } & Headers)[] = [];
  let firstRefusal: FileError | null = null;
  for (const sheet of workbook.worksheets) {
    try {
      found.push({ sheet, ...readHeaders(sheet.getRow(1)) });
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      firstRefusal ??= error;
    }
  }
  if (found.length === 1) return found[0];
  if (found.length > 1) {
    throw new FileError('E_IMPORT_SEVERAL_SHEETS', { sheets: found.map((f) => f.sheet.name) });
  }
  throw firstRefusal ?? new FileError('E_IMPORT_NOT_XLSX');
}

interface Headers {
  columns: Record<NationalField, number>;
  /** The optional "N° de demande" column (not a national column: the national ten stay as they are). */
  numberColumn?: number;
}

/**
 * Maps each national field to its column (and the optional request number's); refuses the file
 * listing every difference.
 */
function readHeaders(row: ExcelJS.Row): Headers {
  const found = new Map<NationalField, number>();
  let numberColumn: number | undefined;
  const unexpected: UnexpectedHeader[] = [];
  const duplicated = new Set<string>();
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    const text = cellText(cell.value).trim();
    if (text === '') return;
    const field = fieldOfHeader(text);
    if (!field && numberColumn === undefined && headerKey(text) === REQUEST_NUMBER_KEY)
      numberColumn = column;
    else if (!field) unexpected.push({ column: columnLetter(column), header: text.slice(0, 80) });
    else if (found.has(field)) duplicated.add(NATIONAL_HEADERS[field]);
    else found.set(field, column);
  });
  const missing = NATIONAL_FIELDS.filter((f) => !found.has(f)).map((f) => NATIONAL_HEADERS[f]);
  if (missing.length > 0 || unexpected.length > 0 || duplicated.size > 0) {
    throw new FileError('E_IMPORT_HEADERS', { missing, unexpected, duplicated: [...duplicated] });
  }
  return {
    columns: Object.fromEntries(found) as Record<NationalField, number>,
    ...(numberColumn ? { numberColumn } : {}),
  };
}

/** prescriptionML as typed: its code or its label, compared without accents, case or spaces. */
function choiceKeys(ctx: SchemaContext): Map<string, string> {
  const keys = new Map<string, string>();
  for (const entry of ctx.referentials.prescriptionML) {
    keys.set(headerKey(entry.code), entry.code);
    keys.set(headerKey(entry.label), entry.code);
  }
  return keys;
}
