import { Module } from '@nestjs/common';
import { LiveGateway } from './live.gateway';
import { LiveHub } from './live-hub';
import { LiveSubscriptions } from './live-subscriptions';

@Module({ providers: [LiveHub, LiveSubscriptions, LiveGateway] })
export class LiveModule {}
