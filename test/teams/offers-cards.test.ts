import { strict as assert } from 'node:assert';
import type { OfferRecord } from '../../src/domain/offer-records';
import { formCard, listCard, offerValues, sheetCard } from '../../src/teams/offers/views';
import { verbs } from '../../src/teams/verbs';
import { cardNodes } from '../helpers/cards';

const offer: OfferRecord = {
  id: 'o1',
  structureId: 'ml-villeurbanne',
  title: 'Garantie jeunes',
  audience: 'Jeunes de 16 à 25 ans',
  referral: 'Prendre rendez-vous',
  contact: 'accueil@ml.example.org',
  link: null,
  fileName: 'fiche.pdf',
  fileSize: 120_000,
  createdBy: 'a',
  createdAt: '2027-01-11T08:00:00.000Z',
  updatedBy: 'a',
  updatedAt: '2027-01-11T08:00:00.000Z',
};
const names = new Map([['ml-villeurbanne', 'Mission Locale de Villeurbanne']]);
const pending = {
  id: 'd1',
  owner: 'a',
  fileName: 'fiche.pdf',
  fileSize: 2048,
  createdAt: '2027-01-11T08:00:00.000Z',
  expiresAt: '2027-01-11T09:00:00.000Z',
};

describe('the offer card templates', () => {
  const cards = {
    listFirstPage: listCard({
      page: { offers: [offer], total: 12, page: 1, pages: 3 },
      names,
      query: 'garantie',
      partnershipId: '',
      canPublish: true,
    }),
    listEmpty: listCard({
      page: { offers: [], total: 0, page: 1, pages: 1 },
      names,
      query: '',
      partnershipId: 'rhone',
      canPublish: false,
    }),
    sheetMine: sheetCard({
      offer,
      structureName: 'Mission Locale de Villeurbanne',
      mine: true,
      pdfUrl: 'https://bot.example.org/offres/pdf/t',
      pdfMinutes: 15,
    }),
    sheetConfirm: sheetCard({ offer, structureName: 'ML', mine: true, confirm: true }),
    sheetReader: sheetCard({
      offer: { ...offer, link: 'https://ml.example.org/cej', fileName: null, fileSize: null },
      structureName: 'ML',
      mine: false,
    }),
    formNew: formCard({ pending, offer: null, values: {}, formId: 'f1' }),
    formRefused: formCard({
      pending: undefined,
      offer,
      values: { ...offerValues(offer), lien: 'http://x' },
      errors: { lien: 'E_OFFER_LINK_INVALID', titre: 'E_FIELD_REQUIRED' },
      message: 'Certains champs sont à corriger.',
      formId: 'f1',
    }),
  };

  for (const [name, card] of Object.entries(cards)) {
    it(`expands "${name}" into an Adaptive Card 1.5 with nothing left to fill, and only known verbs`, () => {
      assert.equal(card.type, 'AdaptiveCard');
      assert.equal(card.version, '1.5');
      assert.ok(!JSON.stringify(card).includes('${'), 'an unresolved ${…}');
      for (const n of cardNodes(card)) {
        if (n.type === 'Action.Execute') {
          assert.ok(verbs.has(String(n.verb)), `verb ${String(n.verb)} is in the verb table`);
          assert.equal(typeof n.data, 'object');
        }
        if (n.type === 'Action.OpenUrl') assert.match(String(n.url), /^https:\/\//);
        if (String(n.type).startsWith('Input.')) {
          assert.ok(n.label, `input ${String(n.id)} has a French label`);
          if (n.isRequired) assert.ok(n.errorMessage, `input ${String(n.id)} has an errorMessage`);
        }
      }
    });
  }

  it('pages the list and offers publishing only to those who may publish', () => {
    const first = JSON.stringify(cards.listFirstPage);
    assert.match(first, /Page 1 sur 3/);
    assert.match(first, /"title":"Suivantes","verb":"offres\.page","data":\{"page":2/);
    assert.doesNotMatch(first, /Précédentes/);
    assert.match(first, /offres\.nouveau/);
    assert.doesNotMatch(JSON.stringify(cards.listEmpty), /offres\.nouveau/);
  });

  it('shows each wrong field’s message in French, and the values typed', () => {
    const text = JSON.stringify(cards.formRefused);
    assert.match(text, /Lien invalide : une adresse https:\/\/ complète est attendue/);
    assert.match(text, /Champ obligatoire/);
    assert.match(text, /"value":"http:\/\/x"/);
    assert.match(text, /PDF actuel : fiche\.pdf/);
    assert.match(JSON.stringify(cards.formNew), /PDF joint : fiche\.pdf \(2 Ko\)/);
    const ids = cardNodes(cards.formNew)
      .filter((n) => String(n.type).startsWith('Input.'))
      .map((n) => n.id);
    assert.deepEqual(ids, ['titre', 'public', 'orienter', 'contact', 'lien', 'joindrePdf']);
  });

  it('gives edit and withdraw to the publishing structure only, and asks before withdrawing', () => {
    assert.match(JSON.stringify(cards.sheetMine), /offres\.modifier/);
    assert.doesNotMatch(JSON.stringify(cards.sheetReader), /offres\.modifier|offres\.retirer/);
    const confirm = JSON.stringify(cards.sheetConfirm);
    assert.match(confirm, /offres\.retirerConfirme/);
    assert.doesNotMatch(confirm, /"verb":"offres\.modifier"/);
  });
});
