/**
 * The highlight rules for the reader's choices (style, colour per kind), as CSS text for a constructed
 * stylesheet: the content script adopts it in the document and in open shadow roots, so changing a
 * setting restyles every page at once without adding a node or an attribute to any of them.
 *
 * Each colour is a translucent tint (the page's own text colour shows through, on light and dark
 * pages alike) and an opaque underline whose contrast with both white and near-black backgrounds is
 * at least 3:1, the WCAG level for non-text marks; `contrastRatio` below is how that is tested.
 */
import type { HighlightColour, Settings } from '../settings';

const COLOURS: Record<HighlightColour, { tint: [number, number, number]; line: string }> = {
  amber: { tint: [242, 193, 78], line: '#b07800' },
  blue: { tint: [120, 170, 240], line: '#2f6fd0' },
  green: { tint: [110, 200, 140], line: '#23895a' },
  rose: { tint: [245, 140, 170], line: '#c23b6a' },
  violet: { tint: [180, 150, 240], line: '#7c4fd6' },
};

export const colourLine = (colour: HighlightColour) => COLOURS[colour].line;
export const colourTint = (colour: HighlightColour, alpha = 0.42) => `rgba(${COLOURS[colour].tint.join(', ')}, ${alpha})`;

/**
 * The reader's own notes: a teal wash and a dotted underline, unlike any actor colour the reader can
 * choose (solid lines), so a noted passage never reads as a name. The line is #0b7a6a: 5.2:1 on white.
 */
export const NOTE_LINE = '#0b7a6a';
const NOTE_RULE = `::highlight(backstory-note) { background-color: rgba(80, 200, 180, 0.22); text-decoration: underline dotted 2px ${NOTE_LINE}; text-underline-offset: 4px; }`;

export function highlightCss(settings: Pick<Settings, 'style' | 'colours'>): string {
  const rule = (kind: 'person' | 'organization') => {
    const colour = settings.colours[kind];
    const background = settings.style === 'background' ? `background-color: ${colourTint(colour)};` : 'background-color: transparent;';
    const thickness = settings.style === 'background' ? '1.5px' : '2.5px';
    return `::highlight(backstory-${kind}) { ${background} text-decoration: underline ${thickness} ${colourLine(colour)}; text-underline-offset: 3px; }`;
  };
  return `${rule('person')}\n${rule('organization')}\n${NOTE_RULE}\n::highlight(backstory-focus) { background-color: rgba(255, 140, 40, 0.5); text-decoration: underline 3px rgba(190, 80, 0, 0.95); text-underline-offset: 3px; }`;
}

/** WCAG contrast ratio between two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
