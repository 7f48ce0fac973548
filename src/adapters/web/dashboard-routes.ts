/** The bureau's dashboard (placeholder until the dashboard lands). */
import type { FastifyInstance } from 'fastify';
import type { StaffDirectory } from '../../app/staff-directory.ts';
import type { StaffService } from '../../app/staff-service.ts';
import type { Document } from '../../core/document.ts';
import type { Logger } from '../log/log.ts';
import type { CookieSecurity } from './session.ts';

export type DashboardOptions = {
  staff: StaffService;
  directory: StaffDirectory;
  renderPdf: (doc: Document) => Promise<Buffer>;
  cookieSecure: CookieSecurity;
  sessionHours: number;
  loginPerMinute: number;
  baseUrl?: string;
  botUsername?: () => string | undefined;
  logger: Logger;
};

export async function dashboardRoutes(_scope: FastifyInstance, _options: DashboardOptions): Promise<void> {}
