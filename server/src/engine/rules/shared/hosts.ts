// Host names and addresses in values: loopback, "every interface", and the host of a URL.

/** localhost, *.localhost, 127.0.0.0/8 and ::1 in its spellings: traffic that never leaves the machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (/^127(?:\.\d{1,3}){3}$/.test(h) || /^::ffff:127(?:\.\d{1,3}){3}$/.test(h)) return true;
  return h === '::1' || /^(?:0{1,4}:){7}0{0,3}1$/.test(h);
}

/** 0.0.0.0, :: and `*`: a listener on every interface (a client that dials it reaches the local machine). */
export function isUnspecifiedHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === '0.0.0.0' || h === '::' || h === '::0' || h === '*' || /^(?:0{1,4}:){7}0{1,4}$/.test(h);
}

/** The host of `scheme://[user@]host[:port]…`, brackets removed; undefined when the value is no URL. */
export function urlHost(url: string): string | undefined {
  const m = /^\s*[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?(\[[^\]]*\]|[^:/?#\s]*)/i.exec(url);
  return m ? m[1].replace(/^\[|\]$/g, '') : undefined;
}
