import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { lastValueFrom, type Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { originAllowed } from '../http/cors';

interface Reply {
  event?: string;
  data?: unknown;
}

/**
 * socket.io settings for `/live`: small messages only, dead peers noticed quickly, and CORS for exactly
 * the configured origins (closed when there are none). The console's own pages (PUBLIC_URL's origin) may
 * always connect: same-origin needs no CORS, and their session is checked against that origin again.
 */
export class LiveIoAdapter extends IoAdapter {
  private readonly log = new Logger(LiveIoAdapter.name);

  constructor(
    app: INestApplicationContext,
    private readonly corsOrigins: readonly string[],
    private readonly consoleOrigin: string,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = [...this.corsOrigins];
    return super.createIOServer(port, {
      ...options,
      cors: origins.length > 0 ? { origin: origins, methods: ['GET', 'POST'], credentials: false } : { origin: false },
      // CORS binds only polling; a browser's websocket upgrade from a foreign page is refused here.
      allowRequest: (request, callback) =>
        callback(null, request.headers.origin === this.consoleOrigin || originAllowed(request.headers.origin, origins)),
      maxHttpBufferSize: 64 * 1024,
      pingInterval: 10_000,
      pingTimeout: 5_000,
    } as ServerOptions);
  }

  /**
   * Binds each message handler with a plain listener. Nest's own binding builds an rxjs pipeline per socket
   * and handler (kept for the socket's life), which doubled the memory a connected socket costs.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(String(message), (...args: unknown[]) => {
        const payload: { data: unknown; ack?: unknown } = this.mapPayload(args.length === 1 ? args[0] : args);
        const { data, ack } = payload;
        void Promise.resolve()
          .then(() => lastValueFrom(transform(callback(data, ack)), { defaultValue: undefined }))
          .then((response) => {
            if (response === undefined || response === null) return;
            const reply = response as Reply;
            if (typeof reply.event === 'string') socket.emit(reply.event, reply.data);
            else if (!isAckHandledManually && typeof ack === 'function') (ack as (response: unknown) => void)(response);
          })
          .catch((error: unknown) => this.log.error(error));
      });
    }
  }
}
