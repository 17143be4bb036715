import { createBackgroundClient, createTabClient } from '@/lib/messages/protocol';

/** The typed request function every extension page and content script uses to ask the background. */
export const request = /* @__PURE__ */ createBackgroundClient((envelope) => browser.runtime.sendMessage(envelope));

/** The typed request function the background and extension pages use to ask a tab's content script (top frame). */
export const requestTab = /* @__PURE__ */ createTabClient((tabId, envelope) => browser.tabs.sendMessage(tabId, envelope, { frameId: 0 }));
