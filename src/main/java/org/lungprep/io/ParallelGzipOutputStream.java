package org.lungprep.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.lungprep.core.Parallel;

/**
 * A gzip stream compressed on all cores, as pigz does it: the data is cut into blocks of {@value #BLOCK} bytes, each
 * block is deflated on its own with the 32 KiB before it as its dictionary and ends byte-aligned (a sync flush), and
 * the pieces follow each other as one deflate stream in one gzip member. Any gzip reader reads it, and the bytes do not
 * depend on the number of threads. Blocks are compressed a group at a time, so memory stays near {@value #GROUP} bytes.
 * <p>
 * Closing finishes the gzip member and closes the underlying stream.
 */
public final class ParallelGzipOutputStream extends OutputStream {

	static final int BLOCK = 1 << 20, GROUP = 8 * BLOCK;
	private static final int WINDOW = 32 * 1024;

	private final OutputStream out;
	private final int level;
	private final byte[] buffer = new byte[GROUP];
	private int filled;
	/** the last bytes before the buffer's start, the first block's dictionary */
	private byte[] before = new byte[0];
	private final CRC32 crc = new CRC32();
	private long total;
	private boolean closed;

	/**
	 * @param out where the gzip bytes go
	 * @param level deflate level, 1 (fastest) to 9
	 * @throws IOException when the header cannot be written
	 */
	public ParallelGzipOutputStream(final OutputStream out, final int level) throws IOException {
		if (level < 1 || level > 9) throw new IllegalArgumentException("deflate level must be 1 to 9, got " + level);
		this.out = out;
		this.level = level;
		// magic, deflate, no flags, no time, no extra flags, unknown OS
		out.write(new byte[] { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255 });
	}

	@Override
	public void write(final int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(final byte[] b, int off, int len) throws IOException {
		if (closed) throw new IOException("stream closed");
		while (len > 0) {
			final int n = Math.min(len, GROUP - filled);
			System.arraycopy(b, off, buffer, filled, n);
			filled += n;
			off += n;
			len -= n;
			if (filled == GROUP) compress(false);
		}
	}

	/** Deflates the buffered group, its blocks in parallel, and writes the pieces in order. */
	private void compress(final boolean last) throws IOException {
		final int n = filled;
		final int blocks = Math.max(1, (n + BLOCK - 1) / BLOCK);
		final byte[][] pieces = new byte[blocks][];
		final byte[] previous = before;
		Parallel.forEach(blocks, i -> {
			final int from = i * BLOCK, to = Math.min(n, from + BLOCK);
			final Deflater d = new Deflater(level, true);
			try {
				// the window before this block: from the buffer, or for the first block the end of the last group
				if (from >= WINDOW) d.setDictionary(buffer, from - WINDOW, WINDOW);
				else if (from > 0 || previous.length > 0) d.setDictionary(dictionary(previous, from));
				d.setInput(buffer, from, to - from);
				final boolean end = last && i == blocks - 1;
				if (end) d.finish();
				byte[] o = new byte[(to - from) / 2 + 64];
				int len = 0;
				while (true) {
					if (len == o.length) o = Arrays.copyOf(o, 2 * o.length);
					final int space = o.length - len;
					final int k = end ? d.deflate(o, len, space) : d.deflate(o, len, space, Deflater.SYNC_FLUSH);
					len += k;
					// done: finished, or flushed with room to spare (a flush that fills the output may have more)
					if (end ? d.finished() : k < space) break;
				}
				pieces[i] = Arrays.copyOf(o, len);
			}
			finally {
				d.end();
			}
		});
		for (final byte[] p : pieces)
			out.write(p);
		crc.update(buffer, 0, n);
		total += n;
		// keep the window before the next group's first block
		if (n >= WINDOW) before = Arrays.copyOfRange(buffer, n - WINDOW, n);
		else {
			final byte[] b = Arrays.copyOf(previous, previous.length + n);
			System.arraycopy(buffer, 0, b, previous.length, n);
			before = b.length > WINDOW ? Arrays.copyOfRange(b, b.length - WINDOW, b.length) : b;
		}
		filled = 0;
	}

	/** The up to 32 KiB before position from of the buffer, made of the previous group's end and the buffer's start. */
	private byte[] dictionary(final byte[] previous, final int from) {
		final byte[] d = new byte[Math.min(WINDOW, previous.length + from)];
		final int fromPrevious = d.length - from;
		System.arraycopy(previous, previous.length - fromPrevious, d, 0, fromPrevious);
		System.arraycopy(buffer, 0, d, fromPrevious, from);
		return d;
	}

	@Override
	public void flush() throws IOException {
		out.flush();
	}

	@Override
	public void close() throws IOException {
		if (closed) return;
		closed = true;
		try {
			compress(true);
			final long c = crc.getValue();
			out.write(new byte[] { (byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24), (byte) total, (byte) (total >> 8), (byte) (total >> 16),
				(byte) (total >> 24) });
		}
		finally {
			out.close();
		}
	}
}
