import pg from 'pg';

/** Runs `work` on a fresh connection as the role in `url` (owner, app or superuser), and closes it afterwards. */
export async function connectedAs<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
