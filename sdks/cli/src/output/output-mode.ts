/** JSON when asked (`--json`) or when stdout is not a terminal (a pipe, a file); tables for people. */
export function wantsJson(json: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  return json === true || !stream.isTTY;
}
