import { gunzippedName } from '@seqcast/contracts';

/** A dataset's default name: the uploaded file's name without its extension (`sales.csv.gz` → `sales`). */
export function datasetNameOf(filename: string | undefined): string | undefined {
  const file = filename?.split(/[\\/]/).pop();
  const base =
    file &&
    gunzippedName(file)
      .replace(/\.[^.]*$/, '')
      .trim();
  return base ? base.slice(0, 200) : undefined;
}
