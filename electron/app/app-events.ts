// Push events the desktop app needs that the shared contract does not (yet) declare. If the
// contract gains an event of the same name, the contract's definition wins and this one is inert.
import { event } from '../../shared/contract-kit';
import { events } from '../../shared/contract';

export const appEvents = {
  /** The user asked to open a ledger for audit (File ▸ Open Ledger, Open Recent, a second instance's
   * command line). The renderer answers with `ledger:openAudit({ path })`. */
  'app:openLedger': event<{ path: string }>(),
};

export const allEvents = { ...appEvents, ...events };
export type AllEvents = typeof allEvents;
export type AllEventName = keyof AllEvents & string;
export const allEventNames = Object.keys(allEvents) as AllEventName[];
