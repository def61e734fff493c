/**
 * What a request's life adds to its detail card (issue 13 §1–4): the motif, the cancellation,
 * the last update of the DT's figures, the buttons each side may use, and the one line a stale
 * card's submit answers with.
 */
import type { RequestRecord } from '../../domain/model';
import { MOTIFS, type CancelReason, type Motif } from '../../domain/request-life-codes';
import { ownValue } from '../../domain/lookup';
import { format, fr, frDateTime } from '../../i18n/fr';

const t = fr.life;

/** The motif's label ("non précisé" for requests from before it existed). */
export function motifLabel(m: Motif | null | undefined): string {
  return m ? (ownValue(t.motifs, m) ?? t.motifUnknown) : t.motifUnknown;
}

export function cancelLabel(reason: CancelReason | null | undefined): string {
  return reason ? (ownValue(t.cancelReasons, reason) ?? reason) : '';
}

export const motifChoices = () => MOTIFS.map((m) => ({ title: t.motifs[m], value: m }));

/** Motif and cancellation, beside the request's status. */
export function lifeFacts(r: RequestRecord): { title: string; value: string }[] {
  const facts = [{ title: t.motifLabel, value: motifLabel(r.motif) }];
  if (r.status === 'annulee' && r.lastChange?.kind === 'cancelled')
    facts.push({
      title: t.facts.cancelled,
      value: format(t.facts.cancelledValue, {
        date: frDateTime(r.lastChange.at),
        name: r.lastChange.byName,
        reason: cancelLabel(r.cancelReason),
      }),
    });
  return facts;
}

/** "Mis à jour le … par …" under the DT's answer, once it was updated. */
export function updatedFacts(r: RequestRecord): { title: string; value: string }[] {
  const c = r.figuresUpdated;
  if (!c) return [];
  return [
    {
      title: t.facts.updated,
      value: format(t.facts.updatedValue, { date: frDateTime(c.at), name: c.byName }),
    },
  ];
}

/** Which of the life's buttons the detail card shows; the server checks again on each submit. */
export function lifeActions(r: RequestRecord, side: 'ml' | 'dt') {
  const answered = !!r.answer && (r.status === 'completee' || r.status === 'cloturee');
  return {
    canCorrect: side === 'ml' && r.status === 'transmise' && !!r.identity,
    canCancel:
      (side === 'ml' && (r.status === 'transmise' || r.status === 'completee')) ||
      (side === 'dt' && r.status === 'completee'),
    canUpdate: side === 'dt' && answered,
    canHistory: !!r.answer,
    buttons: t.buttons,
  };
}

/** What happened since the card was drawn: by whom, when. */
export function staleLine(r: RequestRecord): string {
  const c = r.lastChange;
  if (!c) return t.stale.other;
  return format(t.stale[c.kind], { name: c.byName, date: frDateTime(c.at) });
}
