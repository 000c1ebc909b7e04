/** Password limits shared by forms and the server (NIST 800-63B: length, not composition). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
