/**
 * Firefox's sidebar API (`sidebarAction`), which WXT's Chrome-shaped `browser` types do not describe.
 * Only reached in Firefox builds (`import.meta.env.FIREFOX`).
 */
export interface SidebarAction {
  open(): Promise<void>;
  isOpen(details: { windowId?: number }): Promise<boolean>;
}

export const firefoxSidebar = (): SidebarAction => (browser as unknown as { sidebarAction: SidebarAction }).sidebarAction;
