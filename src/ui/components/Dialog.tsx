// A modal dialog on the native <dialog> element (focus trap and backdrop for free), closed by its X button.
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** When false, Escape does nothing: the dialog closes only with its X button (the product document's Test dialog). */
  closeOnEscape?: boolean;
  /** Role `alertdialog` for questions that need an answer. */
  role?: 'dialog' | 'alertdialog';
  className?: string;
}

export function Dialog({ title, onClose, children, footer, closeOnEscape = true, role = 'dialog', className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      role={role}
      aria-labelledby={titleId}
      className={className}
      onCancel={(event) => {
        // Escape fires `cancel`; the dialog stays in React's control either way.
        event.preventDefault();
        if (closeOnEscape) onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="dialog-x" aria-label="Close" onClick={onClose}>×</button>
      </div>
      <div className="dialog-body">{children}</div>
      {footer === undefined ? null : <div className="dialog-foot">{footer}</div>}
    </dialog>
  );
}
