/**
 * A local, in-process emulator of the Telegram Bot API for tests.
 *
 * The bot under test talks to it over real HTTP (point telegraf at `apiRoot`), so the
 * whole stack — telegraf's request encoding, long polling, webhook handling, error
 * mapping — is exercised exactly as in production, without network access or mocks.
 *
 * Behaviour follows the real Bot API where tests are likely to depend on it:
 * update queue + offset acknowledgement, long polling, webhook delivery with the
 * secret header, "message is not modified" on no-op edits, removal of the inline
 * keyboard when an edit omits `reply_markup`, bot_command entities on `/commands`,
 * and Telegram's error shapes (401/404/409/429/403/400).
 *
 * Only node:http(s) is used; no third-party dependencies.
 *
 * @example
 * const emu = await startTelegramEmulator();
 * const bot = new Telegraf(emu.token, { telegram: { apiRoot: emu.apiRoot } });
 * bot.on(message('text'), (ctx) => ctx.reply('收到'));
 * const launched = bot.launch({ dropPendingUpdates: false }); // resolves only on stop
 * await emu.waitFor(() => emu.isPolling);
 * emu.sendText(42, '你好');
 * await emu.waitFor(() => emu.sent(42).length === 1);
 * bot.stop();            // stop the bot first: it aborts the held long poll
 * await launched;
 * await emu.close();
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type {
  BotCommand,
  CallbackQuery,
  Chat,
  Document,
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
  Update,
  User,
  UserFromGetMe,
} from 'telegraf/types';

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

/** Parameters of one Bot API call, decoded from JSON, urlencoded or multipart bodies. */
export type ApiParams = Record<string, unknown>;

/** A successful Bot API answer. */
export interface ApiSuccess {
  readonly ok: true;
  readonly result: unknown;
  readonly description?: string;
}

/** A failed Bot API answer, in the exact shape Telegram uses. */
export interface ApiFailure {
  readonly ok: false;
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: { readonly retry_after?: number; readonly migrate_to_chat_id?: number };
}

/** What the emulator answered to a call. */
export type ApiResponse = ApiSuccess | ApiFailure;

/**
 * How a call reached the emulator. `webhook-reply` means the bot answered a webhook
 * request with `{ method, ...params }` in the HTTP response body (telegraf does this
 * for answerCallbackQuery, sendChatAction, deleteMessage… when `webhookReply` is on).
 */
export type CallTransport = 'json' | 'urlencoded' | 'multipart' | 'query' | 'webhook-reply';

/** One recorded Bot API call. */
export interface ApiCall {
  /** Canonical method name (Telegram matches method names case-insensitively). */
  readonly method: string;
  /** Decoded parameters. Multipart files appear as {@link UploadedFile}; the `method` field telegraf adds to multipart bodies is removed. */
  readonly params: ApiParams;
  /** `Date.now()` when the request arrived. */
  readonly at: number;
  readonly transport: CallTransport;
  /**
   * The answer; `undefined` while the call is still pending (e.g. a held long poll).
   * A long poll the client abandoned (telegraf aborts it on stop) is recorded as 499.
   */
  readonly response: ApiResponse | undefined;
}

/** A file received in a multipart upload. */
export interface UploadedFile {
  readonly file_name: string;
  readonly mime_type: string;
  readonly file_size: number;
  readonly bytes: Buffer;
}

/** Any reply_markup the Bot API accepts on send methods. */
export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

/** A document the bot sent. */
export interface SentDocument {
  readonly chat_id: number | string;
  readonly message_id: number;
  readonly file_id: string;
  readonly file_unique_id: string;
  readonly file_name: string | undefined;
  readonly mime_type: string | undefined;
  readonly file_size: number;
  /** File contents. Empty when the document was sent by URL. */
  readonly bytes: Buffer;
  readonly caption: string | undefined;
  /** `upload` = multipart upload, `file_id` = re-sent by an id issued earlier, `url` = sent by URL. */
  readonly source: 'upload' | 'file_id' | 'url';
}

/** An earlier version of an edited message. */
export interface MessageVersion {
  readonly text: string | undefined;
  readonly caption: string | undefined;
  readonly reply_markup: ReplyMarkup | undefined;
  readonly at: number;
}

/** A message the bot sent, with its current content (after edits). */
export interface SentMessage {
  readonly chat_id: number | string;
  readonly message_id: number;
  /** The send method that created it: `sendMessage`, `sendDocument` or `sendPhoto` (a photo's file is in `document`). */
  readonly method: string;
  /** Current text, raw as the bot sent it (no HTML/Markdown rendering). */
  readonly text: string | undefined;
  readonly caption: string | undefined;
  readonly parse_mode: string | undefined;
  readonly entities: readonly MessageEntity[] | undefined;
  /** Current markup. Inline keyboards change with edits; other markups are kept as sent. */
  readonly reply_markup: ReplyMarkup | undefined;
  readonly document: SentDocument | undefined;
  /** Previous versions, oldest first; empty if never edited. */
  readonly history: readonly MessageVersion[];
  readonly deleted: boolean;
  /** Parameters of the original send call. */
  readonly params: ApiParams;
  readonly date: number;
  readonly edit_date: number | undefined;
}

/** An answerCallbackQuery the bot made, joined with the button press it answered. */
export interface CallbackAnswer {
  readonly callback_query_id: string;
  readonly text: string | undefined;
  readonly show_alert: boolean;
  readonly url: string | undefined;
  readonly cache_time: number | undefined;
  readonly at: number;
  /** callback_data of the pressed button. */
  readonly data: string | undefined;
  readonly chat_id: number | string | undefined;
  readonly message_id: number | undefined;
}

/** One attempt to POST an update to the webhook. */
export interface WebhookDelivery {
  readonly update_id: number;
  readonly url: string;
  /** HTTP status of the webhook's answer; `undefined` on connection errors. */
  readonly status: number | undefined;
  readonly ok: boolean;
  /** Telegram-style `last_error_message` when not ok. */
  readonly error: string | undefined;
  readonly secret_token_sent: boolean;
  readonly at: number;
}

/** Current webhook settings, as getWebhookInfo reports them. */
export interface WebhookInfo {
  readonly url: string;
  readonly has_custom_certificate: boolean;
  readonly pending_update_count: number;
  readonly last_error_date?: number;
  readonly last_error_message?: string;
  readonly max_connections?: number;
  readonly allowed_updates?: string[];
}

/** Failure to inject, answered in Telegram's error shape. */
export type InjectedFailure =
  | { readonly code: 429; readonly retryAfter: number; readonly description?: string }
  | { readonly code: 403; readonly description?: string }
  | { readonly code: 409; readonly description?: string }
  | { readonly code: 400; readonly description: string }
  | { readonly code: 500 | 502; readonly description?: string };

/** Distributive Omit, so each member of the Update union keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A raw update without `update_id` (the emulator assigns increasing ids). */
export type UpdateInput = DistributiveOmit<Update, 'update_id'>;

/** Options for {@link startTelegramEmulator}. */
export interface TelegramEmulatorOptions {
  /** Bot token; the part before `:` becomes the bot's user id. */
  readonly token?: string;
  /** Overrides for what getMe returns (username matters for `/cmd@username`). */
  readonly botInfo?: Partial<UserFromGetMe>;
  /** Telegram's flood control, off by default: see {@link TelegramEmulator.setFloodLimit}. */
  readonly floodLimit?: FloodLimit;
}

/**
 * Flood control as Telegram applies it to a bot's messages: past `perSecond` messages in any one second in
 * all, or past `perChatPerSecond` (default 1) to one chat, a send answers 429 with `retry_after` (whole
 * seconds, until the window has room again). Refused sends do not count.
 */
export interface FloodLimit {
  readonly perSecond: number;
  readonly perChatPerSecond?: number;
}

/** A running emulator. */
export interface TelegramEmulator {
  /** Pass as `new Telegraf(token, { telegram: { apiRoot } })`. No trailing slash. */
  readonly apiRoot: string;
  readonly token: string;
  /** What getMe answers. */
  readonly botInfo: UserFromGetMe;
  /** Every call the bot made, in arrival order. */
  readonly calls: readonly ApiCall[];
  /** Every answerCallbackQuery, in order. */
  readonly callbackAnswers: readonly CallbackAnswer[];
  /** Every webhook delivery attempt, in order. */
  readonly webhookDeliveries: readonly WebhookDelivery[];
  /** Updates not yet acknowledged (getUpdates offset) or delivered (webhook). */
  readonly pendingUpdates: readonly Update[];
  /** Updates dropped because their type was not in the bot's allowed_updates. */
  readonly filteredUpdates: readonly Update[];
  /** True while a getUpdates long poll is being held open. */
  readonly isPolling: boolean;
  /** Current webhook, or undefined in polling mode. */
  readonly webhook: { readonly url: string; readonly secretToken: string | undefined } | undefined;

