// A small modal asking the operator why they are acting (the reason is recorded with the action).
// The reason is checked with the contract's own schema, so the rule lives in one place. A native
// modal <dialog>: focus stays inside, Esc cancels, focus returns to the opener (useModalDialog).
import { useId, useRef, useState, type FormEvent } from 'react';
import { channels } from '../../../shared/ipc/contract';
import { errorMessage } from '../api/api-error';
import { useModalDialog } from './useModalDialog';

const reasonSchema = channels['breakers:reset'].request.shape.reason;

export function ReasonDialog({
  title,
  description,
  confirmLabel,
  danger,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  title: string;
  description: string;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  const hintId = useId();
  const check = reasonSchema.safeParse(reason);
  const problem = check.success ? null : (check.error.issues[0]?.message ?? 'invalid reason');

  const dialog = useModalDialog({ initialFocus: inputRef, canCancel: !pending, onCancel });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (check.success && !pending) onConfirm(check.data);
  };

  return (
    <dialog
      ref={dialog.ref}
      className="modal-dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      onKeyDown={dialog.onKeyDown}
      onCancel={dialog.onCancel}
      onClose={dialog.onClose}
      // A press on the backdrop (outside the form) cancels.
      onMouseDown={(e) => e.target === e.currentTarget && !pending && onCancel()}
    >
      <form className="modal" onSubmit={submit}>
        <h3 id={titleId} className="modal__title">
          {title}
        </h3>
        <p className="muted">{description}</p>
        <label className="field">
          <span className="field__label">Reason (recorded with the action)</span>
          <textarea
            ref={inputRef}
            rows={3}
            value={reason}
            maxLength={500}
            aria-describedby={hintId}
            aria-invalid={touched && problem !== null}
            onChange={(e) => setReason(e.target.value)}
            onBlur={() => setTouched(true)}
            placeholder="e.g. provider confirmed the incident is resolved"
          />
        </label>
        <div id={hintId} className={`field__hint ${touched && problem ? 'field__hint--bad' : ''}`}>
          {touched && problem ? problem : 'At least 3 characters.'}
        </div>
        {error ? (
          <div className="alert alert--bad" role="alert">
            {errorMessage(error)}
          </div>
        ) : null}
        <div className="modal__actions">
          <button type="button" className="btn" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
          <button
            type="submit"
            className={`btn ${danger ? 'btn--danger' : 'btn--primary'}`}
            disabled={!check.success || pending}
          >
            {pending ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
