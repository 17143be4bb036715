import { createClient } from '@/lib/messages/protocol';

/** The typed request function every extension page and content script uses to ask the background. */
export const request = createClient((envelope) => browser.runtime.sendMessage(envelope));
