import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import { originAllowed } from '../http/cors';

/**
 * socket.io settings for `/live`: small messages only, dead peers noticed quickly, and CORS for exactly
 * the configured origins (closed when there are none).
 */
export class LiveIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly corsOrigins: readonly string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = [...this.corsOrigins];
    return super.createIOServer(port, {
      ...options,
      cors: origins.length > 0 ? { origin: origins, methods: ['GET', 'POST'], credentials: false } : { origin: false },
      // CORS binds only polling; a browser's websocket upgrade from a foreign page is refused here.
      allowRequest: (request, callback) => callback(null, originAllowed(request.headers.origin, origins)),
      maxHttpBufferSize: 64 * 1024,
      pingInterval: 10_000,
      pingTimeout: 5_000,
    } as ServerOptions) as Server;
  }
}
