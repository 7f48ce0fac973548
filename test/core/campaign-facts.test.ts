/** Facts every reply states about a campaign: here, whether its document is still in force. */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { validityOf } from '../../src/core/campaign-facts.ts';

const wenshui = findCampaign('wenshui-2022') as Campaign;

describe('validityOf (Wenshui: in force until 2024-12-25)', () => {
  it('is in force all through its last day, by the local calendar, and lapsed the day after', () => {
    expect(validityOf(wenshui, new Date('2024-12-25T23:30:00+08:00'))?.lapsed).toBe(false);
    // 16:30 UTC on the 25th is already the 26th in Wenshui.
    expect(validityOf(wenshui, new Date('2024-12-25T16:30:00Z'))?.lapsed).toBe(true);
  });

  it('states no period for a campaign whose document gives none', () => {
    expect(validityOf(findCampaign('changji-2024') as Campaign, new Date('2025-03-10T01:00:00Z'))).toBeUndefined();
  });
});
