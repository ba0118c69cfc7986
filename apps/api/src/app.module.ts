import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { IncomingMessage } from 'node:http';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { ApplicationModule } from '@muster/application';
import { ConfigModule, pinoOptions } from '@muster/config';
import type { Config } from '@muster/config';
import { PersistenceModule } from '@muster/persistence';
import { AuthGuard } from './auth/auth.guard';
import { ActionsModule } from './actions/actions.module';
import { AuthModule } from './auth/auth.module';
import { ConsoleAuthModule } from './console/auth/console-auth.module';
import { DataProtectionModule } from './data-protection/data-protection.module';
import { DecisionRequestsModule } from './decision-requests/decision-requests.module';
import { DecisionsModule } from './decisions/decisions.module';
import { EscalationsModule } from './escalations/escalations.module';
import { FeedsModule } from './feeds/feeds.module';
import { correlationIdOf } from './http/correlation';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { ProblemFilter } from './http/problem.filter';
import { ClsRequestContext, RequestContextModule } from './http/request-context';
import { SchemaValidationPipe } from './http/validation.pipe';
import { LimitsModule } from './limits/limits.module';
import { LiveModule } from './live/live.module';
import { OpsModule } from './ops/ops.module';
import { PeopleModule } from './people/people.module';
import { ProblemsModule } from './problems/problems.module';
import { QueuesModule } from './queues/queues.module';
import { ReferenceModule } from './reference/reference.module';
import { SituationModule } from './situation.module';

@Module({})
export class AppModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: { ...pinoOptions(config, 'api'), autoLogging: false },
        }),
        // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest declares its options as classes and documents plain objects
        ClsModule.forRoot({
          global: true,
          // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest declares its options as classes and documents plain objects
          middleware: {
            mount: true,
            // No proxy providers here; resolving them would require() a module on every request.
            resolveProxyProviders: false,
            setup: (cls, request: IncomingMessage) => {
              ClsRequestContext.begin(cls, correlationIdOf(request));
            },
          },
        }),
        RequestContextModule,
        CqrsModule.forRoot(),
        PersistenceModule.forRoot('muster-api'),
        ApplicationModule.forRoot({ ackSla: config.escalation.ackSlaMs, timeZone: config.region.timeZone }),
        AuthModule,
        ConsoleAuthModule,
        OpsModule,
        LimitsModule,
        QueuesModule,
        ReferenceModule,
        DecisionsModule,
        DecisionRequestsModule,
        ActionsModule,
        EscalationsModule,
        SituationModule,
        FeedsModule,
        DataProtectionModule,
        PeopleModule,
        LiveModule,
        ProblemsModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useClass: SchemaValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
