// A CommonJS server module: the language server offers ws-shutdown here with require().
const { createServer } = require('node:http');

ws-sh
