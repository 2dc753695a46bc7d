import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessService } from '@ledger/access';
import { DataSource } from 'typeorm';
import { ApiKeyGuard } from './api-key.guard';

const accessProviders = [
  {
    provide: AccessService,
    inject: [DataSource],
    useFactory: (dataSource: DataSource) => new AccessService(dataSource),
  },
];
const guards = [{ provide: APP_GUARD, useClass: ApiKeyGuard }];

@Module({ providers: [...accessProviders, ...guards], exports: [AccessService] })
export class AccessModule {}
