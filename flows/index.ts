/** The campaigns this deployment offers, each checked against the schema when loaded. */
import { Campaign } from '../src/core/campaign.ts';
import { changji2024 } from './changji-2024.ts';
import { wenshui2022 } from './wenshui-2022.ts';

export const campaigns: readonly Campaign[] = [Campaign.parse(changji2024), Campaign.parse(wenshui2022)];

export function findCampaign(id: string): Campaign | undefined {
  return campaigns.find((c) => c.id === id);
}
