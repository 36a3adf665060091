import type { SchoolData } from '../data/school-data.js';

/**
 * Explains, when it can, why no timetable exists: for each room size, the lectures whose class
 * fits only rooms of at least that size must fit in those rooms' free periods
 * (lectures ≤ rooms × timeslots). Returns the first such shortage as a sentence, or `null` when
 * every one of these counts is fine (the conflict then comes from a mix of rules).
 */
export function diagnoseInfeasibility(data: SchoolData): string | null {
  const slots = data.timeslots.length;
  const size = new Map(data.classes.map((c) => [c.id, c]));
  const capacities = [...new Set(data.classrooms.map((r) => r.capacity))].sort((a, b) => a - b);
  // Check the strictest shortage first: the largest rooms are the scarcest.
  for (let i = capacities.length - 1; i >= 0; i--) {
    const cap = capacities[i] as number;
    const below = i > 0 ? (capacities[i - 1] as number) : 0;
    const rooms = data.classrooms.filter((r) => r.capacity >= cap);
    const needing = data.lectures.filter((l) => (size.get(l.class_id)?.size ?? 0) > below);
    const places = rooms.length * slots;
    if (needing.length > places && i === 0) {
      return `There are ${needing.length} lectures but only ${rooms.length} rooms × ${slots} timeslots = ${places} places.`;
    }
    if (needing.length > places) {
      const classNames = [...new Set(needing.map((l) => size.get(l.class_id)?.name ?? `#${l.class_id}`))];
      const who = classNames.length > 6 ? `${classNames.slice(0, 6).join(', ')} …` : classNames.join(', ');
      const roomNames = rooms.length > 4 ? `${rooms.length} rooms` : rooms.map((r) => r.name).join(', ');
      return (
        `${needing.length} lectures (classes ${who}) need a room for more than ${below} students, ` +
        `but only ${roomNames} ${rooms.length === 1 ? 'is' : 'are'} that large: ${rooms.length} room${rooms.length === 1 ? '' : 's'} × ${slots} timeslots = ${places} places.`
      );
    }
  }
  return null;
}
