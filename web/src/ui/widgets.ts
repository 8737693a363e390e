// Small shared pieces: status badge, progress bar, toast, a notice box.
import type { RunStatus } from '@seqcast/contracts';
import { h } from './dom';

export function statusBadge(status: RunStatus | string): HTMLElement {
  return h('span', { class: `badge status-${status}`, 'data-status': status }, status);
}

/** A progressbar with its value as text too (screen readers get aria-valuenow). */
export function progressBar(epoch: number, epochs: number | null | undefined, label: string): HTMLElement {
  const max = epochs && epochs > 0 ? epochs : 0;
  const pct = max ? Math.min(100, (epoch / max) * 100) : 0;
  const bar = h(
    'div',
    {
      class: 'progress',
      role: 'progressbar',
      'aria-label': label,
      'aria-valuemin': 0,
      'aria-valuemax': max || 1,
      'aria-valuenow': max ? epoch : 0,
      'aria-valuetext': max ? `epoch ${epoch} of ${max}` : 'not started',
    },
    h('div', { class: 'progress-fill' }),
  );
  (bar.firstElementChild as HTMLElement).style.width = `${pct}%`;
  return bar;
}

let toastTimer: number | undefined;
export function toast(message: string, kind: 'ok' | 'error' = 'ok'): void {
  const el = document.getElementById('toast');
  if (!el) return;
  el.textContent = message;
  el.className = `visible ${kind}`;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => (el.className = ''), 5000);
}

export function notice(message: string, kind: 'error' | 'info' = 'error'): HTMLElement {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
}
