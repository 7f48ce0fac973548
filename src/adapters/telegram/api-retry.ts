/**
 * Telegram answers 429 with `retry_after` seconds when a bot sends too fast; every call this bot
 * makes waits that long and tries again (a bounded number of times), instead of dropping a reply.
 */
import { TelegramError, type Telegram } from 'telegraf';

export type RetryOptions = {
  maxRetries?: number;
  /** Waits; injectable so that a bench can count waits instead of sleeping. */
  wait?: (ms: number) => Promise<void>;
  /** Told of each 429 before the wait (the bot logs it). */
  onRetry?: (method: string, retryAfterSeconds: number) => void;
};

export const isTelegramError = (error: unknown, code: number): error is TelegramError =>
  error instanceof TelegramError && error.code === code;

/** "message is not modified" is Telegram's way of saying an edit was already done: not an error. */
export const isNotModified = (error: unknown): boolean =>
  isTelegramError(error, 400) && /message is not modified/i.test(error.description);

export function retryOn429(telegram: Telegram, options: RetryOptions = {}): void {
  telegram.callApi = retrying429(telegram.callApi.bind(telegram), options);
}

/** `callApi` that waits out a 429's `retry_after` and tries again (a bounded number of times). */
export function retrying429(callApi: Telegram['callApi'], options: RetryOptions = {}): Telegram['callApi'] {
  const maxRetries = options.maxRetries ?? 3;
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retrying = async (...args: Parameters<typeof callApi>) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await callApi(...args);
      } catch (error) {
        if (!isTelegramError(error, 429) || attempt >= maxRetries) throw error;
        const retryAfter = error.parameters?.retry_after ?? 1;
        options.onRetry?.(args[0], retryAfter);
        await wait(retryAfter * 1000);
      }
    }
  };
  return retrying as Telegram['callApi'];
}
