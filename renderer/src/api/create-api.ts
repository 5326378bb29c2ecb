// The typed client over a transport: every request is validated with the channel's own zod
// schema before it leaves the renderer, and every WireError comes back as a rejected ApiError.
import { z } from 'zod';
import { channels, events, type Channels, type Events } from '../../../shared/ipc/contract';
import type { ClientApi, PayloadOf, ResponseOf } from '../../../shared/ipc/contract-kit';
import { ApiError } from './api-error';
import type { ConnectionStatus, Transport } from './api-transport';

export interface PeninApi extends ClientApi<Channels, Events> {
  connection: {
    status(): ConnectionStatus;
    subscribe(listener: (status: ConnectionStatus) => void): () => void;
  };
  filePath(file: File): string | null;
}

export function createApi(transport: Transport): PeninApi {
  return {
    async invoke<K extends keyof Channels & string>(
      name: K,
      req: z.input<Channels[K]['request']>,
    ): Promise<ResponseOf<Channels, K>> {
      if (!Object.hasOwn(channels, name)) throw new ApiError('not_found', `unknown channel "${name}"`);
      const schema: z.ZodType = channels[name].request;
      const parsed = schema.safeParse(req);
      if (!parsed.success) throw new ApiError('bad_request', z.prettifyError(parsed.error));
      const result = await transport.call(name, parsed.data);
      if (!result.ok) throw new ApiError(result.error.code, result.error.message);
      return result.value as ResponseOf<Channels, K>;
    },
    on<K extends keyof Events & string>(
      name: K,
      listener: (payload: PayloadOf<Events, K>) => void,
    ): () => void {
      if (!Object.hasOwn(events, name)) throw new ApiError('not_found', `unknown event "${name}"`);
      return transport.on(name, (payload) => listener(payload as PayloadOf<Events, K>));
    },
    connection: {
      status: () => transport.status(),
      subscribe: (listener) => transport.onStatus(listener),
    },
    filePath: (file) => transport.filePath(file),
  };
}
