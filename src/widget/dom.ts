/**
 * A tiny element builder. Text always goes through text nodes and attributes through
 * setAttribute, so server text can never become markup; `style` attributes are never set
 * (a strict CSP would block them): all styling lives in the adopted stylesheet.
 */
export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

export function replaceChildren(el: Element, ...children: (Child | Child[])[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, ...children);
}

/** A link that opens in a new tab, saying so to screen-reader users. */
export function externalLink(href: string, text: Child | Child[], attrs: Attrs & { newTabText: string }): HTMLAnchorElement {
  const { newTabText, ...rest } = attrs;
  return h("a", { href, target: "_blank", rel: "noopener noreferrer", ...rest }, text, h("span", { class: "sr-only" }, ` ${newTabText}`));
}
