import { XMLParser } from 'fast-xml-parser';

/**
 * A GeoReport v2 client that behaves as FixMyStreet's (perllib/Open311.pm) does: XML only, GET
 * parameters with `jurisdiction_id` always added, POST form-encoded with `jurisdiction_id` and
 * `api_key`, and responses read the way its XML::Simple set-up reads them — the root element
 * dropped, `service`, `attribute`, `value`, `request` and `error` always lists, nothing keyed by
 * attribute, empty elements as undefined. Written from its behaviour, not its code.
 */
export class FmsStyleClient {
  private readonly parser = new XMLParser({
    isArray: (name) => ['service', 'attribute', 'value', 'request', 'error'].includes(name),
    parseTagValue: false,
    ignoreDeclaration: true,
  });

  constructor(private readonly o: { endpoint: string; jurisdiction: string; apiKey: string }) {}

  /** The parsed document without its root element, as XML::Simple's XMLin answers. */
  private parse(xml: string): Record<string, unknown> {
    const doc = this.parser.parse(xml) as Record<string, unknown>;
    const [root] = Object.values(doc);
    return root && typeof root === 'object' ? (root as Record<string, unknown>) : {};
  }

  async get(path: string, params: Record<string, string> = {}): Promise<{ status: number; obj: Record<string, unknown>; raw: string; contentType: string }> {
    const url = new URL(this.o.endpoint + path);
    for (const [k, v] of Object.entries({ ...params, jurisdiction_id: this.o.jurisdiction })) url.searchParams.set(k, v);
    const res = await fetch(url);
    const raw = await res.text();
    return { status: res.status, obj: this.parse(raw), raw, contentType: res.headers.get('content-type') ?? '' };
  }

  async post(path: string, params: Record<string, string | string[]>): Promise<{ status: number; obj: Record<string, unknown>; raw: string }> {
    const form = new URLSearchParams();
    form.set('jurisdiction_id', this.o.jurisdiction);
    form.set('api_key', this.o.apiKey);
    for (const [k, v] of Object.entries(params)) for (const one of [v].flat()) form.append(k, one);
    const res = await fetch(this.o.endpoint + path, { method: 'POST', body: form });
    const raw = await res.text();
    return { status: res.status, obj: this.parse(raw), raw };
  }

  getServiceList() {
    return this.get('services.xml');
  }

  getServiceMetaInfo(code: string) {
    return this.get(`services/${code}.xml`);
  }

  /** send_service_request: the id, or through the token; 0 on failure, as Open311.pm answers. */
  async sendServiceRequest(params: Record<string, string | string[]>): Promise<string | 0> {
    const res = await this.post('requests.xml', params);
    if (res.status < 200 || res.status >= 300) return 0;
    const [request] = (res.obj.request as Array<Record<string, unknown>> | undefined) ?? [];
    const id = request?.service_request_id;
    if (typeof id === 'string' && id !== '') return id;
    const token = request?.token;
    return typeof token === 'string' ? this.getServiceRequestIdFromToken(token) : 0;
  }

  async getServiceRequestIdFromToken(token: string): Promise<string | 0> {
    const res = await this.get(`tokens/${token}.xml`);
    const [request] = (res.obj.request as Array<Record<string, unknown>> | undefined) ?? [];
    return typeof request?.service_request_id === 'string' ? request.service_request_id : 0;
  }

  async getServiceRequests(ids: readonly string[]): Promise<Array<Record<string, unknown>>> {
    const res = await this.get('requests.xml', { service_request_id: ids.join(',') });
    return (res.obj.request as Array<Record<string, unknown>> | undefined) ?? [];
  }
}
