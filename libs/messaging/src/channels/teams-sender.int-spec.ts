import { messageRecipient, outgoingMessage } from '@muster/builders';
import { type HttpReceiver, type ReceivedRequest, type Reply, startHttpReceiver } from '@muster/testing';
import { TeamsSender } from './teams-sender';

/**
 * What a Teams workflow's "when a webhook request is received" trigger takes, as Microsoft documents it: a
 * `message` with Adaptive Card attachments; the card with its schema, type, version, body and actions.
 */
function cardProblem(request: ReceivedRequest): string | undefined {
  if (request.method !== 'POST' || !String(request.headers['content-type']).startsWith('application/json')) {
    return 'not a JSON POST';
  }
  const payload = JSON.parse(request.body) as {
    type?: string;
    attachments?: Array<{ contentType?: string; content?: Record<string, unknown> }>;
  };
  if (payload.type !== 'message' || payload.attachments?.length !== 1) return 'not a message with one attachment';
  const [attachment] = payload.attachments;
  if (attachment?.contentType !== 'application/vnd.microsoft.card.adaptive') return 'not an Adaptive Card';
  const card = attachment.content ?? {};
  if (card.type !== 'AdaptiveCard' || card.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json') {
    return 'card type or schema';
  }
  if (typeof card.version !== 'string' || Number(card.version) > 1.5) return 'a card version Teams renders (≤ 1.5)';
  if (!Array.isArray(card.body) || card.body.length === 0) return 'no body';
  return undefined;
}

function emulateWorkflow(request: ReceivedRequest): Reply {
  const problem = cardProblem(request);
  return problem === undefined ? { status: 202 } : { status: 400, body: { error: { message: problem } } };
}

describe('Microsoft Teams through a workflow webhook, against a local server checking the card', () => {
  let teams: HttpReceiver;
  let sender: TeamsSender;
  const to = () => messageRecipient({ teamsWebhook: `${teams.url}/workflows/abc/triggers/manual/paths/invoke?sig=x` });

  beforeAll(async () => {
    teams = await startHttpReceiver(emulateWorkflow);
    sender = new TeamsSender({ hosts: ['127.0.0.1'], timeoutMs: 1_000 });
  });
  afterEach(() => {
    teams.answer(emulateWorkflow);
  });
  afterAll(() => teams.close());

  it('posts one Adaptive Card: the subject as heading, the body, and a button opening the link', async () => {
    const message = outgoingMessage();
    const receipt = await sender.send(message, to());
    const request = teams.requests.at(-1);
    expect(request?.path).toBe('/workflows/abc/triggers/manual/paths/invoke?sig=x');
    expect(request && cardProblem(request)).toBeUndefined();
    const card = (JSON.parse(request?.body ?? '{}') as { attachments: Array<{ content: Record<string, unknown> }> })
      .attachments[0]?.content;
    const [paragraph, reason] = message.body.split('\n\n');
    expect(card?.body).toEqual([
      { type: 'TextBlock', text: message.subject, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: paragraph, wrap: true },
      { type: 'TextBlock', text: reason, wrap: true },
    ]);
    expect(card?.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open in Muster', url: message.link }]);
    expect(receipt).toEqual({ status: 'HTTP 202' });
  });

  it.each([
    [400, false],
    [404, false],
    [429, true],
    [502, true],
  ])('maps the workflow answering %i to retryable %s', async (status, retryable) => {
    teams.answer(() => ({ status }));
    await expect(sender.send(outgoingMessage(), to())).rejects.toMatchObject({ name: 'ChannelRefused', retryable });
  });

  it('does not follow a redirect elsewhere', async () => {
    teams.answer(() => ({ status: 302, headers: { location: 'http://169.254.169.254/' } }));
    await expect(sender.send(outgoingMessage(), to())).rejects.toMatchObject({ retryable: false });
    expect(teams.requests.at(-1)?.path).toContain('/workflows/abc');
  });

  it('gives up on a workflow that does not answer, retryably', async () => {
    teams.answer(() => ({ status: 202, hang: true }));
    await expect(sender.send(outgoingMessage(), to())).rejects.toMatchObject({ retryable: true });
  });

  it('reaches and posts only to workflow URLs on the allowed hosts', async () => {
    const elsewhere = messageRecipient({ teamsWebhook: 'http://10.0.0.1/admin' });
    const before = teams.requests.length;
    expect(sender.reaches(elsewhere)).toBe(false);
    expect(sender.reaches(messageRecipient({ teamsWebhook: undefined }))).toBe(false);
    await expect(sender.send(outgoingMessage(), elsewhere)).rejects.toMatchObject({ retryable: false });
    expect(teams.requests.length).toBe(before);
    const azure = new TeamsSender({ hosts: ['*.logic.azure.com'], timeoutMs: 1_000 });
    expect(azure.reaches(messageRecipient())).toBe(true);
    expect(azure.reaches(messageRecipient({ teamsWebhook: 'https://logic.azure.com.evil.example/x' }))).toBe(false);
  });
});
