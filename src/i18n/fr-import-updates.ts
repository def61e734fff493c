/** French texts of a national table that comes back (issue 13 §5): counts and row refusals. */
import type { RowRefusalReason } from '../domain/request-import-codes';

export const frImportUpdates = {
  counts:
    'Créées : {created} · mises à jour : {updated} · inchangées : {unchanged} · refusées : {refused}.',
  updatedMl: '{n} demande(s) existante(s) mise(s) à jour (Prescription Mission Locale).',
  updatedDt: '{n} demande(s) complétée(s) ou mise(s) à jour (champs de la DT) — {dt}.',
  unchanged: '{n} ligne(s) sans changement pour une demande existante.',
  noneChanged: 'Aucune demande n’a été modifiée.',
  refusedFile: 'Le fichier a été refusé en entier : aucune demande n’a été modifiée.',
  dtIgnoredColumns:
    'La colonne remplie par la Mission Locale (Prescription Mission Locale) a été ignorée : elle est complétée par la Mission Locale.',
  reasons: {
    not_found:
      'Aucune demande de votre structure ne correspond à ce n° de demande ou à ce n° CIR : rien n’a été enregistré.',
    other_ml:
      'Cette demande est suivie par une autre Mission Locale : vous ne pouvez pas la modifier.',
    other_dt: 'Cette demande est adressée à une autre DT : vous ne pouvez pas la modifier.',
    cancelled: 'La demande n° {number} est annulée : rien n’y est plus enregistré.',
    cir_mismatch: 'Le n° CIR de la ligne n’est pas celui de la demande n° {number}.',
  } satisfies Record<RowRefusalReason, string>,
} as const;
