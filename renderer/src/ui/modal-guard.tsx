// While a modal dialog is open, nothing else may take the screen from under it: a screen switch
// asked for meanwhile (the navigation, a toast's View, File ▸ Open Ledger from the menu) would
// unmount the screen and silently drop the dialog with what the operator was typing in it.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';

export interface ModalGuard {
  /** A dialog opened; call the returned function when it closes. */
  opened(): () => void;
  isOpen(): boolean;
}

export const ModalGuardContext = createContext<ModalGuard | null>(null);

/** Registers the calling dialog as open for as long as it is mounted. */
export function useModalOpen(): void {
  const guard = useContext(ModalGuardContext);
  useEffect(() => guard?.opened(), [guard]);
}

/**
 * The shell's side: `guard` for the dialogs, `show` that ignores a switch while a dialog is open,
 * and `showWhenFree` that keeps the last one asked for until the dialogs close (for requests
 * that come from outside the page, like the menu's Open Ledger, which must not be lost).
 */
export function useModalGuardedScreen<S>(setScreen: (s: S) => void) {
  const open = useRef(0);
  const [waiting, setWaiting] = useState<{ screen: S } | null>(null);
  const [free, setFree] = useState(true);
  const guard = useMemo<ModalGuard>(
    () => ({
      opened: () => {
        open.current += 1;
        setFree(false);
        let closed = false;
        return () => {
          if (closed) return;
          closed = true;
          open.current -= 1;
          if (open.current === 0) setFree(true);
        };
      },
      isOpen: () => open.current > 0,
    }),
    [],
  );
  useEffect(() => {
    if (!free || waiting === null) return;
    setWaiting(null);
    setScreen(waiting.screen);
  }, [free, waiting, setScreen]);
  const show = useCallback(
    (s: S) => {
      if (open.current === 0) setScreen(s);
    },
    [setScreen],
  );
  const showWhenFree = useCallback(
    (s: S) => {
      if (open.current === 0) setScreen(s);
      else setWaiting({ screen: s });
    },
    [setScreen],
  );
  return { guard, show, showWhenFree };
}
