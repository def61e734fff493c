import { strict as assert } from 'node:assert';
import type { FicheRecord } from '../../src/domain/liaison';
import type { StructureRecord } from '../../src/domain/model';
import { verbs } from '../../src/teams/verbs';
import { ficheDetailCard, ficheFormCard, ficheNeutralCard } from '../../src/teams/liaison/views';
import { cardNodes } from '../helpers/cards';

const structure = (id: string, kind: 'DT' | 'ML', name: string): StructureRecord => ({
  id,
  kind,
  name,
  departements: ['69'],
  tenantId: null,
  inboxConversationId: null,
});
const names = {
  dt: structure('dt-lyon', 'DT', 'DT OFII de Lyon'),
  ml: structure('ml-a', 'ML', 'ML A'),
};
const f: FicheRecord = {
  id: 'f1',
  number: 'L2026-000001',
  status: 'proposee',
  dtId: 'dt-lyon',
  mlId: 'ml-a',
  partnershipId: 'rhone',
  departement: '69',
  identity: {
    civilite: 'M.',
    nom: 'Nguyễn',
    prenom: 'Văn',
    dateNaissance: '2004-02-03',
    numeroCir: 'CIR0001',
  },
  createdBy: 'x',
  createdAt: '2026-12-01T09:00:00Z',
  updatedAt: '2026-12-01T09:00:00Z',
  decidedBy: null,
  decidedByName: null,
  decidedAt: null,
  reason: null,
  requestId: null,
};

const executes = (card: unknown) =>
  cardNodes(card).filter((n) => n.type === 'Action.Execute') as {
    verb: string;
    data: Record<string, unknown>;
  }[];

describe('the fiche de liaison cards', () => {
  it('labels every input, with a French error message on required ones', () => {
    const cards = [
      ficheFormCard(undefined, undefined, '', [names.ml]),
      ficheDetailCard(f, names, { side: 'ml', userIds: [], redirectTo: [names.ml] }),
    ];
    for (const node of cards
      .flatMap(cardNodes)
      .filter((n) => String(n.type).startsWith('Input.'))) {
      assert.ok(typeof node.label === 'string' && node.label.length > 0, String(node.id));
      if (node.isRequired) assert.ok(String(node.errorMessage ?? '').length > 0, String(node.id));
    }
  });

  it('keeps the neutral card free of identity, with refresh and "Voir le détail" on liaison.voir', () => {
    const card = ficheNeutralCard(f, names, ['29:a']);
    const shown = JSON.stringify(card);
    for (const v of ['Nguyễn', 'Văn', 'CIR0001', '2004', '03/02/2004'])
      assert.ok(!shown.includes(v));
    assert.equal((card.refresh as { action: { verb: string } }).action.verb, 'liaison.voir');
    assert.deepEqual(
      executes(card).map((a) => a.verb),
      ['liaison.voir', 'liaison.voir'],
    );
  });

  it('offers the ML its decisions while the fiche is open, and the DT its PDF; every verb is routed', () => {
    const ml = ficheDetailCard(f, names, { side: 'ml', userIds: [], redirectTo: [names.ml] });
    assert.deepEqual(
      executes(ml)
        .map((a) => a.verb)
        .filter((v) => v !== 'liaison.voir'),
      ['liaison.accepter', 'liaison.rediriger', 'liaison.classer'],
    );
    const dt = ficheDetailCard(f, names, {
      side: 'dt',
      userIds: [],
      redirectTo: [],
      pdf: { url: 'https://bot.example/fiche-liaison/t', expiresAt: f.createdAt, uses: 3 },
    });
    assert.deepEqual(
      executes(dt)
        .map((a) => a.verb)
        .filter((v) => v !== 'liaison.voir'),
      ['liaison.pdf'],
    );
    assert.ok(cardNodes(dt).some((n) => n.type === 'Action.OpenUrl'));
    const decided = ficheDetailCard(
      { ...f, status: 'sans_suite', reason: 'autre', decidedByName: 'Léa', decidedAt: f.createdAt },
      names,
      { side: 'ml', userIds: [], redirectTo: [names.ml] },
    );
    // The refresh and "Actualiser" only: a decided fiche offers no decision.
    assert.deepEqual(
      executes(decided).map((a) => a.verb),
      ['liaison.voir', 'liaison.voir'],
    );
    assert.match(JSON.stringify(decided), /Classée sans suite par Léa/);
    for (const a of [...executes(ml), ...executes(dt)]) {
      assert.ok(verbs.has(a.verb), a.verb);
      assert.deepEqual(Object.keys(a.data).sort(), ['cardVersion', 'ficheId']);
    }
  });
});
