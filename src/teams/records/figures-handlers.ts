/**
 * The shared figures (issue 14 §5), reached from `/comite` ("Chiffres partagés") and from the
 * minutes list: the partnership's figures for a year, each structure's form, and its submit.
 * Refusals keep what was typed; a frozen year says why.
 */
import { formatParisFr, parisDate } from '../../domain/calendar/paris-time';
import { DomainError } from '../../domain/errors';
import type { FiguresView, StructureFigures } from '../../domain/figures-service';
import type { FieldErrors } from '../../domain/schemas';
import { FIGURE_MAX } from '../../domain/shared-figures';
import { ownValue } from '../../domain/lookup';
import type { Caller } from '../../domain/model';
import { plainText } from '../../domain/text';
import { format, fr } from '../../i18n/fr';
import { renderCard, type Card } from '../cards/render';
import { committeeTitle, partnershipName } from '../committees/views';
import type { BotServices, VerbHandler } from '../feature';
import type { FiguresRef, FiguresYear } from '../verb-data';

const t = fr.records.figures;

/** The partnership's figures for a year; the caller's own structure gets the edit button. */
function figuresCard(view: FiguresView, caller: Caller, now: Date, message = '', ok = false): Card {
  const mine = caller.person?.structureId;
  const current = Number(parisDate(now).slice(0, 4));
  const years = [view.year - 1, view.year + 1].filter((y) => y >= 2000 && y <= current);
  return renderCard('chiffres', {
    title: `${t.title(view.year)} — ${partnershipName(
      view.partnership,
      view.structures.map((s) => s.structure),
    )}`,
    intro: t.intro,
    message,
    messageColor: ok ? 'Good' : 'Attention',
    locked: view.lockedBy
      ? t.locked(committeeTitle({ kind: view.lockedBy.kind, startsAt: view.lockedBy.startsAt }))
      : '',
    structures: view.structures.map((s) => ({
      name: s.structure.name,
      formTitle: s.form.title,
      facts: s.fields.map((f) => ({
        title: f.label,
        value: f.value === null ? '—' : String(f.value),
      })),
      status: s.shared ? t.updated(formatParisFr(new Date(s.shared.updatedAt))) : t.notShared,
      editable: !view.lockedBy && s.structure.id === mine,
      structureId: s.structure.id,
    })),
    editLabel: t.editButton,
    years: years.map((year) => ({ title: t.otherYear(year), year })),
    back: fr.records.minutes.back,
    partnershipId: view.partnership.id,
    year: view.year,
  });
}

/** A structure's form, blank, pre-filled, or re-rendered with what was typed and what is wrong. */
function figuresFormCard(
  partnershipId: string,
  s: Pick<StructureFigures, 'structure' | 'form' | 'fields'>,
  year: number,
  formVersion: string,
  o: { values?: Record<string, unknown>; errors?: FieldErrors; message?: string } = {},
): Card {
  return renderCard('chiffres-formulaire', {
    title: t.formTitle(s.structure.name, year),
    intro: t.formIntro(s.form.title),
    message: o.message ?? '',
    fields: s.form.fields.map((f) => {
      const stored = s.fields.find((x) => x.id === f.id)?.value ?? null;
      const code = o.errors && ownValue(o.errors, f.id);
      return {
        id: f.id,
        label: f.label,
        value: o.values ? plainText(o.values[f.id]) : stored === null ? '' : String(stored),
        errorMessage: format(t.numberError, { max: f.max ?? FIGURE_MAX }),
        error: code ? (ownValue(fr.fields, code) ?? fr.fields.E_FIELD_INVALID) : '',
      };
    }),
    submit: t.submit,
    back: t.back,
    partnershipId,
    structureId: s.structure.id,
    year,
    formVersion,
  });
}

async function show(
  services: BotServices,
  caller: Caller,
  partnershipId: string,
  year: number,
  message = '',
  ok = false,
): Promise<Card> {
  const view = await services.records.figures.view(caller, partnershipId, year);
  return figuresCard(view, caller, services.clock.now(), message, ok);
}

/** "Chiffres partagés": a year's figures (the last full year unless one is chosen). */
export const viewFigures: VerbHandler<FiguresYear> = async ({ caller, data, services }) =>
  show(services, caller, data.partnershipId, data.year ?? services.records.figures.defaultYear());

/** The form of the caller's own structure, while the year is not frozen. */
export const openFiguresForm: VerbHandler<FiguresRef> = async ({ caller, data, services }) => {
  const figures = services.records.figures;
  try {
    const mine = await figures.editable(caller, data.partnershipId, data.structureId, data.year);
    return figuresFormCard(data.partnershipId, mine, data.year, services.records.forms.version);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'E_FIGURES_LOCKED') {
      logRefusal(services, caller, err);
      return show(services, caller, data.partnershipId, data.year, fr.errors.E_FIGURES_LOCKED);
    }
    throw err;
  }
};

/** Submit: the figures with "enregistrés", or the form again with what is wrong. */
export const saveFigures: VerbHandler = async ({ caller, data, services }) => {
  const partnershipId = String(data.partnershipId ?? '');
  const year = Number(data.year);
  try {
    const result = await services.records.figures.save(caller, data);
    if (result.ok) return figuresCard(result.view, caller, services.clock.now(), t.saved, true);
    services.logger.info(
      {
        code: result.unknownFields.length ? 'E_FIELDS_NOT_ALLOWED' : 'E_INVALID_INPUT',
        partnershipId,
        structureId: result.structure.id,
        year,
        fields: Object.keys(result.fieldErrors).concat(result.unknownFields).join(','),
        userId: caller.aadObjectId,
      },
      'shared figures refused',
    );
    const fields = result.form.fields.map((f) => ({ id: f.id, label: f.label, value: null }));
    return figuresFormCard(
      partnershipId,
      { structure: result.structure, form: result.form, fields },
      year,
      services.records.forms.version,
      {
        values: result.values,
        errors: result.fieldErrors,
        message: result.unknownFields.length
          ? format(fr.errors.E_FIELDS_NOT_ALLOWED, { fields: result.unknownFields.join(', ') })
          : fr.errors.E_INVALID_INPUT,
      },
    );
  } catch (err) {
    if (err instanceof DomainError && err.code === 'E_FIGURES_LOCKED') {
      logRefusal(services, caller, err);
      return show(services, caller, partnershipId, year, fr.errors.E_FIGURES_LOCKED);
    }
    throw err;
  }
};

function logRefusal(services: BotServices, caller: Caller, err: DomainError): void {
  services.logger.warn(
    { code: err.code, ...err.details, userId: caller.aadObjectId, tenantId: caller.tenantId },
    'refused',
  );
}
