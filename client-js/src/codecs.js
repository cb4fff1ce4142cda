// The MIME type of an fMP4 init segment for MediaSource.addSourceBuffer, read from its
// sample descriptions: H.264's avcC gives profile, compatibility and level; an mp4a entry
// is AAC-LC (the server always encodes AAC-LC).
function find(bytes, fourcc, from = 0) {
  const [a, b, c, d] = [...fourcc].map((ch) => ch.charCodeAt(0));
  for (let i = from; i + 4 <= bytes.length; i += 1) {
    if (bytes[i] === a && bytes[i + 1] === b && bytes[i + 2] === c && bytes[i + 3] === d) return i;
  }
  return -1;
}

const hex = (byte) => byte.toString(16).padStart(2, "0").toUpperCase();

/** `video/mp4; codecs="avc1.PPCCLL, mp4a.40.2"`, or null when the segment holds no H.264. */
export function mimeTypeOfInit(bytes) {
  const avcC = find(bytes, "avcC");
  if (avcC < 0 || avcC + 8 > bytes.length) return null;
  const codecs = [`avc1.${hex(bytes[avcC + 5])}${hex(bytes[avcC + 6])}${hex(bytes[avcC + 7])}`];
  if (find(bytes, "mp4a") >= 0) codecs.push("mp4a.40.2");
  return `video/mp4; codecs="${codecs.join(", ")}"`;
}
