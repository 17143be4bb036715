/**
 * Highlight settings, kept in browser.storage.local so that every tab sees a change at once
 * (storage.onChanged) without waking the background. Parsing is tolerant: a damaged value falls back
 * to the default for that field only, so a bad write never switches the extension off for good.
 */
export const SETTINGS_KEY = 'backstory:settings';

export interface Settings {
  /** Highlights on every site unless switched off here. */
  enabled: boolean;
  /** Hostnames where the user switched highlights off. */
  disabledSites: string[];
}

export const DEFAULT_SETTINGS: Settings = { enabled: true, disabledSites: [] };

export function parseSettings(raw: unknown): Settings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof Settings, unknown>>;
  return {
    enabled: typeof value.enabled === 'boolean' ? value.enabled : DEFAULT_SETTINGS.enabled,
    disabledSites: Array.isArray(value.disabledSites)
      ? value.disabledSites.filter((s): s is string => typeof s === 'string')
      : DEFAULT_SETTINGS.disabledSites,
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
