// The pending / error / empty / data chain of every query shown on screen, once: "Loading …" until the
// first answer, the error (with Try again) if it failed, an empty state when the data has nothing to
// show, else the children with the data.
import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorState, Loading } from './States';

export function QueryState<T>({
  query,
  what,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  /** What is loaded, for the loading and error messages ("today's budget"). */
  what: string;
  /** Whether the data counts as empty: `empty` is shown instead of the children. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading what={what} />;
  if (query.isError)
    return <ErrorState error={query.error} what={what} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
