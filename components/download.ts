/** Saves text or a Blob as a file: a Blob behind an object URL, clicked through a temporary link. */
export function download(content: string | Blob, type: string, fileName: string) {
  const url = URL.createObjectURL(typeof content === 'string' ? new Blob([content], { type }) : content);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Firefox may still be reading the Blob right after the click: revoke later, not at once.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
