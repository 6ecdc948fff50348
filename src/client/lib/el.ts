type Attrs = Record<string, string | boolean | undefined>;

/**
 * Builds an element. We create nodes rather than assign `innerHTML`, so texts need no escaping
 * and pages that enforce Trusted Types still accept the banner. `true` sets an empty boolean
 * attribute; `false` and `undefined` leave it out.
 */
export function el(tag: string, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) node.setAttribute(name, '');
    else if (value !== false && value !== undefined) node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}
