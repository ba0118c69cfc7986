import { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm';
import { DomainError } from '@muster/domain';

/** Version-checked writes of one aggregate type inside a transaction: what the escalation and decision request writers do. */
export class VersionedRows<T extends { id: string; version: number }, Row extends ObjectLiteral> {
  constructor(
    private readonly manager: EntityManager,
    private readonly entity: EntityTarget<Row>,
    private readonly toRow: (aggregate: T) => Row,
    private readonly fromRow: (row: Row) => T,
    private readonly name: string,
  ) {}

  async insert(aggregate: T): Promise<void> {
    await this.manager.insert(this.entity, this.toRow(aggregate));
  }

  async update(aggregate: T, expectedVersion: number): Promise<void> {
    const { id: _id, ...changes } = this.toRow(aggregate);
    const where = { id: aggregate.id, version: expectedVersion } as unknown as FindOptionsWhere<Row>;
    const result = await this.manager.update(this.entity, where, changes as unknown as QueryDeepPartialEntity<Row>);
    if (result.affected !== 1) {
      throw new DomainError('conflict', `the ${this.name} was changed by someone else; reload it and try again`);
    }
  }

  async lock(id: string): Promise<T | undefined> {
    const row = await this.manager
      .getRepository(this.entity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
    return row === null ? undefined : this.fromRow(row);
  }
}
