// The JSON the console reads is typed once, where the server builds it.
export type {
  AccountView as Account,
  DependencyHealth,
  DependencyReason,
  KeyView as Key,
  ModelRow,
  Overview,
  RequestRow,
  TrafficPoint,
  UsageRow,
} from '../../src/admin/admin-api-types';

/** What a page gets: where to render, and a way to run a timer that stops when the page is left. */
export interface PageContext {
  main: HTMLElement;
  every(ms: number, run: () => void): void;
  features: { keys: boolean };
}
