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

/**
 * A panel run's series as one bar: finished series (completed, then failed and cancelled, in their
 * colours) out of the total; aria-valuenow counts every finished series. data-done / data-total /
 * data-failed carry the numbers for tests.
 */
export function seriesProgressBar(
  counts: { done: number; failed: number; cancelled: number; total: number },
  label: string,
): HTMLElement {
  const { done, failed, cancelled, total } = counts;
  const finished = done + failed + cancelled;
  const pct = (n: number) => `${total ? Math.min(100, (n / total) * 100) : 0}%`;
  const segment = (cls: string, n: number) => {
    const el = h('div', { class: `progress-fill ${cls}` });
    el.style.width = pct(n);
    return el;
  };
  return h(
    'div',
    {
      class: 'progress series-progress',
      role: 'progressbar',
      'aria-label': label,
      'aria-valuemin': 0,
      'aria-valuemax': total || 1,
      'aria-valuenow': finished,
      'aria-valuetext': `${finished} of ${total} series finished${failed ? `, ${failed} failed` : ''}`,
      'data-done': done,
      'data-failed': failed,
      'data-total': total,
    },
    segment('done', done),
    segment('failed', failed),
    segment('cancelled', cancelled),
  );
}
