/**
 * The conversation machine by itself, through XState's pure transitions: for each mode and event, the mode
 * it goes to, what it changes, and which messages it asks the channel to say (keys from templates/).
 */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { changji2024 } from '../../flows/changji-2024.ts';
import { Campaign as CampaignSchema, type Campaign } from '../../src/core/campaign.ts';
import { campaignByInput, carriedAnswers, createConversationMachine, reviewPickNumber, type ConversationEvent } from '../../src/core/conversation.ts';
import { pureTransitions } from '../../src/core/pure-transition.ts';
import { IN_WINDOW, PROFILES, completeAnswers, typedConversation } from '../support/profiles.ts';

const changji = findCampaign('changji-2024') as Campaign;
const wenshui = findCampaign('wenshui-2022') as Campaign;

type Step = { state: unknown; said: unknown[]; actions: string[]; context: ReturnType<typeof chat>['context'] };
/** A unit's conversation over these campaigns, one event at a time. */
function chat(campaigns: Campaign[]) {
  const pure = pureTransitions(createConversationMachine(campaigns, () => IN_WINDOW));
  let [snapshot] = pure.initialTransition();
  const api = {
    get context() {
      return snapshot.context;
    },
    get state() {
      return snapshot.value;
    },
    send(event: ConversationEvent): Step {
      const [next, actions] = pure.transition(snapshot, event);
      snapshot = next;
      const said = actions.filter((a) => a.type === 'say').map((a) => (a.params as { key: string; params?: unknown }).params === undefined ? (a.params as { key: string }).key : a.params);
      return { state: next.value, said, actions: actions.map((a) => a.type), context: next.context };
    },
    answer(input: string, rev = snapshot.context.rev): Step {
      return api.send({ type: 'user.answer', input, rev });
    },
  };
  return api;
}
/** A Changji unit already in the checklist (one campaign: it starts straight away). */
const started = () => {
  const c = chat([changji]);
  c.send({ type: 'user.start' });
  return c;
};

describe('arriving', () => {
  it('with one campaign, greets, introduces it and asks the first question', () => {
    const c = chat([changji]);
    const step = c.send({ type: 'user.start' });
    expect(step.state).toBe('asking');
    expect(step.actions).toEqual(['welcome', 'introduceCampaign', 'prompt']);
    expect(step.context.campaignId).toBe('changji-2024');
  });
  it('with several, greets and asks which; a number, id or title picks one, anything else asks again', () => {
    const c = chat([changji, wenshui]);
    expect(c.send({ type: 'user.start' })).toMatchObject({ state: 'choosingCampaign', actions: ['welcome', 'prompt'] });
    expect(c.answer('第三个')).toMatchObject({ state: 'choosingCampaign', said: ['conversation.chooseCampaignAgain'], actions: ['say', 'prompt'] });
    const picked = c.answer('2');
    expect(picked).toMatchObject({ state: 'asking', actions: ['introduceCampaign', 'prompt'] });
    expect(picked.context.campaignId).toBe('wenshui-2022');
  });
  it('by a link to a known campaign, goes straight to it', () => {
    const step = chat([changji, wenshui]).send({ type: 'user.start', campaignId: 'wenshui-2022' });
    expect(step).toMatchObject({ state: 'asking', actions: ['welcome', 'introduceCampaign', 'prompt'] });
    expect(step.context.campaignId).toBe('wenshui-2022');
  });
  it('by a roster invitation, fills in name, code and area and says so', () => {
    const invite = { campaignId: 'changji-2024', name: '阜康某某有限公司', creditCode: '91350100M000100Y43', area: 'fukang' };
    const step = chat([changji, wenshui]).send({ type: 'user.start', invite });
    expect(step.said).toEqual([{ key: 'conversation.invited', params: invite }]);
    expect(step.actions).toEqual(['welcome', 'introduceCampaign', 'say', 'prompt']);
    expect(step.context.answers).toEqual({ unit_name: invite.name, credit_code: invite.creditCode, area: 'fukang' });
  });
  it('with an invitation to a campaign this deployment does not run, asks which campaign', () => {
    const step = chat([changji, wenshui]).send({ type: 'user.start', invite: { campaignId: 'nowhere-2030', name: 'x', creditCode: 'y', area: 'z' } });
    expect(step.state).toBe('choosingCampaign');
    expect(step.context.answers).toEqual({});
  });
  it('says welcome back to a unit that starts again, and asks where it was', () => {
    const c = started();
    expect(c.send({ type: 'user.start' })).toMatchObject({ state: 'asking', said: ['conversation.welcomeBack'], actions: ['say', 'prompt'] });
  });
});

