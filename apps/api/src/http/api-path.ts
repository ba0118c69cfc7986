/** The contract's base path; operations endpoints live outside it. */
export const API_BASE = 'api/v1';
