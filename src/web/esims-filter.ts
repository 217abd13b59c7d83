/** The eSIMs page's `?filter=`: one of the table's filters, else all. */
import type { EsimFilter } from "../services/operator/dashboard.ts";
import { ESIM_FILTERS } from "./pages/esims.tsx";

export type DashboardEsimsFilter = EsimFilter;

export function parseEsimFilter(value: string | undefined): EsimFilter {
  return ESIM_FILTERS.find((filter) => filter === value) ?? "all";
}
