// Hash router: the API serves one index.html, so every dashboard URL is `/#/...` and needs no
// server-side fallback. A page returns a cleanup that closes its streams, timers and charts.
// showInstead() puts one view (the sign-in) in place of every route, keeping the URL: once it is
// lifted, the page the user asked for renders.

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  outlet: HTMLElement;
}
export type Cleanup = () => void;
export type Page = (ctx: RouteContext) => Cleanup | void;

interface Route {
  pattern: RegExp;
  keys: string[];
  nav: string;
  title: string;
  page: Page;
}

const routes: Route[] = [];
let cleanup: Cleanup | void;
let outletEl: HTMLElement | undefined;
let instead: { title: string; page: Page } | null = null;

/** `path` like "/runs/:id"; `nav` names the top-bar link to highlight. */
export function route(path: string, nav: string, title: string, page: Page): void {
  const keys: string[] = [];
  const source = path.replace(/:([a-zA-Z]+)/g, (_, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  routes.push({ pattern: new RegExp(`^${source}$`), keys, nav, title, page });
}

export function currentPath(): { path: string; query: URLSearchParams } {
  const hash = location.hash.replace(/^#/, '') || '/datasets';
  const [path, qs = ''] = hash.split('?');
  return { path, query: new URLSearchParams(qs) };
}

export function navigate(path: string): void {
  location.hash = path;
}

/** Rewrites the current URL's query (filters) without re-rendering the page. */
export function replaceQuery(query: Record<string, string | undefined>): void {
  const { path } = currentPath();
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const s = q.toString();
  history.replaceState(null, '', `#${path}${s ? `?${s}` : ''}`);
}

/** Renders `page` instead of any route until called with null, which renders the current route. */
export function showInstead(page: Page | null, title = ''): void {
  instead = page && { title, page };
  if (outletEl) render(outletEl);
}

function render(outlet: HTMLElement): void {
  cleanup?.();
  cleanup = undefined;
  document.getElementById('toast')?.classList.remove('visible'); // a message belongs to its page
  const { path, query } = currentPath();
  const found = instead ? undefined : routes.find((r) => r.pattern.test(path));
  outlet.replaceChildren();
  document.querySelectorAll<HTMLAnchorElement>('[data-nav]').forEach((a) => {
    if (found && a.dataset.nav === found.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  if (instead) {
    document.title = `${instead.title} · seqcast`;
    cleanup = instead.page({ params: {}, query, outlet });
    return;
  }
  if (!found) {
    const h1 = document.createElement('h1');
    h1.textContent = 'Page not found';
    outlet.append(h1);
    document.title = 'Not found · seqcast';
    return;
  }
  const match = found.pattern.exec(path)!;
  const params = Object.fromEntries(found.keys.map((k, i) => [k, decodeURIComponent(match[i + 1])]));
  document.title = `${found.title} · seqcast`;
  cleanup = found.page({ params, query, outlet });
  // Keyboard and screen-reader users land on the new page's heading, not on the old link.
  const heading = outlet.querySelector<HTMLElement>('h1');
  if (heading && document.activeElement !== document.body && !outlet.contains(document.activeElement)) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

export function startRouter(outlet: HTMLElement): void {
  outletEl = outlet;
  window.addEventListener('hashchange', () => render(outlet));
  render(outlet);
}
