import { refusedByError, refusedByStatus } from './channel-failure';

export interface PostResult {
  status: number;
  /** The first line of the answer's body, for the receipt; never logged. */
  text: string;
}

/**
 * POSTs a JSON body and gives the 2xx answer; anything else is a ChannelRefused. Redirects are not followed:
 * a webhook URL that moves somewhere else is a configuration to fix, not a place to send Muster's messages.
 */
export async function postJson(
  provider: string,
  url: string,
  body: string,
  options: { timeoutMs: number; headers?: Record<string, string> },
): Promise<PostResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Muster', ...options.headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw refusedByError(provider, error);
  }
  let text = '';
  try {
    text = (await response.text()).split('\n', 1)[0]?.slice(0, 200) ?? '';
  } catch {
    // The status decides; an answer cut short after it changes nothing.
  }
  if (response.status < 200 || response.status > 299) throw refusedByStatus(provider, response.status);
  return { status: response.status, text };
}
