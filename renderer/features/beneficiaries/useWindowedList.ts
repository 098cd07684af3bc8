import type { BeneficiarySummary, ListInput } from '../../../common/beneficiaries';
import { api } from '../../api/client';
import { type PageFetcher, useWindowedList as useRows, type WindowedList } from '../../components/useWindowedList';

export { WINDOW } from '../../components/useWindowedList';

type Query = Omit<ListInput, 'offset' | 'limit'>;

const fetchPage: PageFetcher<Query, BeneficiarySummary> = (query, offset, limit) =>
  api.beneficiaries.list.query({ ...query, offset, limit });
const topics = ['beneficiaries'] as const;

/** The registry's rows, fetched by windows as they come into view, refreshed when a change names `beneficiaries`. */
export function useWindowedList(query: Query): WindowedList<BeneficiarySummary> {
  return useRows(query, fetchPage, topics);
}
