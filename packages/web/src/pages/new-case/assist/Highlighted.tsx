import type { Ranges } from '../../../api/kb';
import { highlightSegments } from './text';

/** Text with the server's [start, end) match ranges wrapped in <mark>. */
export function Highlighted({ text, ranges }: { text: string; ranges?: Ranges }) {
  return (
    <>
      {highlightSegments(text, ranges).map((segment, i) => (segment.marked ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>))}
    </>
  );
}
