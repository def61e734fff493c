import { strict as assert } from 'node:assert';
import type { RequestRecord, StructureRecord } from '../../src/domain/model';
import { loadReferentials } from '../../src/domain/referentials';
import { cardNodes } from '../helpers/cards';
import { detailCard } from '../../src/teams/requests/views';
import {
  cancelCard,
  correctionCard,
  historyCard,
  updateCard,
} from '../../src/teams/request-life/views';
import { verbs } from '../../src/teams/verbs';

const refs = loadReferentials();
const dt: StructureRecord = {
  id: 'dt-lyon',
  kind: 'DT',
  name: 'DT OFII de Lyon',
  departements: ['69'],
  tenantId: null,
  inboxConversationId: null,
};
const names = { dt, ml: { ...dt, id: 'ml-a', kind: 'ML' as const, name: 'ML A' } };
const base: RequestRecord = {
  id: 'r1',
  number: '2026-000001',
  status: 'completee',
  mlId: 'ml-a',
  dtId: 'dt-lyon',
  partnershipId: 'rhone',
  createdBy: 'a',
  createdAt: '2026-03-01T09:00:00Z',
  updatedAt: '2026-03-02T09:00:00Z',
  identity: {
    civilite: 'Mme',
    nom: 'Diallo',
    prenom: 'Awa',
    dateNaissance: '2004-05-06',
    numeroCir: 'CIR1',
  },
  answer: {
    positionnementLinguistique: 'INF_A2',
    prescriptionInitiale: 'FL_600',
    heuresFL: 0,
    journeesFC: 2,
  },
  answeredBy: 'b',
  answeredByName: 'Camille Martin',
  answeredAt: '2026-03-02T09:00:00Z',
  prescriptionML: null,
  prescribedAt: null,
  motif: 'ajustement',
  version: 3,
  lastChange: { kind: 'updated', by: 'c', byName: 'Karim Benali', at: '2026-03-05T10:00:00Z' },
  cancelReason: null,
  figuresUpdated: { byName: 'Karim Benali', at: '2026-03-05T10:00:00Z' },
};
const version = {
  at: '2026-03-02T09:00:00Z',
  actor: 'b',
  actorName: 'Camille Martin',
  positionnementLinguistique: 'INF_A2',
  prescriptionInitiale: 'FL_600',
  heuresFL: 0,
  journeesFC: 2,
};

describe('the cards of a request’s life', () => {
  const cards = {
    correction: correctionCard({ ...base, status: 'transmise', answer: null }),
    correctionErrors: correctionCard(base, {
      values: { nom: 'D1', motif: 'x' },
      errors: { nom: 'E_NAME_INVALID', motif: 'E_CHOICE_INVALID' },
      message: 'Certains champs sont à corriger.',
    }),
    cancel: cancelCard(base),
    cancelStale: cancelCard(base, { values: { motifAnnulation: 'doublon' }, message: 'x' }),
    update: updateCard(base, refs),
    history: historyCard(base, [version, { ...version, heuresFL: 40 }], refs),
    historyEmpty: historyCard(base, [], refs),
    detailDt: detailCard(base, names, { side: 'dt', refs, userIds: [] }),
    detailMl: detailCard({ ...base, status: 'transmise', answer: null }, names, {
      side: 'ml',
      refs,
      userIds: [],
    }),
    detailCancelled: detailCard(
      {
        ...base,
        status: 'annulee',
        cancelReason: 'demenagement',
        lastChange: { ...base.lastChange!, kind: 'cancelled' },
      },
      names,
      { side: 'ml', refs, userIds: [] },
    ),
  };

  for (const [name, card] of Object.entries(cards)) {
    it(`expands "${name}" into an Adaptive Card 1.5 with nothing left to fill, labelled inputs and known verbs`, () => {
      assert.equal(card.type, 'AdaptiveCard');
      assert.equal(card.version, '1.5');
      assert.ok(!JSON.stringify(card).includes('${'), 'an unresolved ${…}');
      for (const n of cardNodes(card)) {
        if (n.type === 'Action.Execute') assert.ok(verbs.has(String(n.verb)), String(n.verb));
        if (String(n.type).startsWith('Input.')) assert.ok(n.label, `input ${String(n.id)}`);
      }
    });
  }

  it('carries the request version on every submit, and only the data dictionary’s ids', () => {
    const submits = cardNodes(cards).filter(
      (n) =>
        n.type === 'Action.Execute' &&
        ['demande.corriger', 'demande.annuler', 'demande.mettreAJour', 'demande.repondre'].includes(
          String(n.verb),
        ),
    );
    assert.ok(submits.length >= 5);
    for (const s of submits) assert.equal((s.data as { cardVersion: unknown }).cardVersion, 3);
    const ids = (card: unknown) =>
      cardNodes(card)
        .filter((n) => String(n.type).startsWith('Input.'))
        .map((n) => n.id);
    assert.deepEqual(ids(cards.correction), [
      'civilite',
      'nom',
      'prenom',
      'dateNaissance',
      'numeroCir',
      'motif',
    ]);
    assert.deepEqual(ids(cards.cancel), ['motifAnnulation']);
    assert.deepEqual(
      [...new Set(ids(cards.update))],
      ['positionnementLinguistique', 'prescriptionInitiale', 'heuresFL', 'journeesFC'],
    );
  });

  it('shows the motif, the last update, the cancellation and each side’s buttons', () => {
    const dtText = JSON.stringify(cards.detailDt);
    assert.match(dtText, /Ajuster le parcours CIR/);
    assert.match(dtText, /le 05\/03\/2026 à 11:00 par Karim Benali/);
    for (const verb of ['demande.miseAJour', 'demande.historique', 'demande.annulation'])
      assert.match(dtText, new RegExp(verb.replace('.', '\\.')));
    assert.doesNotMatch(dtText, /demande\.correction/);
    const mlText = JSON.stringify(cards.detailMl);
    assert.match(mlText, /demande\.correction/);
    assert.doesNotMatch(mlText, /demande\.miseAJour|demande\.historique/);
    const cancelled = JSON.stringify(cards.detailCancelled);
    assert.match(cancelled, /par Karim Benali — Déménagement/);
    assert.doesNotMatch(cancelled, /demande\.annulation|demande\.correction/);
    assert.match(JSON.stringify(cards.history), /Réponse initiale.*Version 2/);
    assert.match(JSON.stringify(cards.historyEmpty), /pas encore répondu/);
    assert.match(JSON.stringify(cards.cancelStale), /"value":"doublon"/);
  });
});
