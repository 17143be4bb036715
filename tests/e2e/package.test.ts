/**
 * The built packages themselves: Mozilla's linter on the Firefox build, and the promises the manifest
 * makes (no permission it does not use, host access exactly the pages the content script reads, no remote
 * code, localized name, a fixed Gecko id).
 */
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CHROME_BUILD, FIREFOX_BUILD, GECKO_ID } from '../../scripts/browsers';

const run = promisify(execFile);
const manifestOf = (dir: string) => JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8'));

describe('built packages', () => {
  it('web-ext lint finds no error in the Firefox build, and only the warnings docs/browser-quirks.md explains', async () => {
    const { stdout } = await run('npx', ['web-ext', 'lint', '--source-dir', FIREFOX_BUILD, '--output', 'json', '--no-config-discovery'], {
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout);
    expect(report.errors).toEqual([]);
    expect(report.summary.errors).toBe(0);
    // Each explained in docs/browser-quirks.md (#37, "web-ext lint"): Preact's innerHTML branch for
    // dangerouslySetInnerHTML, which Backstory never uses, in each bundle with Preact (the content script
    // has none: its cards are the card UI's), and zod's eval
    // probe, which jitless mode skips, where zod checks input (the background; the options page's notes
    // import; the options page's pack-import worker).
    const warnings = (report.warnings as { code: string; file: string }[]).map((w) => `${w.code} ${w.file.replace(/^((?:chunks|assets)\/.+?)-[\w-]+\.js$/, '$1.js')}`).sort();
    expect(warnings).toEqual([
      'DANGEROUS_EVAL assets/pack-import.worker.js',
      'DANGEROUS_EVAL background.js',
      'DANGEROUS_EVAL chunks/options.js',
      'UNSAFE_VAR_ASSIGNMENT card-ui.js',
      'UNSAFE_VAR_ASSIGNMENT chunks/jsxRuntime.module.js',
      'UNSAFE_VAR_ASSIGNMENT composer.js',
    ]);
  });

  it.each([CHROME_BUILD, FIREFOX_BUILD])('the content script stays within its 60 kB budget, the cards and the note forms outside it (%s)', (dir) => {
    // It is injected into every page the user opens: its size is paid on every page load.
    const bytes = statSync(`${dir}/content-scripts/content.js`).size;
    const onDemand = ['card-ui.js', 'composer.js'].map((file) => `${file} ${(statSync(`${dir}/${file}`).size / 1024).toFixed(1)} kB`);
    console.log(`content script: ${(bytes / 1024).toFixed(1)} kB minified; loaded on demand: ${onDemand.join(', ')}`);
    // decisions §21: why 60 kB, and what it holds.
    expect(bytes).toBeLessThanOrEqual(60 * 1024);
    const code = readFileSync(`${dir}/content-scripts/content.js`, 'utf8');
    expect(code).not.toMatch(/jitless|ZodError/);
    // The forms and the approximate search load only when asked for (the composer, the background);
    // the cards, their styles and Preact when a card is about to be needed (the card UI, decisions §32).
    expect(code).not.toMatch(/note-form|form-actions|approx|card-header|dangerouslySetInnerHTML/);
    expect(readFileSync(`${dir}/composer.js`, 'utf8')).toMatch(/note-form/);
    expect(readFileSync(`${dir}/card-ui.js`, 'utf8')).toMatch(/card-header/);
  });

  it.each([
    ['chrome', CHROME_BUILD, 3, ['contextMenus', 'scripting', 'sidePanel', 'storage']],
    ['firefox', FIREFOX_BUILD, 2, ['contextMenus', 'storage', 'http://*/*', 'https://*/*']],
  ])('%s manifest asks for nothing it does not use', (_name, dir, version, permissions) => {
    // Page access: the content script's http(s) matches, and the same hosts to load the note forms into
    // a tab on the reader's request (decisions §24); nothing beyond them.
    const manifest = manifestOf(dir);
    expect(manifest.manifest_version).toBe(version);
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.default_locale).toBe('en');
    expect(manifest.permissions ?? []).toEqual(permissions);
    // The side panel (Chrome) or sidebar (Firefox) is the timeline the hover card hands over to.
    if (version === 3) expect(manifest.side_panel).toEqual({ default_path: 'sidepanel.html' });
    else expect(manifest.sidebar_action).toMatchObject({ default_panel: 'sidepanel.html' });
    expect(Object.keys(manifest.commands)).toEqual(['toggle-highlights', 'next-mention', 'previous-mention', 'add-note']);
    expect(manifest.host_permissions ?? []).toEqual(version === 3 ? ['http://*/*', 'https://*/*'] : []);
    // Chrome warns about keys it does not know, so the Gecko id is in the Firefox build only.
    expect(manifest.browser_specific_settings?.gecko?.id).toBe(version === 2 ? GECKO_ID : undefined);
    // The first releases with what the extension uses (docs/browser-quirks.md, "Minimum versions").
    if (version === 3) expect(manifest.minimum_chrome_version).toBe('116');
    else expect(manifest.browser_specific_settings.gecko.strict_min_version).toBe('140.0');
    expect(manifest.content_scripts).toEqual([
      expect.objectContaining({ matches: ['http://*/*', 'https://*/*'], css: ['content-scripts/content.css'] }),
    ]);
    const { content_scripts: _pages, host_permissions: _hosts, permissions: _permissions, ...rest } = manifest;
    expect(JSON.stringify(rest)).not.toMatch(/unsafe-eval|https?:\/\//);
  });
});
