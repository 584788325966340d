// The one JSON shape of a template (docs/ca.md, "JSON shapes"): its name and its stored fields,
// as `ca template list --json` prints each and `ca template set --json` prints the one saved.
export type TemplateJson = { name: string } & Record<string, unknown>;

export function templateJson(name: string, body: Record<string, unknown>): TemplateJson {
  return { name, ...body };
}
