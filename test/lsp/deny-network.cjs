// Preloaded into the language server by network.test.ts: every way Node opens a network connection
// or resolves a name is replaced by a stub that records the attempt on stderr and fails.
const net = require('node:net');
const dns = require('node:dns');
const tls = require('node:tls');
const dgram = require('node:dgram');
function attempt(what) {
  process.stderr.write(`NETWORK-ATTEMPT ${what}\n`);
  throw new Error(`network access denied in test: ${what}`);
}
net.Socket.prototype.connect = function () { attempt('net.Socket.connect'); };
net.connect = net.createConnection = function () { attempt('net.connect'); };
tls.connect = function () { attempt('tls.connect'); };
dgram.createSocket = function () { attempt('dgram.createSocket'); };
dns.lookup = function () { attempt('dns.lookup'); };
dns.resolve = function () { attempt('dns.resolve'); };
dns.promises.lookup = async function () { attempt('dns.promises.lookup'); };
if (typeof globalThis.fetch === 'function') globalThis.fetch = async function () { attempt('fetch'); };