describe('asides that work in every mode', () => {
  it('help and status', () => {
    const c = started();
    expect(c.send({ type: 'user.help' }).actions).toEqual(['help', 'reprompt']);
    expect(c.send({ type: 'user.status' }).actions).toEqual(['prompt']);
    expect(c.send({ type: 'user.checklist' }).actions).toEqual(['showChecklist', 'reprompt']);
    expect(c.send({ type: 'user.contact' }).actions).toEqual(['showContacts', 'reprompt']);
  });
  it('pausing and resuming reminders, and nothing to pause before a campaign is chosen', () => {
    const c = started();
    expect(c.send({ type: 'user.reminders', paused: true })).toMatchObject({ said: ['reminders.paused'], actions: ['say', 'reprompt'] });
    expect(c.context.remindersPaused).toBe(true);
    expect(c.send({ type: 'user.reminders', paused: false }).said).toEqual(['reminders.resumed']);
    expect(c.context.remindersPaused).toBe(false);
    const choosing = chat([changji, wenshui]);
    choosing.send({ type: 'user.start' });
    expect(choosing.send({ type: 'user.reminders', paused: true })).toMatchObject({ said: ['reminders.nothingYet'], actions: ['say', 'reprompt'] });
  });
  it('switching campaigns: only where there are several, keeping the revision moving', () => {
    const one = started();
    expect(one.send({ type: 'user.switch' })).toMatchObject({ said: ['conversation.onlyOneCampaign'], actions: ['say', 'reprompt'] });
    const two = chat([changji, wenshui]);
    two.send({ type: 'user.start', campaignId: 'changji-2024' });
    const rev = two.context.rev;
    expect(two.send({ type: 'user.switch' })).toMatchObject({ state: 'choosingCampaign' });
    expect(two.context.rev).toBe(rev + 1);
    // The same campaign again: back to it as it was.
    expect(two.answer('1')).toMatchObject({ state: 'asking' });
    expect(two.context.campaignId).toBe('changji-2024');
  });
  it('a form the campaign does not have is refused; one it has starts with its introduction', () => {
    const c = started();
    expect(c.send({ type: 'user.form', formId: 'objection' })).toMatchObject({ said: ['form.unavailable'], actions: ['say', 'reprompt'] });
    const w = chat([wenshui]);
    w.send({ type: 'user.start' });
    const step = w.send({ type: 'user.form', formId: 'objection' });
    expect(step).toMatchObject({ state: 'form', actions: ['formIntro', 'prompt'] });
    expect(step.context.form).toBe('objection');
  });
  it('skipping where there is no question, editing an answer never given, going back with nothing behind', () => {
    const c = started();
    expect(c.send({ type: 'user.back' })).toMatchObject({ said: ['conversation.nothingToGoBackTo'], actions: ['say', 'prompt'] });
    expect(c.send({ type: 'user.edit', questionId: 'staff' })).toMatchObject({ said: ['conversation.cannotEdit'], actions: ['say', 'reprompt'] });
    c.send({ type: 'user.review' });
    expect(c.send({ type: 'user.skip' })).toMatchObject({ state: 'reviewing', said: ['conversation.nothingToSkip'], actions: ['say', 'reprompt'] });
  });
});

describe('asking', () => {
  it('refuses a press from an old keyboard, and an answer that does not parse, saying why', () => {
    const c = started();
    expect(c.answer('某某有限公司', c.context.rev - 1)).toMatchObject({ said: ['conversation.stale'], actions: ['say', 'prompt'] });
    c.answer('某某有限公司');
    expect(c.answer('123')).toMatchObject({ state: 'asking', said: [{ key: 'answer.creditCodeLength', params: { length: 3 } }], actions: ['say', 'prompt'] });
  });
  it('records an answer and asks the next, in the same mode', () => {
    const c = started();
    const rev = c.context.rev;
    expect(c.answer('某某有限公司')).toMatchObject({ state: 'asking', said: [], actions: ['prompt'] });
    expect(c.context.answers).toEqual({ unit_name: '某某有限公司' });
    expect(c.context.rev).toBe(rev + 1);
  });
  it('skips only an optional question', () => {
    const c = started();
    expect(c.send({ type: 'user.skip' })).toMatchObject({ said: ['answer.notSkippable'], actions: ['say', 'prompt'] });
    expect(c.context.answers).toEqual({});
  });
  it('ends in outOfScope for a unit the review leaves out, and says so to anything it types', () => {
    const c = started();
    const small = { unit_name: '某某小吃店', credit_code: '91350100M000100Y43', unit_type: 'individual', area: 'fukang', staff: 2, part_time_staff: 0 };
    for (const line of typedConversation(changji, small)) c.answer(line);
    expect(c.state).toBe('outOfScope');
    expect(c.answer('好的')).toMatchObject({ said: ['conversation.outOfScopeHint'], actions: ['say', 'prompt'] });
  });
});

