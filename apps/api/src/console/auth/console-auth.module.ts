import { Global, Module } from '@nestjs/common';
import { ConsoleSessions } from './console-sessions';
import { LogoutTokenVerifier } from './logout-token';
import { OidcClient } from './oidc-client';
import { SocketSessions } from './socket-session';

/** Sign-in and sessions; global so that the /live gateway accepts a session as it accepts a token. */
@Global()
@Module({
  providers: [OidcClient, ConsoleSessions, LogoutTokenVerifier, SocketSessions],
  exports: [OidcClient, ConsoleSessions, LogoutTokenVerifier, SocketSessions],
})
export class ConsoleAuthModule {}
