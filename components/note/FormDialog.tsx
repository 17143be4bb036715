/**
 * The frame both forms share: a labelled dialog with Save and Cancel, the keyboard rules of
 * lib/notes/form.ts (Enter saves, Ctrl/Cmd+Enter in the note, Escape cancels) and a focus trap.
 *
 * It is mounted in a closed shadow root on an arbitrary page, so two things a form elsewhere would not
 * need: Tab wraps at both ends (otherwise focus walks off into the page, behind the dialog), and keys
 * stop at the dialog, because the page only sees our shadow host as their target: a site's own
 * shortcuts ("s" for search, Space to scroll a gallery) would otherwise fire while the reader types.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { dialogKeyAction, fieldKindOf, wrapFocus } from '@/lib/notes/form';
import { t } from '../i18n';

export interface FormDialogProps {
  /** Distinguishes the ids of two dialogs on one page (the ids live in the same shadow root). */
  id: string;
  heading: string;
  /** Saves if the fields allow it; the dialog shows "Saving…" until the promise settles. */
  onSave(): Promise<void> | void;
  onCancel(): void;
  /** Why the last save failed (from the caller, or the rejected promise). */
  error?: string;
  children: ComponentChildren;
}

/** What Tab can reach. Radio groups take part through their checked radio only, as the browser does. */
const TABBABLE = 'button, input:not([type="hidden"]):not([type="radio"]), input[type="radio"]:checked, select, textarea, [tabindex]:not([tabindex="-1"])';

function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => !(el as HTMLInputElement).disabled && el.getClientRects().length > 0);
}

export function FormDialog({ id, heading, onSave, onCancel, error, children }: FormDialogProps) {
  const root = useRef<HTMLElement>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();

  const save = async () => {
    if (saving) return;
    setFailure(undefined);
    setSaving(true);
    try {
      await onSave();
    } catch (problem) {
      setFailure(t('noteSaveFailed', problem instanceof Error ? problem.message : String(problem)));
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Tab' && root.current) {
      const list = tabbables(root.current);
      const next = wrapFocus(list.indexOf(event.target as HTMLElement), list.length, event.shiftKey);
      if (next !== undefined) {
        event.preventDefault();
        list[next]?.focus();
      }
      return;
    }
    // keyCode 229: Safari's sign of a key that belongs to an input method's composition.
    const action = dialogKeyAction({ ...pick(event), isComposing: event.isComposing || event.keyCode === 229 }, fieldKindOf(event.target as HTMLInputElement | null));
    if (!action) return;
    event.preventDefault();
    if (action === 'cancel') onCancel();
    else void save();
  };

  const shownError = error ?? failure;
  return (
    <section
      ref={root}
      class="card note-form"
      role="dialog"
      aria-labelledby={`${id}-heading`}
      onKeyDown={onKeyDown}
      onKeyUp={stop}
      onKeyPress={stop}
    >
      <h2 id={`${id}-heading`} class="card-name">
        {heading}
      </h2>
      {/* noValidate: our own inline messages instead of the browser's bubbles, which sit oddly over a page. */}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {children}
        {shownError && (
          <p class="form-error" role="alert">
            {shownError}
          </p>
        )}
        <p class="form-keys">{t('noteKeys')}</p>
        <div class="form-actions">
          <button type="button" class="button" onClick={onCancel}>
            {t('noteCancel')}
          </button>
          {/* aria-disabled, not disabled: a disabled button drops the focus it holds into the page. */}
          <button type="submit" class="button button-primary" aria-disabled={saving}>
            {saving ? t('noteSaving') : t('noteSave')}
          </button>
        </div>
      </form>
    </section>
  );
}

const stop = (event: Event) => event.stopPropagation();

const pick = ({ key, ctrlKey, metaKey, altKey, shiftKey }: KeyboardEvent) => ({ key, ctrlKey, metaKey, altKey, shiftKey });
