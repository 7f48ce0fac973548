/**
 * Our bot as a peer-bench bot (the interface at the end of shared/peer-bench/RESULTS.md): the real Telegram
 * adapter (telegraf, the per-chat queue, the conversation service, the Redis store with its staff index)
 * on a campaign of the harness's N yes/no questions, with the Bot API stubbed as the telegraf peer does.
 */
import { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { chatKey, createBot as createTelegramBot } from '../../src/adapters/telegram/bot.ts';
import { encodeAnswerButton } from '../../src/adapters/telegram/callback-data.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { checklistCampaign, type ChecklistQuestion } from '../../test/support/checklist-campaign.ts';

type FakeApi = (method: string, payload: unknown) => unknown;
type PeerOptions = { redisUrl: string; fakeApi: FakeApi; questions: ChecklistQuestion[] };

const realCallApi = Telegram.prototype.callApi;
const RETENTION_SECONDS = 400 * 86_400;

export async function createBot({ redisUrl, fakeApi, questions }: PeerOptions) {
  // handleUpdate() builds a Telegram per update, so the stub sits on the prototype (before the bot binds it).
  Telegram.prototype.callApi = (async (method: string, payload: unknown) => fakeApi(method, payload)) as typeof realCallApi;
  const campaign = checklistCampaign(questions);
  const store = new RedisStore({ url: redisUrl, retentionSeconds: RETENTION_SECONDS });
  await store.connect();
  const service = new ConversationService({ campaigns: [campaign], store });
  const bot = createTelegramBot({ token: '123:fake', service, store });
  bot.botInfo = { id: 123, is_bot: true, first_name: 'Bench', username: 'bench_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };

  return {
    handleUpdate: (update: Update) => bot.handleUpdate(update),
    readAnswers: async (userId: number) => {
      const snapshot = await service.current(chatKey(userId));
      const answers = snapshot?.context.answers ?? {};
      return Object.fromEntries(Object.entries(answers).map(([id, v]) => [id, v === true ? 'yes' : v === false ? 'no' : String(v)]));
    },
    // Question i is asked at revision i: every accepted answer adds one.
    callbackData: (i: number, answer: 'yes' | 'no') => encodeAnswerButton({ questionId: campaign.questions[i]?.id, option: answer, rev: i }),
    close: async () => {
      Telegram.prototype.callApi = realCallApi;
      await store.close();
    },
  };
}