describe('after the checklist', () => {
  /** A Changji unit that has typed every answer of a compliant small enterprise. */
  const finished = () => {
    const c = started();
    for (const line of typedConversation(changji, completeAnswers(changji, PROFILES.enterpriseA))) c.answer(line);
    return c;
  };
  it('ends in finished, and says the checklist is done when the unit types on', () => {
    const c = finished();
    expect(c.state).toBe('finished');
    expect(c.answer('你好')).toMatchObject({ state: 'finished', said: ['conversation.finishedHint'], actions: ['say'] });
  });
  it('in the review, only 改 and a number picks an answer to change; 跳过 there keeps it and goes back to the review', () => {
    const c = finished();
    c.send({ type: 'user.review' });
    expect(c.answer('3')).toMatchObject({ state: 'reviewing', said: ['conversation.reviewPickAgain'], actions: ['say', 'prompt'] });
    const step = c.answer('改1');
    expect(step.state).toBe('editing');
    expect(step.context).toMatchObject({ editing: 'unit_name', editOrigin: 'review' });
    expect(c.send({ type: 'user.skip' }).state).toBe('reviewing');
    expect(c.context).toMatchObject({ editing: null, editOrigin: null });
  });
  it('going back from the end shows the last answer to change, then the one before', () => {
    const c = finished();
    const first = c.send({ type: 'user.back' });
    expect(first).toMatchObject({ state: 'editing', context: { editOrigin: 'back' } });
    const last = first.context.editing;
    const second = c.send({ type: 'user.back' });
    expect(second.state).toBe('editing');
    expect(second.context.editing).not.toBe(last);
  });
});

describe('confirming a restart or a deletion', () => {
  it('asks first, with a new revision, and cancels on anything but a yes', () => {
    const c = started();
    c.answer('某某有限公司');
    const rev = c.context.rev;
    expect(c.send({ type: 'user.restart' })).toMatchObject({ state: 'confirming', actions: ['prompt'] });
    expect(c.context).toMatchObject({ pending: 'restart', rev: rev + 1 });
    expect(c.answer('算了')).toMatchObject({ state: 'asking', said: ['conversation.cancelled'] });
    expect(c.context.pending).toBeNull();
    expect(c.context.answers).toEqual({ unit_name: '某某有限公司' });
  });
  it('restarts on yes, keeping the campaign and nothing else', () => {
    const c = started();
    c.answer('某某有限公司');
    c.send({ type: 'user.restart' });
    expect(c.answer(' 确定 ')).toMatchObject({ state: 'asking', said: ['conversation.restarted'] });
    expect(c.context).toMatchObject({ campaignId: 'changji-2024', answers: {}, pending: null });
  });
  it('deletes on yes, and says so', () => {
    const c = started();
    c.send({ type: 'user.forget' });
    expect(c.context.pending).toBe('forget');
    expect(c.answer('OK')).toMatchObject({ state: 'forgotten', said: ['conversation.forgotten'], actions: ['forgetData', 'say'] });
  });
  it('goes back to the welcome when a unit with no campaign cancels a deletion', () => {
    const c = chat([changji, wenshui]);
    c.send({ type: 'user.start' });
    c.send({ type: 'user.forget' });
    expect(c.send({ type: 'user.back' })).toMatchObject({ state: 'welcome', said: ['conversation.cancelled'] });
  });
  it('does not restart a unit with no campaign', () => {
    const c = chat([changji, wenshui]);
    c.send({ type: 'user.start' });
    expect(c.send({ type: 'user.restart' }).state).toBe('choosingCampaign');
  });
});

