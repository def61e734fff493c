/**
 * One action of a request's detail as a form generated from its `inputs` (docs/tab-api.md):
 * text, choice, date and toggle fields, checked here for what is required (in French, rather than
 * the browser's own bubbles) and checked again by the server, whose French refusal is shown as is.
 */
import { apiPost, messageOf } from '../common/api';
import type { Session } from '../common/session';
import { h } from '../common/dom';
import type { ActionInput, Detail } from '../common/types';

type Control = HTMLInputElement | HTMLSelectElement;

function control(id: string, input: ActionInput): Control {
  const common = { id, name: input.id, 'aria-required': input.required ? 'true' : null };
  switch (input.type) {
    case 'choice':
      return h(
        'select',
        common,
        h('option', { value: '' }, '— Choisir —'),
        (input.choices ?? []).map((c) => h('option', { value: c.value }, c.label)),
      );
    case 'date':
      return h('input', { ...common, type: 'date' });
    case 'toggle':
      return h('input', { ...common, type: 'checkbox', value: 'true' });
    default:
      return h('input', { ...common, type: 'text', autocomplete: 'off' });
  }
}

function row(id: string, input: ActionInput, el: Control, errorId: string): HTMLElement {
  const text = `${input.label}${input.required ? ' (obligatoire)' : ''}`;
  if (input.type === 'toggle')
    return h('div', { class: 'field' }, h('label', { class: 'check', for: id }, el, text));
  el.setAttribute('aria-describedby', errorId);
  return h('div', { class: 'field' }, h('label', { for: id }, text), el);
}

function valueOf(input: ActionInput, el: Control): string {
  if (input.type === 'toggle') return (el as HTMLInputElement).checked ? 'true' : 'false';
  return el.value.trim();
}

export function actionForm(
  session: Session,
  detail: Detail,
  action: Detail['actions'][number],
  done: (refreshed: Detail, label: string) => void,
): HTMLElement {
  const base = `action-${action.id}`;
  const errorId = `${base}-erreur`;
  const error = h('div', { class: 'alert', role: 'alert', id: errorId });
  const controls = action.inputs.map((input) => {
    const el = control(`${base}-${input.id}`, input);
    return { input, el };
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, action.label);
  const form = h(
    'form',
    { novalidate: true, 'aria-label': action.label },
    controls.map(({ input, el }) => row(el.id, input, el, errorId)),
    error,
    h('div', { class: 'actions-row' }, submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values: Record<string, string> = {};
    const missing: string[] = [];
    let first: Control | null = null;
    for (const { input, el } of controls) {
      const value = valueOf(input, el);
      const empty = input.required && input.type !== 'toggle' && value === '';
      el.setAttribute('aria-invalid', empty ? 'true' : 'false');
      if (empty) {
        missing.push(input.label);
        first ??= el;
      }
      if (value !== '') values[input.id] = value;
    }
    if (missing.length) {
      error.textContent = `Renseignez : ${missing.join(', ')}.`;
      first?.focus();
      return;
    }
    error.textContent = '';
    submit.disabled = true;
    try {
      const path = `/api/tab/demandes/${detail.kind}/${encodeURIComponent(detail.id)}/actions/${encodeURIComponent(action.id)}`;
      done(await apiPost<Detail>(session, path, { values }), action.label);
    } catch (err) {
      error.textContent = messageOf(err);
      submit.disabled = false;
    }
  });
  const open = detail.actions.length === 1;
  return h('details', { class: 'action', open }, h('summary', {}, action.label), form);
}
