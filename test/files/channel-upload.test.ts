import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphChannelUploader, GraphUploadError } from '../../src/files/channel-upload';

interface Seen {
  method: string;
  url: string;
  auth?: string;
  range?: string;
  bytes: number;
}

/** A stand-in for the few Graph routes the upload uses. */
function fakeGraph(o: { folderStatus?: number } = {}) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        auth: req.headers.authorization,
        range: req.headers['content-range'] as string | undefined,
        bytes: body.length,
      });
      const json = (status: number, value: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      if (req.url?.endsWith('/filesFolder'))
        return json(o.folderStatus ?? 200, {
          id: 'folder-1',
          parentReference: { driveId: 'drive-1' },
        });
      if (req.url?.includes(':/content'))
        return json(201, {
          name: 'tableau.xlsx',
          webUrl: 'https://contoso.sharepoint.com/tableau.xlsx',
        });
      if (req.url?.endsWith(':/createUploadSession'))
        return json(200, { uploadUrl: `${base}/upload-session/1` });
      if (req.url?.startsWith('/upload-session/')) {
        const [, , end, total] =
          /bytes (\d+)-(\d+)\/(\d+)/.exec(String(req.headers['content-range'])) ?? [];
        return Number(end) + 1 === Number(total)
          ? json(201, { name: 'gros.xlsx', webUrl: 'https://contoso.sharepoint.com/gros.xlsx' })
          : json(202, { nextExpectedRanges: [`${Number(end) + 1}-`] });
      }
      json(404, { error: { code: 'itemNotFound' } });
    });
  });
  return {
    server,
    seen,
    start: () =>
      new Promise<string>((r) =>
        server.listen(0, '127.0.0.1', () =>
          r(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`),
        ),
      ),
  };
}

describe('the channel upload through Microsoft Graph', () => {
  const target = { tenantId: 't-1', teamId: 'group-1', channelId: '19:abc@thread.tacv2' };

  it('finds the channel’s files folder and puts a small file there, with a token for the channel’s tenant', async () => {
    const graph = fakeGraph();
    const baseUrl = await graph.start();
    const tenants: string[] = [];
    try {
      const uploader = new GraphChannelUploader({
        baseUrl,
        token: async (tenant) => (tenants.push(tenant), 'jeton'),
      });
      const file = await uploader.upload(target, 'tableau.xlsx', Buffer.alloc(1000, 1));
      assert.deepEqual(file, {
        name: 'tableau.xlsx',
        webUrl: 'https://contoso.sharepoint.com/tableau.xlsx',
      });
      assert.deepEqual(tenants, ['t-1']);
      assert.equal(
        graph.seen[0].url,
        '/v1.0/teams/group-1/channels/19%3Aabc%40thread.tacv2/filesFolder',
      );
      assert.equal(graph.seen[1].method, 'PUT');
      assert.equal(
        graph.seen[1].url,
        '/v1.0/drives/drive-1/items/folder-1:/tableau.xlsx:/content?@microsoft.graph.conflictBehavior=rename',
      );
      assert.equal(graph.seen[1].auth, 'Bearer jeton');
      assert.equal(graph.seen[1].bytes, 1000);
    } finally {
      graph.server.close();
    }
  });

  it('sends a large file through an upload session, in chunks, without the bearer token', async () => {
    const graph = fakeGraph();
    const baseUrl = await graph.start();
    try {
      const uploader = new GraphChannelUploader({ baseUrl, token: async () => 'jeton' });
      const size = 5 * 1024 * 1024;
      const file = await uploader.upload(target, 'gros.xlsx', Buffer.alloc(size, 2));
      assert.equal(file.webUrl, 'https://contoso.sharepoint.com/gros.xlsx');
      const chunks = graph.seen.filter((s) => s.url.startsWith('/upload-session/'));
      assert.equal(chunks.length, 2);
      assert.equal(
        chunks.reduce((n, c) => n + c.bytes, 0),
        size,
      );
      assert.equal(chunks[0].range, `bytes 0-${3932160 - 1}/${size}`);
      assert.ok(chunks.every((c) => c.auth === undefined));
    } finally {
      graph.server.close();
    }
  });

  it('fails with the HTTP status only when Graph refuses', async () => {
    const graph = fakeGraph({ folderStatus: 403 });
    const baseUrl = await graph.start();
    try {
      const uploader = new GraphChannelUploader({ baseUrl, token: async () => 'jeton' });
      await assert.rejects(
        uploader.upload(target, 'tableau.xlsx', Buffer.alloc(10)),
        (err: unknown) => err instanceof GraphUploadError && err.status === 403,
      );
    } finally {
      graph.server.close();
    }
  });
});
