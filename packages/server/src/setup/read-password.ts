import { readFile } from 'node:fs/promises';

/** The first line, without its line ending: `echo secret | …` and a file saved by an editor both work. */
const firstLine = (text: string): string => text.split(/\r?\n/, 1)[0] ?? '';

/**
 * Where create-admin takes the password from: a file (`--password-file`), else standard input,
 * asked for twice without echo on a terminal and read as a line when piped. Never argv, which
 * shell history and `ps` keep for anyone to read.
 */
export async function readPassword(options: { file?: string | undefined; input: NodeJS.ReadStream; output: NodeJS.WriteStream }): Promise<string> {
  if (options.file !== undefined) return firstLine(await readFile(options.file, 'utf8'));
  const { input, output } = options;
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    return firstLine(text);
  }
  const first = await promptHidden('Password: ', input, output);
  const again = await promptHidden('Repeat the password: ', input, output);
  if (first !== again) throw new Error('The two passwords differ');
  return first;
}

function promptHidden(prompt: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string> {
  output.write(prompt);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new Error('Cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on('data', onData);
  });
}
