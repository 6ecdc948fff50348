type Attrs = Record<string, string | boolean>;

/**
 * Builds an element. We create nodes rather than assign `innerHTML`, so texts need no escaping
 * and pages that enforce Trusted Types still accept the banner. `true` sets an empty boolean
 * attribute; `false` leaves it out.
 */
export function el(tag: string, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== false) node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children);
  return node;
}
