/**
 * "Follow this name": makes a selected name one of the reader's own actors, highlighted like a pack's.
 * Presentational, like NoteForm: the content script mounts it and sends the request.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ActorKind } from '@/lib/pack/schema';
import { splitSpellings } from '@/lib/notes/form';
import { t } from '../i18n';
import { FormDialog } from './FormDialog';

export interface FollowFormProps {
  /** The selected text, prefilled and editable. */
  name: string;
  onSave(request: { name: string; kind: ActorKind; spellings: string[] }): void | Promise<void>;
  onCancel(): void;
  error?: string;
}

const ID = 'backstory-follow';
const KINDS = [
  ['person', 'followKindPerson'],
  ['organization', 'followKindOrganization'],
] as const;

export function FollowForm({ name: initialName, onSave, onCancel, error }: FollowFormProps) {
  const [name, setName] = useState(initialName.trim());
  const [kind, setKind] = useState<ActorKind>('person');
  const [spellings, setSpellings] = useState('');
  const [missing, setMissing] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => nameInput.current?.focus(), []);

  const save = () => {
    const trimmed = name.trim();
    setMissing(trimmed === '');
    if (trimmed === '') {
      nameInput.current?.focus();
      return;
    }
    return onSave({ name: trimmed, kind, spellings: splitSpellings(spellings) });
  };

  return (
    <FormDialog id={ID} heading={t('followHeading')} onSave={save} onCancel={onCancel} error={error}>
      <div class="form-field">
        <label class="form-label" for={`${ID}-name`}>
          {t('followName')}
        </label>
        <input
          ref={nameInput}
          id={`${ID}-name`}
          type="text"
          required
          aria-invalid={missing}
          aria-describedby={missing ? `${ID}-name-error` : undefined}
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        {missing && (
          <p id={`${ID}-name-error`} class="field-error">
            {t('followNameRequired')}
          </p>
        )}
      </div>

      <fieldset class="form-field form-kind">
        <legend class="form-label">{t('followKind')}</legend>
        {KINDS.map(([value, label]) => (
          <label key={value} class="form-radio">
            <input type="radio" name={`${ID}-kind`} value={value} checked={kind === value} onChange={() => setKind(value)} />
            {t(label)}
          </label>
        ))}
      </fieldset>

      <div class="form-field">
        <label class="form-label" for={`${ID}-spellings`}>
          {t('followSpellings')}
        </label>
        <textarea id={`${ID}-spellings`} rows={3} spellcheck={false} value={spellings} onInput={(event) => setSpellings(event.currentTarget.value)} />
      </div>
    </FormDialog>
  );
}
