// The XML of the AWS Query protocol (IAM, STS): a response wraps `<ActionResult>` and
// `<ResponseMetadata>` in `<ActionResponse xmlns=...>`; lists are `<member>` elements; errors are
// `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.

/** A value to render: text, a number or boolean, a list (as `<member>`s) or an ordered element map. */
export type XmlValue = string | number | boolean | undefined | readonly XmlValue[] | { readonly [name: string]: XmlValue };

export function escapeXml(text: string): string {
  // Non-null: the pattern matches only the five characters the map has entries for.
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]!};`);
}

function element(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `<${name}>${value.map((v: XmlValue) => element('member', v)).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${children(value as { readonly [name: string]: XmlValue })}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function children(map: { readonly [name: string]: XmlValue }): string {
  return Object.entries(map).map(([name, value]) => element(name, value)).join('');
}

/** The success document of `action`; `result` undefined for actions without a result (DeleteRole). */
export function queryResponseXml(input: { action: string; namespace: string; result: XmlValue; requestId: string }): string {
  const result = input.result === undefined ? '' : element(`${input.action}Result`, input.result);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${input.action}Response xmlns="${input.namespace}">${result}` +
    `<ResponseMetadata><RequestId>${input.requestId}</RequestId></ResponseMetadata></${input.action}Response>`
  );
}

export function queryErrorXml(input: { namespace: string; code: string; message: string; isSender: boolean; requestId: string }): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${input.namespace}"><Error><Type>${input.isSender ? 'Sender' : 'Receiver'}</Type>` +
    `<Code>${escapeXml(input.code)}</Code><Message>${escapeXml(input.message)}</Message></Error>` +
    `<RequestId>${input.requestId}</RequestId></ErrorResponse>`
  );
}
