import { readFileSync } from 'node:fs';

/**
 * A demo page's text nodes, in document order, roughly as the content script collects them: the body's
 * text between tags, without script, style, noscript and template contents, entities decoded. A small
 * tag stripper is enough for these hand-written pages and keeps a DOM library out of the unit tests.
 */
export function demoPageChunks(file: string): string[] {
  return htmlChunks(readFileSync(new URL(`../../data/demo/${file}`, import.meta.url), 'utf8'));
}

/** The text nodes of any page's HTML, the same way. */
export function htmlChunks(html: string): string[] {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  const visible = body.replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, '').replace(/<!--[\s\S]*?-->/g, '');
  return visible
    .split(/<[^>]*>/)
    .filter((chunk) => chunk !== '')
    .map(decodeEntities);
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return NAMED[name.toLowerCase()] ?? entity;
  });
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** `text` with the first occurrence of `from` replaced; fails loudly when the edit would not apply. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1) throw new Error(`not in the text: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}
