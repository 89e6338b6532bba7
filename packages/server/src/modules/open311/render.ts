import { XMLBuilder } from 'fast-xml-parser';

/** The two formats GeoReport v2 serves, chosen by the path's suffix (`services.xml`, `services.json`). */
export type Open311Format = 'json' | 'xml';

export function parseFormat(raw: string): Open311Format | null {
  const format = raw.toLowerCase();
  return format === 'json' || format === 'xml' ? format : null;
}

const builder = new XMLBuilder({ ignoreAttributes: false, suppressBooleanAttributes: false });

/**
 * The XML element names of each list: the specification's (and FixMyStreet's XML::Simple
 * GroupTags): `<services><service>`, `<service_requests><request>`, `<errors><error>`, and
 * inside a service definition `<attributes><attribute>` and `<values><value>`.
 */
const ITEM_OF: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

/** Characters XML 1.0 cannot carry at all (escaping does not help); JSON can, so only XML drops them. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** A JSON value as XML elements: an array under a known list name becomes repeated item elements. */
function toXmlTree(value: unknown, name: string): unknown {
  if (Array.isArray(value)) {
    const item = ITEM_OF[name];
    if (!item) throw new Error(`no XML item name for list ${name}`);
    return { [item]: value.map((v) => toXmlTree(v, item)) };
  }
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toXmlTree(v as unknown, k)]));
  return value === null || value === undefined ? '' : String(value as string | number | boolean).replace(NOT_XML, '');
}

/**
 * The answer in the chosen format. JSON: the value as it is (lists are bare arrays, as the
 * specification's examples are). XML: the same tree under `root`, with the declaration.
 */
export function render(format: Open311Format, root: string, value: unknown): { contentType: string; body: string } {
  if (format === 'json') return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
  const body = builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, [root]: toXmlTree(value, root) }) as string;
  return { contentType: 'text/xml; charset=utf-8', body };
}

/** Errors as the specification writes them: a list of {code, description}, code being the HTTP status. */
export function renderErrors(format: Open311Format, status: number, descriptions: readonly string[]): { contentType: string; body: string } {
  return render(format, 'errors', descriptions.map((description) => ({ code: status, description })));
}