describe('helpers', () => {
  it('picks a campaign by number, id or title', () => {
    expect(campaignByInput([changji, wenshui], ' ２ ')?.id).toBe('wenshui-2022');
    expect(campaignByInput([changji, wenshui], 'changji-2024')?.id).toBe('changji-2024');
    expect(campaignByInput([changji, wenshui], wenshui.title)?.id).toBe('wenshui-2022');
    expect(campaignByInput([changji, wenshui], '3')).toBeUndefined();
  });
  it('reads 改 with its number only', () => {
    expect(reviewPickNumber('修改 12')).toBe(12);
    expect(reviewPickNumber('改12x')).toBeUndefined();
  });
  it('carries a parked campaign\'s answers as they are for the same version, and drops re-asked or unknown ones after a revision', () => {
    const answers = { unit_name: '某某', no_such_question: 1 };
    expect(carriedAnswers(changji, { version: changji.version, answers })).toBe(answers);
    const reask = changji.revisions.find((r) => r.reask.length > 0);
    if (!reask) throw new Error('changji has no revision that re-asks');
    const old = { version: reask.version - 1, answers: { unit_name: '某某', [reask.reask[0] as string]: true, no_such_question: 1 } };
    expect(carriedAnswers(changji, old)).toEqual({ unit_name: '某某' });
  });
  it('drops only what revisions after the parked version re-ask', () => {
    const v3 = CampaignSchema.parse({ ...changji2024, version: 3, revisions: [...(changji2024.revisions ?? []), { version: 3, reask: ['unit_name'], why: '单位名称改为全称。' }] });
    const parkedAtV2 = { version: 2, answers: { unit_name: '某某', staff: 12, credit_code: '91350100M000100Y43' } };
    expect(carriedAnswers(v3, parkedAtV2)).toEqual({ staff: 12, credit_code: '91350100M000100Y43' });
    expect(carriedAnswers(v3, { ...parkedAtV2, version: 1 })).toEqual({ credit_code: '91350100M000100Y43' });
  });
});

describe('a side conversation (a Wenshui objection)', () => {
  const inForm = () => {
    const c = chat([wenshui]);
    c.send({ type: 'user.start' });
    c.send({ type: 'user.form', formId: 'objection' });
    return c;
  };
  const formAnswers = (c: ReturnType<typeof chat>) => c.context.forms.objection;

  it('takes an answer to its own question, and refuses one that does not parse, an old button, or a skip of a required question', () => {
    const c = inForm();
    expect(c.answer('火星')).toMatchObject({ state: 'form', said: [expect.objectContaining({ key: 'answer.notAnOption' })], actions: ['say', 'prompt'] });
    expect(c.send({ type: 'user.answer', input: '错误', questionId: 'record' })).toMatchObject({ said: ['conversation.stale'] });
    expect(c.send({ type: 'user.skip' })).toMatchObject({ said: ['answer.notSkippable'], actions: ['say', 'prompt'] });
    expect(c.answer('错误')).toMatchObject({ state: 'form', said: [], actions: ['prompt'] });
    expect(formAnswers(c)).toEqual({ ground: 'error' });
  });

  it('skips an optional question as a blank, and goes back one question at a time, then out of the form', () => {
    const c = inForm();
    c.answer('错误');
    c.answer('2024年5月的处罚记录');
    expect(c.send({ type: 'user.skip' }).state).toBe('form');
    expect(formAnswers(c)).toEqual({ ground: 'error', record: '2024年5月的处罚记录', detail: null });
    expect(c.send({ type: 'user.back' }).state).toBe('form');
    expect(formAnswers(c)).toEqual({ ground: 'error', record: '2024年5月的处罚记录' });
    c.send({ type: 'user.back' });
    c.send({ type: 'user.back' });
    expect(formAnswers(c)).toEqual({});
    expect(c.send({ type: 'user.back' })).toMatchObject({ said: ['form.left'] });
    expect(c.context.form).toBeNull();
    expect(c.state).not.toBe('form');
  });

  it('ends with its result and back to the checklist; asked again, a completed form starts afresh', () => {
    const c = inForm();
    c.answer('错误');
    c.answer('2024年5月的处罚记录');
    c.send({ type: 'user.skip' });
    c.answer('2025-04-28');
    const done = c.answer('否');
    expect(done.actions).toContain('formResult');
    expect(done.context.form).toBeNull();
    expect(formAnswers(c)).toMatchObject({ ground: 'error', other_departments: false });
    expect(c.send({ type: 'user.form', formId: 'objection' }).context.forms.objection).toEqual({});
  });

  it('goes on where it stopped when left half way', () => {
    const c = inForm();
    c.answer('错误');
    c.send({ type: 'user.continue' });
    expect(c.context.form).toBeNull();
    expect(c.send({ type: 'user.form', formId: 'objection' }).context.forms.objection).toEqual({ ground: 'error' });
  });
});

