/** What the pipeline recorded about a run or fold (seasonal periods, models chosen, …): each producer
 *  lists its fields here, all optional (runs made before a field existed lack it). */
export interface RunNotes {
  [key: string]: unknown;
}
