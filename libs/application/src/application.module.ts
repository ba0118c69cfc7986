import { Module } from '@nestjs/common';
import { AmendDecisionHandler } from './decisions/amend-decision/amend-decision.handler';
import { ExportDecisionLogHandler } from './decisions/export-decision-log/export-decision-log.handler';
import { GetDecisionHandler } from './decisions/get-decision/get-decision.handler';
import { ListDecisionsHandler } from './decisions/list-decisions/list-decisions.handler';
import { LogDecisionHandler } from './decisions/log-decision/log-decision.handler';
import { VerifyDecisionLogHandler } from './decisions/verify-decision-log/verify-decision-log.handler';
import { Clock, SystemClock } from './ports/clock';
import { GetCellHandler } from './reference/get-cell/get-cell.handler';
import { ListAuthoritiesHandler } from './reference/list-authorities/list-authorities.handler';
import { ListCellsHandler } from './reference/list-cells/list-cells.handler';

/**
 * The use cases. Ports (UnitOfWork, readers) are provided by a global persistence module; the
 * clock defaults to the system clock.
 */
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    LogDecisionHandler,
    AmendDecisionHandler,
    ListDecisionsHandler,
    GetDecisionHandler,
    VerifyDecisionLogHandler,
    ExportDecisionLogHandler,
    ListAuthoritiesHandler,
    ListCellsHandler,
    GetCellHandler,
  ],
  exports: [Clock],
})
export class ApplicationModule {}
