/**
 * Where a GeoReport v2 request is: `lat`/`long` (WGS84 decimal degrees), `address_string` or
 * `address_id`; the specification asks for at least one.
 */
export interface Open311Location {
  lat: number | null;
  long: number | null;
  addressString: string | null;
  addressId: string | null;
}

export type LocationCheck = { ok: true; location: Open311Location } | { ok: false; message: string };

const DECIMAL = /^[+-]?\d{1,3}(\.\d{1,15})?$/;

export function checkLocation(o: { lat?: string | undefined; long?: string | undefined; addressString?: string | undefined; addressId?: string | undefined }): LocationCheck {
  const blank = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v.trim());
  const [lat, long, addressString, addressId] = [blank(o.lat), blank(o.long), blank(o.addressString), blank(o.addressId)];
  if ((lat === null) !== (long === null)) return { ok: false, message: 'lat and long go together' };
  let coords: { lat: number; long: number } | null = null;
  if (lat !== null && long !== null) {
    if (!DECIMAL.test(lat) || !DECIMAL.test(long)) return { ok: false, message: 'lat and long must be decimal degrees' };
    const [la, lo] = [Number(lat), Number(long)];
    if (Math.abs(la) > 90 || Math.abs(lo) > 180) return { ok: false, message: 'lat must be within ±90 and long within ±180' };
    coords = { lat: la, long: lo };
  }
  if (!coords && addressString === null && addressId === null) return { ok: false, message: 'a location is required: lat and long, address_string or address_id' };
  return { ok: true, location: { lat: coords?.lat ?? null, long: coords?.long ?? null, addressString, addressId } };
}

/**
 * A coordinate as GET requests shows it: three decimals (about 100 m). GET requests is public,
 * and an exact point is often someone's door; the case keeps the exact place, sealed.
 */
export function approximateCoordinate(value: number): string {
  return (Math.round(value * 1000) / 1000).toFixed(3);
}
