/** The campaigns this deployment offers, each checked against the schema when loaded. */
import { Campaign } from '../src/core/campaign.ts';
import { changji2024 } from './changji-2024.ts';

export const campaigns: readonly Campaign[] = [Campaign.parse(changji2024)];

export function findCampaign(id: string): Campaign | undefined {
  return campaigns.find((c) => c.id === id);
}
