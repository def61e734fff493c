import { strict as assert } from 'node:assert';
import * as ACData from 'adaptivecards-templating';
import { expandTemplate } from '../../src/teams/cards/expander';

/** Every expression shape our cards use, in the places they use them. */
const template = {
  type: 'AdaptiveCard',
  body: [
    { type: 'TextBlock', text: '${title}', $when: "${title != ''}" },
    { type: 'TextBlock', text: '**${command}** (${count})', $when: '${!hidden}' },
    {
      type: 'FactSet',
      $when: '${count(facts) > 0}',
      facts: [{ $data: '${facts}', title: '${title}', value: '${$root.labels.value} ${$index}' }],
    },
    { type: 'TextBlock', text: '${empty}', $when: '${count(facts) == 0}' },
    {
      type: 'Input.Text',
      id: 'phone',
      value: '${values.phone}',
      isVisible: "${values.phone == ''}",
    },
    {
      type: 'Container',
      $data: '${person}',
      items: [{ type: 'TextBlock', text: '${name}', $when: "${name != '' || fallback}" }],
    },
  ],
  actions: [{ type: 'Action.Execute', data: { userIds: '${userIds}', flag: '${flag}' } }],
};

const cases: Record<string, unknown>[] = [
  {
    title: 'Demande',
    command: 'aide',
    count: 3,
    hidden: false,
    facts: [{ title: 'A' }, { title: 'B' }],
    labels: { value: 'v' },
    empty: 'rien',
    values: { phone: '' },
    person: { name: 'Camille', fallback: false },
    userIds: ['29:a', '29:b'],
    flag: true,
  },
  // The values where only the library knows the answer: null, missing, other types, other case.
  {
    title: '',
    command: null,
    count: undefined,
    hidden: 'yes',
    facts: 'abc',
    labels: { Value: 'V' },
    empty: null,
    values: {},
    person: [{ name: '', fallback: true }, { name: 'Léa' }],
    userIds: null,
    flag: 0,
  },
  { title: 'x', hidden: true, facts: [], labels: {}, values: { phone: null }, person: null },
];

describe('the card expander', () => {
  for (const [i, data] of cases.entries()) {
    it(`expands exactly as adaptivecards-templating does (case ${i + 1})`, () => {
      const t = new ACData.Template(template);
      assert.deepStrictEqual(expandTemplate(t, data), t.expand({ $root: data }));
    });
  }
});
