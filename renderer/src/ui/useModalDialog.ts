// A modal <dialog>: shown with showModal() where the host has it (the rest of the page turns
// inert, as in Chromium), focus kept inside (Tab and Shift+Tab cycle through its controls, and
// focus that lands outside is brought back), Esc cancels, and focus returns on close to the
// control that opened it.
import { useCallback, useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { useModalOpen } from './modal-guard';

const FOCUSABLE =
  'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !(el as HTMLButtonElement).disabled && el.tabIndex >= 0 && !el.hidden,
  );
}

export interface ModalDialog {
  ref: RefObject<HTMLDialogElement | null>;
  onKeyDown: (e: KeyboardEvent<HTMLDialogElement>) => void;
  /** The native cancel event (Esc in Chromium): handled here, never closing the element itself. */
  onCancel: (e: { preventDefault(): void }) => void;
  /** The host closed it anyway (Chromium may, on a repeated Esc): cancel, or show it again. */
  onClose: () => void;
}

export function useModalDialog({
  initialFocus,
  canCancel,
  onCancel,
}: {
  initialFocus: RefObject<HTMLElement | null>;
  canCancel: boolean;
  onCancel: () => void;
}): ModalDialog {
  useModalOpen();
  const ref = useRef<HTMLDialogElement | null>(null);
  const cancelRef = useRef({ canCancel, onCancel });
  cancelRef.current = { canCancel, onCancel };

  useLayoutEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    initialFocus.current?.focus();
    // Focus that gets outside anyway (a host without showModal, a script) comes back.
    const onFocusIn = (e: FocusEvent) => {
      if (!dialog || !(e.target instanceof Node) || dialog.contains(e.target)) return;
      (focusables(dialog)[0] ?? dialog).focus();
    };
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      if (dialog?.open && typeof dialog.close === 'function') dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [initialFocus]);

  const cancel = useCallback(() => {
    if (cancelRef.current.canCancel) cancelRef.current.onCancel();
  }, []);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDialogElement>) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        cancel();
        return;
      }
      if (e.key !== 'Tab' || !ref.current) return;
      const items = focusables(ref.current);
      if (items.length === 0) {
        e.preventDefault();
        return;
      }
      const first = items[0];
      const last = items[items.length - 1];
      const active = document.activeElement;
      const inside = active instanceof Node && ref.current.contains(active);
      if (e.shiftKey && (active === first || !inside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (active === last || !inside)) {
        e.preventDefault();
        first.focus();
      }
    },
    [cancel],
  );

  const onCancelEvent = useCallback(
    (e: { preventDefault(): void }) => {
      e.preventDefault();
      cancel();
    },
    [cancel],
  );

  const onClose = useCallback(() => {
    const dialog = ref.current;
    if (!dialog || dialog.open || !dialog.isConnected) return;
    if (cancelRef.current.canCancel) cancelRef.current.onCancel();
    else if (typeof dialog.showModal === 'function') dialog.showModal();
  }, []);

  return { ref, onKeyDown, onCancel: onCancelEvent, onClose };
}
