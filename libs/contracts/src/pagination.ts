/** One page of a list endpoint, newest first. */
export interface Page<T> {
  items: T[];
  /** Pass as `?cursor=` to get the next page; null on the last page. */
  nextCursor: string | null;
}
