/**
 * A home for Backstory's UI on a news page: a plain <div> on <html> with a closed shadow root holding
 * its own styles. A <div>, not a custom element: a page may define any custom-element name first and
 * run its own code in our host; it cannot redefine <div>. The page's CSS cannot reach inside, ours
 * cannot leak out, `.card-root { all: initial }` stops inheritance, and the host's own inline
 * !important styles beat the page's rules. Used by the hover card and by the note forms.
 */
export function createShadowHost(css: string, markOwn: (host: Element) => void): { host: HTMLElement; mountPoint: HTMLElement } {
  const host = document.createElement('div');
  markOwn(host);
  setStyles(host, { position: 'fixed', 'z-index': '2147483647', margin: '0', padding: '0', border: '0', transform: 'none' });
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  const mountPoint = document.createElement('div');
  mountPoint.className = 'card-root';
  shadow.append(style, mountPoint);
  // On <html>, not <body>: body styles and body-replacing SPA navigations leave it alone.
  document.documentElement.append(host);
  return { host, mountPoint };
}

/** Inline and !important: the only declarations on our host that a page's own !important rules cannot beat. */
export function setStyles(element: HTMLElement, styles: Record<string, string>) {
  for (const [property, value] of Object.entries(styles)) element.style.setProperty(property, value, 'important');
}
