import { Module } from '@nestjs/common';
import { DataProtectionController } from './data-protection.controller';

@Module({ controllers: [DataProtectionController] })
export class DataProtectionModule {}
