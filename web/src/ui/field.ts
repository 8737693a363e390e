// A labelled form control with a hint and an error slot wired up by aria-describedby, so an
// API validation message appears (and is announced) right next to the field it is about.
import { h, uid } from './dom';

export interface Field<T extends HTMLElement> {
  wrapper: HTMLElement;
  control: T;
  setError: (message: string | null) => void;
}

export function field<T extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
  label: string,
  control: T,
  hint?: string,
): Field<T> {
  control.id ||= uid('field');
  const hintEl = hint ? h('small', { class: 'hint', id: uid('hint') }, hint) : null;
  const error = h('p', { class: 'field-error', id: uid('error'), hidden: true });
  control.setAttribute('aria-describedby', [hintEl?.id, error.id].filter(Boolean).join(' '));
  const wrapper = h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl, error);
  return {
    wrapper,
    control,
    setError: (message) => {
      error.textContent = message ?? '';
      error.hidden = !message;
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    },
  };
}

/**
 * Which field an API message is about: the one named earliest in it as a whole word (the API
 * words its errors "window must be…", `Column "x"…` etc.). Null when none is named.
 */
export function fieldNamedIn(message: string, names: readonly string[]): string | null {
  let best: { name: string; at: number } | null = null;
  for (const name of names) {
    const m = new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`).exec(message);
    if (m && (!best || m.index < best.at)) best = { name, at: m.index };
  }
  return best?.name ?? null;
}
