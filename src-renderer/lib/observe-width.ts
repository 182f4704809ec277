/** Svelte attachment that reports the element's inner width in CSS pixels now and whenever it changes. */
export const observeWidth = (onWidth: (pixels: number) => void) => (element: HTMLElement) => {
  const observer = new ResizeObserver(() => onWidth(element.clientWidth));
  observer.observe(element);
  return () => observer.disconnect();
};
