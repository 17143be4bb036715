import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { BUILT_IN_PACK_FILES } from './data/builtin-pack-files';

/** Fixed so Firefox extension pages get a stable moz-extension:// UUID in tests and stored data survives reinstalls. */
export const GECKO_ID = 'backstory@backstory-extension.org';

/** The pages Backstory reads: its content script's matches, and where it may load the note forms. */
const PAGES = ['http://*/*', 'https://*/*'];

export default defineConfig({
  // The measured build (tests) and the bench build (100k-actor pack) go beside the production build,
  // never over it, in folders named like it: .output/measured/chrome-mv3 (see package.json).
  outDir: process.env.BACKSTORY_OUT_DIR ?? '.output',
  ...(process.env.BACKSTORY_OUT_DIR && { outDirTemplate: '{{browser}}-mv{{manifestVersion}}' }),
  // Chrome gets MV3 (service worker, side_panel); Firefox keeps WXT's MV2 default (background page, sidebar_action).
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    short_name: 'Backstory',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: the reader's settings (storage.local reaches every tab live) and, in storage.session, the
    // per-tab page reports, the timeline's focus and the panel's state (lib/storage-map.ts). sidePanel:
    // Chrome's side panel (Firefox's sidebar needs no permission). Page access comes from the content
    // script's matches; IndexedDB in the extension's own origin needs no permission. No "tabs": the popup
    // asks the tab's content script for its site instead of reading tab URLs. contextMenus: "Add to
    // Backstory" and "Follow this name" on a selection (Firefox knows it as an alias of "menus").
    // scripting (Chrome) and the http/https hosts: loading the note forms into a tab when the reader asks
    // for one (entrypoints/composer); the hosts are the pages the content script already runs on.
    permissions: browser === 'firefox' ? ['contextMenus', 'storage', ...PAGES] : ['contextMenus', 'scripting', 'sidePanel', 'storage'],
    ...(browser !== 'firefox' && { host_permissions: PAGES }),
    // Chrome allows four suggested shortcuts per extension.
    commands: {
      'toggle-highlights': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_commandToggleHighlights__',
      },
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+Period' },
        description: '__MSG_commandNextMention__',
      },
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+Comma' },
        description: '__MSG_commandPreviousMention__',
      },
      'add-note': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: '__MSG_commandAddNote__',
      },
    },
    // The first releases with everything the extension uses (docs/browser-quirks.md, "Minimum versions"):
    // Chrome 116 for sidePanel.open(), Firefox 140 for the CSS Custom Highlight API and data_collection_permissions.
    ...(browser !== 'firefox' && { minimum_chrome_version: '116' }),
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: GECKO_ID,
          strict_min_version: '140.0',
          // Backstory collects nothing; Firefox asks every new add-on to say so.
          data_collection_permissions: { required: ['none'] },
        },
        // Firefox for Android learnt data_collection_permissions in 142 (web-ext lint).
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
  hooks: {
    // The built-in packs travel as files of the extension, read by the background only when it installs
    // one (data/builtin-packs.ts). Not web-accessible: pages cannot fetch them.
    'build:publicAssets': (_wxt, files) => {
      for (const [source, dest] of Object.entries(BUILT_IN_PACK_FILES)) files.push({ absoluteSrc: resolve(import.meta.dirname, source), relativeDest: dest });
    },
  },
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022', sourcemap: process.env.BACKSTORY_SOURCEMAP === '1' },
  }),
  zip: {
    artifactTemplate: 'backstory-{{version}}-{{browser}}.zip',
    sourcesTemplate: 'backstory-{{version}}-sources.zip',
    excludeSources: ['demo-screenshots/**', 'test-results/**', '.ci/**'],
  },
});
