/**
 * Highlight settings, kept in browser.storage.local so that every tab sees a change at once
 * (storage.onChanged) without waking the background. Parsing is tolerant: a damaged value falls back
 * to the default for that field only, so a bad write never switches the extension off for good.
 */
export type HighlightStyle = 'background' | 'underline';
export type ActorKindName = 'person' | 'organization';
export type LanguageChoice = 'auto' | 'en' | 'it';

/** Highlight colours the reader can pick from, each checked for contrast in lib/ui/highlight-style.ts. */
export const HIGHLIGHT_COLOURS = ['amber', 'blue', 'green', 'rose', 'violet'] as const;
export type HighlightColour = (typeof HIGHLIGHT_COLOURS)[number];

export interface Settings {
  /** Highlights on every site unless switched off here. */
  enabled: boolean;
  /** Hostnames where the user switched highlights off. */
  disabledSites: string[];
  /** A tinted background with an underline, or the underline alone (quieter on busy pages). */
  style: HighlightStyle;
  /** Which kinds of actor are highlighted. */
  kinds: Record<ActorKindName, boolean>;
  colours: Record<ActorKindName, HighlightColour>;
  /** How long the pointer rests on a name before its card opens. */
  dwellMs: number;
  /** The language of Backstory's own text and of pack texts; "auto" follows the browser. */
  language: LanguageChoice;
}

export const DWELL_RANGE = { min: 50, max: 1500 } as const;

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  disabledSites: [],
  style: 'background',
  kinds: { person: true, organization: true },
  colours: { person: 'amber', organization: 'blue' },
  dwellMs: 150,
  language: 'auto',
};

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

export function parseSettings(raw: unknown): Settings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof Settings, unknown>>;
  const kinds = (value.kinds && typeof value.kinds === 'object' ? value.kinds : {}) as Record<string, unknown>;
  const colours = (value.colours && typeof value.colours === 'object' ? value.colours : {}) as Record<string, unknown>;
  const dwell = typeof value.dwellMs === 'number' && Number.isFinite(value.dwellMs) ? Math.round(value.dwellMs) : DEFAULT_SETTINGS.dwellMs;
  return {
    enabled: typeof value.enabled === 'boolean' ? value.enabled : DEFAULT_SETTINGS.enabled,
    disabledSites: Array.isArray(value.disabledSites)
      ? value.disabledSites.filter((s): s is string => typeof s === 'string')
      : DEFAULT_SETTINGS.disabledSites,
    style: oneOf(value.style, ['background', 'underline'], DEFAULT_SETTINGS.style),
    kinds: {
      person: typeof kinds.person === 'boolean' ? kinds.person : true,
      organization: typeof kinds.organization === 'boolean' ? kinds.organization : true,
    },
    colours: {
      person: oneOf(colours.person, HIGHLIGHT_COLOURS, DEFAULT_SETTINGS.colours.person),
      organization: oneOf(colours.organization, HIGHLIGHT_COLOURS, DEFAULT_SETTINGS.colours.organization),
    },
    dwellMs: Math.min(DWELL_RANGE.max, Math.max(DWELL_RANGE.min, dwell)),
    language: oneOf(value.language, ['auto', 'en', 'it'], DEFAULT_SETTINGS.language),
  };
}

/** Sites are compared without a leading "www.", so switching off www.example.com covers example.com. */
export function siteKey(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, '');
}

export function highlightsWanted(settings: Settings, hostname: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(siteKey(hostname));
}

export function withSite(settings: Settings, hostname: string, enabled: boolean): Settings {
  const site = siteKey(hostname);
  const others = settings.disabledSites.filter((s) => s !== site);
  return { ...settings, disabledSites: enabled ? others : [...others, site] };
}
