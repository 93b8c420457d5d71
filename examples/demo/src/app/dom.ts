type Child = Node | string | null | undefined | false;

/** A tiny element builder: text goes in as text nodes, never as markup. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

/** Pretty JSON in a <pre>, as text. */
export function json(value: unknown, testId?: string): HTMLPreElement {
  return h('pre', { class: 'json', 'data-testid': testId }, JSON.stringify(value, null, 2) ?? 'undefined');
}
