import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ChangeContacts, GetPerson, ListPeople } from '@muster/application';
import type { Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { Returns } from '../http/responses';
import { personJson } from './people-json';
import { peoplePage, person } from './people.responses';
import { contactsBody, peopleQuery, personBody, personSubParam } from './people.schemas';

type PersonJson = z.infer<typeof person>;

/** The people directory (contract: "People"): administrators, and each person for themselves at `/me`. */
@ApiTags('people')
@Controller(API_BASE)
export class PeopleController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('people')
  @ApiOperation({
    summary: 'List the people directory',
    description: 'Administrators. By `sub`, paged with `cursor`; each read of someone else is in the access audit.',
  })
  @Returns(200, peoplePage, 'A page of people.')
  async list(
    @Caller() caller: Principal,
    @Query({ schema: peopleQuery }) query: z.infer<typeof peopleQuery>,
  ): Promise<z.infer<typeof peoplePage>> {
    const page = await this.queries.execute(
      new ListPeople(caller, { limit: query.limit, ...(query.cursor === undefined ? {} : { cursor: query.cursor }) }),
    );
    return { items: page.items.map(personJson), next: page.next };
  }

  @Get('people/:sub')
  @ApiOperation({ summary: 'Read a person', description: 'Administrators; the read is in the access audit.' })
  @Returns(200, person, 'The person.')
  async get(@Caller() caller: Principal, @Param('sub', { schema: personSubParam }) sub: string): Promise<PersonJson> {
    return personJson(await this.queries.execute(new GetPerson(caller, sub)));
  }

  @Put('people/:sub')
  @ApiOperation({
    summary: 'Set a person’s contact details',
    description:
      'Administrators. Contact details and preferences are replaced whole. With `name` and `roles` (and the other claims) it also says who the person is: that enters someone not yet signed in, so they can be put on a rota; their next sign-in replaces those claims with their provider’s.',
  })
  @Returns(200, person, 'The person as now held.')
  async put(
    @Caller() caller: Principal,
    @Param('sub', { schema: personSubParam }) sub: string,
    @Body({ schema: personBody }) body: z.infer<typeof personBody>,
  ): Promise<PersonJson> {
    const { name, roles, authority, cells, clearance, ...contacts } = body;
    const claims =
      name === undefined || roles === undefined
        ? undefined
        : {
            name,
            roles,
            ...(authority === undefined ? {} : { authority }),
            cells: cells ?? [],
            clearance: clearance ?? 'OFFICIAL',
          };
    return personJson(await this.commands.execute(new ChangeContacts(caller, sub, contacts, claims)));
  }

  @Get('me')
  @ApiOperation({
    summary: 'Read your own details',
    description: 'Anyone: who Muster holds you to be, with the contact details and preferences you set.',
  })
  @Returns(200, person, 'The caller.')
  async me(@Caller() caller: Principal): Promise<PersonJson> {
    return personJson(await this.queries.execute(new GetPerson(caller, caller.sub)));
  }

  @Put('me')
  @ApiOperation({
    summary: 'Set your own contact details',
    description:
      'Anyone: email, mobile (E.164), a Teams workflow webhook (https) and which channels to use per severity, replaced whole. Someone never signed in to the console is entered with their first change.',
  })
  @Returns(200, person, 'The caller as now held.')
  async putMe(
    @Caller() caller: Principal,
    @Body({ schema: contactsBody }) body: z.infer<typeof contactsBody>,
  ): Promise<PersonJson> {
    return personJson(await this.commands.execute(new ChangeContacts(caller, caller.sub, body)));
  }
}
