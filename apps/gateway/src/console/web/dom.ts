// Tiny DOM helpers: elements from tag, attributes and children, so panels build their markup without a framework.

type Child = Node | string | number | null | undefined | false;

/** An element `tag` with `attrs` (class, data-*, title, …; `on*` functions become listeners) and `children`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string | number | boolean | ((event: Event) => void)>> = {},
  ...children: readonly Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** A table with a header row and one row per entry. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly Child[])[],
): HTMLTableElement {
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...headers.map((title) => h('th', {}, title)))),
    h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell) => h('td', {}, cell))))),
  );
}

/** A status word styled by its value (ok, stale, unavailable, closed, open, firing, …). */
export function badge(text: string): HTMLSpanElement {
  return h('span', { class: `badge badge-${text.replace(/[^a-z-]/g, '-')}` }, text);
}

/** Local time of an ISO instant, or '—' when unset. */
export function timeOf(iso: string | null | undefined): string {
  return iso === null || iso === undefined ? '—' : new Date(iso).toLocaleTimeString();
}
