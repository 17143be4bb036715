/**
 * Where a tab's page report is kept: storage.session, so a restarted service worker still knows what
 * each open tab is about, and the side panel can follow the active tab with storage.onChanged.
 */
export const PAGE_REPORT_PREFIX = 'backstory:page:';
export const pageReportKey = (tabId: number) => `${PAGE_REPORT_PREFIX}${tabId}`;
