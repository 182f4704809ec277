import { z } from 'zod';

/** An IANA zone name the JavaScript runtime knows. Its own file: the portal and the routing schemas both need it. */
export const TimeZone = z
  .string()
  .trim()
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone: use an IANA name such as Europe/Berlin or UTC');
