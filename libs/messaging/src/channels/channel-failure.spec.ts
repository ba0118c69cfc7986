import { ChannelRefused } from '@muster/application';
import { refusedByError, refusedByStatus } from './channel-failure';
import { refusedBySmtp } from './smtp-sender';
import { allowedUrl } from './teams-sender';

describe('which failures are worth another try', () => {
  it.each([
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [302, false],
    [408, true],
    [429, true],
    [500, true],
    [503, true],
  ])('HTTP %i: retryable %s', (status, retryable) => {
    expect(refusedByStatus('x', status)).toMatchObject({ retryable, message: `x answered ${String(status)}` });
  });

  it.each([
    [{ code: 'ECONNREFUSED' }, true],
    [{ name: 'TimeoutError' }, true],
    [{ cause: { code: 'ECONNRESET' } }, true],
    [{ code: 'ERR_INVALID_URL' }, false],
    [new Error('something else'), false],
  ])('an error %p: retryable %s', (error, retryable) => {
    expect(refusedByError('x', error)).toMatchObject({ retryable });
  });

  it('keeps a refusal already decided', () => {
    const refused = new ChannelRefused('already', true);
    expect(refusedByError('x', refused)).toBe(refused);
  });

  it.each([
    [421, true],
    [450, true],
    [451, true],
    [452, true],
    [550, false],
    [552, false],
    [553, false],
    [554, false],
  ])('SMTP reply %i: retryable %s', (responseCode, retryable) => {
    expect(refusedBySmtp({ code: 'EENVELOPE', responseCode })).toMatchObject({ retryable });
  });

  it('takes a failed SMTP login or a refused envelope without a code as permanent, a lost connection as not', () => {
    expect(refusedBySmtp({ code: 'EAUTH' })).toMatchObject({ retryable: false });
    expect(refusedBySmtp({ code: 'EENVELOPE' })).toMatchObject({ retryable: false });
    expect(refusedBySmtp({ code: 'ECONNECTION' })).toMatchObject({ retryable: true });
    expect(refusedBySmtp({ code: 'ETIMEDOUT' })).toMatchObject({ retryable: true });
  });
});

describe('Teams workflow URLs', () => {
  const hosts = ['*.logic.azure.com', 'teams.example.org'];
  it.each([
    ['https://prod-01.westeurope.logic.azure.com/workflows/x', true],
    ['https://teams.example.org/hook', true],
    ['https://logic.azure.com/x', false],
    ['https://evil-logic.azure.com.example/x', false],
    ['https://prod.logic.azure.com.evil.example/x', false],
    ['https://user:pw@teams.example.org/hook', false],
    ['ftp://teams.example.org/hook', false],
    ['not a url', false],
  ])('%s allowed: %s', (url, allowed) => {
    expect(allowedUrl(url, hosts)).toBe(allowed);
  });
});
