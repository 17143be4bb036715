/** The options page's status line names the degraded state and each pack problem, in English and Italian. */
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it, vi } from 'vitest';
import english from '@/public/_locales/en/messages.json';
import italian from '@/public/_locales/it/messages.json';
import { formatCatalogueMessage, type Catalogue } from '@/lib/i18n/catalogue';
import type { StatusReply } from '@/lib/messages/protocol';
import { StoreState } from '@/entrypoints/options/OptionsPage';

function speak(catalogue: Catalogue) {
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue(catalogue === italian ? 'it' : 'en-US');
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, substitutions?: string | string[]) =>
    formatCatalogueMessage(catalogue, key, ([] as string[]).concat(substitutions ?? []))) as typeof browser.i18n.getMessage);
}

afterEach(() => {
  vi.restoreAllMocks();
});

const degraded: StatusReply = {
  store: 'degraded',
  packs: [],
  lastInstall: [
    { packId: 'us-russia-2025', version: '2.0.0', outcome: 'failed' },
    { packId: 'extra', version: '1.0.0', outcome: 'failed' },
  ],
  problems: [
    {
      packId: 'us-russia-2025',
      version: '2.0.0',
      kind: 'quota',
      message: 'storage full',
      detail: 'QuotaExceededError: The quota has been exceeded.',
      serving: '1.4.0',
      at: Date.UTC(2026, 0, 5, 9, 0),
      retryAt: Date.UTC(2026, 0, 5, 9, 0, 1),
      attempts: 1,
    },
    { packId: 'extra', version: '1.0.0', kind: 'invalid-pack', message: 'invalid', detail: 'events[0].date: no such day', at: 0, attempts: 1 },
  ],
};

describe('options status line', () => {
  it('shows the degraded state and each problem in English', () => {
    speak(english as Catalogue);
    const html = renderToString(<StoreState load={{ phase: 'loaded', status: degraded }} />);
    expect(html).toContain('data-store="degraded"');
    expect(html).toContain('role="alert"');
    expect(html).toContain('Backstory keeps using the data it already has');
    expect(html).toMatch(/data-problem-pack="us-russia-2025"[^>]*>There is not enough storage space to install the “us-russia-2025” pack 2\.0\.0\. Free some disk space\. Still using version 1\.4\.0\. Next try at [^<]+\.</);
    expect(html).toMatch(/data-problem-pack="extra"[^>]*>The “extra” pack 1\.0\.0 that came with this version of Backstory did not pass its checks \(events\[0\]\.date: no such day\)\. An update of Backstory should fix it\. Until it is installed, its names are not highlighted\.</);
  });

  it('shows the same in Italian', () => {
    speak(italian as Catalogue);
    const html = renderToString(<StoreState load={{ phase: 'loaded', status: degraded }} />);
    expect(html).toContain('Backstory continua a usare i dati che ha già');
    expect(html).toContain('Non c’è abbastanza spazio di archiviazione per installare il pacchetto «us-russia-2025» 2.0.0');
    expect(html).toContain('Per ora si usa la versione 1.4.0. Prossimo tentativo alle ');
    expect(html).toContain('Finché non sarà installato, i suoi nomi non vengono evidenziati.');
  });

  it('stays "ready" without problems', () => {
    speak(english as Catalogue);
    const html = renderToString(<StoreState load={{ phase: 'loaded', status: { store: 'ready', packs: [], lastInstall: [] } }} />);
    expect(html).toContain('data-store="ready"');
    expect(html).toContain('The database is ready.');
  });
});
