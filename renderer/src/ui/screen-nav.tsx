// Lets a screen show another one (the shell owns which screen is shown): a request's "Find in
// ledger" link, say. Without the shell around it (a screen rendered alone), there is nowhere to go.
import { createContext, useContext } from 'react';

export type ScreenId = 'spend' | 'breakers' | 'cache' | 'ledger' | 'gateway' | 'fleet';

export type ShowScreen = (screen: ScreenId) => void;

export const ScreenNavContext = createContext<ShowScreen | null>(null);

/** The shell's "show this screen", or null when there is no shell. */
export function useShowScreen(): ShowScreen | null {
  return useContext(ScreenNavContext);
}
