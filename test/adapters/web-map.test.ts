/** The web chat's progress map as HTML: every section gets its own short label (Wenshui's unnumbered items too). */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { chatPage } from '../../src/adapters/web/chat-pages.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { assess } from '../../src/core/engine.ts';
import { reviewMap } from '../../src/core/present.ts';
import { IN_WINDOW } from '../support/profiles.ts';

const shortLabels = (campaign: Campaign) => {
  const page = chatPage({ tokens: { csrf: 'c', formId: 'f' }, replies: [], progress: { answered: 0, remaining: 10, map: reviewMap(assess(campaign, {}, IN_WINDOW)) }, severalCampaigns: false });
  const map = /<ol class="map">(.*?)<\/ol>/s.exec(page)?.[1] ?? '';
  return [...map.matchAll(/<span aria-hidden="true">([^<]*)<\/span>/g)].map((m) => m[1]);
};

describe('the progress map', () => {
  it('labels Changji\'s sections: basic, the twelve items by number, then materials, record and the form fields', () => {
    expect(shortLabels(findCampaign('changji-2024') as Campaign)).toEqual(['基本', ...Array.from({ length: 12 }, (_, i) => String(i + 1)), '材料', '记录', '填表']);
  });
  it('labels Wenshui\'s unnumbered review questions as 事项, not as the form fields', () => {
    expect(shortLabels(findCampaign('wenshui-2022') as Campaign)).toEqual(['基本', '事项', '记录', '填表']);
  });
});
