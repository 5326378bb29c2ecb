// Every push event main sends is declared in the shared contract; these names are kept for the
// modules that import them from here.
import { eventNames, events, type EventName, type Events } from '../../shared/contract';

export const allEvents = events;
export type AllEvents = Events;
export type AllEventName = EventName;
export const allEventNames = eventNames;
