/**
 * The toolbar popup: highlights on or off for this site, what the page names, the way into the
 * timeline (a click here is a user action in an extension page, so both browsers let it open the side
 * panel / sidebar), and the options.
 */
import { useEffect, useState } from 'preact/hooks';
import { firefoxSidebar } from '@/components/firefox-sidebar';
import { t } from '@/components/i18n';
import { request, requestTab } from '@/components/request';
import { readSettings, updateSettings, watchItem, watchSettings } from '@/components/storage';
import type { PageReport } from '@/lib/messages/protocol';
import { highlightsWanted, siteKey, withSite, type Settings } from '@/lib/settings';
import { pageReportItem } from '@/lib/storage-map';

export function Popup() {
  const [tab, setTab] = useState<{ id?: number; windowId?: number }>();
  /** The site in the tab, as its content script says: none on browser pages, new tabs, or files. */
  const [host, setHost] = useState<string>();
  const [page, setPage] = useState<PageReport | null>(null);
  const [settings, setSettings] = useState<Settings>();

  useEffect(() => {
    const stops: (() => void)[] = [watchSettings(setSettings)];
    void (async () => {
      // `?tab=` shows the popup for a given tab: how the E2E opens it as a page (the active tab is then the popup itself).
      const asked = Number(new URLSearchParams(location.search).get('tab'));
      const active = asked > 0 ? await browser.tabs.get(asked) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      setTab({ ...(active?.id !== undefined && { id: active.id }), ...(active?.windowId !== undefined && { windowId: active.windowId }) });
      setSettings(await readSettings());
      if (active?.id === undefined) return;
      // Asked of the tab itself, never taken from a page report: a report can describe the page before.
      const site = await requestTab(active.id, 'page:site', {}).catch(() => undefined);
      if (!site) return;
      setHost(site.host);
      const refresh = async () => {
        const report = await request('page:get', { tabId: active.id }).catch(() => null);
        setPage(report && hostOf(report.url) === site.host ? report : null);
      };
      await refresh();
      stops.push(watchItem(pageReportItem(active.id), () => void refresh()));
    })();
    return () => stops.forEach((stop) => stop());
  }, []);

  const on = settings && host ? highlightsWanted(settings, host) : false;
  const mentions = page?.actors.reduce((sum, a) => sum + a.count, 0) ?? 0;

  const toggleSite = async () => {
    if (!settings || !host) return;
    // On the settings as stored now: the options page may have changed them since this popup opened.
    setSettings(await updateSettings((current) => withSite(current, host, !on)));
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
            {!on ? t('popupOff') : page ? t('popupMentions', String(mentions), String(page.actors.length)) : t('popupScanning')}
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

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
