/**
 * "Add to Backstory" and "Follow this name" on the page: the context menu and the keyboard command
 * ask for a form over the current selection (tab message `note:compose`). The form opens beside the
 * selection in a closed shadow root like the card's; Enter saves, Escape cancels, and focus and the
 * selection go back where they were. A saved note or name reaches every open tab through the
 * background (storage signal), this one included: nothing is painted here directly.
 */
import { render } from 'preact';
import { request } from '@/components/request';
import { uiLanguage, uiLocale } from '@/components/i18n';
import { FollowForm } from '@/components/note/FollowForm';
import { NoteForm } from '@/components/note/NoteForm';
import { describeQuote } from '@/lib/anchor/selectors';
import type { ActorKey } from '@/lib/pack/keys';
import type { ActorSuggestion } from '@/lib/store/reader';
import { placeBeside } from '@/lib/ui/placement';
import { createShadowHost, setStyles } from './card-host';
import type { PageMentions } from './mentions';
import { offsetOf, readDomText } from './page-text';
import { isOwnUi } from './text-walk';

/** How many actors a new note starts with at most: the selection's, then the page's most named. */
const PREFILLED_ACTORS = 3;
/** A selection this short that names nobody known is offered as a name to follow. */
const FOLLOWABLE = { chars: 80, words: 6 };

export interface ComposeOptions {
  mentions(): PageMentions | undefined;
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
    if (!mounted) mounted = createShadowHost();
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
    // A selection inside our own form or card (a closed shadow root shows the page only its host) is not the page's text.
    const element = range.commonAncestorContainer.nodeType === 1 ? (range.commonAncestorContainer as Element) : range.commonAncestorContainer.parentElement;
    if (!selected || (element && isOwnUi(element))) return { opened: false, reason: 'no-selection' };
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

    // The names inside the selection first, then the page's most named, a few in all.
    const mentions = options.mentions()?.visibleMentions() ?? [];
    const inside = mentions.filter((m) => {
      const at = offsetOf(dom, m.range.startContainer, m.range.startOffset, 'start');
      return at !== undefined && at >= start! && at < end!;
    });
    const counts = new Map<ActorKey, number>();
    for (const m of mentions) counts.set(m.actor, (counts.get(m.actor) ?? 0) + 1);
    const keys = [...new Set([...inside.map((m) => m.actor), ...[...counts].sort((a, b) => b[1] - a[1]).map(([actor]) => actor)])].slice(0, PREFILLED_ACTORS);
    const prefilled = inside.length > 0 || keys.length > 0 ? await request('actors:describe', { keys, lang }).catch(() => [] as ActorSuggestion[]) : [];
    const words = selected.split(' ').length;
    const followable = inside.length === 0 && selected.length <= FOLLOWABLE.chars && words <= FOLLOWABLE.words;
    const published = options.published();
    const canonical = options.canonical();

    open(
        anchor,
        <NoteForm
          quote={selectors.quote.exact}
          locale={uiLocale()}
          initial={{ title: '', body: '', certainty: 'reported', actors: prefilled, ...(published && { date: published }) }}
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
