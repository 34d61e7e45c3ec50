import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './status';

interface LoadMoreProps {
  /** The list's infinite query (TanStack Query's `useInfiniteQuery`). */
  list: {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    isFetchNextPageError: boolean;
    error: unknown;
    fetchNextPage: () => Promise<unknown>;
  };
  label: string;
}

/**
 * The next page of a list: loaded when the button comes near the screen (IntersectionObserver),
 * and by the button itself where the observer is missing or the reader prefers to tap. After a
 * failed page, nothing loads by itself again until "Retry": a dropped connection must not turn
 * into a loop of requests.
 */
export function LoadMore({ list, label }: LoadMoreProps) {
  const { t } = useTranslation();
  const button = useRef<HTMLButtonElement>(null);
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = list;
  const automatic = hasNextPage && !isFetchingNextPage && !isFetchNextPageError;

  useEffect(() => {
    const target = button.current;
    if (!automatic || !target || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) void fetchNextPage();
      },
      // Starts a little before the end, so that a slow page has time to arrive.
      { rootMargin: '0px 0px 300px 0px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [automatic, fetchNextPage]);

  if (isFetchNextPageError) return <ErrorNotice error={list.error} onRetry={() => void fetchNextPage()} />;
  if (!hasNextPage) return null;
  return (
    <button
      ref={button}
      type="button"
      className="button button--secondary load-more"
      disabled={isFetchingNextPage}
      aria-busy={isFetchingNextPage || undefined}
      onClick={() => void fetchNextPage()}
    >
      {isFetchingNextPage ? t('status.loading') : label}
    </button>
  );
}
