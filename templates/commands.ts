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

/** Words that answer a yes/no question (matched whole, case-insensitive; 1 and 2 are the option numbers). */
export const yesWords = ['是', '是的', '有', '对', '已', '已经', '已签', '已办', 'y', 'yes', 'true', '1', '√', '✓'] as const;
export const noWords = ['否', '不是', '没有', '无', '不', '未', '没', 'n', 'no', 'false', '2', '×', '✗'] as const;

/** Words that confirm a restart or a deletion; anything else cancels. */
export const confirmWords = ['是', '是的', '确定', '确认', '好', 'y', 'yes', 'ok', '1'] as const;

/** The words behind menu buttons: what a press sends, as if typed. */
export const menuWords = { continue: '继续', confirm: '是', cancel: '取消' } as const;

/** Units people add after a number ("25人", "2,070元"), dropped before parsing. */
export const numberSuffixes = ['人', '名', '元', '小时', '个', '次', '天', 'h'] as const;