  /** Messages the bot sent to a chat, in order, with current text/markup. Deleted ones are left out unless asked. */
  sent(chatId: number | string, opts?: { includeDeleted?: boolean }): SentMessage[];
  /** The last (non-deleted) message the bot sent to a chat. */
  lastSent(chatId: number | string): SentMessage | undefined;
  /** Documents the bot sent to a chat, in order. */
  documents(chatId: number | string): SentDocument[];
  /** Photos the bot sent to a chat, in order (kept as sent, without Telegram's resizing). */
  photos(chatId: number | string): SentDocument[];
  /**
   * Injects a document message from a user (a file they attach, with an optional caption); the bot can
   * fetch it with getFile and the /file/bot<token>/… download path. Returns the update_id.
   */
  sendFile(chatId: number, file: { file_name: string; bytes: Buffer; mime_type?: string; caption?: string }, from?: Partial<User>): number;
  /** Commands set with setMyCommands for a scope/language (default scope, no language by default). */
  commands(opts?: { scope?: Record<string, unknown>; language_code?: string }): BotCommand[];

  /** Injects a text message from a user (bot_command entities are added like Telegram does). Returns the update_id. */
  sendText(chatId: number, text: string, from?: Partial<User>): number;
  /** Presses an inline button with `data` on a bot message. Throws if no such button is shown. Returns the update_id. */
  pressButton(chatId: number, messageId: number, data: string, from?: Partial<User>): number;
  /**
   * Injects any update (photos, stickers, edited_message, group chats…). Returns the assigned update_id.
   * Types outside the bot's allowed_updates (by default chat_member and reactions) land in
   * `filteredUpdates` instead, as Telegram would never send them.
   */
  sendUpdate(update: UpdateInput): number;
  /**
   * The id the user's next message in this chat gets (message ids of a private chat are shared by the user
   * and the bot and only grow), for tests that hand updates to a bot directly instead of through the API.
   */
  nextUserMessageId(chatId: number): number;

  /** Resolves once `predicate()` is true; re-checked after every call/state change. Throwing counts as "not yet". */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves with the completed calls of `method` once at least `count` have been answered in total. */
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<ApiCall[]>;
  /** Subscribes to completed calls. Returns an unsubscribe function. */
  onCall(listener: (call: ApiCall) => void): () => void;

  /** The next `times` calls of `method` fail with `failure`. */
  failNext(method: string, failure: InjectedFailure, times?: number): void;
  /** Every call targeting `chatId` fails (e.g. a user who blocked the bot) until the returned function is called. */
  failFor(chatId: number | string, failure: InjectedFailure): () => void;
  /** Removes all injected failures. */
  clearFailures(): void;
  /**
   * The next call of `method` whose parameters match is left unanswered, as by a Bot API that takes a call and
   * never answers, until the client gives up on it (or the emulator closes). It is recorded and has no other
   * effect: no failure injected, no flood count, and a held getUpdates confirms nothing (its offset is not applied).
   */
  holdNext(method: string, match?: (params: Readonly<Record<string, unknown>>) => boolean): void;
  /** Calls left unanswered by `holdNext`, and how many of them the client gave up on. */
  readonly held: { readonly calls: number; readonly abandoned: number };
  /** Turns flood control on with these limits, or off (`undefined`). */
  setFloodLimit(limit: FloodLimit | undefined): void;
  /** 429s answered by flood control so far. */
  readonly floodRefusals: number;

  /**
   * While down, every connection is dropped unanswered, as when the Bot API cannot be reached
   * (the client sees a network error, not a Telegram error). Calls are not recorded meanwhile.
   */
  setDown(down: boolean): void;
  /** Connections and requests dropped while down. */
  readonly refusedConnections: number;

