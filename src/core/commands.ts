/** Recognises the command words of templates/commands.ts in what a unit typed. */
import { commandWords, type CommandName } from '../../templates/commands.ts';
import type { ConversationEvent } from './conversation.ts';

export type { CommandName };

const byWord = new Map<string, CommandName>();
for (const [name, words] of Object.entries(commandWords) as [CommandName, readonly string[]][]) {
  for (const word of words) byWord.set(word.toLowerCase(), name);
}

/**
 * The command a message stands for, if any: the whole message must be a command word ("Start Up 有限公司"
 * is a unit name, not /start); only a slash command may carry a payload (/start <campaign>, /cmd@bot).
 */
export function commandOf(text: string): CommandName | undefined {
  const message = text.normalize('NFKC').trim();
  const word = message.startsWith('/') ? message.slice(1).split(/[\s@]/)[0] ?? '' : message;
  return byWord.get(word.toLowerCase());
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
    case 'pauseReminders': return { type: 'user.reminders', paused: true };
    case 'resumeReminders': return { type: 'user.reminders', paused: false };
    case 'switchCampaign': return { type: 'user.switch' };
    case 'pdf':
    case 'quit':
      return name;
  }
}

/** A typed message as an event: a command word, or else an answer. */
export function eventForText(text: string): ConversationEvent | ChannelCommand {
  const name = commandOf(text);
  if (!name) return { type: 'user.answer', input: text, typed: true };
  const message = text.normalize('NFKC').trim();
  const payload = message.startsWith('/') ? message.split(/\s+/)[1] : undefined;
  return eventForCommand(name, payload);
}
