import {
  approximateCoordinate,
  formatW3cDateTime,
  open311Status,
  open311StatusNotes,
  type AttributeDefinition,
  type CaseStatus,
  type Open311Status,
} from '@openline/core';
import type { ServiceEntry } from './catalogue.js';

/** GeoReport v2 field names, as clients parse them (snake_case, in the specification's order). */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export function presentService(s: ServiceEntry): Open311Service {
  return {
    service_code: s.category.code,
    service_name: s.category.name,
    description: s.category.description ?? '',
    metadata: s.attributes.length > 0,
    // A request becomes a case at once (its number is the answer), so the service is realtime.
    type: 'realtime',
    keywords: s.category.keywords.join(','),
    group: s.group,
  };
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: string;
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values: Array<{ key: string; name: string }>;
}

export function presentAttributes(definitions: readonly AttributeDefinition[]): Open311Attribute[] {
  return definitions.map((a, i) => ({
    // Every question takes an answer; informational attributes (variable false) are not used.
    variable: true,
    code: a.code,
    datatype: a.datatype,
    required: a.required,
    datatype_description: a.datatypeDescription ?? '',
    order: i + 1,
    description: a.description,
    values: a.values,
  }));
}

/**
 * One service request as GET requests shows it. Public: no description, address, name, phone,
 * e-mail or media, since any of them can carry someone's personal data; the place is the
 * approximate point (~100 m) and only for a case an Open311 client filed with coordinates.
 */
export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  status_notes: string;
  service_name: string;
  service_code: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  lat: string | null;
  long: string | null;
}

export interface RequestFacts {
  id: string;
  /** The status of the case that is handled: a merged case's parent, an attached request's case. */
  status: CaseStatus;
  service: { code: string; name: string };
  agency: string | null;
  requestedAt: string;
  updatedAt: string;
  place: { lat: string; long: string } | null;
  notice?: string | null;
}

export function presentRequest(f: RequestFacts): Open311Request {
  return {
    service_request_id: f.id,
    status: open311Status(f.status),
    status_notes: open311StatusNotes(f.status),
    service_name: f.service.name,
    service_code: f.service.code,
    agency_responsible: f.agency,
    service_notice: f.notice ?? null,
    requested_datetime: formatW3cDateTime(f.requestedAt),
    updated_datetime: formatW3cDateTime(f.updatedAt),
    lat: f.place?.lat ?? null,
    long: f.place?.long ?? null,
  };
}

export function approximatePlace(lat: number | null, long: number | null): { lat: string; long: string } | null {
  return lat === null || long === null ? null : { lat: approximateCoordinate(lat), long: approximateCoordinate(long) };
}
