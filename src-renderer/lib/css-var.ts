/**
 * Svelte attachment that sets a CSS custom property through the CSSOM. The window's CSP
 * (`style-src 'self'`) refuses inline style attributes, but property writes from script are allowed,
 * and the stylesheet turns the variable into a size.
 */
export const cssVar = (name: string, value: () => string) => (element: HTMLElement) => {
  element.style.setProperty(name, value());
};