  /**
   * Answers held long polls, aborts webhook deliveries, and closes the server and its sockets. Idempotent.
   * Stop the bot first: a still-running telegraf poller would retry the closed port every 5 s.
   */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------
// Telegram constants
// ---------------------------------------------------------------------------

const NOT_MODIFIED =
  'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of a message';
const CONFLICT_WEBHOOK =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const CONFLICT_OTHER_POLL =
  'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
const QUERY_INVALID = 'Bad Request: query is too old and response timeout expired or query ID is invalid';

/** Without explicit allowed_updates Telegram withholds these types (per the getUpdates docs). */
const DEFAULT_EXCLUDED_UPDATES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

const METHODS = [
  'getMe',
  'getUpdates',
  'setWebhook',
  'deleteWebhook',
  'getWebhookInfo',
  'sendMessage',
  'editMessageText',
  'editMessageReplyMarkup',
  'answerCallbackQuery',
  'sendDocument',
  'sendPhoto',
  'getFile',
  'setMyCommands',
  'getMyCommands',
  'deleteMyCommands',
  'sendChatAction',
  'deleteMessage',
] as const;
type MethodName = (typeof METHODS)[number];
/** What flood control counts: messages the bot sends. */
const FLOOD_METHODS = new Set<MethodName>(['sendMessage', 'sendDocument']);
const METHOD_BY_LOWER = new Map<string, MethodName>(METHODS.map((m) => [m.toLowerCase(), m]));

// Form bodies (urlencoded/multipart) carry only strings; these tables say how Telegram
// would interpret each field so recorded params look the same whatever the transport.
const INT_FIELDS = new Set([
  'message_id',
  'offset',
  'limit',
  'timeout',
  'reply_to_message_id',
  'cache_time',
  'max_connections',
  'message_thread_id',
  'user_id',
  'from_chat_id',
]);
const BOOL_FIELDS = new Set([
  'show_alert',
  'drop_pending_updates',
  'disable_notification',
  'protect_content',
  'disable_web_page_preview',
  'disable_content_type_detection',
  'allow_sending_without_reply',
]);
const JSON_FIELDS = new Set([
  'reply_markup',
  'allowed_updates',
  'commands',
  'scope',
  'entities',
  'caption_entities',
  'link_preview_options',
  'reply_parameters',
  'media',
  'results',
]);

const MIME_BY_EXT: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
  html: 'text/html',
  json: 'application/json',
  xml: 'application/xml',
  zip: 'application/zip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

function ok(result: unknown, description?: string): ApiSuccess {
  return description === undefined ? { ok: true, result } : { ok: true, result, description };
}

function fail(code: number, description: string, retryAfter?: number): ApiFailure {
  return retryAfter === undefined
    ? { ok: false, error_code: code, description }
    : { ok: false, error_code: code, description, parameters: { retry_after: retryAfter } };
}

function failureResponse(f: InjectedFailure): ApiFailure {
  switch (f.code) {
    case 429:
      return fail(429, f.description ?? `Too Many Requests: retry after ${f.retryAfter}`, f.retryAfter);
    case 403:
      return fail(403, f.description ?? 'Forbidden: bot was blocked by the user');
    case 409:
      return fail(409, f.description ?? CONFLICT_OTHER_POLL);
    case 400:
      return fail(400, f.description);
    default:
      return fail(f.code, f.description ?? (f.code === 500 ? 'Internal Server Error' : 'Bad Gateway'));
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isUploadedFile(v: unknown): v is UploadedFile {
  return isRecord(v) && Buffer.isBuffer(v.bytes) && typeof v.file_name === 'string';
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function int(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

function bool(v: unknown): boolean {
  return v === true || v === 'true';
}

/** Chat ids arrive as numbers (JSON) or strings (forms); one key format for both. */
function chatKey(v: unknown): string | undefined {
  const n = int(v);
  if (n !== undefined) return String(n);
  if (typeof v === 'string' && v.startsWith('@')) return v.toLowerCase();
  return undefined;
}

function chatIdValue(key: string): number | string {
  return /^-?\d+$/.test(key) ? Number(key) : key;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** JSON with sorted keys, so markup comparison ignores key order. */
function canonicalJson(v: unknown): string {
  if (v === undefined) return 'undefined';
  return JSON.stringify(v, (_k, value: unknown) => {
    if (isRecord(value)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(value).sort()) sorted[k] = value[k];
      return sorted;
    }
    return value;
  });
}

function normaliseFormField(name: string, value: string): unknown {
  if (name === 'chat_id') return /^-?\d+$/.test(value) ? Number(value) : value;
  if (INT_FIELDS.has(name) && /^-?\d+$/.test(value)) return Number(value);
  if (BOOL_FIELDS.has(name) && (value === 'true' || value === 'false')) return value === 'true';
  if (JSON_FIELDS.has(name)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function guessMime(fileName: string, declared: string): string {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const byExt = ext === undefined ? undefined : MIME_BY_EXT[ext];
  if (byExt !== undefined) return byExt;
  // telegraf sends file parts without a Content-Type, and the WHATWG multipart parser
  // then reports "text/plain"; that is not a real declaration, so don't trust it.
  if (declared !== '' && declared !== 'text/plain') return declared;
  return 'application/octet-stream';
}

async function parseBody(body: Buffer, contentType: string): Promise<{ params: ApiParams; transport: CallTransport }> {
  const ct = contentType.toLowerCase();
  if (body.length === 0) return { params: {}, transport: 'query' };
  if (ct.includes('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (!isRecord(parsed)) throw new Error('JSON body must be an object');
    return { params: parsed, transport: 'json' };
  }
  if (ct.includes('application/x-www-form-urlencoded')) {
    const params: ApiParams = {};
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = normaliseFormField(k, v);
    return { params, transport: 'urlencoded' };
  }
  if (ct.includes('multipart/form-data')) {
    // The boundary is case-sensitive, so pass the original header through.
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    const params: ApiParams = {};
    for (const [k, v] of form) {
      if (typeof v === 'string') {
        params[k] = normaliseFormField(k, v);
      } else {
        const bytes = Buffer.from(await v.arrayBuffer());
        const file: UploadedFile = {
          file_name: v.name,
          mime_type: guessMime(v.name, v.type),
          file_size: bytes.length,
          bytes,
        };
        params[k] = file;
      }
    }
    // telegraf repeats the method name as a form field; it is noise for assertions.
    delete params.method;
    return { params, transport: 'multipart' };
  }
  throw new Error(`unsupported content-type "${contentType}"`);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}

function isInlineMarkup(m: unknown): m is InlineKeyboardMarkup {
  return isRecord(m) && Array.isArray(m.inline_keyboard);
}

/** Inline keyboards with no buttons are the same as no keyboard to Telegram. */
function attachedMarkup(m: ReplyMarkup | undefined): InlineKeyboardMarkup | undefined {
  if (!isInlineMarkup(m)) return undefined;
  return m.inline_keyboard.some((row) => row.length > 0) ? m : undefined;
}

const BUTTON_ACTIONS = [
  'callback_data',
  'url',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'callback_game',
  'pay',
];

/** Parses and validates reply_markup the way Telegram rejects common mistakes. */
function readMarkup(raw: unknown): { markup: ReplyMarkup | undefined } | { error: ApiFailure } {
  if (raw === undefined || raw === null || raw === '') return { markup: undefined };
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      return { error: fail(400, "Bad Request: can't parse reply keyboard markup JSON object") };
    }
  }
  if (!isRecord(value)) return { error: fail(400, "Bad Request: can't parse reply keyboard markup JSON object") };
  if ('inline_keyboard' in value) {
    const rows = value.inline_keyboard;
    if (!Array.isArray(rows) || !rows.every((r) => Array.isArray(r))) {
      return { error: fail(400, 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays') };
    }
    for (const row of rows as unknown[][]) {
      for (const button of row) {
        if (!isRecord(button) || typeof button.text !== 'string') {
          return { error: fail(400, "Bad Request: can't parse inline keyboard button: Text must be a String") };
        }
        if (!BUTTON_ACTIONS.some((a) => a in button)) {
          return { error: fail(400, 'Bad Request: text buttons are unallowed in the inline keyboard') };
        }
        const data = button.callback_data;
        if (data !== undefined) {
          const size = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : 0;
          if (size < 1 || size > 64) return { error: fail(400, 'Bad Request: BUTTON_DATA_INVALID') };
        }
      }
    }
    return { markup: value as unknown as InlineKeyboardMarkup };
  }
  if ('keyboard' in value || 'remove_keyboard' in value || 'force_reply' in value) {
    return { markup: value as unknown as ReplyMarkup };
  }
  return { error: fail(400, "Bad Request: can't parse reply keyboard markup JSON object") };
}

/** Telegram limits rendered text; for HTML we strip tags to approximate the rendered length. */
function renderedLength(text: string, parseMode: string | undefined): number | undefined {
  if (parseMode === undefined) return text.length;
  if (parseMode.toLowerCase() === 'html') {
    return text
      .replace(/<[^>]*>/g, '')
      .replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, '_').length;
  }
  return undefined; // Markdown rendering is not emulated; skip the length check.
}

/** Telegram marks `/command` and `/command@bot` as bot_command entities; telegraf's bot.command() relies on them. */
function commandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const re = /(^|\s)(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?=$|[\s.,!?;:])/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const lead = m[1] ?? '';
    const cmd = m[2] ?? '';
    entities.push({ type: 'bot_command', offset: m.index + lead.length, length: cmd.length });
  }
  return entities;
}

function updateType(update: UpdateInput | Update): string {
  return Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown';
}

function describeParams(params: ApiParams): string {
  const json = JSON.stringify(params, (_k, v: unknown) => {
    if (isRecord(v) && v.type === 'Buffer' && Array.isArray(v.data)) return `<${v.data.length} bytes>`;
    return v;
  });
  return json.length > 200 ? `${json.slice(0, 197)}...` : json;
}

// ---------------------------------------------------------------------------
// Internal state types
// ---------------------------------------------------------------------------

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type StoredMessage = Mutable<Omit<SentMessage, 'history'>> & { history: MessageVersion[] };
type StoredCall = Mutable<ApiCall>;

interface Poller {
  readonly limit: number;
  finish(response: ApiResponse): void;
}

interface PendingQuery {
  answered: boolean;
  readonly data: string | undefined;
  readonly chatKey: string;
  readonly messageId: number;
}

interface WebhookState {
  url: string;
  secretToken: string | undefined;
  maxConnections: number | undefined;
  lastErrorDate: number | undefined;
  lastErrorMessage: string | undefined;
}

interface DispatchContext {
  readonly transport: CallTransport;
  /** Registers a callback for when the HTTP client goes away before being answered. */
  readonly onAbort: (cb: () => void) => void;
}

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

class Emulator implements TelegramEmulator {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  apiRoot = '';

  private readonly server: http.Server;
  private readonly events = new EventEmitter();
  private readonly callLog: StoredCall[] = [];
  private readonly answers: CallbackAnswer[] = [];
  private readonly deliveries: WebhookDelivery[] = [];
  private readonly filtered: Update[] = [];
  private queue: Update[] = [];
  private lastUpdateId = 100_000;
  private poller: Poller | undefined;
  private allowedUpdates: string[] = [];
  private hook: WebhookState | undefined;
  private delivering: Promise<void> | undefined;
  private pumpAgain = false;
  private readonly webhookRequests = new Set<http.ClientRequest>();

  private readonly chats = new Map<string, Chat>();
  private readonly messageCounters = new Map<string, number>();
  private readonly messages = new Map<string, StoredMessage[]>();
  private readonly userMessages = new Map<string, Set<number>>();
  private readonly files = new Map<string, Omit<SentDocument, 'chat_id' | 'message_id' | 'caption' | 'source'>>();
  private fileCounter = 0;
  private readonly queries = new Map<string, PendingQuery>();
  private queryCounter = 0;
  private readonly myCommands = new Map<string, BotCommand[]>();

  private readonly nextFailures = new Map<string, InjectedFailure[]>();
  /** Calls to leave unanswered (holdNext), and the ones being held: each finished with its answer on abort or close. */
  private readonly holds: { method: string; match: (params: ApiParams) => boolean }[] = [];
  private readonly holding = new Set<(response: ApiResponse) => void>();
  private heldCalls = 0;
  private heldAbandoned = 0;
  private readonly chatFailures = new Map<string, InjectedFailure>();
  private flood: FloodLimit | undefined;
  /** Times of accepted sends in the last second, in all and per chat. */
  private floodTimes: number[] = [];
  private readonly floodChatTimes = new Map<string, number[]>();
  private floodRefused = 0;

  private closed = false;
  private closing: Promise<void> | undefined;
  private down = false;
  private refused = 0;

  constructor(opts: TelegramEmulatorOptions) {
    this.flood = opts.floodLimit;
    this.token = opts.token ?? '123456789:AAE-emulator-test-token';
    const id = int(this.token.split(':')[0]) ?? 123456789;
    this.botInfo = {
      id,
      is_bot: true,
      first_name: '年审助手',
      username: 'nianshen_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      ...opts.botInfo,
    };
    // Many concurrent waitFor() calls are legitimate; don't warn about "leaks".
    this.events.setMaxListeners(0);
    this.server = http.createServer((req, res) => {
      // A kept-alive socket from before going down still brings requests: drop those too.
      if (this.down) return this.refuse(req.socket);
      void this.handleHttp(req, res);
    });
    this.server.on('connection', (socket) => {
      if (this.down) this.refuse(socket);
    });
  }

  private refuse(socket: Socket): void {
    this.refused++;
    socket.destroy();
    this.emitChange();
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const { port } = this.server.address() as AddressInfo;
    this.apiRoot = `http://127.0.0.1:${port}`;
  }

  // ----- public getters -----------------------------------------------------

  get calls(): readonly ApiCall[] {
    return this.callLog;
  }
  get callbackAnswers(): readonly CallbackAnswer[] {
    return this.answers;
  }
  get webhookDeliveries(): readonly WebhookDelivery[] {
    return this.deliveries;
  }
  get pendingUpdates(): readonly Update[] {
    return [...this.queue];
  }
  get filteredUpdates(): readonly Update[] {
    return this.filtered;
  }
  get isPolling(): boolean {
    return this.poller !== undefined;
  }
  get webhook(): { readonly url: string; readonly secretToken: string | undefined } | undefined {
    return this.hook === undefined ? undefined : { url: this.hook.url, secretToken: this.hook.secretToken };
  }

  // ----- inspection ---------------------------------------------------------

  sent(chatId: number | string, opts: { includeDeleted?: boolean } = {}): SentMessage[] {
    const key = chatKey(chatId);
    const list = key === undefined ? [] : (this.messages.get(key) ?? []);
    // Snapshots, so a test holding an old result isn't surprised by later edits.
    return list.filter((m) => opts.includeDeleted === true || !m.deleted).map((m) => ({ ...m, history: [...m.history] }));
  }

  lastSent(chatId: number | string): SentMessage | undefined {
    return this.sent(chatId).at(-1);
  }

  documents(chatId: number | string): SentDocument[] {
    return this.sent(chatId, { includeDeleted: true }).flatMap((m) => (m.document && m.method === 'sendDocument' ? [m.document] : []));
  }

  photos(chatId: number | string): SentDocument[] {
    return this.sent(chatId, { includeDeleted: true }).flatMap((m) => (m.document && m.method === 'sendPhoto' ? [m.document] : []));
  }

  commands(opts: { scope?: Record<string, unknown>; language_code?: string } = {}): BotCommand[] {
    return [...(this.myCommands.get(this.commandsKey(opts.scope, opts.language_code)) ?? [])];
  }

  // ----- injecting user activity ---------------------------------------------

  sendText(chatId: number, text: string, from?: Partial<User>): number {
    const chat = this.chatFor(String(chatId));
    if (chat.type === 'channel') throw new Error('sendText: use sendUpdate({ channel_post }) for channels');
    const user = this.userFor(chatId, from);
    const entities = commandEntities(text);
    const message: Update.MessageUpdate<Message.TextMessage>['message'] = {
      message_id: this.peekMessageId(String(chatId)) + 1,
      date: now(),
      chat,
      from: user,
      text,
      ...(entities.length > 0 ? { entities } : {}),
    };
    return this.sendUpdate({ message });
  }

  sendFile(chatId: number, file: { file_name: string; bytes: Buffer; mime_type?: string; caption?: string }, from?: Partial<User>): number {
    const n = ++this.fileCounter;
    const stored = {
      file_id: `BQACAgUAAxkBAAI-user-${n}`,
      file_unique_id: `AgAD-user-${n}`,
      file_name: file.file_name,
      mime_type: file.mime_type ?? guessMime(file.file_name, ''),
      file_size: file.bytes.length,
      bytes: file.bytes,
    };
    this.files.set(stored.file_id, stored);
    const caption = file.caption;
    const entities = caption === undefined ? [] : commandEntities(caption);
    const chat = this.chatFor(String(chatId));
    if (chat.type === 'channel') throw new Error('sendFile: use sendUpdate({ channel_post }) for channels');
    const message: Update.MessageUpdate<Message.DocumentMessage>['message'] = {
      message_id: this.peekMessageId(String(chatId)) + 1,
      date: now(),
      chat,
      from: this.userFor(chatId, from),
      document: { file_id: stored.file_id, file_unique_id: stored.file_unique_id, file_name: stored.file_name, ...(stored.mime_type ? { mime_type: stored.mime_type } : {}), file_size: stored.file_size },
      ...(caption !== undefined ? { caption } : {}),
      ...(entities.length > 0 ? { caption_entities: entities } : {}),
    };
    return this.sendUpdate({ message });
  }

  pressButton(chatId: number, messageId: number, data: string, from?: Partial<User>): number {
    const key = String(chatId);
    const msg = this.messages.get(key)?.find((m) => m.message_id === messageId);
    if (msg === undefined) throw new Error(`pressButton: the bot never sent message ${messageId} to chat ${chatId}`);
    if (msg.deleted) throw new Error(`pressButton: message ${messageId} in chat ${chatId} was deleted`);
    const markup = attachedMarkup(msg.reply_markup);
    const available = (markup?.inline_keyboard ?? []).flat().flatMap((b: InlineKeyboardButton) =>
      'callback_data' in b ? [b.callback_data] : [],
    );
    // Real clients can only press buttons that are currently shown.
    if (!available.includes(data)) {
      throw new Error(
        `pressButton: message ${messageId} in chat ${chatId} has no button with callback_data ${JSON.stringify(data)}; ` +
          `available: ${JSON.stringify(available)}`,
      );
    }
    const id = `${this.botInfo.id}${String(++this.queryCounter).padStart(6, '0')}`;
    this.queries.set(id, { answered: false, data, chatKey: key, messageId });
    const callback_query: CallbackQuery.DataQuery = {
      id,
      from: this.userFor(chatId, from),
      message: this.toTelegramMessage(msg),
      chat_instance: `ci${Math.abs(chatId)}`,
      data,
    };
    return this.sendUpdate({ callback_query });
  }

  nextUserMessageId(chatId: number): number {
    return this.nextMessageId(String(chatId));
  }

  sendUpdate(input: UpdateInput): number {
    if (this.closed) throw new Error('sendUpdate: the emulator is closed');
    const update_id = ++this.lastUpdateId;
    const update = { update_id, ...input } as Update;
    this.noteUserContent(update);
    const type = updateType(update);
    const allowed = this.allowedUpdates.length > 0 ? this.allowedUpdates.includes(type) : !DEFAULT_EXCLUDED_UPDATES.has(type);
    if (!allowed) {
      this.filtered.push(update);
      this.emitChange();
      return update_id;
    }
    this.queue.push(update);
    if (this.poller) this.poller.finish(ok(this.queue.slice(0, this.poller.limit)));
    this.pumpWebhook();
    this.emitChange();
    return update_id;
  }

  // ----- waiting ------------------------------------------------------------

  waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    // Created now so the stack points at the test line that waited, not at a timer.
    const timeoutError = new Error('waitFor timed out');
    return new Promise<void>((resolve, reject) => {
      let lastError: unknown;
      const check = (): boolean => {
        try {
          return predicate();
        } catch (err) {
          lastError = err;
          return false;
        }
      };
      if (check()) {
        resolve();
        return;
      }
      const fixStack = (message: string): Error => {
        timeoutError.message = message;
        timeoutError.stack = `Error: ${message}\n${(timeoutError.stack ?? '').split('\n').slice(1).join('\n')}`;
        return timeoutError;
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.events.off('change', onChange);
        this.events.off('close', onClose);
      };
      const onChange = (): void => {
        if (check()) {
          cleanup();
          resolve();
        }
      };
      const onClose = (): void => {
        cleanup();
        reject(fixStack(`waitFor: the emulator was closed before the condition was met.${this.describeRecent()}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        const cause = lastError instanceof Error ? `\nLast predicate error: ${lastError.message}` : '';
        reject(fixStack(`waitFor timed out after ${timeoutMs}ms.${cause}${this.describeRecent()}`));
      }, timeoutMs);
      if (this.closed) {
        onClose();
        return;
      }
      this.events.on('change', onChange);
      this.events.on('close', onClose);
    });
  }

  async waitForCalls(method: string, count: number, timeoutMs = 5000): Promise<ApiCall[]> {
    const matching = (): StoredCall[] => this.callLog.filter((c) => c.method === method && c.response !== undefined);
    await this.waitFor(() => matching().length >= count, timeoutMs);
    return matching();
  }

  onCall(listener: (call: ApiCall) => void): () => void {
    this.events.on('call', listener);
    return () => {
      this.events.off('call', listener);
    };
  }

  // ----- failure injection ----------------------------------------------------

  failNext(method: string, failure: InjectedFailure, times = 1): void {
    const canonical = METHOD_BY_LOWER.get(method.toLowerCase()) ?? method;
    const list = this.nextFailures.get(canonical) ?? [];
    for (let i = 0; i < times; i++) list.push(failure);
    this.nextFailures.set(canonical, list);
  }

  failFor(chatId: number | string, failure: InjectedFailure): () => void {
    const key = chatKey(chatId);
    if (key === undefined) throw new Error(`failFor: invalid chat id ${String(chatId)}`);
    this.chatFailures.set(key, failure);
    return () => {
      if (this.chatFailures.get(key) === failure) this.chatFailures.delete(key);
    };
  }

  clearFailures(): void {
    this.nextFailures.clear();
    this.chatFailures.clear();
  }

  setFloodLimit(limit: FloodLimit | undefined): void {
    this.flood = limit;
    this.floodTimes = [];
    this.floodChatTimes.clear();
  }

  holdNext(method: string, match: (params: ApiParams) => boolean = () => true): void {
    this.holds.push({ method: METHOD_BY_LOWER.get(method.toLowerCase()) ?? method, match });
  }

  get held(): { calls: number; abandoned: number } {
    return { calls: this.heldCalls, abandoned: this.heldAbandoned };
  }

  /** Leaves a call unanswered until the client aborts it (then 499, as for a dropped poll) or the emulator closes. */
  private hold(ctx: DispatchContext): Promise<ApiResponse> {
    this.heldCalls++;
    return new Promise<ApiResponse>((resolve) => {
      const finish = (response: ApiResponse) => {
        if (!this.holding.delete(finish)) return;
        resolve(response);
      };
      this.holding.add(finish);
      ctx.onAbort(() => {
        // Finished by close() already: the client did not give up on it.
        if (!this.holding.has(finish)) return;
        this.heldAbandoned++;
        finish(fail(499, 'Client closed the request before it was answered'));
        this.emitChange();
      });
      this.emitChange();
    });
  }

  get floodRefusals(): number {
    return this.floodRefused;
  }

  /** A 429 when this send would go past the flood limit. */
  private floodCheck(method: MethodName, params: ApiParams): ApiFailure | undefined {
    if (!this.flood || !FLOOD_METHODS.has(method)) return undefined;
    const at = Date.now();
    const recent = (times: number[]) => times.filter((t) => t > at - 1000);
    this.floodTimes = recent(this.floodTimes);
    const key = chatKey(params.chat_id) ?? '';
    const chatTimes = recent(this.floodChatTimes.get(key) ?? []);
    this.floodChatTimes.set(key, chatTimes);
    const full = (times: number[], limit: number) => (times.length >= limit ? Math.max(1, Math.ceil(((times[times.length - limit] ?? at) + 1000 - at) / 1000)) : 0);
    const wait = Math.max(full(this.floodTimes, this.flood.perSecond), full(chatTimes, this.flood.perChatPerSecond ?? 1));
    if (wait === 0) return undefined;
    this.floodRefused++;
    return fail(429, `Too Many Requests: retry after ${wait}`, wait);
  }

  /** Counts an accepted send against the flood limit. */
  private floodCount(method: MethodName, params: ApiParams): void {
    if (!this.flood || !FLOOD_METHODS.has(method)) return;
    const at = Date.now();
    this.floodTimes.push(at);
    const key = chatKey(params.chat_id) ?? '';
    this.floodChatTimes.set(key, [...(this.floodChatTimes.get(key) ?? []), at]);
  }

  setDown(down: boolean): void {
    this.down = down;
    this.emitChange();
  }

  get refusedConnections(): number {
    return this.refused;
  }

  // ----- shutdown -------------------------------------------------------------

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    // A held long poll would otherwise keep its socket (and server.close) waiting for up to `timeout` seconds.
    this.poller?.finish(ok([]));
    for (const finish of [...this.holding]) finish(fail(499, 'emulator closed'));
    for (const req of this.webhookRequests) req.destroy(new Error('emulator closed'));
    this.events.emit('close');
    await new Promise<void>((resolve, reject) => {
      // Last resort for sockets that are mid-request when we close; normally every
      // response after this point carries `Connection: close` and sockets end by themselves.
      const force = setTimeout(() => this.server.closeAllConnections(), 2000);
      force.unref();
      this.server.close((err) => {
        clearTimeout(force);
        if (err) reject(err);
        else resolve();
      });
      this.server.closeIdleConnections();
    });
    await this.delivering;
  }

  // ----- HTTP plumbing ----------------------------------------------------------

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const respond = (r: ApiResponse): void => {
      if (res.destroyed || res.writableEnded) return;
      const status = r.ok ? 200 : r.error_code;
      const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
      if (this.closed) headers.connection = 'close';
      res.writeHead(status, headers);
      res.end(JSON.stringify(r));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://emulator.invalid');
      const download = /^\/file\/bot([^/]+)\/documents\/([^/.]+)(?:\.[A-Za-z0-9]+)?$/.exec(url.pathname);
      if (download !== null) {
        const file = decodeURIComponent(download[1] ?? '') === this.token ? this.files.get(decodeURIComponent(download[2] ?? '')) : undefined;
        if (file === undefined) {
          respond(fail(404, 'Not Found'));
          return;
        }
        res.writeHead(200, { 'content-type': file.mime_type ?? 'application/octet-stream', 'content-length': file.bytes.length });
        res.end(file.bytes);
        return;
      }
      const match = /^\/bot([^/]+)\/([^/]*)\/?$/.exec(url.pathname);
      if (match === null) {
        respond(fail(404, 'Not Found'));
        return;
      }
      const token = decodeURIComponent(match[1] ?? '');
      const rawMethod = match[2] ?? '';
      let parsed: { params: ApiParams; transport: CallTransport };
      try {
        const body = await readBody(req);
        parsed = await parseBody(body, req.headers['content-type'] ?? '');
      } catch (err) {
        respond(fail(400, `Bad Request: can't parse request: ${err instanceof Error ? err.message : String(err)}`));
        return;
      }
      // Query-string parameters are accepted too (GET /bot<token>/getMe?x=y); the body wins.
      const params: ApiParams = {};
      for (const [k, v] of url.searchParams) params[k] = normaliseFormField(k, v);
      Object.assign(params, parsed.params);

      const aborters: (() => void)[] = [];
      res.on('close', () => {
        if (!res.writableFinished) for (const cb of aborters) cb();
      });
      const response = await this.execute(token, rawMethod, params, {
        transport: parsed.transport,
        onAbort: (cb) => aborters.push(cb),
      });
      respond(response);
    } catch (err) {
      // A bug in the emulator must not look like a hang to the test.
      respond(fail(500, `Internal Server Error: ${err instanceof Error ? err.message : String(err)}`));
    }
  }

  /** Records the call, applies auth and injected failures, then runs the method. */
  private async execute(token: string, rawMethod: string, params: ApiParams, ctx: DispatchContext): Promise<ApiResponse> {
    const method: string = METHOD_BY_LOWER.get(rawMethod.toLowerCase()) ?? rawMethod;
    const call: StoredCall = { method, params, at: Date.now(), transport: ctx.transport, response: undefined };
    this.callLog.push(call);
    this.emitChange();

    let response: ApiResponse;
    const known = METHOD_BY_LOWER.get(rawMethod.toLowerCase());
    if (token !== this.token) {
      response = fail(401, 'Unauthorized');
    } else if (known === undefined) {
      response = fail(404, 'Not Found');
    } else {
      const hold = this.holds.findIndex((h) => h.method === known && h.match(params));
      if (hold >= 0) {
        this.holds.splice(hold, 1);
        response = await this.hold(ctx);
      } else {
        response = this.injectedFailure(known, params) ?? this.floodCheck(known, params) ?? (await this.dispatch(known, params, ctx));
      }
      if (response.ok) this.floodCount(known, params);
    }
    call.response = response;
    this.events.emit('call', call);
    this.emitChange();
    return response;
  }

  private injectedFailure(method: MethodName, params: ApiParams): ApiFailure | undefined {
    const queued = this.nextFailures.get(method);
    const next = queued?.shift();
    if (next !== undefined) return failureResponse(next);
    const key = chatKey(params.chat_id);
    const perChat = key === undefined ? undefined : this.chatFailures.get(key);
    return perChat === undefined ? undefined : failureResponse(perChat);
  }

  private dispatch(method: MethodName, p: ApiParams, ctx: DispatchContext): ApiResponse | Promise<ApiResponse> {
    switch (method) {
      case 'getMe':
        return ok(this.botInfo);
      case 'getUpdates':
        return this.getUpdates(p, ctx);
      case 'setWebhook':
        return this.setWebhook(p);
      case 'deleteWebhook':
        return this.deleteWebhook(p);
      case 'getWebhookInfo':
        return ok(this.webhookInfo());
      case 'sendMessage':
        return this.sendMessage(p);
      case 'editMessageText':
        return this.editMessageText(p);
      case 'editMessageReplyMarkup':
        return this.editMessageReplyMarkup(p);
      case 'answerCallbackQuery':
        return this.answerCallbackQuery(p);
      case 'sendDocument':
        return this.sendDocument(p, 'document');
      case 'sendPhoto':
        return this.sendDocument(p, 'photo');
      case 'getFile':
        return this.getFile(p);
      case 'setMyCommands':
        return this.setMyCommands(p);
      case 'getMyCommands':
        return ok(this.commands(this.commandsScope(p)));
      case 'deleteMyCommands':
        this.myCommands.delete(this.commandsKey(this.commandsScope(p).scope, this.commandsScope(p).language_code));
        return ok(true);
      case 'sendChatAction':
        return this.sendChatAction(p);
      case 'deleteMessage':
        return this.deleteMessage(p);
    }
  }

  // ----- updates: polling ---------------------------------------------------------

  private getUpdates(p: ApiParams, ctx: DispatchContext): ApiResponse | Promise<ApiResponse> {
    if (this.hook !== undefined) return fail(409, CONFLICT_WEBHOOK);
    const offset = int(p.offset) ?? 0;
    const limit = Math.min(100, Math.max(1, int(p.limit) ?? 100));
    const timeout = Math.max(0, int(p.timeout) ?? 0);
    // Like Telegram, allowed_updates is sticky: absent = keep the previous setting.
    if (Array.isArray(p.allowed_updates)) this.allowedUpdates = p.allowed_updates.filter((u): u is string => typeof u === 'string');
    this.acknowledge(offset);
    // Telegram allows one getUpdates at a time; a newer one kicks out the older.
    this.poller?.finish(fail(409, CONFLICT_OTHER_POLL));
    const available = this.queue.slice(0, limit);
    if (available.length > 0 || timeout === 0 || this.closed) return ok(available);

    return new Promise<ApiResponse>((resolve) => {
      const poller: Poller = {
        limit,
        finish: (r) => {
          if (this.poller !== poller) return;
          this.poller = undefined;
          clearTimeout(timer);
          resolve(r);
        },
      };
      const timer = setTimeout(() => poller.finish(ok([])), timeout * 1000);
      this.poller = poller;
      // telegraf aborts its fetch on bot.stop(); drop the poll so the next update isn't "sent" to nobody.
      ctx.onAbort(() => poller.finish(fail(499, 'Client closed the request before it was answered')));
      this.emitChange();
    });
  }

  /** offset > 0 confirms every update below it; a negative offset keeps only the last |offset| updates. */
  private acknowledge(offset: number): void {
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.queue = this.queue.slice(offset);
  }

  // ----- updates: webhook ---------------------------------------------------------

  private setWebhook(p: ApiParams): ApiResponse {
    const url = str(p.url) ?? '';
    if (url === '') return this.deleteWebhook(p);
    let parsedUrl: URL;
    try {
      parsedUrl = new URL(url);
    } catch {
      return fail(400, 'Bad Request: bad webhook: Failed to resolve host: Name or service not known');
    }
    // Telegram insists on HTTPS; local tests need plain HTTP, so both are accepted.
    if (parsedUrl.protocol !== 'https:' && parsedUrl.protocol !== 'http:') {
      return fail(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
    }
    const secret = str(p.secret_token);
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
      return fail(400, 'Bad Request: secret token contains unallowed characters');
    }
    if (bool(p.drop_pending_updates)) this.queue = [];
    if (Array.isArray(p.allowed_updates)) this.allowedUpdates = p.allowed_updates.filter((u): u is string => typeof u === 'string');
    const wasSet = this.hook !== undefined;
    this.hook = {
      url,
      secretToken: secret === '' ? undefined : secret,
      maxConnections: int(p.max_connections),
      lastErrorDate: undefined,
      lastErrorMessage: undefined,
    };
    this.poller?.finish(fail(409, CONFLICT_WEBHOOK));
    this.pumpWebhook();
    return ok(true, wasSet ? 'Webhook was updated' : 'Webhook was set');
  }

  private deleteWebhook(p: ApiParams): ApiResponse {
    const wasSet = this.hook !== undefined;
    this.hook = undefined;
    if (bool(p.drop_pending_updates)) this.queue = [];
    return ok(true, wasSet ? 'Webhook was deleted' : 'Webhook is already deleted');
  }

  private webhookInfo(): WebhookInfo {
    const hook = this.hook;
    return {
      url: hook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.queue.length,
      ...(hook?.lastErrorDate !== undefined ? { last_error_date: hook.lastErrorDate } : {}),
      ...(hook?.lastErrorMessage !== undefined ? { last_error_message: hook.lastErrorMessage } : {}),
      ...(hook?.maxConnections !== undefined ? { max_connections: hook.maxConnections } : {}),
      ...(this.allowedUpdates.length > 0 ? { allowed_updates: [...this.allowedUpdates] } : {}),
    };
  }

  /**
   * Delivers pending updates one at a time, in order, waiting for each answer — that
   * keeps tests deterministic. A failed delivery stays queued and is retried on the
   * next injected update or setWebhook (Telegram retries on its own schedule).
   */
  private pumpWebhook(): void {
    if (this.closed || this.hook === undefined) return;
    if (this.delivering !== undefined) {
      // Picked up when the running loop ends, so a trigger is never lost in between.
      this.pumpAgain = true;
      return;
    }
    this.pumpAgain = false;
    this.delivering = this.deliverPending().finally(() => {
      this.delivering = undefined;
      if (this.pumpAgain) this.pumpWebhook();
    });
  }

  private async deliverPending(): Promise<void> {
    for (;;) {
      const hook = this.hook;
      const update = this.queue[0];
      if (hook === undefined || update === undefined || this.closed) return;
      const delivered = await this.deliver(hook, update);
      if (!delivered) return;
    }
  }

  private async deliver(hook: WebhookState, update: Update): Promise<boolean> {
    let status: number | undefined;
    let error: string | undefined;
    let reply: { body: Buffer; contentType: string } | undefined;
    try {
      const r = await this.postJson(hook.url, update, hook.secretToken);
      status = r.status;
      if (r.status >= 200 && r.status < 300) reply = r;
      else error = `Wrong response from the webhook: ${r.status} ${http.STATUS_CODES[r.status] ?? ''}`.trim();
    } catch (err) {
      const code = isRecord(err) ? err.code : undefined;
      error = code === 'ECONNREFUSED' ? 'Connection refused' : err instanceof Error ? err.message : String(err);
    }
    const okDelivery = error === undefined;
    this.deliveries.push({
      update_id: update.update_id,
      url: hook.url,
      status,
      ok: okDelivery,
      error,
      secret_token_sent: hook.secretToken !== undefined,
      at: Date.now(),
    });
    if (okDelivery) {
      this.queue = this.queue.filter((u) => u.update_id !== update.update_id);
    } else {
      hook.lastErrorDate = now();
      hook.lastErrorMessage = error;
    }
    this.emitChange();
    if (reply !== undefined && reply.body.length > 0) await this.runWebhookReply(reply.body, reply.contentType);
    return okDelivery;
  }

  /** Telegram executes a method the bot puts in its webhook answer; the result is discarded. */
  private async runWebhookReply(body: Buffer, contentType: string): Promise<void> {
    let params: ApiParams;
    try {
      params = (await parseBody(body, contentType || 'application/json')).params;
    } catch {
      return; // Telegram ignores unparsable webhook answers too.
    }
    const method = str(params.method);
    if (method === undefined) return;
    const { method: _dropped, ...rest } = params;
    await this.execute(this.token, method, rest, { transport: 'webhook-reply', onAbort: () => undefined });
  }

  private postJson(
    url: string,
    payload: unknown,
    secret: string | undefined,
  ): Promise<{ status: number; body: Buffer; contentType: string }> {
    return new Promise((resolve, reject) => {
      const target = new URL(url);
      const body = Buffer.from(JSON.stringify(payload));
      const headers: http.OutgoingHttpHeaders = { 'Content-Type': 'application/json', 'Content-Length': body.length };
      if (secret !== undefined) headers['X-Telegram-Bot-Api-Secret-Token'] = secret;
      // agent:false = one connection per delivery, so nothing lingers after close().
      const options: http.RequestOptions = { method: 'POST', headers, agent: false };
      const onResponse = (res: http.IncomingMessage): void => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), contentType: res.headers['content-type'] ?? '' }),
        );
      };
      const req = target.protocol === 'https:' ? https.request(target, options, onResponse) : http.request(target, options, onResponse);
      this.webhookRequests.add(req);
      req.on('close', () => this.webhookRequests.delete(req));
      req.on('error', reject);
      req.end(body);
    });
  }

  // ----- messages -------------------------------------------------------------------

  private sendMessage(p: ApiParams): ApiResponse {
    const key = chatKey(p.chat_id);
    if (key === undefined) return fail(400, 'Bad Request: chat_id is empty');
    const chatError = this.checkChat(key);
    if (chatError) return chatError;
    const text = str(p.text) ?? '';
    const parseMode = str(p.parse_mode);
    if (text.trim() === '') return fail(400, 'Bad Request: message text is empty');
    if ((renderedLength(text, parseMode) ?? 0) > 4096) return fail(400, 'Bad Request: message is too long');
    const markup = readMarkup(p.reply_markup);
    if ('error' in markup) return markup.error;
    const entities = Array.isArray(p.entities) ? (p.entities as MessageEntity[]) : undefined;
    const stored = this.storeMessage(key, 'sendMessage', p, {
      text,
      caption: undefined,
      parse_mode: parseMode,
      entities,
      reply_markup: markup.markup,
      document: undefined,
    });
    return ok(this.toTelegramMessage(stored));
  }

  /** A document or a photo: both are files the emulator keeps (a photo as sent, without resizing). */
  private sendDocument(p: ApiParams, field: 'document' | 'photo'): ApiResponse {
    const key = chatKey(p.chat_id);
    if (key === undefined) return fail(400, 'Bad Request: chat_id is empty');
    const chatError = this.checkChat(key);
    if (chatError) return chatError;
    const caption = str(p.caption);
    const parseMode = str(p.parse_mode);
    if (caption !== undefined && (renderedLength(caption, parseMode) ?? 0) > 1024) {
      return fail(400, 'Bad Request: message caption is too long');
    }
    const markup = readMarkup(p.reply_markup);
    if ('error' in markup) return markup.error;

    const raw = p[field];
    const known = typeof raw === 'string' ? this.files.get(raw) : undefined;
    let file: Omit<SentDocument, 'chat_id' | 'message_id' | 'caption' | 'source'>;
    let source: SentDocument['source'];
    if (isUploadedFile(raw)) {
      if (raw.file_size === 0) return fail(400, 'Bad Request: file must be non-empty');
      const n = ++this.fileCounter;
      file = {
        file_id: `BQACAgUAAxkDAAI-emu-${n}`,
        file_unique_id: `AgAD-emu-${n}`,
        file_name: raw.file_name,
        mime_type: raw.mime_type,
        file_size: raw.file_size,
        bytes: raw.bytes,
      };
      this.files.set(file.file_id, file);
      source = 'upload';
    } else if (known !== undefined) {
      file = known;
      source = 'file_id';
    } else if (typeof raw === 'string' && /^https?:\/\//.test(raw)) {
      const n = ++this.fileCounter;
      const name = decodeURIComponent(new URL(raw).pathname.split('/').pop() ?? '') || undefined;
      file = {
        file_id: `BQACAgUAAxkDAAI-emu-${n}`,
        file_unique_id: `AgAD-emu-${n}`,
        file_name: name,
        mime_type: name === undefined ? undefined : guessMime(name, ''),
        file_size: 0,
        bytes: Buffer.alloc(0),
      };
      this.files.set(file.file_id, file);
      source = 'url';
    } else if (raw === undefined) {
      return fail(400, `Bad Request: there is no ${field} in the request`);
    } else {
      return fail(400, 'Bad Request: wrong file identifier/HTTP URL specified');
    }

    const messageId = this.peekMessageId(key) + 1;
    const document: SentDocument = { ...file, chat_id: chatIdValue(key), message_id: messageId, caption, source };
    const stored = this.storeMessage(key, field === 'photo' ? 'sendPhoto' : 'sendDocument', p, {
      text: undefined,
      caption,
      parse_mode: parseMode,
      entities: Array.isArray(p.caption_entities) ? (p.caption_entities as MessageEntity[]) : undefined,
      reply_markup: markup.markup,
      document,
    });
    return ok(this.toTelegramMessage(stored));
  }

  /** getFile: a path under /file/bot<token>/ that serves the bytes, for files users sent and the bot sent. */
  private getFile(p: ApiParams): ApiResponse {
    const id = str(p.file_id);
    const file = id === undefined ? undefined : this.files.get(id);
    if (file === undefined) return fail(400, 'Bad Request: invalid file_id');
    return ok({ file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size, file_path: this.filePath(file.file_id) });
  }

  private filePath(fileId: string): string {
    const file = this.files.get(fileId);
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(file?.file_name ?? '')?.[0] ?? '';
    return `documents/${encodeURIComponent(fileId)}${ext}`;
  }

  private editMessageText(p: ApiParams): ApiResponse {
    const found = this.findEditable(p);
    if ('error' in found) return found.error;
    const msg = found.message;
    if (msg.text === undefined) return fail(400, 'Bad Request: there is no text in the message to edit');
    const text = str(p.text) ?? '';
    const parseMode = str(p.parse_mode);
    if (text.trim() === '') return fail(400, 'Bad Request: message text is empty');
    if ((renderedLength(text, parseMode) ?? 0) > 4096) return fail(400, 'Bad Request: message is too long');
    const markup = this.readEditMarkup(p.reply_markup);
    if ('error' in markup) return markup.error;
    const entities = Array.isArray(p.entities) ? (p.entities as MessageEntity[]) : undefined;
    const same =
      msg.text === text &&
      (msg.parse_mode ?? '') === (parseMode ?? '') &&
      canonicalJson(msg.entities) === canonicalJson(entities) &&
      canonicalJson(attachedMarkup(msg.reply_markup)) === canonicalJson(markup.markup);
    if (same) return fail(400, NOT_MODIFIED);
    this.pushHistory(msg);
    msg.text = text;
    msg.parse_mode = parseMode;
    msg.entities = entities;
    // Omitting reply_markup in an edit removes the inline keyboard on Telegram.
    msg.reply_markup = markup.markup;
    msg.edit_date = now();
    return ok(this.toTelegramMessage(msg));
  }

  private editMessageReplyMarkup(p: ApiParams): ApiResponse {
    const found = this.findEditable(p);
    if ('error' in found) return found.error;
    const msg = found.message;
    const markup = this.readEditMarkup(p.reply_markup);
    if ('error' in markup) return markup.error;
    if (canonicalJson(attachedMarkup(msg.reply_markup)) === canonicalJson(markup.markup)) return fail(400, NOT_MODIFIED);
    this.pushHistory(msg);
    msg.reply_markup = markup.markup;
    msg.edit_date = now();
    return ok(this.toTelegramMessage(msg));
  }

  private deleteMessage(p: ApiParams): ApiResponse {
    const key = chatKey(p.chat_id);
    const messageId = int(p.message_id);
    if (key === undefined) return fail(400, 'Bad Request: chat_id is empty');
    if (messageId === undefined) return fail(400, 'Bad Request: message identifier is not specified');
    const userMsgs = this.userMessages.get(key);
    if (userMsgs?.delete(messageId) === true) return ok(true);
    const msg = this.messages.get(key)?.find((m) => m.message_id === messageId);
    if (msg === undefined || msg.deleted) return fail(400, 'Bad Request: message to delete not found');
    msg.deleted = true;
    return ok(true);
  }

  private answerCallbackQuery(p: ApiParams): ApiResponse {
    const id = str(p.callback_query_id);
    if (id === undefined) return fail(400, 'Bad Request: query_id is empty');
    const query = this.queries.get(id);
    // Telegram rejects unknown ids and second answers with the same message.
    if (query === undefined || query.answered) return fail(400, QUERY_INVALID);
    query.answered = true;
    this.answers.push({
      callback_query_id: id,
      text: str(p.text),
      show_alert: bool(p.show_alert),
      url: str(p.url),
      cache_time: int(p.cache_time),
      at: Date.now(),
      data: query.data,
      chat_id: chatIdValue(query.chatKey),
      message_id: query.messageId,
    });
    return ok(true);
  }

  private sendChatAction(p: ApiParams): ApiResponse {
    const key = chatKey(p.chat_id);
    if (key === undefined) return fail(400, 'Bad Request: chat_id is empty');
    const action = str(p.action);
    if (action === undefined || !CHAT_ACTIONS.has(action)) return fail(400, 'Bad Request: wrong parameter action in request');
    return ok(true);
  }

  private setMyCommands(p: ApiParams): ApiResponse {
    const commands = p.commands;
    if (!Array.isArray(commands)) return fail(400, "Bad Request: can't parse commands JSON object");
    const list: BotCommand[] = [];
    for (const c of commands) {
      const command = isRecord(c) ? str(c.command) : undefined;
      const description = isRecord(c) ? str(c.description) : undefined;
      // Uppercase or dashed command names are a classic mistake Telegram rejects.
      if (command === undefined || !/^[a-z0-9_]{1,32}$/.test(command)) return fail(400, 'Bad Request: BOT_COMMAND_INVALID');
      if (description === undefined || description.length < 1 || description.length > 256) {
        return fail(400, 'Bad Request: command description must be non-empty');
      }
      list.push({ command, description });
    }
    const { scope, language_code } = this.commandsScope(p);
    this.myCommands.set(this.commandsKey(scope, language_code), list);
    return ok(true);
  }

  // ----- message helpers --------------------------------------------------------------

  private commandsScope(p: ApiParams): { scope?: Record<string, unknown>; language_code?: string } {
    const scope = isRecord(p.scope) ? p.scope : undefined;
    const language_code = str(p.language_code);
    return { ...(scope ? { scope } : {}), ...(language_code ? { language_code } : {}) };
  }

  private commandsKey(scope: Record<string, unknown> | undefined, languageCode: string | undefined): string {
    return `${canonicalJson(scope ?? { type: 'default' })}|${languageCode ?? ''}`;
  }

  private readEditMarkup(raw: unknown): { markup: InlineKeyboardMarkup | undefined } | { error: ApiFailure } {
    const r = readMarkup(raw);
    if ('error' in r) return r;
    if (r.markup !== undefined && !isInlineMarkup(r.markup)) return { error: fail(400, 'Bad Request: inline keyboard expected') };
    return { markup: attachedMarkup(r.markup) };
  }

  private findEditable(p: ApiParams): { message: StoredMessage } | { error: ApiFailure } {
    if (p.inline_message_id !== undefined) {
      return { error: fail(400, 'Bad Request: inline messages are not supported by the emulator') };
    }
    const key = chatKey(p.chat_id);
    const messageId = int(p.message_id);
    if (key === undefined) return { error: fail(400, 'Bad Request: chat_id is empty') };
    if (messageId === undefined) return { error: fail(400, 'Bad Request: message identifier is not specified') };
    if (this.userMessages.get(key)?.has(messageId) === true) {
      return { error: fail(400, "Bad Request: message can't be edited") };
    }
    const message = this.messages.get(key)?.find((m) => m.message_id === messageId && !m.deleted);
    if (message === undefined) return { error: fail(400, 'Bad Request: message to edit not found') };
    return { message };
  }

  private pushHistory(msg: StoredMessage): void {
    msg.history.push({ text: msg.text, caption: msg.caption, reply_markup: msg.reply_markup, at: Date.now() });
  }

  private checkChat(key: string): ApiFailure | undefined {
    // Numeric ids are accepted even if the user never wrote (lenient, for proactive
    // reminders in tests); @usernames can't be resolved without a real directory.
    return /^-?\d+$/.test(key) ? undefined : fail(400, 'Bad Request: chat not found');
  }

  private storeMessage(
    key: string,
    method: string,
    params: ApiParams,
    content: Pick<StoredMessage, 'text' | 'caption' | 'parse_mode' | 'entities' | 'reply_markup' | 'document'>,
  ): StoredMessage {
    const message: StoredMessage = {
      chat_id: chatIdValue(key),
      message_id: this.nextMessageId(key),
      method,
      ...content,
      history: [],
      deleted: false,
      params,
      date: now(),
      edit_date: undefined,
    };
    const list = this.messages.get(key) ?? [];
    list.push(message);
    this.messages.set(key, list);
    return message;
  }

  /** Private chats number messages per chat, shared between the user and the bot. */
  private peekMessageId(key: string): number {
    return this.messageCounters.get(key) ?? 0;
  }

  private nextMessageId(key: string): number {
    const id = this.peekMessageId(key) + 1;
    this.messageCounters.set(key, id);
    return id;
  }

  private chatFor(key: string): Chat {
    const known = this.chats.get(key);
    if (known !== undefined) return known;
    const id = Number(key);
    if (id > 0) return { id, type: 'private', first_name: '测试用户', username: `user${id}` };
    if (id <= -1_000_000_000_000) return { id, type: 'supergroup', title: '测试超级群' };
    return { id, type: 'group', title: '测试群' };
  }

  private userFor(chatId: number, from: Partial<User> | undefined): User {
    const id = from?.id ?? (chatId > 0 ? chatId : 10_001);
    return { id, is_bot: false, first_name: '测试用户', username: `user${id}`, language_code: 'zh-hans', ...from };
  }

  /** Keeps chat info, message counters and user message ids in step with injected updates. */
  private noteUserContent(update: Update): void {
    const u = update as unknown as Record<string, unknown>;
    for (const field of ['message', 'edited_message', 'channel_post', 'edited_channel_post']) {
      const m = u[field];
      if (!isRecord(m) || !isRecord(m.chat)) continue;
      const key = chatKey(m.chat.id);
      if (key === undefined) continue;
      this.chats.set(key, m.chat as unknown as Chat);
      const messageId = int(m.message_id);
      if (messageId !== undefined && (field === 'message' || field === 'channel_post')) {
        this.messageCounters.set(key, Math.max(this.peekMessageId(key), messageId));
        const set = this.userMessages.get(key) ?? new Set<number>();
        set.add(messageId);
        this.userMessages.set(key, set);
      }
    }
    for (const field of ['my_chat_member', 'chat_member', 'chat_join_request']) {
      const m = u[field];
      if (!isRecord(m) || !isRecord(m.chat)) continue;
      const key = chatKey(m.chat.id);
      if (key !== undefined) this.chats.set(key, m.chat as unknown as Chat);
    }
  }

  private toTelegramMessage(m: StoredMessage): Message {
    const base = {
      message_id: m.message_id,
      from: {
        id: this.botInfo.id,
        is_bot: true,
        first_name: this.botInfo.first_name,
        username: this.botInfo.username,
      } satisfies User,
      chat: this.chatFor(String(m.chat_id)),
      date: m.date,
      ...(m.edit_date !== undefined ? { edit_date: m.edit_date } : {}),
      // Only inline keyboards are part of a message; reply keyboards belong to the chat UI.
      ...(attachedMarkup(m.reply_markup) !== undefined ? { reply_markup: attachedMarkup(m.reply_markup) } : {}),
    };
    if (m.document !== undefined && m.method === 'sendPhoto') {
      const d = m.document;
      const message: Message.PhotoMessage = {
        ...base,
        photo: [{ file_id: d.file_id, file_unique_id: d.file_unique_id, width: 512, height: 512, file_size: d.file_size }],
        ...(m.caption !== undefined ? { caption: m.caption } : {}),
      };
      return message;
    }
    if (m.document !== undefined) {
      const d = m.document;
      const document: Document = {
        file_id: d.file_id,
        file_unique_id: d.file_unique_id,
        ...(d.file_name !== undefined ? { file_name: d.file_name } : {}),
        ...(d.mime_type !== undefined ? { mime_type: d.mime_type } : {}),
        file_size: d.file_size,
      };
      const message: Message.DocumentMessage = {
        ...base,
        document,
        ...(m.caption !== undefined ? { caption: m.caption } : {}),
        ...(m.entities !== undefined ? { caption_entities: [...m.entities] } : {}),
      };
      return message;
    }
    const message: Message.TextMessage = {
      ...base,
      text: m.text ?? '',
      ...(m.entities !== undefined ? { entities: [...m.entities] } : {}),
    };
    return message;
  }

  // ----- diagnostics ------------------------------------------------------------------

  private emitChange(): void {
    this.events.emit('change');
  }

  private describeRecent(): string {
    const interesting = this.callLog.filter((c) => c.method !== 'getUpdates');
    const recent = interesting.slice(-8);
    const lines = recent.map((c) => {
      const r = c.response;
      const outcome = r === undefined ? 'pending' : r.ok ? 'ok' : `${r.error_code} ${r.description}`;
      return `  ${c.method} ${describeParams(c.params)} -> ${outcome}`;
    });
    const failedDeliveries = this.deliveries.filter((d) => !d.ok).slice(-3);
    const parts = [
      `\nRecorded ${this.callLog.length} call(s) (${this.callLog.length - interesting.length} getUpdates); last ${recent.length} other:`,
      ...(lines.length > 0 ? lines : ['  (none)']),
      `Pending updates: ${this.queue.length}; polling: ${this.isPolling}; webhook: ${this.hook?.url ?? 'none'}`,
      ...failedDeliveries.map((d) => `  webhook delivery of update ${d.update_id} failed: ${d.error ?? ''}`),
    ];
    return parts.join('\n');
  }
}

/**
 * Starts an emulator on 127.0.0.1 with a free port.
 *
 * @example
 * const emu = await startTelegramEmulator();
 * const bot = new Telegraf(emu.token, { telegram: { apiRoot: emu.apiRoot } });
 */
export async function startTelegramEmulator(opts: TelegramEmulatorOptions = {}): Promise<TelegramEmulator> {
  const emulator = new Emulator(opts);
  await emulator.listen();
  return emulator;
}

/** Flat list of the inline buttons on a message, handy for assertions. */
export function inlineButtons(message: Pick<SentMessage, 'reply_markup'> | undefined): { text: string; callback_data?: string; url?: string }[] {
  const markup = attachedMarkup(message?.reply_markup);
  return (markup?.inline_keyboard ?? []).flat().map((b) => ({
    text: b.text,
    ...('callback_data' in b ? { callback_data: b.callback_data } : {}),
    ...('url' in b ? { url: b.url } : {}),
  }));
}
