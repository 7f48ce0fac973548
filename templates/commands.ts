/**
 * The words a unit may type instead of answering, in Chinese and English (Telegram adds /commands).
 * Matched whole, after trimming; case does not matter.
 */
export const commandWords = {
  start: ['开始', 'start'],
  back: ['返回', '上一题', 'back'],
  skip: ['跳过', 'skip'],
  status: ['进度', 'status'],
  review: ['查看', '查看回答', 'review'],
  continue: ['继续', '继续答题', 'continue'],
  restart: ['重新开始', 'restart'],
  help: ['帮助', 'help', '?', '？'],
  checklist: ['材料清单', 'checklist'],
  contact: ['联系方式', 'contact'],
  forget: ['删除我的数据', 'forget'],
  pdf: ['下载', 'pdf'],
  quit: ['退出', 'quit', 'exit'],
} as const;

export type CommandName = keyof typeof commandWords;
