/**
 * The toolbar popup: highlights on or off for this site, what the page names, the way into the
 * timeline (a click here is a user action in an extension page, so both browsers let it open the side
 * panel / sidebar), and the options.
 */
import { useEffect, useState } from 'preact/hooks';
import { firefoxSidebar } from '@/components/firefox-sidebar';
import { t } from '@/components/i18n';
import { request } from '@/components/request';
import type { PageReport } from '@/lib/messages/protocol';
import { highlightsWanted, parseSettings, SETTINGS_KEY, siteKey, withSite, type Settings } from '@/lib/settings';

export function Popup() {
  const [tab, setTab] = useState<{ id?: number; windowId?: number }>();
  const [page, setPage] = useState<PageReport | null>(null);
  const [settings, setSettings] = useState<Settings>();

  useEffect(() => {
    void (async () => {
      // `?tab=` shows the popup for a given tab: how the E2E opens it as a page (the active tab is then the popup itself).
      const asked = Number(new URLSearchParams(location.search).get('tab'));
      const active = asked > 0 ? await browser.tabs.get(asked) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      setTab({ ...(active?.id !== undefined && { id: active.id }), ...(active?.windowId !== undefined && { windowId: active.windowId }) });
      if (active?.id !== undefined) setPage(await request('page:get', { tabId: active.id }).catch(() => null));
      setSettings(parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]));
    })();
  }, []);

  const host = page ? safeHost(page.url) : undefined;
  const on = settings && host ? highlightsWanted(settings, host) : false;
  const mentions = page?.actors.reduce((sum, a) => sum + a.count, 0) ?? 0;

  const toggleSite = async () => {
    if (!settings || !host) return;
    const next = withSite(settings, host, !on);
    setSettings(next);
    await browser.storage.local.set({ [SETTINGS_KEY]: next });
  };

  // No await before the open call: the click's user gesture must still be current.
  const openTimeline = () => {
    const opening = import.meta.env.FIREFOX
      ? firefoxSidebar().open()
      : browser.sidePanel.open(tab?.windowId !== undefined ? { windowId: tab.windowId } : { tabId: tab?.id ?? -1 });
    void opening.then(() => window.close(), () => undefined);
  };

  return (
    <main class="popup">
      <h1>{t('extName')}</h1>
      {host ? (
        <>
          <label class="switch">
            <input type="checkbox" role="switch" checked={on} disabled={!settings?.enabled} onChange={() => void toggleSite()} />
            <span>{t('popupSite', siteKey(host))}</span>
          </label>
          {!settings?.enabled && <p class="note">{t('popupGloballyOff')}</p>}
          <p class="popup-count" role="status">
            {on ? t('popupMentions', String(mentions), String(page?.actors.length ?? 0)) : t('popupOff')}
          </p>
        </>
      ) : (
        <p class="note">{t('popupNoPage')}</p>
      )}
      <button type="button" class="primary" onClick={openTimeline}>
        {t('popupOpenTimeline')}
      </button>
      <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage().then(() => window.close())}>
        {t('popupOptions')}
      </button>
    </main>
  );
}

function safeHost(url: string): string | undefined {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? hostname : undefined;
  } catch {
    return undefined;
  }
}
