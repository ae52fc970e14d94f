// Small DOM builders. Text always goes in through textContent / Text nodes, never as HTML: result and server text
// (error messages, URLs, finding text) must not be able to inject markup.

export interface ElementProps {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  ...children: Array<Node | string | undefined>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) {
    if (child !== undefined) node.append(child);
  }
  return node;
}

export function button(label: string, onClick: () => void, className = 'secondary'): HTMLButtonElement {
  const b = el('button', { className, text: label, attrs: { type: 'button' } });
  b.addEventListener('click', onClick);
  return b;
}

/** Sets text only when it changed, so live updates do not disturb selection or screen readers needlessly. */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

export function setHidden(node: HTMLElement, hidden: boolean): void {
  if (node.hidden !== hidden) node.hidden = hidden;
}

/**
 * Text whose `backtick` spans (the findings' own wording, written for Markdown hovers too) become <code>. Built with
 * text nodes only: the text may come from the server (a process name, a path) and is never parsed as HTML.
 */
export function withInlineCode(text: string): Array<Node | string> {
  const parts = text.split('`');
  // An odd count of backticks leaves the last one unpaired: keep it as text.
  if (parts.length % 2 === 0) return [text];
  return parts.map((part, i) => (i % 2 === 1 ? el('code', { text: part }) : part)).filter((part) => part !== '');
}
