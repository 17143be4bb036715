import { classifySender, createBackgroundClient, createTabClient, type SenderKind } from '@/lib/messages/protocol';

/** The typed request function every extension page and content script uses to ask the background. */
export const request = /* @__PURE__ */ createBackgroundClient((envelope) => browser.runtime.sendMessage(envelope));

/** The typed request function the background and extension pages use to ask a tab's content script (top frame). */
export const requestTab = /* @__PURE__ */ createTabClient((tabId, envelope) => browser.tabs.sendMessage(tabId, envelope, { frameId: 0 }));

/** Who sent a message this context received, as the browser vouches for it (lib/messages/protocol.ts). */
export function senderKind(sender: Browser.runtime.MessageSender): SenderKind {
  return classifySender(sender, { id: browser.runtime.id, origin: browser.runtime.getURL('/') });
}
