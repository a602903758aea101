export * from './chatCodes';
