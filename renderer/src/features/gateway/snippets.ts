// How an application calls the gateway, in the three forms operators paste most: curl, the
// Python and the Node.js OpenAI SDKs. The key is read from PENIN_API_KEY, never written into the
// snippet, so a snippet can be pasted into a chat or a ticket without leaking it.

export type SnippetKind = 'curl' | 'python' | 'node';

export const SNIPPET_LABEL: Record<SnippetKind, string> = {
  curl: 'curl',
  python: 'Python',
  node: 'Node.js',
};

export function snippet(kind: SnippetKind, baseUrl: string, model: string): string {
  const m = JSON.stringify(model);
  switch (kind) {
    case 'curl':
      return [
        `curl ${baseUrl}/chat/completions \\`,
        `  -H "Authorization: Bearer $PENIN_API_KEY" \\`,
        `  -H "Content-Type: application/json" \\`,
        `  -d '${JSON.stringify({ model, messages: [{ role: 'user', content: 'Hello' }] }).replace(/'/g, "'\\''")}'`,
      ].join('\n');
    case 'python':
      return [
        'import os',
        'from openai import OpenAI',
        '',
        `client = OpenAI(base_url=${JSON.stringify(baseUrl)}, api_key=os.environ["PENIN_API_KEY"])`,
        'reply = client.chat.completions.create(',
        `    model=${m},`,
        '    messages=[{"role": "user", "content": "Hello"}],',
        ')',
        'print(reply.choices[0].message.content)',
      ].join('\n');
    case 'node':
      return [
        "import OpenAI from 'openai';",
        '',
        `const client = new OpenAI({ baseURL: ${JSON.stringify(baseUrl)}, apiKey: process.env.PENIN_API_KEY });`,
        'const reply = await client.chat.completions.create({',
        `  model: ${m},`,
        "  messages: [{ role: 'user', content: 'Hello' }],",
        '});',
        'console.log(reply.choices[0].message.content);',
      ].join('\n');
  }
}
