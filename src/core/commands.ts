/** Recognises the command words of templates/commands.ts in what a unit typed. */
import { commandWords, type CommandName } from '../../templates/commands.ts';
import type { ConversationEvent } from './conversation.ts';

export type { CommandName };

const byWord = new Map<string, CommandName>();
for (const [name, words] of Object.entries(commandWords) as [CommandName, readonly string[]][]) {
  for (const word of words) byWord.set(word.toLowerCase(), name);
}

/** The command a message stands for (a leading "/" is allowed, as on Telegram), if any. */
export function commandOf(text: string): CommandName | undefined {
  const word = text.normalize('NFKC').trim().replace(/^\//, '').split(/[\s@]/)[0]?.toLowerCase() ?? '';
  return byWord.get(word);
}

/** Commands a channel handles itself rather than the conversation. */
export type ChannelCommand = 'pdf' | 'quit';

/** The conversation event a command stands for, or the channel command itself. */
export function eventForCommand(name: CommandName, payload?: string): ConversationEvent | ChannelCommand {
  switch (name) {
    case 'start': return payload ? { type: 'user.start', campaignId: payload } : { type: 'user.start' };
    case 'back': return { type: 'user.back' };
    case 'skip': return { type: 'user.skip' };
    case 'status': return { type: 'user.status' };
    case 'review': return { type: 'user.review' };
    case 'continue': return { type: 'user.continue' };
    case 'restart': return { type: 'user.restart' };
    case 'help': return { type: 'user.help' };
    case 'checklist': return { type: 'user.checklist' };
    case 'contact': return { type: 'user.contact' };
    case 'forget': return { type: 'user.forget' };
    case 'pdf':
    case 'quit':
      return name;
  }
}

/** A typed message as an event: a command word, or else an answer. */
export function eventForText(text: string): ConversationEvent | ChannelCommand {
  const name = commandOf(text);
  if (!name) return { type: 'user.answer', input: text };
  const payload = text.normalize('NFKC').trim().split(/\s+/)[1];
  return eventForCommand(name, payload);
}
