import { serviceHoursSchema, type LineCalls, type LineFigures, type PublicLine } from '@openline/core';
import type { LineWithOwner } from './repository.js';

export function presentPublicLine(line: LineWithOwner, figures: LineFigures, calls: LineCalls): PublicLine {
  return {
    id: line.id,
    number: line.number,
    name: line.name,
    mode: line.mode,
    ownerTitle: line.ownerTitle,
    ownerName: line.ownerName,
    // Stored by our own code as JSON; parsing validates it rather than trusting the cast.
    serviceHours: serviceHoursSchema.parse(JSON.parse(line.serviceHours)),
    acceptsVoice: line.acceptsVoice === 1,
    acceptsSms: line.acceptsSms === 1,
    figures,
    calls,
  };
}
