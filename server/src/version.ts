/** The server's version, reported in `serverInfo` and the start-up log line (a unit test keeps it equal to package.json's). */
export const serverVersion = '0.1.0';
