// The fleet's channels (shared/ipc/fleet.ts), answered by the registry.
import type { Channels } from '../../../shared/ipc/contract';
import type { Handlers } from '../../../shared/ipc/contract-kit';
import type { FleetRegistry } from './fleet-registry';

export type FleetHandlers = Pick<Handlers<Channels>, 'fleet:attach' | 'fleet:detach' | 'fleet:status'>;

export function createFleetHandlers(fleet: FleetRegistry): FleetHandlers {
  return {
    'fleet:attach': (req) => fleet.attach(req),
    'fleet:detach': ({ id }) => fleet.detach(id),
    'fleet:status': () => fleet.status(),
  };
}
