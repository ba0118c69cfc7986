import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';

/** socket.io settings for `/live`: small messages only, CORS closed, dead peers noticed quickly. */
export class LiveIoAdapter extends IoAdapter {
  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      cors: { origin: false },
      maxHttpBufferSize: 64 * 1024,
      pingInterval: 10_000,
      pingTimeout: 5_000,
    } as ServerOptions) as Server;
  }
}
