import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Config, ConfigModule, pinoOptions } from '@muster/config';
import { PersistenceModule } from '@muster/persistence';
import { RelayService } from './relay/relay.service';

@Module({})
export class WorkerModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: pinoOptions(config, 'worker') }),
        PersistenceModule.forRoot('muster-worker'),
      ],
      providers: [RelayService],
    };
  }
}
