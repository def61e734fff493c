import { strict as assert } from 'node:assert';
import { loadReferentials } from '../../src/domain/referentials';
import { FileError } from '../../src/domain/errors';
import {
  exportGraphCard,
  exportLinkCard,
  exportProgressCard,
  fileErrorText,
  importPasswordCard,
  importReportCard,
  passwordCard,
  statusCard,
} from '../../src/teams/table/views';

const period = { from: '2026-01-01', to: '2026-12-31' };
const info = {
  structure: 'Mission Locale de Villeurbanne',
  period,
  rowCount: 12,
  fileName: 'tableau.xlsx',
  passwordHere: false,
};

/** Every element of a card, nested ones included. */
function walk(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((n) => walk(n, visit));
  }
}

describe('the national table’s cards', () => {
  const cards = {
    progress: exportProgressCard('DT OFII de Lyon', period),
    link: exportLinkCard(
      info,
      'https://bot.example.org/telechargement/x',
      new Date('2026-05-01T10:15:00Z'),
      3,
    ),
    graph: exportGraphCard(info, 'https://contoso.sharepoint.com/x.xlsx', 'x.xlsx'),
    hidden: passwordCard({
      secretId: 's1',
      fileName: 'tableau.xlsx',
      until: '2026-05-01T10:10:00Z',
    }),
    shown: passwordCard({
      secretId: 's1',
      fileName: 'tableau.xlsx',
      until: '2026-05-01T10:10:00Z',
      password: 'K7mPq9RtWx3cFhNa',
    }),
    closed: passwordCard({
      secretId: 's1',
      fileName: 'tableau.xlsx',
      until: '2026-05-01T10:10:00Z',
      closed: true,
      message: 'effacé',
    }),
    ask: importPasswordCard('i1', 'tableau.xlsx', 'Mot de passe incorrect.'),
    refused: statusCard({
      text: fileErrorText(new FileError('E_IMPORT_HEADERS', { missing: ['N° CIR'] })),
      color: 'Attention',
    }),
    report: importReportCard({
      result: {
        accepted: [],
        refused: Array.from({ length: 60 }, (_, i) => ({
          line: i + 2,
          fieldErrors: { nom: 'E_NAME_INVALID', numeroCir: 'E_CIR_DUPLICATE_IN_FILE' },
        })),
        ignoredColumns: ['heuresFL'],
        ignoredCells: 1,
      },
      side: 'ml',
      created: 3,
      dtName: 'DT OFII de Lyon',
      updated: 1,
      unchanged: 1,
      rowRefusals: [{ line: 70, reason: 'cancelled', number: '2026-000001' }],
    }),
  };

  it('are Adaptive Cards 1.5 with every template value filled', () => {
    loadReferentials();
    for (const [name, card] of Object.entries(cards)) {
      assert.equal(card.type, 'AdaptiveCard', name);
      assert.equal(card.version, '1.5', name);
      assert.ok(!JSON.stringify(card).includes('${'), `${name} has an unresolved value`);
      walk(card, (n) => {
        if (n.type === 'Action.Execute')
          assert.ok(
            typeof n.verb === 'string' && n.verb.startsWith('tableau.'),
            `${name}: ${String(n.verb)}`,
          );
      });
    }
  });

  it('shows the password only in the revealed card, with a button to hide it, and none once closed', () => {
    assert.ok(!JSON.stringify(cards.hidden).includes('K7mPq9RtWx3cFhNa'));
    assert.ok(JSON.stringify(cards.shown).includes('K7mPq9RtWx3cFhNa'));
    const button = (c: Record<string, unknown>) =>
      (c.actions as { title: string; data: { masquer: boolean } }[] | undefined)?.[0];
    assert.equal(button(cards.hidden)?.title, 'Afficher le mot de passe');
    assert.equal(button(cards.hidden)?.data.masquer, false);
    assert.equal(button(cards.shown)?.data.masquer, true);
    assert.equal(button(cards.closed), undefined);
  });

  it('lists at most 50 refused lines, in line order, and says how many more', () => {
    const json = JSON.stringify(cards.report);
    assert.match(json, /Ligne 2"/);
    assert.ok(!json.includes('Ligne 52"'), 'the 51st refused line is counted, not listed');
    assert.match(json, /… et 11 autre\(s\) ligne\(s\) refusée\(s\)/);
    assert.match(json, /Ce n° CIR figure déjà sur une ligne précédente du fichier/);
    assert.match(json, /Total des heures FL effectuées\) ont été ignorées/);
  });
});
