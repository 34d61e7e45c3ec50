import { useEffect, useId, useRef, useState } from 'react';

interface ConfirmActionProps {
  /** The button that asks first. */
  label: string;
  /** Its accessible name when several alike sit in a list ("Remove: Awa Diop"); starts with `label`. */
  accessibleLabel?: string;
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  pending?: boolean;
  /** A red button, for what cannot be undone. */
  danger?: boolean;
  onConfirm: () => void;
}

/**
 * A button that asks before acting, in the page rather than in a `confirm()` dialog (which some
 * phones' browsers suppress). The question takes the focus, and the focus returns to the button
 * when the member changes their mind.
 */
export function ConfirmAction({
  label,
  accessibleLabel,
  question,
  confirmLabel,
  cancelLabel,
  pending = false,
  danger = false,
  onConfirm,
}: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  const questionId = useId();
  const questionRef = useRef<HTMLParagraphElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);

  useEffect(() => {
    if (asking) questionRef.current?.focus();
    else if (cancelled.current) trigger.current?.focus();
    cancelled.current = false;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={trigger}
        type="button"
        className={danger ? 'button button--danger' : 'button button--secondary'}
        aria-label={accessibleLabel}
        disabled={pending}
        aria-busy={pending || undefined}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId} ref={questionRef} tabIndex={-1}>
        {question}
      </p>
      <div className="form-actions">
        <button
          type="button"
          className={danger ? 'button button--danger' : 'button'}
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            cancelled.current = true;
            setAsking(false);
          }}
        >
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