describe('changing an answer', () => {
  const typed = () => {
    const c = started();
    c.answer('某某有限公司');
    c.answer('91350100M000100Y43');
    return c;
  };
  it('from 返回: the answer before, then the one before that, and no further than the first', () => {
    const c = typed();
    expect(c.send({ type: 'user.back' }).context).toMatchObject({ editing: 'credit_code', editOrigin: 'back' });
    expect(c.send({ type: 'user.back' }).context).toMatchObject({ editing: 'unit_name', editOrigin: 'back' });
    expect(c.send({ type: 'user.back' })).toMatchObject({ state: 'editing', said: ['conversation.nothingToGoBackTo'] });
  });
  it('takes a new answer and goes on where the unit was; refuses a bad one saying why', () => {
    const c = typed();
    c.send({ type: 'user.back' });
    expect(c.answer('123')).toMatchObject({ state: 'editing', said: [{ key: 'answer.creditCodeLength', params: { length: 3 } }] });
    expect(c.answer('914403001922038216')).toMatchObject({ state: 'asking' });
    expect(c.context).toMatchObject({ editing: null, editOrigin: null, answers: { credit_code: '914403001922038216' } });
  });
  it('from the review: an answered question by its id, back to the review with 返回, another with 改', () => {
    const c = typed();
    c.send({ type: 'user.review' });
    expect(c.send({ type: 'user.edit', questionId: 'credit_code' }).context).toMatchObject({ editing: 'credit_code', editOrigin: 'review' });
    expect(c.answer('改1').context).toMatchObject({ editing: 'unit_name', editOrigin: 'review' });
    expect(c.send({ type: 'user.back' })).toMatchObject({ state: 'reviewing', context: { editing: null, editOrigin: null } });
    expect(c.send({ type: 'user.back' }).state).toBe('asking');
  });
  it('跳过 while changing from 返回 keeps the answer and goes on', () => {
    const c = typed();
    c.send({ type: 'user.back' });
    expect(c.send({ type: 'user.skip' })).toMatchObject({ state: 'asking', context: { editing: null, answers: { credit_code: '91350100M000100Y43' } } });
  });
});

describe('choosing among campaigns', () => {
  it('a link to another campaign parks this one\'s answers and brings them back later', () => {
    const c = chat([changji, wenshui]);
    c.send({ type: 'user.start', campaignId: 'changji-2024' });
    c.answer('某某有限公司');
    c.send({ type: 'user.reminders', paused: true });
    const away = c.send({ type: 'user.start', campaignId: 'wenshui-2022' });
    expect(away).toMatchObject({ state: 'asking', actions: ['introduceCampaign', 'prompt'] });
    expect(away.context.parked['changji-2024']).toEqual({ version: changji.version, answers: { unit_name: '某某有限公司' }, remindersPaused: true });
    const back = c.send({ type: 'user.start', campaignId: 'changji-2024' });
    expect(back.context).toMatchObject({ campaignId: 'changji-2024', answers: { unit_name: '某某有限公司' }, remindersPaused: true });
  });
  it('while choosing: a link picks, the same campaign\'s link goes back to it, 返回 returns to it', () => {
    const c = chat([changji, wenshui]);
    c.send({ type: 'user.start', campaignId: 'changji-2024' });
    c.send({ type: 'user.switch' });
    expect(c.send({ type: 'user.start', campaignId: 'changji-2024' }).state).toBe('asking');
    c.send({ type: 'user.switch' });
    expect(c.send({ type: 'user.back' }).state).toBe('asking');
    c.send({ type: 'user.switch' });
    expect(c.send({ type: 'user.start' })).toMatchObject({ state: 'choosingCampaign', actions: ['prompt'] });
    const picked = c.send({ type: 'user.start', campaignId: 'wenshui-2022' });
    expect(picked.context.campaignId).toBe('wenshui-2022');
  });
  it('a unit with no campaign yet cannot go back to one', () => {
    const c = chat([changji, wenshui]);
    c.send({ type: 'user.start' });
    expect(c.send({ type: 'user.back' })).toMatchObject({ state: 'choosingCampaign', actions: ['prompt'] });
  });
});
