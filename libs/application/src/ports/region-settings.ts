/** The region's time zone (REGION_TIMEZONE): it decides what "today" and a reporting day are. */
export abstract class RegionSettings {
  abstract readonly timeZone: string;
}
