// The one fontkit call we make (pdfkit accepts the parsed font it returns).
declare module "fontkit" {
  export function create(buffer: Buffer | Uint8Array, postscriptName?: string): { layout: (...args: unknown[]) => unknown };
}
