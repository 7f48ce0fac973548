/**
 * What the staff tests share: valid credit codes on demand, a staff file's members for three bureaus, units
 * made by real conversations, and talking to the bot through the Telegram emulator.
 */
import { ConversationService } from '../../src/app/conversation-service.ts';
import { DocumentService } from '../../src/app/document-service.ts';
import { StaffDirectory } from '../../src/app/staff-directory.ts';
import { rosterHooks, StaffService } from '../../src/app/staff-service.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { openStaffStores } from '../../src/adapters/store/open-store.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { eventForText } from '../../src/core/commands.ts';
import type { AnswerValue } from '../../src/core/conditions.ts';
import { creditCodeCheckChar } from '../../src/core/credit-code.ts';
import { completeAnswers, PROFILES, typedConversation } from './profiles.ts';
import type { SentMessage, TelegramEmulator } from './telegram-emulator.ts';

/** A valid unified social credit code, different for every n. */
export const creditCode = (n: number) => {
  const first17 = `91652300MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
};

/** The same code with a wrong check character. */
export const badCreditCode = (n: number) => {
  const good = creditCode(n);
  return good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
};

export const FUKANG_CLERK = 9001;
export const QITAI_CLERK = 9002;
export const PREFECTURE = 9003;
export const STRANGER = 4242;

export const staffMembers = [
  { name: '阜康市人社局 王', telegramIds: [FUKANG_CLERK], areas: ['fukang'] },
  { name: '奇台县人社局 李', telegramIds: [QITAI_CLERK], areas: ['qitai'] },
  { name: '州人社局 张', telegramIds: [PREFECTURE], areas: 'all' as const },
];

/**
 * The staff tests' services on a real Redis under `prefix`: units talk to `campaign`, the staff file's members
 * (`staffMembers`) see `staffCampaigns` (the invitations of a roster find their unit through the roster's hooks).
 */
export async function openStaffRig(o: { redisUrl: string; prefix: string; campaign: Campaign; staffCampaigns?: Campaign[]; now: Date }) {
  const clock = () => o.now;
  const staffCampaigns = o.staffCampaigns ?? [o.campaign];
  const store = new RedisStore({ url: o.redisUrl, prefix: o.prefix, retentionSeconds: 30 * 86_400, now: () => o.now.getTime() });
  await store.connect();
  const staffStores = openStaffStores(store, o.prefix);
  const conversations = new ConversationService({ campaigns: [o.campaign], store, clock, ...rosterHooks(staffStores.roster) });
  const documents = new DocumentService(conversations, [o.campaign], clock, renderPdf);
  const staff = new StaffService({ directory: new StaffDirectory(staffMembers, staffCampaigns), campaigns: staffCampaigns, store, ...staffStores, documents, clock });
  return { store, conversations, documents, staff };
}

/** A unit made by a real conversation (straight through the service, as the bot would): finished, or given up after `stopAfter` answers. */
export async function typedUnit(
  conversations: ConversationService,
  campaign: Campaign,
  now: Date,
  key: string,
  given: Record<string, AnswerValue | null>,
  stopAfter?: number,
): Promise<void> {
  const lines = typedConversation(campaign, completeAnswers(campaign, given, now), now);
  for (const line of ['开始', ...lines.slice(0, stopAfter)]) {
    const event = eventForText(line);
    if (typeof event === 'string') throw new Error(line);
    await conversations.handle(key, event);
  }
}

/** The staff tests' county: a finished unit and one given up after 8 answers in 阜康, a finished one in 奇台. */
export async function seedCounty(unit: (key: string, given: Record<string, AnswerValue | null>, stopAfter?: number) => Promise<void>): Promise<void> {
  await unit('tg:1', { ...PROFILES.enterpriseA, unit_name: '阜康市甲公司', credit_code: creditCode(1) });
  await unit('tg:2', { ...PROFILES.enterpriseA, unit_name: '阜康市乙公司', credit_code: creditCode(2) }, 8);
  await unit('tg:3', { ...PROFILES.enterpriseB, unit_name: '奇台县某公司', credit_code: creditCode(10) });
}

/** Sends a message (a staff command, or anything) to the bot and waits for `count` new messages in that chat. */
export async function sendAndWait(emu: TelegramEmulator, chat: number, text: string, count = 1): Promise<SentMessage[]> {
  const before = emu.sent(chat).length;
  emu.sendText(chat, text);
  await emu.waitFor(() => emu.sent(chat).length >= before + count);
  return emu.sent(chat).slice(before);
}

/** A callback press the emulator never showed (a forged or kept button): straight in as a raw update. */
export function forgeCallback(emu: TelegramEmulator, chat: number, data: string, messageId = 1): void {
  emu.sendUpdate({
    callback_query: {
      id: `forged-${chat}-${data}`,
      chat_instance: '1',
      from: { id: chat, is_bot: false, first_name: '用户' },
      message: { message_id: messageId, date: 0, chat: { id: chat, type: 'private', first_name: '用户' }, text: 'x' },
      data,
    },
  } as never);
}

/** The bot's answers to the callback queries whose ids start with `prefix` (forged ones: `forged-<chat>`). */
export const callbackAnswers = (emu: TelegramEmulator, prefix: string) =>
  emu.calls.filter((c) => c.method === 'answerCallbackQuery' && String(c.params.callback_query_id).startsWith(prefix));
