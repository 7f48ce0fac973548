/**
 * Both campaigns in one bot, through the real telegraf and the Bot API emulator: a unit picks one by its
 * button, comes to the other by a deep link, switches back with 切换, and fills the Wenshui objection form
 * with buttons; its PDF comes with /pdf.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Telegraf } from 'telegraf';
import { campaigns, findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { DocumentService } from '../../src/app/document-service.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { createBot } from '../../src/adapters/telegram/bot.ts';
import { startPolling, type RunningBot } from '../../src/adapters/telegram/run.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { captureLog } from '../support/capture-log.ts';
import { completeAnswers, typedConversation } from '../support/profiles.ts';
import { inlineButtons, startTelegramEmulator, type SentMessage, type TelegramEmulator } from '../support/telegram-emulator.ts';

const changji = findCampaign('changji-2024') as Campaign;
const wenshui = findCampaign('wenshui-2022') as Campaign;
const NOW = new Date('2025-04-28T02:00:00Z');
const CHAT = 6001;

let emu: TelegramEmulator;
let bot: Telegraf;
let running: RunningBot;
let store: MemoryStore;

beforeEach(async () => {
  emu = await startTelegramEmulator();
  store = new MemoryStore({ retentionSeconds: 3600, now: () => NOW.getTime() });
  const service = new ConversationService({ campaigns, store, clock: () => NOW });
  const documents = new DocumentService(service, campaigns, () => NOW, renderPdf);
  bot = createBot({ token: emu.token, apiRoot: emu.apiRoot, service, store, documents, logger: captureLog().logger });
  running = await startPolling(bot);
  await emu.waitFor(() => emu.isPolling);
});
afterEach(async () => {
  await running.stop();
  await emu.close();
});

const last = () => emu.lastSent(CHAT) as SentMessage;
/** Does something and waits until the bot's last message has buttons (a question or a choice) again. */
async function act(doIt: () => unknown): Promise<SentMessage[]> {
  const before = emu.sent(CHAT).length;
  doIt();
  await emu.waitFor(() => emu.sent(CHAT).length > before && inlineButtons(last()).length > 0);
  return emu.sent(CHAT).slice(before);
}
const press = (label: string) => act(() => emu.pressButton(CHAT, last().message_id, inlineButtons(last()).find((b) => b.text === label || b.text.startsWith(label))?.callback_data as string));
const type = (text: string) => act(() => emu.sendText(CHAT, text));
const session = async () => JSON.parse((await store.load(`tg:${CHAT}`))?.data ?? '{}').context;

describe('two campaigns in one bot', () => {
  it('picks by button, comes by deep link, switches back with 切换, and fills an objection with buttons', async () => {
    await type('/start');
    expect(inlineButtons(last()).map((b) => b.text)).toEqual([changji.title, wenshui.title]);
    await press(changji.title);
    await type('昌吉市某某有限公司');
    expect((await session()).campaignId).toBe('changji-2024');

    // The Wenshui bureau's link: /start <campaign id>.
    const linked = await type('/start wenshui-2022');
    expect(linked.map((m) => m.text).join('\n')).toContain('现已过期');
    const lines = typedConversation(wenshui, completeAnswers(wenshui, { unit_type: 'enterprise', area: 'wenshui', staff: 3, sanctions: 0 }, NOW), NOW);
    for (const line of lines) {
      const before = emu.sent(CHAT).length;
      emu.sendText(CHAT, line);
      await emu.waitFor(() => emu.sent(CHAT).length > before && (inlineButtons(last()).length > 0 || /^📋/.test(last().text ?? '')));
    }
    expect(emu.sent(CHAT).some((m) => /^📋/.test(m.text ?? '') && m.text?.includes('A 级'))).toBe(true);
    expect((await session()).parked['changji-2024'].answers).toEqual({ unit_name: '昌吉市某某有限公司' });

    await type('切换');
    expect(inlineButtons(last()).map((b) => b.text)).toEqual([`${changji.title}（已开始，回答保留）`, `${wenshui.title}（已开始，回答保留）`]);
    const back = await press(changji.title);
    expect(back.at(-1)?.text).toContain('统一社会信用代码');
    await type('切换');
    // Back to Wenshui, finished: its summary again (no buttons under it).
    const choice = last();
    emu.pressButton(CHAT, choice.message_id, inlineButtons(choice).find((b) => b.text.startsWith(wenshui.title))?.callback_data as string);
    await emu.waitFor(() => emu.sent(CHAT).slice(-3).some((m) => /^📋/.test(m.text ?? '')));

    await type('异议');
    await press('侵犯商业秘密');
    await type('2024年的评价结果');
    await type('跳过');
    await type('2025-09-29');
    // 需要其他部门核查: 是. After the result the unit is back at its finished summary (no buttons), so wait for the dates.
    emu.pressButton(CHAT, last().message_id, inlineButtons(last()).find((b) => b.text === '是')?.callback_data as string);
    await emu.waitFor(() => emu.sent(CHAT).some((m) => m.text?.includes('已填写完成') === true));
    const text = emu.sent(CHAT).map((m) => m.text ?? '').join('\n');
    expect(text).toContain('人社部门核查处理并告知结果：2025-10-20');
    expect(text).toContain('核实后的记录推送至市信用信息共享平台：2025-10-27');

    const before = emu.documents(CHAT).length;
    emu.sendText(CHAT, '/pdf');
    await emu.waitFor(() => emu.documents(CHAT).length === before + 2, 15_000);
    const unit = completeAnswers(wenshui, {}, NOW).unit_name as string;
    expect(emu.documents(CHAT).slice(before).map((d) => d.file_name)).toEqual([`劳动保障信用等级自查报告-${unit}.pdf`, `劳动保障信用信息异议申请-${unit}.pdf`]);
  });
});
