import type { DataSource } from 'typeorm';
import type { Actor } from '../../lib/principal';
import type { DashboardClient, DashboardPage } from '../../sources/dashboard.client';
import { importOfferings } from '../offerings/offerings.importer';
import type { PagedSync } from './sync-runner';

/**
 * The offerings of one area from the dashboard data API, page by page (`page` from 0): each
 * page's body goes unchanged to the offerings importer, which reads the dashboard's page JSON
 * (`content` plus page fields) as delivered.
 */
export function dashboardSync(
  dataSource: DataSource,
  client: DashboardClient,
  options: { ars: string; pageSize: number; actor: Actor },
): PagedSync<DashboardPage> {
  const { ars, pageSize, actor } = options;
  return {
    source: 'dashboard',
    scope: `ars=${ars}`,
    label: `Dashboard ${ars}`,
    start: { index: 0, url: null },
    async fetch(position, signal) {
      const page = await client.dataPage(ars, position.index, pageSize, signal);
      return { page, next: page.last ? null : { index: page.number + 1, url: null }, total: page.totalPages };
    },
    importPage(page, position) {
      return importOfferings(dataSource, {
        buffer: page.body,
        sourceName: `Dashboard-Daten-API ${ars} Seite ${position.index}`,
        actor,
      });
    },
  };
}
