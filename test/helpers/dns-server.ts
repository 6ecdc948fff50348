import { createSocket } from 'node:dgram';

export interface DnsServer {
  /** `127.0.0.1:PORT`, for `Resolver.setServers`. */
  address: string;
  /** Names queried so far, in order. */
  queries: string[];
  close(): Promise<void>;
}

const encodeName = (name: string): Buffer =>
  Buffer.concat([
    ...name.split('.').map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)])),
    Buffer.from([0]),
  ]);

/**
 * A tiny authoritative DNS server on loopback UDP answering PTR queries from a table (RFC 1035
 * wire format): a name maps to a host name, to `'timeout'` (never answers), or is missing
 * (NXDOMAIN). Real DNS packets through Node's real resolver, without any outside network.
 */
export async function startDnsServer(ptr: Record<string, string>): Promise<DnsServer> {
  const socket = createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (msg, peer) => {
    const labels: string[] = [];
    let i = 12;
    while (i < msg.length && msg[i] !== 0) {
      const len = msg[i] as number;
      labels.push(msg.subarray(i + 1, i + 1 + len).toString());
      i += len + 1;
    }
    const name = labels.join('.').toLowerCase();
    queries.push(name);
    const answer = ptr[name];
    if (answer === 'timeout') return;
    const header = Buffer.alloc(12);
    msg.copy(header, 0, 0, 2); // the query's id
    header.writeUInt16BE(answer ? 0x8580 : 0x8583, 2); // response, authoritative, RD+RA; 3 = NXDOMAIN
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answer ? 1 : 0, 6);
    const parts: Buffer[] = [header, msg.subarray(12, i + 5)];
    if (answer) {
      const rdata = encodeName(answer);
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0); // pointer to the question's name
      rr.writeUInt16BE(12, 2); // PTR
      rr.writeUInt16BE(1, 4); // IN
      rr.writeUInt32BE(60, 6);
      rr.writeUInt16BE(rdata.length, 10);
      parts.push(rr, rdata);
    }
    socket.send(Buffer.concat(parts), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
