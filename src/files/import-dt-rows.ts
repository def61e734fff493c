/**
 * A DT correspondent's row of a national table that comes back (issue 13 §5): the n° CIR, by which
 * the row finds its request, and the four DT fields, checked against the referentials exactly as
 * flow 2's card checks them. The identity cells are the ML's to write and are not read.
 */
import type ExcelJS from 'exceljs';
import { z } from 'zod';
import type { NationalField } from '../domain/fields';
import type { ReferentialName } from '../domain/referentials';
import {
  flow2Schema,
  identityShape,
  validate,
  type Answer,
  type FieldErrors,
  type SchemaContext,
} from '../domain/schemas';
import { cellText } from './cell-values';
import { headerKey } from './national-columns';

/**
 * The optional column, beside the ten national ones, that names the request a row is about
 * (the national columns themselves are a fixed contract and never carry it).
 */
export const REQUEST_NUMBER_HEADER = 'N° de demande';
export const REQUEST_NUMBER_KEY = headerKey(REQUEST_NUMBER_HEADER);

const CHOICES = ['positionnementLinguistique', 'prescriptionInitiale'] as const;
const DT_FIELDS = [...CHOICES, 'heuresFL', 'journeesFC'] as const;

export interface DtRowRead {
  row?: { numeroCir: string; answer?: Answer };
  fieldErrors: FieldErrors;
}

/** A reader of DT rows for one context (labels or codes of the closed lists, as typed). */
export function dtRowReader(ctx: SchemaContext) {
  const cir = z.strictObject({ numeroCir: identityShape(ctx).numeroCir });
  const answerSchema = flow2Schema(ctx).omit({ requestId: true, cardVersion: true });
  const keys = new Map(CHOICES.map((name) => [name, choiceKeys(ctx, name)]));
  return (value: (field: NationalField) => ExcelJS.CellValue): DtRowRead => {
    const fieldErrors: FieldErrors = {};
    const checkedCir = validate(cir, { numeroCir: cellText(value('numeroCir')) });
    if (!checkedCir.ok) Object.assign(fieldErrors, checkedCir.fieldErrors);
    const texts = Object.fromEntries(
      DT_FIELDS.map((f) => [f, cellText(value(f)).trim()]),
    ) as Record<(typeof DT_FIELDS)[number], string>;
    let answer: Answer | undefined;
    if (DT_FIELDS.some((f) => texts[f] !== '')) {
      const input: Record<string, unknown> = { ...texts };
      // A label or a code: the code, or the text as typed (then refused as outside the list).
      for (const name of CHOICES)
        if (texts[name] !== '')
          input[name] = keys.get(name)?.get(headerKey(texts[name])) ?? texts[name];
      const checked = validate(answerSchema, input);
      if (checked.ok) answer = checked.value;
      else Object.assign(fieldErrors, checked.fieldErrors);
    }
    if (!checkedCir.ok || Object.keys(fieldErrors).length > 0) return { fieldErrors };
    return {
      row: { numeroCir: checkedCir.value.numeroCir, ...(answer ? { answer } : {}) },
      fieldErrors,
    };
  };
}

function choiceKeys(ctx: SchemaContext, name: ReferentialName): Map<string, string> {
  const keys = new Map<string, string>();
  for (const entry of ctx.referentials[name]) {
    keys.set(headerKey(entry.code), entry.code);
    keys.set(headerKey(entry.label), entry.code);
  }
  return keys;
}
