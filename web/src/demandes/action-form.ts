/**
 * One action of a request's detail as a form generated from its `inputs` (docs/tab-api.md):
 * text, choice, date and toggle fields, checked here for what is required (in French, rather than
 * the browser's own bubbles) and checked again by the server, whose French refusal is shown as is.
 */
import { ApiError, apiPost, messageOf } from '../common/api';
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
        (input.choices ?? []).map((c) =>
          h('option', { value: c.value, selected: c.value === input.value }, c.label),
        ),
      );
    case 'date':
      return h('input', { ...common, type: 'date', value: input.value ?? null });
    case 'toggle':
      return h('input', {
        ...common,
        type: 'checkbox',
        value: 'true',
        checked: input.value === 'true',
      });
    default:
      return h('input', {
        ...common,
        type: 'text',
        autocomplete: 'off',
        value: input.value ?? null,
      });
  }
}

/** A field: its label, its control and the line that says what is wrong with it. */
function row(input: ActionInput, el: Control, message: HTMLElement, formError: string) {
  const text = `${input.label}${input.required ? ' (obligatoire)' : ''}`;
  el.setAttribute('aria-describedby', `${message.id} ${formError}`);
  if (input.type === 'toggle')
    return h(
      'div',
      { class: 'field' },
      h('label', { class: 'check', for: el.id }, el, text),
      message,
    );
  return h('div', { class: 'field' }, h('label', { for: el.id }, text), el, message);
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
  reload: () => void,
): HTMLElement {
  const base = `action-${action.id}`;
  const errorId = `${base}-erreur`;
  const error = h('div', { class: 'alert', role: 'alert', id: errorId });
  const controls = action.inputs.map((input) => {
    const el = control(`${base}-${input.id}`, input);
    const message = h('p', { class: 'field-error', id: `${el.id}-erreur` });
    return { input, el, message };
  });
  /** Marks the fields the server or the required check refused; clears the others. */
  const mark = (refused: Record<string, string>) => {
    for (const { input, el, message } of controls) {
      const text = Object.hasOwn(refused, input.id) ? refused[input.id] : '';
      message.textContent = text;
      el.setAttribute('aria-invalid', text ? 'true' : 'false');
    }
    controls.find(({ input }) => Object.hasOwn(refused, input.id))?.el.focus();
  };
  const submit = h('button', { type: 'submit', class: 'primary' }, action.label);
  // 409: someone acted first, or the item changed; the page shows it as it now is.
  const refresh = h(
    'button',
    { type: 'button', hidden: true, onclick: () => reload() },
    'Afficher la version à jour',
  );
  const form = h(
    'form',
    { novalidate: true, 'aria-label': action.label },
    controls.map(({ input, el, message }) => row(input, el, message, errorId)),
    error,
    h('div', { class: 'actions-row' }, submit, refresh),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values: Record<string, string> = {};
    const missing: Record<string, string> = {};
    for (const { input, el } of controls) {
      const value = valueOf(input, el);
      if (input.required && input.type !== 'toggle' && value === '')
        missing[input.id] = 'Ce champ est obligatoire.';
      if (value !== '') values[input.id] = value;
    }
    mark(missing);
    const names = controls.filter(({ input }) => missing[input.id]).map(({ input }) => input.label);
    if (names.length) {
      error.textContent = `Renseignez : ${names.join(', ')}.`;
      return;
    }
    error.textContent = '';
    submit.disabled = true;
    try {
      const path = `/api/tab/demandes/${detail.kind}/${encodeURIComponent(detail.id)}/actions/${encodeURIComponent(action.id)}`;
      const body = detail.version === undefined ? { values } : { values, version: detail.version };
      done(await apiPost<Detail>(session, path, body), action.label);
    } catch (err) {
      error.textContent = messageOf(err);
      if (err instanceof ApiError) mark(err.fields);
      const stale = err instanceof ApiError && err.status === 409;
      refresh.hidden = !stale;
      submit.disabled = stale;
    }
  });
  const open = detail.actions.length === 1;
  return h('details', { class: 'action', open }, h('summary', {}, action.label), form);
}
