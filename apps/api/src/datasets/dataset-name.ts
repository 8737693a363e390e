/** A dataset's default name: the uploaded file's name without its extension. */
export function datasetNameOf(filename: string | undefined): string | undefined {
  const base = filename
    ?.split(/[\\/]/)
    .pop()
    ?.replace(/\.[^.]*$/, '')
    .trim();
  return base ? base.slice(0, 200) : undefined;
}
