import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { PROBLEM_STATUS, type ProblemCode } from '@muster/contracts';
import { Public } from '../auth/public.decorator';
import { renderProblemPage } from './problem-page';

const problemCode = z.enum(Object.keys(PROBLEM_STATUS) as [ProblemCode, ...ProblemCode[]], {
  error: 'is not a problem code',
});

/** Where each problem's `type` (`/problems/<code>`) leads: a page that explains it, for anyone. */
@ApiTags('problems')
@Public()
@Controller('problems')
export class ProblemsController {
  @Get(':code')
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiOperation({
    summary: 'Explain a problem',
    description:
      'The page a problem’s `type` links to: what the problem means and what to do about it. Needs no token.',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'An HTML page.', schema: { type: 'string' } })
  explain(@Param('code', { schema: problemCode }) code: ProblemCode): string {
    return renderProblemPage(code);
  }
}
