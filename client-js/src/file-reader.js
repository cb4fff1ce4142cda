// Reads a File for the uploader in blocks of 4 MiB, so that the upload's frames (256 KiB)
// do not each pay for a File.slice().arrayBuffer() round trip.
const BLOCK = 4 * 1024 * 1024;

export class BlockReader {
  constructor(file, block = BLOCK) {
    Object.assign(this, { file, block, start: 0, bytes: new Uint8Array(0) });
  }

  async read(offset, length) {
    const end = offset + length;
    if (offset < this.start || end > this.start + this.bytes.length) {
      const blockEnd = Math.min(this.file.size, offset + Math.max(this.block, length));
      this.bytes = new Uint8Array(await this.file.slice(offset, blockEnd).arrayBuffer());
      this.start = offset;
    }
    if (end > this.start + this.bytes.length) throw new Error(`the file ended at ${this.start + this.bytes.length} bytes; it changed during the upload`);
    return this.bytes.subarray(offset - this.start, end - this.start);
  }
}
