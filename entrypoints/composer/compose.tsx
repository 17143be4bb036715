/**
 * "Add to Backstory" and "Follow this name" on the page: the context menu and the keyboard command ask
 * the background (`compose:open`), which asks this script for a form over the current selection
 * (tab message `note:compose`). The form opens beside
 * the selection in a closed shadow root like the card's; Enter saves, Escape cancels, and focus and the
 * selection go back where they were. A saved note or name reaches every open tab through the background
 * (storage signal), this one included: nothing is painted here directly.
 */
import { render } from 'preact';
import { request } from '@/components/request';
import { uiLanguage, uiLocale } from '@/components/i18n';
import { FollowForm } from '@/components/note/FollowForm';
import { NoteForm } from '@/components/note/NoteForm';
import { describeQuote } from '@/lib/anchor/selectors';
import type { ActorSuggestion } from '@/lib/store/reader';
import { placeBeside } from '@/lib/ui/placement';
import cardCss from '@/components/card/card.css?inline';
import formCss from '@/components/note/form.css?inline';
import { createShadowHost, setStyles } from '@/components/shadow-host';
import { offsetOf, readDomText } from '../content/page-text';

/** A selection this short that names nobody known is offered as a name to follow. */
const FOLLOWABLE = { chars: 80, words: 6 };

export interface ComposeOptions {
  /** The page's publication day, when it says: the note's date starts there. */
  published(): string | undefined;
  canonical(): string | undefined;
}

export function createComposer(options: ComposeOptions) {
  const lang = uiLanguage();
  let mounted: { host: HTMLElement; mountPoint: HTMLElement } | undefined;
  let returnFocusTo: Element | null = null;
  let savedSelection: Range | undefined;

  function close() {
    if (!mounted) return;
    render(null, mounted.mountPoint);
    mounted.host.remove();
    mounted = undefined;
    // Back to where the reader was: the focused element, and the selection they made.
    if (returnFocusTo instanceof HTMLElement && returnFocusTo.isConnected && returnFocusTo !== document.body) returnFocusTo.focus();
    else (document.activeElement as HTMLElement | null)?.blur?.();
    if (savedSelection) {
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(savedSelection);
    }
    returnFocusTo = null;
    savedSelection = undefined;
  }

  /** Opens a form in the page beside `anchor`; the form takes focus itself. */
  function open(anchor: DOMRect, content: preact.ComponentChild) {
    // No own-UI mark: that set lives in the content script's bundle, and the host sits on <html>, outside
    // the <body> the scan, the live updates and the note anchors read.
    if (!mounted) mounted = createShadowHost(`${cardCss}\n${formCss}`, () => undefined);
    const { host, mountPoint } = mounted;
    setStyles(host, { visibility: 'hidden', display: 'block', left: '0px', top: '0px', 'max-height': 'none' });
    render(content, mountPoint);
    const size = host.getBoundingClientRect();
    const viewport = { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight };
    const placement = placeBeside(anchor, { width: size.width, height: size.height }, viewport);
    setStyles(host, { left: `${placement.left}px`, top: `${placement.top}px`, 'max-height': `${placement.maxHeight}px`, visibility: 'visible', 'pointer-events': 'auto' });
    const focusable = mountPoint.querySelector<HTMLElement>('[autofocus], input, textarea, button');
    focusable?.focus();
  }

  // A failed save stays in the form, which says why (components/note/FormDialog.tsx): nothing typed is lost.
  function openFollow(name: string, anchor: DOMRect) {
    open(
      anchor,
      <FollowForm
        name={name}
        onCancel={close}
        onSave={async (follow) => {
          await request('actor:follow', follow);
          close();
        }}
      />,
    );
  }

  async function compose(mode: 'note' | 'follow'): Promise<{ opened: boolean; reason?: 'no-selection' }> {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return { opened: false, reason: 'no-selection' };
    const range = selection.getRangeAt(0).cloneRange();
    const selected = range.toString().replace(/\s+/g, ' ').trim();
    // A selection inside our own form is not the page's text (a closed shadow root shows the page only its host).
    if (!selected || mounted?.host.contains(range.commonAncestorContainer)) return { opened: false, reason: 'no-selection' };
    close();
    returnFocusTo = document.activeElement;
    savedSelection = range;
    const anchor = [...range.getClientRects()].at(-1) ?? range.getBoundingClientRect();

    if (mode === 'follow') {
      openFollow(selected.slice(0, 200), anchor);
      return { opened: true };
    }

    const dom = await readDomText(document.body);
    const start = offsetOf(dom, range.startContainer, range.startOffset, 'start');
    const end = offsetOf(dom, range.endContainer, range.endOffset, 'end');
    const selectors = start !== undefined && end !== undefined ? describeQuote(dom.text, start, end) : undefined;
    if (!selectors) return { opened: false, reason: 'no-selection' };

    // The names inside the selection first, then the page's most named, a few in all (the background knows both).
    const prefill = await request('note:prefill', { text: selectors.quote.exact, lang }).catch(() => ({ named: 0, actors: [] as ActorSuggestion[] }));
    const words = selected.split(' ').length;
    const followable = prefill.named === 0 && selected.length <= FOLLOWABLE.chars && words <= FOLLOWABLE.words;
    const published = options.published();
    const canonical = options.canonical();

    open(
        anchor,
        <NoteForm
          quote={selectors.quote.exact}
          locale={uiLocale()}
          initial={{ title: '', body: '', certainty: 'reported', actors: prefill.actors, ...(published && { date: published }) }}
          searchActors={(query) => request('actors:search', { query, lang, limit: 8 }).catch(() => [])}
          onCancel={close}
          {...(followable && { onFollow: () => openFollow(selected, anchor) })}
          onSave={async (draft) => {
              await request('note:save', {
                note: {
                  title: draft.title,
                  body: draft.body,
                  ...(draft.date && { date: draft.date }),
                  certainty: draft.certainty,
                  actorIds: draft.actors.map((a) => a.key),
                  target: {
                    source: location.href,
                    ...(canonical && canonical !== location.href && { canonical }),
                    pageTitle: document.title.slice(0, 600),
                    quote: selectors.quote,
                    position: selectors.position,
                  },
                },
              });
              close();
          }}
        />,
      );
    return { opened: true };
  }

  return { compose, close, dispose: close };
}
